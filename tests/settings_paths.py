"""Paths the tests share."""

from solieu.settings import bundled_corpus

SEEDS = bundled_corpus()
