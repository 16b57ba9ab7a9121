"""Articles in, passages and figures out: everything that reads Vietnamese news text."""
