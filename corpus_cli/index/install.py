"""Putting a newly built database in place of the old one, and clearing what killed builds left."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def remove_stale(final: Path) -> None:
    """Temporary databases that a killed build left beside ``final``."""
    for tmp in final.parent.glob(f"{final.name}.*.tmp"):
        pid = tmp.name[len(final.name) + 1 : -len(".tmp")]
        if pid.isdigit() and not _running(int(pid)):
            tmp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def install(new: Path, final: Path) -> None:
    """Put the database built at ``new`` in place at ``final``.

    Over a database that can still be read, SQLite's backup copies the new one in: processes
    reading the old see the old or the new, and the file keeps its own write-ahead log. Over
    none, or one SQLite cannot read, the new file is renamed into place.
    """
    if final.exists():
        try:
            source = sqlite3.connect(str(new))
            target = sqlite3.connect(str(final), timeout=60)
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
            new.unlink()
            return
        except sqlite3.Error:
            pass
    retire(final)
    os.replace(new, final)


def retire(final: Path) -> None:
    """Make way for a new database at ``final``: the old one's write-ahead log must not outlive it.

    SQLite would replay a log left by the old file onto the new one. The log is emptied by a
    checkpoint when the old file allows; when it is damaged or busy, the log is removed.
    """
    wal = Path(f"{final}-wal")
    if not wal.exists():
        return
    try:
        db = sqlite3.connect(str(final), timeout=5, isolation_level=None)
        try:
            busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        busy = 1
    if busy or (wal.exists() and wal.stat().st_size):
        for companion in (wal, Path(f"{final}-shm")):
            companion.unlink(missing_ok=True)
