"""Lazy views of the database's rows that :class:`~corpus_cli.index.database.DatabaseIndex` hands
out: postings, spellings, documents (bodies read when used), and what analysis found (speakers,
places), written back in batches."""

from __future__ import annotations

import functools
import json
import sqlite3
from array import array

from corpus_cli.document import Document
from corpus_cli.index.base import Index
from corpus_cli.index.schema import from_blob, text_of
from corpus_cli.language.dates import DocDate
from corpus_cli.language.speakers import Speaker


class Postings:
    """Folded word -> the positions of the units it occurs in, one entry per occurrence."""

    MANY = 20_000  # occurrences from which numpy maps row ids to positions (importing it costs 0.05 s)

    def __init__(self, index: Index):
        self.index = index
        self._cache: dict[str, array] = {}

    def __contains__(self, word: str) -> bool:
        return word in self.index.lexicon

    def __getitem__(self, word: str) -> array:
        if word not in self._cache:
            if word not in self.index.lexicon:
                raise KeyError(word)
            rows = self.index.db.execute("SELECT doc FROM vocab_instance WHERE term = ?", (word,)).fetchall()
            if len(rows) >= self.MANY:
                self._cache[word] = self._many(rows)
            else:
                unit_of = self.index.unit_of
                self._cache[word] = array("I", sorted(unit_of(r[0]) for r in rows))
        return self._cache[word]


    def near(self, words: list[list[str]], within: int) -> set[int]:
        """The units that hold one of each list of ``words`` (folded vocabulary entries, in that
        order in the list) within ``within`` other words of each other, as FTS5 finds them from the
        positions it keeps (a NEAR group per combination, in C): the units a phrase can match."""
        combos = [[]]
        for alternatives in words:
            combos = [c + [w] for c in combos for w in alternatives]
        quoted = (" ".join('"' + w.replace('"', '""') + '"' for w in c) for c in combos)
        match = " OR ".join(f"NEAR({terms}, {within})" for terms in quoted)
        rows = self.index.db.execute("SELECT rowid FROM units_fts WHERE units_fts MATCH ?", (match,)).fetchall()
        unit_of = self.index.unit_of
        return {unit_of(r[0]) for r in rows}

    def _many(self, rows: list) -> array:
        import numpy

        rowids = numpy.fromiter((r[0] for r in rows), dtype=numpy.int64, count=len(rows))
        first = numpy.frombuffer(self.index.first_unit, dtype=numpy.int64)
        titles = numpy.frombuffer(self.index.title_unit, dtype=numpy.uint32).astype(numpy.int64)
        p = numpy.searchsorted(first, rowids, side="right") - 1
        units = numpy.sort(titles[p] + rowids - first[p]).astype(numpy.uint32)
        found = array("I")
        found.frombytes(units.tobytes())
        return found


class Surfaces:
    """Folded word -> how the text spells it, with counts (read from the units that hold it)."""

    def __init__(self, index: Index):
        self.index = index

    def __getitem__(self, word: str) -> dict[str, int]:
        if word not in self.index.lexicon:
            raise KeyError(word)
        return self.index.lexicon.spellings(word)

    def get(self, word: str, default=None):
        try:
            return self[word]
        except KeyError:
            return default


class Documents:
    """Documents by position, read from the database when asked for (in batches by :meth:`prefetch`).

    A document's body is read when first used: listing documents needs only their fields.
    """

    SELECT = (
        "SELECT d.id, d.doc_id, f.path, d.title, d.date, d.date_source, d.title_derived, d.category, d.type, "
        "d.source, d.layout, d.url, d.word_count, d.file_words, d.removed, d.spans, d.author, s.found FROM documents d "
        "JOIN files f ON f.id = d.file LEFT JOIN speakers s ON s.document = d.id WHERE d.id IN ({})"
    )
    CACHE = 4096  # documents kept; a scan of every document must not keep them all

    def __init__(self, index: Index):
        self.index = index
        self._cache: dict[int, Document] = {}
        row = index.db.execute("SELECT value FROM meta WHERE key = 'root'").fetchone()
        self._root = row[0] if row else ""
        self.found = Findings(index.store)

    def __len__(self) -> int:
        return len(self.index.doc_rowids)

    def body_and_spans(self, pos: int) -> tuple[str, tuple[tuple[int, int], ...]]:
        doc = self[pos]
        return doc.body, doc.spans

    def prefetch(self, positions, bodies: bool = True) -> None:
        """Read these documents (with their bodies, unless not wanted) with a few queries rather than one each."""
        wanted = sorted(set(positions))  # all of them: the caller holds them anyway
        rowids = self.index.doc_rowids
        position = {rowids[p]: p for p in wanted}
        missing = [rowids[p] for p in wanted if p not in self._cache]
        for row in rows_in(self.index.db, self.SELECT, missing):
            self._cache[position[row[0]]] = self._document(row)
        if bodies:
            unread = [rowids[p] for p in wanted if self._cache[p]._load is not None]
            for rowid, body in rows_in(self.index.db, "SELECT document, body FROM bodies WHERE document IN ({})", unread):
                doc = self._cache[position[rowid]]
                doc._body, doc._load = body, None

    def __getitem__(self, pos: int) -> Document:
        if pos < 0:
            pos += len(self)
        if pos not in self._cache:
            if not 0 <= pos < len(self):
                raise IndexError(pos)
            if len(self._cache) >= self.CACHE:
                self._cache.clear()
            row = self.index.db.execute(self.SELECT.format("?"), (self.index.doc_rowids[pos],)).fetchone()
            self._cache[pos] = self._document(row)
        return self._cache[pos]

    def _body(self, rowid: int, spans) -> tuple[str, tuple]:
        return self.index.db.execute("SELECT body FROM bodies WHERE document = ?", (rowid,)).fetchone()[0], spans

    def _document(self, row) -> Document:
        flat = from_blob(row[15])
        rel = text_of(row[2])
        spans = tuple(zip(flat[0::2], flat[1::2]))
        doc = Document(
            id=text_of(row[1]), path=f"{self._root}/{rel}" if self._root else rel, title=row[3], body="",
            date=DocDate.fromisoformat(row[4]) if row[4] else None, date_source=row[5], title_derived=bool(row[6]),
            category=row[7], type=row[8], source=row[9], layout=row[10], url=row[11], word_count=row[12],
            file_words=row[13], removed=json.loads(row[14]) if row[14] else {}, spans=spans,
            load=functools.partial(self._body, row[0], spans), statement_count=len(spans),
        )
        doc.author = row[16]
        kept = dict(_readable([(0, row[17])])) if row[17] is not None else {}
        if kept:
            doc._speakers = [Speaker(name, role, tuple(said)) for name, role, said in kept[0]]
        else:
            doc.keep_speakers = functools.partial(self.found.keep_speakers, row[0])
        return doc


class Findings:
    """What analysis found in documents (speakers), kept for the next command.

    Readers find things when first asked; the rows are handed to the store, which writes them
    in batches if the database is still in the state they were found in (see
    :mod:`corpus_cli.index.store`), and quietly not where it may only be read.
    """

    BATCH = 2000

    def __init__(self, store):
        self.store = store
        self.db = store.db

    def keep_speakers(self, rowid: int, found: list) -> None:
        self._keep("INSERT OR REPLACE INTO speakers VALUES (?, ?)",
                   (rowid, json.dumps([[s.name, s.role, list(s.statements)] for s in found], ensure_ascii=False)))

    def _keep(self, sql: str, row: tuple) -> None:
        self.store.later(sql, [row])
        if self.store.pending >= self.BATCH:
            self.store.flush()

    def flush(self) -> None:
        self.store.flush()


def _readable(rows):
    """Rows of (key, JSON) whose JSON reads; one that does not (damaged) is found again."""
    for key, value in rows:
        try:
            yield key, json.loads(value)
        except (ValueError, TypeError):
            continue


def rows_in(db: sqlite3.Connection, sql: str, ids: list):
    """The rows of ``sql`` (its ``IN ({})`` filled) for these ids, a query per 500 of them."""
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        yield from db.execute(sql.format(",".join("?" * len(chunk))), chunk)
