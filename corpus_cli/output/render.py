"""Rendering results: Rich tables on a terminal, plain text down a pipe,
JSON, JSON Lines or CSV for scripts.

Document text is data: it reaches Rich only inside ``Text`` objects (never
parsed as markup) and control characters are shown escaped, so a document
cannot restyle or drive the terminal. JSON and CSV keep the text exact.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from typing import Callable, Iterable, TextIO

from typing import TYPE_CHECKING

from corpus_cli.output import records
from corpus_cli.api import Stats, Variant
from corpus_cli.document import Document
from corpus_cli.search.kwic import Line
from corpus_cli.search.execute import DocumentHit, Hit, Leaf

if TYPE_CHECKING:
    from rich.console import Console

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
        """Stream records as JSON (one array), JSON Lines or CSV."""
        write = self.stream.write
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
            writer = csv.writer(self.stream, lineterminator="\n")
            writer.writerow(keys)
            cell = _csv_cell if self.csv_raw else _csv_safe_cell
            for row in rows:
                writer.writerow(cell(row[k]) for k in keys)
        else:  # pragma: no cover - guarded by the CLI's choices
            raise ValueError(self.fmt)

    def emit(self, keys, rows, to_record: Callable, rich_view: Callable, plain_view: Callable) -> None:
        """Any format: records for machines, a view for people."""
        if self.fmt != "table":
            self.records(keys, (to_record(r) for r in rows))
        elif self.terminal:
            rich_view(self.console, rows)
        else:
            plain_view(self.stream.write, rows)


_SURROGATE = re.compile("[\ud800-\udfff]")


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


def _columns(write, rows: list[tuple[str, ...]]) -> None:
    """Plain text columns separated by two spaces; the last is not padded."""
    if not rows:
        return
    widths = [max(cell_len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [c + " " * (w - cell_len(c)) for c, w in zip(row, widths)]
        write("  ".join(cells + [row[-1]]).rstrip() + "\n")


# --- documents ---------------------------------------------------------------

def _documents_rich(console: Console, docs: list[Document]) -> None:
    table = Table(box=box.SIMPLE_HEAD, caption=_count(len(docs), "document"))
    table.add_column("Date", no_wrap=True)
    table.add_column("ID", no_wrap=True, style="cyan")
    table.add_column("Category", style="magenta")
    table.add_column("Title", ratio=1)
    for d in docs:
        title = Text(safe(d.title), style="italic" if d.title_derived else "")
        table.add_row(Text(d.iso_date or "undated"), Text(safe(d.id)), Text(safe(d.category or "")), title)
    console.print(table)


def _documents_plain(write, docs: list[Document]) -> None:
    _columns(write, [(d.iso_date or "undated", safe(d.id), safe(d.category or "-"), safe(d.title)) for d in docs])


def emit_documents(out: Output, docs: list[Document]) -> None:
    out.emit(records.DOCUMENT_KEYS, docs, records.document_record, _documents_rich, _documents_plain)


def _meta(doc: Document) -> list[tuple[str, str]]:
    return [
        ("id", doc.id),
        ("date", (doc.iso_date or "undated") + f" ({doc.date_source})"),
        ("category", doc.category or "-"),
        ("type", doc.type),
        ("source", doc.source or "-"),
        ("words", str(doc.word_count)),
        ("statements", str(doc.statement_count)),
        ("path", doc.path),
    ]


def _full_rich(console: Console, docs: list[Document]) -> None:
    for n, doc in enumerate(docs):
        if n:
            console.rule()
        title = Text(safe(doc.title), style="bold")
        if doc.title_derived:
            title.append(" (title derived from the first sentence)", style="dim")
        console.print(title)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim")
        grid.add_column()
        for key, value in _meta(doc):
            grid.add_row(key, Text(safe(value)))
        console.print(grid)
        for paragraph in doc.paragraphs:
            console.print()
            console.print(Text(safe(paragraph)))


def _full_plain(write, docs: list[Document]) -> None:
    for n, doc in enumerate(docs):
        if n:
            write("\n" + "-" * 40 + "\n\n")
        write(safe(doc.title) + ("  (derived)" if doc.title_derived else "") + "\n")
        for key, value in _meta(doc):
            write(f"{key}: {safe(value)}\n")
        for paragraph in doc.paragraphs:
            write("\n" + safe(paragraph) + "\n")


def emit_full_documents(out: Output, docs: list[Document]) -> None:
    out.emit(records.FULL_DOCUMENT_KEYS, docs, records.full_document_record, _full_rich, _full_plain)


# --- search hits -------------------------------------------------------------

def _highlighted(hit: Hit) -> Text:
    text = Text(safe(hit.statement.text))
    for m in hit.matches:
        text.stylize("bold yellow", m.start, m.end)
    return text


def _where(hit: Hit) -> str:
    return safe(f"{hit.document.id}#{'title' if hit.statement.index is None else hit.statement.index}")


def _results_table(caption: str, last: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, caption=caption, show_lines=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Document", ratio=1)
    table.add_column(last, ratio=2)
    return table


def _document_cell(where: str, doc: Document, note: str = "") -> Text:
    cell = Text()
    cell.append(where, style="cyan")
    if note:
        cell.append(f"  {note}", style="dim")
    cell.append("\n" + safe(doc.title), style="italic" if doc.title_derived else "bold")
    return cell


def _hits_rich(console: Console, hits: list[Hit]) -> None:
    docs = len({h.document.id for h in hits})
    table = _results_table(f"{_count(len(hits), 'hit')} in {_count(docs, 'document')}", "Statement")
    for h in hits:
        table.add_row(f"{h.score:.2f}", h.document.iso_date or "undated", _document_cell(_where(h), h.document), _highlighted(h))
    console.print(table)


def _hits_plain(write, hits: list[Hit]) -> None:
    """score, date, id#statement, the document's title (cut to 40 characters), the statement."""
    from corpus_cli.language.text import shorten

    _columns(
        write,
        [
            (f"{h.score:.2f}", h.document.iso_date or "undated", _where(h),
             "-" if h.statement.index is None else safe(shorten(h.document.title, 40)), safe(h.statement.text))
            for h in hits
        ],
    )


def emit_hits(out: Output, hits: list[Hit]) -> None:
    out.emit(records.HIT_KEYS, hits, records.hit_record, _hits_rich, _hits_plain)


def _groups_rich(console: Console, groups: list[DocumentHit]) -> None:
    table = _results_table(_count(len(groups), "document"), "Best hit")
    for g in groups:
        cell = _document_cell(safe(g.document.id), g.document, _count(len(g.hits), "hit"))
        table.add_row(f"{g.score:.2f}", g.document.iso_date or "undated", cell, _highlighted(g.hits[0]))
    console.print(table)


def _groups_plain(write, groups: list[DocumentHit]) -> None:
    _columns(
        write,
        [
            (f"{g.score:.2f}", g.document.iso_date or "undated", safe(g.document.id), _count(len(g.hits), "hit"), safe(g.document.title))
            for g in groups
        ],
    )


def emit_document_hits(out: Output, groups: list[DocumentHit]) -> None:
    out.emit(records.DOCUMENT_HIT_KEYS, groups, records.document_hit_record, _groups_rich, _groups_plain)


EXPLAIN_COLUMNS = ("term", "hits", "word", "entry", "spellings", "rule", "edits", "statements")


def _explain_rows(leaves: list[Leaf], index) -> list[tuple[str, ...]]:
    """One row per vocabulary entry; the term and its hits on the first row of each term."""
    rows = []
    for leaf in leaves:
        rec = records.explain_record(leaf, index)
        term = ("-" if leaf.negated else "") + rec["term"]
        if leaf.term.field in (None, "title"):
            hits = _count(rec["statements"], "statement")
        else:
            hits = _count(rec["documents"], "document")
        if not rec["expansions"]:
            rows.append((term, hits, "", "(no match)", "", "", "", ""))
        for e in rec["expansions"]:
            forms = ", ".join(f"{f} ×{c}" for f, c in list(e["forms"].items())[:4])
            statements = "-" if e["statements"] is None else str(e["statements"])
            rows.append((term, hits, e["word"], e["entry"], safe(forms), e["rule"], str(e["distance"]), statements))
            term = hits = ""
    return rows


def emit_explain(out: Output, leaves: list[Leaf], index) -> None:
    """How each query term was read: the entries it expanded to and why."""
    if out.fmt != "table":
        out.records(records.EXPLAIN_KEYS, (records.explain_record(lf, index) for lf in leaves))
        return
    rows = _explain_rows(leaves, index)
    if out.terminal:
        table = Table(title="How the query was read", box=box.SIMPLE_HEAD, title_justify="left")
        for name in EXPLAIN_COLUMNS:
            table.add_column(name.capitalize(), justify="right" if name in ("edits", "statements") else "left")
        for row in rows:
            table.add_row(*(Text(c) for c in row))
        out.console.print(table)
    else:
        _columns(out.stream.write, [EXPLAIN_COLUMNS] + rows)
        out.stream.write("\n")


def _variants_rich(console: Console, found: list[Variant]) -> None:
    table = Table(box=box.SIMPLE_HEAD, caption=_count(len(found), "spelling"))
    for name in ("Spelling", "Count", "Statements", "Rule", "Edits"):
        table.add_column(name, justify="right" if name in ("Count", "Statements", "Edits") else "left")
    for v in found:
        table.add_row(Text(safe(v.form), style="bold"), str(v.count), str(v.statements), v.rule, str(v.distance))
    console.print(table)


def _variants_plain(write, found: list[Variant]) -> None:
    _columns(write, [(safe(v.form), str(v.count), str(v.statements), v.rule, str(v.distance)) for v in found])


def emit_variants(out: Output, found: list[Variant]) -> None:
    out.emit(records.VARIANT_KEYS, found, records.variant_record, _variants_rich, _variants_plain)


def _kwic_rows(found: list[Line]) -> list[tuple[str, str, str, str]]:
    return [(_where(ln.hit), safe(ln.left), safe(ln.match), safe(ln.right)) for ln in found]


def _kwic_rich(console: Console, found: list[Line]) -> None:
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True, overflow="crop")
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, overflow="crop")
    for where, left, match, right in _kwic_rows(found):
        table.add_row(Text(where, style="cyan"), Text(left), Text(match, style="bold yellow"), Text(right))
    console.print(table)


def _kwic_plain(write, found: list[Line]) -> None:
    rows = _kwic_rows(found)
    if not rows:
        return
    where = max(cell_len(r[0]) for r in rows)
    left = max(cell_len(r[1]) for r in rows)
    match = max(cell_len(r[2]) for r in rows)
    for w, lft, m, rgt in rows:
        line = f"{w}{' ' * (where - cell_len(w))}  {' ' * (left - cell_len(lft))}{lft}  {m}{' ' * (match - cell_len(m))}  {rgt}"
        write(line.rstrip() + "\n")


def emit_kwic(out: Output, found: list[Line]) -> None:
    out.emit(records.KWIC_KEYS, found, records.kwic_record, _kwic_rich, _kwic_plain)


# --- stats ---------------------------------------------------------------------

def _stats_rows(stats: Stats) -> list[tuple[str, str, object]]:
    rows: list[tuple[str, str, object]] = [
        ("total", key, getattr(stats, key))
        for key in ("documents", "statements", "words", "first_date", "last_date", "undated")
    ]
    rows += [("year", k, v) for k, v in stats.per_year.items()]
    rows += [("category", k, v) for k, v in stats.per_category.items()]
    rows += [("type", k, v) for k, v in stats.per_type.items()]
    return rows


def _stats_rich(console: Console, stats_list: list[Stats]) -> None:
    stats = stats_list[0]
    titles = {"total": "Corpus", "year": "Per year", "category": "Per category", "type": "Per type"}
    rows = _stats_rows(stats)
    for group, title in titles.items():
        table = Table(title=title, box=box.SIMPLE_HEAD, show_header=False, title_justify="left")
        table.add_column(style="bold")
        table.add_column(justify="right")
        for g, key, value in rows:
            if g == group:
                table.add_row(Text(safe(key)), _fmt(value))
        console.print(table)


def _stats_plain(write, stats_list: list[Stats]) -> None:
    _columns(write, [(group, safe(key), _fmt(value)) for group, key, value in _stats_rows(stats_list[0])])


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:,}" if isinstance(value, int) else str(value)


def emit_stats(out: Output, stats: Stats) -> None:
    """Stats are one record: a JSON object (not an array), one JSON line, or CSV rows."""
    if out.fmt == "json":
        out.stream.write(_json(records.stats_record(stats), indent=2) + "\n")
    elif out.fmt == "jsonl":
        out.stream.write(_json(records.stats_record(stats)) + "\n")
    elif out.fmt == "csv":
        writer = csv.writer(out.stream, lineterminator="\n")
        writer.writerow(("group", "key", "value"))
        cell = _csv_cell if out.csv_raw else _csv_safe_cell
        writer.writerows([cell(v) for v in row] for row in _stats_rows(stats))
    else:
        out.emit((), [stats], records.stats_record, _stats_rich, _stats_plain)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


# --- check ---------------------------------------------------------------------


def emit_check(out: Output, summary, root) -> None:
    """The problems, one per line, what was read and how, and the summary line; as JSON an object."""
    import os

    line = (
        f"{summary.files:,} file{'s' if summary.files != 1 else ''}: {summary.indexed:,} indexed, "
        f"{summary.with_warnings:,} with warnings, {summary.skipped:,} skipped"
    )
    rows = [{"path": p.path, "what": p.what, "action": p.action, "skipped": p.skipped} for p in summary.problems]
    if out.fmt == "json":
        record = {
            "files": summary.files, "indexed": summary.indexed, "with_warnings": summary.with_warnings,
            "skipped": summary.skipped, "problems": rows, "formats": summary.formats,
            "layouts": summary.layouts, "date_sources": summary.date_sources, "coverage": summary.coverage,
            "removed": summary.removed,
            "low_coverage": [
                {"path": p, "words_in_file": w, "words_indexed": k, "removed": r} for p, w, k, r in summary.low_coverage
            ],
            "passed_over": summary.passed_over,
        }
        out.stream.write(_json(record, indent=2) + "\n")
        return
    if out.fmt in ("jsonl", "csv"):
        out.records(records.CHECK_KEYS, rows)
        return
    write = out.stream.write
    where = lambda path: safe(os.path.relpath(path, root) if root else path)  # noqa: E731
    for p in sorted(summary.problems, key=lambda p: (p.path, p.what)):
        write(f"{where(p.path)}: {safe(p.what)} ({safe(p.action)})\n")
    for text in _check_lines(summary):
        write(text + "\n")
    for path, words, kept, rules in summary.low_coverage:
        why = "".join(f"; {rule} {n:,}" for rule, n in rules.items() if n)
        write(f"  {where(path)}: {kept / words:.3f} ({kept:,} of {words:,} words{why})\n")
    if len(summary.formats) > 1 or any(k != "text" for k in summary.formats):
        for kind, entry in summary.formats.items():
            write(_format_line(kind, entry) + "\n")
    write(line + "\n")


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n:,}" for name, n in counts.items())


def _check_lines(summary) -> list[str]:
    """How the documents were read: layouts, date sources, text coverage, what rules removed, what was passed over."""
    lines = []
    if summary.layouts:
        lines.append(f"layouts: {_counts(summary.layouts)}")
        lines.append(f"dates from: {_counts(summary.date_sources)}")
        cov = summary.coverage
        kinds = "; ".join(f"{k} {r:.3f}" for k, r in cov["by_kind"].items())
        lines.append(f"text coverage: {cov['ratio']:.3f} ({cov['words_indexed']:,} of {cov['words_in_files']:,} words "
                     f"indexed; by kind: {kinds})")
    if summary.removed:
        lines.append("removed by rule: " + ", ".join(
            f"{rule} {_count(e['words'], 'word') + ' ' if e['words'] else ''}in {_count(e['documents'], 'document')}"
            for rule, e in summary.removed.items()))
    if summary.passed_over:
        lines.append("passed over: " + ", ".join(f"{n:,} {why}" for why, n in summary.passed_over.items()))
    if summary.low_coverage:
        lines.append(f"files below 0.9 text coverage: {len(summary.low_coverage):,}")
    return lines


def _format_line(kind: str, entry: dict) -> str:
    """``csv: 1 file, 3 documents; not filled: title 3, url 3``."""
    files = entry.get("files", 0)
    text = f"{kind}: {files:,} file{'s' if files != 1 else ''}, {entry['documents']:,} document{'s' if entry['documents'] != 1 else ''}"
    if entry.get("skipped files"):
        text += f", {entry['skipped files']:,} skipped"
    unfilled = {k: v for k, v in entry.get("unfilled", {}).items() if k in ("date", "title")}
    others = {k: v for k, v in entry.get("unfilled", {}).items() if k not in unfilled}
    if unfilled or others:
        text += "; not filled: " + ", ".join(f"{k} {v:,}" for k, v in {**unfilled, **others}.items())
    return text


# --- timeline --------------------------------------------------------------------


def _timeline_table(found) -> tuple[list[str], list[str], dict]:
    periods = list(dict.fromkeys(r.period for r in found))
    series = list(dict.fromkeys(r.series for r in found))
    cell = {(r.period, r.series): r for r in found}
    return periods, series, cell


def _timeline_rich(console, found) -> None:
    periods, series, cell = _timeline_table(found)
    use_rate = found[0].rate is not None
    value = (lambda r: r.rate) if use_rate else (lambda r: r.count)
    top = max((value(r) for r in found), default=0) or 1
    table = Table(box=box.SIMPLE_HEAD, caption="per 1,000 statements" if use_rate else None)
    table.add_column("Period", no_wrap=True)
    colours = ("cyan", "magenta", "green", "yellow", "blue", "red")
    for n, name in enumerate(series):
        table.add_column(Text(safe(name), style=colours[n % len(colours)]), no_wrap=True)
    for period in periods:
        cells = []
        for n, name in enumerate(series):
            r = cell[(period, name)]
            bar = Text("█" * round(value(r) / top * 30), style=colours[n % len(colours)])
            bar.append(f" {value(r):,}" if not use_rate else f" {r.rate:g}")
            cells.append(bar)
        table.add_row(period, *cells)
    console.print(table)


def _timeline_plain(write, found) -> None:
    periods, series, cell = _timeline_table(found)
    use_rate = found[0].rate is not None if found else False
    header = ("period", *(safe(s) for s in series))
    rows = [header]
    for period in periods:
        rows.append((period, *(f"{cell[(period, s)].rate:g}" if use_rate else str(cell[(period, s)].count) for s in series)))
    _columns(write, rows)


def emit_timeline(out: Output, found) -> None:
    """Rows (period, series, count, …) for machines; a bar chart or columns for people."""
    if out.fmt != "table":
        out.records(records.TIMELINE_KEYS, (r._asdict() for r in found))
    elif found and out.terminal:
        _timeline_rich(out.console, found)
    elif found:
        _timeline_plain(out.stream.write, found)


# --- export ----------------------------------------------------------------------


def emit_export(out: Output, docs, statements: bool) -> None:
    """The documents (or their statements) as records, streamed; ``table`` means JSON Lines."""
    if out.fmt == "table":
        out.fmt = "jsonl"
    if statements:
        out.records(records.STATEMENT_KEYS, (r for d in docs for r in records.statement_records(d)))
    else:
        out.records(records.FULL_DOCUMENT_KEYS, (records.full_document_record(d) for d in docs))


# --- places ----------------------------------------------------------------------


def _places_rich(console, found) -> None:
    table = Table(box=box.SIMPLE_HEAD, caption=_count(len(found), "place"))
    for name in ("Place", "Kind", "Documents", "Statements", "First", "Last"):
        table.add_column(name, justify="right" if name in ("Documents", "Statements") else "left")
    for p in found:
        table.add_row(Text(p.name, style="bold"), p.kind, f"{p.documents:,}", f"{p.statements:,}", p.first_date or "-", p.last_date or "-")
    console.print(table)


def _places_plain(write, found) -> None:
    _columns(write, [(p.name, p.kind, str(p.documents), str(p.statements), p.first_date or "-", p.last_date or "-") for p in found])


def emit_places(out: Output, found) -> None:
    out.emit(records.PLACE_KEYS, found, lambda p: p._asdict(), _places_rich, _places_plain)


# --- speakers ----------------------------------------------------------------------


def _speakers_rich(console, found) -> None:
    table = Table(box=box.SIMPLE_HEAD, caption=_count(len(found), "speaker"))
    for name in ("Speaker", "Role", "Documents", "Statements", "First", "Last"):
        table.add_column(name, justify="right" if name in ("Documents", "Statements") else "left")
    for s in found:
        table.add_row(Text(safe(s.name), style="bold"), Text(safe("; ".join(s.roles))), f"{s.documents:,}",
                      f"{s.statements:,}", s.first_date or "-", s.last_date or "-")
    console.print(table)


def _speakers_plain(write, found) -> None:
    _columns(write, [(safe(s.name), str(s.documents), str(s.statements), s.first_date or "-", s.last_date or "-",
                      safe("; ".join(s.roles)) or "-") for s in found])


def emit_speakers(out: Output, found) -> None:
    out.emit(records.SPEAKER_KEYS, found, lambda s: s._asdict(), _speakers_rich, _speakers_plain)


# --- dupes -------------------------------------------------------------------------


def _cluster_record(index, n: int, cluster) -> dict:
    members = []
    for m in cluster.members:
        doc = index.documents[m.position]
        member = {"id": doc.id, "date": doc.iso_date, "title": doc.title, "similarity": m.similarity}
        if m.statement is not None:
            member["statement_index"] = m.statement
            member["statement"] = doc.statement(m.statement).text
        members.append(member)
    return {"cluster": n, "size": len(members), "members": members}


def emit_dupes(out: Output, index, found) -> None:
    """One record per cluster for machines; for people, the members under each cluster's number."""
    numbered = [_cluster_record(index, n, c) for n, c in enumerate(found, 1)]
    if out.fmt != "table":
        out.records(records.CLUSTER_KEYS, numbered)
        return
    rows = []
    for c in numbered:
        for m in c["members"]:
            where = m["id"] + (f"#{m['statement_index']}" if "statement_index" in m else "")
            text = m.get("statement", m["title"])
            rows.append((str(c["cluster"]), f"{m['similarity']:g}", m["date"] or "undated", safe(where), safe(text)))
    _columns(out.stream.write, rows)


INDEX_KEYS = ("folder", "documents", "files", "status", "changed", "seconds", "database", "bytes")


def emit_index(out: Output, record: dict) -> None:
    """What ``corpus index`` did: one object (``json``), one line or row, or two lines for people."""
    if out.fmt == "json":
        out.stream.write(_json(record, indent=2) + "\n")
        return
    if out.fmt != "table":
        out.records(INDEX_KEYS, [record])
        return
    n = record["changed"]
    what = {"built": "built", "cached": "up to date",
            "updated": f"updated ({n} changed file{'s' if n != 1 else ''})"}[record["status"]]
    write = out.stream.write
    write(f"{safe(record['folder'])}: {_count(record['documents'], 'document')} from {_count(record['files'], 'file')}, "
          f"{what} in {record['seconds']:.2f} s\n")
    if record["database"]:
        write(f"database: {safe(record['database'])} ({record['bytes'] / 1e6:,.1f} MB)\n")
