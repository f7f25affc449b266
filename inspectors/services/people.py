"""Young inspector accounts: made by the participation team, with the least data that works.

An account is a :class:`voice.auth.models.User` with the young inspector role (a username and
passphrase, no email); :class:`InspectorProfile` holds the rest: age band, consent, training,
reward, and how they want to be named to providers. Hours given are recorded here and exported
for vouchers or pay.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from inspectors.models import (
    HOURS_ACTIVITIES,
    REWARD_LABELS,
    AgeBand,
    Inspection,
    InspectorHours,
    InspectorProfile,
    InspectorTraining,
    NamePreference,
    Reward,
)
from inspectors.services.common import today
from inspectors.services.errors import InspectionError, NotAllowed, NotFound
from voice.audit.services import record
from voice.auth import services as accounts
from voice.auth.models import User
from voice.auth.roles import MANAGERS, Role

MAX_MINUTES_A_DAY = 24 * 60


# ---- reading ------------------------------------------------------------------------------------

def list_profiles(session: Session, *, include_inactive: bool = True) -> list[InspectorProfile]:
    query = (select(InspectorProfile).join(User, User.id == InspectorProfile.user_id)
             .options(selectinload(InspectorProfile.training)).order_by(User.display_name))
    if not include_inactive:
        query = query.where(User.is_active.is_(True))
    return list(session.scalars(query))


def profile_for_user(session: Session, user_id: int) -> InspectorProfile | None:
    return session.scalar(select(InspectorProfile).where(InspectorProfile.user_id == user_id))


def profiles_by_user(session: Session, user_ids) -> dict[int, InspectorProfile]:
    ids = set(user_ids)
    if not ids:
        return {}
    return {p.user_id: p for p in session.scalars(
        select(InspectorProfile).where(InspectorProfile.user_id.in_(ids)))}


def get_profile(session: Session, profile_id: int) -> InspectorProfile:
    profile = session.get(InspectorProfile, profile_id)
    if profile is None:
        raise NotFound("We could not find that young inspector")
    return profile


# ---- validation ---------------------------------------------------------------------------------

def _require_manager(actor: User | None) -> None:
    if actor is not None and actor.role not in MANAGERS:
        raise NotAllowed("Only the participation team can manage young inspectors")


def _check_choice(value: str, allowed, message: str) -> str:
    if value not in {v.value if hasattr(v, "value") else v for v in allowed}:
        raise InspectionError(message)
    return value


def _check_consent(age_band: str, consent_on: date | None, parent_consent_on: date | None,
                   now: date) -> None:
    for day in (consent_on, parent_consent_on):
        if day is not None and day > now:
            raise InspectionError("A consent date cannot be in the future")
    if parent_consent_on is not None and age_band != AgeBand.UNDER_16:
        raise InspectionError("Only record a parent's or carer's consent for someone under 16")


# ---- accounts -----------------------------------------------------------------------------------

def create_inspector(
    session: Session,
    actor: User | None,
    *,
    username: str,
    display_name: str,
    password: str,
    age_band: str,
    consent_on: date | None = None,
    parent_consent_on: date | None = None,
    name_preference: str = NamePreference.TEAM,
    reward: str = Reward.VOUCHER,
    organisation_id: int | None = None,
    now: date | None = None,
) -> InspectorProfile:
    """Make the account (username and passphrase, no email) and the inspector's record."""
    _require_manager(actor)
    _check_choice(age_band, AgeBand, "Choose an age band")
    _check_choice(name_preference, NamePreference, "Choose how their name is shown to services")
    _check_choice(reward, Reward, "Choose how their time is rewarded")
    _check_consent(age_band, consent_on, parent_consent_on, now or today())
    user = accounts.create_user(session, actor, username=username, display_name=display_name,
                                role=Role.INSPECTOR, password=password, email=None,
                                organisation_id=organisation_id)
    profile = InspectorProfile(user_id=user.id, age_band=age_band, consent_on=consent_on,
                               parent_consent_on=parent_consent_on,
                               name_preference=name_preference, reward=reward,
                               created_by_id=actor.id if actor else None)
    session.add(profile)
    session.flush()
    record(session, actor, "inspector.created", target=profile, user_id=user.id,
           age_band=age_band, consent=consent_on is not None,
           parent_consent=parent_consent_on is not None)
    return profile


def update_inspector(
    session: Session,
    actor: User,
    profile: InspectorProfile,
    *,
    display_name: str,
    age_band: str,
    consent_on: date | None,
    parent_consent_on: date | None,
    name_preference: str,
    reward: str,
    is_active: bool,
    now: date | None = None,
) -> InspectorProfile:
    _require_manager(actor)
    _check_choice(age_band, AgeBand, "Choose an age band")
    _check_choice(name_preference, NamePreference, "Choose how their name is shown to services")
    _check_choice(reward, Reward, "Choose how their time is rewarded")
    _check_consent(age_band, consent_on, parent_consent_on, now or today())
    if not display_name.strip():
        raise InspectionError("Enter their name")
    user = profile.user
    accounts.update_user(session, actor, user, display_name=display_name, role=Role.INSPECTOR,
                         email=user.email, organisation_id=user.organisation_id,
                         is_active=is_active)
    changes = {}
    for field, value in (("age_band", age_band), ("consent_on", consent_on),
                         ("parent_consent_on", parent_consent_on),
                         ("name_preference", name_preference), ("reward", reward)):
        if getattr(profile, field) != value:
            changes[field] = [getattr(profile, field), value]
            setattr(profile, field, value)
    if changes:
        record(session, actor, "inspector.updated", target=profile, changes=changes)
    return profile


def set_name_preference(session: Session, actor: User, preference: str) -> InspectorProfile:
    """A young inspector chooses for themselves how providers see their name."""
    _check_choice(preference, NamePreference, "Choose how your name is shown")
    profile = profile_for_user(session, actor.id)
    if profile is None:
        raise NotFound("Your young inspector record has not been set up yet: ask your "
                       "participation officer")
    if profile.name_preference != preference:
        record(session, actor, "inspector.name_preference", target=profile,
               changes={"name_preference": [profile.name_preference, preference]})
        profile.name_preference = preference
    return profile


def reset_passphrase(session: Session, actor: User, profile: InspectorProfile,
                     passphrase: str) -> None:
    """Young people forget passphrases; their participation officer can set a new one."""
    _require_manager(actor)
    accounts.reset_password(session, actor, profile.user, passphrase)


def add_training(session: Session, actor: User, profile: InspectorProfile, *, course: str,
                 completed_on: date, now: date | None = None) -> InspectorTraining:
    _require_manager(actor)
    course = (course or "").strip()
    if not course:
        raise InspectionError("Enter the name of the training")
    if len(course) > 120:
        raise InspectionError("The training's name must be 120 characters or fewer")
    if completed_on > (now or today()):
        raise InspectionError("The date the training was finished cannot be in the future")
    training = InspectorTraining(profile=profile, course=course, completed_on=completed_on,
                                 recorded_by_id=actor.id)
    session.add(training)
    session.flush()
    record(session, actor, "inspector.training_added", target=profile, course=course,
           completed_on=completed_on)
    return training


# ---- hours --------------------------------------------------------------------------------------

_HOURS_MINUTES = re.compile(r"^(\d{1,2}):([0-5]\d)$")


def parse_hours(value: str | None) -> int:
    """Minutes from "2", "2.5", "1,5" or "2:30". Raises a plain-words error otherwise."""
    text = (value or "").strip().lower().removesuffix("hours").removesuffix("h").strip()
    if match := _HOURS_MINUTES.match(text):
        minutes = int(match[1]) * 60 + int(match[2])
    else:
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise InspectionError("Enter the hours as a number, like 2 or 2.5 or 2:30") from None
        if not number.is_finite():
            raise InspectionError("Enter the hours as a number, like 2 or 2.5 or 2:30")
        minutes = int((number * 60).to_integral_value())
    if minutes <= 0:
        raise InspectionError("Enter more than 0 hours")
    if minutes > MAX_MINUTES_A_DAY:
        raise InspectionError("Enter no more than 24 hours for one day")
    return minutes


def record_hours(session: Session, actor: User, profile: InspectorProfile, *, worked_on: date,
                 hours: str, activity: str, inspection_id: int | None = None, note: str = "",
                 now: date | None = None) -> InspectorHours:
    _require_manager(actor)
    minutes = parse_hours(hours)
    _check_choice(activity, HOURS_ACTIVITIES, "Choose what they did")
    if worked_on > (now or today()):
        raise InspectionError("You cannot record hours for a day that has not happened yet")
    if inspection_id is not None and session.get(Inspection, inspection_id) is None:
        raise InspectionError("Choose an inspection from the list")
    note = (note or "").strip()
    if len(note) > 200:
        raise InspectionError("The note must be 200 characters or fewer")
    entry = InspectorHours(profile_id=profile.id, inspection_id=inspection_id, worked_on=worked_on,
                           minutes=minutes, activity=activity, reward=profile.reward, note=note,
                           recorded_by_id=actor.id)
    session.add(entry)
    session.flush()
    record(session, actor, "inspector.hours_recorded", target=profile, minutes=minutes,
           worked_on=worked_on, activity=activity)
    return entry


def hours_for(session: Session, *, profile_id: int | None = None, start: date | None = None,
              end: date | None = None) -> list[InspectorHours]:
    query = (select(InspectorHours)
             .options(selectinload(InspectorHours.profile).joinedload(InspectorProfile.user),
                      selectinload(InspectorHours.inspection))
             .order_by(InspectorHours.worked_on, InspectorHours.id))
    if profile_id is not None:
        query = query.where(InspectorHours.profile_id == profile_id)
    if start is not None:
        query = query.where(InspectorHours.worked_on >= start)
    if end is not None:
        query = query.where(InspectorHours.worked_on <= end)
    return list(session.scalars(query))


@dataclass(frozen=True)
class HoursTotal:
    name: str
    username: str
    reward: str
    minutes: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


def hours_totals(entries: list[InspectorHours]) -> list[HoursTotal]:
    """Total time per young inspector and reward type, for vouchers or pay."""
    totals: dict[tuple[int, str], int] = {}
    people: dict[int, User] = {}
    for entry in entries:
        key = (entry.profile_id, entry.reward)
        totals[key] = totals.get(key, 0) + entry.minutes
        people[entry.profile_id] = entry.profile.user
    return sorted((HoursTotal(people[pid].display_name, people[pid].username,
                              REWARD_LABELS.get(reward, reward), minutes)
                   for (pid, reward), minutes in totals.items()), key=lambda t: t.name.lower())


HOURS_COLUMNS = ["Young inspector", "Username", "Date", "Hours", "Activity", "Inspection",
                 "Reward", "Note"]


def _hours_row(entry: InspectorHours) -> list:
    inspection = entry.inspection
    return [
        entry.profile.user.display_name,
        entry.profile.user.username,
        entry.worked_on,
        entry.hours,
        HOURS_ACTIVITIES.get(entry.activity, entry.activity),
        f"{inspection.service.name} ({inspection.visit_from:%d %b %Y})" if inspection else "",
        REWARD_LABELS.get(entry.reward, entry.reward),
        entry.note,
    ]


def _safe_cell(value):
    """Stop spreadsheet programs treating text as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def hours_csv(entries: list[InspectorHours]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HOURS_COLUMNS)
    for entry in entries:
        row = _hours_row(entry)
        row[2] = row[2].isoformat()
        writer.writerow([_safe_cell(v) for v in row])
    return out.getvalue()


def hours_xlsx(entries: list[InspectorHours]) -> bytes:
    """A workbook with every entry, and a sheet of totals per young inspector and reward."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Hours"
    sheet.append(HOURS_COLUMNS)
    for entry in entries:
        sheet.append([_safe_cell(v) for v in _hours_row(entry)])
    for cell in sheet["C"][1:]:
        cell.number_format = "yyyy-mm-dd"
    for cell in sheet["D"][1:]:
        cell.number_format = "0.00"
    totals = book.create_sheet("Totals")
    totals.append(["Young inspector", "Username", "Reward", "Total hours"])
    for total in hours_totals(entries):
        totals.append([_safe_cell(total.name), total.username, total.reward, total.hours])
    for ws, widths in ((sheet, (24, 18, 12, 8, 26, 40, 16, 30)), (totals, (24, 18, 22, 12))):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for index, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + index)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
