"""What a search returns: hits (a unit, its score and where the query matched it) and hits grouped
per document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NamedTuple

from corpus_cli.document import Document, Statement

if TYPE_CHECKING:
    from corpus_cli.index.base import Index


class Match(NamedTuple):
    """One occurrence of a query term in a unit: a word, or a whole phrase."""

    term: str
    text: str
    start: int  # offsets into the unit's text
    end: int
    score: float


class Hit:
    """A unit the query found: its document, the unit (a Statement; index None: the title), its
    score, and where the query matched it (``matches``, found when first asked for: a listing
    down a pipe never asks)."""

    __slots__ = ("document", "statement", "score", "unit", "index", "_matches")

    def __init__(self, document: Document, statement: Statement, score: float,
                 matches: tuple[Match, ...] | Callable[[], tuple[Match, ...]], unit: int = -1,
                 index: Index | None = None):
        self.document, self.statement, self.score = document, statement, score
        self.unit, self.index = unit, index  # its position in the index that found it
        self._matches = matches

    @property
    def matches(self) -> tuple[Match, ...]:
        if callable(self._matches):
            self._matches = self._matches()
        return self._matches

    def __repr__(self) -> str:
        return f"Hit({self.document.id!r}, {self.statement.index!r}, {self.score!r})"

    @property
    def field(self) -> str:
        return "title" if self.statement.index is None else "body"

    @property
    def places(self) -> list[str]:
        """The names of the gazetteer's places the statement names, as the index found them."""
        from corpus_cli.language.gazetteer import gazetteer

        finder = getattr(self.index, "places_of", None)
        if finder is None or self.unit < 0:
            from corpus_cli.language.places import places_in

            return places_in(self.statement.text)
        return list(dict.fromkeys(place.name for i in finder([self.unit])[0] if (place := gazetteer().by_id(i))))


class DocumentHit(NamedTuple):
    """Hits grouped per document (``--docs``); its score is its best hit's."""

    document: Document
    score: float
    hits: tuple[Hit, ...]


def group_by_document(hits: list[Hit]) -> list[DocumentHit]:
    """Hits per document, best document first (its best hit's score)."""
    groups: dict[str, list[Hit]] = {}
    for h in hits:
        groups.setdefault(h.document.id, []).append(h)
    return [DocumentHit(hs[0].document, hs[0].score, tuple(hs)) for hs in groups.values()]


def rank_key(index: Index, docs: dict[int, int]):
    """Best score first, then newest (undated last), then id, then title before statements
    (``docs``: each unit's document)."""
    title_unit, dates, ids = index.title_unit, index.doc_dates, index.doc_ids

    def key(sg):
        score, g = sg
        pos = docs[g]
        when = dates[pos]
        return (-score, when < 0, -when, ids[pos], g - title_unit[pos] - 1)  # the title is -1, statements from 0

    return key
