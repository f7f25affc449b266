"""Action cards: submission, paper sessions, follow-up codes and the journey on /check."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.support.fake_analysis import fake_analyser
from voice.auth.roles import Role
from voice.errors import InvalidState, NotAllowed
from voice.loop import cards, codes, commitments, moderation
from voice.loop.cards import CardInput, CardProblem
from voice.loop.models import ActionCard, ModerationState, Notification, VoiceItem


def card(kind="change", what="Tell us how long the wait is", why="We feel forgotten", age=None):
    return CardInput(kind=kind, what=what, why=why, age_band=age)


def count(session, model):
    return session.scalar(select(func.count(model.id)))


# ---- submitting --------------------------------------------------------------------------------

def test_a_card_becomes_a_voice_item_about_its_service(session, loop, people, fake_analysis):
    link = loop.link(people["service"])
    result = cards.submit_card(session, link, card(age="14-15"), submission_key="k1")
    assert result.created
    assert result.card.kind == "change" and result.card.channel == "qr"
    item = result.item
    assert item.source == "card" and item.source_id == result.card.id
    assert item.service_id == people["service"].id
    assert item.text == "Change: Tell us how long the wait is\nWhy: We feel forgotten"
    assert item.question_kind == "could_improve" and item.age_band == "14-15"
    assert item.state == ModerationState.NEW and item.public_text is None
    assert result.card.voice_item_id == item.id


def test_sending_the_same_form_twice_stores_one_card(session, loop, people, fake_analysis):
    link = loop.link(people["service"])
    first = cards.submit_card(session, link, card(), submission_key="same")
    again = cards.submit_card(session, link, card(what="changed my mind"), submission_key="same")
    assert not again.created and again.card.id == first.card.id
    assert count(session, ActionCard) == 1 and count(session, VoiceItem) == 1


@pytest.mark.parametrize(("data", "field", "message"), [
    (card(what="   "), "what", "Tell us what they should stop, start or change"),
    (card(kind="dragon"), "kind", "Choose stop, start or change"),
    (card(kind=None), "kind", "Choose stop, start or change"),
    (card(what="x" * 1001), "what", "Use 1,000 characters or fewer. You have used 1,001"),
    (card(why="y" * 5000), "why", "Use 1,000 characters or fewer. You have used 5,000"),
    (card(age="ninety"), "age_band", "Choose an age group from the list"),
    # Older cards' bands and values are no longer offered, so no longer accepted.
    (card(age="under_11"), "age_band", "Choose an age group from the list"),
    (card(age="11_13"), "age_band", "Choose an age group from the list"),
    (card(age="not_said"), "age_band", "Choose an age group from the list"),
])
def test_bad_cards_are_refused_with_a_message_at_the_field(session, loop, people, data, field, message):
    link = loop.link(people["service"])
    with pytest.raises(CardProblem) as problem:
        cards.submit_card(session, link, data, submission_key="bad")
    assert problem.value.field == field and message in problem.value.message
    assert count(session, ActionCard) == 0


@pytest.mark.parametrize("age", ["0-7", "8-10", "11-13", "14-15", "16-17", "18-21", "22-25"])
def test_a_card_stores_the_same_age_bands_as_a_survey(session, loop, people, fake_analysis, age):
    result = cards.submit_card(session, loop.link(people["service"]), card(age=age),
                               submission_key="k")
    assert result.card.age_band == age and result.item.age_band == age


def test_prefer_not_to_say_is_stored_as_a_survey_stores_it(session, loop, people, fake_analysis):
    result = cards.submit_card(session, loop.link(people["service"]), card(age="prefer_not"),
                               submission_key="k")
    assert result.card.age_band == "prefer_not" and result.item.age_band == "prefer_not"


def test_no_age_is_stored_as_none(session, loop, people, fake_analysis):
    result = cards.submit_card(session, loop.link(people["service"]), card(age=""),
                               submission_key="k")
    assert result.card.age_band is None and result.item.age_band is None


def test_a_paused_link_takes_no_cards(session, loop, people):
    link = loop.link(people["service"])
    cards.set_link_paused(session, people["officer"], link, True)
    with pytest.raises(InvalidState):
        cards.submit_card(session, link, card(), submission_key="k")


def test_link_tokens_are_short_and_readable(session, loop, people):
    link = loop.link(people["service"], place="Waiting room")
    assert codes.is_well_formed(link.token, codes.LINK_TOKEN_LENGTH)
    assert cards.find_link(session, link.token.lower()).id == link.id
    assert cards.find_link(session, "../../etc/passwd") is None


def test_card_links_need_a_service_and_a_place(session, people):
    with pytest.raises(CardProblem, match="Say where"):
        cards.create_card_link(session, people["officer"], service_id=people["service"].id, place=" ")
    with pytest.raises(CardProblem, match="Choose a service"):
        cards.create_card_link(session, people["officer"], service_id=999999, place="Clinic")
    with pytest.raises(NotAllowed):
        cards.create_card_link(session, people["provider"], service_id=people["service"].id,
                               place="Clinic")


# ---- safeguarding -------------------------------------------------------------------------------

def test_a_card_flagged_as_safeguarding_goes_to_the_services_lead_at_once(session, loop, people,
                                                                          fake_analysis):
    result = cards.submit_card(session, loop.link(people["service"]),
                               card(what="My dad hurts me when he is drunk", why=""),
                               submission_key="k")
    assert result.is_safeguarding
    item = result.item
    assert item.state == ModerationState.ESCALATED and item.escalated_at is not None
    notes = session.scalars(select(Notification).where(Notification.kind == "safeguarding")).all()
    assert [n.user_id for n in notes] == [people["lead"].id]
    assert notes[0].url == f"/safeguarding/items/{item.id}"
    assert "hurts" not in notes[0].body  # the words stay in Voice, never in a notification
    assert not item.is_published


def test_without_a_lead_the_participation_team_hears_about_it(session, loop, factory, fake_analysis):
    service = factory.service("No Lead Service")
    officer = factory.user(Role.PARTICIPATION)
    result = cards.submit_card(session, loop.link(service),
                               card(what="I am not safe at home", why=""), submission_key="k")
    notified = session.scalars(select(Notification.user_id).where(
        Notification.dedupe_key == f"safeguarding:{result.item.id}")).all()
    assert officer.id in notified
    assert "no safeguarding lead" in session.scalar(select(Notification.body).where(
        Notification.user_id == officer.id))


def test_a_card_is_kept_even_when_the_analyser_fails(session, loop, people, monkeypatch):

    def broken(text, question_kind=None):
        raise RuntimeError("model file missing")

    fake_analyser(monkeypatch, broken)
    result = cards.submit_card(session, loop.link(people["service"]), card(), submission_key="k")
    assert result.created and result.item.analysed_at is None
    assert result.item.state == ModerationState.NEW  # a person reads it in moderation


# ---- paper sessions ------------------------------------------------------------------------------

def test_paper_cards_are_entered_together_skipping_blank_rows(session, people, fake_analysis):
    batch = [card(what="More evening appointments"), CardInput(None, "", ""),
             card(kind="stop", what="Stop cancelling on the day", why="")]
    result = cards.enter_paper_cards(session, people["officer"], service_id=people["service"].id,
                                     cards=batch, batch_key="b1", session_label="Youth council")
    assert len(result.saved) == 2 and result.repeated == 0
    stored = session.scalars(select(ActionCard).order_by(ActionCard.id)).all()
    assert {c.channel for c in stored} == {"paper"}
    assert {c.entered_by_id for c in stored} == {people["officer"].id}
    assert stored[1].session_label == "Youth council"
    again = cards.enter_paper_cards(session, people["officer"], service_id=people["service"].id,
                                    cards=batch, batch_key="b1")
    assert len(again.saved) == 0 and again.repeated == 2
    assert count(session, ActionCard) == 2


def test_a_bad_paper_card_names_its_row_and_saves_nothing(session, people, fake_analysis):
    batch = [card(), card(kind="", what="no kind given")]
    with pytest.raises(CardProblem) as problem:
        cards.enter_paper_cards(session, people["officer"], service_id=people["service"].id,
                                cards=batch, batch_key="b2")
    assert problem.value.message.startswith("Card 2:") and problem.value.field == "cards-1-kind"
    assert count(session, ActionCard) == 0


def test_only_the_participation_team_enters_paper_cards(session, people):
    with pytest.raises(NotAllowed):
        cards.enter_paper_cards(session, people["provider"], service_id=people["service"].id,
                                cards=[card()], batch_key="b")
    with pytest.raises(CardProblem, match="at least one"):
        cards.enter_paper_cards(session, people["officer"], service_id=people["service"].id,
                                cards=[CardInput("stop", " ", "")], batch_key="b")


# ---- follow-up codes ----------------------------------------------------------------------------

def _sent(session, loop, people, key="form-1", **kwargs):
    return cards.submit_card(session, loop.link(people["service"]), card(**kwargs), submission_key=key)


def test_a_follow_up_code_finds_its_card_and_only_a_hash_is_stored(session, loop, people, fake_analysis):
    sent = _sent(session, loop, people)
    code = cards.issue_followup_code(session, sent.card, secret="s3cret", nonce="form-1")
    assert codes.is_well_formed(codes.normalise(code)) and code.count("-") == 2
    assert codes.normalise(code) not in (sent.card.followup_code_hash or "")
    assert cards.find_card_by_code(session, code.lower().replace("-", " "),
                                   secret="s3cret").id == sent.card.id
    assert cards.find_card_by_code(session, code, secret="another secret") is None


def test_asking_for_the_code_again_shows_the_same_code(session, loop, people, fake_analysis):
    sent = _sent(session, loop, people)
    first = cards.issue_followup_code(session, sent.card, secret="s", nonce="form-1")
    assert cards.issue_followup_code(session, sent.card, secret="s", nonce="form-1") == first


@pytest.mark.parametrize("wrong", ["", None, "KX7-M42-PQ9", "' OR 1=1 --", "%", "a" * 300])
def test_a_wrong_code_finds_nothing(session, loop, people, fake_analysis, wrong):
    sent = _sent(session, loop, people)
    cards.issue_followup_code(session, sent.card, secret="s", nonce="form-1")
    assert cards.find_card_by_code(session, wrong, secret="s") is None


# ---- the journey ---------------------------------------------------------------------------------

def test_a_new_card_is_received_and_nothing_more(session, loop, people, fake_analysis):
    journey = cards.card_journey(session, _sent(session, loop, people).card)
    assert journey.step == 1 and not journey.promises and journey.public_wording is None


def test_an_approved_card_is_being_looked_at(session, loop, people, fake_analysis):
    sent = _sent(session, loop, people)
    moderation.approve_item(session, people["officer"], sent.item, public_text="Tell us the wait")
    journey = cards.card_journey(session, sent.card)
    assert journey.step == 2 and journey.public_wording == "Tell us the wait"


def test_a_linked_card_shows_the_published_promise_then_done(session, loop, people, fake_analysis):
    sent = _sent(session, loop, people)
    moderation.approve_item(session, people["officer"], sent.item, public_text="Tell us the wait")
    commitment = loop.commitment(items=[sent.item], public=False)
    journey = cards.card_journey(session, sent.card)
    assert journey.step == 3 and journey.promise_pending and journey.promises == []
    commitments.set_published(session, people["officer"], commitment, True)
    commitments.record_progress(session, None, commitment, status="done",
                                we_did="We text everyone on the list each month")
    journey = cards.card_journey(session, sent.card)
    assert journey.step == 4 and journey.outcome == "done"
    assert journey.promises[0].we_did == "We text everyone on the list each month"
    assert journey.promises[0].rag == "green"


def test_cant_do_shows_the_reason(session, loop, people, fake_analysis):
    sent = _sent(session, loop, people)
    commitment = loop.commitment(items=[sent.item])
    commitments.record_progress(session, None, commitment, status="cant_do",
                                cant_do_reason="We have no money for it this year")
    journey = cards.card_journey(session, sent.card)
    assert journey.outcome == "cant_do"
    assert journey.promises[0].cant_do_reason == "We have no money for it this year"


def test_a_duplicate_card_follows_the_card_it_repeats(session, loop, people, fake_analysis):
    first = _sent(session, loop, people, key="a")
    second = _sent(session, loop, people, key="b", what="Nobody tells you where you are on the list")
    moderation.mark_duplicate(session, people["officer"], second.item, first.item)
    loop.commitment(items=[first.item])
    journey = cards.card_journey(session, second.card)
    assert journey.step == 3 and len(journey.promises) == 1


@pytest.mark.parametrize("how", ["hidden", "escalated"])
def test_hidden_or_escalated_cards_never_show_beyond_received(session, loop, people, fake_analysis, how):
    sent = _sent(session, loop, people)
    moderation.approve_item(session, people["officer"], sent.item, public_text="Tell us the wait")
    loop.commitment(items=[sent.item])
    if how == "hidden":
        moderation.hide_item(session, people["officer"], sent.item, reason="Not about the service")
    else:
        moderation.escalate_item(session, people["officer"], sent.item, note="Worried about them")
    journey = cards.card_journey(session, sent.card)
    assert journey.step == 1 and journey.promises == [] and journey.public_wording is None
    assert not journey.linked and not journey.promise_pending


def test_a_duplicate_of_a_restricted_card_shows_only_received(session, loop, people, fake_analysis):
    first = _sent(session, loop, people, key="a")
    second = _sent(session, loop, people, key="b")
    loop.commitment(items=[first.item])
    moderation.mark_duplicate(session, people["officer"], second.item, first.item)
    # Hiding refuses an item with duplicates, so this is only defence in depth.
    first.item.state = ModerationState.HIDDEN
    assert cards.card_journey(session, second.card).step == 1


def test_hiding_an_item_that_others_repeat_is_refused(session, loop, people, fake_analysis):
    first = _sent(session, loop, people, key="a")
    second = _sent(session, loop, people, key="b")
    moderation.mark_duplicate(session, people["officer"], second.item, first.item)
    with pytest.raises(InvalidState, match="1 other item is marked"):
        moderation.hide_item(session, people["officer"], first.item, reason="Test")


def test_with_the_real_analyser_a_disclosure_is_escalated_and_names_are_redacted(session, loop, people):
    link = loop.link(people["service"])
    disclosure = cards.submit_card(session, link, card(what="My dad hits me when he is drunk", why=""),
                                   submission_key="real-1")
    assert disclosure.is_safeguarding and disclosure.item.state == ModerationState.ESCALATED
    ordinary = cards.submit_card(session, link, card(what="Call me on 07700 900461 about it", why=""),
                                 submission_key="real-2")
    assert not ordinary.is_safeguarding and "[phone]" in ordinary.item.redacted_text
    assert "07700" not in ordinary.item.redacted_text and ordinary.item.model_version
