"""Text normalisation and tokenisation shared by every part of the engine.

Everything downstream (sentiment signals, n-gram features, theme rules) works on the
same normalised, lower-cased text so that a comment is only cleaned once.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["EMOJI_POLARITY", "normalise", "tokens"]

# Emoji and emoticons young people use, scored -1..1. Kept small and explicit: an
# unknown emoji carries no sentiment rather than a guessed one.
EMOJI_POLARITY: dict[str, float] = {
    # clearly positive
    "😀": 0.7,
    "😃": 0.7,
    "😄": 0.7,
    "😁": 0.7,
    "😊": 0.7,
    "🙂": 0.4,
    "😍": 0.9,
    "🥰": 0.9,
    "😘": 0.6,
    "🤗": 0.6,
    "😎": 0.6,
    "🤩": 0.9,
    "😻": 0.8,
    "😆": 0.6,
    "❤": 0.8,
    "❤️": 0.8,
    "♥": 0.8,
    "💕": 0.8,
    "💖": 0.8,
    "💗": 0.8,
    "💙": 0.7,
    "💜": 0.7,
    "💚": 0.7,
    "🧡": 0.7,
    "💛": 0.7,
    "👍": 0.6,
    "👌": 0.5,
    "🙌": 0.7,
    "👏": 0.7,
    "💯": 0.7,
    "🔥": 0.6,
    "✨": 0.4,
    "⭐": 0.5,
    "🌟": 0.6,
    "🥳": 0.8,
    "🎉": 0.7,
    "😇": 0.6,
    "🙏": 0.5,
    "💪": 0.5,
    "😂": 0.3,
    "🤣": 0.3,
    "☺": 0.6,
    "☺️": 0.6,
    "🫶": 0.8,
    "🥹": 0.4,
    # clearly negative
    "😢": -0.7,
    "😭": -0.6,
    "😞": -0.7,
    "😔": -0.6,
    "😟": -0.6,
    "🙁": -0.5,
    "☹": -0.6,
    "☹️": -0.6,
    "😠": -0.8,
    "😡": -0.9,
    "🤬": -0.9,
    "👎": -0.7,
    "💔": -0.8,
    "😤": -0.6,
    "😩": -0.6,
    "😫": -0.6,
    "😒": -0.5,
    "🙄": -0.5,
    "😰": -0.6,
    "😨": -0.6,
    "😱": -0.6,
    "🤮": -0.9,
    "🤢": -0.7,
    "😣": -0.6,
    "😖": -0.6,
    "😓": -0.5,
    "😪": -0.4,
    "😥": -0.5,
    "😕": -0.4,
    "😑": -0.3,
    "😐": -0.1,
    "😬": -0.3,
    "🥱": -0.5,
    "😴": -0.3,
    "💩": -0.7,
    "🤡": -0.5,
    "🖕": -0.9,
    "😿": -0.6,
    "🥺": -0.2,
    # ambiguous: the skull means "I'm dead (laughing)" far more often than distress
    "💀": 0.1,
    "🤔": 0.0,
}

# Text emoticons, matched as whole tokens.
EMOTICON_POLARITY: dict[str, float] = {
    ":)": 0.6,
    ":-)": 0.6,
    ":]": 0.5,
    "=)": 0.5,
    ":d": 0.7,
    ":-d": 0.7,
    "xd": 0.5,
    ";)": 0.4,
    ";-)": 0.4,
    ":p": 0.3,
    "<3": 0.8,
    "(:": 0.5,
    ":(": -0.6,
    ":-(": -0.6,
    ":[": -0.5,
    "=(": -0.5,
    ":'(": -0.7,
    ":/": -0.3,
    ":-/": -0.3,
    ":|": -0.1,
    "):": -0.5,
    "</3": -0.8,
    "d:": -0.5,
}

# Emoticons that start with a letter ("xd", "d:") need a word boundary before them;
# the others may follow a word directly ("thanks:)"). None may run into a word or URL.
_EMOTICON_RE = re.compile(
    "(?:"
    + "|".join(
        (r"(?<!\w)" if e[0].isalpha() else "") + re.escape(e)
        for e in sorted(EMOTICON_POLARITY, key=len, reverse=True)
    )
    + r")(?![\w/])"
)

# Emoji are swapped for stable word-like tokens so that n-gram features and the
# sentiment lexicon can use them; the polarity bucket keeps the vocabulary small.
_EMOJI_RE = re.compile(
    "|".join(re.escape(e) for e in sorted(EMOJI_POLARITY, key=len, reverse=True))
)

# Every emoticon contains one of these, so text without them can skip the search.
_EMOTICON_CHARS = frozenset(":;=<(")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_SPACE_RE = re.compile(r"\s+")
# "sooo", "gooood" -> at most two repeats, so "soooo good" and "soo good" share features.
_REPEAT_RE = re.compile(r"([a-z])\1{2,}")
_TOKEN_RE = re.compile(r"emo_(?:pos|neg|neu)|[a-z0-9]+(?:'[a-z]+)?|[.,;:!?]")


def _emoji_token(score: float) -> str:
    if score >= 0.2:
        return " emo_pos "
    if score <= -0.2:
        return " emo_neg "
    return " emo_neu "


def normalise(text: str) -> str:
    """Return the lower-cased, whitespace-collapsed form of ``text`` used for analysis.

    Curly apostrophes become straight ones, emoji and emoticons become the tokens
    ``emo_pos`` / ``emo_neg`` / ``emo_neu``, and letters repeated for emphasis are
    shortened ("soooo" -> "soo").
    """
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
        text = _EMOJI_RE.sub(lambda m: _emoji_token(EMOJI_POLARITY[m.group(0)]), text)
    text = text.replace("`", "'").lower()
    if any(c in text for c in _EMOTICON_CHARS) or "xd" in text:
        text = _EMOTICON_RE.sub(lambda m: _emoji_token(EMOTICON_POLARITY[m.group(0)]), text)
    text = _REPEAT_RE.sub(r"\1\1", text)
    return _SPACE_RE.sub(" ", text).strip()


def tokens(normalised_text: str) -> list[str]:
    """Split normalised text into word, number, emoji and punctuation tokens.

    Punctuation (``. , ; : ! ?``) is kept: it bounds negation ("not great. the staff
    were kind") and phrases; n-gram features skip it.
    """
    return _TOKEN_RE.findall(normalised_text)
