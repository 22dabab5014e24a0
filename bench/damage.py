#!/usr/bin/env python3
"""Bytes changed behind the engine's back, inside a stored text: found before any output.

    python3 ../shared/bench/make_corpus.py 20000 /tmp/c20k
    python bench/damage.py /tmp/c20k

Indexes the folder (into a temporary cache), then, for each kind of change, flips four bytes
of one document's stored body in the middle of the database file (no structure of SQLite's:
``PRAGMA quick_check`` and FTS5's ``integrity-check`` both pass) and runs
``corpus export --format json``: it must exit 0 with every document, as the folder has them,
in valid JSON, and say on stderr that the database was found damaged and rebuilt. Prints, for
each kind, what SQLite's own checks say, the exit status, the records and the time, and how long
the whole check (:func:`corpus_cli.index.seal.damage`) takes on the undamaged database.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def corpus(*args: str) -> list[str]:
    return [sys.executable, "-m", "corpus_cli", *args]


def flip(db_path: Path, valid: bool) -> tuple[int, str]:
    """Change four bytes of the stored body nearest the middle of the file; (offset, document id)."""
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the file itself, none newer in the log
    raw = bytearray(db_path.read_bytes())
    db.text_factory = lambda b: b.decode("utf-8", "replace")  # a body changed by an earlier round still reads
    n = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    for rowid in range(n // 2, n):
        doc_id, body = db.execute("SELECT d.doc_id, b.body FROM documents d JOIN bodies b ON b.document = d.id "
                                  "WHERE d.id = ?", (rowid,)).fetchone()
        snippet = body[len(body) // 2:][:48].encode("utf-8")
        at = raw.find(snippet)
        if len(snippet) == 48 and snippet.isascii() and at >= 0 and raw.count(snippet) == 1:
            break
    db.close()
    at += 20
    raw[at:at + 4] = bytes(b ^ 0x01 for b in raw[at:at + 4]) if valid else b"\xff\xfe\xfd\xfc"
    db_path.write_bytes(bytes(raw))
    return at, doc_id


def sqlite_says(db_path: Path) -> str:
    db = sqlite3.connect(db_path)
    try:
        quick = db.execute("PRAGMA quick_check").fetchone()[0]
        db.execute("INSERT INTO units_fts(units_fts, rank) VALUES ('integrity-check', 0)")
        return f"quick_check {quick}, FTS5 integrity-check ok"
    except sqlite3.DatabaseError as exc:
        return f"SQLite: {exc}"
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="corpus-damage-"))
    env = {**os.environ, "CORPUS_CACHE_DIR": str(cache)}
    try:
        built = subprocess.run(corpus("index", "--json", "--data", str(args.folder)), env=env, capture_output=True,
                               check=True)
        record = json.loads(built.stdout)
        db_path = Path(record["database"])
        print(f"{record['documents']:,} documents, database {record['bytes'] / 1e6:,.1f} MB, built in "
              f"{record['seconds']:.1f} s")
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from corpus_cli.index.seal import damage

        started = time.perf_counter()
        problem = damage(db_path)
        print(f"the whole check of the undamaged database: {time.perf_counter() - started:.1f} s ({problem or 'whole'})")
        failures = 0
        for valid in (False, True):
            at, doc_id = flip(db_path, valid)
            kind = "other letters (still UTF-8)" if valid else "bytes that are not UTF-8"
            before = sqlite_says(db_path)
            started = time.perf_counter()
            r = subprocess.run(corpus("export", "--format", "json", "--data", str(args.folder)), env=env,
                               capture_output=True)
            took = time.perf_counter() - started
            try:
                docs = json.loads(r.stdout)
            except ValueError:
                docs = None
            whole = docs is not None and len(docs) == record["documents"]
            said = r.stderr.decode(errors="replace").strip().splitlines()
            print(f"\n{kind}, 4 bytes at {at:,} of {db_path.stat().st_size:,} in the body of {doc_id}:")
            print(f"  SQLite's own checks: {before}")
            print(f"  export --format json: exit {r.returncode}, {len(docs) if docs is not None else 'invalid'} records, "
                  f"{len(r.stdout) / 1e6:,.1f} MB, {took:.1f} s")
            for line in said or ["(nothing)"]:
                print(f"  stderr: {line}")
            failures += not (r.returncode == 0 and whole and any("is damaged" in line for line in said))
        return 1 if failures else 0
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
