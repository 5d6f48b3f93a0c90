"""A case folder: an investigator's facts, decisions and imports, kept apart from the tool.

`csn init PATH` makes one:

    my-case/
      csn.toml            the case's name and the datasets it includes
      facts/              the investigator's own facts, as YAML (seed/README.md gives the format)
      resolutions.yaml    decisions on which list entries are the same entity
      .csn/               kept imports and caches, written by csn only (listed in .gitignore)
      .gitignore

Commands find the case from `--workspace`, then `$CSN_WORKSPACE`, then the nearest `csn.toml`
from the current folder upwards, as git finds its repository. Without one they run on the
built-in dataset alone, read-only: a command that would write says to run `csn init` first.

The curated dataset of the policy article is built in (`article`, csn's seed/), and a case
includes it unless its `csn.toml` leaves it out. A case's own facts may use its nodes by id.
`--seed PATH` replaces the case's datasets with the facts in PATH for one command.

>>> import tempfile
>>> case = init(Path(tempfile.mkdtemp()) / "my-case")
>>> (case.name, [p.name for p in case.datasets], case.writable)
('my-case', ['seed'], True)
>>> nearest(case.root / "facts").root == case.root
True
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from csn import ARTICLE_DATASET
from csn.graph.errors import DataError, NoWorkspace, Problem
from csn.loaders.resolution.resolutions import HEADER as DECISIONS_HEADER
from csn.loaders.resolution.resolutions import RESOLUTIONS_FILE

CONFIG_FILE = "csn.toml"
FACTS_FOLDER = "facts"
STATE_FOLDER = ".csn"  # written by csn only: kept imports and caches
ARTICLE = "article"  # the built-in dataset's name in csn.toml
ENVIRONMENT = "CSN_WORKSPACE"


@dataclass(frozen=True)
class Workspace:
    """A case: where its facts, decisions and kept imports are (root None: the built-in dataset
    alone, read-only), and the curated datasets it includes."""

    root: Path | None
    name: str
    datasets: tuple[Path, ...]

    @property
    def writable(self) -> bool:
        return self.root is not None

    def writable_root(self, doing: str) -> Path:
        """The case folder, for a command that writes into it. Raises NoWorkspace without one."""
        if self.root is None:
            raise NoWorkspace(
                f"{doing} writes into a case folder, and there is none here: run 'csn init PATH' "
                "first, then run csn inside PATH (or pass --workspace PATH)"
            )
        return self.root

    @property
    def facts_folder(self) -> Path | None:
        return self.root / FACTS_FOLDER if self.root else None

    @property
    def decisions_file(self) -> Path | None:
        return self.root / RESOLUTIONS_FILE if self.root else None

    @property
    def imports_folder(self) -> Path | None:
        return self.root / STATE_FOLDER / "imports" if self.root else None

    @property
    def cache_folder(self) -> Path | None:
        return self.root / STATE_FOLDER / "cache" if self.root else None

    def fact_paths(self) -> list[Path]:
        """Where the curated facts are: the datasets, then the case's own facts."""
        facts = self.facts_folder
        return [*self.datasets, *([facts] if facts and facts.is_dir() else [])]

    def decision_files(self) -> list[Path]:
        """The datasets' own decisions, then the case's (which win on a pair decided in both)."""
        files = [d / RESOLUTIONS_FILE for d in self.datasets if d.is_dir()]
        return [*files, *([self.decisions_file] if self.decisions_file else [])]

    def with_seed(self, seed: Path | None) -> Workspace:
        """This case with `seed` in place of its datasets (for --seed)."""
        return self if seed is None else replace(self, datasets=(seed,))


def find(explicit: Path | None = None, cwd: Path | None = None) -> Workspace:
    """The case named by `explicit` (--workspace), else by $CSN_WORKSPACE, else the nearest
    folder holding a csn.toml from `cwd` upwards; without one, the built-in dataset read-only.

    Raises NoWorkspace if a named folder is not a case folder, DataError if its csn.toml is bad.
    """
    named = explicit or (Path(os.environ[ENVIRONMENT]) if os.environ.get(ENVIRONMENT) else None)
    if named is not None:
        if not (named / CONFIG_FILE).is_file():
            message = f"{named} is not a case folder (it has no {CONFIG_FILE}): run 'csn init {named}'"
            raise NoWorkspace(message)
        return open_case(named)
    return nearest(cwd or Path.cwd()) or builtin()


def nearest(start: Path) -> Workspace | None:
    """The case whose csn.toml is in `start` or the nearest folder above it, if any."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return open_case(folder)
    return None


def builtin() -> Workspace:
    """No case: the built-in dataset alone, read-only."""
    return Workspace(None, ARTICLE, (ARTICLE_DATASET,))


def open_case(root: Path) -> Workspace:
    """The case in `root`, as its csn.toml says. Raises DataError naming the file and field."""
    path = root / CONFIG_FILE
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise DataError([Problem(str(path), "-", "-", f"not valid TOML: {error}")]) from None
    name = config.get("name", root.name)
    datasets = config.get("datasets", [ARTICLE])
    problems = []
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(str(path), "case", "name", "must be a non-empty string"))
    if not isinstance(datasets, list) or not all(isinstance(d, str) for d in datasets):
        problems.append(Problem(str(path), "case", "datasets", 'must be a list of names, e.g. ["article"]'))
        datasets = []
    folders = []
    for entry in datasets:
        folder = ARTICLE_DATASET if entry == ARTICLE else (root / entry)
        if not folder.is_dir():
            message = f"'{entry}' is neither '{ARTICLE}' (the built-in dataset) nor a folder of the case"
            problems.append(Problem(str(path), "case", "datasets", message))
        folders.append(folder)
    unknown = sorted(set(config) - {"name", "datasets"})
    for key in unknown:
        problems.append(Problem(str(path), "case", key, "unknown setting; allowed: name, datasets"))
    if problems:
        raise DataError(problems)
    return Workspace(root.resolve(), name, tuple(folders))


CONFIG_TEMPLATE = """\
# A csn case folder (csn init). Commands run inside this folder, or with --workspace, use it.
name = {name}

# The curated datasets this case includes besides its own facts (facts/): "article" is csn's
# built-in dataset, the facts of the policy article it grew from. Take it out to start from your
# own facts alone; a folder of the case holding YAML facts may be listed too.
datasets = ["article"]
"""

EXAMPLE_FACT = Path(__file__).with_name("example-fact.yaml")  # copied into a new case's facts/


def init(path: Path, name: str | None = None) -> Workspace:
    """Make a case folder at `path` (made if absent) and return it. Files already there are kept
    as they are; a folder that is already a case is refused (NoWorkspace)."""
    if (path / CONFIG_FILE).exists():
        raise NoWorkspace(f"{path} is already a case folder (it has a {CONFIG_FILE})")
    name = name or path.resolve().name
    path.mkdir(parents=True, exist_ok=True)
    (path / FACTS_FOLDER).mkdir(exist_ok=True)
    files = {
        CONFIG_FILE: CONFIG_TEMPLATE.format(name=_toml_string(name)),
        f"{FACTS_FOLDER}/example.yaml": EXAMPLE_FACT.read_text(encoding="utf-8"),
        RESOLUTIONS_FILE: DECISIONS_HEADER + "decisions:\n",
        ".gitignore": f"# csn's kept imports and caches, rebuilt from your files\n{STATE_FOLDER}/\n",
    }
    for relative, text in files.items():
        target = path / relative
        if not target.exists():
            target.write_text(text, encoding="utf-8")
    return open_case(path)


def _toml_string(text: str) -> str:
    escaped = re.sub(r'["\\]', lambda m: "\\" + m.group(), text)
    return f'"{escaped}"'
