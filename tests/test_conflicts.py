"""Conflicting sources: another article's figure for the same thing with another amount is shown
beside the answer, both cited; the same amount said less precisely is no conflict."""

from __future__ import annotations

import json

import pytest

from answer.conflicts import restates
from answer.model import Answer
from answer.reply import render_text, to_json
from answer.series import Series
from corpus.model import Basis, Currency, Figure, Measure, Period, Unit, UnitFamily

BILLION_USD = Unit("tỷ USD", Currency("usd"), 9)
MILLION_USD = Unit("triệu USD", Currency("usd"), 6)
PERCENT = Unit("%", UnitFamily.PERCENT)


def _figure(text: str, value: float, unit: Unit, qualifier: str | None = None) -> Figure:
    return Figure(
        value, unit, text, "export", Period(2017, months=7), "cả nước", Basis.ACTUAL, Measure.LEVEL,
        "a", 0, 1, 0, 1, qualifier=qualifier,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (_figure("500 triệu USD", 500, MILLION_USD, "gần"), _figure("482 triệu USD", 482, MILLION_USD)),
        (_figure("7,1%", 7.1, PERCENT), _figure("7,08%", 7.08, PERCENT)),
        (_figure("107 tỷ USD", 107, BILLION_USD, "gần"), _figure("106,7 tỷ USD", 106.7, BILLION_USD)),
        (_figure("4.100 triệu USD", 4100, MILLION_USD), _figure("4,1 tỷ USD", 4.1, BILLION_USD)),
        (_figure("2,1 tỷ USD", 2.1, BILLION_USD, "hơn"), _figure("2,15 tỷ USD", 2.15, BILLION_USD)),
    ],
)
def test_the_same_amount_rounded_or_qualified_is_a_restatement(a, b):
    assert restates(a, b) and restates(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (_figure("22,6 tỷ USD", 22.6, BILLION_USD), _figure("22,5 tỷ USD", 22.5, BILLION_USD)),
        (_figure("746 tỷ USD", 746, BILLION_USD), _figure("743 tỷ USD", 743, BILLION_USD)),
        (
            _figure("135.000 triệu USD", 135000, MILLION_USD, "khoảng"),
            _figure("131.275 triệu USD", 131275, MILLION_USD),
        ),
        (_figure("6,21%", 6.21, PERCENT), _figure("6,1%", 6.1, PERCENT)),
    ],
)
def test_amounts_no_rounding_makes_equal_conflict(a, b):
    assert not restates(a, b) and not restates(b, a)


# -- real articles (../shared) ------------------------------------------------------------------------

VIETNAM_AIRLINES = "Lợi nhuận của Vietnam Airlines quý I năm 2017"
TRADE_WITH_CHINA = "Kim ngạch thương mại Việt Nam - Trung Quốc năm 2018 tăng bao nhiêu?"


def _answer(engine, question: str) -> Answer:
    answer = engine.ask(question)
    assert isinstance(answer, Answer)
    return answer


@pytest.mark.shared
@pytest.mark.parametrize(
    ("question", "chosen", "rival"),
    [
        # profit after tax "746 tỷ đồng" in one article, net profit "743 tỷ đồng" in another
        (VIETNAM_AIRLINES, ("746 tỷ đồng", "baomoi-22234806"), ("743 tỷ đồng", "baomoi-22229954")),
        # Việt Nam-China trade of 2018 grew 13,8% in one article, 13,5% in another
        (TRADE_WITH_CHINA, ("13,8%", "vietnews-test-012517"), ("13,5%", "vietnews-val-011602")),
    ],
)
def test_a_conflicting_pair_of_real_articles_is_shown_with_both_sources(news_engine, question, chosen, rival):
    answer = _answer(news_engine, question)
    assert answer.best is not None and (answer.best.figure.text, answer.best.source.id) == chosen
    assert [(c.figure.text, c.source.id) for c in answer.conflicts] == [rival]
    text = render_text(answer)
    assert f"Các nguồn khác nhau: {chosen[0]} (bài {chosen[1]})" in text.replace("tăng ", "")
    assert f"{rival[0]} (bài {rival[1]})" in text
    assert answer.conflicts[0].quote in text  # the rival is cited, sentence and article
    shown = json.loads(json.dumps(to_json(answer), ensure_ascii=False))
    assert [(c["figure"]["text"], c["source"]["id"]) for c in shown["conflicts"]] == [rival]
    assert {"figure", "quote", "source"} <= set(shown["conflicts"][0])


@pytest.mark.shared
def test_the_same_amount_restated_by_another_article_is_no_conflict(news_engine):
    """106,7 tỷ USD in one article, "gần 107 tỷ USD" in another: one amount."""
    answer = _answer(news_engine, "Kim ngạch thương mại Việt Nam - Trung Quốc năm 2018")
    assert answer.best is not None and answer.best.figure.text == "106,7 tỷ USD"
    assert any(c.figure.text == "107 tỷ USD" for c in answer.alternatives)
    assert answer.conflicts == () and "Các nguồn khác nhau" not in render_text(answer)


@pytest.mark.shared
def test_a_series_point_shows_its_conflicting_sources(news_engine):
    series = news_engine.ask("Kim ngạch thương mại Việt Nam - Trung Quốc năm 2017 và 2018 tăng bao nhiêu?")
    assert isinstance(series, Series)
    point = series.points[-1]
    assert point.side.label == "2018" and point.citation is not None
    assert [c.figure.text for c in point.answer.conflicts] == ["13,5%"]


def test_articles_that_agree_show_no_conflict(engine):
    answer = _answer(engine, "Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?")
    assert answer.conflicts == () and to_json(answer)["conflicts"] == []
