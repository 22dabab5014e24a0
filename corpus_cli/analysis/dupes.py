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

Each member is of a kind, beside the cluster's first: ``same`` (the same words, case and
punctuation aside), ``template`` (the same text with other names, places or numbers: at least
two of the words that differ, and a third of them, are capitalised mid-sentence or hold a digit,
as one office's releases for different towns or students) or ``edited`` (other words changed: a
revision). A cluster is of its members'
commonest kind (template before edited before same in a tie). ``--dedupe`` hides same and edited
copies and keeps template families apart, unless asked to hide them too.
"""

from __future__ import annotations

import re
import zlib
from typing import NamedTuple

from corpus_cli.language.text import WORD, fold

MIN_WORDS = 8
SHINGLE = 3  # words
NUM_PERM = 64
LSH_THRESHOLD = 0.5  # Jaccard of the shingle sets from which a pair is verified


KINDS = ("same", "template", "edited")
TEMPLATE_SHARE = 1 / 3  # of the differing words that are names, places or numbers, from which a copy is a template
TEMPLATE_NAMES = 2  # and at least this many of them


class Member(NamedTuple):
    position: int  # document position in the index
    statement: int | None  # statement index, for statement clusters
    similarity: float  # to the first member (100 for the first)
    kind: str = "same"  # beside the first member: same, template or edited


class Cluster(NamedTuple):
    members: tuple[Member, ...]  # earliest first

    @property
    def kind(self) -> str:
        kinds = [m.kind for m in self.members[1:]]
        return max(("template", "edited", "same"), key=kinds.count)


def kind_of(first: str, other: str) -> str:
    """How ``other`` differs from ``first``: same, template or edited (see the module's docstring)."""
    from rapidfuzz.distance import Levenshtein

    a, b = list(WORD.finditer(first)), list(WORD.finditer(other))
    folded_a, folded_b = [fold(m.group()) for m in a], [fold(m.group()) for m in b]
    if folded_a == folded_b:
        return "same"
    changed = [(text, m) for tag, i1, i2, j1, j2 in Levenshtein.opcodes(folded_a, folded_b) if tag != "equal"
               for text, m in [(first, x) for x in a[i1:i2]] + [(other, x) for x in b[j1:j2]]]
    named = sum(1 for text, m in changed if _named(text, m))
    return "template" if named >= max(TEMPLATE_NAMES, TEMPLATE_SHARE * len(changed)) else "edited"


def _named(text: str, m) -> bool:
    """Whether a word is a name, a place or a number: it holds a digit, or has a capital that does
    not merely start a sentence."""
    word = m.group()
    if any(c.isdigit() for c in word):
        return True
    if not word[:1].isupper():
        return False
    before = text[: m.start()].rstrip()
    return bool(before) and before[-1] not in ".!?:\n\"“"


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
    from datasketch import MinHash, MinHashLSH
    from rapidfuzz import fuzz

    ordered = sorted(positions, key=lambda p: _order(index, p))
    body = lambda p: index.documents.body_and_spans(p)[0]  # noqa: E731  (not kept: a scan reads them all)
    kept = index.signatures(ordered) if hasattr(index, "signatures") else {}  # an index may keep them
    template = MinHash(num_perm=NUM_PERM, hashfunc=int)
    made: dict[int, bytes | None] = {}
    todo = [p for p in ordered if p not in kept]
    sketches = _sketches((shingles(body(p)) for p in todo), MinHash)  # one at a time: 100,000 sets would not fit
    rows: list[bytes | None] = []  # each document's sketch: its hash values as bytes, None when it has no words
    for p in ordered:
        if p in kept:
            rows.append(kept[p])
        else:
            found, sketch = next(sketches)
            made[p] = sketch.hashvalues.tobytes() if found else None
            rows.append(made[p])
    if made and hasattr(index, "keep_signatures"):
        index.keep_signatures(made)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)  # only for its bands: b of r hash values
    buckets = Buckets(rows, template.hashvalues.dtype, lsh.b, lsh.r)
    taken: set[int] = set()
    found = []
    for n, p in enumerate(ordered):
        if n in taken or rows[n] is None:
            continue
        candidates = sorted(m for m in buckets.query(n) if m > n and m not in taken)
        if not candidates:
            continue
        text = body(p)
        members = [Member(p, None, 100.0)]
        for m in candidates:
            other = body(ordered[m])
            similarity = round(fuzz.token_set_ratio(text, other), 1)
            if similarity >= threshold:
                members.append(Member(ordered[m], None, similarity, kind_of(text, other)))
                taken.add(m)
        if len(members) > 1:
            taken.add(n)
            found.append(Cluster(tuple(members)))
    return sorted(found, key=lambda c: (-len(c.members), _order(index, c.members[0].position)))


class Buckets:
    """Locality-sensitive hashing as datasketch's MinHashLSH does it (documents whose sketches agree
    on all ``r`` hash values of one of ``b`` bands are candidates), on arrays: a bucket number per
    document and band rather than a dict of byte strings (488 MB for 100,000 documents)."""

    def __init__(self, rows: list[bytes | None], dtype, b: int, r: int):
        import numpy

        self.ids = numpy.array([n for n, row in enumerate(rows) if row is not None], dtype=numpy.int64)
        where = numpy.full(len(rows), -1, dtype=numpy.int64)
        where[self.ids] = numpy.arange(len(self.ids))
        self.where = where
        values = numpy.frombuffer(b"".join(row for row in rows if row is not None), dtype=dtype)
        values = values.reshape(len(self.ids), -1) if len(self.ids) else values.reshape(0, b * r)
        self.bands = []  # per band: each document's bucket, the documents by bucket, where each bucket starts
        for i in range(b):
            _, bucket = numpy.unique(values[:, i * r:(i + 1) * r], axis=0, return_inverse=True)
            bucket = bucket.reshape(-1)
            order = numpy.argsort(bucket, kind="stable")
            starts = numpy.searchsorted(bucket[order], numpy.arange(bucket.max() + 2 if len(bucket) else 1))
            self.bands.append((bucket, order, starts))

    def query(self, n: int) -> set[int]:
        """The documents (numbers in ``rows``) that share a bucket with document ``n`` in some band."""
        at = self.where[n]
        found: set[int] = set()
        if at < 0:
            return found
        for bucket, order, starts in self.bands:
            k = bucket[at]
            members = order[starts[k]:starts[k + 1]]
            if len(members) > 1:
                found.update(self.ids[members].tolist())
        return found


def _sketches(sets, minhash):
    """(shingles, sketch) per set: the MinHash of each set of 32-bit shingle hashes."""
    template = minhash(num_perm=NUM_PERM, hashfunc=int)
    for found in sets:
        sketch = minhash(num_perm=NUM_PERM, hashfunc=int, permutations=template.permutations, scheme=template.scheme)
        sketch.update_batch(found)
        yield found, sketch


def hidden(found: list[Cluster], templates: bool = False) -> set[int]:
    """Document positions ``--dedupe`` hides: every member of a cluster but the earliest, except
    the members of a template family (unless ``templates``)."""
    return {m.position for c in found for m in c.members[1:] if templates or m.kind != "template"}
