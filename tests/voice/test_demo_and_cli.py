from __future__ import annotations

from sqlalchemy import func, select

from voice.auth.models import User
from voice.auth.roles import Role
from voice.demo import load_demo
from voice.directory.models import Area, Organisation, Service


def _counts(session):
    return {model.__name__: session.scalar(select(func.count()).select_from(model))
            for model in (User, Area, Organisation, Service)}


def test_demo_loads_a_county_and_running_it_twice_changes_nothing(session):
    users = load_demo(session)
    first = _counts(session)
    assert {u.role for u in users} == {r.value for r in Role}
    assert first["Service"] >= 8
    assert session.scalar(select(func.count()).select_from(Area).where(Area.kind == "system")) == 2
    load_demo(session)
    assert _counts(session) == first


def test_the_demo_names_who_the_escalation_ladder_tells(session):
    load_demo(session)
    providers = session.scalars(select(Organisation).where(
        Organisation.kind.in_(["provider", "voluntary"]))).all()
    assert providers
    for org in providers:
        assert org.lead_contact is not None, org.name
        assert org.lead_contact.organisation_id == org.id
    for service in session.scalars(select(Service)):
        assert service.commissioner is not None, service.name
        assert service.commissioner.role == Role.COMMISSIONER


def test_create_admin_command(app, session, monkeypatch):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create-admin", "--username", "root@example.org",
                                 "--name", "Root", "--password", "long enough password"])
    assert result.exit_code == 0, result.output
    assert session.scalar(select(User).where(User.username == "root@example.org")).role == "admin"
    result = runner.invoke(args=["users", "create-admin", "--username", "r2@example.org",
                                 "--name", "R", "--password", "short"])
    assert result.exit_code != 0 and "at least 10" in result.output
