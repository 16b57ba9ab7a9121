"""A series as a PNG chart: one figure a year on a line, or places and subjects as bars; each value
written at its point, the series' unit on the axis, the periods no article states marked as such, a
target as a dashed line of its own, and the number of source articles in the footer.

Drawn with matplotlib's Agg backend through its object API (no pyplot, no display, nothing global),
so charts can be drawn in worker threads while the bot answers other chats. matplotlib is imported on
the first chart: answering text does not pay for it.
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

from answer.reply import missing_labels
from answer.series import Point, Series, SeriesKind, SeriesUnit, format_amount
from corpus.model import Basis, UnitFamily

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# 990 × 594 pixels: sharp on a phone, small to send.
SIZE_INCHES = (9.0, 5.4)
DPI = 110
TITLE_CHARACTERS = 72  # per line of the title
Y_TICKS = 6  # at most, on the value axis: each is text to lay out and draw
TITLE_LINE = 0.045  # of the figure's height, for each line of the title after the first
PNG_COMPRESSION = 1  # zlib level: a fraction of the time of the default 6, a few kB more
LINE_COLOUR = "#1f5fa8"
TARGET_COLOUR = "#8a8a8a"
CONFLICT_COLOUR = "#c0392b"
MISSING_COLOUR = "#9a9a9a"
NO_FIGURE = "không có\nsố liệu"
CROWDED = 10  # sides: beyond, their labels slant and a missing one is marked ×
CONFLICT_MARK = "*"
ESTIMATED = " (ước)"
CONFLICT_NOTE = "* các nguồn khác nhau cho số liệu này"


class ChartError(ValueError):
    """A series with nothing to draw."""


def render_png(series: Series) -> bytes:
    """The chart of a series with at least one figure in its unit, as PNG bytes."""
    if not series.plotted or series.unit is None:
        raise ChartError("không có số liệu nào để vẽ")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if series.kind is SeriesKind.YEARS:
        _draw_line(axes, series, series.unit)
        axes.set_xlabel("Năm" if all(p.side.label.isdigit() for p in series.points) else "Kỳ")
    else:
        _draw_bars(axes, series, series.unit)
    decimals = max(series.unit.decimals_of(p.citation.figure) for p in series.plotted if p.citation)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=Y_TICKS))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: format_amount(value, decimals)))
    axes.set_ylabel(series.unit.text)
    crowded = len(series.points) > CROWDED
    axes.set_xticks(
        range(len(series.points)),
        [p.side.label for p in series.points],
        rotation=45 if crowded else 0,
        ha="right" if crowded else "center",
    )
    axes.set_xlim(-0.6, len(series.points) - 0.4)
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    title = textwrap.wrap(series.question, TITLE_CHARACTERS)
    # On the figure, not the axes: an axes' title is placed by measuring its tick labels first.
    figure.text(0.01, 0.975, "\n".join(title), fontsize=13, va="top")
    figure.text(0.01, 0.015, _footer(series), fontsize=9, color="#555555")
    # Fixed margins: fitting them to the labels (tight_layout) draws the chart twice.
    figure.subplots_adjust(left=0.09, right=0.98, bottom=0.17, top=0.9 - TITLE_LINE * (len(title) - 1))
    png = io.BytesIO()
    figure.savefig(png, format="png", pil_kwargs={"compress_level": PNG_COMPRESSION})
    return png.getvalue()


def _value(unit: SeriesUnit, point: Point) -> float | None:
    return unit.rounded_value(point.citation.figure) if point.citation and point.comparable else None


def _target(unit: SeriesUnit, point: Point) -> float | None:
    target = point.target
    return unit.rounded_value(target.figure) if target and unit.holds(target.figure) else None


def _draw_line(axes: Axes, series: Series, unit: SeriesUnit) -> None:
    values = [_value(unit, p) for p in series.points]
    shown = [(x, v) for x, v in enumerate(values) if v is not None]
    xs, ys = zip(*shown, strict=True)
    axes.plot(xs, ys, marker="o", markersize=7, linewidth=2, color=LINE_COLOUR, label="Số liệu")
    targets = [(x, t) for x, p in enumerate(series.points) if (t := _target(unit, p)) is not None]
    if targets:
        target_xs, target_ys = zip(*targets, strict=True)
        axes.plot(
            target_xs,
            target_ys,
            marker="s",
            linestyle="--",
            linewidth=1.5,
            color=TARGET_COLOUR,
            label="Mục tiêu",
        )
        for x, target in targets:
            _label(axes, x, target, unit, series.points[x], TARGET_COLOUR, below=True)
        axes.legend(loc="best", frameon=False)
    for x, value in shown:
        _label(axes, x, value, unit, series.points[x], LINE_COLOUR)
    # Amounts stand on zero, as bars do, so that a line of two points does not make 4,1 look like
    # twice 3,7; a rate or a change is drawn around its values.
    amounts = unit.family not in (UnitFamily.PERCENT, UnitFamily.POINTS)
    _pad(axes, [v for _, v in shown] + [t for _, t in targets], from_zero=amounts)
    _mark_missing(axes, series)


def _draw_bars(axes: Axes, series: Series, unit: SeriesUnit) -> None:
    values = [_value(unit, p) for p in series.points]
    shown = [(x, v) for x, v in enumerate(values) if v is not None]
    xs, heights = zip(*shown, strict=True)
    axes.bar(xs, heights, width=0.6, color=LINE_COLOUR)
    axes.axhline(0, color="#444444", linewidth=0.8)
    for x, value in shown:
        _label(axes, x, value, unit, series.points[x], "#222222")
    _pad(axes, [v for _, v in shown], from_zero=True)
    _mark_missing(axes, series)


def _label(
    axes: Axes, x: int, value: float, unit: SeriesUnit, point: Point, colour: str, *, below: bool = False
) -> None:
    """The value written at its point, starred when the articles disagree on it."""
    figure = point.target.figure if below and point.target else point.citation.figure  # type: ignore[union-attr]
    text = format_amount(value, unit.decimals_of(figure))
    if figure.basis is Basis.ESTIMATE:
        text += ESTIMATED
    if not below and point.answer.conflicts:
        text += CONFLICT_MARK
        colour = CONFLICT_COLOUR
    offset = -16 if below else 9
    axes.annotate(
        text,
        (x, value),
        textcoords="offset points",
        xytext=(0, offset),
        ha="center",
        fontsize=10,
        color=colour,
    )


def _pad(axes: Axes, values: list[float], *, from_zero: bool = False) -> None:
    """Room above and below the values for their labels; bars stand on zero."""
    low, high = min(values), max(values)
    if from_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    margin = (high - low) * 0.15 or abs(high) * 0.15 or 1.0
    axes.set_ylim(low - margin if low < 0 or not from_zero else 0.0, high + margin)


def _mark_missing(axes: Axes, series: Series) -> None:
    """ "không có số liệu" over each side no figure answers (a target alone is no figure); a grey ×
    when there are too many sides for words."""
    crowded = len(series.points) > CROWDED
    for x, point in enumerate(series.points):
        if point.citation is None or not point.comparable:
            axes.text(
                x,
                0.04,
                "×" if crowded else NO_FIGURE if point.citation is None else "khác đơn vị",
                transform=axes.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=8,
                color=MISSING_COLOUR,
            )


def _footer(series: Series) -> str:
    """ "Nguồn: 3 bài báo · Không có số liệu: 2015 · Số Liệu"."""
    parts = [f"Nguồn: {len(series.sources)} bài báo (bảng kèm theo)"]
    if series.missing:
        parts.append(f"Không có số liệu: {missing_labels(series)}")
    if any(p.answer.conflicts for p in series.plotted):
        parts.append(CONFLICT_NOTE)
    return " · ".join([*parts, "Số Liệu"])
