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

import json
import os
import sys
import time
from array import array
from collections import defaultdict, deque
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import translit
from .columns import PRECISION_CODES, TITLE, TYPES, Columns, DocBlobs, DocStore, FileTable, Segment, minutes
from .document import Document
from .files import FileEntry, Problem
from .files import kind_of, names_in
from .loader import Skip, max_file_size, read_file
from .matching import Vocabulary
from .text import WORD, WORD_ASCII, fold

PARALLEL_FROM = 3000  # files; smaller folders are built in this process


_drain = partial(deque, maxlen=0)  # consumes an iterator at C speed


# --- documents, encoded ------------------------------------------------------------


class DocWriter:
    """Encodes documents into the blobs of a :class:`DocStore`."""

    def __init__(self):
        self.meta, self.meta_at = bytearray(), array("Q", [0])
        self.body, self.body_at = bytearray(), array("Q", [0])
        self.spans, self.spans_at = array("I"), array("Q", [0])

    def add(self, doc: Document) -> None:
        record = [
            doc.id, doc.path, doc.iso_date, doc.title, doc.title_derived, doc.category,
            doc.type, doc.source, doc.layout, doc.word_count, doc.url,
            [[s.name, s.role, list(s.statements)] for s in doc.speakers],
            doc.date_source, doc.file_words, doc.removed,
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
    own_ids: list[str]
    formats: dict[str, dict]
    doc_dates: array
    doc_fields: list[tuple]  # (id, category, source, type, flags, word count) per document


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
        self.own_ids: list[str] = []  # files whose document took its id from a sidecar
        self.formats: dict[str, dict] = {}  # per kind of file: files, documents, fields left empty

    def count_format(self, kind: str | None, doc: Document | None = None, skipped: bool = False, file: bool = False) -> None:
        entry = self.formats.setdefault(kind or "text", {"files": 0, "documents": 0, "skipped files": 0, "unfilled": {}})
        if skipped:
            entry["skipped files"] += 1
            return
        if file:
            entry["files"] += 1
            return
        entry["documents"] += 1
        empty = {
            "date": doc.date is None, "title": doc.title_derived or not doc.title,
            "category": not doc.category, "source": not doc.source, "url": not doc.url,
        }
        for name, missing in empty.items():
            if missing:
                entry["unfilled"][name] = entry["unfilled"].get(name, 0) + 1

    def add(self, doc: Document, file_no: int = 0) -> None:
        pos = len(self.doc_fields)
        getter = self.postings.__getitem__
        units = [(TITLE, doc.title, 0, len(doc.title))]
        units += [(local, doc.body, s, e) for local, (s, e) in enumerate(doc.spans)]
        words = 0
        findall = (WORD_ASCII if doc.body.isascii() and doc.title.isascii() else WORD).findall
        for local, text, start, end in units:
            g = len(self.stmt_doc)
            if local == TITLE:
                self.title_unit.append(g)
            found = findall(text, start, end)
            self.stmt_doc.append(pos)
            self.stmt_local.append(local)
            self.stmt_length.append(len(found))
            if local != TITLE or not doc.title_derived:  # a derived title repeats the body
                words += len(found)
            # postings[surface].append(g) for every word, looped in C
            _drain(map(list.append, map(getter, found), repeat(g)))
        doc.word_count = words
        self.writer.add(doc)
        self.doc_dates.append(minutes(doc.datetime))
        flags = (1 if doc.title_derived else 0) | (PRECISION_CODES[doc.date.precision] << 1 if doc.date else 0)
        self.doc_fields.append((doc.id, doc.category, doc.source, doc.type, flags, words))
        self.file_of_doc.append(file_no)

    def part(self) -> Part:
        segment, keys = make_segment(0, self.postings)
        self.postings = defaultdict(list)
        return Part(
            self.writer.blobs(), self.file_of_doc, self.problems, self.stmt_doc, self.stmt_local,
            self.stmt_length, self.title_unit, segment, keys, self.own_ids, self.formats,
            self.doc_dates, self.doc_fields,
        )


def parse_part(
    root: str, entries: Sequence[FileEntry], ids: Sequence[str], max_bytes: int | None = None, counter=None,
    options: dict | None = None,
) -> Part:
    """Read, parse and post the words of a run of files (in a worker process)."""
    builder = Builder()
    base = Path(root)
    options = options or {}
    names_in.cache_clear()  # folder listings are read afresh by every build
    for n, (entry, doc_id) in enumerate(zip(entries, ids)):
        path = base / entry.rel
        try:
            docs, file_warnings, own_id = read_file(
                path, doc_id, fields=options.get("fields"), dayfirst=options.get("dayfirst", False), max_bytes=max_bytes,
                folder=entry.rel.rpartition("/")[0],
            )
            for doc, warnings in docs:  # documents of a large file come one at a time
                builder.problems.extend(Problem(str(path), w, "kept") for w in warnings)
                builder.add(doc, n)
                builder.count_format(kind_of(path.name), doc=doc)
        except Skip as exc:
            builder.problems.append(Problem(str(path), str(exc), "skipped", skipped=True))
            builder.count_format(kind_of(path.name), skipped=True)
        else:
            if own_id:
                builder.own_ids.append(str(path))
            builder.problems.extend(Problem(str(path), w, "kept") for w in file_warnings)
            builder.count_format(kind_of(path.name), file=True)
        if counter is not None and n % 64 == 63:
            with counter.get_lock():
                counter.value += 64
    return builder.part()


# --- the whole ------------------------------------------------------------------------


def _table(values: Iterable[str | None]) -> tuple[list[str], dict[str, int]]:
    names = ["", *sorted({v for v in values if v})]
    return names, {v: i for i, v in enumerate(names)}


def join(
    root: str, files: list[FileEntry], parts: list[tuple[int, Part]], problems: list[Problem], taken: Iterable[str] = ()
) -> Columns:
    """One set of columns from parts given with the position of their first file.

    Ids stay unique: a document whose id is already used (by an earlier
    document, or in ``taken``) gets ``~2``, ``~3``… and a warning.
    """
    own = {path for _, part in parts for path in part.own_ids}
    if own:  # a sidecar gave the id: the file name's clash does not matter
        problems = [p for p in problems if not (p.path in own and p.what.startswith("id "))]
    formats: dict[str, dict] = {}
    for _, part in parts:
        for kind, entry in part.formats.items():
            total = formats.setdefault(kind, {"files": 0, "documents": 0, "skipped files": 0, "unfilled": {}})
            total["files"] += entry["files"]
            total["documents"] += entry["documents"]
            total["skipped files"] += entry["skipped files"]
            for name, n in entry["unfilled"].items():
                total["unfilled"][name] = total["unfilled"].get(name, 0) + n
    slots = max((e.n for e in files), default=-1) + 1
    file_doc = array("i", [-1]) * slots
    file_count = array("I", [0]) * slots
    stmt_doc, stmt_local, stmt_length, title_unit = array("I"), array("I"), array("I"), array("I")
    doc_dates, fields, segments = array("q"), [], []
    keys: dict[str, tuple[str, ...]] = {}
    for first_file, part in parts:
        doc_base, unit_base = len(fields), len(stmt_doc)
        for n, f in enumerate(part.file_of_doc):
            slot = files[first_file + f].n
            if file_doc[slot] < 0:
                file_doc[slot] = doc_base + n
            file_count[slot] += 1
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
    doc_ids = [f[0] for f in fields]
    _unique_ids(doc_ids, [p for _, p in parts], problems, taken)
    categories, category_no = _table(f[1] for f in fields)
    sources, source_no = _table(f[2] for f in fields)
    return Columns(
        root=root,
        files=FileTable.of(files),
        file_doc=file_doc,
        file_count=file_count,
        problems=problems,
        docs=DocStore([p.docs for _, p in parts]),
        doc_ids=doc_ids,
        formats=formats,
        doc_dates=doc_dates,
        doc_category=array("H", (category_no[f[1] or ""] for f in fields)),
        categories=categories,
        doc_source=array("I", (source_no[f[2] or ""] for f in fields)),
        sources=sources,
        doc_type=array("B", (TYPES.index(f[3]) if f[3] in TYPES else 0 for f in fields)),
        doc_flags=array("B", (f[4] for f in fields)),
        doc_words=array("I", (f[5] for f in fields)),
        stmt_doc=stmt_doc,
        stmt_local=stmt_local,
        stmt_length=stmt_length,
        title_unit=title_unit,
        segments=segments,
        vocabularies=[Vocabulary.of(keys, keys)],
    )


def _unique_ids(doc_ids: list[str], parts: list[Part], problems: list[Problem], taken: Iterable[str]) -> None:
    """Rename repeated ids in place (and in the parts' encoded metadata)."""
    seen = set(taken)
    if len(seen) + len(set(doc_ids)) == len(seen | set(doc_ids)) and len(set(doc_ids)) == len(doc_ids):
        return
    renamed: dict[int, str] = {}
    for pos, doc_id in enumerate(doc_ids):
        if doc_id in seen:
            n = 2
            while f"{doc_id}~{n}" in seen:
                n += 1
            renamed[pos] = f"{doc_id}~{n}"
            doc_ids[pos] = renamed[pos]
        seen.add(doc_ids[pos])
    base = 0
    for part in parts:
        count = len(part.docs.meta_at) - 1
        mine = {pos - base: new for pos, new in renamed.items() if base <= pos < base + count}
        if mine:
            part.docs = _renamed(part.docs, mine, problems)
        base += count


def _renamed(blobs: DocBlobs, renames: dict[int, str], problems: list[Problem]) -> DocBlobs:
    meta, meta_at = bytearray(), array("Q", [0])
    for i in range(len(blobs.meta_at) - 1):
        raw = bytes(blobs.meta[blobs.meta_at[i] : blobs.meta_at[i + 1]])
        if i in renames:
            record = json.loads(raw)
            problems.append(Problem(record[1], f"id {record[0]!r} is taken by another document", f"id set to {renames[i]!r}"))
            record[0] = renames[i]
            raw = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
        meta += raw
        meta_at.append(len(meta))
    return blobs._replace(meta=bytes(meta), meta_at=meta_at)


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
    max_bytes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    options: dict | None = None,
    taken: Iterable[str] = (),
) -> Columns:
    """Parse and index ``files`` (found by :func:`~corpus_cli.loader.scan` under ``root``).

    ``progress`` is called now and then with the files done so far and the total.
    ``options`` go to the readers: ``fields`` (a field mapping) and ``dayfirst``.
    """
    if max_bytes is None:
        max_bytes = max_file_size()
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(files) >= PARALLEL_FROM else 1
    if workers <= 1 or len(files) < 2:
        part = parse_part(str(root), files, ids, max_bytes, None, options)
        if progress:
            progress(len(files), len(files))
        return join(str(root), files, [(0, part)], problems, taken)
    import multiprocessing

    # fork is quick and safe here on Linux; elsewhere (macOS, Windows) spawn is the safe choice
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    counter = context.Value("q", 0)
    size = -(-len(files) // workers)
    starts = list(range(0, len(files), size))
    with context.Pool(len(starts), initializer=_keep_counter, initargs=(counter,)) as pool:
        pending = [
            pool.apply_async(
                _parse_with_counter, (str(root), files[s : s + size], ids[s : s + size], max_bytes, options)
            )
            for s in starts
        ]
        while not all(p.ready() for p in pending):
            if progress:
                progress(counter.value, len(files))
            time.sleep(0.1)
        parts = [(s, p.get()) for s, p in zip(starts, pending)]
    if progress:
        progress(len(files), len(files))
    return join(str(root), files, parts, problems, taken)


_counter = None


def _keep_counter(counter) -> None:
    global _counter
    _counter = counter


def _parse_with_counter(root, entries, ids, max_bytes, options):
    return parse_part(root, entries, ids, max_bytes, _counter, options)


