"""The query language: parse trees, errors with positions, and fuzzing."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_cli.errors import UsageError
from corpus_cli.search.query import And, Not, Or, QuerySyntaxError, Term, parse


def t(text, *words, phrase=False, field=None):
    return Term(text, tuple(words) or (text,), phrase, field)


@pytest.mark.parametrize(
    "query, tree",
    [
        ("Aleppo", t("Aleppo")),
        ("Aleppo Idlib", And((t("Aleppo"), t("Idlib")))),
        ('"Sheikh Miskin"', t("Sheikh Miskin", "Sheikh", "Miskin", phrase=True)),
        ("“Sheikh Miskin”", t("Sheikh Miskin", "Sheikh", "Miskin", phrase=True)),
        ("al-Numan", t("al-Numan", "al", "Numan", phrase=True)),
        ("Aleppo OR Idlib", Or((t("Aleppo"), t("Idlib")))),
        ("Aleppo -Russia", And((t("Aleppo"), Not(t("Russia"))))),
        ("(Aleppo OR Idlib) -Hama", And((Or((t("Aleppo"), t("Idlib"))), Not(t("Hama"))))),
        ("title:Idlib Aleppo", And((t("Idlib", field="title"), t("Aleppo")))),
        ('category:"press releases"', t("press releases", "press", "releases", phrase=True, field="category")),
        ("id:003", t("003", field="id")),
        ("Aleppo or Idlib", And((t("Aleppo"), t("or"), t("Idlib")))),
        ("10:30", t("10:30", "10", "30", phrase=True)),
        ("...", None),
        ("", None),
    ],
)
def test_parse(query, tree):
    assert parse(query) == tree


def test_any_turns_and_into_or_but_keeps_exclusions():
    assert parse("Aleppo Idlib -Hama", any_word=True) == And((Or((t("Aleppo"), t("Idlib"))), Not(t("Hama"))))


@pytest.mark.parametrize(
    "query, message",
    [
        ('Aleppo "Idlib', 'bad query: unclosed quote at character 8: Aleppo ▶"Idlib'),
        ("(Aleppo", "bad query: unclosed '(' at character 1: ▶(Aleppo"),
        ("Aleppo)", "bad query: unmatched ')' at character 7: Aleppo▶)"),
        ('nope:"x y"', "bad query: unknown field 'nope' (fields: title, category, source, id) at character 1: ▶nope:\"x y\""),
        ("Aleppo OR", "bad query: OR with nothing after it at character 8: Aleppo ▶OR"),
        ("OR Aleppo", "bad query: OR with nothing before it at character 1: ▶OR Aleppo"),
        ("(Idlib OR) Aleppo", "bad query: OR with nothing after it at character 8: (Idlib ▶OR) Aleppo"),
        ("Aleppo OR OR Idlib", "bad query: OR with nothing after it at character 8: Aleppo ▶OR OR Idlib"),
    ],
)
def test_malformed_queries_show_the_position(query, message):
    with pytest.raises(QuerySyntaxError) as info:
        parse(query)
    assert str(info.value) == message


query_text = st.lists(
    st.sampled_from(list('ab "()-:“”') + ["Aleppo", " ", "OR", "id:", "title:", "-", "al-", "Idleb"]), max_size=15
).map("".join)


@settings(max_examples=300)
@given(st.one_of(query_text, st.text(max_size=60)))
def test_any_string_parses_or_is_a_usage_error(query):
    try:
        parse(query)
    except UsageError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.one_of(query_text, st.text(max_size=30)))
def test_any_string_searches_or_is_a_usage_error(corpus, query):
    try:
        hits = corpus.search(query)
    except UsageError:
        return
    for h in hits:
        assert h.score >= 0
        for m in h.matches:
            assert 0 < m.score <= 1
            assert h.statement.text[m.start : m.end] == m.text


def test_very_long_query_is_answered(corpus):
    assert corpus.search("Aleppo " * 1500)[0].document.id == "002_6d0a1ca802d3b216"
