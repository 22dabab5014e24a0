"""The index: what search and the other commands read.

Its one implementation answers from a corpus database (:mod:`corpus_cli.index.database`),
read lazily: a command touches only the postings of its query words and reads only the
documents it shows.

Units are what search returns: each document's title, then its statements.
Unit ``g`` belongs to document ``stmt_doc[g]``; it is statement
``stmt_local[g]`` of that document, or its title when that is ``TITLE``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from functools import cached_property

from corpus_cli.document import Document, Statement
from corpus_cli.language.lexicon import Lexicon
from corpus_cli.language.text import fold, tokens


TYPES = ("news", "press release")
TITLE = 0xFFFFFFFF  # stmt_local of a document's title unit
# doc_flags: bit 0 says the title was derived; bits 1-2 how precise the date is.
PRECISION_CODES = {"minute": 0, "day": 1, "month": 2, "year": 3}


def minutes(when: dt.datetime | None) -> int:
    """A date as minutes since 0001-01-01, or -1 for none."""
    if when is None:
        return -1
    return (when.toordinal() * 24 + when.hour) * 60 + when.minute


class Index:
    """What every index offers on top of its arrays and tables (see the module docstring).

    A subclass sets ``documents``, ``doc_ids``, ``doc_dates``, ``stmt_doc``, ``stmt_local``,
    ``stmt_length``, ``title_unit``, ``lexicon``, ``postings``, ``surfaces``, ``dead`` and
    ``columns`` (categories, sources and per-document numbers).
    """

    # --- sizes ------------------------------------------------------------------

    @property
    def vocabulary(self) -> list[str]:
        return self.lexicon.words

    @property
    def unit_count(self) -> int:
        return len(self.stmt_doc)

    @property
    def statement_total(self) -> int:
        """Statements of the live documents."""
        if not self.dead:
            return self.unit_count - len(self.doc_ids)
        return sum(1 for p in self.stmt_doc if p not in self.dead) - len(self.live)

    @cached_property
    def live(self) -> list[int]:
        """Positions of the documents that count (all but the dead)."""
        return [p for p in range(len(self.doc_ids)) if p not in self.dead]

    @cached_property
    def avg_length(self) -> float:
        n = len(self.stmt_length)
        return sum(self.stmt_length) / n if n else 0.0

    # --- documents ----------------------------------------------------------------

    @cached_property
    def _position(self) -> dict[str, int]:
        return {self.doc_ids[p]: p for p in self.live}

    def position(self, doc_id: str) -> int | None:
        return self._position.get(doc_id)

    def find_ids(self, prefix: str) -> list[str]:
        return sorted(self.doc_ids[p] for p in self.live if self.doc_ids[p].startswith(prefix))

    @cached_property
    def by_date(self) -> tuple[list[int], list[int], list[int]]:
        """(dated positions in date order, their dates, undated positions in id order).

        Documents of the same minute keep the order of their files.
        """
        dates = self.doc_dates
        live = self.live if self.dead else range(len(dates))
        order = sorted((p for p in live if dates[p] >= 0), key=dates.__getitem__)  # stable: file order within a minute
        undated = sorted((self.doc_ids[p], p) for p in live if dates[p] < 0)
        return order, [dates[p] for p in order], [p for _, p in undated]

    def in_date_order(self) -> list[int]:
        dated, _, undated = self.by_date
        return dated + undated

    def date_end(self, pos: int) -> int:
        """The last minute of the period a document's date stands for (a year, a month, a day)."""
        start = self.doc_dates[pos]
        precision = self.columns.doc_flags[pos] >> 1
        if precision == PRECISION_CODES["minute"]:
            return start
        day = dt.date.fromordinal(start // 1440)
        if precision == PRECISION_CODES["month"]:
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        elif precision == PRECISION_CODES["year"]:
            day = day.replace(month=12, day=31)
        return day.toordinal() * 1440 + 1439

    def date_label(self, pos: int) -> str | None:
        """A document's date at its precision: 2020, 2020-03 or 2020-03-05 (a time is left out)."""
        start = self.doc_dates[pos]
        if start < 0:
            return None
        day = dt.date.fromordinal(start // 1440).isoformat()
        precision = self.columns.doc_flags[pos] >> 1
        if precision == PRECISION_CODES["year"]:
            return day[:4]
        return day[:7] if precision == PRECISION_CODES["month"] else day

    def date_slice(self, since: dt.datetime | None, until: dt.datetime | None) -> list[int]:
        """Positions of the documents whose date falls within the bounds, in date order.

        A date known only to the month or the year is a period: it counts when
        it overlaps the bounds (``--since 2020-06`` takes a document of 2020).
        """
        order, dates, _ = self.by_date
        lo = bisect.bisect_left(dates, minutes(since)) if since else 0
        hi = bisect.bisect_right(dates, minutes(until)) if until else len(dates)
        before = []
        if since:  # periods that start before the bound and reach into it (a year at most)
            first, earliest = minutes(since), minutes(since - dt.timedelta(days=366))
            n = lo - 1
            while n >= 0 and dates[n] >= earliest:
                if self.date_end(order[n]) >= first:
                    before.append(order[n])
                n -= 1
            before.reverse()
        return before + order[lo:max(lo, hi)]

    def category_of(self, pos: int) -> str | None:
        return self.columns.categories[self.columns.doc_category[pos]] or None

    def type_of(self, pos: int) -> str:
        return TYPES[self.columns.doc_type[pos]]

    def title_derived(self, pos: int) -> bool:
        return bool(self.columns.doc_flags[pos] & 1)

    def field_values(self, field: str) -> dict[str, list[int]]:
        """Each distinct value of ``category`` or ``source`` with the positions that have it."""
        numbers, names = (
            (self.columns.doc_category, self.columns.categories)
            if field == "category"
            else (self.columns.doc_source, self.columns.sources)
        )
        values: dict[str, list[int]] = {}
        for pos in self.live:
            if n := numbers[pos]:
                values.setdefault(names[n], []).append(pos)
        return values

    def field_lexicon(self, field: str) -> Lexicon:
        if field not in self._field_lexicons:
            names = self.columns.categories if field == "category" else self.columns.sources
            self._field_lexicons[field] = Lexicon.of(fold(t.text) for v in names for t in tokens(v))
        return self._field_lexicons[field]

    # --- units --------------------------------------------------------------------

    def documents_of(self, units) -> dict[int, int]:
        """Unit -> the position of its document, for many units at once."""
        title_unit = self.title_unit
        return {g: bisect.bisect_right(title_unit, g) - 1 for g in units}

    def is_title(self, g: int) -> bool:
        return self.stmt_local[g] == TITLE

    def unit(self, g: int) -> tuple[Document, Statement]:
        """The document of unit ``g`` and the unit as a Statement.

        A title is a Statement whose index is None, with offsets into the title.
        """
        doc = self.documents[self.stmt_doc[g]]
        local = self.stmt_local[g]
        if local == TITLE:
            return doc, Statement(None, 0, len(doc.title), doc.title)
        return doc, doc.statement(local)

    def unit_text(self, g: int) -> str:
        return self.unit(g)[1].text
