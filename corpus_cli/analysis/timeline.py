"""Counts per period: documents, or statements matching a query, with empty periods kept.

Periods are years (``2016``), months (``2016-01``) or ISO weeks (``2016-W01``).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple



class Period(NamedTuple):
    label: str
    start: dt.date
    end: dt.date  # last day


def period_of(day: dt.date, by: str) -> dt.date:
    """The first day of the period that holds ``day``."""
    if by == "year":
        return dt.date(day.year, 1, 1)
    if by == "month":
        return dt.date(day.year, day.month, 1)
    return day - dt.timedelta(days=day.weekday())  # ISO weeks start on Monday


def _next(start: dt.date, by: str) -> dt.date:
    if by == "year":
        return dt.date(start.year + 1, 1, 1)
    if by == "month":
        return dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start + dt.timedelta(days=7)


def _label(start: dt.date, by: str) -> str:
    if by == "year":
        return str(start.year)
    if by == "month":
        return f"{start.year}-{start.month:02d}"
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02d}"


def periods(first: dt.date, last: dt.date, by: str) -> list[Period]:
    """Every period from the one holding ``first`` to the one holding ``last``."""
    found = []
    start = period_of(first, by)
    while start <= last:
        following = _next(start, by)
        found.append(Period(_label(start, by), start, following - dt.timedelta(days=1)))
        start = following
    return found


class Row(NamedTuple):
    """One period of one series (``documents``, or a query)."""

    period: str
    start: str
    end: str
    series: str
    count: int
    statements: int  # statements of the documents dated in the period
    words: int  # words of the documents dated in the period
    rate: float | None  # count per ``per`` statements (--per), or per million words (--per-million)


def rows(
    spans: list[Period], series: dict[str, list[dt.date]], statements: dict[dt.date, int], by: str, per: int | None,
    words: dict[dt.date, int] | None = None, per_million: bool = False,
) -> list[Row]:
    """Rows for every period and series, given the dates of what each series counts: with ``per``,
    the count per that many statements of the period; with ``per_million``, per million of its words."""
    out = []
    words = words or {}
    for name, days in series.items():
        counts: dict[dt.date, int] = {}
        for day in days:
            key = period_of(day, by)
            counts[key] = counts.get(key, 0) + 1
        for p in spans:
            n = counts.get(p.start, 0)
            total, size = statements.get(p.start, 0), words.get(p.start, 0)
            if per_million:
                rate = round(n * 1_000_000 / size, 3) if size else 0.0
            else:
                rate = round(n * per / total, 3) if per and total else (0.0 if per else None)
            out.append(Row(p.label, p.start.isoformat(), p.end.isoformat(), name, n, total, size, rate))
    return out


def count(index, positions: list[int], by: str, per: int | None, bounds, queries: dict,
          per_million: bool = False) -> tuple[list, int]:
    """The rows of a timeline over the dated documents at ``positions`` (in date order), and how
    many were left out because their date is coarser than the periods.

    ``bounds`` (since, until) fix the first and last period when given; ``queries`` maps each
    query to its hits (counted as statements), or is empty to count documents.
    """
    from corpus_cli.index.base import PRECISION_CODES

    # a document known only to the year cannot be counted in a month (nor one known to the month in a week)
    coarse = {"year": (), "month": (PRECISION_CODES["year"],), "week": (PRECISION_CODES["year"], PRECISION_CODES["month"])}[by]
    flags = index.columns.doc_flags
    precise = [p for p in positions if flags[p] >> 1 not in coarse]
    imprecise, positions = len(positions) - len(precise), precise
    kept = set(positions)
    day = lambda p: dt.date.fromordinal(index.doc_dates[p] // 1440)  # noqa: E731
    if not positions and not (bounds.since and bounds.until):
        return [], imprecise
    first = bounds.since.date() if bounds.since else day(positions[0])
    last = bounds.until.date() if bounds.until else day(positions[-1])
    spans = periods(first, last, by)
    titles = index.title_unit
    statements: dict[dt.date, int] = {}
    words: dict[dt.date, int] = {}
    doc_words = index.columns.doc_words
    for p in positions:
        end = titles[p + 1] if p + 1 < len(titles) else index.unit_count
        key = period_of(day(p), by)
        statements[key] = statements.get(key, 0) + end - titles[p] - 1
        words[key] = words.get(key, 0) + doc_words[p]
    if not queries:
        series = {"documents": [day(p) for p in positions]}
    else:
        series = {
            q: [day(pos) for h in hits if h.statement.index is not None and (pos := index.position(h.document.id)) in kept]
            for q, hits in queries.items()
        }
    return rows(spans, series, statements, by, per, words, per_million), imprecise
