"""How Số Liệu scales: seeds, seeds + 3,000 real articles, and a 10,000-article corpus.

    python benchmarks/scale.py [--rows seeds,news3k,news10k] [--rebuild] [--repeat 5]

One table: index build time and passages/s, warm answer latency p50/p95/p99 over the real-news
questions, cold start (a fresh `solieu ask` process to its answer), peak RSS while answering, and
index size on disk. Big indexes are cached under ~/.cache/solieu/bench and reused (their build time
is kept beside them); --rebuild builds them again. The 10,000-article corpus is the real one
re-keyed (new ids, same texts, written by rekey_corpus.py): its passages are already in the
embedding cache of the 3,000 row, which is copied first, so its build time is parsing and indexing
only. vi-news is test data that lives in ../shared; it is never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from statistics_of import percentile

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NEWS = SHARED / "corpus" / "vi-news" / "articles.jsonl"
NEWS_QUESTIONS = SHARED / "eval" / "news-dev-questions.jsonl"
SEED_QUESTIONS = REPO / "tests" / "data" / "dev_questions.jsonl"
CACHE = Path.home() / ".cache" / "solieu" / "bench"
SEEDS = REPO / "corpus" / "articles"
BUILD_RECORD = "bench-build.json"

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def corpus_of(row: str) -> list[Path]:
    if row == "seeds":
        return [SEEDS]
    if row == "news3k":
        return [SEEDS, NEWS]
    from rekey_corpus import rekeyed

    return [SEEDS, rekeyed(NEWS, CACHE / "vi-news-10k.jsonl", total=10_000)]


def build(row: str, rebuild: bool) -> dict:
    """Build (or reuse) the row's index; returns its build record."""
    from index.manifest import FORMAT_VERSION

    index = CACHE / row
    record = index / BUILD_RECORD
    if record.exists() and not rebuild:
        built = json.loads(record.read_text())
        if built.get("format_version") == FORMAT_VERSION:
            return built
    if row == "news10k" and (CACHE / "news3k" / "embeddings.sqlite").exists():
        index.mkdir(parents=True, exist_ok=True)
        shutil.copy(CACHE / "news3k" / "embeddings.sqlite", index / "embeddings.sqlite")
    command = [sys.executable, "-m", "solieu.cli", "index", "build", "--index", str(index)]
    for source in corpus_of(row):
        command += ["--corpus", str(source)]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    manifest = json.loads(next((index / "generations").glob("*/manifest.json")).read_text())
    result = {
        "seconds": seconds,
        "articles": manifest["articles"],
        "passages": manifest["passages"],
        "figures": manifest["figures"],
        "cached_embeddings": row == "news10k",
        "format_version": FORMAT_VERSION,
    }
    record.write_text(json.dumps(result))
    return result


def questions_for(row: str) -> list[str]:
    path = SEED_QUESTIONS if row == "seeds" else NEWS_QUESTIONS
    return [json.loads(line)["q"] for line in path.open(encoding="utf-8") if line.strip()]


def cold_start(row: str, question: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            str(Path(sys.executable).with_name("solieu")),
            "ask",
            "--json",
            "--index",
            str(CACHE / row),
            question,
        ],
        check=True,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def warm(row: str, repeat: int) -> dict:
    """Latency and peak memory, measured in a child process so each row's RSS is its own."""
    script = f"""
import json, resource, time, sys
sys.path.insert(0, {str(REPO)!r})
from pathlib import Path
from answer.engine import AnswerEngine
from foundation.settings import Settings
questions = {questions_for(row)!r}
engine = AnswerEngine.open(Settings(_env_file=None, index_dir=Path({str(CACHE / row)!r})), refresh=False)
for q in questions:
    engine.answer(q)
latencies = []
for _ in range({repeat}):
    for q in questions:
        started = time.perf_counter()
        engine.answer(q)
        latencies.append((time.perf_counter() - started) * 1000)
print(json.dumps({{"latencies": latencies, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    output = subprocess.run(
        [sys.executable, "-c", script], check=True, cwd=REPO, capture_output=True, text=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def size_mb(row: str) -> float:
    generation = next(p for p in (CACHE / row / "generations").iterdir() if not p.name.startswith("."))
    return sum(f.stat().st_size for f in generation.iterdir()) / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", default="seeds,news3k,news10k")
    parser.add_argument("--rebuild", action="store_true", help="build the cached indexes again")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the questions for warm latency")
    args = parser.parse_args()
    rows = args.rows.split(",")
    if any(row != "seeds" for row in rows) and not NEWS.exists():
        sys.exit(f"needs {NEWS} (../shared beside the repository) for the news rows")
    CACHE.mkdir(parents=True, exist_ok=True)
    header = (
        f"{'corpus':9} {'articles':>8} {'passages':>8} {'build s':>8} {'pass/s':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'p99 ms':>7} {'cold s':>7} {'RSS MB':>7} {'disk MB':>8}"
    )
    print(header)
    for row in rows:
        built = build(row, args.rebuild)
        measured = warm(row, args.repeat)
        latencies = measured["latencies"]
        cold = statistics.median(cold_start(row, questions_for(row)[0]) for _ in range(3))
        note = " (embeddings cached)" if built["cached_embeddings"] else ""
        print(
            f"{row:9} {built['articles']:>8} {built['passages']:>8} {built['seconds']:>8.0f} "
            f"{built['passages'] / built['seconds']:>7.1f} {statistics.median(latencies):>7.1f} "
            f"{percentile(latencies, 0.95):>7.1f} {percentile(latencies, 0.99):>7.1f} {cold:>7.2f} "
            f"{measured['rss_mb']:>7.0f} {size_mb(row):>8.1f}{note}",
            flush=True,
        )


if __name__ == "__main__":
    main()
