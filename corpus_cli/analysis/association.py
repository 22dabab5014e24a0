"""Collocates of a query and keywords of a part of the corpus, with the measures corpus linguists
use (AntConc, Sketch Engine, #LancsBox).

Collocates: for each occurrence of the query (the node; a phrase is one node), the words up to
``left`` words before it and ``right`` words after it, within its statement. O is how often a word
occurs in those windows, F_n how often the node occurs, F_c how often the word occurs in the
selection, N the selection's words:

    log-Dice  14 + log2(2·O / (F_n + F_c))                  (Rychlý 2008; Sketch Engine's default)
    MI        log2(O·N / (F_n·F_c))                          (Church and Hanks 1990)
    t-score   (O − F_n·F_c / N) / √O                          (Church et al. 1991)
    LL        2 Σ O_ij · ln(O_ij / E_ij) over the 2×2 table   (Dunning 1993)
              O_11 = O, O_12 = F_n − O, O_21 = F_c − O, O_22 = N − F_n − F_c + O, E_ij = R_i·C_j / N

Keywords: a word's count a in the target (of c words) and b in the reference (of d words):

    LL         2 (a ln(a/E_1) + b ln(b/E_2)), E_1 = c(a+b)/(c+d), E_2 = d(a+b)/(c+d)   (Rayson and Garside 2000)
    log ratio  log2((a/c) / (b/d)), a zero count taken as 0.5                         (Hardie 2014)

A positive keyword is relatively commoner in the target (a/c > b/d), a negative one in the reference.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from corpus_cli.analysis.words import Stream, word_numbers
from corpus_cli.errors import UsageError
from corpus_cli.index.tokens import SEPARATOR

MEASURES = ("logdice", "mi", "t", "ll")


class Collocate(NamedTuple):
    word: str
    count: int  # O: in the windows
    left: int
    right: int
    frequency: int  # F_c: in the selection
    score: float


class Keyword(NamedTuple):
    word: str
    target: int
    reference: int
    target_per_million: float
    reference_per_million: float
    log_likelihood: float
    log_ratio: float


def nodes(stream: Stream, seg_starts: np.ndarray, chosen: np.ndarray,
          sequences: list[list[set[int]]]) -> tuple[np.ndarray, np.ndarray]:
    """Where the query's terms occur in the chosen statements: starts and ends (exclusive) in the
    stream. ``seg_starts``: where each statement of the stream starts; ``chosen``: the statements
    (their numbers there, sorted) the query matched; each sequence is a term: the word numbers
    each of its words may be."""
    ids, marks = stream.ids, stream.marks
    starts, ends = [], []
    for sequence in sequences:
        n = len(sequence)
        found = np.flatnonzero(marks(sequence[0])[ids])
        found = found[found + n <= len(ids)]
        for j, numbers in enumerate(sequence[1:], start=1):
            found = found[marks(numbers)[ids[found + j]]]
        segment = np.searchsorted(seg_starts, found, side="right") - 1
        found = found[np.isin(segment, chosen)]
        starts.append(found)
        ends.append(found + n)
    if not starts:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    start, end = np.concatenate(starts), np.concatenate(ends)
    order = np.lexsort((end, start))
    start, end = start[order], end[order]
    keep = np.ones(len(start), dtype=bool)  # one node per stretch: spellings of one term may overlap
    keep[1:] = start[1:] >= np.maximum.accumulate(end)[:-1]
    return start[keep], end[keep]


def window_counts(stream: Stream, starts: np.ndarray, ends: np.ndarray, left: int, right: int):
    """How often each word number stands within ``left`` words before a node and ``right`` after it,
    in the node's statement: (left counts, right counts)."""
    ids = stream.ids
    width = len(stream.vocabulary)
    sides = []
    for reach, origin, step in ((left, starts, -1), (right, ends - 1, 1)):
        counts = np.zeros(width, dtype=np.int64)
        alive = np.ones(len(origin), dtype=bool)
        for d in range(1, reach + 1):
            at = origin + step * d
            alive &= (at >= 0) & (at < len(ids))
            words = np.where(alive, ids[np.clip(at, 0, len(ids) - 1)], SEPARATOR)
            alive &= words != SEPARATOR
            counts += np.bincount(words[alive], minlength=width)
        sides.append(counts)
    return sides[0], sides[1]


def score(measure: str, o, f_node: int, f_coll, n: int):
    """The association of a node occurring ``f_node`` times with words occurring ``f_coll`` times,
    ``o`` of them in its windows, among ``n`` words (arrays of float)."""
    if measure == "logdice":
        return 14 + np.log2(2 * o / (f_node + f_coll))
    if measure == "mi":
        return np.log2(o * n / (f_node * f_coll))
    if measure == "t":
        return (o - f_node * f_coll / n) / np.sqrt(o)
    if measure == "ll":
        cells = ((o, f_node, f_coll), (f_node - o, f_node, n - f_coll), (f_coll - o, n - f_node, f_coll),
                 (n - f_node - f_coll + o, n - f_node, n - f_coll))
        total = np.zeros_like(o, dtype=float)
        for observed, row, column in cells:
            observed = np.maximum(observed, 0).astype(float)
            expected = row * column / n
            with np.errstate(divide="ignore", invalid="ignore"):
                total += np.where(observed > 0, observed * np.log(observed / expected), 0.0)
        return 2 * total
    raise UsageError(f"--measure must be one of {', '.join(MEASURES)}, not {measure!r}")


def collocates(stream: Stream, starts: np.ndarray, ends: np.ndarray, frequency: np.ndarray, total: int, *, left: int,
               right: int, measure: str, stop=frozenset(), min_count: int = 1,
               limit: int | None = None) -> list[Collocate]:
    """The words in the windows of the nodes, by their association with the node, strongest first
    (``frequency``: each word's count in the selection, of ``total`` words)."""
    if measure not in MEASURES:
        raise UsageError(f"--measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    on_left, on_right = window_counts(stream, starts, ends, left, right)
    together = on_left + on_right
    if stop:
        together[list(word_numbers(stream.vocabulary, stop))] = 0
    chosen = np.flatnonzero(together >= max(min_count, 1))
    if not len(chosen) or not len(starts):
        return []
    o = together[chosen].astype(float)
    values = score(measure, o, len(starts), frequency[chosen].astype(float), total)
    vocabulary = stream.vocabulary
    rows = [Collocate(vocabulary[w], int(together[w]), int(on_left[w]), int(on_right[w]), int(frequency[w]),
                      round(float(v), 3)) for w, v in zip(chosen.tolist(), values.tolist())]
    rows.sort(key=lambda r: (-r.score, -r.count, r.word))
    return rows[:limit] if limit is not None else rows


def keywords(target: np.ndarray, reference: np.ndarray, vocabulary: list[str], *, negative: bool = False,
             stop=frozenset(), min_count: int = 1, limit: int | None = None) -> list[Keyword]:
    """Words by their keyness in the target (counts by word number) against the reference."""
    c, d = int(target.sum()), int(reference.sum())
    if not c or not d:
        return []
    a, b = target.astype(float), reference.astype(float)
    own = b if negative else a
    chosen = own >= max(min_count, 1)
    chosen &= (a * d < b * c) if negative else (a * d > b * c)
    chosen[SEPARATOR] = False
    if stop:
        chosen[list(word_numbers(vocabulary, stop))] = False
    at = np.flatnonzero(chosen)
    a, b = a[at], b[at]
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        ll = 2 * (np.where(a > 0, a * np.log(a / e1), 0.0) + np.where(b > 0, b * np.log(b / e2), 0.0))
    ratio = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    rows = [Keyword(vocabulary[w], int(x), int(y), round(x * 1e6 / c, 2), round(y * 1e6 / d, 2), round(float(g), 3),
                    round(float(r), 3))
            for w, x, y, g, r in zip(at.tolist(), a.tolist(), b.tolist(), ll.tolist(), ratio.tolist())]
    rows.sort(key=lambda r: (-r.log_likelihood, r.word))
    return rows[:limit] if limit is not None else rows
