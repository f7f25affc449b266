"""Words for people: the one place that turns codes, counts and dates into what Voice shows.

Pure functions (no Flask, no database), so any package may import them and tests call them
directly. Templates reach them as filters (registered in ``voice.templating``):
``number_of`` (``count``), ``with_article``, ``lower_first``, ``long_date``, ``answer_words``,
``question_kind_words``, ``rag_words``, ``history_change``.

Rules kept here:
- a count agrees with its noun: "1 commitment", "2 commitments" (thousands with commas);
- "a" or "an" by sound: "an 11-year-old", "an 8-year-old", "a 1-year-old", "an administrator",
  "a young inspector", "a user", "an hour";
- a name keeps its capitals inside a sentence ("Young People's Sexual Health Clinic"), and so
  do acronyms ("disability or SEND"); only an ordinary first word is lowered;
- a code is never shown to a person: ``prefer_not`` is "Prefer not to say", a free-text
  question about ``nonspecific`` asks about "anything they want to tell us", a commitment's
  colour ``none`` is "no colour yet";
- dates read "7 December 2026".
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

#: Words that are always written in capitals, wherever they fall in a sentence.
ACRONYMS = frozenset({"SEND", "SEN", "NHS", "CAMHS", "FFT", "ADHD", "QR", "RAG", "GP", "LGBTQ+",
                      "CSV", "PDF", "API", "ICB", "A&E", "UK", "ID"})

# ---- counts and articles ----------------------------------------------------------------------


def plural(n: int | float, singular: str, plural_form: str | None = None) -> str:
    """The noun that agrees with ``n``: ``plural(1, "commitment")`` is "commitment"."""
    return singular if n == 1 else (plural_form or _plural(singular))


def _plural(word: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def count(n: int | float | None, singular: str, plural_form: str | None = None) -> str:
    """"1 commitment", "1,234 commitments", "0 commitments"."""
    n = n or 0
    number = f"{n:,}" if isinstance(n, int) else f"{n:,g}"
    return f"{number} {plural(n, singular, plural_form)}"


# Sounds, not letters: numbers said with a vowel sound, and words whose spelling misleads.
_AN_NUMBER = re.compile(r"^(8|11|18|8\d|8\d\d|8,\d\d\d|11\d\d|18\d\d)(\D|$)")
_A_WORDS = re.compile(r"^(uni|use|usu|uti|eu|one|once|ewe|u[bcfkmrst]?[aeiou]\w)", re.I)
_AN_WORDS = re.compile(r"^(hour|honest|honou?r|heir)", re.I)
_SAID_AS_WORDS = frozenset({"SEND", "CAMHS"})


def article(phrase: str) -> str:
    """"a" or "an" for the phrase, by how it is said."""
    text = phrase.strip().lstrip("“\"'(")
    if not text:
        return "a"
    if text[0].isdigit():
        return "an" if _AN_NUMBER.match(text) else "a"
    first = re.split(r"[\s\-]", text, maxsplit=1)[0]
    if first.isupper() and len(first) > 1 and first not in _SAID_AS_WORDS:
        return "an" if first[0] in "AEFHILMNORSX" else "a"   # said letter by letter: "an NHS"
    if _AN_WORDS.match(text):
        return "an"
    if _A_WORDS.match(text):
        return "a"
    return "an" if text[0].lower() in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """"an 11-year-old", "an administrator", "a young inspector"."""
    return f"{article(phrase)} {phrase}"


# ---- capitals -----------------------------------------------------------------------------------


def _is_acronym(word: str) -> bool:
    bare = word.strip("()[]“”\"',.:;")
    return len(bare) > 1 and bare.isupper()


def lower_first(text: str, *, name: bool = False) -> str:
    """The text as it reads inside a sentence: an ordinary first word is lowered ("Services
    for care leavers" → "services for care leavers"); a name (``name=True``), an acronym or a
    word with capitals inside it keeps them ("Disability or SEND" → "disability or SEND")."""
    if name or not text:
        return text
    first = text.split(" ", 1)[0]
    if _is_acronym(first) or not first[:1].isupper() or any(c.isupper() for c in first[1:]):
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """The text at the start of a sentence (the rest untouched, acronyms kept)."""
    return text[:1].upper() + text[1:] if text else text


def keep_acronyms(text: str) -> str:
    """Put acronyms that were lowered back into capitals: "disability or send" →
    "disability or SEND". For words built by lowering a label."""
    return re.sub(r"[A-Za-z&+]+", lambda m: m.group(0).upper()
                  if m.group(0).upper() in ACRONYMS and m.group(0).upper() not in {"ID", "UK"}
                  else m.group(0), text)


# ---- dates ----------------------------------------------------------------------------------------

#: The hint beside every date box. The box is the browser's date picker (``type="date"``),
#: which in British English shows the date as 31/03/2027, so the hint and the error say it
#: that way; without a picker, the same typed form is accepted (``parse_day``).
DATE_HINT = "For example 31/03/2027."
DATE_ERROR = "Enter a real date, for example 31/03/2027"
#: What a date box accepts: the picker sends year-month-day; a person typing (no picker)
#: writes day/month/year, as the hint shows.
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def parse_day(text: str | None) -> date | None:
    """A typed or picked date (see ``DATE_FORMATS``), or None when it is blank.
    Raises ValueError (with ``DATE_ERROR``) when it is not a real date."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(DATE_ERROR)


def long_date(value: date | datetime | str | None) -> str:
    """"7 December 2026" (a time, if any, is in London; an ISO string is read first)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value or " " in value \
                else date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = (value.astimezone(LONDON) if value.tzinfo else value).date()
    return f"{value.day} {value:%B %Y}"


# ---- codes --------------------------------------------------------------------------------------

#: What a free-text question asks about, as it reads after "asks about".
QUESTION_KIND_WORDS = {
    "what_good": "what was good",
    "could_improve": "what could be better",
    "nonspecific": "anything they want to tell us",
}


def question_kind_words(code: str | None) -> str:
    """Never the code: an unknown or empty kind reads like ``nonspecific``."""
    return QUESTION_KIND_WORDS.get(code or "nonspecific", QUESTION_KIND_WORDS["nonspecific"])


#: Answer codes shared by several questions, in the words young people were shown.
ANSWER_WORDS = {
    "prefer_not": "Prefer not to say",
    "not_answered": "Not answered",
    "dont_know": "Don't know",
    "not_sure": "Not sure",
    "yes": "Yes",
    "no": "No",
    "other": "Another answer",
}


def humanise(code: str) -> str:
    """A last resort for a code with no words yet: "not_started" → "Not started"."""
    text = str(code).replace("_", " ").strip()
    return upper_first(text.lower()) if text else ""


def answer_words(code: Any, label: str | None = None) -> str:
    """An answer as a person reads it: its own label if it has one, else shared words."""
    if label and label != code:
        return label
    if code is None or code == "":
        return ANSWER_WORDS["not_answered"]
    return ANSWER_WORDS.get(str(code), humanise(str(code)) if re.fullmatch(r"[a-z0-9_]+", str(code))
                            else str(code))


#: A commitment's colour (its RAG status) in words.
RAG_WORDS = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "assured": "Assured",
    "grey": "Grey",
    "none": "No colour yet",
}


def rag_words(code: str | None) -> str:
    return RAG_WORDS.get(code or "none", humanise(code or "none"))


#: What each recorded change is about, for history lists.
FIELD_WORDS = {
    "rag": "Colour",
    "status": "Status",
    "due_date": "Due date",
    "you_said": "You said",
    "we_will": "We will",
    "we_did": "We did",
    "cant_do_reason": "Reason it can't be done",
    "owner_organisation_id": "Owner organisation",
    "owner_user_id": "Owner",
    "is_public": "Shown on the public board",
    "assured": "Checked by",
    "reopened_by": "Re-opened by",
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][\d:.+\-Z]*)?$")


def history_value(field: str, value: Any, names: dict[str, str] | None = None) -> str:
    """One value in a history entry, in words (a date as "7 December 2026", a colour or a
    status in words, nothing as "not set")."""
    if value is None or value == "":
        return "no colour yet" if field == "rag" else "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if names and str(value) in names:
        return names[str(value)]
    if field == "rag":
        return rag_words(str(value)).lower()
    if isinstance(value, date | datetime) or (isinstance(value, str) and _DATE.match(value)):
        return long_date(value)
    text = str(value)
    if re.fullmatch(r"[a-z]+(_[a-z]+)+|[a-z]+", text) and field not in (
            "you_said", "we_will", "we_did", "cant_do_reason"):
        return humanise(text).lower()
    return text


def history_change(field: str, change: Any, names: dict[str, str] | None = None) -> str:
    """"Colour: no colour yet → amber", "Due date: 31 March 2027 → 30 April 2027"."""
    label = FIELD_WORDS.get(field, humanise(field))
    if isinstance(change, list | tuple) and len(change) == 2:
        before, after = (history_value(field, v, names) for v in change)
        if field.endswith("_id") and not names:
            return f"{label} changed"
        return f"{label}: {before} → {after}"
    return f"{label}: {history_value(field, change, names)}"


def with_national(young_words: str, national: str | None) -> str:
    """An answer as young people see it, with the national label beside it when different:
    "Not good (national: Poor)"."""
    if not national or national == young_words:
        return young_words
    return f"{young_words} (national: {national})"
