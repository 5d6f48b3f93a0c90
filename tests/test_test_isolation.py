"""The tests never change data they did not write: a database holding user data is refused."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from neo4j import GraphDatabase

from csn.graph.neo4j_store import Settings
from csn.neo4j_local import server
from csn.neo4j_local.throwaway import PASSWORD, ThrowawayServer
from tests.conftest import REPO
from tests.database import refusal


def test_the_refusal_names_the_database_and_both_ways_out():
    settings = Settings("bolt://db.example:7687", "neo4j", "secret", "casework")
    assert refusal(settings, 1) == (
        "the tests stopped before changing anything: database 'casework' at "
        "bolt://db.example:7687 holds 1 node that they did not write, and they empty the database "
        "they use. Unset NEO4J_URI to test on a throwaway server, or set "
        "CSN_TESTS_MAY_EMPTY_DATABASE=1 to let the tests empty this database."
    )


@pytest.mark.neo4j
def test_a_database_with_user_data_survives_a_test_run_untouched(neo4j_store):
    """A second server holds an investigator's node; a test run pointed at it stops and changes
    nothing (not the node, not even a constraint)."""
    with ThrowawayServer() as user_server:
        uri = user_server.endpoints.uri
        with GraphDatabase.driver(uri, auth=("neo4j", PASSWORD)) as driver:
            driver.execute_query(
                "CREATE (:Case {id: 'case-1', name: 'Informant notes', note: $note})",
                note="do not delete",
            )
            env = {
                **os.environ,
                "NEO4J_URI": uri,
                "NEO4J_PASSWORD": PASSWORD,
                "NEO4J_USERNAME": "neo4j",
                "NEO4J_DATABASE": "neo4j",
                "CSN_REQUIRE_NEO4J": "1",
            }
            env.pop("CSN_TESTS_MAY_EMPTY_DATABASE", None)
            run = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    "tests/queries/test_queries.py",
                    "tests/graph/test_neo4j_store.py",
                ],
                cwd=REPO,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            nodes, _, _ = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
            constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name")
    output = run.stdout + run.stderr
    assert run.returncode == 3, output
    expected = refusal(Settings(uri, "neo4j", PASSWORD, "neo4j"), 1)
    assert expected in " ".join(output.split()), output
    assert [(r["labels"], r["props"]) for r in nodes] == [
        (["Case"], {"id": "case-1", "name": "Informant notes", "note": "do not delete"})
    ]
    assert constraints == []


def test_the_throwaway_server_is_not_the_local_one(neo4j_store):
    from tests.database import ENDPOINTS

    if not ENDPOINTS:
        pytest.skip("NEO4J_URI names the test database")
    assert ENDPOINTS[0].bolt_port != server._port(server.HOME, "bolt", 7687)
    assert not str(neo4j_store.settings.uri).endswith(":7687")
