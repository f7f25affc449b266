"""Password hashing with Argon2id (argon2-cffi's recommended parameters)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verifying against this when the user does not exist keeps timing the same either way. It is
# written out rather than hashed when the module loads (0.2 s of CPU in every process that
# starts); should argon2-cffi's parameters change, it is hashed again with the new ones.
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$6yMZs9Ch1ng31xtomet/eQ$1g96mA7esTfoVvJQxs+hJR6MfVWJsFvlxGdvBlf/tU8"  # noqa: E501
if _hasher.check_needs_rehash(_DUMMY_HASH):
    _DUMMY_HASH = _hasher.hash("voice-timing-equaliser")

MIN_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def password_problem(password: str) -> str | None:
    """A plain-words reason this password is too weak, or None."""
    if len(password) < MIN_LENGTH:
        return f"Password must be at least {MIN_LENGTH} characters long"
    if len(password) > 200:
        return "Password must be 200 characters or fewer"
    if password.lower() in {"password123", "voicevoice", "1234567890", "qwertyuiop"}:
        return "Choose a password that is harder to guess"
    return None
