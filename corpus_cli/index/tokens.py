"""Each document's words in order, as numbers: what the word lists, n-grams, collocates and
keywords count (:mod:`corpus_cli.analysis.words`).

A document's stream holds the folded words (:func:`~corpus_cli.language.text.fold`, as search
compares them) of its title, unless the title was made from its first sentence, and of each of
its statements, in order, as 32-bit word numbers; 0 separates one statement from the next, so
that no n-gram or window crosses a sentence. The numbers are the rows of ``words``: a word keeps
its number for the life of the database. Streams are made when first asked for, for every
document that has none (so that two readers of one state number new words alike), and kept.
"""

from __future__ import annotations

import functools
import sys
from array import array

from corpus_cli.index.rows import rows_in
from corpus_cli.index.schema import from_blob, text_of
from corpus_cli.language.text import WORD, fold

SEPARATOR = 0  # between two statements in a stream

_fold = functools.lru_cache(maxsize=1 << 18)(fold)


def unit_texts(title: str, derived: bool, spans, body: str) -> list[str]:
    """The texts a document's stream holds, in order: its title unless made from the first
    sentence, then each statement (``spans``: start and end in ``body``)."""
    return ([] if derived else [title]) + [body[start:end] for start, end in spans]


class Streams:
    """The word numbers of an index's documents, made where missing and kept."""

    def __init__(self, index):
        self.index = index
        self._numbers: dict[str, int] | None = None
        self._words: list[str] | None = None
        self._made: dict[int, bytes] = {}  # document row id -> stream made in this command

    # --- the vocabulary ---------------------------------------------------------------

    @property
    def numbers(self) -> dict[str, int]:
        if self._numbers is None:
            self._numbers = dict(self.index.db.execute("SELECT word, id FROM words"))
        return self._numbers

    @property
    def words(self) -> list[str]:
        """Word by number (index 0, the separator, is '')."""
        if self._words is None or len(self._words) != len(self.numbers) + 1:
            found = [""] * (len(self.numbers) + 1)
            for word, n in self.numbers.items():
                found[n] = word
            self._words = found
        return self._words

    # --- streams -----------------------------------------------------------------------

    def of(self, positions) -> dict[int, bytes]:
        """Stream bytes (little-endian uint32) of the documents at ``positions``, made first where
        any document of the index has none."""
        rowids = self.index.doc_rowids
        wanted = {rowids[p]: p for p in positions}
        self._make_missing()
        found = {wanted[r]: self._made[r] for r in wanted if r in self._made}
        rest = [r for r in wanted if r not in self._made]
        for rowid, blob in rows_in(self.index.db, "SELECT document, ids FROM tokens WHERE document IN ({})", rest):
            found[wanted[rowid]] = bytes(blob)
        return found

    def _make_missing(self) -> None:
        db = self.index.db
        missing = [r for (r,) in db.execute(
            "SELECT id FROM documents WHERE id NOT IN (SELECT document FROM tokens) ORDER BY id")]
        missing = [r for r in missing if r not in self._made]
        if not missing:
            return
        numbers = self.numbers
        new: list[tuple[int, str]] = []
        made = []
        sql = ("SELECT d.id, d.title, d.title_derived, d.spans, b.body FROM documents d JOIN bodies b"
               " ON b.document = d.id WHERE d.id IN ({})")
        for rowid, title, derived, spans, body in sorted(rows_in(db, sql, missing)):
            offsets = from_blob(spans)
            texts = unit_texts(title, bool(derived), list(zip(offsets[::2], offsets[1::2])), text_of(body))
            ids = array("I")
            for n, text in enumerate(texts):
                if n:
                    ids.append(SEPARATOR)
                for w in WORD.findall(text):
                    f = _fold(w)
                    k = numbers.get(f)
                    if k is None:
                        k = numbers[f] = len(numbers) + 1
                        new.append((k, f))
                    ids.append(k)
            if sys.byteorder == "big":
                ids.byteswap()
            blob = ids.tobytes()
            self._made[rowid] = blob
            made.append((rowid, blob))
        store = getattr(self.index, "store", None)
        if store is not None:  # kept for the next command, if the database is still in this state
            store.later("INSERT OR IGNORE INTO words VALUES (?, ?)", new)
            store.later("INSERT OR REPLACE INTO tokens VALUES (?, ?)", made)
            store.flush()
