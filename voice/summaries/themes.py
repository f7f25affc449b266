"""Theme names for people. The analysis engine owns the taxonomy; this reads its labels and
falls back to tidy words for any theme it does not know (an old or retired theme key)."""

from __future__ import annotations

from sqlalchemy.orm import Session

# The taxonomy written for young people's services (docs: DESIGN.md, "Themes"). Used only when
# the analysis engine offers no label of its own.
FALLBACK_LABELS = {
    "waiting": "Waiting and getting seen",
    "waiting_and_access": "Waiting and getting seen",
    "listened_to": "Being listened to and involved",
    "being_listened_to": "Being listened to and involved",
    "communication": "Communication and being kept informed",
    "reliability": "Doing what you said",
    "doing_what_you_said": "Doing what you said",
    "staff_attitude": "Staff attitude and respect",
    "telling_story_again": "Telling my story again",
    "joined_up_care": "Telling my story again",
    "transition": "Moving to adult services",
    "moving_to_adult_services": "Moving to adult services",
    "feeling_safe": "Feeling safe and privacy",
    "safety_and_privacy": "Feeling safe and privacy",
    "place_and_travel": "Place and getting there",
    "online_and_phone": "Online and phone contact",
    "information": "Information about what's available",
    "quality_of_support": "Quality of support",
    "praise": "Praise",
}


def _engine_labels(session: Session | None) -> dict[str, str]:
    """Labels from the analysis engine (and the participation team's edits), if available."""
    labels: dict[str, str] = {}
    try:  # the pure taxonomy
        from voice.analysis import themes as taxonomy  # type: ignore[attr-defined]
    except ImportError:
        taxonomy = None
    if taxonomy is not None:
        for name in ("THEME_LABELS", "LABELS"):
            found = getattr(taxonomy, name, None)
            if isinstance(found, dict):
                labels.update({str(k): str(v) for k, v in found.items()})
        found = getattr(taxonomy, "THEMES", None)
        if isinstance(found, dict):
            for key, value in found.items():
                label = getattr(value, "label", value if isinstance(value, str) else None)
                if label:
                    labels[str(key)] = str(label)
        elif isinstance(found, list | tuple):
            for value in found:
                key, label = getattr(value, "key", None), getattr(value, "label", None)
                if key and label:
                    labels[str(key)] = str(label)
    if session is not None:
        labels.update(_edited_labels(session))
    return labels


def _edited_labels(session: Session) -> dict[str, str]:
    try:
        from voice.learning import services as learning  # type: ignore[attr-defined]
    except ImportError:
        return {}
    fn = getattr(learning, "theme_labels", None)
    if fn is None:
        return {}
    try:
        return {str(k): str(v) for k, v in fn(session).items()}
    except Exception:  # noqa: BLE001 - a label lookup must never break a report
        return {}


def theme_labels(session: Session | None, keys) -> dict[str, str]:
    known = _engine_labels(session)
    return {key: known.get(key) or FALLBACK_LABELS.get(key) or tidy(key) for key in keys}


def tidy(key: str) -> str:
    words = key.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Unnamed theme"
