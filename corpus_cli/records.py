"""Machine-readable records: the fixed keys of JSON, JSON Lines and CSV output.

These keys are a contract (documented in the README, pinned by tests): add
keys only at the end of a record, never rename or drop one.
"""

from __future__ import annotations

from dataclasses import asdict

from .corpus import Stats
from .document import Document
from .search import Hit

DOCUMENT_KEYS = (
    "id", "date", "title", "title_derived", "category", "type", "source",
    "word_count", "statement_count", "path",
)
FULL_DOCUMENT_KEYS = DOCUMENT_KEYS + ("body", "paragraphs", "statements")
HIT_KEYS = (
    "id", "date", "title", "category", "type", "statement_index", "statement",
    "statement_start", "statement_end", "score", "matches",
)
MATCH_KEYS = ("term", "text", "start", "end", "score")
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
        "statement_count": len(doc.spans),
        "path": doc.path,
    }


def full_document_record(doc: Document) -> dict:
    record = document_record(doc)
    record["body"] = doc.body
    record["paragraphs"] = doc.paragraphs
    record["statements"] = [
        {"index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in doc.statements
    ]
    return record


def hit_record(hit: Hit) -> dict:
    doc, st = hit.document, hit.statement
    return {
        "id": doc.id,
        "date": doc.iso_date,
        "title": doc.title,
        "category": doc.category,
        "type": doc.type,
        "statement_index": st.index,
        "statement": st.text,
        "statement_start": st.start,
        "statement_end": st.end,
        "score": hit.score,
        "matches": [
            {"term": m.term, "text": m.text, "start": m.start, "end": m.end, "score": m.score}
            for m in hit.matches
        ],
    }


def stats_record(stats: Stats) -> dict:
    return asdict(stats)
