import pytest
from click.testing import CliRunner

from corpus_cli.api import Corpus
from corpus_cli.ingest.files import bundled_data

SEED_IDS = [
    "000_3e1c546575f83025",
    "001_6bce3e69434a3938",
    "002_6d0a1ca802d3b216",
    "003_7e59c539d2ddab83",
    "004_375b785a8374fdba",
]


@pytest.fixture(autouse=True)
def _isolate(monkeypatch, tmp_path_factory):
    """No user setting leaks into a test, and no test writes to the user's cache."""
    for var in ("CORPUS_DATA", "FORCE_COLOR", "NO_COLOR", "COLUMNS", "TERM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def sentences_corpus(folder, sentences) -> Corpus:
    """A corpus built in ``folder``: one dated release per sentence, titled T0, T1…, ids 00, 01…"""
    for n, sentence in enumerate(sentences):
        (folder / f"{n:02d}.txt").write_text(f"Saturday, 02 January 2016 17:52\n\nT{n}\n\n{sentence}\n", encoding="utf-8")
    return Corpus.open(folder, cache=False)


@pytest.fixture(scope="session")
def corpus():
    return Corpus.open(cache=False)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def invoke(runner):
    from corpus_cli.cli import cli

    def run(*args, env=None):
        return runner.invoke(cli, list(args), env=env, catch_exceptions=False)

    return run


@pytest.fixture
def data_dir():
    return bundled_data()


ARTICLE = """Saturday, 02 January 2016 17:52

A Test Title

First paragraph here. It has two sentences.

Second paragraph. (Source: Test Office)

Home Media Center Coalition News A Test Title
"""
