"""Which kind of question a free-text answer responds to.

The same short answer means different things under different questions: "Nothing."
to "What could we do better?" is praise, to "What was good?" it is criticism. Surveys
set the kind per question; imported files give the question's wording, which is
mapped here.
"""

from __future__ import annotations

import re
from typing import Final, Literal

__all__ = [
    "COULD_IMPROVE",
    "NONSPECIFIC",
    "QUESTION_KINDS",
    "WHAT_GOOD",
    "QuestionKind",
    "check_question_kind",
    "question_kind_for",
]

QuestionKind = Literal["what_good", "could_improve", "nonspecific"]
WHAT_GOOD: Final = "what_good"
COULD_IMPROVE: Final = "could_improve"
NONSPECIFIC: Final = "nonspecific"
QUESTION_KINDS: Final[tuple[str, ...]] = (WHAT_GOOD, COULD_IMPROVE, NONSPECIFIC)

_WHAT_GOOD_RE = re.compile(
    r"\b(?:what (?:was|is|were|are) (?:good|great|best|helpful)"
    r"|what went (?:well|right)|what (?:did|do) you (?:like|enjoy|love)"
    r"|what (?:did|do) we do well|what (?:helped|helps|worked|works)"
    r"|what'?s (?:working|good)|best (?:thing|part|bit)s?|what you liked"
    r"|anything (?:good|positive)|what made (?:it|things) (?:good|better)"
    r"|tell us what (?:was good|you liked|went well))\b"
)
_COULD_IMPROVE_RE = re.compile(
    r"\b(?:improve|improved|improvement|improvements|better|differently|change"
    r"|changed|changes|didn'?t go well|did not go well|wasn'?t good|was not good"
    r"|not so good|even better if|not working|went wrong|worst|dislike|didn'?t like"
    r"|did not like|stop doing|start doing|fix)\b"
)


def question_kind_for(question_text: str | None) -> QuestionKind:
    """Map a question's wording to ``what_good``, ``could_improve`` or ``nonspecific``.

    "What was good?" -> ``what_good``; "How could we improve?" and "What could we do
    better?" -> ``could_improve``. Anything else -- including a question that asks
    both ("What was good and what could be better?") and codes that name a question
    slot without its wording ("Trust A - Q1") -- is ``nonspecific``: guessing the
    wording from a code would be inventing context.
    """
    if not question_text:
        return NONSPECIFIC
    q = " ".join(question_text.lower().replace("\u2019", "'").split())
    good = bool(_WHAT_GOOD_RE.search(q))
    improve = bool(_COULD_IMPROVE_RE.search(q))
    if good and not improve:
        return WHAT_GOOD
    if improve and not good:
        return COULD_IMPROVE
    return NONSPECIFIC


def check_question_kind(kind: str | None) -> QuestionKind:
    """Return ``kind`` (``nonspecific`` when None) or raise ValueError if it is unknown."""
    if kind is None:
        return NONSPECIFIC
    if kind not in QUESTION_KINDS:
        raise ValueError(f"unknown question kind {kind!r}; expected one of {QUESTION_KINDS}")
    return kind  # type: ignore[return-value]
