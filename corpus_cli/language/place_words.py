"""The words around a place's name and what they say of it (see :mod:`corpus_cli.language.places`)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from corpus_cli.language.articles import ARTICLES
from corpus_cli.language.people import TITLES, is_given_name, verb_words
from corpus_cli.language.text import WORD, fold

# Words after which a name is a place: prepositions of place and the nouns of settlements.
# Not "to", "at" or "from": a letter goes "to Mary", a statement comes "from" a person.
PREPOSITIONS = frozenset("in near into outside around towards toward across throughout inside".split())
SETTLEMENTS = frozenset("""village villages town towns city cities district subdistrict countryside region area camp
    outskirts state province governorate capital country nation island port""".split())
# Words after a city's name that make it a treaty's or a forum's name, not the city's ("Geneva Conventions")
INSTRUMENTS = frozenset("""agreement agreements accord accords convention conventions protocol protocols declaration
    principles club pact charter consensus statute treaty process call commitment commitments framework format plan
    programme program platform agenda action roadmap""".split())
MONTHS = frozenset("january february march april may june july august september october november december".split())
# Words after a city's name that make it the county's, the township's or the valley's of that name.
COUNTIES = frozenset("county counties parish parishes borough township valley".split())
# Words after a name that make it a sea's, a river's or a basin's ("the South China Sea"): not the place.
FEATURES = frozenset("sea ocean gulf strait straits river basin bay canal lake".split())
DIRECTIONS = frozenset("""north south east west northern southern eastern western central northeast northwest southeast
    southwest""".split())
# Words that may stand capitalised before a place's name at the start of a sentence or a title.
FUNCTION_WORDS = DIRECTIONS | frozenset("""the a an and but or at from to for with by on of as if when while after
    before since during under over between both all this that these those his her their our its my your also yet so
    then there here northeastern northwestern southeastern southwestern greater upper lower rural occupied downtown
    metropolitan""".split())  # and the words of direction that go before a place's name: "Eastern Aleppo", "Greater Colombo"

_fold = lru_cache(maxsize=1 << 16)(fold)
# Words after a name that belong to it or say what it is ("Idlib province", "Georgia Senators").
_NAME_GOES_ON = SETTLEMENTS | TITLES | frozenset("and or of the de".split())
_AFTER = re.compile(r"[ \t]*([^\W_][\w’'-]*)")  # the word right after a name, on its line


class Found(NamedTuple):
    """A name met in a unit, before the document decides: its places and what the words around say."""

    unit: int
    start: int
    end: int
    entries: tuple  # (row, flags) of the places it may be
    after_place_word: bool
    person: bool  # after a title or a given name
    in_name: bool  # after another capitalised word ("Pradeshiya Sabha", "Lok Sabha"): a city only of the document's country
    word_like: int  # 2 before a capitalised word, 1 before an attribution verb or a number: an ambiguous name is no place;
    # 3 before a treaty's word or County, 4 beside a sea's or a lake's, 5 in "the … of": no city; 6 after Latin: no country
    comma_after: bool  # "Mobile, Alabama"
    key: str
    text: str  # as written


def context(unit: int, text: str, start: int, end: int, entries: tuple, key: str) -> Found:
    """A name met in ``text``, with what the words before and after it say."""
    before = _words_before(text, start)
    last = before[-1] if before else ""
    # the word right before, with nothing but spaces (or a title's full stop) between: not "Park, Colombo",
    # "Galagedara–Kandy" (two names) or "as president, Afghanistan"; a person's after a title or a given
    # name, or a title and a given name ("Judge Merrick Garland")
    gap = text[max(0, start - 48):start].rstrip(" ")
    final = gap.rsplit(None, 1)[-1] if gap else ""
    if final and _fold(final) in ARTICLES:  # "Abdullah Al Ahmad": the article goes with the name
        gap = gap[:-len(final)].rstrip(" ")
    next_to = bool(last) and gap.removesuffix(".").endswith(last.rstrip("."))
    person = next_to and (_fold(last.rstrip(".")) in TITLES or (last[:1].isupper() and (
        is_given_name(last) or (len(before) > 1 and _fold(before[-2].rstrip(".")) in TITLES)) and not is_place_word(before)))
    in_name = next_to and last[:1].isupper() and _fold(last) not in FUNCTION_WORDS and _fold(last) not in PREPOSITIONS
    after = _AFTER.match(text, end)
    after = after.group(1) if after else ""
    word_like = 0  # "Paris Hilton": 2; "Warren said", "March 2019": 1; "Geneva Conventions": 3
    if after:
        word_like = 2 if after[:1].isupper() and _fold(after) not in _NAME_GOES_ON else int(
            after in verb_words() or after[:1].isdigit())
        if word_like == 2 and _fold(after) in INSTRUMENTS | COUNTIES:  # a treaty named after a city, a county
            word_like = 3
        elif word_like == 2 and _fold(after) in FEATURES:
            word_like = 4  # "the South China Sea"
        elif after == "of" and text[max(0, start - 5):start].lower().endswith("the "):
            word_like = 5  # "the Commonwealth of Independent States": a title, not the city of Commonwealth
    word_like = 4 if last in ("Lake", "Mount", "Mt") and next_to else word_like  # "Lake Chad"
    if next_to and last in ("Latin", "North", "South", "East", "West", "Central", "Middle"):
        word_like = 6  # "Latin America", "Central America": a region, not the country
    if _fold(text[start:end]) in MONTHS:  # "in March": the month
        word_like, before = max(word_like, 1), [w for w in before if _fold(w) not in PREPOSITIONS]
    return Found(unit, start, end, entries, is_place_word(before), person, in_name, word_like,
                  text.startswith(", ", end), key, text[start:end])


def _words_before(text: str, start: int) -> list[str]:
    """The last (up to three) words before ``start``, articles left out."""
    words = [w for w in WORD.findall(text, max(0, start - 48), start) if _fold(w) not in ARTICLES]
    return words[-3:]


def is_place_word(before: list[str]) -> bool:
    """Whether the words before a name say a place follows: a preposition of place ("in", "near"),
    a settlement ("village", "countryside"), or "of" after one ("the town of")."""
    if not before:
        return False
    last = _fold(before[-1])
    if last in PREPOSITIONS or (last in SETTLEMENTS and before[-1].islower()):  # not "Ohio State University"
        return True
    return last == "of" and len(before) >= 2 and _fold(before[-2]) in SETTLEMENTS
