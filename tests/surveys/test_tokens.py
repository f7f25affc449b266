"""Link tokens people can type, and one-time form tokens."""

from __future__ import annotations

import time

import pytest

from surveys.tokens import (
    ALPHABET,
    FormTokenExpired,
    FormTokenInvalid,
    make_form_token,
    new_link_token,
    normalise_link_token,
    read_form_token,
)


def test_link_tokens_have_no_characters_that_are_easy_to_misread():
    for confusable in "0Oo1lIi":
        assert confusable not in ALPHABET
    tokens = {new_link_token() for _ in range(2000)}
    assert len(tokens) == 2000
    assert all(len(t) == 7 and set(t) <= set(ALPHABET) for t in tokens)


def test_typed_tokens_are_forgiving_about_case_spaces_and_dashes():
    assert normalise_link_token(" AB2-CD3 f ") == "ab2cd3f"


@pytest.mark.parametrize("raw", ["", "abc0def", "../../etc", "a" * 17, "abc def!"])
def test_impossible_tokens_are_refused(raw):
    assert normalise_link_token(raw) is None


def test_form_token_round_trip_gives_a_nonce_per_form():
    one, two = make_form_token("secret", 5), make_form_token("secret", 5)
    assert read_form_token("secret", one, 5).nonce != read_form_token("secret", two, 5).nonce


def test_a_form_token_for_another_link_or_with_another_key_is_refused():
    token = make_form_token("secret", 5)
    with pytest.raises(FormTokenInvalid):
        read_form_token("secret", token, 6)
    with pytest.raises(FormTokenInvalid):
        read_form_token("other", token, 5)
    with pytest.raises(FormTokenInvalid):
        read_form_token("secret", "junk", 5)


def test_an_old_form_token_is_expired_not_invalid():
    token = make_form_token("secret", 5)
    time.sleep(1.1)
    with pytest.raises(FormTokenExpired):
        read_form_token("secret", token, 5, max_age=0)
