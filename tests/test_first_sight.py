"""What a newcomer meets first: bare corpus, the small edges, clear messages."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from corpus_cli.cli import cli


def test_bare_corpus_prints_its_help_on_stdout_and_exits_0(runner):
    result = runner.invoke(cli, [], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: corpus [OPTIONS] COMMAND [ARGS]...\n")
    assert "  search " in result.stdout and result.stderr == ""


def test_cache_info_takes_every_format(invoke):
    invoke("list")  # one database in the test's cache folder
    data = json.loads(invoke("cache", "info", "--format", "json").stdout)
    assert [d["documents"] for d in data["databases"]] == [5]
    rows = list(csv.DictReader(io.StringIO(invoke("cache", "info", "--format", "csv").stdout)))
    assert [(r["documents"], r["problem"]) for r in rows] == [("5", "")]
    assert json.loads(invoke("cache", "info", "--format", "jsonl").stdout)["documents"] == 5


def test_an_unknown_field_in_a_query_is_a_usage_error(invoke):
    r = invoke("search", "speaker:Farhan Aleppo")
    assert r.exit_code == 2
    assert r.stderr == ("corpus: error: bad query: unknown field 'speaker' (fields: title, category, source, id; for "
                        "the speaker, use --speaker) at character 1: ▶speaker:Farhan Aleppo\n")
    assert invoke("search", "10:30").exit_code == 1  # a time is words, not a field


def test_settings_corpus_cannot_use_are_warned_about(invoke):
    r = invoke("list", "--limit", "1", env={"CORPUS_FRESHNESS": "bogus", "CORPUS_WAIT": "soon"})
    assert r.exit_code == 0
    assert r.stderr == ("corpus: warning: CORPUS_FRESHNESS='bogus' is neither full nor names; every file is checked "
                        "(full)\ncorpus: warning: CORPUS_WAIT='soon' is not a number of seconds; waiting 30\n")


def test_one_field_from_two_columns_is_refused(invoke):
    r = invoke("list", "--field", "date=a", "--field", "date=b")
    assert r.exit_code == 2
    assert "date is given twice (a and b); a field comes from one column" in r.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_passed_over_never_opened(tmp_path, data_dir):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(next(data_dir.glob("000_*.txt")), folder)
    os.mkfifo(folder / "x.txt")  # opening it to read would wait for a writer for ever
    env = {**os.environ, "CORPUS_CACHE_DIR": str(tmp_path / "cache")}
    run = [sys.executable, "-m", "corpus_cli"]
    listed = subprocess.run(run + ["list", "--data", str(folder)], capture_output=True, text=True, timeout=120, env=env)
    assert (listed.returncode, len(listed.stdout.splitlines())) == (0, 1)
    check = subprocess.run(run + ["check", "--data", str(folder), "--json"], capture_output=True, text=True,
                           timeout=120, env=env)
    assert json.loads(check.stdout)["passed_over"] == {"named pipes, sockets and devices": 1}


def test_a_terminal_gets_a_page_and_a_line_saying_how_to_see_the_rest(invoke):
    terminal = {"FORCE_COLOR": "1", "COLUMNS": "120", "LINES": "24"}  # 24 lines: 7 hits of about 3 lines
    r = invoke("search", "Assad", env=terminal)
    assert r.exit_code == 0 and "7 hits in" in r.stdout
    assert r.stdout.splitlines()[-1] == ("… 12 more hits (19 in all): --limit 0 shows them all, or pipe the output "
                                         "into a pager: | less -R")
    everything = invoke("search", "Assad", "--limit", "0", env=terminal)
    assert "19 hits in" in everything.stdout and "more hits" not in everything.stdout
    piped = invoke("search", "Assad")  # down a pipe: every hit, nothing else
    assert len(piped.stdout.splitlines()) == 19
    lines = invoke("kwic", "the", env=terminal).stdout.splitlines()
    assert len(lines) == 22 and lines[-1].startswith("… 109 more lines (130 in all)")
    assert len(invoke("kwic", "the", "--limit", "0").stdout.splitlines()) == 130


def test_one_file_is_a_corpus(invoke, tmp_path, data_dir):
    records = [{"id": "r-00017", "date": "2015-07-31", "title": "Rivers", "text": "Rivers rose in Aleppo."},
               {"date": "2015-08-01", "title": "Fields", "text": "Fields dried up."}]
    feed = tmp_path / "2015-07-31.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    shutil.copy(next(data_dir.glob("000_*.txt")), tmp_path)  # beside it, not read
    r = invoke("list", "--data", str(feed))
    assert (r.exit_code, r.stdout) == (0, "2015-07-31  r-00017       -  Rivers\n2015-08-01  2015-07-31#2  -  Fields\n")
    r = invoke("search", "Aleppo", "--data", str(feed), "--json")
    assert [h["id"] for h in json.loads(r.stdout)] == ["r-00017"]
    (tmp_path / "table.csv").write_text("date,title,text\n2020-01-02,One,First text.\n", encoding="utf-8")
    assert invoke("list", "--data", str(tmp_path / "table.csv")).stdout == "2020-01-02  table#1  -  One\n"
    text = next(tmp_path.glob("000_*.txt"))
    assert invoke("list", "--data", str(text)).stdout.split()[1] == text.stem
    assert len(invoke("list", "--data", str(tmp_path)).stdout.splitlines()) == 4  # the folder: every file


def test_a_file_corpus_cannot_read_says_why(invoke, tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    r = invoke("list", "--data", str(tmp_path / "notes.docx"))
    assert r.exit_code == 2
    assert r.stderr == (f"corpus: error: data file '{tmp_path / 'notes.docx'}' is not of a kind corpus reads (.csv, "
                        ".htm, .html, .json, .jsonl, .ndjson, .tsv, .txt, also .gz); give its folder, or name the file so\n")
    r = invoke("list", "--data", str(tmp_path / "missing.jsonl"))
    assert (r.exit_code, r.stderr) == (2, f"corpus: error: data path '{tmp_path / 'missing.jsonl'}' does not exist\n")


def test_the_database_gives_statements_with_their_text(invoke, corpus):
    import sqlite3

    path = invoke("index", "--path").stdout.strip()
    db = sqlite3.connect(path)
    rows = db.execute("SELECT s.doc_id, s.n, s.text FROM units_fts JOIN statements s ON s.id = units_fts.rowid "
                      "WHERE units_fts MATCH 'aleppo' AND s.n IS NOT NULL ORDER BY s.id").fetchall()
    expected = sorted((h.document.id, h.statement.index, h.statement.text) for h in corpus.search("Aleppo", exact=True)
                      if h.statement.index is not None)
    assert sorted(rows) == expected and len(rows) == 7
    texts = db.execute("SELECT text FROM units_fts WHERE units_fts MATCH 'aleppo' ORDER BY rowid").fetchall()
    assert len(texts) == 8 and all("Aleppo" in t for (t,) in texts)  # with their text, as Datasette shows them


def test_a_missing_dependency_is_one_line_not_a_traceback(invoke, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def without_rapidfuzz(name, *args, **kwargs):
        if name.startswith("rapidfuzz"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_rapidfuzz)
    monkeypatch.delitem(sys.modules, "rapidfuzz", raising=False)
    r = invoke("dupes")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == ("corpus: error: the module 'rapidfuzz' that corpus needs is not installed; install corpus "
                        "again (pip install corpus-statements, or pip install . in its checkout)\n")


def test_places_and_speakers_take_a_limit_as_every_listing_does(invoke):
    r = invoke("places", "--format", "csv", "--limit", "3")
    assert [row[0] for row in csv.reader(io.StringIO(r.stdout))] == ["name", "Russia", "Syria", "Aleppo"]
    r = invoke("speakers", "--json", "--limit", "2")
    assert [s["name"] for s in json.loads(r.stdout)] == ["Yasser Farhan", "Haitham Maleh"]
    assert len(json.loads(invoke("places", "--json", "--limit", "0").stdout)) == 12
