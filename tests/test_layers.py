"""One floor per package, and the floors point one way: a package imports only the ones below it,
and no module reaches itself again through its imports. Every module counts, nested ones too, and
every import: relative, lazy (inside a function) and type-only alike."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Bottom to top. benchmarks/ and tests/ stand outside: they may import any floor.
FLOORS = ("foundation", "corpus", "index", "answer", "bot", "solieu")
TOP = ("solieu.cli", "solieu.console")

Graph = dict[str, set[str]]


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    return {
        module_name(path, root): path
        for package in packages
        for path in sorted((root / package).rglob("*.py"))
    }


def _imported(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool) -> list[str]:
    """The dotted names an import statement loads, relative ones resolved against the importer."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = importer.split(".")
        anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
        base = ".".join([*anchor, base] if base else anchor)
    # "from corpus import figures" loads the module corpus.figures; "from corpus.model import Figure"
    # loads corpus.model: each name is tried as a module, and the graph keeps only those that exist.
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def imports(path: Path, name: str, ours: Iterable[str]) -> set[str]:
    """The modules of ours that loading `path` may load, at import time or later in a function."""
    known = set(ours)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for dotted in _imported(node, name, is_package):
                # Loading a.b.c runs a/__init__.py and a/b/__init__.py on the way.
                parts = dotted.split(".")
                found.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return (found & known) - {name}


def graph(root: Path, packages: Iterable[str]) -> Graph:
    found = modules(root, packages)
    return {name: imports(path, name, found) for name, path in found.items()}


def package_graph(files: Graph) -> Graph:
    packages: Graph = {}
    for name, imported in files.items():
        package = name.split(".")[0]
        packages.setdefault(package, set()).update(i.split(".")[0] for i in imported)
        packages[package].discard(package)
    return packages


def cycles(edges: Graph) -> list[list[str]]:
    """Every strongly connected group of two or more nodes (Tarjan), each as a path that closes."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for after in sorted(edges.get(node, ())):
            if after not in index:
                visit(after)
                low[node] = min(low[node], low[after])
            elif after in on_stack:
                low[node] = min(low[node], index[after])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


FILES = graph(REPO, FLOORS)
PACKAGES = package_graph(FILES)


def test_every_module_of_every_floor_is_walked():
    on_disk = {p for floor in FLOORS for p in (REPO / floor).rglob("*.py")}
    assert len(FILES) == len(on_disk) and {"foundation.errors", "solieu.cli", "bot.handlers"} <= set(FILES)


def test_the_foundation_imports_nothing_of_ours():
    assert PACKAGES["foundation"] == set()


@pytest.mark.parametrize("package", FLOORS)
def test_a_package_imports_only_the_floors_below_it(package):
    below = set(FLOORS[: FLOORS.index(package)])
    assert PACKAGES[package] <= below, f"{package} imports {PACKAGES[package] - below}"


@pytest.mark.parametrize("module", sorted(m for m in FILES if m.startswith("bot")))
def test_the_bot_never_imports_the_cli_or_the_console(module):
    assert not {name for name in FILES[module] if name.startswith(TOP)}


# The bot's modules that write messages stand below those that receive updates and send them.
MESSAGE_WRITERS = (
    "bot.blocks",
    "bot.buttons",
    "bot.commands",
    "bot.texts",
    "bot.answers",
    "bot.articles",
    "bot.inline",
)
SENDERS = {"bot.app", "bot.handlers", "bot.services", "bot.delivery", "bot.flood", "bot.feedback"}


@pytest.mark.parametrize("module", MESSAGE_WRITERS)
def test_what_writes_messages_never_imports_what_sends_them(module):
    assert not FILES[module] & SENDERS


def test_no_cycle_between_packages():
    assert cycles(PACKAGES) == []


def test_no_cycle_between_modules():
    assert cycles(FILES) == []


def test_a_cycle_through_a_lazy_relative_import_is_found(tmp_path):
    """The walk itself: a cycle hidden in a function, written relatively, two floors down, is caught."""
    (tmp_path / "top" / "inner").mkdir(parents=True)
    (tmp_path / "top" / "__init__.py").write_text("")
    (tmp_path / "top" / "inner" / "__init__.py").write_text("")
    (tmp_path / "top" / "cli.py").write_text("from .inner import console\n")
    (tmp_path / "top" / "inner" / "console.py").write_text("def run():\n    from ..cli import main\n")
    (tmp_path / "low").mkdir()
    (tmp_path / "low" / "__init__.py").write_text("def f():\n    import top.cli\n")
    files = graph(tmp_path, ("top", "low"))
    assert files["top.inner.console"] == {"top", "top.cli"}
    assert cycles(files) == [["top.cli", "top.inner.console"]]
    assert package_graph(files) == {"top": set(), "low": {"top"}}
