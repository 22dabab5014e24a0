"""The index that search reads (:class:`corpus_cli.index.base.Index`), answered from a corpus database.

Postings come from FTS5 (``vocab_instance``: one row per occurrence of a term), the lexicon
from the term tables (:mod:`corpus_cli.index.vocab`), documents from ``documents`` and
``units``; how the text spells a term is read from the units that hold it when it is asked for.
What every query needs (each unit's document, place and length; each document's date and
fields) is read once when the index is opened.
"""

from __future__ import annotations

import atexit
import bisect
import functools
import json
import sqlite3
import sys
from array import array
from functools import cached_property
from itertools import accumulate
from types import SimpleNamespace

from corpus_cli.index.base import PRECISION_CODES, TITLE, TYPES
from corpus_cli.language.dates import DocDate
from corpus_cli.document import Document, Statement
from corpus_cli.language.speakers import Speaker
from corpus_cli.index.base import Index
from corpus_cli.index.schema import cached, from_blob, keep, text_of
from corpus_cli.index.vocab import TermLexicon


class DatabaseIndex(Index):
    """:class:`~corpus_cli.index.base.Index` over a corpus database (positions are in document id order).

    Opening reads one row per document: a document's units have consecutive row ids from its
    ``first_unit`` (its title, then its statements), so their places, documents and word counts
    are arrays made from those rows, not a read of every unit.
    """

    CACHE = "index-2"  # the cache entry; a new name whenever ARRAYS changes
    ARRAYS = (("doc_rowids", "q"), ("doc_dates", "q"), ("doc_flags", "B"), ("doc_category", "H"), ("doc_source", "I"),
              ("doc_type", "B"), ("doc_words", "I"), ("first_unit", "q"), ("title_unit", "I"), ("stmt_length", "I"))

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        packed = cached(db, self.CACHE)
        found = _unpack(packed, self.ARRAYS) if packed is not None else None
        if found is None:
            found = self._arrays()
            keep(db, self.CACHE, _pack(found, self.ARRAYS))
        for name in ("doc_rowids", "doc_dates", "doc_ids", "first_unit", "title_unit", "stmt_length"):
            setattr(self, name, found[name])
        # a unit's document and place follow from where each document's units start
        self.stmt_doc = _UnitDocuments(self.title_unit, len(self.stmt_length))
        self.stmt_local = _UnitPlaces(self.title_unit, len(self.stmt_length))
        self.columns = SimpleNamespace(
            categories=found["categories"], sources=found["sources"], doc_category=found["doc_category"],
            doc_source=found["doc_source"], doc_type=found["doc_type"], doc_flags=found["doc_flags"],
            doc_words=found["doc_words"], formats={},
        )
        self.dead = frozenset()
        self.lexicon = TermLexicon(db)
        self.postings = _Postings(self)
        self.surfaces = _Surfaces(self)
        self.documents = _Documents(self)
        self._field_lexicons = {}
        self._units: dict[int, Statement] = {}  # unit -> its text, read by prefetch_units
        self._places: dict[int, list[str]] = {}
        self._expected: dict[int, None] = {}  # units whose places are read together when one is asked for

    def _arrays(self) -> dict:
        """What opening needs, read from a row per document."""
        return _arrays_of(self.db.execute(ROWS + " ORDER BY id").fetchall())

    @cached_property
    def by_date(self) -> tuple[list[int], list[int], list[int]]:
        """As :attr:`Index.by_date`, kept in the cache for the generation (sorting 100,000 dates takes a while)."""
        packed = cached(self.db, "by-date")
        if packed is not None:
            sizes = [int.from_bytes(packed[i : i + 8], "little") for i in (0, 8, 16)]
            at, found = 24, []
            for size, code in zip(sizes, "Iqi"):
                a = array(code)
                a.frombytes(packed[at : at + size])
                found.append(a.tolist())
                at += size
            return found[0], found[1], found[2]
        order, dates, undated = Index.by_date.func(self)
        blobs = [array("I", order).tobytes(), array("q", dates).tobytes(), array("i", undated).tobytes()]
        keep(self.db, "by-date", b"".join(len(b).to_bytes(8, "little") for b in blobs) + b"".join(blobs))
        return order, dates, undated

    def signatures(self, positions) -> dict[int, bytes | None]:
        """The MinHash kept for these documents (positions), where one was made: bytes, or None for no words."""
        rowids = self.doc_rowids
        position = {rowids[p]: p for p in positions}
        rows = _rows_in(self.db, "SELECT document, minhash FROM signatures WHERE document IN ({})", list(position))
        return {position[rowid]: minhash for rowid, minhash in rows}

    def keep_signatures(self, made: dict[int, bytes | None]) -> None:
        """Keep MinHashes made for documents (positions), for the next corpus dupes."""
        rows = [(self.doc_rowids[p], minhash) for p, minhash in made.items()]
        try:
            with _transaction(self.db):
                self.db.executemany("INSERT OR REPLACE INTO signatures VALUES (?, ?)", rows)
        except sqlite3.Error:  # read-only or busy: made again next time
            pass

    def places_of(self, units: list[int]) -> list[list[str]]:
        """The places each unit (position) names: kept in the database, found when first asked.

        The first unit asked for among those of :meth:`prefetch_units` brings the kept rows of
        them all (one query per 500 rather than one each).
        """
        wanted = [g for g in units if g not in self._places]
        if wanted and any(g in self._expected for g in wanted):
            wanted = list(dict.fromkeys(wanted + [g for g in self._expected if g not in self._places]))
            self._expected = {}
        if wanted:
            rowids = [self._unit_rowid(g) for g in wanted]
            asked = set(units)
            found = self.documents.found.places_of(rowids, lambda n: self.unit_text(wanted[n]),
                                                   compute={n for n, g in enumerate(wanted) if g in asked})
            for g, rowid, names in zip(wanted, rowids, found):
                if names is not None:
                    self._places[g] = names
        return [self._places[g] for g in units]

    def _unit_rowid(self, g: int) -> int:
        p = self.stmt_doc[g]
        return self.first_unit[p] + g - self.title_unit[p]

    def prefetch_units(self, units: list[int]) -> None:
        """Read what showing these units (hits) needs: their documents' fields and the units' text,
        not whole bodies; their places are read when the first is asked for."""
        self.documents.prefetch({self.stmt_doc[g] for g in units}, bodies=False)
        self._expected = dict.fromkeys(units)
        rowids = {self._unit_rowid(g): g for g in units}
        for rowid, n, start, end, text in _rows_in(
            self.db,
            "SELECT u.id, u.n, u.start, u.\"end\", CASE WHEN u.n IS NULL THEN d.title ELSE substr(b.body, u.start + 1, "
            "u.\"end\" - u.start) END FROM units u JOIN documents d ON d.id = u.document JOIN bodies b ON "
            "b.document = u.document WHERE u.id IN ({})", list(rowids),
        ):
            if isinstance(text, str):  # a body kept as bytes (it holds unpaired surrogates) is cut in Python
                self._units[rowids[rowid]] = Statement(n, 0 if n is None else start, len(text) if n is None else end, text)

    def unit(self, g: int):
        found = self._units.get(g)
        if found is not None:
            return self.documents[self.stmt_doc[g]], found
        return super().unit(g)

    def unit_of(self, rowid: int) -> int:
        """The position of a unit given its row id."""
        p = bisect.bisect_right(self.first_unit, rowid) - 1
        return self.title_unit[p] + rowid - self.first_unit[p]


ROWS = ("SELECT id, doc_id, length(date), date_start, title_derived, category, source, type, word_count, "
        "statement_count, first_unit, unit_words FROM documents")
DOC_ARRAYS = ("doc_rowids", "doc_dates", "doc_flags", "doc_category", "doc_source", "doc_type", "doc_words", "first_unit")


def _arrays_of(rows: list, categories: list[str] | None = None, sources: list[str] | None = None, units: int = 0) -> dict:
    """The arrays of these document rows (their units numbered from ``units``); names new to
    ``categories`` and ``sources`` are added to them."""
    categories = categories if categories is not None else [""]
    sources = sources if sources is not None else [""]
    for table, column in ((categories, 5), (sources, 6)):
        table.extend(sorted({r[column] for r in rows if r[column]} - set(table)))
    category_no = {c: i for i, c in enumerate(categories)}
    source_no = {s: i for i, s in enumerate(sources)}
    precision = {4: PRECISION_CODES["year"], 7: PRECISION_CODES["month"], 10: PRECISION_CODES["day"]}
    title_unit = array("I", accumulate((r[9] + 1 for r in rows), initial=units))
    title_unit.pop()
    return {
        "doc_rowids": array("q", (r[0] for r in rows)),
        "doc_ids": [text_of(r[1]) for r in rows],
        "doc_dates": array("q", (-1 if r[3] is None else r[3] for r in rows)),
        "doc_flags": array("B", ((1 if r[4] else 0) | (precision.get(r[2], PRECISION_CODES["minute"]) << 1 if r[2] else 0)
                                 for r in rows)),
        "categories": categories, "sources": sources,
        "doc_category": array("H", (category_no[r[5] or ""] for r in rows)),
        "doc_source": array("I", (source_no[r[6] or ""] for r in rows)),
        "doc_type": array("B", (TYPES.index(r[7]) if r[7] in TYPES else 0 for r in rows)),
        "doc_words": array("I", (r[8] for r in rows)),
        "first_unit": array("q", (r[10] for r in rows)),  # row id of each document's title unit
        "title_unit": title_unit,  # position of each document's title unit
        "stmt_length": from_blob(b"".join(r[11] for r in rows)),
    }


def patch_cache(db: sqlite3.Connection, before: int, deleted: set[int], first_new: int) -> None:
    """Carry the open cache of generation ``before`` over to the database as it is now: the
    documents ``deleted`` (row ids) taken out, those from row id ``first_new`` on added.

    Quietly nothing when there is no such cache: the next open makes it.
    """
    row = db.execute("SELECT generation, data FROM cache WHERE name = ?", (DatabaseIndex.CACHE,)).fetchone()
    found = _unpack(row[1], DatabaseIndex.ARRAYS) if row is not None and row[0] == before else None
    if found is None:
        return
    rowids, title_unit, lengths = found["doc_rowids"], found["title_unit"], found["stmt_length"]
    gone = sorted(p for p in range(len(rowids)) if rowids[p] in deleted) if deleted else []
    bounds = list(title_unit) + [len(lengths)]
    counts = array("I", (bounds[p + 1] - bounds[p] for p in range(len(rowids))))
    if gone:  # keep the runs between the documents that went, as slices
        kept = [(a + 1, b) for a, b in zip([-1] + gone, gone + [len(rowids)]) if b > a + 1]
        for name in DOC_ARRAYS:
            found[name] = _runs(found[name], kept)
        found["doc_ids"] = [i for a, b in kept for i in found["doc_ids"][a:b]]
        found["stmt_length"] = _runs(lengths, [(bounds[a], bounds[b]) for a, b in kept])
        counts = _runs(counts, kept)
    found["title_unit"] = array("I", accumulate(counts, initial=0))
    found["title_unit"].pop()
    rows = db.execute(ROWS + " WHERE id >= ? ORDER BY id", (first_new,)).fetchall()
    if rows:
        added = _arrays_of(rows, found["categories"], found["sources"], len(found["stmt_length"]))
        for name in (*DOC_ARRAYS, "title_unit", "stmt_length"):
            found[name].extend(added[name])
        found["doc_ids"].extend(added["doc_ids"])
    keep(db, DatabaseIndex.CACHE, _pack(found, DatabaseIndex.ARRAYS))


def _runs(values: array, runs: list[tuple[int, int]]) -> array:
    out = array(values.typecode)
    for a, b in runs:
        out.extend(values[a:b])
    return out


class _UnitDocuments:
    """The document (position) of each unit, found from where documents' units start."""

    def __init__(self, title_unit: array, count: int):
        self.title_unit, self.count = title_unit, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, g: int) -> int:
        if not 0 <= g < self.count:
            raise IndexError(g)
        return bisect.bisect_right(self.title_unit, g) - 1


class _UnitPlaces(_UnitDocuments):
    """The place of each unit in its document: TITLE, or its statement number."""

    def __getitem__(self, g: int) -> int:
        offset = g - self.title_unit[super().__getitem__(g)]
        return TITLE if offset == 0 else offset - 1


def _pack(found: dict, arrays) -> bytes:
    """Arrays and lists of text as one blob: a JSON header, then the arrays' bytes (this machine's order)."""
    header = {"byteorder": sys.byteorder, "lengths": [len(found[name]) for name, _ in arrays],
              "doc_ids": found["doc_ids"], "categories": found["categories"], "sources": found["sources"]}
    head = json.dumps(header).encode("ascii")
    return len(head).to_bytes(8, "little") + head + b"".join(found[name].tobytes() for name, _ in arrays)


def _unpack(blob: bytes, arrays) -> dict | None:
    size = int.from_bytes(blob[:8], "little")
    header = json.loads(blob[8 : 8 + size])
    if header["byteorder"] != sys.byteorder:
        return None
    found = {k: header[k] for k in ("doc_ids", "categories", "sources")}
    at = 8 + size
    for (name, code), length in zip(arrays, header["lengths"]):
        a = array(code)
        end = at + length * a.itemsize
        a.frombytes(blob[at:end])
        found[name], at = a, end
    return found


class _Postings:
    """Folded word -> the positions of the units it occurs in, one entry per occurrence."""

    MANY = 20_000  # occurrences from which numpy maps row ids to positions (importing it costs 0.05 s)

    def __init__(self, index: DatabaseIndex):
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


class _Surfaces:
    """Folded word -> how the text spells it, with counts (read from the units that hold it)."""

    def __init__(self, index: DatabaseIndex):
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


class _Documents:
    """Documents by position, read from the database when asked for (in batches by :meth:`prefetch`).

    A document's body is read when first used: listing documents needs only their fields.
    """

    SELECT = (
        "SELECT d.id, d.doc_id, f.path, d.title, d.date, d.date_source, d.title_derived, d.category, d.type, "
        "d.source, d.layout, d.url, d.word_count, d.file_words, d.removed, d.spans, d.author, s.found FROM documents d "
        "JOIN files f ON f.id = d.file LEFT JOIN speakers s ON s.document = d.id WHERE d.id IN ({})"
    )
    CACHE = 4096  # documents kept; a scan of every document must not keep them all

    def __init__(self, index: DatabaseIndex):
        self.index = index
        self._cache: dict[int, Document] = {}
        row = index.db.execute("SELECT value FROM meta WHERE key = 'root'").fetchone()
        self._root = row[0] if row else ""
        self.found = Findings(index.db)

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
        for row in _rows_in(self.index.db, self.SELECT, missing):
            self._cache[position[row[0]]] = self._document(row)
        if bodies:
            unread = [rowids[p] for p in wanted if self._cache[p]._load is not None]
            for rowid, body in _rows_in(self.index.db, "SELECT document, body FROM bodies WHERE document IN ({})", unread):
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
        if row[17] is not None:
            doc._speakers = [Speaker(name, role, tuple(said)) for name, role, said in json.loads(row[17])]
        else:
            doc.keep_speakers = functools.partial(self.found.keep_speakers, row[0])
        return doc


class Findings:
    """What analysis found in documents and units (speakers, places), written back in batches.

    Readers find things when first asked; the rows are kept so that the next run reads them.
    Quietly not kept where the database may only be read.
    """

    BATCH = 2000

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.speakers: list[tuple[int, str]] = []
        self.places: list[tuple[int, str]] = []
        atexit.register(self.flush)

    def keep_speakers(self, rowid: int, found: list) -> None:
        self.speakers.append((rowid, json.dumps([[s.name, s.role, list(s.statements)] for s in found], ensure_ascii=False)))
        if len(self.speakers) >= self.BATCH:
            self.flush()

    def places_of(self, rowids: list[int], texts, compute=None) -> list[list[str] | None]:
        """The places each unit names (``texts`` gives a unit's text by its position in ``rowids``);
        with ``compute`` (positions in ``rowids``), units not kept and not in it are None (not found now)."""
        known = {unit: json.loads(names) for unit, names in
                 _rows_in(self.db, "SELECT unit, names FROM places WHERE unit IN ({})", rowids)}
        out = []
        for n, rowid in enumerate(rowids):
            if rowid not in known:
                if compute is not None and n not in compute:
                    out.append(None)
                    continue
                from corpus_cli.language.places import places_in

                known[rowid] = places_in(texts(n))
                self.places.append((rowid, json.dumps(known[rowid], ensure_ascii=False)))
            out.append(known[rowid])
        if len(self.places) >= self.BATCH:
            self.flush()
        return out

    def flush(self) -> None:
        if not (self.speakers or self.places):
            return
        try:
            with _transaction(self.db):
                self.db.executemany("INSERT OR REPLACE INTO speakers VALUES (?, ?)", self.speakers)
                self.db.executemany("INSERT OR REPLACE INTO places VALUES (?, ?)", self.places)
        except sqlite3.Error:  # read-only, closed, or busy: found again next time
            pass
        self.speakers, self.places = [], []


def _rows_in(db: sqlite3.Connection, sql: str, ids: list):
    """The rows of ``sql`` (its ``IN ({})`` filled) for these ids, a query per 500 of them."""
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        yield from db.execute(sql.format(",".join("?" * len(chunk))), chunk)


class _transaction:
    def __init__(self, db):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, exc, tb):
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
