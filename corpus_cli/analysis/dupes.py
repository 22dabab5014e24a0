"""Near-duplicates: the same release published twice, a listing page repeating an article.

Documents are compared by MinHash with locality-sensitive hashing
(datasketch): each body becomes the set of its three-word shingles, and LSH
proposes the pairs whose sets likely overlap by half or more (Jaccard 0.5),
without comparing all pairs. Each proposed pair is then verified by
rapidfuzz (``token_set_ratio`` of the bodies, 0 to 100) against the
threshold.

Clusters do not chain: documents are taken oldest first, and each one not
yet in a cluster becomes the representative of the verified near-duplicates
not yet taken, so every member is within the threshold of its cluster's
first member (A like B and B like C does not join A and C).

Statements are clustered apart (``--statements``): the same folded sentence
of eight words or more in several documents.
"""

from __future__ import annotations

import re
import zlib
from typing import NamedTuple

MIN_WORDS = 8
SHINGLE = 3  # words
NUM_PERM = 64
LSH_THRESHOLD = 0.5  # Jaccard of the shingle sets from which a pair is verified


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


def shingles(text: str) -> list[int]:
    """The distinct three-word shingles of a text, as 32-bit hashes (stable across runs)."""
    words = _NOT_WORD.sub(" ", text.casefold()).split()
    hashes = list(map(zlib.crc32, map(str.encode, words)))
    if len(hashes) < SHINGLE:
        return [zlib.crc32(" ".join(words).encode())] if words else []
    return list({(a * 0x9E3779B1 ^ b * 0x85EBCA77 ^ c) & 0xFFFFFFFF for a, b, c in zip(hashes, hashes[1:], hashes[2:])})


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
    if statements:  # the same folded sentence in more than one document
        found = []
        for members in _buckets(index, positions, statements).values():
            if len({p for p, _ in members}) > 1:
                ordered = sorted(dict.fromkeys(members), key=lambda m: (_order(index, m[0]), m[1]))
                found.append(Cluster(tuple(Member(p, i, 100.0) for p, i in ordered)))
        return sorted(found, key=lambda c: (-len(c.members), _order(index, c.members[0].position)))
    from datasketch import LeanMinHash, MinHash, MinHashLSH
    from rapidfuzz import fuzz

    ordered = sorted(positions, key=lambda p: _order(index, p))
    body = lambda p: index.documents.body_and_spans(p)[0]  # noqa: E731  (not kept: a scan reads them all)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    signatures: list = []  # the sketch of each document, as LeanMinHash (hash values only); None when empty
    kept = index.signatures(ordered) if hasattr(index, "signatures") else {}  # an index may keep them
    template = MinHash(num_perm=NUM_PERM, hashfunc=int)
    scheme, dtype = template.scheme, template.hashvalues.dtype
    made: dict[int, bytes | None] = {}
    todo = [p for p in ordered if p not in kept]
    sets = (shingles(body(p)) for p in todo)  # one at a time: 100,000 shingle sets would not fit
    sketches = _sketches(sets, MinHash)
    for n, p in enumerate(ordered):
        if p in kept:
            lean = _lean(LeanMinHash, kept[p], scheme, dtype)
        else:
            found, sketch = next(sketches)
            lean = LeanMinHash(sketch) if found else None
            made[p] = lean.hashvalues.tobytes() if lean is not None else None
        if lean is not None:
            lsh.insert(n, lean, check_duplication=False)
        signatures.append(lean)
    if made and hasattr(index, "keep_signatures"):
        index.keep_signatures(made)
    taken: set[int] = set()
    found = []
    for n, p in enumerate(ordered):
        if n in taken or signatures[n] is None:
            continue
        candidates = sorted(m for m in lsh.query(signatures[n]) if m > n and m not in taken)
        if not candidates:
            continue
        text = body(p)
        members = [Member(p, None, 100.0)]
        for m in candidates:
            similarity = round(fuzz.token_set_ratio(text, body(ordered[m])), 1)
            if similarity >= threshold:
                members.append(Member(ordered[m], None, similarity))
                taken.add(m)
        if len(members) > 1:
            taken.add(n)
            found.append(Cluster(tuple(members)))
    return sorted(found, key=lambda c: (-len(c.members), _order(index, c.members[0].position)))


def _lean(lean_minhash, packed: bytes | None, scheme: str, dtype):
    """A kept MinHash (its hash values as bytes) as a LeanMinHash, or None for a document without words."""
    if packed is None:
        return None
    import numpy

    return lean_minhash(seed=1, hashvalues=numpy.frombuffer(packed, dtype=dtype), scheme=scheme)


def _sketches(sets, minhash):
    """(shingles, sketch) per set: the MinHash of each set of 32-bit shingle hashes."""
    template = minhash(num_perm=NUM_PERM, hashfunc=int)
    for found in sets:
        sketch = minhash(num_perm=NUM_PERM, hashfunc=int, permutations=template.permutations, scheme=template.scheme)
        sketch.update_batch(found)
        yield found, sketch


def hidden(found: list[Cluster]) -> set[int]:
    """Document positions ``--dedupe`` hides: every member of a cluster but the earliest."""
    return {m.position for c in found for m in c.members[1:]}
