"""The lexical index: Vietnamese syllables, accent folding, and its fusion with the dense ranking."""

from __future__ import annotations

import pytest

from index.builder import build_index, open_index
from index.lexical import TermStatistics, bm25, lexical_terms, match_expression, query_phrases
from tests.fakes import HashingEncoder


@pytest.mark.parametrize(
    ("text", "folded", "accented"),
    [
        ("Kim ngạch xuất khẩu", "kim ngach xuat khau", "kim ngạch xuất khẩu"),
        (
            "Đắk Lắk, TP.HCM: 38.905 triệu USD",
            "dak lak tp hcm 38 905 trieu usd",
            "đắk lắk tp hcm 38 905 triệu usd",
        ),
        ("thuỷ sản", "thuy san", "thuỷ sản"),
        ("Bỉ bị", "bi bi", "bỉ bị"),
    ],
)
def test_terms_are_syllables_folded_and_as_written(text, folded, accented):
    terms = lexical_terms(text)
    assert (terms.folded, terms.accented) == (folded, accented)


@pytest.mark.parametrize(
    ("question", "expression"),
    [
        ("xuat khau bac ninh", 'folded : ("xuat" OR "khau" OR "bac" OR "ninh")'),
        (
            "xuất khẩu Bắc Ninh",
            'folded : ("xuat" OR "khau" OR "bac" OR "ninh") OR accented : ("xuất" OR "khẩu" OR "bắc")',
        ),
        ("bao nhiêu?", None),
    ],
)
def test_a_question_typed_without_diacritics_searches_only_the_folded_terms(question, expression):
    assert match_expression(query_phrases(question, frozenset({"bao", "nhieu"}))) == expression


ARTICLES = {
    "bi": "Xuất khẩu sang Bỉ\n\nNăm 2019, kim ngạch xuất khẩu của Việt Nam sang Bỉ đạt 2,5 tỷ USD.",
    "bi-dong": "Tin tức\n\nNăm 2019, nhiều doanh nghiệp bị phạt 3 tỷ đồng vì gian lận xuất xứ.",
    "gao": "Xuất khẩu gạo\n\nNăm 2018, cả nước xuất khẩu 6,1 triệu tấn gạo, thu về 3 tỷ USD.",
}


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("index")
    build_index(index_dir, [corpus], HashingEncoder(), progress=False)
    loaded = open_index(index_dir)
    yield loaded
    loaded.close()


def _top_article(loaded, question: str) -> str:
    expression = match_expression(query_phrases(question, frozenset({"bao", "nhieu", "nam"})))
    [store] = [view.store for view in loaded.segments]
    [(passage_id, _), *_] = store.lexical_search(expression, 5)
    [passage] = store.passages([passage_id])
    return passage.article_id


@pytest.mark.parametrize("question", ["xuất khẩu gạo bao nhiêu tấn", "xuat khau gao bao nhieu tan"])
def test_questions_with_and_without_diacritics_retrieve_the_same_passage(tiny_index, question):
    assert _top_article(tiny_index, question) == "gao"


def test_diacritics_typed_decide_between_words_that_fold_alike(tiny_index):
    assert _top_article(tiny_index, "xuất khẩu sang Bỉ") == "bi"
    assert _top_article(tiny_index, "doanh nghiệp bị phạt") == "bi-dong"


def test_fusion_ranks_a_passage_both_rankings_agree_on_first(tmp_path):
    """Reciprocal-rank fusion: the passage first in both the dense and the lexical ranking wins,
    and one found by only one ranking still comes back."""
    from index.catalog import RRF_K, Catalog

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    build_index(tmp_path / "index", [corpus], HashingEncoder(), progress=False)
    encoder = HashingEncoder()
    catalog = Catalog(open_index(tmp_path / "index"))
    question = "xuất khẩu gạo 6,1 triệu tấn"
    ranked = catalog.search(question, encoder.encode_queries([question])[0], k=3)
    assert ranked[0][0].article_id == "gao"
    assert ranked[0][1] == pytest.approx(2 / RRF_K)
    assert {passage.article_id for passage, _ in ranked} == set(ARTICLES)
    catalog.close()


@pytest.mark.parametrize(
    "question", ["xuất khẩu gạo bao nhiêu tấn", "xuat khau sang Bi", "doanh nghiệp bị phạt"]
)
def test_bm25_scored_here_is_fts5s_own(tiny_index, question):
    """A segment of changes is scored by `bm25` over the whole index: with one table's own statistics
    it gives what FTS5 gives."""
    [store] = [view.store for view in tiny_index.segments]
    phrases = query_phrases(question, frozenset({"bao", "nhieu"}))
    expression = match_expression(phrases)
    statistics = TermStatistics(store.passage_count, store.token_count(), store.phrase_documents(phrases))
    ours = {pid: bm25(phrases, columns, statistics) for pid, columns in store.matching_rows(expression, 10)}
    theirs = dict(store.lexical_search(expression, 10))
    assert ours.keys() == theirs.keys() and len(ours) >= 1
    for pid, score in theirs.items():
        assert ours[pid] == pytest.approx(score, rel=1e-9)
