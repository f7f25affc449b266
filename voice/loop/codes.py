"""Follow-up codes and card-link tokens: short, easy to read aloud and type, hard to guess.

The alphabet leaves out characters people confuse (0/O, 1/I/L, U/V: only V is used) so a code copied from a
phone screen onto paper and back still works. A follow-up code has 9 characters from 30, about
44 bits: guessing one at the rate limits on ``/check`` would take far longer than the cards are
kept. Only a keyed hash of a code is stored (:func:`hash_code`); the code itself is shown once
and never kept.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 9
GROUP = 3
LINK_TOKEN_LENGTH = 8
_SEPARATORS = re.compile(r"[\s\-–—_.]+")

assert len(ALPHABET) == 30 and len(set(ALPHABET)) == 30


def bits_of_entropy(length: int = CODE_LENGTH) -> float:
    import math

    return length * math.log2(len(ALPHABET))


def _encode(number: int, length: int) -> str:
    chars = []
    for _ in range(length):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


def new_code(length: int = CODE_LENGTH) -> str:
    """A random code in the plain form (no separators)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def derived_code(secret: str, nonce: str, length: int = CODE_LENGTH) -> str:
    """The same unguessable code every time for one card form (so a reload shows it again)."""
    digest = hmac.new(secret.encode(), f"followup-code:{nonce}".encode(), hashlib.sha256).digest()
    return _encode(int.from_bytes(digest, "big"), length)


def new_link_token() -> str:
    return new_code(LINK_TOKEN_LENGTH)


def normalise(raw: str | None) -> str:
    """Upper case, no spaces or dashes. Returns "" for anything that cannot be a code."""
    if not raw:
        return ""
    cleaned = _SEPARATORS.sub("", raw.strip().upper())
    if len(cleaned) > 40:
        return ""
    return cleaned


def is_well_formed(code: str, length: int = CODE_LENGTH) -> bool:
    return len(code) == length and all(c in ALPHABET for c in code)


def display(code: str) -> str:
    """``KX7M42PQ9`` → ``KX7-M42-PQ9``: groups of three are easier to read and copy."""
    code = normalise(code)
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def hash_code(code: str, secret: str) -> str:
    """The stored form of a follow-up code: a keyed hash (HMAC-SHA256 with the app's secret
    key) of the SHA-256 of the normalised code.

    Keyed, so a copy of the database alone is not enough to test guesses against it. It keys
    the plain digest Voice stored before (rather than the code itself) so that migration 0008
    could convert the codes already given out; it computes the same value.
    """
    digest = hashlib.sha256(f"voice-followup:{normalise(code)}".encode()).hexdigest()
    return hmac.new(secret.encode(), f"voice-followup-key:{digest}".encode(),
                    hashlib.sha256).hexdigest()


def hashes_match(stored: str | None, candidate: str) -> bool:
    """Constant-time comparison of two code hashes."""
    if not stored:
        return False
    return hmac.compare_digest(stored.encode(), candidate.encode())
