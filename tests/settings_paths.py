"""Paths the tests share."""

from pathlib import Path

from corpus.articles import bundled_corpus

SEEDS = bundled_corpus()


def base_segment(index_dir: Path) -> Path:
    """The directory of the segment a build made, in the index's current generation."""
    from index.builder import current_generation
    from index.manifest import Manifest
    from index.segment import segment_dir

    generation = current_generation(index_dir)
    assert generation is not None
    return segment_dir(index_dir, Manifest.load(generation).segments[0].name)
