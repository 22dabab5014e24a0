"""The cache folder, what a run reports about opening a folder, and how a folder is read.

Each folder's index is a SQLite database in the cache folder (``CORPUS_CACHE_DIR``, or the
platform's: ``~/.cache/corpus`` on Linux, ``~/Library/Caches/corpus`` on macOS,
``%LOCALAPPDATA%\\corpus\\Cache`` on Windows); :mod:`corpus_cli.index.open` opens it and keeps it
fresh. :func:`settings` gathers the options that change parsing (field mappings, date order),
which are part of the database's key.
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple
from pathlib import Path

from corpus_cli.errors import DataError, UsageError
from corpus_cli.ingest.files import Problem

# Bumped whenever reading files changes what a document holds, or the transliteration key or the
# gazetteer changes what is kept of it (term keys, places): older databases are then rebuilt.
PARSER = 33


def parser_stamp() -> str:
    """What a database records of the reading that made it: the parser's version (changed, the
    database is built again; the places it keeps are found again when the gazetteer or its rules
    change: see :mod:`corpus_cli.index.mentions`)."""
    return str(PARSER)


class Report:
    """How a folder was opened and what went wrong reading it."""

    def __init__(self, root: Path | None = None, files_seen: int = 0):
        self.root = root
        self.files_seen = files_seen
        self.problems: list[Problem] = []
        self.source = "memory"  # "built", "cached" (the database as it was), "updated", or "memory"
        self.database: Path | None = None  # the index database in the cache folder
        self.watched = False  # a live `corpus watch` vouched for the database: no scan was made
        self.changed = 0  # files parsed again since the last run
        self.notes: list[str] = []  # warnings about the cache itself
        self.options: dict = {}  # how the files were read (field mapping, date order)
        self._formats: dict = {}  # per kind of file: documents, skipped files, fields left empty
        self.formats_loader = None  # or a function that counts them when first asked for
        self.passed_over: dict[str, int] = {}  # names in the folder not read, by why (junk, other kinds)

    @property
    def formats(self) -> dict:
        if self.formats_loader is not None:
            self._formats, self.formats_loader = self.formats_loader(), None
        return self._formats

    @formats.setter
    def formats(self, value: dict) -> None:
        self._formats, self.formats_loader = value, None

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.skipped]


def cache_dir() -> Path:
    """Where index databases are kept: ``CORPUS_CACHE_DIR`` or the platform's cache folder."""
    if env := os.environ.get("CORPUS_CACHE_DIR"):
        return Path(env)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "corpus"
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "corpus" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "corpus"


def settings(root: Path, fields: dict[str, str] | None = None) -> dict:
    """How to read the folder: a field mapping and the date order, from ``corpus.toml`` and ``--field``.

    ``corpus.toml`` in the folder may hold ``dayfirst = true`` and a table
    ``[fields]`` of ``name = "column"``; ``--field`` mappings come on top.
    """
    options: dict = {"fields": {}, "dayfirst": False}
    config = root / "corpus.toml"
    if config.is_file():
        try:
            data = _read_toml(config.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DataError(f"cannot read {config}: {exc}") from None
        options["fields"].update({str(k): str(v) for k, v in (data.get("fields") or {}).items()})
        options["dayfirst"] = bool(data.get("dayfirst", False))
    options["fields"].update(fields or {})
    if options["fields"]:
        from corpus_cli.ingest.formats import MAPPABLE_FIELDS

        unknown = sorted(set(options["fields"]) - set(MAPPABLE_FIELDS))
        if unknown:
            raise UsageError(f"cannot map {', '.join(unknown)}: the fields are {', '.join(MAPPABLE_FIELDS)}")
    return options


def _read_toml(text: str) -> dict:
    try:
        import tomllib
    except ImportError:  # Python 3.10: the few lines corpus.toml needs
        data: dict = {}
        table = data
        for n, line in enumerate(text.splitlines(), 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                table = data.setdefault(line[1:-1].strip(), {})
                continue
            key, sep, value = line.partition("=")
            if not sep:
                raise ValueError(f"line {n}: expected key = value")
            value = value.strip()
            table[key.strip()] = value[1:-1] if value[:1] in "\"'" else value.lower() == "true"
        return data
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(str(exc)) from None


# --- the cache folder -----------------------------------------------------------------


class CacheEntry(NamedTuple):
    path: Path
    root: str | None
    size: int
    documents: int | None
    problem: str | None = None


def cache_entries() -> list[CacheEntry]:
    """The index databases in the cache folder, with the folder each indexes."""
    found = []
    folder = cache_dir()
    if not folder.is_dir():
        return found
    for p in sorted(folder.glob("*.sqlite")):
        found.append(_database_entry(p))
    return found


def _database_entry(path: Path) -> CacheEntry:
    import sqlite3

    size = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            root = db.execute("SELECT value FROM meta WHERE key = 'root'").fetchone()
            documents = db.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            db.close()
        return CacheEntry(path, root[0] if root else None, size, documents)
    except sqlite3.DatabaseError as exc:
        return CacheEntry(path, None, size, None, str(exc))


def clear_cache() -> int:
    """Remove every index database (and leftover file of older versions) in the cache folder; how many."""
    folder = cache_dir()
    if not folder.is_dir():
        return 0
    removed = 0
    for companion in ("*.sqlite-wal", "*.sqlite-shm", "*.sqlite-seal", "*.sqlite.lock"):  # a database's write-ahead log goes with it, uncounted
        for p in folder.glob(companion):
            p.unlink(missing_ok=True)
    for pattern in ("*.idx", "*.delta", "*.tmp", "*.sqlite"):
        for p in folder.glob(pattern):
            try:
                p.unlink()
                removed += 1
            except FileNotFoundError:
                pass
    return removed
