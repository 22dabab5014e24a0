"""corpus words, ngrams, collocates and keywords: a selection's stream of words
(:mod:`corpus_cli.analysis.words`) counted as a corpus linguist counts it
(:mod:`corpus_cli.analysis.association`).

The whole corpus's counts and document frequencies are kept per state of the database once
made, so that a word list of everything and the reference of keywords read them, not every
document again.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np

from corpus_cli.analysis import association, words as words_mod
from corpus_cli.analysis.words import NgramCount, Stream, WordCount, gather, joined
from corpus_cli.errors import UsageError
from corpus_cli.language.text import fold, words as split_words
from corpus_cli.index.schema import cached
from corpus_cli.index.select import Selection
from corpus_cli.index.tokens import SEPARATOR
from corpus_cli.search import execute

TOTALS = "word-totals"  # the cache's name for the whole corpus's counts and document frequencies
CHUNK = 5000  # documents counted at once for the whole corpus's totals
MERGE_FROM = 4_000_000  # n-grams held from several chunks, from which they are merged into one count
BUCKET_BITS = 22  # the n-grams' hashed table: 2^22 counts (32 MB)


def _positions(index, selection) -> list[int]:
    return selection.positions if selection.positions is not None else index.in_date_order()


def _whole(selection) -> bool:
    return selection.positions is None and selection.said is None


def stream_of(index, selection) -> Stream:
    return gather(index, _positions(index, selection), selection.said)


def totals(index) -> tuple[np.ndarray, np.ndarray]:
    """The whole corpus's counts and document frequencies by word number."""
    width = index.streams.size  # every document numbered first: the words are then all there are
    packed = cached(index.db, TOTALS) if hasattr(index, "store") else None
    if packed is not None:
        both = np.frombuffer(packed, dtype="<i8")
        if len(both) == 2 * width:
            return both[:width].astype(np.int64), both[width:].astype(np.int64)
    counts = np.zeros(width, dtype=np.int64)
    documents = np.zeros(width, dtype=np.int64)
    for stream in _chunks(index, Selection(None, None, frozenset())):  # a chunk at a time: in 300 MB
        counts += np.bincount(stream.ids, minlength=width)
        present = np.unique(stream.doc.astype(np.int64) * width + stream.ids)
        documents += np.bincount(present % width, minlength=width)
    counts[SEPARATOR] = documents[SEPARATOR] = 0
    if hasattr(index, "store"):
        index.store.keep(TOTALS, np.concatenate([counts, documents]).astype("<i8").tobytes())
        index.store.flush()
    return counts, documents


def word_list(index, selection, *, stop=frozenset(), min_count=1, limit=None, by_form=False,
              translit=False) -> list[WordCount]:
    """The selection's word list; the whole corpus's is read from its kept counts."""
    if not _whole(selection) or by_form or translit:
        return words_mod.word_list(stream_of(index, selection), stop=stop, min_count=min_count, limit=limit,
                                   by_form=by_form, index=index, said=selection.said, translit=translit)
    counts, documents = totals(index)
    total = int(counts.sum())
    if stop:
        counts = counts.copy()
        counts[list(index.streams.numbered(stop))] = 0
    chosen, spelled = words_mod.top(counts, min_count, limit, index.streams.spelled)  # words read: those at the cut
    return [WordCount(spelled[n], int(counts[n]), int(documents[n]), words_mod._per_million(counts[n], total))
            for n in chosen]


def _chunks(index, selection):
    """The selection's stream, a chunk of documents at a time (the whole corpus's read in the
    table's order, without asking for each document)."""
    if _whole(selection) and not selection.hidden:
        for blobs in index.streams.every(CHUNK):
            yield joined(index, blobs, None)
        return
    positions = _positions(index, selection)
    for i in range(0, len(positions), CHUNK):
        yield gather(index, positions[i : i + CHUNK], selection.said)


def kept(index, selection, name: str, args: dict, make):
    """``make()``'s JSON-able answer about the whole corpus, kept per state of the database under
    ``name`` and ``args``, so that the same question asked again reads it; about a part, made."""
    if not _whole(selection) or selection.hidden or not hasattr(index, "store"):
        return make()
    key = f"{name}:" + hashlib.sha1(json.dumps(args, sort_keys=True, default=sorted).encode()).hexdigest()
    packed = cached(index.db, key)
    if packed is not None:
        return json.loads(packed)
    found = make()
    index.store.keep(key, json.dumps(found).encode())
    index.store.flush()
    return found


def ngram_list(index, selection, n: int, **options) -> list[NgramCount]:
    """:func:`count_ngrams`, kept for the whole corpus."""
    found = kept(index, selection, "ngrams", {"n": n, **options},
                 lambda: [list(r) for r in count_ngrams(index, selection, n, **options)])
    return [NgramCount(*r) for r in found]


def count_ngrams(index, selection, n: int, *, containing: str | None = None, stop=frozenset(), min_count: int = 1,
               limit: int | None = None) -> list[NgramCount]:
    """The commonest runs of ``n`` words within a statement (see :func:`words.gram_keys`), exactly,
    in two passes over the selection a chunk of documents at a time, so that memory stays flat.

    The first pass counts every n-gram into the buckets of a hashed table (a bucket's count is at
    least that of each n-gram in it) and, exactly, the n-grams of the first chunk: the ``limit``-th
    largest of those is a floor that the ``limit``-th n-gram reaches. The second pass
    counts exactly every n-gram whose bucket reaches the floor, with its documents: all that can
    be shown. Without a limit the floor is ``min_count`` and every n-gram is counted.
    """
    if n not in words_mod.NGRAM_SIZES:
        raise UsageError(f"n-grams are of 2 to 5 words, not {n}")
    number = None
    if containing is not None:
        given = split_words(containing)
        if len(given) != 1:
            raise UsageError(f"--containing takes one word, not {containing!r}")
        found = index.streams.numbered([fold(given[0])])
        if not found:
            return []
        number = found.pop()
    stopped = None
    if stop:
        stopped = np.zeros(index.streams.size, dtype=bool)
        stopped[list(index.streams.numbered(stop))] = True
    table = np.zeros(1 << BUCKET_BITS, dtype=np.int64)
    bucket = lambda keys: ((keys * words_mod._MIX) >> np.uint64(64 - BUCKET_BITS)).astype(np.int64)  # noqa: E731
    tally, total = None, 0
    with np.errstate(over="ignore"):
        for stream in _chunks(index, selection):
            total += stream.total
            keys, _ = words_mod.gram_keys(stream, n, number, stopped)
            table += np.bincount(bucket(keys), minlength=len(table))
            if limit is None:
                continue
            if tally is None and len(keys):  # the counts of the first chunk: each at most its n-gram's whole count
                tally = np.unique(keys, return_counts=True)[1]
        floor = max(min_count, 1)
        if limit is not None and tally is not None and len(tally) >= limit > 0:
            floor = max(floor, int(np.sort(tally)[-limit]))
        parts, spelled_at = [], {}
        for stream in _chunks(index, selection):
            keys, starts = words_mod.gram_keys(stream, n, number, stopped)
            at = np.flatnonzero(table[bucket(keys)] >= floor)
            keys, starts = keys[at], starts[at]
            uniq, first, counts = np.unique(keys, return_index=True, return_counts=True)
            docs = stream.doc[starts]
            order = np.lexsort((docs, keys))
            new_pair = np.ones(len(order), dtype=bool)
            new_pair[1:] = (keys[order][1:] != keys[order][:-1]) | (docs[order][1:] != docs[order][:-1])
            documents = np.bincount(np.searchsorted(uniq, keys[order][new_pair]), minlength=len(uniq))
            parts.append((uniq, counts, documents))
            for k, start in zip(uniq.tolist(), starts[first].tolist()):
                if k not in spelled_at:
                    spelled_at[k] = stream.ids[start : start + n].tolist()
            if sum(len(p[0]) for p in parts) > MERGE_FROM:
                parts = [words_mod.merged(parts)]
    grams, counts, documents = words_mod.merged(parts)

    def spell(kept: list[int]) -> dict[int, str]:
        numbers = {g: spelled_at[int(grams[g])] for g in kept}
        spelled = index.streams.spelled({w for ws in numbers.values() for w in ws})
        return {g: " ".join(spelled[w] for w in ws) for g, ws in numbers.items()}

    chosen, text = words_mod.top(counts, min_count, limit, spell)
    return [NgramCount(text[g], int(counts[g]), int(documents[g]), words_mod._per_million(counts[g], total))
            for g in chosen]


def collocate_list(index, selection, query: str, **options):
    """:func:`find_collocates`, kept for the whole corpus."""
    def make():
        found, nodes = find_collocates(index, selection, query, **options)
        return [[list(r) for r in found], nodes]

    found, nodes = kept(index, selection, "collocates", {"query": query, **options}, make)
    return [association.Collocate(*r) for r in found], nodes


def find_collocates(index, selection, query: str, *, left: int, right: int, measure: str, stop=frozenset(),
                    min_count: int = 1, limit=None, fuzziness: str = "auto", exact: bool = False):
    """The collocates of ``query``'s matches in the selection; also how often the node occurs."""
    positions = _positions(index, selection)
    only = None
    if selection.said is not None:
        titles = index.title_unit
        only = {titles[p] + 1 + i for p, said in selection.said.items() for i in said}
    allowed = None if selection.positions is None else set(selection.positions)
    units, terms = execute.matched(index, query, allowed=allowed, only=only, fuzziness=fuzziness, exact=exact)
    holding = {index.stmt_doc[g] for g in units}
    stream = gather(index, [p for p in positions if p in holding], selection.said)  # the windows lie in these
    seg_starts, chosen = _matched_segments(index, stream, units, selection.said)
    sequences = [[index.streams.numbered(part) for part in term] for term in terms]
    sequences = [s for s in sequences if all(s)]
    starts, ends = association.nodes(stream, seg_starts, chosen, sequences)
    frequency, total = selection_counts(index, selection)
    found = association.collocates(stream, starts, ends, frequency, total, left=left, right=right, measure=measure,
                                   stop=stop, min_count=min_count, limit=limit)
    return found, len(starts)


def selection_counts(index, selection) -> tuple[np.ndarray, int]:
    """How often each word number occurs in the selection, and its words in all."""
    if _whole(selection) and not selection.hidden:
        counts = totals(index)[0]
    else:
        counts = np.zeros(index.streams.size, dtype=np.int64)
        for stream in _chunks(index, selection):
            counts += np.bincount(stream.ids, minlength=len(counts))
        counts[SEPARATOR] = 0
    return counts, int(counts.sum())


def _matched_segments(index, stream: Stream, units: set[int], said: dict[int, set[int]] | None):
    """Where each statement (or title) of the stream starts, and which of them (their numbers in
    the stream, sorted) are ``units``."""
    seg_starts = np.concatenate([[0], np.flatnonzero(stream.ids == SEPARATOR) + 1])
    doc_starts = np.searchsorted(stream.doc, np.arange(len(stream.positions), dtype=stream.doc.dtype))  # same dtype: no copy
    first_segment = np.searchsorted(seg_starts, doc_starts)
    row = {p: k for k, p in enumerate(stream.positions)}
    # with a speaker, the stream holds only their statements, in order: a statement's rank among them
    rank = {p: {n: i for i, n in enumerate(sorted(ns))} for p, ns in said.items()} if said is not None else None
    segments = []
    for g in units:
        p = index.stmt_doc[g]
        k = row.get(p)
        if k is None:
            continue
        title = index.title_unit[p]
        if rank is not None:
            s = None if g == title else rank.get(p, {}).get(g - title - 1)
        elif g == title:
            s = None if index.title_derived(p) else 0  # a title made from the first sentence is not in the stream
        else:
            s = g - title - 1 + (0 if index.title_derived(p) else 1)
        if s is not None:
            segments.append(first_segment[k] + s)
    return seg_starts, np.array(sorted(set(segments)), dtype=np.int64)


def keyword_list(index, target, reference=None, **options):
    """Keywords of the ``target`` selection against the ``reference`` selection, or against the
    rest of the corpus."""
    target_counts, _ = selection_counts(index, target)
    if reference is not None:
        reference_counts, _ = selection_counts(index, reference)
    else:
        whole, _ = totals(index)
        reference_counts = whole.copy()
        reference_counts[: len(target_counts)] -= target_counts[: len(whole)]
    width = max(len(target_counts), len(reference_counts))
    target_counts = np.pad(target_counts, (0, width - len(target_counts)))
    reference_counts = np.pad(reference_counts, (0, width - len(reference_counts)))
    return association.keywords(target_counts, reference_counts, index.streams.words, **options)
