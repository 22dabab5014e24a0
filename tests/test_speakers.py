"""Speakers: who the text quotes, with roles, on the bundled corpus and on made-up lines."""

import json

import pytest

from corpus_cli.api import Corpus
from corpus_cli.language.speakers import Speaker, name_matches, speakers_of


def test_the_four_speakers_of_the_bundled_corpus(corpus):
    assert [tuple(s) for s in corpus.speakers()] == [
        ("Yasser Farhan", ["Member of the Coalition’s political committee"], 1, 6, "2017-09-27", "2017-09-27"),
        ("Haitham Maleh", ["Head of the Coalition’s legal committee"], 1, 4, "2016-12-09", "2016-12-09"),
        ("Osama Taljou", ["a member of the Coalition"], 1, 3, "2016-12-09", "2016-12-09"),
        ("Kifah Murad", ["Member of the Syrian Coalition"], 1, 2, "2016-12-09", "2016-12-09"),
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
    assert r.stdout.splitlines()[0] == "Yasser Farhan  1  6  2017-09-27  2017-09-27  Member of the Coalition’s political committee"
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
    assert r.exit_code == 0
    r = invoke("speakers", "--data", str(folder), "--field", "speaker=@folder")
    assert r.stdout.splitlines() == ["Rob Bishop  1  2  2019-07-05  2019-07-05  author"]
    assert [d.id for d in Corpus.open(folder, cache=False, fields={"speaker": "@folder"}).list(speaker="Bishop")] == ["2019-07-05_1"]
