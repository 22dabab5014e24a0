"""Filters to documents: one :class:`Filters` value, turned by the index into the documents (and,
with a speaker, the statements) a command may read, before any ranking and before ``--limit``.

Places are found through the gazetteer (:mod:`corpus_cli.language.places`) in the units whose words
have a place's transliteration key; speakers through the names the readers found in each document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

from corpus_cli.errors import UsageError
from corpus_cli.language.dates import date_range
from corpus_cli.language.text import fold, words


@dataclass(frozen=True)
class Filters:
    """Which documents a command reads: one value for list, search, kwic, timeline and export.

    The index turns it into the documents (and, with a speaker, the statements) a command may
    read, before any ranking and before ``--limit``.
    """

    since: str | None = None
    until: str | None = None
    categories: tuple[str, ...] = ()
    place: str | None = None
    speaker: str | None = None
    dedupe: bool = False  # leave out the later members of near-duplicate clusters
    undated: bool = False  # only the documents without a date

    @classmethod
    def of(cls, since=None, until=None, categories=(), place=None, speaker=None, dedupe=False, undated=False) -> "Filters":
        return cls(since, until, tuple(categories or ()), place or None, speaker or None, bool(dedupe), bool(undated))


class Selection(NamedTuple):
    """What :class:`Filters` keep: documents (positions, in date order; None for all) and, with a
    speaker, the statements they said; ``hidden``: the near-duplicates left out."""

    positions: list[int] | None
    said: dict[int, set[int]] | None
    hidden: frozenset[int]


def _positions(index, since, until, categories) -> list[int] | None:
    """Positions of the documents within the filters, in date order; None for all."""
    bounds = date_range(since, until)
    positions: list[int] | None = None
    if bounds.since or bounds.until:
        positions = index.date_slice(bounds.since, bounds.until)
    if categories:
        wanted = {fold(c) for c in categories}
        span = positions if positions is not None else index.in_date_order()
        positions = [p for p in span if fold(index.category_of(p) or "") in wanted]
    return positions

def select(index, filters: Filters, hidden_duplicates: Callable[[], set[int]]) -> Selection:
    """The documents (and statements) ``filters`` keep, in date order; ``hidden_duplicates()`` gives
    the near-duplicates that ``dedupe`` leaves out (asked only then)."""
    f = filters
    if f.undated and (f.since or f.until):
        raise UsageError("--undated lists documents without a date; it cannot go with --since or --until")
    positions = _positions(index, f.since, f.until, f.categories)
    if f.undated:
        span = positions if positions is not None else index.in_date_order()
        positions = [p for p in span if index.doc_dates[p] < 0]
    if f.place:
        mentioned = {index.stmt_doc[g] for g in place_units(index, f.place)}
        positions = [p for p in (positions if positions is not None else index.in_date_order()) if p in mentioned]
    said = None
    if f.speaker:
        said = speaker_statements(index, f.speaker, positions)
        positions = [p for p in (positions if positions is not None else index.in_date_order()) if p in said]
    hidden: frozenset[int] = frozenset()
    if f.dedupe:  # hidden: the near-duplicates the other filters kept, left out here
        hide = hidden_duplicates()
        span = positions if positions is not None else index.in_date_order()
        positions = [p for p in span if p not in hide]
        hidden = frozenset(p for p in span if p in hide)
    return Selection(positions, said, hidden)

def place_units(index, name: str | None = None, places=None) -> dict[int, list[str]]:
    """Units (statements and titles) that name a place: those ``name`` means in any spelling or
    script, or ``places`` (default: every place of the gazetteer); unit -> their names.

    Candidates are the units holding a name-like word with the key of a spelling's first word;
    the places each names are found once and kept in the index (``places_of``)."""
    from corpus_cli.language.articles import ARTICLES
    from corpus_cli.language.places import arabic_firsts, gazetteer
    from corpus_cli.language.translit import keys

    gaz = gazetteer()
    if name is not None:
        places = gaz.resolve(name)
        if not places:
            raise UsageError(f"no place called {name!r} in the gazetteer; see corpus places")
    places = gaz.places if places is None else places
    names = {p.name for p in places}
    first_keys = set()
    for place in places:
        for spelling in place.spellings:
            content = [w for w in words(spelling) if fold(w) not in ARTICLES]
            if content:
                first_keys.update(keys(fold(content[0])))
    lexicon = index.lexicon
    candidates: set[int] = set()
    for word in {w for key in first_keys for w in lexicon.by_key(key)}:
        if lexicon.is_name(word):  # a place is capitalised; "home" is not Homs
            candidates.update(index.postings[word])
    # in Arabic script: every word that is the first word of a name, with or without proclitics
    for word in {w for place in places for first in arabic_firsts(place.name) for w in lexicon.by_key(first)}:
        candidates.update(index.postings[word])
    units = sorted(candidates)
    if hasattr(index, "places_of"):  # kept in the database once found
        found = index.places_of(units)
    else:
        found = [[m.place for m in gaz.find(index.unit_text(g))] for g in units]
    return {g: here for g, named in zip(units, found) if (here := [n for n in named if n in names])}


def speaker_statements(index, name: str, positions=None) -> dict[int, set[int]]:
    """Documents (positions) whose text quotes ``name``, with the statements said."""
    from corpus_cli.language.speakers import name_matches

    found: dict[int, set[int]] = {}
    for p in positions if positions is not None else index.in_date_order():
        for s in index.documents[p].speakers:
            if name_matches(name, s.name):
                found.setdefault(p, set()).update(s.statements)
    return found
