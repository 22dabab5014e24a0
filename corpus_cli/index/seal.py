"""Knowing a database is as we left it, before any answer is read from it.

SQLite keeps no checksum of its pages, so bytes changed behind its back (a disk fault, a copy
cut short, a tool writing into the file) are found only when a damaged page is read, which may
be half-way through printing results. Instead, every process that opened a database records, as
it ends, the file's size, time and inode in ``<database>-seal``. A run that finds the file as
sealed trusts it (one ``stat``); otherwise the file was changed by something else, or a run of
ours was killed, and :func:`damage` checks the whole database before anything is read:
``PRAGMA quick_check`` for SQLite's own structure and FTS5's ``integrity-check`` for the search
index (about 10 s for 100,000 documents, paid only after such a change).

What this cannot see: a byte changed inside a piece of text, with the file's time put back.
"""

from __future__ import annotations

import atexit
import os
import sqlite3
from pathlib import Path

_open: dict[str, list[sqlite3.Connection]] = {}  # database path -> connections to seal at exit


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
        tmp.write_text(stamp, encoding="ascii")
        os.replace(tmp, target)
    except (OSError, UnicodeDecodeError):
        pass


def unseal(db_path: Path) -> None:
    seal_path(db_path).unlink(missing_ok=True)


def damage(db_path: Path) -> str | None:
    """What is wrong with the database, or None when SQLite and FTS5 find it whole."""
    try:
        db = sqlite3.connect(str(db_path), timeout=60, isolation_level=None)
        try:
            found = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
            if found != ["ok"]:
                return "; ".join(found)
            db.execute("INSERT INTO units_fts(units_fts, rank) VALUES ('integrity-check', 0)")
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None


def seal_at_exit(db: sqlite3.Connection, db_path: Path) -> None:
    """Close ``db`` when the process ends and seal the file then (closing may write to it)."""
    key = str(db_path)
    if key not in _open:
        atexit.register(_close_and_seal, key)
    _open[key] = _open.pop(key, []) + [db]  # the last opened comes last


def _close(key: str) -> None:
    for db in _open.pop(key, []):
        try:
            db.close()
        except sqlite3.Error:
            pass


def _close_and_seal(key: str) -> None:
    _close(key)
    seal(Path(key))


def distrust_last() -> Path | None:
    """After SQLite reported damage: the database this process opened last is checked next time."""
    if not _open:
        return None
    key = list(_open)[-1]
    _close(key)
    unseal(Path(key))
    return Path(key)


def done_with(db: sqlite3.Connection, db_path: Path) -> None:
    """Close ``db`` now rather than at exit, and seal the file."""
    db.close()
    key = str(db_path)
    if key in _open:
        _open[key] = [c for c in _open[key] if c is not db]
    seal(db_path)
