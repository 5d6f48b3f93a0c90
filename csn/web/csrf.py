"""Cross-site request forgery: every form that writes carries a token made from the session.

The token is an HMAC of the session cookie (csn.web.security) under a secret drawn when the
workbench starts, so it needs no server-side store, differs per session, and another site can
neither read it (the page is not shared across origins) nor send the cookie (SameSite=Strict).
A POST without the right token is refused before anything is written.

>>> secret = b"k" * 32
>>> token = csrf_token(secret, "session-one")
>>> check(secret, "session-one", token), check(secret, "session-two", token)
(True, False)
"""

from __future__ import annotations

import hashlib
import hmac

FIELD = "csrf"


def csrf_token(secret: bytes, session: str) -> str:
    """The token the forms of `session` carry."""
    return hmac.new(secret, session.encode(), hashlib.sha256).hexdigest()


def check(secret: bytes, session: str, given: str | None) -> bool:
    """Whether `given` is the session's token (compared in constant time)."""
    return bool(session and given) and hmac.compare_digest(csrf_token(secret, session), str(given))
