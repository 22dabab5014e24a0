"""Near-duplicates: the same release published twice, a listing page repeating an article.

Not all pairs are compared. Candidates are documents that share a long
statement (eight words or more) word for word once folded; a statement that
more than 50 documents share is boilerplate and proposes nothing. Each
candidate pair is then scored by rapidfuzz (``token_set_ratio`` of the
bodies, 0 to 100) and pairs at or above the threshold are joined into
clusters. Statements are clustered the same way (``--statements``): the same
folded sentence in several documents.
"""

from __future__ import annotations

from typing import NamedTuple

import re

MIN_WORDS = 8
BOILERPLATE = 50


class Member(NamedTuple):
    position: int  # document position in the index
    statement: int | None  # statement index, for statement clusters
    similarity: float  # to the first member (100 for the first)


class Cluster(NamedTuple):
    members: tuple[Member, ...]  # earliest first


_NOT_WORD = re.compile(r"[\W_]+")


def _fingerprint(text: str) -> int | None:
    """A hash of the statement's letters and digits, case folded; None for a short statement."""
    if text.count(" ") < MIN_WORDS - 1:
        return None
    return hash(_NOT_WORD.sub(" ", text.casefold()).strip())


def _buckets(index, positions, statements: bool) -> dict:
    buckets: dict[int, list] = {}
    for p in positions:
        body, spans = index.documents.body_and_spans(p)  # not kept in memory: a scan reads them all
        for i, (start, end) in enumerate(spans):
            key = _fingerprint(body[start:end])
            if key is not None:
                buckets.setdefault(key, []).append((p, i) if statements else p)
    return buckets


def _order(index, p: int):
    return (index.doc_dates[p] < 0, index.doc_dates[p], index.doc_ids[p])


def clusters(index, positions, threshold: float = 90.0, statements: bool = False) -> list[Cluster]:
    """Clusters of near-duplicate documents (or statements) among ``positions``, largest first."""
    from rapidfuzz import fuzz

    buckets = _buckets(index, positions, statements)
    if statements:  # the same folded sentence in more than one document
        found = []
        for members in buckets.values():
            if len({p for p, _ in members}) > 1:
                ordered = sorted(dict.fromkeys(members), key=lambda m: (_order(index, m[0]), m[1]))
                found.append(Cluster(tuple(Member(p, i, 100.0) for p, i in ordered)))
        return sorted(found, key=lambda c: (-len(c.members), _order(index, c.members[0].position)))
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        docs = sorted(set(members))
        if 1 < len(docs) <= BOILERPLATE:
            pairs.update((a, b) for i, a in enumerate(docs) for b in docs[i + 1 :])
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    score: dict[tuple[int, int], float] = {}
    body = lambda p: index.documents.body_and_spans(p)[0]  # noqa: E731
    for a, b in sorted(pairs):
        similarity = fuzz.token_set_ratio(body(a), body(b))
        if similarity >= threshold:
            score[(a, b)] = score[(b, a)] = similarity
            parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for p in {x for pair in score for x in pair}:
        groups.setdefault(root(p), []).append(p)
    found = []
    for members in groups.values():
        ordered = sorted(members, key=lambda p: _order(index, p))
        first = ordered[0]
        found.append(Cluster(tuple(
            Member(p, None, 100.0 if p == first else round(score.get((first, p)) or fuzz.token_set_ratio(
                body(first), body(p)), 1))
            for p in ordered
        )))
    return sorted(found, key=lambda c: (-len(c.members), _order(index, c.members[0].position)))


def hidden(found: list[Cluster]) -> set[int]:
    """Document positions ``--dedupe`` hides: every member of a cluster but the earliest."""
    return {m.position for c in found for m in c.members[1:]}
