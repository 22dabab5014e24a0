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

from corpus_cli.language.dates import DocDate, date_line, opening_dateline, parse_doc_date
from corpus_cli.language.text import shorten, split_statements, starts_sentence

from corpus_cli.ingest.blocks import ENDS_SENTENCE, Block, paragraphs_of

_SOURCE = re.compile(r"\s*\(Source:\s*(?P<source>[^()]*?)\s*\)\s*$")
_END_MARK = re.compile(r"^(?:#\s*){3}$")
_FILTERED = re.compile(r"\s+Items filtered by date:.*$")
# "<date> In <section>": a date and a section's name, short, not a sentence that goes on " In …"
_LISTING_DATELINE = re.compile(r"^(?P<date>[^.;:!?]{4,40}?)\s+In\s+(?P<section>[^.;!?]{1,80})$")
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
    # Text taken out of the title and body by a rule, as (rule, text): a dateline,
    # a breadcrumb, an office header. ``corpus check`` reports them.
    removed: list[tuple[str, str]] = field(default_factory=list)


class Layout(Protocol):
    name: str

    def parse(self, blocks: list[Block]) -> Parsed | None: ...


def _split_source(paragraphs: list[str], removed: list) -> tuple[list[str], str | None]:
    """Remove a trailing ``(Source: …)`` from the last paragraph."""
    if not paragraphs:
        return paragraphs, None
    m = _SOURCE.search(paragraphs[-1])
    if not m:
        return paragraphs, None
    removed.append(("source note", m.group().strip()))
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
    paragraphs, parsed.source = _split_source(paragraphs_of(body), parsed.removed)
    parsed.paragraphs = paragraphs
    if breadcrumb is not None:
        parsed.category = _category(breadcrumb, parsed.title)
        parsed.removed.append(("breadcrumb", breadcrumb))
    if not paragraphs:
        parsed.warnings.append("no body text")
    return parsed


def _dated_title(blocks: list[Block]) -> tuple[str, DocDate] | None:
    """The date line and title line that open an article, if they do."""
    if len(blocks) < 2 or len(blocks[0]) != 1 or len(blocks[1]) != 1:
        return None
    date = parse_doc_date(blocks[0][0])
    if date is None or _is_breadcrumb(blocks[1]) or not _title_like(blocks[1][0]):
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
        parsed = Parsed(self.name, [], title=head[0], date=head[1], removed=[("dateline", blocks[0][0])])
        return _finish(parsed, body, breadcrumb)


class PressRelease:
    """An article with an inner header (``Press Release`` …, its date) and an end mark ``# # #``."""

    name = "press release"

    def parse(self, blocks: list[Block]) -> Parsed | None:
        head = _dated_title(blocks)
        if head is None or len(blocks) < 3 or not _INNER_HEADER.match(blocks[2][0]):
            return None
        title, date = head
        parsed = Parsed(self.name, [], title=title, date=date, type="press release")
        parsed.removed += [("dateline", blocks[0][0]), ("release header", " ".join(blocks[2]))]
        header_date = next(
            (d for line in blocks[2][1:] if (d := parse_doc_date(line)) is not None), None
        )
        if header_date and header_date.value.date() != date.value.date():
            parsed.warnings.append(
                f"header date {header_date.isoformat()} differs from date line {date.isoformat()}"
            )
        body, breadcrumb = _body(blocks[3:])
        if body and len(body[-1]) == 1 and _END_MARK.match(body[-1][0]):
            parsed.removed.append(("end mark", body[-1][0]))
            body = body[:-1]
        return _finish(parsed, body, breadcrumb)


class Listing:
    """A date-filtered listing page: ``<section>`` / ``<date> In <section>``, no title."""

    name = "listing"

    def parse(self, blocks: list[Block]) -> Parsed | None:
        if not blocks or len(blocks[0]) != 2 or len(blocks[0][0]) > 80:
            return None
        m = _LISTING_DATELINE.match(blocks[0][1])
        date = parse_doc_date(m.group("date")) if m else None
        if date is None or date_line(m.group("date")) is None:
            return None  # the header must be only a date and a section: it is removed whole
        body, breadcrumb = _body(blocks[1:])
        parsed = _finish(Parsed(self.name, [], date=date, removed=[("listing header", " ".join(blocks[0]))]), body, breadcrumb)
        if parsed.category is None:
            parsed.category = m.group("section")
        parsed.title, parsed.title_derived = derive_title(parsed.paragraphs), True
        return parsed


_RELEASE_MARK = re.compile(
    r"^(?:for immediate release|immediate release|for release|press release|news release|media advisory)\b[:.]?\s*", re.I
)
# Lines that open scraped pages and say who published them, not what: "Office of Ted Lieu",
# "U S  REPRESENTATIVE TED LIEU", "Press Office", "Contact: …".
_CAPITALISED = r"[A-Z][\w.’'-]*"
_OFFICE_LINE = re.compile(
    rf"^(?:(?:the\s+)?office\s+of\s+(?:the\s+)?|(?:u\.?\s?s\.?\s+)?(?:senator|congressman|congresswoman|"
    rf"representative|rep\.|sen\.|governor|mayor)\s+)(?i:(?:senator|congressman|congresswoman|representative|"
    rf"rep\.|sen\.)\s+)?(?P<name>{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,4}})$",
    re.IGNORECASE,
)
# Words that make "SEN. FEINSTEIN COMMENTS ON …" a headline, not an office's name: a name has none.
_NOT_IN_A_NAME = frozenset("""on of to for and the in at by with from about after over against as is are was will
    comments comment statement statements announces announce calls call urges urge says said applauds praises
    introduces votes welcomes responds reacts honors honours joins releases secures unveils questions backs
    supports opposes hails slams presses asks seeks wins named""".split())
_HEAD_LINE = re.compile(
    r"^(?:(?:press|news|media|communications)\s+(?:office|release|advisory|center|centre|room)s?|news|"
    r"contacts?\s*:.*|embargoed\b.*|for immediate release|immediate release)$",
    re.IGNORECASE,
)
_HEAD_LINES = 6
_HEAD_WIDTH = 100  # characters: a longer line is text, whatever it starts with


def strip_head(blocks: list[Block], removed: list[tuple[str, str]]) -> tuple[list[Block], str | None]:
    """Blocks without the lines that open a scraped page: an office header, a release mark.

    Returns the blocks left and the publisher the header named (``Office of Ted Lieu``).
    A release mark that opens the first paragraph (``FOR IMMEDIATE RELEASE WASHINGTON –``) goes too.
    """
    source = None
    lines_seen = 0
    blocks = [list(b) for b in blocks]
    while blocks and lines_seen < _HEAD_LINES:
        line = blocks[0][0]
        if len(line) > _HEAD_WIDTH:
            break
        office = _OFFICE_LINE.match(line)
        if office and not _NOT_IN_A_NAME.isdisjoint(w.strip(".,").lower() for w in office["name"].split()):
            office = None  # a headline: its words stay
        if not office and not _HEAD_LINE.match(line):
            break
        removed.append(("office header" if office else "release mark", line))
        if office and source is None:
            source = line
        lines_seen += 1
        blocks[0].pop(0)
        if not blocks[0]:
            blocks.pop(0)
    if blocks and (m := _RELEASE_MARK.match(blocks[0][0])) and m.end() < len(blocks[0][0]):
        removed.append(("release mark", m.group().strip()))
        blocks[0][0] = blocks[0][0][m.end():]
    return blocks, source


def _title_like(line: str) -> bool:
    """Short, and not ending as a sentence does (or as a salutation does: "Mr. President,")."""
    line = line.rstrip("\u200e\u200f\u061c*")  # direction marks and Markdown's bold are no text
    return (len(line) <= 250 and len(line.split()) <= 30 and (not line.endswith(".") or line.endswith(("...", "…")))
            and not line.endswith((",", "،")))


def _headline(line: str, following: list[str]) -> bool:
    """Whether ``line`` is a headline over the lines ``following`` it in the same block: it ends no
    sentence, they start one, and they are paragraphs (most end a sentence: a byline and its colon
    count) or the first of them is at least twice as long and ends a sentence."""
    if not _title_like(line) or ENDS_SENTENCE.search(line) or not starts_sentence(following[0].lstrip("\"“‘«(")[:1]):
        return False
    if sum(1 for f in following if ENDS_SENTENCE.search(f)) * 2 > len(following):
        return True
    return ENDS_SENTENCE.search(following[0]) is not None and len(following[0]) >= 2 * len(line)


def head_dateline(paragraphs: list[str]) -> DocDate | None:
    """A dateline that opens the first paragraph (``WASHINGTON, July 5, 2019 – …``)."""
    return opening_dateline(paragraphs[0]) if paragraphs else None


class Titled:
    """A title line, perhaps a dateline and a release mark, then paragraphs.

    ``FOR IMMEDIATE RELEASE`` and similar marks are dropped; a line that is
    only a date gives the date; a shortened title (ending in ``…``) followed
    by the full title gives the full one. The title line may also open the
    first block with no blank line after it, when it ends no sentence and the
    line after it is a paragraph at least twice as long that does (a headline
    on the first line, as news sites save articles).
    """

    name = "titled"

    def parse(self, blocks: list[Block]) -> Parsed | None:
        title, date, i = None, None, 0
        removed: list[tuple[str, str]] = []
        while i < len(blocks) and i < 5:
            rest = []
            for line in blocks[i]:
                if _RELEASE_MARK.match(line) and not _RELEASE_MARK.sub("", line).strip():
                    removed.append(("release mark", line))
                    continue
                if date is None and (found := date_line(line)) is not None:
                    date = found
                    removed.append(("dateline", line))
                    continue
                rest.append(line)
            if not rest:
                i += 1
                continue
            if title is None and len(rest) == 1:
                short = rest[0].rstrip("….").rstrip()
                nxt = blocks[i + 1] if i + 1 < len(blocks) else []
                if len(nxt) == 1 and short and nxt[0].startswith(short) and len(nxt[0].split()) <= 80:
                    removed.append(("short title", rest[0]))
                    title, i = nxt[0], i + 2  # a shortened title, then the full one
                    continue
                if _title_like(rest[0]):
                    title, i = rest[0], i + 1
                    continue
            if title is None and len(rest) > 1 and _headline(rest[0], rest[1:]):
                title, blocks = rest[0], blocks[:i] + [rest[1:]] + blocks[i + 1:]
            break
        if title is None or len(blocks) <= i:
            return None  # a single line: nothing says it is a title
        parsed = Parsed(self.name, [], title=title, date=date, removed=removed)
        parsed.paragraphs, parsed.source = _split_source(paragraphs_of(blocks[i:]), removed)
        if parsed.date is None:
            parsed.date = head_dateline(parsed.paragraphs)
        return parsed


class Plain:
    """Any other text: every line kept; the title is the first sentence, the date a dateline at the head."""

    name = "plain"

    def parse(self, blocks: list[Block]) -> Parsed | None:
        if not blocks:
            return None
        removed: list[tuple[str, str]] = []
        date = None
        for n, line in enumerate(blocks[0][:2]):  # a line that is only a date, at the very top
            if (date := date_line(line)) is not None:
                removed.append(("dateline", line))
                first = blocks[0][:n] + blocks[0][n + 1 :]
                blocks = ([first] if first else []) + blocks[1:]
                break
        paragraphs, source = _split_source(paragraphs_of(blocks), removed)
        parsed = Parsed(self.name, paragraphs, title=derive_title(paragraphs), title_derived=True,
                        source=source, removed=removed)
        parsed.date = date or head_dateline(paragraphs)
        return parsed


TITLE_LIMIT = 200  # characters: a longer first "sentence" is cut here (the body keeps it whole)


def derive_title(paragraphs: list[str]) -> str:
    """A title from the first sentence of the body (whole up to TITLE_LIMIT characters)."""
    if not paragraphs:
        return ""
    first = paragraphs[0]
    start, end = split_statements(first)[0]
    return shorten(first[start:end], TITLE_LIMIT)


LAYOUTS: tuple[Layout, ...] = (PressRelease(), Article(), Listing(), Titled(), Plain())


def parse(blocks: list[Block]) -> Parsed | None:
    """The first layout that reads ``blocks``; before the free layouts, an office header is taken off."""
    for layout in LAYOUTS[:3]:
        parsed = layout.parse(blocks)
        if parsed is not None:
            return parsed
    removed: list[tuple[str, str]] = []
    blocks, publisher = strip_head(blocks, removed)
    for layout in LAYOUTS[3:]:
        parsed = layout.parse(blocks)
        if parsed is not None:
            parsed.removed[:0] = removed
            if publisher and not parsed.source:
                parsed.source = publisher
            return parsed
    return None
