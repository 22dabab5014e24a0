"""Ranked search over statements.

Every word of the query must match within one statement. A statement's
score is BM25 (k1 = 1.2, b = 0.75, statements as the documents of the
formula) where each occurrence counts by the quality of its match: an
exact spelling 1.0, the same folded form 0.9, one typo 0.6, two typos 0.4.
Ties are broken by date (newest first), then id, then statement order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Container

from .document import Document, Statement
from .index import Index
from .matching import Expansion, expand, occurrence_quality
from .text import fold, tokens, words

K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class Match:
    """One word of a statement that matched a query term."""

    term: str
    text: str
    start: int  # offsets into the statement
    end: int
    score: float


@dataclass(frozen=True)
class Hit:
    document: Document
    statement: Statement
    score: float
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class Term:
    text: str
    expansions: tuple[Expansion, ...]

    @property
    def by_word(self) -> dict[str, Expansion]:
        return {e.word: e for e in self.expansions}


def parse_terms(query: str) -> list[str]:
    """The words of a query; each must match."""
    return words(query)


def expand_terms(index: Index, query: str, fuzziness: str = "auto") -> list[Term]:
    return [
        Term(word, tuple(expand(word, index.vocabulary, index.postings, fuzziness)))
        for word in parse_terms(query)
    ]


def _weights(index: Index, term: Term) -> dict[int, float]:
    """Quality-weighted term frequency per statement."""
    weights: dict[int, float] = {}
    for e in term.expansions:
        for g in index.postings[e.word]:
            weights[g] = weights.get(g, 0.0) + e.quality
    return weights


def search(
    index: Index,
    query: str,
    *,
    allowed: Container[int] | None = None,
    fuzziness: str = "auto",
    limit: int | None = None,
    min_score: float | None = None,
) -> list[Hit]:
    """Statements matching every word of ``query``, best first.

    ``allowed`` holds the positions (in ``index.documents``) of the documents
    that may be searched; None allows all.
    """
    terms = expand_terms(index, query, fuzziness)
    if not terms or any(not t.expansions for t in terms):
        return []
    per_term = sorted((_weights(index, t) for t in terms), key=len)
    candidates = set(per_term[0])
    for weights in per_term[1:]:
        candidates.intersection_update(weights)
    if allowed is not None:
        candidates = {g for g in candidates if index.stmt_doc[g] in allowed}
    n = index.statement_count
    idf = [math.log(1 + (n - len(w) + 0.5) / (len(w) + 0.5)) for w in per_term]
    avg = index.avg_length or 1.0
    scored = []
    for g in candidates:
        norm = K1 * (1 - B + B * index.stmt_length[g] / avg)
        score = sum(i * w[g] * (K1 + 1) / (w[g] + norm) for i, w in zip(idf, per_term))
        score = round(score, 3)
        if min_score is None or score >= min_score:
            scored.append((score, g))
    scored.sort(key=lambda sg: _rank_key(index, *sg))
    if limit is not None:
        scored = scored[:limit]
    return [_hit(index, terms, g, score) for score, g in scored]


def _rank_key(index: Index, score: float, g: int):
    doc = index.documents[index.stmt_doc[g]]
    stamp = doc.datetime.timestamp() if doc.date else float("inf")
    return (-score, doc.date is None, -stamp if doc.date else 0, doc.id, index.stmt_local[g])


def _hit(index: Index, terms: list[Term], g: int, score: float) -> Hit:
    doc = index.documents[index.stmt_doc[g]]
    statement = doc.statement(index.stmt_local[g])
    return Hit(doc, statement, score, tuple(find_matches(statement.text, terms)))


def find_matches(text: str, terms: list[Term]) -> list[Match]:
    """The words of ``text`` that the query terms matched, in text order."""
    lookups = [(t, t.by_word) for t in terms]
    found = []
    for tok in tokens(text):
        key = fold(tok.text)
        for term, by_word in lookups:
            e = by_word.get(key)
            if e is not None:
                found.append(Match(term.text, tok.text, tok.start, tok.end, occurrence_quality(term.text, tok.text, e)))
                break
    return found
