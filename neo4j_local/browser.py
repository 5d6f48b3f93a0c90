"""What Neo4j Browser users get: a style sheet generated from the schema and the guide of
neo4j_local.guide, served from localhost and loaded when the Browser connects.

The Browser fetches guides and styles by cross-origin requests, so they are served by a tiny
HTTP server (loopback only, with a CORS header) beside Neo4j, and Neo4j's configuration names it
in `browser.post_connect_cmd` and allows it in the remote-content host list.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import signal
import subprocess
import sys
from functools import partial
from pathlib import Path

from csn.graph.schema import SCHEMA
from csn.neo4j_local import guide

PORT = 7476
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


def write_content(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STYLE_FILE).write_text(grass(), encoding="utf-8")
    (folder / GUIDE_FILE).write_text(guide.guide_html(), encoding="utf-8")


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
