""""Delete my card": a young person takes their card back with its follow-up code (issue 15).

Deleting removes the words from everything that reads them, keeps a possible safeguarding
concern for the lead only, and records only that a deletion happened.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import func, select

from voice.audit.models import AuditEvent
from voice.learning.models import AnalysisCorrection
from voice.loop import cards, commitments, moderation, withdrawal
from voice.loop.cards import CardInput
from voice.loop.models import (
    ActionCard,
    Commitment,
    CommitmentEvent,
    CommitmentSource,
    ItemReply,
    ModerationState,
    VoiceItem,
)
from voice.loop.reading import PUBLIC, countable_items_clause, reader_for, wording_for
from voice.summaries.models import QuoteHold

WORDS = "Tell us how long the wait is"


def count(session, model, *where):
    return session.scalar(select(func.count()).select_from(model).where(*where))


def sent_card(session, loop, people, what=WORDS, key="k1"):
    link = loop.link(people["service"])
    return cards.submit_card(session, link, CardInput(kind="change", what=what,
                                                     why="We feel forgotten", age_band="14-15"),
                             submission_key=key)


def text_of(response) -> str:
    return unescape(response.get_data(as_text=True))


# ---- the service ---------------------------------------------------------------------------------

def test_deleting_a_card_removes_its_words_from_everything_that_reads_them(
        session, loop, people, fake_analysis):
    sent = sent_card(session, loop, people)
    item = sent.item
    moderation.approve_item(session, people["officer"], item, public_text=WORDS)
    commitment = loop.commitment(items=[item], you_said=WORDS, we_will="Show the wait on a screen")
    session.add_all([
        ItemReply(voice_item_id=item.id, kind="heard", body="Thank you, we are on it"),
        AnalysisCorrection(voice_item_id=item.id, themes=["waiting and access"],
                           sentiment="negative", corrected_by_id=people["officer"].id),
        QuoteHold(voice_item_id=item.id, reason="Could identify them"),
    ])
    session.flush()
    item_id, card_id = item.id, sent.card.id

    result = withdrawal.delete_card(session, sent.card)

    assert (result.deleted, result.kept_for_lead) == (1, 0)
    session.expire_all()
    assert session.get(ActionCard, card_id) is None and session.get(VoiceItem, item_id) is None
    for model in (ItemReply, AnalysisCorrection, QuoteHold):
        assert count(session, model, model.voice_item_id == item_id) == 0
    # The promise stays, but without the link, and its "you said" no longer quotes the card.
    commitment = session.get(Commitment, commitment.id)
    assert commitment is not None
    assert count(session, CommitmentSource, CommitmentSource.commitment_id == commitment.id) == 0
    assert commitment.you_said == withdrawal.DELETED_WORDS
    assert commitments.young_people_counts(session, [commitment.id])[commitment.id] == 0
    history = session.scalars(select(CommitmentEvent).where(
        CommitmentEvent.commitment_id == commitment.id).order_by(CommitmentEvent.id)).all()
    assert WORDS not in repr([(e.changes, e.note) for e in history])
    assert history[-1].action == "source_withdrawn"
    # Only that a deletion happened: no words, no ids, no service.
    event = session.scalar(select(AuditEvent).where(
        AuditEvent.action == "young_person.deleted_own_words"))
    assert event.actor_id is None and event.object_id is None and event.object_type is None
    assert event.detail == {"what": "action_card", "deleted": 1, "kept_for_safeguarding_lead": 0}


def test_a_you_said_in_staff_words_is_left_as_it_was(session, loop, people, fake_analysis):
    sent = sent_card(session, loop, people)
    moderation.approve_item(session, people["officer"], sent.item, public_text=WORDS)
    commitment = loop.commitment(items=[sent.item], you_said="Young people want to know the wait")
    withdrawal.delete_card(session, sent.card)
    assert session.get(Commitment, commitment.id).you_said == "Young people want to know the wait"


def test_cards_counted_with_a_deleted_one_wait_for_a_person_again(session, loop, people,
                                                                  fake_analysis):
    first = sent_card(session, loop, people, key="k1")
    second = sent_card(session, loop, people, what="Say how long the wait will be", key="k2")
    moderation.approve_item(session, people["officer"], first.item, public_text=WORDS)
    moderation.mark_duplicate(session, people["officer"], second.item, first.item)
    withdrawal.delete_card(session, first.card)
    session.expire_all()
    again = session.get(VoiceItem, second.item.id)
    assert again.state == ModerationState.NEW and again.duplicate_of_id is None


def test_a_possible_safeguarding_concern_is_kept_for_the_lead_only(session, loop, people,
                                                                   fake_analysis):
    sent = sent_card(session, loop, people, what="My dad hurts me")
    item = sent.item
    assert item.state == ModerationState.ESCALATED
    result = withdrawal.delete_card(session, sent.card)
    assert (result.deleted, result.kept_for_lead) == (0, 1)
    session.expire_all()
    kept = session.get(VoiceItem, item.id)
    assert session.get(ActionCard, sent.card.id) is None
    assert kept.withdrawn_at is not None and kept.source_id is None and kept.public_text is None
    # The lead still reads it; nobody else does, and it is never counted.
    assert wording_for(reader_for(people["lead"], session), kept) == kept.text
    assert wording_for(PUBLIC, kept) is None
    assert wording_for(reader_for(people["provider"], session), kept) is None
    assert count(session, VoiceItem, VoiceItem.id == kept.id, countable_items_clause()) == 0


def test_when_the_lead_finds_no_concern_the_deleted_words_are_erased(session, loop, people,
                                                                     fake_analysis):
    sent = sent_card(session, loop, people, what="My dad hurts me")
    item = sent.item
    withdrawal.delete_card(session, sent.card)
    moderation.review_escalation(session, people["lead"], item, outcome="no_concern",
                                 note="A joke between friends; spoke to the school")
    assert item.text == "" and item.redacted_text == "" and item.public_text is None
    assert item.state == ModerationState.HIDDEN
    assert count(session, VoiceItem, VoiceItem.id == item.id, countable_items_clause()) == 0


def test_the_confirmation_token_is_for_one_code_and_one_hour():
    token = withdrawal.confirm_token("secret", "KX7M42PQ9")
    assert withdrawal.is_confirmed("secret", token, "KX7M42PQ9")
    assert not withdrawal.is_confirmed("secret", token, "KX7M42PQ8")
    assert not withdrawal.is_confirmed("another secret", token, "KX7M42PQ9")
    for bad in (None, "", "x" * 500, "not.a.token"):
        assert not withdrawal.is_confirmed("secret", bad, "KX7M42PQ9")


def test_an_old_confirmation_is_not_trusted(monkeypatch):
    token = withdrawal.confirm_token("secret", "KX7M42PQ9")
    monkeypatch.setattr(withdrawal, "CONFIRM_MAX_AGE", -1)
    assert not withdrawal.is_confirmed("secret", token, "KX7M42PQ9")


# ---- the pages -----------------------------------------------------------------------------------

def _form_token(html: str) -> str:
    return re.search(r'name="form_token"[^>]*value="([^"]+)"', html).group(1)


def card_with_code(client, link, what=WORDS):
    token = _form_token(text_of(client.get(f"/card/{link.token}")))
    client.post(f"/card/{link.token}", data={"kind": "change", "what": what,
                                             "why": "We feel forgotten", "form_token": token})
    html = text_of(client.post(f"/card/{link.token}/code", data={"form_token": token}))
    return re.search(r'class="code-big" id="code">([A-Z0-9-]+)<', html).group(1)


def _confirm(html: str) -> str:
    return re.search(r'name="confirm" value="([^"]+)"', html).group(1)


def test_a_young_person_deletes_their_card_with_its_code(client, session, loop, people,
                                                         fake_analysis):
    link = loop.link(people["service"])
    code = card_with_code(client, link)
    item = session.scalar(select(VoiceItem))
    moderation.approve_item(session, people["officer"], item, public_text=WORDS)
    commitment = loop.commitment(items=[item], you_said=WORDS, we_will="Show the wait")
    board = text_of(client.get("/you-said-we-did"))
    assert WORDS in board and "1 young person" in board

    journey = text_of(client.post("/check", data={"code": code}))
    assert "Changed your mind?" in journey and "Delete my card" in journey
    asked = client.post("/check/delete", data={"code": code.lower()})
    html = text_of(asked)
    assert asked.status_code == 200 and "Delete your card?" in html
    assert "keep that part so the person whose job is to keep young people safe" in html
    assert "Set-Cookie" not in asked.headers and "<script" not in html
    assert len(asked.get_data()) <= 14 * 1024
    assert count(session, ActionCard) == 1  # asking deletes nothing

    done = client.post("/check/delete", data={"code": code, "confirm": _confirm(html)})
    assert done.status_code == 200 and "Your card has been deleted" in text_of(done)
    assert "We kept one part" not in text_of(done)
    assert count(session, ActionCard) == 0 and count(session, VoiceItem) == 0
    board = text_of(client.get("/you-said-we-did"))
    assert WORDS not in board and "1 young person" not in board
    assert session.get(Commitment, commitment.id) is not None
    # The code no longer finds anything.
    assert "We can't find that code" in text_of(client.post("/check", data={"code": code}))
    again = client.post("/check/delete", data={"code": code, "confirm": _confirm(html)})
    assert again.status_code == 404 and "We can't find that card" in text_of(again)


def test_deleting_a_worrying_card_says_kindly_what_was_kept(client, session, loop, people,
                                                            fake_analysis):
    code = card_with_code(client, loop.link(people["service"]), what="My dad hurts me")
    html = text_of(client.post("/check/delete", data={"code": code}))
    done = text_of(client.post("/check/delete", data={"code": code, "confirm": _confirm(html)}))
    assert "Your card has been deleted" in done and "We kept one part" in done
    assert "Childline" in done
    assert count(session, ActionCard) == 0
    assert count(session, VoiceItem, VoiceItem.withdrawn_at.is_not(None)) == 1


@pytest.mark.parametrize("confirm", ["", "forged", None])
def test_without_a_real_confirmation_nothing_is_deleted(client, session, loop, people,
                                                        fake_analysis, confirm):
    code = card_with_code(client, loop.link(people["service"]))
    data = {"code": code} | ({"confirm": confirm} if confirm is not None else {})
    response = client.post("/check/delete", data=data)
    assert response.status_code == 200 and "Delete your card?" in text_of(response)
    assert count(session, ActionCard) == 1


def test_a_confirmation_for_another_code_deletes_nothing(client, session, loop, people,
                                                         fake_analysis):
    link = loop.link(people["service"])
    mine, theirs = card_with_code(client, link), card_with_code(client, link, what="Other words")
    html = text_of(client.post("/check/delete", data={"code": mine}))
    client.post("/check/delete", data={"code": theirs, "confirm": _confirm(html)})
    assert count(session, ActionCard) == 2


@pytest.mark.parametrize("wrong", ["KX7-M42-PQ9", "", "' OR 1=1 --", "a" * 400])
def test_a_wrong_code_gets_a_plain_404_page(client, loop, people, fake_analysis, wrong):
    card_with_code(client, loop.link(people["service"]))
    response = client.post("/check/delete", data={"code": wrong, "confirm": "x"})
    html = text_of(response)
    assert response.status_code == 404
    assert "We can't find that card" in html and "deleted already" in html
    assert 'href="/check"' in html and 'href="/help"' in html


def test_guessing_codes_to_delete_is_stopped_like_check(client, session, loop, people,
                                                        fake_analysis, rate_limits):
    code = card_with_code(client, loop.link(people["service"]))
    for _ in range(10):
        assert client.post("/check/delete", data={"code": "ABC-DEF-GHJ"}).status_code == 404
    blocked = client.post("/check/delete", data={"code": code})
    assert blocked.status_code == 429 and "Wait a few minutes" in text_of(blocked)
    assert count(session, ActionCard) == 1
    rate_limits.reset()
    assert client.post("/check/delete", data={"code": code}).status_code == 200


def test_one_code_cannot_be_tried_without_end(client, session, loop, people, fake_analysis,
                                              rate_limits):
    code = card_with_code(client, loop.link(people["service"]))
    for _ in range(20):
        assert client.post("/check/delete", data={"code": code}).status_code == 200
    blocked = client.post("/check/delete", data={"code": code})
    assert blocked.status_code == 429 and "try again in an hour" in text_of(blocked)


def test_deleting_needs_a_post(client):
    assert client.get("/check/delete").status_code == 405


def test_a_deleted_cards_words_leave_the_staff_pages(client, session, loop, people,
                                                     fake_analysis, login):
    words = "Put a clock in the waiting room please"
    code = card_with_code(client, loop.link(people["service"]), what=words)
    item = session.scalar(select(VoiceItem))
    moderation.approve_item(session, people["officer"], item, public_text=words)
    login(people["officer"])
    assert words in text_of(client.get("/moderation?state=approved"))
    html = text_of(client.post("/check/delete", data={"code": code}))
    client.post("/check/delete", data={"code": code, "confirm": _confirm(html)})
    for path in ("/moderation", "/moderation?state=approved", "/action-cards"):
        page = client.get(path)
        assert page.status_code == 200 and words not in text_of(page)


def test_card_deletion_leaves_other_cards_alone(session, loop, people, fake_analysis):
    first = sent_card(session, loop, people, key="k1")
    second = sent_card(session, loop, people, what="Another thing", key="k2")
    withdrawal.delete_card(session, first.card)
    assert session.get(ActionCard, second.card.id) is not None
    assert session.get(VoiceItem, second.item.id).text.startswith("Change: Another thing")


def test_a_card_the_lead_cleared_is_deleted_with_the_leads_correction(session, loop, people,
                                                                      fake_analysis):
    from voice.learning.models import SafeguardingCorrection

    sent = sent_card(session, loop, people, what="My dad hurts me when we play football")
    moderation.review_escalation(session, people["lead"], sent.item, outcome="no_concern",
                                 note="About a football match")
    item_id = sent.item.id
    assert count(session, SafeguardingCorrection, SafeguardingCorrection.voice_item_id == item_id)
    result = withdrawal.delete_card(session, sent.card)
    assert (result.deleted, result.kept_for_lead) == (1, 0)
    assert session.get(VoiceItem, item_id) is None
    assert count(session, SafeguardingCorrection,
                 SafeguardingCorrection.voice_item_id == item_id) == 0


def test_the_lead_is_told_the_young_person_deleted_it(client, session, loop, people,
                                                      fake_analysis, login):
    sent = sent_card(session, loop, people, what="My dad hurts me")
    item_id = sent.item.id
    withdrawal.delete_card(session, sent.card)
    login(people["lead"])
    html = text_of(client.get(f"/safeguarding/items/{item_id}"))
    assert "My dad hurts me" in html
    assert "The young person asked for what they wrote to be deleted" in html


def test_pressing_yes_twice_says_it_is_deleted_not_a_server_error(client, session, loop, people,
                                                                  fake_analysis, monkeypatch):
    """The second press finds the card its twin press is deleting (PostgreSQL then matches no
    row): it says the card is deleted, with the safeguarding sentence, as nobody knows which."""
    from sqlalchemy.orm.exc import StaleDataError

    from voice.loop import views_delete

    code = card_with_code(client, loop.link(people["service"]))
    confirm = _confirm(text_of(client.post("/check/delete", data={"code": code})))
    found = iter([session.scalar(select(ActionCard)), None])
    monkeypatch.setattr(views_delete, "find_card_by_code", lambda *a, **k: next(found))

    def deleted_by_the_other_press(*args, **kwargs):
        raise StaleDataError("DELETE statement on table 'voice_items' expected to delete 1 row")

    monkeypatch.setattr(views_delete, "delete_card", deleted_by_the_other_press)
    response = client.post("/check/delete", data={"code": code, "confirm": confirm})
    html = text_of(response)
    assert response.status_code == 200 and "Your card has been deleted" in html
    assert "keep that part so the person whose job is to keep young people safe" in html


def test_the_privacy_notice_tells_young_people_how_to_delete(client):
    response = client.get("/privacy")
    html = text_of(response)
    assert response.status_code == 200 and len(response.get_data()) <= 14 * 1024
    assert "Changed your mind?" in html and "Delete my answers" in html
    assert "Delete my card" in html and 'href="/check"' in html
    assert "keep that part so the person whose job is to keep young people safe" in html
