"""Small helpers shared by the inspectors services."""

from __future__ import annotations

from datetime import date, datetime

from inspectors.models import Rating
from inspectors.services.errors import InspectionError, InvalidRating
from voice.templating import LONDON

MAX_TEXT = 5000


def today() -> date:
    """Today's date in England (dates on letters and deadlines are local dates)."""
    return datetime.now(LONDON).date()


def parse_rating(value: str | Rating | None, *, required: bool = False) -> Rating | None:
    """``Rating`` from "red", "amber" or "green"; None for blank unless ``required``."""
    if isinstance(value, Rating):
        return value
    text = (value or "").strip().lower()
    if not text:
        if required:
            raise InvalidRating("Choose red, amber or green")
        return None
    try:
        return Rating(text)
    except ValueError:
        raise InvalidRating("A rating must be red, amber or green") from None


def clean_text(value: str | None, *, field: str, limit: int = MAX_TEXT,
               required: bool = False) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if required and not text:
        raise InspectionError(f"Enter {field}")
    if len(text) > limit:
        raise InspectionError(f"{field[0].upper()}{field[1:]} must be {limit:,} characters or fewer")
    return text
