"""The one set of age bands Voice uses wherever a young person is asked how old they are.

Surveys ("About you: age") and action cards (by QR code, or typed in from paper) ask with
:data:`AGE_CHOICES` (the bands of :data:`AGE_BANDS`, then "prefer not to say") and store the
value chosen as it is, in ``survey_responses.age_band``, ``action_cards.age_band`` and
``voice_items.age_band``. The bands are fine enough for every service that works with young
people (from health visiting to care leavers up to 25), so nothing is lost when answers are
counted together.

Commissioners' summaries filter and count by the five wider :data:`AGE_GROUPS`: the young
bands split a group into counts small enough to be hidden, and services report who they
work with in these groups. A group's key is not a stored answer: the keys are the ones the
summary filters, the API, saved snapshots, digest subscriptions and population figures have
always used, kept so that none of them breaks.

Action cards made before cards and surveys shared these bands (migration 0007) may still hold
``"under_11"`` or ``"18_25"``. Each of those covers two of today's bands, so it cannot be turned
into one of them without guessing: it is kept as it was, shown as "Under 11 (older cards)",
and counted in the group that covers it (:data:`OLDER_CARD_BANDS`).

Pure Python: no Flask, no database, so that every package may import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from voice import N_  # marks the words young people see for translation (docs/translating.md)

PREFER_NOT = "prefer_not"
PREFER_NOT_LABEL = N_("Prefer not to say")
NOT_GIVEN_LABEL = "Not given"

#: Stored value -> the words a young person sees, youngest first. "7 or under" rather than an
#: age range, so that a young child (or the adult helping them) can answer at a glance.
AGE_BANDS: dict[str, str] = {
    "0-7": N_("7 or under"),
    "8-10": N_("8 to 10"),
    "11-13": N_("11 to 13"),
    "14-15": N_("14 or 15"),
    "16-17": N_("16 or 17"),
    "18-21": N_("18 to 21"),
    "22-25": N_("22 to 25"),
}

#: What every age question offers, in order: the bands, then "prefer not to say".
AGE_CHOICES: list[tuple[str, str]] = [*AGE_BANDS.items(), (PREFER_NOT, PREFER_NOT_LABEL)]

#: Values only older action cards hold; no form offers them any more.
OLDER_CARD_BANDS: dict[str, str] = {
    "under_11": "Under 11 (older cards)",
    "18_25": "18 to 25 (older cards)",
}


@dataclass(frozen=True)
class AgeGroup:
    """A band commissioners filter and count by, and every stored value it covers."""

    label: str
    values: tuple[str, ...]


#: Group key -> group. Together the groups cover every band and older card value exactly once.
AGE_GROUPS: dict[str, AgeGroup] = {
    "under_11": AgeGroup("Under 11", ("0-7", "8-10", "under_11")),
    "11_13": AgeGroup("11 to 13", ("11-13",)),
    "14_15": AgeGroup("14 or 15", ("14-15",)),
    "16_17": AgeGroup("16 or 17", ("16-17",)),
    "18_25": AgeGroup("18 to 25", ("18-21", "22-25", "18_25")),
}

_GROUP_OF = {value: key for key, group in AGE_GROUPS.items() for value in group.values}


def is_age_choice(value: str) -> bool:
    """True for a value a form may accept today: a band or "prefer not to say"."""
    return value in AGE_BANDS or value == PREFER_NOT


def age_label(value: str | None) -> str:
    """The words for a stored age value, for staff pages: older card values say so, and a
    value Voice does not know is shown as it was stored rather than hidden."""
    if not value:
        return NOT_GIVEN_LABEL
    if value == PREFER_NOT:
        return PREFER_NOT_LABEL
    return AGE_BANDS.get(value) or OLDER_CARD_BANDS.get(value) or value


def group_of(value: str | None) -> str | None:
    """The key of the group a stored value is counted in (None: not given, or prefer not)."""
    return _GROUP_OF.get(value) if value else None
