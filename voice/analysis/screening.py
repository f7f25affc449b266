"""Cheap screens that let long regular expressions be skipped without changing results.

Every comment is checked against dozens of phrase, theme and safeguarding patterns,
and most patterns cannot possibly match most comments. For each pattern we work out
a few strings of which any match must contain at least one; a substring test on
those is far cheaper than running the pattern.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from typing import Any, Final

__all__ = ["LazyPattern", "LazyScreen", "LiteralScreen", "required_literals", "split_alternatives"]

# Strings this common make a poor screen: prefer another required part if there is one.
_COMMON: Final = frozenset(
    {
        "me",
        "my",
        "i",
        "the",
        "a",
        "an",
        "to",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "is",
        "was",
        "it",
        "be",
        "you",
        "we",
        "they",
        "he",
        "she",
        "her",
        "him",
        "them",
        "one",
        "home",
        "all",
        "so",
        "do",
        "not",
        "no",
        "get",
        "got",
        "go",
        "up",
        "out",
        "if",
        "when",
        "what",
        "that",
        "this",
        "there",
        "have",
        "had",
        "has",
        "are",
        "were",
        "every",
    }
)


def split_alternatives(pattern: str) -> list[str]:
    """Split a pattern at its top-level ``|`` (not inside groups or character classes).

    Screening each alternative on its own means a common word needed by one small
    alternative no longer forces the whole pattern to run.
    """
    parts: list[str] = []
    depth = 0
    in_class = False
    start = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return [p for p in parts if p]


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains at least one, or None.

    Worked out from the parsed pattern: a run of literal characters outside any
    optional part must appear in every match; for alternatives, one such set per
    branch is merged. Of several candidates the most selective is returned. None
    means no guarantee could be found (then the pattern must always be run).
    """
    try:
        from re import _parser  # type: ignore[attr-defined]  # private, but stable since 3.11

        parsed = _parser.parse(pattern)
    except Exception:  # noqa: BLE001 -- without the parser, simply do not screen
        return None
    return _literals_of(list(parsed))


def _selectivity(literals: frozenset[str]) -> tuple[int, int, int]:
    weak = sum(1 for lit in literals if lit.strip() in _COMMON or len(lit.strip()) < 3)
    return (-weak, min(len(lit.strip()) for lit in literals), -len(literals))


def _literals_of(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    from re import _constants as c  # type: ignore[attr-defined]

    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if len("".join(run).strip()) >= 2:
            candidates.append(frozenset({"".join(run)}))
        run.clear()

    for op, arg in items:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        close_run()
        inner: frozenset[str] | None = None
        if op is c.SUBPATTERN:
            inner = _literals_of(list(arg[-1]))
        elif op is c.BRANCH:
            merged: set[str] = set()
            for branch in arg[1]:
                sub = _literals_of(list(branch))
                if sub is None:
                    merged = set()
                    break
                merged |= sub
            inner = frozenset(merged) if merged else None
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            inner = _literals_of(list(arg[2]))
        if inner:
            candidates.append(inner)
    close_run()
    if not candidates:
        return None
    return max(candidates, key=_selectivity)


def _grams(literal: str) -> list[str]:
    return [literal[i : i + 3] for i in range(len(literal) - 2)] or [literal]


class LiteralScreen:
    """Which owners (patterns, categories) have one of their required strings in a text.

    Strings are indexed by three of their characters; a text's three-character slices
    are collected in one pass, so the cost grows with the text, not with the number of
    patterns.
    """

    def __init__(self, entries: Iterable[tuple[frozenset[str] | None, Hashable]]) -> None:
        self._always: set[Hashable] = set()
        self._by_key: dict[str, list[tuple[str, Hashable]]] = {}
        pairs: list[tuple[str, Hashable]] = []
        for literals, owner in entries:
            if literals is None:
                self._always.add(owner)
            else:
                pairs.extend((lit, owner) for lit in literals)
        # Each string is indexed under the slice of it that fewest of the strings share:
        # those are English words, so a slice most of them share ("ing", "the", " me")
        # is in most comments too, and indexing under it would check the string in
        # nearly every comment.
        shared = Counter(gram for lit, _ in pairs for gram in set(_grams(lit)))
        for lit, owner in pairs:
            key = min(_grams(lit), key=lambda gram: (shared[gram], gram))
            self._by_key.setdefault(key, []).append((lit, owner))
        # a set, not the dict: set & set walks the smaller side, set & dict walks the dict
        self._keys = frozenset(self._by_key)
        self._short_keys = {k for k in self._by_key if len(k) < 3}

    @staticmethod
    def grams(text: str) -> set[str]:
        """The text's three-character slices; pass to several screens of the same text."""
        return {text[i : i + 3] for i in range(len(text) - 2)}

    def owners_present(self, text: str, grams: set[str] | None = None) -> set[Hashable]:
        """Owners that may match ``text`` (a superset of those that do)."""
        found = set(self._always)
        if grams is None:
            grams = self.grams(text)
        keys = grams & self._keys
        for key in self._short_keys:
            if key in text:
                keys.add(key)
        for key in keys:
            for lit, owner in self._by_key[key]:
                if owner not in found and lit in text:
                    found.add(owner)
        return found


class LazyPattern:
    """A regular expression compiled when first used, otherwise like ``re.compile(pattern)``.

    Compiling hundreds of patterns when a module is imported costs every process (and
    gunicorn's start-up) most of a second; compiled on first use, a process pays only for
    the patterns its texts need (behind a screen, a few per comment).
    """

    # The methods Voice calls are kept in slots once compiled, so a search costs what it does on
    # a compiled pattern (a dict per pattern would cost every process 0.2 MB).
    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
    __slots__ = ("_compiled", "pattern", *_METHODS)

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def compile(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # the first search, finditer, sub, ...
        compiled = self.compile()
        for method in self._METHODS:  # found directly from now on, without this call
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


class LazyScreen:
    """A :class:`LiteralScreen` built when first used: working out the required strings parses
    every pattern, so it is left until a text is screened or :meth:`build` is called (gunicorn's
    master does, before forking, so the workers share the screens)."""

    def __init__(self, entries: Callable[[], Iterable[tuple[frozenset[str] | None, Hashable]]]):
        self._entries = entries
        self._screen: LiteralScreen | None = None

    def build(self) -> LiteralScreen:
        """The screen (built now if it was not yet)."""
        if self._screen is None:
            self._screen = LiteralScreen(self._entries())
        return self._screen

    def owners_present(self, text: str, grams: set[str] | None = None) -> set[Hashable]:
        """Owners that may match ``text`` (see :meth:`LiteralScreen.owners_present`)."""
        return self.build().owners_present(text, grams)
