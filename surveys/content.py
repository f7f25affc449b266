"""A survey's own words in other languages and in easy read (issue 15, point 2).

Teams write a survey in English. In the builder they can add, for each *version* of the survey,
their own wording of the title, introduction, closed message, and of each question's text, hint
and answer labels. A version is keyed by a language code (``"cy"``, ``"ar"``) or an easy-read key
(``"en-easy"``, ``"cy-easy"``, ``"ar-easy"``). Stored in ``Survey.translations`` and
``Question.translations`` (JSON)::

    survey.translations == {"cy": {"title": "…", "intro": "…", "closed_message": "…"}}
    question.translations == {"cy": {"text": "…", "hint": "…", "options": {"yes": "Ydw"}}}

Anything left empty falls back (easy read in Welsh → Welsh → the English original), so a
half-translated survey still reads whole. Answers are always stored as the canonical option
value, whatever the language shown: results and exports merge every language by themselves.

Pure functions (no database); :func:`page_localised` and friends read the current request's
language (voice/i18n.py) and easy-read choice (voice/easy_read.py) for templates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import g

from voice.easy_read import is_easy_read
from voice.i18n import DEFAULT, LANGUAGES, current_language

EASY_SUFFIX = "-easy"

# What may be translated, and how long each may be (the same limits as the English fields).
SURVEY_FIELDS = {"title": 160, "intro": 600, "closed_message": 600}
QUESTION_FIELDS = {"text": 300, "hint": 500}
OPTION_LIMIT = 200

FIELD_NAMES = {"title": "title", "intro": "introduction", "closed_message": "closed message",
               "text": "question", "hint": "hint"}

# English names for staff (the builder is in English).
_LANGUAGE_NAMES = {"en": "English", "cy": "Welsh (Cymraeg)", "ar": "Arabic (العربية)"}


def version_keys(language: str, easy: bool) -> list[str]:
    """The translations to look in, best first; after them comes the English original.

    Easy read in Welsh: ``["cy-easy", "cy"]``; Welsh: ``["cy"]``; English easy read:
    ``["en-easy"]``; English: ``[]``.
    """
    if language == DEFAULT:
        return [f"{DEFAULT}{EASY_SUFFIX}"] if easy else []
    return [f"{language}{EASY_SUFFIX}", language] if easy else [language]


def version_key(language: str, easy: bool) -> str:
    """The one key naming a version: ``"en"``, ``"cy"``, ``"ar-easy"``, …"""
    return f"{language}{EASY_SUFFIX}" if easy else language


def all_version_keys() -> list[str]:
    """Every version a team can write besides the English original, in the builder's order:
    English easy read, then each other language Voice ships and its easy read."""
    keys = [f"{DEFAULT}{EASY_SUFFIX}"]
    for code in LANGUAGES:
        if code != DEFAULT:
            keys += [code, f"{code}{EASY_SUFFIX}"]
    return keys


def version_name(key: str | None) -> str:
    """A version key in plain English for staff: ``"Welsh (Cymraeg), easy read"``."""
    if not key:
        return "Not recorded"
    language, easy = split_key(key)
    name = _LANGUAGE_NAMES.get(language) or (LANGUAGES[language].name if language in LANGUAGES
                                             else language)
    return f"{name}, easy read" if easy else name


def split_key(key: str) -> tuple[str, bool]:
    """``"cy-easy"`` → ``("cy", True)``; ``"ar"`` → ``("ar", False)``."""
    if key.endswith(EASY_SUFFIX):
        return key[:-len(EASY_SUFFIX)], True
    return key, False


def _translations(obj: Any) -> Mapping[str, Any]:
    found = getattr(obj, "translations", None)
    return found if isinstance(found, Mapping) else {}


def localised(obj: Any, field: str, *, language: str, easy: bool) -> str:
    """``obj.<field>`` in the version asked for, falling back through :func:`version_keys` to
    the object's own (English) field. ``obj``: a Survey, a Question or a QuestionSpec."""
    translations = _translations(obj)
    for key in version_keys(language, easy):
        value = (translations.get(key) or {}).get(field)
        if isinstance(value, str) and value.strip():
            return value
    return getattr(obj, field, "") or ""


def option_label(question: Any, value: str, *, language: str, easy: bool,
                 default: str | None = None) -> str:
    """The words shown for one answer of a question, falling back to the English label (or
    ``default`` when given, e.g. a label from the page's catalog)."""
    translations = _translations(question)
    for key in version_keys(language, easy):
        options = (translations.get(key) or {}).get("options") or {}
        label = options.get(value) if isinstance(options, Mapping) else None
        if isinstance(label, str) and label.strip():
            return label
    if default is not None:
        return default
    for option in getattr(question, "options", None) or []:
        if option.get("value") == value:
            return option.get("label", value)
    return value


# ---- the current request -----------------------------------------------------------------------

_VERSION = "survey_content_version"


def page_version() -> tuple[str, bool]:
    """(language code, easy read?) of the page being shown: worked out once per request (a
    page asks for it a hundred times or more), or as :func:`show_version` set it."""
    version = g.get(_VERSION)
    if version is None:
        version = (current_language().code, is_easy_read())
        setattr(g, _VERSION, version)
    return version


def show_version(language: str, easy: bool) -> None:
    """Show this request's survey words in this version (the staff preview, which shows any
    language inside a staff page)."""
    setattr(g, _VERSION, (language, easy))


def page_localised(obj: Any, field: str) -> str:
    """:func:`localised` in the current page's language and easy-read choice (for templates:
    ``{{ localised(question, "text") }}``)."""
    from surveys.questions import in_page_language

    language, easy = page_version()
    shown = localised(obj, field, language=language, easy=easy)
    # Voice's own "About you" and FFT questions, left as Voice wrote them: from the catalog.
    kind = getattr(obj, "kind", None)
    return in_page_language(kind, field, shown) if kind else shown


def page_option_label(question: Any, value: str, default: str | None = None) -> str:
    language, easy = page_version()
    return option_label(question, value, language=language, easy=easy, default=default)


def page_version_key() -> str:
    """The version key of the page being shown (stored with a response)."""
    return version_key(*page_version())


# ---- checking what the builder sends ---------------------------------------------------------

class TranslationProblem(ValueError):
    """A translation that cannot be kept; ``field`` is the form field it came from."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def form_field(key: str, field: str, option_value: str | None = None) -> str:
    """The name of a translation box in the builder's forms: ``tr-cy-text``,
    ``tr-cy-option-<value>``."""
    if option_value is not None:
        return f"tr-{key}-option-{option_value}"
    return f"tr-{key}-{field}"


def _clean(value: Any) -> str:
    from surveys.questions import clean_text

    return clean_text(value) if isinstance(value, str) else ""


def clean_translations(raw: Mapping[str, Any] | None, fields: Mapping[str, int], *,
                       option_values: Iterable[str] = ()) -> dict[str, dict[str, Any]]:
    """Translations as they are stored: known version keys and fields only, text cleaned,
    empty ones dropped (then the English is shown). Raises :class:`TranslationProblem` for
    wording that is too long."""
    allowed_options = list(option_values)
    cleaned: dict[str, dict[str, Any]] = {}
    for key in all_version_keys():
        given = (raw or {}).get(key) or {}
        if not isinstance(given, Mapping):
            continue
        version: dict[str, Any] = {}
        for field, limit in fields.items():
            text = _clean(given.get(field))
            if len(text) > limit:
                raise TranslationProblem(
                    f"The {version_name(key)} {FIELD_NAMES.get(field, field)} must be "
                    f"{limit:,} characters or fewer", form_field(key, field))
            if text:
                version[field] = text
        options = given.get("options") or {}
        labels = {}
        for value in allowed_options:
            text = _clean(options.get(value)) if isinstance(options, Mapping) else ""
            if len(text) > OPTION_LIMIT:
                raise TranslationProblem(
                    f"Each {version_name(key)} answer must be {OPTION_LIMIT} characters or "
                    "fewer", form_field(key, "options", value))
            if text:
                labels[value] = text
        if labels:
            version["options"] = labels
        if version:
            cleaned[key] = version
    return cleaned


def translations_from_form(form: Mapping[str, Any], fields: Iterable[str], *,
                           option_values: Iterable[str] = ()) -> dict[str, dict[str, Any]]:
    """The raw translations a builder form sent (boxes named by :func:`form_field`)."""
    values = list(option_values)
    raw: dict[str, dict[str, Any]] = {}
    for key in all_version_keys():
        version: dict[str, Any] = {f: form.get(form_field(key, f), "") for f in fields}
        if values:
            version["options"] = {v: form.get(form_field(key, "options", v), "") for v in values}
        raw[key] = version
    return raw
