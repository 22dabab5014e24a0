"""Commands that read documents: list, show and export."""

from __future__ import annotations

import click

from corpus_cli.cli.group import cli
from corpus_cli.cli.options import (
    EXIT_NO_RESULTS, EXIT_OK, common_options, filter_options, limit_option, open_source, output, report_hidden,
)

@cli.command("list")
@common_options
@filter_options(documents=True, undated=True)
@click.option("--sort", type=click.Choice(("date", "title")), default="date", show_default=True)
@click.option("--reverse", is_flag=True, help="Reverse the order (newest first for date).")
@limit_option
def list_cmd(data, fmt, filters, sort, reverse, limit):
    """List documents, oldest first.

    \b
    Examples:
      corpus list --since 2019
      corpus list --category "Press Releases" --json
    """
    from corpus_cli.output.results import emit_documents

    corpus = open_source(data)
    docs = corpus.list(filters, sort=sort, reverse=reverse, limit=limit)
    report_hidden(corpus)
    emit_documents(output(fmt), docs)
    return EXIT_OK if docs else EXIT_NO_RESULTS


@cli.command("show")
@common_options
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
def show_cmd(data, fmt, ids):
    """Show documents in full; a unique prefix of an id is enough.

    \b
    Examples:
      corpus show 003
      corpus show 000_3e1c546575f83025 --json
    """
    from corpus_cli.output.results import emit_full_documents

    corpus = open_source(data)
    docs = [corpus.show(i) for i in ids]
    emit_full_documents(output(fmt), docs)
    return EXIT_OK


@cli.command("export")
@common_options
@filter_options(documents=True, undated=True)
@click.option("--statements", is_flag=True, help="One record per statement instead of per document.")
@limit_option
def export_cmd(data, fmt, filters, statements, limit):
    """Write the normalised corpus for other tools: JSON Lines (default), JSON or CSV.

    One record per document, with its body, paragraphs and statements; or,
    with --statements, one per statement. Dates are ISO 8601.

    \b
    Examples:
      corpus export > corpus.jsonl
      corpus export --statements --format csv --since 2019 > statements.csv
    """
    from corpus_cli.output.results import emit_export

    corpus = open_source(data)
    docs = corpus.list(filters, limit=limit)
    report_hidden(corpus)
    emit_export(output(fmt), docs, statements)
    return EXIT_OK if docs else EXIT_NO_RESULTS
