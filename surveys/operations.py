"""Building surveys: create and change surveys and questions, reorder, open and close, copy,
templates, and the links (QR tokens) that share them. Plain functions; they flush, never commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from surveys import content
from surveys.content import TranslationProblem, clean_translations
from surveys.models import (
    Answer,
    Channel,
    Question,
    Survey,
    SurveyLayout,
    SurveyLink,
    SurveyResponse,
    SurveyStatus,
)
from surveys.questions import (
    ABOUT_DEFAULT_HINT,
    ABOUT_DEFAULT_TEXT,
    ABOUT_KINDS,
    CHOICE_KINDS,
    EDITABLE_OPTION_KINDS,
    MAX_OPTIONS,
    MAX_TEXT_LIMIT,
    REWORDABLE_KINDS,
    TEXT_KINDS,
    AsksAbout,
    QuestionKind,
    default_options,
    options_from_lines,
    slugify,
)
from surveys.tokens import new_link_token
from voice.audit.services import record
from voice.auth.models import User
from voice.auth.roles import MANAGERS
from voice.db import utcnow
from voice.directory.models import Area, Service
from voice.errors import InvalidState, NotAllowed, VoiceError
from voice.loop.models import VoiceItem, VoiceSource
from voice.loop.withdrawal import withdraw_items

log = logging.getLogger(__name__)


class SurveyError(VoiceError):
    """Something about a survey, question or link a person needs to fix. ``field`` names the
    form field the message belongs beside, when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def can_build(user: User | None) -> bool:
    return user is not None and user.role in MANAGERS


def _require_builder(actor: User | None) -> None:
    if actor is not None and not can_build(actor):
        raise NotAllowed("Only the participation team can build surveys")


def has_responses(session: Session, survey: Survey) -> bool:
    return bool(session.scalar(select(exists().where(SurveyResponse.survey_id == survey.id))))


def response_count(session: Session, survey: Survey) -> int:
    return session.scalar(select(func.count(SurveyResponse.id))
                          .where(SurveyResponse.survey_id == survey.id)) or 0


# ---- surveys ---------------------------------------------------------------------------------

SURVEY_FIELDS = ("title", "intro", "min_age", "max_age", "layout", "opens_on", "closes_on",
                 "closed_message", "translations")


def _survey_translations(raw: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The survey's own words in other versions, checked (surveys/content.py)."""
    return _checked_translations(raw, content.SURVEY_FIELDS)


def _question_translations(raw: dict[str, Any] | None, options: list[dict[str, str]]
                           ) -> dict[str, dict[str, Any]]:
    """A question's words in other versions, for the answers it has now."""
    return _checked_translations(raw, content.QUESTION_FIELDS,
                                 option_values=[o["value"] for o in options])


def _checked_translations(raw, fields, option_values=()) -> dict[str, dict[str, Any]]:
    try:
        return clean_translations(raw, fields, option_values=option_values)
    except TranslationProblem as problem:
        raise SurveyError(problem.message, problem.field) from problem


def _check_survey(session: Session, data: dict[str, Any]) -> None:
    title = (data.get("title") or "").strip()
    if not title:
        raise SurveyError("Enter a title", "title")
    if len(title) > 160:
        raise SurveyError("Title must be 160 characters or fewer", "title")
    if not 0 <= data["min_age"] <= data["max_age"] <= 25:
        raise SurveyError("Ages must be between 0 and 25, youngest first", "max_age")
    try:
        SurveyLayout(data["layout"])
    except ValueError as error:
        raise SurveyError("Choose how the questions are shown", "layout") from error
    opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
    if opens_on and closes_on and closes_on < opens_on:
        raise SurveyError("The closing date must be the same as or after the opening date",
                          "closes_on")


def _services(session: Session, service_ids: Iterable[int]) -> list[Service]:
    ids = set(service_ids)
    found = list(session.scalars(select(Service).where(Service.id.in_(ids)))) if ids else []
    if len(found) != len(ids):
        raise SurveyError("Choose services from the list", "service_ids")
    return found


def create_survey(session: Session, actor: User | None, *, title: str, intro: str = "",
                  min_age: int = 0, max_age: int = 25, layout: str = SurveyLayout.ONE_PAGE,
                  opens_on: date | None = None, closes_on: date | None = None,
                  closed_message: str = "", service_ids: Iterable[int] = (),
                  is_template: bool = False, template_key: str | None = None,
                  translations: dict[str, Any] | None = None) -> Survey:
    _require_builder(actor)
    data = {"title": title, "intro": intro, "min_age": min_age, "max_age": max_age,
            "layout": layout, "opens_on": opens_on, "closes_on": closes_on,
            "closed_message": closed_message}
    _check_survey(session, data)
    survey = Survey(title=title.strip(), intro=(intro or "").strip(), min_age=min_age,
                    max_age=max_age, layout=str(layout), opens_on=opens_on, closes_on=closes_on,
                    closed_message=(closed_message or "").strip(), is_template=is_template,
                    template_key=template_key, status=SurveyStatus.DRAFT,
                    created_by_id=actor.id if actor else None,
                    translations=_survey_translations(translations))
    survey.services = _services(session, service_ids)
    session.add(survey)
    session.flush()
    record(session, actor, "survey.created", target=survey, title=survey.title)
    return survey


def update_survey(session: Session, actor: User, survey: Survey, *,
                  service_ids: Iterable[int] | None = None, **data: Any) -> Survey:
    _require_builder(actor)
    values = {k: data[k] for k in SURVEY_FIELDS if k in data}
    for key in ("title", "intro", "closed_message"):
        if key in values:
            values[key] = (values[key] or "").strip()
    if "translations" in values:
        values["translations"] = _survey_translations(values["translations"])
    _check_survey(session, {k: getattr(survey, k) for k in SURVEY_FIELDS} | values)
    changes: dict[str, list[Any]] = {}
    for key, value in values.items():
        if getattr(survey, key) != value:
            changes[key] = [getattr(survey, key), value]
            setattr(survey, key, value)
    if service_ids is not None:
        services = _services(session, service_ids)
        linked = {link.service_id for link in survey.links}
        missing = linked - {s.id for s in services}
        if missing:
            names = sorted(link.service.name for link in survey.links if link.service_id in missing)
            raise SurveyError(f"{names[0]} has links to this survey, so it must stay in the list",
                              "service_ids")
        if {s.id for s in services} != {s.id for s in survey.services}:
            changes["services"] = [sorted(s.id for s in survey.services),
                                   sorted(s.id for s in services)]
            survey.services = services
    if changes:
        record(session, actor, "survey.updated", target=survey, changes=changes)
    return survey


def open_survey(session: Session, actor: User, survey: Survey) -> Survey:
    _require_builder(actor)
    was = survey.status
    survey.open(utcnow())
    record(session, actor, "survey.opened", target=survey, was=was)
    return survey


def close_survey(session: Session, actor: User, survey: Survey) -> Survey:
    _require_builder(actor)
    survey.close(utcnow())
    record(session, actor, "survey.closed", target=survey)
    return survey


def delete_survey(session: Session, actor: User, survey: Survey) -> None:
    """Only a survey nobody has answered can be deleted; close the others instead."""
    _require_builder(actor)
    if has_responses(session, survey):
        raise InvalidState("Young people have answered this survey, so it cannot be deleted. "
                           "Close it instead.")
    record(session, actor, "survey.deleted", target=survey, title=survey.title)
    for link in list(survey.links):
        session.delete(link)
    session.delete(survey)
    session.flush()


# ---- questions -------------------------------------------------------------------------------

def _unique_code(survey: Survey, wanted: str, exclude: Question | None = None) -> str:
    taken = {q.code for q in survey.questions if q is not exclude}
    code, n = wanted, 2
    while code in taken:
        suffix = f"_{n}"
        code = wanted[: 40 - len(suffix)] + suffix
        n += 1
    return code


def suggest_code(text: str, kind: str) -> str:
    kind = QuestionKind(kind)
    if kind is QuestionKind.FFT:
        return "fft"
    if kind in ABOUT_KINDS:
        return kind.value
    words = slugify(text, fallback="question").split("_")
    return "_".join(words[:5])[:30].rstrip("_") or "question"


def _answered(session: Session, question: Question) -> bool:
    return question.id is not None and bool(session.scalar(
        select(exists().where(Answer.question_id == question.id))))


def _answered_values(session: Session, question: Question) -> set[str]:
    return set(session.scalars(select(Answer.value).where(Answer.question_id == question.id)
                               .distinct()))


def _check_question(survey: Survey, question: Question | None, data: dict[str, Any]) -> None:
    kind = QuestionKind(data["kind"])
    text = data["text"]
    if not text:
        raise SurveyError("Enter the question", "text")
    if len(text) > 300:
        raise SurveyError("The question must be 300 characters or fewer", "text")
    if len(data["hint"]) > 500:
        raise SurveyError("The hint must be 500 characters or fewer", "hint")
    options = data["options"]
    if kind in EDITABLE_OPTION_KINDS:
        if len(options) < 2:
            raise SurveyError("Give at least 2 answers to choose from, one on each line", "options")
        if len(options) > MAX_OPTIONS:
            raise SurveyError(f"Give {MAX_OPTIONS} answers or fewer", "options")
        if any(len(o["label"]) > 200 for o in options):
            raise SurveyError("Each answer must be 200 characters or fewer", "options")
    if kind in REWORDABLE_KINDS:
        expected = [o["value"] for o in default_options(kind)]
        if [o["value"] for o in options] != expected or any(
                not o["label"] or len(o["label"]) > 60 for o in options):
            raise SurveyError("Give a word or two for every answer (60 characters or fewer)",
                              "options")
    if kind is QuestionKind.NUMBER:
        low, high = data["min_value"], data["max_value"]
        if low is not None and high is not None and low > high:
            raise SurveyError("The smallest number must not be bigger than the biggest",
                              "max_value")
    if kind in TEXT_KINDS and data["max_length"] is not None and not (
            1 <= data["max_length"] <= MAX_TEXT_LIMIT):
        raise SurveyError(f"The limit must be from 1 to {MAX_TEXT_LIMIT:,} characters",
                          "max_length")
    try:
        AsksAbout(data["asks_about"])
    except ValueError as error:
        raise SurveyError("Choose what the question asks about", "asks_about") from error
    code = data["code"]
    if not code or len(code) > 40 or slugify(code, fallback="") != code:
        raise SurveyError("Use lower-case letters, numbers and underscores for the column name "
                          "(40 or fewer)", "code")
    if any(q.code == code for q in survey.questions if q is not question):
        raise SurveyError("Another question already uses that column name", "code")
    _check_condition(survey, question, data)


def _check_condition(survey: Survey, question: Question | None, data: dict[str, Any]) -> None:
    source_id, values = data["show_if_question_id"], data["show_if_values"]
    if source_id is None:
        return
    source = next((q for q in survey.questions if q.id == source_id), None)
    if source is None or source is question:
        raise SurveyError("Choose an earlier question from this survey", "show_if")
    if question is not None and (source.position, source.id) >= (question.position, question.id):
        raise SurveyError("A question can only depend on a question that comes before it",
                          "show_if")
    if QuestionKind(source.kind) not in CHOICE_KINDS:
        raise SurveyError("A question can only depend on a question with answers to choose "
                          "from", "show_if")
    if not values:
        raise SurveyError("Choose at least one answer that shows this question", "show_if")
    allowed = {o["value"] for o in source.options}
    if any(v not in allowed for v in values):
        raise SurveyError("Choose answers from the list", "show_if")


def _question_data(survey: Survey, question: Question | None, fields: dict[str, Any]
                   ) -> dict[str, Any]:
    kind = QuestionKind(fields.get("kind") or (question.kind if question else ""))
    existing = list(question.options) if question is not None else []
    options = fields.get("options")
    if options is None and "option_lines" in fields:
        options = options_from_lines(fields["option_lines"] or "", existing)
    if options is None and "option_labels" in fields:
        base = existing or default_options(kind)
        labels = list(fields["option_labels"])
        options = [{"value": o["value"], "label": (labels[i] if i < len(labels) else "").strip()}
                   for i, o in enumerate(base)]
    if options is None:
        options = existing if question is not None and question.kind == kind else default_options(kind)
    if kind not in CHOICE_KINDS:
        options = []
    elif kind not in EDITABLE_OPTION_KINDS | REWORDABLE_KINDS:
        options = default_options(kind)  # fixed lists: yes / no, about you
    text = (fields.get("text") if fields.get("text") is not None
            else (question.text if question else ABOUT_DEFAULT_TEXT.get(kind, ""))).strip()
    hint = (fields.get("hint") if fields.get("hint") is not None
            else (question.hint if question else ABOUT_DEFAULT_HINT.get(kind, ""))).strip()
    show_if_question_id = fields.get("show_if_question_id",
                                     question.show_if_question_id if question else None)
    show_if_values = list(fields.get("show_if_values",
                                     question.show_if_values if question else []) or [])
    if show_if_question_id is None:
        show_if_values = []
    code = fields.get("code")
    if code is None or code == "":
        code = question.code if question else _unique_code(survey, suggest_code(text, kind))
    translations = _question_translations(
        fields.get("translations", question.translations if question is not None else {}),
        options)
    return {
        "kind": kind.value,
        "text": text,
        "hint": hint,
        # "About you" questions are never required.
        "is_required": bool(fields.get("is_required", question.is_required if question else False))
        and kind not in ABOUT_KINDS,
        "options": options,
        "asks_about": fields.get("asks_about") or (question.asks_about if question
                                                   else AsksAbout.NONSPECIFIC.value),
        "min_value": fields.get("min_value", question.min_value if question else None)
        if kind is QuestionKind.NUMBER else None,
        "max_value": fields.get("max_value", question.max_value if question else None)
        if kind is QuestionKind.NUMBER else None,
        "max_length": fields.get("max_length", question.max_length if question else None)
        if kind in TEXT_KINDS else None,
        "show_if_question_id": show_if_question_id,
        "show_if_values": show_if_values,
        "code": code.strip() if isinstance(code, str) else code,
        "translations": translations,
    }


def add_question(session: Session, actor: User | None, survey: Survey, **fields: Any) -> Question:
    """Add a question at the end. ``fields``: kind, text, hint, is_required, options (list) or
    option_lines ("one per line") or option_labels (rewording a fixed scale), asks_about,
    min_value, max_value, max_length, show_if_question_id, show_if_values, code, translations
    (by version key, see surveys/content.py)."""
    _require_builder(actor)
    if survey.is_closed:
        raise InvalidState("This survey is closed. Reopen it to change its questions.")
    try:
        QuestionKind(fields.get("kind"))
    except ValueError as error:
        raise SurveyError("Choose a type of question", "kind") from error
    data = _question_data(survey, None, fields)
    _check_question(survey, None, data)
    position = max((q.position for q in survey.questions), default=0) + 1
    question = Question(survey_id=survey.id, position=position, **data)
    survey.questions.append(question)
    _questions_changed(survey)
    session.flush()
    record(session, actor, "survey.question_added", target=survey, question_id=question.id,
           kind=question.kind, text=question.text)
    return question


def update_question(session: Session, actor: User, question: Question, **fields: Any) -> Question:
    _require_builder(actor)
    survey = question.survey
    if survey.is_closed:
        raise InvalidState("This survey is closed. Reopen it to change its questions.")
    fields.pop("kind", None)  # the type of a question never changes: add a new one instead
    data = _question_data(survey, question, fields)
    _check_question(survey, question, data)
    if _answered(session, question) and QuestionKind(question.kind) in EDITABLE_OPTION_KINDS:
        kept = {o["value"] for o in data["options"]}
        lost = _answered_values(session, question) - kept
        if lost:
            labels = [o["label"] for o in question.options if o["value"] in lost] or sorted(lost)
            raise SurveyError(f"“{labels[0]}” already has answers, so it cannot be removed or "
                              "reworded. Add new answers instead.", "options")
    dependants = [q for q in survey.questions if q.show_if_question_id == question.id]
    allowed = {o["value"] for o in data["options"]}
    for dependant in dependants:
        if not set(dependant.show_if_values) <= allowed:
            raise SurveyError(f"“{dependant.text}” is shown for an answer you removed. "
                              "Change that question first.", "options")
    changes = {}
    for key, value in data.items():
        if getattr(question, key) != value:
            changes[key] = [getattr(question, key), value]
            setattr(question, key, value)
    if changes:
        _questions_changed(survey)
        record(session, actor, "survey.question_changed", target=survey,
               question_id=question.id, changes=changes)
    session.flush()
    return question


def delete_question(session: Session, actor: User, question: Question) -> None:
    _require_builder(actor)
    survey = question.survey
    if _answered(session, question):
        raise InvalidState("Young people have answered this question, so it cannot be deleted")
    for other in survey.questions:
        if other.show_if_question_id == question.id:
            other.show_if_question_id = None
            other.show_if_values = []
    record(session, actor, "survey.question_deleted", target=survey, question_id=question.id,
           text=question.text)
    survey.questions.remove(question)
    _questions_changed(survey)
    session.flush()
    _renumber(survey)


def update_translations(session: Session, actor: User, survey: Survey, key: str, *,
                        survey_words: dict[str, str],
                        question_words: dict[int, dict[str, Any]]) -> Survey:
    """Replace the wording of one version (``"cy"``, ``"en-easy"``, …) of the survey and its
    questions (surveys/content.py). Empty boxes are dropped, so young people see the English.
    Allowed whatever the survey's state: only words change, never what answers are stored."""
    _require_builder(actor)
    if key not in content.all_version_keys():
        raise SurveyError("Choose a language or easy-read version from the list")
    changed: list[Any] = []
    wanted = _survey_translations((survey.translations or {}) | {key: survey_words})
    if wanted != (survey.translations or {}):
        survey.translations = wanted
        changed.append("survey")
    for question in survey.questions:
        if question.id not in question_words:
            continue
        wanted = _question_translations(
            (question.translations or {}) | {key: question_words[question.id]}, question.options)
        if wanted != (question.translations or {}):
            question.translations = wanted
            changed.append(question.id)
    if any(part != "survey" for part in changed):
        _questions_changed(survey)
    if changed:
        record(session, actor, "survey.translations_changed", target=survey, version=key,
               changed=changed)
    session.flush()
    return survey


def _questions_changed(survey: Survey) -> None:
    survey.questions_version = (survey.questions_version or 1) + 1


def _renumber(survey: Survey) -> None:
    for index, question in enumerate(sorted(survey.questions, key=lambda q: q.position), 1):
        question.position = index


def move_question(session: Session, actor: User, question: Question, direction: str) -> None:
    """Move a question one place up or down, keeping skip logic in order."""
    _require_builder(actor)
    survey = question.survey
    ordered = sorted(survey.questions, key=lambda q: q.position)
    index = ordered.index(question)
    other_index = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other_index < len(ordered):
        return
    earlier, later = ordered[min(index, other_index)], ordered[max(index, other_index)]
    # After the swap ``later`` comes first: it must not depend on ``earlier``.
    if later.show_if_question_id == earlier.id:
        raise SurveyError(f"“{later.text}” depends on the answer to “{earlier.text}”, so it "
                          "must stay after it")
    ordered[index], ordered[other_index] = ordered[other_index], ordered[index]
    for position, q in enumerate(ordered, 1):
        q.position = position
    _questions_changed(survey)
    record(session, actor, "survey.question_moved", target=survey, question_id=question.id,
           direction=direction)
    session.flush()


# ---- copying and templates ----------------------------------------------------------------------

QUESTION_COPY_FIELDS = ("position", "code", "kind", "text", "hint", "is_required", "options",
                        "asks_about", "min_value", "max_value", "max_length", "show_if_values",
                        "translations")


def copy_survey(session: Session, actor: User | None, source: Survey, *, title: str | None = None,
                as_template: bool = False, template_key: str | None = None) -> Survey:
    """A new draft with the same questions and skip logic (no links, no answers)."""
    _require_builder(actor)
    survey = Survey(
        title=(title or source.title).strip()[:160], intro=source.intro, min_age=source.min_age,
        max_age=source.max_age, layout=source.layout, closed_message=source.closed_message,
        translations=_copy_value(source.translations or {}), status=SurveyStatus.DRAFT, is_template=as_template, template_key=template_key,
        created_by_id=actor.id if actor else None,
    )
    survey.services = [] if as_template or source.is_template else list(source.services)
    session.add(survey)
    session.flush()
    mapping: dict[int, Question] = {}
    for old in sorted(source.questions, key=lambda q: q.position):
        new = Question(survey_id=survey.id,
                       **{k: _copy_value(getattr(old, k)) for k in QUESTION_COPY_FIELDS})
        survey.questions.append(new)
        mapping[old.id] = new
    session.flush()
    for old in source.questions:
        if old.show_if_question_id is not None and old.show_if_question_id in mapping:
            mapping[old.id].show_if_question_id = mapping[old.show_if_question_id].id
    session.flush()
    record(session, actor, "survey.copied", target=survey, source_id=source.id,
           title=survey.title)
    return survey


def _copy_value(value: Any) -> Any:
    """A deep copy of a JSON value, so the copy never shares a list or dict with its source."""
    if isinstance(value, list):
        return [_copy_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy_value(v) for k, v in value.items()}
    return value


def list_templates(session: Session) -> list[Survey]:
    return list(session.scalars(select(Survey).where(Survey.is_template.is_(True))
                                .order_by(Survey.title)))


def install_builtin_templates(session: Session) -> list[Survey]:
    """Create the ready-made templates that are missing (running it twice changes nothing)."""
    from surveys.builtin_templates import BUILTIN_TEMPLATES

    installed = {s.template_key: s for s in session.scalars(
        select(Survey).where(Survey.template_key.is_not(None)))}
    result = []
    for spec in BUILTIN_TEMPLATES:
        survey = installed.get(spec["key"])
        if survey is None:
            survey = create_survey(session, None, title=spec["title"], intro=spec["intro"],
                                   min_age=spec["min_age"], max_age=spec["max_age"],
                                   layout=spec["layout"], is_template=True,
                                   template_key=spec["key"],
                                   translations=spec.get("translations"))
            by_code: dict[str, Question] = {}
            for q in spec["questions"]:
                fields = dict(q)
                condition = fields.pop("show_if", None)
                if condition:
                    fields["show_if_question_id"] = by_code[condition[0]].id
                    fields["show_if_values"] = list(condition[1])
                question = add_question(session, None, survey, **fields)
                by_code[question.code] = question
        else:
            _refresh_template_translations(survey, spec)
        result.append(survey)
    return result


def _refresh_template_translations(template: Survey, spec: dict[str, Any]) -> None:
    """A built-in template installed before some of its versions (Welsh, easy read …) were
    written gets those versions now. Versions it already has are kept as they are: a team may
    have changed them."""
    def missing(have: dict[str, Any] | None, wanted: dict[str, Any]) -> dict[str, Any]:
        return {key: words for key, words in wanted.items() if key not in (have or {})}

    added = missing(template.translations, _survey_translations(spec.get("translations")))
    if added:
        template.translations = (template.translations or {}) | added
    by_code = {q.code: q for q in template.questions}
    changed = False
    for fields in spec["questions"]:
        question = by_code.get(fields["code"])
        if question is None:
            continue
        added = missing(question.translations,
                        _question_translations(fields.get("translations"), question.options))
        if added:
            question.translations = (question.translations or {}) | added
            changed = True
    if changed:
        _questions_changed(template)


def start_from_template(session: Session, actor: User, template: Survey,
                        title: str | None = None) -> Survey:
    if not template.is_template:
        raise SurveyError("Choose one of the templates")
    return copy_survey(session, actor, template, title=title or template.title)


# ---- links -----------------------------------------------------------------------------------

def create_link(session: Session, actor: User | None, survey: Survey, *, service_id: int,
                area_id: int, channel: str, note: str = "") -> SurveyLink:
    """One link (and QR code) per survey, service, place and channel."""
    _require_builder(actor)
    if survey.is_template:
        raise SurveyError("Templates have no links: make a survey from the template first")
    try:
        channel = Channel(channel).value
    except ValueError as error:
        raise SurveyError("Choose how the link will be shared", "channel") from error
    service = session.get(Service, service_id)
    if service is None or service.is_archived:
        raise SurveyError("Choose a service from the list", "service_id")
    if survey.services and service not in survey.services:
        raise SurveyError("Choose one of the services this survey is for", "service_id")
    area = session.get(Area, area_id)
    if area is None or area.is_archived:
        raise SurveyError("Choose a place from the list", "area_id")
    note = (note or "").strip()
    if len(note) > 120:
        raise SurveyError("The note must be 120 characters or fewer", "note")
    duplicate = session.scalar(select(SurveyLink).where(
        SurveyLink.survey_id == survey.id, SurveyLink.service_id == service.id,
        SurveyLink.area_id == area.id, SurveyLink.channel == channel))
    if duplicate is not None:
        raise SurveyError("There is already a link for this service, place and channel "
                          f"({duplicate.token})", "channel")
    token = new_link_token()
    while session.scalar(select(SurveyLink.id).where(SurveyLink.token == token)) is not None:
        token = new_link_token()
    link = SurveyLink(service_id=service.id, area_id=area.id, channel=channel, token=token,
                      note=note, created_by_id=actor.id if actor else None)
    survey.links.append(link)
    if service not in survey.services:
        survey.services.append(service)
    session.flush()
    record(session, actor, "survey.link_created", target=link, survey_id=survey.id,
           token=token, service=service.name, area=area.name, channel=channel)
    return link


def set_link_paused(session: Session, actor: User, link: SurveyLink, paused: bool) -> SurveyLink:
    _require_builder(actor)
    if link.is_paused != paused:
        link.is_paused = paused
        record(session, actor, "survey.link_paused" if paused else "survey.link_resumed",
               target=link, token=link.token)
    return link


def delete_link(session: Session, actor: User, link: SurveyLink) -> None:
    _require_builder(actor)
    if session.scalar(select(exists().where(SurveyResponse.link_id == link.id))):
        raise InvalidState("Young people have answered through this link, so it cannot be "
                           "deleted. Pause it instead.")
    record(session, actor, "survey.link_deleted", target=link, token=link.token)
    session.delete(link)
    session.flush()


# ---- responses -------------------------------------------------------------------------------

def delete_response(session: Session, actor: User, response: SurveyResponse, *, reason: str
                    ) -> list[str]:
    """Delete one response and its answers (for example a test, spam, or a young person's
    request made to staff), with an audit line. Its free-text words are deleted everywhere they
    were shown, exactly as when the young person deletes them with their receipt
    (:func:`voice.loop.withdrawal.withdraw_items`); words passed to a safeguarding lead stay
    with the lead only. Returns notes for the person doing it."""
    _require_builder(actor)
    reason = (reason or "").strip()
    if not reason:
        raise SurveyError("Say why you are deleting this response", "reason")
    if len(reason) > 500:
        raise SurveyError("The reason must be 500 characters or fewer", "reason")
    answer_ids = [a.id for a in response.answers]
    items = list(session.scalars(select(VoiceItem).where(
        VoiceItem.source == VoiceSource.ANSWER.value,
        VoiceItem.source_id.in_(answer_ids)))) if answer_ids else []
    record(session, actor, "survey.response_deleted", target=response,
           survey_id=response.survey_id, link_id=response.link_id,
           submitted_at=response.created_at.isoformat(), answers=len(answer_ids),
           voice_item_ids=[i.id for i in items], reason=reason)
    withdrawn = withdraw_items(session, items)
    notes: list[str] = []
    if withdrawn.kept_for_lead:
        notes.append("One answer was passed to the safeguarding lead; it stays with them."
                     if withdrawn.kept_for_lead == 1 else
                     f"{withdrawn.kept_for_lead} answers were passed to the safeguarding lead; "
                     "they stay with them.")
    session.delete(response)
    session.flush()
    return notes
