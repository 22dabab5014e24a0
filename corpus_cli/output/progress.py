"""A progress bar on stderr for long index builds and the first finding of places (only on a terminal)."""

from __future__ import annotations

import time


class BuildProgress:
    """Called with the files done and the total; shows a bar once a second has passed."""

    DELAY = 1.0

    def __init__(self):
        self.total = None
        self.started = time.perf_counter()
        self._progress = None
        self._task = None

    def __call__(self, done: int, total: int, what: str = "indexing") -> None:
        self.total = total
        if self._progress is None:
            if time.perf_counter() - self.started < self.DELAY:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn(what), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                console=Console(stderr=True), transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("files", total=self.total)
        self._progress.update(self._task, completed=done)
        if self.total is not None and done >= self.total:
            self.close()

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
