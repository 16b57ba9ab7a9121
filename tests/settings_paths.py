"""Paths the tests share."""

from corpus.articles import bundled_corpus

SEEDS = bundled_corpus()
