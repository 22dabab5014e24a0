"""corpus words, ngrams, collocates and keywords: a selection's stream of words
(:mod:`corpus_cli.analysis.words`) counted as a corpus linguist counts it
(:mod:`corpus_cli.analysis.association`).

The whole corpus's counts and document frequencies are kept per state of the database once
made, so that a word list of everything and the reference of keywords read them, not every
document again.
"""

from __future__ import annotations

import numpy as np

from corpus_cli.analysis import association, words as words_mod
from corpus_cli.analysis.words import Stream, WordCount, gather
from corpus_cli.index.schema import cached
from corpus_cli.index.tokens import SEPARATOR
from corpus_cli.search import execute

TOTALS = "word-totals"  # the cache's name for the whole corpus's counts and document frequencies


def _positions(index, selection) -> list[int]:
    return selection.positions if selection.positions is not None else index.in_date_order()


def _whole(selection) -> bool:
    return selection.positions is None and selection.said is None


def stream_of(index, selection) -> Stream:
    return gather(index, _positions(index, selection), selection.said)


def totals(index) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The whole corpus's counts and document frequencies by word number, and the words."""
    index.streams.of([])  # every document numbered first: the words are then all there are
    packed = cached(index.db, TOTALS) if hasattr(index, "store") else None
    vocabulary = index.streams.words
    if packed is not None:
        both = np.frombuffer(packed, dtype="<i8")
        half = len(both) // 2
        if half == len(vocabulary):
            return both[:half].astype(np.int64), both[half:].astype(np.int64), vocabulary
    stream = gather(index, index.in_date_order())
    vocabulary = stream.vocabulary
    counts = stream.counts()
    present = np.unique(stream.doc.astype(np.int64) * len(vocabulary) + stream.ids)
    documents = np.bincount(present % len(vocabulary), minlength=len(vocabulary))
    documents[SEPARATOR] = 0
    if hasattr(index, "store"):
        index.store.keep(TOTALS, np.concatenate([counts, documents]).astype("<i8").tobytes())
        index.store.flush()
    return counts, documents, vocabulary


def word_list(index, selection, *, stop=frozenset(), min_count=1, limit=None, by_form=False,
              translit=False) -> list[WordCount]:
    """The selection's word list; the whole corpus's is read from its kept counts."""
    if not _whole(selection) or by_form or translit:
        return words_mod.word_list(stream_of(index, selection), stop=stop, min_count=min_count, limit=limit,
                                   by_form=by_form, index=index, said=selection.said, translit=translit)
    counts, documents, vocabulary = totals(index)
    counts = counts.copy()
    counts[SEPARATOR] = 0
    total = int(counts.sum())
    if stop:
        numbers = {w: n for n, w in enumerate(vocabulary)}
        counts[[numbers[w] for w in stop if w in numbers]] = 0
    chosen = words_mod._top(np.flatnonzero(counts >= max(min_count, 1)), counts, vocabulary, limit)
    return [WordCount(vocabulary[n], int(counts[n]), int(documents[n]), words_mod._per_million(counts[n], total))
            for n in chosen]


def ngram_list(index, selection, n: int, **options):
    return words_mod.ngram_list(stream_of(index, selection), n, **options)


def collocate_list(index, selection, query: str, *, left: int, right: int, measure: str, stop=frozenset(),
                   min_count: int = 1, limit=None, fuzziness: str = "auto", exact: bool = False):
    """The collocates of ``query``'s matches in the selection; also how often the node occurs."""
    positions = _positions(index, selection)
    only = None
    if selection.said is not None:
        titles = index.title_unit
        only = {titles[p] + 1 + i for p, said in selection.said.items() for i in said}
    allowed = None if selection.positions is None else set(selection.positions)
    units, terms = execute.matched(index, query, allowed=allowed, only=only, fuzziness=fuzziness, exact=exact)
    stream = gather(index, positions, selection.said)
    segments = _matched_segments(index, stream, units, selection.said)
    numbers = {w: k for k, w in enumerate(stream.vocabulary)}
    sequences = [[{numbers[w] for w in part if w in numbers} for part in term] for term in terms]
    sequences = [s for s in sequences if all(s)]
    starts, ends = association.nodes(stream, segments, sequences)
    found = association.collocates(stream, starts, ends, left=left, right=right, measure=measure, stop=stop,
                                   min_count=min_count, limit=limit)
    return found, len(starts)


def _matched_segments(index, stream: Stream, units: set[int], said: dict[int, set[int]] | None) -> np.ndarray:
    """A mark on each entry of the stream that lies in one of ``units`` (titles and statements)."""
    marks = np.zeros(len(stream.ids) + 1, dtype=np.int32)
    seg_starts = np.concatenate([[0], np.flatnonzero(stream.ids == SEPARATOR) + 1])
    doc_starts = np.flatnonzero(np.diff(np.concatenate([[-1], stream.doc])))
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
    if not segments:
        return marks[:-1].astype(bool)
    chosen = np.array(sorted(set(segments)), dtype=np.int64)
    begin = seg_starts[chosen]
    end = np.append(seg_starts[1:] - 1, len(stream.ids))[chosen]  # each segment ends at its separator
    np.add.at(marks, begin, 1)
    np.add.at(marks, end, -1)
    return np.cumsum(marks)[:-1] > 0


def keyword_list(index, target, reference=None, **options):
    """Keywords of the ``target`` selection against the ``reference`` selection, or against the
    rest of the corpus."""
    target_counts = stream_of(index, target).counts()
    if reference is not None:
        reference_counts = stream_of(index, reference).counts()
    else:
        whole, _, _ = totals(index)
        reference_counts = whole.copy()
        reference_counts[: len(target_counts)] -= target_counts[: len(whole)]
    width = max(len(target_counts), len(reference_counts))
    target_counts = np.pad(target_counts, (0, width - len(target_counts)))
    reference_counts = np.pad(reference_counts, (0, width - len(reference_counts)))
    return association.keywords(target_counts, reference_counts, index.streams.words, **options)
