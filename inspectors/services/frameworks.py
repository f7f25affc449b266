"""Frameworks and their standards. A version in use is never changed: editing makes a new one.

Every change goes through :func:`writable_version`, which returns the framework itself when no
inspection uses it yet, or a fresh copy (the next version) when one does. Views redirect to
whichever framework comes back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, selectinload

from inspectors.models import Framework, Inspection, Standard
from inspectors.services.errors import InspectionError, InvalidState, NotFound
from voice.audit.services import record
from voice.auth.models import User
from voice.db import utcnow

DATA = Path(__file__).resolve().parent.parent / "data"
READY_FRAMEWORK_FILES = ("plymouth_ten_wishes.json", "youre_welcome.json")
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,11}$")


@dataclass(frozen=True)
class StandardInput:
    code: str
    title: str
    wording: str
    prompts: str = ""


# ---- reading ----------------------------------------------------------------------------------

def current_frameworks(session: Session, *, include_archived: bool = False) -> list[Framework]:
    """The newest version of each framework, by name."""
    query = (select(Framework).where(Framework.superseded_at.is_(None))
             .options(selectinload(Framework.standards)).order_by(Framework.name))
    if not include_archived:
        query = query.where(Framework.archived_at.is_(None))
    return list(session.scalars(query))


def frameworks_for_planning(session: Session) -> list[Framework]:
    return [f for f in current_frameworks(session) if f.standards]


def versions_of(session: Session, framework: Framework) -> list[Framework]:
    return list(session.scalars(select(Framework).where(Framework.family == framework.family)
                                .order_by(Framework.version.desc())))


def current_version_of(session: Session, family: str) -> Framework | None:
    return session.scalar(select(Framework).where(Framework.family == family,
                                                  Framework.superseded_at.is_(None)))


def is_in_use(session: Session, framework: Framework) -> bool:
    return bool(session.scalar(select(exists().where(Inspection.framework_id == framework.id))))


def inspections_using(session: Session, framework: Framework) -> int:
    return session.scalar(select(func.count(Inspection.id))
                          .where(Inspection.framework_id == framework.id)) or 0


def get_standard(framework: Framework, standard_id: int) -> Standard:
    standard = next((s for s in framework.standards if s.id == standard_id), None)
    if standard is None:
        raise NotFound("That standard is not part of this framework")
    return standard


# ---- validation ---------------------------------------------------------------------------------

def _clean_text(value: str | None, *, limit: int, field: str, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InspectionError(f"Enter the {field}")
    if len(value) > limit:
        raise InspectionError(f"The {field} must be {limit:,} characters or fewer")
    return value


def _validate_standard(framework: Framework, data: StandardInput,
                       editing: Standard | None = None) -> StandardInput:
    code = (data.code or "").strip().upper()
    if not CODE_PATTERN.match(code):
        raise InspectionError("Give the standard a short code of up to 12 letters, numbers, "
                              "dots or dashes, like W1 or 2.3")
    if any(s.code == code and s is not editing for s in framework.standards):
        raise InspectionError(f"Another standard in this framework already has the code {code}")
    return StandardInput(
        code=code,
        title=_clean_text(data.title, limit=160, field="short title"),
        wording=_clean_text(data.wording, limit=1000, field="wording for young people"),
        prompts=_clean_text(data.prompts, limit=3000, field="prompts for inspectors",
                            required=False),
    )


def _family_for(session: Session, name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "framework"
    family, n = base, 2
    while session.scalar(select(exists().where(Framework.family == family))):
        family, n = f"{base}-{n}", n + 1
    return family


# ---- versions -----------------------------------------------------------------------------------

def new_version(session: Session, actor: User | None, framework: Framework) -> Framework:
    """Copy ``framework`` (with its standards) as its next version and retire the old one."""
    copy = Framework(family=framework.family, version=framework.version + 1, name=framework.name,
                     description=framework.description,
                     created_by_id=actor.id if actor else None)
    copy.standards = [Standard(position=s.position, code=s.code, title=s.title, wording=s.wording,
                               prompts=s.prompts) for s in framework.standards]
    framework.superseded_at = utcnow()
    session.add(copy)
    session.flush()
    record(session, actor, "framework.versioned", target=copy, family=copy.family,
           previous_id=framework.id, version=copy.version)
    return copy


def writable_version(session: Session, actor: User | None, framework: Framework) -> Framework:
    """The framework to change: itself if unused, else a new version. Old versions are fixed."""
    if not framework.is_current:
        raise InvalidState("This is an old version of the framework. Change the newest version "
                           "instead.")
    if is_in_use(session, framework):
        return new_version(session, actor, framework)
    return framework


def _same_standard(framework: Framework, original: Standard) -> Standard:
    """``original``'s counterpart in ``framework`` (itself, or its copy in a new version)."""
    return next(s for s in framework.standards if s.code == original.code)


# ---- changes ------------------------------------------------------------------------------------

def create_framework(session: Session, actor: User | None, *, name: str, description: str = "",
                     standards: list[StandardInput] = (), family: str | None = None) -> Framework:
    name = _clean_text(name, limit=160, field="framework's name")
    framework = Framework(family=family or _family_for(session, name), version=1, name=name,
                          description=_clean_text(description, limit=2000, field="description",
                                                  required=False),
                          created_by_id=actor.id if actor else None)
    for position, data in enumerate(standards, start=1):
        clean = _validate_standard(framework, data)
        framework.standards.append(Standard(position=position, **clean.__dict__))
    session.add(framework)
    session.flush()
    record(session, actor, "framework.created", target=framework, name=framework.name,
           standards=len(framework.standards))
    return framework


def update_framework(session: Session, actor: User, framework: Framework, *, name: str,
                     description: str) -> Framework:
    name = _clean_text(name, limit=160, field="framework's name")
    description = _clean_text(description, limit=2000, field="description", required=False)
    if name == framework.name and description == framework.description:
        return framework
    target = writable_version(session, actor, framework)
    target.name, target.description = name, description
    record(session, actor, "framework.updated", target=target, name=name)
    return target


def save_standard(session: Session, actor: User, framework: Framework, standard_id: int | None,
                  data: StandardInput) -> tuple[Framework, Standard]:
    """Add a standard (``standard_id`` None) or change one; returns the framework changed."""
    original = get_standard(framework, standard_id) if standard_id is not None else None
    _validate_standard(framework, data, editing=original)  # before any new version is made
    target = writable_version(session, actor, framework)
    editing = _same_standard(target, original) if original is not None else None
    clean = _validate_standard(target, data, editing=editing)
    if editing is None:
        editing = Standard(position=max((s.position for s in target.standards), default=0) + 1,
                           **clean.__dict__)
        target.standards.append(editing)
        action = "framework.standard_added"
    else:
        for field, value in clean.__dict__.items():
            setattr(editing, field, value)
        action = "framework.standard_changed"
    session.flush()
    record(session, actor, action, target=target, code=editing.code)
    return target, editing


def remove_standard(session: Session, actor: User, framework: Framework,
                    standard_id: int) -> Framework:
    original = get_standard(framework, standard_id)
    if len(framework.standards) <= 1:
        raise InspectionError("A framework needs at least one standard")
    target = writable_version(session, actor, framework)
    target.standards.remove(_same_standard(target, original))
    _renumber(target)
    session.flush()
    record(session, actor, "framework.standard_removed", target=target, code=original.code)
    return target


def move_standard(session: Session, actor: User, framework: Framework, standard_id: int,
                  direction: str) -> Framework:
    original = get_standard(framework, standard_id)
    if direction not in ("up", "down"):
        raise InspectionError("Choose to move the standard up or down")
    order = list(framework.standards)
    index = order.index(original)
    swap = index - 1 if direction == "up" else index + 1
    if not 0 <= swap < len(order):
        return framework
    target = writable_version(session, actor, framework)
    standards = sorted(target.standards, key=lambda s: s.position)
    standards[index], standards[swap] = standards[swap], standards[index]
    for position, standard in enumerate(standards, start=1):
        standard.position = position
    target.standards.sort(key=lambda s: s.position)
    session.flush()
    record(session, actor, "framework.standard_moved", target=target, code=original.code,
           direction=direction)
    return target


def _renumber(framework: Framework) -> None:
    for position, standard in enumerate(sorted(framework.standards, key=lambda s: s.position),
                                        start=1):
        standard.position = position


def set_archived(session: Session, actor: User, framework: Framework, archived: bool) -> None:
    """Archived frameworks are not offered for new inspections; old reports keep working."""
    framework.archived_at = utcnow() if archived else None
    record(session, actor, "framework.archived" if archived else "framework.restored",
           target=framework)


# ---- the ready-made frameworks ------------------------------------------------------------------

def ready_framework_specs() -> list[dict]:
    return [json.loads((DATA / name).read_text(encoding="utf-8")) for name in READY_FRAMEWORK_FILES]


def install_ready_frameworks(session: Session, actor: User | None) -> list[Framework]:
    """Add the two ready-made frameworks unless they are already there. Returns those added."""
    added = []
    for spec in ready_framework_specs():
        if session.scalar(select(exists().where(Framework.family == spec["family"]))):
            continue
        added.append(create_framework(
            session, actor, name=spec["name"], description=spec["description"],
            family=spec["family"],
            standards=[StandardInput(**s) for s in spec["standards"]]))
    return added
