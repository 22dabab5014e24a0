"""The snapshot cache: hits, freshness after every kind of change, damage, concurrency."""

import json
import os
import subprocess
import sys

import pytest

from corpus_cli import snapshot, store
from corpus_cli.corpus import Corpus
from corpus_cli.snapshot import Snapshot, SnapshotError

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


def test_first_run_builds_then_the_snapshot_is_used(folder):
    first = Corpus.open(folder)
    assert first.report.source == "built"
    assert first.report.snapshot.exists()
    assert first.report.snapshot.parent == store.cache_dir()
    second = Corpus.open(folder)
    assert second.report.source == "snapshot"
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
    assert corpus.report.source == "updated"
    assert ids(corpus, "Aleppo") == ["d"]
    assert ids(corpus, "Hama") == ["c2"]
    assert [d.id for d in corpus.list()] == ["b", "c2", "d"]
    with pytest.raises(Exception, match="no document has an id starting with 'a'"):
        corpus.show("a")


def test_the_delta_is_reused_until_something_else_changes(folder):
    Corpus.open(folder)
    touch(folder / "b.txt", article("Beta", "Daraa was quiet.", 3))
    Corpus.open(folder)
    delta = store.delta_path(store.snapshot_path(folder))
    written = delta.stat().st_mtime_ns
    again = Corpus.open(folder)
    assert again.report.source == "updated"
    assert delta.stat().st_mtime_ns == written
    assert ids(again, "Daraa") == ["b"]
    touch(folder / "a.txt", article("Alpha", "Homs was shelled."))
    third = Corpus.open(folder)
    assert (ids(third, "Homs"), ids(third, "Daraa"), ids(third, "Aleppo")) == (["a"], ["b"], [])


def test_many_changes_rebuild_the_whole(folder, monkeypatch):
    monkeypatch.setattr(store, "DELTA_MAX", 0)
    monkeypatch.setattr(store, "DELTA_SHARE", 0.0)
    Corpus.open(folder)
    for n in range(60):
        touch(folder / f"n{n}.txt", article(f"N{n}", "Raqqa fell.", 6))
    corpus = Corpus.open(folder)
    assert corpus.report.source == "built"
    assert len(ids(corpus, "Raqqa")) == 60
    assert not store.delta_path(store.snapshot_path(folder)).exists()


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda b: b[: len(b) // 2], "file is truncated or damaged"),
        (lambda b: b"not a snapshot at all, just text" * 10, "not a corpus snapshot"),
        (lambda b: b[:8] + (99).to_bytes(4, "little") + b[12:], "snapshot format 99, this version reads 4"),
        (lambda b: b.replace(b"sub/c.txt", b"sub/c.txT", 1), "checksum mismatch in section file_paths"),
    ],
    ids=["truncated", "foreign", "newer format", "flipped byte"],
)
def test_a_damaged_snapshot_is_rebuilt_with_a_warning(folder, damage, message):
    Corpus.open(folder)
    path = store.snapshot_path(folder)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(SnapshotError, match=message):
        Snapshot(path).columns()
    corpus = Corpus.open(folder)
    assert corpus.report.source == "built"
    assert corpus.report.notes == [f"the index snapshot {path} is unusable ({message}); building it again"]
    assert ids(corpus, "Aleppo") == ["a"]
    assert Corpus.open(folder).report.source == "snapshot"


def test_damage_found_while_searching_is_repaired_by_the_cli(folder, invoke, monkeypatch):
    monkeypatch.setattr(snapshot, "LAZY_FROM", 1)  # every section checked block by block, when read
    Corpus.open(folder)
    path = store.snapshot_path(folder)
    raw = bytearray(path.read_bytes())
    at = raw.find(b"Aleppo was shelled")
    raw[at] ^= 0x20
    path.write_bytes(bytes(raw))
    r = invoke("search", "Aleppo", "--data", str(folder), "--format", "jsonl")
    assert r.exit_code == 0
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()][-1] == "a"
    assert "is damaged (checksum mismatch in section part0_body, block 0); building it again" in r.stderr


def test_no_cache_writes_nothing(folder):
    corpus = Corpus.open(folder, cache=False)
    assert corpus.report.source == "memory"
    assert not store.snapshot_path(folder).exists()
    assert ids(corpus, "Aleppo") == ["a"]


def test_an_unwritable_cache_still_answers(folder, tmp_path, monkeypatch):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(blocker / "cache"))
    corpus = Corpus.open(folder)
    assert ids(corpus, "Aleppo") == ["a"]
    assert corpus.report.notes and corpus.report.notes[0].startswith("cannot write the index snapshot")


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
    assert "updated (1 changed file in a delta)" in r.stdout
    r = invoke("cache", "info")
    lines = r.stdout.splitlines()
    assert lines[0] == f"cache folder: {store.cache_dir()}"
    assert lines[1].startswith("2 snapshot files, ")
    assert f"3 documents of {folder}" in r.stdout
    data = json.loads(invoke("cache", "info", "--json").stdout)
    assert [s["documents"] for s in data["snapshots"]] == [3, 1]
    r = invoke("index", "--data", str(folder), "--rebuild")
    assert "built in" in r.stdout
    r = invoke("cache", "clear")
    assert r.stdout == f"removed 1 file from {store.cache_dir()}\n"
    assert invoke("cache", "info").stdout.splitlines()[1] == "0 snapshot files, 0.0 MB"


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
        "print(sorted(m for m in ('rapidfuzz', 'rich', 'corpus_cli.index', 'corpus_cli.snapshot') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_progress_bar_only_on_a_terminal_and_after_a_second(monkeypatch):
    from corpus_cli import cli
    from corpus_cli.progress import BuildProgress

    assert cli._progress() is None  # stderr is not a terminal under pytest
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


def test_a_lying_header_is_a_snapshot_error_not_a_crash(folder):
    import json as _json
    import struct
    import zlib

    Corpus.open(folder)
    path = store.snapshot_path(folder)
    raw = path.read_bytes()
    trailer = struct.Struct("<QQI4s")
    at, length, _, end = trailer.unpack_from(raw, len(raw) - trailer.size)
    header = _json.loads(raw[at : at + length])
    header["sections"]["stmt_doc"][1] += 3  # no longer a whole number of 4-byte items
    header["sections"]["stmt_doc"][3] = [zlib.crc32(raw[16:19])]
    new = _json.dumps(header).encode()
    path.write_bytes(raw[:at] + new + trailer.pack(at, len(new), zlib.crc32(new), end))
    with pytest.raises(SnapshotError):
        Snapshot(path).columns()
    corpus = Corpus.open(folder)
    assert corpus.report.source == "built" and ids(corpus, "Aleppo") == ["a"]
