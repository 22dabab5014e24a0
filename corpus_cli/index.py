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

from .document import Document
from .text import WORD, fold


def _sort_key(doc: Document):
    return (doc.date is None, doc.datetime or dt.datetime.min, doc.id)


class Index:
    def __init__(self, documents: Iterable[Document]):
        self.documents: list[Document] = sorted(documents, key=_sort_key)
        self._dated = [d.datetime for d in self.documents if d.date is not None]
        self.by_id = {d.id: d for d in self.documents}
        self.position = {d.id: i for i, d in enumerate(self.documents)}
        # Global statement numbers: statement g is statement stmt_local[g] of
        # document stmt_doc[g] (a position in self.documents).
        self.stmt_doc = array("I")
        self.stmt_local = array("I")
        self.stmt_length = array("I")
        postings: dict[str, array] = {}
        surfaces: dict[str, Counter] = {}
        for pos, doc in enumerate(self.documents):
            body = doc.body
            for local, (start, end) in enumerate(doc.spans):
                g = len(self.stmt_doc)
                found = WORD.findall(body, start, end)
                self.stmt_doc.append(pos)
                self.stmt_local.append(local)
                self.stmt_length.append(len(found))
                for surface in found:
                    key = fold(surface)
                    if key not in postings:
                        postings[key] = array("I")
                        surfaces[key] = Counter()
                    postings[key].append(g)
                    surfaces[key][surface] += 1
        self.postings = postings
        self.surfaces = surfaces
        self.vocabulary = list(postings)
        n = len(self.stmt_length)
        self.avg_length = (sum(self.stmt_length) / n) if n else 0.0

    @property
    def statement_count(self) -> int:
        return len(self.stmt_doc)

    def date_slice(self, since: dt.datetime | None, until: dt.datetime | None) -> range:
        """Positions of the documents dated within the bounds (all, with no bound)."""
        if since is None and until is None:
            return range(len(self.documents))
        lo = bisect.bisect_left(self._dated, since) if since else 0
        hi = bisect.bisect_right(self._dated, until) if until else len(self._dated)
        return range(lo, max(lo, hi))

    def statement_text(self, g: int) -> str:
        doc = self.documents[self.stmt_doc[g]]
        start, end = doc.spans[self.stmt_local[g]]
        return doc.body[start:end]
