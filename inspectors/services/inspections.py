"""An inspection from plan to published summary.

planned ──close_scoring──▶ agreeing ──share_report──▶ shared ──publish_summary──▶ published
   │  provider self-assesses      lead + officer agree        provider responds to each
   │  inspectors score and submit  ratings; report written     recommendation
   └─cancel──▶ cancelled
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from inspectors.models import (
    Framework,
    Highlight,
    HighlightKind,
    Inspection,
    InspectionSettings,
    InspectionState,
    InspectorScore,
    Method,
    NamePreference,
    Rating,
    Recommendation,
    Response,
    SelfAssessment,
    Standard,
    TeamMember,
    TeamRating,
)
from inspectors.services import access, notices
from inspectors.services.common import clean_text, parse_rating, today
from inspectors.services.comparison import (
    CertificateBar,
    GridRow,
    SideView,
    StandardInfo,
    build_grid,
    meets_bar,
    suggest_team_rating,
)
from inspectors.services.errors import (
    AlreadySubmitted,
    InspectionError,
    InvalidState,
    NotAllowed,
    StandardNotInFramework,
)
from inspectors.services.people import profiles_by_user
from inspectors.services.workdays import add_working_days
from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import MANAGERS, Role
from voice.db import utcnow
from voice.directory.models import Service

S = InspectionState


# ---- settings -----------------------------------------------------------------------------------

def get_settings(session: Session) -> InspectionSettings:
    """The participation team's settings (made with the defaults the first time)."""
    settings = session.get(InspectionSettings, 1)
    if settings is None:
        settings = InspectionSettings(id=1, follow_up_months=6, response_working_days=20,
                                      certificate_min_green_percent=75, certificate_max_red=0)
        session.add(settings)
        session.flush()
    return settings


def certificate_bar(settings: InspectionSettings) -> CertificateBar:
    return CertificateBar(settings.certificate_min_green_percent, settings.certificate_max_red)


def update_settings(session: Session, actor: User, *, follow_up_months: int,
                    response_working_days: int, certificate_min_green_percent: int,
                    certificate_max_red: int) -> InspectionSettings:
    _require_manager(actor)
    checks = (
        (follow_up_months, 1, 36, "The follow-up gap must be between 1 and 36 months"),
        (response_working_days, 1, 120, "The response time must be between 1 and 120 working days"),
        (certificate_min_green_percent, 0, 100, "The share of green must be between 0 and 100%"),
        (certificate_max_red, 0, 50, "The most reds allowed must be between 0 and 50"),
    )
    for value, low, high, message in checks:
        if value is None or not low <= value <= high:
            raise InspectionError(message)
    settings = get_settings(session)
    changes = {}
    for name, value in (("follow_up_months", follow_up_months),
                        ("response_working_days", response_working_days),
                        ("certificate_min_green_percent", certificate_min_green_percent),
                        ("certificate_max_red", certificate_max_red)):
        if getattr(settings, name) != value:
            changes[name] = [getattr(settings, name), value]
            setattr(settings, name, value)
    if changes:
        settings.updated_by_id = actor.id
        record(session, actor, "inspection_settings.updated", target=settings, changes=changes)
    return settings


# ---- guards -------------------------------------------------------------------------------------

def _require_manager(actor: User) -> None:
    if actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can do this")


def _require_state(inspection: Inspection, *states: InspectionState, message: str) -> None:
    if inspection.state not in states:
        raise InvalidState(message)


def standard_in(inspection: Inspection, standard_id: int | None) -> Standard:
    """The standard, if it belongs to this inspection's framework version."""
    standard = next((s for s in inspection.framework.standards if s.id == standard_id), None)
    if standard is None:
        raise StandardNotInFramework(
            "That standard is not part of the framework this inspection uses")
    return standard


# ---- planning -----------------------------------------------------------------------------------

@dataclass
class Plan:
    service_id: int | None
    framework_id: int | None
    method: str
    visit_from: date | None
    visit_to: date | None
    self_assessment_due: date | None = None
    team_ids: list[int] = field(default_factory=list)
    lead_id: int | None = None
    officer_id: int | None = None
    brief: str = ""


class PlanError(InspectionError):
    """A problem with one field of the plan (``field`` names it, for the form)."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def _validate_plan(session: Session, plan: Plan, inspection: Inspection | None) -> dict:
    service = session.get(Service, plan.service_id) if plan.service_id else None
    if service is None or (service.is_archived and (inspection is None
                                                    or inspection.service_id != service.id)):
        raise PlanError("Choose the service to inspect", "service_id")
    framework = session.get(Framework, plan.framework_id) if plan.framework_id else None
    keeping = inspection is not None and framework is not None and \
        framework.id == inspection.framework_id
    if framework is None or not framework.standards or (
            not keeping and (not framework.is_current or framework.archived_at is not None)):
        raise PlanError("Choose a framework from the list", "framework_id")
    try:
        method = Method(plan.method)
    except ValueError:
        raise PlanError("Choose how the service will be inspected", "method") from None
    if plan.visit_from is None:
        raise PlanError("Enter the first day of the visit or mystery shop", "visit_from")
    visit_to = plan.visit_to or plan.visit_from
    if visit_to < plan.visit_from:
        raise PlanError("The last day must be the same as or after the first day", "visit_to")
    if (visit_to - plan.visit_from).days > 92:
        raise PlanError("Keep the visit window to three months or less", "visit_to")
    if plan.self_assessment_due is not None and plan.self_assessment_due > plan.visit_from:
        raise PlanError("The service should assess itself before the visit: choose a date on or "
                        "before the first day", "self_assessment_due")
    team_ids = list(dict.fromkeys(plan.team_ids))
    members = {u.id: u for u in session.scalars(select(User).where(User.id.in_(team_ids)))} \
        if team_ids else {}
    profiles = profiles_by_user(session, team_ids)
    current = {m.user_id for m in inspection.team} if inspection else set()
    for user_id in team_ids:
        user = members.get(user_id)
        if user is None or user.role != Role.INSPECTOR or user_id not in profiles:
            raise PlanError("Choose young inspectors from the list", "team_ids")
        profile = profiles[user_id]
        if user_id not in current and not profile.is_ready:
            raise PlanError(f"{user.display_name} cannot join a team yet: "
                            f"{' and '.join(profile.not_ready_reasons)}", "team_ids")
    if plan.lead_id is not None and plan.lead_id not in team_ids:
        raise PlanError("The lead inspector must be one of the team", "lead_id")
    officer = session.get(User, plan.officer_id) if plan.officer_id else None
    if plan.officer_id and (officer is None or officer.role not in MANAGERS):
        raise PlanError("Choose a participation officer from the list", "officer_id")
    return {"service": service, "framework": framework, "method": method, "visit_to": visit_to,
            "team_ids": team_ids,
            "brief": clean_text(plan.brief, field="the notes for the team", limit=3000)}


def plan_inspection(session: Session, actor: User, plan: Plan, *,
                    follow_up_of: Inspection | None = None) -> Inspection:
    _require_manager(actor)
    valid = _validate_plan(session, plan, None)
    inspection = Inspection(
        service_id=valid["service"].id, framework_id=valid["framework"].id,
        method=valid["method"].value, state=S.PLANNED.value, visit_from=plan.visit_from,
        visit_to=valid["visit_to"], self_assessment_due=plan.self_assessment_due,
        brief=valid["brief"], lead_inspector_id=plan.lead_id,
        officer_id=plan.officer_id or actor.id, created_by_id=actor.id,
        follow_up_of_id=follow_up_of.id if follow_up_of else None,
    )
    inspection.team = [TeamMember(user_id=uid) for uid in valid["team_ids"]]
    session.add(inspection)
    session.flush()
    record(session, actor, "inspection.planned", target=inspection,
           service_id=inspection.service_id, framework_id=inspection.framework_id,
           method=inspection.method, team=valid["team_ids"],
           follow_up_of=inspection.follow_up_of_id)
    notices.planned(session, inspection)
    return inspection


def _has_scores(session: Session, inspection: Inspection, user_id: int | None = None) -> bool:
    query = exists().where(InspectorScore.inspection_id == inspection.id)
    if user_id is not None:
        query = query.where(InspectorScore.user_id == user_id)
    return bool(session.scalar(select(query)))


def update_plan(session: Session, actor: User, inspection: Inspection, plan: Plan) -> Inspection:
    _require_manager(actor)
    _require_state(inspection, S.PLANNED,
                   message="The plan can only be changed before scoring closes")
    valid = _validate_plan(session, plan, inspection)
    if valid["framework"].id != inspection.framework_id and (
            _has_scores(session, inspection) or self_assessments(session, inspection)):
        raise PlanError("Scores or the service's self-assessment already use this framework, so "
                        "it cannot be changed", "framework_id")
    if valid["service"].id != inspection.service_id and self_assessments(session, inspection):
        raise PlanError("The service has already assessed itself, so the service cannot be "
                        "changed", "service_id")
    keep = set(valid["team_ids"])
    for member in list(inspection.team):
        if member.user_id not in keep and _has_scores(session, inspection, member.user_id):
            raise PlanError(f"{member.user.display_name} has already saved scores, so they "
                            "cannot be taken off the team", "team_ids")
    existing = {m.user_id for m in inspection.team}
    inspection.team = [m for m in inspection.team if m.user_id in keep] + [
        TeamMember(user_id=uid) for uid in valid["team_ids"] if uid not in existing]
    inspection.service_id = valid["service"].id
    inspection.framework_id = valid["framework"].id
    inspection.method = valid["method"].value
    inspection.visit_from, inspection.visit_to = plan.visit_from, valid["visit_to"]
    inspection.self_assessment_due = plan.self_assessment_due
    inspection.lead_inspector_id = plan.lead_id
    inspection.officer_id = plan.officer_id or inspection.officer_id
    inspection.brief = valid["brief"]
    session.flush()
    session.expire(inspection, ["framework", "service"])
    record(session, actor, "inspection.plan_changed", target=inspection, team=valid["team_ids"])
    notices.planned(session, inspection)  # new team members hear about it; nobody hears twice
    return inspection


def cancel_inspection(session: Session, actor: User, inspection: Inspection) -> None:
    _require_manager(actor)
    _require_state(inspection, S.PLANNED, S.AGREEING,
                   message="An inspection can only be cancelled before its report is shared")
    inspection.state = S.CANCELLED.value
    inspection.cancelled_at = utcnow()
    record(session, actor, "inspection.cancelled", target=inspection)


# ---- inspectors' scores -------------------------------------------------------------------------

def scores_of(session: Session, inspection: Inspection, user_id: int) -> dict[int, InspectorScore]:
    return {s.standard_id: s for s in session.scalars(select(InspectorScore).where(
        InspectorScore.inspection_id == inspection.id, InspectorScore.user_id == user_id))}


def _scoring_member(inspection: Inspection, actor: User) -> TeamMember:
    member = inspection.member_for(actor.id) if actor.role == Role.INSPECTOR else None
    if member is None:
        raise NotAllowed("Only young inspectors on this inspection's team can score it")
    if member.submitted_at is not None:
        raise AlreadySubmitted("You have already sent your scores, so they cannot be changed. "
                               "Talk to your lead inspector if something is wrong.")
    _require_state(inspection, S.PLANNED, message="Scoring has closed for this inspection")
    return member


def save_score(session: Session, actor: User, inspection: Inspection, standard_id: int, *,
               rating: str | Rating | None, evidence: str,
               not_checked: bool = False) -> InspectorScore:
    """Save one inspector's score for one standard (a draft until they submit)."""
    _scoring_member(inspection, actor)
    standard = standard_in(inspection, standard_id)
    parsed = parse_rating(rating)
    evidence = clean_text(evidence, field="what you saw, heard and felt")
    if not_checked:
        parsed = None
    score = scores_of(session, inspection, actor.id).get(standard.id)
    if score is None:
        score = InspectorScore(inspection_id=inspection.id, user_id=actor.id,
                               standard_id=standard.id)
        session.add(score)
    score.rating = parsed.value if parsed else None
    score.not_checked = not_checked
    score.evidence = evidence
    score.updated_at = utcnow()
    session.flush()
    return score


def missing_scores(session: Session, inspection: Inspection, user_id: int) -> list[Standard]:
    scores = scores_of(session, inspection, user_id)
    return [s for s in inspection.framework.standards
            if s.id not in scores or not scores[s.id].is_complete]


def submit_scores(session: Session, actor: User, inspection: Inspection) -> TeamMember:
    """Send the inspector's scores. After this they cannot be changed."""
    member = _scoring_member(inspection, actor)
    missing = missing_scores(session, inspection, actor.id)
    if missing:
        codes = ", ".join(s.code for s in missing)
        raise InspectionError(f"Give a rating and what you found for every standard before you "
                              f"send (still to do: {codes}), or tick \u201cwe could not check "
                              f"this\u201d.")
    member.submitted_at = utcnow()
    record(session, actor, "inspection.scores_submitted", target=inspection)
    notices.scores_sent(session, inspection, actor)
    _screen_evidence(session, inspection, actor)
    return member


def _screen_evidence(session: Session, inspection: Inspection, actor: User) -> None:
    """Young inspectors are young people too: an evidence note that may disclose harm (their
    own, or something they saw or were told on the visit) goes to the service's safeguarding
    lead at once, as an escalated voice item that is never published. Notes that are not
    worrying stay where they are, for the team to read when they agree their ratings."""
    from voice.loop.items import analyse_for_item, record_voice_item
    from voice.loop.models import VoiceSource

    for score in scores_of(session, inspection, actor.id).values():
        if not score.evidence.strip():
            continue
        analysis = analyse_for_item(session, score.evidence, source=VoiceSource.EVIDENCE)
        if analysis is None or not analysis.safeguarding:
            continue
        record_voice_item(session, source=VoiceSource.EVIDENCE, text=score.evidence,
                          service_id=inspection.service_id, source_id=score.id,
                          channel="inspection", analysis=analysis)


# ---- the provider's self-assessment -------------------------------------------------------------

def self_assessments(session: Session, inspection: Inspection) -> dict[int, SelfAssessment]:
    return {s.standard_id: s for s in session.scalars(select(SelfAssessment).where(
        SelfAssessment.inspection_id == inspection.id))}


def self_assessment_open(inspection: Inspection) -> bool:
    return inspection.state == S.PLANNED and inspection.self_assessment_submitted_at is None


def save_self_assessment(session: Session, actor: User, inspection: Inspection,
                         entries: dict[int, tuple[str | None, str]], *,
                         submit: bool = False) -> dict[int, SelfAssessment]:
    """Save the provider's rating and note for each standard; ``submit`` sends it (final)."""
    if not access.is_service_provider(actor, inspection):
        raise NotAllowed("Only staff of the organisation that runs this service can assess it")
    if inspection.self_assessment_submitted_at is not None:
        raise AlreadySubmitted("Your self-assessment has been sent, so it cannot be changed")
    _require_state(inspection, S.PLANNED,
                   message="The self-assessment has closed: the young inspectors have finished")
    parsed = {}
    for standard_id, (rating, note) in entries.items():
        standard = standard_in(inspection, standard_id)
        parsed[standard.id] = (parse_rating(rating),
                               clean_text(note, field=f"the note for {standard.code}", limit=3000))
    existing = self_assessments(session, inspection)
    for standard_id, (rating, note) in parsed.items():
        row = existing.get(standard_id)
        if row is None:
            row = SelfAssessment(inspection_id=inspection.id, standard_id=standard_id)
            session.add(row)
            existing[standard_id] = row
        row.rating = rating.value if rating else None
        row.note = note
        row.updated_by_id = actor.id
        row.updated_at = utcnow()
    if submit:
        unrated = [s.code for s in inspection.framework.standards
                   if existing.get(s.id) is None or existing[s.id].rating is None]
        if len(unrated) == len(inspection.framework.standards):
            raise InspectionError("Rate at least one standard before you send your "
                                  "self-assessment")
        inspection.self_assessment_submitted_at = utcnow()
        inspection.self_assessment_submitted_by_id = actor.id
        record(session, actor, "inspection.self_assessment_submitted", target=inspection,
               unrated=unrated)
    session.flush()
    return existing


# ---- closing scoring and agreeing the team's rating ---------------------------------------------

def submitted_members(inspection: Inspection) -> list[TeamMember]:
    return [m for m in inspection.team if m.submitted_at is not None]


def team_scores(session: Session, inspection: Inspection) -> dict[int, list[InspectorScore]]:
    """Scores from inspectors who submitted, by standard. Drafts never count."""
    submitted = {m.user_id for m in submitted_members(inspection)}
    by_standard: dict[int, list[InspectorScore]] = defaultdict(list)
    if not submitted:
        return by_standard
    for score in session.scalars(select(InspectorScore).where(
            InspectorScore.inspection_id == inspection.id,
            InspectorScore.user_id.in_(submitted)).order_by(InspectorScore.id)):
        by_standard[score.standard_id].append(score)
    return by_standard


def evidence_for(session: Session, reader: User, scores) -> dict[int, str | None]:
    """What ``reader`` may read of each score's evidence note (None: not shown). A note that
    was passed to the safeguarding lead is read only by the inspector who wrote it and the
    participation team (the reading rule, :mod:`voice.loop.reading`)."""
    from voice.loop.models import VoiceSource
    from voice.loop.reading import own_words_for, reader_for, restricted_source_ids

    scores = list(scores)
    who = reader_for(reader, session)
    restricted = restricted_source_ids(session, VoiceSource.EVIDENCE, [s.id for s in scores])
    return {s.id: own_words_for(who, s.evidence, restricted=s.id in restricted,
                                author_id=s.user_id) for s in scores}


def close_scoring(session: Session, actor: User, inspection: Inspection) -> None:
    """End scoring and self-assessment; start agreeing from the middle of the team's scores."""
    _require_manager(actor)
    _require_state(inspection, S.PLANNED, message="Scoring has already closed")
    if not submitted_members(inspection):
        raise InspectionError("No young inspector has sent their scores yet")
    scores = team_scores(session, inspection)
    existing = team_ratings(session, inspection)
    for standard in inspection.framework.standards:
        if standard.id in existing:
            continue
        ratings = [parse_rating(s.rating) for s in scores.get(standard.id, [])]
        suggestion = suggest_team_rating(ratings)
        session.add(TeamRating(inspection_id=inspection.id, standard_id=standard.id,
                               rating=suggestion.value if suggestion else None,
                               not_checked=suggestion is None, updated_by_id=actor.id))
    inspection.state = S.AGREEING.value
    inspection.scoring_closed_at = utcnow()
    session.flush()
    record(session, actor, "inspection.scoring_closed", target=inspection,
           submitted=len(submitted_members(inspection)), team=len(inspection.team))


def team_ratings(session: Session, inspection: Inspection) -> dict[int, TeamRating]:
    return {r.standard_id: r for r in session.scalars(select(TeamRating).where(
        TeamRating.inspection_id == inspection.id))}


def _reset_sign_off(inspection: Inspection) -> None:
    inspection.lead_agreed_at = None
    inspection.lead_agreed_recorded_by_id = None
    inspection.officer_agreed_at = None
    inspection.officer_agreed_by_id = None


def save_team_ratings(session: Session, actor: User, inspection: Inspection,
                      entries: dict[int, tuple[str | None, bool, str]]) -> dict[int, TeamRating]:
    """Set the team's rating for each standard. Any change needs both to agree again."""
    if not access.can_agree(actor, inspection):
        raise NotAllowed("Only the lead inspector and the participation team agree the ratings")
    _require_state(inspection, S.AGREEING,
                   message="Ratings can only be agreed after scoring closes and before the "
                           "report is shared")
    parsed = {}
    for standard_id, (rating, not_checked, reason) in entries.items():
        standard = standard_in(inspection, standard_id)
        value = None if not_checked else parse_rating(rating)
        parsed[standard.id] = (value, bool(not_checked),
                               clean_text(reason, field=f"the reason for {standard.code}",
                                          limit=3000))
    existing = team_ratings(session, inspection)
    changed = []
    for standard_id, (rating, not_checked, reason) in parsed.items():
        row = existing.get(standard_id)
        if row is None:
            row = TeamRating(inspection_id=inspection.id, standard_id=standard_id)
            session.add(row)
            existing[standard_id] = row
        new = (rating.value if rating else None, not_checked, reason)
        if (row.rating, row.not_checked, row.reason) != new:
            row.rating, row.not_checked, row.reason = new
            row.updated_by_id = actor.id
            row.updated_at = utcnow()
            changed.append(standard_id)
    if changed:
        _reset_sign_off(inspection)
        record(session, actor, "inspection.team_ratings_saved", target=inspection,
               standards=changed)
    session.flush()
    return existing


def agreement_problems(session: Session, inspection: Inspection) -> list[str]:
    """What stops the ratings being signed off, in words."""
    ratings = team_ratings(session, inspection)
    own = self_assessments(session, inspection)
    problems = []
    for standard in inspection.framework.standards:
        row = ratings.get(standard.id)
        if row is None or (row.rating is None and not row.not_checked):
            problems.append(f"{standard.code}: choose the team's rating, or say the team could "
                            "not check it")
            continue
        provider = own.get(standard.id)
        if (provider is not None and provider.rating and row.rating
                and provider.rating != row.rating and not row.reason.strip()):
            problems.append(f"{standard.code}: the service rated itself differently, so explain "
                            "the team's rating")
    return problems


def sign_off_ratings(session: Session, actor: User, inspection: Inspection, *,
                     lead_in_person: bool = False) -> None:
    """The lead inspector or the officer says "we agree". The officer may record the lead's
    agreement too, when they agreed the ratings together in person."""
    if not access.can_agree(actor, inspection):
        raise NotAllowed("Only the lead inspector and the participation team agree the ratings")
    _require_state(inspection, S.AGREEING, message="Ratings can only be agreed before the "
                                                     "report is shared")
    problems = agreement_problems(session, inspection)
    if problems:
        raise InspectionError("Finish the ratings first. " + " ".join(problems))
    now = utcnow()
    if access.is_lead(actor, inspection):
        inspection.lead_agreed_at, inspection.lead_agreed_recorded_by_id = now, actor.id
    else:
        if lead_in_person:
            if inspection.lead_inspector_id is None:
                raise InspectionError("Choose a lead inspector in the plan first")
            inspection.lead_agreed_at, inspection.lead_agreed_recorded_by_id = now, actor.id
        inspection.officer_agreed_at, inspection.officer_agreed_by_id = now, actor.id
    record(session, actor, "inspection.ratings_agreed", target=inspection,
           lead_in_person=lead_in_person)


def ratings_agreed(inspection: Inspection) -> bool:
    return inspection.officer_agreed_at is not None and (
        inspection.lead_agreed_at is not None or inspection.lead_inspector_id is None)


# ---- recommendations, strengths and quotes -------------------------------------------------------

REPORT_WRITING = (S.PLANNED, S.AGREEING)


def _require_writer(actor: User, inspection: Inspection) -> None:
    if not access.can_write_report(actor, inspection):
        raise NotAllowed("Only the young inspectors on the team and the participation team "
                         "write the report")
    _require_state(inspection, *REPORT_WRITING,
                   message="The report has been shared, so it cannot be changed")


def add_recommendation(session: Session, actor: User, inspection: Inspection, *, text: str,
                       standard_id: int | None = None) -> Recommendation:
    _require_writer(actor, inspection)
    standard = standard_in(inspection, standard_id) if standard_id is not None else None
    text = clean_text(text, field="the recommendation", limit=500, required=True)
    position = max((r.position for r in inspection.recommendations), default=0) + 1
    rec = Recommendation(inspection=inspection, standard_id=standard.id if standard else None,
                         position=position, text=text, written_by_id=actor.id)
    session.add(rec)
    session.flush()
    record(session, actor, "inspection.recommendation_added", target=inspection, id=rec.id)
    return rec


def get_recommendation(inspection: Inspection, recommendation_id: int) -> Recommendation | None:
    return next((r for r in inspection.recommendations if r.id == recommendation_id), None)


def update_recommendation(session: Session, actor: User, inspection: Inspection,
                          rec: Recommendation, *, text: str,
                          standard_id: int | None = None) -> Recommendation:
    _require_writer(actor, inspection)
    standard = standard_in(inspection, standard_id) if standard_id is not None else None
    rec.text = clean_text(text, field="the recommendation", limit=500, required=True)
    rec.standard_id = standard.id if standard else None
    session.flush()
    record(session, actor, "inspection.recommendation_changed", target=inspection, id=rec.id)
    return rec


def delete_recommendation(session: Session, actor: User, inspection: Inspection,
                          rec: Recommendation) -> None:
    _require_writer(actor, inspection)
    inspection.recommendations.remove(rec)
    session.flush()
    record(session, actor, "inspection.recommendation_deleted", target=inspection, id=rec.id)


def add_highlight(session: Session, actor: User, inspection: Inspection, *, kind: str,
                  text: str) -> Highlight:
    _require_writer(actor, inspection)
    try:
        kind = HighlightKind(kind).value
    except ValueError:
        raise InspectionError("Choose whether this is a strength or a quote") from None
    what = "the strength" if kind == HighlightKind.STRENGTH else "the quote"
    highlight = Highlight(inspection=inspection, kind=kind, written_by_id=actor.id,
                          text=clean_text(text, field=what, limit=1000, required=True))
    session.add(highlight)
    session.flush()
    record(session, actor, "inspection.highlight_added", target=inspection, kind=kind)
    return highlight


def delete_highlight(session: Session, actor: User, inspection: Inspection,
                     highlight: Highlight) -> None:
    _require_writer(actor, inspection)
    inspection.highlights.remove(highlight)
    session.flush()
    record(session, actor, "inspection.highlight_deleted", target=inspection, id=highlight.id)


# ---- sharing, responses, publishing -------------------------------------------------------------

def share_problems(session: Session, inspection: Inspection) -> list[str]:
    problems = []
    if inspection.state != S.AGREEING:
        problems.append("Close scoring and agree the ratings first.")
        return problems
    problems += agreement_problems(session, inspection)
    if inspection.officer_agreed_at is None:
        problems.append("The participation officer has not agreed the ratings yet.")
    if inspection.lead_inspector_id is not None and inspection.lead_agreed_at is None:
        problems.append("The lead inspector has not agreed the ratings yet.")
    return problems


def share_report(session: Session, actor: User, inspection: Inspection, *,
                 working_days: int | None = None, on: date | None = None) -> Inspection:
    """Share the report with the provider, who has ``working_days`` to respond (default from
    the settings). Each recommendation is recorded in the loop as a young inspector's finding."""
    _require_manager(actor)
    problems = share_problems(session, inspection)
    if problems:
        raise InvalidState("The report cannot be shared yet. " + " ".join(problems))
    days = working_days if working_days is not None else \
        get_settings(session).response_working_days
    if not 1 <= days <= 120:
        raise InspectionError("Give the service between 1 and 120 working days to respond")
    inspection.state = S.SHARED.value
    inspection.shared_at = utcnow()
    inspection.response_due_on = add_working_days(on or today(), days)
    for rec in inspection.recommendations:
        _record_finding(session, inspection, rec)
    record(session, actor, "inspection.shared", target=inspection, working_days=days,
           response_due_on=inspection.response_due_on)
    notices.shared(session, inspection)
    return inspection


def _record_finding(session: Session, inspection: Inspection, rec: Recommendation) -> None:
    """Put the recommendation into the feedback loop (analysed, moderated) once."""
    if rec.voice_item_id is not None:
        return
    from voice.loop.items import record_voice_item
    from voice.loop.models import VoiceSource

    item = record_voice_item(session, source=VoiceSource.FINDING, text=rec.text,
                             service_id=inspection.service_id, source_id=rec.id,
                             channel="inspection")
    rec.voice_item_id = item.id


def can_respond(rec: Recommendation) -> bool:
    return rec.commitment_id is None


def respond_to_recommendation(session: Session, actor: User, inspection: Inspection,
                              rec: Recommendation, *, response: str, text: str,
                              by_date: date | None = None) -> Recommendation:
    """The provider says what it will do about one recommendation."""
    if not access.is_service_provider(actor, inspection):
        raise NotAllowed("Only staff of the organisation that runs this service can respond")
    _require_state(inspection, S.SHARED, S.PUBLISHED,
                   message="You can respond once the report has been shared with you")
    if rec.inspection_id != inspection.id:
        raise NotAllowed("That recommendation belongs to another inspection")
    if not can_respond(rec):
        raise InvalidState("This recommendation is now a \u201cyou said, we did\u201d "
                           "commitment: update its progress there instead")
    try:
        choice = Response(response)
    except ValueError:
        raise InspectionError("Choose whether you will do this, part of it, or cannot") from None
    what = "why you cannot do this" if choice is Response.DECLINED else "what you will do"
    text = clean_text(text, field=what, limit=3000, required=True)
    if by_date is not None and by_date < today():
        raise InspectionError("The date you will do it by cannot be in the past")
    if choice is Response.DECLINED:
        by_date = None
    first = rec.responded_at is None
    rec.response, rec.response_text, rec.response_by = choice.value, text, by_date
    rec.responded_at, rec.responded_by_id = utcnow(), actor.id
    record(session, actor, "inspection.recommendation_response", target=inspection, id=rec.id,
           response=choice.value, first=first)
    return rec


def responses_overdue(inspection: Inspection, on: date | None = None) -> bool:
    return (inspection.response_due_on is not None and (on or today()) > inspection.response_due_on
            and any(r.responded_at is None for r in inspection.recommendations))


def publish_summary(session: Session, actor: User, inspection: Inspection, *,
                    summary: str) -> Inspection:
    """The participation officer approves the summary: it appears on the service's public page."""
    _require_manager(actor)
    _require_state(inspection, S.SHARED,
                   message="Share the report with the service before publishing the summary")
    inspection.summary = clean_text(summary, field="the summary", limit=2000, required=True)
    settings = get_settings(session)
    inspection.certificate_awarded = meets_bar(team_rating_values(session, inspection),
                                               certificate_bar(settings))
    inspection.state = S.PUBLISHED.value
    inspection.published_at, inspection.published_by_id = utcnow(), actor.id
    _publish_commitments(session, actor, inspection)
    record(session, actor, "inspection.published", target=inspection,
           certificate=inspection.certificate_awarded)
    return inspection


def _publish_commitments(session: Session, actor: User, inspection: Inspection) -> None:
    """The approved summary shows each recommendation, so the commitments made from them go on
    the public "you said, we did" board too."""
    linked = [r.commitment_id for r in inspection.recommendations if r.commitment_id]
    if not linked:
        return
    from voice.loop.commitments import set_published
    from voice.loop.models import Commitment

    for commitment in session.scalars(select(Commitment).where(Commitment.id.in_(linked))):
        set_published(session, actor, commitment, True)


def withdraw_summary(session: Session, actor: User, inspection: Inspection) -> None:
    _require_manager(actor)
    _require_state(inspection, S.PUBLISHED, message="This summary is not published")
    inspection.state = S.SHARED.value
    inspection.published_at = None
    inspection.certificate_awarded = False
    record(session, actor, "inspection.unpublished", target=inspection)


# ---- the grid and the credit line ---------------------------------------------------------------

def team_rating_values(session: Session, inspection: Inspection) -> list[Rating | None]:
    ratings = team_ratings(session, inspection)
    return [parse_rating(ratings[s.id].rating) if s.id in ratings else None
            for s in inspection.framework.standards]


def comparison(session: Session, inspection: Inspection) -> list[GridRow]:
    """The side-by-side grid: the service's own view against the team's agreed view."""
    standards = [StandardInfo(s.id, s.code, s.title, s.wording)
                 for s in inspection.framework.standards]
    provider = {sid: SideView(parse_rating(a.rating), a.note)
                for sid, a in self_assessments(session, inspection).items()}
    team = {sid: SideView(parse_rating(r.rating), r.reason, r.not_checked)
            for sid, r in team_ratings(session, inspection).items()}
    return build_grid(standards, provider, team)


def team_credit(session: Session, inspection: Inspection, *, show_names: bool) -> str:
    """How the team is named: real names for the participation team and the team itself;
    for everyone else, first names only of those who chose it, else "the young inspectors"."""
    members = list(inspection.team)
    if not members:
        return "the young inspectors"
    if show_names:
        return _join([m.user.display_name for m in members])
    profiles = profiles_by_user(session, [m.user_id for m in members])
    named = [profiles[m.user_id].first_name for m in members
             if m.user_id in profiles
             and profiles[m.user_id].name_preference == NamePreference.FIRST_NAME]
    others = len(members) - len(named)
    if not named:
        return "the young inspectors"
    if others:
        named.append(f"{others} other young inspector{'s' if others != 1 else ''}")
    return _join(named)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
