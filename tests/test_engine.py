"""The corpus database on SQLite FTS5: tables, tokens, build, update, the open cache."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from corpus_cli.index.build import build_database
from corpus_cli.index.schema import SCHEMA_VERSION
from corpus_cli.ingest.files import assign_ids, bundled_data, scan

from .conftest import ARTICLE, SEED_IDS


def built(folder, tmp_path, workers=1):
    tmp_path.mkdir(parents=True, exist_ok=True)
    entries = scan(folder).entries()
    ids, _ = assign_ids(entries)
    path = tmp_path / "corpus.sqlite"
    build_database(path, folder, entries, ids, workers=workers)
    return sqlite3.connect(path)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    return built(bundled_data(), tmp_path_factory.mktemp("db"))


def index_of(db):
    """The index of the database ``db`` is connected to, read as a command reads it (a snapshot)."""
    from pathlib import Path

    from corpus_cli.index.database import DatabaseIndex
    from corpus_cli.index.store import Store

    return DatabaseIndex(Store(Path(db.execute("PRAGMA database_list").fetchone()[2])))


def test_the_bundled_corpus_as_tables(seeds):
    assert seeds.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert seeds.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (str(SCHEMA_VERSION),)
    rows = seeds.execute("SELECT doc_id, date, date_source, layout, word_count, statement_count FROM documents ORDER BY date_start")
    assert rows.fetchall() == [
        ("000_3e1c546575f83025", "2016-01-02T17:52", "dateline", "article", 330, 10),
        ("002_6d0a1ca802d3b216", "2016-12-09T16:37", "dateline", "article", 293, 10),
        ("001_6bce3e69434a3938", "2017-09-27", "dateline", "listing", 297, 12),
        ("003_7e59c539d2ddab83", "2019-07-05T21:16", "dateline", "press release", 296, 10),
        ("004_375b785a8374fdba", "2020-01-31T17:48", "dateline", "press release", 295, 10),
    ]
    # a unit per title and per statement
    assert seeds.execute("SELECT count(*), count(n) FROM units").fetchone() == (57, 52)
    assert sorted(r[0] for r in seeds.execute("SELECT path FROM files")) == [f"{i}.txt" for i in SEED_IDS]


def test_fts5_reads_words_as_search_folds_them(seeds):
    def units(term):
        return seeds.execute(
            "SELECT d.doc_id, u.n FROM units_fts JOIN units u ON u.id = units_fts.rowid "
            "JOIN documents d ON d.id = u.document WHERE units_fts MATCH ? ORDER BY u.id", (term,)
        ).fetchall()

    # Dara’a (title and first statement of 000) is one term, daraa; Russia’s is russia
    assert units("daraa") == [("000_3e1c546575f83025", None), ("000_3e1c546575f83025", 0)]
    assert ("002_6d0a1ca802d3b216", 0) in units("russia")
    assert units("intl") == [("004_375b785a8374fdba", None)]
    assert seeds.execute("SELECT term, doc, cnt FROM vocab WHERE term LIKE 'alep%'").fetchall() == [("aleppo", 8, 8)]
    # the statement's offsets give back its text
    body, start, end = seeds.execute(
        "SELECT b.body, u.start, u.\"end\" FROM units u JOIN documents d ON d.id = u.document "
        "JOIN bodies b ON b.document = d.id WHERE d.doc_id = ? AND u.n = 8",
        ("000_3e1c546575f83025",),
    ).fetchone()
    assert body[start:end] == "They have endured and thwarted the Russian attack for three months."


def test_files_problems_and_ids(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text(" \n", encoding="utf-8")
    (folder / "AAA_75_2020.txt").write_text("A speech.\n", encoding="utf-8")
    db = built(folder, tmp_path)
    assert db.execute("SELECT path, documents, skipped FROM files ORDER BY path").fetchall() == [
        ("AAA_75_2020.txt", 1, None), ("a.txt", 1, None), ("empty.txt", 0, "empty file"), ("sub/a.txt", 1, None),
    ]
    assert db.execute("SELECT f.path, what, action, problems.skipped FROM problems JOIN files f ON f.id = file").fetchall() == [
        ("empty.txt", "empty file", "skipped", 1),
    ]
    assert sorted(r[0] for r in db.execute("SELECT doc_id FROM documents")) == ["AAA_75_2020", "a", "a~2"]
    # a year is the period it stands for
    start, end = db.execute("SELECT date_start, date_end FROM documents WHERE doc_id = 'AAA_75_2020'").fetchone()
    assert (end - start + 1) // 1440 == 366  # 2020 is a leap year


def test_worker_processes_build_the_same_database(tmp_path, monkeypatch):
    from corpus_cli.index import build

    monkeypatch.setattr(build, "CHUNK", 8)  # five chunks for two workers
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(40):
        (folder / f"2019-07-{n % 28 + 1:02d}_{n}.txt").write_text(f"Statement {n} on Aleppo. Another one.\n", encoding="utf-8")
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = built(folder, tmp_path / "one", workers=1)
    two = built(folder, tmp_path / "two", workers=2)
    query = "SELECT doc_id, date, body FROM documents JOIN bodies ON document = id ORDER BY id"
    assert one.execute(query).fetchall() == two.execute(query).fetchall()
    assert two.execute("SELECT doc FROM vocab WHERE term = 'aleppo'").fetchone() == (80,)  # each title and first statement


def test_a_failed_build_leaves_the_previous_database(tmp_path, monkeypatch):
    from corpus_cli.index import build

    db = built(bundled_data(), tmp_path)
    db.close()

    def broken(self, chunk):
        raise KeyboardInterrupt

    monkeypatch.setattr(build.Writer, "write", broken)
    with pytest.raises(KeyboardInterrupt):
        built(bundled_data(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.sqlite"]
    assert sqlite3.connect(tmp_path / "corpus.sqlite").execute("SELECT count(*) FROM documents").fetchone() == (5,)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux's")
def test_no_worker_outlives_a_killed_build(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(64):
        (folder / f"f{n}.txt").write_text("A statement.\n", encoding="utf-8")
    script = f"""
import os, sys, time
from pathlib import Path
from corpus_cli.index import build
from corpus_cli.ingest.files import assign_ids, scan
build.CHUNK = 4
slow = build.parse_files
def parse_slowly(*args):
    print(os.getpid(), flush=True)
    time.sleep(30)
    return slow(*args)
build.parse_files = parse_slowly
entries = scan(Path({str(folder)!r})).entries()
ids, _ = assign_ids(entries)
build.build_database({str(tmp_path / 'db.sqlite')!r}, Path({str(folder)!r}), entries, ids, workers=2)
"""
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    workers = set()
    while len(workers) < 2:  # each worker says its pid when it starts on a chunk
        line = parent.stdout.readline()
        if not line:
            break
        if line.strip():
            workers.add(int(line))
    assert len(workers) == 2
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    parent.stdout.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)
    assert not (tmp_path / "db.sqlite").exists()
    # the next build removes what the killed one left
    assert [p.name for p in tmp_path.glob("db.sqlite.*.tmp")] == [f"db.sqlite.{parent.pid}.tmp"]
    entries = scan(folder).entries()
    build_database(tmp_path / "db.sqlite", folder, entries, assign_ids(entries)[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "db.sqlite"]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_an_update_gives_what_a_fresh_build_gives(tmp_path):
    from corpus_cli.index.schema import connect
    from corpus_cli.index.update import changes, update_database

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "2019-07-05_1.txt").write_text("Shelling in Dara’a. The town held.\n", encoding="utf-8")
    (folder / "2019-07-06_2.txt").write_text("Talks in Geneva.\n", encoding="utf-8")
    (folder / "2019-07-07_3.txt").write_text("Aid reached Idlib.\n", encoding="utf-8")
    (tmp_path / "a").mkdir()
    built(folder, tmp_path / "a").close()
    path = tmp_path / "a" / "corpus.sqlite"
    with connect(path) as db:
        assert not changes(db, scan(folder))
    (folder / "2019-07-05_1.txt").write_text("Shelling in Deraa stopped.\n", encoding="utf-8")
    (folder / "2019-07-06_2.txt").unlink()
    (folder / "2019-07-08_4.txt").write_text("Talks resumed in Geneva.\n", encoding="utf-8")
    db = connect(path)
    found = changes(db, scan(folder))
    db.close()
    assert ([e.rel for e in found.changed], found.removed) == (["2019-07-05_1.txt", "2019-07-08_4.txt"], ["2019-07-06_2.txt"])
    update_database(path, folder, found, assign_ids(found.changed)[0])
    (tmp_path / "b").mkdir()
    fresh = built(folder, tmp_path / "b")
    updated = sqlite3.connect(path)
    query = "SELECT doc_id, date, body, word_count FROM documents JOIN bodies ON document = id ORDER BY doc_id"
    assert updated.execute(query).fetchall() == fresh.execute(query).fetchall()
    terms = "SELECT term, doc, cnt FROM vocab ORDER BY term"
    assert updated.execute(terms).fetchall() == fresh.execute(terms).fetchall()  # no term of the old text is left
    for table in ("SELECT term, cnt, units FROM terms ORDER BY term", "SELECT key, term FROM term_keys ORDER BY 1, 2",
                  "SELECT skeleton, term FROM term_skels ORDER BY 1, 2"):
        assert updated.execute(table).fetchall() == fresh.execute(table).fetchall()
    match = "SELECT count(*) FROM units_fts WHERE units_fts MATCH ?"
    assert [updated.execute(match, (t,)).fetchone()[0] for t in ("daraa", "deraa", "geneva")] == [0, 2, 2]
    assert not changes(updated, scan(folder))


def test_terms_follow_an_update(tmp_path):
    from corpus_cli.index.schema import connect
    from corpus_cli.index.update import changes, update_database
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Shelling in Deraa.\n", encoding="utf-8")
    built(folder, tmp_path).close()
    (folder / "a.txt").write_text("Shelling in Idleb.\n", encoding="utf-8")
    db = connect(tmp_path / "corpus.sqlite")
    found = changes(db, scan(folder))
    update_database(tmp_path / "corpus.sqlite", folder, found, assign_ids(found.changed)[0])
    lexicon = index_of(db).lexicon
    assert lexicon.words == ["idleb", "in", "shelling"]
    assert (lexicon.by_key("idlib"), lexicon.count("idleb"), lexicon.is_name("idleb")) == (["idleb"], 2, True)
    assert db.execute("SELECT count(*) FROM term_keys WHERE term = 'deraa'").fetchone() == (0,)
    db.close()


def test_the_commands_on_the_engine(invoke, tmp_path, monkeypatch):
    """The commands answer from the database, kept fresh by a scan."""
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "2019-07-05_1.txt").write_text("Shelling in Dara’a.\n", encoding="utf-8")
    r = invoke("index", "--data", str(folder))
    assert r.stdout.startswith(f"{folder}: 1 document from 1 file, built in ")
    assert list((tmp_path / "cache").glob("corpus-*.sqlite"))
    found = "0.42  2019-07-05  2019-07-05_1#0  Shelling in Dara’a  Shelling in Dara’a.\n"
    assert invoke("search", "Deraa", "--data", str(folder)).stdout == found
    (folder / "2019-07-06_2.txt").write_text("Talks in Geneva.\n", encoding="utf-8")
    r = invoke("list", "--data", str(folder))
    assert (r.exit_code, r.stdout.splitlines()) == (0, [
        "2019-07-05  2019-07-05_1  -  Shelling in Dara’a", "2019-07-06  2019-07-06_2  -  Talks in Geneva",
    ])
    assert "up to date" in invoke("index", "--data", str(folder)).stdout
    (folder / "2019-07-06_2.txt").unlink()
    assert invoke("search", "Deraa", "--data", str(folder)).stdout == found


def test_opening_is_cached_per_generation(tmp_path):
    from corpus_cli.index.schema import connect
    from corpus_cli.index.update import changes, update_database

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "2019-07-05_1.txt").write_text("Shelling in Deraa.\n", encoding="utf-8")
    built(folder, tmp_path).close()
    db = connect(tmp_path / "corpus.sqlite")
    assert db.execute("SELECT name FROM cache").fetchall() == []
    first = index_of(db)
    assert db.execute("SELECT name FROM cache").fetchall() == []  # kept when the reader is done, not in its snapshot
    first.store.close()
    assert db.execute("SELECT name, generation FROM cache ORDER BY name").fetchall() == [("index-2", 1), ("words", 1)]
    again = index_of(db)  # from the cache: the same arrays
    assert (again.doc_ids, list(again.stmt_doc), list(again.stmt_length), again.lexicon.words) == (
        first.doc_ids, list(first.stmt_doc), list(first.stmt_length), first.lexicon.words)
    (folder / "2019-07-06_2.txt").write_text("Talks in Geneva went on.\n", encoding="utf-8")
    update_database(tmp_path / "corpus.sqlite", folder, changes(db, scan(folder)), ["2019-07-06_2"])
    after = index_of(db)
    assert (after.doc_ids, list(after.stmt_length)) == (["2019-07-05_1", "2019-07-06_2"], [3, 3, 5, 5])
    assert db.execute("SELECT name, generation FROM cache ORDER BY name").fetchall() == [("index-2", 2), ("words", 2)]
    db.close()


def test_a_file_changed_in_place_is_found_from_the_remembered_scan(tmp_path):
    from corpus_cli.index.schema import connect
    from corpus_cli.index.update import changes, remember_scan

    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(3):
        (folder / f"2019-07-0{n + 1}_{n}.txt").write_text(f"Statement {n}.\n", encoding="utf-8")
    built(folder, tmp_path).close()
    db = connect(tmp_path / "corpus.sqlite")
    remember_scan(db, scan(folder))
    assert not changes(db, scan(folder))
    (folder / "2019-07-02_1.txt").write_text("Statement 1, longer now.\n", encoding="utf-8")
    found = changes(db, scan(folder))
    assert ([e.rel for e in found.changed], found.removed) == (["2019-07-02_1.txt"], [])
    (folder / "2019-07-03_2.txt").unlink()  # another list of files: compared file by file
    found = changes(db, scan(folder))
    assert ([e.rel for e in found.changed], found.removed) == (["2019-07-02_1.txt"], ["2019-07-03_2.txt"])
    db.close()


def test_an_update_carries_the_open_cache_over_exactly(tmp_path):
    from corpus_cli.index.arrays import unpack as _unpack
    from corpus_cli.index.database import DatabaseIndex
    from corpus_cli.index.schema import cached, connect
    from corpus_cli.index.update import changes, update_database

    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = ["Shelling in Deraa. The town held.", "Talks in Geneva.", "Aid reached Idlib. Trucks waited. More came.",
             "Category news.", "The last one."]
    for n, text in enumerate(texts):
        (folder / f"2019-07-0{n + 1}_{n}.txt").write_text(text + "\n", encoding="utf-8")
    built(folder, tmp_path).close()
    db = connect(tmp_path / "corpus.sqlite")
    index_of(db).store.close()  # makes the cache of generation 1
    (folder / "2019-07-02_1.txt").write_text("Talks in Geneva went on for days. Then stopped.\n", encoding="utf-8")
    (folder / "2019-07-03_2.txt").unlink()
    (folder / "2019-07-09_9.txt").write_text("A new one about Aleppo.\n", encoding="utf-8")
    found = changes(db, scan(folder))
    update_database(tmp_path / "corpus.sqlite", folder, found, assign_ids(found.changed)[0])
    patched = _unpack(cached(db, DatabaseIndex.CACHE), DatabaseIndex.ARRAYS)
    patched_words = cached(db, "words")
    fresh = index_of(db)._arrays()
    for name in fresh:
        got, want = patched[name], fresh[name]
        if name in ("categories", "sources"):
            assert set(got) == set(want)
        elif name not in ("doc_category", "doc_source"):
            assert list(got) == list(want), name
    assert patched["doc_ids"] == ["2019-07-01_0", "2019-07-04_3", "2019-07-05_4", "2019-07-02_1", "2019-07-09_9"]
    db.execute("DELETE FROM cache")
    assert patched_words.decode("utf-8").split("\x1f") == index_of(db).lexicon.words
    db.close()


def test_index_path_names_the_file(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path))
    r = invoke("index", "--path")
    path = next(tmp_path.glob("data-*.sqlite"))
    assert r.stdout == f"{path}\n"
    assert sqlite3.connect(path).execute("SELECT count(*) FROM documents").fetchone() == (5,)


def test_the_engine_without_a_writable_cache_and_in_the_cache_commands(invoke, tmp_path, monkeypatch):
    from corpus_cli.api import Corpus

    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(blocker / "cache"))
    corpus = Corpus.open()
    assert [h.document.id[:3] for h in corpus.search("Idlib")][:1] == ["004"]
    assert corpus.report.notes[0].startswith(f"cannot write the index database {blocker / 'cache'}")
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path / "cache"))
    invoke("index")
    r = invoke("cache", "info", "--json")
    data = json.loads(r.stdout)
    assert [(s["documents"], s["folder"], s["problem"]) for s in data["databases"]] == [(5, str(bundled_data()), None)]
    assert invoke("cache", "clear").stdout == f"removed 1 file from {tmp_path / 'cache'}\n"


def test_spellings_and_capitals_are_counted_once_then_kept(tmp_path):
    from corpus_cli.index.database import DatabaseIndex
    from corpus_cli.index.schema import connect

    built(bundled_data(), tmp_path).close()
    db = connect(tmp_path / "corpus.sqlite")
    index = index_of(db)
    row = "SELECT capitals, spellings FROM terms WHERE term = ?"
    assert db.execute(row, ("daraa",)).fetchone() == (None, None)
    assert index.surfaces["daraa"] == {"Dara’a": 2}
    assert index.lexicon.is_name("daraa")
    index.store.flush()
    assert db.execute(row, ("daraa",)).fetchone() == (2, '{"Dara’a": 2}')
    db.close()


def test_speakers_and_places_are_found_once_then_read_back(tmp_path, monkeypatch):
    from corpus_cli.language import speakers
    from corpus_cli.api import Corpus
    from corpus_cli.output.records import hit_record

    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "2019-07-05_1.txt").write_text(
        "Shelling in Idlib.\n\n“The shelling of Idlib must stop,” said Senator Jane Smith.\n", encoding="utf-8")
    first = Corpus.open(folder)
    db = sqlite3.connect(first.report.database)
    assert db.execute("SELECT count(*) FROM mentions").fetchone() == (0,)  # not found by the build
    found = [hit_record(h) for h in first.search("Idlib")]
    assert [(r["statement_index"], r["places"], r["speakers"]) for r in found] == [
        (0, ["Idlib"], []), (1, ["Idlib"], ["Jane Smith"]),
    ]
    first.index.documents.found.flush()
    assert db.execute("SELECT found FROM speakers").fetchall() == [('[["Jane Smith", "Senator", [1]]]',)]
    # the first ask found the places of every unit: the title and both statements name Idlib
    assert db.execute("SELECT place, rank FROM mentions").fetchall() == [("169389", 0)] * 3
    monkeypatch.setattr(speakers, "speakers_of", None)  # not found again: read back
    monkeypatch.setattr("corpus_cli.language.places.find_in_units", None)
    again = Corpus.open(folder)
    assert [hit_record(h) for h in again.search("Idlib")] == found


def test_a_page_of_hits_finds_the_places_of_its_documents_only(tmp_path, monkeypatch):
    from corpus_cli.api import Corpus
    from corpus_cli.output.records import hit_record

    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "2019-07-05_1.txt").write_text("Shelling in Idlib.\n\nThe shelling of Idlib must stop.\n", encoding="utf-8")
    (folder / "2019-07-06_2.txt").write_text("Talks in Geneva.\n\nThe talks in Geneva went on.\n", encoding="utf-8")
    first = Corpus.open(folder)
    assert [(r["id"], r["places"]) for r in map(hit_record, first.search("shelling"))] == [
        ("2019-07-05_1", ["Idlib"]), ("2019-07-05_1", ["Idlib"])]
    first.index.store.flush()
    db = sqlite3.connect(first.report.database)
    # the hits' document only, marked as found; the database does not claim to keep every document's
    assert db.execute("SELECT d.doc_id, p.version FROM placed p JOIN documents d ON d.id = p.document").fetchall() == [
        ("2019-07-05_1", "world-9")]
    assert db.execute("SELECT DISTINCT place FROM mentions").fetchall() == [("169389",)]
    assert db.execute("SELECT value FROM meta WHERE key = 'places'").fetchone() is None
    # a place filter needs every document's: found then, and kept
    again = Corpus.open(folder)
    assert [d.id for d in again.list(place="Geneva")] == ["2019-07-06_2"]
    again.index.store.flush()
    assert db.execute("SELECT value FROM meta WHERE key = 'places'").fetchone() == ("world-9",)
    assert db.execute("SELECT count(*) FROM placed").fetchone() == (0,)
    assert sorted(db.execute("SELECT DISTINCT place FROM mentions")) == [("169389",), ("2660646",)]


@pytest.mark.parametrize("word", ["Alepo", "Assad", "Hizbollah", "Deraa", "Dara'a", "regime", "Syrian", "Maarat", "civilians"])
@pytest.mark.parametrize("exact", [False, True])
def test_a_word_is_found_by_its_spellings_where_the_tokens_find_it(corpus, word, exact):
    from corpus_cli.search.execute import _Evaluator
    from corpus_cli.search.phrases import Part
    from corpus_cli.search.phrases import occurrences as _occurrences

    ev = _Evaluator(corpus.index, "auto", exact)
    part = Part(word, ev.expand(word, None))
    units = sorted({g for e in part.expansions for g in corpus.index.postings[e.word]})
    assert units or exact
    for g in units:
        assert ev.occurrences(g, [part]) == _occurrences(ev.unit_tokens(g), [part])


@pytest.mark.parametrize("workers", [1, 2])
def test_a_large_file_of_records_is_parsed_in_batches_as_if_whole(tmp_path, monkeypatch, workers):
    from corpus_cli.ingest import loader
    from corpus_cli.index import build

    folder = tmp_path / "corpus"
    folder.mkdir()
    rows = ["date\ttitle\ttext"] + [
        f"2019-07-{n % 28 + 1:02d}\tItem {n}\t{'Shelling in Idlib, day ' + str(n) + '.' if n % 7 else ''}" for n in range(25)
    ]
    (folder / "big.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "none.csv").write_text("date,text\n2019-01-01,\n2019-01-02,\n", encoding="utf-8")
    (folder / "small.txt").write_text("Talks in Geneva.\n", encoding="utf-8")
    tables = ("SELECT f.path, f.documents, f.skipped FROM files f ORDER BY f.path",
              "SELECT f.path, p.what, p.action, p.skipped FROM problems p JOIN files f ON f.id = p.file ORDER BY 1, 2",
              "SELECT doc_id, title, date, word_count FROM documents ORDER BY doc_id",
              "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'idlib'")
    whole = [built(folder, tmp_path / "whole").execute(t).fetchall() for t in tables]
    monkeypatch.setattr(loader, "STREAM_FROM", 10)  # every file of records is "large"
    monkeypatch.setattr(build, "STREAM_FROM", 10)
    monkeypatch.setattr(build, "BATCH_ROWS", 4)
    batched = [built(folder, tmp_path / "batched", workers=workers).execute(t).fetchall() for t in tables]
    assert batched == whole
    assert whole[0] == [("big.tsv", 21, None), ("none.csv", 0, "no records with text"), ("small.txt", 1, None)]
    assert ("big.tsv", "4 records without text: skipped", "kept", 0) in whole[1]
    assert whole[3] == [(21,)]


def test_many_postings_are_mapped_to_units_as_few_are(seeds, monkeypatch):
    from corpus_cli.index.database import DatabaseIndex
    from corpus_cli.index.rows import Postings as _Postings

    few = index_of(seeds)
    words = ["the", "syrian", "regime", "aleppo", "idlib"]
    expected = [list(few.postings[w]) for w in words]
    monkeypatch.setattr(_Postings, "MANY", 1)  # numpy for every word
    many = index_of(seeds)
    assert [list(many.postings[w]) for w in words] == expected
    assert all(expected)
