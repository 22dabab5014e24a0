"""The document model: what the loader produces and every command reads."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .dates import DocDate
from .text import split_statements

PARAGRAPH_BREAK = "\n\n"


class Statement(NamedTuple):
    """A sentence-level unit of a document's body.

    ``start`` and ``end`` are character offsets into the body. A document's
    title, when search returns it, is a Statement with ``index`` None whose
    offsets are into the title.
    """

    index: int | None
    start: int
    end: int
    text: str


class Document:
    """One document. (A plain class: dataclasses cost start-up time.)"""

    __slots__ = ("id", "path", "title", "body", "date", "title_derived", "category", "type",
                 "source", "layout", "spans", "word_count")

    def __init__(
        self,
        id: str,
        path: str,
        title: str,
        body: str,
        date: DocDate | None = None,
        title_derived: bool = False,
        category: str | None = None,
        type: str = "news",
        source: str | None = None,
        layout: str = "plain",
        spans: tuple[tuple[int, int], ...] = (),
        word_count: int = 0,  # set by whoever tokenises the body (the index builder, or load())
    ):
        self.id, self.path, self.title, self.body, self.date = id, path, title, body, date
        self.title_derived, self.category, self.type, self.source = title_derived, category, type, source
        self.layout, self.spans, self.word_count = layout, spans, word_count

    def __repr__(self) -> str:
        return f"Document(id={self.id!r}, date={self.iso_date!r}, title={self.title!r})"

    @classmethod
    def build(cls, paragraphs: list[str], **fields) -> "Document":
        """A document from its paragraphs: body, statements and word count follow."""
        body = PARAGRAPH_BREAK.join(paragraphs)
        spans = []
        offset = 0
        for paragraph in paragraphs:
            spans.extend((offset + s, offset + e) for s, e in split_statements(paragraph))
            offset += len(paragraph) + len(PARAGRAPH_BREAK)
        return cls(body=body, spans=tuple(spans), **fields)

    @property
    def datetime(self) -> dt.datetime | None:
        return self.date.value if self.date else None

    @property
    def iso_date(self) -> str | None:
        return self.date.isoformat() if self.date else None

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split(PARAGRAPH_BREAK) if self.body else []

    @property
    def statements(self) -> list[Statement]:
        return [Statement(i, s, e, self.body[s:e]) for i, (s, e) in enumerate(self.spans)]

    def statement(self, index: int) -> Statement:
        start, end = self.spans[index]
        return Statement(index, start, end, self.body[start:end])
