"""Issue 12, second round: rules narrowed where ordinary talk tripped them, widened where
a first-person disclosure of present risk slipped past them, each by kind.

Narrowed: the ordinary sentence is left alone by the rules (``rule_reasons``, so the
learned check cannot hide a rule that still fires) and the disclosure sharing its words
is still flagged. Widened: the disclosure is flagged with the reason, and the everyday
sentence sharing its words is not. All sentences are written for these tests.
"""

from __future__ import annotations

import pytest
from analysis_testdata import rules

from voice.analysis.safeguarding import reason_tier


@pytest.mark.parametrize(
    ("ordinary", "disclosure", "reason"),
    [
        # exasperation idioms
        (
            "my coach is gonna kill me for missing training for this",
            "my stepdad said he'll kill me if I tell anyone",
            "abuse",
        ),
        (
            "shoot me now, the queue at reception is endless",
            "i want someone to kill me now",
            "suicidal_thoughts",
        ),
        (
            "the talk was so boring i thought i'd die",
            "i think i'd be better off dead",
            "suicidal_thoughts",
        ),
        # needles and jabs
        (
            "the nurse jabbed my arm with the needle twice, proper painful",
            "he stabbed my mate outside the chicken shop",
            "exploitation_and_drugs",
        ),
        # kitchen accidents told by the one it happened to; not when a person did it
        (
            "burnt my hand on the oven in food tech, the school nurse sorted it",
            "dad burnt my arm on the cooker",
            "abuse",
        ),
        # being made to do a course or a form
        (
            "the youth offending team made me do a course about knife crime and it was long",
            "he made me do stuff to him",
            "abuse",
        ),
        # support or funding taken away
        (
            "my one to one support got taken away because of money",
            "if i tell they'll have me taken away",
            "abuse",
        ),
        # similes for being passed around services
        (
            "i got sent between the gp and the hospital like a parcel",
            "they make me deliver parcels for them",
            "exploitation_and_drugs",
        ),
        # a worker leaving without saying goodbye
        (
            "my therapist left and nobody from the team said goodbye",
            "i wrote goodbye letters to my family",
            "suicidal_thoughts",
        ),
        # a need nobody noticed at school
        (
            "i was diagnosed with dyslexia at 16, nobody noticed in primary",
            "i was gone for three days and nobody noticed",
            "going_missing",
        ),
        # a complaint about a whole group
        (
            "nobody cares about young people with autism round here",
            "nobody at home cares if i eat or not, there's no food",
            "neglect",
        ),
        # asked about risk and answered no; not when the answer was untrue
        (
            "the nurse asked if I was hurting myself and I said no, it was good she asked",
            "the nurse asked if I was hurting myself and I said no but I lied",
            "self_harm",
        ),
        # a parent nagging about a chore
        (
            "my nan says if i don't take my inhaler she'll tell my mum haha",
            "he said if i don't send more pics he'll share them",
            "sexual_exploitation",
        ),
        # watched or searched as a suspect; a phone taken as a punishment
        (
            "the shop security followed us around like we were shoplifters",
            "a man followed me round the park and i was scared",
            "feels_unsafe",
        ),
        (
            "my dad took my phone off me for a week because of my report",
            "my dad took my phone so i couldn't ring anyone",
            "bullying",
        ),
        # bruising from illness; bullying that has stopped, told at length
        (
            "i bruise really easily because of my blood condition",
            "i have bruises from my dad",
            "abuse",
        ),
        (
            "i was bullied for being in care when i moved here but it's stopped now",
            "i get bullied every day on the bus and nobody does anything",
            "bullying",
        ),
    ],
)
def test_narrowed_rule_leaves_ordinary_talk_and_keeps_the_disclosure(
    ordinary: str, disclosure: str, reason: str
) -> None:
    assert rules(ordinary) == ()
    assert reason in rules(disclosure)


@pytest.mark.parametrize(
    ("disclosure", "reason", "ordinary"),
    [
        # self-harm going on now, played down
        ("group is fine. i still cut when it gets bad", "self_harm", "i still cut my hair myself"),
        ("i do still burn sometimes tbh", "self_harm", "i still burn toast every morning lol"),
        (
            "just the occasional cut, nothing serious",
            "self_harm",
            "i had a cut on my knee from football",
        ),
        (
            "ive just got good at hiding the marks",
            "self_harm",
            "they were good at hiding the vegetables in the pasta",
        ),
        # the means in hand
        (
            "i was sat with the tablets in my hand",
            "suicidal_thoughts",
            "i had my phone in my hand the whole time",
        ),
        # FGM told as being cut
        (
            "i was cut when i was little and it still hurts down there",
            "honour_based_abuse",
            "i cut my finger when i was little",
        ),
        (
            "all the girls in my family got cut, i am next",
            "honour_based_abuse",
            "all the girls in my family got a haircut",
        ),
        # a weapon seen on someone
        (
            "a boy on my bus has a knife in his coat",
            "feels_unsafe",
            "we had a knife crime talk in assembly",
        ),
        # someone at the door now
        (
            "someone is banging at our front door right now",
            "feels_unsafe",
            "the taxi was at our door on time",
        ),
        # pictures of children undressed
        ("a coach films us getting changed", "abuse", "my mum filmed us at the football match"),
        # passed between men
        (
            "we got passed round older men at parties",
            "sexual_exploitation",
            "we passed the ball round at training",
        ),
    ],
)
def test_widened_rule_flags_the_disclosure_not_the_everyday_sentence(
    disclosure: str, reason: str, ordinary: str
) -> None:
    assert reason in rules(disclosure)
    assert rules(ordinary) == ()


def test_someone_at_the_door_now_goes_to_the_top_tier() -> None:
    text = "someone is trying to kick our door in right now"
    reasons = rules(text)
    assert "feels_unsafe" in reasons
    assert reason_tier(reasons, text) == 1
