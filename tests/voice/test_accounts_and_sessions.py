"""Issue 11: sign-in that nobody can use to lock a named account, sessions that end on the
server, the CSRF token renewed at sign-in, and ``next`` only ever a path on this site."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.support.factories import Factory
from tests.support.proxy import behind_proxy, from_address  # noqa: F401 (fixture)
from voice.audit.models import AuditEvent
from voice.auth import services
from voice.db import utcnow
from voice.security import local_path

LEAD_DESK = "203.0.113.7"
ATTACKER = "198.51.100.9"
ANOTHER_OFFICE = "192.0.2.30"


def _sign_in(client, username, password=Factory.PASSWORD, address=None, next_=None):
    # Flask-Login's "strong" session protection also looks at X-Forwarded-For: a test sends it
    # only where it plays the proxy, as nginx would on every request.
    url = "/sign-in" + (f"?next={next_}" if next_ else "")
    return client.post(url, data={"username": username, "password": password},
                       headers=from_address(address) if address else {})


def _message(response) -> str:
    match = re.search(r'class="error-message"[^>]*>(.*?)</p>', response.get_data(as_text=True), re.S)
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1) if match else response.get_data(as_text=True))


# ---- sign-in throttling ------------------------------------------------------------------------

@pytest.mark.usefixtures("behind_proxy")
def test_strangers_guessing_cannot_lock_the_lead_out_of_her_own_browser(app, client, factory,
                                                                         rate_limits):
    lead = factory.user("safeguarding_lead")
    assert _sign_in(client, lead.username, address=LEAD_DESK).status_code == 302  # her browser
    client.post("/sign-out", headers=from_address(LEAD_DESK))
    attacker = app.test_client()
    for n in range(32):  # many addresses, so only the whole-account count is reached
        attacker.post("/sign-in", data={"username": lead.username, "password": f"guess {n}"},
                      headers=from_address(f"198.51.100.{n // 4}"))
    # A new browser must wait ...
    stranger = app.test_client()
    assert _sign_in(stranger, lead.username, address=ANOTHER_OFFICE).status_code == 200
    # ... but the lead, on the browser she has signed in with before, gets straight in.
    response = _sign_in(client, lead.username, address=LEAD_DESK)
    assert response.status_code == 302 and response.location == "/home"


@pytest.mark.usefixtures("behind_proxy")
def test_wrong_passwords_from_one_address_do_not_stop_the_account_elsewhere(app, client, factory,
                                                                            rate_limits):
    user = factory.user("participation_officer")
    for _ in range(5):
        assert _sign_in(client, user.username, "wrong password", address=ATTACKER).status_code == 200
    # From that address even the right password now waits, with the same message.
    refused = _sign_in(client, user.username, address=ATTACKER)
    assert refused.status_code == 200 and "Enter a correct username and password" in _message(refused)
    # The person, somewhere else, signs in as usual.
    assert _sign_in(app.test_client(), user.username, address=LEAD_DESK).status_code == 302


@pytest.mark.usefixtures("behind_proxy")
def test_every_failure_says_the_same_for_real_and_made_up_accounts(client, factory, rate_limits):
    user = factory.user("commissioner")
    messages = set()
    for name in (user.username, "nobody-here@example.org"):
        for _ in range(6):  # wrong, then throttled
            messages.add(_message(_sign_in(client, name, "wrong password", address=ATTACKER)))
    inactive = factory.user("commissioner", is_active=False)
    messages.add(_message(_sign_in(client, inactive.username, address=ANOTHER_OFFICE)))
    assert len(messages) == 1, messages
    assert "Enter a correct username and password" in messages.pop()


def test_a_made_up_username_is_not_stored(client, session):
    _sign_in(client, "typed-my-password-here-by-mistake", "wrong password")
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "auth.login_failed")).all()
    assert events and all("typed-my-password" not in str(e.detail) for e in events)


def test_a_failure_on_a_real_account_is_audited_against_it(client, factory, session):
    user = factory.user()
    _sign_in(client, user.username, "wrong password")
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.login_failed"))
    assert event.object_type == "User" and event.object_id == user.id


# ---- sessions ----------------------------------------------------------------------------------

def _session_cookie(client) -> str:
    return client.get_cookie("voice_session").value


def test_sign_out_ends_the_session_even_for_a_copied_cookie(app, client, factory):
    user = factory.user("commissioner")
    assert _sign_in(client, user.username).status_code == 302
    copied = _session_cookie(client)
    client.post("/sign-out")
    thief = app.test_client()
    thief.set_cookie("voice_session", copied)
    response = thief.get("/home")
    assert response.status_code == 302 and "/sign-in" in response.location


def test_changing_password_ends_every_other_session(app, client, factory):
    user = factory.user("commissioner")
    other = app.test_client()
    assert _sign_in(other, user.username).status_code == 302
    assert _sign_in(client, user.username).status_code == 302
    response = client.post("/account/password", data={
        "current": Factory.PASSWORD, "password": "a brand new password"})
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    assert client.get("/home").status_code == 200  # this browser stays signed in
    assert other.get("/home").status_code == 302  # the other one has been signed out


def test_a_session_stops_working_after_its_lifetime(session, factory):
    user = factory.user()
    lifetime = timedelta(hours=8)
    token = services.start_session(session, user, lifetime=lifetime, now=utcnow() - timedelta(hours=9))
    assert services.load_user(session, user.get_id(), token, lifetime=lifetime) is None
    fresh = services.start_session(session, user, lifetime=lifetime)
    assert services.load_user(session, user.get_id(), fresh, lifetime=lifetime).id == user.id
    assert services.load_user(session, user.get_id(), "made-up", lifetime=lifetime) is None
    assert services.load_user(session, user.get_id(), None, lifetime=lifetime) is None


def test_the_daily_job_forgets_expired_sessions(app, session, factory):
    from voice import scheduler
    from voice.auth.models import UserSession

    scheduler.load_jobs()
    gone, user = factory.user(), factory.user()
    services.start_session(session, gone, lifetime=timedelta(hours=8),
                           now=utcnow() - timedelta(hours=9))
    current = services.start_session(session, user, lifetime=timedelta(hours=8))
    result = scheduler.JOBS["auth.forget_old_sessions"].func(session, utcnow())
    assert result == "forgot 1 signed-in sessions older than 8 hours"
    assert session.scalar(select(func.count(UserSession.id))) == 1
    assert services.load_user(session, user.get_id(), current, lifetime=timedelta(hours=8))


def test_deactivating_someone_ends_their_sessions(session, factory):
    admin, user = factory.user("admin"), factory.user("commissioner")
    token = services.start_session(session, user, lifetime=timedelta(hours=8))
    services.update_user(session, admin, user, display_name=user.display_name, role=user.role,
                         email=None, organisation_id=None, is_active=False)
    assert services.load_user(session, f"{user.id}:1", token, lifetime=timedelta(hours=8)) is None


def test_the_csrf_token_is_new_after_sign_in(csrf_app, client, factory):
    user = factory.user("commissioner")
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    with client.session_transaction() as cookie_session:
        before = cookie_session["csrf_token"]
    response = client.post("/sign-in", data={"username": user.username,
                                             "password": Factory.PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    client.get("/account/password")
    with client.session_transaction() as cookie_session:
        assert cookie_session["csrf_token"] != before


# ---- next= ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("target", [
    "https://evil.example/x", "//evil.example", "/%09/evil.example", "/%2509/evil.example",
    "/%0d%0aSet-Cookie:%20x=1", "/%0a/evil.example", "/%5Cevil.example", "%5C%5Cevil.example",
    "javascript:alert(1)", "/%E2%80%8B/evil.example",
])
def test_next_never_leaves_this_site_and_never_breaks(client, factory, target):
    user = factory.user()
    response = _sign_in(client, user.username, next_=target)
    assert response.status_code == 302
    assert response.location in ("/home", "/%09/evil.example"), response.location


def test_next_keeps_a_path_on_this_site(client, factory):
    user = factory.user()
    response = _sign_in(client, user.username, next_="/directory/services?archived=1")
    assert response.location == "/directory/services?archived=1"


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\r\nSet-Cookie: x=1", "//evil.example"])
def test_marking_notifications_read_goes_back_only_to_this_site(client, factory, login, target):
    login(factory.user("participation_officer"))
    response = client.post("/notifications/read", data={"notification_id": "all", "next": target})
    assert response.status_code == 302 and response.location == "/notifications"


@pytest.mark.usefixtures("behind_proxy")
def test_one_address_trying_many_sign_ins_does_not_stop_staff_elsewhere(app, client, factory,
                                                                        rate_limits):
    user = factory.user("provider")
    statuses = [_sign_in(client, "someone@example.org", "guess", address=ATTACKER).status_code
                for _ in range(21)]
    assert statuses[-1] == 429  # 20 sign-in attempts a minute from one address
    assert _sign_in(app.test_client(), user.username, address=LEAD_DESK).status_code == 302


@pytest.mark.parametrize("target, expected", [
    ("/loop/queue?page=2", "/loop/queue?page=2"),
    ("/", "/"),
    ("/\t/evil.example", None), ("/\n/x", None), ("/\r\n", None), ("/\\evil", None),
    ("//evil", None), ("http://x/", None), ("", None), (None, None), ("relative", None),
    ("/\x00", None), ("/\u200b/evil", None),
])
def test_local_path(target, expected):
    assert local_path(target) == expected



# ---- refusals in the audit log -------------------------------------------------------------------

def test_repeated_refusals_from_one_person_are_not_one_row_each(client, factory, login, session):
    login(factory.user("commissioner"))
    for _ in range(30):
        assert client.get("/admin/users").status_code == 403
    rows = session.scalars(select(AuditEvent).where(AuditEvent.action == "permission.denied")
                           .order_by(AuditEvent.id)).all()
    assert len(rows) == 5
    assert "not recorded" in rows[-1].detail["more_not_recorded"]
    # Someone else's refusals are still recorded.
    client.post("/sign-out")
    login(factory.user("provider"))
    assert client.get("/admin/users").status_code == 403
    assert session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.action == "permission.denied")) == 6
