"""The places each unit names, found once for the whole database when a command first needs them
(``corpus places``, ``--place``) and kept in ``mentions``, with the gazetteer's version in ``meta``.

Finding them costs a look at every capitalised word of every document
(:func:`corpus_cli.language.places.find_in_units`): about a third of the time reading the folder
took, spent on the first command that asks rather than on every build. A large database is read
by worker processes (as a build is). Once kept, an update finds the places of the documents it
writes, and a new gazetteer or new rules (another ``PLACES_VERSION``) are found again.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from typing import Callable, Iterator

from corpus_cli.index.schema import from_blob, text_of
from corpus_cli.index.workers import pool

PARALLEL_FROM = 2000  # documents; fewer are read in this process
CHUNK = 500  # documents a worker reads at a time


def version() -> str:
    from corpus_cli.language.places import PLACES_VERSION

    return PLACES_VERSION


def kept(db: sqlite3.Connection) -> bool:
    """Whether the database keeps every unit's places, found by this gazetteer and these rules."""
    row = db.execute("SELECT value FROM meta WHERE key = 'places'").fetchone()
    return row is not None and row[0] == version()


def mention_rows(doc: int, first_unit: int, title: str, body: str, spans: list[tuple[int, int]]) -> list[tuple]:
    """The ``mentions`` rows of one document: (place id, unit, document, rank) for each place each
    of its units (title, then statements, from ``first_unit``) names."""
    from corpus_cli.language.places import find_in_units

    found = find_in_units([title] + [body[s:e] for s, e in spans])
    return [(place, first_unit + n, doc, rank) for n, here in enumerate(found)
            for rank, place in enumerate(dict.fromkeys(m.place.id for m in here))]


def named(rows: list[tuple]) -> list[tuple[str, str, str, str]]:
    """The ``places`` rows (id, name, kind, country) of the places that ``mentions`` rows name."""
    if not rows:
        return []
    from corpus_cli.language.gazetteer import gazetteer

    gaz = gazetteer()
    return [(p.id, p.name, p.kind, p.country) for i in dict.fromkeys(row[0] for row in rows) if (p := gaz.by_id(i))]


def _documents(db: sqlite3.Connection, only: list[int] | None = None) -> Iterator[tuple]:
    """(row id, first unit, title, body, spans) of every document, or of those with the row ids ``only``."""
    where = "" if only is None else f"WHERE d.id IN ({','.join('?' * len(only))}) "
    for doc, first_unit, title, body, spans in db.execute(
            "SELECT d.id, d.first_unit, d.title, b.body, d.spans FROM documents d JOIN bodies b ON b.document = d.id "
            f"{where}ORDER BY d.id", only or ()):
        pairs = from_blob(spans)
        yield doc, first_unit, text_of(title), text_of(body), list(zip(pairs[0::2], pairs[1::2]))


def _chunk(documents: list[tuple]) -> list[tuple]:
    return [row for doc in documents for row in mention_rows(*doc)]


def find_in(db: sqlite3.Connection, documents: list[int]) -> list[tuple]:
    """The ``mentions`` rows of some documents (row ids, a page of hits: one query), found now.

    What showing a page of hits needs from a database that keeps no places yet: the places of
    the documents shown, not of the whole folder (:func:`find_all`, for ``--place`` and ``corpus
    places``)."""
    return _chunk(list(_documents(db, documents)))


def find_all(db: sqlite3.Connection, count: int, progress: Callable[..., None] | None = None) -> list[tuple]:
    """Every ``mentions`` row of the database (``count`` documents), found by worker processes
    for a large one."""
    rows: list[tuple] = []
    documents = _documents(db)
    chunks = iter(lambda: [d for _, d in zip(range(CHUNK), documents)], [])
    done = 0
    if count < PARALLEL_FROM:
        for chunk in chunks:
            rows += _chunk(chunk)
            done += len(chunk)
            if progress:
                progress(done, count, "finding places")
        return rows
    from corpus_cli.language.gazetteer import gazetteer

    gazetteer()  # loaded once here, shared with the workers
    workers = min(multiprocessing.cpu_count(), 4)
    slots = threading.Semaphore(workers * 3)  # chunks read ahead of the workers stay few
    sizes: list[int] = []

    def handed_out():
        for chunk in chunks:
            slots.acquire()
            sizes.append(len(chunk))
            yield chunk

    with pool(workers) as workers_pool:
        for found in workers_pool.imap(_chunk, handed_out()):
            slots.release()
            rows += found
            done += sizes.pop(0)
            if progress:
                progress(done, count, "finding places")
    return rows
