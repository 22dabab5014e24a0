"""``corpus watch``: keep a folder's database fresh as its files change, and hold its lease.

watchdog reports changes under the folder (inotify on Linux, FSEvents on macOS, polling where
there is neither). A burst of changes is left to settle for :data:`SETTLE` seconds, then the
folder is brought up to date the way every command does it (a full scan, changed files parsed
again in one transaction), so events watchdog lost or merged cost nothing but a delay. A full
pass also runs every :data:`RESCAN` seconds in case the platform dropped events silently.
While the watcher runs it holds the database's lease (:mod:`corpus_cli.index.lease`), and
commands skip their own scan, but for a change the watcher has heard of and not yet written
(:mod:`corpus_cli.index.marks`, marked the moment the event arrives): then they look for themselves.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

from corpus_cli.index import lease, lock, marks
from corpus_cli.index.open import open_database
from corpus_cli.index.schema import connect
from corpus_cli.index.seal import seal

SETTLE = 0.3  # seconds without events before an update
RESCAN = 60.0  # seconds between passes that run without any event


class Watcher:
    """Keeps the database of ``root`` fresh until :meth:`stop`; ``report`` hears of each update."""

    def __init__(self, root, *, fields: dict[str, str] | None = None, progress=None,
                 report: Callable[[object], None] | None = None):
        self.root, self.fields, self.progress, self.report = root, fields, progress, report or (lambda r: None)
        self._changed = threading.Event()
        self._stopped = threading.Event()
        self.updates = 0  # passes that changed the database
        index, first = self._refresh()
        self.root = first.root
        self.database: Path | None = first.database
        if self.database is None:
            raise OSError(f"cannot watch: the cache folder is not writable ({'; '.join(first.notes)})")
        self.first = first
        index.store.close()
        self.heard = 0  # changes heard of (see corpus_cli.index.marks)
        marks.reset(self.database)

    def _refresh(self):
        index, report = open_database(self.root, fields=self.fields, progress=self.progress, trust_watcher=False)
        return index, report

    def run(self, ready: Callable[[], None] | None = None) -> None:
        """Watch until :meth:`stop` (from another thread) or an interrupt; ``ready`` is called once
        the lease is held."""
        from watchdog import events
        from watchdog.observers import Observer

        changed, watcher = self._changed, self

        class Handler(events.FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type not in ("opened", "closed_no_write"):
                    watcher.heard += 1  # marked at once: a reader from now on looks for itself
                    marks.heard(watcher.database, watcher.heard)
                    changed.set()

        # Changes only: asking for opens and closes too would wake the watcher at every file
        # any program reads (a grep of the folder, a build).
        wanted = [events.FileCreatedEvent, events.FileDeletedEvent, events.FileModifiedEvent, events.FileMovedEvent,
                  events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent,
                  events.DirModifiedEvent]
        observer = Observer()
        folder = Path(self.root) if Path(self.root).is_dir() else Path(self.root).parent  # one file: its folder
        observer.schedule(Handler(), str(folder), recursive=True, event_filter=wanted)
        observer.start()
        try:
            self._lease(lease.take, wait=None)
            if ready is not None:
                ready()
            renewed = last_pass = time.monotonic()
            while not self._stopped.is_set():
                if self._changed.wait(timeout=1.0):
                    while self._changed.is_set() and not self._stopped.is_set():  # let the burst settle
                        self._changed.clear()
                        self._stopped.wait(SETTLE)  # a stop need not wait for the burst to settle
                    self._pass()
                    last_pass = time.monotonic()
                now = time.monotonic()
                if now - last_pass >= RESCAN:
                    self._pass()
                    last_pass = now
                if now - renewed >= lease.RENEW_SECONDS and self._lease(lease.take, wait=1.0):
                    renewed = now
        finally:
            observer.stop()
            observer.join(timeout=5)
            self._lease(lease.release, wait=None)

    def _lease(self, change, wait: float | None) -> bool:
        """Take, renew or give up the lease: a write, so under the writer lock, and sealed."""
        with lock.writer(self.database, wait=wait) as held:
            if held:
                db = connect(self.database)
                try:
                    change(db)
                finally:
                    db.close()
                seal(self.database)
            return bool(held)

    def _pass(self) -> None:
        if self._stopped.is_set():
            return
        upto = self.heard  # this pass scans after these changes: the database will hold them
        index, report = self._refresh()
        index.store.close()
        marks.applied(self.database, upto)
        if report.source != "cached":
            self.updates += 1
            self.report(report)

    def stop(self) -> None:
        self._stopped.set()
        self._changed.set()
