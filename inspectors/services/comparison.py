"""The side-by-side grid: what the provider said about itself against what the team found.

Pure functions over plain values, so the rules are easy to test: every standard gets a row,
whichever side (or neither) rated it, and every difference is explained in words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from inspectors.models import Rating


class Agreement(StrEnum):
    SAME = "same"
    PROVIDER_HIGHER = "provider_higher"
    PROVIDER_LOWER = "provider_lower"
    ONLY_PROVIDER = "only_provider"
    ONLY_TEAM = "only_team"
    NEITHER = "neither"


AGREEMENT_LABELS = {
    Agreement.SAME: "Same view",
    Agreement.PROVIDER_HIGHER: "Different view: the service rated itself higher",
    Agreement.PROVIDER_LOWER: "Different view: the service rated itself lower",
    Agreement.ONLY_PROVIDER: "Only the service rated this",
    Agreement.ONLY_TEAM: "Only the young inspectors rated this",
    Agreement.NEITHER: "Not rated by either",
}


@dataclass(frozen=True)
class SideView:
    """One side's view of one standard: a rating (or none) and what they wrote."""

    rating: Rating | None = None
    note: str = ""
    not_checked: bool = False


@dataclass(frozen=True)
class GridRow:
    standard_id: int
    code: str
    title: str
    wording: str
    provider: SideView
    team: SideView
    agreement: Agreement

    @property
    def differs(self) -> bool:
        return self.agreement in (Agreement.PROVIDER_HIGHER, Agreement.PROVIDER_LOWER)

    @property
    def one_sided(self) -> bool:
        return self.agreement in (Agreement.ONLY_PROVIDER, Agreement.ONLY_TEAM)

    @property
    def gap(self) -> int:
        """0 when the same; 1 one colour apart; 2 red against green."""
        if self.provider.rating is None or self.team.rating is None:
            return 0
        return abs(self.provider.rating.rank - self.team.rating.rank)

    @property
    def label(self) -> str:
        return AGREEMENT_LABELS[self.agreement]

    @property
    def explanation(self) -> str:
        """The difference in words: never colour alone."""
        provider, team = self.provider.rating, self.team.rating
        if self.agreement is Agreement.SAME:
            return f"Both rated this {team.label.lower()}."
        if self.differs:
            size = "a big difference" if self.gap == 2 else "one step apart"
            return (f"The service rated itself {provider.label.lower()}; the young inspectors "
                    f"rated it {team.label.lower()} ({size}).")
        if self.agreement is Agreement.ONLY_PROVIDER:
            why = ("the young inspectors could not check this" if self.team.not_checked
                   else "the young inspectors did not rate this")
            return f"The service rated itself {provider.label.lower()}; {why}."
        if self.agreement is Agreement.ONLY_TEAM:
            return (f"The young inspectors rated this {team.label.lower()}; the service did not "
                    "rate itself.")
        return "Neither the service nor the young inspectors rated this."


@dataclass(frozen=True)
class StandardInfo:
    id: int
    code: str
    title: str
    wording: str = ""


def compare(standard: StandardInfo, provider: SideView | None, team: SideView | None) -> GridRow:
    provider = provider or SideView()
    team = team or SideView()
    if provider.rating and team.rating:
        if provider.rating == team.rating:
            agreement = Agreement.SAME
        elif provider.rating.rank > team.rating.rank:
            agreement = Agreement.PROVIDER_HIGHER
        else:
            agreement = Agreement.PROVIDER_LOWER
    elif provider.rating:
        agreement = Agreement.ONLY_PROVIDER
    elif team.rating:
        agreement = Agreement.ONLY_TEAM
    else:
        agreement = Agreement.NEITHER
    return GridRow(standard.id, standard.code, standard.title, standard.wording, provider, team,
                   agreement)


def build_grid(standards: Iterable[StandardInfo], provider: Mapping[int, SideView],
               team: Mapping[int, SideView]) -> list[GridRow]:
    """One row per standard in order. Views for standards not in ``standards`` are ignored."""
    return [compare(s, provider.get(s.id), team.get(s.id)) for s in standards]


@dataclass(frozen=True)
class GridSummary:
    same: int
    differ: int
    only_provider: int
    only_team: int
    neither: int
    team_counts: dict[str, int]
    provider_counts: dict[str, int]


def summarise(rows: Iterable[GridRow]) -> GridSummary:
    rows = list(rows)
    kinds = Counter(r.agreement for r in rows)
    return GridSummary(
        same=kinds[Agreement.SAME],
        differ=kinds[Agreement.PROVIDER_HIGHER] + kinds[Agreement.PROVIDER_LOWER],
        only_provider=kinds[Agreement.ONLY_PROVIDER],
        only_team=kinds[Agreement.ONLY_TEAM],
        neither=kinds[Agreement.NEITHER],
        team_counts=rating_counts(r.team.rating for r in rows),
        provider_counts=rating_counts(r.provider.rating for r in rows),
    )


def rating_counts(ratings: Iterable[Rating | None]) -> dict[str, int]:
    counts = Counter(r.value for r in ratings if r is not None)
    return {r.value: counts.get(r.value, 0) for r in Rating}


def suggest_team_rating(ratings: Iterable[Rating | None]) -> Rating | None:
    """A starting point for the agreement: the middle of the inspectors' ratings.

    With an even number the lower of the two middle ratings is taken, so one generous score
    cannot lift the team's rating on its own.
    """
    ranked = sorted((r for r in ratings if r is not None), key=lambda r: r.rank)
    if not ranked:
        return None
    return ranked[(len(ranked) - 1) // 2]


@dataclass(frozen=True)
class CertificateBar:
    min_green_percent: int = 75
    max_red: int = 0

    def describe(self) -> str:
        red = ("no standard rated red" if self.max_red == 0
               else f"no more than {self.max_red} standard{'s' if self.max_red != 1 else ''} "
                    "rated red")
        return f"at least {self.min_green_percent}% of standards rated green, and {red}"


def meets_bar(ratings: Iterable[Rating | None], bar: CertificateBar) -> bool:
    """Green share is counted over every standard; a standard not rated counts against it."""
    ratings = list(ratings)
    if not ratings:
        return False
    counts = rating_counts(ratings)
    green_percent = 100 * counts[Rating.GREEN.value] / len(ratings)
    return green_percent >= bar.min_green_percent and counts[Rating.RED.value] <= bar.max_red
