import codecs

import pytest

from corpus_cli.ingest import layouts
from corpus_cli.ingest.blocks import blocks_of
from corpus_cli.errors import DataError
from corpus_cli.ingest.files import bundled_data
from corpus_cli.api import Corpus
from corpus_cli.ingest.decode import Skip, decode


class Loaded:
    """Documents and problems of a folder, read without an index database."""

    def __init__(self, folder=None):
        corpus = Corpus.open(folder, cache=False)
        self.documents = corpus.documents
        self.problems = corpus.report.problems
        self.files_seen = corpus.report.files_seen
        self.skipped = corpus.report.skipped


load = Loaded
from corpus_cli.language.text import normalize

from .conftest import ARTICLE, SEED_IDS

EXPECTED = {
    "000_3e1c546575f83025": (
        "2016-01-02T17:52", "Large-scale Regime Offensive on Sheikh Misskin in Rural Dara’a", False,
        "Coalition News", "news", "Syrian Coalition", "article", 330, 10, 7,
    ),
    "001_6bce3e69434a3938": (
        "2017-09-27",
        "The Assad regime and Russian forces continued the intensified aerial attacks on most towns and villages "
        "in the liberated areas, targeting mainly residential areas, medical and services centers", True,
        "Coalition News", "news", "Syrian Coalition’s Media Department", "listing", 297, 12, 5,
    ),
    "002_6d0a1ca802d3b216": (
        "2016-12-09T16:37",
        "Syrian Coalition: Russia Has Not Halted Military Operations in Besieged Eastern Aleppo", False,
        "Coalition News", "news", "Syrian Coalition’s Media Office", "article", 293, 10, 5,
    ),
    "003_7e59c539d2ddab83": (
        "2019-07-05T21:16", "Assad Regimes’ Continued Massacres Require Mechanism to Protect Civilians", False,
        "Press Releases", "press release", None, "press release", 296, 10, 6,
    ),
    "004_375b785a8374fdba": (
        "2020-01-31T17:48", "We Demand Int’l Action to End Assad & Backers’ Onslaught on Idlib", False,
        "Press Releases", "press release", None, "press release", 295, 10, 6,
    ),
}


@pytest.fixture(scope="module")
def seeds():
    loaded = load()
    return loaded, {d.id: d for d in loaded.documents}


def test_bundled_corpus_is_the_five_seeds(seeds):
    loaded, docs = seeds
    assert sorted(docs) == SEED_IDS
    assert loaded.files_seen == 5
    assert loaded.problems == []


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_fields(seeds, doc_id):
    d = seeds[1][doc_id]
    got = (
        d.iso_date, d.title, d.title_derived, d.category, d.type, d.source, d.layout,
        d.word_count, len(d.statements), len(d.paragraphs),
    )
    assert got == EXPECTED[doc_id]
    assert d.path.endswith(f"{doc_id}.txt")


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_body_holds_paragraphs_only(seeds, doc_id):
    d = seeds[1][doc_id]
    for marker in ("Home ", "# # #", "(Source:", "Department of Media and Communications", "In Coalition News"):
        assert marker not in d.body
    assert d.body == "\n\n".join(d.paragraphs)
    for s in d.statements:
        assert d.body[s.start : s.end] == s.text


def test_statements_of_an_article(seeds):
    d = seeds[1]["000_3e1c546575f83025"]
    first, last = d.statements[0], d.statements[-1]
    assert first.text.startswith("After weeks of military buildup")
    assert (first.start, first.end) == (0, 221)
    assert d.statements[8].text == "They have endured and thwarted the Russian attack for three months."
    assert last.text.endswith("indeed across Syria,” the statement added.")


def test_press_release_body_starts_after_inner_header(seeds):
    d = seeds[1]["003_7e59c539d2ddab83"]
    assert d.paragraphs[0].startswith("The barbaric bombardment")
    assert d.paragraphs[-1].endswith("equal citizenship, and democracy.")


def test_data_folder_is_the_seeds_byte_for_byte(data_dir):
    from pathlib import Path

    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for name in (p.name for p in shared.iterdir()):
        assert (data_dir / name).read_bytes() == (shared / name).read_bytes()


def test_bundled_data_is_found():
    assert sorted(p.stem for p in bundled_data().glob("*.txt")) == SEED_IDS


def _parse(text):
    return layouts.parse(blocks_of(normalize(text)))


def test_article_layout_with_crlf_and_no_break_spaces():
    parsed = _parse(ARTICLE.replace("\n", "\r\n").replace("First paragraph", "First\u00a0 paragraph"))
    assert parsed.layout == "article"
    assert parsed.title == "A Test Title"
    assert parsed.category == "Coalition News"
    assert parsed.source == "Test Office"
    assert parsed.paragraphs == ["First paragraph here. It has two sentences.", "Second paragraph."]
    assert parsed.warnings == []


def test_press_release_without_end_mark():
    text = "Friday, 05 July 2019 21:16\n\nT\n\nPress Release\nX - Syria\nJuly 5, 2019\n\nBody.\n\nHome press releases T\n"
    parsed = _parse(text)
    assert (parsed.layout, parsed.type, parsed.category) == ("press release", "press release", "Press Releases")
    assert parsed.paragraphs == ["Body."]
    assert parsed.warnings == []  # nothing a user could act on
    assert parsed.removed == [
        ("dateline", "Friday, 05 July 2019 21:16"), ("release header", "Press Release X - Syria July 5, 2019"),
        ("breadcrumb", "Home press releases T"),
    ]


def test_press_release_header_date_mismatch_warns():
    text = "Friday, 05 July 2019 21:16\n\nT\n\nPress Release\nJuly 6, 2019\n\nBody.\n\n# # #\n\nHome press releases T\n"
    assert _parse(text).warnings == ["header date 2019-07-06 differs from date line 2019-07-05T21:16"]


def test_listing_derives_a_short_title():
    text = ("News\n03 March 2018 In News\n\nA short first sentence. More text follows here.\n\n"
            "Home Media Center News Items filtered by date: Saturday, 03 March 2018\n")
    parsed = _parse(text)
    assert (parsed.layout, parsed.title, parsed.title_derived) == ("listing", "A short first sentence", True)
    assert parsed.category == "News"
    assert parsed.date.isoformat() == "2018-03-03"


def test_plain_text_keeps_every_line_and_takes_no_mentioned_date():
    parsed = _parse("Written on 4 May 2019 by someone who wrote a long first line.\nAnd more.\n\nMore text.\n")
    assert (parsed.layout, parsed.date, parsed.warnings) == ("plain", None, [])
    assert (parsed.title, parsed.title_derived) == ("Written on 4 May 2019 by someone who wrote a long first line", True)
    assert parsed.paragraphs == ["Written on 4 May 2019 by someone who wrote a long first line.", "And more.", "More text."]


@pytest.mark.parametrize(
    "text, title, date, first",
    [
        ("Some heading\n\nWritten on 4 May 2019 by someone.\n", "Some heading", None, "Written on 4 May"),
        ("Some heading\n\nPosted on 4 May 2019\n\nSomeone wrote.\n", "Some heading", "2019-05-04", "Someone wrote."),
        ("Some heading\n\nWASHINGTON, D.C. (May 4, 2019) – Someone wrote.\n", "Some heading", "2019-05-04", "WASHINGTON"),
        ("FOR IMMEDIATE RELEASE\nJuly 5, 2019\n\nSenator Acts on Aleppo\n\nBody text.\n",
         "Senator Acts on Aleppo", "2019-07-05", "Body text."),
        ("President Visits Kandy to Seek…\n\nPresident Visits Kandy to Seek Blessings\n\nHe went.\n",
         "President Visits Kandy to Seek Blessings", None, "He went."),
    ],
    ids=["heading", "posted on", "opening dateline", "dateline", "short then full title"],
)
def test_titled_layouts(text, title, date, first):
    parsed = _parse(text)
    assert (parsed.layout, parsed.title, parsed.warnings) == ("titled", title, [])
    assert (parsed.date.isoformat() if parsed.date else None) == date
    assert parsed.paragraphs[0].startswith(first)


def test_decode_reports_the_encoding_used():
    assert decode("Dara’a".encode("utf-8")) == ("Dara’a", None)
    assert decode(codecs.BOM_UTF8 + "x".encode()) == ("x", None)
    assert decode("Dara’a".encode("utf-16")) == ("Dara’a", None)
    assert decode("Dara’a".encode("cp1252")) == ("Dara’a", "not UTF-8: decoded as Windows-1252")
    assert decode(b"caf\xe9 \x81") == ("café \x81", "not UTF-8: decoded as Latin-1")
    with pytest.raises(Skip, match="binary"):
        decode(b"abc\x00def")


def test_folder_accounts_for_every_file(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "undated.txt").write_text("Title only\n\nSome words.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a corpus file", encoding="utf-8")
    loaded = load(tmp_path)
    assert loaded.files_seen == 5
    assert sorted(d.id for d in loaded.documents) == ["a", "a~2", "undated"]
    assert sorted((p.path[len(str(tmp_path)) + 1 :], p.what, p.action) for p in loaded.problems) == [
        ("bin.txt", "binary content (NUL bytes)", "skipped"),
        ("empty.txt", "empty file", "skipped"),
        ("sub/a.txt", "id 'a' is taken by another file", "id set to 'a~2'"),
    ]
    undated = next(d for d in loaded.documents if d.id == "undated")
    assert (undated.date, undated.date_source) == (None, "none")


def test_too_large_file_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_MAX_FILE_SIZE", "10")
    (tmp_path / "big.txt").write_text(ARTICLE, encoding="utf-8")
    loaded = load(tmp_path)
    assert loaded.documents == []
    assert [p.what for p in loaded.skipped] == [
        f"too large ({len(ARTICLE.encode())} bytes; the limit is 10: CORPUS_MAX_FILE_SIZE)"
    ]


def test_missing_or_file_data_path(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        load(tmp_path / "nope")
    (tmp_path / "f.pdf").write_text("x")
    with pytest.raises(DataError, match="is not of a kind corpus reads"):
        load(tmp_path / "f.pdf")


@pytest.mark.parametrize("text, title, derived", [
    # a headline on the first line, no blank line after it, as news sites save articles
    ("نيجيريا: جماعة تتبنى اختطاف سبعة أجانب\nأعلنت جماعة متشددة مسؤوليتها عن اختطاف سبعة أجانب شمالي نيجيريا.\n"
     "وقالت الجماعة إنها اختطفتهم ليل السبت.\n", "نيجيريا: جماعة تتبنى اختطاف سبعة أجانب", False),
    ("وقف حملات التفتيش بالأردن\nكتب ـ محمد العجرودي\u200f:\u200f\nأوقفت الحكومة الأردنية حملات التفتيش نهائيا.\n",
     "وقف حملات التفتيش بالأردن", False),  # a byline between
    # wrapped English: the first line goes on into the second; a salutation is no headline
    ("The governor said today that the bill\nwould raise funding for schools across the state next year.\n",
     "The governor said today that the bill would raise funding for schools across the state next year", True),
    ("Mr. President,\nIt is an honour to address this Assembly today, at a time of great trial.\n",
     "Mr. President, It is an honour to address this Assembly today, at a time of great trial", True),
])
def test_a_headline_over_its_paragraphs(text, title, derived):
    parsed = layouts.parse(blocks_of(normalize(text)))
    assert (parsed.title, parsed.title_derived) == (title, derived)
