"""Young people's own words in summaries: approved, redacted quotes only, and holding one back.

A quote appears only if a moderator approved it (``state == approved``), it has approved public
wording (redacted), it was never flagged for safeguarding, and nobody has held it back. A theme
with fewer than 5 items in the chosen scope shows no quotes at all: in a small group, even
redacted words can point to one young person. Moderators (the participation team) can hold back
any quote whose details could identify someone; that is recorded in the audit log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import Role
from voice.directory.models import Service
from voice.errors import InvalidState, NotAllowed, NotFound
from voice.loop.models import VOICE_SOURCE_LABELS, VoiceItem
from voice.loop.personal_details import publishable_wording
from voice.summaries.filters import Scope
from voice.summaries.models import QuoteHold
from voice.summaries.periods import Period, london_date
from voice.summaries.queries import item_conditions, quotable_conditions
from voice.summaries.suppression import THRESHOLD

THEME_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
PER_PAGE = 20
WALK_BATCH = 200  # quotable items checked at a time for a theme's quotes (see _newest)
MODERATORS = frozenset({Role.ADMIN, Role.PARTICIPATION})


@dataclass(frozen=True)
class Quote:
    item_id: int
    text: str
    service: str
    source: str
    month: str
    sentiment: str | None
    is_held: bool = False


def valid_theme(key: str) -> bool:
    return bool(THEME_KEY.match(key or ""))


def has_theme(session: Session, theme: str):
    """SQL: this voice item is tagged with ``theme``.

    Matches ``"theme"`` (with its quotes) in the stored JSON list: theme keys are lower-case
    letters, digits, ``_`` and ``-`` (:data:`THEME_KEY`), so the quoted key can only match a
    whole element. It is several times cheaper than expanding the JSON of every row.
    """
    if not valid_theme(theme):
        raise NotFound("There is no theme with that name")
    pattern = '%"' + theme.replace("_", "\\_") + '"%'
    return cast(VoiceItem.themes, String).like(pattern, escape="\\")


def theme_item_count(session: Session, scope: Scope, period: Period, theme: str) -> int:
    """How many counted items in scope carry this theme (the size of the group): whole months
    from the rollups (:mod:`voice.summaries.rollups`), the rest counted from the rows."""
    from voice.summaries.rollups import theme_count

    def live(narrowed: Scope, start: datetime, end: datetime) -> int:
        return session.scalar(
            select(func.count(VoiceItem.id)).where(
                VoiceItem.created_at >= start, VoiceItem.created_at < end,
                *item_conditions(narrowed), has_theme(session, theme))) or 0

    if not valid_theme(theme):
        raise NotFound("There is no theme with that name")
    return theme_count(session, scope, period, theme, live)


def theme_quotes(session: Session, scope: Scope, period: Period, theme: str, *, page: int = 1,
                 per_page: int = PER_PAGE, sentiment: str | None = None,
                 group: int | None = None, count: bool = True
                 ) -> tuple[list[Quote], int, int]:
    """Approved quotes for a theme in scope: (quotes on this page, quotes in all, items in theme).

    No quotes at all when the theme has fewer than 5 items in this scope. ``group`` may be given
    when the caller already knows it (from the summary's themes table); ``count=False`` skips
    counting every quote (the total is then 0).
    """
    if not valid_theme(theme):
        raise NotFound("There is no theme with that name")
    if group is None:
        group = theme_item_count(session, scope, period, theme)
    if group < THRESHOLD:
        return [], 0, group
    start, end = period.bounds()
    quotable = [VoiceItem.created_at >= start, VoiceItem.created_at < end,
                *item_conditions(scope), *quotable_conditions()]
    picked = [has_theme(session, theme)]
    if sentiment in ("positive", "neutral", "negative"):
        picked.append(VoiceItem.sentiment == sentiment)
    total = (session.scalar(select(func.count(VoiceItem.id)).where(*quotable, *picked)) or 0) \
        if count else 0
    skip = (max(page, 1) - 1) * per_page
    rows = _newest(session, quotable, picked, skip + per_page)[skip:]
    # The publish-time guard (voice.loop.personal_details): wording that still holds contact
    # details or an address is never quoted, however it was stored.
    return [_quote(*row) for row in rows if publishable_wording(row[1])], total, group


def _newest(session: Session, quotable: list, picked: list, wanted: int) -> list:
    """The newest ``wanted`` quotable items that match ``picked`` (newest first, then the
    later item), with their service.

    The quotable items are walked newest first by index (``voice_items (state, created_at)``
    or ``(service_id, state, created_at)``), a batch at a time, and ``picked`` (the theme,
    the sentiment) is checked on each batch by primary key, so a page reads a few hundred rows
    however many the period holds. (In one query PostgreSQL cannot tell how few items match a
    theme, so it sorted every approved item of the year instead: 330 ms at 100,000
    responses.)"""
    order = (VoiceItem.created_at.desc(), VoiceItem.id.desc())
    found: list = []
    after: tuple | None = None
    size = WALK_BATCH
    while len(found) < wanted:
        batch = select(VoiceItem.id, VoiceItem.created_at).where(*quotable)
        if after is not None:
            batch = batch.where(or_(VoiceItem.created_at < after[0], and_(
                VoiceItem.created_at == after[0], VoiceItem.id < after[1])))
        keys = session.execute(batch.order_by(*order).limit(size)).all()
        if keys:
            found += session.execute(
                select(VoiceItem.id, VoiceItem.public_text, Service.name, VoiceItem.source,
                       VoiceItem.created_at, VoiceItem.sentiment)
                .join(Service, Service.id == VoiceItem.service_id)
                .where(VoiceItem.id.in_([key[0] for key in keys]), *picked)
                .order_by(*order).limit(wanted - len(found))).all()
        if len(keys) < size:
            break
        after, size = (keys[-1][1], keys[-1][0]), min(size * 4, 20_000)
    return found


def sample_quotes(session: Session, scope: Scope, period: Period, theme: str, limit: int = 2,
                  *, group: int | None = None) -> list[Quote]:
    """A few recent quotes for a theme (the board report), under the same rules."""
    quotes, _, _ = theme_quotes(session, scope, period, theme, per_page=limit, group=group,
                                count=False)
    return quotes


def _quote(item_id: int, text: str, service: str, source: str, created_at: datetime,
           sentiment: str | None) -> Quote:
    month = london_date(created_at).strftime("%B %Y")
    label = VOICE_SOURCE_LABELS.get(source, source)  # type: ignore[call-overload]
    return Quote(item_id, text.strip(), service, label, month, sentiment)


# ---- holding a quote back --------------------------------------------------------------------------

def _check_moderator(actor: User) -> None:
    if actor.role not in MODERATORS:
        raise NotAllowed("Only the participation team can hold back or release quotes")


def hold_quote(session: Session, actor: User, item_id: int, reason: str = "") -> QuoteHold:
    """Keep this item's words out of every summary, report and export from now on."""
    _check_moderator(actor)
    item = session.get(VoiceItem, item_id)
    if item is None:
        raise NotFound("We could not find that quote")
    existing = session.scalar(select(QuoteHold).where(QuoteHold.voice_item_id == item_id))
    if existing is not None:
        raise InvalidState("That quote is already held back")
    hold = QuoteHold(voice_item_id=item_id, reason=reason.strip()[:1000], held_by_id=actor.id)
    session.add(hold)
    session.flush()
    record(session, actor, "summary.quote_held", target=item, reason=hold.reason)
    return hold


def release_quote(session: Session, actor: User, item_id: int) -> None:
    _check_moderator(actor)
    hold = session.scalar(select(QuoteHold).where(QuoteHold.voice_item_id == item_id))
    if hold is None:
        raise InvalidState("That quote is not held back")
    item = session.get(VoiceItem, item_id)
    session.delete(hold)
    session.flush()
    record(session, actor, "summary.quote_released", target=item)


def held_quotes(session: Session, limit: int = 200) -> list[tuple[QuoteHold, VoiceItem]]:
    rows = session.execute(
        select(QuoteHold, VoiceItem).join(VoiceItem, VoiceItem.id == QuoteHold.voice_item_id)
        .order_by(QuoteHold.created_at.desc()).limit(limit)
    ).all()
    return [(hold, item) for hold, item in rows]
