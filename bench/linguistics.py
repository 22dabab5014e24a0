#!/usr/bin/env python3
"""corpus words, ngrams, collocates and keywords: checked on the UN speeches, timed on a large folder.

    python bench/linguistics.py --un ../shared/corpora/un-general-debate
    python bench/linguistics.py --warm /tmp/c100k --runs 5

--un: `words` counts of climate, peace and Ukraine beside a regular expression over the files'
text (each word whole, any case; target: within 1 %), whether `collocates climate` has change
first or second, whether `keywords --since 2020 --until 2020` has pandemic or COVID in its top
10, and the top 20 of each command printed for judging by hand (the verdicts are in
bench/linguistics_verdicts.md).

--warm: each command, warm (its index and word streams made by a first, untimed run), alternating
with `rg -il aleppo` over the same folder; medians, their ratio (target ≤ 3) and the peak memory
of the corpus process (target ≤ 300 MB). An answer about the whole corpus (n-grams, collocates) is
kept once made: those two are timed again with the kept answers dropped before each run (made
anew). Not part of the test suite: timing never decides a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf import compare, corpus  # noqa: E402  (the same runner and medians as bench/perf.py)

COUNTED = ("climate", "peace", "ukraine")


def json_of(args: list[str], env: dict) -> list:
    out = subprocess.run(corpus(*args, "--json"), env=env, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit(f"corpus {' '.join(args)}: {out.stderr.strip()}")
    return json.loads(out.stdout or "[]")


def regex_counts(folder: Path, words) -> dict[str, int]:
    """Whole-word, any-case occurrences in the text of every .txt file under ``folder``."""
    patterns = {w: re.compile(rf"(?<![\w']){w}(?![\w'])", re.IGNORECASE) for w in words}
    found = dict.fromkeys(words, 0)
    for path in sorted(folder.rglob("*.txt")):
        if path.name.startswith("._") or "__MACOSX" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for w, pattern in patterns.items():
            found[w] += len(pattern.findall(text))
    return found


def un(folder: Path, env: dict) -> None:
    data = ["--data", str(folder)]
    listed = {r["word"]: r["count"] for r in json_of(["words", *data, "--min-count", "1"], env)}
    expected = regex_counts(folder, COUNTED)
    print("| word | corpus words | regular expression | difference |\n| --- | --- | --- | --- |")
    for w in COUNTED:
        got = listed.get(w, 0)
        print(f"| {w} | {got:,} | {expected[w]:,} | {(got - expected[w]) / expected[w]:+.2%} |")
    tops = {
        "words --stop english": json_of(["words", *data, "--stop", "english", "--limit", "20"], env),
        "ngrams 2 --stop english": json_of(["ngrams", "2", *data, "--stop", "english", "--limit", "20"], env),
        "collocates climate": json_of(["collocates", "climate", *data, "--limit", "20"], env),
        "keywords --since 2020 --until 2020": json_of(["keywords", *data, "--since", "2020", "--until", "2020",
                                                       "--limit", "20"], env),
    }
    colloc = [r["word"] for r in tops["collocates climate"]]
    keys = [r["word"] for r in tops["keywords --since 2020 --until 2020"]]
    print(f"\ncollocates climate: change at rank {colloc.index('change') + 1 if 'change' in colloc else None} (target 1 or 2)")
    hits = [w for w in keys[:10] if w in ("pandemic", "covid")]
    print(f"keywords 2020: {', '.join(hits) or 'neither'} in the top 10 (target pandemic or covid)")
    for name, rows in tops.items():
        print(f"\n{name}:")
        for n, r in enumerate(rows, 1):
            label = r.get("word") or r.get("ngram")
            rest = {k: v for k, v in r.items() if k not in ("word", "ngram", "forms")}
            print(f"  {n:2d}. {label}  {json.dumps(rest)}")


def warm(folder: Path, runs: int, env: dict) -> None:
    data = ["--data", str(folder)]
    cases = [
        ("words --limit 20", ["words", *data, "--limit", "20"]),
        ("ngrams 2 --limit 20", ["ngrams", "2", *data, "--limit", "20"]),
        ("collocates health", ["collocates", "health", *data, "--limit", "20"]),
        ("keywords --since 2019", ["keywords", *data, "--since", "2019", "--limit", "20"]),
    ]
    for _, args in cases:  # the first run makes the index and the word streams
        subprocess.run(corpus(*args), env=env, capture_output=True)
    rg = ["rg", "-il", "aleppo", str(folder)]
    rows = [compare(name, corpus(*args), rg, runs, env, target="<= 3.0, <= 300 MB") for name, args in cases]
    # the same, each time made anew: each run asks a question not asked before (one more row), so
    # that no answer kept about the whole corpus serves it (changing the database from outside would
    # make the next command check it whole)
    for name, args in cases[1:3]:
        argv = corpus(*args)
        asked = iter(range(21, 10_000))

        def another(argv=argv, asked=asked) -> None:
            argv[-1] = str(next(asked))

        rows.append(compare(name + " (made anew)", argv, rg, runs, env, before=another))
    print("| command | corpus | rg -il aleppo | ratio | peak memory |\n| --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| `{r['case']}` | {r['corpus_s']:.2f} s | {r['baseline_s']:.2f} s | {r['ratio']:.2f} | {r['peak_mb']} MB |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--un", type=Path, help="the UN General Debate speeches")
    ap.add_argument("--warm", type=Path, help="a large folder (e.g. 100,000 releases of make_corpus.py)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cache", help="cache folder (default: a temporary one)")
    args = ap.parse_args()
    env = {**os.environ, "CORPUS_CACHE_DIR": args.cache or tempfile.mkdtemp(prefix="corpus-ling-")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.un:
        un(args.un, env)
    if args.warm:
        warm(args.warm, args.runs, env)


if __name__ == "__main__":
    main()
