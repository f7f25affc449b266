"""Personal details can never be published: what the redactor finds is shown highlighted, the
redaction is accepted in one step, contact details and addresses can never stay, a name only
with a reason (voice.loop.personal_details, and moderation's approve form)."""

from __future__ import annotations

from sqlalchemy import select

from voice.audit.models import AuditEvent
from voice.loop.models import ModerationState
from voice.loop.personal_details import check_wording, publishable_wording

CONTACT = "Ring me on 07700 900123 or jo@example.com, I live at 12 High Street, AB1 2CD"


def test_the_check_says_what_it_found_and_where():
    check = check_wording(CONTACT)
    assert [(f.kind, f.text) for f in check.findings] == [
        ("phone", "07700 900123"), ("email", "jo@example.com"), ("address", "12 High Street"),
        ("postcode", "AB1 2CD")]
    assert "".join(s.text for s in check.segments) == CONTACT  # highlighting keeps every word
    assert check.suggestion == "Ring me on [phone] or [email], I live at [address], [postcode]"
    assert not check.can_keep and check.summary == (
        "a phone number, an email address, an address and a postcode")
    names = check_wording("Thank you Jo!")
    assert [(f.kind, f.text) for f in names.findings] == [("name", "Jo")] and names.can_keep
    assert not check_wording("Shorter waits please").found
    assert not check_wording("[name] was rude").found  # markers already there are fine


def test_the_publish_time_guard_lets_names_through_but_never_contact_details():
    assert publishable_wording(CONTACT) is None
    assert publishable_wording("My email is jo@example.com") is None
    assert publishable_wording("Thank you Jo!") == "Thank you Jo!"  # kept with a reason
    assert publishable_wording("Shorter waits please") == "Shorter waits please"
    assert publishable_wording("  ") is None


def test_the_moderator_sees_what_was_found_and_cannot_tick_it_through(client, login, loop,
                                                                     people, session):
    item = loop.item(people["service"], text=CONTACT)
    item_id = item.id
    login(people["officer"])
    page = client.post(f"/moderation/items/{item_id}/approve",
                       data={"public_text": CONTACT, "confirmed": "y", "keep_reason": "Checked"})
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<mark>07700 900123<span class=\"visually-hidden\"> (a phone number)</span></mark>" \
        in body
    assert "can never be published" in body and "I have checked" not in body
    assert "Take them out and approve" in body
    session.refresh(item)
    assert item.state == ModerationState.NEW and item.public_text is None

    done = client.post(f"/moderation/items/{item_id}/approve",
                       data={"public_text": CONTACT, "action": "accept"})
    assert done.status_code == 302
    session.refresh(item)
    assert item.state == ModerationState.APPROVED
    assert item.public_text == "Ring me on [phone] or [email], I live at [address], [postcode]"


def test_a_name_stays_only_with_a_reason_in_the_audit_log(client, login, loop, people, session):
    item = loop.item(people["service"], text="Thank you Jo!")
    item_id = item.id
    login(people["officer"])
    page = client.post(f"/moderation/items/{item_id}/approve",
                       data={"public_text": "Thank you Jo!"})
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "Why may the name stay?" in body
    assert "<mark>Jo<span class=\"visually-hidden\"> (a name)</span></mark>" in body
    kept = client.post(f"/moderation/items/{item_id}/approve",
                       data={"public_text": "Thank you Jo!",
                             "keep_reason": "Jo is the receptionist; the young person thanks her"})
    assert kept.status_code == 302
    session.refresh(item)
    assert item.state == ModerationState.APPROVED and item.public_text == "Thank you Jo!"
    event = session.scalar(select(AuditEvent).where(
        AuditEvent.object_id == item_id, AuditEvent.action == "voice_item.personal_details_kept"))
    assert event.detail["reason"].startswith("Jo is the receptionist")
    assert event.actor_id == people["officer"].id


def test_if_the_redactor_fails_nothing_is_published(monkeypatch):
    import voice.analysis

    def broken(text):
        raise RuntimeError("redactor down")

    monkeypatch.setattr(voice.analysis, "redact", broken)
    check = check_wording("Shorter waits please")
    assert check.found and not check.suggestion and not check.can_keep
    assert "could not read" in check.summary
    assert publishable_wording("Shorter waits please") is None
