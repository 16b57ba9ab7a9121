"""Keep the bot token (and the webhook secret) out of every log line.

httpx logs each request URL, and Bot API URLs contain the token (`…/bot123:ABC/getUpdates`); an
exception message or traceback can carry it too. A filter on the root handlers rewrites every
record that passes through them, whichever library logged it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

MASK = "***"
# Libraries that log request URLs at INFO/DEBUG: quiet by default, redacted if someone turns them up.
CHATTY_HTTP_LOGGERS = ("httpx", "httpcore")


class SecretRedactingFilter(logging.Filter):
    """Replaces each secret with "***" in the message, the formatted traceback and the stack."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed logging call: write its template, never its arguments
            message = str(record.msg)
            record.args = None
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info:
            traceback = record.exc_text or logging.Formatter().formatException(record.exc_info)
            if self.redact(traceback) != traceback:
                # Formatters reuse exc_text when it is set, so the redacted traceback is what gets written.
                record.exc_text = self.redact(traceback)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def redact_secrets_in_logs(*secrets: str) -> SecretRedactingFilter:
    """Install the filter on every root handler (each handler filters the records that reach it,
    whichever logger they come from) and quiet the HTTP client loggers."""
    redacting = SecretRedactingFilter(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redacting)
    for name in CHATTY_HTTP_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return redacting
