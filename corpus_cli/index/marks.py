"""Changes the watcher has heard of but not yet written: a reader that sees one does not take the
watcher's word for the folder (it looks for itself), so no answer comes from before a change.

Two small files beside the database hold counts: ``.events``, the changes ``corpus watch`` has
been told of since it started, written the moment each arrives; ``.applied``, how many of them the
database holds (written after each pass, with the count taken when the pass began). A change is
pending while the first is ahead of the second. A file caught half written counts as pending: the
reader then scans, which is never wrong, only slower.
"""

from __future__ import annotations

from pathlib import Path


def _files(database: Path) -> tuple[Path, Path]:
    return database.with_name(database.name + ".events"), database.with_name(database.name + ".applied")


def _write(path: Path, count: int) -> None:
    path.write_text(str(count), encoding="ascii")


def reset(database: Path) -> None:
    """A watcher starts: nothing heard, nothing pending."""
    events, applied = _files(database)
    _write(applied, 0)
    _write(events, 0)


def heard(database: Path, count: int) -> None:
    """The watcher has now been told of ``count`` changes."""
    _write(_files(database)[0], count)


def applied(database: Path, count: int) -> None:
    """The database now holds the first ``count`` changes the watcher heard of."""
    _write(_files(database)[1], count)


def pending(database: Path) -> bool:
    """Whether the watcher has heard of a change the database does not hold yet."""
    events, done = _files(database)
    try:
        return int(events.read_text(encoding="ascii")) > int(done.read_text(encoding="ascii"))
    except FileNotFoundError:  # no watcher has kept counts here
        return False
    except (OSError, ValueError):  # caught half written: look
        return True
