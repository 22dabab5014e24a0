"""Knowing a database is as we left it, before any answer is read from it.

SQLite keeps no checksum of its pages, so bytes changed behind its back (a disk fault, a copy
cut short, a tool writing into the file) are found only when a damaged page is read, which may
be half-way through printing results. Instead, the database file changes only under the writer
lock (:mod:`corpus_cli.index.lock`: readers hold read-only connections, which never write or
checkpoint), and whoever holds the lock records the file's size, time and inode in
``<database>-seal`` before letting it go. A run that finds the file as sealed trusts it (one
``stat``). Otherwise it takes the lock and looks again (a writer may have been about to seal);
if the file is still not as sealed, something else changed it, or a writer of ours was killed,
and :func:`damage` checks the whole database before anything is read: ``PRAGMA quick_check``
for SQLite's own structure, FTS5's ``integrity-check`` for the search index, and each
document's row, body and units against the CRC-32 kept with them when they were written, so
that a byte changed inside a stored text is found too (5 s for 100,000 documents, paid only
after such a change); then the tables derived from those (the cache, the vocabulary's counts
and keys) are made again (:func:`mend`, 6 s more).

What this cannot see: a byte changed with the file's size, time and inode all put back; and
within the search index, a change that leaves FTS5's structure whole.
"""

from __future__ import annotations

import os
import sqlite3
import zlib
from pathlib import Path

from corpus_cli.index import schema
from corpus_cli.index.schema import DOCUMENT_COLUMNS, document_check

_opened: list[Path] = []  # the databases this process read, the last last


def seal_path(db_path: Path) -> Path:
    return Path(f"{db_path}-seal")


def _stamp(db_path: Path) -> str | None:
    try:
        st = os.stat(db_path)
    except OSError:
        return None
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ino}"


def sealed(db_path: Path) -> bool:
    """Whether the database file is as the last run of ours left it."""
    try:
        recorded = seal_path(db_path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return False
    return recorded == _stamp(db_path)


def seal(db_path: Path) -> None:
    """Record the database file as it is now (quietly nothing when the folder is not writable)."""
    stamp = _stamp(db_path)
    if stamp is None:
        return
    target = seal_path(db_path)
    try:
        if target.exists() and target.read_text(encoding="ascii") == stamp:
            return
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(stamp, encoding="ascii")
            os.replace(tmp, target)
        except BaseException:  # Ctrl-C between the two included
            tmp.unlink(missing_ok=True)
            raise
    except (OSError, UnicodeDecodeError):
        pass


def unseal(db_path: Path) -> None:
    seal_path(db_path).unlink(missing_ok=True)


def damage(db_path: Path) -> str | None:
    """What is wrong with the database, or None when SQLite, FTS5 and every document's check find it whole.

    Run under the writer lock: it may checkpoint the write-ahead log into the file.
    """
    try:
        db = sqlite3.connect(str(db_path), timeout=schema.BUSY_SECONDS, isolation_level=None)
        try:
            found = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
            if found != ["ok"]:
                return "; ".join(found)
            db.execute("INSERT INTO units_fts(units_fts, rank) VALUES ('integrity-check', 0)")
            return _documents_differ(db)
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        if schema.busy(exc):
            raise
        return str(exc)


def _documents_differ(db: sqlite3.Connection) -> str | None:
    """The first document whose row, body or units no longer give the check kept with them, or None.

    Everything is read as bytes, so that a byte changed inside a piece of text is found here
    rather than as text that cannot be decoded half-way through a command's output.
    """
    db.text_factory = bytes
    units = db.execute('SELECT id, document, n, start, "end", words FROM units ORDER BY id')
    rows = db.execute(f"SELECT {', '.join('d.' + c for c in DOCUMENT_COLUMNS)}, d.crc, b.body FROM documents d "
                      "LEFT JOIN bodies b ON b.document = d.id ORDER BY d.id")
    for row in rows:
        values, crc, body = row[:-2], row[-2], row[-1]
        own = units.fetchmany(values[DOCUMENT_COLUMNS.index("statement_count")] + 1)
        if body is None or any(u[1] != values[0] for u in own):
            return f"document {values[0]} has lost its body or units"
        if document_check(values, own, zlib.crc32(body)) != crc:
            return f"document {values[0]} is not as it was written"
    if units.fetchone() is not None:
        return "units without a document"
    return None


def mend(db_path: Path) -> None:
    """After a change behind our back that :func:`damage` found harmless: what is derived from the
    checked tables (the cache, the vocabulary's counts and keys) is made again from them."""
    from corpus_cli.index.vocab import refresh_terms

    db = schema.connect(db_path)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM cache")
        refresh_terms(db)
        db.execute("COMMIT")
    finally:
        db.close()


def opened(db_path: Path) -> None:
    """Note the database this process reads, for :func:`distrust_last`."""
    _opened.append(Path(db_path))


def last_opened() -> Path | None:
    return _opened[-1] if _opened else None


def distrust_last() -> Path | None:
    """After SQLite reported damage: the database this process opened last is checked next time."""
    if not _opened:
        return None
    unseal(_opened[-1])
    return _opened[-1]
