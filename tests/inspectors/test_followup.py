"""Recommendations into commitments (linked both ways), re-inspection and assurance, the
service's history, the certificate and the published summary other packages read."""

from datetime import date

import pytest

from inspectors.models import InspectionState
from inspectors.services import followup
from inspectors.services import frameworks as fw
from inspectors.services import inspections as ins
from inspectors.services.errors import InspectionError, InvalidState, NotAllowed
from inspectors.services.summary import latest_published_summary, published_summaries
from voice.auth.roles import Role
from voice.loop import commitments as loop
from voice.loop.models import Commitment, CommitmentStatus

TODAY = date(2026, 4, 1)


def _respond_all(session, inspection, provider, choice="accepted"):
    for rec in inspection.recommendations:
        ins.respond_to_recommendation(session, provider, inspection, rec, response=choice,
                                      text=f"We will act on: {rec.text}",
                                      by_date=date(2099, 6, 30) if choice != "declined" else None)


def test_recommendation_becomes_a_commitment_linked_both_ways(session, insp):
    inspection, officer, provider = insp.shared()
    _respond_all(session, inspection, provider)
    rec = inspection.recommendations[0]
    commitment = followup.make_commitment(session, officer, inspection, rec, on=TODAY)
    assert rec.commitment_id == commitment.id
    assert commitment.you_said == rec.text
    assert commitment.we_will == rec.response_text
    assert commitment.owner_organisation_id == inspection.service.provider_id
    assert commitment.owner_user_id == provider.id
    assert commitment.due_date == date(2099, 6, 30)
    assert commitment.service_id == inspection.service_id
    assert not commitment.is_public  # the summary is not published yet
    # the loop's side of the link
    assert loop.commitments_for_source(session, "inspection_recommendation", rec.id) == [commitment]
    assert followup.commitment_for(session, rec) is commitment
    # one click twice: the same commitment
    assert followup.make_commitment(session, officer, inspection, rec, on=TODAY) is commitment
    assert session.query(Commitment).filter_by(service_id=inspection.service_id).count() == 1


def test_lost_link_is_found_again_from_the_loop(session, insp):
    inspection, officer, provider = insp.shared()
    _respond_all(session, inspection, provider)
    rec = inspection.recommendations[0]
    commitment = followup.make_commitment(session, officer, inspection, rec, on=TODAY)
    rec.commitment_id = None
    assert followup.make_commitment(session, officer, inspection, rec, on=TODAY) is commitment
    assert rec.commitment_id == commitment.id


def test_declined_recommendation_becomes_a_cant_do_with_the_reason(session, insp):
    inspection, officer, provider = insp.shared(recommendations=1)
    _respond_all(session, inspection, provider, choice="declined")
    commitment = followup.make_commitment(session, officer, inspection,
                                          inspection.recommendations[0], on=TODAY)
    assert commitment.status == CommitmentStatus.CANT_DO
    assert commitment.cant_do_reason.startswith("We will act on")


def test_commitments_need_the_providers_response_and_a_manager(session, insp):
    inspection, officer, provider = insp.shared()
    rec = inspection.recommendations[0]
    with pytest.raises(InvalidState, match="response"):
        followup.make_commitment(session, officer, inspection, rec, on=TODAY)
    with pytest.raises(NotAllowed):
        followup.make_commitment(session, provider, inspection, rec, on=TODAY)
    other, other_officer, _ = insp.shared()
    with pytest.raises(NotAllowed):
        followup.make_commitment(session, officer, other, rec, on=TODAY)


def test_responding_stops_once_it_is_a_commitment(session, insp):
    inspection, officer, provider = insp.shared()
    _respond_all(session, inspection, provider)
    rec = inspection.recommendations[0]
    followup.make_commitment(session, officer, inspection, rec, on=TODAY)
    with pytest.raises(InvalidState, match="commitment"):
        ins.respond_to_recommendation(session, provider, inspection, rec, response="declined",
                                      text="Changed our mind")


def test_follow_up_uses_the_settings_gap_the_same_team_and_the_newest_framework(session, insp):
    inspection, officer, provider = insp.shared()
    newer = fw.update_framework(session, officer, inspection.framework, name="Newer wording",
                                description="")
    assert newer.version == 2
    follow_up = followup.plan_follow_up(session, officer, inspection)
    assert follow_up.follow_up_of_id == inspection.id
    assert follow_up.framework_id == newer.id
    assert follow_up.visit_from == date(2026, 9, 3)  # six months after 3 March
    assert [m.user_id for m in follow_up.team] == [m.user_id for m in inspection.team]
    assert follow_up.lead_inspector_id == inspection.lead_inspector_id
    assert followup.plan_follow_up(session, officer, inspection) is follow_up

    other, other_officer, _ = insp.shared()
    ins.update_settings(session, other_officer, follow_up_months=9, response_working_days=20,
                        certificate_min_green_percent=75, certificate_max_red=0)
    assert followup.plan_follow_up(session, other_officer, other).visit_from == date(2026, 12, 3)


def test_follow_up_needs_a_shared_report(session, insp):
    inspection = insp.inspection()
    with pytest.raises(InvalidState):
        followup.plan_follow_up(session, inspection.officer, inspection)


def _done(session, officer, commitment):
    loop.record_progress(session, officer, commitment, status="done",
                         we_did="We text everyone on the waiting list every month", today=TODAY)


def test_follow_up_assures_or_reopens_linked_commitments(session, insp):
    inspection, officer, provider = insp.shared(recommendations=3)
    _respond_all(session, inspection, provider)
    first, second, third = inspection.recommendations
    c1 = followup.make_commitment(session, officer, inspection, first, on=TODAY)
    c2 = followup.make_commitment(session, officer, inspection, second, on=TODAY)
    _done(session, officer, c1)
    _done(session, officer, c2)
    follow_up = followup.plan_follow_up(session, officer, inspection)
    lead = follow_up.lead_inspector

    followup.record_assurance(session, lead, follow_up, first, outcome="assured",
                              note="We rang twice and got a text update both times", on=TODAY)
    assert c1.is_assured and c1.assured_by == "young_inspectors"

    followup.record_assurance(session, officer, follow_up, second, outcome="reopened",
                              note="Nobody we met had had a text", on=TODAY)
    assert c2.status == CommitmentStatus.IN_PROGRESS and not c2.is_assured

    # no commitment: the finding is still recorded on our side
    check = followup.record_assurance(session, officer, follow_up, third, outcome="reopened",
                                      note="Not done", on=TODAY)
    assert check.outcome == "reopened"

    # changing our mind re-opens an assured commitment
    followup.record_assurance(session, lead, follow_up, first, outcome="reopened",
                              note="It stopped after a month", on=TODAY)
    assert c1.status == CommitmentStatus.IN_PROGRESS and not c1.is_assured
    rows = followup.assurance_rows(session, follow_up)
    assert [r.check.outcome for r in rows] == ["reopened", "reopened", "reopened"]
    assert rows[0].commitment is c1


def test_assurance_refusals(session, insp):
    inspection, officer, provider = insp.shared()
    _respond_all(session, inspection, provider)
    rec = inspection.recommendations[0]
    commitment = followup.make_commitment(session, officer, inspection, rec, on=TODAY)
    follow_up = followup.plan_follow_up(session, officer, inspection)
    with pytest.raises(InvalidState, match="not marked this commitment done"):
        followup.record_assurance(session, officer, follow_up, rec, outcome="assured",
                                  note="Looks done", on=TODAY)
    assert commitment.status == CommitmentStatus.NOT_STARTED
    with pytest.raises(NotAllowed):
        followup.record_assurance(session, provider, follow_up, rec, outcome="assured",
                                  note="Trust us", on=TODAY)
    with pytest.raises(InspectionError):
        followup.record_assurance(session, officer, follow_up, rec, outcome="maybe", note="x",
                                  on=TODAY)
    unrelated, other_officer, _ = insp.shared()
    with pytest.raises(NotAllowed):
        followup.record_assurance(session, officer, follow_up, unrelated.recommendations[0],
                                  outcome="reopened", note="x", on=TODAY)


def test_assurance_suggests_from_the_new_rating(session, insp):
    inspection, officer, provider = insp.shared(ratings={"S1": "red", "S2": "amber",
                                                         "S3": "green"})
    follow_up = followup.plan_follow_up(session, officer, inspection)
    for member in follow_up.team:
        insp.score_all(follow_up, member.user, {"S1": "green"})
    insp.agreed(follow_up, officer, {"S1": "green", "S2": "green", "S3": "green"})
    rows = followup.assurance_rows(session, follow_up)
    assert rows[0].new_rating.value == "green"
    assert rows[0].suggestion.value == "assured"


def test_service_history_matches_standards_across_versions(session, insp, factory):
    service = factory.service()
    first, officer, _ = insp.shared(service=service, ratings={"S1": "red", "S2": "amber",
                                                              "S3": "green"})
    newer, added = fw.save_standard(session, officer, first.framework, None,
                                    fw.StandardInput("S4", "New one", "Words"))
    second, officer2, _ = insp.shared(service=service, framework=newer,
                                      ratings={"S1": "green", "S2": "green", "S3": "green",
                                               "S4": "amber"})
    [history] = followup.service_history(session, service.id)
    assert [c.inspection.id for c in history.columns] == [first.id, second.id]
    ratings = {r.code: [x.value if x else None for x in r.ratings] for r in history.rows}
    assert ratings == {"S1": ["red", "green"], "S2": ["amber", "green"],
                       "S3": ["green", "green"], "S4": [None, "amber"]}
    assert history.columns[1].counts == {"red": 0, "amber": 1, "green": 3}
    assert followup.service_history(session, service.id, published_only=True) == []


def test_certificate_and_published_summary(session, insp, factory):
    service = factory.service()
    assert latest_published_summary(session, service.id) is None
    named = insp.inspector(display_name="Jordan Smith", name_preference="first_name")
    inspection, officer, provider = insp.shared(service=service, team=[named],
                                                ratings={"S1": "green", "S2": "green",
                                                         "S3": "green"})
    _respond_all(session, inspection, provider)
    assert latest_published_summary(session, service.id) is None  # shared is not published
    ins.publish_summary(session, officer, inspection, summary="Friendly and easy to reach.")
    assert followup.certificate_available(inspection)
    summary = latest_published_summary(session, service.id)
    assert summary.inspection_id == inspection.id and summary.service_slug == service.slug
    assert summary.summary == "Friendly and easy to reach."
    assert summary.counts == {"red": 0, "amber": 0, "green": 3}
    assert [s.rating for s in summary.standards] == ["green", "green", "green"]
    assert summary.recommendations[0].response_label == "We will do this"
    assert summary.certificate_url.endswith(f"/inspections/{inspection.id}/certificate")
    assert summary.url == f"/services/{service.slug}/inspections#inspection-{inspection.id}"
    assert "Jordan" not in repr(summary)  # never names young inspectors
    assert len(published_summaries(session, service.id)) == 1
    assert inspection.state == InspectionState.PUBLISHED


def test_certificate_bar_comes_from_the_settings(session, insp, factory):
    officer = factory.user(Role.PARTICIPATION)
    ins.update_settings(session, officer, follow_up_months=6, response_working_days=20,
                        certificate_min_green_percent=60, certificate_max_red=1)
    inspection, officer, _ = insp.shared(ratings={"S1": "green", "S2": "green", "S3": "red"},
                                         self_ratings={})
    ins.publish_summary(session, officer, inspection, summary="Mostly good.")
    assert inspection.certificate_awarded


def test_publishing_the_summary_puts_its_commitments_on_the_board(session, insp):
    inspection, officer, provider = insp.shared()
    _respond_all(session, inspection, provider)
    commitment = followup.make_commitment(session, officer, inspection,
                                          inspection.recommendations[0], on=TODAY)
    assert not commitment.is_public
    ins.publish_summary(session, officer, inspection, summary="Published.")
    assert commitment.is_public
