"""Search: the query language, the expansion of each term against the vocabulary, execution and
ranking on the index, and keyword in context."""
