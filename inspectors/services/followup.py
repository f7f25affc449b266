"""After the report: recommendations become "you said, we did" commitments, a re-inspection
comes back to check them, and the service's ratings build up a history (and a certificate).

The commitments live in the feedback loop (:mod:`voice.loop.commitments`); this package only
calls its functions and keeps the commitment's id on the recommendation. The loop keeps the
other half of the link as the source ``("inspection_recommendation", recommendation.id)``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspectors.models import (
    AssuranceCheck,
    AssuranceOutcome,
    Framework,
    Inspection,
    InspectionState,
    Rating,
    Recommendation,
    Response,
)
from inspectors.services import access
from inspectors.services.common import clean_text, parse_rating, today
from inspectors.services.comparison import rating_counts
from inspectors.services.errors import InspectionError, InvalidState, NotAllowed
from inspectors.services.frameworks import current_version_of
from inspectors.services.inspections import (
    Plan,
    get_settings,
    plan_inspection,
    team_ratings,
)
from inspectors.services.people import profiles_by_user
from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import MANAGERS
from voice.db import utcnow

S = InspectionState
SOURCE_KIND = "inspection_recommendation"
RATED_STATES = (S.SHARED, S.PUBLISHED)


# ---- recommendations into commitments -----------------------------------------------------------

def _loop():
    from voice.loop import commitments

    return commitments


def commitment_for(session: Session, rec: Recommendation):
    """The loop's commitment made from this recommendation, or None."""
    if rec.commitment_id is None:
        return None
    from voice.loop.models import Commitment

    return session.get(Commitment, rec.commitment_id)


def commitments_by_recommendation(session: Session, recs) -> dict[int, object]:
    ids = {r.commitment_id for r in recs if r.commitment_id is not None}
    if not ids:
        return {}
    from voice.loop.models import Commitment

    found = {c.id: c for c in session.scalars(select(Commitment).where(Commitment.id.in_(ids)))}
    return {r.id: found[r.commitment_id] for r in recs if r.commitment_id in found}


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def make_commitment(session: Session, actor: User, inspection: Inspection, rec: Recommendation,
                    *, on: date | None = None):
    """One click: the recommendation becomes a commitment, linked both ways. Doing it twice
    returns the same commitment."""
    if actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can make commitments from recommendations")
    if rec.inspection_id != inspection.id:
        raise NotAllowed("That recommendation belongs to another inspection")
    if inspection.state not in RATED_STATES:
        raise InvalidState("Share the report with the service first: it responds to each "
                           "recommendation, and that response is what it commits to")
    loop = _loop()
    existing = commitment_for(session, rec)
    if existing is None:
        linked = loop.commitments_for_source(session, SOURCE_KIND, rec.id)
        existing = linked[0] if linked else None
    if existing is not None:
        rec.commitment_id = existing.id
        return existing
    if rec.response is None:
        raise InvalidState("Wait for the service's response: it says what they will do, and by "
                           "when")
    on = on or today()
    due = rec.response_by if rec.response_by and rec.response_by >= on else \
        add_months(on, get_settings(session).follow_up_months)
    owner = session.get(User, rec.responded_by_id) if rec.responded_by_id else None
    owner_id = owner.id if (owner is not None and owner.is_active and
                            owner.organisation_id == inspection.service.provider_id) else None
    number = inspection.recommendations.index(rec) + 1 if rec in inspection.recommendations else 0
    declined = rec.response == Response.DECLINED
    commitment = loop.create_commitment(
        session, actor,
        you_said=_short(rec.text, loop.MAX_YOU_SAID),
        we_will=_short("We looked at this recommendation. " + rec.response_text
                       if declined else rec.response_text, loop.MAX_WE_WILL),
        owner_organisation_id=inspection.service.provider_id, owner_user_id=owner_id,
        due_date=due, service_id=inspection.service_id,
        source_refs=[(SOURCE_KIND, rec.id,
                      f"Young inspectors' recommendation {number}, "
                      f"{inspection.visit_from:%B %Y}: {_short(rec.text, 150)}")],
        is_public=inspection.state == S.PUBLISHED, today=on)
    if declined:
        loop.record_progress(session, actor, commitment, status="cant_do",
                             cant_do_reason=_short(rec.response_text, loop.MAX_REASON), today=on)
    rec.commitment_id = commitment.id
    record(session, actor, "inspection.commitment_made", target=inspection, recommendation=rec.id,
           commitment=commitment.id)
    return commitment


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


# ---- re-inspection ------------------------------------------------------------------------------

def follow_ups_of(session: Session, inspection: Inspection) -> list[Inspection]:
    return list(session.scalars(select(Inspection).where(
        Inspection.follow_up_of_id == inspection.id,
        Inspection.state != S.CANCELLED).order_by(Inspection.id)))


def suggested_follow_up_date(session: Session, inspection: Inspection) -> date:
    """The default gap (six months unless the participation team changed it) after the visit."""
    return add_months(inspection.visit_to, get_settings(session).follow_up_months)


def plan_follow_up(session: Session, actor: User, inspection: Inspection, *,
                   visit_from: date | None = None) -> Inspection:
    """Plan the re-inspection: the same service, method and team (those still ready), and the
    newest version of the same framework. Returns the existing one if it is already planned."""
    if actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can plan inspections")
    if inspection.state not in RATED_STATES:
        raise InvalidState("A follow-up can be planned once the report has been shared")
    existing = follow_ups_of(session, inspection)
    if existing:
        return existing[0]
    framework = current_version_of(session, inspection.framework.family) or inspection.framework
    start = visit_from or suggested_follow_up_date(session, inspection)
    length = inspection.visit_to - inspection.visit_from
    profiles = profiles_by_user(session, [m.user_id for m in inspection.team])
    team = [m.user_id for m in inspection.team
            if m.user_id in profiles and profiles[m.user_id].is_ready]
    lead = inspection.lead_inspector_id if inspection.lead_inspector_id in team else \
        (team[0] if team else None)
    plan = Plan(service_id=inspection.service_id, framework_id=framework.id,
                method=inspection.method, visit_from=start, visit_to=start + length,
                self_assessment_due=None, team_ids=team, lead_id=lead,
                officer_id=inspection.officer_id or actor.id,
                brief=(f"Follow-up of the inspection in {inspection.visit_from:%B %Y}. Check "
                       "whether the service did what it said for each recommendation, and "
                       "rate every standard again."))
    return plan_inspection(session, actor, plan, follow_up_of=inspection)


@dataclass
class AssuranceRow:
    recommendation: Recommendation
    number: int
    commitment: object | None
    check: AssuranceCheck | None
    new_rating: Rating | None  # the follow-up team's rating for the same standard, if agreed

    @property
    def suggestion(self) -> AssuranceOutcome | None:
        if self.new_rating is None:
            return None
        return AssuranceOutcome.ASSURED if self.new_rating is Rating.GREEN else \
            AssuranceOutcome.REOPENED


def can_assure(user: User, follow_up: Inspection) -> bool:
    return access.is_manager(user) or access.is_lead(user, follow_up)


def assurance_rows(session: Session, follow_up: Inspection) -> list[AssuranceRow]:
    """Each recommendation of the inspection being followed up, with what is known about it."""
    original = follow_up.follow_up_of
    if original is None:
        return []
    checks = {c.recommendation_id: c for c in session.scalars(select(AssuranceCheck).where(
        AssuranceCheck.inspection_id == follow_up.id))}
    commitments = commitments_by_recommendation(session, original.recommendations)
    new_ratings = team_ratings(session, follow_up)
    by_code = {s.code: s.id for s in follow_up.framework.standards}
    rows = []
    for number, rec in enumerate(original.recommendations, start=1):
        new_rating = None
        if rec.standard is not None and rec.standard.code in by_code:
            row = new_ratings.get(by_code[rec.standard.code])
            new_rating = parse_rating(row.rating) if row else None
        rows.append(AssuranceRow(rec, number, commitments.get(rec.id), checks.get(rec.id),
                                 new_rating))
    return rows


def record_assurance(session: Session, actor: User, follow_up: Inspection, rec: Recommendation,
                     *, outcome: str, note: str, on: date | None = None) -> AssuranceCheck:
    """The young inspectors' finding on one earlier recommendation: it really happened
    (assured), or it did not (re-opened). The linked commitment is assured or re-opened."""
    if not can_assure(actor, follow_up):
        raise NotAllowed("Only the lead inspector and the participation team record what the "
                         "follow-up found")
    if follow_up.state == S.CANCELLED:
        raise InvalidState("This follow-up was cancelled")
    if follow_up.follow_up_of_id is None or rec.inspection_id != follow_up.follow_up_of_id:
        raise NotAllowed("That recommendation is not from the inspection being followed up")
    try:
        outcome = AssuranceOutcome(outcome)
    except ValueError:
        raise InspectionError("Choose whether it really happened or not") from None
    note = clean_text(note, field="what the young inspectors found", limit=1000, required=True)
    check = session.scalar(select(AssuranceCheck).where(
        AssuranceCheck.inspection_id == follow_up.id,
        AssuranceCheck.recommendation_id == rec.id))
    commitment = commitment_for(session, rec)
    if commitment is not None:
        _update_commitment(session, actor, commitment, outcome, note, on or today(),
                           followup_id=follow_up.id)
    if check is None:
        check = AssuranceCheck(inspection_id=follow_up.id, recommendation_id=rec.id)
        session.add(check)
    check.outcome, check.note, check.checked_by_id = outcome.value, note, actor.id
    check.checked_at = utcnow()
    session.flush()
    record(session, actor, "inspection.assurance_recorded", target=follow_up,
           recommendation=rec.id, outcome=outcome.value,
           commitment=commitment.id if commitment is not None else None)
    return check


def _update_commitment(session: Session, actor: User, commitment, outcome: AssuranceOutcome,
                       note: str, on: date, *, followup_id: int) -> None:
    from voice.loop.models import CommitmentStatus

    loop = _loop()
    status = CommitmentStatus(commitment.status)
    if outcome is AssuranceOutcome.ASSURED:
        if status is not CommitmentStatus.DONE:
            raise InvalidState("The service has not marked this commitment done yet, so it "
                               "cannot be assured. Ask them to update it, or record that it has "
                               "not happened.")
        if not commitment.is_assured:
            loop.assure_commitment(session, actor, commitment, by="young_inspectors", note=note,
                                   followup=followup_id, session_on=on, today=on)
    elif status in (CommitmentStatus.DONE, CommitmentStatus.CANT_DO):
        loop.reopen_commitment(session, actor, commitment, note=note, by="young_inspectors",
                               today=on)
    # A commitment still open stays open: the check records that it has not happened yet.


# ---- history and certificate --------------------------------------------------------------------

@dataclass(frozen=True)
class HistoryColumn:
    inspection: Inspection
    counts: dict[str, int]


@dataclass(frozen=True)
class HistoryRow:
    code: str
    title: str
    ratings: list[Rating | None]  # one per column, None when not rated or not in that version


@dataclass(frozen=True)
class FrameworkHistory:
    name: str
    columns: list[HistoryColumn]
    rows: list[HistoryRow]


def service_history(session: Session, service_id: int, *,
                    published_only: bool = False) -> list[FrameworkHistory]:
    """The team's agreed ratings over time, one table per framework, standards matched by code
    across versions, oldest inspection first."""
    states = [S.PUBLISHED.value] if published_only else [s.value for s in RATED_STATES]
    inspections = list(session.scalars(select(Inspection).where(
        Inspection.service_id == service_id, Inspection.state.in_(states))
        .order_by(Inspection.visit_from, Inspection.id)))
    families: dict[str, list[Inspection]] = {}
    for inspection in inspections:
        families.setdefault(inspection.framework.family, []).append(inspection)
    histories = []
    for group in families.values():
        newest: Framework = max((i.framework for i in group), key=lambda f: f.version)
        order: list[tuple[str, str]] = [(s.code, s.title) for s in newest.standards]
        seen = {code for code, _ in order}
        for inspection in reversed(group):
            for s in inspection.framework.standards:
                if s.code not in seen:
                    order.append((s.code, s.title))
                    seen.add(s.code)
        columns, by_code = [], []
        for inspection in group:
            ratings = team_ratings(session, inspection)
            codes = {s.code: parse_rating(ratings[s.id].rating) if s.id in ratings else None
                     for s in inspection.framework.standards}
            by_code.append(codes)
            columns.append(HistoryColumn(inspection, rating_counts(codes.values())))
        rows = [HistoryRow(code, title, [codes.get(code) for codes in by_code])
                for code, title in order]
        histories.append(FrameworkHistory(newest.name, columns, rows))
    return histories


def certificate_available(inspection: Inspection) -> bool:
    return inspection.state == S.PUBLISHED and inspection.certificate_awarded
