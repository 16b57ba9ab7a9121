"""The layers point one way: the foundation (settings, errors) imports nothing of ours; corpus, index
and answer import nothing from the bot or the command line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
OURS = ("corpus", "index", "answer", "bot", "solieu")
FOUNDATION = ("foundation.settings", "foundation.errors")
TOPS = ("bot", "solieu.cli", "solieu.console")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {name for name in found if name.split(".")[0] in OURS}


def _modules(package: str) -> list[Path]:
    return sorted((REPO / package).glob("*.py"))


@pytest.mark.parametrize("module", FOUNDATION)
def test_the_foundation_imports_nothing_of_ours(module):
    assert _imports(REPO / f"{module.replace('.', '/')}.py") == set()


@pytest.mark.parametrize(
    "path",
    [p for package in ("corpus", "index", "answer") for p in _modules(package)],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_lower_layers_never_import_the_bot_or_the_cli(path):
    assert not {name for name in _imports(path) if name.startswith(TOPS)}


@pytest.mark.parametrize("path", [p for p in _modules("corpus")], ids=lambda p: p.name)
def test_corpus_reads_text_and_knows_no_index_or_answer(path):
    assert not {name for name in _imports(path) if name.startswith(("index", "answer"))}


@pytest.mark.parametrize("path", [p for p in _modules("index")], ids=lambda p: p.name)
def test_the_index_knows_nothing_of_answering(path):
    assert not {name for name in _imports(path) if name.startswith("answer")}
