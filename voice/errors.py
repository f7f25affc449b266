"""Domain errors. Services raise these; views turn them into clear messages or 4xx pages."""

from __future__ import annotations

from werkzeug.exceptions import BadRequest


class VoiceError(Exception):
    """Base class for errors that carry a message a person can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(VoiceError):
    """The acting user may not do this to this object."""


class InvalidState(VoiceError):
    """The object is not in a state that allows this."""


class NotFound(VoiceError):
    """No such object (or not one this user may know about)."""


def bad_request(message: str) -> BadRequest:
    """A 400 whose page shows ``message`` in plain words."""
    error = BadRequest(message)
    error.voice_message = True
    return error
