"""The reply text shared by the CLI and the bot: figure first, then the quote, then the source."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from answer.matching import year_written
from answer.model import Answer, Citation, Explanation, Source, Status
from corpus.figures import UNKNOWN_PARTNER
from corpus.model import Basis, Figure, Measure, Subject
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
    words = [
        subject.commodity,
        _market(subject.partner) if subject.partner else None,
        vocabulary().sector_labels.get(subject.sector, subject.sector) if subject.sector else None,
        subject.company,
    ]
    return ", ".join(word for word in words if word)


def _market(partner: str) -> str:
    """ "thị trường Trung Quốc"; two-way trade with a country the article does not name says so."""
    return "thị trường chưa nêu tên" if partner == UNKNOWN_PARTNER else f"thị trường {partner}"


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


def render_text(answer: Answer) -> str:
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


def to_json(answer: Answer) -> dict:
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
