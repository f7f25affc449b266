"""Demo data for young inspectors: both ready-made frameworks, three young inspectors (the
demo's ``jordan.yi`` and two more), a finished inspection of CAMHS (self-assessment, scores,
agreed ratings, recommendations with responses, one turned into a commitment, published),
its follow-up, and a planned mystery shop.

Idempotent: people are found by username and inspections by service and method, so running
``voice demo`` twice changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspectors.models import Inspection, InspectionState, InspectorProfile
from inspectors.services import followup, people
from inspectors.services import frameworks as framework_service
from inspectors.services import inspections as service
from inspectors.services.common import today
from voice.auth.models import User
from voice.auth.roles import Role
from voice.db import utcnow
from voice.demo import DEMO_PASSWORD, address_provider, demo_step

CAMHS = "Children and Young People's Mental Health Service (CAMHS)"
AUTISM = "Autism and ADHD Assessment"

# username, name, age band, name shown to services, reward
INSPECTORS = [
    ("jordan.yi", "Jordan", "16_17", "first_name", "voucher"),
    ("amira.yi", "Amira K", "18_plus", "first_name", "pay"),
    ("kai.yi", "Kai M", "under_16", "team", "voucher"),
]

# code: (service's own rating, its note, team rating, why the team rated it so)
CAMHS_RATINGS = {
    "W1": ("green", "Our number is on every letter.", "amber",
           "The number is on letters, but the website only has a form and nobody replied for "
           "three days."),
    "W2": ("green", "", "green", "Every appointment we watched started on time."),
    "W3": ("amber", "New staff do training; young people are not involved yet.", "amber",
           "Staff are trained, but no young people have helped to train them."),
    "W4": ("green", "", "green", "Staff asked us to say back what we had understood."),
    "W5": ("green", "We always agree next steps.", "amber",
           "Staff listened well in the room, but two young people told us nothing happened "
           "after they asked for help."),
    "W6": ("amber", "Some letters use clinical words.", "amber",
           "Leaflets say CAMHS and CYP without saying what they mean."),
    "W7": ("green", "Waiting times are on our website.", "red",
           "Nobody we spoke to knew how long they would wait, and the website page was a year "
           "out of date."),
    "W8": ("green", "", "green", "Young people are offered time alone at every first visit."),
    "W9": ("green", "", "green", "Reception has Childline and Shout posters, and staff asked."),
    "W10": ("green", "", "amber",
            "Most staff were respectful, but some spoke to parents instead of the young person."),
}

EVIDENCE = {
    "green": "We saw this happen during our visit, and the young people we met agreed.",
    "amber": "This happens some of the time. We saw good and not so good examples.",
    "red": "We did not see this happen, and young people told us it was a problem.",
}

RECOMMENDATIONS = [
    ("W7", "Text young people on the waiting list every month to tell them where they are and "
           "how long is left.",
     ("accepted", "From next month we will send a text every four weeks to everyone waiting, "
                  "saying how long the wait is likely to be and who to call.", 60)),
    ("W10", "Talk to the young person first in appointments, not just their parent or carer.",
     ("partly", "We will add this to our staff training and check it in our audits. For "
                "younger children we will still talk with parents too.", 90)),
    ("W1", "Put the phone number and a way to message the team on the front page of the "
           "website.", None),
]

STRENGTHS = [
    "Reception staff were friendly and said hello to us, not just to the adults.",
    "There were posters with Childline and Shout numbers where young people could see them.",
]
QUOTES = [
    "\u201cI didn't know I could ask to talk without my mum there until today.\u201d",
    "The waiting room felt like it was made for little kids, not teenagers.",
]

SUMMARY = ("Young inspectors visited CAMHS in Northdale. Staff were friendly and helped young "
           "people feel safe. But young people waiting for help are not told how long they "
           "will wait, and some staff talk to parents instead of the young person. CAMHS has "
           "promised to text everyone on the waiting list every month.")


def _weekday_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _inspectors(session: Session, officer: User, jordan: User | None) -> list[User]:
    users = []
    for username, name, age_band, preference, reward in INSPECTORS:
        user = session.scalar(select(User).where(User.username == username))
        if user is not None and user.role != Role.INSPECTOR:
            continue
        if user is None:
            profile = people.create_inspector(
                session, officer, username=username, display_name=name, password=DEMO_PASSWORD,
                age_band=age_band, consent_on=date(2026, 1, 12),
                parent_consent_on=date(2026, 1, 12) if age_band == "under_16" else None,
                name_preference=preference, reward=reward,
                organisation_id=jordan.organisation_id if jordan else None)
        else:
            profile = people.profile_for_user(session, user.id)
            if profile is None:
                profile = InspectorProfile(user_id=user.id, age_band=age_band,
                                           consent_on=date(2026, 1, 12),
                                           parent_consent_on=(date(2026, 1, 12)
                                                              if age_band == "under_16" else None),
                                           name_preference=preference, reward=reward,
                                           created_by_id=officer.id)
                session.add(profile)
                session.flush()
        if not profile.training:
            people.add_training(session, officer, profile, course="Young inspector training",
                                completed_on=date(2026, 1, 24))
            people.add_training(session, officer, profile, course="Safeguarding awareness",
                                completed_on=date(2026, 1, 31))
        users.append(profile.user)
    return users


def _finished_camhs(session: Session, services, officer: User, provider: User,
                    team: list[User]) -> Inspection | None:
    camhs = services.get(CAMHS)
    wishes = framework_service.current_version_of(session, "ten-wishes")
    if camhs is None or wishes is None or len(team) < 3:
        return None
    existing = session.scalar(select(Inspection).where(
        Inspection.service_id == camhs.id, Inspection.follow_up_of_id.is_(None))
        .order_by(Inspection.id).limit(1))
    if existing is not None:
        return existing
    now = today()
    visit = _weekday_before(now - timedelta(days=70))
    inspection = service.plan_inspection(session, officer, service.Plan(
        service_id=camhs.id, framework_id=wishes.id, method="visit", visit_from=visit,
        visit_to=visit, self_assessment_due=visit - timedelta(days=7),
        team_ids=[u.id for u in team], lead_id=team[0].id, officer_id=officer.id,
        brief="Meet at the Northdale Child and Family Centre at 10am. Ask for the team manager "
              "at reception. Sit in the waiting room for 20 minutes first."))
    by_code = {s.code: s for s in inspection.framework.standards}
    if provider.organisation_id == camhs.provider_id:
        service.save_self_assessment(session, provider, inspection, {
            by_code[c].id: (own, note) for c, (own, note, _, _) in CAMHS_RATINGS.items()},
            submit=True)
    for member in team:
        for code, (_, _, rating, _) in CAMHS_RATINGS.items():
            service.save_score(session, member, inspection, by_code[code].id, rating=rating,
                               evidence=EVIDENCE[rating])
        service.submit_scores(session, member, inspection)
    for code, text, _ in RECOMMENDATIONS:
        service.add_recommendation(session, team[0], inspection, text=text,
                                   standard_id=by_code[code].id)
    for text in STRENGTHS:
        service.add_highlight(session, team[1], inspection, kind="strength", text=text)
    for text in QUOTES:
        service.add_highlight(session, team[2], inspection, kind="quote", text=text)
    service.close_scoring(session, officer, inspection)
    service.save_team_ratings(session, officer, inspection, {
        by_code[c].id: (team_rating, False, reason)
        for c, (_, _, team_rating, reason) in CAMHS_RATINGS.items()})
    service.sign_off_ratings(session, team[0], inspection)
    service.sign_off_ratings(session, officer, inspection)
    shared_on = visit + timedelta(days=14)
    service.share_report(session, officer, inspection, on=shared_on)
    if provider.organisation_id == camhs.provider_id:
        for rec, (_, _, response) in zip(inspection.recommendations, RECOMMENDATIONS,
                                         strict=True):
            if response is not None:
                choice, text, days = response
                service.respond_to_recommendation(session, provider, inspection, rec,
                                                  response=choice, text=text,
                                                  by_date=now + timedelta(days=days))
    service.publish_summary(session, officer, inspection, summary=SUMMARY)
    followup.make_commitment(session, officer, inspection, inspection.recommendations[0])
    # Make the history look lived-in: the report went out two weeks after the visit.
    stamp = utcnow() - (now - shared_on)
    inspection.shared_at = stamp
    inspection.scoring_closed_at = stamp - timedelta(days=7)
    inspection.published_at = stamp + timedelta(days=21)
    inspection.self_assessment_submitted_at = stamp - timedelta(days=22)
    inspection.lead_agreed_at = inspection.officer_agreed_at = stamp - timedelta(days=2)
    for member in inspection.team:
        member.submitted_at = stamp - timedelta(days=12)
    for rec in inspection.recommendations:
        if rec.responded_at is not None:
            rec.responded_at = stamp + timedelta(days=10)
    for member in team:
        profile = people.profile_for_user(session, member.id)
        people.record_hours(session, officer, profile, worked_on=visit, hours="3",
                            activity="visit", inspection_id=inspection.id)
        people.record_hours(session, officer, profile, worked_on=visit + timedelta(days=3),
                            hours="1.5", activity="report", inspection_id=inspection.id)
    return inspection


def _planned_mystery_shop(session: Session, services, officer: User, team: list[User]) -> None:
    autism = services.get(AUTISM)
    welcome = framework_service.current_version_of(session, "youre-welcome")
    if autism is None or welcome is None or len(team) < 3:
        return
    exists = session.scalar(select(Inspection.id).where(
        Inspection.service_id == autism.id, Inspection.state == InspectionState.PLANNED))
    if exists is not None:
        return
    start = _weekday_before(today() + timedelta(days=21))
    service.plan_inspection(session, officer, service.Plan(
        service_id=autism.id, framework_id=welcome.id, method="mystery_phone",
        visit_from=start, visit_to=start + timedelta(days=11),
        self_assessment_due=start - timedelta(days=3),
        team_ids=[team[2].id, team[0].id], lead_id=team[2].id, officer_id=officer.id,
        brief="Ring the main number twice, once in the morning and once after school. Ask how "
              "long the wait for an assessment is and what help there is while you wait."))


@demo_step(50)
def inspectors_demo(session: Session, ctx: dict[str, Any]) -> None:
    users = ctx["users"]
    officer = users.get(Role.PARTICIPATION.value)
    provider = users.get(Role.PROVIDER.value)
    if officer is None or provider is None:
        return
    framework_service.install_ready_frameworks(session, officer)
    service.get_settings(session)
    team = _inspectors(session, officer, users.get(Role.INSPECTOR.value))
    finished = _finished_camhs(session, ctx["services"], officer, provider, team)
    if finished is not None and finished.state in (InspectionState.SHARED,
                                                   InspectionState.PUBLISHED):
        followup.plan_follow_up(session, officer, finished)
    _planned_mystery_shop(session, ctx["services"], officer, team)
    session.flush()


@address_provider
def inspection_addresses(session: Session, base_url: str) -> list[tuple[str, str]]:
    published = session.scalar(select(Inspection).where(
        Inspection.state == InspectionState.PUBLISHED).order_by(Inspection.id).limit(1))
    if published is None:
        return []
    return [("Young inspectors' report (public)",
             f"{base_url}/services/{published.service.slug}/inspections")]
