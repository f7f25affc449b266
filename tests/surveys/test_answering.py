"""Pages, skip logic and reading a posted form, without the database."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from surveys.answering import Flow, build_pages, hidden_fields, is_visible, read_answers
from surveys.questions import QuestionSpec, Tampered, default_options

YES_NO = default_options("yes_no")


def q(id, kind="yes_no", *, when=None, required=False, position=None, **fields):
    options = fields.pop("options", default_options(kind))
    return QuestionSpec(id=id, kind=kind, text=f"Q{id}", options=options, is_required=required,
                        position=position if position is not None else id,
                        show_if_question_id=when[0] if when else None,
                        show_if_values=list(when[1]) if when else [], **fields)


def test_one_page_survey_without_skip_logic_is_one_page():
    pages = build_pages([q(1), q(2), q(3)], "one_page")
    assert [[s.id for s in p] for p in pages] == [[1, 2, 3]]


def test_a_question_depending_on_the_same_page_starts_a_new_page():
    pages = build_pages([q(1), q(2, when=(1, ["no"])), q(3), q(4, when=(1, ["yes"]))], "one_page")
    assert [[s.id for s in p] for p in pages] == [[1], [2, 3, 4]]


def test_about_you_questions_get_their_own_page_after_a_long_page():
    long_page = [q(i) for i in range(1, 7)] + [q(7, "about_age"), q(8, "about_care")]
    pages = build_pages(long_page, "one_page")
    assert [[s.id for s in p] for p in pages] == [[1, 2, 3, 4, 5, 6], [7, 8]]
    short_page = [q(1), q(2), q(3, "about_age")]
    assert len(build_pages(short_page, "one_page")) == 1


def test_one_question_per_screen_gives_each_question_a_page():
    pages = build_pages([q(1), q(2), q(3)], "one_per_screen")
    assert [[s.id for s in p] for p in pages] == [[1], [2], [3]]


def test_skip_logic_shows_a_question_only_for_the_chosen_answers():
    specs = [q(1), q(2, when=(1, ["no", "not_sure"]))]
    by_id = {s.id: s for s in specs}
    assert not is_visible(specs[1], {}, by_id)
    assert not is_visible(specs[1], {1: ["yes"]}, by_id)
    assert is_visible(specs[1], {1: ["no"]}, by_id)
    assert is_visible(specs[1], {1: ["not_sure"]}, by_id)


def test_skip_logic_chains_hide_everything_downstream():
    specs = [q(1), q(2, when=(1, ["no"])), q(3, when=(2, ["yes"]))]
    by_id = {s.id: s for s in specs}
    # 3 asks about 2's answer, but 2 is hidden when 1 is "yes": so 3 is hidden too.
    assert not is_visible(specs[2], {1: ["yes"], 2: ["yes"]}, by_id)
    assert is_visible(specs[2], {1: ["no"], 2: ["yes"]}, by_id)


def test_skip_logic_on_a_multiple_choice_question_matches_any_ticked_answer():
    options = [{"value": v, "label": v} for v in ("a", "b", "c")]
    specs = [q(1, "multiple", options=options), q(2, when=(1, ["c"]))]
    by_id = {s.id: s for s in specs}
    assert is_visible(specs[1], {1: ["a", "c"]}, by_id)
    assert not is_visible(specs[1], {1: ["a", "b"]}, by_id)


def test_flow_skips_pages_with_nothing_to_show():
    flow = Flow([q(1), q(2, when=(1, ["no"])), q(3)], "one_per_screen")
    assert flow.next_page(0, {1: ["yes"]}) == 2
    assert flow.next_page(0, {1: ["no"]}) == 1
    assert flow.previous_page(2, {1: ["yes"]}) == 0
    assert flow.next_page(2, {}) is None


def test_progress_counts_pages_that_may_still_show():
    flow = Flow([q(1), q(2, when=(1, ["no"])), q(3)], "one_per_screen")
    assert flow.progress(0, {}) == (1, 3)  # 2 may still be asked
    assert flow.progress(2, {1: ["yes"]}) == (2, 2)  # 2 was ruled out
    assert flow.progress(1, {1: ["no"]}) == (2, 3)


def test_check_page_reports_only_visible_required_questions():
    flow = Flow([q(1, required=True), q(2, when=(1, ["no"]), required=True)], "one_page")
    assert flow.check_page(0, {}) == {1: "Choose an answer"}
    assert flow.check_page(1, {1: ["yes"]}) == {}  # 2 is hidden: not required
    assert flow.check_page(1, {1: ["no"]}) == {2: "Choose an answer"}


def test_check_all_finds_the_first_page_with_a_problem():
    flow = Flow([q(1, required=True), q(2, required=True)], "one_per_screen")
    assert flow.check_all({1: ["yes"]}) == (1, {2: "Choose an answer"})
    assert flow.check_all({1: ["yes"], 2: ["no"]}) == (None, {})


def test_final_answers_drop_answers_to_questions_no_longer_shown():
    flow = Flow([q(1), q(2, when=(1, ["no"]))], "one_page")
    # They said "no", answered 2, went back and changed 1 to "yes".
    assert flow.final_answers({1: ["yes"], 2: ["yes"]}) == {1: ["yes"]}


def test_read_answers_reads_every_question_and_ignores_control_fields():
    specs = [q(1), q(2, "long_text", options=[]), q(3, "about_gender", options=[])]
    form = MultiDict([("form_token", "t"), ("step", "0"), ("started", "1"), ("action", "send"),
                      ("leave_blank", ""), ("q1", "yes"), ("q2", "  too slow 😤 "),
                      ("q3", "x"), ("q3_pns", "1")])
    assert read_answers(specs, form) == {1: ["yes"], 2: ["too slow 😤"], 3: ["prefer_not"]}


@pytest.mark.parametrize("field", ["q999", "q1_pns", "name", "q1x"])
def test_read_answers_refuses_fields_a_real_form_cannot_send(field):
    with pytest.raises(Tampered):
        read_answers([q(1)], MultiDict([(field, "yes")]))


def test_hidden_fields_carry_answers_from_other_pages():
    specs = [q(1), q(2, "multiple", options=[{"value": "a", "label": "a"},
                                             {"value": "b", "label": "b"}])]
    assert hidden_fields(specs, {1: ["no"], 2: ["a", "b"]}, exclude={1}) == [("q2", "a"), ("q2", "b")]


def test_a_condition_on_a_later_question_is_ignored_rather_than_hiding_for_ever():
    specs = [q(1, when=(2, ["yes"]), position=1), q(2, position=2)]
    assert is_visible(specs[0], {}, {s.id: s for s in specs})
