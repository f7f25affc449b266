"""The theme taxonomy for young people's services: one key, two names, a description.

Young people see ``young_name``; commissioners' summaries use ``commissioner_name``.
The order is the order themes are listed in everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["THEMES", "THEME_KEYS", "Theme", "theme_by_key"]


@dataclass(frozen=True, slots=True)
class Theme:
    """One theme of what young people say about services."""

    key: str
    young_name: str
    commissioner_name: str
    description: str


THEMES: Final[tuple[Theme, ...]] = (
    Theme(
        "waiting_and_access",
        "Waiting and getting seen",
        "Waiting times and access",
        "How long it takes to be seen, referrals, waiting lists, opening times, being turned away.",
    ),
    Theme(
        "listened_to",
        "Being listened to and involved",
        "Listening and involvement in decisions",
        "Whether young people are heard, believed, asked and involved in decisions about them.",
    ),
    Theme(
        "communication",
        "Being kept in the loop",
        "Communication and being kept informed",
        "Explaining things in plain words, updates, replies, letters, and talking to the "
        "young person rather than only to their parent.",
    ),
    Theme(
        "doing_what_you_said",
        "Doing what you said you would",
        "Reliability and keeping commitments",
        "Keeping appointments and promises, turning up, saying sorry and rearranging when "
        "something changes.",
    ),
    Theme(
        "staff_attitude",
        "How staff treat you",
        "Staff attitude and respect",
        "Kindness, respect, rudeness, being judged or patronised, trust in workers.",
    ),
    Theme(
        "joined_up_care",
        "Telling my story again",
        "Joined-up care and continuity",
        "Being passed between services, repeating their story, changing workers, services "
        "not talking to each other.",
    ),
    Theme(
        "moving_to_adult_services",
        "Moving to adult services",
        "Transition to adult services",
        "Turning 18, leaving children's services or care, moving to adult teams.",
    ),
    Theme(
        "feeling_safe_and_privacy",
        "Feeling safe and private",
        "Safety, privacy and confidentiality",
        "Feeling safe, talking alone, confidentiality, information shared without asking.",
    ),
    Theme(
        "place_and_travel",
        "The place and getting there",
        "Environment, location and travel",
        "The building and rooms, cleanliness, food, how far it is, buses, parking, cost of travel.",
    ),
    Theme(
        "online_and_phone",
        "Online and phone contact",
        "Digital and telephone access",
        "Phone calls, texts, video, apps, websites, online chat, and choice of how to get in "
        "touch.",
    ),
    Theme(
        "knowing_whats_available",
        "Knowing what help there is",
        "Information about available support",
        "Knowing what support exists, where to go and who to ask; publicity and signposting.",
    ),
    Theme(
        "quality_of_support",
        "How good the help is",
        "Quality and effectiveness of support",
        "Whether the help, therapy, advice or treatment works and makes a difference.",
    ),
    Theme(
        "praise",
        "Saying thank you",
        "Compliments and praise",
        "Thanks, compliments, and 'nothing to improve'.",
    ),
)

THEME_KEYS: Final[tuple[str, ...]] = tuple(t.key for t in THEMES)
_BY_KEY: Final = {t.key: t for t in THEMES}


def theme_by_key(key: str) -> Theme | None:
    """The taxonomy theme with this key, or None for a theme outside the taxonomy."""
    return _BY_KEY.get(key)
