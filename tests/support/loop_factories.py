"""Test data for the feedback loop: voice items (made directly, without the analyser), card
links, cards and commitments. Use with the shared ``factory`` fixture::

    from tests.support.loop_factories import LoopFactory
    loop = LoopFactory(factory)
"""

from __future__ import annotations

from datetime import date, timedelta

from voice.auth.models import User
from voice.db import utcnow
from voice.directory.models import Organisation, Service
from voice.loop import cards, commitments
from voice.loop.models import CardLink, Commitment, ModerationState, VoiceItem, VoiceSource
from voice.loop.rag import today_in_london


class LoopFactory:
    def __init__(self, factory) -> None:
        self.factory = factory
        self.session = factory.session

    def item(self, service: Service | None = None, *, text: str = "Stop making us wait so long",
             state: str = ModerationState.NEW, source: str = VoiceSource.CARD,
             is_safeguarding: bool = False, public_text: str | None = None, **fields) -> VoiceItem:
        """A voice item stored as the analyser would leave it (no analysis is run)."""
        service = service or self.factory.service()
        item = VoiceItem(
            source=str(source), service_id=service.id, text=text,
            redacted_text=fields.pop("redacted_text", text), public_text=public_text,
            themes=fields.pop("themes", []), safeguarding_reasons=fields.pop("safeguarding_reasons", []),
            is_safeguarding=is_safeguarding, state=str(state), analysed_at=utcnow(), **fields)
        if state == ModerationState.ESCALATED:
            item.escalated_at = utcnow()
            item.escalation_note = item.escalation_note or "Flagged automatically when it arrived"
        self.session.add(item)
        self.session.flush()
        return item

    def approved(self, service: Service | None = None, text: str = "Start evening appointments",
                 **fields) -> VoiceItem:
        return self.item(service, text=text, state=ModerationState.APPROVED, public_text=text,
                         **fields)

    def link(self, service: Service | None = None, place: str = "Waiting room") -> CardLink:
        return cards.create_card_link(self.session, None, service_id=(service or self.factory.service()).id,
                                      place=place)

    def commitment(self, service: Service | None = None, *, owner: Organisation | None = None,
                   owner_user: User | None = None, due_date: date | None = None,
                   today: date | None = None, items: list[VoiceItem] = (), public: bool = True,
                   you_said: str = "The waiting room is boring",
                   we_will: str = "Ask young people to help redecorate it",
                   source_refs=()) -> Commitment:
        """A commitment made by the system (actor None). ``today`` is the day it was made."""
        if service is None:
            service = items[0].service if items else self.factory.service(provider=owner)
        today = today or today_in_london()
        return commitments.create_commitment(
            self.session, None, you_said=you_said, we_will=we_will,
            owner_organisation_id=(owner.id if owner else service.provider_id),
            owner_user_id=owner_user.id if owner_user else None,
            due_date=due_date or today + timedelta(days=60), voice_item_ids=[i.id for i in items],
            service_id=service.id, is_public=public, today=today, source_refs=source_refs)
