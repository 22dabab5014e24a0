"""Many readers, one folder that keeps changing, one writer at a time, and damage met anywhere:
every command answers from one consistent state or says clearly why it cannot."""

import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from corpus_cli.api import Corpus
from corpus_cli.index import lock

from .test_store import article, db_of, ids, touch

MARKER = "zorbalink"


def corpus_cmd(*args):
    return [sys.executable, "-m", "corpus_cli", *args]


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a.txt").write_text(article("Alpha", "Aleppo was shelled."), encoding="utf-8")
    (root / "b.txt").write_text(article("Beta", "Idlib was quiet.", 3), encoding="utf-8")
    (root / "c.txt").write_text(
        article("Gamma", "“Hama held out,” said Senator Jane Smith. The shelling of Idlib went on.", 4), encoding="utf-8")
    return root


class Writer(threading.Thread):
    """Adds a file naming the marker, appends to a file, or removes one, every ``every`` seconds."""

    def __init__(self, root, every=0.05):
        super().__init__(daemon=True)
        self.root, self.every, self.stop = root, every, threading.Event()
        self.rng = random.Random(7)
        self.n = 0

    def run(self):
        while not self.stop.is_set():
            self.n += 1
            names = sorted(p.name for p in self.root.glob("*.txt"))
            if self.n % 5 == 0 and len(names) > 50:
                (self.root / self.rng.choice(names)).unlink()
            elif self.n % 2:
                (self.root / f"new{self.n:04d}.txt").write_text(
                    article(f"New {self.n}", f"The {MARKER} plan was named in Aleppo.", 9), encoding="utf-8")
            else:
                with open(self.root / self.rng.choice(names), "a", encoding="utf-8") as fh:
                    fh.write(f"\nA line added later, number {self.n}, about Idlib.\n")
            self.stop.wait(self.every)


@pytest.mark.skipif(sys.platform == "win32", reason="the writer lock needs flock")
def test_readers_while_the_folder_changes_always_answer_whole(tmp_path):
    root = tmp_path / "docs"
    root.mkdir()
    for n in range(300):
        (root / f"d{n:03d}.txt").write_text(
            article(f"Title {n}", f"Aleppo and Idlib were named in release {n}. " * 8, 1 + n % 28), encoding="utf-8")
    env = {**os.environ, "CORPUS_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run(corpus_cmd("index", "--data", str(root)), env=env, check=True, capture_output=True)
    commands = [("export", "--format", "json"), ("search", "Aleppo", "--json"), ("list", "--json"),
                ("kwic", "Idlib", "--json"), ("export", "--format", "json"), ("search", MARKER, "--json", "--docs")]
    writer = Writer(root)
    writer.start()
    answers = []
    try:
        for round_ in range(3):
            procs = [subprocess.Popen(corpus_cmd(*commands[(round_ + n) % len(commands)], "--data", str(root)), env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE) for n in range(4)]
            for p in procs:
                out, err = p.communicate(timeout=300)
                answers.append((p.args[3:5], p.returncode, out, err))
    finally:
        writer.stop.set()
        writer.join()
    for args, code, out, err in answers:
        assert b"Traceback" not in err, (args, err.decode())
        assert code in (0, 1), (args, code, err.decode())
        json.loads(out)  # whole: valid JSON, not cut short
    listed = json.loads(subprocess.run(corpus_cmd("list", "--json", "--data", str(root)), env=env,
                                       capture_output=True, check=True).stdout)
    ids = [d["id"] for d in listed]
    assert sorted(ids) == sorted(p.stem for p in root.glob("*.txt"))  # every file once, none removed
    found = subprocess.run(corpus_cmd("search", MARKER, "--json", "--docs", "--fuzziness", "0", "--data", str(root)),
                           env=env, capture_output=True)
    holding = sorted(p.stem for p in root.glob("*.txt") if MARKER in p.read_text(encoding="utf-8"))
    assert holding and sorted(d["id"] for d in json.loads(found.stdout)) == holding


def test_a_corpus_answers_from_the_state_it_opened_while_another_updates(folder):
    old = Corpus.open(folder)
    touch(folder / "b.txt", article("Beta", "Daraa was quiet.", 3))
    (folder / "c.txt").unlink()
    touch(folder / "d.txt", article("Delta", "Raqqa fell.", 5))
    new = Corpus.open(folder)
    assert (new.report.source, new.report.changed) == ("updated", 3)
    # the old corpus reads its own state to the end, what it reads lazily included
    assert [d.id for d in old.list()] == ["a", "b", "c"]
    gamma = old.show("c")
    assert gamma.body.startswith("“Hama held out,” said Senator Jane Smith.")
    assert [(s.name, s.statements) for s in gamma.speakers] == [("Jane Smith", (0,))]
    assert (ids(old, "Idlib"), ids(old, "Daraa"), ids(old, "Raqqa")) == (["b", "c"], [], [])
    assert (ids(new, "Idlib"), ids(new, "Daraa"), ids(new, "Raqqa")) == ([], ["b"], ["d"])
    assert [d.id for d in new.list()] == ["a", "b", "d"]


def test_what_a_reader_found_in_an_older_state_is_never_kept_in_a_newer(folder):
    old = Corpus.open(folder)
    (folder / "c.txt").unlink()
    touch(folder / "d.txt", article("Delta", "“Raqqa fell,” said Mayor Omar Ali.", 5))
    new = Corpus.open(folder)
    db = sqlite3.connect(db_of(folder))
    # the premise: d took the row c had (the last, set free), so a finding about c would land on d
    c_row = old.index.doc_rowids[old.index.position("c")]
    assert db.execute("SELECT id FROM documents WHERE doc_id = 'd'").fetchone() == (c_row,)
    assert [s.name for s in old.show("c").speakers] == ["Jane Smith"]  # found now, in the old state
    old.close()
    assert db.execute("SELECT document, found FROM speakers").fetchall() == []
    assert [s.name for s in new.show("d").speakers] == ["Omar Ali"]
    new.close()
    assert db.execute("SELECT document, found FROM speakers").fetchall() == [(c_row, '[["Omar Ali", "Mayor", [0]]]')]


def _run(args, **env):
    return subprocess.Popen(corpus_cmd(*args), env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.skipif(sys.platform == "win32", reason="the writer lock needs flock")
def test_a_command_waits_for_the_writer_then_reads_its_work_instead_of_doing_it_again(folder):
    Corpus.open(folder).close()
    touch(folder / "b.txt", article("Beta", "Daraa was quiet.", 3))
    with lock.writer(db_of(folder)):  # another process, about to update
        proc = _run(["index", "--json", "--data", str(folder)])
        time.sleep(1.5)
        updated = Corpus.open(folder)  # its update (the lock is this process's already)
        assert (updated.report.source, updated.report.changed) == ("updated", 1)
    out, err = proc.communicate(timeout=60)
    assert err == "corpus: waiting for another corpus process that is writing the index database…\n"
    assert (proc.returncode, json.loads(out)["status"], json.loads(out)["changed"]) == (0, "cached", 0)


@pytest.mark.skipif(sys.platform == "win32", reason="the writer lock needs flock")
def test_a_command_waits_for_a_writer_only_so_long_then_answers_from_the_index_as_it_stands(folder):
    Corpus.open(folder).close()
    touch(folder / "b.txt", article("Beta", "Daraa was quiet.", 3))
    with lock.writer(db_of(folder)):
        proc = _run(["search", "Daraa", "--json", "--data", str(folder)], CORPUS_WAIT="0.3")
        out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out) == (1, "[]\n")
    assert err == ("corpus: warning: another process has been writing the index database for over 0.3 s (CORPUS_WAIT); "
                   "this answer is from the index as it stands, without 1 changed file\n")
    assert ids(Corpus.open(folder), "Daraa") == ["b"]  # the next command brings it up to date


def test_a_database_another_program_holds_is_a_clear_error_not_damage(folder, invoke, monkeypatch):
    from corpus_cli.index import schema

    Corpus.open(folder).close()
    holder = sqlite3.connect(db_of(folder), isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO meta VALUES ('other', 'program')")
    monkeypatch.setattr(schema, "BUSY_SECONDS", 0.2)
    r = invoke("search", "Aleppo", "--data", str(folder))
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == (f"corpus: error: the index database {db_of(folder)} is busy (database is locked): "
                        "another program holds it; try again\n")
    holder.execute("ROLLBACK")
    holder.close()
    monkeypatch.setattr(schema, "BUSY_SECONDS", 60.0)
    r = invoke("search", "Aleppo", "--data", str(folder), "--format", "jsonl")
    assert (r.exit_code, [json.loads(line)["id"] for line in r.stdout.splitlines()], r.stderr) == (0, ["a"], "")


@pytest.mark.parametrize("change", [b"\xff\xfe\xfd\xfc", b"Alxp"], ids=["not UTF-8", "other letters"])
def test_bytes_changed_inside_a_stored_text_are_found_before_any_output(folder, invoke, change):
    Corpus.open(folder).close()
    path = db_of(folder)
    raw = path.read_bytes()
    at = raw.index("Aleppo was shelled.".encode())  # a stored body: no structure of SQLite's
    assert raw.count("Aleppo was shelled.".encode()) == 1
    path.write_bytes(raw[:at] + change + raw[at + 4:])
    r = invoke("export", "--data", str(folder), "--format", "json")
    assert r.exit_code == 0
    assert [(d["id"], d["body"].split("\n")[0]) for d in json.loads(r.stdout)] == [
        ("a", "Aleppo was shelled. It has two sentences."), ("b", "Idlib was quiet. It has two sentences."),
        ("c", "“Hama held out,” said Senator Jane Smith. The shelling of Idlib went on. It has two sentences."),
    ]
    assert r.stderr == (f"corpus: warning: the index database {path} is unusable (it is damaged: document 1 is not as "
                        "it was written); building it again\n")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_an_error_met_while_writing_leaves_no_machine_format_half_written(folder, invoke, monkeypatch, fmt):
    from corpus_cli.output import records

    Corpus.open(folder).close()
    real = records.full_document_record

    def damaged_at_the_second(doc):
        if doc.id == "b":
            raise sqlite3.OperationalError("Could not decode to UTF-8 column 'body' with text 'Idl'")
        return real(doc)

    monkeypatch.setattr(records, "full_document_record", damaged_at_the_second)
    r = invoke("export", "--data", str(folder), "--format", fmt)
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == (f"corpus: error: {db_of(folder)} is damaged (Could not decode to UTF-8 column 'body' with text "
                        "'Idl'); the next command checks it and builds it again\n")


def test_a_file_written_while_it_is_read_is_indexed_as_read_and_picked_up_next(folder, monkeypatch):
    from corpus_cli.index import build

    real = build.read_file

    def read_then_written(path, *args, **kwargs):
        found = real(path, *args, **kwargs)
        if path.name == "b.txt":  # written again just after it was read
            path.write_text(article("Beta", "Daraa was quiet.", 3), encoding="utf-8")
        return found

    monkeypatch.setattr(build, "read_file", read_then_written)
    first = Corpus.open(folder)
    assert (first.report.source, ids(first, "Idlib"), ids(first, "Daraa")) == ("built", ["b", "c"], [])  # as read
    monkeypatch.setattr(build, "read_file", real)
    second = Corpus.open(folder)
    assert (second.report.source, second.report.changed, ids(second, "Idlib"), ids(second, "Daraa")) == (
        "updated", 1, ["c"], ["b"])


def test_a_file_changed_within_a_tick_of_the_file_clock_is_read_after_the_tick(tmp_path, monkeypatch):
    from corpus_cli.ingest import files

    waits = []
    monkeypatch.setattr(files.time, "sleep", waits.append)
    path = tmp_path / "x.txt"
    path.write_text("x", encoding="utf-8")
    now = time.time_ns()
    for mtime in (now - 10 * 10**9, now - 5_000_000 + 1, (now // 10**9) * 10**9):  # old; 5 ms ago; this second, on FAT
        os.utime(path, ns=(mtime, mtime))
        files.settle(path, mtime)
    assert len(waits) == 2
    assert 0 < waits[0] <= 0.015 and 1.0 < waits[1] <= 2.0
