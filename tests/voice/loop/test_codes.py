"""Follow-up codes: unguessable, easy to type, never stored in the clear."""

from __future__ import annotations

from voice.loop import codes


def test_codes_have_at_least_40_bits():
    assert codes.bits_of_entropy() >= 40


def test_the_alphabet_has_no_characters_people_confuse():
    assert not set("01OILU") & set(codes.ALPHABET)
    assert len(set(codes.ALPHABET)) == len(codes.ALPHABET) == 30


def test_new_codes_are_well_formed_and_differ():
    made = {codes.new_code() for _ in range(200)}
    assert len(made) == 200
    assert all(codes.is_well_formed(c) for c in made)


def test_a_code_is_shown_in_groups_of_three_and_typed_any_way():
    code = "KX7M42PQ9"
    assert codes.display(code) == "KX7-M42-PQ9"
    for typed in ("kx7-m42-pq9", " KX7 M42 PQ9 ", "kx7m42pq9", "KX7–M42–PQ9"):
        assert codes.normalise(typed) == code


def test_malformed_codes_are_not_well_formed():
    for bad in ("", "KX7", "KX7M42PQ9Z", "KX7M42PQ0", "' OR 1=1 --", "x" * 500):
        assert not codes.is_well_formed(codes.normalise(bad))


def test_derived_codes_repeat_for_the_same_form_and_differ_between_forms():
    assert codes.derived_code("secret", "nonce-a") == codes.derived_code("secret", "nonce-a")
    assert codes.derived_code("secret", "nonce-a") != codes.derived_code("secret", "nonce-b")
    assert codes.derived_code("secret", "nonce-a") != codes.derived_code("other", "nonce-a")
    assert codes.is_well_formed(codes.derived_code("secret", "nonce-a"))


def test_only_a_hash_is_kept_and_it_matches_however_the_code_was_typed():
    stored = codes.hash_code("KX7M42PQ9", "secret")
    assert "KX7" not in stored and len(stored) == 64
    assert codes.hashes_match(stored, codes.hash_code("kx7-m42-pq9", "secret"))
    assert not codes.hashes_match(stored, codes.hash_code("KX7M42PQ8", "secret"))
    assert not codes.hashes_match(None, stored)


def test_the_stored_hash_is_keyed_with_the_apps_secret():
    import hashlib

    unkeyed = hashlib.sha256(b"voice-followup:KX7M42PQ9").hexdigest()
    stored = codes.hash_code("KX7M42PQ9", "secret")
    # A copy of the database alone cannot be used to test guesses: the key is needed.
    assert stored != unkeyed and stored != codes.hash_code("KX7M42PQ9", "another secret")


def test_migration_0008_converts_old_codes_to_the_same_keyed_hash():
    import hashlib
    import importlib.util
    from pathlib import Path

    path = next((Path(__file__).parents[3] / "migrations" / "versions").glob("*_0008_*.py"))
    spec = importlib.util.spec_from_file_location("migration_0008", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    old_stored = hashlib.sha256(b"voice-followup:KX7M42PQ9").hexdigest()
    assert migration._keyed("secret", old_stored) == codes.hash_code("kx7-m42-pq9", "secret")
