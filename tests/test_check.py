"""corpus check: every file accounted for, one line per problem, and a summary."""

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_cli.api import Corpus

from .conftest import ARTICLE

GOOD = ARTICLE
KINDS = {
    "good": GOOD.encode("utf-8"),
    "cp1252": GOOD.replace("Test", "Dara’a").encode("cp1252"),
    "empty": b"",
    "binary": b"\x00\x01\x02binary",
    "undated": b"Just a heading\n\nNo date anywhere in this text.\n",
    "mojibake": GOOD.replace("First paragraph", "Daraâ€™a paragraph").encode("utf-8"),
}


def make(folder, names_kinds):
    for name, kind in names_kinds:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(KINDS[kind])


def test_check_lists_problems_and_sums_up(tmp_path, invoke):
    make(tmp_path, [("a.txt", "good"), ("b.txt", "cp1252"), ("c.txt", "empty"), ("d.txt", "binary"), ("sub/a.txt", "good")])
    r = invoke("check", "--data", str(tmp_path))
    assert r.exit_code == 0
    assert r.stdout.splitlines() == [
        "b.txt: not UTF-8: decoded as Windows-1252 (kept)",
        "c.txt: empty file (skipped)",
        "d.txt: binary content (NUL bytes) (skipped)",
        "sub/a.txt: id 'a' is taken by another file (id set to 'a~2')",
        "layouts: article 3",
        "dates from: dateline 3",
        "text coverage: 0.414 (36 of 87 words indexed; by kind: text 0.414)",
        "removed by rule: breadcrumb 24 words in 3 documents, dateline 18 words in 3 documents, "
        "source note 9 words in 3 documents",
        "files below 0.9 text coverage: 3",
        "  a.txt: 0.414 (12 of 29 words; dateline 6; source note 3; breadcrumb 8)",
        "  b.txt: 0.414 (12 of 29 words; dateline 6; source note 3; breadcrumb 8)",
        "  sub/a.txt: 0.414 (12 of 29 words; dateline 6; source note 3; breadcrumb 8)",
        "5 files: 3 indexed, 2 with warnings, 2 skipped",
    ]
    assert r.stderr == ""


def test_strict_exits_1_when_a_file_was_skipped(tmp_path, invoke):
    make(tmp_path, [("a.txt", "good"), ("c.txt", "empty")])
    assert invoke("check", "--data", str(tmp_path)).exit_code == 0
    assert invoke("check", "--strict", "--data", str(tmp_path)).exit_code == 1
    (tmp_path / "c.txt").unlink()
    r = invoke("check", "--strict", "--data", str(tmp_path))
    assert (r.exit_code, r.stdout.splitlines()[-1]) == (0, "1 file: 1 indexed, 0 with warnings, 0 skipped")


def test_check_json(tmp_path, invoke):
    make(tmp_path, [("a.txt", "good"), ("c.txt", "empty")])
    data = json.loads(invoke("check", "--data", str(tmp_path), "--json").stdout)
    assert data == {
        "files": 2, "indexed": 1, "with_warnings": 0, "skipped": 1,
        "problems": [{"path": str(tmp_path / "c.txt"), "what": "empty file", "action": "skipped", "skipped": True}],
        "formats": {"text": {"files": 1, "documents": 1, "skipped files": 1, "unfilled": {"url": 1}}},
        "layouts": {"article": 1},
        "date_sources": {"dateline": 1},
        "coverage": {"words_in_files": 29, "words_indexed": 12, "ratio": 0.4138, "by_kind": {"text": 0.4138}},
        "removed": {"breadcrumb": {"documents": 1, "words": 8}, "dateline": {"documents": 1, "words": 6},
                    "source note": {"documents": 1, "words": 3}},
        "low_coverage": [{"path": str(tmp_path / "a.txt"), "words_in_file": 29, "words_indexed": 12,
                          "removed": {"dateline": 6, "source note": 3, "breadcrumb": 8}}],
        "passed_over": {},
    }
    lines = invoke("check", "--data", str(tmp_path), "--format", "csv").stdout.splitlines()
    assert lines == ["path,what,action,skipped", f"{tmp_path / 'c.txt'},empty file,skipped,True"]


def test_other_commands_sum_problems_up_in_one_line_on_stderr(tmp_path, invoke):
    make(tmp_path, [("a.txt", "good"), ("b.txt", "cp1252"), ("c.txt", "empty"), ("d.txt", "binary")])
    r = invoke("list", "--data", str(tmp_path), "--json")
    assert [d["id"] for d in json.loads(r.stdout)] == ["a", "b"]
    assert r.stderr == "corpus: 2 files skipped, 1 read with warnings; run corpus check for details\n"


def test_the_bundled_corpus_is_clean(invoke):
    r = invoke("check")
    assert (r.exit_code, r.stdout.splitlines()) == (0, [
        "layouts: article 2, press release 2, listing 1",
        "dates from: dateline 5",
        "text coverage: 0.913 (1,511 of 1,654 words indexed; by kind: text 0.913)",
        "removed by rule: breadcrumb 71 words in 5 documents, release header 27 words in 2 documents, "
        "dateline 24 words in 4 documents, source note 13 words in 3 documents, listing header 8 words in 1 document, "
        "end mark in 2 documents",
        "files below 0.9 text coverage: 1",
        "  004_375b785a8374fdba.txt: 0.897 (295 of 329 words; dateline 6; release header 14; breadcrumb 14)",
        "5 files: 5 indexed, 0 with warnings, 0 skipped",
    ])


def test_junk_beside_documents_is_passed_over_and_counted(tmp_path, invoke):
    make(tmp_path, [("SYR_75_2020.txt", "undated"), ("sub/ABC_75_2020.txt", "undated")])
    (tmp_path / "._SYR_75_2020.txt").write_bytes(b"\x00\x05\x16\x07Mac OS X        \x00\x02")
    (tmp_path / "sub" / "._ABC_75_2020.txt").write_bytes(b"\x00\x05\x16\x07")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "Thumbs.db").write_bytes(b"\xd0\xcf")
    (tmp_path / "notes.txt~").write_text("old", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    r = invoke("check", "--data", str(tmp_path))
    assert r.stdout.splitlines() == [
        "layouts: titled 2",
        "dates from: filename 2",
        "text coverage: 1.000 (18 of 18 words indexed; by kind: text 1.000)",
        "passed over: 2 macOS resource files (._*), 1 .DS_Store, 1 .pdf files, 1 Thumbs.db, 1 editor backups",
        "2 files: 2 indexed, 0 with warnings, 0 skipped",
    ]
    assert invoke("list", "--data", str(tmp_path)).stderr == ""


folders = st.lists(
    st.tuples(st.sampled_from(["", "sub/", "sub/deeper/", "other/"]), st.sampled_from(["x", "y", "z"]), st.sampled_from(sorted(KINDS))),
    min_size=0,
    max_size=12,
    unique_by=lambda t: t[0] + t[1],
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(folders)
def test_every_file_is_indexed_or_skipped_with_a_reason(tmp_path_factory, spec):
    folder = tmp_path_factory.mktemp("gen")
    make(folder, [(f"{d}{n}.txt", kind) for d, n, kind in spec])
    corpus = Corpus.open(folder, cache=False)
    summary = corpus.check()
    assert summary.files == len(spec)
    assert summary.files == summary.indexed + summary.skipped
    assert summary.indexed == len(corpus.documents)
    skipped = [p for p in corpus.report.problems if p.skipped]
    assert len({p.path for p in skipped}) == summary.skipped
    assert all(p.what for p in skipped)
    expected_skips = sum(1 for _, _, kind in spec if kind in ("empty", "binary"))
    assert summary.skipped == expected_skips
    assert sorted(os.path.relpath(d.path, folder) for d in corpus.documents) == sorted(
        f"{d}{n}.txt" for d, n, kind in spec if kind not in ("empty", "binary")
    )
