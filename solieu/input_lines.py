"""Lines typed at a terminal or piped in, for the CLI and the console chat: each decoded on its own,
so a line that is not UTF-8 fails alone, and normalised like the articles."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from corpus.text import normalize_text
from foundation.errors import QuestionError


def stdin_lines() -> Iterable[str | bytes]:
    """Raw stdin lines, decoded one by one later, so a line that is not UTF-8 fails alone instead of
    ending the batch. A stream without bytes underneath (tests) gives text."""
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    return (line.rstrip(b"\r\n") if isinstance(line, bytes) else line.rstrip("\r\n") for line in stream)


def question_text(line: str | bytes) -> str:
    """The question as text, normalised like the articles (no zero-width spaces inside "xuất khẩu")."""
    try:
        # Arguments that are not UTF-8 arrive with their bytes escaped as lone surrogates.
        text = line.decode("utf-8") if isinstance(line, bytes) else line.encode("utf-8").decode("utf-8")
    except UnicodeError:
        raise QuestionError(
            "Câu hỏi không phải văn bản UTF-8: hãy gõ lại hoặc lưu tệp câu hỏi dạng UTF-8."
        ) from None
    return normalize_text(text)


def shown(line: str | bytes) -> str:
    """A line as best it can be shown, undecodable bytes as �."""
    if isinstance(line, bytes):
        return line.decode("utf-8", "replace")
    try:
        return line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return line.encode("utf-8", "replace").decode("utf-8", "replace")
