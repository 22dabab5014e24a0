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

import math
import os
from typing import NamedTuple, Sequence

from corpus_cli.search import kwic as kwic_mod
from corpus_cli.search import execute as search_mod
from corpus_cli.language.dates import date_range
from corpus_cli.document import Document
from corpus_cli.errors import NotFound, UsageError
from corpus_cli.index.base import Index
from corpus_cli.index.cache import Report
from corpus_cli.index.select import Filters, Selection, resolve_place, select
from corpus_cli.analysis import TIMELINE_BY
from corpus_cli.language.stopwords import stop_list
from corpus_cli.analysis.listings import PlaceCount, SpeakerCount, place_counts, speaker_counts
from corpus_cli.analysis.summary import CheckSummary, Stats, check_summary, corpus_stats
from corpus_cli.search import FUZZINESS_CHOICES, KWIC_SORTS
from corpus_cli.search.expand import expand
from corpus_cli.search.hits import Hit
from corpus_cli.language.text import fold, words

SORT_KEYS = ("date", "title")


class Variant(NamedTuple):
    """A spelling the corpus uses for a word close to the one asked about."""

    form: str  # as written in the text
    count: int  # occurrences of this spelling
    folded: str  # the folded vocabulary entry it belongs to
    statements: int  # statements (and titles) holding the folded entry
    rule: str  # why it is close: same word, a key rule, or typo
    distance: int  # edits between the folded forms




class Corpus:
    """An indexed folder of documents and the problems met reading it."""

    def __init__(self, index: Index, report: Report | None = None):
        self.index = index
        self.report = report if report is not None else Report()
        self.hidden = 0  # near-duplicates the last list or search with dedupe left out
        self.imprecise = 0  # dated documents the last timeline left out: their date is coarser than its periods
        self._clusters: dict = {}

    @classmethod
    def open(
        cls,
        path: str | os.PathLike | None = None,
        *,
        cache: bool = True,
        rebuild: bool = False,
        progress=None,
        fields: dict[str, str] | None = None,
        notice=None,
    ) -> "Corpus":
        """Index the folder at ``path`` (the bundled corpus by default).

        With ``cache``, the index is a database in the cache folder, reused and
        kept fresh as files change (see :mod:`corpus_cli.index.open`).
        ``fields`` maps document fields to the columns of JSON or CSV files
        (``{"date": "published_at"}``), on top of a ``corpus.toml`` in the folder.
        ``notice`` is called if the corpus waits more than a second for another
        process that is updating the index.

        The corpus answers from the index as it was when opened, however the
        folder changes meanwhile (one snapshot), until :meth:`close`; open it
        again to see later changes.
        """
        from corpus_cli.index.open import open_database

        index, report = open_database(path, cache=cache, rebuild=rebuild, progress=progress, fields=fields,
                                      notice=notice)
        return cls(index, report)

    def close(self) -> None:
        """Let the index's snapshot go (and keep what was found in it for next time)."""
        store = getattr(self.index, "store", None)
        if store is not None:
            store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def documents(self) -> list[Document]:
        """All documents, oldest first, undated last."""
        return [self.index.documents[p] for p in self.index.in_date_order()]

    # --- filters ------------------------------------------------------------

    def select(self, filters: Filters) -> Selection:
        """The documents (and statements) ``filters`` keep (see :mod:`corpus_cli.index.select`)."""
        return select(self.index, filters, self._hidden_duplicates)

    def speakers(self, filters: Filters | None = None, *, name: str | None = None, since=None, until=None,
                 categories=()) -> list[SpeakerCount]:
        """Everyone the corpus quotes (or, with ``name``, those of that name in any spelling), with
        their roles, counts and first and last dates."""
        from corpus_cli.language.names import same_name

        positions = self.select(filters or Filters.of(since, until, categories)).positions
        found = speaker_counts(self.index, positions if positions is not None else self.index.in_date_order())
        return [s for s in found if same_name(name, s.name)] if name else found

    def dupes(self, filters: Filters | None = None, *, threshold: float = 90.0, statements: bool = False, since=None,
              until=None, categories=()):
        """Clusters of near-duplicate documents (or statements), largest first (see :mod:`corpus_cli.analysis.dupes`)."""
        from corpus_cli.analysis import dupes

        if not 0 <= threshold <= 100:
            raise UsageError(f"--threshold must be between 0 and 100, not {threshold}")
        if filters is not None and filters.dedupe:
            raise UsageError("--dedupe cannot go with dupes, which shows the near-duplicates")
        positions = self.select(filters or Filters.of(since, until, categories)).positions
        key = (threshold, statements, tuple(positions) if positions is not None else None)
        if key not in self._clusters:
            span = positions if positions is not None else self.index.in_date_order()
            self._clusters[key] = dupes.clusters(self.index, span, threshold, statements)
        return self._clusters[key]

    def _hidden_duplicates(self, templates: bool = False) -> set[int]:
        from corpus_cli.analysis.dupes import hidden

        return hidden(self.dupes(), templates)

    def places(self, filters: Filters | None = None, *, name: str | None = None, kinds: Sequence[str] = (),
               countries: Sequence[str] = (), since=None, until=None, categories=()) -> list[PlaceCount]:
        """Every place the corpus names (or, with ``name``, the places of that name in any spelling
        or script), of ``kinds`` (country, division, city, town) and ``countries`` (ISO codes) when
        given, with counts and first and last dates, most named first."""
        wanted = resolve_place(name)[0] if name else None
        positions = self.select(filters or Filters.of(since, until, categories)).positions
        return place_counts(self.index, None if positions is None else set(positions), wanted, kinds, countries)

    # --- commands -----------------------------------------------------------

    def list(
        self,
        filters: Filters | None = None,
        *,
        since: str | None = None,
        until: str | None = None,
        categories: Sequence[str] = (),
        sort: str = "date",
        reverse: bool = False,
        limit: int | None = None,
        undated: bool = False,
        place: str | None = None,
        speaker: str | None = None,
        dedupe: bool = False,
    ) -> list[Document]:
        """Documents within the filters, by date (oldest first) or by title.

        Undated documents come last, and not at all when a date bound is
        given; with ``undated`` only they are listed.
        """
        if sort not in SORT_KEYS:
            raise UsageError(f"cannot sort by {sort!r}; choose one of: {', '.join(SORT_KEYS)}")
        _check_limit(limit)
        chosen = self.select(filters or Filters.of(since, until, categories, place, speaker, dedupe, undated))
        positions = chosen.positions if chosen.positions is not None else self.index.in_date_order()
        self.hidden = len(chosen.hidden)
        if sort == "title":
            docs = sorted((self.index.documents[p] for p in positions), key=lambda d: (fold(d.title), d.id))
            if reverse:
                docs.reverse()
            return docs[:limit] if limit is not None else docs
        if reverse:
            positions = positions[::-1]
        if limit is not None:
            positions = positions[:limit]
        prefetch = getattr(self.index.documents, "prefetch", None)  # an index that reads documents in batches
        if prefetch is not None and len(positions) <= 10_000:  # more would hold too many in memory at once
            prefetch(positions, bodies=False)
        return [self.index.documents[p] for p in positions]

    def show(self, id_or_prefix: str) -> Document:
        """The document with this id, or the one whose id starts with it."""
        pos = self.index.position(id_or_prefix)
        if pos is not None:
            return self.index.documents[pos]
        candidates = self.index.find_ids(id_or_prefix)
        if not candidates:
            raise NotFound(f"no document has an id starting with {id_or_prefix!r}")
        if len(candidates) > 1:
            shown = ", ".join(candidates[:10]) + (f" and {len(candidates) - 10} more" if len(candidates) > 10 else "")
            raise UsageError(f"{id_or_prefix!r} is ambiguous: it starts {len(candidates)} ids: {shown}")
        return self.index.documents[self.index.position(candidates[0])]

    def find(
        self,
        query: str,
        filters: Filters | None = None,
        *,
        since: str | None = None,
        until: str | None = None,
        categories: Sequence[str] = (),
        limit: int | None = None,
        min_score: float | None = None,
        fuzziness: str = "auto",
        exact: bool = False,
        any_word: bool = False,
        place: str | None = None,
        speaker: str | None = None,
        dedupe: bool = False,
    ) -> search_mod.Result:
        """Hits for ``query`` with how each term was read (see :mod:`corpus_cli.search.execute`)."""
        _check_fuzziness(fuzziness)
        _check_limit(limit)
        if min_score is not None and not math.isfinite(min_score):
            raise UsageError(f"--min-score must be a number, not {min_score}")
        chosen = self.select(filters or Filters.of(since, until, categories, place, speaker, dedupe))
        allowed = None if chosen.positions is None else set(chosen.positions)
        units = None
        if chosen.said is not None:  # only what the speaker said: their statements, not titles
            titles = self.index.title_unit
            units = {titles[p] + 1 + i for p, said in chosen.said.items() for i in said}
        result = search_mod.run(
            self.index, query, allowed=allowed, only=units, hidden=chosen.hidden, fuzziness=fuzziness, exact=exact,
            any_word=any_word, limit=limit, min_score=min_score,
        )
        self.hidden = result.hidden
        return result

    def search(self, query: str, filters: Filters | None = None, **options) -> list[Hit]:
        """Statements (and titles) matching ``query``, best first; options as :meth:`find`."""
        return self.find(query, filters, **options).hits

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
        if sort not in KWIC_SORTS:
            raise UsageError(f"cannot sort by {sort!r}; choose one of: {', '.join(KWIC_SORTS)}")
        if width < 0:
            raise UsageError(f"--width must be 0 or more, not {width}")
        limit = options.pop("limit", None)
        _check_limit(limit)
        found = kwic_mod.sort_lines(kwic_mod.lines(self.search(query, **options), width), sort)
        return found[:limit] if limit is not None else found

    def check(self) -> "CheckSummary":
        """Every file accounted for: how many were indexed, read with warnings, skipped; and
        every word: text coverage (words indexed / words in the files), what rules removed."""
        return check_summary(self.index, self.report)

    def timeline(
        self,
        queries: Sequence[str] = (),
        filters: Filters | None = None,
        *,
        by: str = "year",
        since: str | None = None,
        until: str | None = None,
        categories: Sequence[str] = (),
        per: int | None = None,
        per_million: bool = False,
        **options,
    ) -> list:
        """Documents per period, or statements matching each query, empty periods included.

        With ``per``, each count is also given per that many statements of the
        period (``per=1000``: per thousand statements); with ``per_million``, per million words.
        """
        from corpus_cli.analysis import timeline as tl

        if by not in TIMELINE_BY:
            raise UsageError(f"cannot count by {by!r}; choose one of: {', '.join(TIMELINE_BY)}")
        if per is not None and per <= 0:
            raise UsageError(f"--per must be a positive number, not {per}")
        if per is not None and per_million:
            raise UsageError("--per and --per-million cannot go together: choose statements or words")
        index = self.index
        # the documents the filters keep give the periods and are counted (a query's hits are filtered by search)
        filters = filters or Filters.of(since, until, categories, options.pop("place", None), options.pop("speaker", None),
                                        options.pop("dedupe", False))
        since, until = filters.since, filters.until
        positions = self.select(filters).positions
        positions = [p for p in (positions if positions is not None else index.in_date_order()) if index.doc_dates[p] >= 0]
        queries_hits = {q: self.search(q, filters, **options) for q in queries}
        found, self.imprecise = tl.count(index, positions, by, per, date_range(since, until), queries_hits, per_million)
        return found

    # --- corpus linguistics (see corpus_cli.analysis.linguistics) ----------------------

    def words(self, filters: Filters | None = None, *, stop: Sequence[str] = (), min_count: int = 1,
              limit: int | None = None, by_form: bool = False, translit: bool = False) -> list:
        """The frequency list: each folded word with its count, documents and rate per million
        (``translit``: the spellings of one transliteration as one word)."""
        ling = _linguistics()

        _check_limit(limit)
        return ling.word_list(self.index, self.select(filters or Filters()), stop=stop_list(stop), min_count=min_count,
                              limit=limit, by_form=by_form, translit=translit)

    def ngrams(self, n: int, filters: Filters | None = None, *, containing: str | None = None, stop: Sequence[str] = (),
               min_count: int = 1, limit: int | None = None) -> list:
        """The commonest runs of ``n`` words (2 to 5) within a statement."""
        ling = _linguistics()

        _check_limit(limit)
        return ling.ngram_list(self.index, self.select(filters or Filters()), n, containing=containing,
                               stop=stop_list(stop), min_count=min_count, limit=limit)

    def collocates(self, query: str, filters: Filters | None = None, *, window: int = 5, left: int | None = None,
                   right: int | None = None, measure: str = "logdice", stop: Sequence[str] = (), min_count: int = 2,
                   limit: int | None = None, fuzziness: str = "auto", exact: bool = False) -> list:
        """The words found within a window of the query's matches, by association (``self.nodes``:
        how many matches there were)."""
        ling = _linguistics()

        _check_limit(limit)
        _check_fuzziness(fuzziness)
        left, right = window if left is None else left, window if right is None else right
        if min(left, right) < 0 or not left + right:
            raise UsageError("the window must hold at least one word on one side (--window, --left, --right)")
        found, self.nodes = ling.collocate_list(
            self.index, self.select(filters or Filters()), query, left=left, right=right, measure=measure,
            stop=stop_list(stop), min_count=min_count, limit=limit, fuzziness=fuzziness, exact=exact)
        return found

    def keywords(self, filters: Filters | None = None, reference: Filters | None = None, *, negative: bool = False,
                 stop: Sequence[str] = (), min_count: int = 1, limit: int | None = None) -> list:
        """Keyness of the documents ``filters`` keep against those ``reference`` keeps, or the rest."""
        ling = _linguistics()

        _check_limit(limit)
        target = self.select(filters or Filters())
        if target.positions is None and target.said is None and reference is None:
            raise UsageError("keywords compare a part of the corpus with the rest: give a filter "
                             "(--since, --until, --speaker, --source…) or a reference (--vs-since…)")
        return ling.keyword_list(self.index, target, None if reference is None else self.select(reference),
                                 negative=negative, stop=stop_list(stop), min_count=min_count, limit=limit)

    def stats(self) -> Stats:
        """How many documents, statements and words, and per year, category and type."""
        return corpus_stats(self.index)


def _linguistics():
    """corpus_cli.analysis.linguistics, imported when first used (it brings numpy, 0.05 s)."""
    from corpus_cli.analysis import linguistics

    return linguistics


def _check_fuzziness(fuzziness: str) -> None:
    if fuzziness not in FUZZINESS_CHOICES:
        raise UsageError(f"fuzziness must be one of {', '.join(FUZZINESS_CHOICES)}, not {fuzziness!r}")


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")


def open_corpus(path: str | os.PathLike | None = None, **options) -> Corpus:
    """The corpus of the folder at ``path`` (the bundled one by default): :meth:`Corpus.open`."""
    return Corpus.open(path, **options)
