"""Sign-in throttling that slows guessers without letting anyone lock a named account.

Three counts of wrong tries, all in the limit store (Redis in production), none in the
database, none holding an address or what was typed (keys are keyed hashes):

- from one address (behind the proxy, the visitor's), for one account name: 5 in 15 minutes,
  then that address waits. Someone guessing one person's password from one place stops there.
- for one account name from everywhere: 30 in an hour, then browsers that have never signed in
  to that account wait. A browser that has signed in to it before (it carries a signed
  "known browser" cookie for that account) is not held up by this count, so nobody can lock the
  safeguarding lead out of her own computer by typing wrong passwords elsewhere.
- every sign-in POST from one address: 20 a minute and 100 an hour (Flask-Limiter on the view).

Made-up names are counted exactly like real ones and every refusal says the same thing
(:data:`voice.auth.services.SIGN_IN_FAILED`), so the page never tells real accounts apart.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

from voice.auth.services import normalise_username
from voice.ratelimits import Limit, hashed_part

FAILURES_HERE = Limit("signin-failures-here", "5 per 15 minutes")
FAILURES_ANYWHERE = Limit("signin-failures-account", "30 per hour", per_client=False)

KNOWN_BROWSER_COOKIE = "voice_known_browser"
KNOWN_BROWSER_FOR = timedelta(days=180)
KNOWN_ACCOUNTS_KEPT = 5


def _account(username: str) -> str:
    return hashed_part("account", normalise_username(username or "")[:254])


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="voice-known-browser")


def _known_accounts() -> list[str]:
    raw = request.cookies.get(KNOWN_BROWSER_COOKIE)
    if not raw or len(raw) > 1000:
        return []
    try:
        value = _signer().loads(raw)
    except BadSignature:
        return []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def is_throttled(username: str) -> bool:
    """True if this try must be refused without even checking the password."""
    account = _account(username)
    if FAILURES_HERE.exceeded(account):
        return True
    if account in _known_accounts():
        return False
    return FAILURES_ANYWHERE.exceeded(account)


def count_failure(username: str) -> None:
    account = _account(username)
    FAILURES_HERE.count(account)
    FAILURES_ANYWHERE.count(account)


def remember_browser(response: Response, username: str) -> None:
    """After a right password: this browser may sign in to this account even while strangers
    are guessing it. The cookie holds only keyed hashes of account names, signed."""
    account = _account(username)
    known = [account] + [a for a in _known_accounts() if a != account]
    response.set_cookie(
        KNOWN_BROWSER_COOKIE, _signer().dumps(known[:KNOWN_ACCOUNTS_KEPT]),
        max_age=int(KNOWN_BROWSER_FOR.total_seconds()), httponly=True, samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )
