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
"""

from __future__ import annotations

import re
from typing import Final

from .screening import LiteralScreen, required_literals
from .text import normalise

__all__ = ["SAFEGUARDING_CATEGORIES", "safeguarding_check", "safeguarding_check_normalised"]

# Reason codes, in the order reasons are reported.
SAFEGUARDING_CATEGORIES: Final[tuple[str, ...]] = (
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
)

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

_PATTERNS: Final[dict[str, list[str]]] = {
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
        r"leave the house|go out|see my friends|have friends|talk to anyone)",
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
        r"(?:boyfriend|bf|he) (?:is|'?s) (?:1[89]|2\d|3\d|older|way older|much older|an adult)",
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
        r"hid(?:e|ing)? (?:in my room|under my bed|in the bathroom) when",
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
        r"home alone|(?:have|had|has) to look after (?:my ?self|my (?:little |younger |baby )?"
        r"(?:brothers?|sisters?|siblings)|my (?:mum|dad|parents))",
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

# Ordinary language about safety, lessons and services, removed before matching so
# that it cannot trigger a flag.
_BENIGN: Final[list[str]] = [
    r"anti[- ]?bull\w*",
    r"bullying (?:policy|policies|workshop|workshops|assembly|assemblies|week|lesson|lessons|"
    r"talk|talks|ambassadors?|campaign|project|scheme|charter|officer|lead|awareness|prevention|"
    r"support|service|team|helpline|poster|posters)",
    r"(?:talk|talks|talked|talking|learn|learned|learnt|learning|taught|teach|teaches|lesson|"
    r"lessons|session|sessions|workshop|workshops|assembly|information|info|advice|education|"
    r"awareness|leaflets?|posters?|video|videos|group|groups|course|project|training|questions?) "
    r"(?:for )?(?:us |me |them )?(?:about|on|around|against|for) (?:\w+ )?(?:drugs|alcohol|county "
    r"lines|knife crime|knives|exploitation|self[- ]?harm|suicide|bullying|cyber ?bullying|"
    r"grooming|abuse|online safety|staying safe|keeping safe|consent|gangs|domestic abuse|"
    r"healthy relationships|sexual health|sex|running away|going missing|neglect)",
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
    r"if (?:i|you|we|they|someone|anyone|somebody)(?: ever)? (?:don'?t|do not|dont|didn'?t|"
    r"doesn'?t) (?:feel|felt) safe|if (?:i|you|we|they|someone|anyone)(?: ever)? (?:feel|felt) "
    r"unsafe",
    r"bruis\w* (?:from|after|playing|at) (?:football|rugby|netball|hockey|pe|sport|sports|"
    r"training|a fall|falling|my bike|the trampoline|the match|dance|gymnastics|boxing)",
    r"(?:fell|fall|falling) (?:off|over|down)(?: \w+){0,6} (?:a )?bruis\w*",
    r"(?:never|wasn'?t|weren'?t|not|haven'?t|hasn'?t|isn'?t|have never|has never|never been|not "
    r"been) (?:been )?(?:bullied|bullying)",
    r"used to be (?:scared|afraid|frightened)",
    r"relapse prevention",
    r"abusive (?:patient|patients|relative|relatives|visitor|visitors|to (?:the )?staff|to "
    r"(?:the )?nurses|towards (?:the )?staff)|(?:patient|patients|visitor|visitors) (?:who (?:was|"
    r"were|is|are) )?abusive",
]

# Every pattern starts at a word boundary: "rape" must not match "therapeutic".
_COMPILED: Final = {
    category: re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")
    for category, patterns in _PATTERNS.items()
}
_BENIGN_RE: Final = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in _BENIGN) + r")\b")


# Categories one of whose patterns could match, found cheaply (see screening.py).
_SCREEN: Final = LiteralScreen(
    (required_literals(p), category) for category, patterns in _PATTERNS.items() for p in patterns
)


def _candidate_categories(text: str) -> set[str]:
    """Categories one of whose patterns could match ``text``."""
    return _SCREEN.owners_present(text)  # type: ignore[return-value]


def safeguarding_check_normalised(normalised_text: str) -> tuple[bool, tuple[str, ...]]:
    """:func:`safeguarding_check` on text already passed through ``text.normalise``."""
    if not normalised_text:
        return False, ()
    candidates = _candidate_categories(normalised_text)
    if not candidates:
        return False, ()
    text = _BENIGN_RE.sub(" ", normalised_text)
    reasons = [c for c in SAFEGUARDING_CATEGORIES if c in candidates and _COMPILED[c].search(text)]
    if "unsafe_at_home" in reasons and "feels_unsafe" in reasons:
        reasons.remove("feels_unsafe")  # the more specific reason says it all
    return bool(reasons), tuple(reasons)


def safeguarding_check(text: str) -> tuple[bool, tuple[str, ...]]:
    """Whether ``text`` may disclose harm or risk, and why.

    Returns ``(flagged, reasons)`` where reasons are codes from
    ``SAFEGUARDING_CATEGORIES`` such as ``"self_harm"`` or ``"bullying"``. Built for
    recall: a flag means "a person must read this now", not "this is abuse".
    """
    return safeguarding_check_normalised(normalise(text))
