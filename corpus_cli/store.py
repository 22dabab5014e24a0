"""Opening a folder as an index: from its snapshot when that is fresh, else by building.

The snapshot of a folder lives in the cache folder (``CORPUS_CACHE_DIR``, or
the platform's: ``~/.cache/corpus`` on Linux, ``~/Library/Caches/corpus``
on macOS, ``%LOCALAPPDATA%\\corpus\\Cache`` on Windows), named after the
folder's path.

Freshness: every run lists the folder and compares each file's path, size
and modification time (in nanoseconds) with those the snapshot recorded.
That costs one ``stat`` per file (about 0.3 s for 100,000 files here) and
notices any file added, changed, renamed or removed. Only those files are
parsed again, into a small second snapshot (the delta, ``.delta`` beside the
first), and the documents they replace are left out of every answer. When
the changed files pass a fifth of the folder (or 2,000), the snapshot is
built anew instead.

``CORPUS_FRESHNESS=names`` trades that guarantee for speed: only the names
of the files are listed (no ``stat``), so files added, removed or renamed
are noticed but a file changed in place under the same name is not.
"""

from __future__ import annotations

import os
import re
import sys
import uuid
import zlib
from typing import NamedTuple
from pathlib import Path

from .columns import Columns, combine
from .errors import DataError, UsageError
from .files import FileEntry, Problem, assign_ids, check_root, scan
from .index import Index
from .snapshot import Snapshot, SnapshotError, write

# Bumped whenever reading files changes what a document holds: older snapshots are then rebuilt.
PARSER = 13
DELTA_SHARE = 0.2
DELTA_MAX = 2000


class Report:
    """How a folder was opened and what went wrong reading it."""

    def __init__(self, root: Path | None = None, files_seen: int = 0):
        self.root = root
        self.files_seen = files_seen
        self.problems: list[Problem] = []
        self.source = "memory"  # "built", "snapshot", "updated" (snapshot and delta), or "memory"
        self.snapshot: Path | None = None
        self.changed = 0  # files parsed again since the snapshot
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
    """Where snapshots are kept: ``CORPUS_CACHE_DIR`` or the platform's cache folder."""
    if env := os.environ.get("CORPUS_CACHE_DIR"):
        return Path(env)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "corpus"
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "corpus" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "corpus"


def snapshot_path(root: Path) -> Path:
    """The snapshot of ``root``: its folder name (for people) and a hash of its path."""
    absolute = str(root.resolve()).encode("utf-8", "surrogatepass")
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", root.resolve().name)[:40] or "root"
    # Two checksums make 64 bits; a clash is caught by the root recorded in the snapshot.
    digest = f"{zlib.crc32(absolute):08x}{zlib.adler32(absolute):08x}"
    return cache_dir() / f"{slug}-{digest}.idx"


def delta_path(snapshot: Path) -> Path:
    return snapshot.with_suffix(".delta")


def _build(root: Path, entries: list[FileEntry], problems: list[Problem], progress, options, taken=()) -> Columns:
    from .build import build

    taken = list(taken)
    ids, id_problems = assign_ids(entries, taken)
    problems = problems + [Problem(str(root / p.path), p.what, p.action) for p in id_problems]
    return build(root, entries, ids, problems, progress=progress, options=options, taken=taken)


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
        from .formats import FIELDS

        unknown = sorted(set(options["fields"]) - set(FIELDS))
        if unknown:
            raise UsageError(f"cannot map {', '.join(unknown)}: the fields are {', '.join(FIELDS)}")
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


def _try_write(columns: Columns, path: Path, report: Report, extra: dict) -> None:
    try:
        write(columns, path, extra)
    except OSError as exc:
        report.notes.append(f"cannot write the index snapshot {path}: {exc.strerror or exc}; answering without it")


def open_index(
    path: str | os.PathLike | None = None, *, cache: bool = True, rebuild: bool = False, progress=None,
    fields: dict[str, str] | None = None,
) -> tuple[Index, Report]:
    """An :class:`Index` of the folder and a :class:`Report` of how it was made."""
    root = check_root(path)
    options = settings(root, fields)
    quick = cache and not rebuild and os.environ.get("CORPUS_FRESHNESS", "full") == "names"
    found = scan(root, stat=not quick)
    scan_problems = found.problems
    report = Report(root, len(found.paths) + len(scan_problems))
    report.options = options
    report.passed_over = found.passed_over
    if not cache:
        columns = _build(root, found.entries(), scan_problems, progress, options)
        report.problems, report.source = columns.problems, "memory"
        return Index(columns), report
    snap = report.snapshot = snapshot_path(root)
    base = None
    if snap.exists() and not rebuild:
        try:
            base = Snapshot(snap)
            if base.header.get("root") != str(root):
                raise SnapshotError(f"it indexes another folder, {base.header.get('root')}")
            if base.header.get("options") != options:
                raise SnapshotError("it was read with other field mappings")
            if base.header.get("parser") != PARSER:
                raise SnapshotError("it was made by another version of the parser")
            base_columns = base.columns()
        except SnapshotError as exc:
            report.notes.append(f"the index snapshot {snap} is unusable ({exc}); building it again")
            base = None
    if base is not None and quick and not (delta_path(snap).exists() or not base_columns.files.same(found)):
        report.source = "snapshot"  # CORPUS_FRESHNESS=names: the same names are taken as the same files
        report.problems = scan_problems + base_columns.problems
        return Index(base_columns), report
    if quick:
        found = scan(root)
        scan_problems = found.problems
    if base is None:
        return _full(root, found.entries(), scan_problems, progress, report)
    if base_columns.files.same(found):  # the common case: C-level comparisons only
        report.source = "snapshot"
        report.problems = scan_problems + base_columns.problems
        return Index(base_columns), report

    stamps = base_columns.files.stamps()
    current = set(found.paths)
    changed = sorted(
        FileEntry(p, s, m, n)
        for n, (p, s, m) in enumerate(zip(found.paths, found.sizes, found.mtimes))
        if stamps.get(p) != (s, m)
    )
    removed = [rel for rel in stamps if rel not in current]
    if not changed and not removed:  # the same files, listed in another order
        report.source = "snapshot"
        report.problems = scan_problems + base_columns.problems
        return Index(base_columns), report
    if len(changed) + len(removed) > max(DELTA_MAX, DELTA_SHARE * len(found.paths)) and len(changed) + len(removed) > 50:
        return _full(root, found.entries(), scan_problems, progress, report)
    try:
        return _updated(root, base, base_columns, changed, removed, scan_problems, progress, report)
    except SnapshotError as exc:
        report.notes.append(f"the index snapshot {snap} is unusable ({exc}); building it again")
        return _full(root, found.entries(), scan_problems, progress, report)


def _full(root, entries, scan_problems, progress, report: Report) -> tuple[Index, Report]:
    columns = _build(root, entries, scan_problems, progress, report.options)
    _try_write(columns, report.snapshot, report, {"build": uuid.uuid4().hex, "options": report.options, "parser": PARSER})
    try:
        delta_path(report.snapshot).unlink()
    except OSError:
        pass
    report.source = "built"
    report.problems = columns.problems
    return Index(columns), report


def _updated(root, base: Snapshot, base_columns: Columns, changed, removed, scan_problems, progress, report):
    """The snapshot with the changed files parsed again into a delta."""
    number = {rel: n for n, rel in enumerate(base_columns.files.paths)}
    dead_files = sorted([e.rel for e in changed if e.rel in number] + removed)
    first, count = base_columns.file_doc, base_columns.file_count
    dead = frozenset(
        p for rel in dead_files if first[number[rel]] >= 0 for p in range(first[number[rel]], first[number[rel]] + count[number[rel]])
    )
    wanted = {e.rel: (e.size, e.mtime_ns) for e in changed}
    build_id = base.header.get("build")
    delta_file = delta_path(report.snapshot)
    delta_columns = None
    if delta_file.exists():
        try:
            old = Snapshot(delta_file)
            if old.header.get("base") == build_id and old.files().stamps() == wanted:
                delta_columns = old.columns()
        except SnapshotError as exc:
            report.notes.append(f"the index delta {delta_file} is unusable ({exc}); building it again")
    if delta_columns is None:
        taken = [doc_id for p, doc_id in enumerate(base_columns.doc_ids) if p not in dead]
        delta_columns = _build(root, changed, [], progress, report.options, taken)
        _try_write(delta_columns, delta_file, report, {"base": build_id, "dead_files": dead_files})
    gone = {str(root / rel) for rel in dead_files}
    report.problems = scan_problems + [p for p in base_columns.problems if p.path not in gone] + delta_columns.problems
    report.source = "updated"
    report.changed = len(changed) + len(removed)
    return Index(combine(base_columns, delta_columns, dead)), report


# --- the cache folder -----------------------------------------------------------------


class CacheEntry(NamedTuple):
    path: Path
    root: str | None
    size: int
    documents: int | None
    problem: str | None = None


def cache_entries() -> list[CacheEntry]:
    """The snapshots in the cache folder, with the folder each indexes."""
    found = []
    folder = cache_dir()
    if not folder.is_dir():
        return found
    for p in sorted(folder.glob("*.sqlite")):  # the SQLite engine's databases
        found.append(_database_entry(p))
    for p in sorted(folder.glob("*.idx")) + sorted(folder.glob("*.delta")):
        size = p.stat().st_size
        try:
            snap = Snapshot(p)
            docs = len(snap.section("doc_ids"))
            found.append(CacheEntry(p, snap.header.get("root"), size, docs))
        except SnapshotError as exc:
            found.append(CacheEntry(p, None, size, None, str(exc)))
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
    """Remove every snapshot (and leftover temporary file) in the cache folder; how many."""
    folder = cache_dir()
    if not folder.is_dir():
        return 0
    removed = 0
    for companion in ("*.sqlite-wal", "*.sqlite-shm"):  # a database's write-ahead log goes with it, uncounted
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
