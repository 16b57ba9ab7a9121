"""Our own exception types, one tree: each says, in one sentence, what went wrong and what to do, and
carries what it is about (the index directory, the article file, the model, the setting), so code
that catches one can act on it without reading the sentence.

    SolieuError
    ├── ArticleError            .path: the article file, when one is known
    ├── EncoderError            .model: the model asked for
    ├── QuestionError
    ├── SettingError            .setting: the SOLIEU_* variable to change
    └── IndexDirectoryError     .path: the index directory (or the file inside it) concerned
        ├── IndexMissingError
        ├── IndexDamagedError
        ├── IndexMismatchError
        ├── IndexPathError
        └── IndexBusyError
"""

from __future__ import annotations

from pathlib import Path


class SolieuError(Exception):
    """Base for every error we expect and can explain to a user: `str(error)` is that sentence."""


class ArticleError(SolieuError):
    """An article file that cannot be read or has no usable text."""

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class EncoderError(SolieuError):
    """An embedding model that cannot be loaded."""

    def __init__(self, message: str, *, model: str | None = None) -> None:
        super().__init__(message)
        self.model = model


class QuestionError(SolieuError):
    """A question we cannot work with (empty, too long, not text)."""


class SettingError(SolieuError):
    """A setting that stops the bot from starting: missing, malformed, or refused by Telegram."""

    def __init__(self, message: str, *, setting: str) -> None:
        super().__init__(message)
        self.setting = setting


class IndexDirectoryError(SolieuError):
    """An index that cannot be used as it is; `path` is the index directory or the file in it that
    is at fault."""

    def __init__(self, message: str, *, path: Path) -> None:
        super().__init__(message)
        self.path = path


class IndexMissingError(IndexDirectoryError):
    """No index where one was expected."""


class IndexDamagedError(IndexDirectoryError):
    """An index whose files are missing, empty or unreadable: it must be rebuilt, never recreated empty."""


class IndexMismatchError(IndexDirectoryError):
    """An index built with another encoder, model, dimension or format."""


class IndexPathError(IndexDirectoryError):
    """An index location that cannot hold an index: a file, or a directory inside a file."""


class IndexBusyError(IndexDirectoryError):
    """Another build or change of the same index is running."""
