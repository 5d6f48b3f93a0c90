"""Running the workbench: bind the address, say where it is, serve until stopped (uvicorn).

Loopback (127.0.0.1, the default) answers this machine only, and only to Host headers naming it.
Any other address is reachable by others on the network, so it needs a token the user sets
(`--token`, or $CSN_SERVE_TOKEN), which every request must bring; `serve` refuses to start
without one.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator

from csn.graph.errors import CsnError
from csn.web.security import MIN_TOKEN_LENGTH, TOKEN_ENVIRONMENT, TOKEN_PARAMETER, is_loopback, loopback_hosts
from csn.web.workbench import Workbench
from csn.workspace.case import Workspace

DEFAULT_PORT = 8765


def check_token(host: str, token: str | None) -> str | None:
    """The token to require on `host`: none on loopback (unless one is given), else the user's.

    Raises CsnError for a non-loopback address without a token, or with one shorter than
    MIN_TOKEN_LENGTH characters.
    """
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise CsnError(f"the token must be at least {MIN_TOKEN_LENGTH} characters long")
    if token is None and not is_loopback(host):
        raise CsnError(
            f"{host} is not this machine's loopback address, so others could reach the workbench: "
            f"set a token with --token or ${TOKEN_ENVIRONMENT} (at least {MIN_TOKEN_LENGTH} characters)"
        )
    return token


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one). Raises CsnError if it is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Answers go out as soon as written: without it, a response written in two parts waits for
    # the client's delayed acknowledgement (40 ms on Linux). Accepted sockets inherit it.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as error:
        sock.close()
        raise CsnError(f"cannot listen on {host}:{port}: {error.strerror}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(
    case: Workspace,
    store_kind: str,
    host: str,
    port: int,
    token: str | None,
    say: Callable[[str], None] = print,
) -> None:
    """Load the case's graph, listen on host:port, print the address, and serve until stopped.

    Raises CsnError for a refused token or address, and what loading the graph raises.
    """
    import uvicorn

    from csn.web.app import make_app

    token = check_token(host, token)
    sock = bind(host, port)
    bound_port = sock.getsockname()[1]
    say(f"Loading the graph of {case.name} ({store_kind} store) ...")
    workbench = Workbench(case, store_kind)
    hosts = loopback_hosts(bound_port) if is_loopback(host) else None
    app = make_app(workbench, token=token, hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound_port}/"
    say(f"Serving {case.name} at {url}{f'?{TOKEN_PARAMETER}={token}' if token else ''} (Ctrl-C stops it)")
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        workbench.close()
        sock.close()


@contextlib.contextmanager
def serving(workbench: Workbench, token: str | None = None) -> Iterator[str]:
    """The workbench served on a free loopback port in a thread of this process, for tests and
    benchmarks: yields its address (http://127.0.0.1:PORT) and stops the server on leaving."""
    import uvicorn

    from csn.web.app import make_app

    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    app = make_app(workbench, token=token, hosts=loopback_hosts(port))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise CsnError("the workbench did not start")
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()
