"""The command line: parse options, call the library, hand results to the renderer.

Heavy modules (the index, rapidfuzz, rich) are imported inside the commands
so that ``corpus --help`` starts fast.
"""

from __future__ import annotations

import errno
import functools
import os
import sqlite3
import sys

from typing import NamedTuple

import click

from corpus_cli.errors import ExitStatus

EXIT_OK, EXIT_NO_RESULTS, EXIT_ERROR, EXIT_INTERRUPTED = (
    ExitStatus.OK, ExitStatus.NO_RESULTS, ExitStatus.ERROR, ExitStatus.INTERRUPTED)
from corpus_cli.analysis import TIMELINE_BY
from corpus_cli.output import FORMATS
from corpus_cli.search import FUZZINESS_CHOICES, KWIC_SORTS
QUERY_COMMANDS = ("search", "kwic", "timeline")  # commands whose argument is a query


class CorpusGroup(click.Group):
    """Reports every error as one line on stderr and maps it to an exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        from corpus_cli.errors import CorpusError

        try:
            code = super().main(args, prog_name or "corpus", complete_var, False, **extra)
        except click.exceptions.Abort:
            _quiet_exit(EXIT_INTERRUPTED)
        except KeyboardInterrupt:
            _quiet_exit(EXIT_INTERRUPTED)
        except click.ClickException as exc:
            message = _one_line(exc.format_message())
            if isinstance(exc, click.NoSuchOption) and exc.ctx is not None and exc.ctx.command.name in QUERY_COMMANDS:
                message += f" (a query that starts with '-' goes after '--': corpus {exc.ctx.command.name} -- '-Russia Aleppo')"
            click.echo(f"corpus: error: {message}", err=True)
            sys.exit(EXIT_ERROR)
        except CorpusError as exc:
            click.echo(f"corpus: error: {_one_line(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except sqlite3.DatabaseError as exc:  # damage SQLite met while reading, past the checks on opening
            from corpus_cli.index.seal import distrust_last

            where = distrust_last() or "the index database"
            click.echo(f"corpus: error: {where} is damaged ({exc}); the next command checks it and builds it again", err=True)
            sys.exit(EXIT_ERROR)
        except (BrokenPipeError, PipeClosed):
            _quiet_exit(EXIT_OK, pipe_closed=True)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                _quiet_exit(EXIT_OK, pipe_closed=True)
            raise
        sys.exit(code if isinstance(code, int) else EXIT_OK)


class PipeClosed(Exception):
    """The reader of stdout went away (``| head``); not an OSError, so click lets it through."""


class _PipeGuard:
    """stdout, with a closed pipe turned into :class:`PipeClosed`."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise PipeClosed() from None

    def flush(self):
        try:
            return self._stream.flush()
        except BrokenPipeError:
            raise PipeClosed() from None

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _quiet_exit(code: int, pipe_closed: bool = False) -> None:
    """Leave without a traceback, also when stdout's reader has gone away."""
    if pipe_closed:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
    sys.exit(code)


def common_options(func):
    """--data and the output format, shared by every command."""

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
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format; 'table' is plain text when stdout is not a terminal.",
    )
    @click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")
    @click.option(
        "--no-cache", is_flag=True, help="Neither read nor write the index database in the cache folder; index in a temporary one."
    )
    @click.option(
        "--field", "fields", multiple=True, metavar="NAME=COLUMN", callback=_field_pairs,
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


def _field_pairs(ctx, param, values) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, column = value.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise click.BadParameter(f"{value!r} is not NAME=COLUMN (e.g. date=published_at)")
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
            click.option("--place", metavar="NAME", help="Only documents that name this place (any spelling)."),
            click.option("--speaker", metavar="NAME", help="Only what this person said (spelling-tolerant)."),
            click.option("--dedupe", is_flag=True, help="Leave out near-duplicate documents (keeping the earliest)."),
        ]

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, since=None, until=None, categories=(), place=None, speaker=None, dedupe=False, undated=False,
                    **kwargs):
            from corpus_cli.api import Filters

            return func(*args, filters=Filters.of(since, until, categories, place, speaker, dedupe, undated), **kwargs)

        for decorator in reversed(options):
            wrapper = decorator(wrapper)
        return wrapper

    return decorate


def limit_option(func):
    return click.option("--limit", "-n", type=click.IntRange(min=0), metavar="N", help="At most N results.")(func)


def _open(source: Source, rebuild: bool = False, summary: bool = True):
    from corpus_cli.api import Corpus

    corpus = Corpus.open(source.path, cache=source.cache, rebuild=rebuild, progress=_progress(), fields=source.fields)
    _report(corpus.report, summary)
    return corpus


def _report_hidden(corpus) -> None:
    if corpus.hidden:
        n = corpus.hidden
        click.echo(f"corpus: {n} near-duplicate document{'s' if n != 1 else ''} hidden (--dedupe)", err=True)


def _progress():
    """A progress callback that shows a Rich bar on stderr once a build runs past a second."""
    if not sys.stderr.isatty():
        return None
    from corpus_cli.output.progress import BuildProgress

    return BuildProgress()


def _report(report, summary: bool = True) -> None:
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
        click.echo(f"corpus: no .txt files under {report.root}", err=True)
    for note in report.notes:
        click.echo(f"corpus: warning: {note}", err=True)


def _output(fmt):
    from corpus_cli.output.render import Output

    ctx = click.get_current_context(silent=True)
    return Output(fmt, csv_raw=bool(ctx and ctx.meta.get("csv_raw")))


@click.group("corpus", cls=CorpusGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="corpus-cli", prog_name="corpus")
def cli():
    """Search and explore a folder of dated press releases and statements.

    With no --data, commands read the bundled corpus (press releases of the
    Syrian National Coalition).

    Exit codes: 0 results, 1 no results, 2 usage or input error.
    """


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
    from corpus_cli.output.render import emit_documents

    corpus = _open(data)
    docs = corpus.list(filters, sort=sort, reverse=reverse, limit=limit)
    _report_hidden(corpus)
    emit_documents(_output(fmt), docs)
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
    from corpus_cli.output.render import emit_full_documents

    corpus = _open(data)
    docs = [corpus.show(i) for i in ids]
    emit_full_documents(_output(fmt), docs)
    return EXIT_OK


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
Idleb = Idlib, Hamah = Hama, Maarat = Maaret); the article al-/el- is
optional; words of 5 letters or more may have a typo, of 9 or more two
(Alepo finds Aleppo; Homs does not find homes). --exact turns all this
off except case.
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
    from corpus_cli.output.render import emit_document_hits, emit_explain, emit_hits
    from corpus_cli.search.execute import group_by_document

    corpus = _open(data)
    result = corpus.find(
        query, filters, limit=None if by_document else limit, min_score=min_score, fuzziness=fuzziness, exact=exact,
        any_word=any_word,
    )
    _report_hidden(corpus)
    out = _output(fmt)
    if explain:
        emit_explain(out, result.leaves, corpus.index)
        if fmt != "table":
            return EXIT_OK if result.hits else EXIT_NO_RESULTS
    if by_document:
        groups = group_by_document(result.hits)
        emit_document_hits(out, groups[:limit] if limit is not None else groups)
    else:
        emit_hits(out, result.hits)
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
    from corpus_cli.output.render import emit_kwic

    corpus = _open(data)
    found = corpus.kwic(
        query, width=width, sort=sort, filters=filters, limit=limit, fuzziness=fuzziness, exact=exact, any_word=any_word,
    )
    _report_hidden(corpus)
    emit_kwic(_output(fmt), found)
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
    from corpus_cli.output.render import emit_variants

    found = _open(data).variants(word, fuzziness=fuzziness)
    emit_variants(_output(fmt), found)
    return EXIT_OK if found else EXIT_NO_RESULTS


@cli.command("timeline", epilog=QUERY_HELP)
@common_options
@click.argument("query", required=False)
@click.option("-q", "--query", "more", multiple=True, metavar="QUERY", help="A query to count (repeat to compare).")
@click.option("--by", type=click.Choice(TIMELINE_BY), default="year", show_default=True)
@filter_options(documents=True)
@click.option("--per", type=click.IntRange(min=1), metavar="N", help="Counts per N statements of the period (e.g. 1000).")
@query_options
def timeline_cmd(data, fmt, query, more, by, filters, per, fuzziness, exact, any_word):
    """Count documents per period, or statements matching QUERY, empty periods included.

    Several queries (-q Aleppo -q Idlib) are counted side by side. On a
    terminal the counts are drawn as bars; --json and --format csv give
    the same rows for plotting.

    \b
    Examples:
      corpus timeline --by year
      corpus timeline -q Aleppo -q Idlib --by month --per 1000
      corpus timeline Idlib --since 2019 --format csv
    """
    from corpus_cli.output.render import emit_timeline

    queries = ([query] if query else []) + list(more)
    corpus = _open(data)
    found = corpus.timeline(queries, filters, by=by, per=per, fuzziness=fuzziness, exact=exact, any_word=any_word)
    _report_hidden(corpus)
    if corpus.imprecise:
        n = corpus.imprecise
        click.echo(f"corpus: {n} document{'s' if n != 1 else ''} dated only to the "
                   f"{'year' if by == 'month' else 'month or year'} left out of the count by {by}", err=True)
    emit_timeline(_output(fmt), found)
    return EXIT_OK if any(r.count for r in found) else EXIT_NO_RESULTS


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
    from corpus_cli.output.render import emit_dupes

    corpus = _open(data)
    found = corpus.dupes(filters, threshold=threshold, statements=statements)
    emit_dupes(_output(fmt), corpus.index, found[:limit] if limit is not None else found)
    return EXIT_OK if found else EXIT_NO_RESULTS


@cli.command("speakers")
@common_options
@filter_options()
def speakers_cmd(data, fmt, filters):
    """The people the corpus quotes, with their roles, counts and first and last dates.

    Speakers are found where the text attributes a statement: "Member of
    the Coalition’s political committee Yasser Farhan stressed that…",
    "Osama Taljou, a member of the Coalition, said…", and the surname or
    "He"/"She" in the statements that follow.

    \b
    Examples:
      corpus speakers
      corpus search Russia --speaker "Haytham Maleh"
    """
    return _listing(data, fmt, filters, "speakers")


@cli.command("places")
@common_options
@filter_options()
def places_cmd(data, fmt, filters):
    """The Syrian places the corpus names, with counts and first and last dates.

    Places come from a gazetteer built from GeoNames (CC BY 4.0): cities of
    15,000 people or more and the governorates, in all their Latin
    spellings; --place on list, search, kwic, timeline and export takes any of them.

    \b
    Examples:
      corpus places
      corpus list --place Idleb
      corpus search Assad --place "Rural Damascus"
    """
    return _listing(data, fmt, filters, "places")


def _listing(data, fmt, filters, what: str) -> int:
    """speakers or places: the library call of that name, and its records."""
    from corpus_cli.output import render

    found = getattr(_open(data), what)(filters)
    getattr(render, f"emit_{what}")(_output(fmt), found)
    return EXIT_OK if found else EXIT_NO_RESULTS


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
    from corpus_cli.output.render import emit_export

    corpus = _open(data)
    docs = corpus.list(filters, limit=limit)
    _report_hidden(corpus)
    emit_export(_output(fmt), docs, statements)
    return EXIT_OK if docs else EXIT_NO_RESULTS


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
    from corpus_cli.output.render import emit_check

    corpus = _open(data, summary=False)
    summary = corpus.check()
    emit_check(_output(fmt), summary, corpus.report.root)
    return EXIT_NO_RESULTS if strict and summary.skipped else EXIT_OK


@cli.command("stats")
@common_options
def stats_cmd(data, fmt):
    """Count documents, statements and words, per year and per category.

    \b
    Example:
      corpus stats
    """
    from corpus_cli.output.render import emit_stats

    corpus = _open(data)
    emit_stats(_output(fmt), corpus.stats())
    return EXIT_OK if corpus.documents else EXIT_NO_RESULTS


@cli.command("index")
@common_options
@click.option("--rebuild", is_flag=True, help="Build the index database anew even if it is fresh.")
@click.option("--path", "path_only", is_flag=True, help="Print only where the index file is (after bringing it up to date).")
def index_cmd(data, fmt, rebuild, path_only):
    """Build or refresh the index database of a folder (SQLite, in the cache folder).

    Other commands do this by themselves when needed; run it ahead of time
    for a large folder, or with --rebuild to start afresh.

    \b
    Examples:
      corpus index --data ~/releases
      corpus index --rebuild --json
      datasette "$(corpus index --path)"
    """
    import time

    if path_only and not data.cache:
        raise click.UsageError("--path names the database in the cache folder; --no-cache keeps none")
    started = time.perf_counter()
    corpus = _open(data, rebuild=rebuild)
    report = corpus.report
    took = time.perf_counter() - started
    if path_only:
        click.echo(str(report.database))
        return EXIT_OK
    database = report.database if report.database and report.database.exists() else None
    record = {
        "folder": str(report.root), "documents": len(corpus.index.live), "files": report.files_seen,
        "status": {"memory": "built"}.get(report.source, report.source), "changed": report.changed,
        "seconds": round(took, 3), "database": str(database) if database else None,
        "bytes": database.stat().st_size if database else None,
    }
    from corpus_cli.output.render import emit_index

    emit_index(_output(fmt), record)
    return EXIT_OK


@cli.command("watch")
@click.option(
    "--data", envvar="CORPUS_DATA", type=click.Path(), help="Folder of documents (default: the bundled corpus; env CORPUS_DATA)."
)
@click.option(
    "--field", "fields", multiple=True, metavar="NAME=COLUMN", callback=_field_pairs,
    help="Read a document field from this JSON key or CSV column (as for the other commands).",
)
def watch_cmd(data, fields):
    """Keep a folder's index database fresh as its files change, until Ctrl-C.

    While it runs, other commands on the folder skip their scan of every
    file (the watcher vouches for the database), which makes them several
    times faster on a large folder. Each update is one line on stderr.

    \b
    Example:
      corpus watch --data ~/releases &
      corpus search aleppo --data ~/releases
    """
    from corpus_cli.index.watch import Watcher

    def said(report):
        n = report.changed
        click.echo(f"corpus: updated {report.root}: {n} changed file{'s' if n != 1 else ''}", err=True)

    try:
        watcher = Watcher(data, fields=fields or None, progress=_progress(), report=said)
    except OSError as exc:
        raise click.ClickException(str(exc)) from None
    _report(watcher.first, summary=True)
    import signal

    for name in ("SIGTERM", "SIGHUP"):  # stopped like Ctrl-C: the lease is given up
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda *_: watcher.stop())
    try:
        watcher.run(ready=lambda: click.echo(f"corpus: watching {watcher.root} (database {watcher.database}); Ctrl-C stops", err=True))
    except KeyboardInterrupt:
        pass
    return EXIT_OK


@cli.group("cache")
def cache_group():
    """Inspect or clear the index databases (CORPUS_CACHE_DIR).

    \b
    Examples:
      corpus cache info
      corpus cache clear
    """


@cache_group.command("info")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
def cache_info_cmd(as_json):
    """Where the index databases are, which folders they index, and their size.

    \b
    Example:
      corpus cache info
    """
    from corpus_cli.index.cache import cache_dir, cache_entries

    entries = cache_entries()
    if as_json:
        import json

        records = [
            {"path": str(e.path), "folder": e.root, "bytes": e.size, "documents": e.documents, "problem": e.problem}
            for e in entries
        ]
        click.echo(json.dumps({"cache_dir": str(cache_dir()), "databases": records}, ensure_ascii=False, indent=2))
        return EXIT_OK
    click.echo(f"cache folder: {cache_dir()}")
    total = sum(e.size for e in entries)
    click.echo(f"{len(entries)} database{'s' if len(entries) != 1 else ''}, {total / 1e6:,.1f} MB")
    for e in entries:
        what = f"{e.documents:,} documents of {e.root}" if e.problem is None else f"unusable: {e.problem}"
        click.echo(f"  {e.path.name}  {e.size / 1e6:,.1f} MB  {what}")
    return EXIT_OK


@cache_group.command("clear")
def cache_clear_cmd():
    """Remove every index database; each is rebuilt when next needed.

    \b
    Example:
      corpus cache clear
    """
    from corpus_cli.index.cache import cache_dir, clear_cache

    n = clear_cache()
    click.echo(f"removed {n} file{'s' if n != 1 else ''} from {cache_dir()}")
    return EXIT_OK


def main() -> None:
    # Text that cannot be encoded (a lone surrogate from an undecodable file
    # name) is escaped rather than crashing the output.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    sys.stdout = _PipeGuard(sys.stdout)
    cli()
