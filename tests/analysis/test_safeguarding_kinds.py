"""Safeguarding by kind of expression: new sentences of each kind the rules generalise to.

The kinds came from studying what the rules missed on sentences written by someone
who had never seen them (issue 7). None of the sentences below is in a data file:
each is a new sentence of a kind, written to check that the rule catches the kind
and not just the sentence that showed it. Safe sentences sit beside them that use
the same words in an ordinary way.
"""

from __future__ import annotations

import pytest

from voice.analysis import SAFEGUARDING_CATEGORIES, safeguarding_check
from voice.analysis import safeguarding as sg
from voice.analysis.safeguarding_model import LEARNED_REASON
from voice.analysis.screening import LiteralScreen
from voice.analysis.text import normalise


def assert_no_rule_fires(text):
    """No hand-written rule flags ``text``; the learned check alone may, and says so.

    These sentences were written to check that each rule's kind leaves the same words
    in ordinary use alone. The learned check reads wording, not intent, and flags a
    few of them (test_the_learned_check_flags_few_ordinary_uses bounds how many).
    """
    assert sg.rule_reasons(normalise(text)) == (), sg.rule_reasons(normalise(text))
    flagged, reasons = safeguarding_check(text)
    assert not flagged or reasons == (LEARNED_REASON,), reasons

KINDS = {
    "third person: a friend, a sibling, a classmate": [
        ("my friend's dad hits her when he's drunk", "domestic_abuse"),
        ("my best friend told me her uncle touches her", "abuse"),
        ("my mate said he's going to kill himself this weekend", "suicidal_thoughts"),
        ("my friend keeps cutting herself and made me promise not to tell", "self_harm"),
        ("my little sister's teacher makes her sit on his knee", "abuse"),
        ("my friend's mum's boyfriend comes into her room at night", "abuse"),
        (
            "my friend hasn't been home for three days and her mum hasn't called the police",
            "going_missing",
        ),
        ("my friend is seeing a 25 year old and he gives her weed", "sexual_exploitation"),
    ],
    "past tense and things that used to happen": [
        ("i used to get hit with a wooden spoon", "abuse"),
        ("my dad used to lock me in the cupboard under the stairs", "abuse"),
        ("he broke my wrist last summer and said i fell", "abuse"),
        ("she burnt my arm with the iron when i was 8", "abuse"),
    ],
    "cover stories for injuries": [
        ("i told the teacher i walked into a door but it was my brother", "abuse"),
        ("mum made me tell the doctor i fell off the trampoline", "abuse"),
    ],
    "euphemisms: stuff, things, games, secrets": [
        ("he makes me do stuff i don't want to do", "abuse"),
        ("my uncle plays games with me that feel wrong", "abuse"),
        ("my stepdad cuddles me in bed and it feels weird", "abuse"),
        ("he said if i let him touch me he'd buy me a phone", "abuse"),
        ("I'm not going to be a problem for much longer", "suicidal_thoughts"),
        (
            "everyone would be happier if i just went to sleep and didnt wake up",
            "suicidal_thoughts",
        ),
    ],
    "slang, text-speak, typos and missing apostrophes": [
        ("they got me shottin for them", "exploitation_and_drugs"),
        ("dont no if i can keep going tbh", "suicidal_thoughts"),
        ("ppl at skl call me a fat cow evry day", "bullying"),
        ("im always starvin at home theres nuthin in the fridge", "neglect"),
        ("sum1 keeps sendin me pics of his privates on snap", "abuse"),
        ("my bf is 22 n im 14", "sexual_exploitation"),
        ("my boyfriend whos 27 says i shud keep us a secret", "sexual_exploitation"),
        ("i think about sucide evry nite", "suicidal_thoughts"),
        ("theyll do my mum if i stop running for them", "feels_unsafe"),
    ],
    "fear at home: arrivals, moods, nowhere better": [
        ("i get a knot in my stomach when i hear his car pull up", "unsafe_at_home"),
        ("i try to be really quiet when dad's in one of his moods", "unsafe_at_home"),
        ("i walk round the streets til late so i dont have to be there", "unsafe_at_home"),
        ("anything is better than being at home with him", "unsafe_at_home"),
        ("things at my dad's are really bad and i can't say anything there", "unsafe_at_home"),
        ("i only said i was fine because my stepdad was in the room", "unsafe_at_home"),
        ("please ring me on my mobile not at home, if he sees it i'm dead", "unsafe_at_home"),
    ],
    "coercion and threats": [
        ("he said if i tell anyone he'll hurt my little sister", "feels_unsafe"),
        ("they said they'd put the video online unless i send more", "sexual_exploitation"),
        ("I have to do what they say or they'll beat me up", "abuse"),
        ("my boyfriend checks my phone and won't let me see my mates", "domestic_abuse"),
        ("they said i'm next after what happened to him", "feels_unsafe"),
    ],
    "online grooming": [
        ("someone on tiktok keeps asking what school i go to", "sexual_exploitation"),
        ("this guy from fortnite wants me to move to a private app", "sexual_exploitation"),
        ("an older man on discord sends me money and asks for pics", "sexual_exploitation"),
        ("a man online wants photos of me in my swimming costume", "sexual_exploitation"),
    ],
    "being given things and expected to pay back": [
        (
            "some older lads gave me a new phone and now they say i owe them",
            "exploitation_and_drugs",
        ),
        ("a man at the park buys us vodka and cigs", "sexual_exploitation"),
        (
            "the guys at the takeaway give us free food but now want us to do stuff back",
            "sexual_exploitation",
        ),
        ("my boyfriend shares me with his mates", "sexual_exploitation"),
        (
            "i got picked up by some older men and i cant remember what happened after the drink",
            "sexual_exploitation",
        ),
    ],
    "adults asking for photos": [
        ("my tutor asked me to send him a photo of me in my pyjamas", "sexual_exploitation"),
        ("my coach wants selfies of me after training", "sexual_exploitation"),
    ],
    "not being fed": [
        ("we only get fed when my nan comes round", "neglect"),
        ("i havent had dinner since tuesday", "neglect"),
        ("i steal food from school because there's nothing at home", "neglect"),
        ("mum spends all the money on drink so we dont eat", "neglect"),
        ("i'm hungry in the holidays because there's no free school meals", "neglect"),
    ],
    "being left alone or left in charge": [
        ("mum goes away for the weekend and leaves me with my baby sister", "neglect"),
        ("i'm 9 and i stay home on my own all night", "neglect"),
        ("my dad leaves us in the car outside the pub for hours", "neglect"),
        ("i get my little brothers up and to school because mum is always passed out", "neglect"),
        ("the baby's nappy never gets changed unless i do it", "neglect"),
    ],
    "carers drinking or using": [
        ("my carer comes to work smelling of alcohol", "neglect"),
        ("dad drinks every night and falls asleep on the floor", "neglect"),
        ("mum's boyfriend smokes crack in the kitchen", "neglect"),
        ("mum is asleep all day from her tablets", "neglect"),
    ],
    "hiding self-harm and collecting the means": [
        ("i wear hoodies even in summer so no one sees my arms", "self_harm"),
        ("my legs are a mess and i won't go swimming", "self_harm"),
        ("i've been saving my tablets in a sock", "suicidal_thoughts"),
        ("i gave all my stuff to my friends, i won't need it where i'm going", "suicidal_thoughts"),
        ("sometimes i hope a bus hits me on the way to school", "suicidal_thoughts"),
    ],
    "running, going missing, living rough": [
        ("i'm going tonight and not telling anyone where", "going_missing"),
        ("i'm getting the coach to manchester and not coming back", "going_missing"),
        ("i haven't been home since saturday", "going_missing"),
        ("i've been living in a tent in the woods", "unsafe_at_home"),
    ],
    "county lines slang and holding for others": [
        ("my cousin pays me £20 a drop to take bags to a flat", "exploitation_and_drugs"),
        ("they've got me on the line every weekend", "exploitation_and_drugs"),
        ("they made me plug it before the train", "exploitation_and_drugs"),
        ("i keep weed in my school bag for my brother's mates", "exploitation_and_drugs"),
        ("i get paid to stand lookout by the shops", "exploitation_and_drugs"),
    ],
    "forced marriage, honour and FGM": [
        ("my dad says i have to marry a man from back home when i turn 16", "honour_based_abuse"),
        (
            "they're taking me abroad in the holidays and i think it's to get me married",
            "honour_based_abuse",
        ),
        ("my grandma says it's time for me to be cut", "honour_based_abuse"),
        ("since the ceremony on holiday it hurts to wee", "honour_based_abuse"),
        ("my brothers watch me because of the family honour", "honour_based_abuse"),
    ],
    "radicalisation": [
        (
            "a guy on telegram keeps sending me stuff saying we need to fight back against muslims",
            "radicalisation",
        ),
        ("my older brother's friends want me to go abroad to fight", "radicalisation"),
    ],
    "trafficking and forced work": [
        (
            "i have to work every day in the car wash and they don't pay me",
            "trafficking_and_forced_work",
        ),
        ("they took my passport when i arrived", "trafficking_and_forced_work"),
        ("i'm made to clean houses at night for my aunt's friends", "trafficking_and_forced_work"),
    ],
}

DISCLOSURES = [
    pytest.param(text, reason, id=f"{kind[:24]}: {text[:40]}")
    for kind, cases in KINDS.items()
    for text, reason in cases
]


@pytest.mark.parametrize(("text", "reason"), DISCLOSURES)
def test_each_kind_is_flagged_with_a_fitting_reason(text, reason):
    flagged, reasons = safeguarding_check(text)
    assert flagged, text
    assert reason in reasons, (text, reasons)
    assert set(reasons) <= set(SAFEGUARDING_CATEGORIES)


# The same words in ordinary use: lessons, sport, medical care, family life, games.
SAFE = [
    # lessons and talks about the topics
    "the drugs talk at school was useful",
    "the knife crime assembly was really good",
    "the youth worker talked to us about the dangers of carrying knives",
    "a former gang member came in and spoke to our year",
    "the film about forced marriage made me think",
    "we talked about radicalisation in citizenship",
    "we had a talk about online grooming and what to do",
    # games, sport, accidents and idioms
    "my mate said ur dead when i beat him at fifa lol",
    "my game keeps crashing and i died three times in fortnite",
    "i was hit by a football in pe and my nose bled",
    "my dad hit the roof when he saw my phone bill",
    "a car hit me on my bike but i'm ok now",
    # medical care
    "the dentist pulled my tooth out and it bled a lot",
    "the nurse asked for a photo of my rash for my notes",
    "the doctor touched my chest with the cold stethoscope",
    "I haven't eaten since midnight because of my operation",
    "nobody explained what happens at home after the operation",
    "I'm not allowed to go to school until my chickenpox clears up",
    "I keep my meds in a box so I don't forget them",
    "i had to get changed in front of the nurse for my scan and she was respectful",
    # family life
    "my mum drinks wine at christmas",
    "my dad drinks coffee every morning",
    "my dad takes photos of me at my football matches",
    "my older sister picks me up from school in her car",
    "mum went out to the shop and left me with my nan",
    "my mum left me in the car while she went to the pharmacy",
    "mum gets me to take the bins out on mondays",
    "my nan asks me round when mum's at work and we bake",
    "I gave away my old xbox to my brother because I got a new one",
    "I've been saving up my pocket money and my birthday money",
    "my cousin's getting married in pakistan and we're all going",
    "please don't tell my mum about my contraception appointment",
    "i asked them to ring my mobile instead of home because i share a phone with my sister",
    # ages, relationships, work
    "I'm 14 and I've just started seeing a boy in my year",
    "i'm 16 and my boyfriend is 17 and we go to the same college",
    "he's 18 now so he has to move to adult services",
    "I do work experience at the vets and don't get paid",
    "i have a part time job at the cafe and i get paid on fridays",
    "I'm on the lookout for a new job",
    # everyday
    "the man at reception offered to get me a drink of water while i waited",
    "the man at the shop gave us free sweets for halloween",
    "I can't keep going to appointments in town, it costs too much",
    "I didn't wake up until 11 so I missed my appointment",
    "the teacher said if I don't behave I'll get a detention",
    "I put my head down and got on with my exams",
    "I wear a vest under my school uniform because I get cold",
    "I wear long sleeves because I get cold easily",
    "my coach takes videos of us on his phone to show our technique",
    "I used to get picked on at primary but I'm fine now",
    "the group helped me stop feeling so alone",
    "we play games in group and sometimes it feels weird at first",
    "I wish I could stay at the youth club all night, it's the best",
    "I had to leave early so I don't have to be there at 8am",
    "we went to london on the train for the youth parliament",
]


@pytest.mark.parametrize("text", SAFE)
def test_ordinary_uses_of_the_same_words_are_not_flagged(text):
    assert_no_rule_fires(text)


# A second round of new sentences, written after the first round of rules was done.
# Before that round of rules was generalised from their misses, the rules found 31 of
# these 60 (and the first-round rules 32): they are development data now.
SECOND_ROUND = [
    "my stepmum makes me stand in the garden when I've been bad, even when it's raining",
    "I'm scared of going back to my foster placement because of the other lad there",
    "my girlfriend's dad slaps her about and she won't tell anyone",
    "I dont eat at home cos there's never anything in",
    "i've started doing what i used to do to my arms again",
    "honestly if i didn't wake up tomorrow i would be ok with that",
    "my brother is in with some people and now he's never home and has loads of cash",
    "this man at the bus stop keeps asking me to come back to his flat",
    "dad said if i tell the social worker anything he'll make sure i never see mum again",
    "my mum's new boyfriend keeps walking in when I'm in the shower",
    "we've had no electric for two weeks and mum just stays in bed",
    "they threw my shoes on the roof and everyone laughed, happens every week",
    "i take my mums sleeping tablets most nights so i can get to sleep",
    "i've been sleeping on my mates floor since my dad kicked me out",
    "i don't really go home anymore, i just stay at whoever's house",
    "an older lad from the estate said i could earn easy money if i take a bag to birmingham",
    "i'm always the one who gets the blame and gets hit, never my sister",
    "someone i met on an app says he's 16 but his voice sounds really old and he wants to video call",
    "mum told the school i was sick but really i had to stay home and look after the baby",
    "i keep a bag packed under my bed in case i need to leave quick",
    "they said if i don't bring the money by friday they'll come to my house",
    "my dad won't let mum leave the house without him",
    "my uncle says i'm his special girl and gives me money when nobody's looking",
    "theres no point to anything anymore",
    "i cut my thighs so no one sees",
    "my mum's friends come round and do drugs and one of them tried to get in my bed",
    "i've been told i'll be going to my dad's country to get engaged after year 11",
    "somebody at school keeps sending me messages saying they'll stab me",
    "my carer locks the fridge so we cant eat between meals",
    "i smoke weed every day to stop thinking about stuff",
    "i feel like i'm trapped at home and can't tell anyone",
    "my sister's boyfriend is 30 and she's only 15",
    "i don't want to be here anymore",
    "they make me sleep in the bath when they have visitors",
    "I was in a car with some men last night and don't know where they took me",
    "he chokes me when he's angry",
    "when mum drinks she forgets we exist",
    "i never get to eat breakfast or tea, only school dinners",
    "i've been running away a lot and sleeping on buses",
    "my step dad watches me get undressed",
    "a teacher has been sending me texts at night telling me I'm beautiful",
    "people have set up a page to rate how ugly i am",
    "i owe a guy money and he says i can work it off",
    "my parents say I bring shame on them because of who I love",
    "i dont feel safe walking past the park because of the gang that hangs there",
    "i hate my body and i punish it",
    "i've been thinking about how i would do it",
    "nobody picks me up from school so i walk home alone in the dark, i'm 8",
    "my mum's boyfriend hurt my baby brother and there were marks on him",
    "a man gave me a lift home and then said i owed him",
    "i have to hand over my wages to my uncle and he keeps my id",
    "if I go home tonight he will kill me",
    "my older cousin got me to take pictures of myself and now he sends them to his friends",
    "sometimes i get so low i take loads of pills to just sleep through it",
    "i heard dad threatening to burn the house down with mum in it",
    "been in a bad place, wrote my goodbyes on my notes app",
    "the boys on the bus grab my skirt and touch me every day",
    "im not allowed to have friends or a phone and i get locked in my room at weekends",
    "i keep getting sent to different places to sell stuff",
    "my friend said her stepdad makes her sleep in his bed",
]


@pytest.mark.parametrize("text", SECOND_ROUND)
def test_second_round_disclosures_are_flagged(text):
    assert safeguarding_check(text)[0], text


SECOND_ROUND_SAFE = [
    "the talk about staying safe online was really helpful",
    "I was scared before my operation but the nurses were lovely",
    "my dad drinks too much coke and it's bad for his teeth lol",
    "the game was so hard I nearly threw my controller",
    "my mum is strict but it's because she cares",
    "I missed the bus and had to walk home, it was cold",
    "the waiting room was freezing and there was nothing to eat",
    "I got a lift from my neighbour because mum was at work",
    "my brother and I fight over the tv all the time",
    "I'm 15 and I'd like to be able to book appointments myself",
    "my friend is doing a fundraiser for a suicide prevention charity",
    "we watched a video about county lines in PSHE",
    "I was nervous sharing in the group but it was fine",
    "My phone died so I couldn't tell mum I was running late",
    "I'm in care and my foster carers are amazing",
    "my dad works nights so he's asleep when I get home",
    "we went camping and slept in a tent, it was fun",
    "I got a new phone for my birthday from my grandad",
    "I wish the sessions were longer, I'd stay all day",
    "my cousin is 19 and she's at uni studying nursing",
    "the older kids at the youth club helped me with my CV",
    "I was left on my own in the room for ages waiting for the doctor",
    "the staff were strict but fair and I never felt unsafe",
    "I cried when I had my blood test but it was fine",
    "someone stole my bike from outside the library",
    "I don't like PE because I'm rubbish at it",
    "I had to wait ages and I was starving by the end",
    "my little brother has autism so I help out at home sometimes",
    "I met my best friend online playing minecraft, we met in person with our mums",
    "the nurse explained what would happen if I took too many tablets by accident",
    "i love my stepdad he's the best",
    "we learned about FGM and forced marriage in RE",
    "my passport ran out so I couldn't go on the school trip",
    "my older brother picks me up from football on Saturdays",
    "I've been feeling a lot better since I started the group",
    "I take my tablets every morning with breakfast",
    "the coach made us run laps until we were exhausted",
]


@pytest.mark.parametrize("text", SECOND_ROUND_SAFE)
def test_second_round_safe_sentences_are_not_flagged(text):
    assert_no_rule_fires(text)


# A third round, written after the second round of rules: before it was studied the
# rules found 39 of these 50 (the rules before this work, 38).
THIRD_ROUND = [
    "me and my little sister have to hide when he comes in from the pub",
    "i swallowed a load of paracetamol on sunday and didnt tell anyone",
    "mum's partner calls me a waste of space every single day",
    "i'm not sure i want to be alive anymore tbh",
    "he pinned me down and I couldn't breathe",
    "my foster carer's son keeps coming into the bathroom when I'm in there",
    "there's a guy who gives me and my friends vapes if we hang out at his car",
    "since my dad moved back in mum has had bruises on her arms",
    "I've not had a proper meal since my mum went into hospital and nobody has checked on us",
    "there's a group chat where they share pics of me and say horrible things",
    "i've been going to parties with men way older than me and they give me stuff",
    "some lads made me hold a knife for them and said they'd hurt me if i lost it",
    "I'm scared my dad will find out I'm gay, he said he'd throw me out",
    "i don't want to go back to my dad's this weekend, he gets really angry and throws things",
    "the voices tell me i should just end it",
    "i've started burning my skin with a hot spoon",
    "my mum leaves me home alone with my two little brothers most nights and i'm only 10",
    "my stepdad makes me watch films that are for adults and tells me not to tell mum",
    "i went missing for two nights last week and stayed at some guy's flat",
    "my girlfriend gets really jealous and hits me if i talk to other girls",
    "I have no one. nobody would even notice if I disappeared",
    "we haven't had gas or electric for ages and it's freezing",
    "my brother's mates said i have to sell for them or my brother gets hurt",
    "a man messaged me on insta saying he'd pay me for pictures",
    "dad gets drunk and smashes stuff and mum cries",
    "some girls in year 10 wait for me at the gate and push me around",
    "my aunt says I'm going to be married when we go to Bangladesh in the summer",
    "i got sent to stay with family i don't know and they make me clean all day and i can't go to school",
    "i have a plan for how to end things",
    "i keep scratching my arms until they bleed",
    "i get smacked with a slipper when i forget my chores",
    "i've been sleeping in the park since my mum's boyfriend moved in",
    "he's in his twenties and says we're in a relationship and I'm 13",
    "he keeps telling me if I loved him I'd send him a video",
    "my dad's friend touched me at a party and my dad didn't believe me",
    "nobody washes my clothes and people at school say i smell",
    "I wish I could just disappear forever",
    "I'm terrified to go home because of what he will do to me",
    "this older guy keeps waiting outside school for me",
    "someone online is making me do things on camera or he'll send my pics to everyone",
    "they make me do their errands and carry stuff between estates",
    "people kept calling me names and one of them punched me in the corridor",
    "I don't think my mum would care if I died",
    "I was told to say I tripped when the teacher saw my black eye",
    "some men from the takeaway gave us free food and then asked us to go to a party",
    "my older brother is always hitting me when mum's not home",
    "i've been wanting to kill myself since christmas",
    "i don't feel safe in my own house",
    "my sister keeps disappearing at night and coming back with new phones",
    "my uncle said he'd hurt my mum if I said what he does",
]


@pytest.mark.parametrize("text", THIRD_ROUND)
def test_third_round_disclosures_are_flagged(text):
    assert safeguarding_check(text)[0], text


THIRD_ROUND_SAFE = [
    "the session on healthy relationships was really good",
    "I broke my arm falling off my scooter and the A&E staff were great",
    "my mum and dad argue sometimes but they always make up",
    "I'm scared of needles so the nurse let me hold her hand",
    "I felt a bit low last winter but the counsellor really helped",
    "my step dad and me go to the football every saturday",
    "I was so hungry after school I ate two dinners",
    "my friend's mum drives us to the youth centre",
    "our house is a bit of a mess but it's home",
    "I stayed at my dad's for the weekend and we went bowling",
    "I don't get on with my sister but we're ok",
    "the older boys in the team were kind to me on my first day",
    "I'm 15 and I wish I could have more say in my care plan",
    "my nan gives me a fiver when I visit her",
    "the man who runs the club is really friendly and fair",
    "I want to go to university and become a nurse",
    "the police came to school to talk to us about knife crime",
    "My dad shouts at the tv when his team loses",
    "I got a bit lost in the hospital but a porter helped me",
    "we had to wait hours in A&E and I nearly fell asleep",
    "the dentist said I need to brush better or my teeth will hurt",
    "I hate maths, it's killing me lol",
    "my brother gets on my nerves but I love him",
    "the group helped me make friends, I used to be so lonely",
    "my coach pushes us hard but it's because he wants us to win",
    "I feel safe at home and at school",
    "I was asked about drugs and alcohol and I don't do either",
    "my phone was taken off me in class and given back at the end",
    "I'm going away with my school for a week and can't wait",
    "my cousin moved to London for work",
    "they explained my medication really well",
    "I used to hate coming here but now I really like it",
    "the waiting room had nothing for teenagers to do",
    "I would like to be able to text the nurse instead of phoning",
    "my friend was upset so I told a teacher and they helped",
    "mum says I'm her favourite but don't tell my brother haha",
    "we made pizzas at youth club and I burnt mine",
    "the doctor asked if I smoke or drink and I said no",
    "I'm in year 9 and my worker helps me with my anxiety",
    # the same words as the third-round rules, in ordinary use
    "I took a few extra paracetamol for my period pain",
    "I had loads of tablets to take after my op",
    "we end it with a game every week",
    "we played a game in group",
    "I send my nan photos of my dog",
    "my aunt said I'm going to be in her wedding",
    "nobody checked on me for 4 hours on the ward",
    "we haven't had heating in the hospital for days",
    "she was burning my skin with that cream lol it stung",
]


@pytest.mark.parametrize("text", THIRD_ROUND_SAFE)
def test_third_round_safe_sentences_are_not_flagged(text):
    assert_no_rule_fires(text)


def test_the_learned_check_flags_few_ordinary_uses():
    # When the learned check was built it flagged 14 of these 139 sentences, mostly
    # family life ("mum gets me to take the bins out on mondays"): a person reads each
    # one. A bound against it getting worse, not a target.
    safe = SAFE + SECOND_ROUND_SAFE + THIRD_ROUND_SAFE
    flagged = [t for t in safe if safeguarding_check(t)[0]]
    assert len(flagged) <= len(safe) // 8, flagged


# Probe set G, written after the last round of rules and scored once, not tuned on:
# the rules found 38 of these 60 disclosures (0.63; before issue 7, 37) and flagged
# 2 of the 50 safe sentences. Kept as a floor, not a target: its misses are the next
# kinds to study, and once studied it is development data like the rounds above.
PROBE_G_DISCLOSURES = [
    "my mum won't take me to the doctor even though my tooth has been rotten for months",
    "i've been living with my mum's friend since the summer and social services don't know",
    "some older kids make me nick stuff from the shops for them",
    "i lost money gambling online and the guy i borrowed from says i have to work for him now",
    "a lad in year 11 keeps grabbing girls' bums in the corridor and he did it to me",
    "my boyfriend said he'll leak my nudes if i break up with him",
    "every time my dad loses his temper i end up covered in marks",
    "i barely eat anymore and i make myself throw up when i do",
    "i feel like a burden to my family and they'd be fine without me",
    "my sister's ex keeps turning up outside our house at 3am",
    "my mum's partner told me i'm the reason she's miserable and i should leave",
    "i got told to stash something in my room and i'm not allowed to look inside",
    "my dad punches walls and last time he punched me too",
    "nobody at home has noticed I've stopped going to school for a month",
    "my carer shouts at me and holds my arms too tight when I'm upset",
    "i don't see the point in waking up every day",
    "when my stepbrother stays over he gets in my bed and i pretend to be asleep",
    "i have marks on my back from the belt",
    "mum's been in bed for weeks and i'm doing all the cooking and the baby",
    "i get called a terrorist at school every day because i wear a hijab",
    "i was picked up from the park by a car of older guys and they took me to a house",
    "i keep getting messages from an unknown number telling me they know where i live",
    "people at the bus stop tried to make me get in their van",
    "my brother gave me some pills at a party and i woke up somewhere i didn't know",
    "i cut myself last night and it wouldn't stop bleeding",
    "i've been googling the quickest way to die",
    "i really want to die",
    "dad threw a plate at mum's head and there was blood everywhere",
    "they put me in a room on my own for hours when i kick off at the children's home",
    "i'm 14 and i've been seeing a 20 year old who picks me up from school",
    "my mate's step dad buys us alcohol and films us when we're drunk",
    "i feel sick every time it's the weekend because i have to go to his house",
    "i can't tell anyone what he does or he'll hurt my mum",
    "i owe some lads a lot of money and they're threatening my family",
    "i've not been back to my placement since friday and my phone's dead",
    "i don't get enough to eat at my foster home, they lock the kitchen",
    "my older sister hits me and my mum doesn't do anything about it",
    "my teacher keeps asking me to stay behind alone and it makes me uncomfortable",
    "there's a man who's been messaging me since i was 12 and now wants to meet",
    "my uncle says i'll go to hell if i tell anyone about what we do",
    "i was made to send a video to someone i met on a game and now he's blackmailing me",
    "i think about jumping in front of a train most days",
    "they poured drink over me and filmed it for snapchat",
    "my mum lets her boyfriend hit me",
    "i don't have a coat or shoes that fit and it's winter",
    "my stepdad says i'm disgusting and nobody will ever love me",
    "i've been cutting since year 7 and no one knows",
    "we got told to leave the house and now we sleep in the car",
    "i had to call an ambulance for my mum again because she took too many pills",
    "i'm scared my dad will kill my mum one day",
    "i'm being made to marry my cousin and my family took my phone",
    "my brother's friends hold a knife to my neck and laugh",
    "someone keeps sharing a photo of me in my bra around school",
    "i get left with my grandad who drinks all day and falls over",
    "i've been told if i don't carry for them they'll hurt my little brother",
    "i just want everything to stop",
    "there's a man at church who touches me when we're alone",
    "I haven't had my insulin because mum forgets to get my prescription",
    "my dad makes me kneel on rice when I get bad grades",
    "my friend's been missing since monday and she's been seen with older men",
]
PROBE_G_SAFE = [
    "the drama workshop about grooming was really well done",
    "I fell off the trampoline and cut my knee, the nurse cleaned it up",
    "my mum has depression but she's getting help and we're ok",
    "I was really scared of the MRI machine but the staff were kind",
    "I love staying at my dad's, we play xbox all night",
    "my parents are divorced and I see my dad every other weekend",
    "I'm allowed to walk home alone now I'm 12",
    "my nan drinks a sherry on Sunday and falls asleep in front of the telly",
    "the older kids at sports club help coach us",
    "I wanted the appointment to end because I was bored lol",
    "my brother pushed me in the pool on holiday haha",
    "we had a lesson about self harm and where to get help",
    "I met my boyfriend at school, we're both 15",
    "I keep a diary and it really helps me",
    "my friend dared me to eat a chilli and I nearly died lol",
    "the doctor said I have to take two tablets a day",
    "my dad is a bit grumpy in the morning before his coffee",
    "my mum checks my phone sometimes but I don't mind",
    "the foster carers have rules about phones at bedtime",
    "I was sad when my dog died but I'm ok now",
    "I'm scared about my exams",
    "we don't have much money but mum always makes sure we eat",
    "my teacher stayed behind to help me with my coursework",
    "I hated the food on the ward, it was disgusting",
    "a stranger helped me when I fell off my bike",
    "I got detention for being late three times",
    "my step mum is strict but she's fair",
    "I sleep at my friend's house most Fridays, her mum is lovely",
    "I had to take a photo of my inhaler for the pharmacy",
    "I want to leave home when I'm 18 and go to uni",
    "they explained that the injection might bruise and it did a bit",
    "the youth worker drove us to the trampoline park",
    "I'd like more things to do in the evenings round here",
    "I'm not allowed sweets before tea",
    "I'm dead tired after football training",
    "my dad lost his job so things have been tight but we're managing",
    "I told the counsellor about my panic attacks and she was lovely",
    "the police officer who came to school was nice",
    "I got my ears pierced and it hurt a bit",
    "the staff asked if I feel safe at home and I said yes because I do",
    "I'm the oldest so I help my mum with my little sisters, I like it",
    "we watched a film about a girl who ran away and it was sad",
    "My phone died on the way home so mum was worried",
    "I was nervous meeting new people at the group",
    "my older cousin gave me his old phone",
    "I don't like the bus because it's always late",
    "I'm trying to eat healthier and go to the gym",
    "the ward at night was scary because of the noises",
    "my mum cried at my prom because she was proud",
    "I'd rather have appointments after school",
]


def test_probe_g_figures_do_not_fall():
    found = sum(bool(sg.rule_reasons(normalise(t))) for t in PROBE_G_DISCLOSURES)
    false_alarms = sum(bool(sg.rule_reasons(normalise(t))) for t in PROBE_G_SAFE)
    assert found >= 38, found
    assert found / (found + false_alarms) >= 0.95


def test_probe_g_with_the_learned_check_does_not_fall():
    # Rules OR the learned check found 56 of the 60 and flagged 6 of the 50 safe
    # sentences when the check was built. These sentences were looked at while its
    # features were chosen, so this is a floor, not an unseen figure. Issue 12 retrained
    # the check with young people's ordinary feedback and a limit of one false flag in 65
    # on it, which moved the threshold from 0.75 to 0.90: 50 of the 60 and 3 of the 50
    # (the price of precision, stated in docs/analysis.md).
    found = sum(safeguarding_check(t)[0] for t in PROBE_G_DISCLOSURES)
    false_alarms = sum(safeguarding_check(t)[0] for t in PROBE_G_SAFE)
    assert found >= 50, found
    assert false_alarms <= 3, false_alarms


@pytest.mark.parametrize(
    ("written", "read_as"),
    [
        ("wen hes had a drink", "when hes had a drink"),
        ("dont no wat to do", "dont know what to do"),
        ("sum1 keeps sendin me stuff", "someone keeps sending me stuff"),
        ("me n my m8", "me and my mate"),
        # words that are not text-speak stay as they are
        ("the nurse was kind", "the nurse was kind"),
        ("cousin begin within", "cousin begin within"),
    ],
)
def test_text_speak_is_spelled_out_before_matching(written, read_as):
    assert sg._spelled_out(written) == read_as


def test_new_kinds_have_their_own_reasons():
    for reason in ("honour_based_abuse", "radicalisation", "trafficking_and_forced_work"):
        assert reason in SAFEGUARDING_CATEGORIES


def test_masking_a_lesson_never_hides_a_personal_disclosure():
    # "about" a topic is only a lesson when it is for a group, not one person
    assert safeguarding_check("I talked to her about my self harm")[0]
    assert safeguarding_check("i told them about the abuse at home")[0]
    assert not safeguarding_check("the worker talked to us about self harm")[0]


def test_screen_indexes_strings_under_a_slice_few_of_them_share():
    # "staying" and "stab" share "sta"; each should be found, and found only when present
    screen = LiteralScreen(
        [(frozenset({"staying"}), "stay"), (frozenset({"stab"}), "stab"), (None, "always")]
    )
    assert screen.owners_present("the staff were staying late") == {"stay", "always"}
    assert screen.owners_present("a stab wound") == {"stab", "always"}
    assert screen.owners_present("the staff were kind") == {"always"}
