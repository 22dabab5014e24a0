"""The index that search reads (:class:`corpus_cli.index.base.Index`), answered from a corpus database.

Postings come from FTS5 (``vocab_instance``: one row per occurrence of a term), the lexicon
from the term tables (:mod:`corpus_cli.index.vocab`), documents from ``documents`` and
``units``; how the text spells a term is read from the units that hold it when it is asked for.
What every query needs (each unit's document, place and length; each document's date and
fields) is read once when the index is opened.
"""

from __future__ import annotations

import bisect
from array import array
from functools import cached_property
from types import SimpleNamespace

from corpus_cli.document import Statement
from corpus_cli.index.arrays import ARRAYS, CACHE, ROWS, UnitDocuments, UnitPlaces, arrays_of, pack, unpack
from corpus_cli.index.base import Index
from corpus_cli.index.rows import Documents, Postings, Surfaces, rows_in
from corpus_cli.index.schema import cached
from corpus_cli.index.store import Store
from corpus_cli.index.tokens import Streams
from corpus_cli.index.vocab import TermLexicon

PLACES_OF_HITS_UP_TO = 1000  # documents; more (or a --place filter) find the places of every document, kept


class DatabaseIndex(Index):
    """:class:`~corpus_cli.index.base.Index` over a corpus database (positions are in document id order).

    Opening reads one row per document: a document's units have consecutive row ids from its
    ``first_unit`` (its title, then its statements), so their places, documents and word counts
    are arrays made from those rows, not a read of every unit.
    """

    CACHE, ARRAYS = CACHE, ARRAYS

    def __init__(self, store: Store):
        self.store = store
        self.db = db = store.db  # every read in the store's one snapshot
        packed = cached(db, self.CACHE)
        found = unpack(packed, self.ARRAYS) if packed is not None else None
        if found is None:
            found = self._arrays()
            store.keep(self.CACHE, pack(found, self.ARRAYS))
        for name in ("doc_rowids", "doc_dates", "doc_ids", "first_unit", "title_unit", "stmt_length"):
            setattr(self, name, found[name])
        # a unit's document and place follow from where each document's units start
        self.stmt_doc = UnitDocuments(self.title_unit, len(self.stmt_length))
        self.stmt_local = UnitPlaces(self.title_unit, len(self.stmt_length))
        self.columns = SimpleNamespace(
            categories=found["categories"], sources=found["sources"], doc_category=found["doc_category"],
            doc_source=found["doc_source"], doc_type=found["doc_type"], doc_flags=found["doc_flags"],
            doc_words=found["doc_words"], formats={},
        )
        self.dead = frozenset()
        self.lexicon = TermLexicon(store)
        self.postings = Postings(self)
        self.surfaces = Surfaces(self)
        self.documents = Documents(self)
        self.streams = Streams(self)  # each document's words as numbers (corpus words, ngrams…)
        self._field_lexicons = {}
        self._units: dict[int, Statement] = {}  # unit -> its text, read by prefetch_units
        self._places: dict[int, list[str]] = {}
        self._mentions = None  # False: kept in the database; else found by this command (see _found_mentions)
        self._kept: bool | None = None  # whether the database keeps every unit's places
        self._expected: dict[int, None] = {}  # units whose places are read together when one is asked for

    def _arrays(self) -> dict:
        """What opening needs, read from a row per document."""
        return arrays_of(self.db.execute(ROWS + " ORDER BY id").fetchall())

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
        self.store.keep("by-date", b"".join(len(b).to_bytes(8, "little") for b in blobs) + b"".join(blobs))
        return order, dates, undated

    def signatures(self, positions) -> dict[int, bytes | None]:
        """The MinHash kept for these documents (positions), where one was made: bytes, or None for no words."""
        rowids = self.doc_rowids
        position = {rowids[p]: p for p in positions}
        rows = rows_in(self.db, "SELECT document, minhash FROM signatures WHERE document IN ({})", list(position))
        return {position[rowid]: minhash for rowid, minhash in rows}

    def keep_signatures(self, made: dict[int, bytes | None]) -> None:
        """Keep MinHashes made for documents (positions), for the next corpus dupes."""
        self.store.later("INSERT OR REPLACE INTO signatures VALUES (?, ?)",
                         [(self.doc_rowids[p], minhash) for p, minhash in made.items()])
        self.store.flush()

    def places_of(self, units: list[int]) -> list[list[str]]:
        """The ids of the places each unit (position) names (see :mod:`corpus_cli.index.mentions`).

        The first unit asked for among those of :meth:`prefetch_units` brings the rows of them all
        (one query per 500 rather than one each)."""
        wanted = [g for g in units if g not in self._places]
        if wanted and any(g in self._expected for g in wanted):
            wanted = list(dict.fromkeys(wanted + [g for g in self._expected if g not in self._places]))
            self._expected = {}
        if not wanted:
            return [self._places[g] for g in units]
        if self._mentions is None and not self._places_kept():
            documents = {self.doc_rowids[self.stmt_doc[g]] for g in wanted}
            if len(documents) <= PLACES_OF_HITS_UP_TO:  # a page of hits: their documents' places, found now
                self._place_documents(sorted(documents))
                return [self._places[g] for g in units]
        found = self._found_mentions()
        if found is not None:
            return [found[0].get(self._unit_rowid(g), []) for g in units]
        rowids = {self._unit_rowid(g): g for g in wanted}
        for g in wanted:
            self._places[g] = []
        for place, unit in rows_in(self.db, "SELECT place, unit FROM mentions WHERE unit IN ({}) ORDER BY unit, rank",
                                   list(rowids)):
            self._places[rowids[unit]].append(place)
        return [self._places[g] for g in units]

    def keeps_places_and_speakers(self) -> bool:
        """Whether every document's places and speakers are found and kept."""
        return self._places_kept() and self.db.execute("SELECT count(*) FROM speakers").fetchone()[0] >= len(self.doc_rowids)

    def _places_kept(self) -> bool:
        from corpus_cli.index import mentions

        if self._kept is None:
            self._kept = mentions.kept(self.db)
        return self._kept

    def _place_documents(self, documents: list[int]) -> None:
        """The places of some documents' units (row ids): read where found before, else found now
        and kept (``placed`` marks the documents whose rows ``mentions`` holds)."""
        from corpus_cli.index import mentions

        version = mentions.version()
        marks = dict(rows_in(self.db, "SELECT document, version FROM placed WHERE document IN ({})", documents))
        units: dict[int, int] = {}  # unit row id -> position
        of_document: dict[int, range] = {}  # document row id -> its units' row ids
        for rowid in documents:
            p = bisect.bisect_left(self.doc_rowids, rowid)
            title, first, n = self.title_unit[p], self.first_unit[p], len(self.documents[p].spans) + 1
            of_document[rowid] = range(first, first + n)
            for i in range(n):
                units[first + i] = title + i
                self._places[title + i] = []
        read = [u for d in documents if marks.get(d) == version for u in of_document[d]]
        for place, unit in rows_in(self.db, "SELECT place, unit FROM mentions WHERE unit IN ({}) ORDER BY unit, rank", read):
            self._places[units[unit]].append(place)
        new = [d for d in documents if marks.get(d) != version]
        if not new:
            return
        rows = mentions.find_in(self.db, new)
        for place, unit, _, _ in rows:
            self._places[units[unit]].append(place)
        # a document found by another gazetteer: its rows go first
        self.store.later("DELETE FROM mentions WHERE unit = ?", [(u,) for d in new if d in marks for u in of_document[d]])
        self.store.later("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?)", rows)
        self.store.later("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?)", mentions.named(rows))
        self.store.later("INSERT OR REPLACE INTO placed VALUES (?, ?)", [(d, version) for d in new])

    def units_naming(self, places: list[str]) -> dict[int, list[str]]:
        """The units (positions) that name any of ``places`` (ids), each with the ids it names."""
        found = self._found_mentions()
        if found is not None:
            wanted = set(places)
            rows = [(place, unit, doc) for unit, (doc, named) in found[1].items() for place in named if place in wanted]
        else:
            rows = rows_in(self.db, "SELECT place, unit, document FROM mentions WHERE place IN ({})", places)
        out: dict[int, list[str]] = {}
        for place, unit, doc in rows:
            out.setdefault(self._unit_position(unit, doc), []).append(place)
        return out

    def mention_counts(self) -> list[tuple[str, int, int]]:
        """(place id, document row id, units of it that name the place), for every place named."""
        found = self._found_mentions()
        if found is None:
            return self.db.execute("SELECT place, document, COUNT(*) FROM mentions GROUP BY place, document").fetchall()
        counts: dict[tuple[str, int], int] = {}
        for doc, named in found[1].values():
            for place in named:
                counts[place, doc] = counts.get((place, doc), 0) + 1
        return [(place, doc, n) for (place, doc), n in counts.items()]

    def place_totals(self) -> list | None:
        """[place id, documents, units, first date, last date] of every place the whole index names,
        as kept for this generation and gazetteer by :meth:`keep_place_totals`, or None."""
        import json

        from corpus_cli.index import mentions

        packed = cached(self.db, f"place-totals:{mentions.version()}")
        return None if packed is None else json.loads(packed)

    def keep_place_totals(self, totals: list) -> None:
        """Keep what a listing of every place counted: a warm `corpus places` reads it, not the mentions."""
        import json

        from corpus_cli.index import mentions

        self.store.keep(f"place-totals:{mentions.version()}", json.dumps(totals).encode())
        self.store.flush()

    def _found_mentions(self):
        """None when the database keeps every unit's places; else they are found now, handed to
        the store to keep, and served from memory for this command: (unit -> place ids,
        unit -> (document, place ids))."""
        from corpus_cli.index import mentions

        if self._mentions is None:
            if self._places_kept():
                self._mentions = False
            else:
                rows = mentions.find_all(self.db, len(self.doc_rowids), getattr(self, "progress", None))
                self.store.later("DELETE FROM mentions", [()])  # those of another gazetteer, or a page of hits
                self.store.later("DELETE FROM placed", [()])
                self.store.later("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?)", rows)
                self.store.later("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?)", mentions.named(rows))
                self.store.later("INSERT OR REPLACE INTO meta VALUES ('places', ?)", [(mentions.version(),)])
                self.store.flush()
                by_unit: dict[int, list[str]] = {}
                with_doc: dict[int, tuple[int, list[str]]] = {}
                for place, unit, doc, _ in rows:
                    by_unit.setdefault(unit, []).append(place)
                    with_doc.setdefault(unit, (doc, by_unit[unit]))
                self._mentions = (by_unit, with_doc)
        return self._mentions or None

    def _unit_position(self, unit: int, doc: int) -> int:
        """A unit's position from its row id and its document's."""
        p = bisect.bisect_left(self.doc_rowids, doc)
        return self.title_unit[p] + unit - self.first_unit[p]

    def _unit_rowid(self, g: int) -> int:
        p = self.stmt_doc[g]
        return self.first_unit[p] + g - self.title_unit[p]

    def prefetch_units(self, units: list[int]) -> None:
        """Read what showing these units (hits) needs: their documents' fields and each of their
        bodies once, cut into the units (the bodies are not kept); their places are read when the
        first is asked for."""
        by_doc: dict[int, list[int]] = {}
        for g in units:
            by_doc.setdefault(self.stmt_doc[g], []).append(g)
        self.documents.prefetch(by_doc, bodies=False)
        self._expected = dict.fromkeys(units)
        position = {self.doc_rowids[p]: p for p in by_doc}
        for rowid, body in rows_in(self.db, "SELECT document, body FROM bodies WHERE document IN ({})", list(position)):
            if not isinstance(body, str):  # a body kept as bytes (it holds unpaired surrogates) is read when shown
                continue
            p = position[rowid]
            doc, title = self.documents[p], self.title_unit[p]
            for g in by_doc[p]:
                if g == title:
                    self._units[g] = Statement(None, 0, len(doc.title), doc.title)
                else:
                    start, end = doc.spans[g - title - 1]
                    self._units[g] = Statement(g - title - 1, start, end, body[start:end])

    def unit(self, g: int):
        found = self._units.get(g)
        if found is not None:
            return self.documents[self.stmt_doc[g]], found
        return super().unit(g)

    def unit_of(self, rowid: int) -> int:
        """The position of a unit given its row id."""
        p = bisect.bisect_right(self.first_unit, rowid) - 1
        return self.title_unit[p] + rowid - self.first_unit[p]
