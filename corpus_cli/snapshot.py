"""The snapshot file: an index on disk that is safe to read and quick to open.

Layout: an 8-byte magic ``CORPUSIX`` and the format version; sections of
raw bytes (arrays in the machine's byte order, or UTF-8 text), each aligned
to 8 bytes; a JSON header; and a trailer with the header's offset, length
and CRC-32 and the mark ``END.``. The header names every section with its
offset, length, type and the CRC-32 of each 1 MiB block. Nothing in the file is ever executed or unpickled: it is read
with ``json`` and ``memoryview``.

Reading maps the file into memory and checks the header at once; each
section is checked the first time it is used, block by block for the large
ones (postings, bodies), so a search reads and checks only what it touches.
A foreign, truncated or damaged file raises :class:`SnapshotError`.

A snapshot is written to a temporary file in the same folder and renamed
over the old one, so a reader never sees half a file, and two processes
writing at once leave one whole snapshot.
"""

from __future__ import annotations

import json
import mmap
import os
import struct
import sys
import tempfile
import zlib
from array import array
from collections.abc import Sequence
from pathlib import Path

from .columns import Columns, DocBlobs, DocStore, FileTable, Segment
from .files import Problem
from .matching import Vocabulary

MAGIC = b"CORPUSIX"
END = b"END."
FORMAT = 4
BLOCK = 1 << 20
LAZY_FROM = 8 << 20  # sections at least this large are checked block by block
_PREFIX = struct.Struct("<8sI4x")  # magic, format
_TRAILER = struct.Struct("<QQI4s")  # header offset, header length, header CRC, END


class SnapshotError(Exception):
    """The file is not a snapshot this version can use, or it is damaged."""

    def __init__(self, message: str, path: Path | None = None):
        super().__init__(message)
        self.path = path


# --- writing ----------------------------------------------------------------------


class _Writer:
    def __init__(self, fh):
        self.fh = fh
        self.sections: dict[str, list] = {}
        self.offset = 0

    def add(self, name: str, data, kind: str) -> None:
        raw = memoryview(data).cast("B") if not isinstance(data, (bytes, bytearray)) else memoryview(data)
        pad = -self.offset % 8
        if pad:
            self.fh.write(b"\0" * pad)
            self.offset += pad
        blocks = [zlib.crc32(raw[i : i + BLOCK]) for i in range(0, len(raw), BLOCK)]
        self.sections[name] = [self.offset, len(raw), kind, blocks]
        self.fh.write(raw)
        self.offset += len(raw)

    def text(self, name: str, lines: list[str]) -> None:
        """Lines of text, with the offset of each so that one can be read alone."""
        encoded = [line.encode("utf-8", "surrogatepass") for line in lines]
        offsets = array("Q", [0])
        total = 0
        for e in encoded:
            total += len(e) + 1
            offsets.append(total)
        self.add(name, b"\n".join(encoded) + (b"\n" if encoded else b""), "text")
        self.array(name + ".at", offsets, "Q")

    def array(self, name: str, values, typecode: str) -> None:
        if not isinstance(values, array) or values.typecode != typecode:
            values = array(typecode, values)
        self.add(name, values, typecode)


def write(columns: Columns, path: Path, extra: dict | None = None) -> None:
    """Write ``columns`` to ``path`` atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_PREFIX.pack(MAGIC, FORMAT))
            w = _Writer(fh)
            c = columns
            w.text("file_paths", c.files.paths)
            w.array("file_sizes", c.files.sizes, "q")
            w.array("file_mtimes", c.files.mtimes, "q")
            w.array("file_doc", c.file_doc, "i")
            w.array("file_count", c.file_count, "I")
            for n, blobs in enumerate(c.docs.parts):
                w.add(f"part{n}_meta", blobs.meta, "bytes")
                w.array(f"part{n}_meta_at", blobs.meta_at, "Q")
                w.add(f"part{n}_body", blobs.body, "bytes")
                w.array(f"part{n}_body_at", blobs.body_at, "Q")
                w.array(f"part{n}_spans", blobs.spans, "I")
                w.array(f"part{n}_spans_at", blobs.spans_at, "Q")
            w.text("doc_ids", c.doc_ids)
            w.array("doc_dates", c.doc_dates, "q")
            w.array("doc_category", c.doc_category, "H")
            w.array("doc_source", c.doc_source, "I")
            w.array("doc_type", c.doc_type, "B")
            w.array("doc_flags", c.doc_flags, "B")
            w.array("doc_words", c.doc_words, "I")
            w.array("stmt_doc", c.stmt_doc, "I")
            w.array("stmt_local", c.stmt_local, "I")
            w.array("stmt_length", c.stmt_length, "I")
            w.array("title_unit", c.title_unit, "I")
            for n, v in enumerate(c.vocabularies):
                w.text(f"vocab{n}_words", v.words)
                w.text(f"vocab{n}_key_names", v.key_names)
                w.array(f"vocab{n}_key_words", v.key_words, "I")
                w.text(f"vocab{n}_skeleton_names", v.skeleton_names)
                w.array(f"vocab{n}_skeleton_words", v.skeleton_words, "I")
            segments = []
            for n, seg in enumerate(c.segments):
                w.text(f"seg{n}_words", seg.words)
                w.array(f"seg{n}_offsets", seg.offsets, "Q")
                w.array(f"seg{n}_postings", seg.postings, "I")
                w.array(f"seg{n}_capitals", seg.capitals, "I")
                w.add(f"seg{n}_spellings", seg.spellings, "bytes")
                w.array(f"seg{n}_spellings_at", seg.spellings_at, "Q")
                segments.append({"unit_base": seg.unit_base})
            header = {
                "format": FORMAT,
                "byteorder": sys.byteorder,
                "root": c.root,
                "categories": c.categories,
                "sources": c.sources,
                "segments": segments,
                "parts": len(c.docs.parts),
                "formats": c.formats,
                "vocabularies": len(c.vocabularies),
                "problems": [[p.path, p.what, p.action, p.skipped] for p in c.problems],
                "sections": w.sections,
                **(extra or {}),
            }
            raw = json.dumps(header, ensure_ascii=False).encode("utf-8", "surrogatepass")
            at = _PREFIX.size + w.offset
            fh.write(raw)
            fh.write(_TRAILER.pack(at, len(raw), zlib.crc32(raw), END))
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# --- reading ----------------------------------------------------------------------


class _Checked:
    """A large section checked block by block as slices of it are read."""

    def __init__(self, view: memoryview, raw: memoryview, blocks: list[int], itemsize: int, name: str, path: Path):
        self._view, self._raw, self._blocks = view, raw, blocks
        self._itemsize, self._name, self._path = itemsize, name, path
        self._ok: set[int] = set()

    def __len__(self) -> int:
        return len(self._view)

    def _check(self, lo: int, hi: int) -> None:
        for b in range(lo * self._itemsize // BLOCK, max(lo, hi - 1) * self._itemsize // BLOCK + 1):
            if b in self._ok or b >= len(self._blocks):
                continue
            if zlib.crc32(self._raw[b * BLOCK : (b + 1) * BLOCK]) != self._blocks[b]:
                raise SnapshotError(f"checksum mismatch in section {self._name}, block {b}", self._path)
            self._ok.add(b)

    def __getitem__(self, key):
        if isinstance(key, slice):
            lo, hi, _ = key.indices(len(self._view))
            if hi > lo:
                self._check(lo, hi)
            return self._view[key]
        if key < 0:
            key += len(self._view)
        self._check(key, key + 1)
        return self._view[key]


class Lines(Sequence):
    """A text section read line by line on demand (bisection reads a few lines only)."""

    def __init__(self, raw: memoryview, offsets):
        self._raw, self._at = raw, offsets
        self._all: list[str] | None = None

    def __len__(self) -> int:
        return len(self._at) - 1

    def __getitem__(self, i):
        if self._all is not None or isinstance(i, slice):
            return self.tolist()[i]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return bytes(self._raw[self._at[i] : self._at[i + 1] - 1]).decode("utf-8", "surrogatepass")

    def tolist(self) -> list[str]:
        if self._all is None:
            text = bytes(self._raw).decode("utf-8", "surrogatepass")
            self._all = text[:-1].split("\n") if text else []
        return self._all

    def __iter__(self):
        return iter(self.tolist())

    def __eq__(self, other) -> bool:
        return self.tolist() == list(other)


class Snapshot:
    """An open snapshot file; sections are mapped, not read."""

    def __init__(self, path: Path):
        self.path = path
        try:
            with open(path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if size < _PREFIX.size:
                    raise SnapshotError("file too short to be a snapshot")
                self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except OSError as exc:
            raise SnapshotError(f"cannot read: {exc.strerror or exc}") from None
        view = memoryview(self._map)
        magic, version = _PREFIX.unpack_from(view)
        if magic != MAGIC:
            raise SnapshotError("not a corpus snapshot")
        if version != FORMAT:
            raise SnapshotError(f"snapshot format {version}, this version reads {FORMAT}")
        if size < _PREFIX.size + _TRAILER.size:
            raise SnapshotError("file is truncated")
        at, length, crc, end = _TRAILER.unpack_from(view, size - _TRAILER.size)
        if end != END or at + length + _TRAILER.size != size:
            raise SnapshotError("file is truncated or damaged")
        raw = view[at : at + length]
        if zlib.crc32(raw) != crc:
            raise SnapshotError("header checksum mismatch")
        try:
            self.header = json.loads(bytes(raw))
        except ValueError:
            raise SnapshotError("header is not valid JSON") from None
        if self.header.get("byteorder") != sys.byteorder:
            raise SnapshotError("snapshot written on a machine of other byte order")
        self._body = view[_PREFIX.size : at]
        self._sections: dict = {}

    def _raw(self, name: str) -> tuple[memoryview, str, list[int]]:
        try:
            offset, length, kind, blocks = self.header["sections"][name]
        except KeyError:
            raise SnapshotError(f"section {name} is missing") from None
        return self._body[offset : offset + length], kind, blocks

    def section(self, name: str):
        if name in self._sections:
            return self._sections[name]
        try:
            return self._section(name)
        except (TypeError, ValueError, IndexError) as exc:  # a header that lies about a section
            raise SnapshotError(f"section {name} is malformed ({exc})", self.path) from None

    def _section(self, name: str):
        raw, kind, blocks = self._raw(name)
        if kind in ("bytes", "text"):
            view, itemsize = raw, 1
        else:
            view, itemsize = raw.cast(kind), array(kind).itemsize
        if len(raw) >= LAZY_FROM and kind != "text":
            value = _Checked(view, raw, blocks, itemsize, name, self.path)
        else:
            for b, expected in enumerate(blocks):
                if zlib.crc32(raw[b * BLOCK : (b + 1) * BLOCK]) != expected:
                    raise SnapshotError(f"checksum mismatch in section {name}", self.path)
            value = view
            if kind == "text":
                value = Lines(raw, self.section(name + ".at"))
        self._sections[name] = value
        return value

    def files(self) -> FileTable:
        return FileTable(self.section("file_paths").tolist(), self.section("file_sizes"), self.section("file_mtimes"))

    def columns(self) -> Columns:
        try:
            return self._columns()
        except (KeyError, TypeError, ValueError) as exc:
            raise SnapshotError(f"header is incomplete ({exc!r})", self.path) from None

    def _columns(self) -> Columns:
        s = self.section
        h = self.header
        segments = [
            Segment(
                info["unit_base"], s(f"seg{n}_words"), s(f"seg{n}_offsets"), s(f"seg{n}_postings"),
                s(f"seg{n}_capitals"), s(f"seg{n}_spellings"), s(f"seg{n}_spellings_at"),
            )
            for n, info in enumerate(h["segments"])
        ]
        return Columns(
            root=h["root"],
            files=self.files(),
            file_doc=s("file_doc"),
            file_count=s("file_count"),
            problems=[Problem(*p) for p in h["problems"]],
            docs=DocStore(
                [
                    DocBlobs(
                        s(f"part{n}_meta"), s(f"part{n}_meta_at"), s(f"part{n}_body"),
                        s(f"part{n}_body_at"), s(f"part{n}_spans"), s(f"part{n}_spans_at"),
                    )
                    for n in range(h["parts"])
                ]
            ),
            doc_ids=s("doc_ids"),
            doc_dates=s("doc_dates"),
            doc_category=s("doc_category"),
            categories=h["categories"],
            doc_source=s("doc_source"),
            sources=h["sources"],
            doc_type=s("doc_type"),
            doc_flags=s("doc_flags"),
            doc_words=s("doc_words"),
            stmt_doc=s("stmt_doc"),
            stmt_local=s("stmt_local"),
            stmt_length=s("stmt_length"),
            title_unit=s("title_unit"),
            formats=h.get("formats", {}),
            segments=segments,
            vocabularies=[
                Vocabulary(
                    s(f"vocab{n}_words"), s(f"vocab{n}_key_names"), s(f"vocab{n}_key_words"),
                    s(f"vocab{n}_skeleton_names"), s(f"vocab{n}_skeleton_words"),
                )
                for n in range(h["vocabularies"])
            ],
        )


def check_all(snapshot: Snapshot) -> None:
    """Read and check every block of every section (for ``corpus index --verify``)."""
    for name in snapshot.header["sections"]:
        raw, _, blocks = snapshot._raw(name)
        for b, expected in enumerate(blocks):
            if zlib.crc32(raw[b * BLOCK : (b + 1) * BLOCK]) != expected:
                raise SnapshotError(f"checksum mismatch in section {name}, block {b}")
