"""Pausing Python's cycle collector while a bulk write allocates.

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
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


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
