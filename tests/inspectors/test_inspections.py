"""An inspection from plan to published summary, with the refusals that keep it honest."""

from datetime import date

import pytest
from sqlalchemy import select

from inspectors.models import InspectionState, InspectorScore
from inspectors.services import inspections as ins
from inspectors.services.comparison import Agreement
from inspectors.services.errors import (
    AlreadySubmitted,
    InspectionError,
    InvalidRating,
    InvalidState,
    NotAllowed,
    StandardNotInFramework,
)
from voice.auth.roles import Role
from voice.loop.models import VoiceItem


def test_inspector_scores_as_they_go_then_submits(session, insp):
    inspection = insp.inspection()
    inspector = inspection.team[0].user
    s1, s2, s3 = inspection.framework.standards
    ins.save_score(session, inspector, inspection, s1.id, rating="green", evidence="Friendly")
    ins.save_score(session, inspector, inspection, s1.id, rating="amber", evidence="Changed mind")
    ins.save_score(session, inspector, inspection, s2.id, rating=None, evidence="")
    saved = ins.scores_of(session, inspection, inspector.id)
    assert saved[s1.id].rating == "amber" and saved[s1.id].evidence == "Changed mind"
    assert [s.code for s in ins.missing_scores(session, inspection, inspector.id)] == ["S2", "S3"]
    with pytest.raises(InspectionError, match="S2, S3"):
        ins.submit_scores(session, inspector, inspection)
    ins.save_score(session, inspector, inspection, s2.id, rating="red", evidence="No reply")
    ins.save_score(session, inspector, inspection, s3.id, rating="green", evidence="",
                   not_checked=True)
    ins.submit_scores(session, inspector, inspection)
    assert inspection.team[0].submitted_at is not None
    assert session.scalar(select(InspectorScore).where(
        InspectorScore.standard_id == s3.id)).rating is None


def test_no_edits_after_submission(session, insp):
    inspection = insp.inspection()
    inspector = inspection.team[0].user
    insp.score_all(inspection, inspector, {})
    with pytest.raises(AlreadySubmitted):
        ins.save_score(session, inspector, inspection, inspection.framework.standards[0].id,
                       rating="red", evidence="Sneaky change")
    with pytest.raises(AlreadySubmitted):
        ins.submit_scores(session, inspector, inspection)


def test_bad_ratings_and_standards_from_other_frameworks_are_refused(session, insp):
    inspection = insp.inspection()
    inspector = inspection.team[0].user
    standard = inspection.framework.standards[0]
    with pytest.raises(InvalidRating, match="red, amber or green"):
        ins.save_score(session, inspector, inspection, standard.id, rating="purple", evidence="x")
    other = insp.framework()
    with pytest.raises(StandardNotInFramework):
        ins.save_score(session, inspector, inspection, other.standards[0].id, rating="red",
                       evidence="x")
    with pytest.raises(StandardNotInFramework):
        ins.save_score(session, inspector, inspection, 987654, rating="red", evidence="x")


def test_only_team_members_score(session, insp):
    inspection = insp.inspection()
    stranger = insp.inspector()
    with pytest.raises(NotAllowed):
        ins.save_score(session, stranger, inspection, inspection.framework.standards[0].id,
                       rating="red", evidence="x")


def test_provider_self_assessment(session, insp, factory):
    inspection = insp.inspection()
    provider = insp.provider_for(inspection)
    other_provider = factory.user(Role.PROVIDER)
    s1 = inspection.framework.standards[0]
    with pytest.raises(NotAllowed):
        ins.save_self_assessment(session, other_provider, inspection, {s1.id: ("green", "")})
    with pytest.raises(InvalidRating):
        ins.save_self_assessment(session, provider, inspection, {s1.id: ("blue", "")})
    with pytest.raises(StandardNotInFramework):
        ins.save_self_assessment(session, provider, inspection, {-4: ("red", "")})
    with pytest.raises(InspectionError, match="at least one"):
        ins.save_self_assessment(session, provider, inspection, {s1.id: ("", "")}, submit=True)
    ins.save_self_assessment(session, provider, inspection, {s1.id: ("green", "We do")},
                             submit=True)
    assert ins.self_assessments(session, inspection)[s1.id].rating == "green"
    with pytest.raises(AlreadySubmitted):
        ins.save_self_assessment(session, provider, inspection, {s1.id: ("red", "")})


def test_closing_scoring_suggests_team_ratings_from_submitted_scores_only(session, insp):
    first, second, late = insp.inspector(), insp.inspector(), insp.inspector()
    inspection = insp.inspection(team=[first, second, late])
    officer = inspection.officer
    insp.score_all(inspection, first, {"S1": "green", "S2": "red", "S3": None})
    insp.score_all(inspection, second, {"S1": "amber", "S2": "red", "S3": None})
    insp.score_all(inspection, late, {"S1": "red", "S2": "red", "S3": "red"}, submit=False)
    ins.close_scoring(session, officer, inspection)
    assert inspection.state == InspectionState.AGREEING
    ratings = ins.team_ratings(session, inspection)
    by_code = {s.code: ratings[s.id] for s in inspection.framework.standards}
    assert by_code["S1"].rating == "amber"   # lower middle of green and amber; draft ignored
    assert by_code["S2"].rating == "red"
    assert by_code["S3"].rating is None and by_code["S3"].not_checked
    with pytest.raises(InvalidState):
        ins.save_score(session, late, inspection, inspection.framework.standards[0].id,
                       rating="green", evidence="too late")


def test_closing_needs_a_submission(session, insp):
    inspection = insp.inspection()
    with pytest.raises(InspectionError, match="No young inspector"):
        ins.close_scoring(session, inspection.officer, inspection)


def test_differences_must_be_explained_and_changes_need_fresh_agreement(session, insp):
    inspection = insp.inspection()
    officer, lead = inspection.officer, inspection.team[0].user
    provider = insp.provider_for(inspection)
    insp.self_assess(inspection, provider, {"S1": "green", "S2": "green"})
    insp.score_all(inspection, lead, {"S1": "red", "S2": "green", "S3": "amber"})
    ins.close_scoring(session, officer, inspection)
    problems = ins.agreement_problems(session, inspection)
    assert problems == ["S1: the service rated itself differently, so explain the team's rating"]
    with pytest.raises(InspectionError, match="explain"):
        ins.sign_off_ratings(session, officer, inspection)
    s1 = inspection.framework.standards[0]
    ins.save_team_ratings(session, lead, inspection, {s1.id: ("red", False, "Nobody answered")})
    ins.sign_off_ratings(session, lead, inspection)
    ins.sign_off_ratings(session, officer, inspection)
    assert ins.ratings_agreed(inspection)
    ins.save_team_ratings(session, officer, inspection, {s1.id: ("amber", False, "Softer")})
    assert inspection.lead_agreed_at is None and inspection.officer_agreed_at is None
    with pytest.raises(InvalidRating):
        ins.save_team_ratings(session, officer, inspection, {s1.id: ("pink", False, "")})
    stranger = insp.inspector()
    with pytest.raises(NotAllowed):
        ins.save_team_ratings(session, stranger, inspection, {s1.id: ("red", False, "x")})


def test_report_cannot_be_shared_until_both_agree(session, insp):
    inspection = insp.inspection()
    officer = inspection.officer
    insp.score_all(inspection, inspection.team[0].user, {})
    ins.close_scoring(session, officer, inspection)
    ins.sign_off_ratings(session, officer, inspection)
    with pytest.raises(InvalidState, match="lead inspector has not agreed"):
        ins.share_report(session, officer, inspection)
    ins.sign_off_ratings(session, officer, inspection, lead_in_person=True)
    ins.share_report(session, officer, inspection, on=date(2026, 3, 9))
    assert inspection.response_due_on == date(2026, 4, 8)


def test_sharing_records_recommendations_in_the_loop(session, insp):
    inspection, officer, provider = insp.shared(recommendations=2)
    items = [session.get(VoiceItem, r.voice_item_id) for r in inspection.recommendations]
    assert [i.source for i in items] == ["finding", "finding"]
    assert items[0].source_id == inspection.recommendations[0].id
    assert items[0].service_id == inspection.service_id


def test_report_is_fixed_once_shared(session, insp):
    inspection, officer, provider = insp.shared()
    with pytest.raises(InvalidState):
        ins.add_recommendation(session, officer, inspection, text="Late idea")
    with pytest.raises(InvalidState):
        ins.delete_recommendation(session, officer, inspection, inspection.recommendations[0])


def test_comparison_grid_includes_standards_only_one_side_rated(session, insp):
    inspection = insp.inspection(framework=insp.framework(codes=("A", "B", "C", "D")))
    officer, lead = inspection.officer, inspection.team[0].user
    provider = insp.provider_for(inspection)
    insp.self_assess(inspection, provider, {"A": "green", "B": "amber", "C": "green"})
    insp.score_all(inspection, lead, {"A": "red", "B": "amber", "C": None, "D": "green"})
    insp.agreed(inspection, officer, {"A": "red", "B": "amber", "C": None, "D": "green"})
    rows = ins.comparison(session, inspection)
    assert [r.agreement for r in rows] == [Agreement.PROVIDER_HIGHER, Agreement.SAME,
                                           Agreement.ONLY_PROVIDER, Agreement.ONLY_TEAM]
    assert rows[0].team.note == "Reason for A" and rows[0].provider.note == "Our view of A"


def test_provider_responds_to_each_recommendation(session, insp, factory):
    inspection, officer, provider = insp.shared()
    rec = inspection.recommendations[0]
    with pytest.raises(NotAllowed):
        ins.respond_to_recommendation(session, factory.user(Role.PROVIDER), inspection, rec,
                                      response="accepted", text="We will")
    with pytest.raises(InspectionError, match="Choose"):
        ins.respond_to_recommendation(session, provider, inspection, rec, response="maybe",
                                      text="Hmm")
    with pytest.raises(InspectionError, match="what you will do"):
        ins.respond_to_recommendation(session, provider, inspection, rec, response="accepted",
                                      text=" ")
    ins.respond_to_recommendation(session, provider, inspection, rec, response="accepted",
                                  text="We will answer within two rings",
                                  by_date=date(2099, 1, 1))
    assert rec.response_label == "We will do this" and rec.responded_by_id == provider.id
    assert ins.responses_overdue(inspection, on=date(2026, 5, 1))
    assert not ins.responses_overdue(inspection, on=date(2026, 4, 1))


def test_publishing_needs_a_summary_and_awards_the_certificate(session, insp):
    inspection, officer, provider = insp.shared(ratings={"S1": "green", "S2": "green",
                                                         "S3": "green"})
    with pytest.raises(InspectionError, match="summary"):
        ins.publish_summary(session, officer, inspection, summary="  ")
    ins.publish_summary(session, officer, inspection, summary="Friendly and easy to reach.")
    assert inspection.state == InspectionState.PUBLISHED and inspection.certificate_awarded
    ins.withdraw_summary(session, officer, inspection)
    assert inspection.state == InspectionState.SHARED and not inspection.certificate_awarded


def test_no_certificate_when_a_standard_is_red(session, insp):
    inspection, officer, _ = insp.shared(ratings={"S1": "green", "S2": "green", "S3": "red"},
                                         self_ratings={})
    ins.publish_summary(session, officer, inspection, summary="Mixed.")
    assert not inspection.certificate_awarded


def test_names_are_hidden_from_providers_unless_chosen(session, insp):
    named = insp.inspector(display_name="Jordan Smith", name_preference="first_name")
    hidden = insp.inspector(display_name="Casey Jones")
    inspection = insp.inspection(team=[named, hidden])
    assert ins.team_credit(session, inspection, show_names=True) == "Jordan Smith and Casey Jones"
    assert ins.team_credit(session, inspection, show_names=False) == \
        "Jordan and 1 other young inspector"
    alone = insp.inspection(team=[hidden])
    assert ins.team_credit(session, alone, show_names=False) == "the young inspectors"


def test_plan_validation(session, insp, factory):
    officer = factory.user(Role.PARTICIPATION)
    framework, service, member = insp.framework(), factory.service(), insp.inspector()
    base = dict(service_id=service.id, framework_id=framework.id, method="mystery_phone",
                visit_from=date(2026, 7, 1), visit_to=date(2026, 7, 3), team_ids=[member.id])
    for change, field in [({"method": "telepathy"}, "method"),
                          ({"visit_to": date(2026, 6, 1)}, "visit_to"),
                          ({"self_assessment_due": date(2026, 7, 2)}, "self_assessment_due"),
                          ({"lead_id": factory.user(Role.INSPECTOR).id}, "lead_id"),
                          ({"team_ids": [officer.id]}, "team_ids"),
                          ({"service_id": 0}, "service_id"),
                          ({"framework_id": 424242}, "framework_id")]:
        with pytest.raises(ins.PlanError) as error:
            ins.plan_inspection(session, officer, ins.Plan(**(base | change)))
        assert error.value.field == field
    with pytest.raises(NotAllowed):
        ins.plan_inspection(session, factory.user(Role.PROVIDER), ins.Plan(**base))
    inspection = ins.plan_inspection(session, officer, ins.Plan(**base))
    assert inspection.method_label == "Mystery shop by phone"


def test_team_member_with_scores_stays_on_the_team(session, insp):
    inspection = insp.inspection()
    member = inspection.team[0].user
    insp.score_all(inspection, member, {}, submit=False)
    plan = ins.Plan(service_id=inspection.service_id, framework_id=inspection.framework_id,
                    method="visit", visit_from=inspection.visit_from,
                    visit_to=inspection.visit_to, team_ids=[])
    with pytest.raises(ins.PlanError, match="already saved scores"):
        ins.update_plan(session, inspection.officer, inspection, plan)


def test_settings_are_validated(session, factory):
    officer = factory.user(Role.PARTICIPATION)
    settings = ins.get_settings(session)
    assert (settings.follow_up_months, settings.response_working_days) == (6, 20)
    with pytest.raises(InspectionError):
        ins.update_settings(session, officer, follow_up_months=0, response_working_days=20,
                            certificate_min_green_percent=75, certificate_max_red=0)
    ins.update_settings(session, officer, follow_up_months=9, response_working_days=15,
                        certificate_min_green_percent=60, certificate_max_red=1)
    assert ins.get_settings(session).follow_up_months == 9


def test_people_are_told_what_to_do_next(session, insp, factory):
    from voice.loop.models import Notification

    service = factory.service()
    provider = factory.user(Role.PROVIDER, organisation=service.provider)
    inspection, officer, _ = insp.shared(service=service)

    def kinds(user):
        return sorted(n.kind for n in session.scalars(
            select(Notification).where(Notification.user_id == user.id)))

    assert kinds(provider) == ["inspection_planned", "inspection_report"]
    assert kinds(inspection.team[0].user) == ["inspection_report", "inspection_team"]
    assert kinds(officer) == ["inspection_scores"]


def test_evidence_that_may_be_a_disclosure_goes_to_the_safeguarding_lead(session, insp):
    """Young inspectors are young people too. Their evidence notes are screened when they
    send their scores: a worrying note becomes an escalated item for the safeguarding lead
    (never published); ordinary notes do not."""
    from voice.loop.models import ModerationState, Notification

    inspection = insp.inspection()
    inspector = inspection.team[0].user
    s1, s2, s3 = inspection.framework.standards
    worrying = "The waiting room was ok. I didnt say but my stepdad hits me when he's drunk"
    ins.save_score(session, inspector, inspection, s1.id, rating="green",
                   evidence="Staff said hello and the room felt safe")
    ins.save_score(session, inspector, inspection, s2.id, rating="amber", evidence=worrying)
    ins.save_score(session, inspector, inspection, s3.id, rating="red",
                   evidence="Nobody answered the phone for ages, it was killing me")
    assert session.scalar(select(VoiceItem).where(VoiceItem.source == "evidence")) is None
    ins.submit_scores(session, inspector, inspection)

    items = session.scalars(select(VoiceItem).where(VoiceItem.source == "evidence")).all()
    assert [item.text for item in items] == [worrying]
    item = items[0]
    assert item.state == ModerationState.ESCALATED and item.is_safeguarding
    assert not item.is_published and item.service_id == inspection.service_id
    assert item.source_id == ins.scores_of(session, inspection, inspector.id)[s2.id].id
    assert session.scalar(select(Notification).where(
        Notification.url == f"/safeguarding/items/{item.id}")) is not None
