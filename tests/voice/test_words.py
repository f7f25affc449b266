"""Words for people (voice.words), and the pages that use them: plurals, articles, capitals,
codes in words, dates, hints that agree with their date box, and downloads that name their
character set once."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from voice import words
from voice.auth.roles import Role
from voice.summaries.narrative import write_summary


@pytest.mark.parametrize(("n", "noun", "expected"), [
    (1, "commitment", "1 commitment"), (0, "commitment", "0 commitments"),
    (2, "commitment", "2 commitments"), (1234, "survey response", "1,234 survey responses"),
    (3, "apology", "3 apologies"), (2, "box", "2 boxes"), (2.5, "hour", "2.5 hours"),
])
def test_counts_agree_with_their_noun(n, noun, expected):
    assert words.count(n, noun) == expected


@pytest.mark.parametrize(("phrase", "expected"), [
    ("11-year-old", "an 11-year-old"), ("8-year-old", "an 8-year-old"),
    ("18-year-old", "an 18-year-old"), ("1-year-old", "a 1-year-old"),
    ("12-year-old", "a 12-year-old"), ("administrator", "an administrator"),
    ("participation officer", "a participation officer"), ("young inspector", "a young inspector"),
    ("safeguarding lead", "a safeguarding lead"), ("user", "a user"), ("hour", "an hour"),
    ("NHS trust", "an NHS trust"), ("GP", "a GP"), ("SEND school", "a SEND school"),
    ("unit", "a unit"), ("umbrella", "an umbrella"),
])
def test_a_or_an_by_how_it_is_said(phrase, expected):
    assert words.with_article(phrase) == expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Disability or SEND", False, "disability or SEND"),
    ("The whole system", False, "the whole system"),
    ("Services for care leavers", False, "services for care leavers"),
    ("CAMHS in Northdale Central", False, "CAMHS in Northdale Central"),
    ("Young People's Sexual Health Clinic", True, "Young People's Sexual Health Clinic"),
    ("McKenzie House", False, "McKenzie House"),
])
def test_names_and_acronyms_keep_their_capitals_inside_a_sentence(text, name, expected):
    assert words.lower_first(text, name=name) == expected


def test_acronyms_lowered_by_mistake_are_put_back():
    assert words.keep_acronyms("disability or send") == "disability or SEND"


def test_dates_read_as_words():
    assert words.long_date(date(2026, 12, 7)) == "7 December 2026"
    assert words.long_date("2027-03-31") == "31 March 2027"
    # a time late in the evening in London is still that London day
    assert words.long_date(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == "1 July 2026"
    assert words.long_date(None) == ""


@pytest.mark.parametrize(("code", "expected"), [
    ("prefer_not", "Prefer not to say"), ("not_sure", "Not sure"), ("dont_know", "Don't know"),
    (None, "Not answered"), ("in_progress", "In progress"),
])
def test_answer_codes_are_words(code, expected):
    assert words.answer_words(code) == expected


def test_question_kinds_never_show_the_code():
    assert words.question_kind_words("nonspecific") == "anything they want to tell us"
    assert words.question_kind_words("could_improve") == "what could be better"
    assert "nonspecific" not in words.question_kind_words(None)


def test_history_entries_are_readable():
    assert words.history_change("rag", [None, "amber"]) == "Colour: no colour yet → amber"
    assert words.history_change("rag", ["none", "red"]) == "Colour: no colour yet → red"
    assert (words.history_change("due_date", ["2027-03-31", "2027-04-30"])
            == "Due date: 31 March 2027 → 30 April 2027")
    assert words.history_change("status", ["not_started", "in_progress"]) == \
        "Status: not started → in progress"
    assert words.history_change("owner_user_id", [3, 4]) == "Owner changed"


def test_the_national_label_sits_beside_young_peoples_words():
    assert words.with_national("Not good", "Poor") == "Not good (national: Poor)"
    assert words.with_national("Good", "Good") == "Good"


def test_date_hints_agree_with_what_the_date_box_takes():
    assert words.parse_day("2027-03-31") == date(2027, 3, 31)      # the picker sends this
    assert words.parse_day("31/03/2027") == date(2027, 3, 31)      # the hint shows this
    assert words.parse_day(" ") is None
    with pytest.raises(ValueError, match="31/03/2027"):
        words.parse_day("31 3 2027x")
    assert "31/03/2027" in words.DATE_HINT and "31/03/2027" in words.DATE_ERROR
    example = words.DATE_HINT.removeprefix("For example ").rstrip(".")
    assert words.parse_day(example) == date(2027, 3, 31)


def test_every_date_box_hint_and_message_agree(app):
    from inspectors.forms import LocalDateField  # noqa: F401  (imports: the forms build)
    from surveys.forms import DayField
    from voice.loop.forms import CommitmentForm

    with app.test_request_context():
        form = CommitmentForm(meta={"csrf": False})
        assert form.due_date.description == words.DATE_HINT
        day = DayField().bind(form, "day")
        day.process_formdata(["31/03/2027"])
        assert day.data == date(2027, 3, 31)


def test_the_written_summary_keeps_a_services_capitals_and_counts_one_commitment():
    doc = {"period": {"label": "December 2026"}, "comparison": None,
           "scope": {"description": "Young People's Sexual Health Clinic",
                     "labels": {"service": "Young People's Sexual Health Clinic"}},
           "facts": {"responses": 3, "cards": 1, "commitments": 1, "commitments_red": 0,
                     "commitments_overdue": 0},
           "tables": {}}
    text = write_summary(doc)
    assert "In December 2026, Young People's Sexual Health Clinic received" in text
    assert "Of 1 commitment made to young people, 0 are red" in text
    doc["scope"] = {"description": "The whole system", "labels": {}}
    assert "In December 2026, the whole system received" in write_summary(doc)


def test_signed_in_as_an_administrator(factory, login, client):
    login(factory.user(Role.ADMIN))
    assert "You are signed in as an administrator" in client.get("/home").get_data(as_text=True)


def test_csv_downloads_name_their_character_set_once(factory, login, client):
    login(factory.user(Role.COMMISSIONER))
    response = client.get("/summaries/export/themes.csv?period=quarter:2026-Q1")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_the_skip_logic_builder_shows_young_peoples_words_with_the_national_label(
        factory, login, client, session):
    from tests.support.surveys_factories import SurveyFactory

    login(factory.user(Role.PARTICIPATION))
    survey = SurveyFactory(session, factory).survey([{"kind": "fft", "text": "How was it?"}],
                                                    status="draft")
    page = client.get(f"/surveys/{survey.id}/questions/new?kind=long_text").get_data(as_text=True)
    assert "Not good (national: Poor)" in page and "Really bad (national: Very poor)" in page
    assert "Good</label>" in page                      # the same words: no label beside them
