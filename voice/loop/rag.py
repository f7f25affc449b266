"""The red / amber / green rule for commitments, written down once.

RAG is derived from a commitment's status and dates, never typed by a person:

- **green** when done;
- **amber** when in progress and not overdue, or not started with the due date more than
  14 days away;
- **red** when overdue, or not started within 14 days of the due date, or "can't do" without
  a reason young people can understand.

"Overdue" means today is after the due date (on the due date itself it is not yet late). A
"can't do" with a reason is closed and explained: it is shown grey, as "can't do". **Assured**
is a fourth mark, given only to a done commitment once young people have confirmed that the
change really happened.

Everything here is pure: pass ``today`` in (tests move the clock; the app uses the date in
Europe/London).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from voice import N_
from voice.loop.models import CommitmentStatus

NOT_STARTED_WARNING_DAYS = 14
LONDON = ZoneInfo("Europe/London")


class RAG(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    ASSURED = "assured"
    NONE = "none"  # can't do, with a reason given


# Words shown with the colour everywhere: colour is never the only signal.
RAG_LABELS = {
    RAG.RED: N_("Red: late or at risk"),
    RAG.AMBER: N_("Amber: on track"),
    RAG.GREEN: N_("Green: done"),
    RAG.ASSURED: N_("Assured: young people checked"),
    RAG.NONE: N_("Grey: can't do, reason given"),
}

RAG_SHORT = {
    RAG.RED: "Red",
    RAG.AMBER: "Amber",
    RAG.GREEN: "Green",
    RAG.ASSURED: "Assured",
    RAG.NONE: "Grey",
}

# Order used when sorting and summarising: most urgent first.
RAG_ORDER = [RAG.RED, RAG.AMBER, RAG.GREEN, RAG.ASSURED, RAG.NONE]


@dataclass(frozen=True)
class RagAssessment:
    rag: RAG
    reason: str

    @property
    def label(self) -> str:
        return RAG_LABELS[self.rag]


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def assess(
    status: CommitmentStatus | str,
    due_date: date,
    today: date,
    cant_do_reason: str | None,
    *,
    assured: bool = False,
) -> RagAssessment:
    """The one RAG rule, with the reason in words (for staff pages and history)."""
    status = CommitmentStatus(status)
    days_left = (due_date - today).days
    overdue = days_left < 0

    if status is CommitmentStatus.DONE:
        if assured:
            return RagAssessment(RAG.ASSURED, "Done, and young people have confirmed it happened")
        return RagAssessment(RAG.GREEN, "Done")
    if status is CommitmentStatus.CANT_DO:
        if (cant_do_reason or "").strip():
            return RagAssessment(RAG.NONE, "Can't do, and the reason is given")
        return RagAssessment(RAG.RED, "Can't do, but no reason has been given yet")
    if overdue:
        return RagAssessment(RAG.RED, f"Overdue by {_days(-days_left)}")
    if status is CommitmentStatus.IN_PROGRESS:
        return RagAssessment(RAG.AMBER, f"In progress, due in {_days(days_left)}"
                             if days_left else "In progress, due today")
    # Not started.
    if days_left <= NOT_STARTED_WARNING_DAYS:
        when = f"due in {_days(days_left)}" if days_left else "due today"
        return RagAssessment(
            RAG.RED, f"Not started and {when} (within {NOT_STARTED_WARNING_DAYS} days)")
    return RagAssessment(RAG.AMBER, f"Not started, due in {_days(days_left)}")


def rag_status(
    status: CommitmentStatus | str,
    due_date: date,
    today: date,
    cant_do_reason: str | None,
    *,
    assured: bool = False,
) -> RAG:
    """Red, amber, green (or assured, or none for an explained "can't do"). See the module doc."""
    return assess(status, due_date, today, cant_do_reason, assured=assured).rag


def today_in_london(now: datetime | None = None) -> date:
    """The calendar date young people and staff are living in."""
    from voice.db import utcnow

    return (now or utcnow()).astimezone(LONDON).date()
