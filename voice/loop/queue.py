"""The moderation queue for a busy team (issue 13): filters, "what needs a person first", and
decisions on many items at once, with a short undo.

Every decision still goes through :mod:`voice.loop.moderation` (``approve_item``,
``hide_item``, ``return_to_queue``), so a batch obeys exactly the rules of the one-item page.
On top of them a batch checks, item by item, at the moment it writes:

- the item is still waiting (not escalated, flagged, approved or hidden by someone else
  meanwhile): it is locked for the rest of the transaction (``FOR UPDATE`` on PostgreSQL);
- the wording about to be published is the wording the person saw on their page, redactions
  and all (:func:`shown_fingerprint`). If it changed, or if the redactor would still take
  something out, the item is left waiting and the page says why.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import String as SAString
from sqlalchemy import case, cast, func, select
from sqlalchemy.orm import Session, aliased, selectinload

from voice.ages import AGE_GROUPS
from voice.auth.models import User
from voice.db import utcnow
from voice.errors import InvalidState, NotAllowed, VoiceError
from voice.loop import moderation
from voice.loop.models import LoopSettings, ModerationState, VoiceItem, VoiceSource
from voice.loop.reading import readable_items_clause, reader_for

DEFAULT_TARGET_DAYS = 3
DEFAULT_ESCALATE_AFTER_DAYS = 14
PER_PAGE = 25
MAX_BATCH = 100
UNDO_SECONDS = 30

SENTIMENTS = {"positive": "Positive", "neutral": "Neutral", "negative": "Negative"}

#: Reasons a batch may hide items for (the one-item page takes any reason in words).
HIDE_REASONS = {
    "not_about_service": "It isn't about this service",
    "unclear": "It is too unclear to publish",
    "unkind": "It is unkind about a person",
    "personal": "It is about one person's own care, not the service",
    "test": "It is a test or nonsense",
}

_MARKER = re.compile(r"\[[a-z][a-z _-]{1,30}\]")


# ---- the team's settings -----------------------------------------------------------------------

def loop_settings(session: Session) -> LoopSettings:
    """The participation team's settings (defaults until someone saves them)."""
    settings = session.scalar(select(LoopSettings).order_by(LoopSettings.id).limit(1))
    if settings is None:
        settings = LoopSettings(moderation_target_days=DEFAULT_TARGET_DAYS,
                                escalate_after_days=DEFAULT_ESCALATE_AFTER_DAYS)
    return settings


def save_loop_settings(session: Session, actor: User | None, *, moderation_target_days: int,
                       escalate_after_days: int) -> LoopSettings:
    if actor is not None and not moderation.can_moderate(actor):
        raise NotAllowed("Only the participation team can change these settings")
    if not 1 <= moderation_target_days <= 60:
        raise moderation.ModerationError("The moderation target must be between 1 and 60 days")
    if not 1 <= escalate_after_days <= 180:
        raise moderation.ModerationError("Escalation must come after between 1 and 180 days")
    settings = loop_settings(session)
    if settings.id is None:
        session.add(settings)
    settings.moderation_target_days = moderation_target_days
    settings.escalate_after_days = escalate_after_days
    settings.updated_at = utcnow()
    settings.updated_by_id = actor.id if actor is not None else None
    session.flush()
    from voice.audit.services import record

    record(session, actor, "loop.settings_changed", target=settings,
           moderation_target_days=moderation_target_days, escalate_after_days=escalate_after_days)
    return settings


# ---- the queue ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class QueueFilters:
    service_id: int | None = None
    source: str | None = None
    theme: str | None = None
    sentiment: str | None = None
    age_group: str | None = None

    @classmethod
    def from_args(cls, args) -> QueueFilters:
        """From a query string; anything unknown is ignored rather than refused."""
        def one(name: str, allowed) -> str | None:
            value = (args.get(name) or "").strip()
            return value if value in allowed else None

        service = (args.get("service") or "").strip()
        theme = (args.get("theme") or "").strip()
        return cls(
            service_id=int(service) if service.isdigit() and len(service) < 10 else None,
            source=one("source", {s.value for s in VoiceSource}),
            theme=theme[:60] if re.fullmatch(r"[\w &'/-]{1,60}", theme or "") else None,
            sentiment=one("sentiment", SENTIMENTS),
            age_group=one("age", AGE_GROUPS),
        )

    def as_args(self) -> dict[str, str | int]:
        args = {"service": self.service_id, "source": self.source, "theme": self.theme,
                "sentiment": self.sentiment, "age": self.age_group}
        return {k: v for k, v in args.items() if v}


@dataclass
class QueuePage:
    items: list[VoiceItem]
    total: int
    overdue: int
    backers: dict[int, int]
    cutoff: datetime
    target_days: int

    def is_overdue(self, item: VoiceItem) -> bool:
        return item.created_at < self.cutoff


def _conditions(filters: QueueFilters) -> list:
    conditions = [VoiceItem.state == ModerationState.NEW.value,
                  VoiceItem.is_safeguarding.is_(False)]
    if filters.service_id:
        conditions.append(VoiceItem.service_id == filters.service_id)
    if filters.source:
        conditions.append(VoiceItem.source == filters.source)
    if filters.sentiment:
        conditions.append(VoiceItem.sentiment == filters.sentiment)
    if filters.age_group:
        conditions.append(VoiceItem.age_band.in_(AGE_GROUPS[filters.age_group].values))
    if filters.theme:
        # Themes are a JSON list; its text holds each theme in double quotes on both databases.
        needle = filters.theme.replace("\\", "").replace("%", "").replace("_", "\\_")
        conditions.append(cast(VoiceItem.themes, SAString).like(f'%"{needle}"%', escape="\\"))
    return conditions


def waiting_queue(session: Session, actor: User | None, filters: QueueFilters = QueueFilters(), *,
                  page: int = 1, per_page: int = PER_PAGE, now: datetime | None = None) -> QueuePage:
    """Waiting items, what needs a person first: those waiting longer than the team's target
    (oldest first), then action cards before survey text, then items other young people backed
    (marked as saying the same), then the oldest."""
    now = now or utcnow()
    target = loop_settings(session).moderation_target_days
    cutoff = now - timedelta(days=target)
    conditions = _conditions(filters)
    conditions.append(readable_items_clause(reader_for(actor, session)))
    duplicate = aliased(VoiceItem)
    backing = (select(duplicate.duplicate_of_id.label("item_id"),
                      func.count(duplicate.id).label("n"))
               .where(duplicate.state == ModerationState.DUPLICATE.value,
                      duplicate.is_safeguarding.is_(False))
               .group_by(duplicate.duplicate_of_id).subquery())
    overdue_first = case((VoiceItem.created_at < cutoff, 0), else_=1)
    cards_first = case((VoiceItem.source == VoiceSource.CARD.value, 0), else_=1)
    # Two steps: order the narrow rows (id and sort keys) to find this page, then load only
    # the page's items. Sorting every waiting item with all its columns is several times slower.
    query = (select(VoiceItem.id, func.coalesce(backing.c.n, 0))
             .outerjoin(backing, backing.c.item_id == VoiceItem.id)
             .where(*conditions)
             .order_by(overdue_first, cards_first, func.coalesce(backing.c.n, 0).desc(),
                       VoiceItem.created_at.asc(), VoiceItem.id.asc()))
    page = max(page, 1)
    found = session.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    by_id = {item.id: item for item in session.scalars(
        select(VoiceItem).where(VoiceItem.id.in_([i for i, _ in found]))
        .options(selectinload(VoiceItem.service)))} if found else {}
    rows = [(by_id[i], n) for i, n in found if i in by_id]
    total, overdue = session.execute(
        select(func.count(VoiceItem.id),
               func.coalesce(func.sum(case((VoiceItem.created_at < cutoff, 1), else_=0)), 0))
        .where(*conditions)).one()
    return QueuePage(items=[r[0] for r in rows], total=int(total or 0), overdue=int(overdue or 0),
                     backers={r[0].id: int(r[1]) for r in rows}, cutoff=cutoff,
                     target_days=target)


def overdue_count(session: Session, *, now: datetime | None = None) -> int:
    """Items waiting longer than the team's target (for the home page)."""
    cutoff = (now or utcnow()) - timedelta(days=loop_settings(session).moderation_target_days)
    return session.scalar(select(func.count(VoiceItem.id)).where(
        *_conditions(QueueFilters()), VoiceItem.created_at < cutoff)) or 0


def theme_choices() -> list[tuple[str, str]]:
    """Themes to filter by: (key, name) in the taxonomy's order."""
    from voice.analysis import THEMES

    return [(theme.key, theme.commissioner_name) for theme in THEMES]


# ---- what the person sees, and proof they saw it ------------------------------------------------

def wording_to_publish(item: VoiceItem) -> str:
    """The words that would be published if this item were approved now."""
    return item.starting_wording


def shown_fingerprint(item: VoiceItem) -> str:
    """A short fingerprint of the wording shown for ``item``: a batch approves only when the
    fingerprint sent back matches the wording it is about to publish."""
    digest = hashlib.sha256(f"{item.id}\x1f{wording_to_publish(item)}".encode()).hexdigest()
    return digest[:20]


@dataclass(frozen=True)
class Segment:
    text: str
    removed: bool


def wording_segments(text: str) -> list[Segment]:
    """The wording split so that what the redactor took out ("[name]", "[phone]"…) can be
    highlighted."""
    segments, at = [], 0
    for match in _MARKER.finditer(text or ""):
        if match.start() > at:
            segments.append(Segment(text[at:match.start()], False))
        segments.append(Segment(match.group(0), True))
        at = match.end()
    if at < len(text or ""):
        segments.append(Segment(text[at:], False))
    return segments


# ---- many decisions at once ----------------------------------------------------------------------

APPROVE, HIDE = "approve", "hide"


@dataclass(frozen=True)
class Decision:
    item_id: int
    action: str          # APPROVE or HIDE
    shown: str = ""      # the fingerprint of the wording on the person's page


@dataclass
class BatchResult:
    done: list[tuple[int, str, str]] = field(default_factory=list)   # (id, action, moderated_at)
    skipped: list[tuple[int, str]] = field(default_factory=list)     # (id, why, in words)

    @property
    def approved(self) -> int:
        return sum(1 for _, action, _ in self.done if action == APPROVE)

    @property
    def hidden(self) -> int:
        return sum(1 for _, action, _ in self.done if action == HIDE)


def decide_items(session: Session, actor: User | None, decisions: list[Decision], *,
                 hide_reason: str | None = None) -> BatchResult:
    """Approve or hide several waiting items in one go. Each item is checked as it is written:
    an item that changed meanwhile is left as it is, with the reason."""
    if actor is not None and not moderation.can_moderate(actor):
        raise NotAllowed("Only the participation team can moderate what young people said")
    if len(decisions) > MAX_BATCH:
        raise moderation.ModerationError(f"Decide on at most {MAX_BATCH} items at a time")
    if any(d.action == HIDE for d in decisions) and hide_reason not in HIDE_REASONS:
        raise moderation.ModerationError("Choose why the items are being hidden")
    result = BatchResult()
    ids = sorted({d.item_id for d in decisions})
    locked = {item.id: item for item in session.scalars(
        select(VoiceItem).where(VoiceItem.id.in_(ids)).order_by(VoiceItem.id)
        .with_for_update().execution_options(populate_existing=True))}
    seen: set[int] = set()
    for decision in decisions:
        if decision.item_id in seen:
            continue
        seen.add(decision.item_id)
        item = locked.get(decision.item_id)
        why = _refusal(item, decision)
        if why:
            result.skipped.append((decision.item_id, why))
            continue
        # The moderation functions check everything before they change anything, so a
        # refusal leaves the item as it was.
        try:
            if decision.action == APPROVE:
                moderation.approve_item(session, actor, item, public_text=wording_to_publish(item))
            else:
                moderation.hide_item(session, actor, item, reason=HIDE_REASONS[hide_reason])
            session.flush()
        except moderation.PersonalDetailsFound:
            result.skipped.append((item.id, "its wording may still hold personal details: "
                                            "open it to check the wording"))
        except VoiceError as error:
            result.skipped.append((item.id, error.message))
        else:
            result.done.append((item.id, decision.action, item.moderated_at.isoformat()))
    return result


def _refusal(item: VoiceItem | None, decision: Decision) -> str | None:
    if item is None:
        return "it no longer exists"
    if item.is_safeguarding or item.state == ModerationState.ESCALATED:
        return "it has been sent to the safeguarding lead, so it will never be published"
    if item.state != ModerationState.NEW:
        return f"someone has already moderated it ({item.state_label.lower()})"
    if decision.action not in (APPROVE, HIDE):
        return "choose approve or hide"
    if decision.action == APPROVE:
        if not wording_to_publish(item).strip():
            return "it has no wording to publish yet: open it to write the wording"
        if decision.shown != shown_fingerprint(item):
            return "its wording changed after your page was shown: check it again"
    return None


def undo_decisions(session: Session, actor: User | None,
                   done: list[tuple[int, str, str]]) -> int:
    """Put back the items of a batch (as :attr:`BatchResult.done` listed them) that nobody has
    touched since. Returns how many went back to the queue."""
    if actor is not None and not moderation.can_moderate(actor):
        raise NotAllowed("Only the participation team can moderate what young people said")
    wanted = {APPROVE: ModerationState.APPROVED, HIDE: ModerationState.HIDDEN}
    back = 0
    for item_id, action, stamp in done:
        item = session.get(VoiceItem, item_id, with_for_update=True, populate_existing=True)
        if item is None or action not in wanted or item.state != wanted[action]:
            continue
        if item.moderated_at is None or item.moderated_at.isoformat() != stamp:
            continue
        try:
            moderation.return_to_queue(session, actor, item)
        except (InvalidState, VoiceError):
            continue
        back += 1
    return back


__all__ = [
    "APPROVE", "HIDE", "HIDE_REASONS", "BatchResult", "Decision", "QueueFilters", "QueuePage",
    "decide_items", "loop_settings", "overdue_count", "save_loop_settings", "shown_fingerprint",
    "undo_decisions", "waiting_queue", "wording_segments", "wording_to_publish",
]
