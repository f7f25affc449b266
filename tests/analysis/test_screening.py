"""The fast screens skip only patterns that cannot match: results never change."""

from __future__ import annotations

import csv
import re

from analysis_testdata import DATA

from voice.analysis import DEFAULT_RULES, ThemeRules
from voice.analysis import sentiment as se
from voice.analysis.screening import LiteralScreen, required_literals, split_alternatives
from voice.analysis.text import normalise, tokens


def _texts() -> list[str]:
    texts = []
    for name in ("safeguarding_labelled.csv", "safeguarding_heldout.csv"):
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    return texts + [
        "Nothing, couldn't have been better. Keep up the good work!",
        "waited 10/10 on-line for ages; no one rang me back",
        "non-judgemental staff, would recommend",
    ]


def test_required_literals():
    assert required_literals("kill(?:ing)? myself") in ({"kill"}, {" myself"})
    assert required_literals("(?:cat|dog)s? food") == frozenset({" food"})
    assert required_literals("a|(?:x)?") is None  # nothing is required


def test_split_alternatives_respects_groups_and_classes():
    assert split_alternatives(r"a(?:b|c)|[|]d|e\|f") == ["a(?:b|c)", "[|]d", r"e\|f"]


def test_literal_screen_finds_owners():
    screen = LiteralScreen([(frozenset({"wait"}), "w"), (None, "always"), (frozenset({"xy"}), "x")])
    assert screen.owners_present("we waited") == {"w", "always"}
    assert screen.owners_present("xy") == {"x", "always"}


def test_theme_screen_never_changes_the_result():
    rules = ThemeRules(DEFAULT_RULES)
    for text in map(normalise, _texts()):
        expected = []
        for theme, include, exclude in rules._compiled:
            masked = exclude.sub(" ", text) if exclude is not None else text
            if theme not in expected and include.search(masked):
                expected.append(theme)
        assert rules.match(text) == tuple(expected), text


def test_phrase_screen_never_changes_the_result():
    combined = re.compile("|".join(rf"(?P<p{i}>\b{p}\b)" for i, (p, _) in enumerate(se._PHRASES)))
    for text in map(normalise, _texts()):
        joined = " ".join(tokens(text))
        found = [(m.start(), m.end()) for m in combined.finditer(joined)]
        assert [(s, e) for s, e, _ in se._phrase_matches(tokens(text))] == found, text
