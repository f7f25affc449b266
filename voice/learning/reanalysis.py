"""Re-analysing voice items after the rules or the model changed, in batches, by the scheduler.

An item needs it when its ``model_version`` is not the live engine's (or it was never analysed,
because the analyser failed when it arrived), unless its words were erased at the end of the
retention period. What re-analysis may change:

- the redacted copy, sentiment and themes (but never themes or sentiment a person corrected:
  the newest correction counts);
- a safeguarding flag may be *added*, never removed. An item that becomes flagged is escalated
  to the service's safeguarding lead at once, exactly as if it had just arrived, whatever its
  moderation state (a published item is taken down). If a safeguarding lead has already decided
  there is no concern about this item for the same reasons, their decision stands.

Nothing else about moderation changes. Running it again finds nothing left to do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from voice.analysis import Analysis, Engine, reason_label
from voice.audit.services import record
from voice.db import utcnow
from voice.learning.corrections import corrected_item_ids
from voice.learning.engine import live_engine
from voice.learning.settings import DEFAULTS
from voice.loop.models import ModerationState, VoiceItem

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = int(DEFAULTS["ANALYSIS_REANALYSE_BATCH"])


@dataclass
class ReanalysisReport:
    version: str
    checked: int = 0
    updated: int = 0
    kept_corrections: int = 0
    escalated: int = 0
    failed: int = 0
    remaining: int = 0

    def __str__(self) -> str:
        if not self.checked:
            return f"every item is up to date with {self.version}"
        text = f"re-analysed {self.updated:,} of {self.checked:,} items with {self.version}"
        if self.kept_corrections:
            text += f" (kept {self.kept_corrections:,} people's corrections)"
        if self.escalated:
            text += f"; {self.escalated:,} newly flagged and escalated to a safeguarding lead"
        if self.failed:
            text += f"; {self.failed:,} could not be analysed"
        return text + f"; {self.remaining:,} still to do"


def _needs_reanalysis(version: str):
    # Items whose words were erased at the end of the retention period keep the sentiment and
    # themes counts need: there is nothing left to re-analyse, and nothing may overwrite them.
    return and_(VoiceItem.text != "",
                or_(VoiceItem.model_version.is_(None), VoiceItem.model_version != version))


def reanalysis_backlog(session: Session, engine: Engine | None = None) -> int:
    """How many items were analysed with something other than the live engine."""
    version = (engine or live_engine(session)).version
    return session.scalar(select(func.count(VoiceItem.id)).where(_needs_reanalysis(version))) or 0


def _analyse(engine: Engine, items: list[VoiceItem]) -> list[Analysis | None]:
    texts = [item.text or "" for item in items]
    kinds = [item.question_kind or None for item in items]
    try:
        return list(engine.analyse_many(texts, kinds))
    except Exception:  # find the one that fails; analyse the rest
        log.exception("Batch re-analysis failed; analysing items one at a time")
    results: list[Analysis | None] = []
    for item, text, kind in zip(items, texts, kinds, strict=True):
        try:
            results.append(engine.analyse(text, kind))
        except Exception:
            log.exception("Re-analysis failed for voice item %s", item.id)
            results.append(None)
    return results


def reanalyse_items(session: Session, batch_size: int = DEFAULT_BATCH_SIZE,
                    now: datetime | None = None, *, engine: Engine | None = None) -> ReanalysisReport:
    """Re-analyse up to ``batch_size`` items (newest first) with the live engine."""
    now = now or utcnow()
    engine = engine or live_engine(session, max_age=0)
    report = ReanalysisReport(version=engine.version)
    items = list(session.scalars(
        select(VoiceItem).options(selectinload(VoiceItem.service))
        .where(_needs_reanalysis(engine.version))
        .order_by(VoiceItem.id.desc()).limit(max(1, batch_size))))
    report.checked = len(items)
    if items:
        corrected = corrected_item_ids(session, [item.id for item in items])
        for item, result in zip(items, _analyse(engine, items), strict=True):
            if result is None:
                report.failed += 1
                continue
            _apply(session, item, result, corrected=item.id in corrected, now=now, report=report)
        session.flush()
        if report.updated:
            record(session, None, "analysis.reanalysed", items=report.updated,
                   version=engine.version, escalated=report.escalated)
    report.remaining = session.scalar(
        select(func.count(VoiceItem.id)).where(_needs_reanalysis(engine.version))) or 0
    return report


def _apply(session: Session, item: VoiceItem, result: Analysis, *, corrected: bool,
           now: datetime, report: ReanalysisReport) -> None:
    item.redacted_text = result.redacted_text
    if corrected:
        report.kept_corrections += 1
    else:
        item.sentiment = result.sentiment
        item.sentiment_score = result.sentiment_score
        item.themes = list(result.themes)
    item.model_version = result.model_version
    item.analysed_at = now
    report.updated += 1
    if result.safeguarding:
        _add_flag(session, item, list(result.safeguarding_reasons), report)


def _add_flag(session: Session, item: VoiceItem, reasons: list[str],
              report: ReanalysisReport) -> None:
    from voice.loop.moderation import escalate_item

    known = list(item.safeguarding_reasons or [])
    new_reasons = [r for r in reasons if r not in known]
    if new_reasons:
        item.safeguarding_reasons = known + new_reasons
    if item.is_safeguarding:
        return  # already with the safeguarding lead; any new reasons are now on the item
    if item.safeguarding_outcome is not None and not new_reasons:
        return  # a person already decided about exactly these reasons: their decision stands
    item.is_safeguarding = True
    if item.state == ModerationState.ESCALATED:
        return  # a person escalated it already: it is with the safeguarding lead
    words = "; ".join(map(reason_label, new_reasons or reasons)) or "possible risk of harm"
    session.flush()
    escalate_item(session, None, item,
                  note=f"Flagged automatically when re-analysed with updated analysis: {words}")
    report.escalated += 1
