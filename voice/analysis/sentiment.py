"""Rule-based sentiment signals: TextBlob, feedback vocabulary, slang, emoji and context.

The signals are used two ways: on their own they give the rule-based sentiment of
an engine with no trained model, and they are the hand-made features a trained
linear model combines with word and character n-grams (see ``models.py``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final

from .lexicon import (
    CLAUSE_BREAKS,
    CONTRAST_WORDS,
    DOWNTONERS,
    FEEDBACK_WORDS,
    INTENSIFIERS,
    NEGATORS,
    SLANG,
)
from .pattern_sentiment import polarity as pattern_polarity
from .questions import COULD_IMPROVE, NONSPECIFIC, WHAT_GOOD, check_question_kind
from .screening import LiteralScreen, required_literals
from .text import normalise, tokens

__all__ = [
    "NEGATIVE",
    "NEUTRAL",
    "POSITIVE",
    "SENTIMENT_LABELS",
    "SIGNAL_FEATURES",
    "SentimentSignals",
    "label_for_score",
    "rule_sentiment",
    "sentiment_signals",
    "signal_vector",
    "textblob_polarity",
]

POSITIVE: Final = "positive"
NEUTRAL: Final = "neutral"
NEGATIVE: Final = "negative"
SENTIMENT_LABELS: Final[tuple[str, str, str]] = (NEGATIVE, NEUTRAL, POSITIVE)

# Below this absolute score a comment is neutral.
NEUTRAL_BAND: Final = 0.1

_PUNCT: Final = frozenset({".", ",", ";", ":", "!", "?"})

# --- context-dependent slang -------------------------------------------------
# These words are scored here rather than by TextBlob, which reads "sick" and "dead"
# as bad and does not know "peak" or "mid" at all.
_CONTEXTUAL: Final = frozenset(
    {"sick", "dead", "long", "mid", "peak", "class", "boss", "fire", "bare", "well", "proper"}
)
_PREDICATE_BEFORE: Final = frozenset(
    {
        "was",
        "is",
        "it's",
        "its",
        "that's",
        "thats",
        "so",
        "proper",
        "well",
        "bare",
        "dead",
        "pretty",
        "really",
        "lowkey",
        "actually",
        "kinda",
        "mad",
        "hella",
        "literally",
        "real",
        "absolutely",
        "pure",
        "straight",
        "fully",
        "looks",
        "sounds",
        "bit",
        "very",
        "too",
        "soo",
        "such",
        "way",
        "honestly",
        "man",
        "bruv",
        "innit",
        "are",
        "were",
        "be",
    }
)
_ILLNESS_CONTEXT: Final = frozenset(
    {
        "i",
        "i'm",
        "im",
        "me",
        "he",
        "she",
        "they",
        "we",
        "you",
        "felt",
        "feel",
        "feeling",
        "got",
        "get",
        "getting",
        "been",
        "being",
        "off",
        "throwing",
        "note",
        "bucket",
        "bag",
        "pay",
        "leave",
        "day",
        "days",
        "my",
        "his",
        "her",
        "their",
        "our",
        "kid",
        "child",
        "baby",
        "son",
        "daughter",
        "mum",
        "dad",
        "makes",
        "made",
        "make",
        "feels",
    }
)
_NOT_SLANG_AFTER: Final = {
    "fire": frozenset(
        {
            "alarm",
            "alarms",
            "drill",
            "drills",
            "exit",
            "exits",
            "door",
            "doors",
            "brigade",
            "escape",
            "service",
            "safety",
            "station",
            "engine",
        }
    ),
    "class": frozenset(
        {
            "room",
            "rooms",
            "trip",
            "teacher",
            "teachers",
            "today",
            "mates",
            "work",
            "time",
            "test",
            "tests",
        }
    ),
    "peak": frozenset({"time", "times", "hours", "hour", "season", "fitness", "flow"}),
    "mid": frozenset(
        {
            "morning",
            "afternoon",
            "day",
            "week",
            "way",
            "year",
            "term",
            "session",
            "appointment",
            "night",
            "evening",
            "point",
            "range",
            "sentence",
        }
    ),
}


def _contextual_polarity(tok: str, toks: list[str], i: int) -> float:
    """Polarity of a slang word whose meaning depends on its neighbours."""
    prev = toks[i - 1] if i > 0 else ""
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    if tok in ("bare", "well", "proper", "dead") and _word_polarity(nxt) != 0.0:
        return 0.0  # an intensifier here: "bare good", "dead nice"
    if tok in _NOT_SLANG_AFTER and nxt in _NOT_SLANG_AFTER[tok]:
        return 0.0
    if tok == "sick":
        if nxt == "of" or (nxt == "and" and i + 2 < len(toks) and toks[i + 2] == "tired"):
            return -0.7
        window = toks[max(0, i - 3) : i + 2]
        if any(w in _ILLNESS_CONTEXT for w in window):
            return 0.0  # being ill says nothing about the service
        return 0.7 if prev in _PREDICATE_BEFORE else 0.0
    if tok == "dead":
        return -0.5 if prev in _PREDICATE_BEFORE else 0.0  # "it was dead" = boring, empty
    if tok == "long":
        return -0.5 if prev in _PREDICATE_BEFORE or nxt in ("ting", "innit") else 0.0
    if tok == "mid":
        return -0.4 if prev in _PREDICATE_BEFORE or nxt in ("", ".", "!", "tbh", "ngl") else 0.0
    if tok == "peak":
        return -0.5 if prev in _PREDICATE_BEFORE or nxt in ("", ".", "!", "tbh", "ngl") else 0.0
    if tok in ("class", "boss", "fire"):
        return {"class": 0.6, "boss": 0.5, "fire": 0.6}[tok] if prev in _PREDICATE_BEFORE else 0.0
    return 0.0


def _word_polarity(tok: str) -> float:
    p = SLANG.get(tok)
    if p is None:
        p = FEEDBACK_WORDS.get(tok, 0.0)
    return p


# Words TextBlob scores that say nothing about an experience here ("more staff",
# "on my own", "the first appointment").
_TEXTBLOB_NOISE: Final = frozenset(
    {
        "more",
        "most",
        "many",
        "much",
        "own",
        "new",
        "old",
        "first",
        "last",
        "other",
        "little",
        "less",
        "least",
        "extra",
        "free",
        "full",
        "sure",
        "real",
        "right",
        "high",
        "due",
        "able",
        "only",
        "same",
        "different",
        "several",
        "few",
        "certain",
        "main",
        "particular",
        "next",
        "whole",
        "general",
        "usual",
        "big",
        "small",
        "long",
        "short",
        "early",
        "late",
        "young",
        "open",
        "public",
        "private",
        "mental",
        "physical",
        "medical",
        "social",
        "local",
        "special",
        "honestly",
        "honest",
        "seriously",
        "usually",
        "normally",
        "generally",
        "certainly",
        "mad",
        "true",
    }
)

# --- phrases -----------------------------------------------------------------
# Multi-word expressions, scored as a unit; their words are then not scored again.
# Order matters where phrases overlap: the first alternative that matches wins.
_PHRASES: Final[list[tuple[str, float]]] = [
    # neutral: sentiment words used as plain names of things
    (r"waiting (?:room|rooms|area|areas)", 0.0),
    (r"(?:on my|on your|on their|on his|on her|my|your|our|their) own", 0.0),
    (
        r"(?:would|will|it'?d|itd) (?:be|have been) (?:really |so |very |much )?(?:nice|good|great|"
        r"helpful|better|lovely|useful|easier|beneficial|handy|ideal)(?: (?:if|to|for))?",
        -0.4,
    ),
    (r"(?:wouldn'?t|would not|won'?t|will not|never|do not|don'?t) recommend", -0.7),
    # praise that reads like a complaint word by word: "they couldn't do enough for me",
    # "I can't thank them enough", "didn't have to wait long", "we need more people like her"
    (
        r"(?:couldn'?t|could not|can'?t|cannot|couldnt|cant) (?:do|have done) (?:enough|more)"
        r"|(?:couldn'?t|could not|can'?t|cannot|didn'?t|did not) find (?:any |a )?fault"
        r"|(?:can'?t|cannot|could not|couldn'?t|cant|couldnt) thank (?:\w+ ){0,3}enough"
        r"|(?:need|needs) more (?:\w+ )?like (?:her|him|them|you|that|this)",
        0.8,
    ),
    (
        r"(?:didn'?t|did not|don'?t|do not|never|didnt|dont) (?:have |had |need |needed )?(?:to )?"
        r"wait (?:long|too long|very long|much|for long|ages)|no (?:wait|waiting)\b",
        0.5,
    ),
    (r"(?:would|i'?d|we'?d) (?:just )?like to (?:say )?(?:a )?(?:big |huge |massive )?thank", 0.6),
    # shortfalls: "not enough staff", "too noisy at night", "short staffed"
    (
        r"(?:not|never|isn'?t|wasn'?t|aren'?t|weren'?t|isnt|wasnt|arent|werent) "
        r"(?:nearly |quite |always |really )?enough",
        -0.5,
    ),
    (
        r"(?<!not )(?<!n't )(?<!never )too (?:loud|noisy|cold|hot|warm|busy|crowded|slow|far|"
        r"early|late|much|many|few|little|small|expensive|strict|rushed|complicated|difficult|"
        r"hard|repetitive|bright|dark|boring)",
        -0.5,
    ),
    (r"(?:short|under) ?staffed|(?:shortage|lack) of staff", -0.6),
    (
        r"(?:wasn'?t|was not|weren'?t|were not|wasnt|werent|never|not) (?:being |been |ever )?"
        r"(?:told|informed|given|offered|updated|contacted|consulted|asked|introduced)",
        -0.5,
    ),
    (r"(?:not|never|wasn'?t|weren'?t|isn'?t|aren'?t|rarely) (?:ever )?on time", -0.5),
    (
        r"could (?:\w+ ){0,2}(?:a (?:bit|little|lot) |much |so much |slightly )?(?:better|quicker|"
        r"faster|clearer|sooner)",
        -0.5,
    ),
    (
        r"could (?:have )?(?:been|be|do|done) (?:a (?:bit|little|lot) |much |so much |slightly )?"
        r"(?:better|improved|quicker|faster|clearer|more)",
        -0.5,
    ),
    (
        r"(?:too|so|very|really|bare|proper|extremely|quite a|a) long (?:wait|waiting|time to wait)",
        -0.6,
    ),
    (r"long (?:wait|waits|waiting)", -0.6),
    (
        r"wait(?:ed|ing|s)? (?:for )?(?:ages|months|weeks|years|forever|so long|too long|"
        r"a long time|a while|hours)",
        -0.6,
    ),
    (r"waiting (?:list|lists|times?)", -0.4),
    (r"(?:kept|keep) (?:me |us )?waiting", -0.5),
    (r"(?:had|have|has) to wait", -0.4),
    (
        r"(?:takes?|took|taking) (?:too |so |very |really |bare |way too )?(?:long|ages|forever)",
        -0.5,
    ),
    (
        r"(?:no ?one|nobody|no body) (?:ever |really |actually )?(?:listen\w*|cares?|cared|call\w*|"
        r"rang|rings|came|got back|gets back|help\w*|explain\w*|told|tells|answer\w*|bothered)",
        -0.7,
    ),
    (
        r"(?:didn'?t|did not|don'?t|do not|never|doesn'?t|does not|wouldn'?t|would not|won'?t|"
        r"wont|dont|didnt) (?:really |even |ever |always |actually )?(?:listen|call|ring|phone|"
        r"get back|turn up|show up|reply|respond|explain|tell|care|bother|understand|answer|introduce|"
        r"take me seriously|believe)",
        -0.6,
    ),
    (
        r"(?:not|never) (?:being |been |really )?(?:listened to|heard|taken seriously|believed)",
        -0.6,
    ),
    (
        r"felt like (?:a number|a burden|a nuisance|i was (?:wasting|a burden|being a nuisance)|"
        r"nobody|no one|no-one|they didn'?t care)",
        -0.7,
    ),
    (
        r"(?:felt|feel|feeling|made me feel|makes me feel|make me feel) (?:so |very |really |a bit |"
        r"quite |a little |kind of |kinda )?(?:rushed|ignored|judged|patronised|dismissed|stupid|"
        r"worse|let down|unheard|unwelcome|uncomfortable|unsafe|small|silly|embarrassed|awkward|"
        r"like a child|anxious|worried|upset|scared|alone|lonely|invisible|useless|like a burden)",
        -0.6,
    ),
    (
        r"treated (?:me |us |him |her )?like (?:a child|a baby|a number|dirt|rubbish|an idiot|crap)",
        -0.8,
    ),
    (r"let (?:me |us |him |her |them )?down", -0.6),
    (r"waste of (?:time|money|space)", -0.8),
    (r"lack of", -0.5),
    (r"(?:sick of|sick and tired|fed up)", -0.7),
    (
        r"(?:hard|difficult|impossible) to (?:get|reach|contact|book|find|understand|talk|see|speak)",
        -0.5,
    ),
    (
        r"(?:couldn'?t|could not|can'?t|cannot) get (?:through|an appointment|hold|a response|"
        r"a reply|seen)",
        -0.5,
    ),
    (
        r"no (?:help|support|response|reply|answer|follow up|follow-up|one to talk to|communication|"
        r"information|info)",
        -0.5,
    ),
    (
        r"(?:the )?only (?:thing|problem|issue|criticism|complaint|negative|downside|gripe|niggle|"
        r"concern|improvement|suggestion)",
        -0.5,
    ),
    (r"could (?:do|use) with", -0.4),
    # A request for more of a good thing says it was missing: "Be more helpful",
    # "More friendly staff". The phrase takes in the good word so it is not counted.
    (
        r"^(?:please )?(?:be )?(?:a bit |a little |much )?more (?!than\b)\w+|^(?:please )?be \w+",
        -0.4,
    ),
    (
        r"(?:need|needs|needed) (?:to be )?(?:more|better|improving|improvement|sorting|sorted|"
        r"cleaning|updating|fixing|replacing|repairing|attention|addressing)",
        -0.4,
    ),
    # positive
    (
        r"(?:felt|feel|feeling|made me feel|make me feel|makes me feel|made us feel|make you feel|"
        r"makes you feel) (?:so |very |really |more |much |a lot |completely |totally )?"
        r"(?:listened to|heard|understood|supported|respected|welcome|welcomed|comfortable|safe|"
        r"at ease|valued|cared for|better|good|happy|confident|relaxed|calm|normal|included|"
        r"involved|positive|reassured|special|important|cared about|believed)",
        0.7,
    ),
    (r"(?:thank you|thanks|thank u|thankyou|many thanks|cheers)", 0.4),
    (
        r"keep (?:up the (?:good|great|excellent|fab|amazing) work|it up|doing what you(?:'re| are)? "
        r"doing|doing what you do|going as you are)",
        0.8,
    ),
    (r"(?:would|will|definitely|highly|i'?d|id|defo|deffo) recommend", 0.6),
    (r"(?:changed|saved|turned) my life(?: around)?|life ?(?:changing|saving)", 0.9),
    (r"made (?:a |such a |a big |a huge |a real |a massive |the )?difference", 0.7),
    (r"(?:can'?t|cannot|couldn'?t|could not|cant|couldnt) fault", 0.8),
    (r"(?:no complaints|nothing to complain about|not a single complaint)", 0.6),
    (r"nothing (?:was )?(?:ever )?too much (?:trouble|bother)", 0.8),
    (r"went (?:above and beyond|the extra mile|out of (?:their|her|his|the) way)", 0.8),
    (r"(?:above and beyond|over and above)", 0.7),
    (r"hard ?work(?:ing)?|work(?:ed|s)? (?:so |really |very )?hard", 0.5),
    (r"(?:can'?t|cannot|cant) wait (?:to|for|till|until)", 0.4),
    (r"there for (?:me|us|him|her|them)", 0.5),
    (r"took (?:the )?time (?:to|for|with)", 0.5),
    (r"put (?:me|us) at (?:ease|rest)", 0.6),
    (
        r"(?:well|nicely) (?:done|organised|organized|run|explained|looked after|informed|managed|"
        r"cared for|presented|treated|supported)",
        0.6,
    ),
    (r"looked after (?:me |us |him |her )?(?:so |very |really |extremely )?well", 0.6),
    # being looked after is what good care is; "not looked after" is negated like any praise
    (r"looked after|cared for", 0.4),
    (r"(?:so|very|really|extremely|always|incredibly) patient", 0.5),
    (r"on time", 0.3),
    (
        r"treated (?:me |us |him |her )?(?:right|well|fairly|kindly|with (?:respect|dignity|kindness)|"
        r"like (?:a person|an adult|a human|family))",
        0.6,
    ),
    (r"(?:worked (?:well )?(?:as|like) a team|team ?work|teamwork)", 0.5),
    (r"deserves? (?:a |an )?(?:pay rise|payrise|medal|more|praise|recognition|award|raise)", 0.7),
    (r"no (?:problems?|issues?|delays?|hassle|fuss)", 0.4),
    (r"(?:spot on|top notch|second to none|ten out of ten|10 ?/ ?10|5 stars|five stars)", 0.8),
    (
        r"(?:nice|good|great|lovely|kind|friendly|helpful|amazing|brilliant) (?:staff|people|team|"
        r"nurses?|doctors?|workers?)",
        0.6,
    ),
]


_PHRASE_PATTERNS: Final = [
    (re.compile(rf"\b(?:{pattern})\b"), score) for pattern, score in _PHRASES
]


# Per phrase, strings one of which any match contains (see screening.py).
_PHRASE_SCREEN: Final = LiteralScreen(
    (required_literals(pattern), order) for order, (pattern, _) in enumerate(_PHRASES)
)


def _phrase_matches(seq: list[str]) -> list[tuple[int, int, float]]:
    """Non-overlapping (start, end, score) phrase matches in the space-joined tokens.

    Where phrases overlap the earliest wins, then the one listed first.
    """
    joined = " ".join(seq)
    found: list[tuple[int, int, int, float]] = []
    for order in _PHRASE_SCREEN.owners_present(joined):
        regex, score = _PHRASE_PATTERNS[order]  # type: ignore[index]
        for m in regex.finditer(joined):
            found.append((m.start(), order, m.end(), score))
    found.sort()
    chosen: list[tuple[int, int, float]] = []
    last_end = -1
    for start, _, end, score in found:
        if start >= last_end:
            chosen.append((start, end, score))
            last_end = end
    return chosen


# --- answer-level context -----------------------------------------------------
_NOTHING_ANSWER_RE: Final = re.compile(
    r"(?:(?:honestly|tbh|ngl|um|erm|well|genuinely|literally|sadly|to be honest) )*"
    r"(?:(?:no|nope|nah|na|n a|nil|none|nothing|nowt|not really|not much|not a thing|"
    r"not anything|nothing much|nothing really|not at all|no thanks|no thank you|idk nothing|"
    r"definitely not|absolutely nothing|absolutely not|nothng|nothin|nuthin|nuffin|nuffink|"
    r"nothink|nthing|nothign|noting|non|nothing specific|nothing in particular)(?: |$))+"
    r"(?:(?:really|at all|whatsoever|at present|at the moment|at this time|at this stage|"
    r"currently|right now|so far|for now|as yet|yet|else|more|thanks|thank you|thank u|ty|"
    r"cheers|that i can think of|i can think of|i can think|to add|to say|to report|"
    r"to mention|to comment|comes to mind|springs to mind|i know of|sorry|honestly|tbh|ngl|"
    r"mate|lol|x|xx|xxx|emo_pos|emo_neu|i think|from me|for me|on my part|i'm afraid)(?: |$))*"
)
_NOTHING_TO_IMPROVE_RES: Final = [
    re.compile(
        r"\b(?:nothing|nowt|none|not a thing|not anything|not much)"
        r"(?: (?:really|at all|whatsoever|else|more|much|i can think of|that i can think of|"
        r"comes to mind|springs to mind|off the top of my head|in my opinion|for me|honestly))*"
        r"(?: (?:to|that|which|you|we|they|i|could|would|can|needs|need|needed|should|i'd|id|"
        r"be|been|have|done|do|really|any|your|the|service|team|staff|it|there|is|was))*"
        r" (?:improv\w*|better|chang\w*|different\w*|fault|fix\w*|add|added|suggest\w*|"
        r"complain\w*|alter\w*|amend\w*|wrong)\b"
    ),
    re.compile(
        r"\b(?:can'?t|cannot|can not|couldn'?t|could not|cant|couldnt) (?:really |honestly |"
        r"actually |even )?(?:think of|name|see) (?:anything|any thing|owt|nothing|something|"
        r"a thing|any improvements?|any changes?)"
    ),
    re.compile(
        r"\b(?:couldn'?t|could not|cannot|can'?t|can not|couldnt|cant) (?:have )?(?:been |be |"
        r"get |have been |of been |a been )?(?:any |much |a lot )?(?:better|improved|"
        r"ask for (?:more|better|anything more))\b"
    ),
    re.compile(r"\bno (?:improvements?|changes?|complaints?|suggestions?|criticisms?)\b"),
    re.compile(
        r"\b(?:don'?t|do not|dont) (?:think|believe|feel) (?:that )?(?:any )?(?:improvements?|"
        r"changes?) (?:is |are |were |was )?(?:needed|necessary|required)\b"
    ),
    re.compile(
        r"\b(?:no ?one|nobody|no-one|you|they|we|it|the \w+) (?:could|can) (?:have )?(?:\w+ )?"
        r"(?:better|more|any better)\b"
        r"|\b(?:couldn'?t|could not|cannot|can'?t|can not|couldnt|cant) (?:have )?(?:been |be |"
        r"done |do |ask for |wish for |have wished for |asked for |wished for )?(?:any |a |much )?"
        r"(?:more|better)\b"
        r"|\b(?:don'?t|do not|dont|can'?t|cannot|cant) (?:\w+ )?(?:think|see|know|imagine) "
        r"(?:how|what|where|anything|of anything|any way|any ways|ways?) (?:\w+ ){0,4}"
        r"(?:better|improved|improve|more|differently|changed|change)\b"
    ),
    re.compile(r"\b(?:don'?t|do not|dont) (?:change|alter) (?:a thing|anything|nothing)\b"),
    re.compile(
        r"\b(?:perfect|fine|great|good|happy|brilliant) (?:just )?(?:as it is|as is|"
        r"the way it is|how it is|as you are)\b"
    ),
    re.compile(
        r"\bkeep (?:up the (?:good|great|excellent|fab|amazing) work|doing what you|"
        r"it up|going as you are)"
    ),
]
_NOTHING_TO_IMPROVE_SCREEN: Final = LiteralScreen(
    (required_literals(r.pattern), i) for i, r in enumerate(_NOTHING_TO_IMPROVE_RES)
)
# "Nothing was good", "there was nothing good about it", "honestly nothing was any good":
# criticism whatever the question, and decided by these words, never outvoted by a model.
_NOTHING_GOOD_RE: Final = re.compile(
    r"(?:(?:honestly|tbh|ngl|um|erm|well|genuinely|literally|sadly|to be honest|absolutely|"
    r"really|just) )*"
    r"(?:nothing|none of it|not a thing|not one thing|not anything|nowt|nothin|nuthin|"
    r"there was nothing|there wasn'?t anything|there was not anything|there is nothing)"
    r"(?: (?:at all|really|honestly|tbh|whatsoever))?"
    r"(?: (?:was|were|is|has been|went|about (?:\w+ ){1,3}(?:was|were|is)))? "
    r"(?:good|great|nice|ok|okay|alright|helpful|any good|any help|positive|well|right|"
    r"good about (?:\w+ ){0,3}\w+)"
    r"(?: (?:at all|about (?:it|this|that|them|the \w+|my \w+|going|coming)|really|honestly|"
    r"tbh|whatsoever|to be honest|sadly|mate|lol|emo_neg))*"
    r"(?: (?:it|everything|all of it|the whole thing|they|the staff|the service) (?:was|were|is|"
    r"are) (?:\w+ ){0,2}(?:bad|awful|terrible|rubbish|crap|pants|horrible|useless|pointless|a "
    r"joke|a waste of time|rude|late))?"
)
_EVERYTHING_ANSWER_RE: Final = re.compile(
    r"(?:everything|every thing|all of it|all|the lot|all of the above|all of them|everyone|"
    r"every one|everybody|all the staff|all staff|everything and everyone|everyone and everything)"
    r"(?: (?:really|honestly|tbh|thanks|thank you|xx|x|emo_pos|was|is|about it|basically|"
    r"literally|to be honest))*"
)
# A suggestion asks for a change, which in feedback is a (mild) criticism: "More
# staff", "Be more helpful", "Let me go home quicker", "It would be nice if ...".
_SUGGESTION_RE: Final = re.compile(
    r"^(?:(?:a |a few |a bit |a little |some |much |far |way )?(?:more|less|fewer)|better|"
    r"quicker|faster|shorter|bigger|smaller|extra|earlier|cheaper|clearer|easier|sooner|"
    r"give|provide|offer|make|allow|add|introduce|get|try|maybe|perhaps|please|improve|"
    r"increase|reduce|change|stop|start|update|put|bring|include|use|be|let|see|do|ensure|"
    r"employ|hire|listen|ask|tell|explain|contact|call|ring|fix|sort|open|advertise|"
    r"to be|to have|to get|to see|to make|to give|to stop|to listen|have more|have a|"
    r"have an|have some|have someone|have the|teach|train|speed up|keep|answer|reply|respond|"
    r"communicate|inform|remember|consider|notify|arrange|organise|organize|recruit|invest|"
    r"fund|extend|expand|shorten|replace|repair|involve|speak|talk)\b"
    # "could" after "I" or "we" is mostly ability ("I felt I could tell her anything"),
    # except in "could have" ("we could have been told").
    r"|(?:\b(?:should|would)|(?<!\bi )(?<!\bwe )\bcould) (?:be|have|do|make|use|try|give|offer|"
    r"provide|improve|get|put|add|include|allow|consider|maybe|perhaps|benefit|help|like|prefer|"
    r"appreciate|listen|explain|tell|ask|call|ring|contact|see|let|stop|start|change)\b"
    r"|\bcould have\b"
    r"|\bcould (?:\w+ ){0,2}(?:better|more|quicker|faster|sooner|clearer|easier)\b"
    r"|\b(?:need|needs|needed) to (?:be|have|get|make|improve|change|stop|start|listen|give|"
    r"provide|sort|look|do|know|understand|explain|ask|tell|take|learn|work)\b"
    r"|\b(?:need|needs) (?:more|better)\b"
    r"|\b(?:wish|wished|if only|if there (?:was|were|had been|is))\b"
    r"|\b(?:i'?d|we'?d|would'?ve|would (?:have|of)) (?:have |of )?(?:like|liked|love|loved|prefer|"
    r"preferred|appreciate|appreciated)\b"
    r"|\b(?:more often|more regularly|more frequent|more time|more staff|more information|"
    r"more choice|more activities|more support|more help|more contact|more communication|"
    r"more appointments|more sessions|more options|more variety|more things)\b"
)

# A point to improve stated outright makes the comment critical however warm the
# rest is ("Staff lovely, but the food could be better"): feedback forms such as the
# NHS Friends and Family Test count any such point as criticism.
_IMPROVEMENT_POINT_RE: Final = re.compile(
    r"\b(?:could|can|should|needs? to|would) (?:be|have been|do) (?:a bit |a little |a lot |much |"
    r"so much |slightly )?(?:improved|better)\b"
    r"|\b(?:could|should|needs? to) improve (?:on|the|their|its|your|communication)\b"
    r"|\b(?:room for|needs?|in need of) (?:some )?improvement\b"
    r"|\b(?:an |some )?improvements? (?:is |are )?(?:needed|required|necessary)\b"
    r"|\b(?:would|i'?d|we'?d) (?:have |of )?(?:prefer|preferred)\b"
    r"|\b(?:only|main|one|biggest|slight|small|minor) (?:complaint|criticism|negative|downside|"
    r"gripe|issue|problem|concern|niggle)\b"
    r"|\b(?:would|will|it'?d) (?:be|have been) (?:more |really |so |very |much )?(?:nice|good|"
    r"great|helpful|better|useful|beneficial|handy|ideal) (?:if|to)\b"
)


def textblob_polarity(words: list[str]) -> tuple[float, float, int]:
    """TextBlob (PatternAnalyzer) polarity, subjectivity and number of scored words.

    Words are passed pre-tokenised, so TextBlob's own regex tokenizer is skipped. Scored by
    ``pattern_sentiment``, Voice's copy of TextBlob's lexicon and rules, which gives the
    same figures without importing TextBlob (and NLTK and SciPy with it).
    """
    return pattern_polarity(words)


@dataclass(frozen=True, slots=True)
class SentimentSignals:
    """Everything the rules found in one comment, before any trained model."""

    textblob: float
    subjectivity: float
    lexicon: float
    positive_hits: int
    negative_hits: int
    negated: bool
    nothing_to_improve: bool
    nothing_answer: bool
    everything_answer: bool
    suggestion: bool
    contrast_negative: bool
    question_mark: bool
    exclamation: bool
    n_tokens: int
    kind: str
    score: float
    # "Nothing was good": criticism whatever was asked (the engine lets these words decide)
    nothing_good: bool = False


def sentiment_signals(
    normalised_text: str, toks: list[str], question_kind: str | None = None
) -> SentimentSignals:
    """Compute the rule-based signals for one comment.

    ``normalised_text`` and ``toks`` come from :func:`text.normalise` and
    :func:`text.tokens`; they are passed in so callers tokenise only once.
    """
    kind = check_question_kind(question_kind)
    # ``seq`` keeps punctuation, which bounds negation and phrases; ``bare`` is the
    # answer without it, for whole-answer patterns such as "Nothing."
    seq = toks
    if _ANSWER_THEN_DASH_RE.match(normalised_text):
        seq = [toks[0], ",", *toks[1:]]  # "Nothing - excellent": the dash ends the answer
    words = [t for t in toks if t not in _PUNCT]
    bare = " ".join(words)

    # Phrases first; their words are consumed so they are not counted twice.
    contributions: list[tuple[float, int]] = []  # (polarity, token position)
    consumed: set[int] = set()
    matches = _phrase_matches(seq) if seq else []
    if matches:
        starts = _word_starts(seq)
    for start, end, polarity in matches:
        first = _position(starts, start)
        last = _position(starts, end - 1)
        consumed.update(range(first, last + 1))
        if polarity == 0.0:
            continue
        if polarity > 0 and _negated_before(seq, first, consumed):
            polarity = -0.5 * polarity
        contributions.append((polarity, first))

    negated = False
    textblob_words: list[str] = []
    for i, tok in enumerate(seq):
        if tok in _PUNCT:
            if tok == "!":
                textblob_words.append(tok)  # TextBlob boosts the word before "!"
            continue
        if tok in NEGATORS:
            negated = True
        if i in consumed:
            continue
        if tok in _CONTEXTUAL:
            p = _contextual_polarity(tok, seq, i)
        else:
            if not tok.startswith("emo_") and tok not in _TEXTBLOB_NOISE:
                textblob_words.append(tok)
            p = _word_polarity(tok)
        if p == 0.0:
            continue
        p *= _intensity_before(seq, i)
        # An emoji carries its own sentiment: "never rang back 👎" is not a double negative.
        if not tok.startswith("emo_") and _negated_before(seq, i, consumed):
            p *= -0.5
        contributions.append((max(-1.0, min(1.0, p)), i))

    tb_polarity, tb_subjectivity, tb_count = textblob_polarity(textblob_words)

    # After "but", "however", "only" ... the complaint is the point of the comment.
    contrast_at = next((i for i, w in enumerate(seq) if w in CONTRAST_WORDS), None)
    weighted_sum = 0.0
    weight_total = 0.0
    positive_hits = negative_hits = 0
    contrast_negative = False
    for polarity, position in contributions:
        # A complaint weighs more than praise: feedback forms are kind by habit, so a
        # criticism is usually the point of a mixed comment.
        weight = 1.5 if polarity < 0 else 1.0
        if contrast_at is not None:
            if position > contrast_at:
                weight = 1.8 if polarity < 0 else 1.0
                contrast_negative = contrast_negative or polarity < 0
            elif polarity > 0:
                weight = 0.7
        weighted_sum += weight * polarity
        weight_total += weight
        if polarity > 0:
            positive_hits += 1
        else:
            negative_hits += 1
    lexicon = weighted_sum / weight_total if weight_total else 0.0

    # TextBlob counts as one more (slightly discounted) voice in the average.
    if tb_count:
        tb_weight = 0.7 * tb_count
        base = (weighted_sum + tb_weight * tb_polarity) / (weight_total + tb_weight)
    else:
        base = lexicon

    nothing_answer = bool(bare) and _NOTHING_ANSWER_RE.fullmatch(bare) is not None
    nothing_to_improve = any(
        _NOTHING_TO_IMPROVE_RES[i].search(bare)  # type: ignore[index]
        for i in _NOTHING_TO_IMPROVE_SCREEN.owners_present(bare)
    )
    everything_answer = bool(bare) and _EVERYTHING_ANSWER_RE.fullmatch(bare) is not None
    nothing_good = bool(bare) and _NOTHING_GOOD_RE.fullmatch(bare) is not None
    if (
        kind == WHAT_GOOD
        and not nothing_good
        and words
        and words[0] in _LEADING_ANSWERS
        and negative_hits
        and not positive_hits
    ):
        nothing_good = True  # "What was good?" "Nothing, it was all bad"
    suggestion = _SUGGESTION_RE.search(bare) is not None
    improvement_point = _IMPROVEMENT_POINT_RE.search(bare) is not None

    score = -0.6 if nothing_good else _apply_context(
        base,
        kind,
        nothing_answer,
        nothing_to_improve,
        everything_answer,
        suggestion,
        improvement_point,
        negative_hits,
        contrast_negative,
    )
    return SentimentSignals(
        textblob=tb_polarity,
        subjectivity=tb_subjectivity,
        lexicon=lexicon,
        positive_hits=positive_hits,
        negative_hits=negative_hits,
        negated=negated,
        nothing_to_improve=nothing_to_improve,
        nothing_answer=nothing_answer,
        everything_answer=everything_answer,
        suggestion=suggestion,
        contrast_negative=contrast_negative,
        question_mark="?" in toks,
        exclamation="!" in toks,
        n_tokens=len(words),
        kind=kind,
        score=max(-1.0, min(1.0, score)),
        nothing_good=nothing_good,
    )


def _apply_context(
    base: float,
    kind: str,
    nothing_answer: bool,
    nothing_to_improve: bool,
    everything_answer: bool,
    suggestion: bool,
    improvement_point: bool,
    negative_hits: int,
    contrast_negative: bool,
) -> float:
    """Adjust the word-level score for what the question asked."""
    if nothing_answer:
        # "Nothing." praises when asked what to improve and criticises when asked what
        # was good. With the question unknown it leans to praise: in feedback forms a
        # bare "nothing" almost always answers "anything to improve?".
        return {COULD_IMPROVE: 0.6, WHAT_GOOD: -0.5, NONSPECIFIC: 0.3}[kind]
    if nothing_to_improve:
        return max(base, 0.6) if not contrast_negative else base + 0.3
    if everything_answer and negative_hits == 0:
        # "Everything" to "what could be better?" means everything could be better.
        return {WHAT_GOOD: 0.7, COULD_IMPROVE: -0.4, NONSPECIFIC: 0.5}[kind]
    score = base
    if kind == WHAT_GOOD:
        if abs(score) < 0.15 and negative_hits == 0:
            score = 0.35  # naming a good thing is praise, even in plain words
    elif kind == COULD_IMPROVE:
        if score < 0.35:
            score = min(score, 0.0) - 0.3  # naming something to improve is a criticism
    if improvement_point or (suggestion and kind != WHAT_GOOD and score < 0.4):
        score = min(score - 0.35, -0.15)
    return score


def _word_starts(words: list[str]) -> list[int]:
    starts, offset = [], 0
    for w in words:
        starts.append(offset)
        offset += len(w) + 1
    return starts


def _position(starts: list[int], char_index: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:  # last start <= char_index
        mid = (lo + hi + 1) // 2
        if starts[mid] <= char_index:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _intensity_before(words: list[str], i: int) -> float:
    factor = 1.0
    for j in (i - 1, i - 2):
        if j < 0 or words[j] in CLAUSE_BREAKS:
            break
        w = words[j]
        if w in INTENSIFIERS:
            factor *= INTENSIFIERS[w]
        elif w in DOWNTONERS:
            factor *= DOWNTONERS[w]
    return factor


# "Nothing, all the nurses were lovely" / "No happy with everything": a leading
# answer word is its own clause, not a negation of what follows.
_LEADING_ANSWERS: Final = frozenset({"no", "nothing", "none", "nope", "nah", "nil", "nowt"})
# Tokens drop dashes, so "Nothing - excellent service" is spotted on the text itself.
_ANSWER_THEN_DASH_RE: Final = re.compile(r"(?:no|nothing|none|nope|nah|nil|nowt) ?[-\u2013\u2014/]")
# "No happy with everything" is "No, happy with everything": "no" cannot negate these
# words directly ("no good", "no fun" it can, and stays a negation).
_STATE_AFTER_ANSWER: Final = frozenset(
    {"happy", "pleased", "satisfied", "content", "fine", "ok", "okay", "alright", "thanks"}
)


def _negated_before(
    words: list[str], i: int, consumed: set[int] | frozenset[int] = frozenset()
) -> bool:
    for j in range(i - 1, max(-1, i - 4), -1):
        w = words[j]
        if w in CLAUSE_BREAKS or w in CONTRAST_WORDS or j in consumed:
            return False  # a phrase already used its own negation
        if w in NEGATORS:
            if j == 0 and w in _LEADING_ANSWERS:
                if i > 1 and _word_polarity(words[1]) == 0.0:
                    return False
                if i == 1 and w in ("no", "nope", "nah") and words[1] in _STATE_AFTER_ANSWER:
                    return False
            return True
    return False


def label_for_score(score: float) -> str:
    """Map a score in [-1, 1] to positive / neutral / negative."""
    if score > NEUTRAL_BAND:
        return POSITIVE
    if score < -NEUTRAL_BAND:
        return NEGATIVE
    return NEUTRAL


def rule_sentiment(text: str, question_kind: str | None = None) -> tuple[str, float]:
    """Sentiment label and score from the rules alone (no trained model)."""
    norm = normalise(text)
    if not norm:
        return NEUTRAL, 0.0
    signals = sentiment_signals(norm, tokens(norm), question_kind)
    return label_for_score(signals.score), round(signals.score, 4)


# Dense features a trained model sees, in this order (see ``signal_vector``).
SIGNAL_FEATURES: Final[tuple[str, ...]] = (
    "textblob",
    "subjectivity",
    "lexicon",
    "positive_hits",
    "negative_hits",
    "negated",
    "nothing_to_improve",
    "nothing_what_good",
    "nothing_could_improve",
    "nothing_nonspecific",
    "everything_what_good",
    "everything_could_improve",
    "everything_nonspecific",
    "suggestion",
    "suggestion_could_improve",
    "contrast_negative",
    "question_mark",
    "exclamation",
    "short",
    "long",
    "score",
    "score_positive",
    "score_negative",
    "kind_what_good",
    "kind_could_improve",
    "kind_nonspecific",
)


def signal_vector(s: SentimentSignals) -> list[float]:
    """The signals as numbers, in ``SIGNAL_FEATURES`` order."""
    wg = s.kind == WHAT_GOOD
    ci = s.kind == COULD_IMPROVE
    ns = s.kind == NONSPECIFIC
    return [
        s.textblob,
        s.subjectivity,
        s.lexicon,
        math.tanh(s.positive_hits / 2),
        math.tanh(s.negative_hits / 2),
        float(s.negated),
        float(s.nothing_to_improve),
        float(s.nothing_answer and wg),
        float(s.nothing_answer and ci),
        float(s.nothing_answer and ns),
        float(s.everything_answer and wg),
        float(s.everything_answer and ci),
        float(s.everything_answer and ns),
        float(s.suggestion),
        float(s.suggestion and ci),
        float(s.contrast_negative),
        float(s.question_mark),
        float(s.exclamation),
        float(s.n_tokens <= 3),
        float(s.n_tokens > 40),
        s.score,
        max(s.score, 0.0),
        min(s.score, 0.0),
        float(wg),
        float(ci),
        float(ns),
    ]
