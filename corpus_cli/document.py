"""The document model: what the loader produces and every command reads."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from corpus_cli.language.dates import DocDate
from corpus_cli.language.text import split_statements

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

    __slots__ = ("id", "path", "title", "_body", "date", "title_derived", "category", "type",
                 "source", "layout", "_spans", "word_count", "statement_count", "_load", "url", "_speakers",
                 "date_source", "file_words", "removed", "author", "keep_speakers")

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
        *,
        load=None,  # instead of body and spans: a function that returns them when first needed
        statement_count: int | None = None,
        url: str | None = None,
        speakers: list | None = None,
        date_source: str | None = None,  # field, filename, folder, dateline or none
        file_words: int | None = None,  # words in the file's text (word_count is what was indexed)
        removed: dict | None = None,  # words taken out of title and body, per rule
    ):
        self.author: str | None = None  # who speaks the whole document, when a field or the folder says
        self.keep_speakers = None  # called with the speakers once found, by an index that stores them
        self.date_source = date_source or ("none" if date is None else "field")
        self.file_words = file_words
        self.removed = removed or {}
        self.url = url
        self._speakers = speakers
        self.id, self.path, self.title, self._body, self.date = id, path, title, body, date
        self.title_derived, self.category, self.type, self.source = title_derived, category, type, source
        self.layout, self._spans, self.word_count, self._load = layout, spans, word_count, load
        self.statement_count = len(spans) if statement_count is None else statement_count

    @property
    def body(self) -> str:
        if self._load is not None:
            self._body, self._spans = self._load()
            self._load = None
        return self._body

    @property
    def speakers(self) -> list:
        """People the text quotes: ``Speaker(name, role, statement indices)`` (see :mod:`corpus_cli.language.speakers`)."""
        if self._speakers is None:
            from corpus_cli.language.speakers import speakers_of

            self._speakers = speakers_of([s.text for s in self.statements], self.author)
            if self.keep_speakers is not None:
                self.keep_speakers(self._speakers)
        return self._speakers

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        if self._load is not None and len(self._spans) != self.statement_count:  # an index that knows them gave them
            self.body  # noqa: B018 - loads the spans with the body
        return self._spans

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
