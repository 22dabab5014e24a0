#!/usr/bin/env python3
"""The spellings search admits for a corpus's most frequent names, to check by hand.

    python bench/name_expansions.py FOLDER [--names 200] [--top 20] [--field NAME=COLUMN]

Takes the FOLDER's most frequent words written as names (with a capital in most of their
occurrences), expands each as a query would (as a name: the query "Abu X" shows X is one), and
prints the expansions that are not the word itself, most frequent first: a false match among
them (a common word, another person) would be found in every search for that name. Also prints
the places the gazetteer finds in the folder, most named first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus_cli.api import open_corpus  # noqa: E402
from corpus_cli.search.expand import RULE_SAME, expand  # noqa: E402


def frequent_names(corpus, n: int, sample: int = 20000) -> list[tuple[str, int, str]]:
    """The ``n`` most frequent words written as names, from a sample of statements: (folded word,
    occurrences in the corpus, its usual spelling). A name is capitalised in most of its
    occurrences inside a statement (the first word of a statement says nothing)."""
    from collections import Counter

    from corpus_cli.language.text import WORD, fold

    index = corpus.index
    step = max(1, index.unit_count // sample)
    seen, capital, spelled = Counter(), Counter(), {}
    for g in range(0, index.unit_count, step):
        for m in list(WORD.finditer(index.unit_text(g)))[1:]:
            word = fold(m.group())
            if len(word) >= 3 and word.isalpha():
                seen[word] += 1
                if m.group()[:1].isupper():
                    capital[word] += 1
                    spelled.setdefault(word, m.group())
    names = [w for w, k in seen.items() if k >= 5 and capital[w] * 2 > k]
    ranked = sorted(((index.lexicon.count(w), w) for w in names), reverse=True)[:n]
    return [(w, count, spelled[w]) for count, w in ranked]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--names", type=int, default=200, help="how many of the most frequent names to expand")
    ap.add_argument("--top", type=int, default=20, help="how many expansions and places to print")
    ap.add_argument("--field", action="append", default=[], metavar="NAME=COLUMN")
    args = ap.parse_args()
    corpus = open_corpus(args.folder, fields=dict(f.split("=", 1) for f in args.field) or None)
    lexicon = corpus.index.lexicon
    names = frequent_names(corpus, args.names)
    found = []
    for word, count, spelled in names:
        try:
            expansions = expand(spelled, lexicon, name=True)
        except TypeError:  # a version before names were told from words (to compare with it)
            expansions = expand(spelled, lexicon)
        for e in expansions:
            if e.rule != RULE_SAME:
                found.append((lexicon.count(e.word), spelled, count, e.word, e.rule, e.distance))
    found.sort(reverse=True)
    print(f"{args.folder}: {len(names)} most frequent names, {len(found)} expansions other than the word itself")
    print("| query (occurrences) | expanded to (occurrences) | rule | edits |")
    print("| --- | --- | --- | ---: |")
    for n, query, qn, word, rule, distance in found[: args.top]:
        print(f"| {query} ({qn:,}) | {word} ({n:,}) | {rule} | {distance} |")
    places = corpus.places()
    print(f"\n{len(places)} places named; the first {min(args.top, len(places))}:")
    for p in places[: args.top]:
        print(f"  {p.name} ({p.kind}): {p.documents:,} documents, {p.statements:,} statements")


if __name__ == "__main__":
    main()
