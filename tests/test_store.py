"""The index database in the cache folder: hits, freshness after every kind of change, damage,
concurrency."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from corpus_cli.index import cache as store
from corpus_cli.api import Corpus
from corpus_cli.index import seal
from corpus_cli.index.open import database_path, settings

from .conftest import ARTICLE


def article(title, sentence, day=2):
    return ARTICLE.replace("A Test Title", title).replace("02 January", f"{day:02d} January").replace(
        "First paragraph here.", sentence
    )


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(article("Alpha", "Aleppo was shelled."), encoding="utf-8")
    (root / "b.txt").write_text(article("Beta", "Idlib was quiet.", 3), encoding="utf-8")
    (root / "sub" / "c.txt").write_text(article("Gamma", "Hama held out.", 4), encoding="utf-8")
    return root


def touch(path, text):
    """Write and make sure the modification time moves, however coarse the clock."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def ids(corpus, query):
    return sorted({h.document.id for h in corpus.search(query)})


def db_of(folder):
    return database_path(folder, settings(folder))


def test_first_run_builds_then_the_database_is_used(folder):
    first = Corpus.open(folder)
    assert first.report.source == "built"
    assert first.report.database == db_of(folder)
    assert first.report.database.parent == store.cache_dir()
    assert first.report.database.name.startswith("docs-") and first.report.database.suffix == ".sqlite"
    second = Corpus.open(folder)
    assert second.report.source == "cached"
    for query in ("Aleppo", "Idlib OR Hama", "title:Gamma"):
        assert [(h.document.id, h.statement.index, h.score) for h in second.search(query)] == [
            (h.document.id, h.statement.index, h.score) for h in first.search(query)
        ]
    assert [d.id for d in second.list()] == ["a", "b", "c"]
    assert second.stats() == first.stats()


def test_a_changed_file_is_noticed(folder):
    Corpus.open(folder)
    touch(folder / "b.txt", article("Beta", "Daraa was quiet.", 3))
    corpus = Corpus.open(folder)
    assert (corpus.report.source, corpus.report.changed) == ("updated", 1)
    assert ids(corpus, "Daraa") == ["b"]
    assert ids(corpus, "Idlib") == []
    assert [d.id for d in corpus.list()] == ["a", "b", "c"]
    assert corpus.stats().documents == 3


def test_added_removed_and_renamed_files_are_noticed(folder):
    Corpus.open(folder)
    touch(folder / "d.txt", article("Delta", "Aleppo again.", 5))
    (folder / "sub" / "c.txt").rename(folder / "sub" / "c2.txt")
    (folder / "a.txt").unlink()
    corpus = Corpus.open(folder)
    assert (corpus.report.source, corpus.report.changed) == ("updated", 4)  # d and c2 new, a and c gone
    assert ids(corpus, "Aleppo") == ["d"]
    assert ids(corpus, "Hama") == ["c2"]
    assert [d.id for d in corpus.list()] == ["b", "c2", "d"]
    with pytest.raises(Exception, match="no document has an id starting with 'a'"):
        corpus.show("a")


def test_an_update_is_made_once_and_the_next_run_is_warm(folder):
    Corpus.open(folder)
    touch(folder / "b.txt", article("Beta", "Daraa was quiet.", 3))
    assert Corpus.open(folder).report.source == "updated"
    again = Corpus.open(folder)
    assert again.report.source == "cached"
    assert ids(again, "Daraa") == ["b"]
    touch(folder / "a.txt", article("Alpha", "Homs was shelled."))
    third = Corpus.open(folder)
    assert (ids(third, "Homs"), ids(third, "Daraa"), ids(third, "Aleppo")) == (["a"], ["b"], [])


def test_many_changes_are_one_update(folder):
    Corpus.open(folder)
    for n in range(60):
        touch(folder / f"n{n}.txt", article(f"N{n}", "Raqqa fell.", 6))
    corpus = Corpus.open(folder)
    assert (corpus.report.source, corpus.report.changed) == ("updated", 60)
    assert len(ids(corpus, "Raqqa")) == 60
    assert Corpus.open(folder).stats().documents == 63


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda b: b[: len(b) // 2 + 100], "it cannot be read ("),
        (lambda b: b"not a database at all, just text" * 200, "it cannot be read (file is not a database)"),
        (lambda b: b[:100] + b"\xff" * 4 + b[104:], "it cannot be read (database disk image is malformed)"),  # a page header
        (lambda b: b[: len(b) // 2] + b"\x00\x00\x00\x00" + b[len(b) // 2 + 4 :], None),  # four bytes in the middle
    ],
    ids=["truncated", "foreign", "page header", "middle"],
)
def test_a_damaged_database_is_found_before_any_output_and_rebuilt(folder, invoke, damage, message):
    Corpus.open(folder)
    seal.seal(db_of(folder))  # as the last writer left it
    path = db_of(folder)
    raw = path.read_bytes()
    path.write_bytes(damage(raw))
    r = invoke("export", "--data", str(folder), "--format", "jsonl")
    records = [json.loads(line)["id"] for line in r.stdout.splitlines()]
    assert (r.exit_code, records) == (0, ["a", "b", "c"])
    note = r.stderr.strip()
    if message is None:  # four bytes where they fall: in data (found by its check), structure, or free space
        assert note == "" or note.startswith(tuple(f"corpus: warning: the index database {path} is unusable ({why}"
                                                   for why in ("it is damaged: ", "it cannot be read (")))
    else:
        assert note.startswith(f"corpus: warning: the index database {path} is unusable ({message}")
        assert note.endswith("); building it again")
    assert Corpus.open(folder).report.source == "cached"


def test_damage_met_while_reading_is_one_clear_error_and_checked_next_time(folder, invoke, monkeypatch):
    path = db_of(folder)
    Corpus.open(folder)
    db = sqlite3.connect(path)
    pages = {name: page for name, page in db.execute("SELECT name, rootpage FROM sqlite_master WHERE name = 'bodies'")}
    db.close()
    raw = bytearray(path.read_bytes())
    at = (pages["bodies"] - 1) * 4096
    raw[at : at + 8] = b"\xff" * 8  # the bodies table's page header
    path.write_bytes(bytes(raw))
    monkeypatch.setattr("corpus_cli.index.open.sealed", lambda p: True)  # as if the damage came after the check
    r = invoke("export", "--data", str(folder), "--format", "json")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr.startswith(f"corpus: error: {path} is damaged (")
    assert r.stderr.endswith("); the next command checks it and builds it again\n")
    assert not seal.seal_path(path).exists()
    monkeypatch.undo()
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(path.parent))
    r = invoke("export", "--data", str(folder), "--format", "json")
    assert [d["id"] for d in json.loads(r.stdout)] == ["a", "b", "c"]
    assert "is unusable (it is damaged: " in r.stderr


@pytest.mark.parametrize("key, value, why", [("schema", "99", "it was made by another version"),
                                             ("parser", "1", "it was made by another version"),
                                             ("root", "/elsewhere", "it indexes another folder or reading")])
def test_a_database_of_another_version_or_folder_is_rebuilt(folder, key, value, why):
    Corpus.open(folder)
    db = sqlite3.connect(db_of(folder))
    with db:
        db.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    db.close()
    corpus = Corpus.open(folder)
    assert corpus.report.source == "built"
    assert corpus.report.notes == [f"the index database {db_of(folder)} is unusable ({why}); building it again"]
    assert ids(corpus, "Aleppo") == ["a"]


def test_no_cache_writes_nothing(folder):
    corpus = Corpus.open(folder, cache=False)
    assert corpus.report.source == "memory"
    assert not db_of(folder).exists()
    assert ids(corpus, "Aleppo") == ["a"]


def test_an_unwritable_cache_still_answers(folder, tmp_path, monkeypatch):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(blocker / "cache"))
    corpus = Corpus.open(folder)
    assert ids(corpus, "Aleppo") == ["a"]
    assert corpus.report.notes and corpus.report.notes[0].startswith("cannot write the index database")


def test_cache_dir_follows_the_platform(monkeypatch, tmp_path):
    monkeypatch.delenv("CORPUS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert store.cache_dir() == tmp_path / "corpus"


def test_index_and_cache_commands(folder, invoke):
    r = invoke("index", "--data", str(folder))
    assert r.exit_code == 0
    assert r.stdout.startswith(f"{folder}: 3 documents from 3 files, built in ")
    r = invoke("index", "--data", str(folder))
    assert ": 3 documents from 3 files, up to date in " in r.stdout
    touch(folder / "b.txt", article("Beta", "Daraa was quiet.", 3))
    r = invoke("index", "--data", str(folder))
    assert "updated (1 changed file)" in r.stdout
    r = invoke("cache", "info")
    lines = r.stdout.splitlines()
    assert lines[0] == f"cache folder: {store.cache_dir()}"
    assert lines[1].startswith("1 database, ")
    assert f"3 documents of {folder}" in r.stdout
    data = json.loads(invoke("cache", "info", "--json").stdout)
    assert [(d["documents"], d["folder"], d["problem"]) for d in data["databases"]] == [(3, str(folder), None)]
    r = invoke("index", "--data", str(folder), "--rebuild")
    assert "built in" in r.stdout
    r = invoke("cache", "clear")
    assert r.stdout == f"removed 1 file from {store.cache_dir()}\n"
    assert invoke("cache", "info").stdout.splitlines()[1] == "0 databases, 0.0 MB"


def test_two_processes_at_once_both_answer(folder, tmp_path):
    for n in range(200):
        (folder / f"x{n:03d}.txt").write_text(article(f"X{n}", f"Item {n} about Aleppo.", 7), encoding="utf-8")
    env = {**os.environ, "CORPUS_CACHE_DIR": str(tmp_path / "shared-cache")}
    cmd = [sys.executable, "-m", "corpus_cli", "search", "Aleppo", "--data", str(folder), "--format", "jsonl"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0]
    assert all(len(out.splitlines()) == 201 for out, _ in outs)
    assert outs[0][0] == outs[1][0] == outs[2][0]
    assert list((tmp_path / "shared-cache").glob("*.tmp")) == []


def test_help_does_not_import_the_index_or_rapidfuzz():
    code = (
        "import sys; from corpus_cli.cli import cli\n"
        "try: cli(['--help'])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in ('rapidfuzz', 'rich', 'corpus_cli.index.base', 'corpus_cli.index') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_progress_bar_only_on_a_terminal_and_after_a_second(monkeypatch):
    from corpus_cli.cli.options import progress
    from corpus_cli.output.progress import BuildProgress

    assert progress() is None  # stderr is not a terminal under pytest
    bar = BuildProgress()
    bar(10, 100)
    assert bar._progress is None  # not yet a second
    bar.started -= 2
    bar(50, 100)
    assert bar._progress is not None
    bar(100, 100)
    assert bar._progress is None  # finished bars go away


@pytest.mark.parametrize("command", [["index"], ["cache"], ["cache", "info"], ["cache", "clear"]])
def test_cache_commands_have_help(invoke, command):
    r = invoke(*command, "--help")
    assert r.exit_code == 0
    assert r.stdout.startswith("Usage: corpus " + " ".join(command))
    assert "Example" in r.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGKILL")
def test_an_update_killed_inside_its_transaction_leaves_the_previous_index(folder, tmp_path):
    import signal

    Corpus.open(folder)
    seal.seal(db_of(folder))
    touch(folder / "b.txt", article("Beta", "Daraa was quiet.", 3))
    script = f"""
import time
from pathlib import Path
from corpus_cli.index import update
from corpus_cli.api import Corpus
def slow(*args, **kwargs):
    print("writing", flush=True)
    time.sleep(60)
update.refresh_terms = slow  # inside the transaction, after the rows are written
Corpus.open(Path({str(folder)!r}))
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ)
    assert proc.stdout.readline() == "writing\n"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    db = sqlite3.connect(db_of(folder))
    assert db.execute("SELECT count(*) FROM documents").fetchone() == (3,)
    assert db.execute("SELECT count(*) FROM units_fts WHERE units_fts MATCH 'idlib'").fetchone() == (1,)
    db.close()
    corpus = Corpus.open(folder)  # the file was not sealed as it is: checked whole, then updated
    assert (corpus.report.source, corpus.report.notes) == ("updated", [])
    assert (ids(corpus, "Daraa"), ids(corpus, "Idlib")) == (["b"], [])


def test_a_file_name_with_a_newline_is_one_file_in_every_cached_command(folder, invoke):
    touch(folder / "two\nlines.txt", article("Odd", "Raqqa fell.", 9))
    for _ in range(2):  # built, then from the database
        r = invoke("list", "--data", str(folder), "--format", "jsonl")
        assert r.exit_code == 0
        assert [json.loads(line)["id"] for line in r.stdout.splitlines()] == ["a", "b", "c", "two\nlines"]
    r = invoke("search", "Raqqa", "--data", str(folder), "--format", "json")
    assert [h["id"] for h in json.loads(r.stdout)] == ["two\nlines"]
    db = sqlite3.connect(db_of(folder))
    assert db.execute("SELECT count(*) FROM files WHERE path = ?", ("two\nlines.txt",)).fetchone() == (1,)


def test_no_cache_leaves_no_temporary_database_behind(folder, tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    r = subprocess.run([sys.executable, "-m", "corpus_cli", "search", "Aleppo", "--no-cache", "--data", str(folder),
                        "--format", "jsonl"], env=env, capture_output=True, text=True)
    assert (r.returncode, [json.loads(line)["id"] for line in r.stdout.splitlines()]) == (0, ["a"])
    assert list(scratch.iterdir()) == []


def test_index_reports_in_every_format(folder, invoke):
    r = invoke("index", "--data", str(folder), "--json")
    record = json.loads(r.stdout)
    assert {k: record[k] for k in ("folder", "documents", "files", "status", "changed")} == {
        "folder": str(folder), "documents": 3, "files": 3, "status": "built", "changed": 0,
    }
    assert record["database"] == str(db_of(folder)) and record["bytes"] == db_of(folder).stat().st_size
    r = invoke("index", "--data", str(folder), "--no-cache", "--format", "csv")
    header, row = r.stdout.splitlines()
    assert header == "folder,documents,files,status,changed,seconds,database,bytes"
    assert row.startswith(f"{folder},3,3,built,0,") and row.endswith(",,")
    r = invoke("index", "--data", str(folder), "--no-cache", "--path")
    assert (r.exit_code, r.stderr) == (2, "corpus: error: --path names the database in the cache folder; --no-cache keeps none\n")


def test_a_rebuild_while_others_read_leaves_every_reader_whole(folder, tmp_path):
    for n in range(200):
        (folder / f"x{n:03d}.txt").write_text(article(f"X{n}", f"Item {n} about Aleppo.", 7), encoding="utf-8")
    env = {**os.environ, "CORPUS_CACHE_DIR": str(tmp_path / "shared-cache")}
    base = [sys.executable, "-m", "corpus_cli"]
    subprocess.run(base + ["index", "--data", str(folder)], env=env, capture_output=True, check=True)
    rebuild = subprocess.Popen(base + ["index", "--rebuild", "--data", str(folder)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    readers = [subprocess.Popen(base + ["search", "Aleppo", "--data", str(folder), "--format", "jsonl"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in readers]
    rebuild.communicate(timeout=120)
    assert [p.returncode for p in [rebuild, *readers]] == [0, 0, 0, 0]
    assert [len(out.splitlines()) for out, _ in outs] == [201, 201, 201]
    name = db_of(folder).name
    assert sorted(p.name for p in (tmp_path / "shared-cache").iterdir()) == [
        name, f"{name}-seal", f"{name}-shm", f"{name}-wal", f"{name}.lock",  # the write-ahead log stays: readers come and go
    ]
