"""Keeping a corpus database fresh: what changed since it was built, and replacing it in place.

Freshness is one pass over the folder's scan (path, size and modification time of every file)
against the ``files`` table. Files added or changed are parsed again and their rows replaced,
files gone are deleted, all in one transaction: a reader sees the database before or after,
never between, and warm runs after an update are as fast as before (nothing is layered on top).
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from pathlib import Path
from typing import NamedTuple

from corpus_cli.ingest.files import FileEntry, Problem, Scan
from corpus_cli.language.text import fts_text
from corpus_cli.index import mentions
from corpus_cli.index.build import UNIT_SEPARATOR, Writer, parsed
from corpus_cli.index.arrays import patch_cache
from corpus_cli.index.schema import cached, connect, generation, keep, storable, text_of
from corpus_cli.index.vocab import count_terms, patch_words, refresh_terms


class Changes(NamedTuple):
    changed: list[FileEntry]  # added, or changed in size or time
    removed: list[str]  # relative paths of files gone
    remember: bool = False  # nothing changed, but the scan is not the one remembered: keep it (remember_scan)

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed)


def changes(db: sqlite3.Connection, found: Scan) -> Changes:
    """The files of ``found`` that the database does not hold as they are now.

    The common case, nothing changed, is one comparison with the last scan that found the
    database fresh (kept in its cache, in scan order): lists and arrays compared in C. Nothing
    is written: a reader's snapshot asks this too.
    """
    last = remembered_scan(db)
    if last is not None:
        paths, sizes, mtimes = last.paths, last.sizes, last.mtimes
        if paths == found.paths:  # the same files: only sizes and times to compare
            if sizes == found.sizes and mtimes == found.mtimes:
                return Changes([], [])
            changed = [
                FileEntry(found.paths[n], found.sizes[n], found.mtimes[n], n)
                for n, (a, b, c, d) in enumerate(zip(sizes, found.sizes, mtimes, found.mtimes)) if a != b or c != d
            ]
            return Changes(sorted(changed), [])
    known = {text_of(path): (size, mtime) for path, size, mtime in db.execute("SELECT path, size, mtime_ns FROM files")}
    changed = [e for e in found.entries() if known.get(e.rel) != (e.size, e.mtime_ns)]
    current = set(found.paths)
    removed = sorted(p for p in known if p not in current)
    return Changes(changed, removed, remember=not changed and not removed)


def remember_scan(db: sqlite3.Connection, found: Scan) -> None:
    """Keep the scan that the database now matches, for :func:`changes` to compare with next time."""
    keep(db, "scan", pack_scan(found))


def remembered_scan(db: sqlite3.Connection, files: bool = True) -> Scan | None:
    """The last scan that found the database fresh, or None; without ``files``, only how many
    files it listed (not their names, sizes and times), its problems and the names passed over."""
    packed = cached(db, "scan")
    return _unpack_scan(packed, files) if packed is not None else None


def pack_scan(found: Scan) -> bytes:
    paths = "\x00".join(found.paths).encode("utf-8", "surrogateescape")
    notes = json.dumps({"passed_over": found.passed_over, "problems": [list(p) for p in found.problems]},
                       ensure_ascii=False).encode("utf-8", "surrogateescape")
    return (len(paths).to_bytes(8, "little") + paths + len(notes).to_bytes(8, "little") + notes
            + found.sizes.tobytes() + found.mtimes.tobytes())


def _unpack_scan(blob: bytes, files: bool = True) -> Scan:
    found = Scan()
    size = int.from_bytes(blob[:8], "little")
    if files:
        found.paths = blob[8 : 8 + size].decode("utf-8", "surrogateescape").split("\x00") if size else []
    else:  # counted in C: a names-free summary for a watched database
        found.listed = blob.count(b"\x00", 8, 8 + size) + 1 if size else 0
    at = 8 + size
    size = int.from_bytes(blob[at : at + 8], "little")
    notes = json.loads(blob[at + 8 : at + 8 + size].decode("utf-8", "surrogateescape"))
    found.passed_over = notes["passed_over"]
    found.problems = [Problem(*p) for p in notes["problems"]]
    if not files:
        return found
    numbers = array("q")
    numbers.frombytes(blob[at + 8 + size :])
    half = len(numbers) // 2
    found.sizes, found.mtimes = numbers[:half], numbers[half:]
    return found


def _forget(db: sqlite3.Connection, paths: list[str], delta: dict[str, list[int]], deleted: set[int]) -> None:
    """Delete files and all that came from them, FTS rows included (contentless: given their text).

    The terms of the text deleted are taken away in ``delta``.
    """
    for path in paths:
        row = db.execute("SELECT id FROM files WHERE path = ?", (storable(path),)).fetchone()
        if row is None:
            continue
        for doc, title, body in db.execute(
            "SELECT d.id, d.title, b.body FROM documents d JOIN bodies b ON b.document = d.id WHERE d.file = ?", (row[0],)
        ).fetchall():
            deleted.add(doc)
            units = db.execute('SELECT id, n, start, "end" FROM units WHERE document = ? ORDER BY id', (doc,)).fetchall()
            pieces = [title if n is None else body[start:end] for _, n, start, end in units]
            count_terms(pieces, delta, -1)
            texts = fts_text(UNIT_SEPARATOR.join(pieces)).split(UNIT_SEPARATOR)
            db.executemany(
                "INSERT INTO units_fts(units_fts, rowid, text) VALUES ('delete', ?, ?)",
                [(unit[0], text) for unit, text in zip(units, texts)],
            )
        db.execute("DELETE FROM files WHERE id = ?", (row[0],))  # documents, units and problems go with it


def update_database(db_path: str | Path, root: Path, found: Changes, ids: list[str], options: dict | None = None,
                    *, workers: int | None = None, notes: dict[str, list] | None = None) -> None:
    """Parse the changed files again (``ids``: a document id for each) and replace what they gave, in one transaction."""
    options = dict(options or {})
    chunks = list(parsed(root, found.changed, ids, options, workers))  # parsed before the write lock is taken
    db = connect(db_path)
    try:
        db.execute("BEGIN IMMEDIATE")
        delta: dict[str, list[int]] = {}
        deleted: set[int] = set()
        before = generation(db)
        _forget(db, [e.rel for e in found.changed] + found.removed, delta, deleted)
        writer = Writer(db, notes, places=mentions.kept(db))
        first_new = writer.doc_no + 1
        for chunk in chunks:
            writer.write(chunk)
            for f in chunk:
                for row, units, _ in f.documents:  # row[1] is the title, row[13] the body
                    count_terms((row[1] if n is None else row[13][s:e] for n, s, e, *_ in units), delta, 1)
        new, gone = refresh_terms(db, delta)
        db.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
        # what opening needs, carried over rather than made anew (one changed file of 100,000)
        patch_cache(db, before, deleted, first_new)
        patch_words(db, before, new, gone)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()
