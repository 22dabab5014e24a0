"""Places from the GeoNames gazetteer: any spelling, on the bundled corpus and on made-up text."""

import json

import pytest

from corpus_cli.errors import UsageError
from corpus_cli.language.places import gazetteer, places_in

SEED_PLACES = {
    "000_3e1c546575f83025": ["Sheikh Miskin", "Daraa Governorate", "Daraa"],
    "001_6bce3e69434a3938": [],
    "002_6d0a1ca802d3b216": ["Aleppo", "Damascus"],
    "003_7e59c539d2ddab83": ["Hama", "Idlib", "Aleppo"],
    "004_375b785a8374fdba": ["Idlib", "Maarrat an Numan", "Aleppo"],  # a town of cities500, named after "in"
}


@pytest.mark.parametrize("doc_id", sorted(SEED_PLACES))
def test_places_of_each_seed_document(corpus, doc_id):
    doc = corpus.show(doc_id)
    assert places_in(doc.title + "\n" + doc.body) == SEED_PLACES[doc_id]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Shelling hit Idleb and Deraa.", ["Idlib", "Daraa"]),
        ("In Jisr Al-Shughour and Khan Sheikhoun.", ["Jisr al-Shughur", "Khan Shaykhun"]),
        ("Fighting in Rural Idlib and Deir al-Zour.", ["Idlib Governorate", "Deir ez-Zor"]),
        ("Kobane and Homs.", ["Kobani", "Homs"]),
        ("Gary Kerry met Jared Serrano at the Urban Bureau.", []),
        ("We walked to the tell and the homes.", []),
        ("The Tell was quiet.", []),
    ],
)
def test_spellings_in_text(text, expected):
    assert places_in(text) == expected


def test_resolve_names_a_user_types():
    g = gazetteer()
    assert [p.name for p in g.resolve("Idleb")] == ["Idlib"]
    assert [p.name for p in g.resolve("Dar'a")] == ["Daraa"]
    assert [p.name for p in g.resolve("rural damascus")] == ["Rif Dimashq"]
    assert g.resolve("Atlantis") == []


def test_the_gazetteer_credits_geonames_and_drops_misleading_names():
    g = gazetteer()
    assert len(g.places) == 322  # the 308 towns and villages of cities500 and the 14 governorates
    assert sum(1 for p in g.places if p.kind == "city" and p.arabic) == 306
    aleppo = g.by_name["aleppo"]
    assert "Halab" in aleppo.spellings and "ALP" not in aleppo.spellings and "Berea" not in aleppo.spellings
    assert "Berea" in aleppo.also and "ALP" not in aleppo.also  # typed, it still means Aleppo; a code means nothing
    assert [p.name for p in g.resolve("Berea")] == ["Aleppo"]
    assert [p.name for p in g.resolve("حلب")] == ["Aleppo"]
    assert [p.name for p in g.resolve("حَلَب")] == ["Aleppo"]  # vowel signs do not matter
    from pathlib import Path

    head = "\n".join((Path(__import__("corpus_cli").__file__).parent / "language" / "gazetteer.tsv").read_text().splitlines()[:2])
    assert "GeoNames" in head and "CC BY 4.0" in head


def test_a_village_is_named_only_where_the_text_says_it_is_a_place():
    g = gazetteer()
    assert g.by_name["malah"].minor and not g.by_name["aleppo"].minor
    assert [m.place for m in g.find("Haitham Maleh said that Russia lies")] == []  # a person
    assert [m.place for m in g.find("Shelling hit the village of Mallah and Aleppo")] == ["Malah", "Aleppo"]
    assert [m.place for m in g.find("Aleppo is shelled")] == ["Aleppo"]  # a city needs no such word


def test_places_command_and_filters(invoke, corpus):
    r = invoke("places")
    assert r.stdout.splitlines()[:2] == [
        "Aleppo             city         3  8  2016-12-09  2020-01-31",
        "Idlib              city         2  3  2019-07-05  2020-01-31",
    ]
    data = json.loads(invoke("places", "--json").stdout)
    assert [(p["name"], p["documents"], p["statements"]) for p in data][-3:] == [
        ("Daraa", 1, 1), ("Daraa Governorate", 1, 1), ("Maarrat an Numan", 1, 1)]
    assert [d.id[:3] for d in corpus.list(place="Idleb")] == ["003", "004"]
    assert [(h.document.id[:3], h.statement.index) for h in corpus.search("Assad", place="Deraa")] == [
        ("000", 3), ("000", 7), ("000", 4),
    ]
    r = invoke("list", "--place", "Atlantis")
    assert r.exit_code == 2 and "no place called 'Atlantis'" in r.stderr
    with pytest.raises(UsageError):
        corpus.list(place="Atlantis")


def test_acronyms_and_weak_words_are_not_places():
    g = gazetteer()
    assert [m.place for m in g.find("We sent a letter seeking an increase in DERA funds.")] == []
    assert [m.place for m in g.find("the benefits of DERA’s investments and AFIS records")] == []
    assert [m.place for m in g.find("Nominations can be sent to Mary Hovagimian")] == []  # not the village of Mari
    assert [m.place for m in g.find("Shelling near Mari and in Tremseh")] == ["Mari", "Tremseh"]
    assert [m.place for m in g.find("the Upasampada Vinaya Karma ceremony")] == []  # Al Karmah is another name


def test_places_kept_by_another_gazetteer_are_found_again(tmp_path, monkeypatch):
    import sqlite3

    from corpus_cli.api import Corpus

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\n\nShelling hit Aleppo on Monday.\n", encoding="utf-8")
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path / "cache"))
    corpus = Corpus.open(folder)
    assert [h.places for h in corpus.search("Aleppo")] == [["Aleppo"]]
    corpus.index.documents.found.flush()
    db = sqlite3.connect(corpus.report.database)
    with db:
        assert db.execute("UPDATE places SET names = '[\"Atlantis\"]'").rowcount == 1
        db.execute("UPDATE meta SET value = 'an older gazetteer' WHERE key = 'places'")
    db.close()
    again = Corpus.open(folder)
    assert [h.places for h in again.search("Aleppo")] == [["Aleppo"]]
    db = sqlite3.connect(again.report.database)
    assert db.execute("SELECT value FROM meta WHERE key = 'places'").fetchone()[0] != "an older gazetteer"
