"""Machine-readable records: the fixed keys of JSON, JSON Lines and CSV output.

These keys are a contract (documented in the README, pinned by tests): add
keys only at the end of a record, never rename or drop one.
"""

from __future__ import annotations

from corpus_cli.api import Stats, Variant
from corpus_cli.document import Document
from corpus_cli.search.kwic import Line
from corpus_cli.language.places import unit_places
from corpus_cli.search.execute import Leaf
from corpus_cli.search.hits import DocumentHit, Hit

DOCUMENT_KEYS = (
    "id", "date", "title", "title_derived", "category", "type", "source",
    "word_count", "statement_count", "path", "url", "date_source", "layout",
)
FULL_DOCUMENT_KEYS = DOCUMENT_KEYS + ("body", "paragraphs", "statements", "places", "speakers")
HIT_KEYS = (
    "id", "date", "title", "category", "type", "statement_index", "statement",
    "statement_start", "statement_end", "score", "matches", "field", "terms", "places", "speakers",
)
MATCH_KEYS = ("term", "text", "start", "end", "score")
DOCUMENT_HIT_KEYS = ("id", "date", "title", "category", "type", "score", "hit_count", "hits")
EXPLAIN_KEYS = ("term", "field", "negated", "statements", "documents", "expansions")
EXPANSION_KEYS = ("word", "entry", "forms", "rule", "distance", "quality", "statements")
VARIANT_KEYS = ("form", "count", "folded", "statements", "rule", "distance")
CHECK_KEYS = ("path", "what", "action", "skipped")
STATEMENT_KEYS = (
    "id", "date", "title", "category", "type", "source", "statement_index", "statement", "start", "end", "places",
    "speakers",
)
CLUSTER_KEYS = ("cluster", "size", "kind", "members")
PLACE_KEYS = ("name", "kind", "documents", "statements", "first_date", "last_date", "id", "country", "latitude",
              "longitude", "geonames_id")
SPEAKER_KEYS = ("name", "roles", "documents", "statements", "first_date", "last_date", "aliases")
TIMELINE_KEYS = ("period", "start", "end", "series", "count", "statements", "words", "rate")
KWIC_KEYS = ("id", "date", "statement_index", "field", "left", "match", "right", "start", "end")
STATS_KEYS = (
    "documents", "statements", "words", "first_date", "last_date", "undated",
    "per_year", "per_category", "per_type",
)


def document_record(doc: Document) -> dict:
    return {
        "id": doc.id,
        "date": doc.iso_date,
        "title": doc.title,
        "title_derived": doc.title_derived,
        "category": doc.category,
        "type": doc.type,
        "source": doc.source,
        "word_count": doc.word_count,
        "statement_count": doc.statement_count,
        "path": doc.path,
        "url": doc.url,
        "date_source": doc.date_source,
        "layout": doc.layout,
    }


def full_document_record(doc: Document) -> dict:
    record = document_record(doc)
    record["body"] = doc.body
    record["paragraphs"] = doc.paragraphs
    said = _said_by(doc)
    named = _places_of(doc)
    record["statements"] = [
        {
            "index": s.index, "start": s.start, "end": s.end, "text": s.text,
            "places": named[s.index + 1], "speakers": said.get(s.index, []),
        }
        for s in doc.statements
    ]
    record["places"] = list(dict.fromkeys(name for here in named for name in here))
    record["speakers"] = [{"name": s.name, "role": s.role, "statements": list(s.statements)} for s in doc.speakers]
    return record


def _said_by(doc: Document) -> dict[int, list[str]]:
    """Statement index -> the names of who said it."""
    said: dict[int, list[str]] = {}
    for speaker in doc.speakers:
        for i in speaker.statements:
            said.setdefault(i, []).append(speaker.name)
    return said


def _about(doc: Document) -> dict:
    """The fields of a document that every result record starts with."""
    return {"id": doc.id, "date": doc.iso_date, "title": doc.title, "category": doc.category, "type": doc.type}


def hit_record(hit: Hit) -> dict:
    doc, st = hit.document, hit.statement
    title = st.index is None
    return {
        **_about(doc),
        "statement_index": st.index,
        "statement": st.text,
        "statement_start": None if title else st.start,
        "statement_end": None if title else st.end,
        "score": hit.score,
        "matches": [
            {"term": m.term, "text": m.text, "start": m.start, "end": m.end, "score": m.score}
            for m in hit.matches
        ],
        "field": hit.field,
        "terms": _terms(hit),
        "places": hit.places,
        "speakers": [] if title else _said_by(doc).get(st.index, []),
    }


def _terms(hit: Hit) -> list[dict]:
    """For each query term, the spellings it matched here with their best scores."""
    forms: dict[str, dict[str, float]] = {}
    for m in hit.matches:
        seen = forms.setdefault(m.term, {})
        seen[m.text] = max(seen.get(m.text, 0.0), m.score)
    return [
        {"term": term, "forms": [{"form": f, "score": s} for f, s in found.items()]}
        for term, found in forms.items()
    ]


def document_hit_record(group: DocumentHit) -> dict:
    return {
        **_about(group.document),
        "score": group.score,
        "hit_count": len(group.hits),
        "hits": [
            {k: v for k, v in hit_record(h).items() if k in ("statement_index", "statement", "score", "matches", "field")}
            for h in group.hits
        ],
    }


def explain_record(leaf: Leaf, index) -> dict:
    expansions = [_place_expansion(leaf, index)] if leaf.term.place else []
    for part in leaf.parts:
        for e in part.expansions:
            forms = index.surfaces.get(e.word, {}) if leaf.term.field in (None, "title") else {}
            expansions.append({
                "word": part.word,
                "entry": e.word,
                "forms": dict(sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))),
                "rule": e.rule,
                "distance": e.distance,
                "quality": e.quality,
                # for category:/source: terms the entry is a word of the field, not of the text
                "statements": len(set(index.postings[e.word])) if leaf.term.field in (None, "title") else None,
            })
    return {
        "term": str(leaf.term),
        "field": leaf.term.field,
        "negated": leaf.negated,
        "statements": len(leaf.weights),
        "documents": len(leaf.docs) if leaf.docs is not None else len({index.stmt_doc[g] for g in leaf.weights}),
        "expansions": expansions,
    }


def _place_expansion(leaf: Leaf, index) -> dict:
    """What a place's mentions in Arabic script stand for, as an expansion: how the text writes them."""
    from corpus_cli.language.arabic import is_arabic
    from corpus_cli.language.gazetteer import gazetteer
    from corpus_cli.language.places import find

    forms: dict[str, int] = {}
    for g in leaf.weights:
        for m in find(index.unit_text(g)):
            if m.place.id == leaf.term.place and is_arabic(m.text):
                forms[m.text] = forms.get(m.text, 0) + 1
    place = gazetteer().by_id(leaf.term.place)
    return {"word": leaf.term.bridge, "entry": place.name if place else leaf.term.place, "forms": dict(sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))),
            "rule": "the place in Arabic script", "distance": 0, "quality": 0.9, "statements": len(leaf.weights)}


def variant_record(v: Variant) -> dict:
    return {
        "form": v.form, "count": v.count, "folded": v.folded,
        "statements": v.statements, "rule": v.rule, "distance": v.distance,
    }


def kwic_record(line: Line) -> dict:
    doc, st = line.hit.document, line.hit.statement
    return {
        "id": doc.id,
        "date": doc.iso_date,
        "statement_index": st.index,
        "field": line.hit.field,
        "left": line.left,
        "match": line.match,
        "right": line.right,
        "start": line.start,
        "end": line.end,
    }


def statement_records(doc: Document):
    """One record per statement of a document (``export --statements``)."""
    said = _said_by(doc)
    named = _places_of(doc)
    for s in doc.statements:
        yield {
            "id": doc.id, "date": doc.iso_date, "title": doc.title, "category": doc.category,
            "type": doc.type, "source": doc.source, "statement_index": s.index, "statement": s.text,
            "start": s.start, "end": s.end, "places": named[s.index + 1], "speakers": said.get(s.index, []),
        }


def _places_of(doc: Document) -> list[list[str]]:
    """The names of the places the title and each statement name, as the index found them."""
    return unit_places(doc.title, [s.text for s in doc.statements])


def stats_record(stats: Stats) -> dict:
    return stats._asdict()
