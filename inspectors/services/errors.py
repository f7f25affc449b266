"""Errors the inspectors package raises. Each carries a message a person can act on."""

from __future__ import annotations

from voice.errors import InvalidState, NotAllowed, NotFound, VoiceError

__all__ = ["InspectionError", "InvalidRating", "StandardNotInFramework", "AlreadySubmitted",
           "InvalidState", "NotAllowed", "NotFound", "VoiceError", "LoopNotReady"]


class InspectionError(VoiceError):
    """Something about the input is wrong (the form can show it beside a field)."""


class InvalidRating(InspectionError):
    """A rating that is not red, amber or green."""


class StandardNotInFramework(InspectionError):
    """A score or note for a standard that is not part of this inspection's framework."""


class AlreadySubmitted(InvalidState):
    """Scores or a self-assessment that have been sent cannot be changed."""


class LoopNotReady(VoiceError):
    """The "you said, we did" loop cannot take commitments on this installation yet."""
