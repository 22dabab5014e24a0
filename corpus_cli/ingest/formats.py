"""Documents in other formats: JSON Lines, JSON, CSV/TSV (gzipped or not), HTML, sidecars.

Each reader turns one file into records (plain dicts of strings); fields are
found by common names (``date``, ``published``, ``title``, ``headline``,
``text``, ``body``, ``content``, ``url``, ``id``…) or mapped explicitly by
the user (``--field date=published_at``, or a ``corpus.toml`` in the folder).
A record becomes a :class:`~corpus_cli.document.Document` through
:func:`document_of`.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Iterator, Mapping

from corpus_cli.language.dates import parse_field_date
from corpus_cli.document import Document
from corpus_cli.ingest.blocks import blocks_of, paragraphs_of
from corpus_cli.ingest.layouts import derive_title
from corpus_cli.language.text import count_words, normalize

MAPPABLE_FIELDS = ("id", "date", "title", "text", "url", "source", "category", "speaker")
FOLDER = "@folder"  # as a field's column: the name of the folder that holds the file (--field speaker=@folder)
COMMON_NAMES = {
    "id": ("id", "doc_id", "docid", "uid", "identifier", "guid"),
    "date": ("date", "published", "published_at", "publication_date", "pubdate", "date_str", "datetime",
             "timestamp", "created", "created_at", "time"),
    "title": ("title", "headline", "subject"),
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "story"),
    "url": ("url", "link", "href", "url_metadata", "source_url"),
    "source": ("source", "author", "byline", "publisher"),
    "category": ("category", "section", "topic", "doc_type"),
    "speaker": ("speaker", "speaker_name"),
}


class FormatError(Exception):
    """The file as a whole cannot be read in its format."""


def field_map(names: list[str], explicit: Mapping[str, str]) -> dict[str, str | None]:
    """For each standard field, the column that fills it (explicit mapping first)."""
    lowered = {n.strip().lower(): n for n in names}
    found: dict[str, str | None] = {}
    for name in MAPPABLE_FIELDS:
        if name in explicit:
            found[name] = explicit[name] if explicit[name] in names or explicit[name] == FOLDER else None
            continue
        found[name] = next((lowered[c] for c in COMMON_NAMES[name] if c in lowered), None)
    return found


# --- readers: a file to records ----------------------------------------------------------


def records(raw, kind: str) -> Iterator[tuple[int, dict]]:
    """(row number from 1, record) for every record of a file's text (a string or a text stream)."""
    if kind == "jsonl":
        row = 0
        lines = raw.splitlines() if isinstance(raw, str) else raw
        for line_no, line in enumerate(lines, 1):
            if not line.strip():
                continue
            row += 1
            try:
                value = json.loads(line)
            except ValueError:
                yield row, {"__error__": f"line {line_no} is not JSON"}
                continue
            yield row, value if isinstance(value, dict) else {"__error__": f"line {line_no} is not a JSON object"}
    elif kind == "json":
        try:
            value = json.loads(raw if isinstance(raw, str) else raw.read())
        except ValueError as exc:
            raise FormatError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
        if isinstance(value, dict):
            inner = next((value[k] for k in ("documents", "items", "records", "data", "results") if isinstance(value.get(k), list)), None)
            value = inner if inner is not None else [value]
        if not isinstance(value, list):
            raise FormatError("JSON is neither an object nor an array of objects")
        for row, item in enumerate(value, 1):
            yield row, item if isinstance(item, dict) else {"__error__": f"item {row} is not a JSON object"}
    elif kind in ("csv", "tsv"):
        csv.field_size_limit(sys.maxsize)
        stream = io.StringIO(raw, newline="") if isinstance(raw, str) else raw
        # A TSV field ends at the tab: quotes in it are text (CSV quotes fields that hold commas).
        if kind == "tsv":
            reader = csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
        else:
            reader = csv.DictReader(stream)
        if not reader.fieldnames:
            raise FormatError("no header row")
        for row, item in enumerate(reader, 1):
            yield row, {k: v for k, v in item.items() if k is not None}
    else:  # pragma: no cover
        raise ValueError(kind)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n\n".join(_text(v) for v in value)
    return str(value)


def document_of(
    record: dict,
    columns: dict[str, str | None],
    doc_id: str,
    path: str,
    *,
    dayfirst: bool = False,
    layout: str = "record",
) -> tuple[Document, list[str]]:
    """A record as a document, and the warnings met."""
    def get(name: str) -> str:
        column = columns.get(name)
        if column == FOLDER:
            return person_name(Path(path).parent.name)
        return _text(record.get(column)) if column else ""

    warnings = []
    text = normalize(get("text"))
    paragraphs = paragraphs_of(blocks_of(text))
    title = " ".join(get("title").split())
    derived = False
    if not title:
        title, derived = derive_title(paragraphs), True
    date = None
    if columns.get("date"):
        raw_date = get("date")
        date = parse_field_date(raw_date, dayfirst)
        if date is None and raw_date.strip():
            warnings.append(f"cannot read the date {raw_date.strip()[:40]!r}: kept undated")
    own_id = " ".join(get("id").split())  # the record's own id (an id, doc_id… column), else file#row
    doc = Document.build(
        paragraphs,
        id=own_id or doc_id,
        path=path,
        title=title,
        title_derived=derived,
        date=date,
        date_source="field" if date else "none",
        file_words=count_words(text) + (0 if derived else count_words(title)),
        category=" ".join(get("category").split()) or None,
        source=" ".join(get("source").split()) or None,
        layout=layout,
    )
    doc.url = " ".join(get("url").split()) or None
    doc.author = person_name(get("speaker")) or None
    return doc, warnings


def person_name(name: str) -> str:
    """A folder name or a key as a person's name: ``rob_bishop`` -> ``Rob Bishop``."""
    name = " ".join(name.replace("_", " ").replace("-", " ").split())
    return name.title() if name.islower() else name


def read_sidecar(path: Path) -> dict | None:
    """The metadata in a sidecar file, or None; a ValueError if it is not a JSON object."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value


def html_record(raw: str) -> dict:
    """Title, date and main text of a saved web page, by trafilatura."""
    try:
        import trafilatura
    except ImportError:
        raise FormatError("reading HTML needs trafilatura, which corpus installs: pip install --force-reinstall corpus-statements") from None
    found = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    if found is None:
        raise FormatError("no main text found in the page")
    get = found.get if isinstance(found, dict) else (lambda k: getattr(found, k, None))
    title = (get("title") or "").strip()
    lines = [line.strip() for line in (get("text") or "").splitlines() if line.strip()]
    if lines and lines[0] == title:  # the page's heading repeats the title
        lines = lines[1:]
    return {"title": title, "date": get("date") or "", "text": "\n\n".join(lines), "url": get("url") or ""}
