"""A gold set of queries on the bundled corpus, each with the documents it must find.

Every expected set was checked by reading the five seed documents. The test
asserts precision and recall of 1.0 over the whole set, and names the query
that breaks it.
"""

import pytest

GOLD = [
    # spelling variants of place names
    ("Aleppo", {}, {"002", "003", "004"}),
    ("Alepo", {}, {"002", "003", "004"}),
    ("ALEPPO", {}, {"002", "003", "004"}),
    ("Deraa", {}, {"000"}),
    ("Daraa", {}, {"000"}),
    ("Dar'a", {}, {"000"}),
    ("Dara’a", {}, {"000"}),
    ("Idleb", {}, {"003", "004"}),
    ("Idlib", {}, {"003", "004"}),
    ("Hamah", {}, {"003"}),
    ('"Maarat al-Numan"', {}, {"004"}),
    ("Maarat Numan", {}, {"004"}),
    ("Alnuman", {}, {"004"}),
    ("Sheikh Miskin", {}, {"000"}),
    ("Sheikh Miskeen", {}, {"000"}),
    ("Shaykh Miskin", {}, {"000"}),
    # names of people and groups
    ("Hizbollah", {}, {"000"}),
    ("Hezbolla", {}, {"000"}),
    ("Asad", {}, {"000", "001", "002", "003", "004"}),
    ("Yaser Farhan", {}, {"001"}),
    ("Haytham Maleh", {}, {"002"}),
    ('"Osama Taljou"', {}, {"002"}),
    ("Kifah Murad", {}, {"002"}),
    ("Jub Aljalabi", {}, {"002"}),
    # typos
    ("Damscus", {}, {"002"}),
    ("hospitals", {}, {"001"}),
    # phrases
    ('"barrel bombs"', {}, {"000", "003"}),
    ('"cluster munitions"', {}, {"003"}),
    ('"Free Syrian Army"', {}, {"000"}),
    ('"Sheikh Saeed"', {}, {"002"}),
    ("resolution 2254", {}, {"000", "003"}),
    # fields
    ("title:Idlib", {}, {"004"}),
    ("title:Aleppo", {}, {"002"}),
    ("title:Idlib Aleppo", {}, {"004"}),
    ("title:Assad", {}, {"001", "003", "004"}),
    ('category:"press releases"', {}, {"003", "004"}),
    ('category:"coalition news" Assad', {}, {"000", "001", "002"}),
    ('source:"media office"', {}, {"002"}),
    ('source:"media department"', {}, {"001"}),
    ("id:003", {}, {"003"}),
    ("id:00 Aleppo", {}, {"002", "003", "004"}),
    # boolean
    ("Aleppo OR Hama", {}, {"002", "003", "004"}),
    ("Hama Idlib", {}, {"003"}),
    ("(Idlib OR Hama) -Aleppo", {}, {"003", "004"}),
    ("Misskin -Dara’a", {}, {"000"}),
    ("Moscow -Farhan", {}, {"002"}),
    ("Aleppo Idlib", {"any_word": True}, {"002", "003", "004"}),
    # options
    ("Aleppo", {"since": "2019"}, {"003", "004"}),
    ("Daraa", {"exact": True}, set()),
    ("Dara’a", {"exact": True}, {"000"}),
    # negatives: the corpus never names these, or spells them apart
    ("Homs", {}, set()),
    ("Raqqa", {}, set()),
    ("Kobani", {}, set()),
    ('"Deir ez-Zor"', {}, set()),
    ("Lattakia", {}, set()),
    ("alone", {}, set()),
    ("sleep", {}, set()),
    ('"Army Free Syrian"', {}, set()),
    ("title:Hama", {}, set()),
    ("Alepo", {"fuzziness": "0", "exact": True}, set()),
]


def found(corpus, query, options):
    return {h.document.id[:3] for h in corpus.search(query, **options)}


def test_gold_set_is_large_enough():
    assert len(GOLD) >= 40
    assert sum(1 for _, _, expected in GOLD if not expected) >= 10


def test_precision_and_recall_are_one(corpus):
    true_pos = false_pos = false_neg = 0
    wrong = []
    for query, options, expected in GOLD:
        got = found(corpus, query, options)
        true_pos += len(got & expected)
        false_pos += len(got - expected)
        false_neg += len(expected - got)
        if got != expected:
            wrong.append((query, options, sorted(got), sorted(expected)))
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    assert wrong == []
    assert (precision, recall) == (1.0, 1.0)


@pytest.mark.parametrize("query, options, expected", GOLD, ids=[g[0] + str(g[1] or "") for g in GOLD])
def test_gold_case(corpus, query, options, expected):
    assert found(corpus, query, options) == expected
