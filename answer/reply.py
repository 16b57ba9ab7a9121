"""The reply text shared by the CLI and the bot: figure first, then the quote, then the source; for a
series, one line a period (or a place) in the series' unit, each cited, then what is missing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from answer.matching import year_written
from answer.model import Answer, Citation, Explanation, Source, Status
from answer.series import Point, Series, SeriesKind, SeriesUnit
from corpus.model import Basis, Figure, Measure, Partner, Subject, Unnamed, as_written
from corpus.vocabulary import vocabulary

CLOSEST_HEADING = "Số liệu gần nhất (không phải câu trả lời):"
CONFLICTS_HEADING = "Các nguồn khác nhau:"
AMBIGUOUS_HEADING = "Có nhiều số liệu khớp câu hỏi; số liệu phù hợp nhất:"
ALTERNATIVES_HEADINGS = {
    Status.ANSWERED: "Số liệu khác:",
    Status.AMBIGUOUS: "Các số liệu khớp khác:",
    Status.NOT_FOUND: CLOSEST_HEADING,
}


def figure_headline(figure: Figure) -> str:
    """ "Mục tiêu: 68,8 tỷ USD", "ước tính 5.763 triệu USD", "tăng 14,3%": a plan is called a target."""
    amount = f"{figure.qualifier} {figure.text}" if figure.qualifier else figure.text
    if figure.measure is Measure.CHANGE and figure.direction:
        amount = f"{figure.direction} {amount}"
    elif figure.measure is Measure.SHARE_OF_PLAN:
        amount = f"{amount} kế hoạch"
    if figure.basis is Basis.PLAN:
        return f"Mục tiêu: {amount}"
    if figure.basis is Basis.ESTIMATE:
        return f"Ước tính: {amount}"
    return amount


def figure_context(citation: Citation) -> str:
    """What, when and where: "kim ngạch xuất khẩu · năm 2020 · Bắc Ninh". A figure that names no
    period (a day's gold price) is of its article's day: "theo bài ngày 06/02/2017"."""
    figure, vocab = citation.figure, vocabulary()
    if not figure.metric:
        what = "số liệu"
    elif figure.metric in vocab.metrics:
        what = vocab.metric_label(figure.metric)
    else:
        what = " ".join(filter(None, ("số", figure.metric, figure.unit.classified)))  # "số chiếc F-15"
    subject = figure.subject
    if figure.metric in vocab.metrics and subject.commodity == vocab.metrics[figure.metric].commodity:
        subject = replace(subject, commodity=None)  # "giá xăng dầu", not "giá xăng dầu (xăng dầu)"
    if not subject.is_total:
        what = f"{what} ({subject_words(subject)})"
    parts = [what]
    published = citation.source.date
    undated = f"theo bài ngày {format_date(published)}" if published else "không rõ năm"
    period = figure.period.label()
    if period and figure.period.year and not year_written(figure, citation.quote):
        period += " (năm suy ra từ bài)"
    parts.append(period or undated)
    parts.append(", ".join(filter(None, (figure.area, figure.place))) or "không rõ địa phương")
    return " · ".join(parts)


def subject_words(subject: Subject) -> str:
    """ "gạo, thị trường Trung Quốc", "khu vực FDI", "Vietcombank"."""
    sector = as_written(subject.sector)
    words = [
        subject.commodity,
        _market(subject.partner) if subject.partner else None,
        vocabulary().sector_labels.get(sector, sector) if sector else None,
        as_written(subject.company),
    ]
    return ", ".join(word for word in words if word)


def _market(partner: Partner) -> str:
    """ "thị trường Trung Quốc"; two-way trade with a country the article does not name says so."""
    return "thị trường chưa nêu tên" if partner is Unnamed.PARTNER else f"thị trường {partner}"


def source_line(source: Source) -> str:
    parts = [source.title]
    if source.date:
        parts.append(format_date(source.date))
    parts.append(source.url or source.id)
    return " · ".join(parts)


def format_date(iso: str) -> str:
    if iso.startswith("--"):
        return f"{iso[5:7]}/{iso[2:4]}"
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def _figure_line(citation: Citation) -> str:
    """ "7,552 tỉ USD — kim ngạch xuất khẩu · 4 tháng năm 2017 · Bắc Ninh (id)"."""
    return f"{figure_headline(citation.figure)} — {figure_context(citation)} ({citation.source.id})"


def closest_line(citation: Citation) -> str:
    """ "• 7,552 tỉ USD — kim ngạch xuất khẩu · 4 tháng năm 2017 · Bắc Ninh (id) — khác kỳ"."""
    line = f"• {_figure_line(citation)}"
    return f"{line} — {citation.why_not}" if citation.why_not else line


def conflicts_line(answer: Answer) -> str:
    """ "Các nguồn khác nhau: 746 tỷ đồng (bài …) · 743 tỷ đồng (bài …)": the answer's figure and
    each other article's ("" when the articles agree)."""
    if answer.best is None or not answer.conflicts:
        return ""
    cited = (answer.best, *answer.conflicts)
    return f"{CONFLICTS_HEADING} " + " · ".join(
        f"{figure_headline(c.figure)} (bài {c.source.id})" for c in cited
    )


def rival_line(citation: Citation) -> str:
    """One conflicting figure cited: its amount, its sentence, its article."""
    return f"• {figure_headline(citation.figure)}: “{citation.quote}” — {source_line(citation.source)}"


def not_found_sentence(answer: Answer) -> str:
    question = answer.parsed
    what = vocabulary().metric_label(question.metric) if question.metric else "số liệu này"
    if not question.subject.is_total:
        what += f" ({subject_words(question.subject)})"
    where = f" của {question.place}" if question.place else ""
    when = f" {question.period.label()}" if question.period else ""
    kind = "mục tiêu " if question.wants_plan else ""
    if not question.answerable:
        return (
            "Không tìm thấy câu trả lời: Số Liệu chỉ trả lời bằng số liệu có trong bài báo "
            "(giá trị, mức tăng giảm, tỷ trọng, kế hoạch), không trả lời câu hỏi về thứ hạng, lý do hay con người."
        )
    if answer.reason == "question":
        return "Không tìm thấy số liệu phù hợp. Hãy hỏi rõ chỉ tiêu, năm và địa phương, ví dụ: “Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?”"
    return f"Không tìm thấy {kind}{what}{where}{when} trong các bài báo đã lập chỉ mục."


def render_text(answer: Answer | Series) -> str:
    if isinstance(answer, Series):
        return _render_series(answer)
    if answer.status is Status.NOT_FOUND or answer.best is None:
        lines = [not_found_sentence(answer)]
        if answer.alternatives:
            lines.append(CLOSEST_HEADING)
            lines += [closest_line(c) for c in answer.alternatives]
        return "\n".join(lines)
    best = answer.best
    lines = []
    if answer.status is Status.AMBIGUOUS:
        lines.append(AMBIGUOUS_HEADING)
    lines += [
        f"{figure_headline(best.figure)} — {figure_context(best)}",
        f"“{best.quote}”",
        f"Nguồn: {source_line(best.source)}",
    ]
    if answer.conflicts:
        lines += [conflicts_line(answer), *(rival_line(c) for c in answer.conflicts)]
    if answer.alternatives:
        lines.append(ALTERNATIVES_HEADINGS[answer.status])
        lines += [closest_line(c) for c in answer.alternatives]
    return "\n".join(lines)


def to_json(answer: Answer | Series) -> dict:
    if isinstance(answer, Series):
        return _series_json(answer)
    best = answer.best
    return {
        "status": answer.status.value,
        "question": answer.question,
        "answer": render_text(answer),
        "figure": best.figure_json() if best else None,
        "quote": best.quote if best else None,
        "source": best.source.to_json() if best else None,
        "alternatives": [c.to_json() for c in answer.alternatives],
        "conflicts": [c.to_json() for c in answer.conflicts],
    }


# -- series and comparisons --------------------------------------------------------------------------


def series_status(series: Series) -> Status:
    return Status.ANSWERED if series.found else Status.NOT_FOUND


def series_summary(series: Series) -> str:
    """ "Đơn vị: tỷ USD · 2/4 năm có số liệu · 3 bài báo"."""
    sides = "năm" if series.kind is SeriesKind.YEARS else "mục"
    found = f"{len(series.found)}/{len(series.points)} {sides} có số liệu"
    parts = [f"Đơn vị: {series.unit.text}" if series.unit else "", found, f"{len(series.sources)} bài báo"]
    return " · ".join(part for part in parts if part)


def shown_amount(unit: SeriesUnit | None, figure: Figure) -> str:
    """The figure in the series' unit as a headline ("Ước tính: tăng 6,81%"), with the amount as the
    article writes it when the unit changes it: "4,1 tỷ USD (bài viết 4.100 triệu USD)"."""
    if unit is None or not unit.holds(figure):
        return f"{figure_headline(figure)} (khác đơn vị)"
    amount = unit.amount(figure).removeprefix("-")
    converted = figure_headline(replace(figure, text=amount))
    same = amount.replace("tỉ", "tỷ") == figure.text.replace("tỉ", "tỷ").replace(" %", "%")
    return converted if same else f"{converted} (bài viết {figure.text})"


def point_line(series: Series, point: Point) -> str:
    """ "• 2015: 4,1 tỷ USD (bài viết 4.100 triệu USD) — bài 001_84f6…", or "• 2019: không có số liệu"."""
    citation = point.citation
    if citation is None:
        return f"• {point.side.label}: không có số liệu"
    return f"• {point.side.label}: {shown_amount(series.unit, citation.figure)} — bài {citation.source.id}"


def target_heading(series: Series, point: Point) -> str:
    """ "Mục tiêu 2016: 3,7 tỷ USD (bài viết 3.700 triệu USD)" ("" without a target)."""
    target = point.target
    if target is None:
        return ""
    return f"Mục tiêu {point.side.label}: {shown_amount(series.unit, replace(target.figure, basis=Basis.ACTUAL))}"


def target_line(series: Series, point: Point) -> str:
    """The target heading and its article ("" without a target)."""
    target = point.target
    return f"{target_heading(series, point)} — bài {target.source.id}" if target else ""


def missing_labels(series: Series) -> str:
    """The sides no figure answers, runs of years as one: "2010–2019, 2021", "Lạng Sơn"."""
    runs: list[list[Point]] = []
    for point in series.missing:
        year = point.side.year
        if runs and year is not None and runs[-1][-1].side.year == year - 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    shown = [
        ", ".join(p.side.label for p in run) if len(run) < 3 else f"{run[0].side.label}–{run[-1].side.label}"
        for run in runs
    ]
    return ", ".join(shown)


def missing_line(series: Series) -> str:
    """ "Không có số liệu: 2010–2019, 2021." ("" when every side is answered)."""
    return f"Không có số liệu: {missing_labels(series)}." if series.missing else ""


def _render_series(series: Series) -> str:
    if not series.points:
        return f"Không tìm thấy số liệu nào cho “{series.question}” trong các bài báo đã lập chỉ mục."
    lines = [series.question, series_summary(series)]
    for point in series.points:
        lines.append(point_line(series, point))
        citation = point.citation
        if citation is not None:
            lines += [
                f"  {figure_context(citation)}",
                f"  “{citation.quote}”",
                f"  Nguồn: {source_line(citation.source)}",
            ]
            if point.answer.conflicts:
                lines += [
                    f"  {conflicts_line(point.answer)}",
                    *(f"  {rival_line(c)}" for c in point.answer.conflicts),
                ]
        if point.target is not None:
            lines.append(f"  {target_line(series, point)}")
    lines.append(missing_line(series))
    return "\n".join(line for line in lines if line)


def _series_json(series: Series) -> dict:
    def point_json(point: Point, citation: Citation) -> dict:
        unit = series.unit
        value = unit.rounded_value(citation.figure) if unit and unit.holds(citation.figure) else None
        return {"label": point.side.label, "year": point.side.year, "value": value} | citation.to_json()

    return {
        "status": series_status(series).value,
        "question": series.question,
        "answer": render_text(series),
        "kind": series.kind.value,
        "unit": series.unit.text if series.unit else None,
        "figure": None,
        "quote": None,
        "source": None,
        "alternatives": [],
        "series": [point_json(p, p.citation) for p in series.points if p.citation],
        "targets": [point_json(p, p.target) for p in series.points if p.target],
        "missing": [p.side.label for p in series.missing],
        "conflicts": [point_json(p, c) for p in series.points for c in p.answer.conflicts],
    }


def question_reading(explanation: Explanation) -> str:
    """ "Câu hỏi: chỉ tiêu lợi nhuận · quý II năm 2017 · công ty/tên: hhs · từ khác: sau, thuế"."""
    question, vocab = explanation.question, vocabulary()
    parts = [
        f"chỉ tiêu {vocab.metric_label(question.metric)}" if question.metric else "không rõ chỉ tiêu",
        question.period.label() if question.period else "không nêu kỳ",
        question.place or "không nêu nơi",
    ]
    if not question.subject.is_total:
        parts.append(subject_words(question.subject))
    if question.measure or question.wants_plan or question.wants_estimate:
        wanted = [
            question.measure.value if question.measure else "",
            "mục tiêu" if question.wants_plan else "",
        ]
        parts.append(
            "loại: " + ", ".join(filter(None, [*wanted, "ước tính" if question.wants_estimate else ""]))
        )
    if question.unit:
        parts.append(f"đơn vị: {question.unit.text}")
    if question.names:
        parts.append("tên: " + ", ".join(question.names))
    if question.keywords:
        parts.append("từ khác: " + ", ".join(question.keywords))
    return "Câu hỏi: " + " · ".join(parts)


def render_explanation(explanation: Explanation) -> str:
    """The reading, then each likely figure with the check that ruled it out, or ✓ if it answers."""
    lines = [question_reading(explanation)]
    for citation in explanation.figures:
        mark = "✓ trả lời được" if citation.why_not is None else f"✗ {citation.why_not}"
        lines.append(f"{mark}: {_figure_line(citation)}")
    if not explanation.figures:
        lines.append("Không có số liệu nào gần với câu hỏi.")
    return "\n".join(lines)
