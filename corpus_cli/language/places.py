"""Syrian places in the text, in any of their Latin spellings.

The gazetteer (``gazetteer.tsv``, made by ``scripts/make_gazetteer.py`` from
GeoNames, CC BY 4.0) lists cities and governorates with their spellings. A
spelling matches the text when its words meet the text's words one by one
through the transliteration key (so Idleb, Idlib and İdlib meet, and Jisr
al-Shughour and Jisr ash-Shughur); articles (al-, el-, ash-…) are skipped on
both sides, and a place must start with a capital letter in the text, so
that a word like "tell" is not Tell. (No typos: in English text they make
Gary of Qarah and Urban of Irbin.)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from itertools import product

from corpus_cli.language.articles import ARTICLES
from corpus_cli.language.text import fold, tokens
from corpus_cli.language.translit import keys

LONGEST = 5  # words in the longest spelling


class Place(NamedTuple):
    name: str
    kind: str  # "city" or "governorate"
    spellings: tuple[str, ...]


class Mention(NamedTuple):
    place: str
    start: int
    end: int
    text: str


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, ...]:
    return keys(fold(word))


def _content(words: list[str]) -> tuple[tuple[str, ...], ...]:
    """The key variants of each word but the articles."""
    return tuple(_word_keys(w) for w in words if fold(w) not in ARTICLES)


def _combinations(content: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    return [tuple(c) for c in product(*content)]


class Gazetteer:
    def __init__(self, places: list[Place]):
        self.places = places
        self.by_name = {p.name.casefold(): p for p in places}
        self._phrases: dict[tuple[str, ...], str] = {}
        self._starts: set[str] = set()  # keys of the first word of some spelling: where a mention can begin
        for place in places:
            for spelling in place.spellings:
                words = [t.text for t in tokens(spelling)]
                content = _content(words)
                if len(content) == 1 and len(content) < len(words) and len(content[0][0]) < 5:
                    continue  # "At Tall" would be any "Tell": too short once the article is gone
                for key in _combinations(content):
                    self._phrases.setdefault(key, place.name)
                    self._starts.add(key[0])

    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        path = path or Path(__file__).with_name("gazetteer.tsv")
        places = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                name, kind, _, _, spellings = line.split("\t")
                places.append(Place(name, kind, tuple(spellings.split("|"))))
        return cls(places)

    def find(self, text: str) -> list[Mention]:
        """The places named in ``text``, in order."""
        toks = [t for t in tokens(text)]
        content = [(i, t) for i, t in enumerate(toks) if fold(t.text) not in ARTICLES]
        found = []
        n = 0
        while n < len(content):
            _, first = content[n]
            if not first.text[:1].isupper() or self._starts.isdisjoint(_word_keys(first.text)):
                n += 1
                continue
            for size in range(min(LONGEST, len(content) - n), 0, -1):
                variants = _content([t.text for _, t in content[n : n + size]])
                place = next((self._phrases[k] for k in _combinations(variants) if k in self._phrases), None)
                if place is not None:
                    last = content[n + size - 1][1]
                    found.append(Mention(place, first.start, last.end, text[first.start : last.end]))
                    n += size
                    break
            else:
                n += 1
        return found

    def resolve(self, name: str) -> list[Place]:
        """The places a user means by ``name`` (any spelling, or the gazetteer's name)."""
        exact = self.by_name.get(name.casefold())
        if exact:
            return [exact]
        found = {self._phrases[k] for k in _combinations(_content([t.text for t in tokens(name)])) if k in self._phrases}
        return [self.by_name[n.casefold()] for n in sorted(found)]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def places_in(text: str) -> list[str]:
    """The names of the places in ``text``, each once, in order of first mention."""
    return list(dict.fromkeys(m.place for m in gazetteer().find(text)))
