"""Filters to documents: one :class:`Filters` value, turned by the index into the documents (and,
with a speaker, the statements) a command may read, before any ranking and before ``--limit``.

Places are those the reading of the documents found (:mod:`corpus_cli.language.places`), kept in the
index; speakers through the names the readers found in each document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

from corpus_cli.errors import UsageError
from corpus_cli.language.dates import date_range
from corpus_cli.language.text import fold


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
    demonyms: bool = False  # with place: also the documents that name its people (Syrian, Syrians)
    sources: tuple[str, ...] = ()  # only documents from these sources (case-insensitive)
    templates: bool = False  # with dedupe: hide the copies of a template family too

    @classmethod
    def of(cls, since=None, until=None, categories=(), place=None, speaker=None, dedupe=False, undated=False,
           demonyms=False, sources=(), templates=False) -> "Filters":
        return cls(since, until, tuple(categories or ()), place or None, speaker or None, bool(dedupe or templates),
                   bool(undated), bool(demonyms), tuple(sources or ()), bool(templates))


class Selection(NamedTuple):
    """What :class:`Filters` keep: documents (positions, in date order; None for all) and, with a
    speaker, the statements they said; ``hidden``: the near-duplicates left out."""

    positions: list[int] | None
    said: dict[int, set[int]] | None
    hidden: frozenset[int]


def _positions(index, since, until, categories, sources=()) -> list[int] | None:
    """Positions of the documents within the filters, in date order; None for all."""
    bounds = date_range(since, until)
    positions: list[int] | None = None
    if bounds.since or bounds.until:
        positions = index.date_slice(bounds.since, bounds.until)
    if categories:
        wanted = {fold(c) for c in categories}
        span = positions if positions is not None else index.in_date_order()
        positions = [p for p in span if fold(index.category_of(p) or "") in wanted]
    if sources:
        wanted = {fold(s) for s in sources}
        names, numbers = index.columns.sources, index.columns.doc_source
        span = positions if positions is not None else index.in_date_order()
        positions = [p for p in span if fold(names[numbers[p]] or "") in wanted]
    return positions

def select(index, filters: Filters, hidden_duplicates: Callable[[bool], set[int]]) -> Selection:
    """The documents (and statements) ``filters`` keep, in date order; ``hidden_duplicates(templates)``
    gives the near-duplicates that ``dedupe`` leaves out (asked only then)."""
    f = filters
    if f.undated and (f.since or f.until):
        raise UsageError("--undated lists documents without a date; it cannot go with --since or --until")
    positions = _positions(index, f.since, f.until, f.categories, f.sources)
    if f.undated:
        span = positions if positions is not None else index.in_date_order()
        positions = [p for p in span if index.doc_dates[p] < 0]
    if f.place:
        mentioned = {index.stmt_doc[g] for g in place_units(index, f.place, demonyms=f.demonyms)}
        positions = [p for p in (positions if positions is not None else index.in_date_order()) if p in mentioned]
    said = None
    if f.speaker:
        said = speaker_statements(index, f.speaker, positions)
        positions = [p for p in (positions if positions is not None else index.in_date_order()) if p in said]
    hidden: frozenset[int] = frozenset()
    if f.dedupe:  # hidden: the near-duplicates the other filters kept, left out here
        hide = hidden_duplicates(f.templates)
        span = positions if positions is not None else index.in_date_order()
        positions = [p for p in span if p not in hide]
        hidden = frozenset(p for p in span if p in hide)
    return Selection(positions, said, hidden)

def resolve_place(name: str, demonyms: bool = False):
    """The gazetteer's places ``name`` means (see :meth:`~corpus_cli.language.gazetteer.Gazetteer.resolve`),
    and whether their demonyms count too: asked for, or ``name`` is one (Syrian: Syria and Syrians)."""
    from corpus_cli.language.gazetteer import gazetteer

    gaz = gazetteer()
    places = gaz.resolve(name)
    if not places:
        places, demonyms = gaz.demonym_of(name), True
    if not places:
        raise UsageError(f"no place called {name!r} in the gazetteer; see corpus places")
    return places, demonyms


def place_units(index, name: str | None = None, places=None, demonyms: bool = False) -> dict[int, list[str]]:
    """Units (statements and titles) that name a place: those ``name`` means in any spelling or
    script (or the gazetteer ``places``), as the reading of the documents found them; unit -> the
    ids of those places it names. With ``demonyms``, also the units that name a country's people
    (Syrian, Syrians) for the countries among them."""
    if name is not None:
        places, demonyms = resolve_place(name, demonyms)
    found = index.units_naming([p.id for p in places])
    if demonyms:
        for place in places:
            for demonym in place.demonyms:
                for g in index.postings[fold(demonym)]:
                    here = found.setdefault(g, [])
                    if place.id not in here:
                        here.append(place.id)
    return found


def speaker_statements(index, name: str, positions=None) -> dict[int, set[int]]:
    """Documents (positions) whose text quotes ``name``, with the statements said."""
    from corpus_cli.language.speakers import name_matches

    found: dict[int, set[int]] = {}
    for p in positions if positions is not None else index.in_date_order():
        for s in index.documents[p].speakers:
            if name_matches(name, s.name):
                found.setdefault(p, set()).update(s.statements)
    return found
