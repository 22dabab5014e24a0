"""Places named in text: the gazetteer's names (:mod:`corpus_cli.language.gazetteer`) where the
words around say they are places (in Arabic script: :mod:`corpus_cli.language.arabic_places`).

A Latin name is met word by word from a capitalised word (articles skipped: Deir ez-Zor), by
its words folded (by their transliteration keys for Syria's places: Idleb, Idlib). Evidence:

- never after a title or a given name ("President Washington", "Steve Israel"), never a lone
  word in capitals the gazetteer does not write so (AFIS, DERA), and a city's one-word name
  after another capitalised word ("Pradeshiya Sabha") only in a document about its country;
- a spelling that is also a word or a person's name (Jordan, Georgia, Chad, Reading, Mobile,
  Nice, Center, Paris) is not a place before a capitalised word ("Paris Hilton", "Chad
  Johnson"), and but for a country not before an attribution verb or a number ("Warren said",
  "March 2019"); without a word of place before it ("in", "near", "the city of": see
  :mod:`corpus_cli.language.place_words`) it is a place only as a country, a capital, a city of a million people,
  or a division of the document's own country;
- a town under 15,000 people and another name (Bombay, Halab) need a word of place; a city of
  one word under 100,000 people needs one, or a document about its country (Obama, Japan, is
  not the Obama administration), or a comma and the place that holds it ("Mobile, Alabama");
- a city's name before a word of a treaty or a plan ("the Geneva Conventions", "the Paris
  Agreement", "the Istanbul Plan of Action"), County or Valley is not the city; a name beside
  Sea or Lake is no place ("the South China Sea", "Lake Chad"), nor a country's after Latin,
  North, Central… ("Latin America"), nor a month's ("in March");
- a name a document has taken for a person's is a person's in the rest of it, but for big places.

A name of several places goes to the document's own country's division (Georgia beside Atlanta
is the US state), else the country, else the biggest city (a capital counts ten times, a city of
the document's country three hundred times). A demonym is not the place."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple

from corpus_cli.language.arabic import is_arabic
from corpus_cli.language.arabic_places import arabic_names_in
from corpus_cli.language.articles import ARTICLES
from corpus_cli.language.gazetteer import EVIDENCE, OTHER, SPELLING, Gazetteer, Place, gazetteer, word_keys
from corpus_cli.language.place_words import DIRECTIONS, Found, context
from corpus_cli.language.text import WORD, fold, is_acronym

LONGEST = 6  # words in the longest name looked for
# A new value whenever the gazetteer or the rules below change: an index finds its places again.
PLACES_VERSION = "world-9"
BIG_CITY = 1_000_000  # people: a city this big is its name's usual meaning
SMALL_CITY = 100_000  # people: a city of one word and fewer people is named only in a document about its country
_GAP = re.compile(r"[\s\-.,’']{1,3}")  # what may stand between two words of a name (Washington, D.C.)
_NEXT_WORD = re.compile(rf"{_GAP.pattern}({WORD.pattern})")
_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper()) + "".join(
    chr(c) for c in range(0x1E00, 0x1F00) if chr(c).isupper())
# a word (as WORD) that starts with a capital letter
_CAPITALISED_WORD = re.compile(rf"(?<![^\W_])(?=[{_UPPER}]){WORD.pattern}")
_CAPITAL = re.compile(f"[{_UPPER}]")


class Mention(NamedTuple):
    place: Place
    start: int
    end: int
    text: str


_fold = lru_cache(maxsize=1 << 16)(fold)


@lru_cache(maxsize=1 << 16)
def _forms(word: str) -> tuple[str, ...]:
    """The forms a text word is looked up by: folded, and its transliteration keys."""
    folded = _fold(word)
    return tuple(dict.fromkeys((folded, *word_keys(word))))


def find(text: str, gaz: Gazetteer | None = None) -> list[Mention]:
    """The places named in one text, in order (a document's units: :func:`find_in_units`)."""
    return find_in_units([text], gaz)[0]


def find_in_units(units: list[str], gaz: Gazetteer | None = None) -> list[list[Mention]]:
    """The places each unit of a document names, in order; the document decides between places of
    one name and takes a name it has seen as a person's for a person's (see the module's docstring)."""
    gaz = gaz or gazetteer()
    found: list[Found] = []
    for n, text in enumerate(units):
        if is_arabic(text):
            found += [Found(n, start, end, entries, True, False, False, 0, False, key, text[start:end])
                      for start, end, entries, key in arabic_names_in(gaz, text)]
            if not _CAPITAL.search(text):
                continue
        found += _latin_in(gaz, n, text)
    people = {f.key for f in found if f.person}
    chosen = _choose(gaz, found, people)
    out: list[list[Mention]] = [[] for _ in units]
    for f, place in chosen:
        out[f.unit].append(Mention(place, f.start, f.end, units[f.unit][f.start:f.end]))
    for mentions in out:
        mentions.sort(key=lambda m: m.start)
    return out


def _latin_in(gaz: Gazetteer, unit: int, text: str) -> list[Found]:
    """The names met in Latin letters in ``text``, with what the words around them say."""
    found = []
    skip_to = 0
    starters = gaz.memo("starters")
    for m in _CAPITALISED_WORD.finditer(text):
        if m.start() < skip_to:
            continue
        word = m.group()
        first = starters.get(word)
        if first is None:
            first = starters[word] = _starting(gaz, word)
        if not first:
            continue
        prefixes, whole, then = first
        nxt = _NEXT_WORD.match(text, m.end())
        goes_on = nxt is not None and (_fold(nxt.group(1)) in then or _forms_in(nxt.group(1), then))
        if goes_on:
            hit = _longest(gaz, text, m.end(), prefixes)
        elif whole:
            hit = (m.end(), whole, prefixes[0][0])
        else:
            continue
        if hit is None:
            continue
        end, entries, key = hit
        if " " not in key and is_acronym(word) and not _written_in_capitals(gaz, entries, word):
            continue  # AFIS, DERA’s: an acronym, not the town of Afis or Daraa
        skip_to = end
        found.append(context(unit, text, m.start(), end, entries, key))
    return found


def _starting(gaz: Gazetteer, word: str) -> tuple:
    """() when a capitalised word starts no name (or is an article), else (the forms of it that
    start a name, each with whether it is the word folded rather than its transliteration key;
    whether one is a whole name; the words that may come next in longer names, and articles)."""
    folded = _fold(word)
    if folded in ARTICLES:
        return ()
    prefixes = tuple((f, f == folded) for f in _forms(word) if gaz.starts(f))
    if not prefixes:
        return ()
    whole = _entries(gaz, prefixes)
    then = frozenset().union(*(gaz.next_words(f) for f, _ in prefixes))
    return prefixes, whole, then | ARTICLES if then else then


def _entries(gaz: Gazetteer, prefixes: tuple) -> tuple:
    """(row, flags) of the names whose key is one of ``prefixes`` (a world city's only by the words folded)."""
    entries_of = gaz.memo("entries")
    entries = entries_of.get(prefixes)
    if entries is None:
        entries = entries_of[prefixes] = tuple(dict.fromkeys(
            (row, flags) for p, plain in prefixes for row, flags in gaz.latin(p) if plain or gaz.place(row).translit))
    return entries


def _forms_in(word: str, words: frozenset[str]) -> bool:
    return any(f in words for f in _forms(word))


def _longest(gaz: Gazetteer, text: str, end: int, prefixes: tuple) -> tuple[int, tuple, str] | None:
    """The longest name starting with the word that ends at ``end`` (``prefixes``: its forms that
    start a name): (its end, its entries, its key).

    Names of Syria's places meet the text through the words' keys; the rest of the world's
    through the words folded (see :func:`corpus_cli.language.gazetteer.by_translit`)."""
    best = None
    words = 1
    longer_of = gaz.memo("longer")
    while True:
        entries = _entries(gaz, prefixes)
        if entries:
            best = (end, entries, prefixes[0][0])
        if words == LONGEST:
            break
        nxt = _next_word(text, end)
        if nxt is not None and _fold(nxt.group()) in ARTICLES:  # Deir ez-Zor, Jisr al-Shughur
            nxt = _next_word(text, nxt.end())
        if nxt is None:
            break
        step = (prefixes, nxt.group())
        longer = longer_of.get(step)
        if longer is None:
            longer = longer_of[step] = _extend(gaz, prefixes, nxt.group())
        if not longer:
            break
        prefixes = longer
        end = nxt.end()
        words += 1
    return best


def _extend(gaz: Gazetteer, prefixes: tuple, word: str) -> tuple:
    """The prefixes that go on with ``word`` and still start some name."""
    folded = _fold(word)
    out: dict[str, bool] = {}
    for p, plain in prefixes:
        if not gaz.goes_on(p):
            continue
        for f in _forms(word):
            q = f"{p} {f}"
            if gaz.starts(q):
                out[q] = out.get(q, False) or (plain and f == folded)
    return tuple(out.items())


def _next_word(text: str, end: int):
    gap = _GAP.match(text, end)
    if gap is None:
        return None
    return WORD.match(text, gap.end())


def _written_in_capitals(gaz: Gazetteer, entries, word: str) -> bool:
    """Whether one of the places has the word, as written, among its spellings (UK, UAE, DPRK)."""
    return any(word in gaz.place(row).spellings for row, _ in entries)


# --- the document decides ----------------------------------------------------------------------


YES, HOME, NO = 2, 1, 0


def _allowed(gaz: Gazetteer, f: Found, row: int, flags: str, people: set[str], ambiguous: bool) -> int:
    """Whether the words around a name allow it to be this place: YES, NO, or HOME (a small city
    of one word, allowed in a document about its country); ``ambiguous``: the name as written is
    a word or a person's name for one of its places, so for all ("Progress", a division and a
    city). See the module's docstring."""
    if SPELLING not in flags and OTHER not in flags and flags not in ("", EVIDENCE):
        return NO  # a name only typed, or a demonym
    if f.person and not f.after_place_word:
        return NO
    if flags in ("", EVIDENCE):  # Arabic: its evidence was weighed where it was found
        return YES
    place = gaz.place(row)
    if ambiguous and f.word_like > (place.kind == "country"):  # "Chad Johnson"; but "China said"
        return NO
    if f.word_like == 4 or (f.word_like in (3, 5) and place.kind in ("city", "town")) or (
            f.word_like == 6 and place.kind == "country"):
        return NO  # "the Geneva Conventions", "the Paris Agreement": a treaty named after a city; a sea, a lake
    if f.in_name and f.key.split()[0] in DIRECTIONS:
        return NO  # "the Middle East region" is not the East region of Burkina Faso
    if f.after_place_word:
        return YES
    if OTHER in flags or place.minor:
        return NO
    if ambiguous:  # a word or a person's name: a country, the document's own division, a capital or a big city
        if place.kind == "division":
            return HOME
        return YES if place.kind == "country" or place.capital or place.population >= BIG_CITY else NO
    if place.kind == "division" and f.in_name and " " not in f.key:
        return HOME  # "the Great Lakes Restoration Initiative" is no division of South Sudan
    if place.kind in ("country", "division") or " " in f.key:
        return YES
    if place.capital or place.population >= BIG_CITY:
        return YES
    if f.in_name:
        return HOME
    if f.key in people:
        return NO  # a document that has named this person names the person again
    return YES if place.population >= SMALL_CITY else HOME


def _ambiguous(place: Place, written: str) -> bool:
    """Whether the name as written is one of the place's spellings that are also a word or a
    person's name (Jordan, Reading; Dara, not Dara’a)."""
    return bool(place.ambiguous) and _fold(written) in {_fold(a) for a in place.ambiguous}


def _choose(gaz: Gazetteer, found: list[Found], people: set[str]) -> list[tuple[Found, Place]]:
    """Each name's place, where the words around allow one; a name of several places goes to the
    one the document is most likely about (see the module's docstring)."""
    judged = []
    for i, f in enumerate(found):
        ambiguous = any(_ambiguous(gaz.place(row), f.text) for row, _ in f.entries)
        verdicts = {row: _allowed(gaz, f, row, flags, people, ambiguous) for row, flags in f.entries}
        if not any(verdicts.values()):
            verdicts = dict.fromkeys(_held_by_next(gaz, found, i), YES)
        judged.append((f, verdicts))
    # the document's country: where its names of one country only (among the places they may be in text) are
    home = _home(gaz, [[r for r, v in verdicts.items() if v == YES] for f, verdicts in judged
                       if len({gaz.place(r).country for r, flags in f.entries if SPELLING in flags or OTHER in flags}) == 1])
    chosen = []
    for f, verdicts in judged:
        rows = [r for r, v in verdicts.items() if v == YES or (v == HOME and gaz.place(r).country == home)]
        if rows:
            chosen.append((f, max((gaz.place(r) for r in rows), key=lambda p: _weight(p, home))))
    return chosen


def _held_by_next(gaz: Gazetteer, found: list[Found], i: int) -> list[int]:
    """"Mobile, Alabama": the places of a name followed by a comma and a country or division
    that holds them (the name's own spellings and other names only, and not a person's)."""
    f = found[i]
    if not f.comma_after or f.person or i + 1 >= len(found) or found[i + 1].unit != f.unit or found[i + 1].start != f.end + 2:
        return []
    holders = {gaz.place(r).country for r, _ in found[i + 1].entries if gaz.place(r).kind in ("country", "division")}
    return [row for row, flags in f.entries if (SPELLING in flags or OTHER in flags) and gaz.place(row).country in holders]


def _home(gaz: Gazetteer, allowed: list[list[int]]) -> str | None:
    """The country most of a document's places are in (names of one country only), if one is."""
    counts: dict[str, int] = {}
    for rows in allowed:
        if not rows:
            continue
        countries = {gaz.place(r).country for r in rows}
        if len(countries) == 1:
            (country,) = countries
            counts[country] = counts.get(country, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None


def _weight(place: Place, home: str | None) -> float:
    if place.kind == "division":
        return 11.0 if place.country == home else 5.0
    if place.kind == "country":
        return 10.0
    return math.log10(max(place.population, 1000)) + (1.0 if place.capital else 0.0) + (2.5 if place.country == home else 0.0)


def unit_places(title: str, statements: list[str]) -> list[list[str]]:
    """The names of the places a document's title and each of its statements name, each once, in
    order: as the index finds them when it reads the document (the same units, the same choices)."""
    return [list(dict.fromkeys(m.place.name for m in here)) for here in find_in_units([title, *statements])]


def places_in(text: str) -> list[str]:
    """The names of the places in ``text``, each once, in order of first mention."""
    return list(dict.fromkeys(m.place.name for m in find(text)))
