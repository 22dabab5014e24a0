"""Terms that stand for a place in another script: its mentions in Arabic script, found as the place
finder finds them (:mod:`corpus_cli.language.places`), for a query that names it in Latin letters."""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from corpus_cli.index.base import Index
from corpus_cli.language.arabic import is_arabic
from corpus_cli.language.gazetteer import arabic_key, gazetteer
from corpus_cli.language.arabic_places import arabic_firsts
from corpus_cli.language.places import find
from corpus_cli.search.expand import QUALITY_CLITIC


def place_weights(index: Index, place: str, searched: Callable[[set[int]], set[int]]
                  ) -> tuple[dict[int, float], dict[int, int]]:
    """Per unit (of those ``searched`` keeps): the summed quality of the mentions of ``place`` (a
    gazetteer id) in Arabic script, and their number. Candidates are the units holding the first
    word of one of its Arabic names, with or without proclitics."""
    lexicon = index.lexicon
    candidates: set[int] = set()
    for first in arabic_firsts(gazetteer().by_id(place)):
        for word in lexicon.by_key(first):
            candidates.update(index.postings[word])
    weights: dict[int, float] = {}
    counts: dict[int, int] = {}
    for g in searched(candidates):
        found = place_occurrences(index, g, place)
        if found:
            weights[g], counts[g] = sum(q for _, _, q in found), len(found)
    return weights, counts


def place_occurrences(index: Index, g: int, place: str) -> list[tuple[int, int, float]]:
    """(start, end, quality) of each mention of ``place`` (a gazetteer id) in Arabic script in unit
    ``g``, or of a place whose name holds one of its names (محافظة حلب, Aleppo's governorate)."""
    names = _arabic_keys(place)
    return [(m.start, m.end, QUALITY_CLITIC) for m in find(index.unit_text(g)) if is_arabic(m.text)
            and (m.place.id == place or any(f" {n} " in f" {arabic_key(m.text)} " for n in names))]


@lru_cache(maxsize=64)
def _arabic_keys(place: str) -> tuple[str, ...]:
    return tuple(arabic_key(name) for name in gazetteer().by_id(place).arabic)
