"""Opening a folder on the SQLite engine: its database in the cache folder, fresh.

The database of a folder is keyed by the folder's path and the options that change parsing
(field mappings, date order): ``<cache>/<folder name>-<hash>.sqlite``. Every run scans the
folder (path, size, time of each file) and compares it with the ``files`` table; changed files
are parsed again and replaced in one transaction. A database of another schema, parser or
folder is built anew.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zlib
from pathlib import Path

from corpus_cli.ingest.files import Problem, assign_ids, check_root, scan
from corpus_cli.index.cache import PARSER, Report, cache_dir, settings
from corpus_cli.index.build import build_database
from corpus_cli.index.database import DatabaseIndex
from corpus_cli.index.seal import damage, seal, seal_at_exit, sealed
from corpus_cli.index.schema import SCHEMA_VERSION, cached, connect, keep, storable, text_of
from corpus_cli.index import lease
from corpus_cli.index.update import changes, remember_scan, remembered_scan, update_database

UNFILLED = {"date": "date IS NULL", "title": "title_derived OR title = ''", "category": "category IS NULL",
            "source": "source IS NULL", "url": "url IS NULL"}


def database_path(root: Path, options: dict) -> Path:
    """Where the database of ``root`` read with ``options`` lives."""
    key = json.dumps([str(root), options], sort_keys=True).encode("utf-8", "surrogatepass")
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", root.name)[:40] or "root"
    return cache_dir() / f"{slug}-{zlib.crc32(key):08x}{zlib.adler32(key):08x}.sqlite"


def _usable(path: Path, root: Path, options: dict) -> tuple[str | None, dict]:
    """Why the database at ``path`` cannot serve (or None), and its ``meta`` table."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return f"it cannot be read ({exc})", {}
    if meta.get("schema") != str(SCHEMA_VERSION) or meta.get("parser") != str(PARSER):
        return "it was made by another version", meta
    if meta.get("root") != str(root) or meta.get("options") != json.dumps(options, sort_keys=True):
        return "it indexes another folder or reading", meta
    return None, meta


def open_database(
    path: str | os.PathLike | None = None, *, cache: bool = True, rebuild: bool = False, progress=None,
    fields: dict[str, str] | None = None, trust_watcher: bool = True,
) -> tuple[DatabaseIndex, Report]:
    """A :class:`DatabaseIndex` of the folder and a :class:`~corpus_cli.index.cache.Report` of how it was made.

    Freshness: every file's path, size and time are compared with the database's, unless a live
    ``corpus watch`` holds the database's lease (``trust_watcher``), or ``CORPUS_FRESHNESS=names``
    asks to compare names only (a file changed in place under the same name is then missed).
    """
    root = check_root(path)
    options = settings(root, fields)
    report = Report(root)
    report.options = options
    db_path = database_path(root, options) if cache else None
    if db_path is not None:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(db_path.parent, os.W_OK):
                raise PermissionError(13, "not writable")
            report.database = db_path
        except OSError as exc:
            report.notes.append(f"cannot write the index database {db_path}: {exc.strerror or exc}; answering without it")
            db_path, cache = None, False
    if db_path is None:  # a database for this run only, removed when it ends
        folder = tempfile.mkdtemp(prefix="corpus-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        db_path = Path(folder) / "corpus.sqlite"
    why, meta = (None, {}) if rebuild or not db_path.exists() else _usable(db_path, root, options)
    if why is None and meta and not sealed(db_path):
        # changed by something other than us, or a run of ours was killed: check it whole first
        problem = damage(db_path)
        if problem is not None:
            why = f"it is damaged: {problem}"
    if why is not None:
        report.notes.append(f"the index database {db_path} is unusable ({why}); building it again")
    found = None
    if why is None and meta:
        if trust_watcher and lease.live(meta.get("lease")):
            found = _remembered(db_path, files=False)  # the watcher keeps it fresh: no scan
            report.watched = found is not None
        elif os.environ.get("CORPUS_FRESHNESS", "full") == "names":
            names = scan(root, stat=False)
            last = _remembered(db_path)
            found = last if last is not None and last.paths == names.paths else None
    if found is None:
        found = scan(root)
    report.files_seen = found.count + len(found.problems)
    report.passed_over = found.passed_over
    build = rebuild or not db_path.exists() or why is not None
    with _building(db_path if build and cache else None):
        if build and not rebuild and why is None and db_path.exists():
            # another process built it while this one waited for the lock: read theirs
            build = _usable(db_path, root, options)[0] is not None or not sealed(db_path)
        if build:
            entries = found.entries()
            ids, notes = _ids(entries)
            build_database(db_path, root, entries, ids, options, progress=progress, meta={"parser": PARSER}, notes=notes)
            seal(db_path)
            report.source = "built" if cache else "memory"
    if not build and report.watched:
        report.source = "cached"
    elif not build:
        db = connect(db_path)
        try:
            todo = changes(db, found)
            taken = _taken(db, todo) if todo else []
        finally:
            db.close()
        report.source = "cached"
        if todo:
            ids, notes = _ids(todo.changed, taken)
            update_database(db_path, root, todo, ids, options, notes=notes)
            seal(db_path)
            report.source, report.changed = "updated", len(todo.changed) + len(todo.removed)
    db = connect(db_path)
    if cache:
        seal_at_exit(db, db_path)
    if report.source in ("updated", "built"):
        remember_scan(db, found)  # the database now matches this scan
    report.problems = list(found.problems) + [
        Problem(str(root / text_of(rel)), what, action, bool(skipped))
        for rel, what, action, skipped in db.execute(
            "SELECT f.path, p.what, p.action, p.skipped FROM problems p JOIN files f ON f.id = p.file ORDER BY p.rowid")
    ]
    report.formats_loader = lambda: _cached_formats(db)
    index = DatabaseIndex(db)
    if report.source in ("built", "memory"):
        _find_places(index)
    return index, report


def _find_places(index: DatabaseIndex) -> None:
    """The places every unit names, found once as the index is built and kept in it, so that no
    command finds them while writing its output (``--place``, ``places``, JSON hits read them).
    Units changed by a later update have theirs found when first asked for."""
    from corpus_cli.index.select import place_units

    place_units(index)
    index.documents.found.flush()


@contextlib.contextmanager
def _building(db_path: Path | None):
    """Hold the build lock of ``db_path`` (``<database>.lock``), so that processes starting on a new
    folder at once build it once; nothing for None, or where the platform has no ``flock``."""
    if db_path is None:
        yield
        return
    try:
        import fcntl
    except ImportError:  # Windows: builds may run side by side, each installing a whole database
        yield
        return
    with open(f"{db_path}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _remembered(db_path: Path, files: bool = True):
    db = connect(db_path)
    try:
        return remembered_scan(db, files)
    finally:
        db.close()


def _cached_formats(db: sqlite3.Connection) -> dict:
    """The per-format counts, counted once per generation of the database."""
    packed = cached(db, "formats")
    if packed is None:
        packed = json.dumps(_formats(db)).encode("utf-8")
        keep(db, "formats", packed)
    return json.loads(packed)


def _taken(db: sqlite3.Connection, todo) -> list[str]:
    """Ids of documents that stay (not of the changed files) and that a changed file's id could meet."""
    changed = {storable(e.rel) for e in todo.changed}
    found = []
    for e in todo.changed:
        stem = e.rel.rsplit("/", 1)[-1]
        stem = stem[:-3] if stem.lower().endswith(".gz") else stem
        stem = stem.rsplit(".", 1)[0]
        for doc_id, path in db.execute(
            "SELECT d.doc_id, f.path FROM documents d JOIN files f ON f.id = d.file WHERE d.doc_id = ? OR d.doc_id GLOB ?",
            (storable(stem), storable(stem) + "~*" if isinstance(storable(stem), str) else stem + "~*"),
        ):
            if path not in changed:
                found.append(text_of(doc_id))
    return found


def _ids(entries, taken=()) -> tuple[list[str], dict[str, list]]:
    """Document ids for files, and the note on each file whose id another file had."""
    ids, problems = assign_ids(entries, taken)
    notes: dict[str, list] = {}
    for p in problems:
        notes.setdefault(p.path, []).append((p.what, p.action, 0))
    return ids, notes


def _formats(db: sqlite3.Connection) -> dict:
    """Per kind of file: files read, documents, files skipped, and fields left empty."""
    formats: dict[str, dict] = {}
    for kind, read, skipped in db.execute(
        "SELECT coalesce(kind, 'text'), sum(skipped IS NULL), sum(skipped IS NOT NULL) FROM files GROUP BY 1"
    ):
        formats[kind] = {"files": read, "documents": 0, "skipped files": skipped, "unfilled": {}}
    columns = ", ".join(f"sum({test})" for test in UNFILLED.values())
    for kind, documents, *empty in db.execute(
        f"SELECT coalesce(f.kind, 'text'), count(*), {columns} FROM documents d JOIN files f ON f.id = d.file GROUP BY 1"
    ):
        entry = formats[kind]
        entry["documents"] = documents
        entry["unfilled"] = {name: n for name, n in zip(UNFILLED, empty) if n}
    return formats
