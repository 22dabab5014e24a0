"""One writer at a time: the lock every change to a corpus database is made under.

Builds, updates, the watcher's lease and the findings that commands keep (places, speakers,
spellings) all write while holding ``<database>.lock`` (``flock``), and seal the file before
letting it go (:mod:`corpus_cli.index.seal`): so the database file changes only under the lock,
and a process that finds it unsealed knows, once it holds the lock, that something else changed
it. Readers never take the lock: they read a snapshot (:mod:`corpus_cli.index.store`).

The lock is held per process and may be taken again inside itself. Where the platform has no
``flock`` (Windows), there is no lock: builds may then run side by side, each installing a whole
database.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Callable, Iterator

from corpus_cli.errors import DataError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

NOTICE_AFTER = 1.0  # seconds of waiting before the caller's notice is given
POLL = 0.02  # seconds between tries while waiting

_held: dict[str, tuple[int, int]] = {}  # lock path -> (file descriptor, depth) held by this process


class Held:
    """What :func:`writer` yields: true when the lock is held; ``waited`` when another process held it first."""

    def __init__(self, held: bool, waited: bool = False):
        self.held, self.waited = held, waited

    def __bool__(self) -> bool:
        return self.held


def lock_path(db_path: Path) -> Path:
    return Path(f"{db_path}.lock")


def wait_seconds() -> float:
    """How long a command waits for another process's update before answering without it:
    ``CORPUS_WAIT`` (seconds), 30 by default."""
    try:
        return max(0.0, float(os.environ.get("CORPUS_WAIT", "30")))
    except ValueError:
        return 30.0


@contextlib.contextmanager
def writer(db_path: Path, wait: float | None = None, notice: Callable[[], None] | None = None) -> Iterator[Held]:
    """Hold the writer lock of ``db_path`` for the block; yields whether it is held (:class:`Held`).

    ``wait`` is how many seconds to wait for another process that holds it (None: as long as it
    takes; 0: not at all). ``notice`` is called once if the wait goes past :data:`NOTICE_AFTER`.
    """
    key = str(lock_path(db_path))
    if fcntl is None:
        yield Held(True)
        return
    if key in _held:  # this process holds it already
        fd, depth = _held[key]
        _held[key] = (fd, depth + 1)
        try:
            yield Held(True)
        finally:
            fd, depth = _held[key]
            _held[key] = (fd, depth - 1)
        return
    fd = _open(key)
    try:
        taken = _take(fd, wait, notice)
        if not taken:
            yield taken
            return
        _held[key] = (fd, 1)
        try:
            yield taken
        finally:
            del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _open(key: str) -> int:
    """The lock file, made if need be; read-only where another user made it (flock works on either)."""
    try:
        return os.open(key, os.O_RDWR | os.O_CREAT, 0o666)
    except PermissionError:
        try:
            return os.open(key, os.O_RDONLY)
        except OSError as exc:
            raise DataError(f"cannot take the index database's lock {key}: {exc.strerror or exc}") from None


def _take(fd: int, wait: float | None, notice: Callable[[], None] | None) -> Held:
    started = time.monotonic()
    noticed = notice is None
    tries = 0
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return Held(True, waited=tries > 0)
        except BlockingIOError:
            tries += 1
        waited = time.monotonic() - started
        if wait is not None and waited >= wait:
            return Held(False, waited=True)
        if not noticed and waited >= NOTICE_AFTER:
            notice()
            noticed = True
        time.sleep(POLL if wait is None else min(POLL, max(0.0, wait - waited)))
