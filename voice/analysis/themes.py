"""Keyword and phrase rules that tag comments with themes.

Rules are plain data -- a theme key, the words or phrases that suggest it, and
words or phrases that rule it out -- so the participation team can edit them in
the app, and they round-trip through dicts and JSON.

Pattern syntax, kept deliberately simple for non-programmers:

* a word or phrase matches whole words, ignoring case: ``waiting list``;
* ``*`` at the end of a word matches any ending: ``wait*`` matches wait, waited,
  waiting;
* nothing else is special.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from .screening import LiteralScreen, required_literals
from .taxonomy import THEME_KEYS

__all__ = [
    "DEFAULT_RULES",
    "RuleError",
    "ThemeRule",
    "ThemeRules",
    "rules_from_json",
    "rules_to_json",
]

_PATTERN_OK = re.compile(r"^[\w'&/+-]+\*?(?: [\w'&/+-]+\*?)*$")


class RuleError(ValueError):
    """A theme rule is malformed (empty theme, bad pattern)."""


def _clean(pattern: str) -> str:
    return " ".join(pattern.lower().replace("\u2019", "'").split())


@dataclass(frozen=True)
class ThemeRule:
    """Words and phrases that tag a comment with ``theme``.

    ``exclude`` lists phrases that do not count towards this rule -- "waiting room"
    for the waiting theme, "kind of" for staff attitude -- without vetoing other
    matches: "I waited ages in the waiting room" still matches ``wait*``.
    """

    theme: str
    patterns: tuple[str, ...]
    exclude: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.theme or not self.theme.strip():
            raise RuleError("a rule needs a theme")
        cleaned = tuple(p for p in (_clean(x) for x in self.patterns) if p)
        excluded = tuple(p for p in (_clean(x) for x in self.exclude) if p)
        for p in cleaned + excluded:
            if not _PATTERN_OK.match(p):
                raise RuleError(
                    f"pattern {p!r} for theme {self.theme!r}: use words, spaces and a final *"
                )
        object.__setattr__(self, "patterns", cleaned)
        object.__setattr__(self, "exclude", excluded)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form (for JSON or a database column)."""
        return {"theme": self.theme, "patterns": list(self.patterns), "exclude": list(self.exclude)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ThemeRule:
        """Build a rule from :meth:`to_dict` output; raises RuleError if malformed."""
        try:
            theme = str(data["theme"])
            raw_patterns = data.get("patterns") or ()
            raw_exclude = data.get("exclude") or ()
            if isinstance(raw_patterns, str) or isinstance(raw_exclude, str):
                raise TypeError("patterns must be a list")
            patterns = tuple(str(p) for p in raw_patterns)
            exclude = tuple(str(p) for p in raw_exclude)
        except (KeyError, TypeError, AttributeError) as exc:
            raise RuleError(f"not a theme rule: {data!r}") from exc
        return cls(theme, patterns, exclude)


# Patterns match whole words: not preceded or followed by a letter, digit or apostrophe.
_OPEN = r"(?<![\w'])(?:"
_CLOSE = r")(?![\w'])"


def _regex(patterns: Sequence[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    parts = []
    for pattern in sorted(set(patterns), key=len, reverse=True):
        words = []
        for word in pattern.split(" "):
            if word.endswith("*"):
                words.append(re.escape(word[:-1]) + r"[\w'-]*")
            else:
                words.append(re.escape(word))
        parts.append(r"[\s,.;:!?-]+".join(words))
    return re.compile(_OPEN + "|".join(parts) + _CLOSE)


class ThemeRules:
    """A compiled set of rules; :meth:`match` returns the themes a text has.

    Several rules may share a theme; a theme matches if any of its rules does.
    Themes come back in taxonomy order, then any others in the order first seen.
    """

    def __init__(self, rules: Iterable[ThemeRule]) -> None:
        self.rules: tuple[ThemeRule, ...] = tuple(rules)
        order = list(THEME_KEYS)
        for rule in self.rules:
            if rule.theme not in order:
                order.append(rule.theme)
        compiled: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]] = []
        for theme in order:
            mine = [r for r in self.rules if r.theme == theme]
            for rule in mine:
                include = _regex(rule.patterns)
                if include is not None:
                    compiled.append((theme, include, _regex(rule.exclude)))
        self._compiled = compiled
        # Skip rules that cannot match (see screening.py); this is most of them.
        self._screen = LiteralScreen(
            (required_literals(include.pattern), position)
            for position, (_, include, _) in enumerate(compiled)
        )
        self.themes: tuple[str, ...] = tuple(
            t for t in order if any(r.theme == t for r in self.rules)
        )

    def match(self, normalised_text: str) -> tuple[str, ...]:
        """Themes whose rules match ``normalised_text`` (lower-cased, see text.normalise)."""
        candidates = self._screen.owners_present(normalised_text)
        if not candidates:
            return ()
        found: list[str] = []
        for position, (theme, include, exclude) in enumerate(self._compiled):
            if position not in candidates or theme in found:
                continue
            text = exclude.sub(" ", normalised_text) if exclude is not None else normalised_text
            if include.search(text):
                found.append(theme)
        return tuple(found)

    def to_list(self) -> list[dict[str, Any]]:
        """The rules as plain data."""
        return [r.to_dict() for r in self.rules]

    @classmethod
    def from_list(cls, data: Iterable[Mapping[str, Any]]) -> ThemeRules:
        """Rules from :meth:`to_list` output."""
        return cls(ThemeRule.from_dict(d) for d in data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ThemeRules) and self.rules == other.rules

    def __hash__(self) -> int:
        return hash(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


def rules_to_json(rules: ThemeRules | Iterable[ThemeRule]) -> str:
    """Serialise rules to a JSON string."""
    items = rules.to_list() if isinstance(rules, ThemeRules) else [r.to_dict() for r in rules]
    return json.dumps(items, ensure_ascii=False, indent=2)


def rules_from_json(text: str) -> ThemeRules:
    """Parse rules from :func:`rules_to_json` output; raises RuleError if malformed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleError(f"rules are not valid JSON: {exc}") from exc
    if not isinstance(data, list):
        raise RuleError("rules must be a JSON list")
    return ThemeRules.from_list(data)


def _rule(theme: str, patterns: str, exclude: str = "") -> ThemeRule:
    """Build a built-in rule from '|'-separated patterns (compact to read and edit)."""
    split = lambda s: tuple(p.strip() for p in s.split("|") if p.strip())  # noqa: E731
    return ThemeRule(theme, split(patterns), split(exclude))


# The built-in rules, in young people's and staff's words. Written for recall on the
# words people actually use; the participation team can add to them in the app.
DEFAULT_RULES: Final[tuple[ThemeRule, ...]] = (
    _rule(
        "waiting_and_access",
        "wait* | waiting list* | waiting time* | queue* | took ages | takes ages | took forever"
        " | takes forever | took too long | takes too long | took so long | too long | so long"
        " | delay* | get an appointment | get seen | getting seen | got seen | be seen | seen sooner"
        " | seen quicker | referral* | referred | re-referred | for months | for weeks | for ages"
        " | for years | months to | weeks to | no appointments | appointment times | sooner"
        " | opening hours | open longer | opening times | after school | evening* | weekend*"
        " | drop in | drop-in | walk in | turned away | not ill enough | not bad enough"
        " | criteria | access | accessible | hard to get | couldn't get | could not get"
        " | fit me in | squeeze me in | slots | availability | appointment available",
        "waiting room* | waiting area* | can't wait to | cannot wait to | cant wait to",
    ),
    _rule(
        "listened_to",
        "listen* | heard me | not heard | never heard | felt heard | feel heard | unheard"
        " | my views | my view | my opinion* | my say | a say | have a say | had a say"
        " | involved | involve* | included me | include me | asked me | ask me | asked what i"
        " | asked my | decision* | decide* | choice* | choose | chose | my ideas"
        " | took me seriously | take me seriously | taken seriously | believed me | believe me"
        " | didn't believe | did not believe | talked over me | talk over me | spoke over me"
        " | talked about me | ignored | ignore* | brushed off | fobbed off | dismiss* | youth council"
        " | consult* | co-produc* | coproduc* | what i wanted | what i want | what i need"
        " | what i needed | my wishes",
    ),
    _rule(
        "communication",
        "kept informed | keep me informed | keep us informed | kept in the loop | in the loop"
        " | keep us updated | keep me updated | kept updated | update* | let me know"
        " | let us know | letting me know | told me | tell me | never told | nobody told"
        " | no one told | wasn't told | was not told | explain* | letter* | text* me | texted"
        " | message* | call* back | rang back | ring back | phoned back | get back to"
        " | rang me back | ring me back | call me back | called me back | phone me back"
        " | phoned me back | get back to me | got back to me"
        " | got back to | heard back | hear back | no reply | replied | reply | respond*"
        " | response | information | info | jargon | big words | plain words | plain english"
        " | easy read | easy to understand | hard to understand | confus* | unclear | clear"
        " | clearly | communicat* | email* | what was happening | what's happening"
        " | what happens next | what would happen | what will happen | talked to my mum"
        " | spoke to my mum | talked to my dad | spoke to my dad | talked to my parent*"
        " | spoke to my parent* | instead of me | not to me | contact*",
    ),
    _rule(
        "doing_what_you_said",
        "promise* | said they would | said they'd | said you would | said you'd | said she would"
        " | said he would | said they will | didn't happen | never happened | never did"
        " | didn't do | did not do | kept their word | kept your word | keep your word"
        " | kept promise* | follow through | followed through | follow* up | follow-up"
        " | cancel* | didn't turn up | did not turn up | didn't show | no show | no-show"
        " | turned up late | late | on time | reliab* | unreliab* | rearrang* | rescheduled"
        " | let me down | let us down | forgot* | forget* | never came | still waiting for"
        " | you said we did | do what you say | did what they said | did what she said"
        " | did what he said | stuck to | kept to | punctual",
    ),
    _rule(
        "staff_attitude",
        "rude* | kind | kindness | unkind | friendly | unfriendly | nice | lovely | respect*"
        " | disrespect* | patronis* | patroniz* | condescend* | judg* | non-judg* | non judg*"
        " | treated me like | treat me like | treated us like | talked down | talk down"
        " | talks down | caring | uncaring | cared about | polite* | impolite | attitude*"
        " | horrible | mean to me | were mean | was mean | shouted | shout* | laughed at"
        " | laugh at | made fun | helpful | unhelpful | welcoming | unwelcoming | understanding"
        " | trust* | genuine | warm | funny | approachable | sympathetic | empath* | compassion*"
        " | patient with | impatient | supportive | gentle | arrogant | cold | moody | snappy"
        " | sarcastic | made me feel | makes me feel | dignity | manner* | bedside manner"
        " | down to earth | easy to talk to | hard to talk to | felt comfortable | feel comfortable"
        " | put me at ease | lovely staff | staff were | staff are | staff was"
        # young people's praise for a person (issue 12): "my worker is sound", "lowkey the
        # nurse was a vibe", "she's a legend"
        " | is sound | was sound | are sound | were sound | so sound | proper sound | dead sound"
        " | well sound | sound as | a vibe | is a vibe | was a vibe | a legend | a gem | an angel"
        " | the goat",
        "nhs trust | foundation trust | kind of | kinda",
    ),
    _rule(
        "joined_up_care",
        "tell my story | telling my story | told my story | my story again | repeat*"
        " | again and again | over and over | same questions | same thing again"
        " | explain everything again | start again | started again | from scratch"
        " | passed around | passed between | passed from | passed on | pushed from | ping pong"
        " | pingpong | bounced | different worker* | new worker* | changed worker*"
        " | keep changing | kept changing | keeps changing | changing workers | same worker"
        " | same person | same nurse | same doctor | same therapist | continuity | consisten*"
        " | inconsisten* | joined up | joined-up | join up | talk to each other"
        " | talking to each other | speak to each other | between services | between teams"
        " | other services | another service | handover | hand over | coordinat* | co-ordinat*"
        " | integrat* | signpost* | referred on | bounced between | different people"
        " | lots of people | too many people",
    ),
    _rule(
        "moving_to_adult_services",
        "adult services | adult service | adult mental health | adult team | adult camhs"
        " | adult social care | adult side | adults services | turn 18 | turned 18 | turning 18"
        " | turn eighteen | turning eighteen | when i'm 18 | when im 18 | at 18 | over 18"
        " | 18th birthday | eighteenth birthday | transition* | moving on | move on | moved on"
        " | leaving care | left care | care leaver* | leaving camhs | left camhs | aged out"
        " | age out | too old for | grown up services | grown-up services | pathway plan"
        " | personal adviser | personal advisor | independent living | move to adult*"
        " | moved to adult* | moving to adult*",
    ),
    _rule(
        "feeling_safe_and_privacy",
        "safe | unsafe | safety | safely | private | privacy | privately | confidential*"
        " | on my own with | by myself with | alone with | talk alone | talk to me alone"
        " | see me alone | saw me alone | without my parents | without my mum | without my dad"
        " | in front of my | in front of everyone | overheard | over heard | could hear"
        " | everyone could hear | told my parents | told my mum | told my dad | told my school"
        " | told my teacher | shared my | without asking me | without my permission | secret*"
        " | scared | frightened | afraid | security | secure | locked | curtain*",
        "safe to say | safe bet",
    ),
    _rule(
        "place_and_travel",
        "bus | buses | train | trains | taxi | travel* | journey | far away | too far | so far away"
        " | distance | miles | parking | car park | park | get there | getting there | location"
        " | building | room | rooms | waiting room* | waiting area* | clinic | centre | center"
        " | venue | comfy | comfortable | uncomfortable | sofa* | chair* | decor | toilet*"
        " | clean | cleaner | cleaning | cleanliness | dirty | smell* | noisy | noise | quiet"
        " | too hot | too cold | freezing | food | meal* | drink* | snack* | wifi | wi-fi"
        " | games | tv | television | environment | ward | hospital | nearby | local | closer to"
        " | close to home | near home | home visit* | fares | lift | lifts | accessible building"
        " | wheelchair | stairs | facilities | equipment | décor | bright | dark | posters on",
    ),
    _rule(
        "online_and_phone",
        "online | on line | phone* | telephone | mobile | calls | call me | video | zoom"
        " | teams call | ms teams | facetime | text | texts | texting | whatsapp | app | apps"
        " | website | web site | email* | e-mail* | chat | webchat | web chat | kooth | virtual"
        " | face to face | face-to-face | in person | voicemail | answer the phone"
        " | answered the phone | instagram | snapchat | tiktok | social media | laptop"
        " | internet | digital | remote*",
    ),
    _rule(
        "knowing_whats_available",
        "didn't know | did not know | didnt know | never knew | wish i knew | wish i'd known"
        " | wish i had known | find out | found out | finding out | where to go | who to ask"
        " | who to talk to | who to contact | what help | what support | what's available"
        " | whats available | what is available | available | advertis* | poster* | leaflet*"
        " | signpost* | information about | know about | knew about | heard about | hear about"
        " | aware | awareness | unaware | nobody told me about | no one told me about"
        " | existed | exists | promot* | word of mouth | more people know | let people know"
        " | publicis* | publiciz*",
    ),
    _rule(
        "quality_of_support",
        "help | helped | helping | helps | helpful | unhelpful | support | supported | supporting"
        " | useful | useless | pointless | worked for me | didn't work | did not work"
        " | doesn't work | made a difference | makes a difference | difference | progress"
        " | coping | cope | strategies | strategy | techniques | tools | therapy | therapies"
        " | counselling | counseling | sessions | session | advice | treatment | medication"
        " | meds | effective | ineffective | quality | skilled | knowledge* | knowledgeable"
        " | knew what they were doing | professional* | experienced | trained | training"
        " | changed my life | saved my life | feel better | felt better | feeling better"
        " | getting better | got better | got worse | not enough sessions | more sessions"
        " | time with | care | cared for | looked after | well looked after | expert* | competent"
        " | incompetent | assessment | diagnosis | care plan | plan",
        "care leaver* | care home* | in care",
    ),
    _rule(
        "praise",
        "thank* | thanks | thx | ty | cheers | grateful | brilliant | amazing | excellent"
        " | fantastic | fab | fabulous | great | love | loved | best | perfect | superb"
        " | outstanding | wonderful | legend* | couldn't be better | could not be better"
        " | couldn't have been better | nothing to improve | keep up the good work | keep it up"
        " | recommend* | 10/10 | 10 out of 10 | ten out of ten | 5 stars | five stars"
        " | well done | big up | shout out | shoutout | can't fault | cannot fault | couldn't fault"
        " | above and beyond | star | stars | superstar* | bless | appreciate* | marvellous"
        " | exceptional | second to none | spot on",
        "wouldn't recommend | would not recommend | not recommend | not great | not the best"
        " | not brilliant | not amazing | not excellent | not perfect | not good",
    ),
)
