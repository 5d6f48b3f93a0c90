"""The records cache: a current cache gives the records back, any change to an input rebuilds them."""

from __future__ import annotations

import os

from csn.graph.model import Node
from csn.loaders.storage.records_cache import cached


def test_a_current_cache_is_used_and_a_changed_input_rebuilds(tmp_path):
    source = tmp_path / "input.txt"
    source.write_text("one")
    built = []

    def build():
        built.append(source.read_text())
        return [Node(f"n-{len(built)}", "Person", source.read_text())]

    first = cached([source], build, tmp_path / "cache")
    assert cached([source], build, tmp_path / "cache") == first and built == ["one"]
    source.write_text("two!")
    os.utime(source, ns=(1, 1))
    assert cached([source], build, tmp_path / "cache") == [Node("n-2", "Person", "two!")]
    assert len(list((tmp_path / "cache").glob("records-*.pickle"))) == 1  # the stale file is gone


def test_a_damaged_cache_file_is_rebuilt(tmp_path):
    source = tmp_path / "input.txt"
    source.write_text("one")
    cached([source], lambda: [Node("a", "Person", "A")], tmp_path)
    (damaged,) = tmp_path.glob("records-*.pickle")
    damaged.write_bytes(b"not a pickle")
    assert cached([source], lambda: [Node("b", "Person", "B")], tmp_path) == [Node("b", "Person", "B")]
