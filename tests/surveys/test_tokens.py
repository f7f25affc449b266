"""Link tokens people can type, and one-time form tokens."""

from __future__ import annotations

import time

import pytest
from itsdangerous import URLSafeTimedSerializer

from surveys.tokens import (
    ALPHABET,
    FORM_TOKEN_SALT,
    FormTokenExpired,
    FormTokenInvalid,
    make_form_token,
    new_link_token,
    normalise_link_token,
    read_form_token,
)

SECRET = "a-secret-key-for-the-token-tests"


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


def test_form_tokens_are_still_itsdangerous_own_so_forms_open_across_an_upgrade():
    # A phone may hold a form made before this version of Voice, or send one to a worker still
    # running the old one: the cheaper signer must make and read the very same tokens.
    stock = URLSafeTimedSerializer(SECRET, salt=FORM_TOKEN_SALT)
    made_before = stock.dumps({"l": 7, "n": "an-older-nonce"})
    assert read_form_token(SECRET, made_before, 7).nonce == "an-older-nonce"
    assert stock.loads(make_form_token(SECRET, 7))["l"] == 7
    with pytest.raises(FormTokenInvalid):
        read_form_token(SECRET + "-other", made_before, 7)
