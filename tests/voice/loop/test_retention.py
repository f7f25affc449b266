from __future__ import annotations

from datetime import timedelta

from voice.db import utcnow
from voice.loop.models import ActionCard, VoiceItem
from voice.loop.retention import erase_expired_words, oldest_words


def _card(session, item, created_at, n):
    card = ActionCard(service_id=item.service_id, kind="stop", what="Stop the long waits",
                      why="My name is Sam and I waited a year", submission_key=f"retention-{n}",
                      voice_item_id=item.id, created_at=created_at)
    session.add(card)
    session.flush()
    return card


def test_words_older_than_the_retention_period_are_erased_and_counts_kept(session, loop):
    now = utcnow()
    old = loop.approved(text="Dr Patel never listened", themes=["being listened to"],
                        sentiment="negative", created_at=now - timedelta(days=365 * 3 + 30))
    recent = loop.approved(text="Start evening clinics", created_at=now - timedelta(days=30))
    old_card = _card(session, old, old.created_at, 1)
    recent_card = _card(session, recent, recent.created_at, 2)

    assert erase_expired_words(session, now, months=36) == {"voice_items": 1, "action_cards": 1}

    old, recent = session.get(VoiceItem, old.id), session.get(VoiceItem, recent.id)
    assert (old.text, old.redacted_text, old.public_text) == ("", "", None)
    assert old.themes == ["being listened to"] and old.sentiment == "negative"
    assert recent.text == "Start evening clinics"
    assert session.get(ActionCard, old_card.id).why == ""
    assert session.get(ActionCard, recent_card.id).what == "Stop the long waits"
    assert oldest_words(session) == recent.created_at


def test_erasing_twice_changes_nothing_the_second_time(session, loop):
    now = utcnow()
    loop.item(text="Too old to keep", created_at=now - timedelta(days=2000))
    assert erase_expired_words(session, now)["voice_items"] == 1
    assert erase_expired_words(session, now) == {"voice_items": 0, "action_cards": 0}
