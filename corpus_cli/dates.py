"""Dates: reading them in documents and turning user input into bounds.

A bound given with less precision than a second covers its whole period:
``--since 2019`` starts at 2019-01-01 00:00:00 and ``--until 2019`` ends at
2019-12-31 23:59:59.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import NamedTuple

from .errors import UsageError

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"

# Dates as press releases write them: "Saturday, 02 January 2016 17:52",
# "27 September 2017", "July 5, 2019", "Jan. 5 2019". Compiled on first use:
# reading a snapshot never needs them.
@functools.cache
def _doc_date_patterns() -> tuple[re.Pattern, ...]:
    day_month_year = re.compile(
        rf"\b(?:{_WEEKDAY},?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?,?\s+"
        rf"(?P<year>\d{{4}})(?:,?\s+(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}}))?\b",
        re.IGNORECASE,
    )
    month_day_year = re.compile(
        rf"\b(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        rf"(?P<year>\d{{4}})(?:,?\s+(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}}))?\b",
        re.IGNORECASE,
    )
    iso = re.compile(
        r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?\b"
    )
    return day_month_year, month_day_year, iso


class DocDate(NamedTuple):
    """A document's date; ``has_time`` says whether the text gave the time."""

    value: dt.datetime
    has_time: bool

    def isoformat(self) -> str:
        if self.has_time:
            return self.value.strftime("%Y-%m-%dT%H:%M")
        return self.value.strftime("%Y-%m-%d")


def _from_match(m: re.Match) -> DocDate | None:
    month = m.group("month")
    month = int(month) if month.isdigit() else MONTHS[month.lower()]
    hour, minute = m.group("hour"), m.group("minute")
    try:
        value = dt.datetime(
            int(m.group("year")), month, int(m.group("day")), int(hour or 0), int(minute or 0)
        )
    except ValueError:
        return None
    return DocDate(value, hour is not None)


def parse_doc_date(text: str, *, anchored: bool = True) -> DocDate | None:
    """Read a date written the way press releases write it.

    With ``anchored`` the date must start ``text``; otherwise the first date
    anywhere in ``text`` is taken.
    """
    best = None
    for pattern in _doc_date_patterns():
        m = pattern.match(text) if anchored else pattern.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    return _from_match(best) if best else None


# --- bounds given by the user -------------------------------------------------

_YEAR = re.compile(r"^(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$")

DATE_HELP = "2019, 2019-07, 2019-07-05, 2019-07-05T14:30, 'July 2019' or '5 July 2019'"


class Period(NamedTuple):
    """The first and last second a date written by the user stands for."""

    start: dt.datetime
    end: dt.datetime


def _period(year: int, month: int | None, day: int | None, time: tuple | None) -> Period:
    if month is None:
        return Period(dt.datetime(year, 1, 1), dt.datetime(year, 12, 31, 23, 59, 59))
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return Period(dt.datetime(year, month, 1), dt.datetime(year, month, last, 23, 59, 59))
    if time is None:
        return Period(dt.datetime(year, month, day), dt.datetime(year, month, day, 23, 59, 59))
    hour, minute, second = time
    start = dt.datetime(year, month, day, hour, minute, second or 0)
    end = start if second is not None else start.replace(second=59)
    return Period(start, end)


def _free_form(text: str) -> Period:
    """Dates in words, read by python-dateutil, at the precision given.

    dateutil fills missing parts from a default; parsing against two
    defaults that differ in every part shows which parts the text gave.
    """
    from dateutil import parser

    first = dt.datetime(2000, 1, 1, 0, 0, 0)
    second = dt.datetime(2004, 2, 2, 1, 1, 1)
    try:
        a = parser.parse(text, default=first)
        b = parser.parse(text, default=second)
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValueError(str(exc)) from None
    if a.year != b.year:
        raise ValueError("no year given")
    month = a.month if a.month == b.month else None
    day = a.day if a.day == b.day else None
    if day is not None and month is None:
        raise ValueError("a day without a month")
    has_time = a.hour == b.hour and a.minute == b.minute
    time = (a.hour, a.minute, a.second if a.second == b.second else None) if has_time else None
    if time is not None and day is None:
        raise ValueError("a time without a day")
    return _period(a.year, month, day, time)


def parse_period(text: str) -> Period:
    """Read a date the user typed; raise ``ValueError`` if it cannot be read."""
    text = text.strip()
    if not text:
        raise ValueError("empty date")
    try:
        if m := _YEAR.match(text):
            return _period(int(m[1]), None, None, None)
        if m := _YEAR_MONTH.match(text):
            return _period(int(m[1]), int(m[2]), None, None)
        if m := _DATE.match(text):
            return _period(int(m[1]), int(m[2]), int(m[3]), None)
        if m := _DATETIME.match(text):
            second = int(m[6]) if m[6] is not None else None
            return _period(int(m[1]), int(m[2]), int(m[3]), (int(m[4]), int(m[5]), second))
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise ValueError(str(exc)) from None
    if not re.search(r"\d{4}", text):
        raise ValueError("no four-digit year")
    return _free_form(text)


class DateRange(NamedTuple):
    since: dt.datetime | None
    until: dt.datetime | None


def date_range(since: str | None, until: str | None) -> DateRange:
    """Bounds from ``--since``/``--until`` text; a usage error names the culprit."""
    start = end = None
    if since is not None:
        start = _bound("--since", since).start
    if until is not None:
        end = _bound("--until", until).end
    if start and end and start > end:
        raise UsageError(f"--since {since!r} is after --until {until!r}")
    return DateRange(start, end)


def _bound(option: str, value: str) -> Period:
    try:
        return parse_period(value)
    except ValueError as exc:
        raise UsageError(
            f"invalid value for {option}: cannot read {value!r} as a date ({exc}); try {DATE_HELP}"
        ) from None
