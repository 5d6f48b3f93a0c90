"""A throwaway Neo4j server for a test run: its own temporary folder, its own free ports.

It never touches the user's local server (`.neo4j/data`, ports 7687 and 7474): it only borrows
the jars that `server.install` put in `.neo4j/lib` and `.neo4j/plugins`, which it links to and
never writes. Two test runs at once each get their own server. Everything it made is removed
when it stops.

    with ThrowawayServer() as test_server:
        store = Neo4jStore(test_server.settings)
"""

from __future__ import annotations

import shutil
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from csn.neo4j_local import browser, server

PASSWORD = "csn-throwaway-password"


@dataclass(frozen=True)
class Endpoints:
    """Where the throwaway server answers."""

    bolt_port: int
    http_port: int
    content_port: int  # the Browser style and guide (see csn.neo4j_local.browser)

    @property
    def uri(self) -> str:
        return f"bolt://localhost:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://localhost:{self.http_port}/browser/"


def free_ports(count: int) -> list[int]:
    """`count` distinct loopback ports that nothing listens on right now."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


class ThrowawayServer:
    """Start a Neo4j server in a new temporary folder on free ports; stop and delete it on exit.

    Raises server.Neo4jServerError (or ValueError) if it cannot be installed or started; the
    folder is removed then too.
    """

    def __init__(self, jars_home: Path = server.HOME, heap: str = "1g", pagecache: str = "256m"):
        self.jars_home = Path(jars_home).resolve()
        self.heap = heap
        self.pagecache = pagecache
        self.home: Path | None = None
        self.endpoints: Endpoints | None = None

    def __enter__(self) -> ThrowawayServer:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> Endpoints:
        server.install(self.jars_home)
        self.home = Path(tempfile.mkdtemp(prefix="csn-test-neo4j-"))
        try:
            for sub in ("lib", "plugins"):
                (self.home / sub).symlink_to(self.jars_home / sub, target_is_directory=True)
            self.endpoints = self._launch()
        except BaseException:
            self.stop()
            raise
        return self.endpoints

    def _launch(self) -> Endpoints:
        """Start on fresh free ports; another process may take a port between the pick and the
        bind, so a failed start is tried again on other ports."""
        assert self.home is not None
        for attempt in range(3):
            bolt, http, content = free_ports(3)
            endpoints = Endpoints(bolt, http, content)
            content_folder = self.home / "browser"
            browser.write_content(content_folder)
            browser.start_server(content_folder, content)
            server.write_config(
                self.home,
                bolt,
                http,
                heap=self.heap,
                pagecache=self.pagecache,
                extra=browser.neo4j_settings(content),
            )
            try:
                server.start(self.home, PASSWORD)
                return endpoints
            except server.Neo4jServerError:
                browser.stop_server(content_folder)
                if attempt == 2:
                    raise
                shutil.rmtree(self.home / "data", ignore_errors=True)
        raise AssertionError("unreachable")

    def stop(self) -> None:
        """Stop the server and the content server, and delete the folder."""
        if self.home is None:
            return
        try:
            server.stop(self.home)
            browser.stop_server(self.home / "browser")
        finally:
            shutil.rmtree(self.home, ignore_errors=True)
            self.home = None
