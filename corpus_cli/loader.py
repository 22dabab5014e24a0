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

from . import layouts
from .document import Document
from .errors import DataError
from .text import normalize

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


def find_files(root: Path) -> list[Path]:
    """Corpus files under ``root``, recursively, in a stable order; dot-folders are passed over."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                found.append(Path(folder) / name)
    return found


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


def load(root: str | os.PathLike | None = None, *, max_bytes: int = MAX_BYTES) -> Loaded:
    """Load every corpus file under ``root`` (the bundled corpus by default)."""
    root = Path(root) if root is not None else bundled_data()
    if not root.exists():
        raise DataError(f"data folder {str(root)!r} does not exist")
    if not root.is_dir():
        raise DataError(f"data path {str(root)!r} is not a folder")
    loaded = Loaded(root)
    seen_ids: dict[str, int] = {}
    for path in find_files(root):
        loaded.files_seen += 1
        doc_id = path.stem
        if doc_id in seen_ids:
            seen_ids[doc_id] += 1
            new_id = f"{doc_id}~{seen_ids[doc_id]}"
            loaded.problems.append(
                Problem(str(path), f"id {doc_id!r} is taken by another file", f"id set to {new_id!r}")
            )
            doc_id = new_id
        else:
            seen_ids[doc_id] = 1
        try:
            doc, warnings = read_document(path, doc_id, max_bytes=max_bytes)
        except Skip as exc:
            loaded.problems.append(Problem(str(path), str(exc), "skipped", skipped=True))
            continue
        loaded.problems.extend(Problem(str(path), w, "kept") for w in warnings)
        loaded.documents.append(doc)
    return loaded
