"""The builder's page for one version of a survey (Welsh, Arabic, easy read …): a box for each
piece of the team's own wording, with the English original beside it (surveys/content.py).

The form is made for the survey's questions as they are now, so it has one box per question
text, hint and answer. Every box may be left empty: then young people see the English.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional

from surveys.content import (
    OPTION_LIMIT,
    QUESTION_FIELDS,
    SURVEY_FIELDS,
    split_key,
    version_name,
)
from surveys.models import Survey
from surveys.questions import CHOICE_KINDS, QuestionKind
from voice.i18n import LANGUAGES

_SURVEY_LABELS = {"title": "Title", "intro": "Short introduction",
                  "closed_message": "What to tell young people after it closes"}
_QUESTION_LABELS = {"text": "Question", "hint": "Hint"}


def _box(label: str, limit: int, english: str, writing: dict[str, str], *, long: bool = False):
    field = TextAreaField if long else StringField
    return field(label, validators=[Optional(), Length(
        max=limit, message=f"{label} must be {limit:,} characters or fewer")],
        description=f"English: {english}" if english else "",
        render_kw=writing)


def questions_in_order(survey: Survey) -> list:
    return sorted(survey.questions, key=lambda q: q.position)


def option_field(question_id: int, index: int) -> str:
    return f"q{question_id}_option_{index}"


def translation_form(survey: Survey, key: str):
    """A form with a box for each translatable piece of ``survey``, filled with the words
    already written for version ``key`` (on a POST, the words sent)."""

    class TranslationForm(FlaskForm):
        pass

    data: dict[str, str] = {}
    language = split_key(key)[0]
    # The boxes are written in the version's language (and direction: Arabic is right to left).
    writing = {"lang": language, "dir": LANGUAGES[language].direction}
    survey_words = (survey.translations or {}).get(key) or {}
    for field in SURVEY_FIELDS:
        setattr(TranslationForm, field, _box(_SURVEY_LABELS[field], SURVEY_FIELDS[field],
                                             getattr(survey, field) or "", writing,
                                             long=field != "title"))
        data[field] = survey_words.get(field, "")
    for question in questions_in_order(survey):
        words = (question.translations or {}).get(key) or {}
        for field in QUESTION_FIELDS:
            name = f"q{question.id}_{field}"
            setattr(TranslationForm, name, _box(_QUESTION_LABELS[field], QUESTION_FIELDS[field],
                                                getattr(question, field) or "", writing))
            data[name] = words.get(field, "")
        if QuestionKind(question.kind) in CHOICE_KINDS:
            labels = words.get("options") or {}
            for index, option in enumerate(question.options):
                name = option_field(question.id, index)
                setattr(TranslationForm, name, _box(f"Words for “{option['label']}”",
                                                    OPTION_LIMIT, "", writing))
                data[name] = labels.get(option["value"], "")
    form = TranslationForm(data=data)  # on a POST, what was sent
    form.version_name = version_name(key)
    return form


def words_from(form, survey: Survey) -> tuple[dict[str, str], dict[int, dict[str, Any]]]:
    """(the survey's words, each question's words) as sent, for
    :func:`surveys.operations.update_translations`."""
    survey_words = {field: form[field].data or "" for field in SURVEY_FIELDS}
    question_words: dict[int, dict[str, Any]] = {}
    for question in questions_in_order(survey):
        words: dict[str, Any] = {field: form[f"q{question.id}_{field}"].data or ""
                                 for field in QUESTION_FIELDS}
        if QuestionKind(question.kind) in CHOICE_KINDS:
            words["options"] = {option["value"]: form[option_field(question.id, index)].data
                                or "" for index, option in enumerate(question.options)}
        question_words[question.id] = words
    return survey_words, question_words


def written_count(survey: Survey, key: str) -> tuple[int, int]:
    """(pieces written, pieces there are) for version ``key``: shown on the survey's page."""
    written = total = 0
    words = (survey.translations or {}).get(key) or {}
    for field in SURVEY_FIELDS:
        if getattr(survey, field):
            total += 1
            written += bool(words.get(field))
    for question in survey.questions:
        words = (question.translations or {}).get(key) or {}
        for field in QUESTION_FIELDS:
            if getattr(question, field):
                total += 1
                written += bool(words.get(field))
        if QuestionKind(question.kind) in CHOICE_KINDS:
            labels = words.get("options") or {}
            total += len(question.options)
            written += sum(1 for o in question.options if labels.get(o["value"]))
    return written, total
