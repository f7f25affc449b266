"""What needs a person today: the staff home page lists it, per role, instead of a list of links.

Each feature package registers a function ``(session, user) -> list[Waiting]`` with
:func:`register` at import of its blueprint; the home page (``/home``) calls :func:`waiting_for`.
Shared vocabulary that belongs to no one feature, like :mod:`voice.ages`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Waiting", "register", "waiting_for"]


@dataclass(frozen=True)
class Waiting:
    """One thing waiting for this person: ``text`` says what, in words, with the number."""

    count: int
    text: str
    href: str
    urgent: bool = False   # first, and marked: a safeguarding concern, a late promise


Finder = Callable[[Any, Any], list[Waiting]]
_FINDERS: list[Finder] = []


def register(finder: Finder) -> Finder:
    if finder not in _FINDERS:
        _FINDERS.append(finder)
    return finder


def waiting_for(session, user) -> list[Waiting]:
    """Everything waiting for ``user``, urgent first; nothing with a count of 0."""
    found = [w for finder in _FINDERS for w in finder(session, user) if w.count > 0]
    return sorted(found, key=lambda w: not w.urgent)
