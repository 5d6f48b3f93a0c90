"""Search and the entity page."""

from __future__ import annotations

from csn.graph.schema import SCHEMA
from csn.queries.filters import describe, edge_filter
from csn.queries.neighbourhood import MAX_HOPS_LIMIT, neighbourhood
from csn.queries.profile import Profile, listing_details, profile
from csn.visualize.selection import neighbourhood as neighbourhood_view
from csn.visualize.selection import view_caption, view_from
from csn.web.controls import Args, address
from csn.web.pages import Answer, Drawn, Page, Redirect
from csn.web.workbench import Snapshot

NEIGHBOURS_SHOWN = 200


def search_page(snapshot: Snapshot, args: Args) -> Answer:
    text = args.text("q") or ""
    labels, lists = args.all("label"), args.all("list")
    limit = args.number("limit", 50, 1, 500)
    result = snapshot.index.search(text, labels, lists, limit) if (text or labels or lists) else None

    def drawn() -> Drawn:
        nodes = {h.node.id: h.node for h in result.hits} if result else {}
        return Drawn(view_from(nodes, {}, {}), f"Search: {text}", f"{len(nodes)} entities found")

    return Answer(
        result if result is not None else snapshot.index.search("", (), (), 0),
        {
            "found": result,
            "q": text,
            "labels": labels,
            "lists": lists,
            "all_labels": snapshot.index.labels,
            "all_lists": snapshot.index.lists,
            "count": len(snapshot.index),
        },
        drawn,
        f"Search{': ' + text if text else ''}",
    )


def entity_page(snapshot: Snapshot, args: Args) -> Answer:
    wanted = args.text("id") or ""
    store = snapshot.store
    key = ("profile", wanted, args.controls)
    result: Profile = snapshot.result(
        key, lambda: profile(store, wanted, args.controls.as_of, args.controls.min_status)
    )
    node = result.node
    if node.id != wanted:
        raise Redirect(address(f"/entity/{node.id}", args.controls, hops=args.text("hops")))
    hops = args.number("hops", 1, 1, MAX_HOPS_LIMIT)
    controls = args.controls
    near = snapshot.result(
        ("neighbours", node.id, controls),
        lambda: neighbourhood(
            store, node.id, 1, NEIGHBOURS_SHOWN, 0, None, None, controls.min_status, controls.as_of
        ),
    )
    notes: dict[str, int] = {}
    for fact in result.timeline():
        for source in fact.sources:
            notes.setdefault(source.id, len(notes) + 1)
    sources = {s.id: s for f in result.facts for s in f.sources}
    listings = [
        (fact, listing_details(fact.edge))
        for fact in result.timeline()
        if fact.edge.type in SCHEMA.listing_types
    ]
    origins = snapshot.origins()
    merged = [(i, origins.get(i)) for i in node.properties.get("merged_ids") or []]
    where = edge_filter(min_status=controls.min_status, as_of=controls.as_of)

    def drawn() -> Drawn:
        view = neighbourhood_view(store, node.id, hops, where)
        what = f"Within {hops} hop{'s' if hops != 1 else ''} of {node.name}"
        return Drawn(view, f"Around {node.name}", view_caption(what, view, where))

    return Answer(
        result,
        {
            "profile": result,
            "node": node,
            "groups": result.by_type(),
            "timeline": result.timeline(),
            "notes": notes,
            "sources": [(n, sources[i]) for i, n in notes.items()],
            "listings": listings,
            "merged": merged,
            "neighbours": near,
            "hops": hops,
            "max_hops": MAX_HOPS_LIMIT,
            "filters": describe(where),
            "properties": sorted(
                (k, v) for k, v in node.properties.items() if k not in ("aliases", "merged_ids") and v
            ),
        },
        drawn,
        f"{node.name} ({node.label})",
    )


PAGES = [
    Page("Search", "/search", "search.html", search_page, ("q", "label", "list", "limit")),
    Page("Entity", "/entity/{id}", "entity.html", entity_page, ("hops",)),
]
