import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus_cli.language.dates import date_range, parse_doc_date, parse_period
from corpus_cli.errors import UsageError


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Saturday, 02 January 2016 17:52", "2016-01-02T17:52"),
        ("27 September 2017", "2017-09-27"),
        ("July 5, 2019", "2019-07-05"),
        ("Wednesday, 27 September 2017", "2017-09-27"),
        ("2019-07-05", "2019-07-05"),
    ],
)
def test_document_dates(text, iso):
    assert parse_doc_date(text).isoformat() == iso


def test_document_date_not_anchored_finds_the_first():
    assert parse_doc_date("Issued on 3 March 2018 and 4 May 2019", anchored=False).isoformat() == "2018-03-03"
    assert parse_doc_date("Issued on 3 March 2018") is None
    assert parse_doc_date("31 February 2018") is None


D = dt.datetime


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2019", D(2019, 1, 1), D(2019, 12, 31, 23, 59, 59)),
        ("2019-07", D(2019, 7, 1), D(2019, 7, 31, 23, 59, 59)),
        ("2019-02", D(2019, 2, 1), D(2019, 2, 28, 23, 59, 59)),
        ("2020-02", D(2020, 2, 1), D(2020, 2, 29, 23, 59, 59)),
        ("2019-07-05", D(2019, 7, 5), D(2019, 7, 5, 23, 59, 59)),
        ("July 2019", D(2019, 7, 1), D(2019, 7, 31, 23, 59, 59)),
        ("5 July 2019", D(2019, 7, 5), D(2019, 7, 5, 23, 59, 59)),
        ("July 5, 2019", D(2019, 7, 5), D(2019, 7, 5, 23, 59, 59)),
        ("2019-07-05T14:30", D(2019, 7, 5, 14, 30), D(2019, 7, 5, 14, 30, 59)),
        ("2019-07-05 14:30:10", D(2019, 7, 5, 14, 30, 10), D(2019, 7, 5, 14, 30, 10)),
    ],
)
def test_periods(text, start, end):
    assert tuple(parse_period(text)) == (start, end)


@pytest.mark.parametrize("text", ["", "foo", "July", "2019-13", "2019-02-30", "5 July", "0000", "19"])
def test_unreadable_dates(text):
    with pytest.raises(ValueError):
        parse_period(text)


def test_range_errors_name_the_option_and_value():
    with pytest.raises(UsageError, match=r"--until: cannot read 'soon'"):
        date_range("2019", "soon")
    with pytest.raises(UsageError, match=r"--since '2020' is after --until '2019'"):
        date_range("2020", "2019")


def test_same_period_on_both_sides_is_its_whole_span():
    r = date_range("2019-07", "2019-07")
    assert (r.since, r.until) == (D(2019, 7, 1), D(2019, 7, 31, 23, 59, 59))


days = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))


@given(days)
def test_any_iso_day_and_its_month_and_year_nest(day):
    d = parse_period(day.isoformat())
    m = parse_period(day.strftime("%Y-%m"))
    y = parse_period(str(day.year))
    assert y.start <= m.start <= d.start <= d.end <= m.end <= y.end
    assert d.start == D(day.year, day.month, day.day)
    assert d.end - d.start == dt.timedelta(hours=23, minutes=59, seconds=59)


@given(days)
def test_words_and_iso_agree(day):
    assert parse_period(day.strftime("%d %B %Y")) == parse_period(day.isoformat())


@given(st.text(max_size=40))
def test_any_text_is_a_period_or_a_value_error(text):
    try:
        start, end = parse_period(text)
    except ValueError:
        return
    assert start <= end
