"""Theme names for commissioners. The analysis engine owns the taxonomy
(:mod:`voice.analysis.taxonomy`): summaries use each theme's ``commissioner_name``. A key the
taxonomy does not know (a retired theme, or one the participation team added) is shown tidied."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from voice.analysis.taxonomy import theme_by_key


def theme_labels(session: Session | None, keys: Iterable[str]) -> dict[str, str]:
    labels = {}
    for key in keys:
        theme = theme_by_key(key)
        labels[key] = theme.commissioner_name if theme is not None else tidy(key)
    return labels


def tidy(key: str) -> str:
    words = key.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Unnamed theme"
