"""Options the commands share, read once into library values, and the helpers every command uses
to open a folder and hand results to the output layer."""

from __future__ import annotations

import functools
import sys
from typing import NamedTuple

import click

from corpus_cli.errors import ExitStatus
from corpus_cli.output import FORMATS
from corpus_cli.search import FUZZINESS_CHOICES

EXIT_OK, EXIT_NO_RESULTS = ExitStatus.OK, ExitStatus.NO_RESULTS


def common_options(func=None, *, formats=FORMATS):
    """--data and the output format (one of ``formats``), shared by every command."""
    if func is None:
        return functools.partial(common_options, formats=formats)

    @click.option(
        "--data",
        "data",
        envvar="CORPUS_DATA",
        type=click.Path(file_okay=True, dir_okay=True),
        help="Folder of documents (default: the bundled corpus; env CORPUS_DATA).",
    )
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(formats),
        default="table",
        show_default=True,
        help="Output format; 'table' is plain text when stdout is not a terminal.",
    )
    @click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")
    @click.option(
        "--no-cache", is_flag=True, help="Neither read nor write the index database in the cache folder; index in a temporary one."
    )
    @click.option(
        "--field", "fields", multiple=True, metavar="NAME=COLUMN", callback=field_pairs,
        help="Read a document field from this JSON key or CSV column (date, title, text, id, url, source, category, speaker; speaker=@folder: the folder name).",
    )
    @click.option(
        "--csv-raw", is_flag=True,
        help="In CSV, keep cells that start with = + - @ as they are (by default they get a leading ' so that spreadsheets do not run them).",
    )
    @functools.wraps(func)
    def wrapper(*args, data, fmt, as_json, no_cache, fields, csv_raw, **kwargs):
        click.get_current_context().meta["csv_raw"] = csv_raw
        return func(*args, data=Source(data, not no_cache, fields), fmt="json" if as_json else fmt, **kwargs)

    return wrapper


def field_pairs(ctx, param, values) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, column = value.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise click.BadParameter(f"{value!r} is not NAME=COLUMN (e.g. date=published_at)")
        if name.strip() in pairs and pairs[name.strip()] != column.strip():
            raise click.BadParameter(f"{name.strip()} is given twice ({pairs[name.strip()]} and {column.strip()}); "
                                     "a field comes from one column")
        pairs[name.strip()] = column.strip()
    return pairs


class Source(NamedTuple):
    """Which folder a command reads, whether through the cache folder, and its field mapping."""

    path: str | None
    cache: bool = True
    fields: dict | None = None


def filter_options(documents: bool = False, undated: bool = False):
    """--since, --until and --category (with ``documents``, also --place, --speaker and --dedupe;
    with ``undated``, --undated), read once into the one :class:`~corpus_cli.api.Filters`
    value the command gets as ``filters``."""
    options = [
        click.option("--since", metavar="DATE", help="Only from this date on (2019, 2019-07, 'July 2019'…)."),
        click.option("--until", metavar="DATE", help="Only up to the end of this date."),
        click.option(
            "--category", "categories", multiple=True, metavar="NAME",
            help="Only this category (case-insensitive; repeat for several).",
        ),
    ]
    if undated:
        options.append(click.option("--undated", is_flag=True, help="Only the documents without a date."))
    if documents:
        options += [
            click.option("--place", metavar="NAME",
                         help="Only documents that name this place (any spelling or script, or its id: SY, US-GA)."),
            click.option("--demonyms", is_flag=True, help="With --place: also documents that name its people (Syrian, Syrians)."),
            click.option("--speaker", metavar="NAME", help="Only what this person said (spelling-tolerant)."),
            click.option("--source", "sources", multiple=True, metavar="NAME",
                         help="Only documents from this source (case-insensitive; repeat for several)."),
            click.option("--dedupe", is_flag=True,
                         help="Leave out near-duplicate documents (keeping the earliest); template families stay."),
            click.option("--dedupe-templates", "templates", is_flag=True,
                         help="As --dedupe, and leave out the copies of a template (one text, other names or numbers) too."),
        ]

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, since=None, until=None, categories=(), place=None, speaker=None, dedupe=False, undated=False,
                    demonyms=False, sources=(), templates=False, **kwargs):
            from corpus_cli.api import Filters

            if demonyms and not place:
                raise click.UsageError("--demonyms goes with --place")
            filters = Filters.of(since, until, categories, place, speaker, dedupe, undated, demonyms, sources, templates)
            return func(*args, filters=filters, **kwargs)

        for decorator in reversed(options):
            wrapper = decorator(wrapper)
        return wrapper

    return decorate


def limit_option(func):
    return click.option("--limit", "-n", type=click.IntRange(min=0), metavar="N", callback=_every_for_zero,
                        help="At most N results (0: all of them).")(func)


def _every_for_zero(ctx, param, value):
    return None if value == 0 else value


def page(out, limit: int | None, lines_per_row: int) -> int | None:
    """How many results a command shows: ``limit`` when given (None for ``--limit 0``: all), else
    on a terminal about a screen of them (``lines_per_row`` lines each), elsewhere all."""
    source = click.get_current_context().get_parameter_source("limit")
    if source is not click.core.ParameterSource.DEFAULT or out.fmt != "table" or not out.terminal:
        return limit
    import shutil

    return max(5, (shutil.get_terminal_size().lines - 3) // lines_per_row)


def more(shown: int, total: int, noun: str) -> None:
    """The line under a page of results that says how many more there are and how to see them."""
    if total > shown:
        rest = total - shown
        click.echo(f"… {rest:,} more {noun}{'' if rest == 1 else 's'} ({total:,} in all): --limit 0 shows them all, "
                   "or pipe the output into a pager: | less -R")


def open_source(source: Source, rebuild: bool = False, summary: bool = True):
    from corpus_cli.api import Corpus

    corpus = Corpus.open(source.path, cache=source.cache, rebuild=rebuild, progress=progress(), fields=source.fields,
                         notice=waiting)
    click.get_current_context().call_on_close(corpus.close)  # the snapshot ends after the last line is written
    report(corpus.report, summary)
    return corpus


def waiting() -> None:
    click.echo("corpus: waiting for another corpus process that is writing the index database…", err=True)


def report_hidden(corpus) -> None:
    if corpus.hidden:
        n = corpus.hidden
        click.echo(f"corpus: {n} near-duplicate document{'s' if n != 1 else ''} hidden (--dedupe)", err=True)


def progress():
    """A progress callback that shows a Rich bar on stderr once a build runs past a second."""
    if not sys.stderr.isatty():
        return None
    from corpus_cli.output.progress import BuildProgress

    return BuildProgress()


def report(report, summary: bool = True) -> None:
    """Problems met while loading, summed up in one line on stderr (stdout stays clean)."""
    skipped = {p.path for p in report.skipped}
    warned = {p.path for p in report.warnings} - skipped
    parts = []
    if skipped:
        parts.append(f"{len(skipped)} file{'s' if len(skipped) != 1 else ''} skipped")
    if warned:
        parts.append(f"{len(warned)} read with warnings")
    if parts and summary:
        click.echo(f"corpus: {', '.join(parts)}; run corpus check for details", err=True)
    if report.files_seen == 0:
        from corpus_cli.ingest.files import KINDS_READ

        click.echo(f"corpus: no documents under {report.root}: no file there is one corpus reads ({KINDS_READ})",
                   err=True)
    for note in report.notes:
        click.echo(f"corpus: warning: {note}", err=True)


def output(fmt):
    from corpus_cli.output.render import Output

    ctx = click.get_current_context(silent=True)
    return Output(fmt, csv_raw=bool(ctx and ctx.meta.get("csv_raw")))


QUERY_HELP = """
\b
Query language:
  Aleppo Idlib            both words, in any order, in one statement
  "Sheikh Miskin"         a phrase: the words next to each other
  Aleppo OR Idlib         either one (OR in capitals)
  Aleppo -Russia          leave out statements that name Russia
  (Aleppo OR Idlib) -Hama parentheses group
  title:Idlib Aleppo      fields: title:, category:, source:, id:
  category:"press releases"

\b
Spelling: case, diacritics and apostrophes never matter (Dara’a = Daraa);
a transliteration key joins spellings of Arabic names (Asad = Assad,
Idleb = Idlib, Hamah = Hama, Maarat = Maaret); the article (al-, el-,
ash-, ad-…) is optional and particles meet in every form (Abdel = Abdul,
Abu = Abou, bin = ibn); words of 5 letters or more may have a typo, of 9
or more two, a swap of two letters being one (Alepo and Aelppo find
Aleppo; Homs does not find homes; OPCW has no typos). Arabic is folded
(vowel signs, the forms of alef, ى/ي, ة/ه) and finds its forms with the
article and proclitics (حلب: وحلب، بحلب); a place finds its names in the
other script (حلب: Aleppo; Aleppo: حلب). --exact turns all this off
except case.
"""


fuzziness_option = click.option(
    "--fuzziness",
    type=click.Choice(FUZZINESS_CHOICES),
    default="auto",
    show_default=True,
    help="Typos allowed per word; auto: none under 5 letters, 1 from 5, 2 from 9.",
)


def query_options(func):
    """Options shared by the commands that take a query."""
    for decorator in reversed(
        (
            fuzziness_option,
            click.option("--exact", is_flag=True, help="Match spellings exactly, ignoring only case."),
            click.option("--any", "any_word", is_flag=True, help="Any of the words may match, not all."),
        )
    ):
        func = decorator(func)
    return func
