"""What an index is made of: documents, units and postings as plain columns.

A build (:mod:`corpus_cli.build`) produces :class:`Columns`; a snapshot
(:mod:`corpus_cli.snapshot`) stores them and gives them back lazily; an
:class:`~corpus_cli.index.Index` reads them. Lists, arrays and bytes only.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from array import array
from typing import NamedTuple, Sequence

from .dates import DocDate
from .document import Document
from .files import FileEntry, Problem
from .matching import Vocabulary
from .speakers import Speaker

TYPES = ("news", "press release")
CACHE = 4096  # decoded documents kept
TITLE = 0xFFFFFFFF  # stmt_local of a document's title unit
# doc_flags: bit 0 says the title was derived; bits 1-2 how precise the date is.
PRECISION_CODES = {"minute": 0, "day": 1, "month": 2, "year": 3}


def minutes(when: dt.datetime | None) -> int:
    """A date as minutes since 0001-01-01, or -1 for none."""
    if when is None:
        return -1
    return (when.toordinal() * 24 + when.hour) * 60 + when.minute


class DocBlobs(NamedTuple):
    """Documents encoded as three blobs: JSON metadata, UTF-8 bodies, statement spans.

    Document ``p`` is ``meta[meta_at[p]:meta_at[p + 1]]`` and so on; the
    spans of document ``p`` are pairs ``spans[2 * spans_at[p]:2 * spans_at[p + 1]]``.
    The blobs may be bytes in memory or slices of a memory-mapped file.
    """

    meta: object
    meta_at: Sequence[int]
    body: object
    body_at: Sequence[int]
    spans: Sequence[int]
    spans_at: Sequence[int]


class DocStore:
    """Documents kept encoded in one or more :class:`DocBlobs`, decoded on demand."""

    def __init__(self, parts: list[DocBlobs]):
        self.parts = parts
        self._starts = [0]
        for part in parts:
            self._starts.append(self._starts[-1] + len(part.meta_at) - 1)
        self._cache: dict[int, Document] = {}

    def __len__(self) -> int:
        return self._starts[-1]

    def body_and_spans(self, pos: int) -> tuple[str, tuple[tuple[int, int], ...]]:
        """A document's body and statement spans, decoded without keeping the document."""
        doc = self._cache.get(pos)
        if doc is not None:
            return doc.body, doc.spans
        n = bisect.bisect_right(self._starts, pos) - 1
        return _body_and_spans(self.parts[n], pos - self._starts[n])

    def __getitem__(self, pos: int) -> Document:
        if pos < 0:
            pos += len(self)
        doc = self._cache.get(pos)
        if doc is None:
            if not 0 <= pos < len(self):
                raise IndexError(pos)
            n = bisect.bisect_right(self._starts, pos) - 1
            if len(self._cache) >= CACHE:  # a scan of every document must not keep them all
                self._cache.clear()
            doc = self._cache[pos] = _decode(self.parts[n], pos - self._starts[n])
        return doc


def _body_and_spans(blobs: DocBlobs, pos: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    body = bytes(blobs.body[blobs.body_at[pos] : blobs.body_at[pos + 1]]).decode("utf-8", "surrogatepass")
    flat = blobs.spans[2 * blobs.spans_at[pos] : 2 * blobs.spans_at[pos + 1]]
    return body, tuple(zip(flat[0::2], flat[1::2]))


def _decode(blobs: DocBlobs, pos: int) -> Document:
    (doc_id, path, date, title, derived, category, kind, source, layout, words, url, speakers,
     date_source, file_words, removed) = json.loads(bytes(blobs.meta[blobs.meta_at[pos] : blobs.meta_at[pos + 1]]))

    def load():
        return _body_and_spans(blobs, pos)

    return Document(
        id=doc_id, path=path, title=title, body=None, date=DocDate.fromisoformat(date) if date else None,
        title_derived=derived, category=category, type=kind, source=source, layout=layout, word_count=words,
        load=load, statement_count=blobs.spans_at[pos + 1] - blobs.spans_at[pos], url=url,
        speakers=[Speaker(name, role, tuple(statements)) for name, role, statements in speakers],
        date_source=date_source, file_words=file_words, removed=removed,
    )


class Segment:
    """The postings of a run of documents.

    ``words`` is sorted; the units of ``words[i]`` are
    ``postings[offsets[i]:offsets[i + 1]]``, ascending, one entry per
    occurrence, numbered from the segment's ``unit_base``.
    """

    unit_base: int
    words: list[str]
    offsets: Sequence[int]
    postings: Sequence[int]
    capitals: Sequence[int]  # occurrences written with a capital
    spellings: bytes | memoryview  # "spelling\x1fcount\x1e…" per word, see spellings_at
    spellings_at: Sequence[int]

    def __init__(self, unit_base, words, offsets, postings, capitals, spellings, spellings_at):
        self.unit_base, self.words, self.offsets, self.postings = unit_base, words, offsets, postings
        self.capitals, self.spellings, self.spellings_at = capitals, spellings, spellings_at

    def find(self, word: str) -> int:
        i = bisect.bisect_left(self.words, word)
        return i if i < len(self.words) and self.words[i] == word else -1

    def units(self, i: int):
        """Global unit numbers of word ``i``."""
        part = self.postings[self.offsets[i] : self.offsets[i + 1]]
        return array("I", map(self.unit_base.__add__, part)) if self.unit_base else part

    def count(self, i: int) -> int:
        return self.offsets[i + 1] - self.offsets[i]

    def surfaces(self, i: int) -> dict[str, int]:
        raw = bytes(self.spellings[self.spellings_at[i] : self.spellings_at[i + 1]]).decode("utf-8", "surrogatepass")
        pairs = (item.split("\x1f") for item in raw.split("\x1e"))
        return {form: int(count) for form, count in pairs}


class FileTable:
    """Path (relative, with ``/``), size and modification time of every file, in scan order."""

    def __init__(self, paths: list[str], sizes: Sequence[int], mtimes: Sequence[int]):
        self.paths, self.sizes, self.mtimes = paths, sizes, mtimes

    @classmethod
    def of(cls, entries: Sequence[FileEntry]) -> "FileTable":
        ordered = sorted(entries, key=lambda e: e.n)
        return cls([e.rel for e in ordered], array("q", (e.size for e in ordered)), array("q", (e.mtime_ns for e in ordered)))

    def __len__(self) -> int:
        return len(self.paths)

    def same(self, scan) -> bool:
        """Whether a scan found exactly these files with these sizes and times, in this order.

        A scan of names only (no sizes) is compared by names.
        """
        if scan.paths and not scan.sizes:
            return self.paths == scan.paths
        return self.paths == scan.paths and self.sizes == scan.sizes and self.mtimes == scan.mtimes

    def stamps(self) -> dict[str, tuple[int, int]]:
        return dict(zip(self.paths, zip(self.sizes, self.mtimes)))


class Columns:
    """Everything an index is made of, as plain lists, arrays and bytes.

    Documents keep the order of their files; units are numbered document by
    document; each segment holds the postings of a run of documents.
    ``vocabularies`` hold the words of all segments with their
    transliteration-key tables. Documents in ``dead`` are left out of every
    answer (see :mod:`corpus_cli.store`).
    """

    root: str
    files: FileTable
    file_doc: Sequence[int]  # per file, in scan order: its first document's position, or -1 when skipped
    file_count: Sequence[int]  # per file: how many documents it holds (a CSV file holds many)
    problems: list[Problem]
    docs: DocStore
    doc_ids: list[str]
    doc_dates: Sequence[int]  # minutes since 0001-01-01, -1 when undated
    doc_category: Sequence[int]  # index into categories; 0 is none
    categories: list[str]
    doc_source: Sequence[int]  # index into sources; 0 is none
    sources: list[str]
    doc_type: Sequence[int]  # index into TYPES
    doc_flags: Sequence[int]  # bit 0: title derived; bits 1-2: date precision (PRECISION_CODES)
    doc_words: Sequence[int]
    stmt_doc: Sequence[int]
    stmt_local: Sequence[int]
    stmt_length: Sequence[int]
    title_unit: Sequence[int]
    segments: list[Segment]
    vocabularies: list[Vocabulary]  # disjoint; their union is every word of the segments
    dead: frozenset[int]  # documents whose files changed or went away
    formats: dict  # per kind of file: documents, skipped files, fields left empty

    def __init__(self, *, dead: frozenset[int] = frozenset(), formats: dict | None = None, **fields):
        self.formats = formats or {}
        missing = set(self.__annotations__) - set(fields) - {"dead", "formats"}
        if missing:
            raise TypeError(f"Columns needs {', '.join(sorted(missing))}")
        self.__dict__.update(fields)
        self.dead = dead


def combine(base: Columns, delta: Columns, dead: frozenset[int]) -> Columns:
    """A snapshot's columns with a delta's after them; ``dead`` base documents left out.

    Arrays are copied (a few megabytes for 100,000 documents); blobs and
    postings are not.
    """
    docs_before, units_before = len(base.doc_ids), len(base.stmt_doc)
    for seg in delta.segments:
        seg.unit_base += units_before

    def joined(a, b, typecode, shift=0):
        out = array(typecode)
        whole = a if isinstance(a, (array, memoryview)) else a[:]  # a checked snapshot section
        out.frombytes(memoryview(whole).cast("B"))
        out.extend(map(shift.__add__, b) if shift else b)
        return out

    def merged_table(base_names, delta_names, delta_numbers, typecode):
        names = list(base_names)
        place = {name: i for i, name in enumerate(names)}
        for name in delta_names:
            if name not in place:
                place[name] = len(names)
                names.append(name)
        renumbered = array(typecode, (place[delta_names[n]] for n in delta_numbers))
        return names, renumbered

    categories, delta_category = merged_table(base.categories, delta.categories, delta.doc_category, "H")
    sources, delta_source = merged_table(base.sources, delta.sources, delta.doc_source, "I")
    new_words = [w for v in delta.vocabularies for w in v.words if not any(b.find(w) >= 0 for b in base.vocabularies)]
    vocabularies = list(base.vocabularies)
    if new_words:
        vocabularies.append(Vocabulary.of(new_words))
    return Columns(
        root=base.root,
        files=base.files,
        file_doc=base.file_doc,
        file_count=base.file_count,
        problems=base.problems + delta.problems,
        docs=DocStore(list(base.docs.parts) + list(delta.docs.parts)),
        doc_ids=list(base.doc_ids) + list(delta.doc_ids),
        doc_dates=joined(base.doc_dates, delta.doc_dates, "q"),
        doc_category=joined(base.doc_category, delta_category, "H"),
        categories=categories,
        doc_source=joined(base.doc_source, delta_source, "I"),
        sources=sources,
        doc_type=joined(base.doc_type, delta.doc_type, "B"),
        doc_flags=joined(base.doc_flags, delta.doc_flags, "B"),
        doc_words=joined(base.doc_words, delta.doc_words, "I"),
        stmt_doc=joined(base.stmt_doc, delta.stmt_doc, "I", docs_before),
        stmt_local=joined(base.stmt_local, delta.stmt_local, "I"),
        stmt_length=joined(base.stmt_length, delta.stmt_length, "I"),
        title_unit=joined(base.title_unit, delta.title_unit, "I", units_before),
        segments=list(base.segments) + list(delta.segments),
        vocabularies=vocabularies,
        dead=dead,
        formats=base.formats,
    )
