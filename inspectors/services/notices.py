"""Telling people what to do next, through the loop's notifications (in the app, and by email
when it is set up). Each notice has a dedupe key, so repeating an action never repeats it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspectors.models import Inspection
from voice.auth.models import User
from voice.auth.roles import Role


def _notify(session: Session, users, **kwargs) -> None:
    from voice.loop.notifications import notify_all

    notify_all(session, users, **kwargs)


def provider_staff(session: Session, inspection: Inspection) -> list[User]:
    return list(session.scalars(select(User).where(
        User.role == Role.PROVIDER.value, User.is_active.is_(True),
        User.organisation_id == inspection.service.provider_id).order_by(User.id)))


def _when(inspection: Inspection) -> str:
    start, end = inspection.visit_from, inspection.visit_to
    return (f"on {start:%-d %B %Y}" if start == end
            else f"between {start:%-d %B} and {end:%-d %B %Y}")


def planned(session: Session, inspection: Inspection) -> None:
    url = f"/inspections/{inspection.id}"
    due = (f" Please rate your service against each standard by "
           f"{inspection.self_assessment_due:%-d %B %Y}." if inspection.self_assessment_due
           else " Please rate your service against each standard before then.")
    kind = "a visit" if not inspection.method_enum.is_mystery else "a mystery shop"
    _notify(session, provider_staff(session, inspection), kind="inspection_planned",
            title=f"Young inspectors will check {inspection.service.name}",
            body=f"Young inspectors plan {kind} {_when(inspection)}.{due}", url=url,
            dedupe_key=f"inspection-planned:{inspection.id}")
    _notify(session, [m.user for m in inspection.team], kind="inspection_team",
            title=f"You are on the team to inspect {inspection.service.name}",
            body=f"{inspection.method_label} {_when(inspection)}. Open it to see the standards "
                 "and your notes.", url=url, dedupe_key=f"inspection-team:{inspection.id}")


def scores_sent(session: Session, inspection: Inspection, inspector: User) -> None:
    if inspection.officer is None:
        return
    sent = sum(1 for m in inspection.team if m.submitted_at is not None)
    _notify(session, [inspection.officer], kind="inspection_scores",
            title=f"{inspector.display_name} sent their scores for {inspection.service.name}",
            body=f"{sent} of {len(inspection.team)} young inspectors have sent their scores.",
            url=f"/inspections/{inspection.id}",
            dedupe_key=f"inspection-scores:{inspection.id}:{inspector.id}")


def shared(session: Session, inspection: Inspection) -> None:
    _notify(session, provider_staff(session, inspection), kind="inspection_report",
            title=f"The young inspectors' report on {inspection.service.name} is ready",
            body=f"Read it and respond to each recommendation by "
                 f"{inspection.response_due_on:%-d %B %Y}.",
            url=f"/inspections/{inspection.id}/report",
            dedupe_key=f"inspection-shared:{inspection.id}")
    _notify(session, [m.user for m in inspection.team], kind="inspection_report",
            title=f"Your report on {inspection.service.name} has been sent to the service",
            body="The service will say what it will do about each of your recommendations.",
            url=f"/inspections/{inspection.id}/report",
            dedupe_key=f"inspection-shared-team:{inspection.id}")
