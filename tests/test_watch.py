"""Freshness without a full scan: the watcher's lease, corpus watch, names-only mode."""

import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from corpus_cli.api import Corpus
from corpus_cli.index import lease
from corpus_cli.index.open import database_path, settings

from .test_store import article, folder, ids, touch  # noqa: F401  (folder is a fixture)


def db_of(root):
    return database_path(root, settings(root))


def hold_lease(root, pid=None):
    db = sqlite3.connect(db_of(root), isolation_level=None)
    lease.take(db)
    if pid is not None:
        db.execute("UPDATE meta SET value = json_set(value, '$.pid', ?) WHERE key = 'lease'", (pid,))
    db.close()


def no_scan(*args, **kwargs):
    raise AssertionError("scanned the folder")


def test_a_live_lease_spares_the_scan(folder, monkeypatch):
    (folder / "._a.txt").write_bytes(b"\x00\x05junk")
    Corpus.open(folder)
    hold_lease(folder)  # this test's process stands for the watcher
    monkeypatch.setattr("corpus_cli.index.open.scan", no_scan)
    corpus = Corpus.open(folder)
    assert (corpus.report.source, corpus.report.watched, corpus.report.files_seen) == ("cached", True, 3)
    assert corpus.report.passed_over == {"macOS resource files (._*)": 1}
    assert ids(corpus, "Aleppo") == ["a"]


def test_a_dead_or_stale_lease_is_ignored(folder, monkeypatch):
    Corpus.open(folder)
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    hold_lease(folder, pid=int(finished.stdout))  # a watcher that was killed
    touch(folder / "b.txt", article("Beta", "Daraa was quiet.", 3))
    corpus = Corpus.open(folder)
    assert (corpus.report.source, corpus.report.watched) == ("updated", False)
    hold_lease(folder)
    monkeypatch.setattr(lease, "LEASE_SECONDS", -1.0)  # not renewed in time
    assert Corpus.open(folder).report.watched is False


def test_names_only_freshness_misses_edits_in_place_but_not_new_files(folder, monkeypatch):
    Corpus.open(folder)
    monkeypatch.setenv("CORPUS_FRESHNESS", "names")
    touch(folder / "b.txt", article("Beta", "Daraa was quiet.", 3))
    corpus = Corpus.open(folder)
    assert (corpus.report.source, ids(corpus, "Daraa")) == ("cached", [])  # the blind spot, as documented
    touch(folder / "d.txt", article("Delta", "Homs again.", 5))
    corpus = Corpus.open(folder)
    assert corpus.report.source == "updated"
    assert (ids(corpus, "Homs"), ids(corpus, "Daraa")) == (["d"], ["b"])  # a full scan once names differ


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify")
def test_corpus_watch_keeps_the_database_fresh_and_gives_the_lease_up(folder, tmp_path):
    env = {**os.environ}
    watcher = subprocess.Popen([sys.executable, "-m", "corpus_cli", "watch", "--data", str(folder)], env=env,
                               stderr=subprocess.PIPE, text=True)
    try:
        first = watcher.stderr.readline()
        assert first == f"corpus: watching {folder} (database {db_of(folder)}); Ctrl-C stops\n"
        touch(folder / "d.txt", article("Delta", "Raqqa fell.", 5))
        assert watcher.stderr.readline() == f"corpus: updated {folder}: 1 changed file\n"
        corpus = Corpus.open(folder)
        assert (corpus.report.source, corpus.report.watched, ids(corpus, "Raqqa")) == ("cached", True, ["d"])
        (folder / "a.txt").unlink()
        assert watcher.stderr.readline() == f"corpus: updated {folder}: 1 changed file\n"
        assert ids(Corpus.open(folder), "Aleppo") == []
    finally:
        watcher.send_signal(signal.SIGTERM)
        assert watcher.wait(timeout=20) == 0
        watcher.stderr.close()
    corpus = Corpus.open(folder)
    assert (corpus.report.source, corpus.report.watched) == ("cached", False)


def test_watch_has_help(invoke):
    r = invoke("watch", "--help")
    assert r.exit_code == 0
    assert r.stdout.startswith("Usage: corpus watch [OPTIONS]")
    assert "corpus watch --data ~/releases &" in r.stdout


def test_a_change_the_watcher_heard_of_but_has_not_written_is_looked_for(folder, monkeypatch):
    import threading
    import time

    from corpus_cli.index import marks, watch

    monkeypatch.setattr(watch, "SETTLE", 30.0)  # the watcher will not write it during this test
    watcher = watch.Watcher(folder)
    ready = threading.Event()
    thread = threading.Thread(target=watcher.run, kwargs={"ready": ready.set}, daemon=True)
    thread.start()
    try:
        assert ready.wait(10)
        assert Corpus.open(folder).report.watched is True  # nothing pending: the watcher's word
        touch(folder / "e.txt", article("Epsilon", "Manbij was shelled.", 6))
        deadline = time.monotonic() + 10
        while not marks.pending(watcher.database) and time.monotonic() < deadline:
            time.sleep(0.01)  # the event's way to the watcher (a new command takes longer to start)
        assert marks.pending(watcher.database)
        corpus = Corpus.open(folder)
        assert (corpus.report.watched, corpus.report.source, ids(corpus, "Manbij")) == (False, "updated", ["e"])
    finally:
        watcher.stop()
        thread.join(10)
    assert not thread.is_alive()
