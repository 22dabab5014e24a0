"""Views of what a query or a listing found: documents, hits, the explanation, variants, kwic lines.

Each ``emit_*`` hands rows to :class:`~corpus_cli.output.render.Output`, which writes them as
records (JSON, JSON Lines, CSV) or draws them (a Rich table on a terminal, plain columns down a pipe).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus_cli.output import records, render
from corpus_cli.output.render import Output, cell_len, columns, count, safe

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text
    from rich.table import Table

    from corpus_cli.api import Variant
    from corpus_cli.document import Document
    from corpus_cli.search.execute import Leaf
    from corpus_cli.search.hits import DocumentHit, Hit
    from corpus_cli.search.kwic import Line


# --- documents ---------------------------------------------------------------

def _documents_rich(console: Console, docs: list[Document]) -> None:
    table = render.Table(box=render.box.SIMPLE_HEAD, caption=count(len(docs), "document"))
    table.add_column("Date", no_wrap=True)
    table.add_column("ID", no_wrap=True, style="cyan")
    table.add_column("Category", style="magenta")
    table.add_column("Title", ratio=1)
    for d in docs:
        title = render.Text(safe(d.title), style="italic" if d.title_derived else "")
        table.add_row(render.Text(d.iso_date or "undated"), render.Text(safe(d.id)), render.Text(safe(d.category or "")), title)
    console.print(table)


def _documents_plain(write, docs: list[Document]) -> None:
    columns(write, [(d.iso_date or "undated", safe(d.id), safe(d.category or "-"), safe(d.title)) for d in docs])


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
        title = render.Text(safe(doc.title), style="bold")
        if doc.title_derived:
            title.append(" (title derived from the first sentence)", style="dim")
        console.print(title)
        grid = render.Table.grid(padding=(0, 2))
        grid.add_column(style="dim")
        grid.add_column()
        for key, value in _meta(doc):
            grid.add_row(key, render.Text(safe(value)))
        console.print(grid)
        for paragraph in doc.paragraphs:
            console.print()
            console.print(render.Text(safe(paragraph)))


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
    text = render.Text(safe(hit.statement.text))
    for m in hit.matches:
        text.stylize("bold yellow", m.start, m.end)
    return text


def _where(hit: Hit) -> str:
    return safe(f"{hit.document.id}#{'title' if hit.statement.index is None else hit.statement.index}")


def _results_table(caption: str, last: str) -> Table:
    table = render.Table(box=render.box.SIMPLE_HEAD, caption=caption, show_lines=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Document", ratio=1)
    table.add_column(last, ratio=2)
    return table


def _document_cell(where: str, doc: Document, note: str = "") -> Text:
    cell = render.Text()
    cell.append(where, style="cyan")
    if note:
        cell.append(f"  {note}", style="dim")
    cell.append("\n" + safe(doc.title), style="italic" if doc.title_derived else "bold")
    return cell


def _hits_rich(console: Console, hits: list[Hit]) -> None:
    docs = len({h.document.id for h in hits})
    table = _results_table(f"{count(len(hits), 'hit')} in {count(docs, 'document')}", "Statement")
    for h in hits:
        table.add_row(f"{h.score:.2f}", h.document.iso_date or "undated", _document_cell(_where(h), h.document), _highlighted(h))
    console.print(table)


def _hits_plain(write, hits: list[Hit]) -> None:
    """score, date, id#statement, the document's title (cut to 40 characters), the statement."""
    from corpus_cli.language.text import shorten

    columns(
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
    table = _results_table(count(len(groups), "document"), "Best hit")
    for g in groups:
        cell = _document_cell(safe(g.document.id), g.document, count(len(g.hits), "hit"))
        table.add_row(f"{g.score:.2f}", g.document.iso_date or "undated", cell, _highlighted(g.hits[0]))
    console.print(table)


def _groups_plain(write, groups: list[DocumentHit]) -> None:
    columns(
        write,
        [
            (f"{g.score:.2f}", g.document.iso_date or "undated", safe(g.document.id), count(len(g.hits), "hit"), safe(g.document.title))
            for g in groups
        ],
    )


def emit_document_hits(out: Output, groups: list[DocumentHit]) -> None:
    out.emit(records.DOCUMENT_HIT_KEYS, groups, records.document_hit_record, _groups_rich, _groups_plain)


EXPLAIN_COLUMNS = ("term", "hits", "word", "entry", "spellings", "rule", "edits", "statements")


def _explain_rows(leaves: list[Leaf], index) -> list[tuple[str, ...]]:
    """One row per vocabulary entry; the term and its hits on the first row of each term. The
    spellings of a place in another script that match nothing are one row, counted."""
    rows = []
    unmatched: dict[str, int] = {}  # what a bridged term stands for -> its spellings that matched nothing
    for leaf in leaves:
        if leaf.term.bridge and not leaf.weights and not leaf.negated:
            unmatched[leaf.term.bridge] = unmatched.get(leaf.term.bridge, 0) + 1
            continue
        rec = records.explain_record(leaf, index)
        term = ("-" if leaf.negated else "") + rec["term"]
        if leaf.term.field in (None, "title"):
            hits = count(rec["statements"], "statement")
        else:
            hits = count(rec["documents"], "document")
        if not rec["expansions"]:
            rows.append((term, hits, "", "(no match)", "", "", "", ""))
        for e in rec["expansions"]:
            forms = ", ".join(f"{f} ×{c}" for f, c in list(e["forms"].items())[:4])
            statements = "-" if e["statements"] is None else str(e["statements"])
            rows.append((term, hits, e["word"], e["entry"], safe(forms), e["rule"], str(e["distance"]), statements))
            term = hits = ""
    for bridge, n in unmatched.items():
        rows.append((f"… ← {bridge}", "0 statements", "", f"({count(n, 'other spelling')}: no match)", "", "", "", ""))
    return rows


def emit_explain(out: Output, leaves: list[Leaf], index) -> None:
    """How each query term was read: the entries it expanded to and why."""
    if out.fmt != "table":
        out.records(records.EXPLAIN_KEYS, (records.explain_record(lf, index) for lf in leaves))
        return
    rows = _explain_rows(leaves, index)
    if out.terminal:
        table = render.Table(title="How the query was read", box=render.box.SIMPLE_HEAD, title_justify="left")
        for name in EXPLAIN_COLUMNS:
            table.add_column(name.capitalize(), justify="right" if name in ("edits", "statements") else "left")
        for row in rows:
            table.add_row(*(render.Text(c) for c in row))
        out.console.print(table)
    else:
        columns(out.stream.write, [EXPLAIN_COLUMNS] + rows)
        out.stream.write("\n")


def _variants_rich(console: Console, found: list[Variant]) -> None:
    table = render.Table(box=render.box.SIMPLE_HEAD, caption=count(len(found), "spelling"))
    for name in ("Spelling", "Count", "Statements", "Rule", "Edits"):
        table.add_column(name, justify="right" if name in ("Count", "Statements", "Edits") else "left")
    for v in found:
        table.add_row(render.Text(safe(v.form), style="bold"), str(v.count), str(v.statements), v.rule, str(v.distance))
    console.print(table)


def _variants_plain(write, found: list[Variant]) -> None:
    columns(write, [(safe(v.form), str(v.count), str(v.statements), v.rule, str(v.distance)) for v in found])


def emit_variants(out: Output, found: list[Variant]) -> None:
    out.emit(records.VARIANT_KEYS, found, records.variant_record, _variants_rich, _variants_plain)


def _kwic_rows(found: list[Line]) -> list[tuple[str, str, str, str]]:
    return [(_where(ln.hit), safe(ln.left), safe(ln.match), safe(ln.right)) for ln in found]


def _kwic_rich(console: Console, found: list[Line]) -> None:
    table = render.Table(box=None, show_header=False, pad_edge=False)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True, overflow="crop")
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, overflow="crop")
    for where, left, match, right in _kwic_rows(found):
        table.add_row(render.Text(where, style="cyan"), render.Text(left), render.Text(match, style="bold yellow"), render.Text(right))
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


def emit_export(out: Output, docs, statements: bool) -> None:
    """The documents (or their statements) as records, streamed; ``table`` means JSON Lines."""
    if out.fmt == "table":
        out.fmt = "jsonl"
    if statements:
        out.records(records.STATEMENT_KEYS, (r for d in docs for r in records.statement_records(d)))
    else:
        out.records(records.FULL_DOCUMENT_KEYS, (records.full_document_record(d) for d in docs))
