#!/usr/bin/env python3
"""A first run (the index database built) against a plain FTS5 build of the folder, with where its time goes.

    python bench/engine_build.py DIR [--runs 3]

Each run builds the corpus database of DIR (corpus_cli.index.build) and, alternating with it
in the same run, the baseline of bench/fts5_build.py (every file's text in one FTS5 column).
Prints the medians, their ratio (target: at most 1.5), where the build's time goes (the parser
processes, the writer, the final merge) and the sizes of the database and of the folder.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BUILD = """
import json, sys, time
from pathlib import Path
from corpus_cli.index.build import build_database
from corpus_cli.ingest.files import assign_ids, scan
root = Path(sys.argv[1])
started = time.perf_counter()
entries = scan(root).entries()
ids, _ = assign_ids(entries)
scanned = time.perf_counter() - started
times = build_database(sys.argv[2], root, entries, ids)
print(json.dumps({"scan": scanned, **times._asdict()}))
"""


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    import json

    ours, base, shares = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        db, ref = Path(tmp) / "corpus.sqlite", Path(tmp) / "fts5.sqlite"
        for _ in range(args.runs):
            started = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", BUILD, str(args.folder), str(db)],
                                 capture_output=True, text=True, check=True).stdout
            ours.append(time.perf_counter() - started)
            shares.append(json.loads(out.splitlines()[-1]))
            ref.unlink(missing_ok=True)
            started = time.perf_counter()
            subprocess.run([sys.executable, str(HERE / "fts5_build.py"), str(args.folder), str(ref)], check=True)
            base.append(time.perf_counter() - started)
        size = db.stat().st_size
    mine, theirs = statistics.median(ours), statistics.median(base)
    print(f"engine build {mine:.1f} s, FTS5 baseline {theirs:.1f} s: ratio {mine / theirs:.2f} (target 1.5); "
          f"medians of {args.runs}")
    s = {k: statistics.median(r[k] for r in shares) for k in shares[0]}
    writing = s["parse_and_write"] - s["waiting"]
    print(f"where it goes (medians): scan {s['scan']:.1f} s; parse and write {s['parse_and_write']:.1f} s, of which the "
          f"writer waited {s['waiting']:.1f} s for the parsers and wrote for {writing:.1f} s; merge and commit {s['commit']:.1f} s")
    print(f"database {size / 1e6:,.0f} MB for a folder of {folder_size(args.folder) / 1e6:,.0f} MB")


if __name__ == "__main__":
    main()
