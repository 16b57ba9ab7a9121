"""Figure attribution on real news sentences, table-driven.

The tables in tests/data/attribution_*.jsonl were written by people reading the sentences of the
vi-news corpus (not by running the extractor): for each figure, its value and unit, metric, period
span and year, place, subject (commodity / partner / sector / company) and kind. The articles stay
in ../shared (they are not ours to copy); without it these tests are skipped.

Each entry is checked field by field. The fields the extractor does not yet read right are listed in
attribution_known_gaps.txt and run as strict xfails: fixing one makes its test fail until it is taken
off the list, and a field that regresses fails at once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from corpus.articles import read_jsonl
from corpus.figures import extract_figures
from corpus.model import Article, Figure
from tests.conftest import SHARED

DATA = Path(__file__).parent / "data"
NEWS = SHARED / "corpus" / "vi-news" / "articles.jsonl"
TABLES = sorted(DATA.glob("attribution_*.jsonl"))
KNOWN_GAPS = DATA / "attribution_known_gaps.txt"
# How far after the end of its anchor a figure may start (a qualifier such as "gần" may sit between).
ANCHOR_SLACK = 40


def _entries() -> list[dict]:
    return [
        json.loads(line)
        for table in TABLES
        for line in table.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def entry_key(entry: dict) -> str:
    return f"{entry['article']}|{entry['anchor']}|{entry['figure']}"


def _known_gaps() -> set[str]:
    if not KNOWN_GAPS.exists():
        return set()
    return {
        line
        for line in KNOWN_GAPS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }


@lru_cache(maxsize=1)
def _articles() -> dict[str, Article]:
    return {article.id: article for article in read_jsonl(NEWS)}


@lru_cache(maxsize=256)
def _figures(article_id: str) -> tuple[Figure, ...]:
    return tuple(extract_figures(_articles()[article_id]))


def _span(figure: Figure) -> dict:
    period = figure.period
    span: dict = {"year": period.year}
    months = 3 if period.quarter == 1 else period.months  # quý I ≡ 3 tháng đầu năm
    if months:
        span["months"] = months
    elif period.quarter:
        span["quarter"] = period.quarter
    elif period.month:
        span["month"] = period.month
    return span


def _expected_span(entry: dict) -> dict:
    span = dict(entry["span"])
    if span.get("quarter") == 1:
        span["months"] = 3
        del span["quarter"]
    return span


FIELDS = ("unit", "metric", "span", "place", "subject", "kind")


def located(entry: dict, article: Article, figures: tuple[Figure, ...]) -> Figure | None:
    """The extracted figure the entry is about: its value, just after its anchor."""
    anchor = article.text.find(entry["anchor"])
    if anchor == -1:
        return None
    anchor_end = anchor + len(entry["anchor"])
    found = [
        f
        for f in figures
        if anchor_end - 2 <= f.start <= anchor_end + ANCHOR_SLACK and abs(f.value - entry["value"]) < 1e-9
    ]
    return found[0] if found else None


def read_as(figure: Figure, field: str):
    """What the extractor says of one field, in the table's terms."""
    if field == "unit":
        return " ".join(figure.unit.text.lower().split())
    if field == "span":
        return _span(figure)
    if field == "subject":
        return figure.subject.to_json()
    return getattr(figure, field)


def expected(entry: dict, field: str):
    if field == "unit":
        return " ".join(entry["unit"].lower().split())
    if field == "span":
        return _expected_span(entry)
    return entry[field]


def attribution_mismatches(entry: dict, article: Article, figures: tuple[Figure, ...]) -> list[str]:
    """What the extractor reads differently from the person who wrote the entry."""
    figure = located(entry, article, figures)
    if figure is None:
        return [f"no figure {entry['figure']!r} extracted after the anchor"]
    return [
        f"{field}: got {read_as(figure, field)!r}, want {expected(entry, field)!r}"
        for field in FIELDS
        if read_as(figure, field) != expected(entry, field)
    ]


def _cases() -> list:
    gaps = _known_gaps()
    return [
        pytest.param(
            entry,
            field,
            id=f"{entry['class']}:{entry['article']}:{entry['figure']}:{field}",
            marks=[pytest.mark.xfail(strict=True, reason="known gap")]
            if f"{entry_key(entry)}|{field}" in gaps
            else [],
        )
        for entry in _entries()
        for field in ("located", *FIELDS)
    ]


@pytest.mark.shared
@pytest.mark.skipif(
    not NEWS.exists(), reason="needs ../shared/corpus/vi-news (the articles are not copied here)"
)
@pytest.mark.parametrize(("entry", "field"), _cases())
def test_figure_attribution_on_real_sentences(entry, field):
    article = _articles()[entry["article"]]
    figure = located(entry, article, _figures(entry["article"]))
    assert figure is not None, f"no figure {entry['figure']!r} extracted after the anchor"
    if field != "located":
        assert read_as(figure, field) == expected(entry, field)


def test_the_tables_cover_every_class_with_enough_sentences():
    entries = _entries()
    assert len(entries) >= 150
    classes = {entry["class"] for entry in entries}
    assert {
        "span",
        "undated",
        "target",
        "estimate",
        "commodity",
        "partner",
        "sector_company",
        "place",
        "count",
    } <= classes
