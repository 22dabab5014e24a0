"""The vocabulary of a corpus database, with transliteration keys, for expanding query words.

FTS5's own vocabulary (``vocab``, from fts5vocab) gives every term and its counts. The
transliteration keys and skeletons of each term (:mod:`corpus_cli.language.translit`) are computed once,
after a build or an update, and kept in tables, so that a query does not rebuild the lexicon:

    terms       term, occurrences, units holding it, how many occurrences start with a capital
                (it tells a name from a common word) and how the text spells it (JSON), both
                NULL until a search needs them
    term_keys   term, key           (Asad and Assad share the key asad)
    term_skels  term, skeleton      (Gadafi and Qaddafi share one)

:class:`TermLexicon` answers what :func:`corpus_cli.search.expand.expand` asks of a :class:`~corpus_cli.language.lexicon.Lexicon`.
"""

from __future__ import annotations

import bisect
import json
import sqlite3

from corpus_cli.language.lexicon import Lexicon, skeletons, term_keys
from corpus_cli.language.text import WORD, fold, terms
from corpus_cli.index.schema import cached, keep

def refresh_terms(db: sqlite3.Connection, delta: dict[str, list[int]] | None = None):
    """Bring the term tables in line with the FTS5 vocabulary; the terms keyed anew and (with a
    delta) the terms gone.

    With ``delta`` (per term, the occurrences and units an update added, less those it removed:
    see :func:`count_terms`) only those terms are touched: a pass over FTS5's vocabulary costs
    seconds at 100,000 documents.
    """
    if delta is not None:
        return _apply_delta(db, delta)
    if db.execute("SELECT 1 FROM terms LIMIT 1").fetchone() is None:  # a new database: every term is new
        new = db.execute("SELECT term, cnt, doc FROM vocab").fetchall()
        _insert_terms(db, new)
        return [t for t, _, _ in new], []
    db.execute("DELETE FROM term_keys WHERE term NOT IN (SELECT term FROM vocab)")
    db.execute("DELETE FROM term_skels WHERE term NOT IN (SELECT term FROM vocab)")
    db.execute("DELETE FROM terms WHERE term NOT IN (SELECT term FROM vocab)")
    # counts change with any update; capitals are counted again when needed
    db.execute("UPDATE terms SET (cnt, units, capitals, spellings) = "
               "(SELECT cnt, doc, NULL, NULL FROM vocab WHERE vocab.term = terms.term)")
    new = db.execute("SELECT term, cnt, doc FROM vocab WHERE term NOT IN (SELECT term FROM terms)").fetchall()
    _insert_terms(db, new)
    return [t for t, _, _ in new], []


def _insert_terms(db: sqlite3.Connection, new: list[tuple[str, int, int]]) -> None:
    """Add terms with their transliteration keys and the keys' skeletons."""
    keys, skels = [], []
    for term, _, _ in new:
        found = term_keys(term)
        keys.extend((k, term) for k in found)
        skels.extend((s, term) for s in skeletons(term, found))
    db.executemany("INSERT INTO terms VALUES (?, ?, ?, NULL, NULL)", new)
    db.executemany("INSERT INTO term_keys VALUES (?, ?)", keys)
    db.executemany("INSERT INTO term_skels VALUES (?, ?)", skels)


def _apply_delta(db: sqlite3.Connection, delta: dict[str, list[int]]) -> tuple[list[str], list[str]]:
    new, gone = [], []
    for term, (occurrences, units) in delta.items():
        if not occurrences and not units:
            continue
        row = db.execute("SELECT cnt, units FROM terms WHERE term = ?", (term,)).fetchone()
        if row is not None and row[0] + occurrences <= 0:
            for table in ("terms", "term_keys", "term_skels"):
                db.execute(f"DELETE FROM {table} WHERE term = ?", (term,))
            gone.append(term)
        elif row is not None:
            db.execute("UPDATE terms SET cnt = ?, units = ?, capitals = NULL, spellings = NULL WHERE term = ?",
                       (row[0] + occurrences, row[1] + units, term))
        elif occurrences > 0:
            _insert_terms(db, [(term, occurrences, units)])  # keyed as a build keys it
            new.append(term)
    return new, gone


def patch_words(db: sqlite3.Connection, before: int, new: list[str], gone: list[str]) -> None:
    """Carry the cached word list of generation ``before`` over, with the terms an update added and removed."""
    row = db.execute("SELECT generation, data FROM cache WHERE name = 'words'").fetchone()
    if row is None or row[0] != before:
        return
    words = row[1].decode("utf-8").split("\x1f") if row[1] else []
    if gone:
        drop = set(gone)
        words = [w for w in words if w not in drop]
    for term in new:
        bisect.insort(words, term)
    keep(db, "words", "\x1f".join(words).encode("utf-8"))


def count_terms(texts, delta: dict[str, list[int]], sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) the terms of these unit texts: occurrences and units per term.

    The terms are fold() of the texts' words, which the tests hold equal to FTS5's.
    """
    for text in texts:
        counts: dict[str, int] = {}
        for term in terms(text):
            if term:
                counts[term] = counts.get(term, 0) + 1
        for term, n in counts.items():
            entry = delta.setdefault(term, [0, 0])
            entry[0] += sign * n
            entry[1] += sign


class TermLexicon(Lexicon):
    """A lexicon read from the term tables: words in memory, keys and counts by query."""

    def __init__(self, store):
        self.store = store
        self.db = db = store.db
        self.vocabularies = []
        packed = cached(db, "words")
        if packed is None:
            self._words = [t for (t,) in db.execute("SELECT term FROM terms ORDER BY term")]
            store.keep("words", "\x1f".join(self._words).encode("utf-8"))
        else:
            self._words = packed.decode("utf-8").split("\x1f") if packed else []
        self._known = set(self._words)
        self._counts: dict[str, tuple[int, int | None]] = {}

    def __contains__(self, word: str) -> bool:
        return word in self._known

    def _row(self, word: str) -> tuple[int, int | None]:
        if word not in self._counts:
            row = self.db.execute("SELECT cnt, capitals FROM terms WHERE term = ?", (word,)).fetchone()
            self._counts[word] = (row[0], row[1]) if row else (0, 0)
        return self._counts[word]

    def count(self, word: str) -> int:
        return self._row(word)[0]

    def is_name(self, word: str) -> bool:
        n, capitals = self._row(word)
        if n and capitals is None:
            capitals = self._count_capitals(word)
        return n > 0 and capitals * 2 > n

    def _count_capitals(self, word: str) -> int:
        """Occurrences of ``word`` that start with a capital, from how the text spells it."""
        capitals = sum(n for form, n in self.spellings(word).items() if form[:1].isupper())
        self._counts[word] = (self._counts[word][0], capitals)
        self.store.later("UPDATE terms SET capitals = ? WHERE term = ?", [(capitals, word)])
        return capitals

    def spellings(self, word: str) -> dict[str, int]:
        """How the text spells ``word``, with counts: kept in ``terms`` once read from the units that hold it."""
        row = self.db.execute("SELECT spellings FROM terms WHERE term = ?", (word,)).fetchone()
        if row is None:
            return {}
        if row[0] is not None:
            return json.loads(row[0])
        found: dict[str, int] = {}
        rows = self.db.execute(
            "SELECT u.n, u.start, u.\"end\", d.title, b.body FROM units_fts JOIN units u ON u.id = units_fts.rowid "
            "JOIN documents d ON d.id = u.document JOIN bodies b ON b.document = d.id WHERE units_fts MATCH ?",
            (f'"{word}"',),
        )
        for n, start, end, title, body in rows:
            for token in WORD.findall(title if n is None else body, *((0, len(title)) if n is None else (start, end))):
                if fold(token) == word:
                    found[token] = found.get(token, 0) + 1
        self.store.later("UPDATE terms SET spellings = ? WHERE term = ?", [(json.dumps(found, ensure_ascii=False), word)])
        return found

    def by_key(self, key: str) -> list[str]:
        return [t for (t,) in self.db.execute("SELECT term FROM term_keys WHERE key = ?", (key,))]

    def by_skeleton(self, skeleton: str) -> list[str]:
        return [t for (t,) in self.db.execute("SELECT term FROM term_skels WHERE skeleton = ?", (skeleton,))]
