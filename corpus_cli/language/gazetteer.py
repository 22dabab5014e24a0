"""The world gazetteer: countries, first-level divisions, cities of 15,000 people or more and the
Syrian towns, with their names in Latin and Arabic script.

``places.tsv.gz`` is written by ``scripts/make_gazetteer.py`` from GeoNames (CC BY 4.0) and the
other sources its header credits. It holds three parts: a line per place (id, kind, country,
population, point, GeoNames id, name and names: see :class:`Place`); the keys of every Latin name,
sorted; and every Arabic name, folded, sorted. A key is a name's words folded, articles left out,
each word through the transliteration key (:mod:`corpus_cli.language.translit`), so that Idleb and
Idlib, Jisr al-Shughour and Jisr ash-Shughur meet. Looking a name up is a binary search of the
sorted lines: loading is reading the file, done once, when a command first needs places.
"""

from __future__ import annotations

import bisect
import gzip
from functools import lru_cache
from itertools import product
from pathlib import Path

from corpus_cli.language.arabic import is_arabic
from corpus_cli.language.articles import ARTICLES
from corpus_cli.language.text import fold, tokens
from corpus_cli.language.translit import keys

DATA = Path(__file__).with_name("places.tsv.gz")
GIVEN_NAMES = Path(__file__).with_name("given_names.txt")
KINDS = ("country", "division", "city", "town")
LATIN_PART, ARABIC_PART = "#latin", "#arabic"
# What a name is to its place (flags in the index): a spelling of its own name, looked for in
# text; another name, looked for after a word of place; a name only typed by users; the demonym
# of a country; an Arabic name that needs a word of place before it.
SPELLING, OTHER, TYPED, DEMONYM, EVIDENCE = "s", "o", "t", "d", "e"


class Place:
    """A place of the gazetteer (its line, read when first asked for)."""

    __slots__ = ("row", "id", "kind", "country", "population", "name", "capital", "_cells")

    def __init__(self, row: int, line: bytes):
        cells = line.decode("utf-8").split("\t")
        self.row = row
        self.id = cells[0]  # ISO 3166 code of a country or division, else the GeoNames id
        self.kind = cells[1]  # country, division, city or town
        self.country = cells[2]  # ISO 3166-1 alpha-2
        self.population = int(cells[3] or 0)
        self.name = cells[7]
        self.capital = "c" in cells[14]
        self._cells = cells

    def _names(self, column: int) -> tuple[str, ...]:
        cell = self._cells[column]
        return tuple(cell.split("|")) if cell else ()

    lat = property(lambda self: float(self._cells[4]) if self._cells[4] else None)
    lon = property(lambda self: float(self._cells[5]) if self._cells[5] else None)
    geonames = property(lambda self: int(self._cells[6]) if self._cells[6] else None)
    spellings = property(lambda self: self._names(8))  # looked for in text
    others = property(lambda self: self._names(9))  # looked for in text after a word of place
    typed = property(lambda self: self._names(10))  # what a user may type, not looked for
    arabic = property(lambda self: self._names(11))
    ambiguous = property(lambda self: self._names(12))  # spellings that are also words or people's names
    demonyms = property(lambda self: self._names(13))

    @property
    def translit(self) -> bool:
        """Whether its Latin names are indexed by their transliteration keys (see :func:`name_keys`)."""
        return by_translit(self.kind, self.country)

    @property
    def minor(self) -> bool:
        """A Syrian town or village under 15,000 people: named in text only where the words around say so."""
        return self.kind == "town"

    def __eq__(self, other) -> bool:
        return isinstance(other, Place) and other.row == self.row

    def __hash__(self) -> int:
        return self.row

    def __repr__(self) -> str:
        return f"Place({self.id!r}, {self.name!r}, {self.kind})"


def word_keys(word: str) -> tuple[str, ...]:
    """The keys of a word of a name, folded: its transliteration keys."""
    return keys(fold(word))


def content_words(name: str) -> list[str]:
    """The words of a Latin name that its keys are made of: articles (al-, el-, ash-…) left out."""
    return [t.text for t in tokens(name) if fold(t.text) not in ARTICLES]


def name_keys(name: str, translit: bool = True) -> list[str]:
    """Every key of a Latin name: its content words' keys, in every combination, joined by spaces;
    without ``translit``, its content words folded (see :func:`by_translit`)."""
    if not translit:
        return [" ".join(fold(w) for w in content_words(name))]
    return [" ".join(c) for c in product(*(word_keys(w) for w in content_words(name)))]


def by_translit(kind: str, country: str) -> bool:
    """Whether a place's Latin names are indexed by their transliteration keys: Syria's places (the
    key is made for names transliterated from Arabic); the rest of the world's by their words folded
    (GeoNames lists their spellings, and the key would make "They" the Thai of Thailand)."""
    return country == "SY" and kind != "country"


def lookup_keys(name: str) -> list[str]:
    """The keys to look a typed name up by: its keys and its folded words."""
    return list(dict.fromkeys(name_keys(name) + name_keys(name, translit=False)))


def arabic_key(name: str) -> str:
    """The key of a name in Arabic script: its words folded (:func:`corpus_cli.language.text.fold`)."""
    return " ".join(fold(t.text) for t in tokens(name))


class Gazetteer:
    """The places, and the sorted keys of their names (see the module's docstring)."""

    def __init__(self, lines: list[bytes], latin: list[bytes], arabic: list[bytes]):
        # kept as UTF-8 bytes (half the memory of text with a letter outside Latin-1 in it)
        self._lines = lines
        self._latin = latin  # b"key\trow flags,row flags", sorted
        self._arabic = arabic
        self._places: dict[int, Place] = {}
        self._ids: dict[str, int] | None = None
        self._seen: dict[str, list[tuple[int, str]]] = {}  # keys looked up: text repeats its names
        self._memos: dict[str, dict] = {}

    def memo(self, name: str) -> dict:
        """A dict for a finder to keep what it worked out from this gazetteer (text repeats its words)."""
        return self._memos.setdefault(name, {})

    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        with gzip.open(path or DATA, "rb") as f:
            data = f.read()
        places, _, rest = data.partition(f"\n{LATIN_PART}\n".encode())
        latin, _, arabic = rest.partition(f"\n{ARABIC_PART}\n".encode())
        del data, rest
        lines = places.split(b"\n")
        lines = lines[next(n for n, line in enumerate(lines) if not line.startswith(b"#")):]
        return cls(lines, latin.split(b"\n"), arabic.rstrip(b"\n").split(b"\n"))

    def __len__(self) -> int:
        return len(self._lines)

    def place(self, row: int) -> Place:
        found = self._places.get(row)
        if found is None:
            found = self._places[row] = Place(row, self._lines[row])
        return found

    @property
    def places(self) -> list[Place]:
        return [self.place(row) for row in range(len(self._lines))]

    def by_id(self, place_id: str) -> Place | None:
        if self._ids is None:
            self._ids = {line.partition(b"\t")[0].decode(): row for row, line in enumerate(self._lines)}
        row = self._ids.get(place_id)
        return None if row is None else self.place(row)

    # --- the sorted keys ---------------------------------------------------------------

    @staticmethod
    def _entries(lines: list[bytes], key: str) -> list[tuple[int, str]]:
        probe = (key + "\t").encode()
        i = bisect.bisect_left(lines, probe)
        if i < len(lines) and lines[i].startswith(probe):
            return [_entry(e) for e in lines[i][len(probe):].decode().split(",")]
        return []

    def latin(self, key: str) -> list[tuple[int, str]]:
        """(row, flags) of the places a Latin name of this key belongs to."""
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self._entries(self._latin, key)
        return found

    def arabic_names(self, key: str) -> list[tuple[int, str]]:
        """(row, flags) of the places an Arabic name of this key (folded words) belongs to."""
        return self._entries(self._arabic, key)

    def starts(self, key: str, arabic: bool = False) -> bool:
        """Whether some name's key is ``key`` or goes on from it (``key`` and more words)."""
        lines = self._arabic if arabic else self._latin
        probe = key.encode()
        i = bisect.bisect_left(lines, probe + b"\t")
        return i < len(lines) and (lines[i].startswith(probe + b"\t") or lines[i].startswith(probe + b" "))

    def goes_on(self, key: str, arabic: bool = False) -> bool:
        """Whether some name's key is longer than ``key`` and starts with it and a space."""
        lines = self._arabic if arabic else self._latin
        probe = key.encode() + b" "
        i = bisect.bisect_left(lines, probe)
        return i < len(lines) and lines[i].startswith(probe)

    def next_words(self, key: str) -> frozenset[str]:
        """The words that come after ``key`` in longer names' keys ("york" after "new")."""
        probe = key.encode() + b" "
        lines = self._latin
        i = bisect.bisect_left(lines, probe)
        found = set()
        while i < len(lines) and lines[i].startswith(probe):
            found.add(lines[i][len(probe):].partition(b"\t")[0].partition(b" ")[0].decode())
            i += 1
        return frozenset(found)

    # --- what a user means -----------------------------------------------------------------

    def resolve(self, name: str, demonyms: bool = False) -> list[Place]:
        """The places a user means by ``name``: an id (SY, US-GA, a GeoNames id), any of a place's
        names in Latin letters (through the transliteration key) or in Arabic script; with
        ``demonyms``, also the country of a demonym (Syrian). Countries first, then by size."""
        name = name.strip()
        exact = self.by_id(name) or self.by_id(name.upper())
        if exact is not None:
            return [exact]
        if is_arabic(name):
            found = self.arabic_names(arabic_key(name))
        else:
            found = [e for key in lookup_keys(name) for e in self.latin(key)]
        rows = {row for row, flags in found if demonyms or DEMONYM not in flags}
        return sorted((self.place(r) for r in rows), key=_order)

    def demonym_of(self, name: str) -> list[Place]:
        """The countries whose people ``name`` names (Syrian, Syrians: Syria)."""
        if is_arabic(name):
            return []
        rows = {row for key in lookup_keys(name) for row, flags in self.latin(key) if DEMONYM in flags}
        return sorted((self.place(r) for r in rows), key=_order)


def _entry(entry: str) -> tuple[int, str]:
    """"1234sa" -> (1234, "sa")."""
    row = entry.rstrip("sotde")
    return int(row), entry[len(row):]


def _order(place: Place) -> tuple:
    return (KINDS.index(place.kind) if place.kind in KINDS else len(KINDS), -place.population, place.name)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    return Gazetteer.load()


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names (folded) of 105 countries, less names of big places (see the file's header)."""
    text = GIVEN_NAMES.read_text(encoding="utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line and not line.startswith("#"))
