"""Syrian places in the text, in any of their Latin spellings and in Arabic script.

The gazetteer (``gazetteer.tsv``, made by ``scripts/make_gazetteer.py`` from
GeoNames, CC BY 4.0) lists cities and governorates with their spellings. A
spelling matches the text when its words meet the text's words one by one
through the transliteration key (so Idleb, Idlib and İdlib meet, and Jisr
al-Shughour and Jisr ash-Shughur); articles (al-, el-, ash-…) are skipped on
both sides, and a place must start with a capital letter in the text, so
that a word like "tell" is not Tell. (No typos: in English text they make
Gary of Qarah and Urban of Irbin.)

In Arabic script a name matches as the text folds it (:func:`corpus_cli.language.text.fold`)
with proclitics allowed on its first word (بحلب, وحلب). Arabic has no capitals to tell a name
from a word, and many places are named by words (الباب "the door", السلمية "the peaceful",
الثورة "the revolution", دوما "always"), so a name is a place wherever it stands only when it
is the same name as one of the place's Latin names (by the consonant key of
:mod:`corpus_cli.language.arabic`: درعا = Daraa, حلب = Halab), of a town of :data:`MINOR_BELOW`
people or more, written without the article, and not a common word (:data:`ARABIC_WORDS_TOO`);
every other name needs a word of place before it (في, قرب, مدينة, ريف…), the preposition ب on
it (بالباب), or another place just before it (حمص وحماة).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from itertools import product

from corpus_cli.language.arabic import PROCLITICS, consonant_keys, is_arabic, latin_consonants, plain, stems
from corpus_cli.language.articles import ARTICLES
from corpus_cli.language.text import fold, is_acronym, tokens
from corpus_cli.language.translit import keys

LONGEST = 5  # words in the longest spelling
# A new value whenever the gazetteer or the rules below change: an index forgets the places it kept.
PLACES_VERSION = "cities500-4"
MINOR_BELOW = 15_000  # people: a smaller place is named in text only where the words around say it is a place
# Words after which a name is a place: prepositions of place and the nouns of settlements.
# Not "to", "at" or "from": a letter goes "to Mary", a statement comes "from" a person.
PREPOSITIONS = frozenset("in near into outside around towards toward across".split())
SETTLEMENTS = frozenset("village villages town towns city district subdistrict countryside region area camp outskirts".split())
# Names of Syrian towns that are also common Arabic words, folded (revolution, peaceful, always, continent,
# ambassador, destroys, squares, paper, nobility, honour, hybrid, seeds, clothing, velvet…),
# or a man's name (Jasim): found in text only after a word of place.
ARABIC_WORDS_TOO = frozenset(fold(w) for w in """ثورة سلمية سلميه دوما قارة تدمر رقة رقه ميادين سفيرة جاسم نبل اعزاز
    إعزاز هجين نوى نوا كسوة قطيفة جبلة قطنا زاكية بنش""".split())
# The same in Arabic, folded: in, from, to, near, towards; city, town, village, countryside,
# governorate, quarter, camp, area, district; north, south, east, west, outskirts.
ARABIC_PLACE_WORDS = frozenset(fold(w) for w in """في من الى إلى قرب بالقرب نحو باتجاه داخل مدينة مدينه بلدة بلده قرية
    قريه ريف محافظة محافظه حي احياء مخيم منطقة منطقه ناحية ناحيه مدن بلدات قرى شمال جنوب شرق غرب شمالي جنوبي شرقي
    غربي اطراف ضواحي""".split())


class Place(NamedTuple):
    name: str
    kind: str  # "city" (a town or village) or "governorate"
    spellings: tuple[str, ...]  # looked for in text: spellings of its own name, then its other names
    also: tuple[str, ...] = ()  # names a user may type that are not looked for in text (Tal, alkramt)
    arabic: tuple[str, ...] = ()  # names in Arabic script
    population: int = 0
    others: frozenset[str] = frozenset()  # the spellings that are other names (Halab for Aleppo)

    @property
    def minor(self) -> bool:
        """A town or village: its names are often people's names or words too (Maleh, Tell)."""
        return self.kind == "city" and self.population < MINOR_BELOW


class Mention(NamedTuple):
    place: str
    start: int
    end: int
    text: str


_fold = lru_cache(maxsize=1 << 16)(fold)  # the same words again and again
_CAPITAL = re.compile("[A-ZÀ-ÖØ-ÞĀ-ɏ]")  # a capital Latin letter (or any of Latin Extended-A and B)


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, ...]:
    return keys(_fold(word))


def _content(words: list[str]) -> tuple[tuple[str, ...], ...]:
    """The key variants of each word but the articles."""
    return tuple(_word_keys(w) for w in words if fold(w) not in ARTICLES)


def _combinations(content: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    return [tuple(c) for c in product(*content)]


class Gazetteer:
    def __init__(self, places: list[Place]):
        self.places = places
        self.by_name = {p.name.casefold(): p for p in places}
        self._phrases: dict[tuple[str, ...], str] = {}  # spellings looked for in text
        self._other: set[tuple[str, ...]] = set()  # keys of other names: found only after a word of place
        self._typed: dict[tuple[str, ...], set[str]] = {}  # every Latin name: what a user may mean
        self._arabic: dict[str, set[str]] = {}
        self._starts: set[str] = set()  # keys of the first word of some spelling: where a mention can begin
        # Arabic names, their words folded -> (place, whether a word of place must come before)
        self._arabic_names: dict[tuple[str, ...], tuple[str, bool]] = {}
        for place in places:
            for spelling in place.spellings + place.also:
                words = [t.text for t in tokens(spelling)]
                content = _content(words)
                for key in _combinations(content):
                    self._typed.setdefault(key, set()).add(place.name)
                if spelling in place.also or (len(content) == 1 and len(content) < len(words) and len(content[0][0]) < 5):
                    continue  # "At Tall" would be any "Tell": too short once the article is gone
                for key in _combinations(content):
                    if key not in self._phrases:
                        self._phrases[key] = place.name
                        if place.minor or spelling in place.others:
                            self._other.add(key)
                    self._starts.add(key[0])
            for name in place.arabic:
                self._arabic.setdefault(plain(name), set()).add(place.name)
                folded = tuple(fold(t.text) for t in tokens(name))
                if folded and folded not in self._arabic_names:
                    alone = (not place.minor and not folded[0].startswith("ال") and " ".join(folded) not in ARABIC_WORDS_TOO
                             and _same_name(name, place))
                    self._arabic_names[folded] = (place.name, not alone)
        self._arabic_starts = {words[0] for words in self._arabic_names}
        # every way a name's first word may be written, proclitics and all: tokens are looked up here first
        self._arabic_forms = {p + first for first in self._arabic_starts for p in ("", *PROCLITICS)}

    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        path = path or Path(__file__).with_name("gazetteer.tsv")
        places = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                name, kind, _, population, own, other, also, arabic = line.split("\t")
                own, other, also, arabic = (tuple(n for n in col.split("|") if n) for col in (own, other, also, arabic))
                places.append(Place(name, kind, own + other, also, arabic, int(population or 0), frozenset(other)))
        return cls(places)

    def find(self, text: str) -> list[Mention]:
        """The places named in ``text``, in order."""
        toks = [t for t in tokens(text)]
        arabic = is_arabic(text)
        found = self._arabic_in(text, toks) if arabic else []
        if arabic and not _CAPITAL.search(text):  # a name in Latin letters starts with a capital
            return found
        content = [(i, t) for i, t in enumerate(toks) if _fold(t.text) not in ARTICLES]
        n = 0
        while n < len(content):
            _, first = content[n]
            if not first.text[:1].isupper() or self._starts.isdisjoint(_word_keys(first.text)):
                n += 1
                continue
            for size in range(min(LONGEST, len(content) - n), 0, -1):
                variants = _content([t.text for _, t in content[n : n + size]])
                key = next((k for k in _combinations(variants) if k in self._phrases), None)
                place = self._phrases[key] if key is not None else None
                if key in self._other and not _after_place_word(toks, content[n][0]):
                    place = None  # "Maleh said": a person, not the village of Malah; "Vinaya Karma", not Al Karmah
                if size == 1 and is_acronym(first.text):
                    place = None  # AFIS, DERA’s: an acronym, not the town of Afis or Daraa
                if place is not None:
                    last = content[n + size - 1][1]
                    found.append(Mention(place, first.start, last.end, text[first.start : last.end]))
                    n += size
                    break
            else:
                n += 1
        return sorted(found, key=lambda m: m.start) if found and is_arabic(text) else found

    def _arabic_in(self, text: str, toks) -> list[Mention]:
        """The places named in Arabic script among ``toks`` (see the module's docstring)."""
        folded = [_fold(t.text) for t in toks]
        found: list[Mention] = []
        n = 0
        while n < len(toks):
            hit = self._arabic_at(folded, n, found[-1].end if found else -1, toks) if folded[n] in self._arabic_forms else None
            if hit is None:
                n += 1
                continue
            place, size = hit
            found.append(Mention(place, toks[n].start, toks[n + size - 1].end, text[toks[n].start : toks[n + size - 1].end]))
            n += size
        return found

    def _arabic_at(self, folded: list[str], n: int, last_end: int, toks) -> tuple[str, int] | None:
        word = folded[n]
        for first, clitics in ((word, ""), *stems(word)):
            if first not in self._arabic_starts:
                continue
            for size in range(min(LONGEST, len(folded) - n), 0, -1):
                named = self._arabic_names.get((first, *folded[n + 1 : n + size]))
                if named is None:
                    continue
                place, needs_evidence = named
                before = folded[n - 1] if n > 0 else ""
                if before not in ARABIC_PLACE_WORDS and before[:1] in ("و", "ف"):  # وفي, فمن: a conjunction on it
                    before = before[1:]
                evidence = ("ب" in clitics  # بالباب: in al-Bab
                            or (not clitics and before in ARABIC_PLACE_WORDS)  # في الباب, not إلى فرقة (ف + رقة)
                            or (clitics.startswith("و") and last_end >= 0 and last_end == toks[n - 1].end))  # حمص وحماة
                if needs_evidence and not evidence:
                    continue
                return place, size
        return None

    def resolve(self, name: str) -> list[Place]:
        """The places a user means by ``name``: the gazetteer's name, any of a place's Latin names
        (through the transliteration key), or a name in Arabic script."""
        exact = self.by_name.get(name.casefold())
        if exact:
            return [exact]
        if is_arabic(name):
            found = self._arabic.get(plain(name), set())
        else:
            found = set().union(*(self._typed.get(k, ()) for k in _combinations(_content([t.text for t in tokens(name)]))))
        return [self.by_name[n.casefold()] for n in sorted(found)]


def _same_name(arabic: str, place: Place) -> bool:
    """Whether a name in Arabic script is one of the place's Latin names, by the consonant key."""
    wanted = consonant_keys(arabic.replace(" ", ""))
    return any(wanted & latin_consonants(fold(s.replace(" ", "").replace("-", ""))) for s in place.spellings)


def _after_place_word(toks, i: int) -> bool:
    """Whether the words before ``toks[i]`` (articles skipped) say a place follows: a preposition of
    place ("in", "near"), a settlement ("village", "countryside"), or "of" after one ("the town of")."""
    before = [fold(t.text) for t in toks[max(0, i - 4):i] if fold(t.text) not in ARTICLES][-2:]
    if not before:
        return False
    if before[-1] in PREPOSITIONS or before[-1] in SETTLEMENTS:
        return True
    return before[-1] == "of" and len(before) == 2 and before[0] in SETTLEMENTS


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def arabic_firsts(place: str) -> set[str]:
    """The first words, folded, of a place's names in Arabic script."""
    found = gazetteer().by_name.get(place.casefold())
    return {fold(ws[0]) for name in (found.arabic if found else ()) if (ws := [t.text for t in tokens(name)])}


def places_in(text: str) -> list[str]:
    """The names of the places in ``text``, each once, in order of first mention."""
    return list(dict.fromkeys(m.place for m in gazetteer().find(text)))
