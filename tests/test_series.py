"""Series and comparisons: a question over several years, places or subjects is read as the single
questions of its sides, each answered by the engine's single-answer rules, on one unit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from answer.model import Answer
from answer.question import parse_question
from answer.series import Series, SeriesKind, format_amount, read_series, series_unit
from corpus.model import Basis, Currency, Figure, Measure, Period, Unit, UnitFamily
from foundation.errors import QuestionError

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("question", "kind", "labels", "first"),
    [
        (
            "Tăng trưởng GDP của Việt Nam từ năm 2015 đến năm 2018",
            SeriesKind.YEARS,
            ["2015", "2016", "2017", "2018"],
            "Tăng trưởng GDP của Việt Nam năm 2015",
        ),
        (
            "xuất khẩu Bắc Ninh 2019 và 2020",
            SeriesKind.YEARS,
            ["2019", "2020"],
            "xuất khẩu Bắc Ninh năm 2019",
        ),
        (
            "Kim ngạch xuất khẩu của Bắc Ninh năm 2019, 2020 và 2021 là bao nhiêu?",
            SeriesKind.YEARS,
            ["2019", "2020", "2021"],
            "Kim ngạch xuất khẩu của Bắc Ninh năm 2019 là bao nhiêu?",
        ),
        (
            "xuất khẩu 2015 - 2017 qua các năm",
            SeriesKind.YEARS,
            ["2015", "2016", "2017"],
            "xuất khẩu năm 2015",
        ),
        (
            "So sánh xuất khẩu của Bắc Ninh và Lạng Sơn năm 2020",
            SeriesKind.COMPARISON,
            ["Bắc Ninh", "Lạng Sơn"],
            "xuất khẩu của Bắc Ninh năm 2020",
        ),
        (
            "Xuất khẩu gạo và cà phê năm 2017",
            SeriesKind.COMPARISON,
            ["gạo", "cà phê"],
            "Xuất khẩu gạo năm 2017",
        ),
        (
            "xuất khẩu sang Mỹ và Trung Quốc năm 2018",
            SeriesKind.COMPARISON,
            ["Mỹ", "Trung Quốc"],
            "xuất khẩu sang Mỹ năm 2018",
        ),
        # the same span of each year, even when only the first names it
        (
            "xuất khẩu 6 tháng đầu năm 2019 và 2020",
            SeriesKind.YEARS,
            ["6 tháng năm 2019", "6 tháng năm 2020"],
            "xuất khẩu 6 tháng năm 2019",
        ),
        (
            "xuất khẩu quý I/2019 và quý I/2020",
            SeriesKind.YEARS,
            ["quý I năm 2019", "quý I năm 2020"],
            "xuất khẩu quý I năm 2019",
        ),
        # spans of different lengths are compared, never joined into one line
        (
            "xuất khẩu quý I/2019 và 6 tháng đầu năm 2019",
            SeriesKind.COMPARISON,
            ["quý I năm 2019", "6 tháng năm 2019"],
            "xuất khẩu quý I năm 2019",
        ),
    ],
)
def test_questions_over_several_sides_are_read_as_single_questions(question, kind, labels, first):
    asked = read_series(question, TODAY)
    assert asked is not None
    assert asked.kind is kind
    assert [side.label for side in asked.sides] == labels
    assert asked.sides[0].question == first


@pytest.mark.parametrize(
    "question",
    [
        "Tăng trưởng GDP giai đoạn 2011-2015",  # a figure for the whole span
        "Tăng trưởng GDP bình quân từ 2016 đến 2020",  # an average of the span
        "Tổng cộng từ 2015 đến 2018 cả nước thu hút bao nhiêu vốn FDI?",
        "Kim ngạch xuất khẩu 2016-2020 của Bắc Ninh",  # a bare span of years, asked as a whole
        "Thương mại hai chiều giữa Việt Nam và Trung Quốc năm 2017",  # one bilateral figure
        "Kim ngạch xuất khẩu năm 2020 tăng bao nhiêu so với năm 2019?",  # a base, not a second year
        "Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?",
        "So sánh giúp tôi",
    ],
)
def test_single_figure_questions_stay_single(question):
    assert read_series(question, TODAY) is None


def test_no_question_of_the_dev_set_is_read_as_a_series():
    path = Path(__file__).parent / "data" / "dev_questions.jsonl"
    questions = [json.loads(line)["q"] for line in path.open(encoding="utf-8")]
    assert [q for q in questions if read_series(q, TODAY) is not None] == []


def test_every_year_asked_with_a_span_keeps_the_span():
    """ "6 tháng đầu năm qua các năm": six months of each year, never the whole year."""
    asked = read_series("Kim ngạch xuất khẩu 6 tháng đầu năm qua các năm", TODAY)
    assert asked is not None and asked.sides == ()
    question = asked.question_for_year(2018)
    assert question == "Kim ngạch xuất khẩu 6 tháng năm 2018"
    assert parse_question(question).period == Period(year=2018, months=6)


@pytest.mark.parametrize(
    ("question", "stated", "asked"),
    [
        ("Tổng kim ngạch xuất nhập khẩu của Lạng Sơn qua các năm", [2015, 2010, 2019], [2010, 2015, 2019]),
        ("FDI vào Việt Nam các năm gần đây", [2008, 2014, 2015, 2016, 2018, 2019], [2015, 2016, 2018, 2019]),
        ("Kim ngạch xuất khẩu từ 2016 đến nay", [2014, 2016, 2018], [2016, 2018]),
    ],
)
def test_open_series_take_the_years_the_articles_state(question, stated, asked):
    read = read_series(question, TODAY)
    assert read is not None and read.open_years is not None
    assert read.years_asked(stated) == asked
    assert parse_question(read.question_for_year(2016)).period == Period(year=2016)


def test_a_range_of_more_years_than_a_series_holds_is_refused_in_one_sentence():
    with pytest.raises(QuestionError, match="tối đa 30 năm"):
        read_series("Xuất khẩu từ năm 1950 đến năm 2020", TODAY)


def _figure(text: str, value: float, unit: Unit, measure: Measure = Measure.LEVEL, direction=None) -> Figure:
    return Figure(
        value, unit, text, "export", Period(2020), "Bắc Ninh", Basis.ACTUAL, measure, "a", 0, 1, 0, 1,
        direction=direction,
    )  # fmt: skip


def test_a_series_is_shown_in_one_unit_at_a_readable_scale():
    million = Unit("triệu USD", Currency("usd"), 6)
    billion = Unit("tỉ USD", Currency("usd"), 9)
    figures = [_figure("4.100 triệu USD", 4100, million), _figure("7,552 tỉ USD", 7.552, billion)]
    unit = series_unit(figures)
    assert unit is not None and unit.text == "tỷ USD"
    assert [unit.amount(f) for f in figures] == ["4,1 tỷ USD", "7,552 tỷ USD"]
    percent = Unit("%", UnitFamily.PERCENT)
    fall = _figure("2,5%", 2.5, percent, Measure.CHANGE, "giảm")
    assert series_unit([fall]).amount(fall) == "-2,5%"  # type: ignore[union-attr]
    thousand_billion = Unit("nghìn tỷ đồng", Currency("vnd"), 12)
    billion_dong = Unit("tỷ đồng", Currency("vnd"), 9)
    output = [
        _figure("1.127,9 nghìn tỷ đồng", 1127.9, thousand_billion),
        _figure("900 tỷ đồng", 900, billion_dong),
    ]
    unit = series_unit(output)
    assert [unit.amount(f) for f in output] == ["1.127,9 nghìn tỷ đồng", "0,9 nghìn tỷ đồng"]  # type: ignore[union-attr]


def test_amounts_are_written_the_vietnamese_way():
    assert format_amount(38905, 0) == "38.905"
    assert format_amount(4.1, 3) == "4,1"
    assert format_amount(1127.9, 1) == "1.127,9"


# -- on the articles ----------------------------------------------------------------------------------


def _series(engine, question: str) -> Series:
    result = engine.ask(question)
    assert isinstance(result, Series), result
    return result


def test_every_year_the_seeds_state_and_only_those(engine):
    series = _series(engine, "Tổng kim ngạch xuất nhập khẩu của Lạng Sơn qua các năm")
    assert [p.side.label for p in series.points] == ["2015", "2016"]
    year_2015, year_2016 = series.points
    assert year_2015.citation is not None and year_2015.citation.figure.text == "4.100 triệu USD"
    assert series.unit is not None and series.unit.amount(year_2015.citation.figure) == "4,1 tỷ USD"
    # 2016 has only its target: no result is shown for it, the target is a line of its own
    assert year_2016.citation is None and year_2016 in series.missing
    assert year_2016.target is not None and year_2016.target.figure.text == "3.700 triệu USD"


def test_each_point_is_the_single_answer_to_its_side(engine):
    series = _series(engine, "Tổng kim ngạch xuất nhập khẩu của Bắc Ninh từ năm 2019 đến năm 2021")
    for point in series.points:
        single = engine.answer(point.side.question)
        assert isinstance(single, Answer)
        assert (point.citation and point.citation.figure) == (single.best and single.best.figure)
    assert [p.side.label for p in series.found] == ["2020"]
    assert [p.side.label for p in series.missing] == ["2019", "2021"]  # 2021 has only a target


def test_a_year_series_takes_only_figures_of_whole_years(engine):
    for question in ("Tổng mức bán lẻ qua các năm", "Kim ngạch xuất khẩu qua các năm"):
        series = _series(engine, question)
        assert all(p.citation.figure.period.is_full_year for p in series.found if p.citation)


def test_a_comparison_answers_the_part_it_finds_and_names_the_rest(engine):
    series = _series(engine, "So sánh xuất khẩu của Bắc Ninh và Lạng Sơn năm 2020")
    assert series.kind is SeriesKind.COMPARISON
    bac_ninh, lang_son = series.points
    assert bac_ninh.citation is not None and bac_ninh.citation.figure.text == "38.905 triệu USD"
    assert lang_son.citation is None and series.missing == [lang_son]


def test_a_single_question_still_gets_a_single_answer(engine):
    assert isinstance(engine.ask("Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?"), Answer)


@pytest.mark.shared
def test_gdp_growth_over_four_years_on_real_articles(news_engine):
    """On real vi-news articles: one point a year, each from its article; 2015's rate is stated only as
    an aside in an article about 2016, which the single question of 2015 does not take."""
    series = _series(news_engine, "Tăng trưởng GDP của Việt Nam từ năm 2015 đến năm 2018")
    found = {p.side.label: (p.citation.figure.text, p.citation.source.id) for p in series.found if p.citation}
    assert found == {
        "2016": ("6,21%", "baomoi-21488286"),
        "2017": ("6,81%", "vietnews-train-017773"),
        "2018": ("7,08%", "vietnews-train-064369"),
    }
    assert [p.side.label for p in series.missing] == ["2015"]
    assert series.unit is not None and series.unit.text == "%"
