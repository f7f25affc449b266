"""Issue 12, third round: rules narrowed and widened by kind, and the word-vector block.

Each narrowed rule is tested both ways: the ordinary sentence is left alone by the rules
and a disclosure sharing its words is still flagged. Each widened rule is tested both
ways too: the disclosure is flagged and an ordinary sentence with the same words is not.
The sentences are written for these tests (kinds, never rows of a blind set).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from voice.analysis.safeguarding import reason_tier, rule_reasons, safeguarding_check
from voice.analysis.safeguarding_model import (
    SafeguardingModel,
    builtin_safeguarding_dir,
    builtin_safeguarding_model,
)
from voice.analysis.text import normalise, tokens


def rules(text: str) -> tuple[str, ...]:
    return rule_reasons(normalise(text))


# --- narrowed: (ordinary, disclosure sharing its words) ----------------------------------
NARROWED = [
    # hyperbole about a trivial cause
    ("the assembly was so boring i wanted to die lol", "i wanted to die last night and i still do"),
    (
        "if i have to fill in another survey i'm gonna unalive myself haha",
        "i'm gonna unalive myself, nobody would notice",
    ),
    ("that song made me die a little inside", "i want to die"),
    ("im so dead if my mum sees my grades", "i wish i was dead"),
    ("i was dying laughing at the quiz", "i keep thinking about dying and how i would do it"),
    ("stop using my deadname on letters please", "i'd be better off dead"),
    ("my dad is gonna kill me, i lost my bus pass again", "my dad is gonna kill me if i tell"),
    ("i am not suicidal, i just want someone to talk to", "i am suicidal and i have a plan"),
    # lessons and films about a topic
    (
        "the video they showed in pshe about sexting was useful",
        "a man keeps asking me for nudes and says he will share them",
    ),
    ("they explained what grooming is really well", "i think i'm being groomed by a man online"),
    # sayings and similes
    ("my friend said i owe you one after i lent her a pen", "i owe them money and they say i have to pay"),
    ("it feels like i'm a parcel being passed around", "they make me carry parcels for them"),
    ("the receptionist told me it's not a hotel", "he took me to a hotel and i'm 13"),
    ("my nan hits the roof if i'm late for tea", "my nan hits me with a slipper"),
    # clinic confidentiality
    ("i liked being able to see the nurse on my own", "i get left on my own for days with no food"),
    (
        "could i be seen on my own next time",
        "can i be seen on my own, there's something i can't say with my dad there",
    ),
    # not believed about the body or a fact
    (
        "the gp didn't believe me about my wrist until the x-ray",
        "nobody will believe me about what my uncle does",
    ),
    ("they didnt believe me that i couldnt see the board", "they won't believe me if i tell"),
    ("they didn't believe me that i'd already sent the form", "nobody will believe me about what he does"),
    # medicine, phobias, accidents and operations
    ("i can't swallow tablets, can i have liquid", "i've been saving tablets to swallow them all"),
    ("i'm scared of needles so the nurse went slowly", "i'm scared of my stepdad when he drinks"),
    ("got hit in the face with a tennis ball at school", "i got hit by my dad with his belt"),
    ("my baby sister hit me with her teddy", "my stepmum hits me when dad is out"),
    ("the scar from my appendix op still itches", "i have scars on my arms from cutting"),
    ("cut my thumb on a tin and it would not stop bleeding", "i cut my arm until it was bleeding"),
    ("fell off my scooter and bruised my knee, the nurse was kind", "he grabs me so hard it leaves bruises"),
    ("my arm hurt after netball, they scanned it and it was just bruising", "i have bruising on my arms from him"),
    # family talk about ordinary things
    ("we have arguments at home about the tv remote", "there are arguments at home and he hits mum"),
    ("mum won't let me have a snapchat till i'm 13", "a man on snapchat keeps asking me to meet"),
    ("the waiting room smelled of weed", "older boys make me sell weed for them"),
    ("i had no bed in my new flat for a month", "there's no food at home and no bed"),
    ("stop sending letters to my mum, i'm 18", "i've written letters to my family just in case"),
    ("my little brother hit me with a cushion", "my brother hit me and locked me in my room"),
]


@pytest.mark.parametrize(("ordinary", "disclosure"), NARROWED)
def test_a_narrowed_rule_leaves_the_ordinary_sentence_and_flags_the_disclosure(
    ordinary: str, disclosure: str
) -> None:
    assert rules(ordinary) == (), ordinary
    assert rules(disclosure), disclosure


# --- a crisis told as past and over -----------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "i used to self harm in year 8 but i haven't for two years, the group helped",
        "three years ago i took an overdose, i'm doing really well now",
        "when i was 13 i was bullied but now i'm happy at my new school",
        "i was homeless for a bit last year but the council found me a flat",
        "i've been sh clean for 18 months!!",
        "self harm is behind me now, thank you camhs",
    ],
)
def test_a_crisis_told_as_past_and_over_is_not_flagged(text: str) -> None:
    assert rules(text) == (), text


@pytest.mark.parametrize(
    "text",
    [
        # back, or still going on
        "i used to self harm and i'm doing well now but i started again last week",
        "two years ago i took an overdose and i still think about it every day",
        "i used to self harm, i was fine for a year but recently the urges are back",
        "i stopped self harming two years ago, now i just don't eat instead",
        # not over at all ("don't see the point anymore" is not "don't do it anymore")
        "i don't see the point anymore",
        # abuse by a person is always read, however long ago
        "when i was 10 my uncle touched me, i'm fine now but he still visits",
        "my stepdad used to hit me years ago, i'm ok now",
    ],
)
def test_a_crisis_not_over_or_abuse_by_a_person_is_still_flagged(text: str) -> None:
    assert rules(text), text


# --- cue words ---------------------------------------------------------------------------
def test_stop_as_a_heading_or_a_request_is_not_a_second_cue() -> None:
    assert rules("STOP: making us wait in the corridor with drunk adults") == ()
    assert rules("stop making kids sit next to drunk people") == ()
    # "I want it to stop" still counts beside a weak cue
    assert rules("when he is drunk i just want it all to stop")


def test_one_word_is_not_two_cues() -> None:
    # "nobody would" is a weak cue and "nobody" a very weak one: the same words, one cue
    assert rules("i was passed between teams and nobody would take my case") == ()
    assert rules("nobody would care if i was gone")


# --- widened: (disclosure, ordinary sentence sharing its words) ---------------------------
WIDENED = [
    ("me not want live no more", "i want to live near the sea when i'm older"),
    ("tonight is the night, i've decided", "tonight is the night of the school disco"),
    ("there's no point in waking up anymore", "there's no point in waiting, just ring"),
    ("i don't think i'll make it to my 16th", "i can't make it to my appointment on the 16th"),
    ("my mate sent me a goodbye message and went offline", "my worker sent me a goodbye card when she left"),
    ("haven't eaten since friday and i keep fainting", "i haven't eaten breakfast yet"),
    ("i only eat 400 calories a day", "the menu shows the calories of each meal"),
    ("i purge after every meal", "the dietitian was really kind"),
    ("i go running at night to burn off what i ate", "i go running at night with my dad"),
    ("i'm trying to get down to 40 kg", "i'm trying to get to my appointment on time"),
    ("i burn my hand on the oven on purpose", "i burnt my hand on the oven by accident"),
    ("my gran says i'm cursed and that's why dad left", "my gran says i'm clever"),
    ("they say the devil is in me and try to beat it out of me", "we read about the devil in RE"),
    ("she keeps threatening to leave me at the station", "she keeps reminding me to leave early for the station"),
    ("the staff held me down and i couldn't breathe", "i had an asthma attack and couldn't breathe"),
    ("he puts his hands where he shouldn't", "the physio put her hands on my knee to check it"),
    ("my cousin is being touched by her stepdad", "my cousin is being looked after by her nan"),
    ("an older guy buys me and my mates vapes", "my mum buys me trainers for my birthday"),
    ("a man online sent me a train ticket to come and meet him", "my dad sent me a train ticket to visit him at uni"),
    ("he asked me to go on camera with no top on", "we did a video call with the nurse and it was fine"),
    ("she's not giving me my insulin", "the nurse is giving me my insulin now"),
    ("mum won't take me to the dentist even though it hurts", "mum takes me to the dentist every six months"),
    ("nobody at home takes me to my appointments", "my mum takes me to my appointments"),
    ("my brother has been missing since tuesday", "my phone has been missing since tuesday"),
    ("they keep sending me on trains to other towns with packages", "i take the train to other towns for football"),
    ("the older lads say i work for them now", "i work at the chip shop now"),
    ("my parents are arranging for me to marry my cousin", "my parents are arranging my birthday party"),
    ("they are pressuring me to go abroad for a wedding i never agreed to", "we are going abroad for my cousin's wedding"),
    ("my aunt said i'll get cut when we visit back home", "my aunt said i'll get my hair cut when we visit"),
    ("people like us need to fight back, they showed me videos of killing", "we watched videos of animals at the zoo"),
    ("he got out of prison and says he's coming for us", "my nan says she's coming for tea"),
    ("i eat my lunch in the toilets so they can't find me", "i eat my lunch in the canteen"),
    ("they filmed me and put it on snapchat", "they filmed the school play"),
    ("if the letter comes home my dad will go mad, send it to school", "please send the letter home"),
    # kinds from the round's training disclosures (safeguarding_disclosures_train_2.csv)
    ("i've looked up methods and i have a date in mind", "i looked up the bus times"),
    ("they ask me to rate my mood, i said 1 and i meant it, i have a plan", "i have a plan for revision"),
    ("i've taken all the pills in the packet", "i've taken all my antibiotics like the gp said"),
    ("im on the roof of the car park", "we parked on the roof of the car park"),
    ("idontwanttobeherenomore", "i want to be here on time for my appointment"),
    ("i drank some bleach to see what would happen", "mum cleans the bathroom with bleach"),
    ("i take more of my meds than i'm meant to", "i take my meds like i'm meant to"),
    ("i cut too deep and it needed stitches", "i fell off my bike and it needed a plaster"),
    ("i take laxatives every day after tea", "the doctor gave me something for constipation"),
    ("pro ana accounts help me, fasting day 4", "the nurse explained healthy eating"),
    ("the dietitian said my bmi is not low enough", "the dietitian said my iron is low"),
    ("i told them it was the cat but it wasnt the cat", "our cat scratched me, it was the cat"),
    ("she says she wishes she had an abortion", "we learnt about pregnancy in biology"),
    ("dad hasn't spoken to me for weeks since i told", "dad hasn't been to my parents evening"),
    ("a staff member makes comments about my body", "a staff member makes comments about my homework"),
    ("the landlord said i can pay the rent another way", "the landlord said i can pay the rent late"),
    ("i'm being sextorted and they gave me an hour to pay", "i was given an hour to finish the form"),
    ("my bf makes me share my location all the time", "my mum tracks my phone which is fine"),
    ("we ran out of the house in the night", "we ran out of milk"),
    ("it's the only food i get all day", "the food was the only thing i liked"),
    ("they set my hair on fire on the bus", "my hair looked fire for prom"),
    ("my parents say a wedding will fix me", "my sister's wedding will be in june"),
    ("my cousin is being taken to somalia this summer for the cutting", "we went to spain this summer"),
]


@pytest.mark.parametrize(("disclosure", "ordinary"), WIDENED)
def test_a_widened_rule_flags_the_disclosure_and_leaves_the_ordinary_sentence(
    disclosure: str, ordinary: str
) -> None:
    assert rules(disclosure), disclosure
    assert rules(ordinary) == (), ordinary


def test_a_threat_tonight_is_tier_one() -> None:
    text = "my mum's ex is texting me that he's coming for us tonight"
    flagged, reasons = safeguarding_check(text)
    assert flagged
    assert reason_tier(reasons, text) == 1


# --- the word-vector block ----------------------------------------------------------------
def test_the_shipped_model_has_a_small_word_vector_block_that_scores_the_same_both_ways() -> None:
    model = builtin_safeguarding_model()
    assert model is not None
    assert 0 < len(model.meaning_words) <= 3000
    assert len(set(model.meaning_words)) == len(model.meaning_words)
    texts = [
        "the nurse was nice. i still cut most nights",
        "the waiting room was cold and the staff were kind",
        "",
        "...",
    ]
    toks = [tokens(normalise(t)) for t in texts]
    np.testing.assert_allclose(
        model.scores(toks), [model.score(t) for t in toks], rtol=0, atol=1e-9
    )


def test_a_word_never_seen_in_training_can_still_carry_meaning() -> None:
    """The point of the vectors: a word with no n-gram weight still moves the score."""
    model = builtin_safeguarding_model()
    assert model is not None
    ngram_words = set(model.featuriser.words.terms())
    unseen = [w for w in model.meaning_words if w not in ngram_words]
    assert unseen, "every kept word is also an n-gram: the vectors add nothing new"


def test_the_word_vector_block_is_saved_and_read_back(tmp_path) -> None:
    model = builtin_safeguarding_model()
    assert model is not None
    model.save(tmp_path)
    again = SafeguardingModel.load(tmp_path)
    assert again.version == model.version
    assert again.meaning_words == model.meaning_words
    toks = tokens(normalise("i feel like nobody would notice if i was gone"))
    assert again.score(toks) == model.score(toks)


def test_the_committed_word_vector_table_is_small_and_says_where_it_came_from() -> None:
    directory = builtin_safeguarding_dir()
    table = np.load(directory / "embeddings.npy", mmap_mode="r")
    meta = json.loads((directory / "embeddings.json").read_text(encoding="utf-8"))
    assert table.dtype == np.int8
    assert table.shape == (len(meta["words"]), meta["dims"])
    assert table.nbytes <= 1_000_000
    assert "GloVe" in meta["what"] and "PDDL" in meta["what"]


def test_a_model_without_word_vectors_still_loads_and_scores(tmp_path) -> None:
    """Models from before the third round have no word-vector block: they still work."""
    model = builtin_safeguarding_model()
    assert model is not None
    plain = SafeguardingModel(
        featuriser=model.featuriser,
        coef_words=model.coef_words,
        coef_chars=model.coef_chars,
        intercept=model.intercept,
        threshold=model.threshold,
    )
    plain.save(tmp_path)
    vocabulary = json.loads((tmp_path / "vocabulary.json").read_text(encoding="utf-8"))
    assert "meaning_words" not in vocabulary
    again = SafeguardingModel.load(tmp_path)
    toks = tokens(normalise("the nurse was kind"))
    assert again.score(toks) == plain.score(toks)


# Narrowed after the third round's blind scoring: "does nothing about it" is neglect when a
# parent or carer says it of a child's need, and an everyday complaint when a service does.
@pytest.mark.parametrize(
    ("ordinary", "disclosure"),
    [
        ("my gp never did anything about my back pain", "my mum never does anything about my teeth"),
        (
            "reception dont do anything about it when you complain",
            "the nits have been there months and mum doesnt do nothing about it",
        ),
        (
            "i told camhs i was struggling with exams and they didnt do anything about it",
            "nobody at home does anything about my asthma, i ran out of my inhaler weeks ago",
        ),
    ],
)
def test_doing_nothing_about_it_is_neglect_only_when_a_carer_does_nothing(
    ordinary: str, disclosure: str
) -> None:
    assert "neglect" not in rules(ordinary)
    assert not safeguarding_check(ordinary)[0]
    assert "neglect" in rules(disclosure)
