"""The analysis pages: who may see and do what, forms with messages beside the field, and
never a server error on bad input."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape

import pytest
from sqlalchemy import select

from tests.support.learning_factories import consistent_labels
from voice.learning import rules as rule_services
from voice.learning import training
from voice.learning.engine import current_rule_set, current_rules
from voice.learning.models import AnalysisCorrection, TrainingRun

NOW = datetime(2027, 3, 7, 3, 15, tzinfo=UTC)


def text_of(response) -> str:
    return unescape(response.get_data(as_text=True))


# ---- the overview ------------------------------------------------------------------------------

def test_the_overview_shows_the_model_in_use_and_the_retrain_button(client, login, people):
    login(people["officer"])
    html = text_of(client.get("/analysis/"))
    assert "The built-in model" in html and "Retrain now" in html
    assert "It has not been retrained yet" in html
    assert "docs/analysis.md" in html or "development figures" in html
    assert "Analysis" in html and 'aria-current="page"' in html


def test_commissioners_may_read_but_not_retrain(client, login, people, learning):
    learning.corrected("idk", "neutral", [])
    login(people["commissioner"])
    html = text_of(client.get("/analysis/"))
    assert "The built-in model" in html
    assert "Retrain now" not in html and "Latest corrections" not in html
    assert client.post("/analysis/retrain").status_code == 403
    rules = text_of(client.get("/analysis/rules"))
    assert "Waiting and getting seen" in rules and "Waiting times and access" in rules
    assert "/analysis/rules/waiting_and_access" not in rules


@pytest.mark.parametrize("role", ["provider", "lead", "inspector"])
def test_other_roles_may_not_see_the_analysis_pages(client, login, people, role):
    login(people[role])
    assert client.get("/analysis/").status_code == 403
    assert client.get("/analysis/rules").status_code == 403


def test_retrain_now_with_too_few_corrections_says_how_many_are_needed(client, login, people,
                                                                       session):
    login(people["officer"])
    response = client.post("/analysis/retrain")
    assert response.status_code == 302
    html = text_of(client.get("/analysis/"))
    assert "Not enough corrections yet (0 of 50)" in html
    assert session.scalar(select(TrainingRun)).actor_id == people["officer"].id
    # Pressed again: nothing new is recorded, and the page says so.
    client.post("/analysis/retrain")
    assert "Nothing has changed since the last training run" in text_of(client.get("/analysis/"))
    assert len(session.scalars(select(TrainingRun)).all()) == 1


def test_after_retraining_the_page_shows_the_new_models_scores(client, login, people, learning,
                                                               session, app):
    learning.teach(consistent_labels(), actor=people["officer"])
    app.config["ANALYSIS_MIN_CORRECTIONS"] = 30
    try:
        login(people["officer"])
        client.post("/analysis/retrain")
    finally:
        app.config.pop("ANALYSIS_MIN_CORRECTIONS", None)
    html = text_of(client.get("/analysis/"))
    assert "Trained on your team's corrections" in html
    assert "Replaced the model in use" in html
    assert "Environment, location and travel" in html  # per-theme scores use theme names
    assert "Average over labels (macro F1)" in html


# ---- rules -------------------------------------------------------------------------------------

def test_the_rules_page_lists_every_theme_with_both_names(client, login, people):
    login(people["officer"])
    html = text_of(client.get("/analysis/rules"))
    for young, commissioners in (("Telling my story again", "Joined-up care and continuity"),
                                 ("Saying thank you", "Compliments and praise")):
        assert young in html and commissioners in html
    assert "/analysis/rules/praise" in html


def test_trying_words_shows_the_themes_found(client, login, people):
    login(people["officer"])
    html = text_of(client.get("/analysis/rules?text=the+waiting+list+was+far+too+long"))
    assert "Themes found:" in html and "Waiting times and access" in html
    html = text_of(client.get("/analysis/rules?text=" + "x" * 2001))
    assert "Try 2,000 characters or fewer" in html and "Themes found" not in html


def test_editing_a_themes_words(client, login, people, session):
    login(people["officer"])
    form = text_of(client.get("/analysis/rules/place_and_travel"))
    assert "Change the words for “The place and getting there”" in form
    assert "Environment, location and travel" in form
    response = client.post("/analysis/rules/place_and_travel", data={
        "patterns": "bus\nthe hub\nyouth centre*", "exclude": "", "note": "Our youth hub",
        "based_on": "0"})
    assert response.status_code == 302
    assert current_rule_set(session).version == 1
    assert "Saved the words for “The place and getting there” as version 1" in \
        text_of(client.get("/analysis/rules"))


def test_a_bad_pattern_gets_a_message_beside_the_field_and_keeps_what_was_typed(client, login,
                                                                                people, session):
    login(people["officer"])
    response = client.post("/analysis/rules/place_and_travel", data={
        "patterns": "bus\n(the|hub)", "exclude": "", "based_on": "0"})
    html = text_of(response)
    assert response.status_code == 200
    assert html.count("“(the|hub)” cannot be used") == 2  # in the summary and beside the field
    assert 'href="#patterns"' in html and 'id="patterns-error"' in html
    assert "<title>Error:" in html and "bus\n(the|hub)" in html
    assert current_rule_set(session) is None


def test_empty_words_are_refused(client, login, people):
    login(people["officer"])
    html = text_of(client.post("/analysis/rules/praise", data={"patterns": "", "based_on": "0"}))
    assert "Enter at least one word or phrase" in html


def test_someone_elses_change_is_shown_not_lost(client, login, people, session):
    rule_services.save_theme_rules(session, people["admin"], "praise", patterns="thanks\nlegend")
    login(people["officer"])
    html = text_of(client.post("/analysis/rules/praise", data={"patterns": "cheers",
                                                               "based_on": "0"}))
    assert "Someone else changed the words" in html and "The words in use now" in html
    assert 'name="based_on" type="hidden" value="1"' in html or 'value="1"' in html
    assert rule_services.theme_rules(current_rules(session), "praise")[0] == ("thanks", "legend")


def test_going_back_to_the_built_in_words(client, login, people, session):
    rule_services.save_theme_rules(session, people["admin"], "praise", patterns="thanks")
    login(people["officer"])
    client.post("/analysis/rules/praise", data={"action": "builtin", "patterns": ""})
    assert rule_services.theme_rules(current_rules(session), "praise") == \
        rule_services.theme_rules(rule_services.rules_of(None), "praise")


def test_going_back_to_an_earlier_version(client, login, people, session):
    rule_services.save_theme_rules(session, people["admin"], "praise", patterns="thanks")
    rule_services.save_theme_rules(session, people["admin"], "praise", patterns="cheers")
    login(people["officer"])
    assert client.post("/analysis/rules/versions/1/restore").status_code == 302
    assert current_rule_set(session).version == 3
    assert "Went back to version 1: saved as version 3" in text_of(client.get("/analysis/rules"))
    assert client.post("/analysis/rules/versions/42/restore").status_code == 404


def test_an_unknown_theme_is_a_404(client, login, people):
    login(people["officer"])
    assert client.get("/analysis/rules/not_a_theme").status_code == 404


# ---- correcting an item ------------------------------------------------------------------------

def test_the_moderation_page_links_to_the_correction_form(client, login, people, learning):
    item = learning.item("idk", service=people["service"])
    login(people["officer"])
    html = text_of(client.get(f"/moderation/items/{item.id}"))
    assert f"/analysis/items/{item.id}/correct" in html


def test_the_correction_form_starts_from_the_analysis(client, login, people, learning):
    item = learning.item("the waiting list was far too long", service=people["service"])
    login(people["officer"])
    html = text_of(client.get(f"/analysis/items/{item.id}/correct"))
    assert re.search(r'value="waiting_and_access" checked', html)
    assert re.search(rf'value="{item.sentiment}" checked', html)
    assert "Waiting and getting seen (Waiting times and access)" in html


def test_saving_a_correction(client, login, people, learning, session):
    item = learning.item("don't change my worker without telling me", service=people["service"],
                         question_kind="could_improve")
    login(people["officer"])
    response = client.post(f"/analysis/items/{item.id}/correct", data={
        "themes": ["communication", "joined_up_care"], "sentiment": "negative",
        "note": "About changing workers"})
    assert response.status_code == 302 and response.location.endswith(f"/moderation/items/{item.id}")
    correction = session.scalar(select(AnalysisCorrection))
    assert correction.themes == ["communication", "joined_up_care"]
    assert correction.corrected_by_id == people["officer"].id
    assert "Correction saved" in text_of(client.get(f"/moderation/items/{item.id}"))
    html = text_of(client.get(f"/analysis/items/{item.id}/correct"))
    assert "Earlier corrections of this item" in html and "About changing workers" in html


def test_a_correction_without_a_sentiment_is_refused_beside_the_field(client, login, people,
                                                                      learning, session):
    item = learning.item("idk", service=people["service"])
    login(people["officer"])
    html = text_of(client.post(f"/analysis/items/{item.id}/correct",
                               data={"themes": ["praise"]}))
    assert "Choose whether what they said is positive, neutral or negative" in html
    assert 'id="sentiment-error"' in html and 'href="#sentiment"' in html
    assert re.search(r'value="praise" checked', html)  # what they ticked is kept
    assert session.scalar(select(AnalysisCorrection.id)) is None


@pytest.mark.parametrize("data", [
    {"themes": ["<script>alert(1)</script>"], "sentiment": "negative"},
    {"themes": ["praise"], "sentiment": "ecstatic"},
    {"themes": ["x" * 5000] * 50, "sentiment": ["positive", "negative"]},
    {"sentiment": "negative", "note": "x" * 600},
])
def test_tampered_corrections_get_clear_messages_never_a_500(client, login, people, learning,
                                                             data, session):
    item = learning.item("idk", service=people["service"])
    login(people["officer"])
    response = client.post(f"/analysis/items/{item.id}/correct", data=data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "There is a problem" in html and "<script>alert" not in html
    assert session.scalar(select(AnalysisCorrection.id)) is None


def test_a_missing_item_is_a_404(client, login, people):
    login(people["officer"])
    assert client.get("/analysis/items/999999/correct").status_code == 404


@pytest.mark.parametrize("role", ["commissioner", "provider", "lead", "inspector"])
def test_only_the_participation_team_may_correct(client, login, people, learning, role):
    item = learning.item("idk", service=people["service"])
    login(people[role])
    assert client.get(f"/analysis/items/{item.id}/correct").status_code == 403
    assert client.post(f"/analysis/items/{item.id}/correct",
                       data={"sentiment": "neutral"}).status_code == 403


def test_forms_need_their_csrf_token(csrf_app, client, login, people, learning, session):
    item = learning.item("idk", service=people["service"])
    csrf_app.config["WTF_CSRF_ENABLED"] = False  # sign in first
    login(people["officer"])
    csrf_app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/analysis/retrain").status_code == 400
    assert client.post(f"/analysis/items/{item.id}/correct",
                       data={"sentiment": "neutral"}).status_code == 400
    assert client.post("/analysis/rules/praise", data={"patterns": "x"}).status_code == 400
    assert session.scalar(select(TrainingRun.id)) is None


def test_training_history_lists_every_decision(client, login, people, session):
    training.retrain(session, None, NOW)
    login(people["admin"])
    html = text_of(client.get("/analysis/"))
    assert "Not enough corrections yet" in html and "The weekly scheduled job" in html


def test_the_built_in_models_development_figures_are_shown_when_it_carries_them(
        client, login, people, monkeypatch):
    from voice.analysis import Engine

    figures = {"sentiment": {"labels": {"positive": {"precision": 0.8, "recall": 0.7,
                                                     "f1": 0.7467, "support": 120}},
                             "macro_f1": 0.7467}}
    login(people["commissioner"])
    # The model shipped with Voice carries its own figures: the page shows them.
    html = text_of(client.get("/analysis/"))
    assert "the model never saw" in html and "5-fold cross-validation" in html
    monkeypatch.setitem(Engine.default().model.metadata, "development_figures", figures)
    html = text_of(client.get("/analysis/"))
    assert "on comments from an NHS trust the model never saw" in html and "0.75" in html
    assert "5-fold" not in html  # no same-source figures given, so no such table

    same = {"labels": {"positive": {"precision": 0.9, "recall": 0.95, "f1": 0.9243,
                                    "support": 300}}, "macro_f1": 0.9243}
    monkeypatch.setitem(Engine.default().model.metadata, "development_figures",
                        figures | {"sentiment_same_source": same, "note": "Measured on NHS data."})
    html = text_of(client.get("/analysis/"))
    assert "5-fold cross-validation" in html and "0.92" in html
    assert "Measured on NHS data." in html
    monkeypatch.setitem(Engine.default().model.metadata, "development_figures", {"odd": 1})
    assert "docs/analysis.md" in text_of(client.get("/analysis/"))
