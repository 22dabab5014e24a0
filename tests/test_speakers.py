"""Speakers: who the text quotes, with roles, on the bundled corpus and on made-up lines."""

import json

import pytest

from corpus_cli.speakers import Speaker, name_matches, speakers_of


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
        (["“We stay,” Maleh said."], []),
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
