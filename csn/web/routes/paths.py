"""The path pages: trace, connect, corridor and brokers, every hop explained as the command line
explains it (the fact, its status and dates, each source and what it says)."""

from __future__ import annotations

from csn.graph.schema import SCHEMA
from csn.queries.brokers import DEFAULT_MAX_HOPS as BROKER_HOPS
from csn.queries.brokers import brokers
from csn.queries.connect import MAX_HOPS_LIMIT as CONNECT_HOPS
from csn.queries.connect import connect
from csn.queries.corridor import corridor_report
from csn.queries.filters import describe
from csn.queries.trace import DEFAULT_MAX_HOPS, MAX_HOPS_LIMIT, trace
from csn.visualize.trace_view import trace_caption, view_of_paths, view_of_trace
from csn.web.controls import Args
from csn.web.pages import Answer, Drawn, Page
from csn.web.workbench import Snapshot


def _corridors(snapshot: Snapshot) -> list:
    def found() -> list:
        ids = snapshot.store.ids_with_labels(SCHEMA.labels_with_role("corridor"))
        return sorted(snapshot.store.nodes(ids).values(), key=lambda n: n.name)

    return snapshot.derived("corridors", found)


def trace_page(snapshot: Snapshot, args: Args) -> Answer:
    start, corridor = args.text("from"), args.text("corridor")
    max_hops = args.number("max_hops", DEFAULT_MAX_HOPS, 1, MAX_HOPS_LIMIT)
    limit = args.number("limit", 100, 1, 1000)
    c = args.controls
    key = ("trace", start, corridor, max_hops, limit, c)
    result = snapshot.result(
        key, lambda: trace(snapshot.store, start, corridor, c.min_status, c.as_of, max_hops, limit)
    )
    filters = {"from": start, "corridor": corridor, "minimum status": c.min_status, "max hops": str(max_hops)}
    caption = trace_caption(result, filters)

    def drawn() -> Drawn:
        return Drawn(view_of_trace(result), "Trace: state actors to migration corridors", caption)

    return Answer(
        result,
        {
            "result": result,
            "paths": result.paths,
            "caption": caption,
            "start": start or "",
            "corridor": corridor or "",
            "max_hops": max_hops,
            "hop_limit": MAX_HOPS_LIMIT,
            "limit": limit,
            "corridors": _corridors(snapshot),
        },
        drawn,
        "Trace",
    )


def connect_page(snapshot: Snapshot, args: Args) -> Answer:
    a, b = args.text("a"), args.text("b")
    k = args.number("k", 5, 1, 50)
    max_hops = args.number("max_hops", 4, 1, CONNECT_HOPS)
    c = args.controls
    context = {"a": a or "", "b": b or "", "k": k, "max_hops": max_hops, "hop_limit": CONNECT_HOPS}
    if not (a and b):
        return Answer({}, {**context, "result": None}, None, "Connect")
    result = snapshot.result(
        ("connect", a, b, k, max_hops, c),
        lambda: connect(snapshot.store, a, b, k, max_hops, None, None, c.min_status, c.as_of),
    )
    heading = f"{len(result.paths)} paths from {result.a.name} to {result.b.name} ({describe(result.where)})"
    if result.truncated:
        heading += "; more exist"

    def drawn() -> Drawn:
        return Drawn(view_of_paths(result.paths), f"Connect: {result.a.name} and {result.b.name}", heading)

    return Answer(
        result,
        {**context, "result": result, "paths": result.paths, "caption": heading},
        drawn,
        f"Connect {result.a.name} and {result.b.name}",
    )


def corridor_page(snapshot: Snapshot, args: Args) -> Answer:
    name = args.text("corridor")
    c = args.controls
    context = {"corridor": name or "", "corridors": _corridors(snapshot)}
    if not name:
        return Answer({}, {**context, "report": None}, None, "Corridor")
    report = snapshot.result(
        ("corridor", name, c), lambda: corridor_report(snapshot.store, name, c.min_status, c.as_of)
    )
    paths = [p for f in report.feeders for p in f.paths]
    caption = f"Who feeds {report.corridor.name}; {c.described()}"

    def drawn() -> Drawn:
        return Drawn(view_of_paths(paths), f"Corridor: {report.corridor.name}", caption)

    return Answer(
        report, {**context, "report": report, "paths": paths, "caption": caption}, drawn, report.corridor.name
    )


def brokers_page(snapshot: Snapshot, args: Args) -> Answer:
    top = args.number("top", 10, 1, 100)
    max_hops = args.number("max_hops", BROKER_HOPS, 1, 6)
    c = args.controls
    found = snapshot.result(
        ("brokers", top, max_hops, c), lambda: brokers(snapshot.store, top, c.min_status, c.as_of, max_hops)
    )
    caption = "Brokers between state actors and criminal or smuggling groups" + (
        f", as of {c.as_of}" if c.as_of else ""
    )
    paths = [p for b in found for p in b.paths]

    def drawn() -> Drawn:
        return Drawn(view_of_paths(paths), "Brokers", caption)

    return Answer(
        found,
        {"brokers": found, "top": top, "max_hops": max_hops, "caption": caption, "paths": paths},
        drawn,
        "Brokers",
    )


PAGES = [
    Page("Trace", "/trace", "trace.html", trace_page, ("from", "corridor", "max_hops", "limit")),
    Page("Connect", "/connect", "connect.html", connect_page, ("a", "b", "k", "max_hops")),
    Page("Corridor", "/corridor", "corridor.html", corridor_page, ("corridor",)),
    Page("Brokers", "/brokers", "brokers.html", brokers_page, ("top", "max_hops")),
]
