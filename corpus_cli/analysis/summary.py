"""Summaries of a corpus: the counts of ``corpus stats`` and the accounting of ``corpus check``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import NamedTuple

from corpus_cli.ingest.files import kind_of


class Stats(NamedTuple):
    documents: int
    statements: int
    words: int
    first_date: str | None
    last_date: str | None
    undated: int
    per_year: dict[str, int]
    per_category: dict[str, int]
    per_type: dict[str, int]


class CheckSummary(NamedTuple):
    """What ``corpus check`` reports: files seen = indexed + skipped."""

    files: int
    indexed: int
    with_warnings: int
    skipped: int
    problems: list
    formats: dict  # per kind of file: files, documents, skipped files, fields left empty
    layouts: dict  # documents per layout (article, plain, record…)
    date_sources: dict  # documents per date source (field, filename, folder, dateline, none)
    coverage: dict  # words in the files, words indexed, their ratio, and the ratio per kind of file
    removed: dict  # per rule that took text out: documents and words
    low_coverage: list  # (path, words in the file, words indexed, words removed per rule) below LOW_COVERAGE
    passed_over: dict  # names in the folder not read, by why (junk, backups, other kinds)


LOW_COVERAGE = 0.9


def corpus_stats(index) -> Stats:
    """How many documents, statements and words, and per year, category and type."""
    live = index.live
    n = len(live)
    dated, dates, _ = index.by_date
    years = Counter(str(dt.date.fromordinal(m // 1440).year) for m in dates)
    return Stats(
        documents=n,
        statements=index.statement_total,
        words=sum(index.columns.doc_words[p] for p in live),
        first_date=index.documents[dated[0]].iso_date if dated else None,
        last_date=index.documents[dated[-1]].iso_date if dated else None,
        undated=n - len(dated),
        per_year=dict(sorted(years.items())),
        per_category=_by_count(index.category_of(p) or "(none)" for p in live),
        per_type=_by_count(index.type_of(p) for p in live),
    )


def check_summary(index, report) -> CheckSummary:
    """Every file accounted for: how many were indexed, read with warnings, skipped; and
    every word: text coverage (words indexed / words in the files), what rules removed."""
    skipped = {p.path for p in report.problems if p.skipped}
    warned = {p.path for p in report.problems if not p.skipped} - skipped
    layouts: Counter = Counter()
    sources: Counter = Counter()
    removed: dict[str, dict[str, int]] = {}
    per_file: dict[str, list[int]] = {}
    per_kind: dict[str, list[int]] = {}
    per_file_rules: dict[str, dict[str, int]] = {}
    for p in index.live:
        doc = index.documents[p]
        layouts[doc.layout] += 1
        sources[doc.date_source] += 1
        in_file = doc.file_words if doc.file_words is not None else doc.word_count
        indexed = min(doc.word_count, in_file)
        for counts in (per_file.setdefault(doc.path, [0, 0]), per_kind.setdefault(kind_of(doc.path) or "text", [0, 0])):
            counts[0] += in_file
            counts[1] += indexed
        rules = per_file_rules.setdefault(doc.path, {})
        for rule, n in doc.removed.items():
            rules[rule] = rules.get(rule, 0) + n
            entry = removed.setdefault(rule, {"documents": 0, "words": 0})
            entry["documents"] += 1
            entry["words"] += n
    words = sum(c[0] for c in per_kind.values())
    kept = sum(c[1] for c in per_kind.values())
    ratio = lambda c: round(c[1] / c[0], 4) if c[0] else 1.0  # noqa: E731
    return CheckSummary(
        files=report.files_seen,
        indexed=report.files_seen - len(skipped),
        with_warnings=len(warned),
        skipped=len(skipped),
        problems=list(report.problems),
        formats=dict(sorted(report.formats.items())),
        layouts=_most_first(layouts),
        date_sources=_most_first(sources),
        coverage={"words_in_files": words, "words_indexed": kept, "ratio": ratio((words, kept)),
                  "by_kind": {k: ratio(c) for k, c in sorted(per_kind.items())}},
        removed=dict(sorted(removed.items(), key=lambda kv: (-kv[1]["words"], kv[0]))),
        low_coverage=sorted(
            (path, c[0], c[1], per_file_rules[path]) for path, c in per_file.items() if c[0] and c[1] / c[0] < LOW_COVERAGE
        ),
        passed_over=_most_first(report.passed_over),
    )


def _by_count(values) -> dict[str, int]:
    return _most_first(Counter(values))


def _most_first(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
