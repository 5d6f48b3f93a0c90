"""The embedded store kept between commands (csn/workspace/built_store.py): read back only while
nothing changed, and only when csn signed it for this user."""

from __future__ import annotations

import os
import pickle

from csn.graph.memory_store import MemoryStore
from csn.graph.model import Citation, Edge, Node
from csn.workspace.built_store import PREFIX, SIGNATURE_BYTES, load_or_build

RECORDS = [
    Node("a", "Person", "Ana", {"aliases": ["La Jefa"]}),
    Node("b", "CriminalGroup", "Río Cartel"),
    Edge("a--b", "COLLUDES_WITH", "a", "b", "alleged", (Citation("s", "says so"),), "2020", None, {}),
]


def builder(log: list[str], records=RECORDS):
    def build() -> MemoryStore:
        log.append("built")
        store = MemoryStore()
        store.write(records)
        return store

    return build


def test_a_current_copy_is_read_back_with_every_record_and_index(tmp_path):
    source, log = tmp_path / "facts.yaml", []
    source.write_text("x")
    first = load_or_build([source], builder(log), tmp_path / "cache", tmp_path / "key")
    again = load_or_build([source], builder(log), tmp_path / "cache", tmp_path / "key")
    assert log == ["built"]
    assert sorted(again.all_nodes(), key=lambda n: n.id) == sorted(first.all_nodes(), key=lambda n: n.id)
    assert list(again.all_edges()) == [RECORDS[2]]
    assert [n.id for n in again.find_by_key("la jefa")] == ["a"]
    assert oct((tmp_path / "key").stat().st_mode & 0o777) == "0o600"


def test_a_changed_input_builds_again_and_replaces_the_old_copy(tmp_path):
    source, log = tmp_path / "facts.yaml", []
    source.write_text("x")
    load_or_build([source], builder(log), tmp_path / "cache", tmp_path / "key")
    source.write_text("xy")
    changed = load_or_build([source], builder(log, RECORDS[:1]), tmp_path / "cache", tmp_path / "key")
    assert log == ["built", "built"] and changed.counts() == (1, 0)
    assert len(list((tmp_path / "cache").glob(f"{PREFIX}*.pickle"))) == 1


def test_a_copy_not_signed_with_the_users_key_is_never_unpickled(tmp_path):
    source, log = tmp_path / "facts.yaml", []
    source.write_text("x")
    load_or_build([source], builder(log), tmp_path / "cache", tmp_path / "key")
    (kept,) = (tmp_path / "cache").glob(f"{PREFIX}*.pickle")
    marker = tmp_path / "ran"

    class Payload:  # what a hostile pickle does when it is read: runs code
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    forged = pickle.dumps(Payload())
    for signature in (kept.read_bytes()[:SIGNATURE_BYTES], b"\0" * SIGNATURE_BYTES):  # another's, or none
        kept.write_bytes(signature + forged)
        rebuilt = load_or_build([source], builder(log), tmp_path / "cache", tmp_path / "key")
        assert not marker.exists() and rebuilt.counts() == (2, 1)
    # A case received with someone else's cache, signed with their key: rebuilt from the files too.
    load_or_build([source], builder(log), tmp_path / "theirs", tmp_path / "their-key")
    for theirs in (tmp_path / "theirs").glob(f"{PREFIX}*.pickle"):
        kept.write_bytes(theirs.read_bytes())
    load_or_build([source], builder(log), tmp_path / "cache", tmp_path / "key")
    assert log == ["built"] * 5


def test_a_damaged_copy_is_built_again(tmp_path):
    source, log = tmp_path / "facts.yaml", []
    source.write_text("x")
    load_or_build([source], builder(log), tmp_path / "cache", tmp_path / "key")
    (kept,) = (tmp_path / "cache").glob(f"{PREFIX}*.pickle")
    kept.write_bytes(kept.read_bytes()[:50])
    assert load_or_build([source], builder(log), tmp_path / "cache", tmp_path / "key").counts() == (2, 1)
    assert log == ["built", "built"]
