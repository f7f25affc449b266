"""Every card gets a truthful public reply (issue 13 point 2): answers without a commitment,
/check for every state, and answers on the public board."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.voice.loop.test_public_pages import (
    assert_public_page,
    get_code,
    open_card,
    send,
    text_of,
)
from voice.errors import InvalidState, NotAllowed
from voice.loop import moderation, queue, replies
from voice.loop.models import Commitment, ItemReply, ModerationState, VoiceItem


def card(client, session, loop, people, **fields):
    """Send a card through the real page; returns (its voice item, its follow-up code)."""
    link = loop.link(people["service"])
    token = open_card(client, link)
    send(client, link, token, **fields)
    code = get_code(client, link, token)
    item = session.scalars(select(VoiceItem).order_by(VoiceItem.id.desc())).first()
    return item, code


def check(client, code) -> str:
    return assert_public_page(client.post("/check", data={"code": code}))


# ---- answering -----------------------------------------------------------------------------------------

def test_an_officer_answers_a_card_without_making_a_commitment(session, loop, people):
    item = loop.item(people["service"])
    reply = replies.reply_to_item(session, people["officer"], item, kind="happening",
                                  body="We started texting waiting times in October.")
    assert reply.kind_label == "This is already happening"
    assert session.scalar(select(Commitment.id)) is None
    # Changing it keeps one answer.
    replies.reply_to_item(session, people["officer"], item, kind="cant",
                          body="We can't open at weekends: there are no staff then.")
    assert len(session.scalars(select(ItemReply)).all()) == 1


def test_the_provider_answers_only_its_own_published_cards(session, loop, people):
    approved = loop.approved(people["service"], text="Start evening appointments")
    waiting = loop.item(people["service"])
    elsewhere = loop.approved(people["other_service"])
    reply = replies.reply_to_item(session, people["provider"], approved, kind="heard",
                                  body="Thank you: we are looking at evening clinics.")
    assert reply.author_organisation_id == people["org"].id
    with pytest.raises(NotAllowed):   # words they may not read yet
        replies.reply_to_item(session, people["provider"], waiting, kind="heard", body="Hi")
    with pytest.raises(NotAllowed):
        replies.reply_to_item(session, people["provider"], elsewhere, kind="heard", body="Hi")
    with pytest.raises(NotAllowed):
        replies.reply_to_item(session, people["commissioner"], approved, kind="heard", body="Hi")


def test_a_safeguarding_concern_and_a_duplicate_are_not_answered_here(session, loop, people):
    escalated = loop.item(people["service"], state=ModerationState.ESCALATED, is_safeguarding=True)
    with pytest.raises(InvalidState, match="safeguarding lead"):
        replies.reply_to_item(session, people["officer"], escalated, kind="heard", body="Hi")
    primary = loop.item(people["service"])
    duplicate = loop.item(people["service"], text="the same")
    moderation.mark_duplicate(session, people["officer"], duplicate, primary)
    with pytest.raises(InvalidState, match=f"#{primary.id}"):
        replies.reply_to_item(session, people["officer"], duplicate, kind="heard", body="Hi")


def test_part_of_a_promise_names_a_published_promise_of_the_same_service(session, loop, people):
    item = loop.item(people["service"])
    hidden_promise = loop.commitment(people["service"], public=False)
    other = loop.commitment(people["other_service"])
    for commitment_id in (None, hidden_promise.id, other.id):
        with pytest.raises(replies.ReplyError):
            replies.reply_to_item(session, people["officer"], item, kind="promise",
                                  body="It is part of our promise", commitment_id=commitment_id)
    promise = loop.commitment(people["service"])
    reply = replies.reply_to_item(session, people["officer"], item, kind="promise",
                                  body="This is part of our waiting room promise.",
                                  commitment_id=promise.id)
    assert reply.commitment_id == promise.id
    with pytest.raises(replies.ReplyError):
        replies.reply_to_item(session, people["officer"], item, kind="maybe", body="x")
    with pytest.raises(replies.ReplyError):
        replies.reply_to_item(session, people["officer"], item, kind="heard", body=" ")


# ---- /check tells the truth ------------------------------------------------------------------------------

def test_check_received_then_read_then_answered(client, session, loop, people, fake_analysis):
    item, code = card(client, session, loop, people)
    assert "Not yet. A person will read it soon." in check(client, code)
    moderation.approve_item(session, people["officer"], item, public_text="Tell us the wait")
    html = check(client, code)
    assert "A person has read your card." in html and "Their answer" not in html
    replies.reply_to_item(session, people["officer"], item, kind="happening",
                          body="From January the screen in the waiting room shows the wait.")
    html = check(client, code)
    assert "Their answer: this is already happening" in html
    assert "From January the screen in the waiting room shows the wait." in html
    assert "The participation team answered on" in html


def test_check_an_answer_before_moderation_counts_as_read(client, session, loop, people,
                                                         fake_analysis):
    item, code = card(client, session, loop, people)
    replies.reply_to_item(session, people["officer"], item, kind="heard",
                          body="Thank you. We read every card.")
    html = check(client, code)
    assert "A person has read your card." in html and "Thank you. We read every card." in html


def test_check_part_of_a_promise_shows_its_status(client, session, loop, people, fake_analysis):
    item, code = card(client, session, loop, people)
    promise = loop.commitment(people["service"], we_will="Paint the waiting room with you")
    replies.reply_to_item(session, people["officer"], item,
                          kind="promise", body="Your card is part of this.",
                          commitment_id=promise.id)
    html = check(client, code)
    assert "Their answer: this is part of a promise" in html
    assert "Paint the waiting room with you (not started, due by" in html


def test_check_a_hidden_card_says_so_kindly_with_the_reason(client, session, loop, people,
                                                           fake_analysis):
    item, code = card(client, session, loop, people)
    queue.decide_items(session, people["officer"], [queue.Decision(item.id, "hide")],
                       hide_reason="personal")
    html = check(client, code)
    assert "A person has read your card." in html and "Not yet" not in html.split("Linked")[0]
    assert "it won't be shown publicly because it was about your own care, which we keep " \
           "private" in html
    # A reason typed on the item page is staff's own words: the young person gets kind ones.
    moderation.return_to_queue(session, people["officer"], item)
    moderation.hide_item(session, people["officer"], item, reason="Rude and pointless")
    html = check(client, code)
    assert "Rude" not in html and "decided it was better not to share it publicly" in html


def test_check_a_safeguarding_card_never_says_why(client, session, loop, people, fake_analysis):
    item, code = card(client, session, loop, people, what="Someone hurts me at home")
    assert item.state == ModerationState.ESCALATED
    html = check(client, code)
    assert "Not yet. A person will read it soon." in html
    assert "safeguarding" not in html.lower() and "hurts" not in html
    moderation.review_escalation(session, people["lead"], item, outcome="action_taken",
                                 note="Called the school nurse")
    html = check(client, code)
    assert "A person has read your card." in html and "to keep what you said private" in html
    assert "safeguarding" not in html.lower() and "Called the school nurse" not in html


def test_check_a_duplicate_shares_the_answer_of_the_card_it_joins(client, session, loop, people,
                                                                 fake_analysis):
    first, _ = card(client, session, loop, people)
    second, code = card(client, session, loop, people, what="Tell us how long we will wait")
    moderation.mark_duplicate(session, people["officer"], second, first)
    replies.reply_to_item(session, people["officer"], first, kind="heard",
                          body="Many of you said this. We are on it.")
    html = check(client, code)
    assert "Other young people said the same thing as you" in html
    assert "Many of you said this. We are on it." in html


# ---- the pages ------------------------------------------------------------------------------------------

def test_the_board_shows_answers_to_published_words_only(client, session, loop, people):
    shown = loop.approved(people["service"], text="Start evening appointments")
    waiting = loop.item(people["service"], text="Not approved words")
    replies.reply_to_item(session, people["officer"], shown, kind="happening",
                          body="Evening clinics start in March.")
    replies.reply_to_item(session, people["officer"], waiting, kind="heard",
                          body="A secret answer to unpublished words")
    loop.commitment(people["service"])
    for path in ("/you-said-we-did", f"/you-said-we-did/{people['service'].slug}"):
        html = assert_public_page(client.get(path))
        assert "Answers to what young people said" in html
        assert "Start evening appointments" in html and "Evening clinics start in March." in html
        assert "Not approved words" not in html and "A secret answer" not in html


def test_the_answers_pages(client, session, login, loop, people):
    approved = loop.approved(people["service"], text="Start evening appointments")
    waiting = loop.item(people["service"], text="Words waiting for moderation")
    login(people["provider"])
    html = text_of(client.get("/answers"))
    assert "Start evening appointments" in html and "Words waiting" not in html
    assert client.get(f"/answers/items/{waiting.id}").status_code == 403
    html = text_of(client.post(f"/answers/items/{approved.id}", data={"kind": "cant"}))
    assert "Write the answer the young person will read" in html
    response = client.post(f"/answers/items/{approved.id}", data={
        "kind": "cant", "body": "We can't yet: we have no evening staff. We have asked for them."})
    assert response.status_code == 302
    assert session.scalar(select(ItemReply)).author_organisation_id == people["org"].id
    assert "Start evening appointments" in text_of(client.get("/answers?show=answered"))


def test_the_participation_team_answers_any_card_but_commissioners_do_not(client, login, loop,
                                                                          people):
    waiting = loop.item(people["service"], text="Words waiting for moderation")
    login(people["officer"])
    assert "Words waiting for moderation" in text_of(client.get("/answers"))
    assert client.get(f"/answers/items/{waiting.id}").status_code == 200
    assert client.post(f"/answers/items/{waiting.id}", data={"kind": "nonsense", "body": "x"}
                       ).status_code == 200
    assert client.get("/answers/items/99999999").status_code == 404
    item_page = text_of(client.get(f"/moderation/items/{waiting.id}"))
    assert f'href="/answers/items/{waiting.id}"' in item_page


def test_commissioners_do_not_answer(client, login, people):
    login(people["commissioner"])
    assert client.get("/answers").status_code == 403
