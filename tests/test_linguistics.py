"""Word lists, n-grams, collocates and keywords on a corpus built here, each count and score set
beside an independent computation over the same words (a plain regular expression, the
formulas as the literature writes them)."""

import json
import math
import re
from collections import Counter

import pytest

from corpus_cli.api import Corpus, Filters

# (date line, title, sentences): each sentence is one statement
DOCS = [
    ("Friday, 01 March 2019 10:00", "Water report", [
        "The river flooded the old town.",
        "Farmers said the river rose in March.",
        "The town council met the farmers.",
    ]),
    ("Saturday, 01 June 2019 10:00", "Harvest news", [
        "The harvest was late in Dara'a this year.",
        "Farmers in Daraa sold the harvest at the market.",
    ]),
    ("Saturday, 01 February 2020 10:00", "Climate talks", [
        "Climate change is the theme of the talks.",
        "Delegates said climate change threatens the harvest.",
        "The pandemic delayed the talks.",
    ]),
    ("Friday, 01 May 2020 10:00", "Pandemic measures", [
        "The pandemic closed the market.",
        "Doctors said the pandemic is not over.",
        "Climate change was not discussed.",
    ]),
    ("Friday, 01 January 2021 10:00", "New year", [
        "The council said climate change is urgent.",
        "Farmers said the river is low.",
    ]),
    ("Thursday, 01 July 2021 10:00", "Summer heat", [
        "The heat hurt the harvest.",
        "Climate scientists said the heat will return.",
    ]),
]
YEARS = ["2019", "2019", "2020", "2020", "2021", "2021"]
WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")


def fold(w):
    return w.lower().replace("'", "")


def segments(rows=range(len(DOCS))):
    """Each document's title and statements, as lists of folded words."""
    return {n: [[fold(w) for w in WORD.findall(text)] for text in [DOCS[n][1]] + DOCS[n][2]] for n in rows}


def rows_of(year=None):
    return [n for n in range(len(DOCS)) if year is None or YEARS[n] == year]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ling")
    for n, (date, title, sentences) in enumerate(DOCS):
        (folder / f"{n:02d}.txt").write_text(f"{date}\n\n{title}\n\n{' '.join(sentences)}\n", encoding="utf-8")
    return Corpus.open(folder, cache=False)


def test_the_corpus_is_read_as_the_tests_assume(corpus):
    for n, doc in enumerate(sorted(corpus.documents, key=lambda d: d.id)):
        assert [s.text for s in doc.statements] == DOCS[n][2]
        assert doc.title == DOCS[n][1] and not doc.title_derived


@pytest.mark.parametrize("year", [None, "2020"])
def test_word_counts_and_documents_are_a_plain_count(corpus, year):
    segs = segments(rows_of(year))
    counts = Counter(w for s in segs.values() for seg in s for w in seg)
    docs = Counter(w for s in segs.values() for w in {w for seg in s for w in seg})
    total = sum(counts.values())
    found = corpus.words(Filters(since=year, until=year) if year else None)
    assert {(r.word, r.count, r.documents) for r in found} == {(w, counts[w], docs[w]) for w in counts}
    assert [r.word for r in found] == sorted(counts, key=lambda w: (-counts[w], w))
    assert all(r.per_million == round(counts[r.word] * 1e6 / total, 2) for r in found)


def test_words_fold_spellings_and_show_the_forms(corpus):
    daraa = [r for r in corpus.words(by_form=True) if r.word == "daraa"]
    assert daraa[0].count == 2 and daraa[0].documents == 1
    assert daraa[0].forms == {"Dara'a": 1, "Daraa": 1}


def test_stop_words_and_min_count(corpus, tmp_path):
    found = corpus.words(stop=["english"], min_count=3, limit=4)
    counts = Counter(w for s in segments().values() for seg in s for w in seg)
    stop = {"the", "is", "in", "of", "was", "not", "at", "this", "will", "over"}
    expected = sorted((w for w in counts if counts[w] >= 3 and w not in stop), key=lambda w: (-counts[w], w))[:4]
    assert [r.word for r in found] == expected
    mine = tmp_path / "stop.txt"
    mine.write_text("# my list\nsaid\nFarmers\n", encoding="utf-8")
    assert "said" not in {r.word for r in corpus.words(stop=["english", str(mine)])}
    assert "farmers" not in {r.word for r in corpus.words(stop=[str(mine)])}


@pytest.mark.parametrize("n", [2, 3])
@pytest.mark.parametrize("chunk, bits", [(5000, 23), (2, 2)])  # also in chunks of two documents, a table of 4
def test_ngrams_are_runs_within_a_statement(corpus, n, chunk, bits, monkeypatch):
    from corpus_cli.analysis import linguistics

    monkeypatch.setattr(linguistics, "CHUNK", chunk)
    monkeypatch.setattr(linguistics, "BUCKET_BITS", bits)
    grams, docs = Counter(), Counter()
    for row, segs in segments().items():
        here = {" ".join(seg[i : i + n]) for seg in segs for i in range(len(seg) - n + 1)}
        grams.update(" ".join(seg[i : i + n]) for seg in segs for i in range(len(seg) - n + 1))
        docs.update(here)
    found = corpus.ngrams(n)
    assert {(r.ngram, r.count, r.documents) for r in found} == {(g, grams[g], docs[g]) for g in grams}
    ranked = sorted(grams, key=lambda g: (-grams[g], g))
    assert [r.ngram for r in found[:5]] == ranked[:5]
    for limit in (1, 3, 7):
        assert [(r.ngram, r.count, r.documents) for r in corpus.ngrams(n, limit=limit)] == [
            (g, grams[g], docs[g]) for g in ranked[:limit]]


def test_ngrams_containing_a_word(corpus):
    found = corpus.ngrams(2, containing="Climate")
    grams = Counter(" ".join(seg[i : i + 2]) for segs in segments().values() for seg in segs
                    for i in range(len(seg) - 1) if "climate" in seg[i : i + 2])
    assert {(r.ngram, r.count) for r in found} == set(grams.items())


def windows(node, left, right):
    """Independent collocation counts: O per word, F_n, F_c and N."""
    o, f_node = Counter(), 0
    segs = [seg for s in segments().values() for seg in s]
    for seg in segs:
        for i, w in enumerate(seg):
            if w == node:
                f_node += 1
                o.update(seg[max(0, i - left) : i] + seg[i + 1 : i + 1 + right])
    freq = Counter(w for seg in segs for w in seg)
    return o, f_node, freq, sum(freq.values())


@pytest.mark.parametrize("measure", ["logdice", "mi", "t", "ll"])
def test_collocates_scores_are_the_published_formulas(corpus, measure):
    o, fn, freq, n = windows("harvest", 3, 3)

    def expected(w):
        a, fc = o[w], freq[w]
        if measure == "logdice":
            return 14 + math.log2(2 * a / (fn + fc))
        if measure == "mi":
            return math.log2(a * n / (fn * fc))
        if measure == "t":
            return (a - fn * fc / n) / math.sqrt(a)
        table = [[a, fn - a], [fc - a, n - fn - fc + a]]
        rows, cols = [sum(r) for r in table], [sum(c) for c in zip(*table)]
        return 2 * sum(table[i][j] * math.log(table[i][j] * n / (rows[i] * cols[j]))
                       for i in range(2) for j in range(2) if table[i][j] > 0)

    found = corpus.collocates("harvest", window=3, measure=measure, min_count=1)
    assert corpus.nodes == fn == 5  # the title "Harvest news" and four statements
    assert {(r.word, r.count, r.frequency) for r in found} == {(w, o[w], freq[w]) for w in o}
    for r in found:
        assert r.score == round(expected(r.word), 3), r.word
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)


def test_collocates_of_a_phrase_and_one_side(corpus):
    found = corpus.collocates('"climate change"', left=1, right=0, min_count=1)
    assert corpus.nodes == 4
    assert {(r.word, r.count, r.left, r.right) for r in found} == {("said", 2, 2, 0)}
    right = corpus.collocates('"climate change"', left=0, right=1, min_count=1)
    assert {(r.word, r.count) for r in right} == {("is", 2), ("threatens", 1), ("was", 1)}


def test_keywords_are_log_likelihood_and_log_ratio(corpus):
    target = Counter(w for s in segments(rows_of("2020")).values() for seg in s for w in seg)
    rest = Counter(w for n, s in segments().items() if YEARS[n] != "2020" for seg in s for w in seg)
    c, d = sum(target.values()), sum(rest.values())
    found = corpus.keywords(Filters(since="2020", until="2020"))
    for r in found:
        a, b = target[r.word], rest[r.word]
        e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
        ll = 2 * ((a * math.log(a / e1) if a else 0) + (b * math.log(b / e2) if b else 0))
        assert (r.target, r.reference) == (a, b)
        assert r.log_likelihood == round(ll, 3)
        assert r.log_ratio == round(math.log2(((a or 0.5) / c) / ((b or 0.5) / d)), 3)
        assert a / c > b / d
    assert {r.word for r in found} == {w for w in target if target[w] / c > rest[w] / d}
    assert found[0].word == "pandemic"
    negative = corpus.keywords(Filters(since="2020", until="2020"), negative=True)
    assert {r.word for r in negative} == {w for w in set(target) | set(rest) if target[w] / c < rest[w] / d}


def test_keywords_against_a_reference_selection(corpus):
    found = corpus.keywords(Filters(since="2021"), Filters(until="2019"), limit=3)
    target = Counter(w for s in segments(rows_of("2021")).values() for seg in s for w in seg)
    assert found[0].target == target[found[0].word]
    assert all(r.word in target for r in found)


@pytest.fixture
def folder(tmp_path):
    for n, (date, title, sentences) in enumerate(DOCS):
        (tmp_path / f"{n:02d}.txt").write_text(f"{date}\n\n{title}\n\n{' '.join(sentences)}\n", encoding="utf-8")
    return str(tmp_path)


def test_words_command_formats_and_exit_codes(invoke, folder):
    result = invoke("words", "--data", folder, "--limit", "2", "--json")
    assert result.exit_code == 0
    counts = Counter(w for s in segments().values() for seg in s for w in seg)
    total = sum(counts.values())
    assert (counts["the"], counts["climate"], counts["said"], total) == (21, 6, 6, 110)
    assert json.loads(result.stdout) == [  # climate and said tie: alphabetical order
        {"word": "the", "count": 21, "documents": 6, "per_million": round(21 * 1e6 / 110, 2), "forms": None},
        {"word": "climate", "count": 6, "documents": 4, "per_million": round(6 * 1e6 / 110, 2), "forms": None},
    ]
    result = invoke("ngrams", "2", "--data", folder, "--containing", "pandemic", "--format", "csv")
    assert result.stdout.splitlines()[0] == "ngram,count,documents,per_million"
    r = invoke("words", "--data", folder, "--min-count", "99")
    assert (r.exit_code, r.stdout) == (1, "")  # nothing found: not even the headings
    assert invoke("ngrams", "6", "--data", folder).exit_code == 2
    result = invoke("keywords", "--data", folder)
    assert result.exit_code == 2
    assert "compare a part of the corpus with the rest" in result.stderr
    result = invoke("collocates", "climate", "--data", folder, "--window", "0")
    assert result.exit_code == 2 and "at least one word" in result.stderr
    result = invoke("words", "--data", folder, "--stop", "nosuchlist")
    assert result.exit_code == 2 and "--stop takes english, arabic or a file" in result.stderr


def test_a_speakers_words_and_collocates(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Saturday, 02 January 2016 17:52\n\nTalks\n\n"
        "The talks opened in Geneva. Yasser Farhan said the regime shelled the town again. "
        "He said the regime must stop. Observers said the weather was fine.\n", encoding="utf-8")
    corpus = Corpus.open(tmp_path, cache=False)
    said = corpus.select(Filters(speaker="Yasser Farhan")).said
    assert [sorted(v) for v in said.values()] == [[1, 2]]
    words = {r.word: r.count for r in corpus.words(Filters(speaker="Yasser Farhan"))}
    assert words["regime"] == 2 and words["said"] == 2 and "observers" not in words and "talks" not in words
    found = corpus.collocates("regime", Filters(speaker="Yasser Farhan"), window=1, min_count=1)
    assert {(r.word, r.left, r.right) for r in found} == {("the", 2, 0), ("shelled", 0, 1), ("must", 0, 1)}


def test_counts_follow_the_folder(tmp_path, monkeypatch):
    for n, (date, title, sentences) in enumerate(DOCS[:2]):
        (tmp_path / f"{n:02d}.txt").write_text(f"{date}\n\n{title}\n\n{' '.join(sentences)}\n", encoding="utf-8")
    with Corpus.open(tmp_path) as corpus:
        assert {r.word: r.count for r in corpus.words()}["river"] == 2
    (tmp_path / "02.txt").write_text("Friday, 01 May 2020 10:00\n\nRiver news\n\nThe river is high.\n", encoding="utf-8")
    (tmp_path / "00.txt").unlink()
    with Corpus.open(tmp_path) as corpus:
        found = {r.word: (r.count, r.documents) for r in corpus.words()}
        assert found["river"] == (2, 1) and "flooded" not in found and found["harvest"] == (3, 1)


def test_kwic_of_words_side_by_side_is_one_line_per_occurrence(corpus):
    lines = corpus.kwic("climate change")
    assert [(ln.hit.document.id, ln.match) for ln in lines] == [
        ("02", "Climate change"), ("02", "climate change"), ("03", "Climate change"), ("04", "climate change")]
    assert lines[1].left == "the theme of the talks. Delegates said" and lines[1].right == "threatens the harvest. The pandemic"
    apart = corpus.kwic("farmers river")
    assert [(ln.hit.document.id, ln.match) for ln in apart] == [("00", "Farmers"), ("00", "river"), ("04", "Farmers"),
                                                               ("04", "river")]


def test_source_filter(invoke, tmp_path):
    records = [{"date": "2020-01-0%d" % n, "title": f"T{n}", "text": text, "source": source}
               for n, (text, source) in enumerate([("Rivers rose.", "Ministry"), ("Rivers fell.", "Senate"),
                                                  ("Harvest came.", "ministry")], start=1)]
    (tmp_path / "r.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = invoke("list", "--data", str(tmp_path), "--source", "MINISTRY", "--json")
    assert [d["title"] for d in json.loads(result.stdout)] == ["T1", "T3"]
    result = invoke("words", "--data", str(tmp_path), "--source", "senate", "--json")
    assert {r["word"]: r["count"] for r in json.loads(result.stdout)} == {"t2": 1, "rivers": 1, "fell": 1}


def test_words_with_transliterations_as_one(tmp_path):
    from tests.conftest import sentences_corpus

    corpus = sentences_corpus(tmp_path, ["Assad spoke in Aleppo.", "Asad left Alepo.", "Assad came back."])
    plain = {r.word: r.count for r in corpus.words()}
    assert (plain["assad"], plain["asad"], plain["aleppo"], plain["alepo"]) == (2, 1, 1, 1)
    merged = {r.word: (r.count, r.documents, r.forms) for r in corpus.words(translit=True, by_form=True)}
    assert merged["assad"] == (3, 3, {"Assad": 2, "Asad": 1})
    assert merged["aleppo"][:2] == (2, 2) and "asad" not in merged and "alepo" not in merged


def test_answers_about_the_whole_corpus_are_kept_and_follow_the_folder(tmp_path):
    for n, (date, title, sentences) in enumerate(DOCS):
        (tmp_path / f"{n:02d}.txt").write_text(f"{date}\n\n{title}\n\n{' '.join(sentences)}\n", encoding="utf-8")
    with Corpus.open(tmp_path) as corpus:
        first = (corpus.ngrams(2, limit=3), corpus.collocates("harvest", min_count=1), corpus.nodes)
    with Corpus.open(tmp_path) as corpus:
        kept = corpus.index.db.execute("SELECT count(*) FROM cache WHERE name LIKE 'ngrams:%' OR name LIKE 'collocates:%'")
        assert kept.fetchone()[0] == 2
        assert (corpus.ngrams(2, limit=3), corpus.collocates("harvest", min_count=1), corpus.nodes) == first
    (tmp_path / "06.txt").write_text("Friday, 01 May 2020 10:00\n\nMore\n\nOf the harvest of the river.\n",
                                     encoding="utf-8")
    with Corpus.open(tmp_path) as corpus:
        assert [(r.ngram, r.count) for r in first[0][:1]] == [("climate change", 4)]  # the harvest: 4, after it
        assert [(r.ngram, r.count) for r in corpus.ngrams(2, limit=1)] == [("the harvest", 5)]
        assert corpus.collocates("harvest", min_count=1) != first[1] and corpus.nodes == 6
