"""Building a corpus database: parser processes read files, one writer stores them.

Files are parsed in worker processes (the readers of :mod:`corpus_cli.ingest.loader`) in chunks; each
chunk comes back as plain tuples, and the parent writes them in batches, inside one
transaction, into the tables of :mod:`corpus_cli.index.schema`. Tokenising is SQLite's: the
units' text goes to FTS5 as :func:`corpus_cli.language.text.fts_text` makes it, and no Python loop runs
over the tokens. Speakers, places and dupes signatures are not found here but when first asked
for (:mod:`corpus_cli.index.mentions` for places); an update finds the places of the documents
it writes when the database keeps them.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import threading
import time
import zlib
from pathlib import Path
from typing import Callable, Iterator, NamedTuple, Sequence

from corpus_cli.index.base import minutes
from corpus_cli.index.install import install, remove_stale
from corpus_cli.index.mentions import mention_rows, named
from corpus_cli.index.workers import pool
from corpus_cli.ingest.files import LISTING, FileEntry, kind_of, names_in, settle, unique_id
from corpus_cli.ingest.decode import Skip, max_file_size
from corpus_cli.ingest.loader import STREAM_FROM, documents_of_records, read_file, record_rows, records_end, streamed
from corpus_cli.language.text import count_words, fts_text
from corpus_cli.index.schema import connect, document_check, storable, to_blob
from corpus_cli.index.vocab import refresh_terms

CHUNK = 256  # files a worker parses before sending them back
BATCH_ROWS = 2000  # records of a large file (see loader.streamed) a worker parses at a time
IN_FLIGHT = 3  # tasks per worker handed out ahead: records read ahead of the parsers stay few
UNIT_SEPARATOR = "\x1f"
PARALLEL_FROM = 2000  # files; smaller folders are parsed in this process


class ParsedFile(NamedTuple):
    """What a worker makes of one file: its documents as rows, and what went wrong."""

    rel: str
    size: int
    mtime_ns: int
    kind: str | None
    skipped: str | None
    problems: list  # (what, action, skipped)
    documents: list  # document rows (see _document_row), each with its units and its body's CRC-32
    own_id: bool = False  # a sidecar named the document: the file name's id clash does not matter
    part: str = "whole"  # or a batch of a large file's records: "first", "more" or "last"
    empty: int = 0  # records of the batch without text


def _document_row(doc) -> tuple:
    """A document as a row of ``documents`` (without its numbers) and its units with their FTS text
    (None where that is the unit's own text)."""
    date = doc.date
    if doc.file_words is not None:  # what the file holds less what rules removed (tests prove the sum)
        words = doc.file_words - sum(doc.removed.values())
    else:
        words = count_words(doc.body) + (0 if doc.title_derived else count_words(doc.title))
    body = doc.body
    spans = [(None, 0, len(doc.title))] + [(n, s, e) for n, (s, e) in enumerate(doc.spans)]
    # one pass of fts_text over all units, joined by a character that is in no word
    texts = fts_text(UNIT_SEPARATOR.join([doc.title] + [body[s:e] for _, s, e in spans[1:]])).split(UNIT_SEPARATOR)
    # a unit's FTS text travels to the writer only where it differs from the unit's own text (an
    # apostrophe, a letter folded): the body is sent once, and the writer cuts the rest from it
    units = [
        (n, s, e, count_words(doc.title if n is None else body, s, e),
         None if text == (doc.title if n is None else body[s:e]) else text)
        for (n, s, e), text in zip(spans, texts)
    ]
    row = (
        doc.id, doc.title, int(doc.title_derived), date.isoformat() if date else None,
        minutes(date.value) if date else None, minutes(date.end) if date else None, doc.date_source,
        doc.category, doc.type, doc.source, doc.layout, doc.url, doc.author, body, words,
        len(doc.spans), doc.file_words, json.dumps(doc.removed, ensure_ascii=False) if doc.removed else None,
    )
    return row, units, zlib.crc32(body.encode("utf-8"))  # the body's part of its check, made here in parallel


def parse_files(root: str, entries: Sequence[FileEntry], ids: Sequence[str], options: dict) -> list[ParsedFile]:
    """Read and parse a run of files (in a worker process)."""
    base = Path(root)
    max_bytes = options.get("max_bytes") or max_file_size()
    names_in.cache_clear()
    LISTING["on"] = len(entries) >= 64  # many files: list each folder once
    found = []
    for entry, doc_id in zip(entries, ids):
        path = base / entry.rel
        problems, rows, skipped, own_id = [], [], None, False
        settle(path, entry.mtime_ns)
        try:
            docs, file_warnings, own_id = read_file(
                path, doc_id, fields=options.get("fields"), dayfirst=options.get("dayfirst", False),
                max_bytes=max_bytes, folder=entry.rel.rpartition("/")[0],
            )
            for doc, warnings in docs:
                problems.extend((w, "kept", 0) for w in warnings)
                rows.append(_document_row(doc))
            problems.extend((w, "kept", 0) for w in file_warnings)
        except Skip as exc:
            skipped = str(exc)
            problems.append((skipped, "skipped", 1))
        found.append(ParsedFile(entry.rel, entry.size, entry.mtime_ns, kind_of(entry.rel), skipped, problems, rows, own_id))
    return found


def parse_batch(root: str, entry: FileEntry, doc_id: str, options: dict, rows: list, part: str,
                file_warnings: list[str]) -> list[ParsedFile]:
    """Parse a batch of a large file's records (in a worker process)."""
    path = Path(root) / entry.rel
    docs, empty = documents_of_records(rows, path, doc_id, options.get("dayfirst", False))
    problems = [(w, "kept", 0) for _, warnings in docs for w in warnings]
    skipped = None
    if part == "whole":  # the file's only batch: what a reader of the whole file says
        try:
            records_end(len(docs), empty, file_warnings)
        except Skip as exc:
            skipped = str(exc)
    if skipped:  # as a reader of the whole file: the reason alone
        problems = [(skipped, "skipped", 1)]
    else:
        problems.extend((w, "kept", 0) for w in file_warnings)
    rows_out = [] if skipped else [_document_row(doc) for doc, _ in docs]
    return [ParsedFile(entry.rel, entry.size, entry.mtime_ns, kind_of(entry.rel), skipped, problems, rows_out,
                       part=part, empty=empty)]


def _skipped(entry: FileEntry, why: str) -> list[ParsedFile]:
    return [ParsedFile(entry.rel, entry.size, entry.mtime_ns, kind_of(entry.rel), why, [(why, "skipped", 1)], [])]


def _tasks(root: Path, entries: Sequence[FileEntry], ids: Sequence[str], options: dict) -> Iterator[tuple]:
    """The work, in order: chunks of files, and each large file of records as batches of its records.

    The records of a large file are read here, in the parent (csv and json read them in C), and
    parsed into documents by the workers, so one file of 100,000 records keeps every worker busy
    and only a few batches in memory.
    """
    small: list[FileEntry] = []
    small_ids: list[str] = []
    for entry, doc_id in zip(entries, ids):
        path = root / entry.rel
        if not streamed(path, kind_of(entry.rel) or ""):
            small.append(entry)
            small_ids.append(doc_id)
            if len(small) >= CHUNK:
                yield parse_files, (str(root), small, small_ids, options)
                small, small_ids = [], []
            continue
        if small:
            yield parse_files, (str(root), small, small_ids, options)
            small, small_ids = [], []
        warnings: list[str] = []
        batch: list = []
        first = True
        settle(path, entry.mtime_ns)
        try:
            for item in record_rows(path, kind_of(entry.rel), options.get("fields") or {}, warnings):
                batch.append(item)
                if len(batch) >= BATCH_ROWS:
                    yield parse_batch, (str(root), entry, doc_id, options, batch, "first" if first else "more", [])
                    batch, first = [], False
        except Skip as exc:
            yield _skipped, (entry, str(exc))
            continue
        yield parse_batch, (str(root), entry, doc_id, options, batch, "whole" if first else "last", warnings)
    if small:
        yield parse_files, (str(root), small, small_ids, options)


def _run(task: tuple) -> list[ParsedFile]:
    function, args = task
    return function(*args)


def parsed(root: Path, entries: list[FileEntry], ids: list[str], options: dict, workers: int | None = None) -> Iterator[list[ParsedFile]]:
    """Chunks of parsed files, in order: from worker processes for a large folder or file."""
    tasks = _tasks(root, entries, ids, options)
    if workers is None:
        large = any(streamed(root / e.rel, kind_of(e.rel) or "") for e in entries if e.size > STREAM_FROM)
        workers = min(multiprocessing.cpu_count(), 4) if len(entries) >= PARALLEL_FROM or large else 1
    if workers <= 1:
        yield from map(_run, tasks)
        return
    slots = threading.Semaphore(workers * IN_FLIGHT)
    stop = threading.Event()

    def handed_out():  # pool.imap reads its tasks as fast as it can: hold it to a few ahead of the results
        for task in tasks:
            slots.acquire()
            if stop.is_set():
                return
            yield task

    with pool(workers) as workers_pool:
        try:
            for result in workers_pool.imap(_run, handed_out()):
                slots.release()
                yield result
        finally:
            stop.set()
            slots.release()  # a task reader waiting for a slot sees the stop


class Writer:
    """Numbers files, documents and units and writes them in batches (one transaction per build)."""

    def __init__(self, db: sqlite3.Connection, notes: dict[str, list] | None = None, places: bool = False):
        self.db = db
        self.places = places  # find and write the places each unit names (the database keeps them)
        self.notes = notes or {}  # relative path -> (what, action, skipped) met before parsing (an id taken)
        self.file_no = db.execute("SELECT coalesce(max(id), 0) FROM files").fetchone()[0]
        self.doc_no = db.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
        self.unit_no = db.execute("SELECT coalesce(max(id), 0) FROM units").fetchone()[0]
        self.taken: set[str] = set()  # ids given by this writer; the database is asked for the others
        self.batches = [0, 0]  # of the large file being written in batches: documents and records without text
        self.empty = self.doc_no == 0

    def write(self, chunk: list[ParsedFile]) -> None:
        files, problems, documents, bodies, units, texts, more, skips, mentions = [], [], [], [], [], [], [], [], []
        for f in chunk:
            continued = f.part in ("more", "last")  # a later batch of the large file before
            if not continued:
                self.file_no += 1
            notes = [] if f.own_id or continued else self.notes.get(f.rel, [])
            for what, action, skipped in notes + f.problems:
                problems.append((self.file_no, what, action, skipped))
            for row, doc_units, body_crc in f.documents:
                self.doc_no += 1
                doc_id = self._unique(row[0], f.rel, problems)
                spans = to_blob(x for n, start, end, *_ in doc_units if n is not None for x in (start, end))
                document = (self.doc_no, storable(doc_id), self.file_no, *row[1:13], *row[14:], self.unit_no + 1,
                            spans, to_blob(u[3] for u in doc_units))
                bodies.append((self.doc_no, row[13]))
                own = []
                for n, start, end, words, text in doc_units:
                    self.unit_no += 1
                    own.append((self.unit_no, self.doc_no, n, start, end, words))
                    if text is None:  # the same as the unit's own text (see _document_row)
                        text = row[1] if n is None else row[13][start:end]
                    texts.append((self.unit_no, text))
                if self.places:
                    mentions += mention_rows(self.doc_no, own[0][0], row[1], row[13], [(s, e) for _, _, _, s, e, _ in own[1:]])
                units.extend(own)
                documents.append((*document, document_check(document, own, body_crc)))
            if continued:
                more.append((len(f.documents), self.file_no))
                self.batches[0] += len(f.documents)
                self.batches[1] += f.empty
            else:
                files.append((self.file_no, storable(f.rel), f.size, f.mtime_ns, f.kind, len(f.documents), f.skipped))
                self.batches = [len(f.documents), f.empty]
            if f.part == "last":  # what a reader of the whole file says at its end
                said: list[str] = []
                try:
                    records_end(self.batches[0], self.batches[1], said)
                    problems.extend((self.file_no, w, "kept", 0) for w in said)
                except Skip as exc:
                    skips.append((str(exc), self.file_no))
                    problems.append((self.file_no, str(exc), "skipped", 1))
        db = self.db
        db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", files)
        db.executemany("UPDATE files SET documents = documents + ? WHERE id = ?", more)
        db.executemany("UPDATE files SET skipped = ? WHERE id = ?", skips)
        db.executemany("INSERT INTO problems VALUES (?, ?, ?, ?)", problems)
        db.executemany(f"INSERT INTO documents VALUES ({', '.join('?' * 23)})", documents)
        db.executemany("INSERT INTO bodies VALUES (?, ?)", bodies)
        db.executemany("INSERT INTO units VALUES (?, ?, ?, ?, ?, ?)", units)
        db.executemany("INSERT INTO units_fts(rowid, text) VALUES (?, ?)", texts)
        db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?)", mentions)
        db.executemany("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?)", named(mentions))

    def _taken(self, doc_id: str) -> bool:
        if doc_id in self.taken:
            return True
        if self.empty:  # a new database: only this writer's ids are taken
            return False
        return self.db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (storable(doc_id),)).fetchone() is not None

    def _unique(self, doc_id: str, rel: str, problems: list) -> str:
        """The id, made unique by :func:`~corpus_cli.ingest.files.unique_id` (with a warning)."""
        unique = unique_id(doc_id, self._taken)
        if unique != doc_id:
            problems.append((self.file_no, f"id {doc_id!r} is taken by another document", f"id set to {unique!r}", 0))
        self.taken.add(unique)
        return unique


class BuildTimes(NamedTuple):
    parse_and_write: float  # seconds in the loop that parses (in workers) and writes (here)
    waiting: float  # of which the writer waited for the parsers
    commit: float  # the final commit (FTS5 merges its segments)


def build_database(
    db_path: str | Path, root: Path, entries: list[FileEntry], ids: list[str], options: dict | None = None,
    *, workers: int | None = None, progress: Callable[[int, int], None] | None = None, meta: dict | None = None,
    notes: dict[str, list] | None = None,
) -> BuildTimes:
    """Parse ``entries`` (found under ``root``) into a new database at ``db_path``.

    The database is written to a temporary file beside ``db_path`` and renamed over it once
    whole, so a reader (or a build killed half-way) never leaves a partial database in place.
    """
    final = Path(db_path)
    remove_stale(final)
    new = final.with_name(f"{final.name}.{os.getpid()}.tmp")
    new.unlink(missing_ok=True)
    try:  # whatever stops the build, Ctrl-C at any step included, takes its file with it
        times = _fill(new, root, entries, ids, dict(options or {}), workers, progress, meta, notes)
        install(new, final)
    except BaseException:
        new.unlink(missing_ok=True)
        raise
    return times


def _fill(
    db_path: Path, root: Path, entries: list[FileEntry], ids: list[str], options: dict, workers: int | None,
    progress: Callable[[int, int], None] | None, meta: dict | None, notes: dict[str, list] | None,
) -> BuildTimes:
    db = connect(db_path, create=True)
    try:
        return _write_all(db, root, entries, ids, options, workers, progress, meta, notes)
    finally:
        db.close()


def _write_all(db, root, entries, ids, options, workers, progress, meta, notes) -> BuildTimes:
    # A new file, renamed into place when whole: no journal is needed while it is built.
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-16384")  # 16 MiB
    # FTS5 merges its segments as rows come (automerge); one merge at the end costs less in all
    db.execute("INSERT INTO units_fts(units_fts, rank) VALUES ('automerge', 0)")
    db.execute("INSERT OR REPLACE INTO meta VALUES ('root', ?)", (str(root),))
    db.execute("INSERT OR REPLACE INTO meta VALUES ('options', ?)", (json.dumps(options, sort_keys=True),))
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in (meta or {}).items()])
    writer = Writer(db, notes)
    started = time.perf_counter()
    waiting = 0.0
    done = 0
    db.execute("BEGIN")
    chunks = parsed(root, entries, ids, options, workers)
    try:
        while True:
            ask = time.perf_counter()
            chunk = next(chunks, None)
            waiting += time.perf_counter() - ask
            if chunk is None:
                break
            writer.write(chunk)
            done += len(chunk)
            if progress:
                progress(done, len(entries))
    finally:
        chunks.close()  # ends the worker processes
    loop = time.perf_counter() - started
    db.execute("COMMIT")
    db.execute("INSERT INTO units_fts(units_fts) VALUES ('optimize')")
    db.execute("INSERT INTO units_fts(units_fts, rank) VALUES ('automerge', 4)")  # SQLite's default, for updates
    db.execute("BEGIN")
    refresh_terms(db)
    db.execute("COMMIT")
    db.execute("PRAGMA journal_mode=WAL")
    commit = time.perf_counter() - started - loop
    return BuildTimes(loop, waiting, commit)
