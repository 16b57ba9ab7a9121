"""kill -9 at random moments of a build or an incremental change: the previous index always serves,
the next build succeeds, and nothing is left behind."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from index.builder import CACHE_FILE, CURRENT, GENERATIONS, build_index, open_index
from index.catalog import Catalog
from index.segment import BUILDING_PREFIX, SEGMENTS
from tests.fakes import HashingEncoder
from tests.settings_paths import SEEDS

TRIALS = 20
# Writers are killed between the start and this multiple of their timed run: most mid-way, a few done.
# A writer's run varies by a fifth or more on a busy machine (a build is mostly process start-up since
# it no longer waits for the disk after each article), so the window reaches well past one run.
KILL_WINDOW = 1.5
REPO = Path(__file__).resolve().parents[1]
# A writer that works slowly enough to be killed in the middle: building, or adding one article.
WRITER = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {repo!r})
    from pathlib import Path
    from corpus.articles import parse_text
    from index.builder import build_index, change_index
    from tests.fakes import HashingEncoder

    class SlowEncoder(HashingEncoder):
        def encode_passages(self, texts):
            time.sleep(0.02)
            return super().encode_passages(texts)

    index, mode = Path(sys.argv[1]), sys.argv[2]
    encoder = SlowEncoder()
    if mode == "build":
        build_index(index, [Path({seeds!r})], encoder, progress=False)
    else:
        if mode == "add over a big base":
            import index.builder as builder
            builder.FOLD_BELOW = 0  # the change goes to a segment of its own
        article = parse_text("Hải Phòng\\n\\nNăm 2020, xuất khẩu của Hải Phòng đạt 14.200 triệu USD.", sys.argv[3])
        change_index(index, encoder, add=[article])
    """
)


def test_a_killed_writer_never_costs_the_serving_index(tmp_path):
    index = tmp_path / "index"
    build_index(index, [SEEDS], HashingEncoder(), progress=False)
    script = WRITER.format(repo=str(REPO), seeds=str(SEEDS))
    rng = random.Random(20261129)

    def start(mode: str, article_id: str) -> subprocess.Popen:
        # Without the embedding cache every writer embeds again, slowly, and can be cut short.
        (index / CACHE_FILE).unlink(missing_ok=True)
        return subprocess.Popen([sys.executable, "-c", script, str(index), mode, article_id], cwd=REPO)

    # Kill moments span a whole writer's run as timed on this machine now, however busy it is.
    duration = {}
    modes = ("build", "add", "add over a big base")
    for mode in modes:
        started = time.perf_counter()
        assert start(mode, "timed").wait() == 0
        duration[mode] = time.perf_counter() - started
    completed = 0
    for trial in range(TRIALS):
        mode = modes[trial % len(modes)]
        writer = start(mode, f"hp{trial}")
        time.sleep(rng.uniform(0.05, KILL_WINDOW) * duration[mode])
        writer.kill()
        completed += writer.wait() == 0
        catalog = Catalog(open_index(index))
        try:
            assert catalog.manifest.articles >= 5
            served = list(catalog.articles.values())
            assert len(served) == catalog.manifest.articles
            assert sum(len(catalog.by_article[a.id]) for a in served) == catalog.manifest.figures
            passages = sum(len(v.vectors) - len(v.hidden_passages) for v in catalog.segments)
            assert passages == catalog.manifest.passages
        finally:
            catalog.close()
    assert completed, "every writer was killed before it finished: the kill window is too early"
    manifest = build_index(index, [SEEDS], HashingEncoder(), progress=False)
    assert manifest.articles == 5
    leftovers = [p.name for p in (index / GENERATIONS).iterdir() if p.name.startswith(BUILDING_PREFIX)]
    leftovers += [p.name for p in (index / SEGMENTS).iterdir() if p.name.startswith(BUILDING_PREFIX)]
    leftovers += [p.name for p in index.glob(f".{CURRENT}.*")]
    assert leftovers == []
