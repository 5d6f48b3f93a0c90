"""Benchmark the workbench's pages, p50 and p95 per page: python -m benchmarks.serve

    .venv/bin/python -m benchmarks.serve                                 # seed, lists, 1M facts
    .venv/bin/python -m benchmarks.serve --facts 100000 --per-page 20    # a quicker run

Three graphs, each served by `csn serve`'s own application (csn.web.server.serving: uvicorn in
a thread, on loopback) and asked over HTTP with one keep-alive connection, as a browser asks:
- the seed: the built-in dataset alone, in a fresh case;
- the seed with official lists kept: a synthetic OFAC SDN list of `--ofac-entries` entries
  (benchmarks/ofac_synthetic.py, the published CSV format; the real list holds about 9,000) and the
  real UN excerpt from ../shared/data when it is there, imported into the case as `csn import`
  does, so the graph is merged and the review has pairs to decide;
- `--facts` synthetic facts (benchmarks/synthetic.py, a node for every three), in the embedded store.
For each page, `--per-page` addresses with different inputs (entities, names, pairs, dates and
statuses drawn with a fixed seed), each asked once: "first" is that, every answer computed (the
workbench keeps a page's result for the same address, so a second visit is a look-up; the
"again" column asks the same addresses once more). A page whose answer does not depend on its
inputs (imports, review, claims) is computed on its first visit only. Times are wall-clock from
request to the last byte of the HTML page.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlencode, urlparse

from benchmarks.ofac_synthetic import write_sdn_trio
from benchmarks.synthetic import synthetic_records
from csn.graph.memory_store import MemoryStore
from csn.graph.schema import SCHEMA
from csn.loaders.lists.ofac import read_ofac
from csn.loaders.lists.un import read_un
from csn.web.server import serving
from csn.web.workbench import Workbench
from csn.workspace.assembly import import_list
from csn.workspace.case import Workspace, init

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
UN_EXCERPT = SHARED / "un-sc-consolidated-2026-02-27-excerpt.xml"
# At a million facts, brokers (from every state actor) and the corridor report (a trace from every
# state actor to the corridor) run into their 30 s bound; one address each says how they fare.
SCALE_ONCE = ("brokers", "corridor")
DATES = [None, "2015-01-01", "2020-06-30", "2023-10-01"]
STATUSES = [None, "reported", "charged", "official_finding"]


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def addresses(workbench: Workbench, per_page: int, seed: int = 7) -> dict[str, list[str]]:
    """For each page, `per_page` addresses with inputs drawn from the graph."""
    rng = random.Random(seed)
    store = workbench.snapshot.store
    entries = workbench.snapshot.index.entries
    actors = [
        e.node for e in entries if e.node.label in SCHEMA.labels_with_role("person", "state", "criminal")
    ]
    states = store.state_actor_ids(_everything())
    corridors = store.ids_with_labels(SCHEMA.labels_with_role("corridor"))

    def controls() -> dict[str, str]:
        chosen = {"as_of": rng.choice(DATES), "min_status": rng.choice(STATUSES)}
        return {k: v for k, v in chosen.items() if v}

    def url(path: str, **params: str) -> str:
        query = urlencode({**params, **controls()})
        return f"{path}?{query}" if query else path

    def word() -> str:
        name = rng.choice(entries).node.name
        words = [w for w in name.split() if len(w) > 2] or [name]
        return rng.choice(words)[:6]

    pages: dict[str, Callable[[], str]] = {
        "search": lambda: url("/search", q=word()),
        "search.json (as you type)": lambda: url("/search.json", q=word()[:3]),
        "entity": lambda: url(f"/entity/{quote(rng.choice(actors).id)}"),
        "connect": lambda: url("/connect", a=rng.choice(actors).id, b=rng.choice(actors).id, k="3"),
        "trace (from an actor)": lambda: url("/trace", **{"from": rng.choice(states), "max_hops": "4"}),
        "corridor": lambda: url("/corridor", corridor=rng.choice(corridors)),
        "brokers": lambda: url(
            "/brokers", top=str(rng.choice([5, 10, 20])), max_hops=str(rng.choice([2, 3]))
        ),
        "imports": lambda: url("/imports"),
        "review": lambda: url("/review"),
        "claims": lambda: url("/claims"),
    }
    return {name: list(dict.fromkeys(make() for _ in range(per_page))) for name, make in pages.items()}


def _everything():
    from csn.graph.store import EdgeFilter

    return EdgeFilter()


def measure(base: str, urls: list[str]) -> tuple[list[float], list[int]]:
    """Each address asked once over one keep-alive connection: milliseconds and status codes."""
    parsed = urlparse(base)
    connection = http.client.HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port, timeout=600)
    times, codes = [], []
    try:
        for address in urls:
            started = time.perf_counter()
            connection.request("GET", address)
            response = connection.getresponse()
            response.read()
            times.append((time.perf_counter() - started) * 1000)
            codes.append(response.status)
    finally:
        connection.close()
    return times, codes


def run(
    name: str, workbench: Workbench, per_page: int, loaded: float, once: tuple[str, ...] = ()
) -> list[list[str]]:
    """Measure every page; those named in `once` with one address only (see SCALE_ONCE)."""
    rows = []
    with serving(workbench) as base:
        for page, urls in addresses(workbench, per_page).items():
            urls = urls[:1] if page in once else urls
            first, codes = measure(base, urls)
            again, _ = measure(base, urls)
            answered = sum(1 for c in codes if c == 200)
            rows.append(
                [
                    name,
                    page,
                    str(len(urls)),
                    f"{statistics.median(first):.1f}",
                    f"{quantile(first, 0.95):.1f}",
                    f"{max(first):.1f}",
                    f"{quantile(again, 0.95):.1f}",
                    f"{answered}/{len(codes)}",
                ]
            )
            print(" | ".join(rows[-1]), flush=True)
    print(f"{name}: graph loaded in {loaded:.1f} s", flush=True)
    return rows


def seed_case(folder: Path) -> Workspace:
    return init(folder / "seed-case")


def listed_case(folder: Path, ofac_entries: int) -> Workspace:
    case = init(folder / "listed-case")
    trio = write_sdn_trio(folder / "ofac", ofac_entries)
    import_list(case, read_ofac(trio, "2024-01-01"))
    if UN_EXCERPT.exists():
        import_list(case, read_un(UN_EXCERPT))
    return case


def loaded(make: Callable[[], Workbench]) -> tuple[Workbench, float]:
    started = time.perf_counter()
    workbench = make()
    workbench.snapshot.warm().join()  # what `csn serve` computes in the background after loading
    return workbench, time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--per-page", type=int, default=40)
    parser.add_argument("--ofac-entries", type=int, default=9_000)
    parser.add_argument("--facts", type=int, default=1_000_000, help="0 leaves the synthetic graph out")
    args = parser.parse_args(argv)
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    header = ["graph", "page", "addresses", "p50 ms", "p95 ms", "max ms", "p95 again ms", "answered"]
    print(" | ".join(header), flush=True)
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="csn-bench-serve-") as folder:
        case = seed_case(Path(folder))
        bench, seconds = loaded(lambda: Workbench(case, warm=False))
        rows += run("seed", bench, args.per_page, seconds)
        bench.close()
        case = listed_case(Path(folder), args.ofac_entries)
        bench, seconds = loaded(lambda: Workbench(case, warm=False))
        nodes, _ = bench.snapshot.store.counts()
        label = f"seed + OFAC {args.ofac_entries:,}" + (" + UN excerpt" if UN_EXCERPT.exists() else "")
        rows += run(f"{label} ({nodes:,} nodes)", bench, args.per_page, seconds)
        bench.close()
        if args.facts:
            started = time.perf_counter()
            store = MemoryStore()
            store.write(synthetic_records(max(20, args.facts // 3), args.facts))
            bench = Workbench(init(Path(folder) / "synthetic-case"), warm=False, store=store)
            seconds = time.perf_counter() - started
            rows += run(f"{args.facts:,} synthetic facts", bench, args.per_page, seconds, SCALE_ONCE)
            bench.close()
    print(f"load average at the end: {os.getloadavg()[0]:.2f}", flush=True)
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
