from __future__ import annotations

import pytest
from sqlalchemy import select

from voice.audit.models import AuditEvent
from voice.auth import services
from voice.auth.models import User
from voice.auth.passwords import hash_password, verify_password
from voice.errors import NotAllowed


def test_passwords_are_hashed_with_argon2id():
    hashed = hash_password("a long enough password")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "a long enough password")
    assert not verify_password(hashed, "a long enough passworD")
    assert not verify_password(None, "anything")


def test_sign_in_with_the_right_password_records_it(session, factory):
    user = factory.user("commissioner")
    signed_in = services.authenticate(session, user.username.upper(), factory.PASSWORD)
    assert signed_in.id == user.id
    assert signed_in.last_login_at is not None
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == user.id)).all()
    assert "auth.login" in actions


def test_staff_can_sign_in_with_their_email(session, factory):
    user = factory.user("commissioner", username="chris", email="Chris@Example.org")
    assert services.authenticate(session, "chris@example.org", factory.PASSWORD).id == user.id


def test_wrong_password_and_unknown_user_give_the_same_message(session, factory):
    user = factory.user()
    with pytest.raises(services.LoginFailed) as wrong:
        services.authenticate(session, user.username, "not the password")
    with pytest.raises(services.LoginFailed) as unknown:
        services.authenticate(session, "nobody@example.org", "not the password")
    assert wrong.value.message == unknown.value.message


def test_wrong_passwords_never_lock_an_account(session, factory):
    user = factory.user()
    for _ in range(8):
        with pytest.raises(services.LoginFailed):
            services.authenticate(session, user.username, "wrong")
    assert services.authenticate(session, user.username, factory.PASSWORD).id == user.id


def test_deactivated_user_cannot_sign_in(session, factory):
    user = factory.user(is_active=False)
    with pytest.raises(services.LoginFailed):
        services.authenticate(session, user.username, factory.PASSWORD)


def test_weak_passwords_are_refused(session):
    with pytest.raises(services.WeakPassword, match="at least 10"):
        services.create_user(session, None, username="x@example.org", display_name="X",
                             role="admin", password="short")


def test_duplicate_usernames_are_refused(session, factory):
    factory.user(username="taken@example.org")
    with pytest.raises(services.UsernameTaken):
        services.create_user(session, None, username="TAKEN@example.org", display_name="X",
                             role="admin", password="long enough password")


def test_provider_users_must_belong_to_an_organisation(session):
    with pytest.raises(services.VoiceError, match="organisation"):
        services.create_user(session, None, username="p@example.org", display_name="P",
                             role="provider", password="long enough password")


def test_admin_cannot_demote_themselves(session, factory):
    admin = factory.user("admin")
    with pytest.raises(NotAllowed):
        services.update_user(session, admin, admin, display_name="A", role="commissioner",
                             email=None, organisation_id=None, is_active=True)


def test_reset_password_ends_existing_sessions(app, client, factory, login, session):
    admin = factory.user("admin")
    target = factory.user("commissioner")
    login(target)
    assert client.get("/home").status_code == 200
    services.reset_password(session, admin, session.get(User, target.id), "brand new password 1")
    session.commit()
    response = client.get("/home")
    assert response.status_code == 302 and "/sign-in" in response.location


def test_sign_in_page_redirects_only_to_this_site(client, factory):
    user = factory.user()
    response = client.post("/sign-in?next=https://evil.example/x",
                           data={"username": user.username, "password": factory.PASSWORD})
    assert response.location == "/home"
    client.post("/sign-out")
    response = client.post("/sign-in?next=/directory/services",
                           data={"username": user.username, "password": factory.PASSWORD})
    assert response.location == "/directory/services"


def test_failed_sign_in_shows_the_error_beside_the_field_and_keeps_the_username(client, factory):
    user = factory.user()
    response = client.post("/sign-in", data={"username": user.username, "password": "nope"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in body and "Enter a correct username and password" in body
    assert f'value="{user.username}"' in body
    assert "nope" not in body


def test_sign_in_is_throttled(client, rate_limits):
    codes = [client.post("/sign-in", data={"username": "x@example.org", "password": "y"}).status_code
             for _ in range(25)]
    assert 429 in codes
    assert codes[0] == 200


def test_admin_resets_a_password_without_email(client, factory, login, session):
    admin = factory.user("admin")
    target = factory.user("provider")
    login(admin)
    response = client.post(f"/admin/users/{target.id}/password", data={"password": "fresh password 42"})
    assert response.status_code == 302
    assert verify_password(session.get(User, target.id).password_hash, "fresh password 42")


def test_admin_creates_a_user_and_bad_input_is_explained(client, factory, login, session):
    login(factory.user("admin"))
    response = client.post("/admin/users/new", data={
        "display_name": "", "username": "bad name!", "email": "not-an-email", "role": "emperor",
        "password": "short"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    for message in ("Enter the person", "Username can only use", "Enter an email address",
                    "Not a valid choice"):
        assert message in body
    assert 'value="bad name!"' in body
    response = client.post("/admin/users/new", data={
        "display_name": "Nia Patel", "username": "nia@example.org", "email": "nia@example.org",
        "role": "commissioner", "organisation_id": "", "password": "long enough password"})
    assert response.status_code == 302
    assert session.scalar(select(User).where(User.username == "nia@example.org")) is not None


def test_post_without_csrf_token_is_refused(csrf_app, client, factory, login):
    user = factory.user("admin")
    response = client.post("/sign-in", data={"username": user.username, "password": factory.PASSWORD})
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)


def test_permission_failures_are_audited(client, factory, login, session):
    login(factory.user("commissioner"))
    assert client.get("/admin/users").status_code == 403
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "permission.denied")) is not None


def test_admin_sees_the_audit_log(client, factory, login):
    login(factory.user("admin"))
    body = client.get("/admin/audit?action=auth.").get_data(as_text=True)
    assert "auth.login" in body
