"""Test data for summaries: survey responses, voice items, cards and commitments at chosen times,
so each aggregate can be checked against figures worked out by hand.

Built on the other packages' factories (their services make the rows); only the timestamps and
analysis fields are set directly, as an import or the analyser would leave them.

    from tests.support.summaries_factories import SummariesFactory
    world = SummariesFactory(factory)
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from tests.support.loop_factories import LoopFactory
from tests.support.surveys_factories import SurveyFactory
from voice.directory.models import Area, Service
from voice.loop.models import ActionCard, Commitment, ModerationState, VoiceItem, VoiceSource
from voice.summaries.filters import Selection, parse_selection, resolve_scope
from voice.summaries.summary import build_summary

_n = itertools.count(1)

#: Survey questions without free text (free text would add voice items of its own).
CHOICE_QUESTIONS = [
    {"kind": "fft", "code": "fft", "text": "Overall, how was your time with us?"},
    {"kind": "smiley", "code": "visit", "text": "How was your visit today?"},
    {"kind": "about_age", "code": "about_age"},
    {"kind": "about_gender", "code": "about_gender"},
    {"kind": "about_ethnicity", "code": "about_ethnicity"},
    {"kind": "about_disability", "code": "about_disability"},
    {"kind": "about_care", "code": "about_care"},
]


def at(year: int, month: int, day: int = 15, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


class SummariesFactory:
    def __init__(self, factory) -> None:
        self.factory = factory
        self.session: Session = factory.session
        self.loop = LoopFactory(factory)
        self.surveys = SurveyFactory(factory.session, factory)
        self._surveys: dict[int, object] = {}

    # ---- surveys ---------------------------------------------------------------------------------
    def survey(self, service: Service):
        """One survey per service (a survey's links must be for its own services)."""
        if service.id not in self._surveys:
            self._surveys[service.id] = self.surveys.survey(
                CHOICE_QUESTIONS, title=f"How was {service.name}?", services=[service])
        return self._surveys[service.id]

    def link(self, service: Service, area: Area | None = None, channel: str = "poster"):
        return self.surveys.link(self.survey(service), service, area, channel=channel,
                                 note=f"Place {next(_n)}")

    def responses(self, link, count: int, when: datetime, **answers) -> list:
        """``count`` responses at ``when``, each giving ``answers`` (by question code)."""
        made = []
        for _ in range(count):
            made.append(self.surveys.response(link, {k: v for k, v in answers.items()
                                                     if v is not None}, now=when))
        self.session.flush()
        return made

    # ---- voice items and cards -------------------------------------------------------------------
    def item(self, service: Service, *, themes=(), sentiment: str | None = "neutral",
             when: datetime | None = None, state: str = ModerationState.NEW,
             text: str = "It was fine", public_text: str | None = None,
             source: str = VoiceSource.ANSWER, area: Area | None = None,
             is_safeguarding: bool = False, age_band: str | None = None,
             channel: str | None = None, duplicate_of: VoiceItem | None = None) -> VoiceItem:
        item = self.loop.item(service, text=text, state=state, source=source,
                              is_safeguarding=is_safeguarding, public_text=public_text,
                              themes=list(themes), sentiment=sentiment,
                              area_id=area.id if area else None, age_band=age_band,
                              channel=channel,
                              duplicate_of_id=duplicate_of.id if duplicate_of else None)
        if when is not None:
            item.created_at = when
        self.session.flush()
        return item

    def items(self, service: Service, count: int, **fields) -> list[VoiceItem]:
        return [self.item(service, **fields) for _ in range(count)]

    def card(self, service: Service, kind: str, when: datetime, *, text: str | None = None,
             approved: bool = False, link=None, age_band: str | None = None,
             channel: str = "qr", themes=()) -> ActionCard:
        words = text or f"{kind.capitalize()} something {next(_n)}"
        item = self.item(service, themes=themes, when=when, source=VoiceSource.CARD, text=words,
                         state=ModerationState.APPROVED if approved else ModerationState.NEW,
                         public_text=words if approved else None, age_band=age_band,
                         channel=channel, area=link.area if link is not None else None)
        card = ActionCard(service_id=service.id, link_id=link.id if link else None, kind=kind,
                          what=words, why="", age_band=age_band, channel=channel,
                          submission_key=f"test-card-{next(_n)}", voice_item_id=item.id)
        card.created_at = when
        self.session.add(card)
        self.session.flush()
        return card

    # ---- commitments -----------------------------------------------------------------------------
    def commitment(self, service: Service, *, rag: str, status: str = "in_progress",
                   due: date = date(2026, 12, 1), made: datetime | None = None,
                   completed: datetime | None = None, we_will: str = "Text before visits",
                   owner_user=None) -> Commitment:
        commitment = self.loop.commitment(service, we_will=we_will, owner_user=owner_user,
                                          today=date(2026, 1, 10), due_date=date(2026, 3, 1))
        commitment.status, commitment.rag, commitment.due_date = status, rag, due
        commitment.created_at = made or at(2026, 1, 10)
        commitment.completed_at = completed
        commitment.updated_at = completed or commitment.created_at
        if status == "cant_do":
            commitment.cant_do_reason = "No money for it this year"
        self.session.flush()
        return commitment

    # ---- summaries -------------------------------------------------------------------------------
    def selection(self, today: date = date(2026, 11, 23), **args) -> Selection:
        return parse_selection(self.session, {k: str(v) for k, v in args.items()}, today)

    def summary(self, *, actor=None, today: date = date(2026, 11, 23),
                now: datetime | None = None, use_cache: bool = False, live: bool = False,
                **args) -> dict:
        selection = self.selection(today, **args)
        scope = resolve_scope(self.session, selection.filters, actor=actor)
        return build_summary(self.session, selection, scope, today=today,
                             now=now or datetime(today.year, today.month, today.day, 12,
                                                 tzinfo=UTC), use_cache=use_cache, live=live)


def row(table: dict, first_column_value: str) -> dict:
    """The row of a summary table whose first column says this."""
    key = table["columns"][0]["key"]
    for candidate in table["rows"]:
        if candidate[key] == first_column_value:
            return candidate
    raise KeyError(f"no row {first_column_value!r} in {table['key']}: "
                   f"{[r[key] for r in table['rows']]}")


FEWER = {"suppressed": "primary"}
HIDDEN = {"suppressed": "secondary"}
