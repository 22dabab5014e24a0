"""Which words of the corpus vocabulary a query word stands for.

A query word is folded (see :func:`corpus_cli.text.fold`) and compared with
the folded vocabulary. Beyond an identical folded form, it admits words
within a number of edits that grows with its length, as Meilisearch does:
none under 5 letters, 1 from 5, 2 from 9. The edit distance is computed by
rapidfuzz against the vocabulary, never by scanning the text.
"""

from __future__ import annotations

from typing import NamedTuple

from .text import fold

FUZZINESS_CHOICES = ("auto", "0", "1", "2")

# How much a match of each kind counts towards a score, best first.
QUALITY_EXACT = 1.0  # the same letters, ignoring case
QUALITY_FOLDED = 0.9  # the same folded form (diacritics, apostrophes)
QUALITY_TYPO = {1: 0.6, 2: 0.4}


class Expansion(NamedTuple):
    """A vocabulary word a query word was expanded to, and why."""

    word: str  # folded vocabulary entry
    distance: int  # edits between the folded forms
    quality: float


def max_typos(word: str, fuzziness: str = "auto") -> int:
    """Edits allowed for a folded query word."""
    if fuzziness != "auto":
        return int(fuzziness)
    if len(word) < 5:
        return 0
    return 1 if len(word) < 9 else 2


def expand(query_word: str, vocabulary: list[str], postings: dict, fuzziness: str = "auto") -> list[Expansion]:
    """Vocabulary entries ``query_word`` matches, best first."""
    key = fold(query_word)
    if not key:
        return []
    found = {}
    if key in postings:
        found[key] = Expansion(key, 0, QUALITY_EXACT)
    k = max_typos(key, fuzziness)
    if k and vocabulary:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        for word, distance, _ in process.extract(
            key, vocabulary, scorer=Levenshtein.distance, score_cutoff=k, limit=None
        ):
            if word not in found:
                found[word] = Expansion(word, int(distance), QUALITY_TYPO.get(int(distance), 0.4))
    return sorted(found.values(), key=lambda e: (e.distance, -len(postings.get(e.word, ())), e.word))


def occurrence_quality(query_word: str, surface: str, expansion: Expansion) -> float:
    """How good one occurrence in the text is as a match for ``query_word``."""
    if expansion.distance:
        return expansion.quality
    if surface.casefold() == query_word.casefold():
        return QUALITY_EXACT
    return QUALITY_FOLDED
