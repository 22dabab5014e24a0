"""Properties of matching and scoring that hold for any word of the corpus."""

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_cli.api import Corpus
from corpus_cli.search.expand import expand
from corpus_cli.language.text import fold, tokens

CORPUS = Corpus.open(cache=False)
SURFACES = sorted({t.text for d in CORPUS.documents for t in tokens(d.body)})


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SURFACES), st.booleans())
def test_a_word_always_finds_the_statements_that_hold_it(surface, exact):
    where = {
        (d.id, s.index) for d in CORPUS.documents for s in d.statements
        if any(t.text == surface for t in tokens(s.text))
    }
    found = {(h.document.id, h.statement.index) for h in CORPUS.search(surface, exact=exact)}
    assert where <= found


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SURFACES))
def test_a_word_expands_to_itself_first(surface):
    first = expand(surface, CORPUS.index.lexicon)[0]
    assert (first.word, first.distance, first.quality) == (fold(surface), 0, 1.0)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(SURFACES), min_size=1, max_size=3), st.sampled_from(["auto", "0", "1", "2"]))
def test_scores_stay_in_range_and_ranked(words, fuzziness):
    hits = CORPUS.search(" ".join(words), any_word=True, fuzziness=fuzziness)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    for h in hits:
        assert h.score >= 0
        assert all(0.4 <= m.score <= 1.0 for m in h.matches)
        assert h.matches, "every hit shows what matched"
