"""kill -9 at random moments of a build or an incremental change: the previous index always serves,
the next build succeeds, and nothing is left behind."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from index.builder import BUILDING_PREFIX, CACHE_FILE, CURRENT, GENERATIONS, build_index, open_index
from tests.fakes import HashingEncoder
from tests.settings_paths import SEEDS

TRIALS = 20
# Writers are killed between the start and this multiple of their timed run: most mid-way, a few done.
KILL_WINDOW = 1.2
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
    for mode in ("build", "add"):
        started = time.perf_counter()
        assert start(mode, "timed").wait() == 0
        duration[mode] = time.perf_counter() - started
    completed = 0
    for trial in range(TRIALS):
        mode = "build" if trial % 2 == 0 else "add"
        writer = start(mode, f"hp{trial}")
        time.sleep(rng.uniform(0.05, KILL_WINDOW) * duration[mode])
        writer.kill()
        completed += writer.wait() == 0
        loaded = open_index(index)
        try:
            assert loaded.manifest.articles >= 5 and len(loaded.vectors) == loaded.manifest.passages
            assert loaded.store.counts()["figures"] == loaded.manifest.figures
        finally:
            loaded.close()
    assert completed, "every writer was killed before it finished: the kill window is too early"
    manifest = build_index(index, [SEEDS], HashingEncoder(), progress=False)
    assert manifest.articles == 5
    leftovers = [p.name for p in (index / GENERATIONS).iterdir() if p.name.startswith(BUILDING_PREFIX)]
    leftovers += [p.name for p in index.glob(f".{CURRENT}.*")]
    assert leftovers == []
