"""Measure the review on the real matching cuts: python -m benchmarks.review

    .venv/bin/python -m benchmarks.review              # 10 decisions one by one, then a batch
    .venv/bin/python -m benchmarks.review --one-by-one 5

In case folders of its own (temporary ones), with the two matching cuts of ../shared/data
imported as `csn import` does (OFAC's 2021 cut, then the UN's of 2026-02-27), it runs `csn` as a
user does, a process each, and prints side by side:
- `csn resolve` (every pair, as text) and `csn resolve --format json`, and in this process the
  merge alone and the review built on it (`review_of`: the merge, the ranking and the rows), both
  on the case's files as read;
- the pairs a filter selects (`--label Person --evidence birth-dates-same-year`, the largest
  group of the review) decided `unsure` one `csn resolve A B --unsure` at a time, as an analyst
  had to before batches (the first `--one-by-one` of them, in one case), and all of them in one
  batch (`--yes`, one write), in another case: the time per decision of each, and their ratio.
The machine may be shared: its load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from csn.workspace.case import init

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
OFAC_CUT = DATA / "ofac-sdn-2021-matching-dev"
UN_CUT = DATA / "un-sc-consolidated-2026-02-27-matching-dev.xml"
FILTER = ["--label", "Person", "--evidence", "birth-dates-same-year"]


def run(env: dict[str, str], *args: str) -> tuple[float, str]:
    """Seconds `csn ARGS` took, as a user runs it, and what it printed; raises if it failed."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "csn", *args], capture_output=True, text=True, env=env, cwd=REPO, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"csn {' '.join(args)} failed: {done.stderr}")
    return seconds, done.stdout


def new_case(folder: Path, name: str) -> dict[str, str]:
    """A case folder with both cuts imported, and the environment that makes csn use it."""
    case = init(folder / name)
    assert case.root is not None
    env = {**os.environ, "CSN_WORKSPACE": str(case.root), "XDG_CACHE_HOME": str(folder / f"{name}-cache")}
    run(env, "import", "ofac", str(OFAC_CUT), "--list-date", "2021-07-01")
    run(env, "import", "un", str(UN_CUT))
    return env


def in_process(env: dict[str, str]) -> tuple[float, float]:
    """CPU seconds of the merge alone and of the review (merge, ranking, rows) of the case."""
    from csn.loaders.resolution.merging import merge
    from csn.workspace import case as cases
    from csn.workspace.assembly import graph_inputs
    from csn.workspace.review import review_of

    case = cases.find(Path(env["CSN_WORKSPACE"]))
    inputs = graph_inputs(case)
    merge(*inputs)  # the first use loads rigour's tables: not what is measured
    start = time.process_time()
    merge(*inputs)
    merged = time.process_time() - start
    start = time.process_time()
    review_of(*inputs)
    return merged, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one-by-one", type=int, default=10, help="Decisions made one at a time.")
    options = parser.parse_args()
    if not OFAC_CUT.is_dir() or not UN_CUT.is_file():
        raise SystemExit(f"the matching cuts are not in {DATA} (see its README.md)")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="csn-review-bench-") as folder:
        one, batch = new_case(Path(folder), "one-by-one"), new_case(Path(folder), "batch")
        listed, text = run(one, "resolve")
        as_json, printed = run(one, "resolve", "--format", "json")
        data = json.loads(printed)
        merged, reviewed = in_process(one)
        print(f"pairs awaiting a decision: {data['pending']} ({len(text.splitlines())} lines of text)")
        print(
            f"csn resolve: {listed:.2f} s; csn resolve --format json: {as_json:.2f} s (wall, a process each)"
        )
        print(f"merge alone: {merged:.2f} s CPU; the review (merge, ranking, rows): {reviewed:.2f} s CPU")

        chosen = json.loads(run(one, "resolve", *FILTER, "--format", "json")[1])["pairs"]
        count = min(options.one_by_one, len(chosen))
        start = time.perf_counter()
        for pair in chosen[:count]:
            why = "benchmark: looked at, cannot tell"
            run(
                one,
                "resolve",
                pair["a"]["id"],
                pair["b"]["id"],
                "--unsure",
                "--by",
                "benchmark",
                "--why",
                why,
            )
        single = (time.perf_counter() - start) / count
        start = time.perf_counter()
        _, said = run(batch, "resolve", *FILTER, "--unsure", "--by", "benchmark", "--yes")
        whole = time.perf_counter() - start
        print(f"pairs selected by {' '.join(FILTER)}: {len(chosen)}")
        print(f"one at a time: {count} decisions, {single:.2f} s each (wall)")
        print(f"one batch: {len(chosen)} decisions in {whole:.2f} s, {whole / len(chosen):.3f} s each")
        print(f"  {said.splitlines()[-1]}")
        print(f"ratio, one at a time / batch, per decision: {single / (whole / len(chosen)):.0f}x")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
