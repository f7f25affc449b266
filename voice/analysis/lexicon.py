"""Word lists for sentiment: young people's slang, feedback vocabulary, intensity and negation.

TextBlob's lexicon was built from product reviews: it knows "brilliant" but not
"helpful", "ignored" or "cancelled", and it reads "sick" and "dead" as bad. These
lists fill those gaps. Scores run from -1 (very negative) to +1 (very positive).
"""

from __future__ import annotations

from typing import Final

# Words whose sentiment TextBlob misses or gets wrong in feedback about services.
FEEDBACK_WORDS: Final[dict[str, float]] = {
    # positive
    "helpful": 0.6, "helped": 0.4, "supportive": 0.6, "supported": 0.4, "caring": 0.6,
    "cared": 0.3, "kind": 0.6, "kindness": 0.6, "friendly": 0.5, "welcoming": 0.6,
    "thank": 0.4, "thanks": 0.4, "thankyou": 0.4, "grateful": 0.6, "appreciate": 0.5,
    "appreciated": 0.5, "listened": 0.4, "listens": 0.4, "understanding": 0.4,
    "understood": 0.3, "respectful": 0.6, "respected": 0.5, "reassuring": 0.5,
    "reassured": 0.5, "professional": 0.4, "efficient": 0.5,
    "informative": 0.5, "fab": 0.7, "fabulous": 0.8, "fantastic": 0.8, "lovely": 0.6,
    "amazing": 0.8, "awesome": 0.8, "brill": 0.7, "superb": 0.9, "outstanding": 0.9,
    "exceptional": 0.8, "wonderful": 0.8, "recommend": 0.5, "recommended": 0.5,
    "comfortable": 0.5, "relaxed": 0.4, "calm": 0.3, "smooth": 0.4, "easy": 0.3,
    "quick": 0.3, "prompt": 0.4, "punctual": 0.4, "thorough": 0.5, "approachable": 0.6,
    "accommodating": 0.5, "attentive": 0.6, "polite": 0.5, "compassionate": 0.7,
    "empathetic": 0.6, "non-judgemental": 0.6, "nonjudgemental": 0.6, "enjoyed": 0.6,
    "enjoy": 0.5, "enjoyable": 0.6, "fun": 0.6, "love": 0.6, "loved": 0.7,
    "happy": 0.6, "pleased": 0.6, "satisfied": 0.5, "glad": 0.5, "improved": 0.3,
    "better": 0.2, "safe": 0.3, "clean": 0.4, "tidy": 0.4, "spotless": 0.7,
    "nice": 0.5, "good": 0.6, "great": 0.7, "excellent": 0.9, "brilliant": 0.9,
    "perfect": 0.9, "best": 0.7, "legend": 0.7, "legends": 0.7, "star": 0.5,
    "stars": 0.5, "hero": 0.6, "heroes": 0.6, "angel": 0.6, "angels": 0.6,
    "bless": 0.4, "ok": 0.2, "okay": 0.2, "alright": 0.2, "decent": 0.3, "fine": 0.2,
    # negative
    "rude": -0.7, "rudeness": -0.7, "unhelpful": -0.7, "unkind": -0.7, "unfriendly": -0.6,
    "ignored": -0.7, "ignore": -0.5, "ignoring": -0.6, "dismissive": -0.7,
    "dismissed": -0.6, "patronising": -0.7, "patronizing": -0.7, "condescending": -0.7,
    "judgemental": -0.6, "judgmental": -0.6, "disrespectful": -0.8, "disrespected": -0.8,
    "unprofessional": -0.7, "incompetent": -0.8, "cancelled": -0.5, "canceled": -0.5,
    "cancel": -0.4, "delay": -0.4, "delays": -0.4, "delayed": -0.4, "late": -0.4,
    "waited": -0.3, "waiting": -0.2, "wait": -0.2, "queue": -0.2, "forgot": -0.5,
    "forgotten": -0.5, "lost": -0.3, "rubbish": -0.8, "useless": -0.8, "pointless": -0.7,
    "terrible": -0.9, "horrible": -0.9, "awful": -0.9, "appalling": -0.9,
    "disgusting": -0.9, "dreadful": -0.9, "shocking": -0.7, "poor": -0.6,
    "bad": -0.6, "worse": -0.6, "worst": -0.9, "hate": -0.8, "hated": -0.8,
    "annoying": -0.6, "annoyed": -0.6, "frustrating": -0.7, "frustrated": -0.6,
    "upset": -0.6, "upsetting": -0.6, "angry": -0.7, "disappointed": -0.7,
    "disappointing": -0.7, "confusing": -0.5, "confused": -0.4, "complicated": -0.4,
    "unclear": -0.5, "rushed": -0.5, "scary": -0.5, "scared": -0.5, "uncomfortable": -0.6,
    "awkward": -0.4, "embarrassing": -0.5, "embarrassed": -0.4, "boring": -0.6,
    "bored": -0.5, "complaint": -0.5, "complaints": -0.5, "complain": -0.5,
    "problem": -0.4, "problems": -0.4, "issue": -0.3, "issues": -0.3,
    "difficult": -0.4, "hard": -0.3, "struggle": -0.4, "struggled": -0.4,
    "unhappy": -0.7, "dirty": -0.6, "smelly": -0.6, "cold": -0.3, "noisy": -0.4,
    "understaffed": -0.6, "overstretched": -0.4, "chaotic": -0.6, "disorganised": -0.6,
    "disorganized": -0.6, "inconsistent": -0.5, "unreliable": -0.7, "lied": -0.8,
    "ghosted": -0.7, "fobbed": -0.7, "slow": -0.4, "expensive": -0.4, "crap": -0.8,
    "shit": -0.8, "shite": -0.8, "naff": -0.6, "pants": -0.3, "meh": -0.3,
    "mediocre": -0.5, "unacceptable": -0.9, "sad": -0.5, "lonely": -0.5,
    "unsafe": -0.7, "worried": -0.4, "anxious": -0.4, "stressful": -0.6,
    "stressed": -0.5, "nightmare": -0.8, "joke": -0.4, "wasted": -0.6,
}

# Young people's slang. Context-dependent words ("sick", "dead", "long", "mid",
# "peak", "well", "bare") are handled in code in sentiment.py, not here.
SLANG: Final[dict[str, float]] = {
    "lit": 0.5, "banging": 0.7, "bangin": 0.7, "buzzing": 0.7,
    "buzzin": 0.7, "gassed": 0.6, "mint": 0.7, "ace": 0.7,
    "wicked": 0.6, "vibes": 0.4, "vibe": 0.3, "goat": 0.7, "goated": 0.8,
    "slaps": 0.7, "banter": 0.4, "lush": 0.7, "chuffed": 0.7, "grand": 0.4,
    "top": 0.4, "cool": 0.5, "sound": 0.2, "decent": 0.3, "chill": 0.4,
    "chilled": 0.4, "peng": 0.6, "iconic": 0.6,
    "slay": 0.7, "slayed": 0.7, "dope": 0.6, "sweet": 0.5,
    "dry": -0.3, "cringe": -0.5, "cringey": -0.5, "sus": -0.4, "waste": -0.6,
    "wasteman": -0.7, "vexed": -0.7, "fuming": -0.8, "gutted": -0.7,
    "cheesed": -0.6, "mugged": -0.6, "aired": -0.6, "moody": -0.5, "grim": -0.7,
    "minging": -0.8, "manky": -0.7, "rank": -0.7, "grotty": -0.6, "skanky": -0.7,
    "dodgy": -0.5, "bs": -0.7,
    "cba": -0.4, "ugh": -0.5, "urgh": -0.5, "smh": -0.5, "wtf": -0.6, "ffs": -0.7,
    "lol": 0.1, "lmao": 0.2, "haha": 0.2, "hahaha": 0.3, "yay": 0.6, "woo": 0.5,
    "emo_pos": 0.7, "emo_neg": -0.7, "emo_neu": 0.0,
}

# Multiply the next sentiment word. "dead", "well", "bare" and "proper" are only
# intensifiers when a sentiment word follows ("dead good", "bare long").
INTENSIFIERS: Final[dict[str, float]] = {
    "very": 1.3, "really": 1.3, "so": 1.3, "soo": 1.4, "super": 1.4, "extremely": 1.5,
    "incredibly": 1.5, "absolutely": 1.5, "totally": 1.3, "completely": 1.3,
    "utterly": 1.5, "proper": 1.4, "well": 1.3, "bare": 1.4, "dead": 1.4,
    "hella": 1.4, "mega": 1.4, "highkey": 1.3, "deffo": 1.2,
    "defo": 1.2, "definitely": 1.2, "too": 1.2, "mad": 1.3, "crazy": 1.3,
    "insanely": 1.5, "seriously": 1.3, "genuinely": 1.2, "honestly": 1.1,
    "always": 1.1, "most": 1.2,
}

DOWNTONERS: Final[dict[str, float]] = {
    "quite": 0.8, "fairly": 0.7, "slightly": 0.5, "bit": 0.6, "kinda": 0.7,
    "sort": 0.7, "somewhat": 0.6, "lowkey": 0.8, "little": 0.6,
    "abit": 0.6, "pretty": 0.9, "reasonably": 0.7, "mostly": 0.8,
}

NEGATORS: Final[frozenset[str]] = frozenset(
    {
        "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "nah",
        "without", "hardly", "barely", "cannot", "cant", "can't", "dont", "don't",
        "didnt", "didn't", "doesnt", "doesn't", "isnt", "isn't", "wasnt", "wasn't",
        "werent", "weren't", "wont", "won't", "wouldnt", "wouldn't", "couldnt",
        "couldn't", "shouldnt", "shouldn't", "aint", "ain't", "havent", "haven't",
        "hasnt", "hasn't", "hadnt", "hadn't", "aren't", "arent", "noone",
        "nowt", "lack", "lacking", "lacked",
    }
)

# Words after which a following clause carries the speaker's point:
# "lovely staff but the wait was awful" is, on balance, a complaint.
CONTRAST_WORDS: Final[frozenset[str]] = frozenset(
    {"but", "however", "although", "though", "except", "apart", "unfortunately",
     "sadly", "shame", "only", "whereas", "yet"}
)

CLAUSE_BREAKS: Final[frozenset[str]] = frozenset({".", ",", ";", ":", "!", "?", "and", "but"})
