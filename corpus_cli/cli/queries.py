"""Commands that take a query: search, kwic, variants and timeline."""

from __future__ import annotations

import click

from corpus_cli.analysis import TIMELINE_BY
from corpus_cli.cli.group import cli
from corpus_cli.cli.options import (
    EXIT_NO_RESULTS, EXIT_OK, QUERY_HELP, common_options, filter_options, fuzziness_option, limit_option, more,
    open_source, output, page, query_options, report_hidden,
)
from corpus_cli.search import KWIC_SORTS

@cli.command("search", epilog=QUERY_HELP)
@common_options
@click.argument("query")
@filter_options(documents=True)
@limit_option
@click.option("--min-score", type=float, metavar="S", help="Only hits scoring at least S.")
@query_options
@click.option("--docs", "by_document", is_flag=True, help="One result per document, with its hits.")
@click.option("--explain", is_flag=True, help="Show what each query term matched and why.")
def search_cmd(data, fmt, query, filters, limit, min_score, fuzziness, exact, any_word, by_document, explain):
    """Find the statements that match QUERY, best first.

    Titles are searched too (a title hit has no statement number). With
    --explain, json, jsonl and csv give the explanation instead of hits.

    \b
    Examples:
      corpus search Aleppo
      corpus search '"Maarat al-Numan"' --since 2019
      corpus search 'title:Idlib Aleppo OR Hama' --explain
      corpus search Idlib --json | jq '.[].id'
    """
    from corpus_cli.output.results import emit_document_hits, emit_explain, emit_hits
    from corpus_cli.search.hits import group_by_document

    corpus = open_source(data)
    out = output(fmt)
    limit = page(out, limit, 3)
    result = corpus.find(
        query, filters, limit=None if by_document else limit, min_score=min_score, fuzziness=fuzziness, exact=exact,
        any_word=any_word,
    )
    report_hidden(corpus)
    if explain:
        emit_explain(out, result.leaves, corpus.index)
        if fmt != "table":
            return EXIT_OK if result.hits else EXIT_NO_RESULTS
    if by_document:
        groups = group_by_document(result.hits)
        emit_document_hits(out, groups[:limit] if limit is not None else groups)
        if out.fmt == "table":
            more(min(len(groups), limit or len(groups)), len(groups), "document")
    else:
        emit_hits(out, result.hits)
        if out.fmt == "table":
            more(len(result.hits), result.total, "hit")
    return EXIT_OK if result.hits else EXIT_NO_RESULTS


@cli.command("kwic", epilog=QUERY_HELP)
@common_options
@click.argument("query")
@filter_options(documents=True)
@limit_option
@query_options
@click.option("--width", "-w", type=click.IntRange(min=0), default=40, show_default=True, help="Characters of context each side.")
@click.option(
    "--sort",
    type=click.Choice(KWIC_SORTS),
    default="date",
    show_default=True,
    help="Order: by date, by the words left or right of the match, or by score.",
)
def kwic_cmd(data, fmt, query, filters, limit, fuzziness, exact, any_word, width, sort):
    """Keyword in context: every occurrence of QUERY, one per line.

    Left context, the match and right context stand in aligned columns.

    \b
    Examples:
      corpus kwic Assad --sort left
      corpus kwic '"Syrian people"' --width 30 --format csv
    """
    from corpus_cli.output.results import emit_kwic

    corpus = open_source(data)
    out = output(fmt)
    limit = page(out, limit, 1)
    found = corpus.kwic(
        query, width=width, sort=sort, filters=filters, fuzziness=fuzziness, exact=exact, any_word=any_word,
    )
    report_hidden(corpus)
    emit_kwic(out, found[:limit] if limit is not None else found)
    if out.fmt == "table":
        more(min(len(found), limit or len(found)), len(found), "line")
    return EXIT_OK if found else EXIT_NO_RESULTS


@cli.command("variants")
@common_options
@click.argument("word")
@fuzziness_option
def variants_cmd(data, fmt, word, fuzziness):
    """The spellings of WORD in this corpus, with counts and why they match.

    Run it before searching to see how the corpus writes a name.

    \b
    Examples:
      corpus variants Daraa
      corpus variants Aleppo --fuzziness 2 --json
    """
    from corpus_cli.output.results import emit_variants

    found = open_source(data).variants(word, fuzziness=fuzziness)
    emit_variants(output(fmt), found)
    return EXIT_OK if found else EXIT_NO_RESULTS


@cli.command("timeline", epilog=QUERY_HELP)
@common_options
@click.argument("query", required=False)
@click.option("-q", "--query", "more", multiple=True, metavar="QUERY", help="A query to count (repeat to compare).")
@click.option("--by", type=click.Choice(TIMELINE_BY), default="year", show_default=True)
@filter_options(documents=True)
@click.option("--per", type=click.IntRange(min=1), metavar="N", help="Counts per N statements of the period (e.g. 1000).")
@click.option("--per-million", is_flag=True, help="Counts per million words of the period, to compare periods of different size.")
@query_options
def timeline_cmd(data, fmt, query, more, by, filters, per, per_million, fuzziness, exact, any_word):
    """Count documents per period, or statements matching QUERY, empty periods included.

    Several queries (-q Aleppo -q Idlib) are counted side by side. On a
    terminal the counts are drawn as bars; --json and --format csv give
    the same rows for plotting.

    \b
    Examples:
      corpus timeline --by year
      corpus timeline -q Aleppo -q Idlib --by month --per 1000
      corpus timeline Idlib --since 2019 --format csv
      corpus timeline -q Aleppo -q Idlib --per-million
    """
    from corpus_cli.output.summaries import emit_timeline

    queries = ([query] if query else []) + list(more)
    corpus = open_source(data)
    found = corpus.timeline(queries, filters, by=by, per=per, per_million=per_million, fuzziness=fuzziness, exact=exact,
                            any_word=any_word)
    report_hidden(corpus)
    if corpus.imprecise:
        n = corpus.imprecise
        click.echo(f"corpus: {n} document{'s' if n != 1 else ''} dated only to the "
                   f"{'year' if by == 'month' else 'month or year'} left out of the count by {by}", err=True)
    emit_timeline(output(fmt), found, "per million words" if per_million else f"per {per:,} statements" if per else None)
    return EXIT_OK if any(r.count for r in found) else EXIT_NO_RESULTS
