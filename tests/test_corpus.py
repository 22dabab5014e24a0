"""The library calls behind the commands, on the bundled corpus."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_cli.errors import NotFound, UsageError
from corpus_cli.language.lexicon import max_typos
from corpus_cli.search.expand import expand

from .conftest import SEED_IDS


def ids(docs):
    return [d.id for d in docs]


def test_list_is_by_date(corpus):
    assert ids(corpus.list()) == [SEED_IDS[0], SEED_IDS[2], SEED_IDS[1], SEED_IDS[3], SEED_IDS[4]]


@pytest.mark.parametrize(
    "since, until, expected",
    [
        ("2019", None, ["003_7e59c539d2ddab83", "004_375b785a8374fdba"]),
        (None, "2016", ["000_3e1c546575f83025", "002_6d0a1ca802d3b216"]),
        ("2016-12-09", "2016-12-09", ["002_6d0a1ca802d3b216"]),
        ("2016-01-02T17:52", "2016-01-02T17:52", ["000_3e1c546575f83025"]),
        ("2016-01-02T17:53", "2016-01", []),
        ("September 2017", "27 September 2017", ["001_6bce3e69434a3938"]),
        ("2020-01-31", None, ["004_375b785a8374fdba"]),
        ("2020-02", None, []),
    ],
)
def test_date_bounds(corpus, since, until, expected):
    assert ids(corpus.list(since=since, until=until)) == expected


def test_category_sort_reverse_limit(corpus):
    assert ids(corpus.list(categories=["press releases"])) == SEED_IDS[3:]
    assert ids(corpus.list(sort="title", limit=2)) == ["003_7e59c539d2ddab83", "000_3e1c546575f83025"]
    assert ids(corpus.list(reverse=True, limit=1)) == ["004_375b785a8374fdba"]
    with pytest.raises(UsageError):
        corpus.list(sort="size")


def test_show_by_id_and_prefix(corpus):
    assert corpus.show("003").id == "003_7e59c539d2ddab83"
    assert corpus.show("004_375b785a8374fdba").id == "004_375b785a8374fdba"
    with pytest.raises(UsageError, match="'00' is ambiguous: it starts 5 ids: 000_3e1c546575f83025, 001_"):
        corpus.show("00")
    with pytest.raises(NotFound, match="no document has an id starting with 'zz'"):
        corpus.show("zz")


def hits(corpus, query, **kw):
    return [(h.document.id, h.statement.index) for h in corpus.search(query, **kw)]


def test_search_alepo_finds_the_aleppo_statements(corpus):
    found = corpus.search("Alepo")
    assert [(h.document.id[:3], h.statement.index) for h in found] == [
        ("002", None), ("002", 0), ("002", 1), ("002", 2), ("002", 7), ("003", 0), ("002", 3), ("004", 1),
    ]
    assert all([m.text for m in h.matches] == ["Aleppo"] for h in found)
    title, first = found[0], found[1]
    assert title.field == "title" and title.statement.text == title.document.title
    assert first.score == 1.779
    m = first.matches[0]
    assert first.statement.text[m.start : m.end] == "Aleppo"
    assert (m.start, m.end, m.score) == (104, 110, 0.8)


def test_exact_spelling_outscores_a_variant_and_a_variant_a_typo(corpus):
    exact = corpus.search("Aleppo")[1]
    variant = corpus.search("Alepo")[1]  # same key: doubled letters
    typo = corpus.search("Aleppoo", exact=False, fuzziness="1")[1]
    same = {(h.document.id, h.statement.index) for h in (exact, variant, typo)}
    assert same == {("002_6d0a1ca802d3b216", 0)}
    assert exact.score > variant.score
    assert (exact.matches[0].score, variant.matches[0].score) == (1.0, 0.8)
    typo_only = corpus.search("Alepoo")[1]  # 6 letters: one typo away from alepo
    assert typo_only.matches[0].score == 0.6 and typo_only.score < variant.score


def test_homs_finds_nothing_though_homes_is_there(corpus):
    assert "homes" in corpus.index.vocabulary
    assert corpus.search("Homs") == []


def test_all_words_must_match_in_one_statement(corpus):
    assert hits(corpus, "Sheikh Misskin") == [
        ("000_3e1c546575f83025", None), ("000_3e1c546575f83025", 9), ("000_3e1c546575f83025", 0),
    ]
    assert hits(corpus, "Daraa") == [("000_3e1c546575f83025", None), ("000_3e1c546575f83025", 0)]
    assert hits(corpus, "Aleppo Idlib") == [("003_7e59c539d2ddab83", 0)]
    assert hits(corpus, "Aleppo Idlib", any_word=True)[:3] == [
        ("003_7e59c539d2ddab83", 0), ("004_375b785a8374fdba", None), ("003_7e59c539d2ddab83", 2),
    ]


def test_search_filters(corpus):
    assert hits(corpus, "Aleppo", since="2019") == [("003_7e59c539d2ddab83", 0), ("004_375b785a8374fdba", 1)]
    assert hits(corpus, "Aleppo", categories=["Press Releases"], limit=1) == [("003_7e59c539d2ddab83", 0)]
    assert hits(corpus, "Aleppo", min_score=2.1) == [("002_6d0a1ca802d3b216", None), ("002_6d0a1ca802d3b216", 0)]


def test_exact_turns_folding_off_except_case(corpus):
    assert hits(corpus, "dara’a", exact=True) == [("000_3e1c546575f83025", None), ("000_3e1c546575f83025", 0)]
    assert hits(corpus, "Daraa", exact=True) == []
    assert hits(corpus, "Alepo", exact=True) == []
    assert hits(corpus, '"Maaret al-Numan"', exact=True) == [("004_375b785a8374fdba", 8), ("004_375b785a8374fdba", 1)]
    assert hits(corpus, '"Maarat al-Numan"', exact=True) == []


def test_docs_groups_hits_per_document(corpus):
    from corpus_cli.search.hits import group_by_document

    groups = group_by_document(corpus.search("Aleppo"))
    assert [(g.document.id[:3], len(g.hits), g.score) for g in groups] == [
        ("002", 6, 2.485), ("003", 1, 1.546), ("004", 1, 1.408),
    ]


def test_variants_lists_the_corpus_spellings(corpus):
    assert [(v.form, v.count, v.rule) for v in corpus.variants("Daraa")] == [("Dara’a", 2, "same word")]
    assert [(v.form, v.count, v.rule) for v in corpus.variants("Asad")] == [
        ("Assad", 20, "doubled letters"), ("Assad's", 1, "doubled letters"),
    ]
    assert corpus.variants("Homs") == []
    with pytest.raises(UsageError):
        corpus.variants("two words")


def test_kwic_lines(corpus):
    lines = corpus.kwic("Maarat al-Numan", width=20)
    assert [(ln.hit.document.id[:3], ln.left, ln.match, ln.right) for ln in lines] == [
        ("004", "civilians in", "Maaret", "al-Numan and rural"),
        ("004", "in Maaret al-", "Numan", "and rural Aleppo,"),
        ("004", "the first to occupy", "Maaret", "al-Numan which was"),
        ("004", "occupy Maaret al-", "Numan", "which was captured"),
    ]
    phrase = corpus.kwic('"Maarat al-Numan"', width=20)
    assert [(ln.left, ln.match, ln.right) for ln in phrase] == [
        ("civilians in", "Maaret al-Numan", "and rural Aleppo,"),
        ("the first to occupy", "Maaret al-Numan", "which was captured"),
    ]
    body = phrase[0].hit.document.body
    assert body[phrase[0].start : phrase[0].end] == "Maaret al-Numan"


def test_kwic_sorts_by_context(corpus):
    from corpus_cli.language.text import fold, words

    right = [[fold(w) for w in words(ln.right)] for ln in corpus.kwic("Assad", sort="right", width=15)]
    assert right == sorted(right)
    assert right[0][0] == "and"
    left = [[fold(w) for w in reversed(words(ln.left))] for ln in corpus.kwic("Assad", sort="left", width=15)]
    assert left == sorted(left)
    assert left[0] == []  # a title that starts with Assad
    dates = [ln.hit.document.datetime for ln in corpus.kwic("Assad")]
    assert dates == sorted(dates)


def test_search_rejects_a_query_without_words(corpus):
    with pytest.raises(UsageError, match="has no words"):
        corpus.search("?!")


def test_ties_break_by_date_newest_first(corpus):
    found = corpus.search("resolution")
    scores = [h.score for h in found]
    assert scores == sorted(scores, reverse=True)
    for a, b in zip(found, found[1:]):
        if a.score == b.score:
            assert (a.document.datetime, b.document.id) >= (b.document.datetime, a.document.id)


def test_typo_budget_grows_with_length():
    assert [max_typos(w) for w in ("homs", "alepo", "hezbollah")] == [0, 1, 2]
    assert max_typos("homs", "1") == 1


def test_expansion_uses_the_vocabulary(corpus):
    found = expand("Hizbollah", corpus.index.lexicon)
    assert [(e.word, e.distance, e.rule) for e in found] == [("hezbollah", 1, "typo")]
    found = expand("resolution", corpus.index.lexicon)  # revolution is a word, not a typo
    assert [(e.word, e.rule) for e in found] == [("resolution", "same word"), ("resolutions", "plural")]
    found = expand("Alnuman", corpus.index.lexicon)
    assert [(e.word, e.rule) for e in found] == [("numan", "article + same word")]


def test_stats(corpus):
    s = corpus.stats()
    assert (s.documents, s.statements, s.words, s.first_date, s.last_date, s.undated) == (
        5, 52, 1511, "2016-01-02T17:52", "2020-01-31T17:48", 0,
    )
    assert s.per_year == {"2016": 2, "2017": 1, "2019": 1, "2020": 1}
    assert s.per_category == {"Coalition News": 3, "Press Releases": 2}


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["Aleppo", "Assad", "regime", "Syrian people", "Idlib", "civilians", "Russia"]),
       st.sampled_from([None, "2016", "2017-09", "2019"]))
def test_filtered_results_are_a_subset(corpus, query, since):
    everything = {(h.document.id, h.statement.index): h.score for h in corpus.search(query)}
    filtered = corpus.search(query, since=since)
    assert {(h.document.id, h.statement.index) for h in filtered} <= set(everything)
    assert all(everything[(h.document.id, h.statement.index)] == h.score > 0 for h in filtered)


def test_one_filters_value_selects_documents_and_statements_before_ranking(corpus):
    from corpus_cli.api import Filters

    chosen = corpus.select(Filters.of(since="2017", place="Idlib"))
    assert [corpus.index.doc_ids[p][:3] for p in chosen.positions] == ["003", "004"]
    said = corpus.select(Filters.of(speaker="Yasser Farhan")).said
    assert {corpus.index.doc_ids[p][:3]: sorted(s) for p, s in said.items()} == {"001": [6, 7, 8, 9, 10, 11]}
    assert corpus.select(Filters()).positions is None
    result = corpus.find("Assad", speaker="Yasser Farhan", limit=2)  # the limit counts only what passes
    assert ([(h.document.id[:3], h.statement.index) for h in result.hits], result.total) == ([("001", 11), ("001", 8)], 3)


def test_the_library_surface():
    import corpus_cli
    from corpus_cli import Filters, open_corpus

    corpus = open_corpus(cache=False)
    assert isinstance(corpus, corpus_cli.Corpus)
    chosen = corpus.select(Filters.of(since="2017", place="Idlib"))
    assert [corpus.index.doc_ids[p] for p in chosen.positions] == ["003_7e59c539d2ddab83", "004_375b785a8374fdba"]
