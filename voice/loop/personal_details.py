"""Personal details in wording that is about to be published, and the guard that keeps them out.

The redactor (:func:`voice.analysis.redact`) finds names, phone numbers, emails, addresses and
the like. In moderation, what it finds in the wording to be published is shown highlighted and
the moderator accepts the redaction in one step. Contact details and where someone lives
(:data:`NEVER_PUBLISHED`) can never be kept; a name or school the redactor is unsure of may be
kept only with a reason, which is recorded in the audit log.

:func:`publishable_wording` is the last check on the way out: every reader outside the
participation team gets wording through it (:mod:`voice.loop.reading`, theme quotes, the
most-backed cards), so even wording stored before this rule, or written by another route,
never leaves with a phone number, email, postcode or street address in it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Final

from voice import analysis
from voice.analysis.redaction import MARKERS

log = logging.getLogger(__name__)

# Kinds the redactor finds that can never be published, whatever a moderator says.
NEVER_PUBLISHED: Final = frozenset({"phone", "email", "postcode", "address", "handle",
                                    "date_of_birth"})
# Kinds a moderator may keep, with a reason (the redactor errs towards hiding ordinary words).
KEEP_WITH_REASON: Final = frozenset({"name", "school"})

KIND_LABELS: Final = {
    "name": "a name", "phone": "a phone number", "email": "an email address",
    "address": "an address", "postcode": "a postcode", "date_of_birth": "a date of birth",
    "handle": "a social media name", "school": "a school's name",
    "unknown": "something our check could not read (please try again)",
}

_KIND_OF_MARKER = {marker: kind for kind, marker in MARKERS.items()}
_MARKER_RE = re.compile("|".join(re.escape(m) for m in MARKERS.values()))


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str  # the words as written

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def can_keep(self) -> bool:
        return self.kind in KEEP_WITH_REASON


@dataclass(frozen=True)
class Segment:
    """A piece of the wording; ``kind`` is set when the redactor would take it out."""

    text: str
    kind: str | None = None

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind or "", "")


@dataclass(frozen=True)
class Check:
    """What the redactor found in one wording."""

    wording: str
    suggestion: str  # the wording with every finding replaced by its marker
    findings: tuple[Finding, ...]
    segments: tuple[Segment, ...]  # the wording, with what was found marked for highlighting

    @property
    def found(self) -> bool:
        return bool(self.findings)

    @property
    def never_published(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind in NEVER_PUBLISHED)

    @property
    def can_keep(self) -> bool:
        """True when everything found may be kept with a reason (names, schools)."""
        return self.found and all(f.kind in KEEP_WITH_REASON for f in self.findings)

    @property
    def summary(self) -> str:
        labels = []
        for finding in self.findings:
            if finding.label not in labels:
                labels.append(finding.label)
        if len(labels) <= 1:
            return "".join(labels)
        return ", ".join(labels[:-1]) + " and " + labels[-1]


def check_wording(wording: str) -> Check:
    """Run the redactor over ``wording`` and say what it would take out, and where."""
    wording = wording or ""
    try:
        suggestion = analysis.redact(wording)
    except Exception:  # a redactor fault must never let wording through unchecked
        log.exception("The redactor failed on wording being checked for publication")
        return Check(wording, "", (Finding("unknown", wording),), (Segment(wording, "unknown"),))
    if suggestion == wording:
        return Check(wording, suggestion, (), (Segment(wording),))
    segments = _align(wording, suggestion)
    findings = tuple(Finding(s.kind, s.text) for s in segments if s.kind is not None)
    if not findings:  # could not line the two up: say what kinds, highlight nothing
        added = _markers(suggestion)
        for marker in _markers(wording):
            if marker in added:
                added.remove(marker)
        findings = tuple(Finding(_KIND_OF_MARKER[m], "") for m in added)
        segments = (Segment(wording),)
    return Check(wording, suggestion, findings, segments)


def _markers(text: str) -> list[str]:
    return _MARKER_RE.findall(text)


def _align(wording: str, suggestion: str) -> tuple[Segment, ...]:
    """Line the suggestion up with the wording: the redactor only replaces pieces of the
    wording by markers, so the text between markers appears in the wording in order."""
    pieces = _MARKER_RE.split(suggestion)
    markers = _markers(suggestion)
    if not wording.startswith(pieces[0]):
        return ()
    segments: list[Segment] = [Segment(pieces[0])] if pieces[0] else []
    position = len(pieces[0])
    for index, marker in enumerate(markers):
        literal = pieces[index + 1]
        last = index == len(markers) - 1
        if last:
            end = len(wording) - len(literal)
            if end < position or not wording.endswith(literal):
                return ()
        else:
            end = wording.find(literal, position + 1) if literal else position + 1
            if end < 0:
                return ()
        replaced = wording[position:end]
        if not replaced:
            return ()
        kind = None if replaced == marker else _KIND_OF_MARKER[marker]
        segments.append(Segment(replaced, kind))
        if literal:
            segments.append(Segment(literal))
        position = end + len(literal)
    if position != len(wording):
        return ()
    return tuple(segments)


def publishable_wording(wording: str | None) -> str | None:
    """``wording`` if it may leave the participation team, else None (the publish-time guard):
    never with a phone number, email, postcode, street address, social media name or date of
    birth in it."""
    if wording is None or not wording.strip():
        return None
    check = check_wording(wording)
    if check.never_published or any(f.kind == "unknown" for f in check.findings):
        log.warning("Approved wording held back at publication: it still holds %s",
                    check.summary or "something the redactor could not check")
        return None
    return wording
