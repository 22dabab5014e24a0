"""Dates as Arabic writes them: "دمشق، ٥ أيار ٢٠١٩", "الأحد 3 فبراير/شباط 2013", "1 رمضان 1440 هـ".

Months have several sets of names: the Levantine and Iraqi (كانون الثاني … كانون الأول), those taken
from French and English in Egypt and the Gulf (يناير … ديسمبر), the Maghreb's (جانفي، فيفري…);
news often writes two ("فبراير/شباط"). Digits may be Arabic-Indic or Persian. A Hijri date (its
months محرم … ذو الحجة, a year of 1300 to 1599, هـ after it) is converted with hijridate (the
Umm al-Qura calendar); where the text gives the Gregorian date too, that one is taken.

Patterns run on the text with its digits and letter forms made plain one character for one
(:data:`PLAIN`), so that what they find has the text's own offsets.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

# One character for one: Arabic-Indic and Persian digits, the forms of alef, ى and ة.
PLAIN = str.maketrans({**{chr(0x0660 + n): str(n) for n in range(10)}, **{chr(0x06F0 + n): str(n) for n in range(10)},
                       "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})

GREGORIAN = {
    1: "كانون الثاني|يناير|جانفي|جانفييه", 2: "شباط|فبراير|فيفري", 3: "آذار|مارس", 4: "نيسان|أبريل|إبريل|أفريل",
    5: "أيار|مايو|ماي", 6: "حزيران|يونيو|يونيه|جوان", 7: "تموز|يوليو|يوليه|جويلية|يوليوز", 8: "آب|أغسطس|أوت|غشت",
    9: "أيلول|سبتمبر|شتنبر", 10: "تشرين الأول|أكتوبر", 11: "تشرين الثاني|نوفمبر|نونبر", 12: "كانون الأول|ديسمبر|دجنبر",
}
HIJRI = {
    1: "محرم", 2: "صفر", 3: "ربيع الأول", 4: "ربيع الآخر|ربيع الثاني", 5: "جمادى الأولى",
    6: "جمادى الآخرة|جمادى الثانية", 7: "رجب", 8: "شعبان", 9: "رمضان", 10: "شوال", 11: "ذو القعدة|ذي القعدة",
    12: "ذو الحجة|ذي الحجة",
}
WEEKDAYS = "الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت"


def _names(table: dict[int, str]) -> dict[str, int]:
    return {name.translate(PLAIN): month for month, names in table.items() for name in names.split("|")}


GREGORIAN_NAMES = _names(GREGORIAN)
HIJRI_NAMES = _names(HIJRI)


def _alternation(names) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


@functools.cache
def patterns() -> tuple[re.Pattern, re.Pattern]:
    """(Gregorian, Hijri) dates on plain text: day, month (perhaps in two names), year."""
    weekday = rf"(?:(?:{WEEKDAYS.translate(PLAIN)})\s*[،,]?\s+)?"
    months = _alternation(GREGORIAN_NAMES)
    gregorian = re.compile(
        rf"{weekday}(?P<day>\d{{1,2}})\s*(?P<month>{months})(?:\s*[/(]\s*(?:{months})\s*\)?)?\s*[،,]?\s*"
        rf"(?P<year>\d{{4}})(?!\d)(?:\s*م(?![\w]))?(?:\s*[،,]?\s*(?:الساعه\s+)?(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}}))?"
    )
    hijri = re.compile(
        rf"{weekday}(?P<day>\d{{1,2}})\s*(?P<hmonth>{_alternation(HIJRI_NAMES)})\s*[،,]?\s*(?P<year>1[345]\d\d)(?!\d)"
        rf"(?:\s*(?:هـ|ه)(?![\w]))?"
    )
    return gregorian, hijri


def date_of(m: re.Match) -> tuple[dt.datetime, bool] | None:
    """The date of a match of :func:`patterns` (a Hijri one converted), and whether it had a time."""
    day, year = int(m.group("day")), int(m.group("year"))
    if "hmonth" in m.re.groupindex:
        try:
            from hijridate import Hijri

            g = Hijri(year, HIJRI_NAMES[_plain_name(m.group("hmonth"))], day).to_gregorian()
        except (ValueError, OverflowError):
            return None
        return dt.datetime(g.year, g.month, g.day), False
    hour, minute = m.group("hour"), m.group("minute")
    try:
        value = dt.datetime(year, GREGORIAN_NAMES[_plain_name(m.group("month"))], day, int(hour or 0), int(minute or 0))
    except ValueError:
        return None
    return value, hour is not None


def _plain_name(text: str) -> str:
    return " ".join(text.split())


# What joins two dates of one day: "1 رمضان 1440 هـ الموافق 6 مايو 2019", "… - …", "(…)".
JOINED = re.compile(r"\s*(?:[-–—،,/|(]|الموافق|الموافقه|الموافق\s+ل)?\s*")


def find(text: str, anchored: bool) -> tuple[int, int, dt.datetime, bool] | None:
    """(start, end, date, whether it has a time) of the first Arabic date in ``text`` (at its start
    with ``anchored``): a date given twice, Hijri and Gregorian, is one, and its Gregorian day."""
    plain = text.translate(PLAIN)
    gregorian, hijri = patterns()
    matches = [m for m in ((p.match(plain) if anchored else p.search(plain)) for p in (gregorian, hijri)) if m]
    if not matches:
        return None
    first = min(matches, key=lambda m: m.start())
    other = (hijri if first.re is gregorian else gregorian).match(plain, JOINED.match(plain, first.end()).end())
    found = date_of(other if first.re is hijri and other is not None else first)
    if found is None:
        return None
    return first.start(), max(first.end(), other.end() if other else 0), *found
