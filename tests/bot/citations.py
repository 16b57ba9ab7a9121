"""Citations for render tests: a figure at a given place in its quoted sentence."""

from __future__ import annotations

from answer.model import Citation, Source
from corpus.model import Basis, Figure, Measure, Period
from corpus.numbers import parse_unit

SENTENCE_START = 100  # where the quoted sentence starts in its article


def citation(
    quote: str,
    figure_text: str,
    start: int,
    source: Source,
    *,
    place: str | None = "Bắc Ninh",
    basis: Basis = Basis.ACTUAL,
) -> Citation:
    """Retail sales of 1.234 tỷ đồng in 2020, written as `figure_text` at `start` in `quote`."""
    figure = Figure(
        value=1234,
        unit=parse_unit("tỷ đồng"),
        text=figure_text,
        metric="retail",
        period=Period(2020),
        place=place,
        basis=basis,
        measure=Measure.LEVEL,
        article_id=source.id,
        start=SENTENCE_START + start,
        end=SENTENCE_START + start + len(figure_text),
        sentence_start=SENTENCE_START,
        sentence_end=SENTENCE_START + len(quote),
    )
    return Citation(figure, quote, source)
