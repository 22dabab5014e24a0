"""Listings over the index: the people the corpus quotes and the places it names, with counts."""

from __future__ import annotations

import datetime as dt
from typing import Container, NamedTuple


class PlaceCount(NamedTuple):
    name: str
    kind: str
    documents: int
    statements: int  # statements and titles that name it
    first_date: str | None
    last_date: str | None



class SpeakerCount(NamedTuple):
    name: str
    roles: list
    documents: int
    statements: int
    first_date: str | None
    last_date: str | None


def _day(minutes: int) -> str:
    return dt.date.fromordinal(minutes // 1440).isoformat()


def speaker_counts(index, positions) -> list[SpeakerCount]:
    """Everyone the documents at ``positions`` quote, with roles, counts and first and last dates."""
    table: dict[str, dict] = {}
    for p in positions:
        for s in index.documents[p].speakers:
            entry = table.setdefault(s.name, {"roles": [], "docs": set(), "statements": 0, "dates": []})
            if s.role and s.role not in entry["roles"]:
                entry["roles"].append(s.role)
            entry["docs"].add(p)
            entry["statements"] += len(s.statements)
            if index.doc_dates[p] >= 0:
                entry["dates"].append(index.doc_dates[p])
    _merge_surnames(table)
    found = [
        SpeakerCount(name, e["roles"], len(e["docs"]), e["statements"],
                     _day(min(e["dates"])) if e["dates"] else None, _day(max(e["dates"])) if e["dates"] else None)
        for name, e in table.items()
    ]
    return sorted(found, key=lambda s: (-s.documents, -s.statements, s.name))


def place_counts(index, allowed: Container[int] | None, units: dict[int, list[str]], places) -> list[PlaceCount]:
    """Each of ``places`` named in the documents ``allowed`` (None: all), most named first;
    ``units`` gives the places each unit names."""
    by_place: dict[str, list[int]] = {}
    for g, names in units.items():
        if allowed is None or index.stmt_doc[g] in allowed:
            for name in names:
                by_place.setdefault(name, []).append(g)
    found = []
    for place in places:
        named = by_place.get(place.name)
        if not named:
            continue
        docs = {index.stmt_doc[g] for g in named}
        dates = sorted(index.doc_dates[p] for p in docs if index.doc_dates[p] >= 0)
        found.append(PlaceCount(
            place.name, place.kind, len(docs), len(named),
            _day(dates[0]) if dates else None, _day(dates[-1]) if dates else None,
        ))
    return sorted(found, key=lambda p: (-p.documents, -p.statements, p.name))


def _merge_surnames(table: dict[str, dict]) -> None:
    """A speaker known only by a surname ("Granger") joins the one full name with that surname ("Kay Granger")."""
    full: dict[str, list[str]] = {}
    for name in table:
        if " " in name:
            full.setdefault(name.rsplit(" ", 1)[1], []).append(name)
    for name in [n for n in table if " " not in n and len(full.get(n, ())) == 1]:
        into, entry = table[full[name][0]], table.pop(name)
        into["roles"] += [r for r in entry["roles"] if r not in into["roles"]]
        into["docs"] |= entry["docs"]
        into["statements"] += entry["statements"]
        into["dates"] += entry["dates"]
