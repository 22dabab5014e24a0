"""Whether two written names stand for the same person or place.

(First version: today's matchers, wrapped for bench/names.py.)
"""

from __future__ import annotations

from corpus_cli.language.articles import ARTICLES
from corpus_cli.language.text import fold, words
from corpus_cli.language.translit import meet

PARTICLES = frozenset({"abd", "abdel", "abdul", "abdal", "abu", "abou", "abo", "bin", "ibn", "ben", "bn"})


def same_name(a: str, b: str) -> bool:
    from corpus_cli.language.speakers import name_matches

    return name_matches(a, b)


def same_place(a: str, b: str) -> bool:
    from corpus_cli.language.places import gazetteer

    gaz = gazetteer()
    return bool({p.name for p in gaz.resolve(a)} & {p.name for p in gaz.resolve(b)})


def classify(a: str, b: str) -> str:
    """The class of variant that tells ``a`` from ``b``, for reports: article or particle, word
    split, another name altogether, or spelling."""
    wa, wb = [fold(w) for w in words(a)], [fold(w) for w in words(b)]
    ca = [w for w in wa if w not in ARTICLES and w not in PARTICLES]
    cb = [w for w in wb if w not in ARTICLES and w not in PARTICLES]
    if (ca != wa or cb != wb) and (set(wa) - set(ca)) != (set(wb) - set(cb)):
        return "article/particle"
    if "".join(ca) == "".join(cb) or "".join(wa) == "".join(wb):
        return "word split"
    if not any(x == y or meet(x, y) or x[:3] == y[:3] for x in ca for y in cb):
        return "another name"
    return "spelling"
