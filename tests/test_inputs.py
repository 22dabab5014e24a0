"""Messy real-world files: every one is indexed or reported, never a traceback.

Each test builds its files on the fly.
"""

import codecs
import os
import sys

import pytest

from corpus_cli.api import Corpus
from corpus_cli.ingest.decode import repair_mojibake

from .conftest import ARTICLE

BODY = "Aleppo was shelled again today."


def article(text=BODY):
    return ARTICLE.replace("First paragraph here.", text)


def open_folder(folder):
    corpus = Corpus.open(folder, cache=False)
    problems = sorted((os.path.relpath(p.path, folder), p.what, p.action) for p in corpus.report.problems)
    return corpus, problems


def one(corpus):
    (doc,) = corpus.documents
    return doc


@pytest.mark.parametrize(
    "raw, warning",
    [
        (article().encode("utf-8"), None),
        (codecs.BOM_UTF8 + article().encode("utf-8"), None),
        (article().encode("utf-16"), None),
        (article().replace("shelled", "shelled in Dara’a").encode("cp1252"), "not UTF-8: decoded as Windows-1252"),
        (article().replace("shelled", "shelled near Hûmş").encode("utf-8").replace("û".encode(), b"\xfb").replace("ş".encode(), b"\x81"),
         "not UTF-8: decoded as Latin-1"),
        (article().replace("\n", "\r\n").encode("utf-8"), None),
        (article().replace("\n", "\r").encode("utf-8"), None),
    ],
    ids=["utf-8", "utf-8 bom", "utf-16 bom", "windows-1252", "latin-1", "crlf", "cr"],
)
def test_encodings_and_line_ends(tmp_path, raw, warning):
    (tmp_path / "doc.txt").write_bytes(raw)
    corpus, problems = open_folder(tmp_path)
    doc = one(corpus)
    assert (doc.title, doc.iso_date, doc.category) == ("A Test Title", "2016-01-02T17:52", "Coalition News")
    assert doc.paragraphs[0].startswith("Aleppo was shelled")
    assert problems == ([("doc.txt", warning, "kept")] if warning else [])


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "empty file"),
        (b"  \n\t\r\n  ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (NUL bytes)"),
        (bytes(range(1, 32)) * 20, "binary content (control characters)"),
    ],
    ids=["empty", "white space", "png", "control characters"],
)
def test_unusable_files_are_skipped_with_a_reason(tmp_path, raw, reason):
    (tmp_path / "bad.txt").write_bytes(raw)
    (tmp_path / "good.txt").write_text(article(), encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    assert [d.id for d in corpus.documents] == ["good"]
    assert problems == [("bad.txt", reason, "skipped")]


def test_too_large_a_file_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_MAX_FILE_SIZE", "1k")
    (tmp_path / "big.txt").write_text(article("x " * 1000), encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    assert corpus.documents == []
    size = (tmp_path / "big.txt").stat().st_size
    assert problems == [("big.txt", f"too large ({size:,} bytes; the limit is 1,024: CORPUS_MAX_FILE_SIZE)", "skipped")]


def test_an_undated_document_is_kept(tmp_path):
    (tmp_path / "undated.txt").write_text(ARTICLE.replace("Saturday, 02 January 2016 17:52", "Someday soon"), encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    doc = one(corpus)
    assert (doc.date, doc.date_source, doc.title) == (None, "none", "Someday soon")
    assert problems == []  # counted by date source in corpus check, not a warning
    assert [d.id for d in corpus.list()] == ["undated"]
    assert corpus.list(since="2000") == []
    assert [d.id for d in corpus.list(undated=True)] == ["undated"]


def test_a_title_line_then_paragraphs_is_a_known_layout(tmp_path):
    (tmp_path / "memo.txt").write_text("Memo on the convoy\n\nSent on 4 May 2019.\n\nThe convoy reached Idlib.\n", encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    doc = one(corpus)
    assert (doc.title, doc.iso_date, doc.layout) == ("Memo on the convoy", "2019-05-04", "titled")
    assert problems == []
    assert [h.document.id for h in corpus.search("Idlib")] == ["memo"]


def test_an_unknown_layout_is_read_as_plain_text(tmp_path):
    text = "The convoy reached Idlib on 4 May 2019 after a long night on the road from the border.\nIt carried food.\n"
    (tmp_path / "memo.txt").write_text(text, encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    doc = one(corpus)
    assert (doc.iso_date, doc.date_source, doc.layout) == (None, "none", "plain")  # a date in the text is a mention
    assert (doc.title, doc.title_derived) == ("The convoy reached Idlib on 4 May 2019 after a long night on the road from the border", True)
    assert doc.paragraphs == text.strip().split("\n")  # a line per paragraph, as written
    assert problems == []


def test_two_files_with_one_id(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text(article("Aleppo."), encoding="utf-8")
    (tmp_path / "b" / "same.txt").write_text(article("Idlib."), encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    assert sorted(d.id for d in corpus.documents) == ["same", "same~2"]
    assert problems == [(os.path.join("b", "same.txt"), "id 'same' is taken by another file", "id set to 'same~2'")]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_reported(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(article(), encoding="utf-8")
    locked.chmod(0)
    corpus, problems = open_folder(tmp_path)
    assert corpus.documents == []
    assert problems == [("locked.txt", "cannot read: Permission denied", "skipped")]


def test_an_unreadable_file_is_reported_even_as_root(tmp_path, monkeypatch):
    (tmp_path / "locked.txt").write_text(article(), encoding="utf-8")
    real = type(tmp_path).read_bytes

    def refuse(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(type(tmp_path), "read_bytes", refuse)
    corpus, problems = open_folder(tmp_path)
    assert problems == [("locked.txt", "cannot read: Permission denied", "skipped")]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_broken_links_and_link_loops(tmp_path):
    (tmp_path / "good.txt").write_text(article(), encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)  # a folder loop
    corpus, problems = open_folder(tmp_path)
    assert [d.id for d in corpus.documents] == ["good"]
    assert problems == [
        ("broken.txt", "broken link", "skipped"),
        ("loop1.txt", "symbolic link loop", "skipped"),
        ("loop2.txt", "symbolic link loop", "skipped"),
    ]


@pytest.mark.parametrize(
    "broken, fixed",
    [
        ("Daraâ€™a", "Dara’a"),
        ("the â€œfree zoneâ€\x9d", "the “free zone”"),
        ("cafÃ© in Ã‰vian", "café in Évian"),
        ("plain ASCII", "plain ASCII"),
        ("Ã is a letter on its own", "Ã is a letter on its own"),
    ],
)
def test_mojibake_repair(broken, fixed):
    assert repair_mojibake(broken)[0] == fixed


def test_mojibake_in_a_file_is_repaired_and_reported(tmp_path):
    (tmp_path / "m.txt").write_text(article("Shelling in Daraâ€™a continued."), encoding="utf-8")
    corpus, problems = open_folder(tmp_path)
    assert one(corpus).paragraphs[0] == "Shelling in Dara’a continued. It has two sentences."
    assert problems == [("m.txt", "mojibake repaired in 1 place (UTF-8 read as Windows-1252)", "kept")]
    assert [(h.document.id, h.statement.index) for h in corpus.search("Daraa")] == [("m", 0)]


@pytest.mark.parametrize("path_kind", ["missing", "file"])
def test_bad_data_path_is_one_line_exit_2(invoke, tmp_path, path_kind):
    target = tmp_path / "x.docx"  # a file is a corpus only of a kind corpus reads
    if path_kind == "file":
        target.write_text("x")
    r = invoke("list", "--data", str(target))
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("corpus: error: data ")
