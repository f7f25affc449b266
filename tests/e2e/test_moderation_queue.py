"""Moderation at real volume in a real browser (issue 13): a participation officer moderates ten
items with the keyboard only at 1366 x 900, and a young person reads the answer to their card on
a 360 x 640 phone. axe-core checks both."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.support import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.support.factories import Factory
from tests.support.loop_factories import LoopFactory
from voice.auth.roles import Role
from voice.loop import replies
from voice.loop.models import ActionCard, CardLink, ModerationState, VoiceItem

pytestmark = pytest.mark.e2e


def test_keyboard_only_moderation_of_ten_items(new_context, signed_in, live_server):
    with live_server.session() as session:
        factory = Factory(session)
        service = factory.service(f"Keyboard Clinic {secrets.token_hex(3)}")
        loop = LoopFactory(factory)
        items = [loop.item(service, text=f"Item {n}: please open on Saturdays ({n})").id
                 for n in range(10)]
        service_id = service.id

    officer = new_context(viewport={"width": 1366, "height": 900}).new_page()
    signed_in(officer, Role.PARTICIPATION)
    officer.goto(f"/moderation?service={service_id}")
    expect(officer.get_by_role("heading", level=1)).to_have_text("Moderation")
    expect(officer.get_by_text("10 items waiting")).to_be_visible()
    assert_no_axe_violations(officer)

    # Keyboard only: A approves and moves on, H hides and moves on, S saves the page.
    for key in "aaaahaaahh":
        officer.keyboard.press(key)
    # The last decision moved focus to the save button, visibly.
    expect(officer.get_by_role("button", name="Save decisions")).to_be_focused()
    officer.keyboard.press("s")
    expect(officer.get_by_role("status").first).to_have_text(
        "You approved 7 for publication and hid 3.")
    expect(officer.get_by_text("Nothing is waiting for these filters.")).to_be_visible()
    assert_no_axe_violations(officer)

    with live_server.session() as session:
        states = [session.get(VoiceItem, i).state for i in items]
    assert states.count(ModerationState.APPROVED) == 7
    assert states.count(ModerationState.HIDDEN) == 3

    # Undo, still from the keyboard: Tab to the button and press Enter.
    undo = officer.get_by_role("button", name="Undo")
    undo.focus()
    officer.keyboard.press("Enter")
    expect(officer.get_by_role("status").first).to_contain_text("10 items are waiting again")
    expect(officer.get_by_text("10 items waiting")).to_be_visible()


def test_keyboard_focus_moves_between_items_and_is_visible(new_context, signed_in, live_server):
    with live_server.session() as session:
        factory = Factory(session)
        service = factory.service(f"Focus Clinic {secrets.token_hex(3)}")
        loop = LoopFactory(factory)
        for n in range(3):
            loop.item(service, text=f"Focus item {n}")
        service_id = service.id

    officer = new_context(viewport={"width": 1366, "height": 900}).new_page()
    signed_in(officer, Role.PARTICIPATION)
    officer.goto(f"/moderation?service={service_id}")
    officer.keyboard.press("j")
    second = officer.locator(".queue__item").nth(1)
    expect(second).to_have_class(re.compile("queue__item--current"))
    focused = second.locator("input[type=radio]:checked")
    expect(focused).to_be_focused()
    outline = focused.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"
    officer.keyboard.press("a")
    expect(officer.locator("#queue-live")).to_have_text("Approve: item 2 of 3.")
    expect(second.get_by_label("Approve")).to_be_checked()


def test_a_young_person_reads_the_answer_to_their_card_on_a_phone(phone_page, live_server):
    with live_server.session() as session:
        factory = Factory(session)
        service = factory.service(f"Phone Clinic {secrets.token_hex(3)}")
        link = LoopFactory(factory).link(service)
        token = link.token

    young = phone_page
    young.goto(f"/card/{token}")
    young.get_by_label("Start: they should start doing something new").check()
    young.get_by_label("What should they stop, start or change?").fill(
        "Start a drop-in after school")
    young.get_by_role("button", name="Send my card").click()
    young.get_by_role("button", name="Get a follow-up code").click()
    code = young.locator("#code").inner_text().strip()

    with live_server.session() as session:
        card_link = session.scalars(select(CardLink).where(CardLink.token == token)).one()
        card = session.scalars(select(ActionCard).where(ActionCard.link_id == card_link.id)).one()
        officer = Factory(session).user(Role.PARTICIPATION)
        replies.reply_to_item(session, officer, card.voice_item, kind="happening",
                              body="From March there is a drop-in every Tuesday, 4pm to 6pm.")

    young.goto("/check")
    young.get_by_label("Your follow-up code").fill(code)
    young.get_by_role("button", name="Check my card").click()
    expect(young.get_by_role("heading", level=1)).to_have_text("What happened to your card")
    expect(young.get_by_role("heading", name="Their answer: this is already happening")
           ).to_be_visible()
    expect(young.get_by_text("From March there is a drop-in every Tuesday, 4pm to 6pm.")
           ).to_be_visible()
    expect(young.get_by_text("A person has read your card.")).to_be_visible()
    assert_no_axe_violations(young)
    assert_no_horizontal_scroll(young)


def test_moderation_works_without_javascript(new_context, signed_in, live_server):
    with live_server.session() as session:
        factory = Factory(session)
        service = factory.service(f"No Script Clinic {secrets.token_hex(3)}")
        loop = LoopFactory(factory)
        first = loop.item(service, text="Open the clinic earlier").id
        second = loop.item(service, text="qwerty").id
        service_id = service.id

    officer = new_context(java_script_enabled=False).new_page()
    signed_in(officer, Role.PARTICIPATION)
    officer.goto(f"/moderation?service={service_id}")
    officer.locator(f"#approve-{first}").check()
    officer.locator(f"#hide-{second}").check()
    officer.get_by_label("Why the items you hide are hidden").select_option(
        label="It is a test or nonsense")
    officer.get_by_role("button", name="Save decisions").click()
    expect(officer.get_by_role("status").first).to_have_text(
        "You approved 1 for publication and hid 1.")
    with live_server.session() as session:
        assert session.get(VoiceItem, first).state == ModerationState.APPROVED
        assert session.get(VoiceItem, second).hidden_reason == "It is a test or nonsense"
