"""Which reading rules made a set of figures: a fingerprint of this package's code and vocabulary.

An index keeps the figures it read when it was built. After an upgrade that reads Vietnamese
differently (a new period wording, a new cue), those figures are stale until the articles are read
again; the fingerprint lets an index say so.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).parent
_RULE_FILES = ("*.py", "*.toml")  # the bundled articles are data the rules read, not rules


@cache
def rules_fingerprint() -> str:
    digest = hashlib.sha256()
    files = sorted(path for pattern in _RULE_FILES for path in _PACKAGE.glob(pattern))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
