"""Sending email, only when SMTP is configured (``VOICE_SMTP_HOST`` and friends).

Nothing calls this directly from a request: notifications are always stored in the app first
(:mod:`voice.loop.notifications`) and emailed from that outbox, so a mail server that is down
never loses a message or breaks a page. Emails carry no young person's words: only a title and
a link to sign in and read.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

log = logging.getLogger(__name__)


class MailError(Exception):
    """The message could not be handed to the mail server."""


def smtp_configured(config: Mapping[str, Any]) -> bool:
    return bool(config.get("SMTP_HOST"))


def build_message(config: Mapping[str, Any], *, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = config.get("SMTP_FROM") or "voice@localhost"
    message["To"] = to
    message["Subject"] = subject.replace("\n", " ").strip()[:200]
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="voice")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    return message


def send_email(config: Mapping[str, Any], *, to: str, subject: str, body: str,
               timeout: float = 10.0) -> None:
    """Send one plain-text email. Raises :class:`MailError` if SMTP is not set up or fails."""
    if not smtp_configured(config):
        raise MailError("Email is not set up (VOICE_SMTP_HOST is empty)")
    message = build_message(config, to=to, subject=subject, body=body)
    host, port = config["SMTP_HOST"], int(config.get("SMTP_PORT") or 587)
    try:
        if port == 465:
            client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout)
        else:
            client = smtplib.SMTP(host, port, timeout=timeout)
        with client:
            if port != 465 and config.get("SMTP_STARTTLS", True):
                client.starttls()
            if config.get("SMTP_USERNAME"):
                client.login(config["SMTP_USERNAME"], config.get("SMTP_PASSWORD") or "")
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        log.warning("Could not send email to %s: %s", to, error)
        raise MailError(str(error) or type(error).__name__) from error
