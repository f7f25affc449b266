"""Short link tokens people can type, and the one-time token each survey form carries."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

# No 0/o, 1/l/i: nothing that can be misread when typed from a poster. Lower case only, and
# typed capitals are accepted, so there is no case to get wrong either.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
LINK_TOKEN_LENGTH = 7  # 31**7 is about 27 billion
_TOKEN_CHARS = re.compile(f"^[{ALPHABET}]+$")

FORM_TOKEN_SALT = "surveys.form-token"
# A form left open on a phone for a week can still be sent; older ones are renewed on the
# page (with every answer kept) rather than refused.
FORM_TOKEN_MAX_AGE = 7 * 24 * 60 * 60


def new_link_token(length: int = LINK_TOKEN_LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_link_token(raw: str) -> str | None:
    """The token as stored, from what someone typed (any case, spaces or dashes), or None."""
    token = re.sub(r"[\s\-]", "", raw or "").lower()
    if not token or len(token) > 16 or not _TOKEN_CHARS.match(token):
        return None
    return token


@dataclass(frozen=True)
class FormToken:
    link_id: int
    nonce: str


class FormTokenExpired(Exception):
    """Signed by us, but too old: give the young person a fresh one and keep their answers.
    ``nonce`` is the old form's, so a resend of an answer already stored is still recognised."""

    def __init__(self, message: str, nonce: str | None = None) -> None:
        super().__init__(message)
        self.nonce = nonce


class FormTokenInvalid(Exception):
    """Not a token we made (or made for another link)."""


class _FormSigner(TimestampSigner):
    """itsdangerous's signer, making and reading the very same tokens, but cheaper to run:
    SHA-1 is hashlib's own (its default is a Python wrapper of it, which puts every HMAC on
    the slow, pure-Python path), and the signing key is derived once per secret instead of on
    every form sent."""

    default_digest_method = staticmethod(hashlib.sha1)
    _derived: dict[tuple, bytes] = {}

    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        wanted = (secret_key, self.secret_keys[-1] if secret_key is None else None, self.salt,
                  self.key_derivation, self.digest_method)
        key = self._derived.get(wanted)
        if key is None:
            if len(self._derived) > 16:  # a handful of keys (the current one and fallbacks)
                self._derived.clear()
            key = self._derived[wanted] = super().derive_key(secret_key)
        return key


@lru_cache(maxsize=4)
def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    # Made once per key.
    return URLSafeTimedSerializer(secret_key, salt=FORM_TOKEN_SALT, signer=_FormSigner)


def make_form_token(secret_key: str, link_id: int) -> str:
    """A signed token for one form: its nonce becomes the response's submission token."""
    return _serializer(secret_key).dumps({"l": link_id, "n": secrets.token_urlsafe(18)})


def read_form_token(secret_key: str, token: str, link_id: int,
                    max_age: int | None = None) -> FormToken:
    max_age = FORM_TOKEN_MAX_AGE if max_age is None else max_age
    if not token or len(token) > 200:
        raise FormTokenInvalid("missing")
    serializer = _serializer(secret_key)
    try:
        data = serializer.loads(token, max_age=max_age)
    except SignatureExpired as error:
        nonce = None
        try:
            old = serializer.load_payload(error.payload) if error.payload is not None else None
            if isinstance(old, dict) and old.get("l") == link_id and isinstance(old.get("n"), str):
                nonce = old["n"][:64]
        except BadSignature:
            nonce = None
        raise FormTokenExpired("expired", nonce) from error
    except BadSignature as error:
        raise FormTokenInvalid("bad signature") from error
    if not isinstance(data, dict) or data.get("l") != link_id or not isinstance(data.get("n"), str):
        raise FormTokenInvalid("not for this link")
    return FormToken(link_id=link_id, nonce=data["n"][:64])
