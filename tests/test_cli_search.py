"""search options, kwic and variants through the command line."""

import csv
import io
import json

from corpus_cli.output.records import DOCUMENT_HIT_KEYS, EXPANSION_KEYS, EXPLAIN_KEYS, KWIC_KEYS, VARIANT_KEYS

ANSI = "\x1b["


def test_kwic_plain_aligns_columns(invoke):
    r = invoke("kwic", '"Maarat al-Numan"', "--width", "20")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "004_375b785a8374fdba#1         civilians in  Maaret al-Numan  and rural Aleppo,\n"
        "004_375b785a8374fdba#8  the first to occupy  Maaret al-Numan  which was captured\n"
    )


def test_kwic_csv_and_json(invoke):
    r = invoke("kwic", '"Maarat al-Numan"', "--width", "20", "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == list(KWIC_KEYS)
    assert rows[1] == [
        "004_375b785a8374fdba", "2020-01-31T17:48", "1", "body", "civilians in", "Maaret al-Numan",
        "and rural Aleppo,", "368", "383",
    ]
    lines = json.loads(invoke("kwic", "Hama", "--json", "--sort", "right").stdout)
    assert [(ln["match"], ln["right"]) for ln in lines] == [
        ("Hama", ", Idlib and Aleppo has resulted in the"),
        ("Hama", ", which are aimed at opening a gap in"),
    ]


def test_kwic_rich_and_no_result(invoke):
    r = invoke("kwic", "Hama", env={"FORCE_COLOR": "1", "COLUMNS": "120"})
    assert ANSI in r.stdout and "Hama" in r.stdout
    r = invoke("kwic", "Homs")
    assert (r.exit_code, r.stdout) == (1, "")


def test_variants_plain_and_json(invoke):
    r = invoke("variants", "Asad")
    assert r.stdout == "Assad    20  20  doubled letters  1\nAssad's  1   20  doubled letters  1\n"
    data = json.loads(invoke("variants", "Daraa", "--json").stdout)
    assert data == [{"form": "Dara’a", "count": 2, "folded": "daraa", "statements": 2, "rule": "same word", "distance": 0}]
    assert tuple(data[0]) == VARIANT_KEYS
    r = invoke("variants", "Homs")
    assert (r.exit_code, r.stdout) == (1, "")
    r = invoke("variants", "two words")
    assert (r.exit_code, r.stderr) == (2, "corpus: error: variants takes one word, not 'two words'\n")


def test_explain_plain_then_hits(invoke):
    r = invoke("search", "Alepo -Russia", "--explain")
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["term", "hits", "word", "entry", "spellings", "rule", "edits", "statements"]
    assert lines[1].split() == ["Alepo", "8", "statements", "Alepo", "aleppo", "Aleppo", "×8", "doubled", "letters", "1", "8"]
    assert lines[2].split()[:3] == ["-Russia", "27", "statements"]
    # Russian is a name a typo away from Russia, so it is excluded too
    assert lines[3].split() == ["Russia", "russian", "Russian", "×13", "typo", "1", "13"]
    assert lines[4] == ""
    assert lines[5].startswith("1.39  2016-12-09T16:37  002_6d0a1ca802d3b216#2  Syrian Coalition: Russia Has Not…  He said")
    assert len(lines) == 6


def test_explain_json(invoke):
    r = invoke("search", '"Maarat al-Numan" OR title:Idleb', "--explain", "--json")
    terms = json.loads(r.stdout)
    assert tuple(terms[0]) == EXPLAIN_KEYS
    assert tuple(terms[0]["expansions"][0]) == EXPANSION_KEYS
    assert [(t["term"], t["field"], t["statements"]) for t in terms] == [
        ('"Maarat al-Numan"', None, 2), ("title:Idleb", "title", 1),
    ]
    assert [(e["word"], e["entry"], e["rule"], e["distance"]) for e in terms[0]["expansions"]] == [
        ("Maarat", "maaret", "doubled letters + e/a/i", 1), ("Numan", "numan", "same word", 0),
    ]  # not "human": both words are common, so neither is a typo of the other
    assert terms[1]["expansions"][0]["rule"] == "e/a/i"


def test_explain_rich_on_a_terminal(invoke):
    r = invoke("search", "Alepo", "--explain", env={"FORCE_COLOR": "1", "COLUMNS": "160", "LINES": "100"})
    assert "How the query was read" in r.stdout and "doubled letters" in r.stdout
    assert "8 hits in 3 documents" in r.stdout


def test_docs_groups(invoke):
    r = invoke("search", "Aleppo", "--docs")
    assert r.stdout.splitlines()[0] == (
        "2.48  2016-12-09T16:37  002_6d0a1ca802d3b216  6 hits  "
        "Syrian Coalition: Russia Has Not Halted Military Operations in Besieged Eastern Aleppo"
    )
    groups = json.loads(invoke("search", "Aleppo", "--docs", "--json", "--limit", "2").stdout)
    assert tuple(groups[0]) == DOCUMENT_HIT_KEYS
    assert [(g["id"][:3], g["hit_count"]) for g in groups] == [("002", 6), ("003", 1)]


def test_exact_and_any_flags(invoke):
    assert invoke("search", "Daraa", "--exact").exit_code == 1
    assert invoke("search", "Dara’a", "--exact").exit_code == 0
    r = invoke("search", "Hama Damascus", "--any", "--format", "jsonl")
    assert sorted({json.loads(x)["id"][:3] for x in r.stdout.splitlines()}) == ["002", "003"]


def test_highlight_marks_the_word_found(invoke):
    r = invoke("search", "Alepo", "--limit", "2", env={"FORCE_COLOR": "1", "COLUMNS": "200"})
    assert "\x1b[1;33mAleppo\x1b[0m" in r.stdout


def test_malformed_query_is_a_usage_error(invoke):
    r = invoke("search", 'Aleppo "Idlib')
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == 'corpus: error: bad query: unclosed quote at character 8: Aleppo ▶"Idlib\n'
    r = invoke("search", "-Aleppo")
    assert r.exit_code == 2


def test_search_help_documents_the_query_language(invoke):
    out = invoke("search", "--help").stdout
    for example in ('"Sheikh Miskin"', "Aleppo OR Idlib", "Aleppo -Russia", "title:Idlib", "--exact", "--explain", "--docs"):
        assert example in out


def test_a_trailing_or_and_a_bad_min_score_are_usage_errors(invoke):
    r = invoke("search", "Aleppo OR")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == "corpus: error: bad query: OR with nothing after it at character 8: Aleppo ▶OR\n"
    for value in ("nan", "inf"):
        r = invoke("search", "Aleppo", "--min-score", value)
        assert (r.exit_code, r.stderr) == (2, f"corpus: error: --min-score must be a number, not {value}\n")


def test_a_long_run_of_one_letter_is_not_a_spelling_of_that_letter(corpus, invoke):
    from corpus_cli.search.expand import expand

    assert "a" in corpus.index.lexicon
    assert expand("aaaaaaaa", corpus.index.lexicon) == []
    r = invoke("search", "aaaaaaaa")
    assert (r.exit_code, r.stdout) == (1, "")
    assert [e.word for e in expand("Assaad", corpus.index.lexicon)][:1] == ["assad"]  # two edits: still a spelling


def test_a_query_starting_with_a_dash_is_told_to_go_after_two_dashes(invoke):
    r = invoke("search", "-Russia Aleppo")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == ("corpus: error: No such option '-R'. (a query that starts with '-' goes after '--': "
                        "corpus search -- '-Russia Aleppo')\n")
    r = invoke("search", "--", "-Russia Aleppo")
    assert r.exit_code == 0 and r.stdout.splitlines()[0].split()[2] == "002_6d0a1ca802d3b216#2"
    assert invoke("list", "--bogus").stderr == "corpus: error: No such option '--bogus'.\n"
