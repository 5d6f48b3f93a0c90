"""The one way csn changes a user's file: locked, written beside, renamed over.

Decisions, kept imports (and, as they come, facts and configuration) are read, changed and
written back. Two commands doing that at once would each write what it read plus its own change,
and the second would drop the first's. So every such write goes through `update_text` or
`locked` plus `replace`:

- an exclusive lock on a hidden `.NAME.lock` file beside the target (the `filelock` package:
  `flock` on Unix) is held for the whole read-change-write, across processes and threads (each
  holder opens the lock file itself, and `flock` locks belong to the open file, not the process);
- the new content goes to a temporary file in the same folder, is flushed to disk (`fsync`), and
  is renamed over the target (`os.replace`, atomic on POSIX); the folder is synced too, so the
  rename survives a crash. A reader, locked or not, sees the old file or the new one, never a part.

A writer that finds the lock taken says so once on stderr (a warning of the `csn` logger, which
Python prints when nothing else is configured) and waits; one that cannot get it within `timeout`
seconds raises FileBusy and has changed nothing. The lock file is left in place: removing it would
let a waiter lock a file that is gone. A temporary file left by a writer that was killed is
removed by the next one to take the lock.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "notes.txt"
>>> update_text(path, lambda text: (text or "") + "first\\n")
>>> update_text(path, lambda text: (text or "") + "second\\n")
>>> path.read_text()
'first\\nsecond\\n'
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from csn.graph.errors import FileBusy

log = logging.getLogger("csn")
LOCK_TIMEOUT = float(os.environ.get("CSN_LOCK_TIMEOUT", "60"))  # seconds a writer waits for another


def lock_file(path: Path) -> Path:
    """The hidden file whose lock guards `path`."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock of `path` for the block. Raises FileBusy after `timeout` seconds
    (default `$CSN_LOCK_TIMEOUT`, else 60) if another writer still holds it."""
    import filelock  # when a file is written, not at every command's start

    wait = LOCK_TIMEOUT if timeout is None else timeout
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(lock_file(path), preserve_lock_file=True)
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        log.warning("Waiting for another csn command to finish changing %s ...", path)
        try:
            lock.acquire(timeout=wait)
        except filelock.Timeout:
            raise FileBusy(
                f"{path} is being changed by another csn command, still after {wait:g} s; "
                f"nothing was changed: try again when it has finished"
            ) from None
    try:
        for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.partial"):
            leftover.unlink(missing_ok=True)  # left by a writer that was killed
        yield
    finally:
        lock.release()


def replace(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Give `path` the content `write` puts in a binary file, all of it or none of it: written to a
    temporary file in the same folder, synced to disk and renamed over `path`. Hold `locked(path)`
    around the read-change-write this ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_of(path))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def update_text(path: Path, change: Callable[[str | None], str], timeout: float | None = None) -> None:
    """Replace the text of `path` with `change(text)`, where `text` is what the file holds once the
    lock is taken (None if it does not exist). `change` may raise to leave the file as it is.
    Raises FileBusy if another writer holds the file past `timeout`."""
    with locked(path, timeout):
        current = path.read_text(encoding="utf-8") if path.exists() else None
        new = change(current).encode("utf-8")
        replace(path, lambda stream: stream.write(new))


def _mode_of(path: Path) -> int:
    """The permissions `path` has, for its replacement (rw-r--r-- for a new file). Asked once:
    the file may be removed meanwhile (a kept store of an older key, by another command)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o644


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
