"""Redaction of personal details, and leaving ordinary words alone."""

from __future__ import annotations

import pytest

from voice.analysis import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my worker Sarah was great", "my worker [name] was great"),
        ("my worker sarah said no", "my worker [name] said no"),
        ("Dr Patel listened to me", "Dr [name] listened to me"),
        ("I saw dr patel today", "I saw dr [name] today"),
        ("Miss Jones is the best teacher", "Miss [name] is the best teacher"),
        ("I have a friend called Zog", "I have a friend called [name]"),
        ("thanks to Amir and Priya Shah", "thanks to [name] and [name]"),
        ("Sarah's office is cold", "[name]'s office is cold"),
        ("I spoke with Will at reception", "I spoke with [name] at reception"),
        ("My mum Grace came too", "My mum [name] came too"),
        ("Thank you Jo!", "Thank you [name]!"),  # a short name that is also a word, thanked
        ("thank you Will for everything", "thank you [name] for everything"),
        ("Thank you May", "Thank you May"),  # a month: only a name after a title or role
    ],
)
def test_names(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Will you call me back?",
        "It was May last year",
        "from April to May",
        "We went to Leeds with Covid",
        "CAMHS were good",
        "High school was hard",
        "I went to my school nurse",
        "I waited 3 hours down the road",
        "See Dr quicker",
        "Hope it gets better",
        "the nurse will call me",
        "I was in y10 2nd set",
        "Childline 0800 1111 helped",
    ],
)
def test_ordinary_words_are_kept(text):
    assert redact(text) == text


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "07700900123",
        "+44 7700 900 123",
        "0113 496 0000",
        "020 7946 0000",
        "(01632) 960000",
        "01632 960 000",
    ],
)
def test_uk_phone_numbers(number):
    assert redact(f"call me on {number} please") == "call me on [phone] please"


def test_email():
    assert redact("email me at jo.bloggs+x@example.co.uk") == "email me at [email]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my insta is @cool_kid99", "my insta is [handle]"),
        ("add me on snap jess_123", "add me on snap [handle]"),
        ("follow @voice.youth", "follow [handle]"),
    ],
)
def test_social_media_handles(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("postcode", ["LS1 4AP", "m1 1ae", "SW1A 1AA", "B33 8TH"])
def test_postcodes(postcode):
    assert redact(f"postcode is {postcode}") == "postcode is [postcode]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I live at 12 Oak Road, Leeds", "I live at [address]"),
        ("send it to 4a Church Street", "send it to [address]"),
        ("I live on Albert Road", "I live on [address]"),
        ("flat 3 in the block", "[address] in the block"),
    ],
)
def test_addresses(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my DOB is 12/03/2009", "my DOB is [date of birth]"),
        ("born on 3rd May 2010", "born on [date of birth]"),
        ("my birthday is 14th February", "my birthday is [date of birth]"),
        ("date of birth: 1 June 2008", "date of birth: [date of birth]"),
    ],
)
def test_dates_of_birth(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I go to St Mary's Primary", "I go to [school]"),
        ("I'm at Oakwood Park High School", "I'm at [school]"),
        ("she teaches at Riverside Academy", "she teaches at [school]"),
        ("year 9 at Kingsmead School", "year 9 at [school]"),
    ],
)
def test_school_names(text, expected):
    assert redact(text) == expected


def test_several_details_at_once():
    text = "I'm Jack, 07700 900123, jack@example.com, St John's Primary, LS6 2AB"
    assert redact(text) == "I'm [name], [phone], [email], [school], [postcode]"


def test_empty_and_plain_text():
    assert redact("") == ""
    assert redact("The group was great") == "The group was great"
