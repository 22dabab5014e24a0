"""Listings over the index: the people the corpus quotes and the places it names, with counts."""

from __future__ import annotations

from typing import Container, NamedTuple


class PlaceCount(NamedTuple):
    name: str
    kind: str  # country, division, city or town
    documents: int
    statements: int  # statements and titles that name it
    first_date: str | None
    last_date: str | None
    id: str  # the gazetteer's: ISO 3166 code of a country or division, GeoNames id of a city or town
    country: str  # ISO 3166-1 alpha-2
    latitude: float | None
    longitude: float | None
    geonames_id: int | None



class SpeakerCount(NamedTuple):
    name: str
    roles: list
    documents: int
    statements: int
    first_date: str | None
    last_date: str | None
    aliases: list  # the other ways the corpus writes the same person (António Guterres, Guterres)


def speaker_counts(index, positions) -> list[SpeakerCount]:
    """Everyone the documents at ``positions`` quote, with roles, counts and first and last dates."""
    table: dict[str, dict] = {}
    for p in positions:
        for s in index.documents[p].speakers:
            entry = table.setdefault(s.name, {"roles": [], "docs": set(), "statements": 0, "aliases": []})
            if s.role and s.role not in entry["roles"]:
                entry["roles"].append(s.role)
            entry["docs"].add(p)
            entry["statements"] += len(s.statements)
    _merge_spellings(table)
    _merge_surnames(table)
    found = [
        SpeakerCount(name, e["roles"], len(e["docs"]), e["statements"], *_first_last(index, e["docs"]), e["aliases"])
        for name, e in table.items()
    ]
    return sorted(found, key=lambda s: (-s.documents, -s.statements, s.name))


def place_counts(index, allowed: Container[int] | None, places, kinds=(), countries=()) -> list[PlaceCount]:
    """Each place named in the documents ``allowed`` (positions; None: all), most named first:
    those of ``places`` (gazetteer places; None: any), of ``kinds`` and ``countries`` (ISO codes)
    when given."""
    from corpus_cli.language.gazetteer import gazetteer

    gaz = gazetteer()
    wanted = None if places is None else {p.id for p in places}
    totals = index.place_totals() if allowed is None and hasattr(index, "place_totals") else None
    if totals is None:
        totals = _totals(index, allowed, None if allowed is None else wanted)
        if allowed is None and hasattr(index, "keep_place_totals"):
            index.keep_place_totals(totals)
    countries = {c.upper() for c in countries}
    found = []
    for place_id, documents, units, first, last in totals:
        place = gaz.by_id(place_id) if wanted is None or place_id in wanted else None
        if place is None or (kinds and place.kind not in kinds) or (countries and place.country not in countries):
            continue
        found.append(PlaceCount(place.name, place.kind, documents, units, first, last, place.id,
                                place.country, place.lat, place.lon, place.geonames))
    return sorted(found, key=lambda p: (-p.documents, -p.statements, p.name, p.id))


def _totals(index, allowed: Container[int] | None, wanted: set[str] | None) -> list:
    """[place id, documents, units, first date, last date] of the places named in ``allowed``."""
    position = {rowid: p for p, rowid in enumerate(index.doc_rowids)}
    table: dict[str, list] = {}
    for place, rowid, units in index.mention_counts():
        if wanted is not None and place not in wanted:
            continue
        p = position.get(rowid)
        if p is None or (allowed is not None and p not in allowed):
            continue
        entry = table.setdefault(place, [set(), 0])
        entry[0].add(p)
        entry[1] += units
    return [[place, len(docs), units, *_first_last(index, docs)] for place, (docs, units) in table.items()]


def _first_last(index, positions) -> tuple[str | None, str | None]:
    """The dates of the first and the last of these documents, each at its precision (2020, 2020-03)."""
    dated = [p for p in positions if index.doc_dates[p] >= 0]
    if not dated:
        return None, None
    return index.date_label(min(dated, key=index.doc_dates.__getitem__)), index.date_label(max(dated, key=index.date_end))


def _merge_surnames(table: dict[str, dict]) -> None:
    """A speaker known only by a surname ("Granger") joins the one full name with that surname ("Kay Granger")."""
    full: dict[str, list[str]] = {}
    for name in table:
        if " " in name:
            full.setdefault(name.rsplit(" ", 1)[1], []).append(name)
    for name in [n for n in table if " " not in n and len(full.get(n, ())) == 1]:
        _join(table, full[name][0], name)


def _join(table: dict[str, dict], into_name: str, name: str) -> None:
    """The entry of ``name`` joins that of ``into_name``, as one of its aliases."""
    into, entry = table[into_name], table.pop(name)
    into["roles"] += [r for r in entry["roles"] if r not in into["roles"]]
    into["docs"] |= entry["docs"]
    into["statements"] += entry["statements"]
    into["aliases"] += [a for a in [name, *entry["aliases"]] if a not in into["aliases"]]


def _merge_spellings(table: dict[str, dict]) -> None:
    """Names that the one name matcher (:func:`corpus_cli.language.names.same_name`: accents,
    transliteration keys, typos, a missing middle name) takes for one person are one speaker,
    under the spelling the corpus quotes most (compared within names of one surname skeleton)."""
    from corpus_cli.language.names import name_words, same_name
    from corpus_cli.language.translit import keys, skeleton

    blocks: dict[str, list[str]] = {}
    for name in table:
        words = name_words(name)
        if words:
            blocks.setdefault(skeleton(keys(words[-1])[0])[:3], []).append(name)
    for names in blocks.values():
        names.sort(key=lambda n: (" " not in n, -table[n]["statements"], -len(table[n]["docs"]), n))  # full names first
        for n, name in enumerate(names):
            if name not in table:
                continue
            for other in names[n + 1:]:
                if other in table and " " in other and same_name(name, other) and _same_first(name, other):
                    _join(table, name, other)
        for single in [n for n in names if " " not in n and n in table]:  # a surname, spelt another way
            full = [n for n in names if " " in n and n in table and same_name(n, single)]
            if len(full) == 1:
                _join(table, full[0], single)
    _merge_two_surnames(table)


def _same_first(a: str, b: str) -> bool:
    """Whether two names of two words or more begin alike (Diana/Diane, Pete/Peter, Dave/David), so
    that "Al Green" (al read as an article) is not "Gene Green"."""
    from corpus_cli.language.names import words_meet
    from corpus_cli.language.text import fold

    x, y = fold(a.split()[0]), fold(b.split()[0])
    return words_meet(x, y) or (min(len(x), len(y)) >= 3 and x[:3] == y[:3])


def _merge_two_surnames(table: dict[str, dict]) -> None:
    """A given name with the first surname and the two surnames without the given name are one
    person (Hugo Chavez and Chavez Frias, of Hugo Chávez Frías), when no one else has that surname;
    and so are a given name with the first surname and the whole name (Hugo Chavez Frias)."""
    from corpus_cli.language.people import is_given_name

    for name in [n for n in table if n.count(" ") == 1 and is_given_name(n.split()[0])]:
        longer = [n for n in table if n.startswith(name + " ") and n.count(" ") == 2
                  and " ".join(n.split()[1:]) in table]  # Hugo Chavez Frias, when Chavez Frias is quoted too
        if len(longer) == 1:
            _join(table, longer[0], name)
            _join(table, longer[0], " ".join(longer[0].split()[1:]))
    pairs = [name.split() for name in table if name.count(" ") == 1]
    by_surname: dict[str, list[str]] = {}
    for given, surname in pairs:
        if is_given_name(given) and not is_given_name(surname):
            by_surname.setdefault(surname, []).append(f"{given} {surname}")
    for first, second in pairs:
        full = by_surname.get(first, [])
        name = f"{first} {second}"
        if len(full) == 1 and not is_given_name(first) and name in table and full[0] in table:
            into, other = sorted((full[0], name), key=lambda n: (-table[n]["statements"], -len(table[n]["docs"]), n))
            _join(table, into, other)
