"""Phrases are found where the index's positions put their words together, not by reading every
statement that holds the words somewhere."""

import pytest

from tests.conftest import sentences_corpus
from corpus_cli.search import execute

SENTENCES = [
    "Plan B was adopted on Monday.",
    "The plan was simple and option B came later in the week.",
    "Their plan failed, so the council voted for option B instead of waiting.",
    "Maaret al-Numan was shelled again.",
    "Numan and Maarat are both named here.",
    "The shelling of Maarat Numan went on.",
]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return sentences_corpus(tmp_path_factory.mktemp("phrases"), SENTENCES)


def read_for(corpus, query, monkeypatch):
    """The documents a query finds, and those whose statements were read to place its words."""
    read = []
    original = execute._Evaluator.occurrences

    def occurrences(self, g, parts):
        read.append(self.index.stmt_doc[g])
        return original(self, g, parts)

    monkeypatch.setattr(execute._Evaluator, "occurrences", occurrences)
    hits = corpus.search(query)
    found = sorted({h.document.id for h in hits})
    monkeypatch.undo()
    ids = corpus.index.doc_ids
    return found, sorted({ids[p] for p in read})


def test_a_phrase_reads_only_statements_where_its_words_stand_together(small, monkeypatch):
    found, read = read_for(small, '"Plan B"', monkeypatch)
    assert found == ["00"]
    assert read == ["00"]  # 01 and 02 hold plan and B, too far apart to be read


def test_articles_between_a_phrase_words_are_allowed_and_order_is_checked(small, monkeypatch):
    found, read = read_for(small, '"Maarat Numan"', monkeypatch)
    assert found == ["03", "05"]
    assert read == ["03", "04", "05"]  # 04 has both words, next to each other in the other order
