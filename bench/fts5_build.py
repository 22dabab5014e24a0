#!/usr/bin/env python3
"""Reference for the first-run benchmark: index every *.txt file of a folder in SQLite FTS5.

    python bench/fts5_build.py DIR DB            # build
    python bench/fts5_build.py DIR DB --query X  # query an existing DB, print matching paths

The whole file text goes into one FTS5 column with the unicode61 tokenizer
(diacritics removed): what a user would do with sqlite3 alone.
"""

import argparse
import sqlite3
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("db")
    ap.add_argument("--query")
    args = ap.parse_args()
    if args.query:
        db = sqlite3.connect(args.db)
        for (path,) in db.execute("select path from docs where docs match ?", (args.query,)):
            print(path)
        return
    Path(args.db).unlink(missing_ok=True)
    db = sqlite3.connect(args.db)
    db.execute("create virtual table docs using fts5(path unindexed, body, tokenize='unicode61 remove_diacritics 2')")
    files = sorted(Path(args.folder).rglob("*.txt"))
    with db:
        db.executemany(
            "insert into docs values (?, ?)",
            ((str(p), p.read_text(encoding="utf-8", errors="replace")) for p in files),
        )
    db.close()


if __name__ == "__main__":
    main()
