"""How fast `read_ftm` parses and maps FollowTheMoney JSON lines: python -m benchmarks.ftm_synthetic.

`write_entities` writes a synthetic, deterministic FtM file shaped like an OpenSanctions export
(people and companies, each person sanctioned, owners of the companies, families); `main` reads
200,000 of them (or `--entities N`) and prints entities per second, by CPU time and wall time,
and the process's peak memory. The goal is 50,000 entities a second.

>>> import tempfile
>>> from collections import Counter
>>> with tempfile.TemporaryDirectory() as folder:
...     path = Path(folder) / "f.ftm.json"
...     write_entities(path, 10)
...     Counter(orjson.loads(line)["schema"] for line in path.read_bytes().splitlines())
Counter({'Person': 3, 'Sanction': 3, 'Company': 2, 'Ownership': 1, 'Family': 1})
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import orjson

from csn.loaders.lists.ftm import read_ftm

DATASET = "synthetic_list"
# Of every ten entities: three people, each sanctioned, two companies, one ownership, one family.
PATTERN = (
    "Person",
    "Sanction",
    "Person",
    "Sanction",
    "Company",
    "Person",
    "Sanction",
    "Company",
    "Ownership",
    "Family",
)


def _entity(index: int) -> dict:
    block, position = divmod(index, len(PATTERN))
    schema = PATTERN[position]
    common = {"datasets": [DATASET], "referents": [], "first_seen": "2024-01-01T00:00:00"}
    common["last_seen"] = f"2024-{1 + block % 12:02d}-{1 + block % 28:02d}T12:00:00"
    person = f"p-{block}-{position}"
    if schema == "Person":
        properties = {
            "name": [f"Person {block} {position}", f"PERSON {block}/{position}"],
            "alias": [f"Alias {block}-{position}"],
            "birthDate": [f"19{50 + block % 50}-0{1 + block % 9}-1{block % 10}"],
            "nationality": ["ve"],
            "gender": ["female" if block % 2 else "male"],
            "idNumber": [f"V-{block:08d}{position}"],
            "topics": ["sanction"],
        }
        return {
            "id": person,
            "schema": schema,
            "caption": properties["name"][0],
            "properties": properties,
            **common,
        }
    if schema == "Sanction":
        subject = f"p-{block}-{position - 1}"
        properties = {
            "entity": [subject],
            "authority": ["Office of Foreign Assets Control" if block % 3 else f"Authority {block % 17}"],
            "program": ["VENEZUELA-EO13850"],
            "authorityId": [str(10000 + block)],
            "startDate": [f"20{10 + block % 15}-03-0{1 + block % 9}"],
            "reason": ["Official of the Government of Venezuela."],
            "sourceUrl": [f"https://example.org/sanctions/{block}"],
        }
        return {
            "id": f"s-{block}-{position}",
            "schema": schema,
            "caption": "Sanction",
            "properties": properties,
            **common,
        }
    if schema == "Company":
        properties = {
            "name": [f"Company {block} {position} S.A."],
            "registrationNumber": [f"J-{block:09d}{position}"],
            "jurisdiction": ["ve"],
        }
        return {
            "id": f"c-{block}-{position}",
            "schema": schema,
            "caption": properties["name"][0],
            "properties": properties,
            **common,
        }
    if schema == "Ownership":
        properties = {"owner": [f"p-{block}-0"], "asset": [f"c-{block}-4"], "percentage": [str(block % 100)]}
        return {
            "id": f"o-{block}",
            "schema": schema,
            "caption": "Ownership",
            "properties": properties,
            **common,
        }
    properties = {"person": [f"p-{block}-0"], "relative": [f"p-{block}-2"], "relationship": ["sibling"]}
    return {"id": f"f-{block}", "schema": schema, "caption": "Family", "properties": properties, **common}


def write_entities(path: Path, count: int) -> None:
    """Write `count` synthetic FtM entities to `path`, one JSON object a line, always the same."""
    with open(path, "wb") as handle:
        for index in range(count):
            handle.write(orjson.dumps(_entity(index)) + b"\n")


def _peak_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> None:
    """Write the synthetic file, read it with read_ftm and print the rate and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=200_000)
    count = parser.parse_args(argv).entities
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.ftm.json"
        write_entities(path, count)
        size = path.stat().st_size
        before = _peak_mib()
        wall, cpu = time.perf_counter(), time.process_time()
        listed = read_ftm(path)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"FtM file: {count:,} entities, {size / 2**20:.1f} MiB; {len(listed.records):,} records")
    print(
        f"read_ftm: {count / cpu:,.0f} entities/s by CPU time ({cpu:.2f} s),"
        f" {count / wall:,.0f} by wall ({wall:.2f} s)"
    )
    print(f"peak memory (max RSS): {_peak_mib():.0f} MiB, {before:.0f} MiB before reading")


if __name__ == "__main__":
    main()
