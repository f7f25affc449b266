"""TextBlob's default sentiment (Pattern's lexicon and rules) without importing TextBlob.

``textblob.en.sentiment`` scores a list of words with the adjective lexicon of Pattern
(``en-sentiment.xml``, by Tom De Smedt and Walter Daelemans, CLiPS). Importing TextBlob
imports NLTK, which imports ``scipy.stats``: about a second and 100 MB in every process
that analyses text. This module scores a list of words exactly as TextBlob does -- same
lexicon, same rules for modifiers ("really good"), negations ("not good"), "!" and
emoticons -- from a compact copy of the lexicon as TextBlob loads it,
``model/pattern-sentiment.json``, built from the installed TextBlob by ``make lexicon``
(:func:`build`). The tests compare the two on many texts.

Licences: TextBlob is MIT (Steven Loria and contributors); the Pattern code it is based on
is BSD (CLiPS, University of Antwerp); the lexicon is marked PDDL. See
``model/PATTERN-SENTIMENT-NOTICE.txt``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Final

__all__ = ["LEXICON_FILE", "build", "polarity"]

LEXICON_FILE: Final = Path(__file__).parent / "model" / "pattern-sentiment.json"

# TextBlob's settings for English (textblob/en/__init__.py and textblob/_text.py).
_NEGATIONS: Final = ("no", "not", "n't", "never")
_PUNCTUATION: Final = ".,;:!?()[]{}`''\"@#$^&*+-|=~_"


class _Lexicon:
    """Each word's (polarity, subjectivity, intensity) and whether it can modify the next word."""

    def __init__(self, data: dict) -> None:
        self.words: dict[str, tuple[float, float, float, bool]] = {
            word: (p, s, i, bool(rb)) for word, (p, s, i, rb) in data["words"].items()
        }
        # (polarity, the lower-cased emoticons) in TextBlob's order: the first that matches wins
        self.emoticons: list[tuple[float, frozenset[str]]] = [
            (p, frozenset(faces)) for p, faces in data["emoticons"]
        ]


@cache
def _lexicon() -> _Lexicon:
    return _Lexicon(json.loads(LEXICON_FILE.read_text(encoding="utf-8")))


def polarity(words: list[str]) -> tuple[float, float, int]:
    """Polarity, subjectivity and number of assessed chunks of a list of words.

    The same values as ``textblob.en.sentiment(words)`` (its ``[0]``, ``[1]`` and
    ``len(.assessments)``): a port of ``textblob._text.Sentiment.assessments`` for a list
    of words, where no word carries a part-of-speech tag.
    """
    lexicon = _lexicon()
    known = lexicon.words
    a: list[list] = []  # [polarity, subjectivity, intensity, negated]
    m = None  # preceding modifier ("really good")
    n = None  # preceding negation ("not good")
    for w in words:
        if w is None:
            continue
        entry = known.get(w)
        if entry is not None:
            p, s, i, modifies = entry
            if m is None:
                a.append([p, s, i, False])
            else:
                last = a[-1]
                last[0] = max(-1.0, min(p * last[2], +1.0))
                last[1] = max(-1.0, min(s * last[2], +1.0))
                last[2] = i
            if n is not None:
                a[-1][2] = 1.0 / a[-1][2]
                a[-1][3] = True
            m = w if modifies else None
            n = w if w in _NEGATIONS else None
        else:
            if w in _NEGATIONS:
                n = w
            elif n and len(w.strip("'")) > 1:
                n = None
            if n is not None and m is not None and m.endswith("ly"):
                a[-1][3] = True
                n = None
            elif m is not None and len(w) > 2:
                m = None
            if w == "!" and a:
                a[-1][0] = max(-1.0, min(a[-1][0] * 1.25, +1.0))
            if w == "(!)":
                a.append([0.0, 1.0, 1.0, False])
            if w.isalpha() is False and len(w) <= 5 and w not in _PUNCTUATION:
                for p, faces in lexicon.emoticons:
                    if w in faces:
                        a.append([p, 1.0, 1.0, False])
                        break
    # "not good" = slightly bad, "not bad" = slightly good; then the plain averages
    total_p = total_s = 0
    for p, s, _, negated in a:
        total_p += p * -0.5 if negated else p
        total_s += s
    count = len(a)
    return total_p / float(count or 1), total_s / float(count or 1), count


def build(path: Path = LEXICON_FILE) -> Path:
    """Write the lexicon as the installed TextBlob loads it (``make lexicon``; needs TextBlob)."""
    from textblob import _text
    from textblob.en import sentiment

    sentiment.load()  # TextBlob's own loading: per-sense averages and the "-ly" adverbs
    words = {
        word: [*by_pos[None], int("RB" in by_pos)]
        for word, by_pos in sorted(dict.items(sentiment))
    }
    emoticons = [[p, sorted(face.lower() for face in faces)]
                 for (_, p), faces in _text.EMOTICONS.items()]
    data = {
        "source": "textblob.en.sentiment (Pattern's en-sentiment.xml), as TextBlob loads it",
        "words": words,
        "emoticons": emoticons,
    }
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                    encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {build()}")
