"""Question types: what each one offers, how its answers are stored, and how they are checked.

Pure Python (no Flask, no database), so every rule here is tested directly. The fixed scales
store canonical values whatever wording young people see: the Friends and Family Test always
stores the national six answers, so the figures can be reported nationally.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from flask_babel import gettext, ngettext

from voice import N_
from voice.ages import AGE_CHOICES, PREFER_NOT, PREFER_NOT_LABEL


class QuestionKind(StrEnum):
    SMILEY = "smiley"
    FFT = "fft"
    SINGLE = "single"
    MULTIPLE = "multiple"
    YES_NO = "yes_no"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    # "About you": optional, each with "prefer not to say".
    ABOUT_AGE = "about_age"
    ABOUT_GENDER = "about_gender"
    ABOUT_ETHNICITY = "about_ethnicity"
    ABOUT_DISABILITY = "about_disability"
    ABOUT_CARE = "about_care"
    ABOUT_CARER = "about_carer"


KIND_LABELS = {
    QuestionKind.SMILEY: "Smiley scale (1 to 5)",
    QuestionKind.FFT: "Friends and Family Test",
    QuestionKind.SINGLE: "Choose one",
    QuestionKind.MULTIPLE: "Choose any that apply",
    QuestionKind.YES_NO: "Yes / no / not sure",
    QuestionKind.SHORT_TEXT: "Short text",
    QuestionKind.LONG_TEXT: "Long text",
    QuestionKind.NUMBER: "Number",
    QuestionKind.ABOUT_AGE: "About you: age",
    QuestionKind.ABOUT_GENDER: "About you: gender, in their own words",
    QuestionKind.ABOUT_ETHNICITY: "About you: ethnic group",
    QuestionKind.ABOUT_DISABILITY: "About you: disability or SEND",
    QuestionKind.ABOUT_CARE: "About you: care experience",
    QuestionKind.ABOUT_CARER: "About you: young carer",
}

KIND_DESCRIPTIONS = {
    QuestionKind.SMILEY: "Five faces, each with a word. Stored as 1 (worst) to 5 (best).",
    QuestionKind.FFT: "The NHS question with its six national answers, in child-friendly words.",
    QuestionKind.SINGLE: "A list of answers; they pick one.",
    QuestionKind.MULTIPLE: "A list of answers; they tick any that apply.",
    QuestionKind.YES_NO: "Yes, no or not sure.",
    QuestionKind.SHORT_TEXT: "A line of their own words.",
    QuestionKind.LONG_TEXT: "A box for a few sentences in their own words.",
    QuestionKind.NUMBER: "A whole number, for example how many times they visited.",
    QuestionKind.ABOUT_AGE: "Age groups, with prefer not to say.",
    QuestionKind.ABOUT_GENDER: "Their own words, with prefer not to say.",
    QuestionKind.ABOUT_ETHNICITY: "The 2021 census ethnic groups, with prefer not to say.",
    QuestionKind.ABOUT_DISABILITY: "Yes, no, not sure or prefer not to say.",
    QuestionKind.ABOUT_CARE: "Yes, no, not sure or prefer not to say.",
    QuestionKind.ABOUT_CARER: "Yes, no, not sure or prefer not to say.",
}

CHOICE_KINDS = frozenset({QuestionKind.SMILEY, QuestionKind.FFT, QuestionKind.SINGLE,
                          QuestionKind.MULTIPLE, QuestionKind.YES_NO, QuestionKind.ABOUT_AGE,
                          QuestionKind.ABOUT_ETHNICITY, QuestionKind.ABOUT_DISABILITY,
                          QuestionKind.ABOUT_CARE, QuestionKind.ABOUT_CARER})
TEXT_KINDS = frozenset({QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT})
ABOUT_KINDS = frozenset({QuestionKind.ABOUT_AGE, QuestionKind.ABOUT_GENDER,
                         QuestionKind.ABOUT_ETHNICITY, QuestionKind.ABOUT_DISABILITY,
                         QuestionKind.ABOUT_CARE, QuestionKind.ABOUT_CARER})
# Options written by the participation team (the rest are fixed scales).
EDITABLE_OPTION_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})
# Fixed scales whose wording (not values) the team may change.
REWORDABLE_KINDS = frozenset({QuestionKind.SMILEY, QuestionKind.FFT})

# "Prefer not to say" is stored as voice.ages.PREFER_NOT for every "about you" question.


class AsksAbout(StrEnum):
    """What a free-text question asks, so analysis reads "Nothing." in context."""

    WHAT_GOOD = "what_good"
    COULD_IMPROVE = "could_improve"
    NONSPECIFIC = "nonspecific"


ASKS_ABOUT_LABELS = {
    AsksAbout.WHAT_GOOD: "What was good (for example “What did we do well?”)",
    AsksAbout.COULD_IMPROVE: "What could be better (for example “What could we do better?”)",
    AsksAbout.NONSPECIFIC: "Anything (for example “Is there anything else you want to tell us?”)",
}

# ---- fixed scales -----------------------------------------------------------------------------

# The national Friends and Family Test answers, in the national order.
FFT_NATIONAL = [
    ("very_good", "Very good"),
    ("good", "Good"),
    ("neither", "Neither good nor poor"),
    ("poor", "Poor"),
    ("very_poor", "Very poor"),
    ("dont_know", "Don't know"),
]
FFT_NATIONAL_LABELS = dict(FFT_NATIONAL)
FFT_POSITIVE = frozenset({"very_good", "good"})
FFT_NEGATIVE = frozenset({"poor", "very_poor"})
# What young people see by default; the stored value is always the national one.
# Voice's ready-made words (N_) are shown in the page's language: see ``in_page_language``.
FFT_CHILD_WORDS = {
    "very_good": N_("Really good"),
    "good": N_("Good"),
    "neither": N_("OK"),
    "poor": N_("Not good"),
    "very_poor": N_("Really bad"),
    "dont_know": N_("Don't know"),
}
FFT_DEFAULT_TEXT = N_("Overall, how was your experience of our service?")

SMILEY_WORDS = {"5": N_("Really good"), "4": N_("Good"), "3": N_("OK"), "2": N_("Not good"),
                "1": N_("Really bad")}
# Shown beside the word (hidden from screen readers: the word says it). Faces from the oldest
# emoji set (Unicode 6), so that old and cheap phones draw them too.
FACES = {"5": "😀", "4": "😊", "3": "😐", "2": "😟", "1": "😞",
         "very_good": "😀", "good": "😊", "neither": "😐", "poor": "😟", "very_poor": "😞",
         "dont_know": "❔"}

YES_NO = [("yes", N_("Yes")), ("no", N_("No")), ("not_sure", N_("Not sure"))]

# The five high-level ethnic groups of the 2021 census in England and Wales. Five groups (not
# the nineteen detailed ones) keep a phone page short and small groups harder to identify.
ETHNIC_GROUPS = [
    ("asian", N_("Asian or Asian British")),
    ("black", N_("Black, Black British, Caribbean or African")),
    ("mixed", N_("Mixed or multiple ethnic groups")),
    ("white", N_("White")),
    ("other", N_("Another ethnic group")),
]

ABOUT_DEFAULT_TEXT = {
    QuestionKind.ABOUT_AGE: N_("How old are you?"),
    QuestionKind.ABOUT_GENDER: N_("How would you describe your gender?"),
    QuestionKind.ABOUT_ETHNICITY: N_("What is your ethnic group?"),
    QuestionKind.ABOUT_DISABILITY: N_("Do you have a disability, or special educational needs "
                                      "(SEND)?"),
    QuestionKind.ABOUT_CARE: N_("Are you in care now, or have you been in care?"),
    QuestionKind.ABOUT_CARER: N_("Do you help look after someone at home who is ill, disabled, "
                                 "or has problems with drugs or alcohol?"),
}
ABOUT_DEFAULT_HINT = {
    QuestionKind.ABOUT_GENDER: N_("Use your own words."),
    QuestionKind.ABOUT_CARE: N_("For example living with foster carers, in a children's home, "
                                "or with family because of a court order."),
}
_YES_NO_PNS = YES_NO

DEFAULT_MAX_LENGTH = {QuestionKind.SHORT_TEXT: 200, QuestionKind.LONG_TEXT: 2000,
                      QuestionKind.ABOUT_GENDER: 100}
MAX_TEXT_LIMIT = 5000  # voice items keep at most this many characters
MAX_OPTIONS = 30
MAX_NUMBER = 1_000_000


def default_options(kind: QuestionKind | str) -> list[dict[str, str]]:
    """The options a new question of this kind starts with (empty for free text and numbers)."""
    kind = QuestionKind(kind)
    if kind is QuestionKind.FFT:
        return [{"value": v, "label": FFT_CHILD_WORDS[v]} for v, _ in FFT_NATIONAL]
    if kind is QuestionKind.SMILEY:
        return [{"value": v, "label": w} for v, w in SMILEY_WORDS.items()]
    if kind is QuestionKind.YES_NO:
        return [{"value": v, "label": w} for v, w in YES_NO]
    if kind is QuestionKind.ABOUT_AGE:
        # The bands every age question in Voice asks with (action cards too): voice.ages.
        return [{"value": v, "label": w} for v, w in AGE_CHOICES]
    if kind is QuestionKind.ABOUT_ETHNICITY:
        return _with_prefer_not(ETHNIC_GROUPS)
    if kind in (QuestionKind.ABOUT_DISABILITY, QuestionKind.ABOUT_CARE, QuestionKind.ABOUT_CARER):
        return _with_prefer_not(_YES_NO_PNS)
    return []


def _with_prefer_not(pairs) -> list[dict[str, str]]:
    return [{"value": v, "label": w} for v, w in pairs] + [{"value": PREFER_NOT,
                                                            "label": PREFER_NOT_LABEL}]


def _ready_made() -> dict[tuple[str, str], str]:
    """Voice's own wording of each fixed question, by (kind, what): ``"text"``, ``"hint"`` or
    ``"option:<value>"`` -> the English words."""
    words: dict[tuple[str, str], str] = {(QuestionKind.FFT, "text"): FFT_DEFAULT_TEXT}
    words |= {(kind, "text"): text for kind, text in ABOUT_DEFAULT_TEXT.items()}
    words |= {(kind, "hint"): hint for kind, hint in ABOUT_DEFAULT_HINT.items()}
    for kind in CHOICE_KINDS - EDITABLE_OPTION_KINDS:
        words |= {(kind, f"option:{o['value']}"): o["label"] for o in default_options(kind)}
    return words


READY_MADE = _ready_made()


def in_page_language(kind: str, what: str, shown: str) -> str:
    """Voice's ready-made words (the faces, yes / no / not sure, the FFT answers, age bands,
    ethnic groups, the "About you" questions) in the page's language, when they are shown as
    Voice wrote them; a team's own wording is left as it is. Only the words change: the
    answer stored is always the option's value. ``what``: as in :data:`READY_MADE`."""
    english = READY_MADE.get((kind, what))
    return gettext(english) if english is not None and shown == english else shown


def canonical_label(kind: str, value: str, options: list[dict[str, str]]) -> str:
    """The label for reports and exports: the national wording for the FFT, else the option's."""
    if kind == QuestionKind.FFT:
        return FFT_NATIONAL_LABELS.get(value, value)
    if value == PREFER_NOT:   # any question's "prefer not to say" box, never the code
        return PREFER_NOT_LABEL
    for option in options:
        if option["value"] == value:
            return option["label"]
    return value


# ---- text clean-up ------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Keep exactly what was typed (emoji, accents, right-to-left scripts) minus control
    characters PostgreSQL and spreadsheets cannot hold, and surrounding spaces."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value).strip()


def slugify(text: str, fallback: str = "option", max_length: int = 40) -> str:
    """A lower-case ASCII code for a label (used for option values and export column names)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return (slug[:max_length].rstrip("_") or fallback)


def options_from_lines(lines: str, existing: list[dict[str, str]] | None = None
                       ) -> list[dict[str, str]]:
    """Turn "one option per line" into options, keeping the values of labels that stay."""
    existing_by_label = {o["label"]: o["value"] for o in existing or []}
    # Values of removed options stay taken, so a new option never inherits old answers.
    taken = set(existing_by_label.values())
    options: list[dict[str, str]] = []
    for raw in lines.splitlines():
        label = clean_text(raw)
        if not label or any(o["label"] == label for o in options):
            continue
        value = existing_by_label.get(label)
        if value is None:
            base = value = slugify(label)
            n = 2
            while value in taken:
                value = f"{base}_{n}"
                n += 1
            taken.add(value)
        options.append({"value": value, "label": label})
    return options


# ---- answers: parse, check, store -------------------------------------------------------------

@dataclass
class QuestionSpec:
    """What answering needs to know about a question, without the database."""

    id: int
    kind: str
    text: str
    is_required: bool = False
    options: list[dict[str, str]] = field(default_factory=list)
    min_value: int | None = None
    max_value: int | None = None
    max_length: int | None = None
    show_if_question_id: int | None = None
    show_if_values: list[str] = field(default_factory=list)
    hint: str = ""
    position: int = 0
    asks_about: str = "nonspecific"
    # The team's wording in other languages and easy read (surveys/content.py).
    translations: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, question: Any) -> QuestionSpec:
        return cls(id=question.id, kind=question.kind, text=question.text,
                   is_required=question.is_required, options=list(question.options or []),
                   min_value=question.min_value, max_value=question.max_value,
                   max_length=question.max_length,
                   show_if_question_id=question.show_if_question_id,
                   show_if_values=list(question.show_if_values or []), hint=question.hint or "",
                   position=question.position, asks_about=question.asks_about or "nonspecific",
                   translations=dict(getattr(question, "translations", None) or {}))

    @property
    def field_name(self) -> str:
        return f"q{self.id}"

    @property
    def option_values(self) -> list[str]:
        return [o["value"] for o in self.options]

    @property
    def text_limit(self) -> int:
        return min(self.max_length or DEFAULT_MAX_LENGTH.get(QuestionKind(self.kind), 2000),
                   MAX_TEXT_LIMIT)

    @property
    def has_condition(self) -> bool:
        return self.show_if_question_id is not None and bool(self.show_if_values)


class Tampered(ValueError):
    """The form was not one we sent: a value that no option has, or a question not asked."""


def parse_raw(spec: QuestionSpec, form_values: list[str], prefer_not: bool = False) -> list[str]:
    """What the form sent for one question, cleaned but not yet checked against the rules.

    Raises :class:`Tampered` for values a real form cannot send (an option that does not exist,
    two answers to a choose-one question).
    """
    kind = QuestionKind(spec.kind)
    if kind is QuestionKind.ABOUT_GENDER:
        if prefer_not:
            return [PREFER_NOT]
        text = clean_text(form_values[0]) if form_values else ""
        if len(form_values) > 1:
            raise Tampered(N_("Two answers were sent for one box"))
        return [text] if text else []
    if kind in TEXT_KINDS or kind is QuestionKind.NUMBER:
        if len(form_values) > 1:
            raise Tampered(N_("Two answers were sent for one box"))
        text = clean_text(form_values[0]) if form_values else ""
        return [text] if text else []
    # choices
    values = [v for v in form_values if v != ""]
    allowed = set(spec.option_values)
    if any(v not in allowed for v in values):
        raise Tampered(N_("An answer was sent that is not one of the choices"))
    if kind is not QuestionKind.MULTIPLE and len(values) > 1:
        raise Tampered(N_("More than one answer was sent for a choose-one question"))
    seen: list[str] = []
    for v in values:
        if v not in seen:
            seen.append(v)
    if kind is QuestionKind.MULTIPLE:
        # Keep the order of the options, not of the form.
        seen = [v for v in spec.option_values if v in seen]
    return seen


def problem_with(spec: QuestionSpec, values: list[str]) -> str | None:
    """A message for the young person if this answer cannot be accepted, else None."""
    kind = QuestionKind(spec.kind)
    required = spec.is_required and kind not in ABOUT_KINDS
    if not values:
        if not required:
            return None
        if kind is QuestionKind.MULTIPLE:
            return gettext("Tick at least one answer")
        if kind in CHOICE_KINDS:
            return gettext("Choose an answer")
        if kind is QuestionKind.NUMBER:
            return gettext("Enter a number")
        return gettext("Write an answer")
    if kind in TEXT_KINDS or kind is QuestionKind.ABOUT_GENDER:
        limit = spec.text_limit
        if len(values[0]) > limit:
            over = len(values[0]) - limit
            return ngettext("Your answer must be %(limit)s characters or fewer. Shorten it by "
                            "%(count)s character",
                            "Your answer must be %(limit)s characters or fewer. Shorten it by "
                            "%(count)s characters", over, limit=f"{limit:,}", count=f"{over:,}")
        return None
    if kind is QuestionKind.NUMBER:
        raw = values[0].replace(",", "").strip()
        if not re.fullmatch(r"-?\d{1,9}", raw):
            return gettext("Enter a whole number using digits, like 3")
        number = int(raw)
        low = spec.min_value if spec.min_value is not None else -MAX_NUMBER
        high = spec.max_value if spec.max_value is not None else MAX_NUMBER
        if not low <= number <= high:
            return gettext("Enter a number from %(low)s to %(high)s", low=f"{low:,}",
                           high=f"{high:,}")
        return None
    return None


def stored_values(spec: QuestionSpec, values: list[str]) -> list[str]:
    """What goes into the database: numbers normalised; everything else as given."""
    if spec.kind == QuestionKind.NUMBER and values:
        return [str(int(values[0].replace(",", "").strip()))]
    return values
