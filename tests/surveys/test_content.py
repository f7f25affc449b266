"""A survey's own words in Welsh, Arabic and easy read (issue 15, point 2): stored and checked
through the builder, shown on the public page in its language (English where a translation is
empty), and answers merged across languages in results and exports (the stored answer is the
canonical value)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from sqlalchemy import select

from surveys import content, exports, operations, results
from surveys.models import Answer, SurveyResponse
from surveys.operations import SurveyError
from surveys.results import Filters, scope_for
from tests.support.fake_analysis import Analysis, fake_analyser
from tests.support.surveys_factories import q, token_from

WELSH_SURVEY = {"cy": {"title": "Sut oedd hi?", "intro": "Ychydig o gwestiynau."},
                "ar-easy": {"title": "كيف كانت زيارتك؟"}}
QUESTIONS = [
    {"kind": "single", "code": "colour", "text": "Which colour?", "hint": "Pick one.",
     "is_required": True, "option_lines": "Red\nBlue\nGreen",
     "translations": {"cy": {"text": "Pa liw?", "options": {"red": "Coch", "blue": "Glas"}},
                      "en-easy": {"text": "Which colour do you like?"}}},
    {"kind": "yes_no", "code": "listened", "text": "Did you feel listened to?"},
    {"kind": "long_text", "code": "better", "text": "What could be better?",
     "translations": {"cy": {"hint": "Ysgrifennwch yn eich geiriau eich hun."}}},
]


@pytest.fixture(autouse=True)
def analysis(monkeypatch):
    fake_analyser(monkeypatch, lambda text, question_kind=None: Analysis(redacted_text=text))


@pytest.fixture()
def officer(factory):
    return factory.user("participation_officer")


@pytest.fixture()
def link(surveys, factory):
    survey = surveys.survey(QUESTIONS, title="How was it?", intro="A few questions.",
                            translations=WELSH_SURVEY)
    return surveys.link(survey, service=factory.service("Westbridge Clinic"))


# ---- the fallback order ------------------------------------------------------------------------

def test_version_keys_fall_back_from_easy_read_to_the_language_then_english():
    assert content.version_keys("cy", True) == ["cy-easy", "cy"]
    assert content.version_keys("ar", False) == ["ar"]
    assert content.version_keys("en", True) == ["en-easy"]
    assert content.version_keys("en", False) == []


def test_localised_and_option_label_fall_back_to_the_english_original(link):
    survey = link.survey
    colour = q(survey, "colour")
    assert content.localised(survey, "title", language="cy", easy=False) == "Sut oedd hi?"
    assert content.localised(survey, "title", language="cy", easy=True) == "Sut oedd hi?"
    assert content.localised(survey, "title", language="ar", easy=False) == "How was it?"
    assert content.localised(survey, "title", language="ar", easy=True) == "كيف كانت زيارتك؟"
    assert content.localised(colour, "hint", language="cy", easy=False) == "Pick one."
    assert content.localised(colour, "text", language="en", easy=True) == \
        "Which colour do you like?"
    assert content.option_label(colour, "red", language="cy", easy=True) == "Coch"
    assert content.option_label(colour, "green", language="cy", easy=False) == "Green"
    assert content.option_label(colour, "red", language="en", easy=False) == "Red"


# ---- the public page ---------------------------------------------------------------------------

def test_the_welsh_page_shows_welsh_words_and_english_where_none_was_written(client, link):
    html = client.get(f"/s/{link.token}?lang=cy").get_data(as_text=True)
    assert "<h1>Sut oedd hi?</h1>" in html and "Ychydig o gwestiynau." in html
    assert "Pa liw?" in html and "Coch" in html and "Glas" in html
    assert "Green" in html          # no Welsh written for it: the English label
    assert "Pick one." in html      # no Welsh hint: the English one
    assert "Did you feel listened to?" in html
    assert "Ysgrifennwch yn eich geiriau eich hun." in html
    assert "Which colour?" not in html and ">Red<" not in html


def test_the_english_page_is_unchanged_and_easy_read_uses_its_own_words(client, link):
    html = client.get(f"/s/{link.token}").get_data(as_text=True)
    assert "<h1>How was it?</h1>" in html and "Which colour?" in html and "Red" in html
    easy = client.get(f"/s/{link.token}?read=easy").get_data(as_text=True)
    assert "Which colour do you like?" in easy


def test_a_closed_survey_says_its_closed_message_in_welsh(client, surveys, session, factory):
    survey = surveys.survey(QUESTIONS, status="closed", closed_message="Results in May.",
                            translations={"cy": {"closed_message": "Canlyniadau ym mis Mai."}})
    link = surveys.link(survey)
    assert "Canlyniadau ym mis Mai." in client.get(f"/s/{link.token}?lang=cy").get_data(
        as_text=True)
    assert "Results in May." in client.get(f"/s/{link.token}").get_data(as_text=True)


def _answer(client, link, lang_args: str, colour: str):
    token = token_from(client.get(f"/s/{link.token}{lang_args}").get_data(as_text=True))
    response = client.post(f"/s/{link.token}{lang_args}", data={
        "form_token": token, "step": "0", "action": "send",
        f"q{q(link.survey, 'colour').id}": colour,
        f"q{q(link.survey, 'listened').id}": "yes"})
    assert response.status_code == 303, response.get_data(as_text=True)


def test_welsh_answers_are_stored_canonical_and_count_with_english_ones(client, session,
                                                                       factory, link):
    _answer(client, link, "?lang=cy", "red")
    _answer(client, link, "", "red")
    _answer(client, link, "?lang=ar&read=easy", "blue")
    colour = q(link.survey, "colour")
    stored = session.scalars(select(Answer.value).where(Answer.question_id == colour.id)).all()
    assert sorted(stored) == ["blue", "red", "red"]
    languages = session.scalars(select(SurveyResponse.language)
                                .where(SurveyResponse.survey_id == link.survey.id)).all()
    assert sorted(languages) == ["ar-easy", "cy", "en"]

    officer = factory.user("participation_officer")
    scope = scope_for(session, officer, link.survey, Filters())
    result = next(r for r in results.question_results(session, scope)
                  if r.question.id == colour.id)
    counts = {o.value: o.count for o in result.options}
    assert counts["red"] == 2 and counts["blue"] == 1


def test_exports_merge_languages_and_say_which_one_each_response_used(client, session,
                                                                     factory, link):
    _answer(client, link, "?lang=cy", "red")
    _answer(client, link, "", "red")
    officer = factory.user("participation_officer")
    scope = scope_for(session, officer, link.survey, Filters())
    rows = list(csv.reader(io.StringIO(exports.to_csv(session, scope).decode("utf-8-sig"))))
    by_column = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [r["colour"] for r in by_column] == ["Red", "Red"]   # the English label, merged
    assert [r["language"] for r in by_column] == ["Welsh (Cymraeg)", "English"]

    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(session, scope)))
    sheet = list(book["Responses"].values)
    header = list(sheet[0])
    assert [row[header.index("colour")] for row in sheet[1:]] == ["Red", "Red"]
    assert [row[header.index("language")] for row in sheet[1:]] == ["Welsh (Cymraeg)",
                                                                     "English"]


# ---- the builder -------------------------------------------------------------------------------

def test_translations_are_cleaned_and_too_long_ones_refused(session, surveys, officer):
    survey = surveys.survey([], status="draft")
    question = operations.add_question(
        session, officer, survey, kind="single", text="Which colour?",
        option_lines="Red\nBlue",
        translations={"cy": {"text": "  Pa liw?  ", "hint": "", "options": {"red": "Coch",
                                                                          "gone": "Nope"}},
                      "ar": {"text": ""}, "fr": {"text": "Quelle couleur ?"}})
    # Empty ones dropped (English is shown), unknown versions and answers ignored.
    assert question.translations == {"cy": {"text": "Pa liw?", "options": {"red": "Coch"}}}
    with pytest.raises(SurveyError) as error:
        operations.update_question(session, officer, question,
                                   translations={"cy": {"text": "x" * 301}})
    assert error.value.field == "tr-cy-text" and "Welsh" in error.value.message
    with pytest.raises(SurveyError) as error:
        operations.update_survey(session, officer, survey,
                                 translations={"ar-easy": {"intro": "x" * 601}})
    assert error.value.field == "tr-ar-easy-intro"


def test_removing_an_answer_drops_its_translations(session, surveys, officer):
    survey = surveys.survey([], status="draft")
    question = operations.add_question(
        session, officer, survey, kind="single", text="Which colour?",
        option_lines="Red\nBlue", translations={"cy": {"options": {"red": "Coch",
                                                                  "blue": "Glas"}}})
    operations.update_question(session, officer, question, option_lines="Red\nGreen")
    assert question.translations == {"cy": {"options": {"red": "Coch"}}}


def test_copying_a_survey_or_template_keeps_its_translations(session, surveys, officer, link):
    copy = operations.copy_survey(session, officer, link.survey)
    assert copy.translations == WELSH_SURVEY
    assert q(copy, "colour").translations == q(link.survey, "colour").translations
    # A deep copy: changing the copy leaves the original alone.
    q(copy, "colour").translations["cy"]["text"] = "Newid"
    assert q(link.survey, "colour").translations["cy"]["text"] == "Pa liw?"


def test_a_template_s_translations_are_copied_into_the_survey(session, officer, monkeypatch):
    from surveys import builtin_templates

    template = {"key": "tr_test", "title": "Colours", "intro": "", "min_age": 5,
                "max_age": 25, "layout": "one_page",
                "translations": {"cy": {"title": "Lliwiau"}},
                "questions": [{"kind": "yes_no", "code": "liked", "text": "Did you like it?",
                               "translations": {"cy": {"text": "Oeddech chi'n ei hoffi?",
                                                       "options": {"yes": "Oeddwn"}}}}]}
    monkeypatch.setattr(builtin_templates, "BUILTIN_TEMPLATES", [template])
    [installed] = operations.install_builtin_templates(session)
    survey = operations.start_from_template(session, officer, installed)
    assert survey.translations == {"cy": {"title": "Lliwiau"}}
    assert q(survey, "liked").translations == {
        "cy": {"text": "Oeddech chi'n ei hoffi?", "options": {"yes": "Oeddwn"}}}
    # Versions written after a template was installed reach it on the next install; versions
    # it has already are kept (a team may have changed them).
    installed.translations = {"cy": {"title": "Lliwiau'r tîm"}}
    template["translations"] = {"cy": {"title": "Lliwiau newydd"}, "ar": {"title": "ألوان"}}
    template["questions"][0]["translations"]["en-easy"] = {"text": "Did you like it?"}
    operations.install_builtin_templates(session)
    assert installed.translations == {"cy": {"title": "Lliwiau'r tîm"}, "ar": {"title": "ألوان"}}
    assert q(installed, "liked").translations["en-easy"] == {"text": "Did you like it?"}


# ---- the builder's pages -----------------------------------------------------------------------

@pytest.fixture()
def signed_in(officer, login):
    login(officer)
    return officer


def test_the_welsh_page_of_the_builder_stores_what_is_written(client, session, signed_in, link):
    survey = link.survey
    colour, listened = q(survey, "colour"), q(survey, "listened")
    show = client.get(f"/surveys/{survey.id}").get_data(as_text=True)
    assert f"/surveys/{survey.id}/translations/cy" in show and "Welsh (Cymraeg)" in show
    page = client.get(f"/surveys/{survey.id}/translations/cy").get_data(as_text=True)
    assert 'value="Sut oedd hi?"' in page and 'value="Pa liw?"' in page
    assert "English: Which colour?" in page and 'lang="cy"' in page
    response = client.post(f"/surveys/{survey.id}/translations/cy", data={
        "title": "Sut oedd eich ymweliad?", "intro": "", "closed_message": "",
        f"q{colour.id}_text": "Pa liw?", f"q{colour.id}_hint": "",
        f"q{colour.id}_option_0": "Coch", f"q{colour.id}_option_1": "",
        f"q{colour.id}_option_2": "Gwyrdd",
        f"q{listened.id}_text": "Oeddech chi'n teimlo bod rhywun yn gwrando?",
        f"q{listened.id}_option_0": "Oeddwn"})
    assert response.status_code == 302
    session.expire_all()
    assert survey.translations["cy"] == {"title": "Sut oedd eich ymweliad?"}
    assert survey.translations["ar-easy"] == {"title": "كيف كانت زيارتك؟"}  # other versions kept
    assert colour.translations["cy"] == {"text": "Pa liw?",
                                         "options": {"red": "Coch", "green": "Gwyrdd"}}
    assert colour.translations["en-easy"] == {"text": "Which colour do you like?"}
    assert listened.translations["cy"]["options"] == {"yes": "Oeddwn"}
    # The public page shows the new words at once (the questions' version changed).
    html = client.get(f"/s/{link.token}?lang=cy").get_data(as_text=True)
    assert "Gwyrdd" in html and "Oeddwn" in html and "Glas" not in html


def test_the_builder_refuses_wording_that_is_too_long(client, session, signed_in, link):
    survey = link.survey
    colour = q(survey, "colour")
    response = client.post(f"/surveys/{survey.id}/translations/ar", data={
        "title": "x" * 161, f"q{colour.id}_text": "y" * 301})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in html
    assert "Title must be 160 characters or fewer" in html
    assert "Question must be 300 characters or fewer" in html
    session.expire_all()
    assert "ar" not in survey.translations


def test_an_unknown_version_is_not_found(client, signed_in, link):
    assert client.get(f"/surveys/{link.survey.id}/translations/fr").status_code == 404


def test_the_preview_shows_each_language(client, signed_in, link):
    survey = link.survey
    english = client.get(f"/surveys/{survey.id}/preview").get_data(as_text=True)
    assert "Which colour?" in english and '<html lang="en"' in english
    assert f"/surveys/{survey.id}/preview?lang=cy" in english   # the switch
    welsh = client.get(f"/surveys/{survey.id}/preview?lang=cy").get_data(as_text=True)
    assert "Pa liw?" in welsh and "Coch" in welsh and '<html lang="cy"' in welsh
    arabic = client.get(f"/surveys/{survey.id}/preview?lang=ar&read=easy").get_data(as_text=True)
    assert "كيف كانت زيارتك؟" in arabic and 'dir="rtl"' in arabic
    # Sending the Welsh preview shows the canonical answers, as stored.
    token = token_from(welsh)
    done = client.post(f"/surveys/{survey.id}/preview?lang=cy", data={
        "form_token": token, "step": "0", "action": "send",
        f"q{q(survey, 'colour').id}": "red"})
    done_html = done.get_data(as_text=True)
    assert done.status_code == 200 and "<dt>Pa liw?</dt>" in done_html and "Red" in done_html


def test_results_count_responses_by_language_and_hide_small_ones_from_others(
        client, session, factory, link, login):
    for _ in range(5):
        _answer(client, link, "?lang=cy", "red")
    _answer(client, link, "", "blue")
    officer = factory.user("participation_officer")
    rows = results.languages(session, scope_for(session, officer, link.survey, Filters()))
    assert [(r.name, r.shown) for r in rows] == [("Welsh (Cymraeg)", 5), ("English", 1)]
    commissioner = factory.user("commissioner")
    rows = results.languages(session, scope_for(session, commissioner, link.survey, Filters()))
    assert rows[1].shown != 1   # one English response: never shown as a number to others
    login(officer)
    html = client.get(f"/surveys/{link.survey.id}/results").get_data(as_text=True)
    assert "<h2>Languages</h2>" in html and "Welsh (Cymraeg)" in html
    welsh = session.scalar(select(SurveyResponse).where(SurveyResponse.language == "cy"))
    page = client.get(f"/surveys/{link.survey.id}/responses/{welsh.id}").get_data(as_text=True)
    assert "answered in Welsh (Cymraeg)" in page


# ---- the migration -----------------------------------------------------------------------------

def test_migration_0014_adds_and_removes_the_columns_and_keeps_sqlite_s_triggers(tmp_path):
    from sqlalchemy import inspect, text

    from voice.db import make_engine
    from voice.migrate import downgrade, upgrade

    url = f"sqlite:///{tmp_path / 'content.db'}"

    def state():
        engine = make_engine(url)
        inspector = inspect(engine)
        columns = {table: {c["name"] for c in inspector.get_columns(table)}
                   for table in ("surveys", "survey_questions", "survey_responses")}
        with engine.connect() as conn:
            triggers = set(conn.scalars(text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        engine.dispose()
        return columns, triggers

    upgrade(url, "0013")
    before, triggers_before = state()
    upgrade(url, "0014")
    after, triggers_after = state()
    assert "translations" in after["surveys"] and "translations" in after["survey_questions"]
    assert "language" in after["survey_responses"]
    assert triggers_after == triggers_before and triggers_before
    downgrade(url, "0013")
    assert state() == (before, triggers_before)


def test_the_ready_made_templates_come_in_welsh_and_arabic(session, officer, client, surveys,
                                                           factory):
    from surveys import builtin_templates

    for spec in builtin_templates.BUILTIN_TEMPLATES:
        for version in ("cy", "ar"):
            assert spec["translations"][version]["title"]
            for question in spec["questions"]:
                if question["kind"] != "about_age":   # Voice's own words: from the catalog
                    assert question["translations"][version]["text"], question["code"]
    templates = {t.template_key: t for t in operations.install_builtin_templates(session)}
    survey = operations.start_from_template(session, officer, templates["childrens_fft"])
    problem = q(survey, "main_problem")
    # Every answer of the Welsh and Arabic wording is a real answer of the question.
    for version in ("cy", "ar"):
        assert set(problem.translations[version]["options"]) == {
            o["value"] for o in problem.options}
    operations.open_survey(session, officer, survey)
    link = surveys.link(survey)
    html = client.get(f"/s/{link.token}?lang=cy").get_data(as_text=True)
    assert "Prawf Ffrindiau a Theulu i Blant" in html
    html = client.get(f"/s/{link.token}?lang=ar").get_data(as_text=True)
    assert "بشكل عام، كيف كان وقتك مع خدمتنا؟" in html
