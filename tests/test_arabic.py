"""Arabic as its readers write it: folding, the article and proclitics, places in both scripts."""

import json

import pytest

from corpus_cli.api import Corpus
from corpus_cli.language.places import places_in

RELEASES = {
    "r1.txt": "قصف حلب\n\nقصفت قوات النظام مدينة حَلَب اليوم. وقال المتحدث إن المدنيين في إدلب يعانون.\n"
              "هل يتحرك العالم؟ نطالب بحماية المدنيين في دمشق وحلب.\n",
    "r2.txt": "بيان المعارضة\n\nأكدت المعارضة السورية أن للمعارضة دوراً. وقالت والمعارضة ترفض القصف بحلب.\n"
              "وأشار إلى معارضة واسعة للقرار. وسلمت الورقة إلى فرقة من الجيش.\n",
    "r3.txt": "الرقة\n\nسيطر الثوار على الرقة. ووصل وفد بالرقة للمدنيين. خرجت المظاهرات السلمية في القاهرة.\n"
              "وفي السلمية قصف. وذكرت الحكومة أنها ستفتح الباب للحوار.\n",
    "r4.txt": "الائتلاف الوطني\n\nاجتمع الائتلاف الوطني السوري. ودعا الحزب إلى حكومة ائتلاف وطني.\n",
    "e1.txt": "Shelling in Aleppo\n\nThe regime shelled Aleppo today, and civilians fled to Idlib. It had been bad.\n"
              "Osama bin Laden and Ben Smith were named.\n",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("arabic")
    for name, text in RELEASES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def corpus(folder):
    return Corpus.open(folder, cache=False)


def found(corpus, query):
    """(document, statement) of each hit; a title's statement is -1."""
    return sorted({(h.document.id, -1 if h.statement.index is None else h.statement.index) for h in corpus.search(query)})


def spelled(corpus, query):
    """The words the query matched, as the text writes them."""
    return sorted({m.text for h in corpus.search(query) for m in h.matches})


def test_a_word_finds_its_forms_with_the_article_and_proclitics(corpus):
    assert spelled(corpus, "حلب") == ["Aleppo", "بحلب", "حلب", "حَلَب", "وحلب"]  # and the place in Latin letters
    assert spelled(corpus, "مدنيين") == ["المدنيين", "للمدنيين"]
    assert spelled(corpus, "المدنيين") == ["المدنيين", "للمدنيين"]


def test_a_word_written_with_the_article_finds_the_bare_word_but_not_other_words(corpus):
    assert spelled(corpus, "المعارضة") == ["المعارضة", "للمعارضة", "معارضة", "والمعارضة"]
    # الرقة is not ورقة (a paper) nor فرقة (a band), which are و and ف on a bare رقة
    assert spelled(corpus, "الرقة") == ["الرقة", "بالرقة"]
    assert spelled(corpus, "الورقة") == ["الورقة"]


def test_in_a_phrase_an_arabic_word_keeps_its_article(corpus):
    assert found(corpus, '"الائتلاف الوطني"') == [("r4", -1), ("r4", 0)]
    assert spelled(corpus, '"ائتلاف وطني"') == ["ائتلاف وطني", "الائتلاف الوطني"]  # the bare phrase finds both


def test_the_explanation_says_which_form_matched(corpus):
    rules = {(e.word, e.rule) for lf in corpus.find("المعارضة").leaves for p in lf.parts for e in p.expansions}
    assert rules == {("المعارضه", "same word"), ("للمعارضه", "proclitics: ال → لل"),
                     ("والمعارضه", "proclitics: with و"), ("معارضه", "proclitics: without ال")}


def test_a_particle_finds_its_forms_and_no_word_by_key_or_typo(corpus):
    words = {e.word for lf in corpus.find("bin").leaves for p in lf.parts for e in p.expansions}
    assert words == {"bin", "ben"}  # not "been", a key away


def test_a_latin_place_finds_its_arabic_mentions_and_the_other_way(corpus):
    assert spelled(corpus, "Aleppo") == ["Aleppo", "بحلب", "حلب", "حَلَب", "وحلب"]
    assert {h.document.id for h in corpus.search("حلب")} == {"e1", "r1", "r2"}
    terms = [str(lf.term) for lf in corpus.find("Aleppo").leaves]
    assert terms == ["Aleppo", "حلب ← Aleppo"]


@pytest.mark.parametrize("text, places", [
    ("قصفت قوات النظام مدينة حلب اليوم وفي إدلب وبدمشق", ["Aleppo", "Idlib", "Damascus"]),
    ("خرجت المظاهرات السلمية في القاهرة", []),  # "the peaceful", not As Salamiyah
    ("قصف في السلمية وريفها", ["As Salamiyah"]),  # after a word of place
    ("ستفتح الباب للحوار", []),  # "the door", not Al Bab
    ("معارك في مدينة الباب", ["Al Bab"]),
    ("الثورة السورية مستمرة في حمص وحماة", ["Homs", "Hama"]),  # the revolution, not Al-Tabqa
    ("وسلمت الورقة إلى فرقة من الجيش", []),  # a paper and a band, not Raqqa
])
def test_places_in_arabic_text(text, places):
    assert places_in(text) == places


def test_places_and_place_filter_on_an_arabic_folder(folder, invoke):
    r = invoke("places", "--data", str(folder), "--no-cache", "--json")
    assert {p["name"]: p["documents"] for p in json.loads(r.stdout)} == {
        "Aleppo": 3, "Idlib": 2, "Damascus": 1, "Raqqa": 1, "As Salamiyah": 1}
    r = invoke("list", "--place", "حلب", "--data", str(folder), "--no-cache", "--json")
    assert sorted(d["id"] for d in json.loads(r.stdout)) == ["e1", "r1", "r2"]
