"""The one gate for output: :class:`Output` writes every command's rows as a Rich table on a
terminal, plain text down a pipe, or JSON, JSON Lines or CSV for scripts.

Document text is data: it reaches Rich only inside ``Text`` objects (never
parsed as markup) and control characters are shown escaped, so a document
cannot restyle or drive the terminal. JSON and CSV keep the text exact.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
import tempfile
from typing import Callable, Iterable, TextIO

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

SPOOL_MEMORY = 16 << 20  # characters of machine output held in memory before the spool goes to a file

# Rich is imported only when a table is drawn, so machine formats start faster.
Table = Text = box = None


def _rich() -> None:
    global Table, Text, box
    if Table is None:
        from rich import box as _box
        from rich.table import Table as _Table
        from rich.text import Text as _Text

        Table, Text, box = _Table, _Text, _box


def cell_len(text: str) -> int:
    """The columns ``text`` takes on a terminal (wide scripts take two a character)."""
    if text.isascii() and text.isprintable():  # printable ASCII: a column a character
        return len(text)
    from rich.cells import cell_len as measure

    return measure(text)


# C0 and C1 control characters, DEL, and the bidirectional overrides that
# can reorder what a terminal shows.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str | None, *, keep_newlines: bool = False) -> str:
    """Text fit for a terminal: control characters shown as escapes."""
    if not text:
        return text or ""

    def escape(m: re.Match) -> str:
        c = m.group()
        if c == "\n":
            return "\n" if keep_newlines else " "
        if c == "\t":
            return "    " if keep_newlines else " "
        return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

    return _CONTROL.sub(escape, text)


class Output:
    """Where and how results are written."""

    def __init__(self, fmt: str = "table", stream: TextIO | None = None, csv_raw: bool = False):
        self.fmt = fmt
        self.stream = stream if stream is not None else sys.stdout
        self.csv_raw = csv_raw  # CSV cells exactly as the text has them, formulas and all
        self._console = None

    @property
    def console(self) -> "Console":
        if self._console is None:
            from rich.console import Console

            _rich()
            self._console = Console(file=self.stream, highlight=False, emoji=False, markup=False)
        return self._console

    @property
    def terminal(self) -> bool:
        return self.console.is_terminal

    # --- machine formats ----------------------------------------------------

    def records(self, keys: tuple[str, ...], rows: Iterable[dict]) -> None:
        """Records as JSON (one array), JSON Lines or CSV, written whole or not at all.

        They are made into a spool (memory, then a temporary file past :data:`SPOOL_MEMORY`) and
        copied out once the last is made: an error met while making them (damage in the index, an
        interrupt) leaves nothing half-written for a script to read as if it were all.
        """
        with tempfile.SpooledTemporaryFile(SPOOL_MEMORY, mode="w+", encoding="utf-8", errors="surrogatepass",
                                           newline="") as spool:
            self._records(spool, keys, rows)
            spool.seek(0)
            shutil.copyfileobj(spool, self.stream, 1 << 20)

    def _records(self, stream: TextIO, keys: tuple[str, ...], rows: Iterable[dict]) -> None:
        write = stream.write
        if self.fmt == "json":
            # One record per line inside the array: valid JSON, easy to read and
            # to grep, and written by json's C encoder (indenting would not be).
            first = True
            for row in rows:
                write(("[\n" if first else ",\n") + _json(row))
                first = False
            write("[]\n" if first else "\n]\n")
        elif self.fmt == "jsonl":
            for row in rows:
                write(_json(row) + "\n")
        elif self.fmt == "csv":
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(keys)
            cell = _csv_cell if self.csv_raw else _csv_safe_cell
            for row in rows:
                writer.writerow(cell(row[k]) for k in keys)
        elif self.fmt == "geojson":
            _geojson(write, keys, rows)
        else:  # pragma: no cover - guarded by the CLI's choices
            raise ValueError(self.fmt)

    def single(self, record: dict, keys: tuple[str, ...] | None = None) -> None:
        """A result that is one object: indented JSON, one JSON line, or a CSV header and one row."""
        if self.fmt == "json":
            self.stream.write(_json(record, indent=2) + "\n")
        elif self.fmt == "jsonl":
            self.stream.write(_json(record) + "\n")
        else:
            self.records(keys or tuple(record), [record])

    def emit(self, keys, rows, to_record: Callable, rich_view: Callable, plain_view: Callable) -> None:
        """Any format: records for machines, a view for people."""
        if self.fmt != "table":
            self.records(keys, (to_record(r) for r in rows))
        elif self.terminal:
            rich_view(self.console, rows)
        else:
            plain_view(self.stream.write, rows)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _geojson(write, keys: tuple[str, ...], rows: Iterable[dict]) -> None:
    """A GeoJSON FeatureCollection (RFC 7946) of records with ``latitude`` and ``longitude``: a
    point each (none where a record has no point), the other keys as its properties, a feature per line."""
    write('{"type": "FeatureCollection", "features": [')
    first = True
    for row in rows:
        lat, lon = row.get("latitude"), row.get("longitude")
        feature = {
            "type": "Feature",
            "id": row.get("id"),
            "geometry": {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None,
            "properties": {k: row[k] for k in keys if k not in ("latitude", "longitude")},
        }
        write(("\n" if first else ",\n") + _json(feature))
        first = False
    write("\n]}\n")


def _json(value, indent=None) -> str:
    """JSON text, UTF-8 safe: a lone surrogate (from bytes that were not text) is escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if not text.isascii() else text


def _csv_cell(value):
    if isinstance(value, (list, dict)):
        return _json(value)
    if value is None:
        return ""
    return value


# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(…),
# +cmd|' /C calc'!A0): such cells get a leading ' (OWASP's advice), unless --csv-raw.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe_cell(value):
    value = _csv_cell(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def columns(write, rows: list[tuple[str, ...]]) -> None:
    """Plain text columns separated by two spaces; the last is not padded."""
    if not rows:
        return
    widths = [max(cell_len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [c + " " * (w - cell_len(c)) for c, w in zip(row, widths)]
        write("  ".join(cells + [row[-1]]).rstrip() + "\n")


def count(n: int, noun: str) -> str:
    """``1 document``, ``2,600 documents``: a number and its noun, plural when it is not one."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
