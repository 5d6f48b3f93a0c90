"""`csn serve`: every page's JSON form is what the matching command prints with --format json,
the command refuses an address other than loopback without a token, and it serves at the
address it prints."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from csn.cli.main import cli
from csn.web.app import make_app
from csn.web.workbench import Workbench
from tests.web.conftest import with_lists

FORMS = [
    ("/entity/daniel-ortega.json?as_of=2024-01-01", ["profile", "daniel-ortega", "--as-of", "2024-01-01"]),
    (
        "/entity/nicolas-maduro.json?min_status=charged",
        ["profile", "nicolas-maduro", "--min-status", "charged"],
    ),
    ("/connect.json?a=JOH&b=Tren+de+Aragua&k=3", ["connect", "JOH", "Tren de Aragua", "-k", "3"]),
    (
        "/trace.json?from=daniel-ortega&min_status=reported",
        ["trace", "--from", "daniel-ortega", "--min-status", "reported"],
    ),
    (
        "/trace.json?corridor=managua-air-bridge&as_of=2023-10-01",
        ["trace", "--corridor", "managua-air-bridge", "--as-of", "2023-10-01"],
    ),
    ("/corridor.json?corridor=darien-overland-route", ["corridor", "darien-overland-route"]),
    ("/brokers.json?top=5&max_hops=3", ["brokers", "--top", "5", "--max-hops", "3"]),
    ("/claims.json", ["analyse", "claims"]),
    ("/review.json", ["resolve"]),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A case with lists kept (pairs to review), the workbench on it, and $CSN_WORKSPACE naming it."""
    from csn.workspace.case import ENVIRONMENT, init

    case = with_lists(init(tmp_path_factory.mktemp("served") / "case"))
    bench = Workbench(case, warm=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENVIRONMENT, str(case.root))
        yield TestClient(make_app(bench))
    bench.close()


@pytest.mark.parametrize(("url", "command"), FORMS, ids=[c[0] for _, c in FORMS])
def test_each_json_form_is_the_commands_json(served, url, command):
    printed = CliRunner().invoke(cli, [*command, "--format", "json"], catch_exceptions=False)
    assert printed.exit_code == 0, printed.output
    answer = served.get(url)
    assert answer.status_code == 200
    assert answer.text == printed.output.rstrip("\n")


def test_serve_refuses_another_address_without_a_token():
    done = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"], env={"CSN_SERVE_TOKEN": ""})
    assert done.exit_code != 0
    assert isinstance(done.exception, Exception) and "loopback" in str(done.exception)


def test_the_command_says_so_in_one_error_line():
    env = {k: v for k, v in os.environ.items() if k != "CSN_SERVE_TOKEN"}
    run = subprocess.run(
        [sys.executable, "-m", "csn", "serve", "--host", "0.0.0.0", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr.strip() == (
        "Error: 0.0.0.0 is not this machine's loopback address, so others could reach the workbench: "
        "set a token with --token or $CSN_SERVE_TOKEN (at least 16 characters)"
    )


def test_serve_prints_its_address_and_serves_the_article_graph():
    child = subprocess.Popen(
        [sys.executable, "-m", "csn", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        lines = []
        while not lines or not lines[-1].startswith("Serving"):
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else ""
            lines.append(line.strip())
        url = lines[-1].split(" at ", 1)[1].split(" ", 1)[0]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        with urllib.request.urlopen(url + "entity/juan-orlando-hernandez", timeout=30) as page:
            html = page.read().decode()
        assert "Juan Orlando Hernández" in html and page.headers["Content-Security-Policy"]
    finally:
        child.terminate()
        child.wait(timeout=30)
