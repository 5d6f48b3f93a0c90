"""Mutation testing of the modules that decide what is true: python -m benchmarks.mutation

    .venv/bin/python -m benchmarks.mutation                  # every module of [tool.mutmut] only_mutate
    .venv/bin/python -m benchmarks.mutation --report         # the last run's figures again
    .venv/bin/python -m benchmarks.mutation --keep 'csn.graph.model.*'   # retest some mutants
    .venv/bin/python -m benchmarks.mutation --tests-from REV         # score an older test suite

mutmut (3.x) changes one thing at a time in those modules (a `>` into `>=`, an `and` into `or`, a
string, a number, a dropped argument, ...), and runs the server-free tests that reach the changed
function against each change, in at most `--workers` forked processes. A change that no test
notices is a survivor: a bug the tests would let through, unless it changes nothing a user can
see (an equivalent mutant). Those are listed, with why, in benchmarks/mutation-equivalents.md;
so are, in its last section, the survivors left on purpose that are not shown to be equivalent
(they count against the score: "left").

The run works in a copy of the repository (build/mutation/): mutmut names a mutant after the
path of its file, and the tests import `csn.graph....`, so the copy's csn/ holds the linked folders
(graph/, loaders/, queries/, ...) as real ones. mutmut leaves decorated functions alone, among
them properties (such as the matching verdict, `Evidence.verdict`) and cached functions; in the
copy, the mutated modules' properties are written `name = property(name)` after a plain method
and their caches are dropped (`undecorate`), so that those are mutated too. Without
../shared/data beside the copy, the tests that need the real list excerpts skip, so the score is
the one of the project's own fixtures.

Printed: a line per module (mutants, killed, equivalent, left, survived, score = killed over the
mutants that are not equivalent), then every survivor not explained, with its diff.
Exits 1 when a module scores under --goal (90%) or a survivor is unexplained.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STAGE = REPO / "build" / "mutation"
EQUIVALENTS = REPO / "benchmarks" / "mutation-equivalents.md"
COPIED = ("csn", "tests", "seed", "graph", "benchmarks", "README.md", "pyproject.toml")
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}  # failed tests, pytest error, timeout (mutmut's codes)
SURVIVED = 0
NO_TESTS = {5, 33}
# decorators that `undecorate` writes as an assignment after the function, and caches it drops
WRAPPERS = {"property", "cached_property", "functools.cached_property"}
CACHES = {"lru_cache", "cache", "functools.lru_cache", "functools.cache"}
LEFT_SECTION = "## Survivors left"  # the heading of the last section: rows after it are "left"
EQUIVALENT_ROW = re.compile(r"^\| `(?P<name>[^`]+)` \| `(?P<line>.*?)` \| (?P<why>.+) \|$")


@dataclass
class Score:
    """One module's mutants by outcome."""

    module: str
    killed: list[str] = field(default_factory=list)
    survived: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # survivors explained, but not as equivalent
    untested: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        outcomes = (self.killed, self.survived, self.equivalent, self.left, self.untested, self.other)
        return sum(map(len, outcomes))

    @property
    def score(self) -> float:
        """Killed over the mutants that are not equivalent (untested ones count as not killed)."""
        counted = self.total - len(self.equivalent)
        return 100.0 * len(self.killed) / counted if counted else 100.0


def modules() -> list[str]:
    """The files mutated, as [tool.mutmut] only_mutate lists them (csn/...)."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["mutmut"]["only_mutate"])


def stage(fresh: bool, tests_from: str | None = None) -> None:
    """Copy what the tests need into STAGE, links followed (mtimes kept, so mutmut's cache holds);
    with `tests_from`, the tests as they were at that git revision, to score an older suite."""
    if fresh and STAGE.exists():
        shutil.rmtree(STAGE)
    STAGE.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "test-output")
    for name in COPIED:
        source, target = REPO / name, STAGE / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=ignore, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
    for path in modules():
        undecorate(STAGE / path)
    if tests_from:
        shutil.rmtree(STAGE / "tests")
        archive = subprocess.run(
            ["git", "archive", "--format=tar", tests_from, "tests"], cwd=REPO, capture_output=True, check=True
        )
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(STAGE, filter="data")


def undecorate(path: Path) -> None:
    """Rewrite a module of the copy so that mutmut (which skips decorated functions) mutates its
    properties and cached functions too, behaving as before: a function decorated only with
    `@property` or `@cached_property` becomes a plain method followed by `name = property(name)`;
    `@lru_cache(...)` and `@cache` are dropped, since a cache filled by mutmut's first clean run
    would be inherited by every forked worker and answer for the mutants. The file keeps its
    modification time (mutmut's cache of mutants holds across `--keep`)."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    drop: set[int] = set()
    after: dict[int, str] = {}  # line number (1-based) after which to add a line
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or len(node.decorator_list) != 1:
            continue
        decorator = node.decorator_list[0]
        called = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = ast.unparse(called)
        if name not in WRAPPERS | CACHES:
            continue
        drop.update(range(decorator.lineno, decorator.end_lineno + 1))  # type: ignore[operator]
        if name in WRAPPERS:
            indent = lines[node.lineno - 1][: node.col_offset]
            after[node.end_lineno] = f"{indent}{node.name} = {ast.unparse(decorator)}({node.name})\n"  # type: ignore[index]
    if not drop:
        return
    written = []
    for number, line in enumerate(lines, start=1):
        if number not in drop:
            written.append(line)
        if number in after:
            written.append(after[number])
    stat = path.stat()
    path.write_text("".join(written), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def run_mutmut(workers: int, names: list[str]) -> int:
    """`mutmut run` in STAGE; its progress goes to STAGE/mutmut.log. Returns its exit code."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NEO4J_URI", "CSN_REQUIRE_NEO4J")}
    mutmut = Path(sys.executable).with_name("mutmut")
    with (STAGE / "mutmut.log").open("w", encoding="utf-8") as log:
        done = subprocess.run(
            [str(mutmut), "run", "--max-children", str(workers), *names],
            cwd=STAGE,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    return done.returncode


def read_equivalents() -> tuple[dict[str, str], dict[str, str]]:
    """The explained survivors, equivalent and left: mutant name -> the mutated line it is
    explained for."""
    equivalent: dict[str, str] = {}
    left: dict[str, str] = {}
    found = equivalent
    for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
        if line.startswith(LEFT_SECTION):
            found = left
        row = EQUIVALENT_ROW.match(line.strip())
        if row:
            found[row["name"]] = row["line"].replace("\\|", "|")
    return equivalent, left


def diff_of(name: str, path: str) -> str:
    """The mutant's diff against the original function (mutmut's own, read in STAGE)."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    here = Path.cwd()
    os.chdir(STAGE)
    try:
        return get_diff_for_mutant(name, path=path)
    finally:
        os.chdir(here)


def mutated_line(diff: str) -> str:
    """The first added line of a diff, stripped: what the mutant wrote instead."""
    added = [
        line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")
    ]
    return added[0] if added else ""


def scores(explained: dict[str, str], left: dict[str, str]) -> tuple[list[Score], dict[str, str]]:
    """Each module's score, and the diff of every survivor not (or no longer) explained."""
    out, unexplained = [], {}
    for path in modules():
        meta = STAGE / "mutants" / f"{path}.meta"
        if not meta.exists():
            raise SystemExit(f"no results for {path}: run `make mutation` first")
        codes: dict[str, int | None] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        score = Score(path)
        for name, code in sorted(codes.items(), key=lambda item: _natural(item[0])):
            if code in KILLED:
                score.killed.append(name)
            elif code in NO_TESTS:
                score.untested.append(name)
            elif code != SURVIVED:
                score.other.append(name)
            else:
                diff = diff_of(name, path)
                if explained.get(name) == mutated_line(diff):
                    score.equivalent.append(name)
                elif left.get(name) == mutated_line(diff):
                    score.left.append(name)
                else:
                    score.survived.append(name)
                    unexplained[name] = diff
        out.append(score)
    return out, unexplained


def _natural(name: str) -> tuple[str, int]:
    base, _, number = name.rpartition("_")
    return base, int(number) if number.isdigit() else 0


def report(goal: float) -> int:
    """Print the figures and the unexplained survivors; 1 if a module misses `goal` or a survivor
    is not explained."""
    found, unexplained = scores(*read_equivalents())
    every = Score("all")
    for s in found:
        for outcome in ("killed", "survived", "equivalent", "left", "untested", "other"):
            getattr(every, outcome).extend(getattr(s, outcome))
    width = max(len(s.module) for s in found)
    columns = ("mutants", "killed", "equivalent", "left", "survived", "no tests", "other")
    print(f"{'module':<{width}}  " + "  ".join(columns) + "   score")
    for s in [*found, every]:
        cells = (s.total, *map(len, (s.killed, s.equivalent, s.left, s.survived, s.untested, s.other)))
        row = "  ".join(f"{cell:>{len(name)}}" for cell, name in zip(cells, columns, strict=True))
        print(f"{s.module:<{width}}  {row}  {s.score:>5.1f}%")
    untested = [n for s in found for n in s.untested + s.other]
    if untested:
        print("\nNo test reaches (or the run did not settle) these mutants:")
        print("\n".join(f"  {n}" for n in untested))
    left = [n for s in found for n in s.left]
    if left:
        print(f"\nLeft, explained but not shown equivalent (in the score as survivors): {len(left)}")
        print("\n".join(f"  {n}" for n in left))
    if unexplained:
        print(f"\n{len(unexplained)} survivors not explained in {EQUIVALENTS.relative_to(REPO)}:")
        for name, diff in unexplained.items():
            print(f"\n{name}\n{diff}")
    low = [s.module for s in found if s.score < goal]
    if low:
        print(f"\nUnder {goal:g}%: {', '.join(low)}")
    return 1 if low or unexplained else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="mutants to (re)test, as mutmut names them (globs allowed)")
    parser.add_argument("--workers", type=int, default=2, help="forked test processes at once (default 2)")
    parser.add_argument("--keep", action="store_true", help="keep the last run's results (retest NAMES only)")
    parser.add_argument("--report", action="store_true", help="only print the last run's figures")
    parser.add_argument("--tests-from", metavar="REV", help="score the tests of a git revision instead")
    parser.add_argument("--goal", type=float, default=90.0, help="lowest score a module may have (%%)")
    args = parser.parse_args()
    if not args.report:
        started = time.monotonic()
        stage(fresh=not args.keep, tests_from=args.tests_from)
        code = run_mutmut(args.workers, args.names)
        print(
            f"mutmut ran for {time.monotonic() - started:.0f} s with {args.workers} workers; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end\n"
        )
        if code != 0:
            print((STAGE / "mutmut.log").read_text(encoding="utf-8", errors="replace")[-3000:])
            raise SystemExit(f"mutmut run failed (exit {code}); its output is in {STAGE / 'mutmut.log'}")
    raise SystemExit(report(args.goal))


if __name__ == "__main__":
    main()
