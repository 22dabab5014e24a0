"""One command, one state of the database: a read snapshot, and what readers found kept for later.

A :class:`Store` opens a read-only connection and a read transaction at once, so that every read
of the command (the arrays, bodies, spans, units, speakers, places, vocabulary), lazy or not,
sees one committed state of the database (SQLite's WAL gives each read transaction its
snapshot): a concurrent update is wholly seen or not at all. The snapshot lasts until
:meth:`Store.close` (the command line closes it after the last line is written; a library user
may, or it is closed when the store is collected or the process ends).

Readers never write in their snapshot. What they find and would keep for the next command
(caches, places, speakers, spellings, MinHash signatures) is held back and written at
:meth:`Store.flush` through a short write connection under the writer lock
(:mod:`corpus_cli.index.lock`), and only if the database is still in the state it was found in
(its build and generation): a finding about an older state is dropped, never applied to a newer.
A read-only connection also never checkpoints the write-ahead log, so the database file changes
only under the lock (see :mod:`corpus_cli.index.seal`).
"""

from __future__ import annotations

import sqlite3
import weakref
from pathlib import Path

from corpus_cli.errors import DataError
from corpus_cli.index import lock, schema
from corpus_cli.index.schema import connect, keep

FLUSH_WAIT = 0.2  # seconds a reader waits for the writer lock to keep its findings; else they are dropped


def read_connection(path: Path) -> sqlite3.Connection:
    """A read-only connection (it cannot write or checkpoint) that waits out a busy database."""
    uri = Path(path).absolute().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=schema.BUSY_SECONDS, isolation_level=None, check_same_thread=False)


def state_of(db: sqlite3.Connection) -> tuple[str | None, str | None]:
    """Which state the database is in: the build that made it and its generation (one more per update)."""
    meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('build', 'generation')").fetchall())
    return meta.get("build"), meta.get("generation")


class Store:
    """A snapshot of the database at ``path`` (``db``), and the writes held back for :meth:`flush`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.db = read_connection(self.path)
        try:
            self.db.execute("BEGIN")
            self.state = state_of(self.db)  # the first read fixes the snapshot
        except BaseException:
            self.db.close()
            raise
        self._cache: dict[str, bytes] = {}
        self._rows: list[tuple[str, list]] = []
        self._finalizer = weakref.finalize(self, _finish, self.db, self.path, self.state, self._cache, self._rows)

    def keep(self, name: str, data: bytes) -> None:
        """Keep ``data`` in the cache table for this state (at the next flush)."""
        self._cache[name] = data

    def later(self, sql: str, rows) -> None:
        """Run ``sql`` for each of ``rows`` at the next flush, if the state is still this one."""
        if self._rows and self._rows[-1][0] == sql:
            self._rows[-1][1].extend(rows)
        else:
            self._rows.append((sql, list(rows)))

    @property
    def pending(self) -> int:
        return len(self._cache) + sum(len(rows) for _, rows in self._rows)

    def flush(self) -> bool:
        """Write what is held back; whether it was written (not when the state moved on, the
        lock stayed busy, or the database may not be written)."""
        return _write(self.path, self.state, self._cache, self._rows)

    def close(self) -> None:
        """Flush, then end the snapshot."""
        self._finalizer()

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive


def _write(path: Path, state, cache: dict, rows: list) -> bool:
    if not cache and not rows:
        return True
    written = False
    try:
        with lock.writer(path, wait=FLUSH_WAIT) as held:
            if held:
                written = _write_held(path, state, cache, rows)
    except (OSError, DataError):  # the lock file cannot be made or opened (a read-only cache folder)
        pass
    cache.clear()
    rows.clear()
    return written


def _write_held(path: Path, state, cache: dict, rows: list) -> bool:
    from corpus_cli.index.seal import seal

    try:
        db = connect(path)
        try:
            db.execute("BEGIN IMMEDIATE")
            if state_of(db) != state:
                db.execute("ROLLBACK")
                return False
            for name, data in cache.items():
                keep(db, name, data)
            for sql, values in rows:
                db.executemany(sql, values)
            db.execute("COMMIT")
        finally:
            db.close()
    except sqlite3.Error:  # read-only, full, or damaged: found again next time
        return False
    seal(path)
    return True


def _finish(db: sqlite3.Connection, path: Path, state, cache: dict, rows: list) -> None:
    try:
        _write(path, state, cache, rows)
    except Exception:  # what was found is found again next time; the answer is already whole
        pass
    finally:
        try:
            db.close()
        except sqlite3.Error:
            pass
