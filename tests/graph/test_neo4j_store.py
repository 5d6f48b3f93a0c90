"""Neo4j-specific behaviour: idempotent and concurrent loads, hostile text, clear errors."""

import subprocess
import sys
import threading

import pytest

from csn.graph.errors import Conflict, NotFound, SchemaError, StoreUnavailable
from csn.graph.memory_store import MemoryStore
from csn.graph.model import Citation, Edge, Node, normalise_name
from csn.graph.neo4j_store import Neo4jStore, Settings, quoted
from tests.conftest import FIXTURE

pytestmark = pytest.mark.neo4j


# The one source that the small hand-made graphs below cite.
SOURCE = Node(
    "src", "Source", "T", {"publisher": "P", "title": "T", "date": "2024", "url": "https://example.org"}
)


def snapshot(store):
    nodes = sorted((n.label, n.id, sorted(n.properties.items(), key=str)) for n in store.all_nodes())
    return store.counts(), nodes, list(store.all_edges())


def test_loading_twice_leaves_the_same_graph(neo4j_store, seed_records):
    neo4j_store.clear()
    neo4j_store.loaded = None
    neo4j_store.write(seed_records)
    first = snapshot(neo4j_store)
    neo4j_store.write(seed_records, batch_size=7)
    assert snapshot(neo4j_store) == first
    assert first[0] == (
        sum(isinstance(r, Node) for r in seed_records),
        sum(isinstance(r, Edge) for r in seed_records),
    )
    neo4j_store.loaded = "seed"


def test_two_loads_at_once_duplicate_nothing(neo4j_store, seed_records):
    neo4j_store.clear()
    neo4j_store.loaded = None
    errors = []

    def load():
        store = Neo4jStore()
        try:
            store.write(seed_records, batch_size=50)
        except Exception as error:  # surfaced below, with the thread's result
            errors.append(error)
        finally:
            store.close()

    threads = [threading.Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    expected = (
        sum(isinstance(r, Node) for r in seed_records),
        sum(isinstance(r, Edge) for r in seed_records),
    )
    assert neo4j_store.counts() == expected
    neo4j_store.loaded = "seed"


def test_batches_sent_in_many_chunks_load_the_same_graph(neo4j_store, seed_records, monkeypatch):
    """A batch is one transaction of several pipelined statements; the result must not change."""
    neo4j_store.clear()
    neo4j_store.loaded = None
    neo4j_store.write(seed_records)
    whole = snapshot(neo4j_store)
    neo4j_store.clear()
    monkeypatch.setattr(neo4j_store, "chunk_rows", 3)
    neo4j_store.write(seed_records, batch_size=40)
    assert snapshot(neo4j_store) == whole
    neo4j_store.loaded = "seed"


def test_edges_to_unknown_nodes_write_nothing_on_both_stores(neo4j_store, monkeypatch):
    neo4j_store.clear()
    neo4j_store.loaded = None
    people = [Node(f"p{i}", "Person", f"P {i}") for i in range(8)]
    citation = (Citation("src", "says so"),)
    edges = [
        Edge(f"e{i}", "FAMILY_OF", "p0", f"p{i}" if i % 2 else f"ghost{i}", "reported", citation)
        for i in range(1, 8)
    ]
    late = Node("late", "Person", "Written with the bad edges")
    monkeypatch.setattr(neo4j_store, "chunk_rows", 2)
    memory = MemoryStore()
    for store in (memory, neo4j_store):
        store.write([SOURCE, *people])
        with pytest.raises(NotFound) as caught:
            store.write([late, *edges])
        assert str(caught.value) == "edges join unknown nodes, so nothing was written: e2, e4, e6"
        assert store.counts() == (9, 0)


def test_a_batch_that_misses_a_node_is_rolled_back(neo4j_store, monkeypatch):
    """The guard inside the transaction, for a node deleted between the check and the write."""
    neo4j_store.clear()
    neo4j_store.loaded = None
    people = [Node(f"p{i}", "Person", f"P {i}") for i in range(3)]
    neo4j_store.write([SOURCE, *people])
    edges = [
        Edge(f"e{i}", "FAMILY_OF", "p0", end, "reported", (Citation("src", "says so"),))
        for i, end in enumerate(["p1", "p2", "gone"])
    ]
    monkeypatch.setattr(neo4j_store, "chunk_rows", 1)
    with pytest.raises(NotFound, match=r"^1 of 3 rows matched no nodes$"):
        neo4j_store._write_batch(neo4j_store.edge_merge("FAMILY_OF"), edges)
    assert neo4j_store.counts() == (4, 0)


def test_a_node_written_twice_in_one_load_keeps_its_last_record_on_both_stores(neo4j_store):
    neo4j_store.clear()
    neo4j_store.loaded = None
    first = Node("p1", "Person", "First name")
    last = Node("p1", "Person", "Last name", {"aliases": ["L."]})
    records = [first, Node("p2", "Person", "Someone else"), last]
    memory = MemoryStore()
    for store in (memory, neo4j_store):
        store.write(records)
        assert store.node("p1") == last
        assert store.counts() == (2, 0)
    assert list(memory.all_nodes()) == list(neo4j_store.all_nodes())


def test_a_node_written_again_under_another_label_keeps_only_the_new_one_on_both_stores(neo4j_store):
    neo4j_store.clear()
    neo4j_store.loaded = None
    memory = MemoryStore()
    corrected = Node("x", "CriminalGroup", "X gang")
    for store in (memory, neo4j_store):
        store.write([Node("x", "Company", "X Corp", {"aliases": ["X"]})])
        store.write([corrected])
        assert store.node("x") == corrected
        assert store.ids_with_labels(["Company"]) == []
        assert store.counts() == (1, 0)


HOSTILE = [
    'quote\'s "double"',
    "back`tick`) DETACH DELETE n //",
    "brace {id: 'x'} $param",
    "MATCH (n) DETACH DELETE n",
    "// comment */ /* RETURN 1",
]


def test_hostile_ids_and_names_are_plain_text(neo4j_store):
    neo4j_store.clear()
    neo4j_store.loaded = None
    nodes = [Node(text, "Person", text, {"aliases": [text]}) for text in HOSTILE]
    group = Node("g", "CriminalGroup", "G")
    edges = [
        Edge(
            f"e{i}`//",
            "MEMBER_OF",
            node.id,
            "g",
            "reported",
            (Citation("src", node.name),),
            properties={"role": node.name},
        )
        for i, node in enumerate(nodes)
    ]
    neo4j_store.write([SOURCE, group, *nodes, *edges])
    assert neo4j_store.counts() == (len(nodes) + 2, len(edges))
    for node, edge in zip(nodes, edges, strict=True):
        assert neo4j_store.node(node.id) == node
        assert neo4j_store.find_by_key(normalise_name(node.name)) == [node]
        assert neo4j_store.edges([edge.id]) == {edge.id: edge}
    assert neo4j_store.find_containing("detach delete") == sorted(
        [n for n in nodes if "detach delete" in normalise_name(n.name)], key=lambda n: n.id
    )


def test_labels_and_types_come_only_from_the_schema():
    assert quoted("Person") == "`Person`"
    with pytest.raises(SchemaError):
        quoted("Person` {x: 1}) DETACH DELETE n //")


@pytest.mark.parametrize("case", ["down", "wrong password", "unknown database"])
def test_connection_errors_are_one_clear_line(neo4j_store, case):
    s = neo4j_store.settings
    settings, message = {
        "down": (
            Settings("bolt://localhost:7699", "neo4j", "x" * 8, "neo4j"),
            "cannot reach Neo4j at bolt://localhost:7699: start it with 'csn neo4j start' or set NEO4J_URI",
        ),
        "wrong password": (
            Settings(s.uri, "neo4j", "wrong-password", "neo4j"),
            f"Neo4j at {s.uri} refused the password for user 'neo4j': set NEO4J_USERNAME and NEO4J_PASSWORD",
        ),
        "unknown database": (
            Settings(s.uri, s.username, s.password, "nope"),
            f"Neo4j at {s.uri} has no database 'nope': set NEO4J_DATABASE",
        ),
    }[case]
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(settings)
    assert str(caught.value) == message


def test_cli_connection_error_has_no_traceback(neo4j_store):
    env = {"NEO4J_URI": "bolt://localhost:7699", "PATH": ""}
    run = subprocess.run(
        [sys.executable, "-m", "csn", "trace", "--store", "neo4j"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 1
    assert (
        run.stderr == "Error: cannot reach Neo4j at bolt://localhost:7699: "
        "start it with 'csn neo4j start' or set NEO4J_URI\n"
    )


def test_load_replace_drops_facts_removed_from_the_files(neo4j_store, tmp_path):
    """A fact deleted from a seed file stays after a plain reload and goes with --replace."""
    neo4j_store.loaded = None
    text = FIXTURE.read_text(encoding="utf-8")
    removed = (
        "  - {from: ex-official, type: LEADS, to: smugglers, status: alleged, valid_from: 2020,\n"
        '     sources: [{source: src-paper, says: "said to run the network"}]}\n'
    )
    assert text.endswith(removed)
    edited = tmp_path / "network.yaml"
    edited.write_text(text[: -len(removed)], encoding="utf-8")

    def load(path, *flags):
        run = subprocess.run(
            [sys.executable, "-m", "csn", "load", "--store", "neo4j", "--seed", str(path), *flags],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        return run.stdout

    neo4j_store.clear()
    load(FIXTURE)
    full = neo4j_store.counts()
    assert load(edited).endswith(f"it holds {full[0]} nodes and {full[1]} edges.\n")
    gone = "ex-official--leads--smugglers--2020"
    assert list(neo4j_store.edges([gone])) == [gone]
    assert load(edited, "--replace").endswith(f"it holds {full[0]} nodes and {full[1] - 1} edges.\n")
    assert neo4j_store.edges([gone]) == {}


def test_an_edge_id_moved_to_other_ends_is_a_clear_conflict(neo4j_store):
    neo4j_store.clear()
    neo4j_store.loaded = None
    people = [Node(p, "Person", p.upper()) for p in "abc"]
    citation = (Citation("src", "says so"),)
    neo4j_store.write([SOURCE, *people, Edge("e1", "FAMILY_OF", "a", "b", "reported", citation)])
    moved = [
        Edge("e2", "FAMILY_OF", "b", "c", "reported", citation),
        Edge("e1", "FAMILY_OF", "a", "c", "reported", citation),
    ]
    with pytest.raises(Conflict) as caught:
        neo4j_store.write(moved)
    assert "'e1'" in str(caught.value)
    assert str(caught.value).endswith(
        ": the files give that id to an edge with other ends. Nothing of this batch was written; "
        "'csn load --store neo4j --replace' loads the files afresh"
    )
    assert [(e.id, e.from_id, e.to_id) for e in neo4j_store.all_edges()] == [("e1", "a", "b")]
