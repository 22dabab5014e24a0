"""BM25 over the units a query found: for thousands of them on arrays (numpy), not unit by unit.

Each scoring term (a leaf of the query) holds, per unit it occurs in, the summed quality of its
occurrences (``weights``) and their number (``counts``). A unit's score is the sum over terms of

    idf * (weight / count) * count * (K1 + 1) / (count + K1 * (1 - B + B * length / mean length))

that is BM25 on the count, times the mean quality of the occurrences; the spellings of one
Arabic name (terms with the same ``bridge``) count once, by the best of them. The arithmetic is
the same, in the same order, as one unit at a time, so the scores are the same to the last bit;
they are rounded to three decimals as Python rounds them.
"""

from __future__ import annotations

import math

K1 = 1.2
B = 0.75


def idf(unit_count: int, found_in: int) -> float:
    """The inverse document frequency of a term found in ``found_in`` of ``unit_count`` units."""
    return math.log(1 + (unit_count - found_in + 0.5) / (found_in + 0.5))


ARRAYS_FROM = 5000  # units; fewer are scored one at a time (numpy takes 60 ms to import)


def scores(units, scoring: list, lengths, mean_length: float, unit_count: int) -> tuple[list[int], list[float]]:
    """The units (sorted) and the BM25 score of each, for the ``scoring`` leaves (see above)."""
    if len(units) < ARRAYS_FROM:
        return _one_at_a_time(sorted(units), scoring, lengths, mean_length, unit_count)
    import numpy

    order = numpy.fromiter(units, dtype=numpy.int64, count=len(units))
    order.sort()
    if not len(order):
        return [], []
    n = int(order[-1]) + 1
    length = numpy.asarray(lengths[:n], dtype=numpy.float64)
    norm = K1 * (1 - B + B * length / mean_length)
    total = numpy.zeros(n)
    best: dict[str, numpy.ndarray] = {}
    for leaf in scoring:
        at, part = _parts(leaf, idf(unit_count, len(leaf.weights)), norm, n)
        if leaf.term.bridge is None:
            total[at] += part
        else:
            here = best.setdefault(leaf.term.bridge, numpy.zeros(n))
            here[at] = numpy.maximum(here[at], part)
    if best:  # as one unit at a time: the terms' sum, plus the sum of the names' best
        bridged = numpy.zeros(n)
        for here in best.values():
            bridged += here
        total = total + bridged
    return order.tolist(), [round(s, 3) for s in total[order].tolist()]


def _one_at_a_time(units: list[int], scoring: list, lengths, mean_length: float, unit_count: int):
    """As :func:`scores`, a unit at a time."""
    weights = [idf(unit_count, len(leaf.weights)) for leaf in scoring]
    found = []
    for g in units:
        norm = K1 * (1 - B + B * lengths[g] / mean_length)
        total, best = 0.0, {}
        for weight, leaf in zip(weights, scoring):
            tf = leaf.counts.get(g)
            if tf:
                part = weight * (leaf.weights[g] / tf) * tf * (K1 + 1) / (tf + norm)
                if leaf.term.bridge is None:
                    total += part
                else:
                    best[leaf.term.bridge] = max(best.get(leaf.term.bridge, 0.0), part)
        found.append(round(total + sum(best.values()), 3))
    return units, found


def _parts(leaf, weight: float, norm, n: int):  # numpy arrays
    """The units (below ``n``) a leaf occurs in, and its part of each one's score."""
    import numpy

    counts = leaf.counts
    at = numpy.fromiter(counts, dtype=numpy.int64, count=len(counts))
    tf = numpy.fromiter(counts.values(), dtype=numpy.float64, count=len(counts))
    w = numpy.fromiter((leaf.weights[g] for g in counts), dtype=numpy.float64, count=len(counts))
    keep = (at < n) & (tf > 0)
    at, tf, w = at[keep], tf[keep], w[keep]
    return at, weight * (w / tf) * tf * (K1 + 1) / (tf + norm[at])
