"""Views of what sums a corpus up: stats, check, timeline, places, speakers, dupes, the index
record and the export. Like :mod:`corpus_cli.output.results`, each ``emit_*`` goes through
:class:`~corpus_cli.output.render.Output`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus_cli.output import records, render
from corpus_cli.output.render import Output, columns, count, safe

if TYPE_CHECKING:
    from rich.console import Console

    from corpus_cli.api import Stats


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
        table = render.Table(title=title, box=render.box.SIMPLE_HEAD, show_header=False, title_justify="left")
        table.add_column(style="bold")
        table.add_column(justify="right")
        for g, key, value in rows:
            if g == group:
                table.add_row(render.Text(safe(key)), _fmt(value))
        console.print(table)


def _stats_plain(write, stats_list: list[Stats]) -> None:
    columns(write, [(group, safe(key), _fmt(value)) for group, key, value in _stats_rows(stats_list[0])])


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:,}" if isinstance(value, int) else str(value)


def emit_stats(out: Output, stats: Stats) -> None:
    """Stats are one record: a JSON object (not an array), one JSON line, or CSV rows."""
    if out.fmt == "csv":
        keys = ("group", "key", "value")
        out.records(keys, (dict(zip(keys, row)) for row in _stats_rows(stats)))
    elif out.fmt != "table":
        out.single(records.stats_record(stats))
    else:
        out.emit((), [stats], records.stats_record, _stats_rich, _stats_plain)


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
        out.single(record)
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
            f"{rule} {count(e['words'], 'word') + ' ' if e['words'] else ''}in {count(e['documents'], 'document')}"
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


def _timeline_rich(console, found, caption: str | None = None) -> None:
    periods, series, cell = _timeline_table(found)
    use_rate = found[0].rate is not None
    value = (lambda r: r.rate) if use_rate else (lambda r: r.count)
    top = max((value(r) for r in found), default=0) or 1
    table = render.Table(box=render.box.SIMPLE_HEAD, caption=caption if use_rate else None)
    table.add_column("Period", no_wrap=True)
    colours = ("cyan", "magenta", "green", "yellow", "blue", "red")
    for n, name in enumerate(series):
        table.add_column(render.Text(safe(name), style=colours[n % len(colours)]), no_wrap=True)
    for period in periods:
        cells = []
        for n, name in enumerate(series):
            r = cell[(period, name)]
            bar = render.Text("█" * round(value(r) / top * 30), style=colours[n % len(colours)])
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
    columns(write, rows)


def emit_timeline(out: Output, found, rate: str | None = None) -> None:
    """Rows (period, series, count, …) for machines; a bar chart or columns for people (``rate``:
    what the rates are per, the chart's caption)."""
    if out.fmt != "table":
        out.records(records.TIMELINE_KEYS, (r._asdict() for r in found))
    elif found and out.terminal:
        _timeline_rich(out.console, found, rate)
    elif found:
        _timeline_plain(out.stream.write, found)


# --- export ----------------------------------------------------------------------



# --- places ----------------------------------------------------------------------


def _places_rich(console, found) -> None:
    table = render.Table(box=render.box.SIMPLE_HEAD, caption=count(len(found), "place"))
    for name in ("Place", "Kind", "Country", "Documents", "Statements", "First", "Last", "Id"):
        table.add_column(name, justify="right" if name in ("Documents", "Statements") else "left")
    for p in found:
        table.add_row(render.Text(p.name, style="bold"), p.kind, p.country, f"{p.documents:,}", f"{p.statements:,}",
                      p.first_date or "-", p.last_date or "-", p.id)
    console.print(table)


def _places_plain(write, found) -> None:
    columns(write, [(p.name, p.kind, p.country, str(p.documents), str(p.statements), p.first_date or "-",
                     p.last_date or "-", p.id) for p in found])


def emit_places(out: Output, found) -> None:
    out.emit(records.PLACE_KEYS, found, lambda p: p._asdict(), _places_rich, _places_plain)


# --- speakers ----------------------------------------------------------------------


def _speakers_rich(console, found) -> None:
    table = render.Table(box=render.box.SIMPLE_HEAD, caption=count(len(found), "speaker"))
    for name in ("Speaker", "Role", "Documents", "Statements", "First", "Last", "Also written"):
        table.add_column(name, justify="right" if name in ("Documents", "Statements") else "left")
    for s in found:
        table.add_row(render.Text(safe(s.name), style="bold"), render.Text(safe("; ".join(s.roles))), f"{s.documents:,}",
                      f"{s.statements:,}", s.first_date or "-", s.last_date or "-", render.Text(safe("; ".join(s.aliases))))
    console.print(table)


def _speakers_plain(write, found) -> None:
    columns(write, [(safe(s.name), str(s.documents), str(s.statements), s.first_date or "-", s.last_date or "-",
                      safe("; ".join(s.roles)) or "-", safe("; ".join(s.aliases)) or "-") for s in found])


def emit_speakers(out: Output, found) -> None:
    out.emit(records.SPEAKER_KEYS, found, lambda s: s._asdict(), _speakers_rich, _speakers_plain)


# --- dupes -------------------------------------------------------------------------


def _cluster_record(index, n: int, cluster) -> dict:
    members = []
    for m in cluster.members:
        doc = index.documents[m.position]
        member = {"id": doc.id, "date": doc.iso_date, "title": doc.title, "similarity": m.similarity, "kind": m.kind}
        if m.statement is not None:
            member["statement_index"] = m.statement
            member["statement"] = doc.statement(m.statement).text
        members.append(member)
    return {"cluster": n, "size": len(members), "kind": cluster.kind, "members": members}


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
            kind = c["kind"] if m is c["members"][0] else m["kind"]
            rows.append((str(c["cluster"]), f"{m['similarity']:g}", kind, m["date"] or "undated", safe(where), safe(text)))
    columns(out.stream.write, rows)


INDEX_KEYS = ("folder", "documents", "files", "status", "changed", "seconds", "database", "bytes")


def emit_index(out: Output, record: dict) -> None:
    """What ``corpus index`` did: one object (``json``), one line or row, or two lines for people."""
    if out.fmt != "table":
        out.single(record, INDEX_KEYS)
        return
    n = record["changed"]
    what = {"built": "built", "cached": "up to date",
            "updated": f"updated ({n} changed file{'s' if n != 1 else ''})"}[record["status"]]
    write = out.stream.write
    write(f"{safe(record['folder'])}: {count(record['documents'], 'document')} from {count(record['files'], 'file')}, "
          f"{what} in {record['seconds']:.2f} s\n")
    if record["database"]:
        write(f"database: {safe(record['database'])} ({record['bytes'] / 1e6:,.1f} MB)\n")
