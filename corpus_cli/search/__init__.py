"""Search: the query language, the expansion of each term against the vocabulary, execution and
ranking on the index, and keyword in context."""

FUZZINESS_CHOICES = ("auto", "0", "1", "2")  # what --fuzziness takes
KWIC_SORTS = ("date", "left", "right", "score")  # how kwic orders its lines
