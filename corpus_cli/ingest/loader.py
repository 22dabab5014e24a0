"""Files to documents: find, decode, detect the layout, parse, normalise.

A file becomes a document, or :class:`Skip` says why it cannot; a document
that needed help to read (an unusual encoding, mojibake, a missing date, an
unknown layout) comes with warnings. The builder (:mod:`corpus_cli.build`)
turns both into :class:`~corpus_cli.ingest.files.Problem` entries.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from corpus_cli.ingest import layouts
from corpus_cli.ingest.blocks import blocks_of
from corpus_cli.ingest.decode import Skip, decode, max_file_size, read_raw, repair_mojibake
from corpus_cli.language.dates import date_in_name, plausible
from corpus_cli.document import Document
from corpus_cli.language.text import count_words, normalize

# Three or more spaces or tabs inside a line stood for layout (columns, a page header) in the
# text dump of a web page: they break the line, so that a header can be told from the text.
_LAYOUT_GAP = re.compile(r"(?<=\S)[ \t]{3,}(?=\S)")


def read_document(
    path: Path, doc_id: str, *, max_bytes: int | None = None, raw: bytes | None = None
) -> tuple[Document, list[str]]:
    """One file as a document with the warnings met reading it; raise :class:`Skip`.

    The date is a dateline's (``date_source`` ``dateline``) or none; the file
    and folder names and a sidecar are looked at by :func:`read_file`.
    """
    if raw is None:
        raw = read_raw(path, max_bytes)
    text, note = decode(raw)
    text, repaired = repair_mojibake(text)
    if "   " in text or "\t" in text:  # a quick test first: most files have no such gaps
        text = _LAYOUT_GAP.sub("\n", text)
    text = normalize(text)
    if not text.strip():
        raise Skip("empty file")
    parsed = layouts.parse(blocks_of(text))
    if parsed is None:  # only when there is no text at all, handled above
        raise Skip("no text")
    warnings = ([note] if note else []) + parsed.warnings
    if repaired:
        places = "place" if repaired == 1 else "places"
        warnings.append(f"mojibake repaired in {repaired} {places} (UTF-8 read as Windows-1252)")
    date = parsed.date
    if date is not None and (why := plausible(date)):
        warnings.append(f"dateline {date.isoformat()} ignored: {why}")
        date = None
    doc = Document.build(
        parsed.paragraphs,
        id=doc_id,
        path=str(path),
        title=parsed.title or "",
        title_derived=parsed.title_derived,
        date=date,
        date_source="dateline" if date else "none",
        category=parsed.category,
        type=parsed.type,
        source=parsed.source,
        layout=parsed.layout,
        file_words=count_words(text),
        removed=_removed_words(parsed.removed),
    )
    return doc, warnings


def _removed_words(removed: list[tuple[str, str]]) -> dict[str, int]:
    """Words taken out by each rule."""
    found: dict[str, int] = {}
    for rule, text in removed:
        found[rule] = found.get(rule, 0) + count_words(text)
    return found


_FINER = {"year": 0, "month": 1, "day": 2, "minute": 3}


def date_by_provenance(doc: Document, rel_folder: str, warnings: list[str]) -> None:
    """Give a document the best date its file and folder names and its dateline offer.

    A date from the file name or the folder name (``10Apr2007akaka175.txt``,
    ``Session 75 - 2020/``) comes before a dateline; a dateline that falls
    within a name's period and is more precise (the name gives the year, the
    dateline the day) refines it. A date in a name before 1600 or more than a
    year ahead is ignored with a warning. An explicit field was applied before.
    """
    name = Path(doc.path).name
    candidates = []
    for source, text in (("filename", name.rsplit(".", 1)[0]), ("folder", rel_folder)):
        found = date_in_name(text) if text else None
        if found is None:
            continue
        if why := plausible(found):
            warnings.append(f"{source.replace('filename', 'file name')} date {found.isoformat()} ignored: {why}")
            continue
        candidates.append((source, found))
    if not candidates:
        return
    source, best = candidates[0]
    for other_source, other in candidates[1:]:  # the folder may be more precise, if it agrees
        if _FINER[other.precision] > _FINER[best.precision] and other.within(best):
            source, best = other_source, other
    dateline = doc.date if doc.date_source == "dateline" else None
    if dateline is not None and _FINER[dateline.precision] > _FINER[best.precision] and dateline.within(best):
        return
    doc.date, doc.date_source = best, source


def read_file(
    path: Path,
    doc_id: str,
    *,
    fields: dict[str, str] | None = None,
    dayfirst: bool = False,
    max_bytes: int | None = None,
    folder: str = "",
) -> tuple[list[tuple[Document, list[str]]], list[str], bool]:
    """The documents of one file of any kind, with their warnings and the file's own.

    Returns (documents with their warnings, warnings about the whole file,
    whether the id came from a sidecar). A file that holds records (JSON
    Lines, JSON, CSV, TSV) gives one document per record, with the id
    ``name#row``. ``folder`` is the file's folder relative to the corpus
    (a date in it counts). Raises :class:`Skip` for a file that gives nothing.
    """
    from corpus_cli.ingest import formats
    from corpus_cli.ingest.files import has_name, kind_of, sidecar_of

    kind = kind_of(path.name)
    fields = fields or {}
    raw = None
    if kind == "text":
        raw = read_raw(path, max_bytes)
        kind = sniff(raw) or kind
    if kind == "text":
        doc, warnings = read_document(path, doc_id, raw=raw)
        sidecar = sidecar_of(path)
        own_id = has_name(str(path.parent), sidecar.name) and _apply_sidecar(doc, sidecar, warnings, dayfirst)
        if doc.date_source != "field":
            date_by_provenance(doc, folder, warnings)
        if fields.get("speaker") == formats.FOLDER:
            doc.author = formats.person_name(path.parent.name)
        return [(doc, warnings)], [], own_id
    if kind == "html":
        raw = _read_bytes(path)
        limit = max_bytes if max_bytes is not None else max_file_size()
        if len(raw) > limit:
            raise Skip(f"too large ({len(raw):,} bytes; the limit is {limit:,}: CORPUS_MAX_FILE_SIZE)")
        text, note = decode(raw)
        try:
            record = formats.html_record(text)
        except formats.FormatError as exc:
            raise Skip(str(exc)) from None
        doc, warnings = formats.document_of(record, {f: f for f in record}, doc_id, str(path), layout="html")
        if not doc.body:
            raise Skip("no main text found in the page")
        if doc.date_source != "field":
            date_by_provenance(doc, folder, warnings)
        return [(doc, warnings)], [note] if note else [], False
    file_warnings: list[str] = []
    return _records(path, kind, doc_id, fields, dayfirst, file_warnings), file_warnings, False


_HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html[\s>])", re.I)


def sniff(raw: bytes) -> str | None:
    """What a ``.txt`` file really holds, from its first bytes: ``html``, ``jsonl``, or None for text."""
    head = raw[:4096]
    if head[:1] not in (b"<", b"{", b" ", b"\n", b"\r", b"\t", b"\xef"):
        return None
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):]
    if _HTML_START.match(head):
        return "html"
    first = head.lstrip().split(b"\n", 1)[0].strip()
    if first.startswith(b"{") and first.endswith(b"}"):
        import json

        try:
            return "jsonl" if isinstance(json.loads(first), dict) else None
        except ValueError:
            return None
    return None


def _read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            import gzip

            raw = gzip.decompress(raw)
    except (OSError, EOFError) as exc:
        raise Skip(f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return raw


STREAM_FROM = 8_000_000  # bytes: larger record files are read as a UTF-8 stream, not whole


def streamed(path: Path, kind: str) -> bool:
    """Whether a file of records is read as a stream (and parsed in batches by a build)."""
    try:
        return kind in ("csv", "tsv", "jsonl") and path.stat().st_size > STREAM_FROM
    except OSError:
        return False


def record_rows(path: Path, kind: str, fields: dict, file_warnings: list[str]):
    """The records of a file, with the field map of each: ``(row, record, columns)``.

    Rows that cannot be read are left out with a warning in ``file_warnings``. Raises
    :class:`Skip` when the file cannot be read, or its records have no text field.
    """
    from corpus_cli.ingest import formats

    if streamed(path, kind):
        import gzip
        import io

        opener = gzip.open if path.name.lower().endswith(".gz") else open
        try:
            stream = io.TextIOWrapper(opener(path, "rb"), encoding="utf-8-sig", errors="replace", newline="")
        except OSError as exc:
            raise Skip(f"cannot read: {exc.strerror or exc}") from None
    else:
        text, note = decode(_read_bytes(path))
        if note:
            file_warnings.append(note)
        stream = text
    columns = None
    given = 0
    try:
        for row, record in formats.records(stream, kind):
            if "__error__" in record:
                file_warnings.append(f"{record['__error__']}: skipped")
                continue
            if columns is None or kind in ("json", "jsonl"):  # JSON records may differ in their keys
                columns = formats.field_map(list(record), fields)
            if columns["text"] is None and not given:
                raise Skip(f"no text field among {', '.join(list(record)[:8])}; map one with --field text=NAME")
            given += 1
            yield row, record, columns
    except formats.FormatError as exc:
        raise Skip(str(exc)) from None
    except (OSError, EOFError) as exc:  # a damaged gzip stream
        reason = getattr(exc, "strerror", None) or exc
        if not given:
            raise Skip(f"cannot read: {reason}") from None
        file_warnings.append(f"cannot read past record {given}: {reason}; kept what came before")
    finally:
        if not isinstance(stream, str):
            stream.close()


def documents_of_records(rows, path: Path, doc_id: str, dayfirst: bool) -> tuple[list[tuple[Document, list[str]]], int]:
    """Documents of records from :func:`record_rows`, with their warnings; and how many had no text."""
    from corpus_cli.ingest import formats

    found, empty = [], 0
    for row, record, columns in rows:
        if columns["text"] is None:
            empty += 1
            continue
        doc, warnings = formats.document_of(record, columns, f"{doc_id}#{row}", str(path), dayfirst=dayfirst)
        if not doc.body:
            empty += 1
            continue
        found.append((doc, [f"row {row}: {w}" for w in warnings]))
    return found, empty


def records_end(found: int, empty: int, file_warnings: list[str]) -> None:
    """The warning on records without text, once a file's records are all read; Skip when none had text."""
    if empty:
        file_warnings.append(f"{empty} record{'s' if empty != 1 else ''} without text: skipped")
    if not found:
        raise Skip("no records with text")


def _records(path: Path, kind: str, doc_id: str, fields: dict, dayfirst: bool, file_warnings: list[str]):
    """The documents of a file of records, a batch at a time (a large CSV holds 100,000 of them)."""
    found = empty = 0
    batch = []
    for item in record_rows(path, kind, fields, file_warnings):
        batch.append(item)
        if len(batch) >= 1000:
            docs, none = documents_of_records(batch, path, doc_id, dayfirst)
            found, empty, batch = found + len(docs), empty + none, []
            yield from docs
    docs, none = documents_of_records(batch, path, doc_id, dayfirst)
    found, empty = found + len(docs), empty + none
    yield from docs
    records_end(found, empty, file_warnings)


_SIDECAR_ID = ("doc_id", "id")
_SIDECAR_DATE = ("date", "date_str", "published", "published_at", "pubdate", "datetime")
_SIDECAR_TITLE = ("title", "headline")


def _apply_sidecar(doc: Document, sidecar: Path, warnings: list[str], dayfirst: bool) -> bool:
    """Metadata from ``name.json`` beside ``name.txt`` supplies or overrides the text's; whether it gave the id."""
    from corpus_cli.language.dates import parse_field_date
    from corpus_cli.ingest.formats import read_sidecar

    try:
        meta = read_sidecar(sidecar)
    except (OSError, ValueError) as exc:
        warnings.append(f"sidecar {sidecar.name} ignored: {exc}")
        return False
    if not meta:
        return False
    pick = lambda names: next((str(meta[n]).strip() for n in names if meta.get(n) not in (None, "")), None)  # noqa: E731
    own_id = False
    if (value := pick(_SIDECAR_ID)) is not None:
        doc.id, own_id = value, True
    if (value := pick(_SIDECAR_DATE)) is not None:
        when = parse_field_date(value, dayfirst)
        if when is None:
            warnings.append(f"sidecar date {value!r} cannot be read")
        else:
            doc.date, doc.date_source = when, "field"
    if (value := pick(_SIDECAR_TITLE)) is not None:
        doc.title, doc.title_derived = " ".join(value.split()), False
    for key, attr in (("url", "url"), ("url_metadata", "url"), ("source", "source"), ("category", "category")):
        if meta.get(key) not in (None, "") and getattr(doc, attr) in (None, ""):
            setattr(doc, attr, " ".join(str(meta[key]).split()))
    return own_id
