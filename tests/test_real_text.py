"""Folders as scrapers and archives keep them: one-line files, hard-wrapped text after an office
header, dates only in file and folder names, dates merely mentioned in the text."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_cli.ingest import layouts
from corpus_cli.ingest.blocks import blocks_of
from corpus_cli.api import Corpus
from corpus_cli.language.dates import DocDate, plausible
from corpus_cli.language.text import count_words, normalize

SENTENCES = [
    "Congressman Ted Lieu sent a letter to the Food and Drug Administration today.",
    "The letter follows a report published in The Guardian on September 11, 2001.",
    "Glyphosate could be found in common foods, the report said.",
    "“We need answers,” Lieu said.",
]


def open_folder(folder):
    corpus = Corpus.open(folder, cache=False)
    return corpus, [(p.path[len(str(folder)) + 1 :], p.what) for p in corpus.report.problems]


def test_a_file_on_one_line_keeps_every_word(tmp_path):
    text = " ".join(SENTENCES * 10)  # about 2,200 characters without a line break
    (tmp_path / "2018-05-18_111.txt").write_text(text + "\n", encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    (doc,) = corpus.documents
    assert problems == []
    assert (doc.iso_date, doc.date_source, doc.layout) == ("2018-05-18", "filename", "plain")
    assert (doc.title, doc.title_derived) == (SENTENCES[0][:-1], True)
    assert doc.word_count == doc.file_words == count_words(text) == 410
    assert len(doc.statements) == 40
    assert [len(p) for p in doc.paragraphs] == [704, 734, 734, 274]  # cut at sentence ends
    assert " ".join(doc.paragraphs) == text


def test_a_wrapped_file_after_an_office_header(tmp_path):
    folder = tmp_path / "ted_lieu"
    folder.mkdir()
    body = " ".join(SENTENCES)
    lines, line = [], ""
    for w in body.split():
        if len(line) + len(w) > 40:
            lines.append(line)
            line = ""
        line = f"{line} {w}".strip()
    lines.append(line)
    (folder / "release_2018_05_18_3.txt").write_text("Office of Ted Lieu\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    (doc,) = corpus.documents
    assert problems == []
    assert (doc.iso_date, doc.date_source, doc.source) == ("2018-05-18", "filename", "Office of Ted Lieu")
    assert doc.paragraphs == [body]
    assert doc.removed == {"office header": 4}
    assert (doc.word_count, doc.file_words) == (count_words(body), count_words(body) + 4)


def test_a_one_line_scrape_with_a_spaced_out_header():
    from corpus_cli.ingest.loader import _LAYOUT_GAP

    text = ("   U S  REPRESENTATIVE TED LIEU        Press Office        FOR IMMEDIATE RELEASE WASHINGTON – "
            + " ".join(SENTENCES))
    parsed = layouts.parse(blocks_of(normalize(_LAYOUT_GAP.sub("\n", text))))
    assert parsed.removed == [
        ("office header", "U S REPRESENTATIVE TED LIEU"), ("release mark", "Press Office"),
        ("release mark", "FOR IMMEDIATE RELEASE"),
    ]
    assert parsed.source == "U S REPRESENTATIVE TED LIEU"
    assert parsed.paragraphs == ["WASHINGTON – " + " ".join(SENTENCES)]
    assert parsed.date is None  # "September 11, 2001" is mentioned, not the document's date


def test_a_date_mentioned_in_the_text_is_never_the_date(tmp_path):
    (tmp_path / "memo.txt").write_text("On September 11, 2001 the towers fell.\n\nWe remember 1945 too.\n", encoding="utf-8")
    (tmp_path / "SYR_75_2020.txt").write_text("Mr. President,\nIn 1945 the United Nations was born.\n", encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    got = {d.id: (d.iso_date, d.date_source) for d in corpus.documents}
    assert got == {"memo": (None, "none"), "SYR_75_2020": ("2020", "filename")}
    assert problems == []


def test_folder_names_and_datelines_by_provenance(tmp_path):
    session = tmp_path / "Session 75 - 2020"
    session.mkdir()
    (session / "speech.txt").write_text("The debate opened.\n", encoding="utf-8")
    # a dateline inside the year of the file name makes it precise
    (session / "ABC_75_2020.txt").write_text("Title of it\n\nSeptember 25, 2020\n\nThe debate went on.\n", encoding="utf-8")
    # a dateline that disagrees with the file name loses to it
    (tmp_path / "2019-07-05_1.txt").write_text("July 6, 2019\n\nThe release.\n", encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    got = {d.id: (d.iso_date, d.date_source) for d in corpus.documents}
    assert got == {
        "speech": ("2020", "folder"),
        "ABC_75_2020": ("2020-09-25", "dateline"),
        "2019-07-05_1": ("2019-07-05", "filename"),
    }
    assert problems == []


def test_implausible_name_dates_are_rejected_with_a_warning(tmp_path):
    (tmp_path / "minutes_1066.txt").write_text("The council met.\n", encoding="utf-8")
    (tmp_path / "plan_2999.txt").write_text("The plan.\n", encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    assert [(d.id, d.iso_date, d.date_source) for d in corpus.list()] == [
        ("minutes_1066", None, "none"), ("plan_2999", None, "none"),
    ]
    assert sorted(problems) == [
        ("minutes_1066.txt", "file name date 1066 ignored: before 1600"),
        ("plan_2999.txt", "file name date 2999 ignored: more than a year from today"),
    ]


def test_a_sidecar_date_is_trusted_even_when_old(tmp_path):
    (tmp_path / "sotu_1790.txt").write_text("Fellow-Citizens of the Senate.\n", encoding="utf-8")
    (tmp_path / "sotu_1790.json").write_text('{"date": "1790-01-08"}', encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    (doc,) = corpus.documents
    assert (doc.iso_date, doc.date_source, problems) == ("1790-01-08", "field", [])


def test_year_and_month_dates_are_periods_to_the_filters(tmp_path):
    (tmp_path / "AAA_75_2020.txt").write_text("A year.\n", encoding="utf-8")
    (tmp_path / "report-2020-07.txt").write_text("A month.\n", encoding="utf-8")
    (tmp_path / "2020-03-05_1.txt").write_text("A day.\n", encoding="utf-8")
    corpus, _ = open_folder(tmp_path)
    ids = lambda **kw: [d.id for d in corpus.list(**kw)]  # noqa: E731
    assert ids() == ["AAA_75_2020", "2020-03-05_1", "report-2020-07"]
    assert ids(since="2020-06") == ["AAA_75_2020", "report-2020-07"]
    assert ids(since="2020-07-31") == ["AAA_75_2020", "report-2020-07"]
    assert ids(since="2020-08") == ["AAA_75_2020"]
    assert ids(until="2020-02") == ["AAA_75_2020"]
    assert ids(since="2021") == []
    assert ids(until="2019") == []


def test_plausible_dates():
    today = dt.date(2026, 12, 2)
    assert plausible(DocDate(dt.datetime(1600, 1, 1), "year"), today) is None
    assert plausible(DocDate(dt.datetime(1599, 12, 31)), today) == "before 1600"
    assert plausible(DocDate(dt.datetime(2027, 12, 2)), today) is None
    assert plausible(DocDate(dt.datetime(2027, 12, 4)), today) == "more than a year from today"


@given(st.sampled_from(["year", "month", "day", "minute"]), st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 1, 1)))
def test_doc_dates_round_trip(precision, when):
    date = DocDate(when.replace(second=0, microsecond=0), precision)
    again = DocDate.fromisoformat(date.isoformat())
    assert again.isoformat() == date.isoformat() and again.precision == precision
    assert again.value <= date.value <= again.end


LINE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=120)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=12))
def test_no_word_is_lost(lines):
    """Every word of a text is in the title or the body, or counted as removed by a rule."""
    text = normalize("\n".join(lines))
    parsed = layouts.parse(blocks_of(text))
    if parsed is None:
        assert not text.strip()
        return
    kept = sum(count_words(p) for p in parsed.paragraphs) + (0 if parsed.title_derived else count_words(parsed.title or ""))
    removed = sum(count_words(t) for _, t in parsed.removed)
    source = 0
    assert kept + removed + source == count_words(text)


def test_timeline_by_month_leaves_out_documents_known_only_to_the_year(tmp_path, invoke):
    (tmp_path / "AAA_75_2020.txt").write_text("A year.\n", encoding="utf-8")
    (tmp_path / "2020-03-05_1.txt").write_text("A day.\n", encoding="utf-8")
    r = invoke("timeline", "--by", "month", "--data", str(tmp_path), "--since", "2020-03", "--until", "2020-04")
    assert r.stdout.splitlines() == ["period   documents", "2020-03  1", "2020-04  0"]
    assert r.stderr == "corpus: 1 document dated only to the year left out of the count by month\n"
    r = invoke("timeline", "--by", "year", "--data", str(tmp_path))
    assert (r.stdout.splitlines(), r.stderr) == (["period  documents", "2020    2"], "")


def test_a_one_line_file_with_in_later_is_no_listing_page():
    from corpus_cli.ingest.loader import _LAYOUT_GAP

    text = ("Conrad Applauds Farm Bill        August 10, 2005 Senator Kent Conrad said the bill helps farmers "
            "In North Dakota and beyond. It passed the Senate today.")
    parsed = layouts.parse(blocks_of(normalize(_LAYOUT_GAP.sub("\n", text))))
    assert parsed.layout != "listing"
    assert parsed.removed == []
    assert parsed.category is None
    assert " ".join([parsed.title or "", *parsed.paragraphs]).split() == text.split()


def test_a_headline_that_starts_like_an_office_header_keeps_its_words():
    text = "SEN. FEINSTEIN COMMENTS ON PRESIDENT’S BUDGET\n\nWashington, DC – Senator Dianne Feinstein said the budget falls short.\n"
    parsed = layouts.parse(blocks_of(normalize(text)))
    assert parsed.removed == []
    assert parsed.title == "SEN. FEINSTEIN COMMENTS ON PRESIDENT’S BUDGET"
    for header in ("Office of Senator Dianne Feinstein", "SENATOR DIANNE FEINSTEIN", "U.S. Senator Kent Conrad"):
        parsed = layouts.parse(blocks_of(normalize(f"{header}\n\nThe Senator said the bill passed today. It will help.\n")))
        assert parsed.removed == [("office header", header)], header
