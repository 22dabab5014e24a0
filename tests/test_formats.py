"""Bring your own corpus: every format built in the test, with exact expected fields."""

import gzip
import json

import pytest

from corpus_cli.api import Corpus
from corpus_cli.language.dates import date_in_name, parse_field_date

from .conftest import ARTICLE


def open_folder(folder, **kw):
    return Corpus.open(folder, cache=False, **kw)


def fields(doc):
    return (doc.id, doc.iso_date, doc.title, doc.title_derived, doc.source, doc.category, doc.url)


def test_json_lines_with_common_field_names(tmp_path):
    rows = [
        {"id": "x1", "published": "2019-07-05", "headline": "Idlib shelled", "body": "Idlib was shelled. Civilians fled.", "url": "http://a/1"},
        {"date": "July 6, 2019", "text": "Aleppo was quiet.", "author": "Desk"},
        {"title": "No text here"},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n\nnot json\n", encoding="utf-8")
    corpus = open_folder(tmp_path)
    # a record's own id (an id, doc_id… key) is its id; one without takes the file's name and its row
    assert [fields(d) for d in corpus.documents] == [
        ("x1", "2019-07-05", "Idlib shelled", False, None, None, "http://a/1"),
        ("feed#2", "2019-07-06", "Aleppo was quiet", True, "Desk", None, None),
    ]
    assert corpus.documents[0].statements[1].text == "Civilians fled."
    problems = sorted((p.what, p.action) for p in corpus.report.problems)
    assert problems == [("1 record without text: skipped", "kept"), ("line 5 is not JSON: skipped", "kept")]


def test_json_array_and_wrapped_object(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"content": "One.", "date": "2020-01-02T10:30"}]), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"items": [{"content": "Two.", "title": "B"}]}), encoding="utf-8")
    corpus = open_folder(tmp_path)
    assert [fields(d) for d in corpus.documents] == [
        ("a#1", "2020-01-02T10:30", "One", True, None, None, None),
        ("b#1", None, "B", False, None, None, None),
    ]


def test_csv_and_gzipped_tsv_with_a_field_mapping(tmp_path):
    (tmp_path / "c.csv").write_text(
        'headline,story,when\n"Hama, again","Hama was hit. Twice.",05/07/2019\n', encoding="utf-8"
    )
    tsv = (
        "member\tdate\ttext\nadam_schiff\t03.07.19\tSchiff speaks on Aleppo. More follows.\n"
        'other\t04.07.19\tHe said "no. And left.\nthird\t05.07.19\tA "quoted" word.\n'
    )
    (tmp_path / "t.tsv.gz").write_bytes(gzip.compress(tsv.encode("utf-8")))
    corpus = open_folder(tmp_path, fields={"date": "when", "source": "member"})
    by_id = {d.id: d for d in corpus.documents}
    assert fields(by_id["c#1"]) == ("c#1", "2019-05-07", "Hama, again", False, None, None, None)
    assert fields(by_id["t#1"]) == ("t#1", None, "Schiff speaks on Aleppo", True, "adam_schiff", None, None)
    assert [by_id[f"t#{n}"].body for n in (2, 3)] == ['He said "no. And left.', 'A "quoted" word.']  # quotes are text
    corpus = open_folder(tmp_path, fields={"source": "member"})
    assert corpus.show("t#1").iso_date == "2019-03-07"  # month first, like the US releases


def test_corpus_toml_maps_fields_and_day_first(tmp_path):
    (tmp_path / "c.csv").write_text("h,s,w\nA title,Some text.,05/07/2019\n", encoding="utf-8")
    (tmp_path / "corpus.toml").write_text('dayfirst = true\n\n[fields]\ntitle = "h"\ntext = "s"\ndate = "w"\n', encoding="utf-8")
    (doc,) = open_folder(tmp_path).documents
    assert (doc.title, doc.iso_date, doc.body) == ("A title", "2019-07-05", "Some text.")


def test_a_file_without_a_text_field_is_skipped_with_a_hint(tmp_path):
    (tmp_path / "m.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    corpus = open_folder(tmp_path)
    assert corpus.documents == []
    assert [(p.what, p.action) for p in corpus.report.problems] == [
        ("no text field among a, b; map one with --field text=NAME", "skipped")
    ]


def test_unknown_field_names_are_a_usage_error(invoke, tmp_path):
    r = invoke("list", "--data", str(tmp_path), "--field", "colour=c")
    assert (r.exit_code, r.stderr) == (2, "corpus: error: cannot map colour: the fields are id, date, title, text, url, source, category, speaker\n")
    r = invoke("list", "--data", str(tmp_path), "--field", "nonsense")
    assert r.exit_code == 2 and "is not NAME=COLUMN" in r.stderr


HTML = """<!DOCTYPE html><html><head><title>Shelling in Idlib | Example News</title>
<meta property="article:published_time" content="2019-07-05T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About us</a></nav>
<article><h1>Shelling in Idlib continues</h1>
<p>The bombardment of rural Idlib and Hama continued on Friday, killing at least five civilians, rescuers said.</p>
<p>The Syrian Coalition called on the United Nations to act to protect civilians in the north of the country.</p>
<p>Residents of Maaret al-Numan said that the shelling began before dawn and went on for several hours.</p>
</article><footer>Copyright 2019 Example News. All rights reserved. Contact us.</footer></body></html>"""


def test_a_saved_web_page(tmp_path):
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    (doc,) = open_folder(tmp_path).documents
    assert (doc.id, doc.iso_date, doc.title, doc.layout) == ("page", "2019-07-05", "Shelling in Idlib continues", "html")
    assert doc.paragraphs == [
        "The bombardment of rural Idlib and Hama continued on Friday, killing at least five civilians, rescuers said.",
        "The Syrian Coalition called on the United Nations to act to protect civilians in the north of the country.",
        "Residents of Maaret al-Numan said that the shelling began before dawn and went on for several hours.",
    ]
    assert "Copyright" not in doc.body and "About us" not in doc.body


def test_a_sidecar_supplies_id_date_title_and_url(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    text = "Short title…\n\nShort title and the rest of it\n\nThe body. It goes on.\n"
    for folder, meta in (("one", {"doc_id": "first", "date_str": "2024-09-23", "url_metadata": "http://x/1"}),
                         ("two", {"id": "second", "date": "24 September 2024", "title": "A Sidecar Title"})):
        (tmp_path / folder / "doc.txt").write_text(text, encoding="utf-8")
        (tmp_path / folder / "doc.json").write_text(json.dumps(meta), encoding="utf-8")
    corpus = open_folder(tmp_path)
    assert [fields(d) for d in corpus.documents] == [
        ("first", "2024-09-23", "Short title and the rest of it", False, None, None, "http://x/1"),
        ("second", "2024-09-24", "A Sidecar Title", False, None, None, None),
    ]
    assert corpus.report.problems == []


def test_editing_a_sidecar_is_noticed(tmp_path):
    (tmp_path / "doc.txt").write_text("A title\n\nBody.\n", encoding="utf-8")
    (tmp_path / "doc.json").write_text(json.dumps({"date": "2024-01-01"}), encoding="utf-8")
    assert Corpus.open(tmp_path).documents[0].iso_date == "2024-01-01"
    (tmp_path / "doc.json").write_text(json.dumps({"date": "2024-02-02", "x": 1}), encoding="utf-8")
    corpus = Corpus.open(tmp_path)
    assert (corpus.report.source, corpus.documents[0].iso_date) == ("updated", "2024-02-02")


@pytest.mark.parametrize(
    "name, iso",
    [
        ("10Apr2006Clinton568", "2006-04-10"),
        ("2019-07-05-statement", "2019-07-05"),
        ("release_20190705", "2019-07-05"),
        ("statement", None),
        ("v2019-13-45", None),
        # the forms of issue 11: scraped archives and the UN General Debate
        ("10Apr2007akaka175", "2007-04-10"),
        ("2005-08-01_3", "2005-08-01"),
        ("20050801-x", "2005-08-01"),
        ("release_2005_08_01", "2005-08-01"),
        ("Aug-1-2005-3", "2005-08-01"),
        ("CCC_75_2020", "2020"),
        ("Session 75 - 2020", "2020"),
        ("2019/07/05", "2019-07-05"),
        ("archive/2019-07", "2019-07"),
        ("July2019-memo", "2019-07"),
        ("report_2019_2020", None),
        ("000_3e1c546575f83025", None),
        ("007386_6feb5530bf906519", None),  # a hash: no 6 Feb 5530 in it
        ("000541_34220820ce889e8c", None),
        ("006988_6758fb61dec6777c", None),
        ("decision-12-2019", "2019"),
    ],
)
def test_dates_in_file_names(name, iso):
    found = date_in_name(name)
    assert (found.isoformat() if found else None) == iso


def test_a_date_in_the_file_name_is_used_when_the_text_has_none(tmp_path):
    (tmp_path / "10Apr2006Clinton568.txt").write_text("Clinton on trade\n\nThe senator spoke.\n", encoding="utf-8")
    corpus = open_folder(tmp_path)
    assert (corpus.documents[0].iso_date, corpus.report.problems) == ("2006-04-10", [])


def test_dateline_release(tmp_path):
    (tmp_path / "r.txt").write_text("FOR IMMEDIATE RELEASE\nJuly 5, 2019\n\nSenator Acts on Aleppo\n\nThe senator acted.\n", encoding="utf-8")
    (doc,) = open_folder(tmp_path).documents
    assert (doc.iso_date, doc.title, doc.layout, doc.body) == ("2019-07-05", "Senator Acts on Aleppo", "titled", "The senator acted.")


@pytest.mark.parametrize(
    "value, dayfirst, iso",
    [
        ("2019-07-05", False, "2019-07-05"),
        ("03.07.19", False, "2019-03-07"),
        ("3.7.2019", True, "2019-07-03"),
        ("July 5, 2019", False, "2019-07-05"),
        ("2019-07-05T10:30:00Z", False, "2019-07-05T10:30"),
        ("someday", False, None),
        ("", False, None),
    ],
)
def test_field_dates(value, dayfirst, iso):
    found = parse_field_date(value, dayfirst)
    assert (found.isoformat() if found else None) == iso


def test_check_reports_per_format(tmp_path, invoke):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "f.jsonl").write_text('{"text": "One."}\n{"text": "Two.", "date": "2020-01-01"}\n', encoding="utf-8")
    r = invoke("check", "--data", str(tmp_path))
    assert r.stdout.splitlines() == [
        "layouts: record 2, article 1",
        "dates from: dateline 1, field 1, none 1",
        "text coverage: 0.452 (14 of 31 words indexed; by kind: jsonl 1.000; text 0.414)",
        "removed by rule: breadcrumb 8 words in 1 document, dateline 6 words in 1 document, source note 3 words in 1 document",
        "files below 0.9 text coverage: 1",
        "  a.txt: 0.414 (12 of 29 words; dateline 6; source note 3; breadcrumb 8)",
        "jsonl: 1 file, 2 documents; not filled: date 1, title 2, category 2, source 2, url 2",
        "text: 1 file, 1 document; not filled: url 1",
        "2 files: 2 indexed, 0 with warnings, 0 skipped",
    ]


def test_content_decides_for_a_txt_that_is_really_html_or_json_lines(tmp_path):
    (tmp_path / "saved.txt").write_text(HTML, encoding="utf-8")
    (tmp_path / "dump.txt").write_text('{"text": "Raqqa fell.", "date": "2017-10-17"}\n', encoding="utf-8")
    corpus = open_folder(tmp_path)
    assert sorted((d.id, d.iso_date, d.layout) for d in corpus.documents) == [
        ("dump#1", "2017-10-17", "record"), ("saved", "2019-07-05", "html"),
    ]


def test_a_doc_json_serves_the_only_text_file_of_its_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "release.txt").write_text("A title\n\nBody text.\n", encoding="utf-8")
    (tmp_path / "a" / "doc.json").write_text(json.dumps({"id": "r1", "date": "2020-05-05"}), encoding="utf-8")
    (tmp_path / "b").mkdir()  # two text files: doc.json belongs to neither, so it is data
    (tmp_path / "b" / "x.txt").write_text("X title\n\nX body.\n", encoding="utf-8")
    (tmp_path / "b" / "y.txt").write_text("Y title\n\nY body.\n", encoding="utf-8")
    (tmp_path / "b" / "doc.json").write_text(json.dumps({"text": "A record.", "date": "2021-01-01"}), encoding="utf-8")
    corpus = open_folder(tmp_path)
    assert sorted((d.id, d.iso_date) for d in corpus.documents) == [
        ("doc#1", "2021-01-01"), ("r1", "2020-05-05"), ("x", None), ("y", None),
    ]
