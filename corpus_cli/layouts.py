"""One small parser per file layout, behind a common interface.

A layout gets the file's text cut into blocks (runs of non-blank lines) and
returns a :class:`Parsed` when the text is in its layout, or ``None`` so that
the loader tries the next one. To support another layout, write a class with
a ``name`` and a ``parse(blocks)`` method and add it to :data:`LAYOUTS`
before :class:`Plain`, which takes anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from .dates import DocDate, parse_doc_date
from .text import shorten, split_statements

Block = list[str]

_SOURCE = re.compile(r"\s*\(Source:\s*(?P<source>[^()]*?)\s*\)\s*$")
_END_MARK = re.compile(r"^(?:#\s*){3}$")
_FILTERED = re.compile(r"\s+Items filtered by date:.*$")
_LISTING_DATELINE = re.compile(r"^(?P<date>.+?)\s+In\s+(?P<section>.+)$")
_INNER_HEADER = re.compile(r"^press release$", re.IGNORECASE)


@dataclass
class Parsed:
    """What a layout read from a file, before it becomes a Document."""

    layout: str
    paragraphs: list[str]
    title: str | None = None
    title_derived: bool = False
    date: DocDate | None = None
    category: str | None = None
    type: str = "news"
    source: str | None = None
    warnings: list[str] = field(default_factory=list)


class Layout(Protocol):
    name: str

    def parse(self, blocks: list[Block]) -> Parsed | None: ...


def blocks_of(text: str) -> list[Block]:
    """Runs of non-blank lines of a normalised text."""
    blocks: list[Block] = []
    current: Block = []
    for line in text.split("\n"):
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _paragraph(block: Block) -> str:
    return " ".join(block)


def _split_source(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Remove a trailing ``(Source: …)`` from the last paragraph."""
    if not paragraphs:
        return paragraphs, None
    m = _SOURCE.search(paragraphs[-1])
    if not m:
        return paragraphs, None
    last = paragraphs[-1][: m.start()].rstrip()
    rest = paragraphs[:-1] + ([last] if last else [])
    return rest, m.group("source") or None


def _category(breadcrumb: str, title: str | None) -> str | None:
    """``Home Media Center Coalition News <title>`` -> ``Coalition News``."""
    path = breadcrumb[len("Home") :].strip()
    if title and path.endswith(title):
        path = path[: -len(title)].rstrip()
    path = _FILTERED.sub("", path)
    if path.startswith("Media Center"):
        path = path[len("Media Center") :].strip()
    if not path:
        return None
    return path.title() if path.islower() else path


def _is_breadcrumb(block: Block) -> bool:
    return len(block) == 1 and block[0].startswith("Home ")


def _body(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """Split off the breadcrumb block at the end, if there is one."""
    if blocks and _is_breadcrumb(blocks[-1]):
        return blocks[:-1], blocks[-1][0]
    return blocks, None


def _finish(parsed: Parsed, body: list[Block], breadcrumb: str | None) -> Parsed:
    paragraphs, parsed.source = _split_source([_paragraph(b) for b in body])
    parsed.paragraphs = paragraphs
    if breadcrumb is not None:
        parsed.category = _category(breadcrumb, parsed.title)
    else:
        parsed.warnings.append("no breadcrumb line: category unknown")
    if not paragraphs:
        parsed.warnings.append("no body text")
    return parsed


def _dated_title(blocks: list[Block]) -> tuple[str, DocDate] | None:
    """The date line and title line that open an article, if they do."""
    if len(blocks) < 2 or len(blocks[0]) != 1 or len(blocks[1]) != 1:
        return None
    date = parse_doc_date(blocks[0][0])
    if date is None or _is_breadcrumb(blocks[1]):
        return None
    return blocks[1][0], date


class Article:
    """Date line, title, paragraphs, breadcrumb ``Home Media Center <section> <title>``."""

    name = "article"

    def parse(self, blocks: list[Block]) -> Parsed | None:
        head = _dated_title(blocks)
        if head is None:
            return None
        body, breadcrumb = _body(blocks[2:])
        return _finish(Parsed(self.name, [], title=head[0], date=head[1]), body, breadcrumb)


class PressRelease:
    """An article with an inner header (``Press Release`` …, its date) and an end mark ``# # #``."""

    name = "press release"

    def parse(self, blocks: list[Block]) -> Parsed | None:
        head = _dated_title(blocks)
        if head is None or len(blocks) < 3 or not _INNER_HEADER.match(blocks[2][0]):
            return None
        title, date = head
        parsed = Parsed(self.name, [], title=title, date=date, type="press release")
        header_date = next(
            (d for line in blocks[2][1:] if (d := parse_doc_date(line)) is not None), None
        )
        if header_date and header_date.value.date() != date.value.date():
            parsed.warnings.append(
                f"header date {header_date.isoformat()} differs from date line {date.isoformat()}"
            )
        body, breadcrumb = _body(blocks[3:])
        if body and len(body[-1]) == 1 and _END_MARK.match(body[-1][0]):
            body = body[:-1]
        else:
            parsed.warnings.append("no end mark '# # #'")
        return _finish(parsed, body, breadcrumb)


class Listing:
    """A date-filtered listing page: ``<section>`` / ``<date> In <section>``, no title."""

    name = "listing"

    def parse(self, blocks: list[Block]) -> Parsed | None:
        if not blocks or len(blocks[0]) != 2:
            return None
        m = _LISTING_DATELINE.match(blocks[0][1])
        date = parse_doc_date(m.group("date")) if m else None
        if date is None:
            return None
        body, breadcrumb = _body(blocks[1:])
        parsed = _finish(Parsed(self.name, [], date=date), body, breadcrumb)
        if parsed.category is None:
            parsed.category = m.group("section")
        parsed.title, parsed.title_derived = derive_title(parsed.paragraphs), True
        return parsed


_RELEASE_MARK = re.compile(r"^(?:for immediate release|for release|press release|news release|media advisory)\b", re.I)


def _date_line(line: str) -> DocDate | None:
    """The date of a line that is nothing but a date ("July 5, 2019", "Friday, 5 July 2019 10:00")."""
    if len(line) > 45:
        return None
    return parse_doc_date(line.strip(" .,:-–—"))


def _title_like(line: str) -> bool:
    return len(line) <= 250 and len(line.split()) <= 30 and (not line.endswith(".") or line.endswith(("...", "…")))


class Titled:
    """A title line, perhaps a dateline and a release mark, then paragraphs.

    ``FOR IMMEDIATE RELEASE`` and similar marks are dropped; a line that is
    only a date gives the date; a shortened title (ending in ``…``) followed
    by the full title gives the full one.
    """

    name = "titled"

    def parse(self, blocks: list[Block]) -> Parsed | None:
        title, date, i = None, None, 0
        while i < len(blocks) and i < 5:
            rest = []
            for line in blocks[i]:
                if _RELEASE_MARK.match(line):
                    continue
                if date is None and (found := _date_line(line)) is not None:
                    date = found
                    continue
                rest.append(line)
            if not rest:
                i += 1
                continue
            if title is None and len(rest) == 1:
                short = rest[0].rstrip("….").rstrip()
                nxt = blocks[i + 1] if i + 1 < len(blocks) else []
                if len(nxt) == 1 and short and nxt[0].startswith(short) and len(nxt[0].split()) <= 80:
                    title, i = nxt[0], i + 2  # a shortened title, then the full one
                    continue
                if _title_like(rest[0]):
                    title, i = rest[0], i + 1
                    continue
            break
        if title is None or len(blocks) == 1:
            return None  # a single line: nothing says it is a title
        parsed = Parsed(self.name, [], title=title, date=date)
        parsed.paragraphs, parsed.source = _split_source([_paragraph(b) for b in blocks[i:]])
        if parsed.date is None:
            parsed.date = parse_doc_date("\n".join(parsed.paragraphs[:1]), anchored=False)
        return parsed


class Plain:
    """Any other text: title from the first line, date from the first date found."""

    name = "plain"

    def parse(self, blocks: list[Block]) -> Parsed | None:
        if not blocks:
            return None
        first, rest = blocks[0], blocks[1:]
        title = first[0]
        body = ([first[1:]] if len(first) > 1 else []) + rest
        parsed = Parsed(self.name, [_paragraph(b) for b in body], title=shorten(title, 120))
        parsed.paragraphs, parsed.source = _split_source(parsed.paragraphs)
        parsed.date = parse_doc_date("\n".join(" ".join(b) for b in blocks), anchored=False)
        parsed.warnings.append("layout not recognised: read as plain text")
        return parsed


def derive_title(paragraphs: list[str]) -> str:
    """A title from the first sentence of the body, cut at a word boundary."""
    if not paragraphs:
        return ""
    first = paragraphs[0]
    start, end = split_statements(first)[0]
    return shorten(first[start:end])


LAYOUTS: tuple[Layout, ...] = (PressRelease(), Article(), Listing(), Titled(), Plain())


def parse(blocks: list[Block]) -> Parsed | None:
    """The first layout that reads ``blocks``."""
    for layout in LAYOUTS:
        parsed = layout.parse(blocks)
        if parsed is not None:
            return parsed
    return None
