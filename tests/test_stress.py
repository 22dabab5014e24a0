"""The command line under stress: closed pipes, Ctrl-C, hostile text, odd queries, bad bytes."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from .conftest import ARTICLE


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """4,000 documents: enough output to fill a pipe, enough work to interrupt."""
    folder = tmp_path_factory.mktemp("big")
    text = ARTICLE.replace("First paragraph here.", "Aleppo and Idlib and Hama were named again. " * 6)
    for n in range(4000):
        (folder / f"d{n:04d}.txt").write_text(text.replace("A Test Title", f"Title {n}"), encoding="utf-8")
    return folder


def run(args, env_extra=None, **kw):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.Popen([sys.executable, "-m", "corpus_cli", *args], env=env, **kw)


def test_a_closed_pipe_ends_quietly(big, tmp_path):
    proc = run(["kwic", "Aleppo", "--data", str(big)], {"CORPUS_CACHE_DIR": str(tmp_path)},
               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    _, err = proc.communicate(timeout=120)
    assert first.startswith(b"d0000#0")
    assert proc.returncode == 0
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_ctrl_c_exits_130_without_a_traceback(big, tmp_path):
    proc = run(["index", "--data", str(big)], {"CORPUS_CACHE_DIR": str(tmp_path)},
               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.4)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the build finished before the interrupt")
    # 130, or death by SIGINT when it lands while Python shuts down: a shell shows both as 130
    assert proc.returncode in (130, -signal.SIGINT)
    assert b"Traceback" not in err
    assert list(tmp_path.glob("*.tmp")) == []


@pytest.mark.parametrize(
    "query, codes",
    [
        ("", (2,)),
        ("   ", (2,)),
        ("!!!???", (2,)),
        ("a.*b[(?", (0, 1, 2)),
        ("^$|\\\\", (2,)),
        ("Aleppo " * 1500, (0,)),
        ("x" * 10000, (1,)),
        ('"' * 5, (2,)),
        ("((((", (2,)),
        ("OR OR OR", (2,)),
        ("-", (2,)),
        ("title:", (0, 1, 2)),
        ("\x1b[31m", (0, 1, 2)),
    ],
)
def test_any_query_gets_an_answer_or_a_usage_error(invoke, query, codes):
    r = invoke("search", query)
    assert r.exit_code in codes
    if r.exit_code == 2:
        assert r.stderr.startswith("corpus: error: ") and r.stderr.count("\n") == 1


def test_json_is_valid_utf8_even_with_undecodable_file_names(tmp_path):
    if sys.platform == "darwin":
        pytest.skip("macOS refuses such file names")
    name = b"caf\xe9 \xff.txt"
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as fh:
        fh.write(ARTICLE.encode("utf-8"))
    proc = run(["list", "--json", "--data", str(tmp_path), "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    text = out.decode("utf-8")  # valid UTF-8
    (doc,) = json.loads(text)
    assert doc["id"] == "caf\udce9 \udcff"
    assert doc["title"] == "A Test Title"


def test_plain_output_with_undecodable_names_does_not_crash(tmp_path):
    if sys.platform == "darwin":
        pytest.skip("macOS refuses such file names")
    with open(os.path.join(os.fsencode(tmp_path), b"x\xff.txt"), "wb") as fh:
        fh.write(ARTICLE.encode("utf-8"))
    proc = run(["list", "--data", str(tmp_path), "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert b"A Test Title" in out and b"Traceback" not in err


def test_terminal_escapes_in_titles_are_shown_not_obeyed(tmp_path, invoke):
    evil = "\x1b]8;;http://evil\x07click\x1b]8;;\x07 \u202eevil\u202c \x1b[2J [blink]x[/blink]"
    (tmp_path / "e.txt").write_text(ARTICLE.replace("A Test Title", evil), encoding="utf-8")
    for env in (None, {"FORCE_COLOR": "1", "COLUMNS": "200"}):
        r = invoke("list", "--data", str(tmp_path), env=env)
        assert "\x1b]8" not in r.stdout and "\u202e" not in r.stdout and "\x1b[2J" not in r.stdout
        assert "\\x1b]8;;http://evil\\x07click" in r.stdout
        assert "[blink]x[/blink]" in r.stdout
    doc = json.loads(invoke("list", "--data", str(tmp_path), "--json").stdout)[0]
    assert doc["title"] == evil
