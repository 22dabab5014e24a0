"""Places from the world gazetteer: any spelling, on the bundled corpus and on made-up text."""

import json

import pytest

from corpus_cli.errors import UsageError
from corpus_cli.language.gazetteer import gazetteer
from corpus_cli.language.places import find, places_in

SEED_PLACES = {
    "000_3e1c546575f83025": ["Sheikh Miskin", "Daraa Governorate", "Daraa", "Russia", "Syria"],
    "001_6bce3e69434a3938": ["Syria", "Russia", "Moscow"],
    "002_6d0a1ca802d3b216": ["Russia", "Aleppo", "Damascus", "Moscow", "Syria"],  # "Eastern Aleppo"
    "003_7e59c539d2ddab83": ["Hama", "Idlib", "Aleppo"],
    # a town of cities500, named after "in"
    "004_375b785a8374fdba": ["Idlib", "Syria", "Maarrat an Numan", "Aleppo", "Russia", "Iran"],
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


def _ids(name: str) -> list[tuple[str, str]]:
    return [(p.id, p.name) for p in gazetteer().resolve(name)]


def test_resolve_names_a_user_types():
    assert _ids("Idleb") == [("169389", "Idlib")]
    assert _ids("Dar'a") == [("170905", "Daraa"), ("2253277", "Dara")]  # and Dara, in Ethiopia
    assert _ids("rural damascus") == [("SY-RD", "Rif Dimashq")]
    assert _ids("Viet Nam") == _ids("Vietnam") == _ids("VN") == [("VN", "Vietnam")]
    assert _ids("Ivory Coast") == _ids("Côte d'Ivoire") == [("CI", "Côte d’Ivoire")]
    assert _ids("Turkey") == _ids("Türkiye") == [("TR", "Türkiye")]
    assert _ids("Georgia") == [("GE", "Georgia"), ("US-GA", "Georgia")]  # countries first
    assert _ids("US-GA") == [("US-GA", "Georgia")]
    assert _ids("Syrian") == [] and [p.id for p in gazetteer().demonym_of("Syrians")] == ["SY"]
    assert gazetteer().resolve("Xanadu Atlantis") == []


def test_the_gazetteer_has_the_world_with_its_sources_credited():
    g = gazetteer()
    kinds = {}
    for p in g.places:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    assert kinds["country"] == 250 and kinds["town"] == 220 and kinds["division"] > 3000 and kinds["city"] > 30000
    aleppo = g.by_id("170063")
    assert (aleppo.kind, aleppo.country, aleppo.geonames, round(aleppo.lat, 2), round(aleppo.lon, 2)) == (
        "city", "SY", 170063, 36.2, 37.16)
    assert "Halab" in aleppo.others and "ALP" not in aleppo.spellings and "Berea" not in aleppo.spellings
    assert "Berea" in aleppo.typed and "ALP" not in aleppo.typed  # typed, it still means Aleppo; a code means nothing
    assert [p.name for p in g.resolve("حلب")] == ["Aleppo"]
    assert [p.name for p in g.resolve("حَلَب")] == ["Aleppo"]  # vowel signs do not matter
    import gzip

    from corpus_cli.language.gazetteer import DATA

    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        head = "".join(f.readline() for _ in range(8))
    assert "GeoNames" in head and "CC BY 4.0" in head


def test_the_stored_keys_are_the_keys_of_today():
    """The gazetteer file holds each name's keys as the code made them: a change of the
    transliteration key or of folding without a new file would lose names. Checked for the
    Syrian places (keyed by transliteration) and every 500th other place."""
    from corpus_cli.language.gazetteer import by_translit, name_keys

    g = gazetteer()
    for p in g.places:
        if p.country == "SY" or p.row % 500 == 0:
            for name in p.spellings:
                assert any(g.latin(k) for k in name_keys(name, by_translit(p.kind, p.country))), (p, name)


def test_a_village_is_named_only_where_the_text_says_it_is_a_place():
    assert gazetteer().by_id("167408").minor and not gazetteer().by_id("170063").minor
    assert [m.place.name for m in find("Haitham Maleh said that Russia lies")] == ["Russia"]  # Maleh is a person
    assert [m.place.name for m in find("Shelling hit the village of Mallah and Aleppo")] == ["Malah", "Aleppo"]
    assert [m.place.name for m in find("Aleppo is shelled")] == ["Aleppo"]  # a city needs no such word


@pytest.mark.parametrize("text, expected", [
    ("Paris Hilton visited Paris last week.", ["FR"]),  # a person's name, then the city
    ("Michael Jordan and King Abdullah of Jordan met in Amman, Jordan.", ["JO", "JO", "JO"]),
    ("Georgia Senators Johnny Isakson and Saxby Chambliss praised Atlanta.", ["US", "US"]),  # the state, by Atlanta
    ("The war in Georgia and Ukraine.", ["GE", "UA"]),
    ("Steve Israel said Israel must act.", ["IL"]),
    ("President Washington crossed to Washington, D.C. from Mobile, Alabama.", ["US", "US", "US"]),
    ("Reading the report, he flew to Reading and on to Colombo.", ["LK"]),  # to is no word of place
    ("Warren said Turkey is a NATO ally. A turkey dinner in Nice.", ["TR", "FR"]),
    ("The Obama administration said so.", []),  # a town of Japan, but not in a document about Japan
    ("In March 2019 the Center for Disease Control met at Stanford University.", []),
    # a treaty named after a city is not the city; a forum held there and the city itself are
    ("The Geneva Conventions and the Paris Agreement bind us; we met in Geneva.", ["CH"]),
    # a comma or a dash between two names: not one longer name
    ("Students of Mahanama College, Kandy visited Viharamahadevi Park, Colombo.", ["LK", "LK"]),
    ("The Galagedara–Kandy expressway.", ["LK"]),
    # a title before a comma is not the name's: "as president, Afghanistan had…"
    ("When I came to office as president, Afghanistan had replaced Vietnam.", ["AF", "VN"]),
    # a capital or a city of a million after another capitalised word ("Award Chicago, IL")
    ("The Teacher of the Year Award Chicago, IL today.", ["US"]),
    # a sea, a lake, a region of the world, a title and a word are no places
    ("Ships in the South China Sea and the Lake Chad region; Chad and Niger met.", ["TD", "NE"]),
    ("A zone free of weapons in the Middle East region.", []),
    ("The Commonwealth of Independent States met. Progress will not be possible.", []),
    # a county, a valley, a division's name inside another name, a title and a given name before a name
    ("Rep. Lieu (D-Los Angeles County) and the San Joaquin Valley; the Great Lakes Restoration.", []),
    ("The Senate will not hold hearings on Judge Merrick Garland.", []),
    ("Latin America and Central America; in March; the Istanbul Plan of Action.", []),
    ("Kuwaiti Prime Minister Sheikh Ahmed Abdullah Al Ahmad Al Sabah met America’s envoy.", ["US"]),
])
def test_names_that_are_words_or_people_need_evidence(text, expected):
    assert [m.place.country for m in find(text)] == expected


def test_the_kinds_of_a_name_go_to_the_place_the_document_is_about():
    assert [(m.place.id, m.place.kind) for m in find("Georgia Senators praised Atlanta.")] == [
        ("US-GA", "division"), ("4180439", "city")]
    assert [(m.place.id, m.place.kind) for m in find("Tbilisi, the capital of Georgia.")] == [
        ("611717", "city"), ("GE", "country")]
    assert [m.place.id for m in find("The U.S. and the UK, Viet Nam and Côte d'Ivoire.")] == ["US", "GB", "VN", "CI"]


def test_places_command_and_filters(invoke, corpus):
    r = invoke("places")
    assert r.stdout.splitlines()[:3] == [
        "Russia             country   RU  4  18  2016-01-02  2020-01-31  RU",
        "Syria              country   SY  4  14  2016-01-02  2020-01-31  SY",
        "Aleppo             city      SY  3  8   2016-12-09  2020-01-31  170063",
    ]
    data = json.loads(invoke("places", "--json").stdout)
    assert [(p["name"], p["documents"], p["statements"]) for p in data][-3:] == [
        ("Daraa Governorate", 1, 1), ("Iran", 1, 1), ("Maarrat an Numan", 1, 1)]
    assert data[2] == {"name": "Aleppo", "kind": "city", "documents": 3, "statements": 8, "first_date": "2016-12-09",
                       "last_date": "2020-01-31", "id": "170063", "country": "SY", "latitude": 36.2012,
                       "longitude": 37.1612, "geonames_id": 170063}
    assert [p["name"] for p in json.loads(invoke("places", "--kind", "country", "--json").stdout)] == [
        "Russia", "Syria", "Iran"]
    assert [p["name"] for p in json.loads(invoke("places", "--country", "ru", "--json").stdout)] == ["Russia", "Moscow"]
    assert [d.id[:3] for d in corpus.list(place="Idleb")] == ["003", "004"]
    assert [(h.document.id[:3], h.statement.index) for h in corpus.search("Assad", place="Deraa")] == [
        ("000", 3), ("000", 7), ("000", 4),
    ]
    r = invoke("list", "--place", "Xanadu Atlantis")
    assert r.exit_code == 2 and r.stderr == "corpus: error: no place called 'Xanadu Atlantis' in the gazetteer; see corpus places\n"
    with pytest.raises(UsageError):
        corpus.list(place="Xanadu Atlantis")


def test_geojson_is_a_feature_collection_of_points(invoke):
    r = invoke("places", "--country", "SY", "--format", "geojson")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 9
    first = data["features"][0]
    assert first == {"type": "Feature", "id": "SY", "geometry": {"type": "Point", "coordinates": [38.0, 35.0]},
                     "properties": {"name": "Syria", "kind": "country", "documents": 4, "statements": 14,
                                    "first_date": "2016-01-02", "last_date": "2020-01-31", "id": "SY", "country": "SY",
                                    "geonames_id": 163843}}
    r = invoke("list", "--format", "geojson")
    assert r.exit_code == 2 and "geojson" in r.stderr


def test_a_demonym_is_not_the_place_but_may_be_asked_for(corpus, invoke):
    assert [d.id[:3] for d in corpus.list(place="Iran")] == ["004"]
    from corpus_cli.api import Filters

    with_people = [d.id[:3] for d in corpus.list(Filters.of(place="Iran", demonyms=True))]
    assert with_people == ["000", "002", "001", "004"]  # "Iranian militias"
    assert [d.id[:3] for d in corpus.list(place="Iranians")] == with_people  # a demonym typed: its country and people
    r = invoke("list", "--demonyms")
    assert r.exit_code == 2 and "--demonyms goes with --place" in r.stderr


def test_acronyms_and_weak_words_are_not_places():
    assert [m.place for m in find("We sent a letter seeking an increase in DERA funds.")] == []
    assert [m.place for m in find("the benefits of DERA’s investments and AFIS records")] == []
    assert [m.place for m in find("Nominations can be sent to Mary Hovagimian")] == []  # not the village of Mari
    assert [m.place.name for m in find("Shelling near Mari and in Tremseh")] == ["Mari", "Tremseh"]
    assert [m.place for m in find("the Upasampada Vinaya Karma ceremony")] == []  # Al Karmah is another name


@pytest.fixture
def aleppo_folder(tmp_path, monkeypatch):
    """A folder of one document that names Aleppo, indexed in a cache of the test's own."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "2020-01-02_a.txt").write_text("Title\n\nShelling hit Aleppo on Monday.\n", encoding="utf-8")
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path / "cache"))
    return folder


def test_places_found_by_another_gazetteer_are_found_again(aleppo_folder):
    import sqlite3

    from corpus_cli.api import Corpus

    folder = aleppo_folder
    corpus = Corpus.open(folder)
    assert [h.places for h in corpus.search("Aleppo")] == [["Aleppo"]]
    assert [p.name for p in corpus.places()] == ["Aleppo"]  # found for the whole database, and kept
    corpus.close()
    db = sqlite3.connect(corpus.report.database)
    with db:
        assert db.execute("UPDATE mentions SET place = 'SY'").rowcount == 1
        db.execute("UPDATE meta SET value = 'an older gazetteer' WHERE key = 'places'")
    db.close()
    again = Corpus.open(folder)
    assert [p.name for p in again.places()] == ["Aleppo"]
    again.close()
    db = sqlite3.connect(again.report.database)
    assert db.execute("SELECT place FROM mentions").fetchall() == [("170063",)]
    assert db.execute("SELECT value FROM meta WHERE key = 'places'").fetchone()[0] != "an older gazetteer"


def test_the_listing_kept_for_a_warm_places_follows_every_update(aleppo_folder):
    from corpus_cli.api import Corpus

    folder = aleppo_folder
    first = Corpus.open(folder)
    assert [(p.name, p.documents) for p in first.places()] == [("Aleppo", 1)]
    first.close()
    warm = Corpus.open(folder)
    assert warm.index.place_totals() == [["170063", 1, 1, "2020-01-02", "2020-01-02"]]  # kept for the next run
    warm.close()
    (folder / "2021-03-04_b.txt").write_text("Title\n\nTalks in Geneva on Aleppo.\n", encoding="utf-8")
    again = Corpus.open(folder)
    assert [(p.name, p.documents, p.first_date, p.last_date) for p in again.places()] == [
        ("Aleppo", 2, "2020-01-02", "2021-03-04"), ("Geneva", 1, "2021-03-04", "2021-03-04")]
    assert [p.name for p in again.places(since="2021")] == ["Aleppo", "Geneva"]
    assert [p.name for p in again.places(name="Geneva")] == ["Geneva"]
    again.close()
