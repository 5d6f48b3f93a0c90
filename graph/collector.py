"""The cycle collector: paused while a bulk write allocates, and kept off what a one-command
process loaded.

Both stores allocate heavily in `write`: the Neo4j store builds half a million small dicts and
lists as parameter rows for 100,000 facts, the embedded store as many for networkx's adjacency.
Each allocation burst sets off the cycle collector, which walks every container the process
holds, the loaded records included, and finds nothing: none of these hold reference cycles.
Measured on benchmarks/load.py's 100k edges and their nodes: 0.98 s to build the Neo4j rows with
the collector on, 0.23 s with it paused (that benchmark prints both); the embedded store's whole
write, timed alternately in one process, took 1.03 s and 0.43 s.
Reference counting still frees everything; only the cycle search waits.

Pauses nest and may overlap across threads (two loads at once): the collector is enabled again
when the last pause ends, and only if it was enabled when the first began.

A process that runs one command and exits (csn's command line) also keeps what it loaded out of
the collector's reach: `keep_until_exit` moves every object it holds to the collector's permanent
generation (gc.freeze), so neither the next collections nor the interpreter's last one at exit
walk them again. Measured with a million FtM entities kept (500,591 nodes, 500,563 edges): after
the store is read back, the collector's first full pass took 2.9 s and the exit 5 to 9 s; frozen,
0.4 s at exit. Frozen objects are still freed when nothing refers to them, but a frozen cycle never
is, which is why only a one-command process freezes: a server or a test run that opens store
after store would keep every dropped one.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False
_one_command = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cycle collector off, as described above."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()


def run_as_one_command(one: bool = True) -> None:
    """Say whether this process runs one command and exits (`keep_until_exit` then freezes)."""
    global _one_command
    _one_command = one


def keep_until_exit() -> None:
    """In a one-command process, put everything now held out of the collector's reach (above)."""
    if _one_command:
        gc.freeze()
