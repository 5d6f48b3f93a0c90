"""A user's files survive writers at once and writers killed mid-write (loaders/storage/user_files.py).

The decisions file is the one that matters most today: each test runs real `csn resolve`
processes, or real writer processes killed with SIGKILL, on a copy of the seed's decisions.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from csn.loaders.resolution.resolutions import HEADER, read_resolutions
from csn.loaders.storage.user_files import locked, replace, update_text
from csn.workspace.case import init
from tests.conftest import REPO, SEED


def curated_pairs(count: int) -> list[tuple[str, str]]:
    """`count` pairs of distinct curated ids, in a fixed order."""
    from csn.graph.model import Node
    from csn.loaders.curated.seed import load_seed

    ids = sorted(r.id for r in load_seed(SEED) if isinstance(r, Node))
    return [(ids[i], ids[i + 1]) for i in range(0, 2 * count, 2)]


def case_with_decisions(tmp_path: Path) -> Path:
    """A case folder whose decisions file holds the seed's 25 reviewed decisions and its header."""
    root = init(tmp_path / "case").root
    assert root is not None
    shutil.copyfile(SEED / "resolutions.yaml", root / "resolutions.yaml")
    return root


def resolve(case: Path, a: str, b: str, **env: str) -> subprocess.Popen:
    """`csn resolve A B --different` in the case folder `case`, started and not waited for."""
    command = [sys.executable, "-m", "csn", "resolve", a, b, "--different", "--workspace", str(case)]
    command += ["--by", "concurrency test", "--why", f"{a} and {b} are two entities"]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **env}
    )


@pytest.mark.parametrize("round_", range(3))
def test_twenty_decisions_at_once_are_all_recorded(tmp_path, round_):
    case = case_with_decisions(tmp_path)
    path = case / "resolutions.yaml"
    before = read_resolutions(path)
    header = path.read_text(encoding="utf-8").split("decisions:")[0]
    pairs = curated_pairs(20)
    # The case's store is built once, as a case in use has it kept (csn/workspace/built_store.py).
    warm = [sys.executable, "-m", "csn", "show", "JOH", "--workspace", str(case)]
    assert subprocess.run(warm, capture_output=True, timeout=300).returncode == 0
    processes = [resolve(case, a, b) for a, b in pairs]
    results = [(p.wait(timeout=300), *p.communicate()) for p in processes]
    assert [code for code, _, _ in results] == [0] * 20, [err[-600:] for code, _, err in results if code]
    after = read_resolutions(path)  # the file is valid
    assert after[: len(before)] == before  # every earlier decision, as it was, in its place
    assert {d.pair for d in after[len(before) :]} == {tuple(sorted(p)) for p in pairs}
    assert len(after) == len(before) + 20
    assert path.read_text(encoding="utf-8").startswith(header)  # the header comments too
    assert header.startswith("# ")


def test_decisions_from_many_threads_are_all_kept(tmp_path):
    path = tmp_path / "counter.txt"

    def add(n: int) -> None:
        for i in range(10):

            def added(text: str | None, line: str = f"{n}-{i}\n") -> str:
                return (text or "") + line

            update_text(path, added)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(path.read_text().splitlines()) == sorted(f"{n}-{i}" for n in range(8) for i in range(10))


# A writer that keeps rewriting the decisions file, each time with one decision more, writing each
# new version in small flushed pieces so that a kill lands while the temporary file is half written.
WRITER = """
import sys, time
from pathlib import Path
from csn.loaders.storage.user_files import locked, replace
from tests.loaders.storage.test_user_files import version

path = Path(sys.argv[1])
for n in range(int(sys.argv[2]), 10**6):
    content = version(n).encode()
    with locked(path):
        def write(stream):
            for start in range(0, len(content), 4096):
                stream.write(content[start:start + 4096])
                stream.flush()
                time.sleep(0.0005)
        replace(path, write)
    print(n, flush=True)
"""


def version(n: int) -> str:
    """The decisions file after the writer's n-th write: the header and n decisions."""
    decisions = "".join(
        f"  - a: person-{i}\n    b: entry-{i}\n    same: false\n    by: kill test\n"
        f"    date: '2026-12-07'\n    why: decision {i} of a file rewritten while it is killed\n"
        for i in range(n)
    )
    return HEADER + "decisions:\n" + decisions


def test_a_writer_killed_at_random_points_leaves_the_old_file_or_the_new(tmp_path):
    path = tmp_path / "resolutions.yaml"
    path.write_text(version(600), encoding="utf-8")
    chance = random.Random(20)
    for _ in range(8):
        start = len(read_resolutions(path))  # the file loads after every kill
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(start + 1)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        assert writer.stdout is not None
        writer.stdout.readline()  # it has written once, so its writes are under way
        time.sleep(chance.uniform(0.0, 0.3))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        decisions = read_resolutions(path)
        assert path.read_text(encoding="utf-8") == version(len(decisions)), "not a whole version"
        assert len(decisions) > start
    leftovers = list(tmp_path.glob(".resolutions.yaml.*.partial"))
    update_text(path, lambda text: text or "")  # the next writer clears what killed ones left
    assert not list(tmp_path.glob(".resolutions.yaml.*.partial")), leftovers


HOLDER = """
import sys
from pathlib import Path
from csn.loaders.storage.user_files import locked

with locked(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def hold(path: Path) -> subprocess.Popen:
    """A process holding the lock of `path` until a line is sent to it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def test_a_writer_waits_for_the_one_holding_the_file_then_succeeds(tmp_path):
    case = case_with_decisions(tmp_path)
    path = case / "resolutions.yaml"
    before = path.read_text(encoding="utf-8")
    holder = hold(path)
    waiting = resolve(case, "daniel-ortega", "tren-de-aragua")
    assert waiting.stderr is not None
    line = waiting.stderr.readline()
    assert line == f"Waiting for another csn command to finish changing {path} ...\n"
    assert waiting.poll() is None and path.read_text(encoding="utf-8") == before
    holder.communicate("done\n", timeout=60)
    assert waiting.wait(timeout=120) == 0, waiting.stderr.read()
    assert ("daniel-ortega", "tren-de-aragua") in {d.pair for d in read_resolutions(path)}


def test_a_writer_that_cannot_get_the_file_says_so_and_changes_nothing(tmp_path):
    case = case_with_decisions(tmp_path)
    path = case / "resolutions.yaml"
    before = path.read_text(encoding="utf-8")
    holder = hold(path)
    try:
        refused = resolve(case, "daniel-ortega", "tren-de-aragua", CSN_LOCK_TIMEOUT="1")
        _, err = refused.communicate(timeout=120)
    finally:
        holder.communicate("done\n", timeout=60)
    assert refused.returncode == 1
    assert err.splitlines()[-1] == (
        f"Error: {path} is being changed by another csn command, still after 1 s; "
        "nothing was changed: try again when it has finished"
    )
    assert path.read_text(encoding="utf-8") == before


def test_the_lock_is_released_when_the_change_fails(tmp_path):
    path = tmp_path / "file.txt"
    path.write_text("kept\n")

    def refuse(text: str | None) -> str:
        raise ValueError("no")

    with pytest.raises(ValueError):
        update_text(path, refuse)
    assert path.read_text() == "kept\n"
    with locked(path, timeout=0):  # free again at once
        pass


def test_a_file_removed_while_others_replace_it_does_not_fail_them(tmp_path):
    # As the kept store is: commands that built the same store write it, while a command that
    # built a newer one removes it. Each writer must end with its own file or none, never fail.
    target = tmp_path / "store.pickle"
    failures: list[BaseException] = []
    done = threading.Event()

    def write() -> None:
        try:
            for _ in range(300):
                replace(target, lambda stream: stream.write(b"built"))
        except BaseException as error:
            failures.append(error)

    def remove() -> None:
        while not done.is_set():
            target.unlink(missing_ok=True)

    writers = [threading.Thread(target=write) for _ in range(3)]
    remover = threading.Thread(target=remove)
    remover.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join(60)
    done.set()
    remover.join(10)
    assert failures == []
    assert not list(tmp_path.glob("*.partial"))
