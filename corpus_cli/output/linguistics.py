"""Views of the word lists, n-grams, collocates and keywords: a table of rows for people, the same
rows as records for machines (every number as a number)."""

from __future__ import annotations

from corpus_cli.output import render
from corpus_cli.output.render import Output, columns, count, safe

WORD_KEYS = ("word", "count", "documents", "per_million", "forms")
NGRAM_KEYS = ("ngram", "count", "documents", "per_million")
COLLOCATE_KEYS = ("word", "count", "left", "right", "frequency", "score")
KEYWORD_KEYS = ("word", "target", "reference", "target_per_million", "reference_per_million", "log_likelihood",
                "log_ratio")

# a column's heading in the table, for each key
HEADINGS = {
    "word": "Word", "ngram": "N-gram", "count": "Count", "documents": "Documents", "per_million": "Per million",
    "forms": "Written", "left": "Left", "right": "Right", "frequency": "Frequency", "target": "Target",
    "reference": "Reference", "target_per_million": "Target pm", "reference_per_million": "Reference pm",
    "log_likelihood": "LL", "log_ratio": "Log ratio",
}


def _cell(value, grouped: bool = True) -> str:
    """A value as text; ``grouped``: thousands separated (a table for people, not a pipe)."""
    comma = "," if grouped else ""
    if isinstance(value, dict):
        return "; ".join(f"{safe(form)} {n:{comma}}" for form, n in sorted(value.items(), key=lambda kv: (-kv[1], kv[0])))
    if isinstance(value, float):
        return f"{value:{comma}.3f}".rstrip("0").rstrip(".") if value == value else "-"
    if isinstance(value, int):
        return f"{value:{comma}}"
    return safe(value) if value is not None else "-"


def emit_rows(out: Output, rows: list, keys: tuple[str, ...], noun: str, score: str | None = None) -> None:
    """Rows (named tuples with ``keys``; a key whose values are all None is left out of the table).
    ``score`` names the association measure, as the heading of a ``score`` column."""
    shown = tuple(k for k in keys if any(getattr(r, k) is not None for r in rows)) or keys
    headings = [score if k == "score" and score else HEADINGS[k] for k in shown]

    def rich_view(console, found) -> None:
        table = render.Table(box=render.box.SIMPLE_HEAD, caption=count(len(found), noun))
        for k, heading in zip(shown, headings):
            table.add_column(heading, justify="left" if k in ("word", "ngram", "forms") else "right")
        for r in found:
            cells = [_cell(getattr(r, k)) for k in shown]
            table.add_row(render.Text(cells[0], style="bold"), *(render.Text(c) for c in cells[1:]))
        console.print(table)

    def plain_view(write, found) -> None:  # a line of headings: numbers without them say nothing
        if not found:
            return
        columns(write, [tuple(h.lower().replace(" ", "_") for h in headings)]
                + [tuple(_cell(getattr(r, k), grouped=False) for k in shown) for r in found])

    out.emit(keys, rows, lambda r: {k: getattr(r, k) for k in keys}, rich_view, plain_view)
