"""Remove personal details from free text before it is shown beyond the restricted view.

Replaces, in this order: email addresses ``[email]``, social media handles
``[handle]``, UK phone numbers ``[phone]``, postcodes ``[postcode]``, dates of
birth ``[date of birth]``, postal addresses ``[address]``, school names
``[school]`` and people's names ``[name]``.

Names are the hard part. A capitalised word is only treated as a name with
evidence: it is a known first name, or it follows a title ("Dr Patel", "Miss
Jones"), a role ("my worker Sarah"), or "called"/"named". Names that are also
ordinary words ("Will", "May", "Grace") need a title, role or "called" first.
Redaction errs towards hiding: a wrongly hidden word costs little, a leaked name
can identify a child.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Final

__all__ = ["MARKERS", "redact"]

MARKERS: Final[dict[str, str]] = {
    "name": "[name]",
    "phone": "[phone]",
    "email": "[email]",
    "address": "[address]",
    "postcode": "[postcode]",
    "date_of_birth": "[date of birth]",
    "handle": "[handle]",
    "school": "[school]",
}


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(unambiguous first names, names that are also ordinary words), lower case."""
    text = resources.files("voice.analysis").joinpath("data/first_names.txt").read_text("utf-8")
    clear: set[str] = set()
    ambiguous: set[str] = set()
    target = clear
    for line in text.splitlines():
        line = line.strip().lower()
        if not line or line.startswith("#"):
            continue
        if line == "[ambiguous]":
            target = ambiguous
            continue
        target.add(line)
    return frozenset(clear), frozenset(ambiguous)


# --- contact details -------------------------------------------------------------
_EMAIL_RE: Final = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE_RE: Final = re.compile(r"(?<![\w@/.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
_PLATFORM_HANDLE_RE: Final = re.compile(
    r"(?i)\b((?:add|follow|dm|message|find) me on (?:snap(?:chat)?|insta(?:gram)?|ig|tiktok|"
    r"twitter|discord|twitch|facebook|fb|x)|(?:my )?(?:snap(?:chat)?|insta(?:gram)?|ig|tiktok|"
    r"twitter|discord|twitch)(?: (?:is|name is|username is|handle is|@))?\s*[:=-]?)\s+"
    r"(?!\[)([A-Za-z0-9_.]*[0-9_.][A-Za-z0-9_.]*|[A-Za-z][A-Za-z0-9_.]{2,29}(?=\s*$|[\s,.!?]))"
)
_SEP: Final = r"[\s.-]?"
_PHONE_RE: Final = re.compile(
    r"(?<![\w+])(?:"
    # mobiles: 07700 900123, +44 7700 900 123
    rf"(?:\+\s?44\s?(?:\(0\)\s?)?7\d{{3}}|\(?07\d{{3}}\)?){_SEP}\d{{3}}{_SEP}\d{{3}}"
    # London and other 02x numbers: 020 7946 0000
    rf"|(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)2\d\)?{_SEP}\d{{4}}{_SEP}\d{{4}}"
    # area codes: 0113 496 0000, 01632 960000, (0161) 496 0000
    rf"|(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)1\d{{2,4}}\)?{_SEP}\d{{3}}{_SEP}\d{{3,4}}"
    # 03, 08 non-geographic numbers
    rf"|(?:\+\s?44\s?|0)(?:3|8)\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{3,4}}"
    # written without spaces
    r"|(?:\+\s?44|0)\d{9,10}"
    r")(?!\d)"
)

# --- places and dates ---------------------------------------------------------------
_POSTCODE_RE: Final = re.compile(
    r"(?i)\b[A-Z]{1,2}\d[A-Z\d]?\s*\d(?!(?-i:st|nd|rd|th)\b)[A-Z]{2}\b"
)
_STREET_TYPES: Final = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Cres|Court|Ct|Place|"
    r"Gardens|Gdns|Grove|Terrace|Hill|Park|View|Walk|Row|Square|Sq|Mews|Rise|Parade|Green|Vale|"
    r"Boulevard|Estate|Heights|Fields|Meadows?|Wharf|Yard|Gate|Drove|Chase|Croft|Dene|Glade)"
)
_NOT_STREET_WORD: Final = (
    r"(?!(?:the|a|an|to|down|up|at|in|on|of|for|and|from|my|our|your|their|his|her|hours?|"
    r"minutes?|mins?|days?|weeks?|months?|years?|times?|people|of|miles?|more|less|or|is|was)\b)"
)
_ADDRESS_RE: Final = re.compile(
    r"(?i)\b(?:(?:flat|apartment|apt|unit|house) \d+[a-z]?,? )?\d{1,4}[a-z]?,?\s+"
    rf"(?:{_NOT_STREET_WORD}[A-Za-z][a-z'\u2019-]+\s+){{1,3}}{_STREET_TYPES}\b"
    rf"(?:,?\s+(?-i:[A-Z][a-z]+)(?:\s+(?-i:[A-Z][a-z]+))?)?"
)
_LIVE_ON_RE: Final = re.compile(
    r"(?i)\b((?:live|living|lives|lived|moved|stay|staying|stays|stayed|house is|flat is) "
    r"(?:on|at|in|to|down|off) )"
    rf"((?-i:[A-Z][a-z'\u2019-]+)(?:\s+(?-i:[A-Z][a-z'\u2019-]+)){{0,2}}\s+{_STREET_TYPES})\b"
)
_FLAT_RE: Final = re.compile(r"(?i)\b(?:flat|apartment|apt) \d+[a-z]?\b")

_MONTHS: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE: Final = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}"
    rf"\.?(?:,?\s+\d{{4}})?|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|"
    r"(?:19|20)\d{2})"
)
_DOB_RE: Final = re.compile(
    r"(?i)\b((?:d\.?o\.?b\.?|date of birth|born(?: on| in)?|birthday(?: is|'s| was)?|"
    r"b'?day(?: is|'s)?)\s*(?:is|:|-|=|was|on)?\s*)" + rf"({_DATE})\b"
)

# --- schools -------------------------------------------------------------------------
_SCHOOL_TYPES: Final = (
    r"(?:Primary School|Secondary School|High School|Grammar School|Junior School|Infant School|"
    r"Infants School|Community School|Free School|Catholic School|Special School|Sixth Form "
    r"College|Sixth Form|6th Form|Academy|College|School|Primary|Secondary|High|Grammar|Juniors|"
    r"Infants|Junior)"
)
_NOT_SCHOOL_NAME: Final = (
    r"(?!(?:My|The|A|An|At|In|I|Our|Your|This|That|New|Old|Big|Local|Secondary|Primary|High|"
    r"Special|Alternative|Main|Sixth|Middle|Upper|Lower|Junior|Senior|Infant|Nursery|Boarding|"
    r"Private|State|Public|Free|Grammar|Catholic|Faith|Art|Drama|Music|Summer|Sunday|Night|"
    r"Secondary|Mainstream|Home|Hospital|Forest|Holiday|When|After|Before|At|From|To|And|But|"
    r"Then|So|Went|Go|Left|Back|It|Its|It's|He|She|They|We|You)\b)"
)
_SCHOOL_RE: Final = re.compile(
    r"\b(?:(?:St\.?|Saint) [A-Z][a-z'\u2019]+(?:'s|s)?(?: (?:C ?of ?E|CE|RC|Catholic|Church of "
    rf"England|Church))?|(?:{_NOT_SCHOOL_NAME}[A-Z][A-Za-z'\u2019-]+ ){{1,4}}?)\s?"
    rf"{_SCHOOL_TYPES}(?: (?:School|Academy))?\b"
)

# --- names ---------------------------------------------------------------------------
_TITLE_RE: Final = re.compile(
    r"\b((?:Dr|Mr|Mrs|Ms|Mx|Prof|Sr)\.?|Doctor|Miss|Professor|Nurse|Sister|Auntie|Aunty|Uncle|"
    r"Coach)(\s+)([A-Z][A-Za-z'\u2019-]+(?:\s+[A-Z][A-Za-z'\u2019-]+)?)"
)
# "dr patel" in lower case: after the abbreviation almost anything is a surname.
_LOWER_DR_RE: Final = re.compile(r"\b(dr)(\.?\s+)([a-z][a-z'-]{2,})\b")
_NOT_AFTER_DR: Final = frozenset(
    {
        "who",
        "was",
        "and",
        "said",
        "says",
        "told",
        "tells",
        "appointment",
        "appointments",
        "surgery",
        "the",
        "is",
        "has",
        "had",
        "rang",
        "called",
        "came",
        "gave",
        "did",
        "does",
        "saw",
        "sees",
        "will",
        "would",
        "could",
        "should",
        "can",
        "explained",
        "listened",
        "helped",
        "asked",
        "wanted",
        "there",
        "then",
        "but",
        "not",
        "never",
        "always",
        "just",
        "didn't",
        "doesn't",
        "wasn't",
        "also",
        "who's",
        "for",
        "with",
    }
)
_ROLE: Final = (
    r"(?:social worker|key worker|keyworker|support worker|youth worker|family worker|case "
    r"worker|caseworker|link worker|worker|nurse|school nurse|doctor|dr|gp|therapist|"
    r"counsellor|counselor|psychiatrist|psychologist|paediatrician|consultant|teacher|tutor|"
    r"mentor|coach|carer|foster carer|foster mum|foster dad|advocate|pa|personal adviser|"
    r"personal advisor|manager|receptionist|friend|mate|bestie|best friend|boyfriend|"
    r"girlfriend|bf|gf|brother|sister|cousin|mum|mam|mom|dad|step ?dad|step ?mum|stepdad|"
    r"stepmum|aunt|auntie|aunty|uncle|nan|nana|nanna|gran|grandad|grandma|grandpa|son|daughter|"
    r"partner|sibling|neighbour|baby|twin|worker called|physio|ot|slt|speech therapist|health "
    r"visitor|midwife|social|sw)"
)
_ROLE_NAME_RE: Final = re.compile(
    rf"(?i)\b((?:my|our|the|his|her|their|your|a|new|old|lovely|amazing)\s+{_ROLE}(?:,)?\s+)"
    r"([A-Za-z][a-z'\u2019-]+)((?:\s+(?-i:[A-Z][a-z'\u2019-]+))?)"
)
_CALLED_RE: Final = re.compile(
    r"(?i)\b((?:called|named|name is|name's|names is|my names|known as|goes by|this is|"
    r"i'm|i am|im)\s+)([A-Za-z][a-z'\u2019-]+)((?:\s+(?-i:[A-Z][a-z'\u2019-]+))?)"
)
_CAPITALISED_RE: Final = re.compile(r"(?<![\w\[])[A-Z][a-z'\u2019]+(?:-[A-Z][a-z]+)?(?![\w\]])")
_LOWER_WORD_RE: Final = re.compile(r"(?<![\w\[])([a-z][a-z'-]+)(?![\w\]])")
# Capitalised words that follow a name but are not a surname ("Sarah Was lovely" is rare,
# "Sarah From CAMHS" is not).
_NOT_SURNAME: Final = frozenset(
    {
        "and",
        "the",
        "from",
        "at",
        "is",
        "was",
        "has",
        "had",
        "who",
        "she",
        "he",
        "they",
        "it",
        "i",
        "my",
        "our",
        "in",
        "on",
        "to",
        "for",
        "but",
        "or",
        "so",
        "a",
        "an",
        "thanks",
        "thank",
        "also",
        "always",
        "really",
        "very",
        "camhs",
        "nhs",
        "team",
        "said",
        "helped",
        "came",
    }
)
# After these words a known first name is expected ("with Sarah", "thanks to Amir").
_NAME_CUES: Final = frozenset(
    {
        "with",
        "to",
        "by",
        "and",
        "thanks",
        "thank",
        "saw",
        "see",
        "seeing",
        "met",
        "ask",
        "asked",
        "tell",
        "told",
        "love",
        "miss",
        "for",
        "called",
        "named",
        "hi",
        "hello",
        "dear",
        "cheers",
        "ta",
    }
)
# Months that are also names are only names after a title, a role or "called".
_MONTHS: Final = frozenset({"april", "may", "june", "august"})
_SENTENCE_END_RE: Final = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")


def _is_first_name(word: str, allow_ambiguous: bool) -> bool:
    clear, ambiguous = _names()
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return w in clear or (allow_ambiguous and w in ambiguous)


def _possessive(word: str) -> str:
    """Keep a possessive ending after the marker: "Sarah's" -> "[name]'s"."""
    for ending in ("'s", "\u2019s"):
        if word.endswith(ending):
            return ending
    return ""


def _surname(rest: str) -> str:
    """The captured following capitalised word, if it reads as a surname."""
    word = rest.strip()
    if not word or word.lower() in _NOT_SURNAME:
        return ""
    return rest


def _redact_names(text: str) -> str:
    clear, ambiguous = _names()
    words = {w.lower().replace("\u2019", "'") for w in _ANY_WORD_RE.findall(text)}
    words |= {w[:-2] for w in words if w.endswith("'s")}
    known_name = not words.isdisjoint(clear) or not words.isdisjoint(ambiguous)
    capital_mid = _CAPITAL_MID_RE.search(text) is not None
    if not (known_name or capital_mid or "dr" in words):
        return text  # no word that could be a name

    def titled(m: re.Match[str]) -> str:
        first, _, second = m.group(3).partition(" ")
        if first.lower() in _NOT_SURNAME:
            return m.group(0)
        if second and second.strip().lower() in _NOT_SURNAME:
            return f"{m.group(1)}{m.group(2)}{MARKERS['name']}{_possessive(first)} {second.strip()}"
        return f"{m.group(1)}{m.group(2)}{MARKERS['name']}{_possessive(m.group(3))}"

    if any(c in text for c in _TITLE_CUES):
        text = _TITLE_RE.sub(titled, text)
    text = _LOWER_DR_RE.sub(
        lambda m: (
            m.group(0)
            if m.group(3) in _NOT_AFTER_DR
            else f"{m.group(1)}{m.group(2)}{MARKERS['name']}"
        ),
        text,
    )

    def after_cue(m: re.Match[str], strong: bool) -> str:
        word = m.group(2)
        if word.startswith("[") or word.lower() in _NOT_SURNAME:
            return m.group(0)
        capitalised = word[0].isupper()
        # After "my worker" or "called" a capitalised word is a name; a lower-case one
        # must be a known name ("my worker sarah", but not "my worker said").
        if (strong and capitalised) or _is_first_name(word, allow_ambiguous=capitalised):
            surname = _surname(m.group(3))
            return f"{m.group(1)}{MARKERS['name']}{_possessive(word)}" + (
                "" if surname else m.group(3)
            )
        return m.group(0)

    text = _ROLE_NAME_RE.sub(lambda m: after_cue(m, strong=True), text)
    text = _CALLED_RE.sub(
        lambda m: after_cue(
            m, strong=m.group(1).lower().split()[0] in ("called", "named", "name", "names", "known")
        ),
        text,
    )

    if not known_name:
        return text
    text = _redact_capitalised(text)

    def lower(m: re.Match[str]) -> str:
        word = m.group(1)
        return MARKERS["name"] + _possessive(word) if _is_first_name(word, False) else word

    return _LOWER_WORD_RE.sub(lower, text)


def _redact_capitalised(text: str) -> str:
    """Known first names written with a capital, and a capitalised surname after them."""
    spans: list[tuple[int, int, str]] = []
    previous_end = -1
    previous_was_name = False
    for m in _CAPITALISED_RE.finditer(text):
        word = m.group(0)
        if (
            previous_was_name
            and text[previous_end : m.start()].isspace()
            and (word.lower() not in _NOT_SURNAME)
        ):
            start, _, marker = spans[-1]
            spans[-1] = (start, m.end(), MARKERS["name"] + _possessive(word))  # a surname
            previous_end = m.end()
            continue
        before = text[: m.start()]
        words_before = before.split()
        previous_word = words_before[-1].lower().strip(",;:") if words_before else ""
        thank_you = previous_word == "you" and len(words_before) > 1 and (
            words_before[-2].lower() == "thank")  # "thank you Jo"
        sentence_start = bool(_SENTENCE_END_RE.search(before))
        ambiguous_ok = (
            (previous_word in _NAME_CUES or thank_you)
            and not sentence_start and word.lower() not in _MONTHS
        )
        previous_was_name = _is_first_name(word, allow_ambiguous=ambiguous_ok)
        previous_end = m.end()
        if previous_was_name:
            spans.append((m.start(), m.end(), MARKERS["name"] + _possessive(word)))
    for start, end, marker in reversed(spans):
        text = text[:start] + marker + text[end:]
    return text


_DIGIT_RE: Final = re.compile(r"\d")
_CAPITAL_MID_RE: Final = re.compile(r"[^.!?\s]\s+[A-Z][a-z]")
_ANY_WORD_RE: Final = re.compile(r"[A-Za-z][a-z'\u2019-]*")
_PLATFORMS: Final = (
    "snap",
    "insta",
    "ig",
    "tiktok",
    "twitter",
    "discord",
    "twitch",
    "facebook",
    "fb",
    " x ",
)
_DOB_CUES: Final = ("dob", "d.o.b", "birth", "born", "bday", "b'day")
_LIVE_CUES: Final = ("live", "moved", "stay", "house is", "flat is")
_SCHOOL_CUES: Final = (
    "School",
    "Academy",
    "College",
    "Primary",
    "Secondary",
    "High",
    "Grammar",
    "Junior",
    "Infant",
    "Sixth",
    "6th",
)
_TITLE_CUES: Final = (
    "Dr",
    "Mr",
    "Ms",
    "Mx",
    "Prof",
    "Sr",
    "Doctor",
    "Miss",
    "Nurse",
    "Sister",
    "Aunt",
    "Uncle",
    "Coach",
)


def redact(text: str) -> str:
    """Return ``text`` with personal details replaced by markers such as ``[name]``.

    See the module docstring for what is replaced. Text without personal details
    comes back unchanged.
    """
    if not text:
        return text or ""
    # Each step runs only if the text has what that kind of detail needs (an "@", a
    # digit, a cue word): most comments have none, and this keeps redaction fast.
    low = text.lower()
    if "@" in text:
        text = _EMAIL_RE.sub(MARKERS["email"], text)
        text = _HANDLE_RE.sub(MARKERS["handle"], text)
    if any(p in low for p in _PLATFORMS):
        text = _PLATFORM_HANDLE_RE.sub(lambda m: f"{m.group(1)} {MARKERS['handle']}", text)
    has_digit = _DIGIT_RE.search(text) is not None
    if has_digit:
        text = _PHONE_RE.sub(MARKERS["phone"], text)
        text = _POSTCODE_RE.sub(MARKERS["postcode"], text)
    if any(c in low for c in _DOB_CUES):
        text = _DOB_RE.sub(lambda m: m.group(1) + MARKERS["date_of_birth"], text)
    if has_digit:
        text = _ADDRESS_RE.sub(MARKERS["address"], text)
    if any(c in low for c in _LIVE_CUES):
        text = _LIVE_ON_RE.sub(lambda m: m.group(1) + MARKERS["address"], text)
    if has_digit:
        text = _FLAT_RE.sub(MARKERS["address"], text)
    if any(c in text for c in _SCHOOL_CUES):
        text = _SCHOOL_RE.sub(MARKERS["school"], text)
    return _redact_names(text)
