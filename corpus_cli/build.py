"""Building an index: files to parsed documents to columns of numbers.

Files are parsed and their words posted in worker processes when the folder
is large. Each worker handles one contiguous run of files and returns one
:class:`Segment` (its own sorted vocabulary and postings) and its documents
already encoded (:class:`DocStore`). Joining the workers' parts is then mostly
concatenation: postings are never merged, a search reads each segment.
Everything here is plain lists, arrays and bytes, which is also what a
snapshot stores (:mod:`corpus_cli.snapshot`). No third-party imports.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from array import array
from collections import defaultdict, deque
from functools import partial
from itertools import repeat
from dataclasses import dataclass, field
from pathlib import Path
import bisect
from typing import Callable, Iterable, NamedTuple, Sequence

from . import translit
from .dates import DocDate
from .matching import Vocabulary
from .document import Document
from .loader import MAX_BYTES, FileEntry, Problem, Skip, read_document
from .text import WORD, fold

PARALLEL_FROM = 3000  # files; smaller folders are built in this process
TYPES = ("news", "press release")
TITLE = 0xFFFFFFFF  # stmt_local of a document's title unit


_drain = partial(deque, maxlen=0)  # consumes an iterator at C speed


def minutes(when: dt.datetime | None) -> int:
    """A date as minutes since 0001-01-01, or -1 for none."""
    if when is None:
        return -1
    return (when.toordinal() * 24 + when.hour) * 60 + when.minute


# --- documents, encoded ------------------------------------------------------------


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

    def __getitem__(self, pos: int) -> Document:
        if pos < 0:
            pos += len(self)
        doc = self._cache.get(pos)
        if doc is None:
            if not 0 <= pos < len(self):
                raise IndexError(pos)
            n = bisect.bisect_right(self._starts, pos) - 1
            doc = self._cache[pos] = _decode(self.parts[n], pos - self._starts[n])
        return doc


def _decode(blobs: DocBlobs, pos: int) -> Document:
    doc_id, path, date, title, derived, category, kind, source, layout, words = json.loads(
        bytes(blobs.meta[blobs.meta_at[pos] : blobs.meta_at[pos + 1]])
    )
    body = bytes(blobs.body[blobs.body_at[pos] : blobs.body_at[pos + 1]]).decode("utf-8", "surrogatepass")
    flat = blobs.spans[2 * blobs.spans_at[pos] : 2 * blobs.spans_at[pos + 1]]
    spans = tuple(zip(flat[0::2], flat[1::2]))
    when = DocDate(dt.datetime.fromisoformat(date), len(date) > 10) if date is not None else None
    return Document(
        id=doc_id, path=path, title=title, body=body, date=when, title_derived=derived,
        category=category, type=kind, source=source, layout=layout, spans=spans, word_count=words,
    )


class DocWriter:
    """Encodes documents into the blobs of a :class:`DocStore`."""

    def __init__(self):
        self.meta, self.meta_at = bytearray(), array("Q", [0])
        self.body, self.body_at = bytearray(), array("Q", [0])
        self.spans, self.spans_at = array("I"), array("Q", [0])

    def add(self, doc: Document) -> None:
        record = [
            doc.id, doc.path, doc.iso_date, doc.title, doc.title_derived, doc.category,
            doc.type, doc.source, doc.layout, doc.word_count,
        ]
        self.meta += json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
        self.meta_at.append(len(self.meta))
        self.body += doc.body.encode("utf-8", "surrogatepass")
        self.body_at.append(len(self.body))
        for start, end in doc.spans:
            self.spans.append(start)
            self.spans.append(end)
        self.spans_at.append(len(self.spans) // 2)

    def blobs(self) -> DocBlobs:
        return DocBlobs(bytes(self.meta), self.meta_at, bytes(self.body), self.body_at, self.spans, self.spans_at)


# --- a segment of the vocabulary -------------------------------------------------------


@dataclass
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


def make_segment(unit_base: int, postings: dict[str, list[int]]) -> tuple[Segment, dict[str, tuple[str, ...]]]:
    """A segment from postings keyed by spelling, and the transliteration keys of its words."""
    by_word: dict[str, list[str]] = {}
    for surface in postings:
        by_word.setdefault(fold(surface), []).append(surface)
    words = sorted(by_word)
    offsets, flat, capitals = array("Q", [0]), array("I"), array("I")
    spellings, spellings_at = bytearray(), array("Q", [0])
    for word in words:
        forms = by_word[word]
        if len(forms) == 1:
            flat.extend(postings[forms[0]])
        else:
            flat.extend(sorted([g for f in forms for g in postings[f]]))
        offsets.append(len(flat))
        counts = {f: len(postings[f]) for f in forms}
        capitals.append(sum(c for f, c in counts.items() if f[:1].isupper()))
        spellings += "\x1e".join(f"{f}\x1f{c}" for f, c in counts.items()).encode("utf-8", "surrogatepass")
        spellings_at.append(len(spellings))
    keys = {w: translit.keys(w) for w in words}
    return Segment(unit_base, words, offsets, flat, capitals, bytes(spellings), spellings_at), keys


# --- one part of a folder ---------------------------------------------------------------


@dataclass
class Part:
    """What one worker makes of a run of files: documents, units and a segment."""

    docs: DocBlobs
    file_of_doc: array  # index into the run's files
    problems: list[Problem]
    stmt_doc: array
    stmt_local: array
    stmt_length: array
    title_unit: array
    segment: Segment
    keys: dict[str, tuple[str, ...]]
    doc_dates: array
    doc_fields: list[tuple]  # (id, category, source, type, title derived, word count) per document


class Builder:
    """Numbers units (a document's title, then its statements) and posts their words."""

    def __init__(self):
        self.writer = DocWriter()
        self.stmt_doc, self.stmt_local, self.stmt_length = array("I"), array("I"), array("I")
        self.title_unit = array("I")
        self.postings: defaultdict[str, list[int]] = defaultdict(list)
        self.doc_dates = array("q")
        self.doc_fields: list[tuple] = []
        self.file_of_doc = array("I")
        self.problems: list[Problem] = []

    def add(self, doc: Document, file_no: int = 0) -> None:
        pos = len(self.doc_fields)
        getter = self.postings.__getitem__
        units = [(TITLE, doc.title, 0, len(doc.title))]
        units += [(local, doc.body, s, e) for local, (s, e) in enumerate(doc.spans)]
        words = 0
        for local, text, start, end in units:
            g = len(self.stmt_doc)
            if local == TITLE:
                self.title_unit.append(g)
            found = WORD.findall(text, start, end)
            self.stmt_doc.append(pos)
            self.stmt_local.append(local)
            self.stmt_length.append(len(found))
            if local != TITLE:
                words += len(found)
            # postings[surface].append(g) for every word, looped in C
            _drain(map(list.append, map(getter, found), repeat(g)))
        doc.word_count = words
        self.writer.add(doc)
        self.doc_dates.append(minutes(doc.datetime))
        self.doc_fields.append((doc.id, doc.category, doc.source, doc.type, doc.title_derived, words))
        self.file_of_doc.append(file_no)

    def part(self) -> Part:
        segment, keys = make_segment(0, self.postings)
        self.postings = defaultdict(list)
        return Part(
            self.writer.blobs(), self.file_of_doc, self.problems, self.stmt_doc, self.stmt_local,
            self.stmt_length, self.title_unit, segment, keys, self.doc_dates, self.doc_fields,
        )


def parse_part(root: str, entries: Sequence[FileEntry], ids: Sequence[str], max_bytes: int = MAX_BYTES, counter=None) -> Part:
    """Read, parse and post the words of a run of files (in a worker process)."""
    builder = Builder()
    base = Path(root)
    for n, (entry, doc_id) in enumerate(zip(entries, ids)):
        path = base / entry.rel
        try:
            doc, warnings = read_document(path, doc_id, max_bytes=max_bytes)
        except Skip as exc:
            builder.problems.append(Problem(str(path), str(exc), "skipped", skipped=True))
        else:
            builder.problems.extend(Problem(str(path), w, "kept") for w in warnings)
            builder.add(doc, n)
        if counter is not None and n % 64 == 63:
            with counter.get_lock():
                counter.value += 64
    return builder.part()


# --- the whole ------------------------------------------------------------------------


class FileTable:
    """Path (relative, with ``/``), size and modification time of every file, in path order."""

    def __init__(self, paths: list[str], sizes: Sequence[int], mtimes: Sequence[int]):
        self.paths, self.sizes, self.mtimes = paths, sizes, mtimes

    @classmethod
    def of(cls, entries: Sequence[FileEntry]) -> "FileTable":
        return cls([e.rel for e in entries], array("q", (e.size for e in entries)), array("q", (e.mtime_ns for e in entries)))

    def __len__(self) -> int:
        return len(self.paths)

    def stamps(self) -> dict[str, tuple[int, int]]:
        return dict(zip(self.paths, zip(self.sizes, self.mtimes)))


@dataclass
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
    file_doc: Sequence[int]  # document position of each file, or -1 when it was skipped
    problems: list[Problem]
    docs: DocStore
    doc_ids: list[str]
    doc_dates: Sequence[int]  # minutes since 0001-01-01, -1 when undated
    doc_category: Sequence[int]  # index into categories; 0 is none
    categories: list[str]
    doc_source: Sequence[int]  # index into sources; 0 is none
    sources: list[str]
    doc_type: Sequence[int]  # index into TYPES
    doc_flags: Sequence[int]  # 1: title derived
    doc_words: Sequence[int]
    stmt_doc: Sequence[int]
    stmt_local: Sequence[int]
    stmt_length: Sequence[int]
    title_unit: Sequence[int]
    segments: list[Segment]
    vocabularies: list[Vocabulary]  # disjoint; their union is every word of the segments
    dead: frozenset[int] = frozenset()  # documents whose files changed or went away


def _table(values: Iterable[str | None]) -> tuple[list[str], dict[str, int]]:
    names = ["", *sorted({v for v in values if v})]
    return names, {v: i for i, v in enumerate(names)}


def join(root: str, files: list[FileEntry], parts: list[tuple[int, Part]], problems: list[Problem]) -> Columns:
    """One set of columns from parts given with the position of their first file."""
    file_doc = array("i", [-1]) * len(files)
    stmt_doc, stmt_local, stmt_length, title_unit = array("I"), array("I"), array("I"), array("I")
    doc_dates, fields, segments = array("q"), [], []
    keys: dict[str, tuple[str, ...]] = {}
    for first_file, part in parts:
        doc_base, unit_base = len(fields), len(stmt_doc)
        for n, f in enumerate(part.file_of_doc):
            file_doc[first_file + f] = doc_base + n
        problems.extend(part.problems)
        stmt_doc.extend(map(doc_base.__add__, part.stmt_doc) if doc_base else part.stmt_doc)
        stmt_local.extend(part.stmt_local)
        stmt_length.extend(part.stmt_length)
        title_unit.extend(map(unit_base.__add__, part.title_unit) if unit_base else part.title_unit)
        doc_dates.extend(part.doc_dates)
        fields.extend(part.doc_fields)
        part.segment.unit_base = unit_base
        segments.append(part.segment)
        keys.update(part.keys)
    categories, category_no = _table(f[1] for f in fields)
    sources, source_no = _table(f[2] for f in fields)
    return Columns(
        root=root,
        files=FileTable.of(files),
        file_doc=file_doc,
        problems=problems,
        docs=DocStore([p.docs for _, p in parts]),
        doc_ids=[f[0] for f in fields],
        doc_dates=doc_dates,
        doc_category=array("H", (category_no[f[1] or ""] for f in fields)),
        categories=categories,
        doc_source=array("I", (source_no[f[2] or ""] for f in fields)),
        sources=sources,
        doc_type=array("B", (TYPES.index(f[3]) if f[3] in TYPES else 0 for f in fields)),
        doc_flags=array("B", (1 if f[4] else 0 for f in fields)),
        doc_words=array("I", (f[5] for f in fields)),
        stmt_doc=stmt_doc,
        stmt_local=stmt_local,
        stmt_length=stmt_length,
        title_unit=title_unit,
        segments=segments,
        vocabularies=[Vocabulary.of(keys, keys)],
    )


def from_documents(docs: Iterable[Document], root: str = "") -> Columns:
    """Columns for documents already in memory (no files behind them)."""
    builder = Builder()
    for doc in docs:
        builder.add(doc)
    return join(root, [], [(0, builder.part())], [])


def build(
    root: Path,
    files: list[FileEntry],
    ids: list[str],
    problems: list[Problem],
    *,
    workers: int | None = None,
    max_bytes: int = MAX_BYTES,
    progress: Callable[[int, int], None] | None = None,
) -> Columns:
    """Parse and index ``files`` (found by :func:`~corpus_cli.loader.scan` under ``root``).

    ``progress`` is called now and then with the files done so far and the total.
    """
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(files) >= PARALLEL_FROM else 1
    if workers <= 1 or len(files) < 2:
        part = parse_part(str(root), files, ids, max_bytes)
        if progress:
            progress(len(files), len(files))
        return join(str(root), files, [(0, part)], problems)
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    counter = context.Value("q", 0)
    size = -(-len(files) // workers)
    starts = list(range(0, len(files), size))
    with context.Pool(len(starts), initializer=_keep_counter, initargs=(counter,)) as pool:
        pending = [
            pool.apply_async(_parse_with_counter, (str(root), files[s : s + size], ids[s : s + size], max_bytes))
            for s in starts
        ]
        while not all(p.ready() for p in pending):
            if progress:
                progress(counter.value, len(files))
            time.sleep(0.1)
        parts = [(s, p.get()) for s, p in zip(starts, pending)]
    if progress:
        progress(len(files), len(files))
    return join(str(root), files, parts, problems)


_counter = None


def _keep_counter(counter) -> None:
    global _counter
    _counter = counter


def _parse_with_counter(root, entries, ids, max_bytes):
    return parse_part(root, entries, ids, max_bytes, _counter)


def combine(base: Columns, delta: Columns, dead: frozenset[int]) -> Columns:
    """A snapshot's columns with a delta's after them; ``dead`` base documents left out.

    Arrays are copied (a few megabytes for 100,000 documents); blobs and
    postings are not.
    """
    docs_before, units_before = len(base.doc_ids), len(base.stmt_doc)
    for seg in delta.segments:
        seg.unit_base += units_before

    def joined(a, b, typecode, shift=0):
        out = array(typecode, a)
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
    )
