"""Speakers: who the text quotes, with roles, on the bundled corpus and on made-up lines."""

import json

import pytest

from corpus_cli.api import Corpus
from corpus_cli.language.speakers import Speaker, name_matches, speakers_of


def test_the_four_speakers_of_the_bundled_corpus(corpus):
    assert [tuple(s) for s in corpus.speakers()] == [
        ("Yasser Farhan", ["Member of the Coalition’s political committee"], 1, 6, "2017-09-27", "2017-09-27", []),
        ("Haitham Maleh", ["Head of the Coalition’s legal committee"], 1, 4, "2016-12-09", "2016-12-09", []),
        ("Osama Taljou", ["a member of the Coalition"], 1, 3, "2016-12-09", "2016-12-09", []),
        ("Kifah Murad", ["Member of the Syrian Coalition"], 1, 2, "2016-12-09", "2016-12-09", []),
    ]


def test_statements_are_credited_through_surnames_and_pronouns(corpus):
    assert corpus.show("001").speakers == [
        Speaker("Yasser Farhan", "Member of the Coalition’s political committee", (6, 7, 8, 9, 10, 11))
    ]
    assert corpus.show("002").speakers == [
        Speaker("Osama Taljou", "a member of the Coalition", (1, 2, 3)),
        Speaker("Haitham Maleh", "Head of the Coalition’s legal committee", (4, 5, 6, 7)),
        Speaker("Kifah Murad", "Member of the Syrian Coalition", (8, 9)),
    ]
    assert corpus.show("000").speakers == []


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["Senator Jane Doe said the bill passed."], [Speaker("Jane Doe", "Senator", (0,))]),
        (["The United Nations said nothing.", "The Syrian Coalition stressed it."], []),
        (["Ahmad Ramadan, head of the media office, said so.", "Ramadan added more."],
         [Speaker("Ahmad Ramadan", "head of the media office", (0, 1))]),
        (["“We stay,” Maleh said."], [Speaker("Maleh", None, (0,))]),  # a surname after a quotation
        (["The Clean Water Act said otherwise.", "The Republican Conference stated it.", "On Monday said nothing."], []),
        (["“We act,” said Rep. Ted W. Lieu (D-CA).", "Lieu added more."], [Speaker("Ted Lieu", "Rep.", (0, 1))]),
        (["South Carolina Governor Nikki Haley stated it."], [Speaker("Nikki Haley", "Governor", (0,))]),
        (["Congressman Al Green (D-TX) said so."], [Speaker("Al Green", "Congressman", (0,))]),
    ],
)
def test_patterns(lines, expected):
    assert speakers_of(lines) == expected


def test_names_match_like_search_terms():
    assert name_matches("Haytham Maleh", "Haitham Maleh")
    assert name_matches("farhan", "Yasser Farhan")
    assert not name_matches("Farhan Maleh", "Yasser Farhan")
    assert not name_matches("", "Yasser Farhan")


def test_speaker_filters_and_fields(invoke, corpus):
    assert [d.id[:3] for d in corpus.list(speaker="Farhan")] == ["001"]
    assert [(h.document.id[:3], h.statement.index) for h in corpus.search("Russia", speaker="Haytham Maleh")] == [
        ("002", 6), ("002", 4), ("002", 5), ("002", 7),
    ]
    hit = json.loads(invoke("search", "Moscow", "--json").stdout)[0]
    assert (hit["id"][:3], hit["statement_index"], hit["speakers"]) == ("002", 5, ["Haitham Maleh"])
    r = invoke("speakers")
    assert r.stdout.splitlines()[0] == "Yasser Farhan  1  6  2017-09-27  2017-09-27  Member of the Coalition’s political committee  -"
    doc = json.loads(invoke("show", "002", "--json").stdout)[0]
    assert [s["name"] for s in doc["speakers"]] == ["Osama Taljou", "Haitham Maleh", "Kifah Murad"]
    assert doc["statements"][9]["speakers"] == ["Kifah Murad"]


def test_words_that_are_not_names():
    assert speakers_of(["As I’ve said many times, the bill is good.", "Today We announced nothing."]) == []


def test_a_mapped_author_is_credited_with_what_no_one_else_said(tmp_path, invoke):
    (tmp_path / "releases.tsv").write_text(
        "member\tdate\ttext\n"
        "ted_lieu\t05.18.18\tThe letter went out today. “We need answers,” said Dr. Jane Roe. It asks three questions.\n",
        encoding="utf-8",
    )
    corpus = Corpus.open(tmp_path, cache=False, fields={"speaker": "member"})
    (doc,) = corpus.documents
    assert doc.speakers == [Speaker("Jane Roe", "Dr.", (1,)), Speaker("Ted Lieu", "author", (0, 2))]
    folder = tmp_path / "rob_bishop"
    folder.mkdir()
    (folder / "2019-07-05_1.txt").write_text("The Committee on Natural Resources said it would act. The bill passed.\n", encoding="utf-8")
    r = invoke("speakers", "--data", str(folder.parent), "--field", "speaker=@folder", "--field", "speaker=member")
    assert r.exit_code == 2 and "speaker is given twice (@folder and member)" in r.stderr  # one field, one column
    r = invoke("speakers", "--data", str(folder), "--field", "speaker=@folder")
    assert r.stdout.splitlines() == ["Rob Bishop  1  2  2019-07-05  2019-07-05  author  -"]
    assert [d.id for d in Corpus.open(folder, cache=False, fields={"speaker": "@folder"}).list(speaker="Bishop")] == ["2019-07-05_1"]


@pytest.mark.parametrize(
    "lines, expected",
    [
        # a country is no one, whatever the verb
        (["San Marino said the vote was fair.", "Viet Nam stressed the point."], []),
        # titles go to the role, the name is the person's
        (["Comrade Kim Jong Un said the plan worked."], [Speaker("Kim Jong Un", "Comrade", (0,))]),
        (["His Excellency Antonio Guterres said the war must end."],
         [Speaker("Antonio Guterres", "His Excellency", (0,))]),
        (["Pope Francis said peace is possible."], [Speaker("Pope Francis", "Pope", (0,))]),
        # a name written twice, a party tag after it
        (["Barack Obama Barack Obama said so."], [Speaker("Barack Obama", None, (0,))]),
        (["“We act,” said Mike Enzi R Wyo."], [Speaker("Mike Enzi", None, (0,))]),
    ],
)
def test_speakers_are_people(lines, expected):
    assert speakers_of(lines) == expected


def test_a_role_is_an_office_not_a_sentence():
    from corpus_cli.language.people import clean_role

    assert clean_role("Secretary of State") == "Secretary of State"
    assert clean_role("a member of the Coalition,") == "a member of the Coalition"
    assert clean_role("President Erdogan say last week that there would perhaps be peace") is None
    assert clean_role("Chairman and Ranking Member of the Senate Finance Committee, Senators Charles Grassley") is None
    assert clean_role("the senior Senator (R-IA)") is None
    assert clean_role("As Secretary-General") == "Secretary-General"
    assert clean_role("Yesterday Congressman") == "Congressman"
    assert clean_role("Advancement Program Congressman") == "Congressman"
    assert clean_role("Texas Congressman") == "Texas Congressman"
    assert clean_role("Trade Subcommittee Chairman") == "Trade Subcommittee Chairman"
    assert clean_role("Leader Nancy Pelosi") is None
    assert clean_role("President Bush’s 2007 budget proposal tomorrow") is None
    assert clean_role("President’s announcement") is None
    assert clean_role("a man of eternal forgiveness") is None
    assert clean_role("Chairman of the 113th Congress") == "Chairman of the 113th Congress"


def test_a_role_that_runs_into_the_name():
    assert speakers_of(["Minister of Environment Dammika Patabendi stated that the plan works."]) == [
        Speaker("Dammika Patabendi", "Minister of Environment", (0,))]
    assert speakers_of(["Senior Additional Secretary to the President Kapila Janaka Bandara emphasized it."]) == [
        Speaker("Kapila Janaka Bandara", "Secretary to the President", (0,))]
    assert speakers_of(["The President, recalling the history of the Upasampada Vinaya Karma, a major ceremony, stated it."]) == []


def test_a_surname_spelt_another_way_and_two_surnames_join_the_person(tmp_path):
    (tmp_path / "2025-01-02_a.txt").write_text(
        "Visit\n\nPresident Anura Kumara Dissanayake said the visit went well. President Disanayake added a date.\n"
        "Commander Hugo Chavez said it. “We stay,” said Commander Chavez Frias.\n", encoding="utf-8")
    (tmp_path / "2025-02-03_b.txt").write_text(
        "Talks\n\nPresident Nelson Mandela said it. Comandante Fidel Castro said it. Fidel Castro Ruz stressed it. "
        "“Not yet,” said Castro Ruz. Henry Cuellar said it. Henry Cuellar Two said it.\n",
        encoding="utf-8")
    found = Corpus.open(tmp_path, cache=False).speakers()
    assert [(s.name, s.statements, s.aliases) for s in found] == [
        ("Fidel Castro Ruz", 3, ["Fidel Castro", "Castro Ruz"]),
        ("Anura Kumara Dissanayake", 2, ["Disanayake"]),
        ("Chavez Frias", 2, ["Hugo Chavez"]),
        ("Henry Cuellar", 1, []),
        ("Henry Cuellar Two", 1, []),
        ("Nelson Mandela", 1, []),
    ]


def test_one_person_written_several_ways_is_one_speaker(tmp_path):
    (tmp_path / "2019-01-02_a.txt").write_text(
        "Talks\n\nSecretary-General António Guterres said the talks would go on. Guterres added a date.\n", encoding="utf-8")
    (tmp_path / "2019-03-04_b.txt").write_text(
        "Aid\n\nSecretary-General Antonio Guterres said aid would come.\n", encoding="utf-8")
    (tmp_path / "2019-05-06_c.txt").write_text(
        "Peace\n\n“We will not stop,” said Secretary-General Guterres.\n", encoding="utf-8")
    found = Corpus.open(tmp_path, cache=False).speakers()
    assert [(s.name, s.documents, s.statements, s.first_date, s.last_date, s.aliases) for s in found] == [
        ("António Guterres", 3, 4, "2019-01-02", "2019-05-06", ["Antonio Guterres", "Guterres"]),
    ]
    assert found[0].roles == ["Secretary-General"]
