"""A change to a big index touches only what changed: the base a build made stays as it is, the
articles added since live in one small segment, the base's replaced or removed articles are hidden,
and every lookup, search and count serves the changed index as if it had been rebuilt."""

from __future__ import annotations

import shutil

import pytest

import index.builder
from corpus.articles import parse_text
from index.builder import build_index, change_index, open_index
from index.catalog import Catalog
from index.segment import SEGMENTS, STORE_FILE
from tests.fakes import HashingEncoder
from tests.settings_paths import SEEDS, base_segment

BAC_NINH = "002_ab3f7892cfbcae5d"  # a seed: Bắc Ninh's exports in 2020 were 38.905 triệu USD
HAI_PHONG = "Hải Phòng tổng kết năm 2020\n\nNăm 2020, kim ngạch xuất khẩu của thành phố Hải Phòng đạt 14.200 triệu USD."
BAC_NINH_AGAIN = "Bắc Ninh\n\nNăm 2020, kim ngạch xuất khẩu của tỉnh Bắc Ninh đạt 41.000 triệu USD."


@pytest.fixture
def big_index(tmp_path, monkeypatch):
    """The seeds, built as if they were an archive too big to rewrite on every change."""
    monkeypatch.setattr(index.builder, "FOLD_BELOW", 0)
    built = tmp_path / "index"
    build_index(built, [SEEDS], HashingEncoder(), progress=False)
    return built


def _catalog(index_dir) -> Catalog:
    return Catalog(open_index(index_dir))


def _exports_2020(catalog: Catalog) -> list[tuple[str, str]]:
    return sorted((f.article_id, f.text) for f in catalog.by_metric_year[("export", 2020)])


def test_adding_an_article_leaves_the_base_as_built(big_index):
    base = base_segment(big_index)
    before = (base / STORE_FILE).stat()
    encoder = HashingEncoder()
    manifest = change_index(big_index, encoder, add=[parse_text(HAI_PHONG, "hp")])
    assert encoder.passages_encoded == 1
    assert [r.articles for r in manifest.segments] == [5, 1] and manifest.articles == 6
    assert base_segment(big_index) == base
    after = (base / STORE_FILE).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    catalog = _catalog(big_index)
    try:
        assert catalog.articles["hp"].title == "Hải Phòng tổng kết năm 2020"
        assert ("hp", "14.200 triệu USD") in _exports_2020(catalog)
        assert sorted(catalog.articles) == sorted([*(p.stem for p in SEEDS.glob("*.txt")), "hp"])
        question = "xuất khẩu Hải Phòng 14.200 triệu USD"
        [(passage, _), *_] = catalog.search(question, encoder.encode_queries([question])[0], 5)
        assert passage.article_id == "hp"
    finally:
        catalog.close()


def test_replacing_a_base_article_hides_its_old_version_everywhere(big_index):
    encoder = HashingEncoder()
    old = _catalog(big_index)
    old_figures = len(old.by_article[BAC_NINH])
    old.close()
    manifest = change_index(big_index, encoder, add=[parse_text(BAC_NINH_AGAIN, BAC_NINH)])
    assert manifest.hidden == (BAC_NINH,) and manifest.articles == 5
    assert manifest.figures == sum(r.figures for r in manifest.segments) - old_figures
    catalog = _catalog(big_index)
    try:
        assert catalog.articles[BAC_NINH].title == "Bắc Ninh"
        assert [f.text for f in catalog.by_article[BAC_NINH]] == ["41.000 triệu USD"]
        assert [t for a, t in _exports_2020(catalog) if a == BAC_NINH] == ["41.000 triệu USD"]
        question = "kim ngạch xuất khẩu Bắc Ninh năm 2020 38.905 triệu USD"
        query = encoder.encode_queries([question])[0]
        old_passages = {pid for _, _, pid in catalog.segments[0].store.passage_spans([BAC_NINH])[BAC_NINH]}
        assert not {p.stored_id for p, _ in catalog.search(question, query, 30)} & old_passages
        assert not set(catalog.lexical_search(question, 30)) & old_passages
    finally:
        catalog.close()


def test_removing_articles_from_the_base_and_from_the_changes(big_index):
    encoder = HashingEncoder()
    change_index(big_index, encoder, add=[parse_text(HAI_PHONG, "hp")])
    manifest = change_index(big_index, encoder, remove=[BAC_NINH, "hp"])
    assert manifest.articles == 4 and manifest.hidden == (BAC_NINH,) and manifest.removed == (BAC_NINH, "hp")
    assert manifest.segments[1].articles == 0
    catalog = _catalog(big_index)
    try:
        assert BAC_NINH not in catalog.articles and "hp" not in catalog.articles
        assert len(list(catalog.articles.values())) == 4 == len(catalog.articles)
        assert not [a for a, _ in _exports_2020(catalog) if a in (BAC_NINH, "hp")]
        assert catalog.by_article.get(BAC_NINH) == ()
    finally:
        catalog.close()


def test_the_changes_segment_is_rewritten_and_the_old_one_deleted(big_index):
    encoder = HashingEncoder()
    first = change_index(big_index, encoder, add=[parse_text(HAI_PHONG, "hp")])
    second = change_index(big_index, encoder, add=[parse_text(BAC_NINH_AGAIN, "bn2")])
    assert first.segments[0] == second.segments[0] and first.segments[1].name != second.segments[1].name
    assert second.segments[1].articles == 2
    served = {p.name for p in (big_index / SEGMENTS).iterdir()}
    # The generation before the last stays for readers that may hold it, with its segments.
    assert served == {first.segments[0].name, first.segments[1].name, second.segments[1].name}
    change_index(big_index, encoder, remove=["bn2"])
    assert first.segments[1].name not in {p.name for p in (big_index / SEGMENTS).iterdir()}


def test_a_build_folds_the_changes_into_a_new_base(big_index):
    encoder = HashingEncoder()
    change_index(big_index, encoder, add=[parse_text(BAC_NINH_AGAIN, BAC_NINH)])
    corpus = big_index.parent / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / f"{BAC_NINH}.txt").write_text(BAC_NINH_AGAIN, encoding="utf-8")
    manifest = build_index(big_index, [corpus], encoder, progress=False)
    assert len(manifest.segments) == 1 and manifest.hidden == () and manifest.articles == 5


def test_reloading_after_a_change_shares_the_base_segment(big_index):
    encoder = HashingEncoder()
    loaded = open_index(big_index)
    change_index(big_index, encoder, add=[parse_text(HAI_PHONG, "hp")])
    reloaded = open_index(big_index, reuse=loaded)
    assert reloaded.segments[0].segment is loaded.segments[0].segment
    loaded.close()
    assert Catalog(reloaded).articles[BAC_NINH].id == BAC_NINH  # still open for the new generation
    reloaded.close()


def test_a_corpus_read_by_worker_processes_is_indexed_as_by_one(tmp_path, monkeypatch):
    import index.understanding

    one = build_index(tmp_path / "one", [SEEDS], HashingEncoder(), progress=False)
    monkeypatch.setattr(index.understanding, "PARALLEL_FROM", 1)
    monkeypatch.setattr(index.understanding, "WINDOW", 2)
    many = build_index(tmp_path / "many", [SEEDS], HashingEncoder(), progress=False)
    assert (one.articles, one.passages, one.figures) == (many.articles, many.passages, many.figures)
    first, second = _catalog(tmp_path / "one"), _catalog(tmp_path / "many")
    try:
        for article_id in first.articles:
            assert first.by_article[article_id] == second.by_article[article_id]
            assert [f.id for f in first.by_article[article_id]] == [
                f.id for f in second.by_article[article_id]
            ]
    finally:
        first.close()
        second.close()


def test_what_a_search_gathers_is_what_the_lookups_give(big_index):
    encoder = HashingEncoder()
    change_index(big_index, encoder, add=[parse_text(HAI_PHONG, "hp")])
    catalog = _catalog(big_index)
    try:
        question = "kim ngạch xuất khẩu năm 2020"
        found = catalog.search(question, encoder.encode_queries([question])[0], 10)
        assert {p.article_id for p, _ in found} >= {"hp", BAC_NINH}
        for passage, _ in found:  # filled by the search, in one query per segment
            inside = [
                f for f in catalog.by_article[passage.article_id] if passage.start <= f.start < passage.end
            ]
            assert catalog.figures_in(passage) == inside
    finally:
        catalog.close()


def test_a_bounded_cache_forgets_the_oldest_first():
    from index.catalog import Recent

    kept: Recent[str, tuple[int, ...]] = Recent(5, weight=len)
    kept.put("a", (1, 2))
    kept.put("b", (3, 4))
    assert kept.get("a", lambda _: ()) == (1, 2)
    kept.put("c", (5, 6))  # 6 > 5: "a" goes
    assert "a" not in kept and "b" in kept and "c" in kept
    assert kept.get("a", lambda key: (9,)) == (9,)  # looked up again when asked


def test_what_was_asked_before_changes_no_lookup(big_index, monkeypatch):
    """Caches only save work: with room for one article, every lookup is made again and again, and
    gives what it gave the first time."""
    import index.catalog

    monkeypatch.setattr(index.catalog, "_ARTICLES_KEPT", 1)
    catalog = _catalog(big_index)
    try:
        figures = [f for article in list(catalog.articles.values()) for f in catalog.by_article[article.id]]
        query = HashingEncoder().encode_queries(["kim ngạch xuất khẩu năm 2020"])[0]
        fresh = catalog.similarities(query, figures)
        catalog.gather(article.id for article in catalog.articles.values())
        assert catalog.similarities(query, figures) == fresh and sum(s > 0 for s in fresh) > len(figures) / 2
        assert [catalog.quote_of(f) for f in figures] == [_catalog(big_index).quote_of(f) for f in figures]
    finally:
        catalog.close()
