#!/usr/bin/env python3
"""How well corpus reads and searches Arabic: precision and recall per query, Latin place names
finding Arabic text, statements, dates, and the cost of a build beside English.

    python bench/arabic.py                       # ../shared/corpora/arabic-news-2013, all of it
    python bench/arabic.py FOLDER --queries Q.tsv --manifest M.csv
    python bench/arabic.py --details             # the documents each query misses or adds, by query
    python bench/arabic.py --vs /tmp/c5k --runs 3  # the build's cost per character beside English

Truth is the queries file's regular expression of every written form of a term (article,
clitics, alef, ya and ta marbuta variants, diacritics, tatweel) run over each file's raw text,
as ../shared/bench/arabiccheck.py does; a term with " / " is the OR of its forms, a form of
several words a phrase. Search runs in this process through the library (Corpus.search), with
the CLI's defaults, into a temporary cache. With ``--vs`` an English folder (say
``../shared/bench/make_corpus.py 5000 /tmp/c5k``) is indexed too, with `corpus index` in a new
cache each time, alternating with the Arabic folder, and so is a plain FTS5 build of each
(bench/fts5_build.py): the report gives seconds per million characters and the ratios, so that
the cost of Arabic in corpus can be told from its cost in SQLite itself. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent.parent / "shared" / "corpora"
# Latin names of places, each with the query of the file whose regular expression is its truth
LATIN_PLACES = {"Aleppo": "حلب", "Damascus": "دمشق", "Idlib": "إدلب", "Homs": "حمص"}


def texts_of(folder: Path, fields: dict | None) -> dict[str, str]:
    """Each document's raw text by its id: a file's, or a JSONL record's text field."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".txt":
            found[path.stem] = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".jsonl":  # records are <file>#<row>, rows from 1
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            for n, line in enumerate(lines, 1):
                record = json.loads(line)
                found[f"{path.stem}#{n}"] = "\n".join(
                    str(record.get(k) or "") for k in ((fields or {}).get("title", "title"), (fields or {}).get("text", "text")))
    return found


def query_of(term: str) -> str:
    forms = [f.strip() for f in term.split(" / ")]
    return " OR ".join(f'"{f}"' if " " in f else f for f in forms)


def measure(corpus, texts: dict[str, str], query: str, regex: str) -> tuple[set, set]:
    truth = {k for k, t in texts.items() if re.search(regex, t)}
    got = {h.document.id for h in corpus.search(query)}
    return truth, got


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=CORPORA / "arabic-news-2013")
    parser.add_argument("--queries", type=Path, default=CORPORA / "arabic-news-2013.queries.tsv")
    parser.add_argument("--manifest", type=Path, help="path,date per file (default: the folder's .manifest.csv beside it)")
    parser.add_argument("--field", action="append", default=[], help="NAME=COLUMN, as corpus --field")
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--vs", type=Path, help="an English folder to compare the build's cost with")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent))
    os.environ.setdefault("CORPUS_CACHE_DIR", tempfile.mkdtemp(prefix="corpus-arabic-"))
    from corpus_cli.api import Corpus

    fields = dict(f.split("=", 1) for f in args.field)
    texts = texts_of(args.folder, fields)
    chars = sum(len(t) for t in texts.values())
    started = time.perf_counter()
    corpus = Corpus.open(args.folder, fields=fields or None, rebuild=True)
    built = time.perf_counter() - started
    print(f"{args.folder.name}: {len(texts):,} documents, {chars / 1e6:.1f} M characters, built in {built:.1f} s "
          f"({built / chars * 1e6:.2f} s per million characters)")

    rows = []
    queries = list(csv.DictReader(open(args.queries, encoding="utf-8"), delimiter="\t"))
    regex_of = {q["term"]: q["regex"] for q in queries}
    for q in queries:
        truth, got = measure(corpus, texts, query_of(q["term"]), q["regex"])
        if not truth:
            continue
        tp = len(truth & got)
        rows.append((q["term"], len(truth), len(got), tp / len(got) if got else 0.0, tp / len(truth)))
        if args.details:
            print(f"  {q['term']}: misses {sorted(truth - got)[:8]}, adds {sorted(got - truth)[:8]}")
    print(f"\n{'term':<36} {'truth':>6} {'found':>6} {'precision':>9} {'recall':>7}")
    for term, t, g, p, r in rows:
        print(f"{term:<36} {t:>6} {g:>6} {p:>9.3f} {r:>7.3f}")
    print(f"{'mean':<36} {'':>6} {'':>6} {statistics.mean(r[3] for r in rows):>9.3f} "
          f"{statistics.mean(r[4] for r in rows):>7.3f}   lowest recall {min(r[4] for r in rows):.3f}")

    print("\nLatin place names finding Arabic text (truth: the Arabic name's regular expression)")
    for latin, arabic in LATIN_PLACES.items():
        if arabic not in regex_of:
            continue
        truth, got = measure(corpus, texts, latin, regex_of[arabic])
        if truth:
            tp = len(truth & got)
            print(f"  {latin:<10} ← {arabic}: truth {len(truth)}, found {len(got)}, precision "
                  f"{tp / len(got) if got else 0:.3f}, recall {tp / len(truth):.3f}")

    manifest = args.manifest or args.folder.with_name(args.folder.name + ".manifest.csv")
    if manifest.exists():
        truth = {Path(r["path"]).stem: r["date"] for r in csv.DictReader(open(manifest, encoding="utf-8"))}
        docs = corpus.list()
        dated = [(d.id, d.iso_date[:10] if d.iso_date else None) for d in docs if d.id in truth]
        right = sum(1 for i, day in dated if day == truth[i])
        print(f"\ndates: {right:,} of {len(dated):,} right ({right / len(dated):.3f})" if dated else "\ndates: none to compare")
    statements = sum(d.statement_count for d in corpus.list())
    print(f"statements: {statements:,} in {len(texts):,} documents")
    statement_sample(corpus)
    if args.vs:
        build_costs(args.folder, args.vs, args.runs, fields)
    return 0


def statement_sample(corpus, per_folder: int = 5, seed: int = 19) -> None:
    """Statements of a sample of documents (``per_folder`` from each folder) beside sentencex's
    sentences of the same paragraphs; bench/arabic_statements.md keeps the verdicts read by hand."""
    import random

    try:
        import sentencex
    except ImportError:
        print("statements beside a segmenter: pip install sentencex to compare")
        return
    by_folder: dict[str, list] = {}
    for d in corpus.list():
        by_folder.setdefault(Path(d.path).parent.name, []).append(d)
    rng = random.Random(seed)
    sample = [d for folder in sorted(by_folder) for d in rng.sample(by_folder[folder], min(per_folder, len(by_folder[folder])))]
    ours = theirs = 0
    print(f"statements beside sentencex's sentences, {len(sample)} documents ({per_folder} a folder, seed {seed}):")
    for d in sample:
        theirs_here = sum(1 for p in d.paragraphs for s in sentencex.segment("ar", p) if s.strip())
        ours += d.statement_count
        theirs += theirs_here
        print(f"  {d.id}: {d.statement_count} / {theirs_here}")
    print(f"  in all {ours} / {theirs}: {ours / theirs - 1:+.1%}")


def build_costs(arabic: Path, english: Path, runs: int, fields: dict) -> None:
    """corpus index and a plain FTS5 build of each folder, alternating; seconds per million characters."""
    import shutil
    import subprocess

    chars = {f: sum(len(t) for t in texts_of(f, fields if f == arabic else None).values()) for f in (arabic, english)}
    times: dict[tuple[Path, str], list[float]] = {}
    for _ in range(runs):
        for folder in (arabic, english):
            cache = Path(tempfile.mkdtemp(prefix="corpus-build-"))
            argv = [sys.executable, "-m", "corpus_cli", "index", "--data", str(folder)]
            argv += [f"--field={k}={v}" for k, v in fields.items()] if folder == arabic else []
            for kind, cmd in (("corpus", argv), ("fts5", [sys.executable, str(HERE / "fts5_build.py"), str(folder),
                                                          str(cache / "plain.sqlite")])):
                started = time.perf_counter()
                subprocess.run(cmd, env={**os.environ, "CORPUS_CACHE_DIR": str(cache)}, check=True, capture_output=True)
                times.setdefault((folder, kind), []).append(time.perf_counter() - started)
            shutil.rmtree(cache, ignore_errors=True)
    print(f"\nbuild cost, medians of {runs} (seconds per million characters):")
    per = {}
    for folder in (arabic, english):
        for kind in ("corpus", "fts5"):
            t = statistics.median(times[(folder, kind)])
            per[(folder, kind)] = t / chars[folder] * 1e6
            print(f"  {folder.name:<20} {kind:<7} {t:6.1f} s for {chars[folder] / 1e6:5.1f} M characters: "
                  f"{per[(folder, kind)]:.3f} s per million")
    ours = per[(arabic, "corpus")] / per[(english, "corpus")]
    floor = per[(arabic, "fts5")] / per[(english, "fts5")]
    print(f"  Arabic / English per character: corpus {ours:.2f}, plain FTS5 {floor:.2f}; corpus over FTS5: "
          f"Arabic {per[(arabic, 'corpus')] / per[(arabic, 'fts5')]:.2f}, English "
          f"{per[(english, 'corpus')] / per[(english, 'fts5')]:.2f}")


if __name__ == "__main__":
    sys.exit(main())
