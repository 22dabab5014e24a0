"""Files to documents: find, decode, detect the layout, parse, normalise.

Every file is accounted for: it becomes a document, or it is skipped with a
reason; a document that needed help to read (an unusual encoding, a missing
date, an unknown layout) carries a warning. Both kinds are :class:`Problem`.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from . import layouts
from .document import Document
from .errors import DataError
from .text import WORD, normalize

SUFFIXES = (".txt",)
MAX_BYTES = 5_000_000  # larger than any statement; such a file is skipped


@dataclass(frozen=True)
class Problem:
    path: str
    what: str
    action: str  # "skipped" or what was done instead
    skipped: bool = False


@dataclass
class Loaded:
    """The outcome of loading a folder."""

    root: Path
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_seen: int = 0

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.skipped]


def bundled_data() -> Path:
    """The bundled corpus: inside the installed package, or ``data/`` in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    return packaged if packaged.is_dir() else here.parent / "data"


@dataclass(frozen=True)
class FileEntry:
    rel: str  # path relative to the folder, with forward slashes
    size: int
    mtime_ns: int


def scan(root: Path) -> tuple[list[FileEntry], list[Problem]]:
    """Every corpus file under ``root`` with its size and time, and what could not be looked at.

    Hidden files and folders are passed over; symbolic links to files are
    followed, links to folders are not (so a link loop cannot trap the scan).
    """
    entries: list[FileEntry] = []
    problems: list[Problem] = []
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        folder = root / rel_dir if rel_dir else root
        try:
            with os.scandir(folder) as it:
                found = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(str(folder), f"cannot list folder: {exc.strerror or exc}", "skipped", True))
            continue
        subdirs = []
        for entry in found:
            if entry.name.startswith("."):
                continue
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    subdirs.append(rel)
                    continue
                if not entry.name.lower().endswith(SUFFIXES):
                    continue
                st = entry.stat()
            except OSError as exc:
                problems.append(Problem(str(root / rel), f"cannot read: {exc.strerror or exc}", "skipped", True))
                continue
            entries.append(FileEntry(rel, st.st_size, st.st_mtime_ns))
        stack.extend(reversed(subdirs))
    entries.sort(key=lambda e: e.rel)
    return entries, problems


def assign_ids(entries: Sequence[FileEntry], taken: Iterable[str] = ()) -> tuple[list[str], list[Problem]]:
    """Document ids: the file name without its suffix, made unique with ``~2``, ``~3`` …"""
    seen = {i: 1 for i in taken}
    ids, problems = [], []
    for e in entries:
        stem = e.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        doc_id = stem
        if stem in seen:
            n = seen[stem]
            while True:
                n += 1
                doc_id = f"{stem}~{n}"
                if doc_id not in seen:
                    break
            seen[stem] = n
            problems.append(Problem(e.rel, f"id {stem!r} is taken by another file", f"id set to {doc_id!r}"))
        seen[doc_id] = 1
        ids.append(doc_id)
    return ids, problems


class Skip(Exception):
    """Raised while reading a file that cannot become a document."""


def decode(raw: bytes) -> tuple[str, str | None]:
    """Text of a file and, when it was not UTF-8, a note naming the encoding used."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace"), None
    if b"\x00" in raw:
        raise Skip("binary content (NUL bytes)")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "not UTF-8: decoded as Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "not UTF-8: decoded as Latin-1"


def read_document(path: Path, doc_id: str, *, max_bytes: int = MAX_BYTES) -> tuple[Document, list[str]]:
    """One file as a document with the warnings met reading it; raise :class:`Skip`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Skip(f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        raw = path.read_bytes()
    except OSError as exc:
        raise Skip(f"cannot read: {exc.strerror or exc}") from None
    text, note = decode(raw)
    text = normalize(text)
    if not text.strip():
        raise Skip("empty file")
    parsed = layouts.parse(layouts.blocks_of(text))
    if parsed is None:  # only when there is no text at all, handled above
        raise Skip("no text")
    warnings = ([note] if note else []) + parsed.warnings
    if parsed.date is None:
        warnings.append("no date found: kept undated")
    doc = Document.build(
        parsed.paragraphs,
        id=doc_id,
        path=str(path),
        title=parsed.title or "",
        title_derived=parsed.title_derived,
        date=parsed.date,
        category=parsed.category,
        type=parsed.type,
        source=parsed.source,
        layout=parsed.layout,
    )
    return doc, warnings


def check_root(root: str | os.PathLike | None) -> Path:
    """The folder to read (the bundled corpus by default); a DataError if it is not one."""
    root = Path(root) if root is not None else bundled_data()
    if not root.exists():
        raise DataError(f"data folder {str(root)!r} does not exist")
    if not root.is_dir():
        raise DataError(f"data path {str(root)!r} is not a folder")
    return root


def load(root: str | os.PathLike | None = None, *, max_bytes: int = MAX_BYTES) -> Loaded:
    """Read every corpus file under ``root`` into documents, without indexing them."""
    root = check_root(root)
    entries, problems = scan(root)
    ids, id_problems = assign_ids(entries)
    loaded = Loaded(root, problems=problems + [Problem(str(root / p.path), p.what, p.action) for p in id_problems])
    loaded.files_seen = len(entries)
    for entry, doc_id in zip(entries, ids):
        path = root / entry.rel
        try:
            doc, warnings = read_document(path, doc_id, max_bytes=max_bytes)
        except Skip as exc:
            loaded.problems.append(Problem(str(path), str(exc), "skipped", skipped=True))
            continue
        doc.word_count = len(WORD.findall(doc.body))
        loaded.problems.extend(Problem(str(path), w, "kept") for w in warnings)
        loaded.documents.append(doc)
    return loaded
