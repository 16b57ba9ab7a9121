"""docs/how-it-answers.md cannot drift: every example in its tables is read here as the doc states.

A row's example is a sentence with its figure in **bold** (read as one paragraph of an article,
titled as the `[…]` before it says, else "Bài"), or a question after "Hỏi:". Its reading is a list of
`key: value` code spans, each compared with what corpus.figures or answer.question makes of it; the
checks table gives a question, a sentence, and the check that figure fails (`✓` when it answers).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from answer import matching
from answer.question import Question, parse_question
from corpus.articles import parse_text
from corpus.bases import base_after
from corpus.figures import extract_figures
from corpus.model import Figure, as_written
from tests.test_matching import _candidate

DOC = Path(__file__).resolve().parents[1] / "docs" / "how-it-answers.md"
NONE = "—"
ASKED = "Hỏi:"
ANSWERS = "✓"
_TITLED = re.compile(r"^\[(?P<title>[^\]]+)\]\s*(?P<text>.+)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_READING = re.compile(r"`([a-z_]+): ([^`]*)`")
_CODE = re.compile(r"`([^`]*)`")


@dataclass(frozen=True)
class Row:
    section: str
    cells: dict[str, str]

    @property
    def id(self) -> str:
        return f"{self.section}: {self.cells.get('phrase') or self.cells.get('refuses', '')}"[:90]


def _rows() -> list[Row]:
    rows = []
    section = ""
    header: list[str] | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section, header = line[3:].strip(), None
        elif not line.startswith("|"):
            header = None
        elif header is None:
            header = _cells(line)
        elif not set(line) <= set("|-: "):
            rows.append(Row(section, dict(zip(header, _cells(line), strict=True))))
    return rows


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _text(value: object) -> str:
    if value is None or value == "" or value == ():
        return NONE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


FIGURE_READINGS: dict[str, Callable[[Figure, str], object]] = {
    "value": lambda f, _: f.value,
    "unit": lambda f, _: f.unit.text,
    "counts": lambda f, _: f.unit.noun,
    "classifies": lambda f, _: f.unit.classified,
    "metric": lambda f, _: f.metric,
    "period": lambda f, _: f.period.label(),
    "year": lambda f, _: f.period.year,
    "place": lambda f, _: f.place,
    "area": lambda f, _: f.area,
    "commodity": lambda f, _: f.subject.commodity,
    "partner": lambda f, _: as_written(f.subject.partner),
    "sector": lambda f, _: as_written(f.subject.sector),
    "company": lambda f, _: as_written(f.subject.company),
    "kind": lambda f, _: f.kind,
    "qualifier": lambda f, _: f.qualifier,
    "base": lambda f, text: base_after(text, f.end),
}

QUESTION_READINGS: dict[str, Callable[[Question], object]] = {
    "metric": lambda q: q.metric,
    "period": lambda q: q.period.label() if q.period else None,
    "year": lambda q: q.period.year if q.period else None,
    "place": lambda q: q.place,
    "measure": lambda q: q.measure.value if q.measure else None,
    "plan": lambda q: q.wants_plan,
    "estimate": lambda q: q.wants_estimate,
    "average": lambda q: q.wants_average,
    "unit": lambda q: q.unit.text if q.unit else None,
    "counts": lambda q: q.unit.noun if q.unit else None,
    "commodity": lambda q: q.subject.commodity,
    "partner": lambda q: q.subject.partner,
    "sector": lambda q: q.subject.sector,
    "base": lambda q: q.base,
    "names": lambda q: ", ".join(q.names),
    "answerable": lambda q: q.answerable,
}


def _article_and_figure(example: str) -> tuple[str, str, str]:
    """The title, the plain text, and the bold figure of an example sentence."""
    titled = _TITLED.match(example)
    title, marked = (titled["title"], titled["text"]) if titled else ("Bài", example)
    (figure,) = _BOLD.findall(marked)
    return title, _BOLD.sub(r"\1", marked), figure


def _readings(cell: str) -> dict[str, str]:
    readings = dict(_READING.findall(cell))
    assert readings or cell == "`no figure`", f"no `key: value` reading in {cell!r}"
    return readings


READING_ROWS = [row for row in _rows() if "reading" in row.cells]
CHECK_ROWS = [row for row in _rows() if "check" in row.cells]


def test_the_doc_has_examples_in_every_section():
    sections = {row.section for row in READING_ROWS + CHECK_ROWS}
    assert len(sections) >= 8 and len(READING_ROWS) + len(CHECK_ROWS) >= 60


@pytest.mark.parametrize("row", READING_ROWS, ids=lambda row: row.id)
def test_each_example_is_read_as_the_doc_says(row):
    example, readings = row.cells["example"], _readings(row.cells["reading"])
    if example.startswith(ASKED):
        question = parse_question(example.removeprefix(ASKED).strip())
        found = {key: _text(QUESTION_READINGS[key](question)) for key in readings}
    else:
        title, text, figure_text = _article_and_figure(example)
        article = parse_text(f"{title}\n\n{text}", "t")
        figures = [f for f in extract_figures(article) if f.text == figure_text]
        if not readings:
            assert not figures, f"{figure_text!r} is read as a figure"
            return
        assert figures, f"no figure {figure_text!r} in {text!r}"
        found = {key: _text(FIGURE_READINGS[key](figures[0], article.text)) for key in readings}
    assert found == readings


@pytest.mark.parametrize("row", CHECK_ROWS, ids=lambda row: row.id)
def test_each_check_refuses_its_example(row):
    question = row.cells["question"].removeprefix(ASKED).strip()
    title, text, figure_text = _article_and_figure(row.cells["sentence"])
    candidate = _candidate(question, text, figure_text, title=title)
    why_not = matching.why_not(parse_question(question), candidate)
    shown = _CODE.findall(row.cells["check"])
    assert (why_not or ANSWERS) == (shown[0] if shown else ANSWERS)
