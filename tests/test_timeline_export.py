"""corpus timeline and corpus export on the bundled corpus."""

import csv
import io
import json

import pytest

from corpus_cli.errors import UsageError
from corpus_cli.analysis.timeline import periods

YEARS = [  # documents, statements and words (as corpus list gives each document's) per year
    ("2016", "2016-01-01", "2016-12-31", "documents", 2, 20, 330 + 293, None),
    ("2017", "2017-01-01", "2017-12-31", "documents", 1, 12, 297, None),
    ("2018", "2018-01-01", "2018-12-31", "documents", 0, 0, 0, None),
    ("2019", "2019-01-01", "2019-12-31", "documents", 1, 10, 296, None),
    ("2020", "2020-01-01", "2020-12-31", "documents", 1, 10, 295, None),
]


def test_documents_per_year_with_the_empty_year(corpus):
    assert [tuple(r) for r in corpus.timeline()] == YEARS


def test_statements_per_query_side_by_side_per_thousand(corpus):
    rows = corpus.timeline(["Aleppo", "Idlib"], per=1000)
    assert [(r.period, r.series, r.count, r.rate) for r in rows] == [
        ("2016", "Aleppo", 5, 250.0), ("2017", "Aleppo", 0, 0.0), ("2018", "Aleppo", 0, 0.0),
        ("2019", "Aleppo", 1, 100.0), ("2020", "Aleppo", 1, 100.0),
        ("2016", "Idlib", 0, 0.0), ("2017", "Idlib", 0, 0.0), ("2018", "Idlib", 0, 0.0),
        ("2019", "Idlib", 2, 200.0), ("2020", "Idlib", 0, 0.0),
    ]


def test_statements_per_million_words_of_the_period(corpus, invoke):
    rows = corpus.timeline(["Aleppo", "Idlib"], per_million=True)
    assert [(r.period, r.series, r.count, r.rate) for r in rows if r.count] == [
        ("2016", "Aleppo", 5, round(5e6 / 623, 3)), ("2019", "Aleppo", 1, round(1e6 / 296, 3)),
        ("2020", "Aleppo", 1, round(1e6 / 295, 3)), ("2019", "Idlib", 2, round(2e6 / 296, 3)),
    ]
    r = invoke("timeline", "-q", "Aleppo", "--per-million", "--per", "10")
    assert r.exit_code == 2 and "--per and --per-million cannot go together" in r.stderr


def test_months_and_weeks_within_bounds(corpus):
    rows = corpus.timeline(["Aleppo"], by="month", since="2016-11", until="2017-02")
    assert [(r.period, r.count) for r in rows] == [("2016-11", 0), ("2016-12", 5), ("2017-01", 0), ("2017-02", 0)]
    assert [p.label for p in periods(__import__("datetime").date(2019, 12, 30), __import__("datetime").date(2020, 1, 12), "week")] == [
        "2020-W01", "2020-W02",
    ]
    with pytest.raises(UsageError):
        corpus.timeline(by="day")


def test_timeline_cli(invoke):
    r = invoke("timeline")
    assert r.stdout.splitlines() == ["period  documents", "2016    2", "2017    1", "2018    0", "2019    1", "2020    1"]
    rows = list(csv.DictReader(io.StringIO(invoke("timeline", "-q", "Aleppo", "-q", "Idlib", "--format", "csv").stdout)))
    assert [(r["period"], r["series"], r["count"]) for r in rows][:2] == [("2016", "Aleppo", "5"), ("2017", "Aleppo", "0")]
    data = json.loads(invoke("timeline", "--json").stdout)
    assert [tuple(d.values()) for d in data] == YEARS
    r = invoke("timeline", "Homs")
    assert r.exit_code == 1
    r = invoke("timeline", "Aleppo", env={"FORCE_COLOR": "1", "COLUMNS": "100"})
    assert "█" in r.stdout and "\x1b[" in r.stdout


def test_export_documents_and_statements(invoke):
    lines = invoke("export").stdout.splitlines()
    docs = [json.loads(x) for x in lines]
    assert [d["id"][:3] for d in docs] == ["000", "002", "001", "003", "004"]
    assert docs[0]["statements"][8]["text"] == "They have endured and thwarted the Russian attack for three months."
    rows = list(csv.DictReader(io.StringIO(invoke("export", "--statements", "--format", "csv", "--since", "2020").stdout)))
    assert len(rows) == 10
    assert (rows[0]["id"], rows[0]["statement_index"], rows[0]["start"], rows[0]["end"]) == ("004_375b785a8374fdba", "0", "0", "243")
    assert invoke("export", "--since", "2021").exit_code == 1
    assert [json.loads(x)["id"][:3] for x in invoke("export", "--limit", "2").stdout.splitlines()] == ["000", "002"]


def test_export_kwic_and_timeline_take_the_document_filters(invoke):
    r = invoke("export", "--place", "Idlib", "--format", "jsonl")
    assert [json.loads(line)["id"] for line in r.stdout.splitlines()] == ["003_7e59c539d2ddab83", "004_375b785a8374fdba"]
    r = invoke("kwic", "Assad", "--speaker", "Yasser Farhan")
    assert [line.split()[0] for line in r.stdout.splitlines()] == [
        "001_6bce3e69434a3938#8", "001_6bce3e69434a3938#9", "001_6bce3e69434a3938#11",
    ]
    assert invoke("timeline", "--place", "Idlib").stdout == "period  documents\n2019    1\n2020    1\n"
    assert invoke("timeline", "Assad", "--place", "Idlib").stdout == "period  Assad\n2019    3\n2020    3\n"
    r = invoke("export", "--place", "Nowhere-at-all")
    assert (r.exit_code, r.stderr) == (2, "corpus: error: no place called 'Nowhere-at-all' in the gazetteer; see corpus places\n")
