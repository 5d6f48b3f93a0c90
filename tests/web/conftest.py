"""Cases for the workbench's tests: one with two pairs awaiting a decision and a list of hostile
names imported (tests/fixtures/lists/ftm/review.ftm.json and hostile.ftm.json), and a client on it."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from csn.loaders.lists.ftm import read_ftm
from csn.web.app import make_app
from csn.web.workbench import Workbench
from csn.workspace.assembly import import_list
from csn.workspace.case import init
from tests.conftest import FIXTURES

REVIEW = FIXTURES / "lists" / "ftm" / "review.ftm.json"
HOSTILE = FIXTURES / "lists" / "ftm" / "hostile.ftm.json"


def import_fixture(case, path, publisher: str) -> None:
    listed = read_ftm(
        path, False, publisher=publisher, list_date="2024-06-01", url="https://example.org/list"
    )
    import_list(case, listed)


def with_lists(case):
    """The case with the review list (two pairs to decide) and the hostile list imported."""
    import_fixture(case, REVIEW, "Review Office")
    import_fixture(case, HOSTILE, "Evil <b>Press</b>")
    return case


@pytest.fixture
def listed_case(case):
    """A fresh case holding the seed, the review list and the hostile list (for tests that write)."""
    return with_lists(case)


@pytest.fixture
def workbench(listed_case):
    bench = Workbench(listed_case, warm=False)
    yield bench
    bench.close()


@pytest.fixture
def client(workbench):
    return TestClient(make_app(workbench))


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    """A client on a case of the module's own, for the tests that only read."""
    shared = with_lists(init(tmp_path_factory.mktemp("listed") / "case"))
    bench = Workbench(shared, warm=False)
    yield TestClient(make_app(bench))
    bench.close()


def csrf_of(html: str) -> str:
    """The CSRF token a page's decision forms carry."""
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, "the page has no decision form"
    return found.group(1)
