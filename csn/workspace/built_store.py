"""The embedded store kept between commands: built once, read back while nothing it was built from
has changed.

A command on a case with large kept imports would otherwise parse every input and fill networkx
again each time (16.7 s with a million FtM entities kept). So the built MemoryStore is pickled in
the case's `.csn/cache/` (without a case, in the user's cache folder, `$XDG_CACHE_HOME/csn`, else
`~/.cache/csn`), under a key made of every input file's path, size and modification time and of
every file of csn's own code (any change to any module or to the schema misses the cache). A cache
file that is stale, damaged or unsigned is built again and replaced; the cache only ever saves
time, it never decides what the graph holds.

Why reading a pickle is safe here: unpickling runs code the file names, so csn reads only files it
wrote itself, for this user. Each file is signed with HMAC-SHA256 under a secret key kept outside
every case (`$XDG_CONFIG_HOME/csn/cache.key`, else `~/.config/csn/cache.key`, readable by the user
alone), and the signature is checked before a byte is unpickled. A case folder received from
someone else (with their `.csn/`), or a cache file changed by hand, fails the check and is rebuilt
from the case's own files; only someone who can already read the user's key, and so write as the
user, could forge one.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> built = []
>>> def build():
...     built.append(1)
...     return MemoryStore()
>>> store = load_or_build([], build, folder, key_file=folder / "key")
>>> store = load_or_build([], build, folder, key_file=folder / "key")
>>> len(built)
1
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx

from csn import PACKAGE
from csn.graph.collector import collector_paused, keep_until_exit
from csn.graph.memory_store import MemoryStore
from csn.loaders.storage import user_files

PREFIX = "store-"
SIGNATURE_BYTES = 32  # HMAC-SHA256


def user_folder(variable: str, default: str) -> Path:
    """A folder of the user's from the XDG base directories (`$VARIABLE/csn`, else ~/DEFAULT/csn)."""
    base = os.environ.get(variable)
    return (Path(base) if base else Path.home() / default) / "csn"


def default_cache_folder() -> Path:
    """Where the built store of the built-in dataset is kept when no case is open."""
    return user_folder("XDG_CACHE_HOME", ".cache")


def default_key_file() -> Path:
    return user_folder("XDG_CONFIG_HOME", ".config") / "cache.key"


def code_files() -> list[Path]:
    """Every file of csn's own code and schema: a change to any of them misses the cache."""
    found = []
    for folder, subfolders, names in os.walk(PACKAGE, followlinks=True):
        subfolders[:] = [s for s in subfolders if s not in ("seed", "__pycache__")]  # data, not code
        found += [Path(folder) / n for n in names if n.endswith((".py", ".yaml"))]
    return sorted(found)


def fingerprint(inputs: Iterable[Path]) -> str:
    """A key that changes when any input or any code file changes (path, size, modification), or
    the version of Python or networkx, whose objects and formats the pickle holds."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version}\0{networkx.__version__}\n".encode())
    for path in [*sorted(Path(p).resolve() for p in inputs), *code_files()]:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def signing_key(key_file: Path) -> bytes:
    """The user's secret key for signing cache files, made (readable by the user alone) if absent."""
    try:
        return key_file.read_bytes()
    except FileNotFoundError:
        pass
    key_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another command made it meanwhile
        return key_file.read_bytes()
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(secrets.token_bytes(32))
    return key_file.read_bytes()


def load_or_build(
    inputs: Iterable[Path],
    build: Callable[[], MemoryStore],
    folder: Path,
    key_file: Path | None = None,
) -> MemoryStore:
    """The store `build` makes from `inputs`, read from `folder` when a signed, current copy is
    there; otherwise built, kept there (replacing older copies) and returned."""
    key = signing_key(key_file or default_key_file())
    path = folder / f"{PREFIX}{fingerprint(inputs)}.pickle"
    store = _read(path, key)
    if store is None:
        store = build()
        _keep(store, path, key)
    keep_until_exit()
    return store


def _keep(store: MemoryStore, path: Path, key: bytes) -> None:
    """Write `store` to `path`, signed, and remove the copies kept under other keys."""
    with collector_paused():
        payload = pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL)
    signature = hmac.new(key, payload, hashlib.sha256).digest()
    user_files.replace(path, lambda handle: (handle.write(signature), handle.write(payload)))
    for old in path.parent.glob(f"{PREFIX}*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


def _read(path: Path, key: bytes) -> MemoryStore | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    signature, payload = data[:SIGNATURE_BYTES], data[SIGNATURE_BYTES:]
    if not hmac.compare_digest(signature, hmac.new(key, payload, hashlib.sha256).digest()):
        return None  # not written by csn for this user: never unpickled
    try:
        with collector_paused():
            store = pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return store if isinstance(store, MemoryStore) else None
