"""Where a query term's words occur in a unit: one after another, articles in the text between
them skipped, each word as one of the vocabulary entries it expanded to."""

from __future__ import annotations

from typing import NamedTuple

from corpus_cli.language.articles import PARTICLES, STANDALONE, is_article
from corpus_cli.language.text import fold
from corpus_cli.search.expand import Expansion, accepts, occurrence_quality


class Part(NamedTuple):
    """One word of a query term and the vocabulary entries it expanded to."""

    word: str
    expansions: list[Expansion]


def content_words(words: tuple[str, ...], text: str = "") -> tuple[str, ...]:
    """A phrase's words without the article in any of its forms (al-, el, ash-, ad-; see
    :func:`corpus_cli.language.articles.is_article`), unless that would leave nothing."""
    folded = [fold(w) for w in words]
    hyphens = text.casefold()
    kept = tuple(w for n, (w, f) in enumerate(zip(words, folded))
                 if not is_article(f, folded[n + 1] if n + 1 < len(words) else None, f"{w.casefold()}-" in hyphens)
                 and not (n and f in STANDALONE and PARTICLES.get(folded[n - 1]) == "abd"))  # Abd-ul, Abd al
    return kept or words


def occurrences(toks, parts: list[Part]) -> list[tuple[int, int, float]]:
    """(start, end, score) of each place where the parts occur in a row.

    Articles in the text between two parts are skipped ("Maaret al-Numan"
    matches the phrase Maarat Numan, "Jisr ash-Shughur" Jisr Shughur).
    """
    lookups = [{e.word: e for e in p.expansions} for p in parts]
    found = []
    n = len(toks)
    i = 0
    while i < n:
        j, qualities, k = i, [], 0
        while k < len(parts) and j < n:
            start, end, surface, folded = toks[j]
            if k > 0 and len(parts) > 1 and j + 1 < n and is_article(folded, toks[j + 1][3]):
                j += 1
                continue
            e = lookups[k].get(folded)
            if e is None or not accepts(e, surface, start):
                break
            qualities.append(occurrence_quality(parts[k].word, surface, e))
            k += 1
            j += 1
        if k == len(parts):
            found.append((toks[i][0], toks[j - 1][1], sum(qualities) / len(qualities)))
            i = j
        else:
            i += 1
    return found

