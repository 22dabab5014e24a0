"""BM25 on arrays: the same scores as the formula computed one unit at a time."""

import math
from types import SimpleNamespace

import pytest

from corpus_cli.search import ranking


def leaf(weights, counts, bridge=None):
    return SimpleNamespace(weights=weights, counts=counts, term=SimpleNamespace(bridge=bridge))


def by_hand(units, leaves, lengths, mean, unit_count):
    """The formula of the module's docstring, one unit at a time, in plain floats."""
    out = {}
    for g in units:
        norm = 1.2 * (1 - 0.75 + 0.75 * lengths[g] / mean)
        score, best = 0.0, {}
        for lf in leaves:
            tf = lf.counts.get(g)
            if tf:
                idf = math.log(1 + (unit_count - len(lf.weights) + 0.5) / (len(lf.weights) + 0.5))
                part = idf * (lf.weights[g] / tf) * tf * 2.2 / (tf + norm)
                if lf.term.bridge is None:
                    score += part
                else:
                    best[lf.term.bridge] = max(best.get(lf.term.bridge, 0.0), part)
        out[g] = round(score + sum(best.values()), 3)
    return out


@pytest.mark.parametrize("arrays_from", [0, 10**9])  # on arrays, and a unit at a time
def test_scores_are_bm25_as_written_one_unit_at_a_time(monkeypatch, arrays_from):
    monkeypatch.setattr(ranking, "ARRAYS_FROM", arrays_from)
    lengths = [12, 30, 7, 19, 44, 3, 25]
    leaves = [
        leaf({0: 1.0, 2: 2.0, 4: 0.6}, {0: 1, 2: 2, 4: 1}),  # "health": twice in unit 2, a typo in 4
        leaf({2: 1.0, 3: 1.0}, {2: 1, 3: 1}),  # "care"
        leaf({4: 0.8, 6: 1.0}, {4: 1, 6: 1}, bridge="Aleppo"),  # حلب and بحلب: one name, the best counts
        leaf({4: 1.0}, {4: 1}, bridge="Aleppo"),
    ]
    units = {0, 2, 3, 4, 6}
    found, scores = ranking.scores(units, leaves, lengths, sum(lengths) / len(lengths), 7)
    assert found == [0, 2, 3, 4, 6]
    assert dict(zip(found, scores)) == by_hand(units, leaves, lengths, sum(lengths) / len(lengths), 7)
    assert scores[1] > scores[0]  # two occurrences and two terms beat one
    assert ranking.scores(set(), leaves, lengths, 20.0, 7) == ([], [])

