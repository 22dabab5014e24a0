"""The watcher's lease: while ``corpus watch`` keeps a database fresh, commands need not scan.

The lease is a row of ``meta`` (``lease``: the watcher's host, process id and the time it last
renewed it). It is live while that process runs on this machine and has renewed it within
:data:`LEASE_SECONDS`; a watcher that was killed leaves a lease that is dead at once (its
process is gone) or, on another machine sharing the cache, within that time.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import time

LEASE_SECONDS = 60.0  # a lease not renewed for this long is dead
RENEW_SECONDS = 15.0  # how often a watcher renews it


def take(db: sqlite3.Connection) -> None:
    """Hold (or renew) the lease for this process."""
    lease = {"host": socket.gethostname(), "pid": os.getpid(), "renewed": time.time()}
    db.execute("INSERT OR REPLACE INTO meta VALUES ('lease', ?)", (json.dumps(lease),))


def release(db: sqlite3.Connection) -> None:
    """Give the lease up, if this process holds it."""
    if holder(db) == os.getpid():
        db.execute("DELETE FROM meta WHERE key = 'lease'")


def holder(db: sqlite3.Connection) -> int | None:
    """The process id of the live watcher holding the lease, or None."""
    row = db.execute("SELECT value FROM meta WHERE key = 'lease'").fetchone()
    return live(row[0]) if row else None


def live(value: str | None) -> int | None:
    """The process id in a lease (the text kept in ``meta``) if the lease is live, else None."""
    try:
        lease = json.loads(value or "")
        host, pid, renewed = lease["host"], int(lease["pid"]), float(lease["renewed"])
    except (ValueError, KeyError, TypeError):
        return None
    if time.time() - renewed > LEASE_SECONDS or host != socket.gethostname():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:  # alive, another user's
        pass
    return pid
