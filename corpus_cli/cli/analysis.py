"""Commands that sum a corpus up: dupes, speakers, places, check and stats."""

from __future__ import annotations

import click

from corpus_cli.cli.group import cli
from corpus_cli.cli.options import EXIT_NO_RESULTS, EXIT_OK, common_options, filter_options, limit_option, open_source, output
from corpus_cli.language.gazetteer import KINDS
from corpus_cli.output import MAP_FORMATS

@cli.command("dupes")
@common_options
@filter_options()
@click.option("--threshold", type=click.FloatRange(0, 100), default=90.0, show_default=True,
              help="Similarity (0-100) from which two documents are near-duplicates.")
@click.option("--statements", is_flag=True, help="Cluster statements repeated across documents instead.")
@limit_option
def dupes_cmd(data, fmt, filters, threshold, statements, limit):
    """Clusters of near-duplicate documents: the same release published twice, a listing repeating an article.

    Candidates share a long statement word for word; rapidfuzz scores each
    candidate pair (token set ratio of the bodies). Each line gives the
    cluster number, the similarity to the cluster's earliest member, the
    date, the id and the title.

    \b
    Examples:
      corpus dupes
      corpus dupes --threshold 80 --json
      corpus list --dedupe
    """
    from corpus_cli.output.summaries import emit_dupes

    corpus = open_source(data)
    found = corpus.dupes(filters, threshold=threshold, statements=statements)
    emit_dupes(output(fmt), corpus.index, found[:limit] if limit is not None else found)
    return EXIT_OK if found else EXIT_NO_RESULTS


@cli.command("speakers")
@common_options
@click.argument("name", required=False)
@filter_options()
@limit_option
def speakers_cmd(data, fmt, name, filters, limit):
    """The people the corpus quotes, with their roles, counts and first and last dates.

    Speakers are found where the text attributes a statement: "Member of
    the Coalition’s political committee Yasser Farhan stressed that…",
    "Osama Taljou, a member of the Coalition, said…", and the surname or
    "He"/"She" in the statements that follow.

    With NAME, only the speakers of that name, in any spelling search
    accepts (Haytham al-Maleh finds Haitham Maleh).

    \b
    Examples:
      corpus speakers
      corpus speakers "Haytham al-Maleh"
      corpus speakers --limit 20
      corpus search Russia --speaker "Haytham Maleh"
    """
    from corpus_cli.output import summaries

    found = open_source(data).speakers(filters, name=name)
    summaries.emit_speakers(output(fmt), found[:limit] if limit is not None else found)
    return EXIT_OK if found else EXIT_NO_RESULTS


@cli.command("places")
@common_options(formats=MAP_FORMATS)
@click.argument("name", required=False)
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only places of this kind (repeat for several).")
@click.option("--country", "countries", multiple=True, metavar="CODE",
              help="Only places in this country: its ISO code (SY, US, LK; repeat for several).")
@filter_options()
@limit_option
def places_cmd(data, fmt, name, kinds, countries, filters, limit):
    """The places the corpus names, with counts and first and last dates.

    Places come from a world gazetteer built from GeoNames (CC BY 4.0):
    every country, first-level division (US states, Syrian governorates, Sri
    Lankan provinces), city of 15,000 people or more and Syrian town, with
    their names in Latin and Arabic script. A name that is also a word or a
    person's (Jordan, Georgia, Reading) counts only where the words around
    say it is a place. --place on list, search, kwic, timeline and export
    takes any of their names, or the id this command shows.

    With NAME, only the places of that name, in any spelling or script.
    --format geojson writes a FeatureCollection of points (with the counts
    as properties) for QGIS, kepler.gl or geojson.io.

    \b
    Examples:
      corpus places
      corpus places --kind country --limit 10
      corpus places --country SY --format geojson > syria.geojson
      corpus places Halab
      corpus list --place Idleb
      corpus search Assad --place "Rural Damascus"
    """
    from corpus_cli.output import summaries

    found = open_source(data).places(filters, name=name, kinds=kinds, countries=countries)
    summaries.emit_places(output(fmt), found[:limit] if limit is not None else found)
    return EXIT_OK if found else EXIT_NO_RESULTS


@cli.command("check")
@common_options
@click.option("--strict", is_flag=True, help="Exit 1 when any file was skipped.")
def check_cmd(data, fmt, strict):
    """Account for every file: one line per problem, then a summary.

    Each line names the file, what was wrong and what was done (kept,
    skipped, or the fix); the summary reads N files: N indexed, N with
    warnings, N skipped.

    \b
    Examples:
      corpus check --data ~/releases
      corpus check --strict --json
    """
    from corpus_cli.output.summaries import emit_check

    corpus = open_source(data, summary=False)
    summary = corpus.check()
    emit_check(output(fmt), summary, corpus.report.root)
    return EXIT_NO_RESULTS if strict and summary.skipped else EXIT_OK


@cli.command("stats")
@common_options
def stats_cmd(data, fmt):
    """Count documents, statements and words, per year and per category.

    \b
    Example:
      corpus stats
    """
    from corpus_cli.output.summaries import emit_stats

    corpus = open_source(data)
    emit_stats(output(fmt), corpus.stats())
    return EXIT_OK if corpus.documents else EXIT_NO_RESULTS
