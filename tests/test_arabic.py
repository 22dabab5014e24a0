"""Arabic as its readers write it: folding, the article and proclitics, places in both scripts."""

import json
import re

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
    "r5.txt": "الرئاسة\n\nقال الرئيس المصري محمد مرسي إن الحوار مفتوح. وسيزور مرسي ألمانيا في مارس.\n",
    "e2.txt": "Cairo talks\n\nPresident Mohamed Morsi said the dialogue was open. Morsi will visit Berlin.\n",
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


def test_a_latin_place_finds_the_arabic_name_of_its_governorate(tmp_path):
    (tmp_path / "g1.txt").write_text("خبر\n\nقتل جنود في محافظة حلب شمال البلاد.\n", encoding="utf-8")
    (tmp_path / "g2.txt").write_text("خبر\n\nمخيم للاجئين في ريف محافظة إدلب السورية.\n", encoding="utf-8")
    corpus = Corpus.open(tmp_path, cache=False)
    assert [h.document.id for h in corpus.search("Aleppo")] == ["g1"]
    assert [h.document.id for h in corpus.search("Idlib")] == ["g2"]


@pytest.mark.parametrize("text, places", [
    ("قصفت قوات النظام مدينة حلب اليوم وفي إدلب وبدمشق", ["Aleppo", "Idlib", "Damascus"]),
    ("خرجت المظاهرات السلمية في القاهرة", ["Cairo"]),  # "the peaceful", not As Salamiyah
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
        "Aleppo": 3, "Idlib": 2, "Damascus": 1, "Raqqa": 1, "As Salamiyah": 1, "Cairo": 2, "Berlin": 1}
    r = invoke("list", "--place", "حلب", "--data", str(folder), "--no-cache", "--json")
    assert sorted(d["id"] for d in json.loads(r.stdout)) == ["e1", "r1", "r2"]


@pytest.mark.parametrize("text, date", [
    ("دمشق، ٥ أيار ٢٠١٩ – قصفت قوات النظام المدينة", "2019-05-05"),
    ("الأحد 3 فبراير/شباط 2013", "2013-02-03"),
    ("27 كانون الثاني 2013 الساعة 10:30", "2013-01-27T10:30"),
    ("3 فيفري 2013", "2013-02-03"),
    ("1 رمضان 1440 هـ", "2019-05-06"),  # Hijri, on the Umm al-Qura calendar
    ("1 رمضان 1440 هـ الموافق 7 مايو 2019", "2019-05-07"),  # the Gregorian day, where both are given
    ("7 مايو 2019 الموافق 1 رمضان 1440هـ", "2019-05-07"),
])
def test_arabic_dates(text, date):
    from corpus_cli.language.dates import parse_doc_date

    assert parse_doc_date(text, anchored=False).isoformat() == date


def test_an_arabic_dateline_and_a_date_field_date_documents(tmp_path):
    (tmp_path / "a.txt").write_text("قصف في دمشق\n\nدمشق، ٥ أيار ٢٠١٩ – قصفت قوات النظام أحياء المدينة.\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"title": "بيان", "published": "1 رمضان 1440 هـ", "text": "نص البيان."},
                                                 ensure_ascii=False) + "\n", encoding="utf-8")
    docs = {d.id: d for d in Corpus.open(tmp_path, cache=False, fields={"date": "published"}).documents}
    assert (docs["a"].iso_date, docs["a"].date_source) == ("2019-05-05", "dateline")
    assert (docs["b#1"].iso_date, docs["b#1"].date_source) == ("2019-05-06", "field")


def test_speakers_in_arabic():
    from corpus_cli.language.speakers import speakers_of

    found = speakers_of([
        "أكد رئيس حزب الحرية والعدالة محمد سعد الكتاتني أن الحزب مستعد للحوار.",
        "وأضاف أن الانتخابات ستجرى في موعدها.",  # he went on
        "وقال الكتاتني إن الحوار مفتوح.",  # the surname of someone named in full
        "أكد جون كيري وزير الخارجية الأمريكي في مؤتمر صحفي أن بلاده ستساعد.",
        "وقالت وكالة الأنباء السورية سانا إن القصف توقف.",  # an institution speaks: no one
        "وقال مصدر حكومي إن الوفد وصل.",  # a source: no one
    ])
    assert [(s.name, s.role, s.statements) for s in found] == [
        ("محمد سعد الكتاتني", "رئيس حزب الحرية والعدالة", (0, 1, 2)),
        ("جون كيري", "وزير الخارجية الأمريكي", (3,)),
    ]


@pytest.mark.parametrize("encoding, warning", [("cp1256", "Windows-1256 (Arabic)"), ("cp1251", "Windows-1251 (Cyrillic)")])
def test_a_file_in_another_scripts_code_page_is_read_in_it_and_said(tmp_path, encoding, warning):
    text = {"cp1256": "قصف حلب\n\nقصفت قوات النظام مدينة حلب اليوم. وقال المتحدث إن المدنيين يعانون.\n",
            "cp1251": "Обстрел Алеппо\n\nСилы режима обстреляли город сегодня. Жители бежали.\n"}[encoding]
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    corpus = Corpus.open(tmp_path, cache=False)
    (doc,) = corpus.documents
    assert doc.body == text.split("\n\n", 1)[1].strip()
    assert [(p.what, p.action) for p in corpus.report.problems] == [(f"not UTF-8: decoded as {warning}", "kept")]


def test_a_table_of_arabic_text_keeps_its_order_and_its_columns(folder, invoke):
    r = invoke("search", "حلب", "--data", str(folder), "--no-cache", env={"FORCE_COLOR": "1", "COLUMNS": "100"})
    plain = re.sub(r"\x1b\[[0-9;]*m", "", r.stdout)
    assert "قصفت قوات النظام مدينة حَلَب اليوم." in plain  # as written, in logical order, its vowel signs kept
    from rich.cells import cell_len

    widths = {cell_len(line) for line in plain.splitlines() if line.strip()}
    assert len(widths) == 1  # every line of the table as wide as the others
    r = invoke("search", "حلب", "--data", str(folder), "--no-cache", "--json")
    assert "قصفت قوات النظام مدينة حَلَب اليوم." in {h["statement"] for h in json.loads(r.stdout)}


def test_names_across_scripts_by_the_consonant_key(corpus):
    # an Arabic name finds its Latin spellings where the corpus writes them as names
    assert spelled(corpus, "مرسي") == ["Morsi", "مرسي"]
    # a Latin name finds the Arabic, in a phrase of names only: Morsi alone is not مارس (March)
    assert spelled(corpus, '"Mohamed Morsi"') == ["Mohamed Morsi", "محمد مرسي"]
    assert spelled(corpus, "Morsi") == ["Morsi"]
    rules = {(e.word, e.rule) for lf in corpus.find('"Mohamed Morsi"').leaves for p in lf.parts for e in p.expansions}
    assert ("مرسي", "Latin → Arabic key") in rules and ("محمد", "Latin → Arabic key") in rules


def test_exact_keeps_the_letters_as_written(corpus):
    assert spelled(corpus, "حلب") == ["Aleppo", "بحلب", "حلب", "حَلَب", "وحلب"]
    assert sorted({m.text for h in corpus.search("حلب", exact=True) for m in h.matches}) == ["حلب"]
