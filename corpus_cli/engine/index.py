"""The index that search reads (:class:`corpus_cli.index.Index`), answered from a corpus database.

Postings come from FTS5 (``vocab_instance``: one row per occurrence of a term), the lexicon
from the term tables (:mod:`corpus_cli.engine.vocab`), documents from ``documents`` and
``units``; how the text spells a term is read from the units that hold it when it is asked for.
What every query needs (each unit's document, place and length; each document's date and
fields) is read once when the index is opened.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
from array import array
from collections import Counter
from types import SimpleNamespace

from ..columns import PRECISION_CODES, TITLE, TYPES
from ..dates import DocDate
from ..document import Document
from ..index import Index, Surfaces
from ..text import WORD, fold
from .vocab import TermLexicon


class DatabaseIndex(Index):
    """:class:`~corpus_cli.index.Index` over a corpus database (positions are in document id order)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        rows = db.execute(
            "SELECT id, doc_id, date, date_start, title_derived, category, source, type, word_count FROM documents ORDER BY id"
        ).fetchall()
        self.doc_rowids = array("q", (r[0] for r in rows))
        self.doc_ids = [r[1] for r in rows]
        self.doc_dates = array("q", (-1 if r[3] is None else r[3] for r in rows))
        categories = ["", *sorted({r[5] for r in rows if r[5]})]
        sources = ["", *sorted({r[6] for r in rows if r[6]})]
        category_no = {c: i for i, c in enumerate(categories)}
        source_no = {s: i for i, s in enumerate(sources)}
        flags = array("B", ((1 if r[4] else 0) | (PRECISION_CODES[DocDate.fromisoformat(r[2]).precision] << 1 if r[2] else 0)
                            for r in rows))
        self.columns = SimpleNamespace(
            categories=categories, sources=sources,
            doc_category=array("H", (category_no[r[5] or ""] for r in rows)),
            doc_source=array("I", (source_no[r[6] or ""] for r in rows)),
            doc_type=array("B", (TYPES.index(r[7]) if r[7] in TYPES else 0 for r in rows)),
            doc_flags=flags, doc_words=array("I", (r[8] for r in rows)), formats={},
        )
        position = {rowid: p for p, rowid in enumerate(self.doc_rowids)}
        units = db.execute("SELECT id, document, n, words FROM units ORDER BY id").fetchall()
        self.unit_rowids = array("q", (u[0] for u in units))
        self.stmt_doc = array("I", (position[u[1]] for u in units))
        self.stmt_local = array("I", (TITLE if u[2] is None else u[2] for u in units))
        self.stmt_length = array("I", (u[3] for u in units))
        self.title_unit = array("I", [0]) * len(rows)
        for g, u in enumerate(units):
            if u[2] is None:
                self.title_unit[self.stmt_doc[g]] = g
        self.dead = frozenset()
        self.lexicon = TermLexicon(db)
        self.postings = _Postings(self)
        self.surfaces = _Surfaces(self)
        self.documents = _Documents(self)
        self._field_lexicons = {}

    def unit_of(self, rowid: int) -> int:
        """The position of a unit given its row id."""
        return bisect.bisect_left(self.unit_rowids, rowid)

    def unit_rows(self, word: str) -> list[tuple]:
        """(unit position, n, start, end, title, body) for every unit that holds ``word``."""
        rows = self.db.execute(
            'SELECT u.id, u.n, u.start, u."end", d.title, d.body FROM units_fts JOIN units u ON u.id = units_fts.rowid '
            "JOIN documents d ON d.id = u.document WHERE units_fts MATCH ?", (f'"{word}"',)
        )
        return [(self.unit_of(r[0]), *r[1:]) for r in rows]


class _Postings:
    """Folded word -> the positions of the units it occurs in, one entry per occurrence."""

    def __init__(self, index: DatabaseIndex):
        self.index = index
        self._cache: dict[str, array] = {}

    def __contains__(self, word: str) -> bool:
        return word in self.index.lexicon

    def __getitem__(self, word: str) -> array:
        if word not in self._cache:
            if word not in self.index.lexicon:
                raise KeyError(word)
            rows = self.index.db.execute("SELECT doc FROM vocab_instance WHERE term = ?", (word,))
            unit_of = self.index.unit_of
            self._cache[word] = array("I", sorted(unit_of(r[0]) for r in rows))
        return self._cache[word]


class _Surfaces(Surfaces):
    """Folded word -> how the text spells it, with counts (read from the units that hold it)."""

    def __init__(self, index: DatabaseIndex):
        self.index = index

    def __getitem__(self, word: str) -> dict[str, int]:
        if word not in self.index.lexicon:
            raise KeyError(word)
        found: Counter = Counter()
        for _, n, start, end, title, body in self.index.unit_rows(word):
            text = title if n is None else body[start:end]
            found.update(t for t in WORD.findall(text) if fold(t) == word)
        return dict(found)


class _Documents:
    """Documents by position, read from the database when asked for."""

    def __init__(self, index: DatabaseIndex):
        self.index = index

    def __len__(self) -> int:
        return len(self.index.doc_rowids)

    def body_and_spans(self, pos: int) -> tuple[str, tuple[tuple[int, int], ...]]:
        doc = self[pos]
        return doc.body, doc.spans

    def __getitem__(self, pos: int) -> Document:
        if pos < 0:
            pos += len(self)
        rowid = self.index.doc_rowids[pos]
        db = self.index.db
        row = db.execute(
            "SELECT d.doc_id, f.path, d.title, d.body, d.date, d.date_source, d.title_derived, d.category, d.type, "
            "d.source, d.layout, d.url, d.word_count, d.file_words, d.removed FROM documents d "
            "JOIN files f ON f.id = d.file WHERE d.id = ?", (rowid,)
        ).fetchone()
        spans = tuple(db.execute(
            'SELECT start, "end" FROM units WHERE document = ? AND n IS NOT NULL ORDER BY n', (rowid,)
        ).fetchall())
        root = db.execute("SELECT value FROM meta WHERE key = 'root'").fetchone()
        doc = Document(
            id=row[0], path=f"{root[0]}/{row[1]}" if root else row[1], title=row[2], body=row[3],
            date=DocDate.fromisoformat(row[4]) if row[4] else None, date_source=row[5], title_derived=bool(row[6]),
            category=row[7], type=row[8], source=row[9], layout=row[10], url=row[11], word_count=row[12],
            file_words=row[13], removed=json.loads(row[14]) if row[14] else {}, spans=spans,
        )
        return doc
