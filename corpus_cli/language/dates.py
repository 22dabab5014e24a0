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

from corpus_cli.errors import UsageError
from corpus_cli.language.arabic import is_arabic

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
# reading an index database never needs them.
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


PRECISIONS = ("minute", "day", "month", "year")


class DocDate(NamedTuple):
    """A document's date: the first minute of a period and how precise it is.

    ``precision`` is ``minute`` (the text gave the time), ``day``, ``month``
    or ``year``: a date known only to the year (``SYR_75_2020.txt``) stands
    for the whole year, and the date filters treat it as that period.
    """

    value: dt.datetime
    precision: str = "day"

    @property
    def has_time(self) -> bool:
        return self.precision == "minute"

    def isoformat(self) -> str:
        v = self.value
        text = f"{v.year:04d}"
        if self.precision != "year":
            text += f"-{v.month:02d}"
        if self.precision in ("day", "minute"):
            text += f"-{v.day:02d}"
        if self.precision == "minute":
            text += f"T{v.hour:02d}:{v.minute:02d}"
        return text

    @property
    def end(self) -> dt.datetime:
        """The last second of the period the date stands for."""
        v = self.value
        if self.precision == "minute":
            return v.replace(second=59)
        return _period(v.year, None if self.precision == "year" else v.month,
                       v.day if self.precision == "day" else None, None).end

    def within(self, other: "DocDate") -> bool:
        """Whether this date lies inside the period of ``other``."""
        return other.value <= self.value and self.end <= other.end

    @classmethod
    def fromisoformat(cls, text: str) -> "DocDate":
        """The inverse of :meth:`isoformat`."""
        precision = {4: "year", 7: "month", 10: "day"}.get(len(text), "minute")
        if precision == "year":
            return cls(dt.datetime(int(text), 1, 1), precision)
        if precision == "month":
            return cls(dt.datetime(int(text[:4]), int(text[5:7]), 1), precision)
        return cls(dt.datetime.fromisoformat(text), precision)


class _Found(NamedTuple):
    start: int
    end: int
    date: DocDate


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
    return DocDate(value, "minute" if hour is not None else "day")


def _doc_date_match(text: str, anchored: bool) -> _Found | None:
    """The first date in ``text`` (at its start with ``anchored``), in English or in Arabic. Of an
    Arabic date given twice, Hijri and Gregorian, the Gregorian is taken and the two are one."""
    best = None
    for pattern in _doc_date_patterns():
        m = pattern.match(text) if anchored else pattern.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is not None or not is_arabic(text):
        found = _from_match(best) if best is not None else None
        return _Found(best.start(), best.end(), found) if found is not None else None
    from corpus_cli.language.arabic_dates import find

    arabic = find(text, anchored)
    if arabic is None:
        return None
    start, end, value, timed = arabic
    return _Found(start, end, DocDate(value, "minute" if timed else "day"))


def parse_doc_date(text: str, *, anchored: bool = True) -> DocDate | None:
    """Read a date written the way press releases write it, in English or in Arabic.

    With ``anchored`` the date must start ``text``; otherwise the first date
    anywhere in ``text`` is taken.
    """
    best = _doc_date_match(text, anchored)
    return best.date if best else None


def plausible(date: DocDate, today: dt.date | None = None) -> str | None:
    """Why a date read from a file name or a dateline cannot be a document's date, or None.

    Before 1600, or more than a year after today, it is a number that only
    looks like a date (an explicit date field is trusted instead).
    """
    today = today or dt.date.today()
    if date.value.year < 1600:
        return "before 1600"
    if date.value.date() > today + dt.timedelta(days=366):
        return "more than a year from today"
    return None


def parse_field_date(value: str, dayfirst: bool = False) -> DocDate | None:
    """A date from a field (a sidecar, a JSON or CSV column): ISO 8601, a date in words, or
    numbers (month first unless ``dayfirst``), at the precision written (``2019`` is a year)."""
    value = value.strip()
    if not value:
        return None
    found = parse_doc_date(value)
    if found is not None:
        return found
    from dateutil import parser

    # dateutil fills missing parts from a default; two defaults that differ in
    # every part show which parts the value gave.
    try:
        a = parser.parse(value, dayfirst=dayfirst, default=dt.datetime(2000, 1, 1, 0, 0))
        b = parser.parse(value, dayfirst=dayfirst, default=dt.datetime(2004, 2, 2, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if a.year != b.year:
        return None
    a = a.replace(tzinfo=None, second=0, microsecond=0)
    if a.month != b.month:
        return DocDate(a.replace(month=1, day=1, hour=0, minute=0), "year")
    if a.day != b.day:
        return DocDate(a.replace(day=1, hour=0, minute=0), "month")
    if a.hour != b.hour or a.minute != b.minute:
        return DocDate(a.replace(hour=0, minute=0), "day")
    return DocDate(a, "minute")


# --- dates in datelines ----------------------------------------------------------

# A line that is a date and nothing else, perhaps after a label: "July 5, 2019",
# "Friday, 5 July 2019 10:00", "Posted on 4 May 2019.", "Date: 2019-05-04".
_LABEL = re.compile(
    r"(?:(?:posted|published|released|issued|sent|dated)(?:\s+on)?|date|release date)\s*:?\s+", re.IGNORECASE
)
# A dateline opening the first paragraph: "WASHINGTON, D.C. (July 5, 2019) – …", "July 5, 2019 - …",
# "دمشق، ٥ أيار ٢٠١٩ – …" (a place of up to three words in Arabic script and its comma).
_PLACE = re.compile(r"(?:[A-Z][A-Z.’'-]*(?:[ ,]+[A-Z][A-Z.’'-]*)*,?\s*(?:[-–—]\s*)?|[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,2}\s*[،,]\s*)?\(?")
_AFTER_DATELINE = re.compile(r"\)?\s*(?:[-–—:]|$)")


def date_line(line: str) -> DocDate | None:
    """The date of a line that holds only a date (and perhaps a label such as "Posted on")."""
    line = line.strip(" .,:-–—()")
    if len(line) > 60:
        return None
    m = _LABEL.match(line)
    if m:
        line = line[m.end():]
    found = _doc_date_match(line, True)
    if found is None or line[found.end:].strip(" .,:-–—()،"):
        return None
    return found.date


def opening_dateline(paragraph: str) -> DocDate | None:
    """The date of a dateline that opens a paragraph: ``WASHINGTON, July 5, 2019 – …``."""
    head = _PLACE.match(paragraph)
    at = head.end() if head else 0
    found = _doc_date_match(paragraph[at : at + 60], True)
    if found is None or not _AFTER_DATELINE.match(paragraph, at + found.end):
        return None
    return found.date


# --- dates in file and folder names ---------------------------------------------------

_MONTH_NAME = rf"(?P<month>{_MONTH})(?![a-z])"


@functools.cache
def _name_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """Date forms of file and folder names, most precise first."""
    flags = re.IGNORECASE
    return (
        # 2005-08-01_3, release_2005_08_01, 2019/07/05 (folders), 2005.08.01
        (re.compile(r"(?<![0-9])(?P<year>\d{4})(?P<sep>[-_./ ])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![0-9])"), "day"),
        # 20050801-x
        (re.compile(r"(?<![0-9A-Za-z])(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?![0-9])"), "day"),
        # 10Apr2007akaka175, 10-April-2007
        (re.compile(rf"(?<![0-9])(?P<day>\d{{1,2}})[-_. ]?{_MONTH_NAME}\.?[-_. ]?(?P<year>\d{{4}})(?![0-9])", flags), "day"),
        # Aug-1-2005-3, August_01_2005
        (re.compile(rf"(?<![a-z]){_MONTH_NAME}\.?[-_. ]?(?P<day>\d{{1,2}})[-_., ]+(?P<year>\d{{4}})(?![0-9])", flags), "day"),
        # 2019-07, 2019/07
        (re.compile(r"(?<![0-9])(?P<year>\d{4})[-_./](?P<month>\d{1,2})(?![0-9])"), "month"),
        # Jul2019, July-2019
        (re.compile(rf"(?<![a-z]){_MONTH_NAME}\.?[-_. ]?(?P<year>\d{{4}})(?![0-9])", flags), "month"),
        # CCC_75_2020, Session 75 - 2020
        (re.compile(r"(?<![0-9A-Za-z])(?P<year>\d{4})(?![0-9A-Za-z])"), "year"),
    )


# A run of hexadecimal digits, letters and digits mixed, as long as a hash: no date is in it.
_HASH = re.compile(r"(?<![0-9A-Za-z])(?=[0-9a-fA-F]*[a-fA-F])(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{12,}(?![0-9A-Za-z])")


def date_in_name(name: str) -> DocDate | None:
    """The date a file or folder name gives (``10Apr2007akaka175``, ``2005-08-01_3``,
    ``CCC_75_2020`` as the year 2020), or None; not checked for plausibility.

    A year alone counts only when the name holds one year (``2019_2020`` gives none).
    """
    name = _HASH.sub(" ", name)  # 3e1c546575f83025 holds 5465 and dec6777 by chance
    for pattern, precision in _name_patterns():
        found = []
        for m in pattern.finditer(name):
            parts = m.groupdict()
            month = parts.get("month")
            month = (int(month) if month.isdigit() else MONTHS[month.lower()]) if month else 1
            try:
                value = dt.datetime(int(parts["year"]), month, int(parts.get("day") or 1))
            except ValueError:
                continue
            if not 1000 <= value.year <= 2999:  # not a year a name would hold
                continue
            found.append(DocDate(value, precision))
            if precision != "year":
                return found[0]
        if len(set(found)) == 1:
            return found[0]
    return None


# --- bounds given by the user -------------------------------------------------

_YEAR = re.compile(r"^(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$")

DATE_HELP = "2019, 2019-07, 2019-07-05, 2019-07-05T14:30, 'July 2019' or '5 July 2019'"


class DateSpan(NamedTuple):
    """The first and last second a date written by the user stands for."""

    start: dt.datetime
    end: dt.datetime


def _period(year: int, month: int | None, day: int | None, time: tuple | None) -> DateSpan:
    if month is None:
        return DateSpan(dt.datetime(year, 1, 1), dt.datetime(year, 12, 31, 23, 59, 59))
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return DateSpan(dt.datetime(year, month, 1), dt.datetime(year, month, last, 23, 59, 59))
    if time is None:
        return DateSpan(dt.datetime(year, month, day), dt.datetime(year, month, day, 23, 59, 59))
    hour, minute, second = time
    start = dt.datetime(year, month, day, hour, minute, second or 0)
    end = start if second is not None else start.replace(second=59)
    return DateSpan(start, end)


def _free_form(text: str) -> DateSpan:
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


def parse_period(text: str) -> DateSpan:
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


def _bound(option: str, value: str) -> DateSpan:
    try:
        return parse_period(value)
    except ValueError as exc:
        raise UsageError(
            f"invalid value for {option}: cannot read {value!r} as a date ({exc}); try {DATE_HELP}"
        ) from None
