"""What Neo4j Browser users get: a style sheet and a guide, generated from the schema and the
Cypher files, served from localhost and loaded when the Browser connects.

The Browser fetches guides and styles by cross-origin requests, so they are served by a tiny
HTTP server (loopback only, with a CORS header) beside Neo4j, and Neo4j's configuration names it
in `browser.post_connect_cmd` and allows it in the remote-content host list.
"""

from __future__ import annotations

import contextlib
import html
import http.server
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from csn.graph import cypher
from csn.graph.schema import SCHEMA

PORT = 7476
CYPHER_FOLDER = cypher.FOLDER  # the searches only: store/ holds statements for the store alone
STYLE_FILE = "csn.grass"
GUIDE_FILE = "csn-guide.html"


def grass() -> str:
    """A Neo4j Browser style sheet: colour and caption per label, type name on relationships."""
    blocks = ["node {\n  diameter: 50px;\n  caption: '{name}';\n}"]
    for name, label in SCHEMA.labels.items():
        caption = "{title}" if name == SCHEMA.source_label else "{name}"
        blocks.append(
            f"node.{name} {{\n  color: {label.colour};\n  border-color: {label.colour};\n"
            f"  text-color-internal: #FFFFFF;\n  caption: '{caption}';\n}}"
        )
    blocks.append("relationship {\n  shaft-width: 2px;\n  caption: '<type>';\n}")
    return "\n".join(blocks) + "\n"


@dataclass(frozen=True)
class CypherFile:
    """A .cypher file: its name, its header comment (purpose, parameters) and its body."""

    name: str
    header: str
    body: str

    @classmethod
    def read(cls, path: Path) -> CypherFile:
        lines = path.read_text(encoding="utf-8").splitlines()
        header = [line[2:].strip() for line in lines if line.startswith("//")]
        body = [line for line in lines if not line.startswith("//")]
        return cls(path.stem, "\n".join(header), "\n".join(body).strip())


def browser_parameters() -> dict[str, object]:
    """Values for the schema-driven parameters of the Cypher files, for the Browser's :params."""
    return {
        "state_labels": list(SCHEMA.labels_with_role("state")),
        "office_types": list(SCHEMA.office_types),
        "always_types": list(SCHEMA.types_traced("always")),
        "last_types": list(SCHEMA.types_traced("last")),
        "corridor_labels": list(SCHEMA.labels_with_role("corridor")),
        "criminal_labels": list(SCHEMA.labels_with_role("criminal")),
        "ranks": {name: status.rank for name, status in SCHEMA.evidence.items()},
        "min_rank": 0,
        "as_of": None,
        "start_ids": ["juan-orlando-hernandez", "nicolas-maduro", "daniel-ortega", "michel-martelly"],
        "end_ids": None,
        "max_hops": 6,
        "max_paths": 1000,
        # Examples for the other queries; change them to the ids you want.
        "a": "juan-orlando-hernandez",
        "b": "tren-de-aragua",
        "centre": "daniel-ortega",
        "id": "juan-orlando-hernandez",
        "hops": 2,
        "types": None,
        "labels": None,
        "sources": ["nicolas-maduro", "juan-orlando-hernandez"],
        "targets": ["tren-de-aragua", "sinaloa-cartel"],
    }


def cypher_map(value: object) -> str:
    """A value as a Cypher literal (for :params, which takes Cypher map syntax)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {cypher_map(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(cypher_map(v) for v in value) + "]"
    if value is None:
        return "null"
    return json.dumps(value)


def _slide(title: str, text: str, code: str) -> str:
    return (
        '<slide class="row-fluid"><div class="col-sm-12">'
        f"<h3>{html.escape(title)}</h3><p>{html.escape(text)}</p>"
        f'<pre mode="cypher" class="pre-scrollable code runnable">{html.escape(code)}</pre>'
        "</div></slide>"
    )


def guide_html(files: list[CypherFile]) -> str:
    """A Browser guide: one slide to set the parameters, then one runnable slide per query."""
    slides = [
        _slide(
            "csn: criminal–state networks",
            "Run this first: it sets the parameters every query below uses (the lists of types and "
            "labels come from the schema). find_paths starts from start_ids (state_actors lists "
            "every state actor); change end_ids, min_rank or as_of (YYYY-MM-DD) to narrow a query, "
            "and a, b, centre, id, sources or targets to ask about other entities.",
            f":params {cypher_map(browser_parameters())}",
        )
    ]
    for file in files:
        slides.append(_slide(file.name.replace("_", " "), file.header, file.body))
    return (
        '<article class="guide"><carousel class="deck container-fluid">'
        + "".join(slides)
        + "</carousel></article>\n"
    )


def cypher_files() -> list[CypherFile]:
    """The searches, one slide each: the .cypher files of graph/cypher itself. Its store/ folder
    (writes, counts, clearing) is left out on purpose: a guide slide must be safe to run."""
    return [CypherFile.read(p) for p in sorted(CYPHER_FOLDER.glob("*.cypher"))]


def write_content(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STYLE_FILE).write_text(grass(), encoding="utf-8")
    (folder / GUIDE_FILE).write_text(guide_html(cypher_files()), encoding="utf-8")


def neo4j_settings(port: int = PORT) -> dict[str, str]:
    """Neo4j settings that make the Browser load our style and guide after connecting."""
    base = f"http://localhost:{port}"
    return {
        "browser.post_connect_cmd": f"style {base}/{STYLE_FILE}; play {base}/{GUIDE_FILE}",
        "browser.remote_content_hostname_whitelist": "localhost",
    }


class _CorsHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the CORS headers the Browser's cross-origin fetch needs."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, OPTIONS")
        super().end_headers()

    def do_OPTIONS(self) -> None:  # the preflight request
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet: a background helper
        pass


def serve(folder: Path, port: int = PORT) -> None:
    handler = partial(_CorsHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        server.serve_forever()


def start_server(folder: Path, port: int = PORT) -> int:
    """Serve `folder` in a detached process (pid in folder/server.pid); returns the pid."""
    stop_server(folder)
    process = subprocess.Popen(
        [sys.executable, "-m", "csn.neo4j_local.browser", str(folder), str(port)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    (folder / "server.pid").write_text(f"{process.pid}\n")
    return process.pid


def stop_server(folder: Path) -> None:
    pid_file = folder / "server.pid"
    if pid_file.is_file():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
        pid_file.unlink()


if __name__ == "__main__":
    serve(Path(sys.argv[1]), int(sys.argv[2]))
