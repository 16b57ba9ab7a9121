"""Embeddings, the FAISS vector index, the SQLite store, and retrieval over them."""
