"""Word lists and n-grams over the documents (and statements) a selection keeps.

Words are counted as search folds them (case, accents and apostrophes dropped; Arabic letters
folded), from each document's stream of word numbers (:mod:`corpus_cli.index.tokens`): the title
unless it repeats the first sentence, then every statement. An n-gram is N words in a row within
one statement. Counts are whole numbers of occurrences; ``per_million`` is the count per million
words of the selection (every word counts there, stop words too).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from corpus_cli.errors import UsageError
from corpus_cli.index.tokens import SEPARATOR, unit_texts
from corpus_cli.language.text import WORD, fold, words as split_words

NGRAM_SIZES = range(2, 6)


class WordCount(NamedTuple):
    word: str
    count: int
    documents: int
    per_million: float
    forms: dict[str, int] | None = None  # with by_form: how the corpus writes it, with counts


class NgramCount(NamedTuple):
    ngram: str
    count: int
    documents: int
    per_million: float


class Stream(NamedTuple):
    """A selection's words, one array: each document's stream, then a separator."""

    ids: np.ndarray  # uint32 word numbers, SEPARATOR between statements and after each document
    doc: np.ndarray  # the document (its position in ``positions``) of each entry
    positions: list[int]
    vocabulary: list[str]  # word by number

    @property
    def total(self) -> int:
        return int(np.count_nonzero(self.ids))

    def counts(self) -> np.ndarray:
        """Occurrences by word number (the separator's set to 0)."""
        found = np.bincount(self.ids, minlength=len(self.vocabulary))
        found[SEPARATOR] = 0
        return found

    def marks(self, numbers) -> np.ndarray:
        """A mark per word number, set for ``numbers``: ``marks(n)[ids]`` finds them (a look-up)."""
        found = np.zeros(len(self.vocabulary), dtype=bool)
        found[list(numbers)] = True
        return found

    def documents_of(self, at: np.ndarray, keys: np.ndarray, width: int) -> np.ndarray:
        """For entries ``at`` with ``keys`` (below ``width``), in how many documents each key occurs."""
        pairs = np.unique(self.doc[at].astype(np.int64) * width + keys)
        return np.bincount(pairs % width, minlength=width)


def gather(index, positions: list[int], said: dict[int, set[int]] | None = None) -> Stream:
    """The stream of the documents at ``positions``; with ``said``, only those statements of each
    document (a speaker's), never its title."""
    streams = index.streams.of(positions)
    blobs = [streams.pop(p) if said is None else _statements(index, p, streams.pop(p), said.get(p, ())) for p in positions]
    return joined(index, blobs, list(positions))


def joined(index, blobs: list[bytes], positions: list[int] | None) -> Stream:
    """One stream of documents' streams (``positions``: where each document is in the index, or
    None where no one asks)."""
    end = np.array([SEPARATOR], dtype="<u4").tobytes()
    ids = np.frombuffer(end.join([*blobs, b""]), dtype="<u4").astype(np.uint32, copy=False)
    doc = np.repeat(np.arange(len(blobs), dtype=np.int32), [len(b) // 4 + 1 for b in blobs])
    return Stream(ids, doc, positions, index.streams.words)


def _statements(index, p: int, blob: bytes, wanted) -> bytes:
    """Only the statements ``wanted`` (numbers from 0) of a document's stream."""
    segments = np.frombuffer(blob, dtype="<u4")
    cuts = np.flatnonzero(segments == SEPARATOR)
    pieces = np.split(segments, cuts)
    first = 0 if index.title_derived(p) else 1  # a title of its own comes first
    kept = [pieces[i + first][1 if i + first else 0:] for i in sorted(wanted) if i + first < len(pieces)]
    sep = np.array([SEPARATOR], dtype="<u4")
    return np.concatenate([x for piece in kept for x in (piece, sep)][:-1] or [sep[:0]]).astype("<u4").tobytes()


def word_numbers(vocabulary: list[str], wanted) -> set[int]:
    """The numbers of folded words (those the corpus has), ``vocabulary`` giving word by number."""
    numbers = {w: n for n, w in enumerate(vocabulary)}
    return {numbers[w] for w in wanted if w in numbers}


def word_list(stream: Stream, *, stop=frozenset(), min_count: int = 1, limit: int | None = None,
              by_form: bool = False, index=None, said=None, translit: bool = False) -> list[WordCount]:
    """The selection's words, commonest first (then alphabetically); with ``translit``, the words
    that share a transliteration key (Assad, Asad) as one, under the commonest."""
    merged = None
    if translit:
        merged = transliterated(stream)
        stream = stream._replace(ids=merged[stream.ids])
    counts = stream.counts()
    if stop:
        counts[list(word_numbers(stream.vocabulary, stop))] = 0
    vocabulary = stream.vocabulary
    chosen, _ = top(counts, min_count, limit, lambda numbers: {n: vocabulary[n] for n in numbers})
    if not chosen:
        return []
    width = len(stream.vocabulary)
    at = np.flatnonzero(stream.marks(chosen)[stream.ids])
    docs = stream.documents_of(at, stream.ids[at].astype(np.int64), width)
    total = stream.total
    forms = written_forms(index, stream, chosen, said, merged) if by_form else {}
    return [WordCount(vocabulary[n], int(counts[n]), int(docs[n]), _per_million(counts[n], total), forms.get(n))
            for n in chosen]


def transliterated(stream: Stream) -> np.ndarray:
    """For each word number, the number of the commonest word with its transliteration key."""
    from corpus_cli.language.translit import keys

    counts = stream.counts()
    merged = np.arange(len(stream.vocabulary), dtype=np.uint32)
    first: dict[str, int] = {}
    for n in np.argsort(-counts, kind="stable").tolist():
        if n != SEPARATOR and counts[n]:
            merged[n] = first.setdefault(keys(stream.vocabulary[n])[0], n)
    return merged


def written_forms(index, stream: Stream, chosen: list[int], said=None, merged=None) -> dict[int, dict[str, int]]:
    """How the selection writes each chosen word (with ``merged``, each word of its group): its
    forms with their counts, from the text of the documents that hold one."""
    wanted = set(chosen)
    numbers = {w: int(merged[n]) if merged is not None else n for n, w in enumerate(stream.vocabulary)
               if (int(merged[n]) if merged is not None else n) in wanted}
    forms: dict[int, dict[str, int]] = {n: {} for n in chosen}
    holding = np.unique(stream.doc[stream.marks(chosen)[stream.ids]])
    for k in holding.tolist():
        p = stream.positions[k]
        doc = index.documents[p]
        texts = unit_texts(doc.title, index.title_derived(p), doc.spans, doc.body)
        if said is not None:
            first = 0 if index.title_derived(p) else 1
            texts = [texts[first + i] for i in sorted(said.get(p, ())) if first + i < len(texts)]
        for text in texts:
            for w in WORD.findall(text):
                n = numbers.get(fold(w))
                if n is not None:
                    forms[n][w] = forms[n].get(w, 0) + 1
    return forms


def top(counts: np.ndarray, min_count: int, limit: int | None, spell) -> tuple[list[int], dict[int, str]]:
    """The numbers whose count reaches ``min_count``, commonest first then by their spelling, at
    most ``limit``; and those spellings. ``spell`` gives the spellings of numbers: only those at or
    above the cut are asked for (to break ties)."""
    kept = np.flatnonzero(counts >= max(min_count, 1))
    if limit is not None and limit < len(kept):
        cut = np.sort(counts[kept])[-limit] if limit else counts.max() + 1
        kept = kept[counts[kept] >= cut]
    spelled = spell(kept.tolist())
    return sorted(spelled, key=lambda n: (-counts[n], spelled[n]))[:limit], spelled


def _per_million(count, total: int) -> float:
    return round(float(count) * 1_000_000 / total, 2) if total else 0.0


_MIX = np.uint64(0x9E3779B97F4A7C15)  # a 64-bit odd constant (the golden ratio's): mixes word numbers into a key


def gram_keys(stream: Stream, n: int, containing: int | None = None, stopped: np.ndarray | None = None):
    """The n-grams of a stream as 64-bit keys, with where each starts: runs of ``n`` words within a
    statement; with ``containing``, those that hold that word; with ``stopped`` (a mark per word
    number), none that begins or ends with a stop word. Two words make their key exactly (the
    first number's 32 bits, then the second's); more are mixed into one (distinct n-grams share a
    key with odds of about one in 10^5 over 10^7 n-grams)."""
    ids = stream.ids
    span = len(ids) - n + 1
    if span <= 0:
        return np.array([], dtype=np.uint64), np.array([], dtype=np.int64)
    ok = np.ones(span, dtype=bool)
    for j in range(n):
        ok &= ids[j : j + span] != SEPARATOR
    if containing is not None:
        has = np.zeros(span, dtype=bool)
        for j in range(n):
            has |= ids[j : j + span] == containing
        ok &= has
    if stopped is not None:
        ok &= ~stopped[ids[:span]] & ~stopped[ids[n - 1 : n - 1 + span]]
    starts = np.flatnonzero(ok)
    key = (ids[starts].astype(np.uint64) << np.uint64(32)) | ids[starts + 1].astype(np.uint64)
    with np.errstate(over="ignore"):
        for j in range(2, n):
            key = (key ^ (key >> np.uint64(29))) * _MIX + ids[starts + j].astype(np.uint64)
    return key, starts


def merged(parts: list[tuple[np.ndarray, ...]]) -> tuple[np.ndarray, ...]:
    """Distinct keys (each part's first array, sorted) with their other columns summed."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return np.array([], dtype=np.uint64), np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    if len(parts) == 1:
        return parts[0]
    uniq, inverse = np.unique(np.concatenate([p[0] for p in parts]), return_inverse=True)
    inverse = inverse.reshape(-1)
    return (uniq, *(np.bincount(inverse, weights=np.concatenate([p[k] for p in parts]), minlength=len(uniq))
                    .astype(np.int64) for k in range(1, len(parts[0]))))
