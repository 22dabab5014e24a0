"""Opening a folder on the SQLite engine: its database in the cache folder, fresh, as one snapshot.

The database of a folder is keyed by the folder's path and the options that change parsing
(field mappings, date order): ``<cache>/<folder name>-<hash>.sqlite``. Every run scans the
folder (path, size, time of each file) and compares it with the ``files`` table, in a read
snapshot (:mod:`corpus_cli.index.store`) that the command then answers from when nothing
changed. Otherwise it takes the writer lock (:mod:`corpus_cli.index.lock`), looks again (another
process may have done the work meanwhile), parses changed files again and replaces them in one
transaction, seals the file, and opens its snapshot before letting the lock go. A database of
another schema, parser or folder is built anew, and one changed behind our back is checked
whole first (:mod:`corpus_cli.index.seal`).
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zlib
from pathlib import Path
from typing import NamedTuple

from corpus_cli.ingest.files import Problem, Scan, assign_ids, corpus_root, scan
from corpus_cli.index.cache import Report, cache_dir, parser_stamp, settings
from corpus_cli.index.build import build_database
from corpus_cli.index.database import DatabaseIndex
from corpus_cli.index.seal import damage, mend, opened, seal, sealed
from corpus_cli.errors import DataError
from corpus_cli.index.schema import SCHEMA_VERSION, busy, cached, connect, storable, text_of
from corpus_cli.index.rows import rows_in
from corpus_cli.index.store import Store, read_connection
from corpus_cli.index import lease, lock, marks
from corpus_cli.index.lock import wait_seconds
from corpus_cli.index.update import changes, pack_scan, remember_scan, remembered_scan, update_database

UNFILLED = {"date": "date IS NULL", "title": "title_derived OR title = ''", "category": "category IS NULL",
            "source": "source IS NULL", "url": "url IS NULL"}


def database_path(root: Path, options: dict) -> Path:
    """Where the database of ``root`` read with ``options`` lives."""
    key = json.dumps([str(root), options], sort_keys=True).encode("utf-8", "surrogatepass")
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", root.name)[:40] or "root"
    return cache_dir() / f"{slug}-{zlib.crc32(key):08x}{zlib.adler32(key):08x}.sqlite"


MISSING = "there is none"


def _usable(path: Path, root: Path, options: dict) -> tuple[str | None, dict]:
    """Why the database at ``path`` cannot serve (or None), and its ``meta`` table."""
    if not path.exists():
        return MISSING, {}
    try:
        db = read_connection(path)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        if busy(exc):  # held by another program: not ours to rebuild
            raise DataError(f"the index database {path} is busy ({exc}): another program holds it; try again") from None
        return f"it cannot be read ({exc})", {}
    if meta.get("schema") != str(SCHEMA_VERSION) or meta.get("parser") != parser_stamp():
        return "it was made by another version", meta
    if meta.get("root") != str(root) or meta.get("options") != json.dumps(options, sort_keys=True):
        return "it indexes another folder or reading", meta
    return None, meta


def open_database(
    path: str | os.PathLike | None = None, *, cache: bool = True, rebuild: bool = False, progress=None,
    fields: dict[str, str] | None = None, trust_watcher: bool = True, notice=None,
) -> tuple[DatabaseIndex, Report]:
    """A :class:`DatabaseIndex` of the folder, fresh and read as one snapshot, and a
    :class:`~corpus_cli.index.cache.Report` of how it was made.

    Freshness: every file's path, size and time are compared with the database's, unless a live
    ``corpus watch`` holds the database's lease (``trust_watcher``), or ``CORPUS_FRESHNESS=names``
    asks to compare names only (a file changed in place under the same name is then missed).
    Changes are written under the writer lock; a process that finds another writing waits for it
    (``notice`` is called if that takes more than a second) up to ``CORPUS_WAIT`` seconds, then
    reads what the other wrote rather than writing it twice.
    """
    root, only = corpus_root(path)  # one file (--data feed.jsonl) is its folder with only that file read
    options = settings(root, fields)
    if only is not None:
        options["only"] = only
    report = Report(root / only if only else root)
    report.options = options
    db_path, cache = _database_file(root, options, cache, report)
    index = _fresh(_Opening(db_path, root, options, report, progress, notice, cache), rebuild, trust_watcher)
    index.progress = progress  # for the first finding of places (corpus_cli.index.mentions)
    opened(db_path)
    store = index.store
    report.problems = list(report.problems) + [
        Problem(str(root / text_of(rel)), what, action, bool(skipped))
        for rel, what, action, skipped in store.db.execute(
            "SELECT f.path, p.what, p.action, p.skipped FROM problems p JOIN files f ON f.id = p.file ORDER BY p.rowid")
    ]
    report.formats_loader = lambda: _cached_formats(store)
    return index, report


def _database_file(root: Path, options: dict, cache: bool, report: Report) -> tuple[Path, bool]:
    """The database in the cache folder, or, where there is none to write, one for this run only;
    and whether it is in the cache folder."""
    db_path = database_path(root, options) if cache else None
    if db_path is not None:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(db_path.parent, os.W_OK):
                raise PermissionError(13, "not writable")
            report.database = db_path
            return db_path, True
        except OSError as exc:
            report.notes.append(f"cannot write the index database {db_path}: {exc.strerror or exc}; answering without it")
    folder = tempfile.mkdtemp(prefix="corpus-")  # removed when the run ends
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Path(folder) / "corpus.sqlite", False


class _Opening(NamedTuple):
    db_path: Path
    root: Path
    options: dict
    report: Report
    progress: object
    notice: object
    cache: bool


def _fresh(o: _Opening, rebuild: bool, trust_watcher: bool) -> DatabaseIndex:
    """The index as the folder is now: read as it stands when nothing changed (the common case,
    no lock taken), else made fresh under the writer lock."""
    why = "rebuild" if rebuild else None
    found, seen = None, {}
    if why is None:
        why, meta = _usable(o.db_path, o.root, o.options)
        if why is None and sealed(o.db_path):
            store = Store(o.db_path)
            found = _found(store, o.root, meta, trust_watcher, o.report, o.options.get("only"))
            todo = None if o.report.watched else changes(store.db, found)
            if not todo:
                if todo is not None and todo.remember:
                    store.keep("scan", pack_scan(found))
                o.report.source = "cached"
                return DatabaseIndex(store)
            seen = _records(store.db, [e.rel for e in todo.changed] + todo.removed) if todo else {}
            store.close()
            o.report.watched = False
        elif why is None:
            why = "unsealed"
    # Only an update may give up waiting (the index as it stands still answers); a build, or the
    # check of a database changed behind our back, has to be waited for.
    wait = wait_seconds() if why is None else None
    with lock.writer(o.db_path, wait=wait, notice=o.notice) as held:
        if held and held.waited and seen and not rebuild and sealed(o.db_path):
            store = Store(o.db_path)
            if _covered(store.db, seen):  # the writer we waited for did our work: read it
                o.report.source = "cached"
                return DatabaseIndex(store)
            store.close()
        if held:
            return _made_fresh(o, rebuild, None if held.waited else found)
    store = Store(o.db_path)
    o.report.source = "cached"
    o.report.notes.append(
        f"another process has been writing the index database for over {wait:g} s (CORPUS_WAIT); this answer "
        f"is from the index as it stands{_without(store, found)}")
    return DatabaseIndex(store)


def _records(db: sqlite3.Connection, paths: list[str]) -> dict[str, tuple | None]:
    """What the database holds of each of these files: (size, time), or None."""
    found = {text_of(p): (size, mtime) for p, size, mtime in
             rows_in(db, "SELECT path, size, mtime_ns FROM files WHERE path IN ({})", [storable(p) for p in paths])}
    return {p: found.get(p) for p in paths}


def _covered(db: sqlite3.Connection, seen: dict[str, tuple | None]) -> bool:
    """Whether another writer has since brought in every change a command found: each file's
    record differs from the one the command saw (the other saw the file later still)."""
    now = _records(db, list(seen))
    return all(now[p] != record for p, record in seen.items())


def _without(store: Store, found: Scan) -> str:
    if found.listed is not None:  # the watcher's summary: which files changed is not known
        return ""
    todo = changes(store.db, found)
    n = len(todo.changed) + len(todo.removed)
    return f", without {n} changed file{'s' if n != 1 else ''}" if n else ""


def _made_fresh(o: _Opening, rebuild: bool, found: Scan | None) -> DatabaseIndex:
    """Under the writer lock: the database checked, built or updated as needed, and read."""
    why = "rebuild" if rebuild else _usable(o.db_path, o.root, o.options)[0]
    if why is None and not sealed(o.db_path):
        # changed by something other than a writer of ours, or one was killed: checked whole first
        problem = damage(o.db_path)
        if problem is None:
            mend(o.db_path)
            seal(o.db_path)
        else:
            why = f"it is damaged: {problem}"
    if why not in (None, "rebuild", MISSING):
        o.report.notes.append(f"the index database {o.db_path} is unusable ({why}); building it again")
    if found is None or found.listed is not None:
        found = scan(o.root, only=o.options.get("only"))  # as the folder is now, after whatever another writer did
    _seen(o.report, found)
    if why is not None:
        return _built(o, found)
    store = Store(o.db_path)
    todo = changes(store.db, found)
    o.report.source = "cached"
    if todo or todo.remember:
        store.close()
        if todo:
            ids, notes = _ids(todo.changed, _taken(o.db_path, todo))
            update_database(o.db_path, o.root, todo, ids, o.options, notes=notes)
            o.report.source, o.report.changed = "updated", len(todo.changed) + len(todo.removed)
        _write(o.db_path, lambda db: remember_scan(db, found))
        store = Store(o.db_path)  # the state just written, read before the lock is let go
    return DatabaseIndex(store)


def _built(o: _Opening, found: Scan) -> DatabaseIndex:
    """Under the writer lock: a new database of the folder."""
    entries = found.entries()
    ids, notes = _ids(entries)
    build_database(o.db_path, o.root, entries, ids, o.options, progress=o.progress,
                   meta={"parser": parser_stamp()}, notes=notes)
    seal(o.db_path)
    o.report.source = "built" if o.cache else "memory"
    index = DatabaseIndex(Store(o.db_path))
    index.store.keep("scan", pack_scan(found))  # the database matches this scan
    index.store.flush()
    return index


def _found(store: Store, root: Path, meta: dict, trust_watcher: bool, report: Report, only: str | None = None) -> Scan:
    """The folder's files as this command compares them with the database: the watcher's word for
    it while its lease is live and it has written every change it heard of, the names only with
    ``CORPUS_FRESHNESS=names``, else a full scan."""
    found = None
    if trust_watcher and lease.live(meta.get("lease")) and not marks.pending(store.path):
        found = remembered_scan(store.db, files=False)  # the watcher keeps it fresh: no scan
        report.watched = found is not None
    elif os.environ.get("CORPUS_FRESHNESS", "full") == "names":
        names = scan(root, stat=False, only=only)
        last = remembered_scan(store.db)
        found = last if last is not None and last.paths == names.paths else None
    if found is None:
        found = scan(root, only=only)
    _seen(report, found)
    return found


def _seen(report: Report, found: Scan) -> None:
    """What the report says of the folder's files: how many, those passed over, and those that could not be looked at."""
    report.files_seen = found.count + len(found.problems)
    report.passed_over = found.passed_over
    report.problems = list(found.problems)


def _write(db_path: Path, change) -> None:
    """Make ``change`` (a function of a connection) in one transaction, and seal the file (under the lock)."""
    db = connect(db_path)
    try:
        db.execute("BEGIN IMMEDIATE")
        change(db)
        db.execute("COMMIT")
    finally:
        db.close()
    seal(db_path)


def _cached_formats(store: Store) -> dict:
    """The per-format counts, counted once per generation of the database."""
    packed = cached(store.db, "formats")
    if packed is None:
        packed = json.dumps(_formats(store.db)).encode("utf-8")
        store.keep("formats", packed)
    return json.loads(packed)


def _taken(db_path: Path, todo) -> list[str]:
    """Ids of documents that stay (not of the changed files) and that a changed file's id could meet."""
    db = read_connection(db_path)
    try:
        return _taken_in(db, todo)
    finally:
        db.close()


def _taken_in(db: sqlite3.Connection, todo) -> list[str]:
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
