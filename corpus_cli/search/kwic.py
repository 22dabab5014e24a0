"""Keyword in context: one line per occurrence of a query in the text.

The context comes from the whole body (or the title, for a title hit), so it
runs across statement boundaries; white space in it is folded to one space.
"""

from __future__ import annotations

from typing import NamedTuple

from corpus_cli.search.hits import Hit
from corpus_cli.language.text import fold, words


class Line(NamedTuple):
    hit: Hit
    left: str
    match: str
    right: str
    start: int  # offsets of the match in the body (or in the title)
    end: int


def _flat(text: str) -> str:
    return " ".join(text.split())


def lines(hits: list[Hit], width: int = 40) -> list[Line]:
    """Concordance lines in hit order; contexts hold at most ``width`` characters."""
    out = []
    for hit in hits:
        doc, st = hit.document, hit.statement
        source, offset = (doc.title, 0) if st.index is None else (doc.body, st.start)
        for start, end in _runs(source, offset, hit.matches):
            left = _flat(source[max(0, start - width - 20) : start])
            right = _flat(source[end : end + width + 20])
            if len(left) > width:  # cut, then drop the broken word
                left = left[len(left) - width :]
                left = left[left.find(" ") + 1 :] if " " in left else ""
            if len(right) > width:
                right = right[:width]
                right = right[: right.rfind(" ")] if " " in right else ""
            out.append(Line(hit, left, source[start:end], right, start, end))
    return out


def _runs(source: str, offset: int, matches) -> list[tuple[int, int]]:
    """The spans of the matches in ``source``, those that follow one another with only spaces
    between joined into one: the words of ``climate change`` next to each other are one line."""
    runs: list[list[int]] = []
    for m in sorted(matches, key=lambda m: m.start):
        start, end = offset + m.start, offset + m.end
        if runs and start >= runs[-1][1] and not source[runs[-1][1] : start].strip() and start - runs[-1][1] <= 3:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    return [(start, end) for start, end in runs]


def sort_lines(found: list[Line], by: str = "date") -> list[Line]:
    """Order lines by date (then place), by the words left or right of the match, or by score."""
    if by == "score":
        return list(found)
    if by == "left":
        return sorted(found, key=lambda ln: ([fold(w) for w in reversed(words(ln.left))], _place(ln)))
    if by == "right":
        return sorted(found, key=lambda ln: ([fold(w) for w in words(ln.right)], _place(ln)))
    return sorted(found, key=_place)


def _place(ln: Line):
    doc = ln.hit.document
    return (doc.datetime is None, doc.datetime or 0, doc.id, ln.start)
