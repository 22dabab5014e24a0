"""The in-memory index built once per load.

Documents are kept sorted by date (undated ones last), so a date range is a
slice found by bisection. Every statement of every document gets a global
number; the vocabulary maps each folded word to the statements it occurs in
(one entry per occurrence, so the count of a number is the term frequency).
"""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from collections import Counter
from typing import Iterable

from .document import Document, Statement
from .matching import Lexicon
from .text import WORD, fold

TITLE = 0xFFFFFFFF  # stmt_local of a document's title unit


def _sort_key(doc: Document):
    return (doc.date is None, doc.datetime or dt.datetime.min, doc.id)


class Index:
    def __init__(self, documents: Iterable[Document]):
        self.documents: list[Document] = sorted(documents, key=_sort_key)
        self._dated = [d.datetime for d in self.documents if d.date is not None]
        self.by_id = {d.id: d for d in self.documents}
        self.position = {d.id: i for i, d in enumerate(self.documents)}
        # Units are what search returns: every statement of every document,
        # and each document's title. Unit g is statement stmt_local[g] (or the
        # title, when that is TITLE) of document stmt_doc[g], a position in
        # self.documents.
        self.stmt_doc = array("I")
        self.stmt_local = array("I")
        self.stmt_length = array("I")
        self.title_unit = array("I")  # document position -> its title unit
        postings: dict[str, array] = {}
        surfaces: dict[str, Counter] = {}
        folded: dict[str, str] = {}  # memo: the same surface folds the same way
        for pos, doc in enumerate(self.documents):
            units = [(TITLE, doc.title, 0, len(doc.title))]
            units += [(local, doc.body, s, e) for local, (s, e) in enumerate(doc.spans)]
            for local, text, start, end in units:
                g = len(self.stmt_doc)
                if local == TITLE:
                    self.title_unit.append(g)
                found = WORD.findall(text, start, end)
                self.stmt_doc.append(pos)
                self.stmt_local.append(local)
                self.stmt_length.append(len(found))
                for surface in found:
                    key = folded.get(surface)
                    if key is None:
                        key = folded[surface] = fold(surface)
                    if key not in postings:
                        postings[key] = array("I")
                        surfaces[key] = Counter()
                    postings[key].append(g)
                    surfaces[key][surface] += 1
        self.postings = postings
        self.surfaces = surfaces
        self.lexicon = Lexicon(postings, {w: len(p) for w, p in postings.items()}, surfaces)
        n = len(self.stmt_length)
        self.avg_length = (sum(self.stmt_length) / n) if n else 0.0
        self.statement_total = n - len(self.documents)

    @property
    def vocabulary(self) -> list[str]:
        return self.lexicon.words

    @property
    def unit_count(self) -> int:
        return len(self.stmt_doc)

    def is_title(self, g: int) -> bool:
        return self.stmt_local[g] == TITLE

    def date_slice(self, since: dt.datetime | None, until: dt.datetime | None) -> range:
        """Positions of the documents dated within the bounds (all, with no bound)."""
        if since is None and until is None:
            return range(len(self.documents))
        lo = bisect.bisect_left(self._dated, since) if since else 0
        hi = bisect.bisect_right(self._dated, until) if until else len(self._dated)
        return range(lo, max(lo, hi))

    def unit(self, g: int) -> tuple[Document, Statement]:
        """The document of unit ``g`` and the unit as a Statement.

        A title is a Statement whose index is None, with offsets into the title.
        """
        doc = self.documents[self.stmt_doc[g]]
        local = self.stmt_local[g]
        if local == TITLE:
            return doc, Statement(None, 0, len(doc.title), doc.title)
        return doc, doc.statement(local)

    def unit_text(self, g: int) -> str:
        return self.unit(g)[1].text
