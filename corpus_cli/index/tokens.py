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
from corpus_cli.index.schema import cached, from_blob, text_of
from corpus_cli.language.text import fold, terms

SEPARATOR = 0  # between two statements in a stream
BATCH = 2000  # documents whose text is read at once to make their streams
COMPLETE = "streams"  # the cache's mark that every document of this state has its stream

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
        self._complete = False  # every document has its stream (kept or made)

    # --- the vocabulary ---------------------------------------------------------------

    @property
    def numbers(self) -> dict[str, int]:
        if self._numbers is None:
            self._numbers = dict(self.index.db.execute("SELECT word, id FROM words"))
        return self._numbers

    @property
    def size(self) -> int:
        """How many word numbers there are, the separator's included (without reading the words)."""
        self._make_missing()
        if self._numbers is not None:
            return len(self._numbers) + 1
        return self.index.db.execute("SELECT coalesce(max(id), 0) FROM words").fetchone()[0] + 1

    def numbered(self, words) -> set[int]:
        """The numbers of these folded words (those the corpus has)."""
        if self._numbers is not None:
            return {self._numbers[w] for w in words if w in self._numbers}
        return {n for (n,) in rows_in(self.index.db, "SELECT id FROM words WHERE word IN ({})", list(words))}

    def spelled(self, numbers) -> dict[int, str]:
        """The words of these numbers (without reading them all)."""
        if self._numbers is not None:
            words = self.words
            return {n: words[n] for n in numbers}
        return dict(rows_in(self.index.db, "SELECT id, word FROM words WHERE id IN ({})", list(numbers)))

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

    def every(self, size: int):
        """Every document's stream, in lists of ``size`` (in no particular order)."""
        self._make_missing()
        made = list(self._made.values())
        for i in range(0, len(made), size):
            yield made[i : i + size]
        cursor = self.index.db.execute("SELECT ids FROM tokens")
        while batch := cursor.fetchmany(size):
            yield [bytes(blob) for (blob,) in batch]

    def _make_missing(self) -> None:
        if self._complete:
            return
        db = self.index.db
        self._complete = True
        if cached(db, COMPLETE) is not None:  # the streams were made for this state of the database
            return
        missing = [r for (r,) in db.execute(
            "SELECT id FROM documents WHERE id NOT IN (SELECT document FROM tokens) ORDER BY id")]
        store = getattr(self.index, "store", None)
        if not missing:
            if store is not None:
                store.keep(COMPLETE, b"")
            return
        numbers = self.numbers
        new: list[tuple[int, str]] = []
        made = []
        sql = ("SELECT d.id, d.title, d.title_derived, d.spans, b.body FROM documents d JOIN bodies b"
               " ON b.document = d.id WHERE d.id IN ({})")
        batches = (sorted(rows_in(db, sql, missing[i : i + BATCH])) for i in range(0, len(missing), BATCH))
        for rowid, title, derived, spans, body in (row for batch in batches for row in batch):
            offsets = from_blob(spans)
            texts = unit_texts(title, bool(derived), list(zip(offsets[::2], offsets[1::2])), text_of(body))
            ids = array("I")
            for n, text in enumerate(texts):
                if n:
                    ids.append(SEPARATOR)
                for f in terms(text, _fold):
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
        if store is not None:  # kept for the next command, if the database is still in this state
            store.later("INSERT OR IGNORE INTO words VALUES (?, ?)", new)
            store.later("INSERT OR REPLACE INTO tokens VALUES (?, ?)", made)
            store.keep(COMPLETE, b"")
            store.flush()
