"""Typo rules on a small corpus built here: names, common words, rare misspellings."""

import pytest

from tests.conftest import sentences_corpus
from corpus_cli.search.expand import expand

SENTENCES = [
    "Colonel Qaddafi spoke in Tripoli.",
    "Gadhafi later left Tripoli.",
    "The Gadaffi regime fell.",
    "Muammar Qaddafi and Moammar Gadhafi are one man.",
    "Al Qaeda and al-Qaida claimed it.",
    "The Qaeda cell was found.",
    "Qaeda again.",
    "The resolution passed.",
    "A resolution on the revolution.",
    "The revolution began.",
    "The white house and the site of the suite.",
    "Shiite leaders met.",
    "Families lost their homes.",
    "More homes were lost.",
    "Hezbollah fighters attacked.",
    "Hezbollah again, and Hezbollah.",
    "One Hizbollah mention.",
    "Usama bin Ladin was named.",
]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return sentences_corpus(tmp_path_factory.mktemp("names"), SENTENCES)


def words_for(corpus, query):
    return sorted(e.word for e in expand(query, corpus.index.lexicon))


def docs_for(corpus, query):
    return sorted({h.document.id for h in corpus.search(query)})


def test_transliterations_of_a_name_meet(small):
    expected = ["gadaffi", "gadhafi", "qaddafi"]
    for query in ("Gadafi", "Qadhafi", "Kaddafi", "Gaddafi"):
        assert [w for w in words_for(small, query) if w in expected] == expected, query


def test_a_name_a_typo_away_is_admitted_though_common(small):
    assert words_for(small, "Qaida") == ["qaeda", "qaida"]


def test_two_common_words_a_letter_apart_stay_apart(small):
    assert words_for(small, "resolution") == ["resolution"]
    assert docs_for(small, "revolution") == ["08", "09"]


def test_a_rare_misspelling_of_the_query_is_admitted(small):
    assert words_for(small, "Hezbollah") == ["hezbollah", "hizbollah"]


def test_short_keys_do_not_swap_vowels(small):
    assert "homes" not in words_for(small, "Hammas")
    assert words_for(small, "Shi'ite") == ["shiite"]  # not white, site or suite


def test_first_letter_kept_except_between_vowels(small):
    assert docs_for(small, "Osama bin Laden") == ["17"]


def test_lexicon_tells_names_from_words(small):
    lex = small.index.lexicon
    assert (lex.is_name("qaeda"), lex.is_name("homes"), lex.is_name("nowhere")) == (True, False, False)
    assert (lex.count("qaeda"), lex.count("homes"), lex.count("nowhere")) == (3, 2, 0)
    assert lex.by_key("gadafi") == ["gadaffi", "gadhafi"]
