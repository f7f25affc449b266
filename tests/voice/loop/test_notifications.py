"""Notifications: always in the app, emailed from an outbox only when SMTP is configured."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from voice import mail
from voice.db import utcnow
from voice.loop import notifications as n
from voice.loop.models import Notification

SMTP = {"SMTP_HOST": "smtp.example.org", "SMTP_PORT": 587, "SMTP_FROM": "voice@example.org",
        "SMTP_STARTTLS": True, "SMTP_USERNAME": "voice", "SMTP_PASSWORD": "pw",
        "BASE_URL": "https://voice.example"}


class FakeSMTP:
    sent: list = []
    fail = False

    def __init__(self, host, port, timeout):
        self.host, self.port = host, port

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        if FakeSMTP.fail:
            raise OSError("connection refused")
        FakeSMTP.sent.append(message)


@pytest.fixture()
def smtp(monkeypatch):
    FakeSMTP.sent, FakeSMTP.fail = [], False
    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    return FakeSMTP


def test_the_same_notification_is_stored_once(session, factory):
    user = factory.user("provider", email="sam@example.org")
    first = n.notify(session, user, kind="test", title="Hello", dedupe_key="k")
    again = n.notify(session, user, kind="test", title="Hello", dedupe_key="k")
    assert first is not None and again is None
    assert n.unread_count(session, user) == 1
    assert first.email_wanted


def test_inactive_people_and_people_without_email_get_no_email(session, factory):
    gone = factory.user("provider", is_active=False)
    assert n.notify(session, gone, kind="t", title="x") is None
    no_email = factory.user("provider")
    assert not n.notify(session, no_email, kind="t", title="x").email_wanted


def test_marking_read_touches_only_your_own(session, factory):
    me, you = factory.user("provider"), factory.user("provider")
    mine = n.notify(session, me, kind="t", title="mine")
    yours = n.notify(session, you, kind="t", title="yours")
    assert n.mark_read(session, me, [mine.id, yours.id]) == 1
    assert n.unread_count(session, me) == 0 and n.unread_count(session, you) == 1
    n.notify(session, me, kind="t", title="another")
    assert n.mark_read(session, me) == 1


def test_without_smtp_nothing_is_emailed(session, factory, smtp):
    n.notify(session, factory.user("provider", email="a@example.org"), kind="t", title="x")
    report = n.deliver_pending_email(session, {"SMTP_HOST": None})
    assert (report.sent, report.failed) == (0, 0) and smtp.sent == []


def test_the_outbox_emails_each_notification_once_without_young_peoples_words(session, factory, smtp):
    user = factory.user("safeguarding_lead", email="lead@example.org")
    n.notify(session, user, kind="safeguarding", title="Possible safeguarding concern: CAMHS",
             body="Please read it today.", url="/safeguarding/items/7")
    assert n.deliver_pending_email(session, SMTP).sent == 1
    assert n.deliver_pending_email(session, SMTP).sent == 0
    message = smtp.sent[0]
    assert message["To"] == "lead@example.org"
    assert message["Subject"] == "Voice: Possible safeguarding concern: CAMHS"
    assert "https://voice.example/safeguarding/items/7" in message.get_content()


def test_a_failed_email_is_kept_and_tried_again(session, factory, smtp):
    user = factory.user("provider", email="sam@example.org")
    note = n.notify(session, user, kind="t", title="x")
    smtp.fail = True
    report = n.deliver_pending_email(session, SMTP)
    assert report.failed == 1 and note.emailed_at is None
    assert note.email_attempts == 1 and "connection refused" in note.email_error
    smtp.fail = False
    assert n.deliver_pending_email(session, SMTP).sent == 1 and note.emailed_at is not None


def test_old_unsent_notifications_stay_in_the_app_only(session, factory, smtp):
    user = factory.user("provider", email="sam@example.org")
    note = n.notify(session, user, kind="t", title="x")
    note.created_at = utcnow() - timedelta(days=3)
    report = n.deliver_pending_email(session, SMTP)
    assert report.skipped == 1 and smtp.sent == [] and not note.email_wanted


def test_send_email_refuses_without_smtp():
    with pytest.raises(mail.MailError, match="not set up"):
        mail.send_email({}, to="a@example.org", subject="x", body="y")


def test_notifications_count(session, factory):
    user = factory.user("provider")
    for i in range(3):
        n.notify(session, user, kind="t", title=f"n{i}")
    rows, total = n.list_notifications(session, user)
    assert total == 3 and [r.title for r in rows] == ["n2", "n1", "n0"]
    assert session.scalar(select(func.count(Notification.id))) == 3
