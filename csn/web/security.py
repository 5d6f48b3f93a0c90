"""What every response of the workbench carries, and what every request must bring.

- A Content-Security-Policy that lets a page load scripts, styles, fonts and images from the
  workbench alone and connect to nothing else: no request leaves the machine, and markup that
  slipped into a page could run nothing (no inline script is allowed).
- The usual companions: no sniffing, no framing, no referrer, no caching of answers.
- On loopback (the default) the Host header must name this machine, so a page of another site
  that rebinds its name to 127.0.0.1 gets nothing. On any other address every request must bring
  the token the user set: as `Authorization: Bearer TOKEN`, or once as `?token=TOKEN` (the
  address `csn serve` prints), after which an HttpOnly cookie carries it.
- A session cookie (HttpOnly, SameSite=Strict) that the CSRF tokens of the forms are made from
  (csn.web.csrf).
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Iterable
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "no-store",
}
SESSION_COOKIE = "csn_session"
TOKEN_COOKIE = "csn_token"
TOKEN_PARAMETER = "token"
TOKEN_ENVIRONMENT = "CSN_SERVE_TOKEN"
MIN_TOKEN_LENGTH = 16
LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address) is this machine only.

    >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "192.168.1.5")]
    [True, True, True, False, False]
    """
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def loopback_hosts(port: int) -> frozenset[str]:
    """The Host headers a browser on this machine sends to the workbench on `port`."""
    names = ("127.0.0.1", "localhost", "[::1]")
    return frozenset({*names, *(f"{name}:{port}" for name in names)})


class Guard:
    """ASGI middleware: the checks and headers above, around every request."""

    def __init__(self, app: ASGIApp, token: str | None, hosts: Iterable[str] | None):
        self.app = app
        self.token = token
        self.hosts = frozenset(hosts) if hosts is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        cookies = _cookies(headers.get("cookie", ""))
        if self.hosts is not None and headers.get("host", "") not in self.hosts:
            await _plain(send, 421, "This workbench answers only on this machine's own address.")
            return
        set_cookies: list[str] = []
        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            given = query.get(TOKEN_PARAMETER)
            if given is not None and _same(given, self.token):
                rest = urlencode([(k, v) for k, v in query.items() if k != TOKEN_PARAMETER])
                target = scope["path"] + (f"?{rest}" if rest else "")
                cookie = f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
                await _redirect(send, target, [cookie])
                return
            bearer = headers.get("authorization", "").removeprefix("Bearer ").strip()
            if not any(_same(v, self.token) for v in (bearer, cookies.get(TOKEN_COOKIE, ""))):
                await _plain(send, 401, "This workbench needs its token: open the address csn serve printed.")
                return
        session = cookies.get(SESSION_COOKIE, "")
        if len(session) < 32:
            session = secrets.token_urlsafe(32)
            set_cookies.append(f"{SESSION_COOKIE}={session}; HttpOnly; SameSite=Strict; Path=/")
        scope.setdefault("state", {})["session"] = session

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in present]
                extra += [(b"set-cookie", c.encode("latin-1")) for c in set_cookies]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _same(given: str, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


def _cookies(header: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # a malformed Cookie header counts as none
        return {}
    return {k: m.value for k, m in jar.items()}


async def _plain(send: Send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send: Send, target: str, cookies: list[str]) -> None:
    headers = [(b"location", target.encode("latin-1")), (b"content-length", b"0")]
    headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
    headers += [(b"set-cookie", c.encode("latin-1")) for c in cookies]
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
