"""The workbench without a browser: every page, its JSON form and exports, the content policy,
CSRF and token refusals, the Host check, escaping of hostile names, and a decision recorded by
the review page and applied to the graph."""

from __future__ import annotations

import io
import json
import re
import zipfile

import networkx as nx
import pytest
from starlette.testclient import TestClient

from csn.graph.errors import CsnError
from csn.loaders.resolution.resolutions import read_resolutions
from csn.web.app import make_app
from csn.web.security import CSP, loopback_hosts
from csn.web.server import check_token
from tests.web.conftest import csrf_of

PAGES = [
    "/search?q=ortega",
    "/entity/daniel-ortega",
    "/connect?a=JOH&b=Tren+de+Aragua",
    "/trace?from=daniel-ortega",
    "/corridor?corridor=managua-air-bridge",
    "/brokers?top=3",
    "/imports",
    "/review",
    "/claims",
    "/connect",
    "/corridor",
    "/search",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_under_the_content_policy(reader, url):
    page = reader.get(url)
    assert page.status_code == 200, page.text[:500]
    assert page.headers["content-security-policy"] == CSP
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    html = page.text
    # No inline script runs (data blocks are JSON) and no style attribute needs 'unsafe-inline'.
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all('src="/static/' in s or 'type="application/json"' in s for s in scripts), scripts
    assert not re.search(r"\sstyle=", html) and " on" + "click=" not in html
    # Only links to sources point off the machine: nothing is loaded from elsewhere.
    assert not re.search(r'src="(https?:)?//', html) and not re.search(r'<link[^>]*href="(https?:)?//', html)
    json_form = reader.get(url.replace("?", ".json?", 1) if "?" in url else url + ".json")
    assert json_form.status_code == 200 and json_form.headers["content-type"].startswith("application/json")
    json.loads(json_form.text)


def test_the_policy_lets_nothing_leave_the_machine():
    rules = dict(rule.strip().split(" ", 1) for rule in CSP.split(";"))
    assert rules["default-src"] == "'none'"
    for kind in ("script-src", "style-src", "font-src", "connect-src", "form-action"):
        assert rules[kind] == "'self'", kind
    assert rules["img-src"] == "'self' data:" and rules["frame-ancestors"] == "'none'"


def test_static_files_are_served_by_csn_itself(reader):
    vis = reader.get("/static/vendor/vis-network.min.js")
    assert vis.status_code == 200 and "@license" in vis.text[:1000]  # pyvis's copy, with its licence
    assert "label-Person" in reader.get("/static/schema.css").text
    assert reader.get("/static/../app.py").status_code == 404
    assert reader.get("/static/nothing.js").status_code == 404


def search(reader, **params) -> list[str]:
    return [h["node"]["id"] for h in reader.get("/search.json", params=params).json()["hits"]]


def test_search_by_name_alias_id_reference_case_and_accents(reader):
    assert search(reader, q="ORTEGA SAAVEDRA")[:1] == ["ftm-review-ortega"]
    assert "ftm-review-ortega" in search(reader, q="josé daniel")
    assert "ftm-review-ortega" in search(reader, q="jose daniel")
    assert search(reader, q="RV-001") == ["ftm-review-ortega"]  # a list reference
    assert search(reader, q="daniel-ortega")[0] == "daniel-ortega"  # an id
    assert search(reader, q="JOH")[0] == "juan-orlando-hernandez"  # an alias
    assert search(reader, q="ortega", list="ftm:review_list") == ["ftm-review-ortega"]
    assert set(search(reader, q="ortega", label="Person")) >= {"daniel-ortega", "ftm-review-ortega"}
    assert search(reader, q="ortega", label="Country") == []


def test_a_name_redirects_to_the_entity_page_by_id(reader):
    moved = reader.get("/entity/JOH?as_of=2020-01-01", follow_redirects=False)
    assert (
        moved.status_code == 303
        and moved.headers["location"] == "/entity/juan-orlando-hernandez?as_of=2020-01-01"
    )
    json_moved = reader.get("/entity/JOH.json", follow_redirects=False)
    assert json_moved.headers["location"] == "/entity/juan-orlando-hernandez.json"


def test_the_entity_page_shows_listings_sources_timeline_neighbours_and_network(reader):
    html = reader.get("/entity/ftm-review-ortega").text
    assert "reference RV-001; list ftm:review_list" in html
    assert 'id="source-1"' in html and "Review Office" in html
    assert "<h2>Timeline</h2>" in html and "<h2>Neighbours</h2>" in html
    assert 'id="graph-data"' in html and '<div id="network"' in html


def test_the_controls_travel_in_the_address(reader):
    html = reader.get("/entity/daniel-ortega?as_of=2022-01-01&min_status=reported").text
    assert 'href="/trace?from=daniel-ortega&amp;as_of=2022-01-01&amp;min_status=reported"' in html
    assert '<option value="reported" selected>' in html and 'value="2022-01-01"' in html


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/entity/nobody", 404, "no entity named &#39;nobody&#39;"),
        ("/trace?as_of=2024-13-01", 400, "as-of date &#39;2024-13-01&#39; is not a date"),
        ("/connect?a=JOH&b=JOH", 400, "are the same entity"),
        ("/brokers?top=0", 400, "top must be from 1 to 100, not 0"),
        ("/review?show=all", 400, "show must be one of"),
    ],
)
def test_errors_are_said_on_the_page(reader, url, status, words):
    page = reader.get(url)
    assert page.status_code == status and words in page.text


def test_errors_in_json(reader):
    answer = reader.get("/connect.json", params={"a": "nobody", "b": "JOH"})
    assert answer.status_code == 404 and answer.json() == {"error": "no entity named 'nobody'"}


@pytest.mark.parametrize("fmt", ["html", "graphml", "gexf", "csv", "cyjs", "ftm"])
def test_every_export_of_a_page(reader, fmt, tmp_path):
    answer = reader.get(f"/entity/daniel-ortega/export.{fmt}")
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    body = answer.content
    if fmt == "graphml":
        (tmp_path / "g.graphml").write_bytes(body)
        assert "daniel-ortega" in nx.read_graphml(tmp_path / "g.graphml")
    elif fmt == "csv":
        names = zipfile.ZipFile(io.BytesIO(body)).namelist()
        assert sorted(names) == ["entity.edges.csv", "entity.nodes.csv"]
    elif fmt == "ftm":
        entities = [json.loads(line) for line in body.decode().splitlines()]
        assert any(e["id"] == "csn-daniel-ortega" for e in entities)
    elif fmt == "cyjs":
        assert json.loads(body)["elements"]["nodes"]
    elif fmt == "html":
        assert b'id="graph-data"' in body and "unsafe-inline" in answer.headers["content-security-policy"]
    else:
        assert body.startswith(b"<?xml")


def test_exports_of_the_path_pages(reader):
    for url in (
        "/connect/export.gexf?a=JOH&b=Tren+de+Aragua",
        "/trace/export.graphml?from=JOH",
        "/brokers/export.csv",
    ):
        assert reader.get(url).status_code == 200, url
    assert reader.get("/connect/export.gexf").status_code == 404  # nothing to export yet
    assert reader.get("/connect/export.pdf?a=JOH&b=JOH").status_code == 404


# -- writes -----------------------------------------------------------------------------------


def decide(client, form: dict, token: str | None) -> object:
    body = {**form, **({"csrf": token} if token is not None else {})}
    return client.post("/review/decide", data=body, follow_redirects=False)


SAME = {
    "a": "daniel-ortega",
    "b": "ftm-review-ortega",
    "decision": "same",
    "by": "A. Analyst",
    "why": "same\nman",
}


def test_a_decision_without_the_forms_token_is_refused_and_writes_nothing(client, listed_case):
    before = listed_case.decisions_file.read_text()
    client.get("/review")  # a session of its own
    for token in (None, "", "0" * 64):
        refused = decide(client, SAME, token)
        assert refused.status_code == 403 and "token" in refused.text
    other = TestClient(client.app)
    stolen = csrf_of(other.get("/review").text)  # another session's token
    assert decide(client, SAME, stolen).status_code == 403
    assert listed_case.decisions_file.read_text() == before
    assert client.get("/review/decide").status_code == 405  # writes are POST only


def test_a_decision_is_recorded_as_csn_resolve_records_it_and_applied_at_once(client, listed_case, workbench):
    token = csrf_of(client.get("/review").text)
    done = decide(client, {**SAME, "back": "/review?label=Person"}, token)
    assert done.status_code == 303 and done.headers["location"].startswith("/review?label=Person&done=")
    (decision,) = read_resolutions(listed_case.decisions_file)
    said = (decision.a, decision.b, decision.same, decision.by, decision.why)
    assert said == ("daniel-ortega", "ftm-review-ortega", True, "A. Analyst", "same man")  # one line
    assert workbench.snapshot.generation == 1
    merged = client.get("/entity/daniel-ortega.json").json()["node"]["properties"]["merged_ids"]
    assert "ftm-review-ortega" in merged
    pairs = [(p["a"]["id"], p["b"]["id"]) for p in client.get("/review.json").json()["pairs"]]
    assert pairs == [("rosario-murillo", "ftm-review-murillo")]
    again = decide(client, SAME, token)  # the pair is decided now
    assert again.status_code == 409 and "already decided" in again.text


def test_different_and_unsure(client, listed_case, workbench):
    token = csrf_of(client.get("/review").text)
    unsure = {
        "a": "rosario-murillo",
        "b": "ftm-review-murillo",
        "decision": "unsure",
        "by": "B",
        "why": "no DOB",
    }
    assert decide(client, unsure, token).status_code == 303
    unsure_decisions = [d for d in read_resolutions(listed_case.decisions_file) if d.same is None]
    assert [(d.a, d.why) for d in unsure_decisions] == [("rosario-murillo", "no DOB")]
    shown = client.get("/review?show=unsure").text
    assert "Marked unsure by B on" in shown and "MURILLO ZAMBRANA" in shown and "ORTEGA SAAVEDRA" not in shown
    different = {**unsure, "decision": "different", "why": "another woman"}
    assert decide(client, different, token).status_code == 303
    assert [d.same for d in read_resolutions(listed_case.decisions_file)] == [False]
    assert "ftm-review-murillo" not in json.dumps(client.get("/review.json").json())


def test_a_read_only_workbench_offers_no_decisions(tmp_path, monkeypatch):
    from csn.web.workbench import Workbench
    from csn.workspace.case import ENVIRONMENT, builtin

    monkeypatch.delenv(ENVIRONMENT)
    bench = Workbench(builtin(), warm=False)
    page = TestClient(make_app(bench)).get("/review")
    assert "the built-in dataset, read-only" in page.text and "/review/decide" not in page.text


# -- who may ask ------------------------------------------------------------------------------


def test_any_address_but_loopback_needs_a_token():
    assert check_token("127.0.0.1", None) is None and check_token("::1", None) is None
    with pytest.raises(CsnError, match="not this machine's loopback address"):
        check_token("0.0.0.0", None)
    with pytest.raises(CsnError, match="at least 16 characters"):
        check_token("0.0.0.0", "short")
    assert check_token("0.0.0.0", "t" * 16) == "t" * 16


def test_the_token_is_checked_on_every_request(reader):
    token = "a-token-of-twenty-chars"
    client = TestClient(make_app(reader.app.state.workbench, token=token))
    for url in ("/", "/search", "/entity/daniel-ortega.json", "/static/workbench.js"):
        refused = client.get(url)
        assert refused.status_code == 401 and "token" in refused.text
        assert refused.headers["content-security-policy"] == CSP
    assert client.get("/search", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/search", headers={"authorization": f"Bearer {token}"}).status_code == 200
    opened = client.get(f"/entity/daniel-ortega?token={token}&as_of=2020-01-01", follow_redirects=False)
    assert (
        opened.status_code == 303 and opened.headers["location"] == "/entity/daniel-ortega?as_of=2020-01-01"
    )
    assert "HttpOnly" in opened.headers["set-cookie"] and "SameSite=Strict" in opened.headers["set-cookie"]
    assert client.get("/entity/daniel-ortega").status_code == 200  # the cookie carries it now
    assert TestClient(client.app).post("/review/decide", data=SAME).status_code == 401


def test_on_loopback_only_this_machines_names_are_answered(reader):
    client = TestClient(make_app(reader.app.state.workbench, hosts=loopback_hosts(8765)))
    assert client.get("/search", headers={"host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/search", headers={"host": "localhost:8765"}).status_code == 200
    assert client.get("/search", headers={"host": "evil.example:8765"}).status_code == 421


# -- hostile names ----------------------------------------------------------------------------

HOSTILE_NAME = '<img src=x onerror="alert(1)">'


def test_hostile_names_are_text_in_every_page(reader):
    pages = [
        reader.get("/search", params={"q": "img src"}).text,
        reader.get("/entity/ftm-hostile-person").text,
        reader.get("/connect", params={"a": "ftm-hostile-person", "b": "ftm-hostile-org"}).text,
        reader.get("/imports").text,
    ]
    for html in pages:
        assert "<img src=x" not in html and "<script>alert" not in html and "<b>Press" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in pages[0]
    assert "&lt;/script&gt;&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in pages[1]
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', pages[1], re.S)
    assert data and "<" not in data.group(1)  # the names travel as JSON escapes
    assert HOSTILE_NAME in [n["name"] for n in json.loads(data.group(1))["nodes"]]


def test_the_imports_page_lists_editions_the_cross_check_and_the_delisted(listed_case, tmp_path):
    from csn.loaders.lists.ftm import read_ftm
    from csn.web.workbench import Workbench
    from csn.workspace.assembly import import_list
    from tests.web.conftest import REVIEW

    newer = tmp_path / "review-newer.ftm.json"
    newer.write_text(
        "".join(li for li in REVIEW.open(encoding="utf-8") if "murillo" not in li), encoding="utf-8"
    )
    import_list(
        listed_case,
        read_ftm(
            newer, False, publisher="Review Office", list_date="2024-09-01", url="https://example.org/list"
        ),
    )
    bench = Workbench(listed_case, warm=False)
    try:
        client = TestClient(make_app(bench))
        report = client.get("/imports.json").json()
        assert {(e["key"], e["date"]) for e in report["editions"]} >= {("ftm:review_list", "2024-09-01")}
        (ended,) = report["delisted"]["ftm:review_list"]
        assert (ended["from_id"], ended["valid_to"]) == ("ftm-review-murillo", "2024-09-01")
        html = client.get("/imports").text
        assert "ftm:review_list: 1 listing a newer edition no longer holds" in html
    finally:
        bench.close()
