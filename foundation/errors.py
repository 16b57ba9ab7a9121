"""Our own exception types: each says, in one sentence, what went wrong and what to do."""


class SolieuError(Exception):
    """Base for every error we expect and can explain to a user."""


class ArticleError(SolieuError):
    """An article file that cannot be read or has no usable text."""


class IndexMismatchError(SolieuError):
    """An index built with another encoder, model, dimension or format."""


class IndexMissingError(SolieuError):
    """No index where one was expected."""


class IndexPathError(SolieuError):
    """An index location that cannot hold an index: a file, or a directory inside a file."""


class EncoderError(SolieuError):
    """An embedding model that cannot be loaded."""


class QuestionError(SolieuError):
    """A question we cannot work with (empty, too long)."""


class IndexDamagedError(SolieuError):
    """An index whose files are missing, empty or unreadable: it must be rebuilt, never recreated empty."""


class IndexBusyError(SolieuError):
    """Another build or change of the same index is running."""
