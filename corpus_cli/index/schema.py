"""The tables of a corpus database, and how a connection to it is opened.

    files      every file found under the folder: path (relative, with /), size, mtime_ns, kind,
               how many documents it gave, and why it was skipped (NULL when it was read)
    problems   what went wrong reading a file: what, the action taken, whether it was skipped
    documents  one row per document: its id, fields, date (ISO text, and the first and last minute
               of its period for range queries), where the date came from, word counts,
               the words each rule removed (JSON); for the engine, the row id of its first unit
               and, as little-endian 32-bit arrays, its statements' offsets and its units' words;
               and a CRC-32 of the row, its body and its units as written (see
               :func:`document_check`), by which a change behind the engine's back is found
    bodies     each document's body (apart, so that reading every document's fields stays quick)
    units      a document's title (n NULL) and statements (n from 0), as offsets into title or body,
               with their words
    units_fts  FTS5 over the units' text, rowid = units.id, its content the ``statements`` view (so
               that other tools get the text with a match); what it indexes is the text as
               :func:`~corpus_cli.language.text.fts_text` folds it, so FTS5's 'rebuild' and an
               integrity-check against the content are never run on it
    document_fields
               a view: the documents' fields without the arrays the engine reads (for browsing)
    statements a view: each unit (a title, n NULL, or a statement) with its document's id, date,
               title and source and its text, cut from the body (for other tools: no offsets to add)
    vocab      the FTS5 vocabulary (fts5vocab, 'row'): term, units holding it, occurrences
    vocab_instance
               every occurrence (fts5vocab, 'instance'): term, unit (doc), offset
    terms, term_keys, term_skels
               the vocabulary with its transliteration keys, for expanding query words
               (see :mod:`corpus_cli.index.vocab`)
    speakers   who each document quotes (JSON: [name, role, [statement numbers]] per person),
               found when first asked for and kept
    mentions   the gazetteer's places each unit names (place id, unit, document, and its rank
               among the unit's places), found for every document when first needed
               (:mod:`corpus_cli.index.mentions`), or for the documents of the hits shown
    placed     the documents whose units' places ``mentions`` holds, with the gazetteer's version
               (while it does not hold every document's)
    places     the gazetteer's places that ``mentions`` names: id, name, kind, country
    document_places, document_speakers
               views: each document's places (with how many of its units name each) and the
               people it quotes, one row each, with the document's id, date and source (for browsing)
    signatures each document's MinHash for corpus dupes (datasketch's 64 hash values as bytes, this
               machine's order; NULL for a document without words), made when first asked for
    meta       schema version, parser version, folder, reading options, build (a random id
               of each build), generation (one more at every update)
    words, tokens
               each document's folded words in order as numbers (little-endian 32-bit, 0 between
               statements) and the words they number, for corpus words, ngrams, collocates and
               keywords (:mod:`corpus_cli.index.tokens`), made when first asked for
    cache      what opening the index needs, packed, for the generation it was made for

Dates are minutes since 0001-01-01 (``date_start``/``date_end``), so that a year-only date is
the period it stands for.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import zlib
from array import array
from pathlib import Path

from corpus_cli.language.text import FTS_TOKENIZER

SCHEMA_VERSION = 16

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    kind TEXT,
    documents INTEGER NOT NULL DEFAULT 0,
    skipped TEXT
);
CREATE TABLE IF NOT EXISTS problems (
    file INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    what TEXT NOT NULL,
    action TEXT NOT NULL,
    skipped INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS problems_file ON problems(file);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    file INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    title_derived INTEGER NOT NULL,
    date TEXT,
    date_start INTEGER,
    date_end INTEGER,
    date_source TEXT NOT NULL,
    category TEXT,
    type TEXT NOT NULL,
    source TEXT,
    layout TEXT NOT NULL,
    url TEXT,
    author TEXT,
    word_count INTEGER NOT NULL,
    statement_count INTEGER NOT NULL,
    file_words INTEGER,
    removed TEXT,
    first_unit INTEGER NOT NULL,
    spans BLOB NOT NULL,
    unit_words BLOB NOT NULL,
    crc INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_date ON documents(date_start);
CREATE TABLE IF NOT EXISTS bodies (
    document INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_file ON documents(file);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    words INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS units_document ON units(document);
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(text, content='statements', content_rowid='id', tokenize='{FTS_TOKENIZER}');
CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(units_fts, 'row');
CREATE VIRTUAL TABLE IF NOT EXISTS vocab_instance USING fts5vocab(units_fts, 'instance');
CREATE TABLE IF NOT EXISTS terms (
    term TEXT PRIMARY KEY, cnt INTEGER NOT NULL, units INTEGER NOT NULL, capitals INTEGER, spellings TEXT
);
CREATE TABLE IF NOT EXISTS term_keys (key TEXT NOT NULL, term TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS term_keys_key ON term_keys(key);
CREATE TABLE IF NOT EXISTS term_skels (skeleton TEXT NOT NULL, term TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS term_skels_skeleton ON term_skels(skeleton);
CREATE TABLE IF NOT EXISTS speakers (
    document INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    found TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    place TEXT NOT NULL,
    unit INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    document INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    PRIMARY KEY (place, unit)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_unit ON mentions(unit);
CREATE TABLE IF NOT EXISTS placed (
    document INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS signatures (
    document INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    minhash BLOB
);
CREATE TABLE IF NOT EXISTS words (id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS tokens (
    document INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    ids BLOB NOT NULL
);
CREATE VIEW IF NOT EXISTS document_fields AS
    SELECT id, doc_id, title, title_derived, date, date_source, category, type, source, layout, url, author,
           word_count, statement_count, file_words, removed
    FROM documents;
CREATE VIEW IF NOT EXISTS statements AS
    SELECT u.id AS id, d.doc_id AS doc_id, u.n AS n, d.date AS date, d.title AS title, d.source AS source,
           CASE WHEN u.n IS NULL THEN d.title ELSE substr(b.body, u.start + 1, u."end" - u.start) END AS text
    FROM units u JOIN documents d ON d.id = u.document JOIN bodies b ON b.document = d.id;
CREATE VIEW IF NOT EXISTS document_places AS
    SELECT d.doc_id AS doc_id, d.date AS date, d.source AS source, p.name AS place, p.kind AS kind,
           p.country AS country, count(*) AS units
    FROM mentions m JOIN documents d ON d.id = m.document JOIN places p ON p.id = m.place
    GROUP BY m.document, m.place;
CREATE VIEW IF NOT EXISTS document_speakers AS
    SELECT d.doc_id AS doc_id, d.date AS date, d.source AS source, json_extract(j.value, '$[0]') AS speaker,
           json_extract(j.value, '$[1]') AS role, json_array_length(j.value, '$[2]') AS statements
    FROM speakers s JOIN documents d ON d.id = s.document, json_each(s.found) j;
CREATE TABLE IF NOT EXISTS cache (name TEXT PRIMARY KEY, generation INTEGER NOT NULL, data BLOB NOT NULL);
"""


BUSY_SECONDS = 60.0  # how long a connection waits out another that holds the database (busy_timeout)


def connect(path: str | Path, *, create: bool = False) -> sqlite3.Connection:
    """A connection in WAL mode (readers never wait for the writer), with foreign keys on."""
    db = sqlite3.connect(str(path), timeout=BUSY_SECONDS, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    if create:
        db.executescript(SCHEMA)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', '1')")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('build', ?)", (os.urandom(8).hex(),))
    return db


DOCUMENT_COLUMNS = ("id", "doc_id", "file", "title", "title_derived", "date", "date_start", "date_end", "date_source",
                    "category", "type", "source", "layout", "url", "author", "word_count", "statement_count",
                    "file_words", "removed", "first_unit", "spans", "unit_words")  # all but crc, in table order


def document_check(values, units, body_crc: int) -> int:
    """The CRC-32 of a document as stored: its body's (``body_crc``, of its UTF-8 bytes) continued
    over the other columns (``values``, in :data:`DOCUMENT_COLUMNS` order) and its units' rows
    (id, document, n, start, end, words). Text and blobs count by their bytes, so that the check
    reads the same whether a value comes back as text or as bytes."""
    parts = []
    for value in values:
        if value is None:
            parts.append(b"N")
        elif isinstance(value, int):
            parts.append(b"I%d" % value)
        else:
            raw = value.encode("utf-8") if isinstance(value, str) else bytes(value)
            parts.append(b"S%d:" % len(raw) + raw)
    numbers = array("q", [-1 if v is None else v for unit in units for v in unit])
    if sys.byteorder == "big":
        numbers.byteswap()
    parts.append(numbers.tobytes())
    return zlib.crc32(b"\x1e".join(parts), body_crc)


def busy(exc: sqlite3.Error) -> bool:
    """Whether SQLite gave up waiting for another connection (SQLITE_BUSY or SQLITE_LOCKED), rather
    than finding something wrong."""
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11 on
    if code is not None:
        return code & 0xFF in (5, 6)
    return str(exc).startswith(("database is locked", "database is busy", "database table is locked"))


def to_blob(values) -> bytes:
    """Unsigned 32-bit integers as little-endian bytes."""
    a = array("I", values)
    if sys.byteorder == "big":
        a.byteswap()
    return a.tobytes()


def from_blob(blob: bytes) -> array:
    a = array("I")
    a.frombytes(blob)
    if sys.byteorder == "big":
        a.byteswap()
    return a


def storable(text: str) -> str | bytes:
    """Text SQLite can keep: a name with bytes that were not UTF-8 (lone surrogates) is kept as a BLOB."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape")


def text_of(value: str | bytes) -> str:
    """The inverse of :func:`storable`."""
    return value if isinstance(value, str) else value.decode("utf-8", "surrogateescape")


def generation(db: sqlite3.Connection) -> int:
    row = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0


def cached(db: sqlite3.Connection, name: str) -> bytes | None:
    """What the cache holds under ``name`` for the database as it is now, or None."""
    row = db.execute("SELECT generation, data FROM cache WHERE name = ?", (name,)).fetchone()
    return row[1] if row and row[0] == generation(db) else None


def keep(db: sqlite3.Connection, name: str, data: bytes) -> None:
    """Keep ``data`` for this generation; quietly not, where the database may only be read."""
    try:
        db.execute("INSERT OR REPLACE INTO cache VALUES (?, ?, ?)", (name, generation(db), data))
    except sqlite3.OperationalError:
        pass
