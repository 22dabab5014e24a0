"""What every query needs, as arrays read once when an index is opened: each unit's document and
place, each document's date and fields; packed into the database's cache table and patched after
an update."""

from __future__ import annotations

import bisect
import json
import sqlite3
import sys
from array import array
from itertools import accumulate

from corpus_cli.index.base import PRECISION_CODES, TITLE, TYPES
from corpus_cli.index.schema import from_blob, keep, text_of


CACHE = "index-2"  # the cache entry; a new name whenever ARRAYS changes
ARRAYS = (("doc_rowids", "q"), ("doc_dates", "q"), ("doc_flags", "B"), ("doc_category", "H"), ("doc_source", "I"),
          ("doc_type", "B"), ("doc_words", "I"), ("first_unit", "q"), ("title_unit", "I"), ("stmt_length", "I"))
ROWS = ("SELECT id, doc_id, length(date), date_start, title_derived, category, source, type, word_count, "
        "statement_count, first_unit, unit_words FROM documents")
DOC_ARRAYS = ("doc_rowids", "doc_dates", "doc_flags", "doc_category", "doc_source", "doc_type", "doc_words", "first_unit")



def arrays_of(rows: list, categories: list[str] | None = None, sources: list[str] | None = None, units: int = 0) -> dict:
    """The arrays of these document rows (their units numbered from ``units``); names new to
    ``categories`` and ``sources`` are added to them."""
    categories = categories if categories is not None else [""]
    sources = sources if sources is not None else [""]
    for table, column in ((categories, 5), (sources, 6)):
        table.extend(sorted({r[column] for r in rows if r[column]} - set(table)))
    category_no = {c: i for i, c in enumerate(categories)}
    source_no = {s: i for i, s in enumerate(sources)}
    precision = {4: PRECISION_CODES["year"], 7: PRECISION_CODES["month"], 10: PRECISION_CODES["day"]}
    title_unit = array("I", accumulate((r[9] + 1 for r in rows), initial=units))
    title_unit.pop()
    return {
        "doc_rowids": array("q", (r[0] for r in rows)),
        "doc_ids": [text_of(r[1]) for r in rows],
        "doc_dates": array("q", (-1 if r[3] is None else r[3] for r in rows)),
        "doc_flags": array("B", ((1 if r[4] else 0) | (precision.get(r[2], PRECISION_CODES["minute"]) << 1 if r[2] else 0)
                                 for r in rows)),
        "categories": categories, "sources": sources,
        "doc_category": array("H", (category_no[r[5] or ""] for r in rows)),
        "doc_source": array("I", (source_no[r[6] or ""] for r in rows)),
        "doc_type": array("B", (TYPES.index(r[7]) if r[7] in TYPES else 0 for r in rows)),
        "doc_words": array("I", (r[8] for r in rows)),
        "first_unit": array("q", (r[10] for r in rows)),  # row id of each document's title unit
        "title_unit": title_unit,  # position of each document's title unit
        "stmt_length": from_blob(b"".join(r[11] for r in rows)),
    }


def patch_cache(db: sqlite3.Connection, before: int, deleted: set[int], first_new: int) -> None:
    """Carry the open cache of generation ``before`` over to the database as it is now: the
    documents ``deleted`` (row ids) taken out, those from row id ``first_new`` on added.

    Quietly nothing when there is no such cache: the next open makes it.
    """
    row = db.execute("SELECT generation, data FROM cache WHERE name = ?", (CACHE,)).fetchone()
    found = unpack(row[1], ARRAYS) if row is not None and row[0] == before else None
    if found is None:
        return
    rowids, title_unit, lengths = found["doc_rowids"], found["title_unit"], found["stmt_length"]
    gone = sorted(p for p in range(len(rowids)) if rowids[p] in deleted) if deleted else []
    bounds = list(title_unit) + [len(lengths)]
    counts = array("I", (bounds[p + 1] - bounds[p] for p in range(len(rowids))))
    if gone:  # keep the runs between the documents that went, as slices
        kept = [(a + 1, b) for a, b in zip([-1] + gone, gone + [len(rowids)]) if b > a + 1]
        for name in DOC_ARRAYS:
            found[name] = _runs(found[name], kept)
        found["doc_ids"] = [i for a, b in kept for i in found["doc_ids"][a:b]]
        found["stmt_length"] = _runs(lengths, [(bounds[a], bounds[b]) for a, b in kept])
        counts = _runs(counts, kept)
    found["title_unit"] = array("I", accumulate(counts, initial=0))
    found["title_unit"].pop()
    rows = db.execute(ROWS + " WHERE id >= ? ORDER BY id", (first_new,)).fetchall()
    if rows:
        added = arrays_of(rows, found["categories"], found["sources"], len(found["stmt_length"]))
        for name in (*DOC_ARRAYS, "title_unit", "stmt_length"):
            found[name].extend(added[name])
        found["doc_ids"].extend(added["doc_ids"])
    keep(db, CACHE, pack(found, ARRAYS))


def _runs(values: array, runs: list[tuple[int, int]]) -> array:
    out = array(values.typecode)
    for a, b in runs:
        out.extend(values[a:b])
    return out


class UnitDocuments:
    """The document (position) of each unit, found from where documents' units start."""

    def __init__(self, title_unit: array, count: int):
        self.title_unit, self.count = title_unit, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, g: int) -> int:
        if not 0 <= g < self.count:
            raise IndexError(g)
        return bisect.bisect_right(self.title_unit, g) - 1


class UnitPlaces(UnitDocuments):
    """The place of each unit in its document: TITLE, or its statement number."""

    def __getitem__(self, g: int) -> int:
        offset = g - self.title_unit[super().__getitem__(g)]
        return TITLE if offset == 0 else offset - 1


def pack(found: dict, arrays) -> bytes:
    """Arrays and lists of text as one blob: a JSON header, then the arrays' bytes (this machine's order)."""
    header = {"byteorder": sys.byteorder, "lengths": [len(found[name]) for name, _ in arrays],
              "doc_ids": found["doc_ids"], "categories": found["categories"], "sources": found["sources"]}
    head = json.dumps(header).encode("ascii")
    return len(head).to_bytes(8, "little") + head + b"".join(found[name].tobytes() for name, _ in arrays)


def unpack(blob: bytes, arrays) -> dict | None:
    size = int.from_bytes(blob[:8], "little")
    header = json.loads(blob[8 : 8 + size])
    if header["byteorder"] != sys.byteorder:
        return None
    found = {k: header[k] for k in ("doc_ids", "categories", "sources")}
    at = 8 + size
    for (name, code), length in zip(arrays, header["lengths"]):
        a = array(code)
        end = at + length * a.itemsize
        a.frombytes(blob[at:end])
        found[name], at = a, end
    return found
