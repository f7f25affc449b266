"""Frameworks and standards: the ready-made ones, and versioning when one is in use."""

import pytest
from sqlalchemy import select

from inspectors.models import Framework
from inspectors.services import frameworks as fw
from inspectors.services.errors import InspectionError, InvalidState
from voice.audit.models import AuditEvent
from voice.auth.roles import Role


def test_ready_frameworks_install_once(session, factory):
    officer = factory.user(Role.PARTICIPATION)
    added = fw.install_ready_frameworks(session, officer)
    assert sorted(len(f.standards) for f in added) == [8, 10]
    wishes = fw.current_version_of(session, "ten-wishes")
    assert [s.code for s in wishes.standards] == [f"W{i}" for i in range(1, 11)]
    assert all(s.wording and s.prompts for s in wishes.standards)
    assert "safe" in wishes.standards[8].wording
    welcome = fw.current_version_of(session, "youre-welcome")
    assert welcome.standards[2].title.startswith("Private")
    assert fw.install_ready_frameworks(session, officer) == []


def test_editing_an_unused_framework_changes_it_in_place(session, insp, factory):
    officer = factory.user(Role.PARTICIPATION)
    framework = insp.framework()
    target = fw.update_framework(session, officer, framework, name="Renamed", description="New")
    assert target is framework and framework.version == 1 and framework.name == "Renamed"
    target, standard = fw.save_standard(session, officer, framework, framework.standards[0].id,
                                        fw.StandardInput("S1", "Changed", "New words", ""))
    assert target is framework and standard.title == "Changed"


def test_editing_a_framework_in_use_makes_a_new_version(session, insp, factory):
    officer = factory.user(Role.PARTICIPATION)
    inspection = insp.inspection(officer=officer)
    old = inspection.framework
    old_wording = [s.wording for s in old.standards]
    first = old.standards[0]
    new, standard = fw.save_standard(session, officer, old, first.id,
                                     fw.StandardInput("S1", "Clearer", "Clearer words", "Ask"))
    assert new.id != old.id and new.family == old.family and new.version == 2
    assert standard.framework_id == new.id and standard.wording == "Clearer words"
    # the version the inspection uses is untouched and no longer current
    session.refresh(old)
    assert [s.wording for s in old.standards] == old_wording
    assert not old.is_current and new.is_current
    assert inspection.framework_id == old.id
    assert [f.version for f in fw.versions_of(session, new)] == [2, 1]
    assert fw.current_version_of(session, old.family).id == new.id
    # more edits to the new version (not yet used) do not make a third one
    again = fw.update_framework(session, officer, new, name="Renamed", description="")
    assert again is new and new.version == 2
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "framework.versioned"))


def test_old_versions_cannot_be_changed(session, insp, factory):
    officer = factory.user(Role.PARTICIPATION)
    inspection = insp.inspection(officer=officer)
    old = inspection.framework
    fw.update_framework(session, officer, old, name="Version two", description="")
    with pytest.raises(InvalidState):
        fw.update_framework(session, officer, old, name="Again", description="")


def test_removing_and_moving_standards_in_use_versions_too(session, insp, factory):
    officer = factory.user(Role.PARTICIPATION)
    inspection = insp.inspection(officer=officer)
    old = inspection.framework
    new = fw.remove_standard(session, officer, old, old.standards[1].id)
    assert [s.code for s in new.standards] == ["S1", "S3"]
    assert [s.code for s in old.standards] == ["S1", "S2", "S3"]
    moved = fw.move_standard(session, officer, new, new.standards[1].id, "up")
    assert moved is new and [s.code for s in new.standards] == ["S3", "S1"]
    assert [s.position for s in new.standards] == [1, 2]


def test_standard_validation(session, insp, factory):
    officer = factory.user(Role.PARTICIPATION)
    framework = insp.framework(codes=("A1",))
    with pytest.raises(InspectionError, match="already has the code"):
        fw.save_standard(session, officer, framework, None, fw.StandardInput("a1", "T", "W"))
    with pytest.raises(InspectionError, match="short code"):
        fw.save_standard(session, officer, framework, None, fw.StandardInput("bad code!", "T", "W"))
    with pytest.raises(InspectionError, match="wording"):
        fw.save_standard(session, officer, framework, None, fw.StandardInput("A2", "T", " "))
    with pytest.raises(InspectionError, match="at least one"):
        fw.remove_standard(session, officer, framework, framework.standards[0].id)
    assert session.scalar(select(Framework).where(Framework.family == framework.family,
                                                  Framework.version == 2)) is None
