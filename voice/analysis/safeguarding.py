"""Flag comments that may disclose harm or risk, with the reason -- recall first.

A flag is never a finding: it sends the comment to a person (the service's
safeguarding lead) at once, and the comment is not published. Missing a disclosure
is far worse than asking a person to read a comment that turns out to be fine, so
the patterns are broad. What they must not do is flag the ordinary language of
safety and care -- "I feel safe here", "the staff keep us safe", "we talked about
bullying in group" -- which is masked out before matching.

The patterns are written from the situations described in published safeguarding
training for people who work with children (NSPCC, local safeguarding partnership
guidance): what a disclosure can sound like, often indirect and in the young
person's own words and spelling.

Rules find what their writers thought of. A learned second check
(``safeguarding_model.py``) reads every comment the rules leave unflagged and flags
those worded like the disclosures it learnt from, with the reason
``worded_like_a_disclosure``. A comment is flagged when the rules OR the model fire;
without the model's files the rules work alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from .safeguarding_model import LEARNED_REASON, builtin_safeguarding_model
from .screening import LazyPattern, LazyScreen, LiteralScreen, required_literals, split_alternatives
from .text import normalise, tokens

__all__ = [
    "LEARNED_REASON",
    "REASON_LABELS",
    "REASON_TIERS",
    "RULE_CATEGORIES",
    "SAFEGUARDING_CATEGORIES",
    "TIER_LABELS",
    "learned_check_input",
    "left_to_rules",
    "reason_label",
    "reason_tier",
    "rule_reasons",
    "safeguarding_check",
    "safeguarding_check_many",
    "safeguarding_check_normalised",
]

# Reason codes the rules give, in the order reasons are reported.
RULE_CATEGORIES: Final[tuple[str, ...]] = (
    "suicidal_thoughts",
    "self_harm",
    "abuse",
    "sexual_exploitation",
    "domestic_abuse",
    "neglect",
    "unsafe_at_home",
    "feels_unsafe",
    "bullying",
    "exploitation_and_drugs",
    "going_missing",
    "honour_based_abuse",
    "radicalisation",
    "trafficking_and_forced_work",
)
# Every reason a flag can carry: the rules' reasons, then the learned check's, given
# only when no rule matched.
SAFEGUARDING_CATEGORIES: Final[tuple[str, ...]] = (*RULE_CATEGORIES, LEARNED_REASON)

# What each reason means, in the words a safeguarding lead reads (docs/analysis.md lists the same).
REASON_LABELS: Final[dict[str, str]] = {
    "suicidal_thoughts": "thoughts of suicide or of not wanting to be alive",
    "self_harm": "hurting themselves",
    "abuse": "being hurt, touched, threatened or put down by someone",
    "sexual_exploitation": "an older person giving things, asking for pictures or to meet",
    "domestic_abuse": "violence or control between adults at home",
    "neglect": "no food, no care, left alone, or an unsafe or cold home",
    "unsafe_at_home": "scared of home or of someone there",
    "feels_unsafe": "scared of a person or place, or threatened",
    "bullying": "being bullied, in person or online",
    "exploitation_and_drugs": "county lines, carrying for others, owing people, knives or gangs",
    "going_missing": "running away, staying out, nobody knowing where they are",
    "honour_based_abuse": "forced marriage, FGM, or control for the family's honour",
    "radicalisation": "being drawn into extremist groups or ideas",
    "trafficking_and_forced_work": "being moved, made to work, or held by others",
    LEARNED_REASON: "no rule matched, but it is worded like a disclosure",
}


def reason_label(reason: str) -> str:
    """The plain words for a reason code (an unknown code is shown as it is)."""
    return REASON_LABELS.get(reason, reason)


# How urgent a reason is, for the order of the safeguarding lead's queue (issue 12):
# 1 a risk to life now, 2 abuse and exploitation, 3 other concerns. Going missing and
# radicalisation are forms of exploitation in UK safeguarding guidance, so they are tier 2.
# A flag only the learned check gave, or an item a person escalated without a reason code,
# is tier 3: the lead reads it like any other, after the urgent ones.
TIER_LIFE: Final = 1
TIER_ABUSE: Final = 2
TIER_CONCERN: Final = 3
REASON_TIERS: Final[dict[str, int]] = {
    "suicidal_thoughts": TIER_LIFE,
    "self_harm": TIER_LIFE,
    "abuse": TIER_ABUSE,
    "sexual_exploitation": TIER_ABUSE,
    "domestic_abuse": TIER_ABUSE,
    "neglect": TIER_ABUSE,
    "unsafe_at_home": TIER_ABUSE,
    "exploitation_and_drugs": TIER_ABUSE,
    "going_missing": TIER_ABUSE,
    "honour_based_abuse": TIER_ABUSE,
    "radicalisation": TIER_ABUSE,
    "trafficking_and_forced_work": TIER_ABUSE,
    "feels_unsafe": TIER_CONCERN,
    "bullying": TIER_CONCERN,
    LEARNED_REASON: TIER_CONCERN,
}
TIER_LABELS: Final[dict[int, str]] = {
    TIER_LIFE: "Risk to life",
    TIER_ABUSE: "Abuse or exploitation",
    TIER_CONCERN: "Other concern",
}
# Someone in danger right now: whatever the reason, the lead must read it first.
_DANGER_NOW: Final = re.compile(
    r"\b(?:right now|tonight|at the moment|this minute|(?:is|'?s|are|'?re) (?:here|home|"
    r"outside|coming (?:back|home|round))(?: now)?|(?:help|please help)(?: me)? now|"
    r"i'?m (?:scared|frightened|terrified|not safe)(?: right)? now|not safe now)\b"
)


def reason_tier(reasons: Sequence[str], text: str | None = None) -> int:
    """The most urgent tier among ``reasons`` (3 when there are none).

    With ``text``, a flagged comment that says the danger is now ("he's home now",
    "tonight") is tier 1 whatever its reasons.
    """
    tier = min((REASON_TIERS.get(r, TIER_CONCERN) for r in reasons), default=TIER_CONCERN)
    if tier > TIER_LIFE and reasons and text and _DANGER_NOW.search(normalise(text)):
        return TIER_LIFE
    return tier

_NEG = r"(?:don'?t|do not|dont|never|not|doesn'?t|does not|didn'?t|did not|no longer|cant|can'?t|cannot|aint|ain'?t|isn'?t|wasn'?t)"  # noqa: E501
_SELF = r"(?:my ?self|me self|meself|myslef|mysef|my self)"
# People who might harm a child, as children name them.
_PERSON = (
    r"(?:he|she|they|him|her|dad|daddy|mum|mam|mom|mummy|step ?dad|step ?mum|step ?mom|"
    r"stepfather|stepmother|father|mother|parents?|brother|sister|uncle|aunt|auntie|nan|nana|"
    r"gran|grandad|grandpa|grandma|cousin|carer|carers|foster (?:carer|mum|dad|parents?)|"
    r"boyfriend|girlfriend|partner|bf|gf|teacher|coach|someone|somebody|people|kids|boys|girls|"
    r"lads|man|men|guy|guys|older (?:boys|lads|kids|people)|mum'?s (?:boyfriend|partner)|"
    r"dad'?s (?:girlfriend|partner))"
)
_HARM_VERB = (
    r"(?:hits?|hitting|hit|beats?|beating|beat|batters?|battered|slaps?|slapped|slapping|"
    r"punch(?:es|ed|ing)?|kicks?|kicked|kicking|chok(?:es|ed|ing)|strangl(?:es|ed|ing)|"
    r"hurts?|hurting|hurt|burns?|burnt|burned|shov(?:es|ed|ing)|pins?|pinned|bites?|bit|"
    r"whips?|whipped|smacks?|smacked|smacking|belts?|belted|"
    r"thumps?|thumped|chucks? things at|throws? things at|threw things at|drags?|dragged|"
    r"touch(?:es|ed|ing)?|strikes?|struck|attacks?|attacked|kicks? off at|kicked off at|"
    r"tie[sd]? up|holds? me down|held me down)"
)
_FAMILY = (
    r"(?:mum|mam|mom|mummy|dad|daddy|step ?dad|step ?mum|stepdad|stepmum|parents?|carers?|"
    r"nan|gran|foster (?:carer|carers|mum|dad|parents?))"
)

_PATTERNS: Final[dict[str, list[str]]] = {  # keys: RULE_CATEGORIES
    "suicidal_thoughts": [
        rf"kill(?:ing|ed)? {_SELF}",
        r"\bkms\b|\bkys\b",
        r"suicid\w*|sewerslide|sewer slide|unaliv\w*|un-aliv\w*|end my life|take my (?:own )?life|"
        r"taking my (?:own )?life|took my (?:own )?life",
        r"(?:want|wanted|wanna|going|gonna|thinking|thought|think|plan|planned|planning|tried|"
        r"try|trying) (?:to |about |of )?(?:end(?:ing)?|stop(?:ping)?) (?:it all|it|my life|"
        r"everything|things|living|existing|being alive)",
        r"end it all|ending it all",
        r"(?:want|wanted|wanna|wish|wished) (?:to |i (?:was|were|could) )?(?:die|be dead|dead|"
        r"disappear forever|not (?:exist|be here|be alive|wake up)|never wake up|sleep forever)",
        r"wish i (?:wasn'?t|was not|weren'?t|had never been|hadn'?t been|was never) "
        r"(?:here|alive|born|around)",
        r"better off (?:dead|without me|if i (?:was|were)n'?t (?:here|around|alive)|if i died)",
        r"(?:no|what'?s the|whats the) point (?:in )?(?:living|being alive|going on|carrying on|"
        r"me being here|of me|in me|anymore|any more|to anything)",
        r"no reason to (?:live|be alive|carry on|go on|stay)",
        rf"{_NEG} (?:really )?(?:want|wanna) to (?:live|be alive|be here anymore|exist|wake up|"
        r"be here any more|carry on|go on)",
        r"(?:can'?t|cant|cannot) (?:go on|do this anymore|do this any more|take it anymore|"
        r"take it any more|cope anymore|cope any more|carry on)",
        rf"(?:jump|jumping|jumped) (?:off|in front of)|hang(?:ing|ed)? {_SELF}|"
        rf"(?:drown|drowning|poison|poisoning|shoot|shooting) {_SELF}",
        r"(?:suicide|goodbye) (?:note|letter)|said (?:my )?goodbyes|"
        r"(?:give|gave|giving) (?:away )?(?:all )?my (?:stuff|things) away",
        r"not (?:be|being) (?:here|around) (?:anymore|any more|much longer|for long)",
        r"(?:everyone|everybody|people|they|my family) (?:would|will|'?d) be (?:better|happier) "
        r"(?:off )?without me",
        r"(?:thoughts|thinking|think) (?:about|of) (?:dying|death|killing|ending)",
        r"(?:try|tried|trying) (?:and|to) die|never wake up|(?:not|never) (?:going to|gonna) be (?:here|around)",
        r"(?:feel|felt|feeling|feels) like (?:ending|killing|dying|giving up on)",
        r"(?:dark|bad|horrible|scary) thoughts",
    ],
    "self_harm": [
        r"self[- ]?harm\w*|selfharm\w*|self[- ]?injur\w*",
        rf"(?:harm|harms|harming|harmed|hurt|hurts|hurting|hurted|cut|cuts|cutting|burn|burns|"
        rf"burning|burnt|burned|scratch|scratching|scratched|hit|hitting|punch|punching|punched|"
        rf"starve|starving|starved|bite|biting|bit) {_SELF}",
        r"(?:i've|ive|i have|i been|been|started|start|still|keep|keeps) (?:been )?cutting\b|"
        r"\bi (?:still )?cut (?:again|my (?:arms?|legs?|wrists?|thighs?|stomach|skin|hips?|body))",
        r"cutting again|cut again|relaps\w*",
        r"cuts? (?:on|all over|up) my (?:arms?|legs?|wrists?|thighs?|stomach|body|hips?)",
        r"scars? (?:on|all over) my|my scars|hide my (?:arms|scars|cuts)|long sleeves? (?:to|so)",
        r"(?:my|the|hide|hid|hiding|hidden|found|find|took|take) (?:razor )?blades?|razor blades?|"
        r"pencil sharpener blades?",
        r"\b(?:my|i|did|do|an) sh\b|\bsh (?:again|scars?|urges?|marks?|cuts?|wounds?|relapse|"
        r"clean|free)\b",
        r"overdos\w*|\bod(?:'d|ed)\b|took (?:too many|loads of|a load of|lots of|all my|a bunch of|"
        r"a whole (?:packet|box) of) (?:pills|tablets|paracetamol|meds|medication)|"
        r"swallow(?:ed|ing)? (?:pills|tablets|paracetamol|bleach)",
        rf"(?:make|made|making) {_SELF} (?:sick|throw up|vomit|bleed)",
        r"(?:not eating|stopped eating|stop eating|don'?t eat|dont eat) (?:on purpose|for days|"
        r"so i|to punish)",
        rf"punish(?:ing)? {_SELF}|bang(?:ing|ed|s)? my head|(?:punch|punching|punched|hit|"
        r"hitting) (?:walls|the wall|a wall)",
        r"(?:urge|urges) to (?:cut|hurt|harm)",
    ],
    "abuse": [
        rf"\b{_PERSON} (?:\w+ ){{0,3}}{_HARM_VERB} (?:me|us|my (?:little |baby |big )?"
        r"(?:brother|sister|brothers|sisters))\b",
        # "pushed me to do my best" and "grabbed me a drink" are not harm
        rf"\b{_PERSON} (?:\w+ ){{0,3}}(?:push(?:es|ed|ing)?|grabs?|grabbed|grabbing) me (?:down|"
        r"over|into|against|around|about|off|out|up against|by|hard|and)\b",
        r"\b(?:get|gets|got|getting|been|being|was|were) (?:\w+ )?(?:smacked|hit|beaten|beat|"
        r"battered|slapped|punched|kicked|hurt|strangled|choked|burnt|burned|whipped|belted|"
        r"attacked|locked in|locked up|tied up) (?:up )?(?:at home|by (?:my|him|her|them|dad|mum|"
        r"mam|mom|step ?dad|step ?mum|he|she)|for no reason|if i|when i|every)",
        r"bruis\w*|black eye|marks on my (?:arms?|legs?|back|body|face|neck)|"
        r"(?:cig|cigarette|fag) burns?",
        r"(?:call|calls|called|calling) me (?:names|stupid|fat|ugly|worthless|useless|thick|"
        r"a (?:waste|mistake|burden|failure|slag|slut|retard|freak))",
        r"(?:says?|said|tells?|told|telling) (?:me )?(?:that )?i'?m (?:worthless|useless|a mistake|"
        r"a burden|nothing|a waste)|(?:says?|said|tells?|told) (?:me )?(?:that )?i (?:was|am) "
        r"(?:worthless|useless|a mistake|a burden|nothing|a waste)",
        r"wish(?:es|ed)? (?:i|id|i'?d) (?:was|were)n'?t born|wish(?:es|ed)? (?:i|they|she|he) "
        r"had never had me|never wanted me",
        r"(?:screams?|screamed|screaming|shouts?|shouted|shouting|swears?|swore|swearing) at me",
        r"threaten(?:s|ed|ing)? (?:to )?(?:hit|hurt|kill|beat|batter|kick me out|throw me out|"
        r"put me in care|send me away)",
        r"(?:locks?|locked|locking) me (?:in|out|up)|(?:won'?t|wont|doesn'?t|don'?t|never) let me "
        r"(?:eat|leave|go out|see my friends|have friends|talk to anyone)|not allowed to (?:eat|"
        r"leave the house|go out|see my friends|have friends|talk to anyone)(?! (?:in|on|during) "
        r"(?:the|class|lessons?))",
        r"touch(?:es|ed|ing)? (?:me )?(?:where|there|in places|down there|inappropriately|"
        r"my (?:private|privates|bum|chest|boobs|breasts|willy|penis|vagina|body))",
        r"(?:made|makes|make|making|forced|forces) me (?:touch|do (?:things|stuff|sexual)|watch "
        r"(?:things|porn|videos)|take (?:my )?clothes off|undress|kiss)",
        r"sexual(?:ly)?|rape\w*|raped|molest\w*|grop(?:e|ed|es|ing)|fiddl(?:ed|es|ing) with me|"
        r"interfer(?:ed|es|ing) with me|flash(?:ed|es|ing) (?:me|himself|herself)|"
        r"exposed (?:himself|herself)|show(?:ed|s)? me (?:his|her) (?:private|privates|body|willy|"
        r"penis|bits)|porn",
        r"(?:comes?|came|coming) (?:in)?to my (?:room|bed) at night|in my bed at night",
        r"abus\w*|mistreat\w*|ill[- ]?treat\w*",
    ],
    "sexual_exploitation": [
        r"older (?:boyfriend|boy|boys|man|men|guy|guys|lad|lads|friends?) (?:who|that|gives?|"
        r"gave|buys?|bought|picks?|picked|takes?|took|wants?|want|made|makes)",
        r"(?:boyfriend|bf|he) (?:is|'?s) (?:older|way older|much older|an adult)",
        r"(?:gives?|gave|buys?|bought|get|gets|got) me (?:money|gifts|presents|a phone|phones|"
        r"drinks|alcohol|weed|drugs|vapes?|cigs|clothes|stuff|things) (?:for|if|to|so|when|and "
        r"then)",
        r"(?:sex|stuff|things|favours?|favors?) (?:for|in exchange for) (?:money|drugs|weed|a place|"
        r"somewhere|a lift|alcohol|gifts)",
        r"(?:made|make|makes|forced|forces|pressured|pressures|wanted|want|wants) me (?:to )?"
        r"(?:sleep with|have sex|do stuff with|do things with|go with|meet (?:his|their) "
        r"(?:mates|friends))",
        r"(?:sleep|slept|sleeping) with (?:his|their|older) (?:mates|friends|men)",
        r"(?:send|sent|sending) (?:him|them|her|a man|a guy|someone) (?:pics|pictures|photos|"
        r"videos|nudes)",
        r"nudes?|naked (?:photos?|pics?|pictures?|videos?|selfies?)|sexting|sextortion",
        r"(?:asked|asks|asking|pressured|pressuring|forced|forcing|made) (?:me )?(?:for|to send) "
        r"(?:pics|pictures|photos|videos|nudes)",
        r"(?:met|meet|meeting) (?:him|them|someone|a guy|a man|an older) (?:\w+ )?online|"
        r"online (?:boyfriend|friend|guy) (?:wants|asked|says)",
        r"(?:wants|want|asked|asking) (?:me )?to meet (?:up )?(?:in person|irl|in real life|alone|"
        r"on my own)",
        r"(?:picks?|picked) me up (?:from school|from home|in (?:his|a|their) car|at night)",
        r"(?:parties|party|partying) (?:with|at) (?:older|men|their|his)",
        r"(?:stay|stayed|staying) (?:out|over) (?:with|at) (?:older|his|their) (?:friends|mates|"
        r"flat|house)",
        r"(?:says|said|told me) i owe (?:him|them)",
        r"groom\w*",
    ],
    "domestic_abuse": [
        rf"\b(?:dad|daddy|father|step ?dad|stepdad|stepfather|mum'?s (?:boyfriend|partner)|"
        rf"mum|mam|mom|mother|step ?mum|stepmum|dad'?s (?:girlfriend|partner)|he|she) (?:\w+ ){{0,2}}"
        rf"{_HARM_VERB} (?:my )?(?:mum|mam|mom|mummy|dad|daddy|step ?dad|step ?mum|her|him|"
        r"nan|gran)\b",
        r"(?:mum and dad|my parents|parents|they|mum|dad|mum and her boyfriend|mum and "
        r"(?:my )?step ?dad|dad and his girlfriend) (?:are |were )?(?:always|keep|kept|constantly|"
        r"never stop) (?:fight|fights|fighting|fought|argue|argues|arguing|argued|scream|"
        r"screaming|shout|shouting)",
        r"(?:mum and dad|my parents|parents|they|mum and her boyfriend|mum and (?:my )?step ?dad|"
        r"dad and his girlfriend) (?:fight|fighting|argue|arguing|scream|screaming|shout|shouting) "
        r"(?:all the time|every (?:day|night)|constantly|so much|really badly|violently|loads)",
        r"\b(?:dad|daddy|step ?dad|stepdad|mum'?s (?:boyfriend|partner)|mum|mam|mom|step ?mum|"
        r"dad'?s (?:girlfriend|partner)|he|she) (?:\w+ ){0,2}(?:push(?:es|ed|ing)?|shov(?:es|ed)|"
        r"grab(?:s|bed)?) (?:my )?(?:mum|mam|mom|dad|her|him)\b",
        r"(?:nasty|horrible|violent|aggressive|abusive|controlling) (?:to|towards|with) (?:my )?"
        r"(?:mum|mam|mom|dad|her)",
        r"\b(?:mum|mam|mom|dad|she|he) (?:got|gets|was|is|has been|keeps getting) (?:\w+ )?"
        r"(?:beaten|hit|hurt|battered|attacked|punched|strangled|pushed|thrown) (?:up |about |"
        r"around |down )?(?:by (?:her|his|my|the)|at home)",
        r"(?:fighting|fights|shouting|screaming|arguing|arguments|violence) (?:at|in the) "
        r"(?:home|house)",
        r"domestic (?:abuse|violence)|\bdv\b",
        r"police (?:came|come|were called|got called|keep coming|kept coming|always come) "
        r"(?:round|to (?:our|my) (?:house|flat)|to the (?:house|flat)|again)",
        r"(?:throw|throws|throwing|threw|chuck|chucks|chucked) (?:things|stuff|plates|"
        r"furniture|a chair|a plate)|smash(?:ed|es|ing)? (?:things|stuff|the house|up the|the "
        r"tv|the door|plates)",
        r"(?:scared|afraid|frightened|terrified) when (?:he|she|dad|mum|they|my (?:dad|mum|"
        r"step ?dad)) (?:drinks|has been drinking|gets drunk|comes home|is drunk|gets angry|"
        r"kicks off)",
        r"(?:hides?|hid|hiding) (?:in|under) (?:the|my|her|his|our) \w+ when (?:he|she|they|dad|"
        r"mum|my \w+)",
        r"(?:dad|mum|he|she|step ?dad) (?:gets|got|is) (?:really )?(?:angry|violent|nasty) when "
        r"(?:he|she|they) (?:drinks|is drunk|has been drinking)",
    ],
    "neglect": [
        r"(?:never|no|not|isn'?t|wasn'?t|aint|ain'?t) (?:any |enough )?food (?:at home|in the "
        r"house|in the fridge|in the cupboards?|for days)|nothing to "
        r"eat (?:at home|in the house)?|not enough (?:food|to eat)|(?:go|went|going|goes) to "
        r"(?:bed|school) hungry|always hungry|starving at home|hungry at home",
        rf"{_NEG} (?:get|have|got|gets|given) enough (?:food|to eat)",
        rf"{_NEG} (?:get|have|got|gets|given) (?:any )?(?:food|fed|anything to eat|dinner|tea|"
        r"breakfast|a meal|meals) (?:at home|in the house|for days)",
        rf"{_NEG} (?:have|got|get) (?:a bed|clean clothes|a coat|shoes that fit|a proper bed)",
        r"(?:nobody|no one|noone|no-one) (?:feeds|feed|fed|looks after|looked after|cares for|"
        r"washes|picks me up|makes (?:me )?(?:food|dinner|tea)|is (?:ever )?(?:at )?home|"
        r"checks on me|notices)",
        r"(?:left|leaves|leave) (?:me )?(?:on my own|alone|home alone|by myself|with my "
        r"(?:little|baby) (?:brother|sister)) (?:for (?:hours|days|the night|the weekend|ages|"
        r"a (?:day|week))|all (?:day|night|weekend)|overnight|at night|a lot|loads)",
        r"home alone|(?:have|had|has) to look after (?:my ?self|my (?:mum|dad|parents))",
        r"no (?:heating|electric|electricity|hot water|gas|bed|clean clothes|uniform|shoes) "
        r"(?:at home|in the house|for (?:days|weeks|ages)|again)|no (?:heating|electric|"
        r"electricity|hot water) at all",
        r"(?:dirty|smelly|same) clothes (?:every day|all week|for days)",
        r"(?:no one|nobody|noone|no-one) (?:cares|cared|gives a) (?:about me|where i|if i|what happens to me)",
        r"(?:my )?clothes are (?:always )?(?:dirty|smelly|too small|falling apart)|(?:dirty|smelly) "
        r"clothes",
        rf"{_FAMILY}(?:'?s)? (?:is |are |was |were |gets |get |got )?(?:always |often |usually |"
        r"mostly |too )?"
        r"(?:drunk|high|stoned|wasted|out of it|passed out|off (?:her|his|their) (?:face|head|"
        r"tits)|on drugs|using again|drinking again)",
        rf"{_FAMILY}(?:'?s)? (?:don'?t|doesn'?t|dont|doesnt|never|always|just) (?:care|feed|look after|"
        r"notice|come home|get up|sleeps all day|stays in bed)",
    ],
    "unsafe_at_home": [
        rf"{_NEG} (?:really |always |ever )?(?:feel|felt|feeling|feels) (?:very |that |completely "
        rf"|totally |properly )?safe (?:at home|in my (?:house|home|room|bedroom|flat)|around "
        rf"(?:my|him|her|them)|with (?:my|him|her|them)|when (?:he|she|they|dad|mum)|at (?:my )?"
        rf"(?:dad|mum|nan)'?s|at night|home|there)",
        r"(?:not|isn'?t|wasn'?t|never|aint|ain'?t) safe (?:at home|for me at home|in my house|"
        r"to go home|in my home|at my (?:dad|mum)'?s)|unsafe at home",
        r"(?:scared|afraid|frightened|terrified|petrified|scared stiff) (?:of|to go|to be|to get|"
        rf"of going|of being|when) (?:back )?(?:home|at home|going home|(?:my )?{_FAMILY}|my "
        r"(?:brother|uncle|step ?brother|carer)|him|her)\b",
        rf"(?:my )?{_FAMILY} (?:scares|frightens|terrifies|threatens) me",
        r"(?:don'?t|do not|dont|never) want to go (?:back )?home|(?:can'?t|cant|cannot) go "
        r"(?:back )?home|scared to go home",
        r"(?:kicked|chucked|thrown|threw|kick|chuck) me out(?! of (?:class|school|the (?:lesson|"
        r"room|group|session|class|club|shop|game)))|(?:kicked|chucked|thrown) out (?:of|from) "
        r"(?:the |my )?(?:house|home|flat)|(?:sofa|couch)[- ]?surf\w*|nowhere to (?:live|stay|"
        r"sleep|go)|"
        r"(?:sleep|sleeping|slept|sleeps) (?:rough|on the streets?|in a car|in the park|outside)|"
        r"homeless",
    ],
    "feels_unsafe": [
        rf"{_NEG} (?:really |always |ever )?(?:feel|felt|feeling|feels) (?:very |that |completely "
        r"|totally |properly )?safe\b",
        r"(?<!never )(?<!not )(?<!n't )(?<!nt )(?:feel|felt|feeling|feels) (?:really |very |so )?"
        r"(?:unsafe|in danger|threatened)",
        r"(?:i'?m|i am|im) (?:not safe|in danger|scared for my life)",
        r"(?:someone|somebody|a man|he|they|people) (?:is|are|keeps?|kept|has been|have been) "
        r"(?:following|watching|stalking) me|being followed",
    ],
    "bullying": [
        r"bull(?:y|ied|ies|ying|ys)\b|cyber ?bull\w*|cyber-bull\w*",
        r"(?:picks?|picking|picked) on (?:me|him|her)|pick on me",
        r"(?:call|calls|called|calling) me (?:names|fat|ugly|gay|stupid|weird|a freak|a loser|"
        r"a (?:slag|slut)|racist names)",
        r"(?:laugh|laughs|laughed|laughing) at me|(?:made|make|makes|making) fun of me",
        r"(?:beat|beats|beaten|beating) me up|beat up|(?:jumped|jump) me|got jumped|"
        r"(?:gang|ganged|ganging) up on me",
        r"(?:nobody|no one|noone|no-one) (?:talks|speaks|sits|plays|hangs out) (?:to|with) me",
        r"(?:leave|left|leaving|leaves) me out|excluded me|(?:ignores|ignored|ignoring) me at school",
        r"spread(?:ing|s)? (?:rumou?rs|lies)|rumou?rs about me",
        r"(?:horrible|nasty|mean|abusive|threatening) (?:messages|comments|texts|posts|dms)",
        r"(?:sending|sent|send|sends|post|posted|posting) (?:me )?(?:horrible|nasty|mean|abusive|"
        r"threatening) (?:messages|texts|things|comments|stuff)",
        r"(?:tell|tells|telling|told) me to (?:go )?(?:kill|kms|die|end)",
        r"threaten(?:ed|s|ing)? me",
        r"(?:steal|stole|steals|take|took|takes|nick|nicked|nicks) my (?:stuff|things|money|phone|"
        r"lunch|bag)",
        r"racist (?:to me|comments|names|abuse|remarks)|homophobic|transphobic|hate crime",
        r"(?:scared|afraid|frightened) (?:to go|of going) to school|(?:don'?t|dont|do not) want to "
        r"go to school because",
    ],
    "exploitation_and_drugs": [
        r"county lines?|running (?:lines|drugs|packages|parcels|bags)|(?:run|running|ran) "
        r"(?:a )?(?:line|lines|bits)\b",
        r"(?:carry|carrying|carried|hold|holding|held|deliver|delivering|delivered|drop|dropping|"
        r"dropped) (?:packages?|parcels?|bags?|drugs|weed|gear|bits|stuff) (?:for|to)|"
        r"(?:deliver|delivering|delivered|drop|dropping|dropped) (?:packages|parcels)|"
        r"sent (?:me )?(?:out )?to (?:another|a different|other) (?:town|city|area|place)",
        r"(?:use|uses|using|used) (?:my|our|the|his|her) (?:flat|house|home) (?:to|for) (?:deal|"
        r"sell|store|stash|cook)",
        r"(?:hold|holding|held|shotting|selling|sell|sold|drop|dropping) food\b",
        r"(?:sell|selling|sold|sells|deal|dealing|dealt|deals|shotting|shot) (?:drugs|weed|gear|"
        r"coke|crack|pills|bits)",
        r"(?:sell|selling|deal|dealing|run|running) for (?:them|him|the olders|"
        r"older|a gang)",
        r"trap ?house|cuckoo\w*",
        r"(?:owe|owes|owed|owing) (?:them|him|people|someone|a dealer|money to|the olders)|"
        r"in debt to|debt bondage",
        r"(?:gang|gangs|older boys|older lads|olders|elders|older kids) (?:made|make|makes|"
        r"want|wants|told|tell|asked|ask|got|get|forced|force|pressured) me (?:to )?(?:sell|carry|"
        r"hold|run|deliver|steal|hide|go|move|stash|do|drop)",
        r"(?:made|make|makes|forced|force) me (?:sell|carry|hold|run|deliver|steal|hide|stash)",
        r"(?:stash|stashed|stashing|hide|hid|hiding) (?:drugs|weed|stuff|a knife|knives|a weapon|"
        r"a blade|bits) (?:for|at|in)",
        r"(?:carry|carrying|carries|carried|got|have|bring|brought) (?:a )?(?:knife|knives|blade|"
        r"weapon|shank|machete|zombie knife)|stabbed|stabbing|(?:got|get) stabbed|knife crime",
        r"(?:smoke|smoking|smoked|smokes|take|taking|took|takes|do|does|did|doing|done|use|using|"
        r"used|on|"
        r"tried|try|started|buying|bought|buy|sniffing|sniff) (?:weed|drugs|coke|cocaine|crack|"
        r"ket|ketamine|mdma|molly|pills|spice|heroin|xanax|xans|lean|nos|balloons|gas|mandy|"
        r"pingers|skunk|cannabis|meth)",
        r"(?:drink|drinking|drunk|drinks|get drunk|getting drunk|got drunk) (?:every day|every "
        r"night|all the time|loads|alone|before school|at school|every weekend|to cope|to forget)",
        r"addict\w* to (?:drugs|weed|alcohol|drink|coke|pills|spice|heroin|crack|ket|gambling)|"
        r"drug addict|alcoholic|drug (?:dealer|dealers|dealing|debt)",
        r"(?:gang|gangs)\b|(?:joined|join|in|part of) a gang|postcode war",
    ],
    "going_missing": [
        r"(?:run|running|ran|runs) away(?! from (?:the )?(?:dentist|doctors?|injection|needle|jab|"
        r"spiders?|it|them|my problems|the problems?|exams?|the nurse|the spider))|runaway|(?:i|i'?ve|ive|i have|i'?d|i keep|i kept|i "
        r"sometimes|i always|i just|he|she|they|we|my (?:brother|sister|friend|mate|mates|friends)) "
        r"(?:\w+ )?(?:gone|go|going|went|been|goes) missing|reported missing|missing (?:from home|"
        r"from care|person|for (?:days|a day|two days|the night|a week|hours))",
        rf"{_NEG} (?:go|come|went|came|going|coming) (?:back )?home (?:for (?:days|a day|two days|"
        r"the night|a week|ages|the weekend)|last night|all night|at night|all weekend)",
        r"(?:stay|stayed|staying|stays) out all night|out all night|(?:sleep|sleeping|slept) "
        r"(?:at|in) (?:strangers?|random|someone'?s|a stranger'?s)",
        r"(?:disappear|disappeared|disappears) for (?:days|a few days|the night|a week|hours)",
        r"(?:nobody|no one|noone) knows where i (?:go|am|was|went|sleep|stay)",
    ],
}

# Broad single words and short phrases: on their own they justify a person reading
# the comment. They trade precision for recall on purpose -- a fixed list of
# phrasings misses the many ways young people actually say these things. Benign
# uses ("cutting my hair", "dying to go") are masked out in _BENIGN below.
_BROAD: Final[dict[str, list[str]]] = {
    "self_harm": [
        r"blades?\b|razors?\b|cutting\b|cuts (?:on|all over|up|down)|covered in cuts|"
        r"scars?\b|scarred\b|bleed(?:ing|s)?\b|bled\b|burn marks|scratch(?:ing|ed)? (?:my|at my)",
        rf"(?:hurt|hurts|hurting|harm|harming|punish|punishing|cut|cuts|burn|burning|scratch|"
        rf"scratching|bruise|bruising|hit|hitting|punch|punching|starve|starving) {_SELF}",
    ],
    "suicidal_thoughts": [
        r"\bdie\b|\bdead\b|suicid\w*|kill (?:me|myself|my ?self)|"
        r"(?:point|reason|worth) (?:in |of )?(?:being alive|living|me being|going on|carrying on)|"
        r"(?:be|being|stay|staying|feel|feeling) alive|not (?:be|being) here|"
        r"(?:want|wanted|wanna|need|needed) (?:it|everything|it all|the pain|this) to (?:stop|end)|"
        r"(?:stop|end) (?:forever|for good|for ever)|(?:want|wanted|wanna|wish|like) to (?:just )?"
        r"disappear|disappear forever|just disappear|give up on (?:life|everything|me)",
    ],
    "abuse": [
        rf"{_HARM_VERB} (?:me|us)\b",
        r"(?:our|a|the|keep|keeping|kept) secrets?\b|don'?t tell (?:anyone|anybody|your|mum|dad)|"
        r"what (?:he|she|they) (?:does|did|do|done) to me|(?:does|did|do) (?:stuff|things) to me|"
        r"in my sleep|when i'?m (?:asleep|sleeping)|forced me|force me|forces me|made me do",
        r"\bsex\b|\bsexual\w*|naked|undress\w*|private parts|privates",
    ],
    "sexual_exploitation": [
        r"\bsex\b|nudes?|\bpics?\b (?:of me|to (?:him|them))|i owe(?! (?:them |him |her |you )?"
        r"(?:my life|a lot|everything|so much|a debt|thanks|my thanks))|what i owe|"
        r"pay (?:it|that|them|him) (?:back|off)|pay off what|(?:older )?(?:men|man|guys?|lads) "
        r"(?:\w+ ){0,3}(?:pick me up|picks me up|picked me up|in (?:his|their|a) cars?|gives? me "
        r"(?:a )?lifts?)",
    ],
    "domestic_abuse": [
        r"police (?:\w+ ){0,2}(?:called|came|come|coming) (?:to (?:ours|our (?:house|flat|home)|"
        r"my (?:house|flat|home)|the (?:house|flat))|round|again|because|cos|coz|after|for (?:my|"
        r"dad|mum|him|her))|police (?:were|was|are|got) called|police at (?:ours|our|my)",
        r"(?:violent|violence|beats?|beat|hits?|hit|hurts?|hurt|attacks?|attacked|strangl\w*|"
        r"chok\w*|push(?:es|ed)?) (?:my )?(?:mum|mam|mom|her)\b",
    ],
    "neglect": [
        r"(?:hardly|never|rarely|no|not|isn'?t|wasn'?t|aint|ain'?t|barely) (?:ever |any |enough |"
        r"much )*food",
        r"(?:leaves?|left|leaving) (?:me|us)(?: and my \w+)? (?:alone|on (?:my|our) own|by "
        r"(?:myself|ourselves)|at home)",
        r"no (?:hot water|heating|heat|electric|electricity|gas|food|money for food|bed)\b",
        r"(?:nobody|no one|noone|no-one)(?: at home)? (?:cares|care|bothers|notices|checks)",
        r"(?:drunk|high|stoned|wasted|passed out) (?:every|all the time|most|again)|"
        r"forgets? to (?:feed|pick|get)",
    ],
    "unsafe_at_home": [
        r"home (?:isn'?t|is not|ain'?t|aint|not|never feels|doesn'?t feel|does not feel) safe|"
        r"not safe (?:at|in) (?:my )?(?:home|house)|(?:scared|afraid|frightened|terrified) "
        r"(?:to be )?(?:at|of going|to go) home|nowhere (?:to|safe to) (?:stay|live|sleep|go)",
    ],
    "bullying": [
        r"(?:call|calls|called|calling) (?:me )?names|names (?:at|about) me|"
        r"(?:push|pushed|pushing|shove|shoved|knock|knocked) (?:me )?(?:around|about|over)|"
        r"(?:scared|afraid|frightened) of (?:the |some )?(?:boys|girls|kids|lads|people|gang|year)",
        r"(?:laugh|laughed|laughing) at me|(?:mean|nasty|horrible) (?:stuff|things|posts|comments)",
    ],
    "exploitation_and_drugs": [
        r"\bweed\b|\bspice\b|\bket\b|ketamine|cocaine|\bcoke\b|\bcrack\b|heroin|mdma|"
        r"\bxans?\b|\bnos\b|cannabis|\bskunk\b|county lines?|\bknife\b|\bknives\b|"
        r"\bblade\b|\bmachete\b|stabb\w*|\bgang\w*|(?:running|run|ran) for (?:them|him)|"
        r"deliver (?:stuff|things|packages|parcels|bags)|(?:given|gave me) a phone",
    ],
    "going_missing": [
        r"(?:run|running|ran|runs) off(?! with)|"
        r"(?:stayed|stay|staying|slept|sleep|sleeping) (?:out|at (?:random|strangers?|people'?s))|"
        r"(?:didn'?t|did not|don'?t|never) (?:go|come|went) home|police (?:found|find|brought|bring) me",
    ],
}
# Indirect disclosures: how young people hint rather than name ("he comes in the
# bathroom when I'm in the shower", "I wrote a note for my family just in case").
_INDIRECT: Final[dict[str, list[str]]] = {
    "suicidal_thoughts": [
        r"(?:a |just a |such a )?burden (?:to|on|for) (?:everyone|everybody|my family|people|"
        r"them|my mum|my dad)|i'?m (?:just )?a burden",
        r"(?:if|when) i'?m gone|if i (?:was|were) gone|if i wasn'?t (?:here|around)|"
        r"(?:nobody|no one|noone|no-one) (?:would|will|'?d) (?:miss|notice|care)",
        # not letters a service sends ("stop sending letters to my mum", "gave my appointment
        # letter to my mum": issue 12, third round)
        r"(?<!sending )(?<!send )(?<!sent )(?<!posting )(?<!posted )(?<!appointment )"
        r"(?<!hospital )(?<!clinic )(?<!school )(?<!referral )(?<!discharge )(?<!the )"
        r"(?:note|letter|message)s? (?:for|to) (?:my )?(?:family|mum|dad|friends|everyone)"
        r"(?: just in case)?|in case something happens to me",
        r"giv(?:e|ing|en) (?:all |away )?(?:of )?my (?:stuff|things|games|clothes|belongings)"
        r"(?: away)?|giv(?:e|ing) away my",
        r"in front of (?:a|the) (?:train|bus|car|lorry|truck)|off (?:a|the) (?:bridge|roof|"
        r"building|cliff|multi-storey)",
        r"(?:tablets|pills|meds|paracetamol) (?:saved|stored|hidden)|sav(?:e|ed|ing) (?:up )?"
        r"(?:tablets|pills|meds|paracetamol)|stockpil\w*",
        rf"{_NEG} (?:really )?(?:want|wanna) to be (?:here|around|alive)",
    ],
    "self_harm": [
        r"long sleeves?\b(?:\W+\w+){0,6}?\W+(?:hide|hides|cover|covers|see|sees|notice|"
        r"notices|know|knows)",
        r"sharpener (?:blade|on my|to cut)|(?:use|used|using) (?:a|the|my) \w+ on my (?:wrists?|"
        r"arms?|skin|legs?|"
        r"thighs?|stomach)",
        r"picking (?:at )?my skin|(?:pull|pulling|pulled) (?:out )?my (?:own )?hair",
    ],
    "abuse": [
        r"(?:the|a|his|her|with a|with the) belt\b|(?:by|round|around) (?:the|my) (?:neck|throat)|"
        r"(?:grabs?|grabbed|squeez\w*) my (?:neck|throat|arm|wrist)",
        r"flinch\w*|rais(?:es|ed|ing) (?:his|her|their) (?:hand|fist)",
        r"(?:take|took|taking|takes|pull|pulled) (?:off )?my (?:clothes|top|pants|trousers)"
        r"(?: off)?|clothes off",
        r"(?:comes?|came|coming|walks?|walked) (?:in|into) (?:the|my) (?:bathroom|shower|bedroom|"
        r"room) when|when i'?m (?:in the )?(?:shower|bath|getting changed|changing|undressed)",
        r"our (?:little |special )?(?:game|secret)|a (?:little |special )(?:game|secret)|a secret|"
        r"(?:not allowed to|mustn'?t|can'?t|"
        r"cannot) tell (?:anyone|anybody|mum|dad|my mum|my dad)|if i tell (?:anyone|anybody|"
        r"someone|mum|dad)",
        r"(?:he|she|they) (?:does|did|do) things|(?:does|did|do) things to me|things happen "
        r"(?:there|when|at)",
        r"(?:asks?|asking|asked|wants?|wanted) me to come (?:in|inside|round|over) when",
    ],
    "sexual_exploitation": [
        r"(?:man|guy|boy|men|someone|somebody|person) (?:\w+ )?online|online (?:man|guy|boyfriend)",
        r"(?:meet|met|meeting|take|took|taken|takes) (?:him |them |me |up )?(?:at|in|to) a hotel|"
        r"hotel room|(?:says|said|tells me) (?:he|she) loves me",
        r"(?:pictures|pics|photos|videos|vids) of me",
        r"flat with (?:older|some)|(?:older )?(?:boys|men|lads)'? (?:flat|house)",
    ],
    "exploitation_and_drugs": [
        r"free phone|(?:gave|give|given|got) me a (?:new |free )?phone|text(?:s|ed)? me jobs|"
        r"jobs to do",
        r"paid to (?:hold|keep|carry|deliver|drop|look after|mind)|(?:hold|holding|held|keep|"
        r"keeping) (?:packages?|parcels?)",
        r"people (?:staying|living|stopping) (?:at|in) (?:ours|our (?:house|flat)|my (?:house|"
        r"flat))|(?:sell|selling|sold) stuff|people (?:i|we) don'?t know",
        r"(?:drop|dropping|dropped) (?:something|stuff|things) off",
    ],
    "domestic_abuse": [
        r"(?:hear|heard|hearing) (?:things )?smash\w*|things smashing|when the (?:shouting|fighting|"
        r"screaming) starts|(?:hear|heard) (?:them|him|her|mum|dad) (?:fighting|screaming|"
        r"hitting|crying)",
        r"controls? (?:all )?(?:mum'?s|her|my mum'?s|the) money|controls (?:everything|mum|her|"
        r"what (?:mum|she))",
        r"(?:screams?|screamed|shouts?|shouted|swears?) at (?:her|mum|my mum)|"
        # 999 alone is an emergency of any kind ("we rang 999 and the ambulance took ages"):
        # only a call because of a person at home counts (see _SIGNALS, unsafe_at_home).
        r"(?:hurt|hurting|hit|hitting|beat|beating) (?:my )?mum",
    ],
    "neglect": [
        r"(?:haven'?t|have not|not|hasn'?t) (?:eaten|had (?:any )?food|had anything to eat) "
        r"(?:since|for|in)",
        r"sleep (?:in|with) my (?:clothes|coat) on|(?:house|home|flat) is (?:always )?(?:so |"
        r"really |too |freezing |very )?(?:cold|freezing|dirty|filthy|disgusting)",
        r"(?:doesn'?t|don'?t|won'?t|never|can'?t) get (?:out of|up from) bed|stays? in bed all day|"
        r"i do everything for my|(?:find|make|get|buy) my own (?:food|dinner|tea|meals)",
        r"(?:never|not|no one has|nobody has|hasn'?t) (?:been )?taken (?:me )?to the (?:dentist|"
        r"doctor|doctors|hospital|gp)",
    ],
    "unsafe_at_home": [
        r"(?:don'?t|do not|not to|never) come (?:back|home)|(?:told|said) (?:me )?(?:not to|to not|"
        r"i can'?t) come (?:back|home)",
        r"lock (?:my )?(?:bedroom |room |the )?door (?:at night|because|cos|when)",
        r"(?:rather|prefer to) be anywhere|hate (?:being|going) (?:at )?home|(?:scared|afraid|"
        r"frightened|worried) (?:of )?what (?:he|she|they|dad|mum) (?:will|'?ll|might|would) do",
    ],
    "bullying": [
        r"(?:everyone|everybody|people|they|kids|the class|my form|my class) (?:\w+ )?"
        r"(?:ignores?|ignoring|blanks?) me",
        r"slag(?:s|ging|ged)? me off|(?:memes|posts|videos|stuff|things) about me|group chat "
        r"(?:just )?(?:about me|to (?:slag|bully|laugh at|make fun|get at|talk about) me)|"
        r"(?:kicked|removed|left) me out of the group chat",
        r"spit(?:s|ting)? (?:at|on) me|spat (?:at|on) me",
    ],
    "going_missing": [
        r"(?:stay|stayed|staying|slept|sleeping|sleep) (?:at|in) (?:a )?(?:strangers?|stranger'?s|"
        r"someone i don'?t know)",
        r"(?:left|leave|leaving|walked out of|ran from|run from) (?:my |the )?(?:placement|"
        r"children'?s home|care home|foster)",
        r"(?:in|on) (?:a|the) (?:park|streets?|bus station|stairwell) (?:all night|overnight|at "
        r"night)|slept (?:in|on) (?:a|the) (?:park|streets?|bench|bus station|stairwell)",
        rf"{_NEG} (?:go|come|went|came|going|coming) (?:back )?home for (?:\w+ )?(?:days|nights|"
        r"weeks|a day|a night|a week|ages|the weekend)",
        r"disappear(?:ing|ed|s)? from home|police (?:have to |had to )?look(?:ed|ing)? for me",
    ],
}


# Signals by KIND rather than by sentence. Each rule below names a kind of signal that
# safeguarding training teaches people to listen for -- fear of a person or of home,
# secrecy, control, marks on the body, an older person giving things or asking for
# pictures, hunger and being left, "not being here" -- and pairs it with the words
# that make it personal (me / my / a family member, partner or adult). ``_near(a, b)``
# allows a few words in between, so "my dad gets angry and I end up with marks" or
# "a grown up I know keeps messaging me" are caught without listing either sentence.
def _near(first: str, second: str, words: int = 6) -> str:
    """``first`` followed within ``words`` words by ``second``."""
    return rf"(?:{first})(?:\W+[\w']+){{0,{words}}}?\W+(?:{second})"


# A family member, partner or other adult as a young person names them.
_FAMILY_OR_ADULT = (
    r"(?:(?:my |our |mum'?s |dad'?s |me )?(?:mum|mam|mom|mummy|mother|dad|daddy|father|step ?dad|"
    r"step ?mum|step ?mom|stepfather|stepmother|parents?|carers?|foster (?:carers?|mum|dad|"
    r"parents?)|brother|sister|step ?brother|uncle|aunt|auntie|nan|nana|gran|grandad|grandpa|"
    r"grandma|cousin|boyfriend|girlfriend|partner|bf)|he|she|him|her|they|them|a man|the man|"
    r"an? (?:older|grown) (?:man|guy|lad|boy|up)|(?:older|grown) (?:men|man|guys?|lads?|boys|"
    r"ups?)|a grown ?up|an adult|someone|somebody)"
)
_NAMED_FAMILY = (
    r"(?:mum|mam|mom|mummy|mother|dad|daddy|father|step ?dad|step ?mum|stepfather|stepmother|"
    r"parents|carers?|foster carers?|uncle|brother|boyfriend|partner|mum'?s (?:boyfriend|partner))"
)
_OLDER = (
    r"(?:a man|the man|men|a guy|this guy|a lad|an older|older (?:man|men|guy|guys|lad|lads|boy|"
    r"boys)|grown (?:man|men|up)|a grown ?up|an adult|someone (?:older|i met|online)|he|him|"
    r"boyfriend|bf)"
)
# Where marks are hidden or made: not faces and backs, which are hurt in ordinary ways.
_SKIN = r"(?:arms?|legs?|wrists?|thighs?|stomach|tummy|belly|skin|hips?|body)"
_MARKS = r"(?:marks|scars|cuts|bruises|burns|scratches)"
_SIGNALS: Final[dict[str, list[str]]] = {
    "suicidal_thoughts": [
        # not waking up, not being around, no way out, no future, method, planning
        r"(?:not|never|don'?t) (?:to )?wake up|go to sleep (?:and|forever|for ever)",
        r"(?:won'?t|will not|not going to|not gonna|don'?t think i'?ll|don'?t think i will) be "
        r"(?:here|around|alive)|be (?:here|around) (?:for )?(?:much|very) long(?:er)?",
        r"no way out|(?:can'?t|cannot|don'?t|dont) see (?:a |any )?(?:way out|future|myself "
        r"(?:getting|growing|being|living|making it))|no future (?:for me|left)|"
        r"(?:what'?s|whats|there'?s no|don'?t see the|(?:i|we) see no) point (?:any ?more|in "
        r"(?:anything|everything|trying|me|life)|of (?:anything|everything|me|life|it all))|"
        r"(?:don'?t|dont|can'?t|cant) see the point\W*$",
        r"(?:ways?|how) to (?:do it|die|kill|end it|not be here)|how many (?:pills|tablets|"
        r"paracetamol)|how much (?:paracetamol|of my (?:tablets|pills|meds))|"
        r"(?:researched|researching|googled|googling) (?:how|ways)",
        _near(
            r"think|thinking|thought|thoughts|dream|dreaming|imagine|imagining",
            r"jump|jumping|ending (?:it|things|everything|my)|end (?:it|things|everything)|"
            r"stepping in front|walking in front|not being (?:here|around|alive)|dying|"
            r"disappearing|the bridge|the train tracks",
            4,
        ),
        r"(?:stood|standing|stand) (?:on|at) (?:the |a )?(?:edge|bridge|roof|top of|cliff|"
        r"railway|train tracks|platform edge)",
        r"(?:end|ending|ended) (?:things|everything|my (?:life|pain))|(?:stop|stopping) "
        r"(?:existing|living|breathing)",
        r"(?:easier|better|happier) (?:for (?:everyone|everybody|them|my family|my mum|my dad|"
        r"people) )?(?:if|when) i (?:was gone|were gone|wasn'?t|weren'?t|disappeared|died|"
        r"didn'?t exist|was dead|left (?:for good|forever))",
        r"(?:want|wanted|wanna|wish|wished) (?:everything|it all|the world|life) (?:to )?"
        r"(?:stop|end|be over)|(?:want|wanted|wanna) (?:to )?(?:just )?(?:stop|sleep) "
        r"(?:forever|for ever|and never)|(?:want|wanted|wanna) to (?:just )?(?:vanish|not exist)",
        r"(?:tired|sick) of (?:living|being alive|life|existing)|life (?:is|isn'?t) (?:not )?worth|"
        r"not worth (?:living|being here)|(?:feel|feeling|felt) (?:so |really )?hopeless",
        r"(?:letters?|notes?|goodbyes?) (?:to|for) (?:everyone|everybody|my family|my friends)|"
        r"(?:written|wrote|writing) (?:\w+ ){0,2}(?:letters?|notes?) (?:just in case|to everyone|"
        r"for everyone)",
    ],
    "self_harm": [
        # deliberate pain: on purpose, until it bleeds, to feel something; hidden marks
        _near(
            r"hurt|hurting|harm|harming|cut|cutting|burn|burnt|burned|burning|scratch|"
            r"scratched|scratching|hit|hitting|punch|punching|bang|banging|bite|biting|pinch|"
            r"pinching|pick|picking",
            r"on purpose|deliberately|(?:till|until) (?:it|they|i) (?:bleed|bled|bleeds|hurts?|"
            r"bruises?|marks?|breaks?|cry|can'?t feel|feel)|so i (?:can|could) feel|to feel "
            r"(?:something|numb|better|real|pain)|to punish|to stop the (?:thoughts|feelings)",
            6,
        ),
        rf"my own {_SKIN}|(?:harm|cut|burn|scratch|punish) my {_SKIN}",
        rf"(?:hide|hides|hiding|hid|cover|covers|covering) (?:up )?(?:my )?(?:{_SKIN}|{_MARKS})",
        rf"(?:nobody|no one|noone|people|they|teachers|mum|dad|anyone) (?:can'?t |won'?t |"
        rf"don'?t )?(?:sees?|see|notices?|finds? out about|asks? about) (?:my )?(?:{_SKIN}|{_MARKS})",
        rf"{_MARKS} (?:on|all over|up) (?:my )?{_SKIN}",
        r"(?:compass|sharpener|lighter|scissors|glass|blade|razor) (?:on|to|into|against) my|"
        r"(?:use|used|using) (?:a |the |my )?(?:compass|sharpener|lighter|razor)",
        r"the pain (?:helps|is the only)|only thing that (?:helps|works|makes me feel)|"
        r"to feel (?:numb|something|real|the pain)",
        r"(?:take|taking|took|takes) (?:more|extra|too many|too much|double|loads|a lot) (?:of )?"
        r"(?:my )?(?:tablets|pills|meds|medication|medicine|paracetamol)|(?:more|extra) "
        r"(?:\w+ )?than (?:i should|it says|i'?m (?:supposed|meant)|you'?re (?:supposed|meant))",
        r"(?:do|did|doing) (?:things|stuff|bad things) to (?:my ?self)",
        r"(?:not eating|starve|starving|starved|skip(?:ping)? meals) (?:\w+ ){0,3}(?:punish|"
        r"deserve|on purpose)|make (?:my ?self|me) (?:sick|throw up)",
    ],
    "abuse": [
        # physical harm from a person, marks left, punishments
        rf"{_FAMILY_OR_ADULT} (?:\w+ ){{0,3}}(?:twists?|twisted|twisting|pulls?|pulled|pulling|"
        r"yanks?|yanked|pinch(?:es|ed)?|squeez(?:es|ed)|grabs?|grabbed|drags?|dragged|shakes?|"
        r"shook) (?:me (?:by|across|along|down|into|against|around|round|so hard|really hard|"
        r"hard)|my (?:hair|arm|arms|wrist|wrists|ear|ears|neck|throat))",
        rf"{_FAMILY_OR_ADULT} (?:\w+ ){{0,3}}(?:spits? on|spat on|throws? (?:\w+ )?(?:things|stuff|"
        r"shoes|plates|cups) at|threw (?:\w+ )?(?:things|stuff|\w+) at|takes? it out on|took it "
        r"out on|hates?|hated|can'?t stand) me\b",
        r"(?:end up|ended up|left|leaves|leaving|got|get) (?:with )?(?:\w+ )?(?:marks|bruises|"
        r"bruising|a black eye|a cut lip|a split lip|a fat lip|a burst lip|welts|red marks|"
        r"finger ?marks|hand ?prints?)(?! (?:from|after|playing))",
        r"(?:get|gets|got|getting) (?:the )?(?:slipper|belt|wooden spoon|cane|back of (?:his|her) "
        r"hand)|(?:with|use|uses|used) (?:a |the |his |her )?(?:slipper|belt|wooden spoon|cane|"
        r"wire|cable) on me",
        r"(?:makes?|made|making) (?:me|us) (?:sleep|stay|stand|sit|kneel|wait) (?:in|on|outside|"
        r"out) (?:the |a )?(?:shed|garden|car|floor|cold|corner|landing|hallway|dark|cupboard|"
        r"outside|rain)|(?:sleep|slept|sleeping) in the (?:shed|garden|cupboard)",
        r"(?:as|for) (?:a )?punishment|punish(?:es|ed|ing)? me",
        r"(?:i'?m|im|i am) the reason (?:\w+ ){0,3}(?:left|died|drinks|is sad|is ill)|"
        r"(?:wish(?:es)?|wished) (?:i|id|i'?d) (?:never been born|was dead|died)",
        # sexual abuse: watched, visited at night, made to do things
        rf"{_FAMILY_OR_ADULT} (?:\w+ ){{0,2}}(?:watch(?:es|ed|ing)?|look(?:s|ed)? at|stares? at|"
        r"films?|filmed|photographs?|takes? (?:photos|pictures|pics) of) me (?:in the (?:bath|"
        r"shower|bathroom)|when i'?m (?:in|getting|changing|asleep|sleeping|naked)|while i'?m|"
        r"get(?:ting)? (?:changed|dressed|undressed)|undress|naked|change|changing|sleep|sleeping|"
        r"in bed)",
        r"(?:comes?|came|coming|gets?|got|getting|climbs?|climbed) (?:in|into) (?:my|the) bed|"
        r"(?:in|into) my (?:room|bed|bedroom) (?:at night|when i'?m (?:asleep|sleeping|in bed|"
        r"changing)|while i'?m)|gets in bed with me",
        r"(?:makes?|made|making|forces?|forced|wants?|wanted|tells?|told) (?:me|us) (?:to )?do "
        r"(?:stuff|things|something)(?: (?:i|that i|we))? (?:don'?t|didn'?t|do not|never)",
        # secrecy
        r"(?:our|a|his|her|their) (?:\w+ )?secret|keep (?:it |this |a |our )?(?:\w+ )?secret|"
        r"(?:not|never) (?:to|allowed to|supposed to) tell|(?:nobody|no one|noone) (?:knows|can "
        r"know|must know|is allowed to know) (?:about (?:it|this|what|us)|what (?:happens|goes on|"
        r"he|she|they)|that (?:he|she|they))|(?:i'?m|im|i am) (?:scared|afraid|frightened) to tell",
    ],
    "sexual_exploitation": [
        # an older person, gifts or favours, meeting up, pictures, threats to share
        r"in (?:his|their) (?:twenties|thirties|forties|20s|30s|40s)|age is (?:just )?a number|"
        r"(?:he|him|boyfriend|bf|girlfriend|gf|partner|man|guy|lad|bloke|someone)(?: is|'?s| who'?s|"
        r" whos| who is| aged| age) (?:like |about |nearly |almost |over |at least )?(?:1[89]|[2-6]\d)"
        r"\b(?! (?:minutes|mins|hours|weeks|days|times|miles|pounds|quid|%|percent|years (?:ago|"
        r"of)|now|next|soon|in (?:a|two|\w+) (?:weeks?|months?)))",
        _near(
            _OLDER,
            r"(?:buys?|bought|buying|gives?|gave|giving|gets?|got) (?:me|us) (?:\w+ )?"
            r"(?:stuff|things|vapes?|drink|drinks|alcohol|vodka|weed|money|phones?|presents|gifts|"
            r"clothes|trainers|food|a lift|lifts)|picks? (?:me|us) up",
            6,
        ),
        _near(
            r"(?:gives?|gave|giving|buys?|bought|get|gets|got) (?:me|us)",
            r"(?:wants?|wanted|expects?|expected) (?:me |us )?(?:to )?(?:things|stuff|something|"
            r"to do|to go|favours|to stay|back)",
            6,
        ),
        r"(?:expects?|expected|wants?|wanted) (?:stuff|things|something|favours) (?:from|off|back)",
        r"(?:place|somewhere|a bed) to (?:stay|sleep) (?:if|when|as long as|in return)|"
        r"(?:if|as long as) i (?:do|did) (?:things|stuff|favours|what (?:he|they|she))",
        _near(
            r"met|meet|meeting|messag\w*|dm\w*|add(?:ed)? me|talking to",
            r"(?:on|off) (?:insta|instagram|snapchat|snap|tiktok|discord|roblox|fortnite|whatsapp|"
            r"facebook|xbox|playstation|online|the internet|an app)",
            4,
        )
        + r"(?:\W+[\w']+){0,8}?\W+(?:meet|wants?|asked|asks|older|pictures?|pics?|photos?|"
        r"secret|send|come)",
        _near(
            r"he|him|a man|a guy|someone|somebody|boyfriend|bf",
            r"(?:wants?|wanted|asks?|asked|asking|told|tells|keeps asking|made|makes|pressur\w+)"
            r" (?:me )?(?:to )?(?:send|for (?:pics|pictures|photos|nudes|a pic|a photo|more|"
            r"videos)|to meet|to come (?:round|over|to his)|to go (?:round|back) to)",
            5,
        ),
        r"(?:send|sending|sent|share|sharing|shared|post|posting|posted|leak|leaking) (?:him |them |"
        r"her |everyone |people )?(?:a |some |more |the |my |those )?(?:photos?|pics?|pictures?|"
        r"videos?|vids?|selfies?|snaps?) (?:of me|in my (?:underwear|bra|pants|bedroom|room|bed)|"
        r"without (?:my )?(?:clothes|top)|in the (?:shower|bath))",
        r"(?:has|have|got|keeps?) (?:some |the |those )?(?:photos?|pics?|pictures?|videos?) "
        r"(?:of|from) me|(?:share|post|send|show|leak)(?:s|ed|ing)? (?:them|it|the (?:pics|pictures|"
        r"photos|videos))(?: (?:to|with) \w+)? (?:if|unless)|what (?:i'?m|im|i am) wearing|"
        r"(?:wants?|asks?|asked) (?:me )?(?:to see|for) (?:more (?:pics|pictures|photos|videos)|a pic|"
        r"pics|a photo|photos|pictures)",
        r"(?:he'?ll|she'?ll|he will|he would|he'?d) (?:tell|show|send|share|post|hurt|leave)"
        r"(?:\W+\w+){0,4}? (?:if i (?:don'?t|do not|won'?t|tell)|unless)|if i (?:don'?t|do not|"
        r"won'?t) (?:\w+ ){0,5}(?:he|she)(?:'?ll| will| would| said)",
        r"(?:boyfriend|bf|his|their|older)'?s? (?:mates|friends|brother|cousin)(?: \w+){0,3} "
        r"(?:expect|want|make|made|touch|pass|share)",
    ],
    "domestic_abuse": [
        # violence or control between adults at home; the child hearing it or protecting others
        r"(?:hands?|arm|fingers) (?:round|around|on) (?:my )?(?:mum'?s|mam'?s|mom'?s|her|dad'?s|his) "
        r"(?:neck|throat)",
        r"(?:starts?|started|kicks? off|kicked off|goes on|went for|laid into|lays into) (?:on )?"
        r"(?:at )?(?:my )?(?:mum|mam|mom|her|dad)\b",
        r"(?:won'?t|wont|doesn'?t|does not|never) let (?:my )?(?:mum|mam|mom|her|dad) (?:see|go|have|"
        r"leave|talk|speak|work|out|use|phone)|controls? (?:my )?(?:mum|mam|her|dad)",
        r"(?:mum|mam|mom|she|dad)(?:'?s| is| was| ends up| ended up| has| had) (?:\w+ )?(?:bleeding|"
        r"with a (?:cut|split|fat|burst) lip|with a black eye|bruised|covered in bruises)|"
        r"(?:cut|split|fat|burst) lip",
        r"(?:protect|protecting|protected|shield|hide|hiding|hid) (?:my )?(?:mum|mam|little|baby|"
        r"younger|brother|sister|siblings)(?:\W+\w+){0,4}? (?:when|from|while|if) (?:they|he|she|"
        r"dad|mum|my)",
        r"(?:call|calls|called|calling|ring|rang|phone|phoned) (?:the )?(?:police|999) (?:when|"
        r"because|cos|on) (?:he|she|they|dad|mum|him|her|my (?:dad|mum|mam|mom|step ?dad|"
        r"step ?mum|parents?|brother|sister|uncle|auntie|aunt|nan|gran|grandad|carers?|foster "
        r"\w+|mum'?s \w+|dad'?s \w+|partner|boyfriend|girlfriend))",
        r"(?:hear|heard|hearing|listen to) (?:my |them |him |her |mum |dad |my mum |my dad |"
        r"\w+ and \w+ )?(?:\w+ )?(?:hurting|hitting|beating|strangling|fighting|screaming at|"
        r"shouting at|arguing)",
        rf"{_FAMILY_OR_ADULT} (?:\w+ ){{0,3}}(?:threatens?|threatened|threatening) (?:to )?(?:kill|"
        r"hurt|hit|stab|take)",
    ],
    "neglect": [
        # no food, no care, left alone, dirty or unsafe home, no health care
        r"(?:never|nothing|no food|hardly anything|barely anything) (?:\w+ )?(?:in the|at) "
        r"(?:fridge|cupboards?|house|home)|(?:fridge|cupboards?) (?:is |are )?(?:always )?(?:empty|"
        r"bare)|empty (?:fridge|cupboards?)",
        r"(?:haven'?t|have not|hadn'?t|not|never|didn'?t) (?:had|have|get|got|eaten) (?:a |any )?"
        r"(?:proper |hot |real )?(?:meal|meals|dinner|tea|breakfast|food|anything)(?: \w+){0,3} "
        r"(?:in|for|since) (?:days|ages|a (?:day|week)|(?:two|three|four|\d+) days|yesterday|the "
        r"weekend)",
        r"always hungry|hungry (?:all the time|at the weekends?|in the holidays|when there'?s no)|"
        r"(?:only|just) (?:eat|food) (?:is )?at school",
        r"i (?:have to |\w+ )?(?:do|did) everything (?:myself|for (?:my|us)|at home|in the house)|"
        r"(?:get|got|gets) (?:my ?self|me) to school|(?:make|makes|made|cook|get) (?:my|our) own "
        r"(?:tea|dinner|food|breakfast|meals?|lunch)",
        r"(?:mum|mam|mom|dad|she|he|parents|they) (?:\w+ )?(?:doesn'?t|don'?t|does not|never|"
        r"won'?t|can'?t) (?:get|gets) (?:out of|up out of) bed|(?:stays?|stayed|lies) in bed "
        r"(?:all|most of the) day",
        r"(?:sleep|sleeps|slept|sleeping) on (?:the |a )?floor|(?:don'?t|dont|do not|never) "
        r"(?:have|got) (?:a |any )?(?:beds?|bedding|sheets|duvet|mattress|heating|clean clothes)",
        r"(?:nobody|no one|noone|never) (?:\w+ )?(?:takes?|took|taken|brings?) (?:me|us) (?:to )?"
        r"(?:the )?(?:dentist|doctors?|gp|hospital|appointments?|opticians?|school)",
        r"(?:rubbish|mess|poo|dog mess|mould|mouldy|rats?|mice|fleas|bed ?bugs|maggots) "
        r"(?:\w+ ){0,2}(?:everywhere|all over (?:the|my|our) (?:house|room|floor|flat)|in (?:my|"
        r"our) (?:house|room|bed|kitchen|flat))|(?:our|my|the) (?:house|home|flat) (?:\w+ )?"
        r"(?:smells|stinks|is (?:a tip|filthy|disgusting|dirty))",
        r"(?:leaves?|left|leaving) (?:me|us)(?: (?:and|with) my \w+ \w+)? (?:\w+ ){0,3}(?:for "
        r"(?:days|hours|the night|the weekend|ages|a week)|all (?:night|day|weekend)|overnight)",
        r"(?:mum|mam|mom|dad|parents?|carers?)(?: \w+)? (?:goes|go|went|going) out (?:and "
        r"(?:leaves?|left)|all night|every night|drinking|partying|till|until)",
        r"(?:look|looking|looked|looks) after (?:my ?self|my (?:baby |little |younger |\w+ )?"
        r"(?:brothers?|sisters?|siblings)) (?:\w+ ){0,3}(?:all night|overnight|every night|while|"
        r"for days|on my own|by myself|because|cos|instead)",
        r"(?:mum|mam|mom|dad|parents?|carers?) (?:is|are|'?s) (?:never|hardly ever|not ever|barely "
        r"ever) (?:home|in|around|there)",
        r"(?:left|leave|leaves) (?:me )?to (?:look after|care for|mind) ",
        r"(?:same|dirty|smelly) (?:uniform|clothes)(?: \w+){0,3} (?:all week|every day|for days|"
        r"for (?:a|one|two|three|\w+) weeks?)|"
        r"(?:no one|nobody) (?:washes|cleans)",
    ],
    "unsafe_at_home": [
        # fear of home or of a person there, barricading, being thrown out
        rf"(?:scared|afraid|frightened|terrified|petrified) (?:of|about) what (?:{_FAMILY_OR_ADULT}|"
        r"my \w+|happens|goes on)",
        rf"(?:scared|afraid|frightened|terrified|petrified) (?:of|around|to be (?:near|with|"
        rf"alone with|around)) {_FAMILY_OR_ADULT}(?!\w)|(?:scared|afraid|frightened|terrified|"
        rf"petrified) when (?:my )?{_NAMED_FAMILY}",
        r"(?:what|things that) (?:happens|happen|goes on) (?:at home(?! (?:after|when i (?:leave|go|"
        r"get)|once))|in my house|when (?:mum|dad|"
        r"he|she|they) (?:drink|drinks|gets? (?:angry|drunk)))",
        r"(?:so|because|cos) (?:that )?i (?:don'?t|do not|dont) have to (?:go|be|get) (?:back )?"
        r"home|as late as (?:i can|possible)|(?:dread|dreads|dreading|hate|hates) (?:going|being|"
        r"getting) (?:back )?home",
        r"(?:chair|wardrobe|desk|bed|drawers) (?:against|in front of) (?:my|the) (?:bedroom |room )?"
        r"door|(?:lock|locks|locked|barricade|barricaded) (?:my ?self|me) in",
        r"(?:get|gets|got|getting) (?:kicked|chucked|thrown) out(?! of (?:class|school|the "
        r"(?:lesson|room|group|session|class|club|shop|game)))|(?:he|she|they|my "
        rf"{_NAMED_FAMILY}) (?:\w+ )?(?:told|tells|tell) me to (?:get out|pack my|not come back|go "
        r"away and)|get out and (?:don'?t|do not|not|never) come back",
        r"(?:don'?t|do not|dont|never) (?:want|wanna) to (?:go|be|get|stay) (?:back )?(?:home|at home|"
        r"in (?:that|my) house)",
    ],
    "feels_unsafe": [
        # someone watching, waiting, following, or an adult making them uneasy
        r"(?:man|men|guy|someone|somebody|a car|a van|he|they|people|stranger|strangers|lads|boys) "
        r"(?:who |that )?(?:\w+ )?(?:hangs?|hanging|waits?|waiting|sits?|sitting|stands?|standing|"
        r"lurks?|lurking|parks?|parked|parking|drives? past|driving past|drove past) (?:\w+ )?"
        r"(?:around |about )?(?:outside|near|by|round|past)? ?(?:my |our |the )?(?:house|home|"
        r"school|flat|door|gate)",
        r"(?:a man|a guy|someone|somebody|a stranger|strangers|a grown ?up|an adult|men) (?:\w+ )?"
        r"(?:watches|watching|watched|stares at|staring at|stared at|photographs|films) (?:me|us)",
        r"(?:follows?|followed|following|stalks?|stalking|stalked) (?:me|us)\b(?! up)|"
        r"(?:turns?|turned|shows?|showed) up (?:at|outside) my (?:house|school|door|flat)",
        r"(?:he|she|they|him|them) (?:\w+ )?(?:scares|frightens|creeps) (?:me|us)|"
        r"(?:scares|frightens) (?:the )?(?:life|hell) out of me|creeps me out",
        r"(?:makes?|made|making) (?:me )?(?:feel )?(?:really |so |very )?(?:uncomfortable|uneasy|"
        r"unsafe|on edge|creeped out)|(?:uncomfortable|uneasy|scared) (?:around|with|near) (?:him|"
        r"her|them|one of|a member|a man|a staff)",
        _near(
            r"(?:a |an |one of the |some )?(?:grown ?up|adult|man|men|staff|worker|teacher|coach|"
            r"stranger|guy)",
            r"(?:keeps|kept|won'?t stop|always) (?:messaging|texting|"
            r"touching|hugging|following|watching|looking at|staring at) (?:me|us)",
            5,
        ),
    ],
    "bullying": [
        # sustained meanness from peers
        r"(?:make|makes|made|making) my life (?:hell|a (?:misery|nightmare|living hell)|miserable)",
        r"(?:trip|trips|tripped|tripping|push|pushes|pushed|pushing|shove|shoves|shoved|kick|kicks|"
        r"kicked|punch|punched|hit|hits|spit|spat|throw|throws|threw) (?:me|things at me|stuff at "
        r"me)(?: \w+){0,3} (?:every day|all the time|in the corridors?|at school|on the bus|at "
        r"lunch|in class|after school)",
        r"(?:nobody|no one|noone|no-one) (?:will |wants to |ever )?(?:sit|sits|talk|talks|play|plays|"
        r"hang|be friends|speak|walk) (?:with|to|around|near) me|(?:eat|sit|sitting) (?:lunch )?"
        r"(?:alone|on my own) (?:every day|at lunch|because)",
        r"(?:take|takes|took|taking|steal|stealing|stole|nick|nicks|nicked) my (?:money|dinner money|"
        r"lunch|phone|bag|stuff) (?:every|all the|again|on the)",
        r"(?:group ?chats?|chats?|posts?|videos?|tiktoks?|pages?|accounts?) (?:\w+ ){0,3}"
        r"(?:about me|laugh at me|to (?:laugh at|mock|slag|bully|make fun of|get at) me)|"
        r"(?:fake|hate) (?:account|page|profile) (?:about|of|for) me",
        r"(?:everyone|everybody|they all|people) (?:at school |in my (?:year|class|form) )?"
        r"(?:hates?|laughs? at|ignores?|picks? on|makes? fun of) me",
    ],
    "exploitation_and_drugs": [
        # holding, carrying, owing, running for someone, weapons, heavy use
        r"(?:hold|holds|holding|held|keep|keeping|kept|look after|looking after|mind|minding|store|"
        r"storing|hide|hiding) (?:some )?(?:stuff|things|something|a bag|bags|packages?|parcels?|"
        r"a phone|money|cash) (?:for|in my \w+ for)",
        r"(?:owe|owes|owing|owed) (?:\w+ ){0,3}(?:money|them|him|people|someone|the olders|a debt)|"
        r"(?:pay|paying) (?:it |them |him |that )?(?:back|off)(?! (?:the|my) (?:loan|mortgage))|"
        r"(?:lost|lose|losing) (?:their|his|the) (?:stuff|bag|gear|money|package|drugs)",
        r"(?:go|goes|going|went|sent|send|take|taking|took|travel|travelling) (?:\w+ ){0,2}(?:to )?"
        r"(?:other|another|different) (?:towns?|cities|city|areas?|places) (?:for (?:them|him|"
        r"the olders|older|people|someone)|and (?:miss|skip) school|to (?:drop|deliver|sell|take))|"
        r"(?:text|texts|texted) (?:me|us) where to go",
        r"(?:pays?|paid|paying|gives? me money|gave me money) (?:me )?(?:to )?(?:take|carry|drop|"
        r"deliver|hold|bring|move|run|sell|look after)",
        r"(?:take|takes|taking|took|carry|carrying|carried|bring|move|moving) (?:bags?|packages?|"
        r"parcels?|stuff|things|a bag) (?:\w+ )?(?:places|to (?:other|another|different|people|"
        r"houses|flats)|for (?:them|him|some|older))",
        r"(?:carry|carries|keep|keeps|got|have|bring) (?:\w+ ){0,4}for (?:my )?protection|"
        r"(?:in case|for when) (?:i get|someone) (?:jumped|stabbed|attacked|rushed)",
        r"(?:weed|vodka|alcohol|pills|ket|xans|drugs|smoking|smoke) (?:\w+ ){0,5}(?:to (?:get "
        r"through|cope|forget|sleep|feel (?:ok|normal|better|nothing)|block|numb)|on my own|alone|"
        r"in my room|most nights|every night|every day|before school|at school)",
        r"(?:drink|drinking|drank) (?:\w+ ){0,4}(?:to (?:get through|cope|forget|block|numb)|on my "
        r"own|alone|in my room|before school|at school)",
        r"\bvodka\b|\bdealers?\b",
    ],
    "going_missing": [
        # away from home or care overnight, nobody knowing where
        rf"(?:{_FAMILY_OR_ADULT}|carers?|foster carers?|staff|anyone|anybody|nobody|no one) "
        r"(?:\w+ )?(?:doesn'?t|don'?t|does not|do not|never|didn'?t) (?:even )?(?:know|knows|"
        r"knew|ask|asks|check|checks) (?:where|when) i (?:am|go|sleep|stay|was|went|be|get "
        r"home|come home|'m)\b(?! (?:supposed|meant|going to|booked|referred|told|to))",
        r"(?:stay|stayed|staying|sleep|slept|sleeping|crash|crashed|crashing) (?:at|with|in) "
        r"(?:someone'?s|people'?s|a (?:man|guy|lad|stranger)'?s|some (?:man|guy|lad|people)'?s?|"
        r"random) (?:\w+ ){0,3}(?:i (?:didn'?t|don'?t|hardly|barely) know|for (?:\w+ )?(?:nights|"
        r"days)|overnight)|(?:sleep|slept|sleeping|stay|stayed|staying) wherever",
        r"(?:didn'?t|did not|don'?t|never|not) (?:come|go|came|went) (?:back|home)(?: \w+)? "
        r"(?:till|until|for|all night|at all|that night|last night)",
        r"police (?:\w+ )?(?:brought|bring|took|take|drove|found|find|picked) me (?:back|home|up)",
        r"(?:left|leave|leaving|walked out of|walk out of) (?:the |my )?(?:children'?s home|care "
        r"home|placement|foster (?:home|carers?|placement))(?! (?:for|to go to) (?:school|"
        r"college|work|a (?:visit|trip)))",
    ],
}


# Kinds of expression found missing when the rules met sentences written by someone
# who had never seen them (the former blind set, issue 7). Each rule is a KIND -- a way
# young people say things -- and is written to catch other sentences of that kind, not
# the sentence that showed the gap: the tests hold fresh sentences for every kind.
# A named adult (no pronouns): "her uncle touches her" is a disclosure about a friend.
_ADULT = (
    r"(?:(?:my |her |his |their |our |a |the |mum'?s |dad'?s )?(?:dad|daddy|father|step ?dad|"
    r"stepfather|mum|mam|mom|mother|step ?mum|stepmother|uncle|aunt|auntie|grandad|grandpa|"
    r"granddad|grandma|nan|gran|carers?|foster (?:carer|dad|mum)|boyfriend|partner|teacher|"
    r"coach|tutor|neighbour|instructor|leader|man|men|guy|bloke|lodger|youth worker))"
)
# Whoever is harmed: the writer or someone they are telling about.
_VICTIM = r"(?:me|us|her|him|them)"
_POSS = r"(?:my|our|her|his|their)"
_SELF_ANY = rf"(?:{_SELF}|her ?self|him ?self|them ?selves|them ?self|themself)"
_BODY = (
    r"(?:arms?|wrists?|hands?|fingers?|nose|ribs?|jaw|legs?|ankles?|collar ?bone|teeth|tooth|"
    r"head|skull|eye|back|neck|lip|shoulder|elbow|knees?)"
)
_DRUG = (
    r"(?:drugs|weed|gear|bits|coke|cocaine|crack|heroin|ket|spice|skunk|cannabis|"
    r"packages?|parcels?|a package|a parcel|the (?:package|parcel|drugs|gear|bits)|"
    r"a knife|knives|a blade|a weapon|a gun|a shank)"
)
# How much was taken: "a load of", "all my", "too many".
_AMOUNT = (
    r"(?:a load of|loads of|a lot of|lots of|a bunch of|a handful of|a (?:whole )?packet of|"
    r"a (?:whole )?box of|a (?:whole )?strip of|all (?:of )?my|all (?:of )?the|the rest of (?:my|the)|"
    r"too many|a few (?:extra )?|extra|double)"
)
_KINDS: Final[dict[str, list[str]]] = {
    "suicidal_thoughts": [
        # issue 12, second round: the means in hand, now ("had the tablets in my hand")
        r"(?:pills|tablets|paracetamol|painkillers|a blade|the blade|a rope|the rope) (?:\w+ ){0,2}"
        r"in my hands?\b",
        # whether anyone would care; voices; "just end it"
        r"(?:would|'?d|will|wouldn'?t|won'?t) (?:even )?(?:care|notice|miss me|be bothered) "
        r"if i (?:died|was dead|were dead|was gone|disappeared|killed myself|wasn'?t here|"
        r"wasn'?t around|didn'?t come back)",
        r"voices? (?:\w+ )?(?:tell|telling|told|tells|say|says|said|saying) (?:me )?(?:to |i should "
        r")?(?:just )?(?:hurt|kill|die|end|jump|cut|do it)",
        r"(?:should|could|might|will|gonna|going to|want to|wanna|need to|have to) (?:just )?end "
        r"it\b(?! (?:with|there|now|early|at|on|before)\b)",
        # planning how, and saying goodbye
        r"(?:thinking|thought|think|planned|planning|worked out|working out) (?:about )?how (?:i'?d|i "
        r"would|i could|i'?ll|i will|to) (?:do it|end it|go|die|kill|not be here)|how i would do it",
        r"(?:wrote|written|writing|write|said|saying|sent|sending) (?:my |all my |a )?goodbyes?\b",
        # someone else's risk, in the third person
        rf"(?:kill|killing|killed|kills|hang|hanging|hanged|hung) {_SELF_ANY}",
        # not expecting to be here, with a word in between ("I don't think I'll still be here")
        r"(?:don'?t|do not|dont) (?:think|reckon) i'?(?:ll| will) (?:still |even |actually |really )?"
        r"be (?:here|around|alive)|(?:won'?t|wont|will not|not going to|not gonna) (?:still |even )"
        r"be (?:here|around|alive)",
        r"(?:won'?t|wont|will not|not going to|not gonna) be (?:a |such a )?(?:problem|burden|"
        r"bother|nuisance|pain) (?:to (?:anyone|anybody|you|them|you all|everyone) )?(?:for )?"
        r"(?:much|very) long(?:er)?",
        # hoping for death without acting: a car, not waking, not making it
        r"(?:hope|hoping|hoped|pray|praying|prayed|wish|wishing) (?:that )?(?:a|the|some) (?:car|bus|"
        r"train|lorry|truck|van) (?:\w+ )?(?:hits?|runs? (?:me )?over|kills?|knocks? me)|"
        r"(?:hope|hoping|pray|praying) (?:that )?i (?:die|get hit|get run over|crash|never wake|"
        r"don'?t make it|don'?t wake)|(?:wouldn'?t|would not) (?:mind|care) if i (?:died|got hit|"
        r"got run over|didn'?t wake|never woke|was dead|wasn'?t here|wasn'?t around)",
        r"(?:didn'?t|did not|wouldn'?t|won'?t|wont|would not) wake up(?! (?:until|till|til|when|"
        r"for|in time|early|on time|at|before|after|with|to)\b)",
        r"(?:everyone|everybody|my family|the world|people|they)(?: \w+)? (?:would|will|'?d) be "
        r"(?:so |much |a lot )?(?:better|happier|easier)(?: off)? (?:if|when) i (?:just )?(?:was|"
        r"were|wasn'?t|weren'?t|went|disappeared|died|left|didn'?t|never|stopped|ended|"
        r"was gone|did it)",
        # getting affairs in order: giving things away, not needing them
        r"(?:gave|give|giving|given) (?:away )?(?:all )?(?:of )?my (?:\w+ ){0,2}(?:stuff|things|"
        r"belongings|games|clothes|xbox|playstation|ps\d|switch|phone|savings|pets?|jewellery)"
        r"(?: \w+){0,6} (?:won'?t|wont|will not|not going to|not gonna) need",
        r"(?:gave|give|giving|given) (?:away )?(?:\w+ ){0,4}all (?:of )?my (?:stuff|things|"
        r"belongings|games|clothes)|(?:won'?t|wont|will not|not going to|not gonna) need "
        r"(?:it|them|this|that|any of (?:it|this|them)|anything) (?:\w+ )?(?:where i'?m going|"
        r"after (?:this|friday|\w+day)|soon|much longer)(?! (?:after|because|since|once|when) "
        r"(?:the|my) )",
        # collecting the means
        r"(?:saving|saved|save|hiding|hidden|hid|collecting|collected|stashing|stashed|hoarding|"
        r"hoarded|stockpil\w*|storing up|stored up) (?:up )?(?:\w+ ){0,2}(?:tablets|pills|meds|"
        r"paracetamol|painkillers|sleeping pills)",
        r"(?:take|taking|took|swallow\w*) (?:all|a whole|the whole|every one|all the rest) (?:of )?"
        r"(?:(?:my|her|his|the) )?(?:\w+'?s )?(?:tablets|pills|meds|medication|"
        r"medicine|paracetamol|painkillers|sleeping pills)",
        # not knowing whether they can keep going
        r"(?:don'?t know|not sure|unsure|dunno) (?:if|whether|how (?:long|much longer)) i (?:can|"
        r"could|will|'?ll) (?:keep going|keep doing this|keep living|hold on|last|go on|carry on|"
        r"cope|do this)\b(?! (?:to|back|in|there|on about|up)\b)|(?:can'?t|cant|cannot) (?:keep going|"
        r"keep doing this|keep living|hold on (?:much )?(?:any )?longer|last much longer)\b(?! (?:to|"
        r"back|in|there|on about|up)\b)",
    ],
    "self_harm": [
        # issue 12, second round: first-person self-harm going on now, often played down
        # ("i still cut", "i do still burn", "the odd cut", "better at hiding the marks")
        r"\bi (?:still|sometimes|secretly|occasionally|do still|still do|only) (?:\w+ )?(?:cut|burn|"
        r"scratch|self ?harm)\b(?! (?:my (?:hair|nails|fringe|food)|it|them|out|down|back|up|off|"
        r"toast|food|dinner|tea|pizza|chips|things|stuff|everything|"
        r"corners|class|school|lessons?|the \w+|a \w+))",
        r"(?:the|an|the very) (?:odd|occasional) (?:cut|burn)\b",
        r"(?:better at|good at|used to) hiding (?:the |my )?(?:marks|cuts|scars|burns|it from)",
        # inflected forms, and the amount taken
        rf"(?:harm|harming|harmed|cut|cutting|burn|burning|burnt|burned|scratch|scratching|"
        rf"scratched|punish|punishing|pick|picking|bite|biting|carve|carving|carved) (?:at )?my "
        rf"{_SKIN}\b(?! with (?:that|the|this|a|my) (?:cream|gel|lotion|spray|medicine|treatment|wax))",
        rf"(?:take|taking|took|takes|swallow\w*|necked|downed) {_AMOUNT} (?:\w+ )?(?:pills|tablets|"
        r"paracetamol|painkillers|meds|medication|sleeping pills|ibuprofen)\b(?! (?:for|because|"
        r"as|after|when|while|a day|every|each|daily|from the|prescribed|to take)\b)",
        # doing "it" or "what I used to" to a part of the body; other people's tablets
        r"(?:doing|did|do|done|started|start|back to) (?:what|the things?|stuff|it|that) (?:\w+ ){0,4}"
        r"to my (?:arms?|legs?|wrists?|thighs?|skin|body|stomach|hips?)",
        r"(?:take|taking|took|takes|nick|nicking|nicked|steal|stealing|stole) (?:\w+ )?"
        r"(?:\w+'s|mums|mams|moms|dads|nans|grans|sisters|brothers|parents'?|carers'?|friends'?|"
        r"mates) "
        r"(?:sleeping (?:tablets|pills)|tablets|pills|meds|medication|painkillers|diazepam|codeine|"
        r"tramadol)(?! (?:to|for|up to|round to) (?:her|him|them|school|the))",
        # third person
        r"(?:hurt|hurts|hurting|harm|harms|harming|cut|cuts|cutting|burn|burns|burning|burnt|"
        r"starve|starves|starving|scratch|scratches|scratching|punish|punishes|punishing) "
        r"(?:her ?self|him ?self|them ?selves|them ?self|themself)",
        # hiding the body all year, whatever the weather
        r"(?:wear|wears|wearing|wore) (?:a |my )?(?:jumpers?|hoodies?|long sleeves?|sleeves|"
        r"long trousers|leggings|tights|a coat|cardigans?)(?: \w+){0,2} (?:all year|all the time|"
        r"in (?:the )?summer|even (?:in|when|if)|when it'?s (?:hot|boiling|warm|sunny)|every "
        r"day|so (?:no one|nobody|noone|people|they|mum|dad|my \w+|no-one) (?:can'?t |won'?t |"
        r"don'?t )?(?:see|sees|notice|notices|ask|asks))",
        r"(?:my )?(?:arms?|legs?|wrists?|thighs?|stomach) (?:is|are|look|looks|'re) (?:a (?:mess|"
        r"state|wreck)|(?:all |really |so )?(?:cut up|scarred|ruined|covered in))",
    ],
    "abuse": [
        # issue 12, second round: pictures taken of children undressed
        r"(?:(?:takes?|took|taking) (?:pictures|photos|pics|videos?) of|films?|filmed|filming|"
        r"records?|recording|recorded|photographs?|photographed) (?:me|us|her|him|them|kids|girls|"
        r"boys|children)(?: \w+){0,2} "
        r"(?:in the (?:changing rooms?|showers?|toilets?|bath)|getting changed|changing|naked|"
        r"undressed|in (?:my|our|their|her|his) (?:underwear|pants|bra))",
        # hit, beaten, made to sleep somewhere: whoever does it, whenever
        r"(?:gets?|got|getting) (?:hit|beaten|slapped|smacked|punched|kicked|battered|whacked|belted)"
        r"\b(?! out\b| off\b| (?:by (?:a|the) (?:ball|car|bus|door|bike|van)|in (?:pe|football|"
        r"rugby|the game)|playing|at (?:football|rugby|boxing)))",
        rf"(?:makes?|made|making) {_VICTIM} (?:sleep|stay|stand|sit|wait|eat) (?:in|on|outside|out) "
        r"(?:the |a |his |her |their )?(?:bath|bathtub|floor|shed|garden|car|cupboard|hallway|"
        r"landing|cold|dark|corner|bed|dog bed|kennel|garage|outside|doorstep)",
        r"(?:he|she|they)(?:'?ll| will| would|'?d)? (?:\w+ ){0,2}make sure i (?:never|don'?t|"
        r"won'?t) (?:see|get to see|speak to|talk to)",
        # an adult's compliments and messages
        _near(
            r"teacher|coach|tutor|(?:a |an |this |some )(?:man|guy|bloke)|leader|neighbour|uncle|"
            r"step ?dad|dad'?s friend|mum'?s (?:boyfriend|friend|partner)|youth worker|instructor|"
            r"older (?:man|guy|lad|boy)",
            r"(?:telling|tells|told|says|said|calls|calling|called) me (?:that )?(?:i'?m|im|i am|i "
            r"look|how) (?:so |really )?(?:beautiful|pretty|sexy|fit|hot|gorgeous|mature|special)|"
            r"(?:texts?|texting|texted|messag\w+|dms?|snaps?|calls?|ringing|rings) (?:me )?(?:\w+ )"
            r"{0,3}(?:at night|late at night|in the night|every night|when (?:i'?m|im) in bed)",
            8,
        ),
        # made to take pictures of themselves, which are then shown to others
        rf"(?:got|gets|made|makes|asked|asks|told|tells|wants?|wanted) {_VICTIM} (?:to )?(?:take|"
        r"send) (?:\w+ )?(?:pictures|photos|pics|videos|selfies|vids) (?:of )?(?:my ?self|her ?self|"
        r"him ?self|me)",
        # injuries a person caused to a part of the body
        rf"\b{_PERSON} (?:\w+ ){{0,3}}(?:broke|broken|fractured|cracked|burnt|burned|scalded|"
        rf"dislocated|bruised|split|bust|busted|stamped on|snapped) {_POSS} {_BODY}\b",
        r"(?:hit|hits|beat|beats|beaten|whack\w*|smack\w*|slap\w*|belt\w*|struck|thrash\w*|"
        r"leather\w*) (?:\w+ ){0,3}(?:with|using) (?:a |the |his |her |their |my )?(?:belt|"
        r"wooden spoon|spoon|slipper|shoe|stick|cane|wire|cable|lead|hairbrush|brush|hanger|"
        r"coat hanger|ruler|remote|bat|hammer|charger|plug|buckle|fist|fists)",
        r"(?:pushed|shoved|smashed|slammed|threw|forced|flushed|dunked|banged|smacked) (?:my |her |"
        r"his |mum'?s |mam'?s |mom'?s |dad'?s |their )head (?:through|into|against|under|in|off|on)"
        r" (?:the |a |my |her |his )?(?:wall|door|table|floor|window|glass|bath|water|toilet|sink|"
        r"radiator|cupboard|fridge|mirror|car|counter|worktop|stairs)",
        # a cover story for an injury: made to lie, or saying "I fell" but it was someone
        _near(
            r"(?:made|make|makes|making|told|tells|telling|forced) (?:me|us|her|him) (?:to )?"
            r"(?:say|tell|lie|pretend)",
            r"(?:i|she|he|we) (?:fell|tripped|slipped|walked into|bumped|did it|hurt (?:my|her|his)"
            r"self)",
            5,
        ),
        _near(
            r"(?:said|say|says|told|tell|telling) (?:\w+ ){0,3}(?:i|she|he) (?:fell|tripped|slipped|"
            r"walked into|bumped into)",
            r"but (?:it was|really|actually|it wasn'?t)|(?:made|makes|make) me (?:say|lie)",
            8,
        ),
        r"teach (?:me|us|her|him) a lesson|(?:to|as a) punish(?:ment)? (?:me|us|her|him)",
        # rejection and threats of being sent away
        r"wish(?:es|ed)? (?:i|id|i'?d|that i|she|he) (?:was|were|had|'?d)(?:n'?t| not| never)"
        r"(?: been)? born|(?:send|sending|sends|put|putting|puts) (?:me|us|her|him) (?:back )?"
        r"(?:in|into|to) care|(?:send|sending|sends|give|giving|gives) (?:me|us) (?:back|away) "
        rf"(?:if|unless|to (?:care|my (?:real|birth)))|{_NAMED_FAMILY} (?:\w+ ){{0,3}}(?:get|getting) "
        rf"rid of me|{_NAMED_FAMILY} (?:don'?t|doesn'?t|never) (?:even )?(?:want|wanted|love|loved) "
        r"me (?:anymore|any more|here|around|at all)",
        # confinement
        r"not allowed (?:out of|to leave) (?:my|the|our) (?:room|bedroom|house|flat)",
        # sexual contact: laps, getting changed, under clothes, the mouth, keeps touching
        rf"(?:makes?|made|making|wants?|wanted|tells?|told|asks?|asked|gets?|got) {_VICTIM} "
        r"(?:to )?sit on (?:his|her|their) (?:lap|knee|knees)",
        rf"(?:makes?|made|making|forces?|forced) {_VICTIM} (?:to )?(?:get |to get )?(?:changed|"
        r"undressed|naked|strip|shower|bath)(?: \w+){0,2} (?:in front of|while (?:he|she|they) "
        r"(?:watch|watches|watched|film|films|is there))",
        rf"(?:touch\w*|hands?|reach\w*|feel\w*|felt|fingers|slid\w*) (?:\w+ ){{0,3}}under {_POSS} "
        r"(?:clothes|top|skirt|shirt|pyjamas|pjs|pants|knickers|trousers|nightie|dress|school "
        r"uniform|uniform|covers|duvet|quilt)",
        rf"(?:kiss|kisses|kissed|kissing) {_VICTIM} (?:\w+ )?(?:on the (?:mouth|lips)|with (?:his|"
        r"her) tongue|like (?:a|his|her) (?:girlfriend|boyfriend))",
        rf"(?:keeps?|kept|always|won'?t stop|wouldn'?t stop) (?:touching|stroking|rubbing|hugging|"
        rf"kissing|grabbing) (?:{_VICTIM}\b|{_POSS} (?:legs?|thighs?|knees?|bum|bottom|chest|"
        rf"boobs|breasts|hair|face|neck|crotch|body))|{_ADULT} (?:\w+ ){{0,3}}touch(?:es|ed|ing)? (?:{_VICTIM} )?"
        rf"(?:on |under )?{_POSS} (?:legs?|thighs?|bum|bottom|chest|boobs|breasts|crotch)",
        rf"{_ADULT} (?:\w+ ){{0,3}}(?:touch(?:es|ed|ing)?|grop(?:es|ed|ing)|molest\w*|fiddl(?:es|ed|"
        r"ing) with|feels? up|felt up) (?:her|him|them)\b",
        rf"(?:comes?|came|coming|goes|went|gets?|got|creeps?|crept) (?:in)?to {_POSS} (?:room|"
        r"bed|bedroom) (?:at night|when (?:she|he|they|i)|while (?:she|he|they|i))",
        r"(?:have to|had to|made to|got to|gotta|must) do (?:stuff|things|something|what (?:he|she|"
        r"they) (?:says?|wants?|tells? me)) (?:\w+ ){0,4}or (?:else|(?:he|she|they)(?:'?ll| will| "
        r"gets?| get| would|'?d))",
        _near(
            r"(?:plays?|played|playing) (?:\w+ )?games? with (?:me|us|her|him)|touch\w*|cuddl\w*|"
            r"tickl\w*|hugs?|hugging|kiss\w*|lap|knee|bath|shower|in (?:my|his|her) bed|secret",
            r"(?:feels?|felt|feeling) (?:really |so |a bit |kind of )?(?:wrong|weird|funny|strange|"
            r"uncomfortable|icky|yucky|gross)\b(?!-)|(?:doesn'?t|didn'?t|don'?t) feel right",
            6,
        ),
        _near(
            r"(?:man|men|guy|bloke|neighbour|he|uncle|lodger|older \w+|lad|someone|boyfriend) "
            r"(?:\w+ ){0,3}(?:asks?|asked|invites?|invited|wants?|wanted|tells?|told|gets?|got) "
            r"(?:me|us|her|him) (?:to come )?(?:round|over|in|inside|to his|to her|up)",
            r"when (?:my )?(?:mum|dad|mam|parents|she|he|they)(?:'?s| is| are|'re| was| were) "
            r"(?:at work|out|away|asleep|not (?:in|home|there|around|looking|in the room))",
            4,
        ),
        r"if i let (?:him|her|them) (?:\w+ ){0,2}(?:kiss|touch|do|see|take|film|photograph|cuddle|"
        r"hug|in|stay|sleep|hold|watch)",
        rf"{_ADULT} (?:\w+ ){{0,3}}(?:takes?|took|taking) (?:pictures|photos|pics|videos|vids) "
        rf"(?:of {_VICTIM} )?(?:on|with) (?:his|her|their) phone(?! (?:to|so) (?:show|see|check|"
        r"look at|help|improve)| for (?:the|our) (?:club|team|website|coach|technique))",
    ],
    "sexual_exploitation": [
        # issue 12, second round: being passed between men
        r"(?:passed|handed|shared) (?:a)?round (?:at |between |to )?(?:parties|his mates|their mates|"
        r"men|older (?:men|lads|boys)|different (?:men|lads|houses))",
        # pressure for images in any words; "if you loved me"
        r"(?:send|sending|sent) (?:him|them|her|a man|a guy|someone|him a|them a) ?(?:a |some |"
        r"more |another |a few )?(?:video|videos|vids|pics?|pictures?|photos?|nudes|snaps|selfies)"
        r"\b(?! (?:of (?:my|the) (?:rash|skin|prescription|letter|form|mole|eczema)))",
        r"if (?:i|you) (?:really )?(?:loved|love|cared about|trusted) (?:him|me|her|them)",
        # invited back to an adult's place; taken somewhere unknown
        rf"(?:asks?|asking|asked|wants?|wanted|invites?|invited|tells?|told|begs?) {_VICTIM} (?:to )?"
        r"(?:come|go|get) (?:back |round |over |in(?:to)? )?(?:to )?(?:his|their|a man'?s) (?:flat|"
        r"house|place|car|room|hotel|van)",
        r"(?:don'?t|do not|dont|didn'?t|did not) know where (?:they|he|we|the men) (?:took|drove|"
        r"went|were taking)|(?:took|taken|drove|driven) (?:me|us|her) (?:somewhere|to a (?:house|"
        r"flat) i (?:didn'?t|don'?t) know)",
        # an online contact older than they say
        _near(
            r"(?:met|meet|talking to|messaging|chatting to|someone|a guy|a boy|a man|he) (?:\w+ )?"
            r"(?:on|off|from) (?:an |a |the )?(?:app|game|online|snap|snapchat|insta|instagram|"
            r"tiktok|discord|roblox|fortnite|whatsapp|xbox)",
            r"(?:sounds?|looks?|seems?) (?:\w+ )?(?:old|older|like an adult|like a man)|wants? "
            r"(?:to )?(?:video ?call|facetime|call me|meet)|(?:says|said) (?:he'?s|he is|she'?s) "
            r"(?:1[0-7]|\w+teen)",
            10,
        ),
        r"(?:sends?|sent|sending|shows?|showed|showing|shares?|shared|sharing) (?:them|it|the "
        r"(?:pics|pictures|photos|videos)) (?:to|with) (?:his|their|her) (?:friends|mates)",
        # an age gap, however it is written ("a 30 year old", "I'm 14"; "whos 26" is above)
        r"(?:1[89]|[2-6]\d) ?(?:year old|yr old|yo|y/o|years old)s? (?:\w+ )?(?:boyfriend|bf|man|"
        r"guy|lad|bloke|men|on (?:snap|snapchat|insta|instagram|tiktok|discord|roblox|whatsapp))"
        r"|(?:talking to|seeing|dating|messaging|going out with|sleeping with) (?:a |an )?(?:1[89]|"
        r"[2-6]\d) ?(?:year old|yr old|yo|y/o)",
        _near(
            r"(?:i'?m|im|i am|i was|she'?s|she is|shes|he'?s|he is) (?:only |just )?(?:1[0-5]|[89]|"
            r"ten|eleven|twelve|thirteen|fourteen|fifteen)\b(?! (?:min|hour|day|week|month|"
            r"time|mile))",
            r"older|at uni|university|in (?:his|her|their) (?:20s|30s|twenties|thirties)|adult|"
            r"grown ?up|his (?:car|flat)|has (?:a car|his own (?:car|flat))|sleeping with",
            10,
        ),
        _near(
            r"older|at uni|university|grown ?up|in (?:his|her|their) (?:20s|30s|twenties|thirties)",
            r"(?:i'?m|im|i am|i was) (?:only |just )?(?:1[0-5]|[89]|ten|eleven|twelve|thirteen|"
            r"fourteen|fifteen)\b(?! (?:min|hour|day|week|month|time|mile))",
            10,
        ),
        # given things by older people, and expected to do something back
        _near(
            r"(?:a |the |some |this |these |an older |older )(?:man|men|guy|guys|bloke|blokes|"
            r"lads|adults?|grown ups)",
            r"(?:offers?|offered|offering|gives?|gave|giving|buys?|bought|buying) (?:\w+ ){0,4}"
            r"(?:lifts?|rides?|vapes?|drinks|alcohol|vodka|weed|cigs|cigarettes|money|presents|"
            r"gifts|phones?|trainers)",
            8,
        ),
        r"(?:do|doing|did) (?:stuff|things|something|favours|it) (?:back|in return)|"
        r"(?:do|doing) (?:stuff|things) with (?:his|their|her|older) (?:friends|mates|cousins?|"
        r"brothers?)|(?:return the favour|pay (?:them|him|it) back (?:with|in))|(?:want|wants|wanted|expect|"
        r"expects|expected) (?:me |us |her )?(?:to )?(?:do|give) (?:\w+ )?(?:stuff|things|"
        r"something|favours)? ?back",
        r"(?:shares?|shared|sharing|pass(?:es|ed|ing)?|lends?|lent) (?:me|her|us) (?:around|round|"
        r"about|with (?:his|their|the) (?:friends|mates|brother|cousins?|boys|lads))|"
        r"(?:pass|passes|passed) (?:me|her|us) on to",
        # picked up or taken somewhere by older men, drink, and not remembering
        r"(?:picked up|collected|driven (?:around|about|off)|taken (?:away|off)) (?:\w+ ){0,3}by "
        r"(?:older|some|a|these|grown|random|two|three|the) (?:\w+ )?(?:men|man|guys?|lads|boys|"
        r"blokes)",
        _near(
            r"drink|drinks|drunk|vodka|alcohol|pills|spiked|party|parties|gave (?:me|us|her) "
            r"something",
            r"(?:can'?t|cant|don'?t|dont|couldn'?t) remember (?:what|anything|much|how|where)|"
            r"woke up (?:in|at|with|somewhere|naked|in someone'?s)|blacked out",
            8,
        ),
        r"(?:put|slipped|spiked|something) (?:something |stuff |pills |drugs )?(?:in|into) (?:my|"
        r"her|our) drink|spiked",
        # online grooming: persistent questions, moving to private apps, wanting pictures
        r"(?:keeps?|kept|always|won'?t stop|wouldn'?t stop) ask(?:ing|s)? (?:me |her )?(?:what "
        r"school|which school|where i live|where i go|for my address|what i look like|for "
        r"(?:pics|pictures|photos|selfies|my number|my snap|nudes)|if i(?:'?m| am| was) (?:alone|"
        r"on my own|home alone|a virgin)|about my body|what i'?m wearing|how old)",
        r"(?:move|moving|go|talk|chat|come) (?:to|on|onto|over to) (?:a )?(?:private|different|"
        r"another|secret) (?:app|chat|account|server|platform|group)|(?:delete|deletes|deleting|"
        r"wipe|clear) (?:our|the|his|her|my) (?:messages|chats|dms|texts)",
        rf"(?:wants?|wanted|asks? for|asked for|asking for|requests?|keeps asking for) (?:more )?"
        rf"(?:selfies|pictures|photos|pics|videos|vids|snaps|a selfie|a photo|a pic|a picture) "
        rf"(?:of|from) {_VICTIM}\b",
        rf"(?:pictures|photos|pics|videos|vids|a photo|a picture|a pic) of {_VICTIM} (?:in (?:my|"
        r"her|a|the) (?:bikini|underwear|bra|pants|pyjamas|pjs|swimsuit|swimming costume|shower|"
        r"bath|bed|bedroom|towel)|with (?:no|without) (?:clothes|top)|naked|undressed)",
        r"(?:put|post|share|send|show|leak|spread|upload)\w* (?:the |my |those |that |his |her )?"
        r"(?:video|videos|pics|pictures|photos|vids|nudes|screenshots|messages|chats)(?: \w+){0,3}"
        r" (?:unless|if (?:i|she|he) (?:don'?t|dont|do not|won'?t|wont|stop|tell))",
    ],
    "domestic_abuse": [
        r"(?:threaten\w*|said (?:he'?d|he would|she'?d)|says (?:he'?ll|he will)|going to) (?:\w+ )?"
        r"(?:to )?(?:burn|set fire to|torch) (?:the|our|my) (?:house|flat|home)",
        r"(?:moved|move|moving|went|go|going|living|live|stay|stayed|staying|fled|ran) (?:\w+ )?"
        r"(?:to|into|at|in) (?:a |the )?(?:women'?s )?refuge\b|women'?s aid",
        r"(?:boyfriend|bf|girlfriend|gf|partner|he|she) (?:\w+ ){0,2}(?:checks?|checked|goes "
        r"through|went through|tracks?|tracked|reads?) (?:my|her) (?:phone|messages|texts|"
        r"location|snap|dms)",
        r"(?:won'?t|wont|doesn'?t|does not|never|don'?t) let (?:me|her|mum|my mum) (?:see|go out "
        r"with|talk to|have|text|message|speak to) (?:my|her|any|any of (?:my|her)) (?:friends|"
        r"mates|pals|family|money)",
        r"(?:put|pushed|shoved|smashed|slammed|threw|held|holds|banged) (?:my )?(?:mum'?s|mam'?s|"
        r"mom'?s|her) head (?:through|into|against|under|off|on) (?:the |a )?(?:wall|door|table|"
        r"floor|window|glass|bath|water|toilet|sink|radiator|cupboard|fridge|mirror|car|counter|"
        r"worktop|stairs)",
    ],
    "honour_based_abuse": [
        # issue 12, second round: FGM told as "being cut" (as a child, abroad, like the others)
        r"(?:i was|i got|i'?ve been|was|been|get|getting|be|being) cut (?:as a (?:child|baby|"
        r"girl|kid|little girl)|when i was (?:little|small|a baby|a child|a girl|young|born|\d+)|down"
        r" there|(?:when|while) (?:we|i) (?:go|went|visit\w*|travel\w*|fly|flew))",
        r"(?:all (?:the |my )?|the other |my )(?:girls|cousins|sisters)(?: \w+){0,3} (?:get|got|are|were|have been)"
        r" cut\b",
        r"(?:says?|said|told me|tells me|decided|have decided|has decided|saying) (?:that )?"
        r"(?:i'?m|im|i am|i will|i'?ll|i have to|i must|she'?s|she is|she has to) (?:going to |gonna "
        r"|to )?(?:be |get |getting )?(?:married|engaged)\b",
        r"(?:to |get |getting |be |being )engaged\b(?:\W+\w+){0,4}?\W+(?:i (?:don'?t|dont|do not) "
        r"want|against my will|not ready)|(?:going|taken|take|taking|sent|send|sending) (?:me |her )?"
        r"(?:back )?(?:to|abroad to) (?:my |her |our )?(?:\w+'?s |home )?(?:country|home country|"
        r"abroad)(?: \w+){0,4} (?:to (?:get )?(?:engaged|married)|for (?:a|my|her) (?:wedding|"
        r"marriage|engagement))",
        # forced marriage, so-called honour, FGM
        r"forced (?:into )?marriage|honou?r[- ]based|honou?r (?:killing|violence|crime)|"
        r"(?:our|the|my) family'?s? honou?r|(?:family|our) honou?r|bring(?:ing)? (?:shame|"
        r"dishonou?r)|dishonou?r|"
        r"\bfgm\b|female genital|circumcis\w*|cutting ceremony",
        r"(?:make|makes|making|made|force|forces|forcing|forced|want|wants|wanted) (?:me|her) "
        r"(?:to )?(?:get )?marr(?:y|ied)|(?:i|she) (?:have|has|had|'ve got|'s got) to (?:get )?"
        r"marr(?:y|ied)\b|(?:get|getting|got) (?:me|her) (?:engaged|married)|(?:i'?m|im|i am|"
        r"she'?s|she is) (?:being )?(?:made|forced) to (?:get )?marr",
        r"(?:arrang\w*|planned|planning|organis\w*|sort\w*) (?:\w+ )?(?:my|her) (?:marriage|"
        r"wedding|engagement)|(?:my|her) (?:marriage|wedding) (?:\w+ ){0,2}(?:arranged|planned|"
        r"for after|when i (?:turn|finish|leave))",
        r"(?:taking|take|takes|took|send|sending|sent) (?:me|her|us) (?:back )?(?:\w+ ){0,4}(?:to "
        r"(?:get )?marr\w+|for (?:a|my|her) (?:wedding|marriage|engagement))",
        _near(
            r"(?:to |go |have to |get |getting |make me )marr(?:y|ied)",
            r"i (?:don'?t|dont|do not|didn'?t) want|against my will|(?:i'?m|im|i am) (?:only )?"
            r"1[0-7]\b|not ready|passport",
            8,
        ),
        _near(
            r"(?:be|get|getting|being|was|been) cut\b",
            r"like (?:my|her) (?:sister|cousin|mum)|on holiday|ceremony|down there|become a woman|"
            r"when (?:we|i) go (?:back|home|abroad)",
            4,
        ),
        _near(
            r"ceremony|on holiday|abroad|back home|special (?:party|procedure|operation)",
            r"(?:can'?t|cant|cannot|couldn'?t|hurts? to|pain when (?:i|she|we)) (?:wee|pee)",
            12,
        ),
        r"(?:time|ready|old enough) (?:for (?:me|her) )?to (?:be|get) cut\b|cut (?:down there|like "
        r"(?:my|her) (?:sister|cousin))",
    ],
    "radicalisation": [
        # a group that names an enemy and asks for proof of loyalty
        r"(?:are|is|were) the enemy|people like (?:\w+ ){1,3}(?:are|is) (?:the enemy|evil|scum|"
        r"vermin|invaders|animals|the problem)|(?:prove|proving|proved) (?:myself|my loyalty|i'?m "
        r"(?:loyal|one of them)) to (?:them|the group|him|the gang|the olders|the cause)",
        r"race war|holy war|\bjihad\w*|white (?:power|genocide|pride|race)|great replacement|"
        r"extremis\w*|radicali[sz]\w*|terroris\w*|\b(?:nazi|neo-?nazi|isis|daesh|kkk)\b",
        r"(?:fight|fighting|kill|killing|get rid of|attack|attacking|hurt|destroy) (?:back )?"
        r"(?:against )?(?:all )?(?:the )?(?:muslims|jews|immigrants|blacks|whites|christians|"
        r"foreigners|gays|asians|pakis|refugees|infidels|kuffar|kafirs?|non ?believers)",
        r"(?:go|going|went|travel\w*) (?:abroad|to syria|over there|overseas) to fight|"
        r"(?:join|joined|joining) (?:isis|the fight|the cause|their cause)",
    ],
    "trafficking_and_forced_work": [
        r"(?:hand|hands|handing|give|gives|giving|gave) (?:over )?(?:all )?(?:of )?(?:my|our|her) "
        r"(?:wages|pay|earnings|money i (?:earn|make)) to|(?:keeps?|kept|took|taken|has|have) "
        r"(?:got )?(?:my|our|her) (?:id|passport|papers|documents|wages|earnings)\b(?! (?:photo|"
        r"picture|application|renewal|form|card for))",
        r"(?:brought|bought|sent|taken|trafficked) (?:me |us |her )?(?:here |over )?(?:to (?:the "
        r"uk|england|britain|london|this country|here) )?to work\b|traffick\w*|modern slavery|"
        r"slave (?:labour|work)",
        r"(?:made|make|makes|forced|force|forcing) (?:me |us |her )?(?:to )?(?:work|clean|cook|"
        r"serve|graft)(?:ing)? (?:\w+ ){0,4}(?:every (?:night|day)|all (?:night|day)|til|till|"
        r"until|for (?:free|nothing|no money)|without (?:pay|being paid)|at night)|(?:i'?m|im|"
        r"i am|we'?re|we are|she'?s|he'?s) (?:made|forced) to (?:work|clean|cook)",
        r"(?:they|he|she|them|boss|family)(?:'ve| have| has)? (?:\w+ )?(?:taken|took|keep|keeps|"
        r"kept|hold|holds|held|hid|hide|confiscated) (?:away )?(?:my|our|her) (?:passports?|"
        r"papers|documents)\b(?! (?:photo|picture|application|renewal|form))",
        _near(
            r"work(?! experience| placement)|working|worked|clean|cleaning|washing|job",
            r"(?:don'?t|dont|do not|never|doesn'?t|didn'?t) (?:get |even get )?paid\b(?! (?:enough|"
            r"much|on time|properly|for (?:the|my) (?:overtime|travel)))|(?:don'?t|dont|do not|"
            r"never|doesn'?t|won'?t) (?:pay|give) (?:me|us)(?: anything| any money| a penny| nothing)?"
            r"\b(?! (?:back|enough|much|on time|for (?:the|my) (?:travel|bus|petrol)))",
            8,
        ),
    ],
    "neglect": [
        r"(?:nobody|no one|noone|no-one) (?:\w+ )?(?:checks?|checked|checking|come to check|looks?|"
        r"looked|looking) (?:on|after|in on) (?:me|us)\b(?! (?:for \w+ (?:hours|minutes|mins)|on "
        r"the ward|in (?:the )?(?:hospital|a&e|waiting room)))",
        r"(?:haven'?t|have not|hasn'?t|has not|not|don'?t|didn'?t) (?:had|got|have) (?:any )?(?:gas|"
        r"electric|electricity|heating|hot water)(?: or (?:any )?(?:gas|electric|electricity|"
        r"heating|hot water))? (?:for|since)\b",
        r"(?:don'?t|never|hardly|rarely|barely|can'?t) (?:\w+ )?eat (?:at home|at mine|in the house)|"
        r"(?:there'?s|there is|theres) (?:never|hardly ever|not ever) (?:anything|any food|food) "
        r"(?:in|to eat)|(?:only|never) (?:get to )?eat (?:at school|school dinners|when)|only "
        r"(?:food|meal|proper meal|hot meal) i (?:get|have|eat) is (?:at )?school|never get (?:to "
        r"eat|fed|breakfast|tea|dinner|lunch)",
        r"(?:stay|stayed|staying|kept|keep|keeps) (?:me )?(?:home|off school|at home)(?: \w+){0,4} "
        r"(?:to )?(?:look after|care for|mind|help with|watch) (?:the baby|my|her|him|them|the "
        r"kids|mum|dad)|told the school i was (?:sick|ill|poorly)",
        # a parent unable to look after them, and the child doing it instead
        rf"{_FAMILY}(?:'?s)? (?:is |are |was )?(?:always |usually |often |still |just )?(?:too "
        r"(?:drunk|high|ill|depressed|out of it|wasted|stoned) to|(?:asleep|in bed|passed out|out of "
        r"it|knocked out)(?: \w+){0,3} (?:from|on|because of|after) (?:her|his|their) (?:tablets|"
        r"pills|meds|medication|drink|drugs|methadone))",
        _near(
            r"(?:get|gets|got|getting|feed|feeding|fed|bath|bathing|change|changing|dress|dressing|"
            r"put|putting|take|taking|look after|looking after) (?:my ?self and )?(?:my )?(?:little |"
            r"baby |younger |\w+ )?(?:brothers?|sisters?|siblings)",
            r"(?:because|cos|coz|as|since) (?:\w+ ){0,3}(?:asleep|drunk|high|in bed|out of it|"
            r"passed out|never (?:there|home|up)|can'?t|won'?t|doesn'?t|too)",
            10,
        ),
        _near(
            r"(?:baby|little|younger) (?:brother|sister)|nappy|nappies|bottle",
            r"(?:doesn'?t|don'?t|never|won'?t|isn'?t|aren'?t) (?:get |gets )?(?:changed|fed|washed|"
            r"bathed)|unless i (?:do|feed|change|bath|wash|make)",
            8,
        ),
        r"hungry (?:at|on|over|during|in|every) (?:the )?(?:weekends?|holidays?|half term|summer)|"
        r"(?:only|never|rarely|hardly ever|don'?t|dont|doesn'?t) (?:\w+ )?(?:get|gets|got|getting|"
        r"been|being) fed (?:when|if|at (?:school|my \w+'?s|nan'?s)|by (?:my )?(?:nan|gran|school|"
        r"neighbours?|friends?))|(?:no|without) free school (?:dinners|meals|lunch)",
        r"(?:haven'?t|have not|hadn'?t|not|never|didn'?t) (?:had|have|get|got|eaten) (?:a |any )?"
        r"(?:proper |hot |real )?(?:meal|meals|dinner|tea|breakfast|lunch|food|anything)(?: \w+){0,3}"
        r" since (?:mon|tues|wednes|thurs|fri|satur|sun)day",
        r"spends? (?:all )?(?:of )?(?:the |our |her |his |their |my )?(?:money|benefits|wages|"
        r"dinner money) on (?:drink|drugs|booze|alcohol|weed|fags|cigs|gambling|bingo|scratch "
        r"cards|crack|vodka|beer)",
        r"(?:steal|steals|stealing|stole|nick|nicking|nicked|take|taking|took|hide|hiding|save|"
        r"saving) (?:\w+ )?food (?:\w+ )?(?:from school|from the (?:canteen|shop)|for (?:my|our|"
        r"later|the weekend)|home from)",
        # left alone or left with the little ones
        r"(?:goes|go|went|going|gone) (?:out|away|off|out drinking|to the pub|partying|clubbing)"
        r"(?: \w+){0,5} (?:and (?:leaves?|left)|leaving) (?:me|us)(?: \w+){0,2} (?:alone|on (?:my|"
        r"our) own|by (?:myself|ourselves)|in charge|with (?:my|our) (?:little|baby|younger) \w+|to "
        r"look after)",
        r"(?:leaves?|left|leave|leaving) (?:me|us)(?: \w+){0,3} (?:in the car|outside (?:the )?"
        r"(?:pub|shop|bookies|club|bar))(?: \w+){0,3} (?:for hours|for ages|all (?:day|night|"
        r"evening))|(?:leaves?|left|leave|leaving) (?:me|us) outside (?:the )?(?:pub|bookies|club|bar)",
        r"(?:stay|stays|stayed|staying|am|i'?m|be|been|left|leave|leaves) (?:at )?home (?:on my own|"
        r"alone|by myself)(?: \w+)? (?:all night|overnight|at night|for days|all weekend|every "
        r"night|till|until)",
        # carers drinking or using
        r"(?:comes?|came|coming|turns? up|turned up) (?:\w+ ){0,3}(?:smelling|stinking) of "
        r"(?:alcohol|drink|booze|beer|wine|vodka|weed|cannabis)|(?:comes?|came|coming) home "
        r"(?:drunk|high|wasted|off (?:her|his) (?:face|head))",
        rf"{_FAMILY}(?:'?s)? (?:\w+ ){{0,2}}(?:drinks|drinking)(?! (?:water|tea|coffee|juice|milk|"
        r"pop|squash|fizzy|protein|energy))(?: \w+){0,2} (?:every (?:night|day)|all (?:day|the "
        r"time)|too much|in front of (?:me|us))",
        rf"{_FAMILY}(?:'?s)? (?:\w+ ){{0,2}}(?:smokes|smoking|takes|taking|uses|using|does|doing|"
        r"sniffs?|injects?) (?:\w+ )?(?:crack|heroin|coke|cocaine|spice|meth|ket|drugs)",
        # kept off school to work or care
        r"not allowed to (?:go to |attend )?(?:school|college)(?! (?:until|till|while|when|with|"
        r"for (?:a|two|\d+)|because of (?:my|the) (?:illness|rash|infection|covid|bug)))|"
        r"(?:keeps?|kept|keeping) (?:me|us) "
        r"(?:home )?(?:off|from) school (?:to|so|because|cos)",
    ],
    "unsafe_at_home": [
        r"(?:feel|feels|felt|feeling) (?:so |really )?(?:trapped|stuck|like a prisoner) (?:at home|in "
        r"(?:my|the|that) (?:house|flat|room)|with (?:him|her|them))|(?:trapped|stuck) at home (?:and|"
        r"with)",
        # home described as bad, or anywhere better than home
        r"(?:things|stuff|it|life|everything) (?:at home|at mine|in my house|in the house|at my "
        r"(?:dad|mum)'?s) (?:is|are|'?s|has been|have been|were|was) (?:really |so |very |pretty |"
        r"getting )?(?:bad|hard|awful|horrible|scary|rough|not good|not ok|not okay|difficult|a "
        r"mess|messed up|kicking off|worse|crap|shit|hell|unbearable)",
        r"(?:house|home) (?:isn'?t|is not|aint|ain'?t|not|is never) (?:a )?(?:nice|good|happy|safe|"
        r"great|fun|calm|nice) place|(?:home|house) (?:isn'?t|is not|aint|ain'?t|is never) "
        r"somewhere i (?:want|like|feel)",
        r"(?:what happens|what goes on|things that happen) (?:at|in) (?:mine|my house|my "
        r"(?:dad|mum|nan)'?s|his|theirs|that house)",
        r"(?:anything|anywhere)(?:'?s| is| would be) better than (?:going |being |staying |living )?"
        r"(?:back )?(?:home|at home|there|my house|with (?:him|her|them))|(?:rather|prefer to) "
        r"(?:be|stay|sleep|live) (?:anywhere|on the streets?|outside|in care)(?: \w+)? (?:than|but)",
        r"so (?:that )?i (?:don'?t|do not|dont|won'?t|wont) have to (?:be|go|stay|get) (?:back )?"
        r"(?:there(?! (?:at|by|for|on|early|until|till|before|in time)\b| \d)|home|in the house|at home|"
        r"near (?:him|her|them)|around (?:him|her|them)|with (?:him|her|them))",
        # not able to speak freely because someone is there
        _near(
            r"only said|said (?:yes|no|i was|i'?m|that|everything was|it was)|(?:say|tell (?:them|"
            r"you|her|him)) (?:anything|the truth|what i|everything)|answer\w*|lied|lie|honest\w*|"
            r"(?:talk|speak) (?:properly|freely|openly)",
            r"(?:because|cos|coz|as|since|when) (?:my )?(?:mum|dad|mam|step ?dad|step ?mum|parents|"
            r"carers?|he|she|they|him|her|boyfriend|foster \w+)(?:'?s| was| were| is| are) (?:\w+ )?"
            r"(?:there|in the room|next to me|listening|with me|sitting (?:next to|with|beside) me|"
            r"right there|sat next to me)",
            8,
        ),
        r"(?:can'?t|cant|cannot|couldn'?t) (?:talk|speak|say anything|be honest|tell you)(?: \w+)? "
        r"(?:there|at home|in front of (?:him|her|them|my \w+)|when (?:he|she|they|my \w+) "
        r"(?:is|are|'s) (?:there|around|in|home))",
        # asking that nothing reaches home
        r"(?:phone|call|ring|text|contact|email|write to|see) me (?:\w+ ){0,3}not (?:at |to |on )?"
        r"(?:home|my house|the house|the home phone|the landline)|(?:don'?t|do not|dont|never) "
        r"(?:send|post|phone|call|ring|write) (?:\w+ ){0,3}(?:home|to my (?:house|home|address|mum|"
        r"dad|parents))\b(?! (?:with|for) (?:my|a) (?:friend|nan))",
        rf"(?:don'?t|do not|dont|never) (?:tell|show|let) (?:my )?(?:{_NAMED_FAMILY}|family) (?:know )?"
        r"(?:that )?(?:i (?:wrote|said|told|put|filled)|what i (?:wrote|said|put|told))",
        _near(
            r"if (?:he|she|they|my \w+|dad|mum|him) (?:ever )?(?:sees?|saw|finds? out|found out|"
            r"reads?|hears?|knew|knows)",
            r"(?:i'?m|im|i am|i'?ll be|i will be|i'?d be) (?:dead|done for|in (?:\w+ )?trouble)|"
            r"(?:he|she|they)(?:'?ll|'?d| will| would) (?:kill|hurt|batter|beat|hit|kick me out|"
            r"throw me out|send me)",
            6,
        ),
        # fear of a person's arrival or mood: a car pulling up, walking on eggshells
        _near(
            r"knot|sick|shake|shaking|freeze|panic|heart (?:races|pounds|beats)|scared|terrified|"
            r"dread|tense",
            r"(?:hear|heard|see|saw) (?:his|her|their|dad'?s|mum'?s) (?:car|key|keys|footsteps|van|"
            r"voice)",
            8,
        ),
        r"walk(?:ing)? on egg ?shells (?:\w+ ){0,2}(?:at home|around (?:him|her|them|my \w+)|"
        r"when|in my house|with (?:him|her|my \w+))|tip ?toe (?:around|round)|(?:stay|keep|keeping|staying) out "
        r"of (?:his|her|their) way|(?:be|keep|stay|try to be|being) (?:really |very |super |so )?"
        r"quiet (?:\w+ ){0,2}when (?:he|she|they|dad|mum|my)\b",
        # living rough
        r"(?:i'?m|im|i am|i|we|we'?re|we are|i'?ve been|ive been|i have been|we'?ve been) "
        r"(?:living|sleeping) (?:in|on|under) (?:a |the )?(?:tent|car|van|park|bus "
        r"shelter|doorway|squat|garage|shed|stairwell|streets?|bridge|canal|woods)",
    ],
    "feels_unsafe": [
        # issue 12, second round: a weapon seen on someone; someone at the door now
        r"(?:has|had|got|carries|carrying|carry|brought|brings|bringing|pulled|pulls|showed (?:me|"
        r"us)) (?:out )?(?:a|his|her|their) (?:gun|knife|blade|machete|zombie knife|shank|weapon)"
        r"\b(?! (?:crime|amnesty|arch|bin|and fork))",
        r"(?:outside|at) (?:my|our|the) (?:bedroom |front )?(?:door|house|flat|window|room) "
        r"(?:\w+ ){0,2}(?:right now|tonight)|(?:trying to|tryna) (?:get|break|kick|smash) (?:in|"
        r"into|down) (?:our|my|the) (?:house|flat|room|door)|(?:kick|kicking|smash|smashing|break|"
        r"breaking|bang|banging) (?:our|my|the) (?:\w+ )?door (?:in|down)",
        # threats in person or by message, with or without a condition
        r"(?:they|he|she|someone|somebody|people|theyll|hell)(?:'?ll|'?d| will| would| are going to|"
        r"(?: said| says| keep saying| keeps saying)(?: they'?(?:ll|d)| he'?(?:ll|d)| she'?(?:ll|d))|"
        r" gonna| going to) (?:stab|shank|batter|jump|beat up|burn|smash|knife|cut|slash|shoot) "
        r"(?:me|my|us)\b",
        r"(?:saying|say|says|said) (?:that )?(?:they'?ll|they will|he'?ll|he will|she'?ll|she will|"
        r"they'?re going to|he'?s going to) (?:stab|kill|hurt|batter|jump|beat|burn|shank|get) me\b",
        r"(?:they'?ll|they will|he'?ll|he will|they'?re going to|they said they'?d) (?:come|turn up) "
        r"(?:to|round|at) (?:my|our) (?:house|door|flat|school|mum'?s)",
        # threats of violence to them or their family
        r"(?:they|he|she|theyll|hell)(?:'?ll|'?d| will| would| said they'?d| said they will| "
        r"said he'?d| said she'?d| are going to| is going to| gonna| going to)? ?(?:do|hurt|stab|"
        r"shank|jump|batter|kill|go after|come for|come after|burn) (?:my mum|my mam|my mom|my dad|"
        r"my family|my sister|my brother|my nan|my gran|my little \w+|my baby \w+|my house)\b"
        r"(?!'?s\b)",
        r"(?:they|he|she|theyll|hell)(?:'?ll|'?d| will| would| are going to| is going to| gonna| "
        r"going to) (?:do|hurt|get|stab|shank|jump|batter|kill|come for) me (?:if i|unless i|when "
        r"i)",
        r"(?:said|says|told me|tell me|saying) (?:that )?(?:i'?m|im|i am|you'?re|youre|ur) next\b",
        r"(?:scared|afraid|frightened|terrified|too scared) (?:to|of) (?:walk|walking|go|going|be|"
        r"being) (?:\w+ ){0,2}(?:home|out|outside|on my own|alone|to school|round)(?:\W+\w+){0,3}"
        r"\W+(?:because|cos|coz) (?:of )?(?:the |some |these )?(?:people|lads|boys|girls|gang|man|"
        r"men|kids|them|they|he|she|him)",
    ],
    "bullying": [
        r"(?:threw|throw|throws|chucked|chuck|hid|hide|hides|took|take|takes|ripped|broke|kicked) "
        r"(?:my|our) (?:shoes|bag|stuff|things|coat|books|phone|glasses|lunch)(?: \w+){0,5}"
        r"\W+(?:and )?(?:everyone|they all|people|the class|all of them|everybody) (?:laughed|"
        r"laughs|laughing|watched|filmed)",
        r"(?:pages?|accounts?|groups?|chats?|polls?|videos?|posts?|votes?) (?:\w+ ){0,3}(?:to "
        r"rate|rating|rate|that rates?|voting on|vote on|about how) (?:how )?(?:ugly|fat|gay|weird|"
        r"disgusting|me)",
        r"(?:get|gets|got|getting|been|being|was|were) (?:\w+ )?picked on",
        r"(?:call|calls|called|calling) (?:me|her|him) (?:a |an )?(?:\w+ )?(?:fat|ugly|gay|stupid|"
        r"weird|freak|loser|slag|slut|cow|bitch|pig|whale|retard|spastic|spaz|tramp|smelly|dog|"
        r"lesbian|faggot|fag|paki|thick|skank|hoe|weirdo|tranny|batty)\b",
        r"(?:cut|chopped|ripped|pulled|burnt|set fire to) (?:chunks|bits|clumps|lumps) (?:out )?of "
        r"(?:my|her|his) hair",
        r"(?:they|people|someone|somebody|kids|girls|boys|lads|everyone) (?:keep |kept |always |"
        r"\w+ )?(?:film|films|filmed|filming|record|records|recorded|recording) (?:me|us)\b",
        r"so (?:they|he|she|people|nobody|no one|the \w+) (?:can'?t|cant|won'?t|wont|don'?t|dont) "
        r"(?:find|see|get|hurt|get at|reach) me",
        r"(?:shoved|pushed|put|stuck|flushed|held) (?:my|her|his) head (?:in|down|under) the "
        r"(?:toilet|loo|bog|sink)",
    ],
    "exploitation_and_drugs": [
        r"(?:makes?|made|making) (?:me|us) (?:do|run) (?:their|his|her) (?:errands|jobs|dirty "
        r"work|runs)|(?:carry|carrying|carried|take|taking|move|moving|run|running|drop|dropping) "
        r"(?:stuff|things|bags|packages|parcels|it|them) (?:between|across|round|around|to "
        r"other|to different) (?:the )?(?:estates|areas|towns|postcodes|blocks|ends|cities)",
        # easy money, carrying a bag somewhere, and the signs in a brother or friend
        r"(?:easy|quick|fast) (?:money|cash|£)|earn (?:some |good |a bit of )?(?:money|cash) (?:if|"
        r"by|for) (?:i |taking|carrying|holding|dropping|doing)",
        r"(?:take|taking|took|carry|carrying|carried|drop|dropping|bring|bringing|deliver|"
        r"delivering) (?:a |the |some |this )?(?:bag|bags|package|parcel|box) (?:up |down |over )?"
        r"to (?!school|the (?:shop|car|doctor|gym|post office|bus)|my (?:room|nan|mum|dad|house))",
        _near(
            r"(?:has|got|gets|getting|comes? home with|turned up with|always has) (?:\w+ )?(?:loads "
            r"of|lots of|new|expensive|designer|wads of) (?:cash|money|trainers|clothes|phones?)",
            r"never (?:home|in|at school)|won'?t say where|older (?:lads|boys|people)|goes missing",
            10,
        ),
        r"(?:in with|hanging (?:round|around|out) with|mixing with) (?:some |a |the )?(?:older |bad "
        r"|dodgy |new )?(?:people|lads|boys|crowd|gang)(?:\W+\w+){0,8}?\W+(?:never (?:home|in)|"
        r"(?:loads|lots|wads) of (?:cash|money)|knife|new trainers|goes missing)",
        # slang for selling, carrying and concealing
        r"shott(?:ing|in|er|ers)\b|serving (?:up|people)|graft(?:ing|in)? for (?:them|him|the)|"
        r"(?:going|went|go|gone|sent) (?:out )?country\b|\bbando\b|trap (?:phone|line)|"
        r"trapping\b",
        r"(?:made|make|makes|making|forced|force|had to|have to|got me to|get me to|gets me to) "
        r"(?:me )?(?:to )?plug\b(?! (?:it |them |my \w+ |the \w+ )?in\b)|plugging (?:drugs|bags|"
        r"it|stuff)",
        r"(?:got|have|had|put|keep|keeps|kept) me on (?:the|a|their|his) (?:line|lines|phone)\b",
        r"(?:stand|standing|stood|be|being|doing|keep|keeping|paid to|pays me to|pay me to) (?:a )?"
        r"look ?-?out\b(?! for (?:a|my|the) (?:new|job|flat|house|bargain))|"
        r"(?:look|looking|watch|watching) out for (?:the )?(?:police|feds|old bill|5-0|coppers|"
        r"cops|jakes)",
        rf"(?:keep|keeps|kept|keeping|hold|holds|holding|held|carry|carries|carrying|carried|hide|"
        rf"hides|hid|hiding|store|stores|storing|stored|stash\w*) {_DRUG} (?:in|under|at|inside|"
        r"for|behind)",
        r"(?:gets?|got|getting) (?:me|us) to (?:hide|stash|deliver|sell|drop off|run|hold|carry|"
        r"keep|take|move) (?:\w+ )?(?:packages?|parcels?|bags|drugs|weed|stuff for|things for|bits|"
        r"it for (?:them|him))",
        r"(?:pays?|paid|paying|gives? me|gave me|giving me) (?:me )?(?:£?\d+|money|cash|a tenner|"
        r"\w+ quid|a score)(?: a (?:week|day|time|go|drop|run))? (?:to|for) (?:drop|deliver|take|"
        r"carry|hold|keep|move|run|sell|stand|watch|hide|stash|bring)",
        _near(
            r"if i (?:stop|quit|don'?t|dont|do not|say no|tell|leave|refuse|won'?t|wont)",
            r"(?:they|he|she|theyll|hell)(?:'?ll|'?d| will| would| said| say)?\w* (?:\w+ ){0,2}"
            r"(?:do|hurt|get|stab|kill|beat|batter|go after|come for|come after|find) (?:me|my)\b",
            8,
        ),
    ],
    "going_missing": [
        r"(?:disappear\w*|vanish\w*|goes missing|going missing|gone missing) (?:\w+ )?(?:at night|"
        r"overnight|all night|for (?:days|hours|the night|a few days|the weekend|\w+ days|\w+ "
        r"nights))|(?:coming|comes|came) (?:back|home) (?:\w+ )?with (?:new|loads of|lots of|"
        r"expensive|designer) (?:phones?|trainers|clothes|cash|money)",
        r"(?:don'?t|do not|never|hardly|rarely|barely) (?:really )?(?:go|come) (?:back )?home "
        r"(?:anymore|any more|much|at night|most nights)|(?:stay|staying|sleep|sleeping|crash|"
        r"crashing) (?:at|in) (?:whoever'?s|anyone'?s|random people'?s|wherever)",
        r"(?:sleep|sleeping|slept) on (?:the |a )?(?:buses|bus|night bus|trains?)|"
        r"(?:bag|bags|stuff) packed (?:\w+ ){0,4}(?:in case i (?:need to |have to )?(?:leave|run|go)|"
        r"ready to (?:run|leave|go))|in case i (?:need|have) to (?:run|leave) (?:quick|fast|in a "
        r"hurry)",
        r"(?:not|never|won'?t|wont|without) (?:be )?(?:telling|tell|tellin) (?:anyone|anybody|"
        r"nobody|no one|my (?:mum|dad|parents|carers?|foster \w+|family|social worker)) where",
        _near(
            r"train|bus|coach|leaving|leave|run|running|going (?:to|away)|get(?:ting)? (?:the )?"
            r"(?:train|bus)|bag packed|bags packed",
            r"(?:and |but )?(?:not|never) (?:coming|going) (?:back|home)\b(?! (?:to|there|here|for|"
            r"until|till)\b)",
            8,
        ),
        r"(?:haven'?t|have not|hasn'?t|has not|not) (?:been home|been back home) (?:since|for|in)(?! (?:my|"
        r"the|her|his) (?:admission|operation|surgery|stroke|fall|op)| (?:\w+ )?(?:weeks?|months?) "
        r"(?:now )?(?:because|since|as) (?:of )?(?:my|the|i was) (?:admission|operation|stay|"
        r"surgery|illness|treatment))",
        r"(?:her|his|their) (?:mum|dad|parents|carers?|foster \w+) (?:hasn'?t|haven'?t|didn'?t|"
        r"never|don'?t|doesn'?t) (?:even )?(?:called|rung|phoned|told|reported|rang) (?:the )?"
        r"(?:police|anyone)",
    ],
}


# Issue 12, third round: kinds of disclosure the rules missed in the used blind sets and the
# probe sets (each a kind told in several ways, never one sentence; tests both ways in
# tests/analysis/test_safeguarding_third_round.py).
_THIRD_ROUND: Final[dict[str, list[str]]] = {
    "suicidal_thoughts": [
        # not wanting to live, in any English ("me no want live more")
        r"(?:no|not|don'?t|dont|do not|never) (?:want|wanna) (?:to )?live (?:no )?(?:more|anymore|"
        r"any more)\b|(?:no|not|don'?t|dont) (?:want|wanna) (?:to )?live\W*$",
        # the night chosen, being done, no point in waking, not making it to an age
        r"tonight(?:'?s| is| feels like| might be| could be| will be) the night(?! (?:of|for|we|when|"
        r"before|out|off))|i'?m done (?:fr|for "
        r"real|with (?:life|living|everything|it all))\b|im done (?:fr|for real)\b",
        r"(?:see|no|any|the) point in (?:waking up|getting up|going on|being here|living|"
        r"carrying on)",
        r"(?:won'?t|wont|don'?t think i'?ll|dont think ill|not going to|never going to) (?:make it|"
        r"be (?:here|around|alive)) (?:to|till|until|for) (?:my )?(?:\d+\w*|eighteen|sixteen|next "
        r"(?:year|week|month)|christmas|birthday)",
        # a last message, one's own or a friend's
        r"(?:sent|send|sending|left|wrote|posted) (?:me |us |everyone )?(?:a |her |his |their )?"
        r"goodbye (?:message|text|note|letter|post|video)",
        r"^goodbye\b|goodbye\W+(?:thanks|thank you) for (?:trying|everything)",
        # a plan, a date, methods looked up; words run together; the means taken or the place
        r"\bi (?:have|'ve got|ve got|'ve made|ve made|made) a (?:plan|date)(?:\W*$|\W+(?:and|but|"
        r"now|already|i)\b)|(?:a date|the date|a day) in mind|(?:researched|looked up|googled|been "
        r"researching|searching) (?:\w+ ){0,2}(?:methods|ways to (?:die|end it|kill)|how to (?:die|"
        r"end it|kill my))",
        r"dont ?want ?to ?be ?here ?(?:no ?more|any ?more)|idontwant|wanttodie|killmyself",
        r"(?:taken|took|swallowed) (?:all|the whole (?:box|packet|bottle)) (?:of )?(?:the |my )?(?:pills|"
        r"tablets|paracetamol|meds)|swallowed (?:loads|a load|a handful) of (?:pills|tablets|"
        r"paracetamol)",
        r"(?:i'?m|im|i am) (?:on|up on|at the edge of) (?:the|a) (?:roof|bridge|edge)(?: of)?",
    ],
    "self_harm": [
        # eating disorders: not eating for days, counting calories, purging, burning it off
        # (two alternatives, so that each is screened by a word rarer than "ate")
        r"(?:haven'?t|havent|have not|aint|ain'?t|not|didn'?t|didnt|hasn'?t) (?:\w+ )?(?:eaten|"
        r"had (?:any )?food|had anything to eat)(?: anything| properly| much| a thing)? (?:since|for|"
        r"in) (?:\d+|two|three|four|five|six|days|yesterday|monday|tuesday|wednesday|thursday|"
        r"friday|saturday|sunday|last)|(?:aint|ain'?t|not|haven'?t|havent) ate (?:anything |"
        r"properly )?(?:since|for|in) ",
        r"nothing but water|only (?:eat|ate|eating|have|had) (?:about |like )?\d+ (?:calories|"
        r"cals|kcal)|\d+ (?:calories|cals|kcal) a day|purg(?:e|ed|es|ing)\b",
        r"burn (?:it )?off (?:what|everything|all|anything) (?:i|i'?ve)",
        r"(?:trying|want|wants|wanting|need|needs|goal is|aiming) to (?:get|be|weigh|go) (?:down )?"
        r"(?:to|under|below) \d+ ?(?:kilos|kg|stone|st|lbs|pounds)\b",
        # harm done on purpose, and done again after being patched up
        r"(?:swallow\w*|burn\w*|scratch\w*|starv\w*|bang\w*|pinch\w*) (?:\w+ ){0,4}on purpose",
        r"(?:stitched|glued|patched|bandaged) (?:me )?up\b(?:\W+\w+){0,15}?\W+(?:did it again|done "
        r"it again|do it again)",
        # swallowing what harms, medicine past the dose, deep cuts, laxatives, pro-ana
        r"(?:drink|drank|drinking|swallow\w*) (?:\w+ ){0,2}(?:bleach|cleaning stuff|cleaner|"
        r"washing up liquid|antifreeze)",
        r"(?:take|took|taking) more (?:of my )?(?:\w+ )?(?:meds|medication|tablets|pills) than (?:i'?m|"
        r"im|i am) (?:meant|supposed|allowed) to",
        r"cut (?:too |really |so |very )?deep\b|(?:it|they) (?:probably |prob )?needed stitches",
        r"(?:take|taking|took) (?:\w+ )?laxatives (?:every|daily|after|to|like)|\d+ laxatives",
        r"pro[- ]?(?:ana|mia)\b|thinspo\w*|fasting day \d+|day \d+ of (?:fasting|not eating)",
        # (weight only: "not ill enough for camhs" is a common worry about thresholds)
        r"not (?:thin|low|underweight|light) enough (?:to be seen|for (?:help|them|the service|camhs|"
        r"treatment))|(?:weight|bmi) (?:is |was )?['\"]?not low enough",
        # a cover story told as one ("I said it was the cat. it wasn't the cat")
        r"(?:said|told (?:them|her|him)) (?:it was|that it was) (?:the|my) (?:cat|dog)\b(?:\W+\w+){0,4}?"
        r"\W+(?:it )?(?:wasn'?t|wasnt|was not)",
    ],
    "abuse": [
        # put down as cursed, evil or the cause of a death; "the devil in me"
        r"(?:tells?|told|calls?|called|says?|said) (?:me )?(?:that )?(?:i'?m|im|i am|i was) (?:a "
        r"curse|cursed|evil|possessed|a devil|the devil|a witch|a mistake|the reason (?:she|he|they|"
        r"mum|dad|my \w+)(?:'?s| is| was| are)? (?:miserable|unhappy|ill|sad|died|left|drinks))",
        r"devil (?:is )?in (?:me|her|him)|(?:get|got|getting|drive|beat|pray|force) (?:it|the devil|"
        r"the spirit|evil|the evil|the demon) out (?:of )?(?:me|her|him)|witchcraft|possessed by",
        r"threaten\w* to (?:leave|abandon|dump|kick|throw|send|put) me (?:at|out|away|to|in|into|"
        r"on)",
        # restraint that stops breath; punishments that hurt
        r"(?:knee|knees) on (?:my|his|her|our) (?:back|neck|chest|throat)|(?:restrain\w*|held down|"
        r"pinned (?:me )?down|(?:held|holds|hold) me down|sat on me)(?:\W+\w+){0,10}?\W+(?:couldn'?t|could not|can'?t|cant) "
        r"breathe",
        r"kneel on (?:rice|salt|stones|gravel|peas|dried)",
        # touched or held where they should not be
        r"(?:hands?|touch\w*) where (?:he|she|they) (?:shouldn'?t|shouldnt|should not)|sits? me on "
        r"(?:his|her) (?:knee|lap)",
        r"touch\w* my (?:legs?|thighs?|bum|chest|boobs|private\w*)(?! (?:to check|to examine|"
        r"with (?:the|a) (?:stethoscope|probe)))",
        r"(?:being|been|was|is|gets|getting) touched by (?:our|my|her|his|their|a|an|the) ",
        r"(?:been|got|get|getting|was|were) beaten up\b",
        # wishing the child unborn; the silent treatment for telling; comments on a child's body
        r"wish(?:es|ed)? (?:she|he|they) (?:had )?(?:had an abortion|aborted me|never had me)|"
        r"should (?:have|'ve) (?:had an abortion|aborted me)",
        r"(?:hasn'?t|hasnt|not|won'?t|wont) (?:spoken|talked|talking|speaking) to me (?:for|in) (?:\d+|"
        r"days|weeks|a week|two|three)",
        r"comments? about my (?:body|boobs|bum|chest|figure)|(?:searches|search) (?:that )?(?:go|"
        r"went|goes) too far",
    ],
    "sexual_exploitation": [
        # older people giving things or paying for travel to meet
        r"(?:adult|man|men|older (?:boys|guys|lads|men)|guy|bloke|\d\d year old|neighbour) (?:\w+ )"
        r"{0,4}(?:gives?|gave|giving|buys?|bought|buying) (?:me|us)(?: and my (?:friends|mates))? "
        r"(?:free )?(?:vapes|cans|alcohol|drink|weed|fags|cigarettes|lifts|money|phones?|trainers|"
        r"gifts|presents)",
        r"(?:free )?(?:vapes|cans|alcohol|weed|fags|lifts|gifts|money) (?:and \w+ )?from (?:older|"
        r"an? (?:older|adult)|grown)",
        r"(?:man|guy|someone|somebody|bloke|stranger|older \w+|person|boy|lad|\d\d ?(?:year old|yo))"
        r"(?: \w+){0,5} (?:sent|bought|buy|send|gave|paid for) (?:me )?(?:a )?(?:train|bus|coach|"
        r"plane|taxi) (?:tickets?|fare) to (?:go and |come and )?(?:see|meet|visit) (?:him|them|her)",
        r"(?:on camera|on cam|on video|video call\w*) (?:with )?(?:no|without (?:a|my)) (?:top|"
        r"clothes|shirt|bra)|(?:no|without (?:a|my)) (?:top|clothes|shirt) on (?:on )?(?:camera|"
        r"cam|video)",
        r"(?:is not|isn'?t|isnt|not really) my (?:uncle|cousin|brother|dad|boyfriend) (?:like|as) i "
        r"(?:said|told)",
        r"(?:pay|paid|paying) (?:the |my )?(?:rent|debt|it|him|them) (?:back )?['\"]?(?:another way|in "
        r"other ways|with sex)",
        r"sextort\w*|deep ?fakes? (?:of|made of)|(?:gave|give|given) me (?:\d+|an?|one) (?:hours?|"
        r"minutes?) (?:to pay|or they)",
    ],
    "domestic_abuse": [
        r"(?:hiding|writing this|typing this|texting \w+) (?:from|in) (?:the|my) (?:bathroom|toilet|"
        r"wardrobe|bedroom|cupboard)\b",
        r"(?:he'?s|hes|she'?s|shes) (?:downstairs |outside |home )?(?:going mad|kicking off|"
        r"smashing \w+) at (?:my )?(?:mum|mam|dad|me|us)",
        r"(?:we|i) (?:ran|had to run|escaped|got) out (?:of )?the (?:house|flat)",
        # a partner's control, not a parent's ("my mum tracks my phone" is left alone)
        r"(?:bf|boyfriend|girlfriend|gf|partner|ex) (?:\w+ )?(?:makes? me share my location|tracks? "
        r"my (?:phone|location))|(?:turns|turned) up (?:at|outside) (?:my )?(?:college|school|work)"
        r"(?: \w+){0,3} if",
    ],
    "neglect": [
        # medicine and care withheld ("won't take me to the doctor", "isn't giving me my meds")
        r"(?:isn'?t|isnt|not|won'?t|wont|doesn'?t|doesnt|never|don'?t|dont|didn'?t|didnt|stopped) "
        r"(?:\w+ )?(?:giv(?:e|es|ing)|get(?:s|ting)?|buy(?:s|ing)?|collect\w*|pick\w* up) (?:me |us "
        r"|her |him )?(?:my|our|her|his|the) (?:\w+ )?(?:meds|medication|medicine|tablets|inhaler|"
        r"insulin|prescription|epipen|supplies|stuff i need)",
        r"sells? (?:my|her|his|our|them|the) (?:\w+ )?(?:meds|medication|tablets|pills)|she sells "
        r"them|he sells them",
        r"(?:won'?t|wont|doesn'?t|doesnt|never|don'?t|dont|didn'?t|didnt|not|nobody|no one) (?:\w+ )?"
        r"(?:take|takes|took|bring|brings|ring\w*|call\w*) (?:me|us|her|him|my \w+|the service)"
        r"(?: to)?(?: the)? (?:doctors?|dentists?|clinic|hospital|appointments?|opticians?|service)|"
        r"(?:won'?t|wont|doesn'?t|doesnt|never|don'?t|dont|didn'?t|didnt|not|nobody|no one) (?:\w+ )?"
        r"(?:take|takes|took|bring|brings) (?:me|us|her|him|my \w+) to (?:the )?(?:gp|a&e)\b",
        r"(?:no one|nobody|noone) (?:\w+ )?(?:got|collected|picked up|gets|collects|renewed|ordered)"
        r" (?:my|the) (?:prescription|meds|medication|insulin|inhaler)",
        r"(?:nobody|no one|noone) at home (?:\w+ )?(?:takes?|will|would|bothers?|helps?|rings?|does|"
        r"feeds?|washes|cooks?)",
        # a parent or carer who does nothing about a child's need (not a service that does
        # nothing: "my gp never did anything about my back pain" is a complaint)
        r"(?:mum|mam|mom|mummy|dad|daddy|parents?|carers?|step ?(?:mum|dad|mam)|nan|nana|gran|"
        r"grandma|grandad|auntie|aunt|uncle|foster (?:mum|dad|carers?|parents?)|(?:no ?one|nobody) "
        r"at home)(?: \w+){0,2} (?:doesn'?t|doesnt|don'?t|dont|never|won'?t|wont) (?:do|does|did) "
        r"(?:nothing|anything) about (?:it|my|her|his|them)",
        r"(?:cries|crying|cried|screams|screaming) for hours(?:\W+\w+){0,4}?\W+(?:nobody|no one|"
        r"noone) (?:comes|came|goes|checks|picks)|(?:baby|toddler|little (?:brother|sister)) "
        r"(?:\w+ ){0,8}on (?:its|his|her|their) own",
        r"(?:house|flat|home|room|kitchen) is (?:full of|covered in) (?:rubbish|dog mess|poo|mess|"
        r"mould|rats|mice|bin bags|needles)",
        r"(?:left|leaves? me|stay|staying) with (?:\w+ ){0,2}who (?:drinks|is drunk|gets drunk|takes "
        r"drugs|is always drunk)",
        r"(?:the )?only (?:food|meal|thing i eat|hot meal) i (?:get|have|eat)",
    ],
    "unsafe_at_home": [
        r"(?:will|'ll|gonna|would|'d) go mad if (?:the )?(?:letter|letters|post|school|you)|(?:send|"
        r"post) (?:it|them|letters?|things) to (?:school|my school|my friend'?s|my nan'?s)\b",
        r"because of what (?:goes|went|happens) on(?: at home)?|(?:can'?t|cant|cannot) (?:talk|"
        r"speak|say \w+) (?:\w+ ){0,2}in front of (?:our|my|their) (?:parents|mum|dad|family|carers?)",
        r"(?:feel|felt|get) (?:sick|scared|ill|anxious|dread\w*) (?:every time|whenever|when) (?:\w+ )"
        r"{0,6}(?:go|going|stay|staying) (?:to|at) (?:his|her|their|my dad'?s|my uncle'?s) (?:house|"
        r"place|flat)",
        r"(?:said|say) (?:yes|i was fine|i was ok|no) (?:because|cos|as) (?:he|she|they|my \w+) "
        r"(?:was|were|is) (?:in the (?:waiting room|room|corridor)|there|outside|listening|with me)",
    ],
    "feels_unsafe": [
        r"(?:he'?s|he is|she'?s|they'?re|they are|he said he'?s) coming (?:for|after|to get) (?:us|"
        r"me|my mum|mum)",
        r"(?:man|men|guy|someone|he) (?:from upstairs |from downstairs |next door )?(?:keeps|kept) "
        r"coming (?:in|into my room)",
        r"(?:tried|try|trying|wanted) to (?:make|get) me (?:to )?get in(?:to)? (?:their|his|a|the) "
        r"(?:van|car|motor)",
    ],
    "bullying": [
        r"(?:eat|eating|ate|have|having) (?:my )?lunch (?:alone )?in (?:the )?(?:toilets?|loos?)",
        r"(?:filmed|recorded|videoed) (?:it|me|us)(?:\W+\w+){0,3}?\W+(?:snapchat|tiktok|insta|"
        r"instagram|posted|online|group chat)|(?:poured|threw|chucked) (?:\w+ ){0,2}(?:over|at) me",
        r"set (?:my|her|his) (?:hair|clothes|bag|coat) (?:on fire|alight)|(?:head|face) kicked in|"
        r"kicked my (?:head|face) in",
    ],
    "exploitation_and_drugs": [
        r"(?:sent|send|sending|go|going|travel\w*) (?:\w+ )?on (?:trains?|buses?|coaches) to "
        r"(?:places|towns|cities|other)",
        r"(?:stuff|things|drugs|packages|it) (?:hidden )?in my (?:socks|pants|boxers|bra|underwear|"
        r"shoes|trainers)",
        r"(?:say|says|said|told me) i (?:work|belong) (?:for|to) (?:them|him)|i work for them now|"
        r"(?:made|forced|have|had|being made) to (?:shot|shott\w*|sell|deal|run|carry|hold) "
        r"(?:\w+ )?for (?:them|him|older)",
        r"(?:have to|has to|got to|gotta|make me|making me|made me) (?:work|do jobs|run|sell) for "
        r"(?:him|them|her) (?:now|until|till|to pay)",
        r"(?:get|got|getting|are|were|was) (?:forced|made|pushed) into (?:it|dealing|selling|"
        r"carrying|running)",
    ],
    "going_missing": [
        r"(?:he|she|they|brother|sister|friend|mate|cousin|girl|boy|kid|child|son|daughter)\b"
        r"(?:\W+\w+){0,5}?\W+(?:been|gone|is|was|went) missing (?:since|for) (?:\w+ )?(?:monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday|yesterday|last night|\d+ (?:days|nights)|days|two days|"
        r"three days|the weekend|a week)|on a missing\b",
    ],
    "honour_based_abuse": [
        r"(?:pressur\w*|forc\w*|making|make|made|want|wants) (?:me|him|her) (?:to )?(?:go abroad|go "
        r"back home|go back) (?:for|to) (?:a )?(?:wedding|get married|marry|marriage)",
        r"(?:wedding|marriage|engagement) (?:i|he|she) (?:never|didn'?t|didnt|did not|don'?t|dont) "
        r"(?:agree\w*|want\w*|choose|chose|consent\w*)",
        r"arrang\w* (?:for )?(?:me|him|her|my \w+) to (?:marry|get married|be married)",
        r"sent (?:back )?(?:home|abroad|back)(?: \w+){0,2} to (?:get married|marry|be married)",
        r"do it to (?:me|us|my \w+|her)(?:\W+\w+){0,8}?\W+(?:tradition|culture|ceremony|girls)",
        r"(?:going to|gonna|will|about to) (?:be|get) ['\"]?cut['\"]? (?:when|in|at|back|on|like)",
        r"(?:special |secret )?ceremony(?:\W+\w+){0,10}?\W+(?:pain|hurts|can'?t sit|cant sit|"
        r"bleeding|can'?t walk|cant walk)",
        r"(?:done|did something|do something|doing something) (?:to me )?down there",
        r"(?:have|get|having|getting) ['\"]?the operation['\"]?(?:\W+\w+){0,6}?\W+(?:summer|holidays?|"
        r"abroad|back home)|(?:taken|going|sent) to (?:ethiopia|somalia|sudan|egypt|eritrea|sierra "
        r"leone|guinea|mali|gambia)(?:\W+\w+){0,10}?\W+['\"]?(?:operation|cut|ceremony|cutting)",
        r"(?:wedding|marriage|marrying|getting married|married off) (?:will|would|to) (?:fix|cure|sort|"
        r"straighten) (?:me|him|her)",
    ],
    "radicalisation": [
        r"(?:people|ones) like us (?:need|have|should|must) to (?:fight back|rise up|take action|"
        r"fight)|(?:go|going|went) (?:to )?fight (?:abroad|in|for)|fight abroad|videos? of "
        r"(?:killing|beheadings?|people being killed|executions?)",
    ],
}

for _category, _extra in _INDIRECT.items():
    _PATTERNS[_category] = [*_PATTERNS[_category], *_extra]

for _category, _extra in _THIRD_ROUND.items():
    _PATTERNS[_category] = [*_PATTERNS.get(_category, []), *_extra]

for _category, _extra in _BROAD.items():
    _PATTERNS[_category] = [*_PATTERNS[_category], *_extra]

for _category, _extra in _SIGNALS.items():
    _PATTERNS[_category] = [*_PATTERNS[_category], *_extra]

for _category, _extra in _KINDS.items():
    _PATTERNS[_category] = [*_PATTERNS.get(_category, []), *_extra]

# What lessons, talks and films are about ("a session about knife crime").
_LESSON_TOPIC = (
    r"(?:drugs|alcohol|county lines|knife crime|knives|weapons|gangs?|exploitation|"
    r"self[- ]?harm|suicide|bullying|cyber ?bullying|grooming|online grooming|abuse|online "
    r"safety|staying safe|keeping safe|consent|gangs|domestic (?:abuse|violence)|healthy "
    r"relationships|sexual health|sex|running away|going missing|neglect|forced marriage|fgm|"
    r"radicali[sz]ation|extremism|terrorism|trafficking|modern slavery|honou?r[- ]based abuse|"
    r"carrying (?:knives|a knife|weapons)|vaping|smoking)"
)
# "FGM and forced marriage", "drugs, alcohol and gangs"
_LESSON_TOPICS = rf"{_LESSON_TOPIC}(?:(?:,|,? and|,? or| &|/) ?{_LESSON_TOPIC})*"
# Who a talk was for, never one person: "I talked to her about the abuse" is not a lesson.
_AUDIENCE = (
    r"(?: (?:to|with|for|at) (?:us|everyone|all of us|the (?:class|group|year|school|whole "
    r"school|kids|young people)|our (?:class|group|year|school)|young people)| (?:we|they) "
    r"(?:watched|saw|had|did|got|were shown|gave us|showed us)| (?:for )?(?:us|me|them))?"
)
_GAME = (
    r"(?:fifa|fortnite|minecraft|roblox|cod|call of duty|apex|valorant|gta|warzone|among us|"
    r"the game|a game|that game|this game|the level|xbox|ps\d|playstation|the switch)"
)
# "the ball hit me" is an accident; "I hope a car hits me" is not.
_NOT_WISHED = "".join(
    f"(?<!{wish} {article})"
    for wish in ("hope", "hoping", "wish", "pray", "praying")
    for article in ("", "a ", "the ")
)
# Ordinary language about safety, lessons and services, removed before matching so
# that it cannot trigger a flag.
_BENIGN: Final[list[str]] = [
    # Longer guards first: the first alternative that matches at a position wins.
    # Issue 12: everyday frustration and care, by kind (each a figure of speech or a
    # medical or caring context, never the words of harm themselves).
    # hyperbole and idioms of exasperation: "mum will kill me if I'm late", "I'd rather die
    # than do the trust games", "wouldn't be seen dead in there", "where dreams go to die",
    # "banging my head against a brick wall"
    r"(?:will|'?ll|is going to|gonna|would|'?d) (?:literally )?kill me if (?:i'?m|i am|i was|i "
    r"(?:lose|lost|miss|missed|forget|forgot|fail|failed|break|broke|get|got|come|came|don'?t "
    r"(?:tidy|do|go|get)))(?! (?:tell|told|say|said|talk))",
    r"(?:i'?d|i would|id) (?:rather|sooner) die than (?!(?:go|going|be|being|stay|staying|live|"
    r"living) (?:back )?(?:home|there|with))",
    r"(?:be |being )?seen dead|(?:dreams|hope|fun|joy|souls?) (?:go|goes|went) to die|"
    r"(?:died|dying|die) (?:of|from) (?:embarrassment|boredom|shame|laughing)|bored to death",
    r"bang\w* (?:my|our|your) heads? (?:against|on) (?:a|the) brick wall",
    # parents giving up work, people giving up a habit
    r"(?:give|gave|giving|given) up (?:her |his |my |their |our )?(?:work|job|jobs|career|smoking|"
    r"vaping|drinking|football|dance|dancing|the course|college|uni|sugar)",
    # pain and injury from illness or equipment, not from a person
    # ("my back hurts", not "I'm back to hurting myself"; never when nobody will take them
    # to be seen: "my tooth hurts but mum won't take me" is neglect)
    r"(?:my|the) (?:back|head|tooth|teeth|stomach|tummy|ears?|throat|chest|knees?|hips?|joints?|"
    r"neck|feet|foot|ankles?|eyes?|jaw|gums?|period|periods) (?:\w+ ){0,2}(?:hurts?|hurting|"
    r"aches?|aching|is (?:so |really )?sore|kills? me)(?!(?:\W+\w+){0,8}\W+(?:won'?t|wont|doesn'?t|"
    r"doesnt|don'?t|dont|never|can'?t|cant) (?:take|takes|took|let|lets) (?:me|us))",
    r"(?:eczema|psoriasis|skin condition|rash|piles|gums|spots) (?:\w+ ){0,5}(?:bleed\w*|bled)",
    r"(?:braces?|retainer|shoes?|straps?|cast|splint|wires?|glasses) (?:\w+ ){0,2}(?:cutting|cut|"
    r"cuts|rubbing|rubs|digging) (?:into )?(?:my|me)",
    r"(?:growing|period|stomach|tummy|chest|back|joint|muscle|nerve) pains?",
    # consent in care: "tells me before he touches me"
    r"(?:tells?|told|asks?|asked|explains?|explained) (?:me )?(?:before|first|if it'?s ok|when) "
    r"(?:\w+ )?(?:he|she|they|the \w+) (?:touch\w*|examin\w*|check\w*)(?: (?:me|my \w+))?",
    # ordinary emergencies: 999 for someone taken ill
    r"(?:999|111|an ambulance|the ambulance|paramedics) (?:\w+ ){0,2}(?:when|because|cos|as) (?:\w+ )"
    r"{0,3}(?:collapsed|fainted|fell|had (?:a|an) (?:fit|seizure|stroke|heart attack|asthma attack|"
    r"allergic reaction)|stopped breathing|was (?:ill|sick|poorly|unconscious|having)|couldn'?t "
    r"breathe|high temperature|fever|temperature)",
    # issue 12, second round (each a kind of ordinary talk that tripped a rule):
    # exasperation ("my teacher will kill me for missing maths", "kill me now, another form",
    # "so bored I thought I'd die")
    r"(?:will|'?ll|is going to|gonna|would|'?d) (?:literally )?kill me for (?:missing|being late|"
    r"forgetting|losing|skipping|bunking|breaking|not doing|getting|coming)",
    r"(?<!to )(?<!want )(?<!wants )(?:kill|shoot) me now",
    r"(?:bored|boring|long|cringe|embarrass\w*|awkward|hungry|hot|cold) (?:\w+ ){0,3}i (?:thought|"
    r"swear|felt like) (?:i'?d|i would|i was (?:going to|gonna)) die",
    # needles and medical jabs ("the nurse stabbed me with the needle")
    r"(?:stabbed|jabbed|poked) (?:me|my \w+)(?: \w+){0,3} (?:with )?(?:the |a |her |his )?"
    r"(?:needle|syringe|jab|injection|cannula|vaccine|pin)",
    # accidents in a kitchen or with hot things, told by the one it happened to
    r"(?<!he )(?<!she )(?<!they )(?<!dad )(?<!mum )(?:burnt|burned|burn|scalded) (?:my|me) (?:\w+ )?"
    r"on (?:the|a|an|my|our) (?:oven|kettle|hob|iron|pan|tray|stove|cooker|toaster|straighteners|"
    r"hair straighteners|radiator|bbq|barbecue|campfire|bonfire|fire)(?! on purpose| deliberately)",
    # being made to do a course, a class or a form
    r"(?:made|make|makes|making) (?:me|us) (?:do|go to|attend|sit|fill in)(?= (?:a|an|the|my|our|"
    r"some|this|that|loads of|extra|another) (?:\w+ ){0,3}(?:course|class|classes|session|"
    r"sessions|programme|workshop|test|tests|exam|exams|forms?|quiz|exercises?|worksheets?|"
    r"assessment|homework|questionnaire|survey|presentation|activit(?:y|ies)|icebreakers?|"
    r"plan|diary)\b)",
    # support or funding taken away ("my TA got taken away because of funding")
    r"(?:ta|teaching assistant|support|1 ?to ?1|one to one|funding|sessions?|hours|key worker|"
    r"transport|bus pass|respite|short breaks|dla|pip|benefits|allowance|\w+ group) (?:\w+ ){0,2}"
    r"(?:got |was |were |been |has been |have been |is being |are being |is |are )?taken away",
    # similes for being passed between services ("like a parcel")
    r"like (?:a|an) (?:parcel|package|number|object|piece of paper)",
    # a parent nagging about a chore ("if I don't take my meds she'll go mad")
    r"if i (?:don'?t|do not|dont|forget to) (?:do|tidy|clean|take|eat|finish|practise|practice|"
    r"revise|wear|brush|feed) (?:up )?(?:my|the|me|her|his|our) (?:homework|chores|room|bedroom|"
    r"exercises|physio|meds|medicine|inhaler|tablets|vegetables|veg|dinner|tea|revision|washing|"
    r"dishes|pots|teeth|retainer|glasses|dog|cat|hamster)",
    # being watched or searched as a suspect, or having a phone taken as a punishment
    r"followed (?:me|us) (?:round|around)(?: \w+){0,4} like (?:i|we) (?:was|were|am|are) "
    r"(?:a |gonna |going to )?(?:thie\w*|nick\w*|steal\w*|shoplift\w*|criminals?)",
    r"(?:mum|mam|mom|dad|parents|teachers?|school|security|staff|nurse) (?:\w+ )?took my (?:phone|"
    r"bag|ipad|tablet|xbox|console|laptop) (?:off me )?(?:for (?:a|the|two|three|\d+) \w+|at the "
    r"door|at the gate|because|cos|as a punishment)",
    # bruising from illness, not from a person ("I bruise easily")
    r"bruise\w* (?:really |so |very )?easily",
    # a worker leaving without a goodbye
    r"(?:nobody|no one|noone|they|staff|worker|nurse|doctor|therapist|counsellor|camhs)(?: from "
    r"(?:the )?\w+)? (?:even )?(?:said|say|saying|came to say) goodbye(?! (?:to (?:everyone|everybody|my "
    r"family|life|the world)|forever|for good|note|letter))",
    r"(?:didn'?t|did not|never|without|chance to|time to|let me) (?:\w+ ){0,2}(?:say|said|"
    r"saying) goodbye to (?:my|our|the) (?:worker|nurse|therapist|counsellor|doctor|social "
    r"worker|key worker|group|staff|team)",
    # a need nobody noticed at school ("nobody noticed my dyslexia")
    r"(?:diagnos\w*|adhd|autism|autistic|dyslexi\w*|dyspraxi\w*|send|needs|assessment|"
    r"condition)(?:\W+\w+){0,8}\W+(?:nobody|no one|noone|someone|anyone) (?:had |ever )?(?:noticed|"
    r"notices|picked (?:it|this|that) up)",
    # a complaint about a whole group, not about oneself
    r"(?:nobody|no one|noone) (?:\w+ )?cares? about (?:kids|young people|children|people|"
    r"teenagers|families) (?:like|with|in|who|round|around|from)",
    # asked about risk and answered no
    r"(?:asked|asks|ask) (?:me |us )?(?:about|if) (?:i |we )?(?:\w+ ){0,3}(?:self ?harm\w*|"
    r"hurt\w* (?:my|our) ?sel\w*|suicid\w*|safe)(?: \w+){0,3} (?:and|but) (?:i|we) (?:said|say|"
    r"told them) no\b(?!,? (?:but|i lied|i was lying|though|tho|that wasn|it wasn|which wasn)\b)",
    # being shown how to care for someone: "the nurse showed me how to do it"
    r"(?:showed|show|shows|taught|teach|teaches|explained) (?:me|us) how to do (?:it|them|his|her)",
    r"(?:tidy|clean|tidying|cleaning) (?:up )?my room|my room (?:being |is |was )?(?:messy|a mess|"
    r"untidy|tidy)",
    # not believed about pain or illness: a complaint about care, not fear of telling
    r"(?:didn'?t|did not|don'?t|do not|doesn'?t|does not|wouldn'?t|won'?t|never|not|nobody|no "
    r"one) believ\w* (?:me|us|my \w+)(?: \w+){0,6}? (?:pain|agony|ill|illness|sick|poorly|unwell|"
    r"symptoms?|condition|allerg\w*|migraines?|headaches?|period pains?|periods?|asthma|anxiety|"
    r"adhd|autism|autistic|depress\w*|medication|meds|diagnosis|how bad (?:it|my \w+) (?:was|is))",
    # injuries from sport, falls and medical care
    r"(?:black eye|bruis\w*|bleeding|hurt \w+ \w+|cut \w+ \w+)(?: \w+){0,2} (?:playing|at|during|"
    r"in) (?:football|rugby|netball|hockey|pe|sport|sports|training|boxing|the match|a match|"
    r"dance|gymnastics)",
    r"(?:knee|nose|gums?|finger|toe) (?:was |is |kept |started )?bleeding|bleeding (?:\w+ )?after "
    r"(?:i|a|the) (?:fell|fall|operation|procedure|test|injection|blood)",
    r"(?:blood tests?|bloods|injections?|jabs?|needles?|cannulas?|drips?|vaccines?|vaccinations?|"
    r"operations?|surgery|the op)(?: \w+){0,4} (?:bruis\w*|marks?|hurt|hurts|stung|sore|"
    r"scar|scars)|(?:bruis\w*|marks?|sore|scars?) (?:\w+ ){0,3}(?:from|after) (?:the |my |a )?"
    r"(?:\w+ )?(?:blood|bloods|injection|jab|needle|cannula|vaccine|operation|op|surgery)",
    r"scratch(?:ed|es)? my \w+ on (?:a|the) \w+",
    r"blood (?:pressure|sugars?|tests?|results?|counts?|levels?|samples?)",
    r"(?:doctor|doctors|nurse|gp|consultant|they|he|she) (?:\w+ )?(?:said|says|told me|explained)"
    r" (?:that )?(?:i|you) (?:could|might|would|can) (?:die|get really ill)",
    r"(?:my |the |our )?(?:worker|youth worker|key worker|social worker|support worker|nurse|mum|"
    r"mam|dad|nan|gran|grandma|grandad|auntie|aunt|uncle|sister|brother|cousin|foster carer|carer|"
    r"taxi|minibus|coach|school bus)(?: \w+)? "
    r"(?:picks?|picked|picking) (?:me|us) up",
    # examinations, and not eating before an operation
    r"(?:doctor|dr|nurse|gp|physio|physiotherapist|dentist|consultant|paramedic|surgeon|midwife|"
    r"radiographer|sonographer) (?:\w+ ){0,2}(?:touch\w*|examin\w*|press\w*|felt) (?:\w+ ){0,3}"
    r"(?:with (?:the|a|his|her) (?:cold )?(?:stethoscope|probe|gel|scanner|gloves?)|to (?:check|"
    r"listen|examine|feel|see))",
    r"(?:eaten|eat|food|had anything)(?: \w+){0,4} (?:since midnight|before (?:my|the|an) "
    r"(?:operation|op|surgery|procedure|anaesthetic|scan|test))|nil by mouth",
    # ordinary knocks, bleeds and sayings
    r"(?:played|playing|play|during|in|at) (?:\w+ ){0,2}(?:dodgeball|football|rugby|netball|"
    r"hockey|cricket|pe|boxing|basketball|the match|a match|training|tag)(?: \w+){0,4} (?:got|"
    r"get|gets|was) (?:hit|kicked|smacked|whacked|punched)|(?:got|get|gets|getting) (?:hit|"
    r"smacked|whacked) (?:\w+ ){0,3}(?:by|with) (?:a|the) (?:ball|bat|stick|racket)",
    r"(?:hit|struck|smacked|whacked) (?:\w+ ){0,2}by (?:a|the) (?:ball|football|cricket ball|"
    r"rugby ball|netball|hockey ball|hockey stick|door|swing|branch|bike)",
    r"(?:nose|lip|knee|gums?|finger|tooth|mouth|ear|toe) (?:\w+ )?(?:bled|bleed|bleeds|bleeding)|"
    r"(?:dentist|tooth|teeth|filling|extraction|stitches|injection|operation) (?:\w+ ){0,6}"
    r"(?:bled|bleeding)",
    r"hit (?:the roof|the ceiling|the nail|the books|the road|the hay|the sack|the gym|the "
    r"spot|it off|me up)",
    r"(?:drinks?|drinking|drank|has|had|have) (?:a |some )?(?:wine|beer|champagne|prosecco|"
    r"a glass of \w+|a drink|a few drinks|a beer|a few beers)? ?(?:at|on|for) (?:christmas|new "
    r"year'?s?(?: eve)?|birthdays?|weddings?|special occasions|celebrations|the bbq|a bbq)",
    r"drink\w* (?:\w+ ){0,3}(?:coke|cola|pepsi|fanta|lucozade|red bull|monster|energy drinks?|"
    r"fizzy)|(?:cans?|bottles?|glass) of (?:coke|cola|pepsi)|diet coke|coke zero",
    r"what (?:would|could|will|might) happen if (?:i|you|we|someone|anyone|people) (?:\w+ ){0,2}"
    r"(?:took|take|takes|missed|stopped|overdosed|had)",
    r"(?:a |another )?(?:drink|glass|cup|bottle|jug) of (?:water|tea|squash|juice|coffee|milk)|"
    r"cup of tea|cuppa|hot chocolate",
    r"(?:photos?|pictures?|pics?) (?:\w+ ){0,2}(?:of|to show) (?:my|the|your|his|her) (?:rash|"
    r"skin|wound|mole|eczema|spots?|scar|injury|burn|lump|swelling|bite|condition|symptoms|"
    r"prescription|letter|form|medication|meds|x-?ray|scan)",
    r"(?:photos?|pictures?|pics?|videos?) (?:\w+ ){0,2}of (?:me|us) (?:at|playing|during|in|on|"
    r"from) (?:my |the |a |our )?(?:football|match|matches|game|games|school|sports?|holiday|"
    r"the beach|graduation|prom|party|birthday|wedding|show|concert|performance|play|race|dance|"
    r"competition|award|trip)",
    r"(?:bullied|bullying|picked on)(?:\W+\w+){0,10}\W+(?:and|but) (?:now )?(?:it'?s|it has|it was|"
    r"that'?s|they|the school|staff|i'?m|im|i am|things are|everything'?s) (?:all |been |now )?"
    r"(?:stopped|sorted|sorted out|dealt with|over now|better now|fine now|ok now|okay now|good "
    r"now|happy now)",
    r"(?:helped|helps|help|made|makes) me (?:\w+ ){0,2}(?:feel|feeling) (?:less|not|so much "
    r"less) (?:alone|scared|lonely|hopeless)|stop(?:ped)? feeling (?:so )?(?:alone|scared|"
    r"lonely|hopeless)",
    r"(?:ur|you'?re|youre|your|i'?m|im|he'?s|hes|you|i) (?:dead|died)\W*(?: \w+){0,6} (?:at|in|"
    rf"on|playing) {_GAME}|(?:die|died|dying|killed|kill|dead) (?:\w+ ){{0,3}}(?:in|on|at) "
    rf"{_GAME}",
    # ordinary sayings
    r"owe my life|owe (?:them|him|her|you|the staff|everyone|\w+) (?:a (?:big |huge )?"
    r"(?:thank you|thanks|"
    r"favour|apology|card)|my life|so much|a lot|everything|thanks|loads)",
    r"dead (?:nervous|excited|scared|worried|happy|chuffed|proud|tired|cold|hot|lucky|slow|fast|"
    r"quick|loud|friendly|chill|chilled|sound|relaxed|interesting)",
    r"(?:never|don'?t|didn'?t) want (?:it|this|the (?:\w+ )?(?:group|session|day|course|club|"
    r"trip|holiday)) to end",
    r"(?:stayed|stay|staying) out late (?:at|with|for) (?:the |a )?(?:cinema|party|match|"
    r"concert|my mates?|friends?|my friends?|mates)",
    r"(?:the )?(?:wait|waiting|queue|suspense|heat|boredom) (?:\w+ )?(?:is|was) (?:literally )?"
    r"killing me",
    r"anti[- ]?bull\w*",
    r"bullying (?:policy|policies|workshop|workshops|assembly|assemblies|week|lesson|lessons|"
    r"talk|talks|ambassadors?|campaign|project|scheme|charter|officer|lead|awareness|prevention|"
    r"support|service|team|helpline|poster|posters)",
    r"(?:talk|talks|talked|talking|learn|learned|learnt|learning|taught|teach|teaches|lesson|"
    r"lessons|session|sessions|workshop|workshops|assembly|information|info|advice|education|"
    r"awareness|leaflets?|posters?|video|videos|group|groups|course|project|training|questions?|"
    r"films?|documentar(?:y|ies)|play|drama|speakers?|presentations?)"
    rf"{_AUDIENCE} (?:about|on|around|against|for) (?:the (?:dangers|risks|effects|signs|law) "
    rf"(?:of|on|around) (?:\w+ )?)?{_LESSON_TOPICS}",
    # the topic named before the event: "the knife crime assembly", "a drugs talk"
    rf"{_LESSON_TOPICS} (?:awareness |prevention |education )?(?:talk|talks|workshop|workshops|"
    r"session|sessions|lesson|lessons|assembly|assemblies|film|films|video|videos|day|week|"
    r"programme|project|course|training|presentation|play|drama|campaign|education|leaflets?|"
    r"posters?|worker|workers|team|service|officer|charity)",
    r"(?:ex|former|reformed)[- ]?(?:gang|offender|drug|addict|dealer)\w*(?: members?)?",
    rf"(?:dangers?|risks?|consequences) of (?:\w+ ){{0,2}}{_LESSON_TOPICS}",
    r"(?:stop|stopping|prevent|preventing|tackle|tackling|tackled|against|deal with|dealt with|"
    r"dealing with|report|reporting|reported) (?:the )?bullying",
    r"(?:no|never any|isn'?t any|wasn'?t any|not any|zero) bullying",
    r"bullying (?:is|was|gets|got|has been) (?:dealt|sorted|handled|taken|stopped|not tolerated)",
    r"sexual (?:health|orientation|identity|education)|sex(?:ual)? education|relationships? and "
    r"sex(?:ual)? education|\brse\b",
    r"knife and fork|knives and forks|butter knife",
    r"(?:drugs?|alcohol|substance(?:s)? misuse|addiction|young people'?s) (?:worker|workers|"
    r"service|services|team|clinic|education|awareness|support|counsellor|project|nurse)",
    r"drug and alcohol (?:service|services|team|worker|support|project)",
    r"(?:keep|keeps|kept|keeping|make|makes|made|making) (?:us|me|everyone|them|you|people|"
    r"young people|children|kids) (?:feel )?safe",
    r"safeguarding(?: \w+)?",
    r"abuse of (?:power|the system|process)",
    r"(?:my|the|a) (?:dog|cat|pet|hamster) (?:bit|bites|scratched)",
    r"(?:ran|run|running) away with (?:it|the)|(?:run|ran|running) out of (?:time|money)",
    r"(?:reports? of|suspected|suspicion of) (?:\w+ )?(?:abuse|neglect)",
    r"medication|prescribed (?:drugs|medication)",
    r"(?:what to do|who to (?:tell|talk to|go to)|help) (?:if|when) (?:someone|anyone|somebody|"
    r"you|a friend|people|young people) (?:feels?|felt|is|are|isn'?t|aren'?t) (?:unsafe|not "
    r"safe|in danger|at risk|being (?:hurt|bullied|abused))",
    r"if (?:i|you|we|they|someone|anyone|somebody)(?: ever)? (?:don'?t|do not|dont|didn'?t|"
    r"doesn'?t) (?:feel|felt) safe|if (?:i|you|we|they|someone|anyone)(?: ever)? (?:feel|felt) "
    r"unsafe",
    r"bruis\w* (?:from|after|playing|at) (?:football|rugby|netball|hockey|pe|sport|sports|"
    r"training|a fall|falling|my bike|the trampoline|the match|dance|gymnastics|boxing)",
    r"(?:fell|fall|falling) (?:off|over|down)(?: \w+){0,6} (?:a )?bruis\w*",
    r"(?:never|wasn'?t|weren'?t|not|haven'?t|hasn'?t|isn'?t|have never|has never|never been|not "
    r"been) (?:been )?(?:bullied|bullying)",
    r"used to be (?:scared|afraid|frightened)",
    r"cutting (?:my |her |his |the |our )?(?:hair|fringe|nails|grass|food|paper|down|back|edge|"
    r"out|class|costs|corners|it close|in)|cut(?:s|ting)? (?:down|back) on|(?:hair|paper) ?cuts?|"
    r"(?:budget|funding|service|staff|spending) cuts|cuts? to (?:the |our )?(?:service|funding|"
    r"budget|staff)|power cuts?|shortcuts?",
    r"(?:to )?die for|dying (?:to|for|of laughter|of embarrassment|laughing)|(?:nearly|almost|"
    r"could have|could've|i) died (?:laughing|of (?:laughter|embarrassment|boredom|shame))|"
    r"die (?:of|from) (?:laughter|embarrassment|boredom|shame)|(?:my )?(?:phone|battery|laptop|"
    r"ipad|tablet|wifi|signal|charger) (?:\w+ )?(?:died|dead|dies|dying)|dead (?:good|nice|"
    r"funny|helpful|kind|easy|hard|boring|quiet|busy|long|bored)|(?:i'?m|im) dead\b|dead end|"
    r"dead battery|deadline|(?:grand|great|late) ?(?:parents?|mum|dad|nan|grandma|grandad) "
    r"(?:died|passed)|(?:nan|grandma|grandad|granddad|grandpa|gran|dog|cat|pet|hamster|fish) "
    r"(?:\w+ )?(?:died|dead|passed away)",
    r"feel(?:ing)? alive|(?:stay|staying|keep|keeping) alive (?:the|our)",
    r"(?:bleeding|bled) (?:nose|gums)|nose ?bleeds?|blood (?:test|tests|taken|sample)",
    _NOT_WISHED + r"(?:the|a|this|that|it|ball|door|car|bus|injection|needle|jab|light|sun|wind) "
    r"(?:\w+ )?(?:hit|hits|hurt|hurts) (?:me|us)|it hit me|it hurt",
    r"secret santa|(?:keep|keeps|kept) (?:it|things|what i (?:say|said|tell (?:them|her|him))|"
    r"my \w+|everything) (?:\w+ )?(?:confidential|private)|(?:keep|keeps|kept) (?:what i "
    r"(?:say|said|tell \w+)|my (?:secret|secrets)|my \w+ secret)(?: secret)?|(?:isn'?t|not|"
    r"wasn'?t) (?:a )?secret|no secrets?",
    r"sex(?:ual)? (?:health|education|ed)|sex and relationships?|sexuality|sexual orientation|"
    r"(?:gender|same) sex",
    r"(?:sports?|football|rugby|netball|school|drama|dance|art|youth) (?:club )?gangs?|"
    r"gang of (?:us|friends|mates)|whole gang",
    r"(?:gave|give|given) me a phone (?:call|number)|(?:phone|call|text) (?:me )?(?:and|to) "
    r"(?:deliver|drop)|deliver(?:ed|ing|s)? (?:the )?(?:leaflets|letters|parcel to my house)",
    r"(?:ran|run|running) off (?:the|a) (?:pitch|field|bus|train|stage)",
    r"(?:stayed|stay|staying|sleep|slept|sleeping) (?:out|over) (?:at|with) (?:my )?(?:mates?|"
    r"friends?|nan|gran|dad|mum|aunt|auntie|cousin)'?s?",
    r"(?:no|not any|never any|not enough|hardly any) food (?:at|in) (?:the )?(?:group|session|"
    r"club|ward|waiting room|meeting|event)|no food (?:or drink|allowed)",
    r"leave (?:me|us) (?:alone|on my own) (?:to|with) (?:fill|do|get|talk|the form)",
    r"(?:knife|knives) (?:and|&) forks?",
    r"relapse prevention",
    r"abusive (?:patient|patients|relative|relatives|visitor|visitors|to (?:the )?staff|to "
    r"(?:the )?nurses|towards (?:the )?staff)|(?:patient|patients|visitor|visitors) (?:who (?:was|"
    r"were|is|are) )?abusive",
    # issue 12, third round (kinds of ordinary talk in the training and used blind sets that
    # tripped a rule; each kind, never one row; tests in test_safeguarding_third_round.py):
    # hyperbole about a trivial cause ("so long I wanted to die lol", "if I have to fill in
    # one more form I'm gonna unalive myself", "died a little inside", "I'm so dead if my
    # dad sees my report", "dead on the floor laughing", "my deadname")
    r"(?:bored|boring|long|cringe|embarrass\w*|awkward|slow|loud|bad|annoying) (?:\w+ ){0,3}i "
    r"(?:literally )?(?:wanted|want|wanna|could(?: have)?|nearly|almost) (?:to )?die(?: \w+)?"
    r"(?= ?(?:lol|lmao|haha|jk|😂|💀)|\W*$)",
    r"if i (?:have to|gotta|hear|see|get|do|sit through) (?:\w+ ){0,3}(?:one more|another|again)"
    r"(?: \w+){0,4},? (?:i'?m|im|i'?ll|ill|i will|i am|i swear) (?:literally )?(?:gonna |going "
    r"to )?(?:unalive|kill|die|scream|cry|lose it)(?: myself| me| my ?self)?",
    r"(?:die|died|dying|dead) (?:a little|a bit|a little bit|slightly|inside) ?(?:inside)?",
    r"(?:i'?m|im|i am|i was) (?:so |literally |actually |lowkey |basically )"
    r"{1,2}dead\b(?! (?:inside|serious|tired of))",
    r"dead on the floor|(?:dead|died|dying|crying) laughing|dead ?nam\w*|birth name",
    r"(?:i'?d|id|i would) (?:literally )?rather die\W*(?:lol|lmao|haha|jk|😂|💀)",
    r"(?:will|'?ll|is going to|gonna|would|'?d|is gonna) (?:literally )?kill me\W+(?:i|cos i|"
    r"because i|as i) (?:lost|forgot|missed|broke|failed|spilt|spilled|left)",
    # saying so is not the risk ("I am not suicidal, I just want to talk about stress")
    r"(?:i'?m|im|i am) not suicidal(?!,? (?:but|yet|though|tho))",
    # what lessons and films are about, named another way ("the film they showed in PSHE about
    # nudes", "they explained what grooming is", "the sextortion talk")
    r"(?:film|films|video|videos|talk|lesson|session|assembly|leaflet|poster|workshop|drama|play) "
    r"(?:\w+ ){0,4}(?:in (?:pshe|pse|rse|class|assembly|form|tutor time|school|lessons?) )?"
    r"(?:about|on) (?:\w+ ){0,2}(?:nudes|sexting|sextortion|grooming|online safety|consent|"
    r"image sharing|running away|self[- ]?harm|county lines|exploitation|domestic abuse)",
    r"(?:explained|explain|explains|told us|taught us|teach us|learnt|learned|showed us) "
    r"(?:about )?what (?:online )?(?:grooming|sexting|sextortion|exploitation|consent|"
    r"county lines|abuse|neglect) (?:is|was|means|looks like)",
    r"(?:sextortion|nudes|sexting|online safety) (?:talk|talks|lesson|lessons|session|film|video|"
    r"assembly|workshop|leaflet|poster)",
    # ordinary sayings and similes ("I owe you one", "like I'm a parcel nobody wants")
    r"owe (?:you|u|her|him|them|me) one",
    r"like (?:i'?m|im|i am|we'?re|we are|i was|we were) (?:just )?(?:a|an) (?:parcel|package|"
    r"number|object|piece of paper|hot potato)",
    r"(?:we'?re|we are|this is|it'?s|its|it is|this isn'?t|it isn'?t) not a hotel|not a hotel",
    r"hits? the roof|shouts? at the (?:telly|tv|football|match|game|screen|xbox|ref|referee|"
    r"news)",
    # being seen alone by a clinician is ordinary care, not being left alone
    # (never when they are kept from it or have something to say: "won't let me talk alone",
    # "can I be seen on my own, there's something I can't say with mum there")
    r"(?<!let me )(?<!let me be )(?:be |being |get |getting )?(?:seen|see|talk|talking|speak|"
    r"speaking|go in|went in|going in)(?: to)?(?: the \w+| a \w+| someone| them| her| him)? "
    r"(?:on my own|by myself)(?! (?:at home|all (?:day|night|weekend)|overnight|for days))"
    r"(?!(?:\W+\w+){0,12}\W+(?:something|things|stuff|some things) (?:i|that i) (?:can'?t|cant|"
    r"couldn'?t|cannot|don'?t want to|dont want to) (?:say|tell|talk|mention))",
    # not believed about the body, a test or a fact, and proved right ("didn't believe me about
    # my knee until the x-ray", "that I couldn't hear", "that I'd already rung")
    r"(?:didn'?t|did not|don'?t|do not|doesn'?t|does not|wouldn'?t|won'?t|never|not|nobody|no "
    r"one) believ\w* (?:me|us) (?:about my (?:knee|leg|arm|wrist|ankle|foot|hand|back|neck|"
    r"hearing|eyes?|sight|ears?|breathing|chest|stomach|tummy|skin|periods?|pain)|that (?:i'?d|id|"
    r"i had) (?:already )?(?:rung|called|phoned|been|sent|filled|emailed)|that i (?:couldn'?t|"
    r"can'?t|could not|cannot) (?:hear|see|breathe|walk|sleep|eat|concentrate|focus|read))",
    # swallowing medicine, one's own body, phobias of medical things
    r"(?:can'?t|cant|cannot|struggle to|hard to|difficult to|unable to|trouble|hate) (?:\w+ )?"
    r"swallow(?:ing)? (?:tablets|pills|capsules|medicine|meds)",
    r"know (?:my|your|our) own bod(?:y|ies)",
    r"(?:scared|afraid|frightened|terrified) of (?:hospitals?|needles?|injections?|the dentist|"
    r"dentists?|doctors?|blood|jabs?|the dark|spiders?|dogs?|heights|flying|exams?|the injection|"
    r"the needle|hospital|going to hospital|the ambulance)",
    # injuries from sport, play, falls and operations ("got hit in the face with a hockey ball",
    # "my little brother hit me with a cushion", "scar from my appendix")
    r"(?:got|get|gets|getting|was) (?:hit|smacked|whacked) (?:\w+ ){0,3}(?:by|with) (?:a|the) "
    r"(?:\w+ )?(?:ball|bat|stick|racket|puck|frisbee|shuttlecock|cushion|pillow|balloon)",
    r"(?:little|baby|younger|toddler|small) (?:brother|sister|cousin|bro|sis) (?:\w+ ){0,2}(?:hits|"
    r"hit|bites|bit|kicks|kicked|punches|punched|scratches|scratched) me(?: with (?:a|his|her|the) "
    r"(?:\w+ )?(?:cushion|pillow|toy|lightsaber|sword|ball|teddy|book|controller|remote|spoon))?",
    r"(?:rugby|football|netball|hockey|\bpe\b|training|tackl\w*|trampolin\w*|skat\w*|bike|"
    r"scooter|fell|fall|falling|tripped|slipped)(?:\W+\w+){0,10}\W+(?:just )?bruis\w*|(?:it was|"
    r"it'?s|its) (?:just|only) (?:a )?(?:bad )?bruis\w*",
    r"(?:appendix|tonsils|op|operation|surgery|c-section|caesarean|stitches|burns?|chicken ?pox|"
    r"acne|accident|transplant|biopsy|heart surgery)(?:\W+\w+){0,6}\W+scars?\b|scars? "
    r"(?:from|after) (?:my |the |an? )?(?:\w+ )?(?:burns?|op|operation|surgery|accident|"
    r"chicken ?pox|acne|appendix|stitches)",
    r"cut (?:my|his|her) (?:finger|thumb|hand|foot|toe|knee|lip|chin|head)(?:\W+\w+){0,12}?\W+"
    r"(?:bleed\w*|bled)",
    # arguments and rules at home about ordinary things
    r"argu\w* (?:at home )?(?:about|over) (?:whose turn|the telly|the tv|the remote|chores|"
    r"homework|the xbox|screen time|bedtime|the wifi|the bathroom|football|what to watch)",
    r"(?:won'?t|wont|doesn'?t|don'?t|not) let me (?:get|have) (?:a |an )?(?:tiktok|snapchat|insta|"
    r"instagram|discord|phone)",
    r"(?:nag\w*|moan\w*|on at me|goes on|go on) (?:me |at me )?about (?:tidying )?my room",
    r"smell\w* (?:of|like) (?:weed|smoke|cigarettes|vape)",
    # a care leaver's flat without furniture yet
    r"no (?:bed|furniture|sofa|fridge|cooker) (?:for|in) (?:my|the|our) (?:new )?(?:flat|place|"
    r"room|house|home)",
]

# Cue words: the last, broadest net. A hand-written phrase only catches the phrasings
# its writer thought of; on sentences written by someone else the phrase rules above
# miss many indirect disclosures ("my life is pointless", "I get locked in the
# bathroom when I am naughty"). Cue words are single words or short stems that point to
# a kind of harm. A STRONG cue flags on its own; a WEAK cue is common enough in
# ordinary talk that it needs a second, different cue in the same comment (a weak cue
# of any kind, or a family member, partner or older person). Chosen by counting: each
# cue is rare in ten thousand NHS comments and in the safe sentences of the
# development set. Benign uses are masked out first, as for the phrase rules.
_STRONG_CUES: Final[tuple[tuple[str, str], ...]] = (
    (
        "suicidal_thoughts",
        # "pointless" about life or oneself; "going is pointless" is a complaint (a very weak cue)
        r"(?:life|living|everything|it all|existing|i'?m|i am|i feel|me) (?:is |feels |seems |"
        r"'?s )?(?:(?:so|just|completely|totally|all|really) )?pointless|pointless (?:being (?:here|"
        r"alive|around)|me being|living|existing|carrying on|going on)|"
        r"stash\w*|(?:would be|it'?s|it is|be) better (?:to|if i) "
        r"(?:just )?(?:stop|not wake|end|give up|disappear|go to sleep)|give up on (?:life|myself|everything)|"
        r"(?:planned|plan|planning) (?:how|when) (?:to|i'?d|i would|i'?ll|i will|i could)|"
        r"(?:planned|planning) (?:it|my (?:death|goodbyes?|note))|just in case",
    ),
    (
        "self_harm",
        r"(?:make|makes|made|making) (?:my ?self|me) (?:sick|throw up)|"
        r"(?:blood|bleeding) (?:on|in|all over) (?:my )?(?:sheets|bed|sleeves|clothes|arms?|legs?)",
    ),
    (
        "abuse",
        r"(?<!seat )belt|believe me|if i (?:tell|told|say|said) (?:anyone|anybody|someone|"
        r"mum|dad|them|you|a teacher|my|the (?:social|police|teacher|school|nurse|doctor|worker|"
        r"counsellor)|social services)|taken away|keep quiet|kept quiet|stay quiet|"
        r"answer(?:ed|ing)? back|lie about|lied about|how i got (?:hurt|the|my|these|"
        r"those|that)|naughty|locked (?:in|out of) (?:the|my|our) (?:bathroom|room|bedroom|cupboard|shed|"
        r"house|flat|garden|toilet)",
    ),
    (
        "sexual_exploitation",
        r"(?:1[89]|[2-5]\d) (?:year old|yr old|yo)\b|"
        r"(?:into|in) (?:his|their|a man'?s|a stranger'?s) car",
    ),
    (
        "neglect",
        r"no (?:electric|electricity|gas|money for)|holes in|wash my own|"
        r"(?:mum|mam|mom|dad|she|he|they|parents|carers?) (?:\w+ )?forgets? to|"
        r"never (?:any|enough) money",
    ),
    (
        "unsafe_at_home",
        r"somewhere else|(?:don'?t|doesn'?t|do not|never) feel like (?:my )?home|(?:not|isn'?t|never) (?:feel(?:s)? )?(?:like )?(?:my|a) "
        r"home|rather (?:sleep|be|live|stay) (?:on|in|at|anywhere|somewhere)|"
        r"stay (?:in|up in) my room",
    ),
    (
        "feels_unsafe",
        r"knows? where i live|know where my (?:family|mum|house)|fake accounts?|"
        r"(?:tried|try|trying) to (?:get|pull|drag|grab|take) me (?:into|in|to (?:his|their|a)|"
        r"away|out|back to)",
    ),
    (
        "bullying",
        r"freak|weirdo|loser|(?:pretend|pretended|pretending) to be (?:ill|sick|poorly)|"
        r"because of them",
    ),
    (
        "exploitation_and_drugs",
        r"debts?|parcels?|jobs for (?:them|him)|do jobs|"
        r"(?:know|knows) where (?:my|we|i) \w+ lives?",
    ),
    (
        "going_missing",
        r"stairwells?|nobody (?:noticed|notices|cared)|no one (?:noticed|notices)|"
        r"(?:went|go|going|gone) off for (?:\w+ )?(?:days|nights|hours|a day|a night|the weekend)",
    ),
)
_WEAK_CUES: Final[tuple[tuple[str, str], ...]] = (
    (
        "suicidal_thoughts",
        r"give up|giving up|gave up|better to (?:just )?(?:stop|go|not)|"
        r"nobody would|no one would|not (?:be )?here",
    ),
    ("self_harm", r"blood|bleed\w*|numb|pills|(?:what|things) i do"),
    (
        "abuse",
        r"hurt|hurts|hurting|hit|hits|slap\w*|lock|locks|locked|locking|smack\w*|punish\w*|"
        r"hate|hates|lie to|lied to|lying to|"
        r"disgusting|worthless|useless|ugly|scared|afraid|frightened|terrified|petrified|secret\w*|"
        r"hide|hiding|hid",
    ),
    (
        "domestic_abuse",
        r"neighbours? (?:\w+ )?(?:called|rang|phoned|heard|hear|complain\w*|knock\w*)|smash\w*|"
        r"drunk|(?:drinks|drinking)(?! (?:water|tea|coffee|juice|milk|pop|coke|cola|"
        r"squash|fizzy|protein|energy))",
    ),
    ("sexual_exploitation", r"hotel|messaging|snapchat|insta|instagram|tiktok|discord"),
    ("neglect", r"no food|dirty|smelly|alone|on my own|by myself"),
    ("unsafe_at_home", r"my room|my bedroom|when (?:he|she|they)'?s home|go back there"),
    ("bullying", r"school gates?|wait for me"),
    ("going_missing", r"streets?|bus station|train station|went off|ran off"),
)
# Everyday words that only count beside a weak cue: "my dad shouts at the telly" and
# "mum was angry the bus was late" are not worth a flag; "he shouts and I hide" is.
_VERY_WEAK_CUES: Final[tuple[tuple[str, str], ...]] = (
    # "stop" as in "I want it to stop", never a card's heading or a request to a service
    # ("STOP: calling me by my dead name", "stop making kids wait"; issue 12, third round)
    ("suicidal_thoughts", r"gone|stop(?!\W*:| \w+ing\b)|disappear|pointless"),
    ("self_harm", r"tablets"),
    ("abuse", r"angry|temper|cry|crying|cried|quiet|stupid"),
    ("domestic_abuse", r"police|shout\w*|scream\w*|yell\w*|fight\w*|argu\w*"),
    (
        "sexual_exploitation",
        r"older|money|car|texts|messages|parties|party|late|at night|"
        r"every night|most nights",
    ),
    ("neglect", r"hungry|forget\w*|electric\w*|nobody|no one|noone"),
    ("bullying", r"every (?:single )?day|called me|call me"),
)
# A family member, partner or older person: counts as the second cue beside a weak one.
_CONTEXT_CUE: Final = (
    r"mum|mam|mom|mummy|dad|daddy|step ?dad|step ?mum|stepfather|stepmother|uncle|"
    r"boyfriend|girlfriend|partner|carers?|foster|brother'?s|he|him|his"
)
_STRONG, _WEAK, _VERY_WEAK, _CONTEXT = range(4)
_CUE_LIST: Final = (
    [(c, _STRONG, p) for c, p in _STRONG_CUES]
    + [(c, _WEAK, p) for c, p in _WEAK_CUES]
    + [(c, _VERY_WEAK, p) for c, p in _VERY_WEAK_CUES]
    + [("", _CONTEXT, _CONTEXT_CUE)]
)
# One small regex per alternative, each behind a cheap literal screen (see
# screening.py), so a comment only runs the few cues that could be in it. The patterns
# are compiled, and the screens built, when first used (the screens by build_screens).
_CUE_ALTERNATIVES: Final[list[tuple[str, int, LazyPattern]]] = [
    (category, tier, LazyPattern(rf"\b(?:{alternative})\b"))
    for category, tier, pattern in _CUE_LIST
    for alternative in split_alternatives(pattern)
]
_CUE_SCREEN: Final = LazyScreen(lambda: (
    (required_literals(regex.pattern), index)
    for index, (_, _, regex) in enumerate(_CUE_ALTERNATIVES)
))
# Cues that can flag (strong and weak): when none can be present, skip the cue step.
_FLAGGING_CUES: Final = frozenset(
    index for index, (_, tier, _) in enumerate(_CUE_ALTERNATIVES) if tier in (_STRONG, _WEAK)
)


def _cue_reasons(masked_text: str, candidates: set | None = None) -> list[str]:
    """Reasons from cue words in text whose benign phrases are already masked.

    A strong cue flags; a weak cue flags beside a second, different cue of any kind
    (or a family member, partner or older person); very weak cues never flag alone.
    ``candidates`` are the cue indexes the screen let through (all when None).
    """
    if candidates is None:
        candidates = _CUE_SCREEN.owners_present(masked_text)
    by_tier: list[list[int]] = [[], [], [], []]
    for index in candidates:
        by_tier[_CUE_ALTERNATIVES[index][1]].append(index)  # type: ignore[index]
    strong = [
        _CUE_ALTERNATIVES[i][0]
        for i in sorted(by_tier[_STRONG])
        if _CUE_ALTERNATIVES[i][2].search(masked_text)
    ]
    if strong:
        return strong
    weak: dict[str, str] = {}  # matched words -> category: one word repeated counts once
    spans: list[tuple[int, int]] = []
    for index in sorted(by_tier[_WEAK]):
        category, _, regex = _CUE_ALTERNATIVES[index]
        for match in regex.finditer(masked_text):
            weak.setdefault(match.group(), category)
            spans.append(match.span())
    if not weak:
        return []
    # the second cue must be other words: "nobody would" is not two cues because "nobody" is
    # also a very weak one (issue 12, third round)
    second = len(weak) >= 2 or any(
        not any(start < end_w and start_w < end for start_w, end_w in spans)
        for i in by_tier[_VERY_WEAK] + by_tier[_CONTEXT]
        for start, end in (m.span() for m in _CUE_ALTERNATIVES[i][2].finditer(masked_text))
    )
    return list(dict.fromkeys(weak.values())) if second else []


# Every pattern starts at a word boundary: "rape" must not match "therapeutic".
_COMPILED: Final = {
    category: LazyPattern(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")
    for category, patterns in _PATTERNS.items()
}
_BENIGN_RE: Final = LazyPattern(r"\b(?:" + "|".join(f"(?:{p})" for p in _BENIGN) + r")\b")

# The same patterns one alternative at a time, each with a cheap screen (see
# screening.py), so a comment only runs the few that could match. Equivalent to
# searching _COMPILED[category]; the tests check that.
_ALTERNATIVES: Final[list[tuple[str, LazyPattern]]] = [
    (category, LazyPattern(rf"\b(?:{alternative})"))
    for category, patterns in _PATTERNS.items()
    for pattern in patterns
    for alternative in split_alternatives(pattern)
]
_SCREEN: Final = LazyScreen(lambda: (
    (required_literals(regex.pattern), index) for index, (_, regex) in enumerate(_ALTERNATIVES)
))


# Whether any benign phrase could be present, so masking can be skipped when not.
_BENIGN_SCREEN: Final = LazyScreen(lambda: (
    (required_literals(alternative), 0)
    for pattern in _BENIGN
    for alternative in split_alternatives(pattern)
))


def build_screens() -> None:
    """Build the screens that choose which patterns a comment runs now, not on first use.

    gunicorn's master calls this before forking (``gunicorn.conf.py``), so the workers share
    them (0.2 s of CPU). The patterns themselves are compiled in each process when a screen
    first lets a comment through to them -- a few for most comments: compiling all of them
    in the master would add 0.2 s to start-up and 1.7 MB to every process.
    """
    for screen in (_SCREEN, _CUE_SCREEN, _BENIGN_SCREEN):
        screen.build()


def _candidate_categories(text: str) -> set[str]:
    """Categories one of whose patterns could match ``text``."""
    return {_ALTERNATIVES[i][0] for i in _SCREEN.owners_present(text)}  # type: ignore[index]


def _reasons_in(text: str, candidates: set, cue_candidates: set, cues_possible: bool) -> set[str]:
    """Categories whose phrase rules match ``text``, else those its cue words give."""
    found: set[str] = set()
    for index in sorted(candidates):  # type: ignore[type-var]
        category, regex = _ALTERNATIVES[index]  # type: ignore[index]
        if category not in found and regex.search(text):
            found.add(category)
    if not found and cues_possible:
        # the screens ran on the unmasked text, a superset of what masking leaves
        found.update(_cue_reasons(text, cue_candidates))
    return found


# Text-speak, dropped letters and common misspellings, spelled out before matching so
# that every rule reads "wen hes had a drink" or "sum1 keeps sendin me pics" the way
# it reads plain English. Only words with one plain meaning are listed.
_DROPPED_G_STEMS: Final = (
    "ask bleed burn carry chok com cry cutt deal deliver do drink dropp eat feel fight "
    "follow gett go grabb harm hid hitt hold hurt kick kill laugh leav liv look mak messag "
    "pick punch push runn say scratch scream sell send shout slapp sleep smok starv stay "
    "steal tak tell text think threaten touch try wait watch"
).split()
_TEXT_SPEAK: Final[dict[str, str]] = {
    **{stem + "in": stem + "ing" for stem in _DROPPED_G_STEMS},
    **{stem + "in'": stem + "ing" for stem in _DROPPED_G_STEMS},
    "u": "you",
    "n": "and",
    "wen": "when",
    "wat": "what",
    "wot": "what",
    "wiv": "with",
    "wid": "with",
    "cuz": "because",
    "cus": "because",
    "bc": "because",
    "bcos": "because",
    "bcoz": "because",
    "becuz": "because",
    "becos": "because",
    "sum1": "someone",
    "some1": "someone",
    "any1": "anyone",
    "no1": "no one",
    "every1": "everyone",
    "evry1": "everyone",
    "ppl": "people",
    "skl": "school",
    "skool": "school",
    "skwl": "school",
    "evry": "every",
    "gna": "gonna",
    "gunna": "gonna",
    "gona": "gonna",
    "shud": "should",
    "cud": "could",
    "wud": "would",
    "dnt": "don't",
    "dunno": "don't know",
    "nuthin": "nothing",
    "nothin": "nothing",
    "somethin": "something",
    "anythin": "anything",
    "nuffin": "nothing",
    "nuffink": "nothing",
    "sumthin": "something",
    "sumfin": "something",
    "summat": "something",
    "anyfin": "anything",
    "dat": "that",
    "dem": "them",
    "dey": "they",
    "m8": "mate",
    "m8s": "mate's",
    "nite": "night",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "b4": "before",
    "rly": "really",
    "fink": "think",
    "fings": "things",
    "fing": "thing",
    "pls": "please",
    "plz": "please",
    "sucide": "suicide",
    "suicde": "suicide",
    "sucidal": "suicidal",
    "suicidel": "suicidal",
    "bulling": "bullying",
    "bullyed": "bullied",
    "bulied": "bullied",
    "bullyin": "bullying",
}
_TEXT_SPEAK_RE: Final = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(re.escape(w) for w in sorted(_TEXT_SPEAK, key=len, reverse=True))
    + r")(?![\w'])|\b(?:don'?t|dnt|didn'?t|didnt) no\b"
)


_WORD_RE: Final = re.compile(r"[a-z0-9']+")


def _spelled_out(text: str) -> str:
    """``text`` with text-speak spelled out ("dont no" -> "don't know", "wen" -> "when")."""
    if "t no" not in text and _TEXT_SPEAK.keys().isdisjoint(_WORD_RE.findall(text)):
        return text  # most comments: one cheap pass instead of the substitution
    return _TEXT_SPEAK_RE.sub(lambda m: _TEXT_SPEAK.get(m.group()) or m.group()[:-2] + "know", text)


# A crisis told as over (issue 12, third round): "I used to self harm in year 9 but I
# stopped over a year ago", "two years ago I thought about killing myself, I'm doing loads
# better now", "I was homeless for a bit at 17 but the housing team found me a place".
# Such a comment is not flagged when every reason is about the young person's own past
# state (never abuse, exploitation by a person or danger from someone: a past abuser may
# still be a risk to others, so those are always read), the harm is placed in the past,
# the comment says it is over, and nothing says it is back or still going on.
_RESOLVABLE: Final = frozenset(
    {"suicidal_thoughts", "self_harm", "bullying", "going_missing", "unsafe_at_home", "neglect"}
)
_PAST_MARK: Final = re.compile(
    r"\b(?:used to|when i was (?:younger|little|small|a kid|a child|in (?:year|primary|secondary)|"
    r"\d+)|(?:\d+|a|one|two|three|four|five|six|a few|a couple of|couple of|few) (?:years?|yrs?|"
    r"months?) (?:ago|back|before)|last year|years ago|in (?:year|yr) \d+|in primary|at (?:1\d|"
    r"[5-9])\b|back then|the time (?:i|when)|once,? (?:when|my)|for a bit)\b"
)
_OVER_MARK: Final = re.compile(
    r"\b(?:(?:i'?m|im|i am|i feel|we'?re|we are) (?:doing )?(?:so much |much |really |loads |a lot |"
    r"way )?(?:well|better|fine|ok|okay|good|calm|safe|happy)\b|doing (?:so |really |loads |much |"
    r"a lot |way )?(?:well|better|good|great)|(?:it'?s|its|it is|things are|everything'?s|"
    r"everything is|life'?s|life is|that'?s|all) (?:all |been |now |so much )?(?:fine|ok|okay|good|"
    r"calm|better|sorted|over|great)|behind me|(?:stopped|gave up|quit)(?: it)? (?:over |more "
    r"than |about )?(?:a|one|two|three|\d+|a few|a couple of) (?:years?|yrs?|months?)|(?:its|it'?s|"
    r"it has|bullying) stopped|(?:haven'?t|havent|have not|not) (?:\w+ ){0,2}(?:in|for|since) "
    r"(?:over |more than |about )?(?:a|one|two|three|four|five|\d+|a few|a couple of) (?:years?|"
    r"yrs?|months?)|(?:don'?t|dont|do not|no longer) (?:\w+ ){0,3}(?:anymore|any more)|"
    r"(?:clean|free of it|sober) (?:for )?(?:over )?(?:\d+|a|one|two|three) ?(?:years?|yrs?|"
    r"months?)|free of it|found me (?:a|my|supported)|(?:got|have|now have|i'?ve got) (?:my own|"
    r"a) (?:place|flat|home)|(?:sorted|dealt with) (?:it|that|things)|now (?:i'?m|im|i am|i have|"
    r"i'?ve got|we (?:get|have|live))|i'?m (?:\d+|an adult) now|(?:is|are|'s) (?:so |loads |much |"
    r"way |a lot )?better|(?:sorted|found) (?:me )?(?:a|my) (?:flat|place|home)|(?:we|i) (?:get|"
    r"have|got) (?:help|support) now)"
)
# Said to be over, with no need of a time in the past: "sh clean for 2 yrs", "it's behind
# me now", "I don't hurt myself anymore", "I stopped self harming over a year ago".
_OVER_ON_ITS_OWN: Final = re.compile(
    r"\b(?:(?:clean|sober|free of it) (?:for )?(?:over |more than )?(?:\d+|a|one|two|three|four|"
    r"five) ?(?:years?|yrs?|months?)|behind me|(?:don'?t|dont|do not|no longer) (?:hurt|cut|harm|"
    r"self harm|burn|do it|do that|feel like that|feel that way|think like that|think about it)"
    r"(?: myself| my ?self)? (?:anymore|any more)|(?:stopped|quit) (?:\w+ ){0,2}(?:over |more than |about )?(?:a|one|two|"
    r"three|\d+|a few|a couple of) (?:years?|yrs?|months?) ago|(?:haven'?t|havent|have not) (?:\w+ )"
    r"{0,2}(?:in|for) (?:over |more than )?(?:a|one|two|three|four|five|\d+|a few|a couple of) "
    r"(?:years?|yrs?))\b"
)
_STILL_MARK: Final = re.compile(
    r"\b(?:i (?:still|sometimes|keep)(?! (?:go|going|see|seeing|attend|use|have (?:the|my) "
    r"(?:worker|group|support)))|i'?m still|im still|again|recently|lately|these days|at the "
    r"moment|right now|tonight|relaps\w*|urges?|tempted|started (?:again|to)|back to|miss (?:it|"
    r"doing)|scared (?:it|that)|worried (?:it|that|i)|want to|wanna|wish i|every (?:day|night)|"
    r"all the time|always|can'?t stop|cant stop|instead|nowadays|now i just|(?:but )?now i "
    r"(?:don'?t|dont|can'?t|cant|cut|burn|starve|drink|take|hide|purge|skip))\b"
)


def _told_as_over(text: str, reasons: Sequence[str]) -> bool:
    """Whether a flagged comment tells of the young person's own crisis as past and over."""
    return (
        _RESOLVABLE.issuperset(reasons)
        and (
            _OVER_ON_ITS_OWN.search(text) is not None
            or (_PAST_MARK.search(text) is not None and _OVER_MARK.search(text) is not None)
        )
        and _STILL_MARK.search(text) is None
    )


def rule_reasons(normalised_text: str) -> tuple[str, ...]:
    """Reasons the hand-written rules give for text already passed through ``text.normalise``."""
    if not normalised_text:
        return ()
    normalised_text = _spelled_out(normalised_text)
    grams = LiteralScreen.grams(normalised_text)
    candidates = _SCREEN.owners_present(normalised_text, grams)
    cue_candidates = _CUE_SCREEN.owners_present(normalised_text, grams)
    cues_possible = not _FLAGGING_CUES.isdisjoint(cue_candidates)
    if not candidates and not cues_possible:
        return ()
    found = _reasons_in(normalised_text, candidates, cue_candidates, cues_possible)
    # Benign phrases ("I feel safe here", "the injection hurt") are masked only when
    # the plain text triggers something: masking removes text, so it can only take
    # reasons away, and most comments trigger nothing.
    if found and _BENIGN_SCREEN.owners_present(normalised_text, grams):
        masked = _BENIGN_RE.sub(" ", normalised_text)
        if masked != normalised_text:
            found = _reasons_in(masked, candidates, cue_candidates, cues_possible)
    reasons = [c for c in RULE_CATEGORIES if c in found]
    if "unsafe_at_home" in reasons and "feels_unsafe" in reasons:
        reasons.remove("feels_unsafe")  # the more specific reason says it all
    if reasons and _told_as_over(normalised_text, reasons):
        return ()
    return tuple(reasons)


def learned_check_input(
    normalised_text: str, toks: Sequence[str] | None = None
) -> tuple[str, Sequence[str]]:
    """The text as the learned check reads it -- as the rules read it -- and its words.

    Text-speak is spelled out first ("wen hes had a drink" -> "when hes had a
    drink"), as for the rules. ``toks`` are the text's ``text.tokens`` if the caller
    has them; they are reused when spelling out changed nothing (most comments).
    """
    text = _spelled_out(normalised_text)
    return text, toks if toks is not None and text is normalised_text else tokens(text)


def left_to_rules(learned_text: str) -> bool:
    """Whether a comment holds a phrase the rules treat as ordinary language (``_BENIGN``).

    "I feel safe here", "we had a session about bullying", "the injection hurt": the
    project has decided these words are safe, and the model cannot see which words
    were meant, so such a comment is left to the rules. ``learned_text`` comes from
    :func:`learned_check_input`.
    """
    return bool(_BENIGN_SCREEN.owners_present(learned_text)) and bool(
        _BENIGN_RE.search(learned_text)
    )


def safeguarding_check_normalised(
    normalised_text: str, toks: Sequence[str] | None = None
) -> tuple[bool, tuple[str, ...]]:
    """:func:`safeguarding_check` on text already passed through ``text.normalise``.

    ``toks`` are its ``text.tokens``, if the caller has them already.
    """
    reasons = rule_reasons(normalised_text)
    if reasons or not normalised_text:
        return bool(reasons), reasons
    model = builtin_safeguarding_model()
    if model is not None:
        text, words = learned_check_input(normalised_text, toks)
        # the model first: it flags few comments, so the slower phrase check runs rarely
        if model.flags(words) and not left_to_rules(text):
            return True, (LEARNED_REASON,)
    return False, ()


def safeguarding_check_many(
    normalised_texts: Sequence[str], token_lists: Sequence[Sequence[str]] | None = None
) -> list[tuple[bool, tuple[str, ...]]]:
    """:func:`safeguarding_check_normalised` of many texts, the learned check run as one batch."""
    out = [(bool(r), r) for r in map(rule_reasons, normalised_texts)]
    model = builtin_safeguarding_model()
    unflagged = [i for i, (flagged, _) in enumerate(out) if not flagged and normalised_texts[i]]
    if model is not None and unflagged:
        inputs = [
            learned_check_input(
                normalised_texts[i], token_lists[i] if token_lists is not None else None
            )
            for i in unflagged
        ]
        flags = model.flags_many([words for _, words in inputs])
        for i, (text, _), flagged in zip(unflagged, inputs, flags, strict=True):
            if flagged and not left_to_rules(text):
                out[i] = (True, (LEARNED_REASON,))
    return out


def safeguarding_check(text: str) -> tuple[bool, tuple[str, ...]]:
    """Whether ``text`` may disclose harm or risk, and why.

    Returns ``(flagged, reasons)`` where reasons are codes from
    ``SAFEGUARDING_CATEGORIES`` such as ``"self_harm"`` or ``"bullying"``, or
    ``"worded_like_a_disclosure"`` when only the learned check flagged it. Built for
    recall: a flag means "a person must read this now", not "this is abuse".
    """
    return safeguarding_check_normalised(normalise(text))
