"""Building surveys: details, questions of every type, skip logic, reordering, states, copying,
templates and links."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from surveys import operations
from surveys.builtin_templates import BUILTIN_TEMPLATES
from surveys.models import Survey, SurveyLink
from surveys.operations import SurveyError
from surveys.tokens import ALPHABET
from tests.support.surveys_factories import EVERY_TYPE, q
from voice.audit.models import AuditEvent
from voice.errors import InvalidState, NotAllowed


@pytest.fixture()
def officer(factory):
    return factory.user("participation_officer")


def actions(session, target_type=None):
    query = select(AuditEvent.action).order_by(AuditEvent.id)
    return list(session.scalars(query))


def test_create_survey_with_details_and_services(session, factory, officer):
    service = factory.service()
    survey = operations.create_survey(
        session, officer, title="  How was it?  ", intro="Quick one.", min_age=11, max_age=18,
        layout="one_per_screen", opens_on=date(2026, 1, 1), closes_on=date(2026, 2, 1),
        service_ids=[service.id])
    assert survey.title == "How was it?" and survey.is_draft
    assert survey.services == [service]
    assert "survey.created" in actions(session)


@pytest.mark.parametrize("fields, field", [
    ({"title": " "}, "title"),
    ({"title": "x" * 161}, "title"),
    ({"min_age": 18, "max_age": 11}, "max_age"),
    ({"layout": "sideways"}, "layout"),
    ({"opens_on": date(2026, 2, 1), "closes_on": date(2026, 1, 1)}, "closes_on"),
])
def test_create_survey_refuses_bad_details(session, officer, fields, field):
    with pytest.raises(SurveyError) as error:
        operations.create_survey(session, officer, **({"title": "Fine"} | fields))
    assert error.value.field == field


def test_only_the_participation_team_builds_surveys(session, factory):
    with pytest.raises(NotAllowed):
        operations.create_survey(session, factory.user("commissioner"), title="Nope")


def test_every_question_type_can_be_added(surveys):
    survey = surveys.survey(status="draft")
    assert [question.kind for question in survey.questions] == [s["kind"] for s in EVERY_TYPE]
    assert [question.position for question in survey.questions] == list(range(1, 15))


def test_about_you_questions_get_plain_default_wording_and_are_never_required(session, surveys):
    survey = surveys.survey([{"kind": "about_care", "is_required": True}], status="draft")
    question = survey.questions[0]
    assert question.text.startswith("Are you in care")
    assert question.is_required is False
    assert question.options[-1]["value"] == "prefer_not"


def test_fft_wording_can_change_but_not_its_values(session, surveys, officer):
    survey = surveys.survey([{"kind": "fft", "text": "How was it?"}], status="draft")
    fft = survey.questions[0]
    labels = ["Brilliant", "Good", "Meh", "Bad", "Awful", "Not sure"]
    operations.update_question(session, officer, fft, option_labels=labels)
    assert [o["label"] for o in fft.options] == labels
    assert [o["value"] for o in fft.options][0] == "very_good"
    with pytest.raises(SurveyError):
        operations.update_question(session, officer, fft, option_labels=["", "", "", "", "", ""])


def test_choice_questions_need_two_answers(session, surveys, officer):
    survey = surveys.survey([], status="draft")
    with pytest.raises(SurveyError) as error:
        operations.add_question(session, officer, survey, kind="single", text="Pick",
                                option_lines="Only one")
    assert error.value.field == "options"


def test_number_range_must_be_in_order(session, surveys, officer):
    survey = surveys.survey([], status="draft")
    with pytest.raises(SurveyError):
        operations.add_question(session, officer, survey, kind="number", text="How many?",
                                min_value=10, max_value=1)


def test_text_questions_say_what_they_ask_about(session, surveys, officer):
    survey = surveys.survey([], status="draft")
    question = operations.add_question(session, officer, survey, kind="long_text",
                                       text="What could be better?", asks_about="could_improve")
    assert question.asks_about == "could_improve"
    with pytest.raises(SurveyError):
        operations.add_question(session, officer, survey, kind="long_text", text="x",
                                asks_about="vibes")


def test_codes_are_suggested_unique_and_checked(session, surveys, officer):
    survey = surveys.survey([], status="draft")
    first = operations.add_question(session, officer, survey, kind="yes_no", text="Was it OK?")
    second = operations.add_question(session, officer, survey, kind="yes_no", text="Was it OK?")
    assert first.code == "was_it_ok" and second.code == "was_it_ok_2"
    with pytest.raises(SurveyError) as error:
        operations.update_question(session, officer, second, code="was_it_ok")
    assert error.value.field == "code"
    with pytest.raises(SurveyError):
        operations.update_question(session, officer, second, code="Not A Code!")


def test_skip_logic_needs_an_earlier_choice_question_and_its_answers(session, surveys, officer):
    survey = surveys.survey([{"kind": "yes_no", "code": "ok", "text": "OK?"},
                             {"kind": "short_text", "code": "words", "text": "Words"}],
                            status="draft")
    ok, words = q(survey, "ok"), q(survey, "words")
    question = operations.add_question(session, officer, survey, kind="long_text", text="Why not?",
                                       show_if_question_id=ok.id, show_if_values=["no"])
    assert question.has_condition
    for bad in ({"show_if_question_id": words.id, "show_if_values": ["x"]},  # not a choice
                {"show_if_question_id": ok.id, "show_if_values": ["maybe"]},  # not an answer
                {"show_if_question_id": ok.id, "show_if_values": []},
                {"show_if_question_id": -1, "show_if_values": ["no"]}):
        with pytest.raises(SurveyError):
            operations.add_question(session, officer, survey, kind="long_text", text="x", **bad)
    with pytest.raises(SurveyError):  # a question cannot depend on a later one
        operations.update_question(session, officer, ok, show_if_question_id=question.id,
                                   show_if_values=["x"])


def test_reorder_moves_questions_and_keeps_skip_logic_in_order(session, surveys, officer):
    survey = surveys.survey(status="draft")
    fft, why, visit = q(survey, "fft"), q(survey, "why_poor"), q(survey, "visit")
    operations.move_question(session, officer, visit, "up")
    assert [x.code for x in sorted(survey.questions, key=lambda x: x.position)][:3] == [
        "fft", "visit", "why_poor"]
    operations.move_question(session, officer, visit, "up")
    assert visit.position == 1
    # Now visit, fft, why_poor: "why_poor" depends on "fft", so it cannot move above it.
    with pytest.raises(SurveyError):
        operations.move_question(session, officer, why, "up")
    assert fft.position < why.position
    operations.move_question(session, officer, visit, "up")  # already first: nothing happens
    assert visit.position == 1


def test_deleting_a_question_clears_skip_logic_that_depended_on_it(session, surveys, officer):
    survey = surveys.survey(status="draft")
    fft, why = q(survey, "fft"), q(survey, "why_poor")
    operations.delete_question(session, officer, fft)
    assert not why.has_condition
    assert sorted(x.position for x in survey.questions) == list(range(1, 14))


def test_answered_questions_cannot_be_deleted_nor_their_answered_options_removed(
        session, surveys, officer):
    survey = surveys.survey()
    link = surveys.link(survey)
    surveys.response(link, {"fft": "good", "good_bits": ["on_time"]})
    with pytest.raises(InvalidState):
        operations.delete_question(session, officer, q(survey, "fft"))
    with pytest.raises(SurveyError):
        operations.update_question(session, officer, q(survey, "good_bits"),
                                   option_lines="Friendly staff\nSafe place")
    # Adding an answer is fine.
    operations.update_question(session, officer, q(survey, "good_bits"),
                               option_lines="On time\nFriendly staff\nSafe place\nGood snacks")
    assert len(q(survey, "good_bits").options) == 4


def test_removing_an_answer_that_shows_another_question_is_refused(session, surveys, officer):
    survey = surveys.survey([{"kind": "single", "code": "pick", "text": "Pick",
                              "option_lines": "A\nB\nC"},
                             {"kind": "short_text", "code": "why", "text": "Why C?",
                              "show_if": ("pick", ["c"])}], status="draft")
    with pytest.raises(SurveyError):
        operations.update_question(session, officer, q(survey, "pick"), option_lines="A\nB")


def test_open_close_and_reopen(session, surveys, officer):
    survey = surveys.survey(status="draft")
    operations.open_survey(session, officer, survey)
    assert survey.is_open and survey.opened_at is not None
    with pytest.raises(InvalidState):
        operations.open_survey(session, officer, survey)
    operations.close_survey(session, officer, survey)
    assert survey.is_closed and survey.closed_at is not None
    with pytest.raises(InvalidState):
        operations.close_survey(session, officer, survey)
    operations.open_survey(session, officer, survey)
    assert survey.is_open
    assert {"survey.opened", "survey.closed"} <= set(actions(session))


def test_a_survey_without_questions_cannot_open(session, surveys, officer):
    survey = surveys.survey([], status="draft")
    with pytest.raises(InvalidState):
        operations.open_survey(session, officer, survey)


def test_accepting_follows_status_and_dates(surveys):
    survey = surveys.survey(opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 31))
    assert not survey.accepting_on(date(2026, 2, 28))
    assert survey.accepting_on(date(2026, 3, 1)) and survey.accepting_on(date(2026, 3, 31))
    assert not survey.accepting_on(date(2026, 4, 1))


def test_copy_makes_a_draft_with_the_same_questions_and_skip_logic(session, surveys, officer):
    survey = surveys.survey()
    surveys.link(survey)
    copy = operations.copy_survey(session, officer, survey, title="Copy")
    assert copy.is_draft and copy.links == []
    assert [x.code for x in copy.questions] == [x.code for x in survey.questions]
    why = q(copy, "why_poor")
    assert why.show_if_question_id == q(copy, "fft").id
    assert why.show_if_values == ["poor", "very_poor"]


def test_builtin_templates_install_once_and_copy(session, officer):
    first = operations.install_builtin_templates(session)
    again = operations.install_builtin_templates(session)
    assert [t.id for t in first] == [t.id for t in again]
    assert {t.template_key for t in first} == {t["key"] for t in BUILTIN_TEMPLATES}
    assert all(t.is_template for t in first)
    promises = next(t for t in first if t.template_key == "promises_kept")
    assert len(promises.questions) == 11  # the ten wishes, and what to do better
    fft = next(t for t in first if t.template_key == "childrens_fft")
    assert q(fft, "main_problem").show_if_question_id == q(fft, "fft").id
    survey = operations.start_from_template(session, officer, fft)
    assert not survey.is_template and survey.title == fft.title
    with pytest.raises(InvalidState):
        operations.open_survey(session, officer, fft)
    with pytest.raises(SurveyError):
        operations.start_from_template(session, officer, survey)


def test_links_are_one_per_survey_service_place_and_channel(session, factory, surveys, officer):
    service, area = factory.service(), factory.area()
    survey = surveys.survey(services=[service])
    link = operations.create_link(session, officer, survey, service_id=service.id,
                                  area_id=area.id, channel="poster", note="Waiting room")
    assert len(link.token) == 7 and set(link.token) <= set(ALPHABET)
    assert link.label.endswith("Poster (Waiting room)")
    with pytest.raises(SurveyError) as error:
        operations.create_link(session, officer, survey, service_id=service.id,
                               area_id=area.id, channel="poster")
    assert link.token in error.value.message
    card = operations.create_link(session, officer, survey, service_id=service.id,
                                  area_id=area.id, channel="card")
    assert card.token != link.token


@pytest.mark.parametrize("fields, field", [
    ({"channel": "pigeon"}, "channel"),
    ({"service_id": -1}, "service_id"),
    ({"area_id": -1}, "area_id"),
    ({"note": "x" * 121}, "note"),
])
def test_link_details_are_checked(session, factory, surveys, officer, fields, field):
    service, area = factory.service(), factory.area()
    survey = surveys.survey()
    data = {"service_id": service.id, "area_id": area.id, "channel": "poster"} | fields
    with pytest.raises(SurveyError) as error:
        operations.create_link(session, officer, survey, **data)
    assert error.value.field == field


def test_links_only_for_the_survey_s_services_once_it_has_some(session, factory, surveys, officer):
    mine, other = factory.service(), factory.service()
    survey = surveys.survey(services=[mine])
    with pytest.raises(SurveyError):
        operations.create_link(session, officer, survey, service_id=other.id,
                               area_id=factory.area().id, channel="poster")


def test_a_link_adds_its_service_to_a_survey_with_none(session, factory, surveys, officer):
    survey = surveys.survey()
    link = surveys.link(survey)
    assert survey.services == [link.service]


def test_templates_have_no_links(session, factory, officer):
    template = operations.install_builtin_templates(session)[0]
    with pytest.raises(SurveyError):
        operations.create_link(session, officer, template, service_id=factory.service().id,
                               area_id=factory.area().id, channel="poster")


def test_pause_and_restart_a_link(session, surveys, officer):
    link = surveys.link(surveys.survey())
    operations.set_link_paused(session, officer, link, True)
    assert link.is_paused
    operations.set_link_paused(session, officer, link, False)
    assert not link.is_paused
    assert {"survey.link_paused", "survey.link_resumed"} <= set(actions(session))


def test_a_survey_with_answers_cannot_be_deleted_but_an_empty_one_can(session, surveys, officer):
    survey = surveys.survey()
    link = surveys.link(survey)
    surveys.response(link, {"fft": "good"})
    with pytest.raises(InvalidState):
        operations.delete_survey(session, officer, survey)
    with pytest.raises(InvalidState):
        operations.delete_link(session, officer, link)
    empty = surveys.survey()
    surveys.link(empty)
    survey_id = empty.id
    operations.delete_survey(session, officer, empty)
    assert session.get(Survey, survey_id) is None
    assert session.scalars(select(SurveyLink).where(SurveyLink.survey_id == survey_id)).all() == []


def test_services_with_links_stay_on_the_survey(session, surveys, officer):
    survey = surveys.survey()
    surveys.link(survey)
    with pytest.raises(SurveyError):
        operations.update_survey(session, officer, survey, service_ids=[])
