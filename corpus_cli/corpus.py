"""The library behind every command: load a corpus, then list, show, search, count.

    >>> from corpus_cli import Corpus
    >>> corpus = Corpus.open()              # the bundled corpus
    >>> [d.id for d in corpus.list(since="2019")]
    ['003_7e59c539d2ddab83', '004_375b785a8374fdba']
    >>> corpus.search("Alepo")[0].document.id
    '002_6d0a1ca802d3b216'
    >>> [v.form for v in corpus.variants("Dara'a")]
    ['Dara’a']
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from typing import Container, Sequence

from . import kwic as kwic_mod
from . import search as search_mod
from .dates import date_range
from .document import Document
from .errors import NotFound, UsageError
from .index import Index
from .loader import Loaded, load
from .matching import FUZZINESS_CHOICES, expand
from .text import fold, words

SORT_KEYS = ("date", "title")


@dataclass(frozen=True)
class Stats:
    documents: int
    statements: int
    words: int
    first_date: str | None
    last_date: str | None
    undated: int
    per_year: dict[str, int]
    per_category: dict[str, int]
    per_type: dict[str, int]


@dataclass(frozen=True)
class Variant:
    """A spelling the corpus uses for a word close to the one asked about."""

    form: str  # as written in the text
    count: int  # occurrences of this spelling
    folded: str  # the folded vocabulary entry it belongs to
    statements: int  # statements (and titles) holding the folded entry
    rule: str  # why it is close: same word, a key rule, or typo
    distance: int  # edits between the folded forms


class Corpus:
    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.index = Index(loaded.documents)

    @classmethod
    def open(cls, path: str | os.PathLike | None = None) -> "Corpus":
        """Load the folder at ``path``, or the bundled corpus."""
        return cls(load(path))

    @property
    def documents(self) -> list[Document]:
        """All documents, oldest first, undated last."""
        return self.index.documents

    # --- filters ------------------------------------------------------------

    def _allowed(self, since, until, categories) -> Container[int] | None:
        bounds = date_range(since, until)
        positions: Container[int] | None = None
        if bounds.since or bounds.until:
            positions = self.index.date_slice(bounds.since, bounds.until)
        if categories:
            wanted = {fold(c) for c in categories}
            span = positions if positions is not None else range(len(self.documents))
            positions = {
                p for p in span if fold(self.documents[p].category or "") in wanted
            }
        return positions

    # --- commands -----------------------------------------------------------

    def list(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        categories: Sequence[str] = (),
        sort: str = "date",
        reverse: bool = False,
        limit: int | None = None,
    ) -> list[Document]:
        """Documents within the filters, by date (oldest first) or by title."""
        if sort not in SORT_KEYS:
            raise UsageError(f"cannot sort by {sort!r}; choose one of: {', '.join(SORT_KEYS)}")
        _check_limit(limit)
        allowed = self._allowed(since, until, categories)
        docs = [d for p, d in enumerate(self.documents) if allowed is None or p in allowed]
        if sort == "title":
            docs.sort(key=lambda d: (fold(d.title), d.id))
        if reverse:
            docs.reverse()
        return docs[:limit] if limit is not None else docs

    def show(self, id_or_prefix: str) -> Document:
        """The document with this id, or the one whose id starts with it."""
        doc = self.index.by_id.get(id_or_prefix)
        if doc is not None:
            return doc
        candidates = sorted(i for i in self.index.by_id if i.startswith(id_or_prefix))
        if not candidates:
            raise NotFound(f"no document has an id starting with {id_or_prefix!r}")
        if len(candidates) > 1:
            shown = ", ".join(candidates[:10]) + (f" and {len(candidates) - 10} more" if len(candidates) > 10 else "")
            raise UsageError(f"{id_or_prefix!r} is ambiguous: it starts {len(candidates)} ids: {shown}")
        return self.index.by_id[candidates[0]]

    def find(
        self,
        query: str,
        *,
        since: str | None = None,
        until: str | None = None,
        categories: Sequence[str] = (),
        limit: int | None = None,
        min_score: float | None = None,
        fuzziness: str = "auto",
        exact: bool = False,
        any_word: bool = False,
    ) -> search_mod.Result:
        """Hits for ``query`` with how each term was read (see :mod:`corpus_cli.search`)."""
        _check_fuzziness(fuzziness)
        _check_limit(limit)
        allowed = self._allowed(since, until, categories)
        return search_mod.run(
            self.index, query, allowed=allowed, fuzziness=fuzziness, exact=exact,
            any_word=any_word, limit=limit, min_score=min_score,
        )

    def search(self, query: str, **options) -> list[search_mod.Hit]:
        """Statements (and titles) matching ``query``, best first; options as :meth:`find`."""
        return self.find(query, **options).hits

    def variants(self, word: str, *, fuzziness: str = "auto") -> list[Variant]:
        """The spellings in this corpus close to ``word``, most frequent first."""
        _check_fuzziness(fuzziness)
        if len(words(word)) != 1:
            raise UsageError(f"variants takes one word, not {word!r}")
        found = []
        for e in expand(word, self.index.lexicon, fuzziness):
            statements = len(set(self.index.postings[e.word]))
            for form, count in self.index.surfaces[e.word].items():
                found.append(Variant(form, count, e.word, statements, e.rule, e.distance))
        return sorted(found, key=lambda v: (-v.count, v.distance, v.form))

    def kwic(self, query: str, *, width: int = 40, sort: str = "date", **options) -> list[kwic_mod.Line]:
        """A concordance: every occurrence of ``query`` with ``width`` characters each side."""
        if sort not in kwic_mod.SORTS:
            raise UsageError(f"cannot sort by {sort!r}; choose one of: {', '.join(kwic_mod.SORTS)}")
        if width < 0:
            raise UsageError(f"--width must be 0 or more, not {width}")
        limit = options.pop("limit", None)
        _check_limit(limit)
        found = kwic_mod.sort_lines(kwic_mod.lines(self.search(query, **options), width), sort)
        return found[:limit] if limit is not None else found

    def stats(self) -> Stats:
        docs = self.documents
        dated = [d for d in docs if d.date is not None]
        return Stats(
            documents=len(docs),
            statements=self.index.statement_total,
            words=sum(d.word_count for d in docs),
            first_date=dated[0].iso_date if dated else None,
            last_date=dated[-1].iso_date if dated else None,
            undated=len(docs) - len(dated),
            per_year=dict(sorted(Counter(str(d.datetime.year) for d in dated).items())),
            per_category=_by_count(d.category or "(none)" for d in docs),
            per_type=_by_count(d.type for d in docs),
        )


def _by_count(values) -> dict[str, int]:
    counts = Counter(values)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _check_fuzziness(fuzziness: str) -> None:
    if fuzziness not in FUZZINESS_CHOICES:
        raise UsageError(f"fuzziness must be one of {', '.join(FUZZINESS_CHOICES)}, not {fuzziness!r}")


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")
