"""The Neo4j database the tests use: one of their own, never the user's data.

Without NEO4J_URI the session starts a throwaway server (csn.neo4j_local.throwaway) on free ports in a
temporary folder and deletes it afterwards, so the user's local server and its data folder are
never touched and two runs at once do not meet. With NEO4J_URI the tests use that database only if
it is empty (they empty it again when they end); if it holds anything they did not write, the run
stops before changing anything, unless the user sets CSN_TESTS_MAY_EMPTY_DATABASE=1.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import Neo4jError, ServiceUnavailable

from csn.graph.errors import StoreUnavailable
from csn.graph.neo4j_store import Neo4jStore, Settings
from csn.neo4j_local.server import Neo4jServerError
from csn.neo4j_local.throwaway import PASSWORD, Endpoints, ThrowawayServer

OPT_IN = "CSN_TESTS_MAY_EMPTY_DATABASE"
ENDPOINTS: list[Endpoints] = []  # the throwaway server of this session, once started


def refusal(settings: Settings, nodes: int) -> str:
    """Why the tests will not use a database that holds data they did not write."""
    return (
        f"the tests stopped before changing anything: database '{settings.database}' at "
        f"{settings.uri} holds {nodes} node{'s' if nodes != 1 else ''} that they did not write, "
        f"and they empty the database they use. Unset NEO4J_URI to test on a throwaway server, "
        f"or set {OPT_IN}=1 to let the tests empty this database."
    )


def node_count(settings: Settings) -> int:
    """Nodes in the database, read without writing anything (not even constraints)."""
    try:
        with GraphDatabase.driver(settings.uri, auth=(settings.username, settings.password)) as driver:
            records, _, _ = driver.execute_query(
                "MATCH (n) RETURN count(n) AS nodes", database_=settings.database
            )
    except (ServiceUnavailable, Neo4jError, ValueError) as error:
        raise StoreUnavailable(f"cannot use Neo4j at {settings.uri}: {error}") from None
    return int(records[0]["nodes"])


def _unavailable(error: Exception) -> None:
    if os.environ.get("CSN_REQUIRE_NEO4J") == "1":
        pytest.fail(f"Neo4j is required (CSN_REQUIRE_NEO4J=1): {error}")
    pytest.skip(f"no Neo4j server: {error}")


@contextmanager
def test_database() -> Iterator[Neo4jStore]:
    """A store on the session's own database; skips or fails (see above) without one."""
    if os.environ.get("NEO4J_URI"):
        settings = Settings.from_env()
        try:
            nodes = node_count(settings)
        except StoreUnavailable as error:
            _unavailable(error)
        if nodes and os.environ.get(OPT_IN) != "1":
            pytest.exit(refusal(settings, nodes), returncode=3)
        store = Neo4jStore(settings)
        try:
            yield store
        finally:
            store.clear()  # leave it empty, as it was given
            store.close()
        return

    server = ThrowawayServer()
    try:
        endpoints = server.start()
    except (Neo4jServerError, ValueError) as error:
        _unavailable(error)
    saved = {
        key: os.environ.get(key)
        for key in ("NEO4J_URI", "NEO4J_PASSWORD", "NEO4J_USERNAME", "NEO4J_DATABASE")
    }
    # Commands run by the tests (`csn ... --store neo4j`, Neo4jStore()) find the same server.
    os.environ.update(
        NEO4J_URI=endpoints.uri, NEO4J_PASSWORD=PASSWORD, NEO4J_USERNAME="neo4j", NEO4J_DATABASE="neo4j"
    )
    ENDPOINTS.append(endpoints)
    try:
        store = Neo4jStore(Settings.from_env())
        try:
            yield store
        finally:
            store.close()
    finally:
        ENDPOINTS.clear()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        server.stop()
