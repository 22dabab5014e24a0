"""The command line: parse options, call the library, hand results to the renderer.

Heavy modules (the index, rapidfuzz, rich) are imported inside the commands
so that ``corpus --help`` starts fast.
"""

from __future__ import annotations

import errno
import functools
import os
import sys

import click

EXIT_OK, EXIT_NO_RESULTS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
FORMATS = ("table", "json", "jsonl", "csv")


class CorpusGroup(click.Group):
    """Reports every error as one line on stderr and maps it to an exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        from .errors import CorpusError

        try:
            code = super().main(args, prog_name or "corpus", complete_var, False, **extra)
        except click.exceptions.Abort:
            _quiet_exit(EXIT_INTERRUPTED)
        except KeyboardInterrupt:
            _quiet_exit(EXIT_INTERRUPTED)
        except click.ClickException as exc:
            click.echo(f"corpus: error: {_one_line(exc.format_message())}", err=True)
            sys.exit(EXIT_ERROR)
        except CorpusError as exc:
            click.echo(f"corpus: error: {_one_line(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            _quiet_exit(EXIT_OK, pipe_closed=True)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                _quiet_exit(EXIT_OK, pipe_closed=True)
            raise
        sys.exit(code if isinstance(code, int) else EXIT_OK)


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
    @functools.wraps(func)
    def wrapper(*args, data, fmt, as_json, **kwargs):
        return func(*args, data=data, fmt="json" if as_json else fmt, **kwargs)

    return wrapper


def filter_options(func):
    """--since, --until and --category, shared by the commands that filter."""
    for decorator in reversed(
        (
            click.option("--since", metavar="DATE", help="Only from this date on (2019, 2019-07, 'July 2019'…)."),
            click.option("--until", metavar="DATE", help="Only up to the end of this date."),
            click.option(
                "--category", "categories", multiple=True, metavar="NAME",
                help="Only this category (case-insensitive; repeat for several).",
            ),
        )
    ):
        func = decorator(func)
    return func


def limit_option(func):
    return click.option("--limit", "-n", type=click.IntRange(min=0), metavar="N", help="At most N results.")(func)


def _open(data):
    from .corpus import Corpus
    from .loader import load

    loaded = load(data)
    _report(loaded)
    return Corpus(loaded)


def _report(loaded) -> None:
    """Problems met while loading, on stderr so that stdout stays clean."""
    skipped, warned = loaded.skipped, {p.path for p in loaded.warnings}
    for p in skipped[:10]:
        click.echo(f"corpus: skipped {p.path}: {p.what}", err=True)
    if len(skipped) > 10:
        click.echo(f"corpus: … and {len(skipped) - 10} more files skipped", err=True)
    if warned:
        n = len(warned)
        click.echo(f"corpus: {n} file{'s' if n != 1 else ''} read with warnings", err=True)
    if loaded.files_seen == 0:
        click.echo(f"corpus: no .txt files under {loaded.root}", err=True)


def _output(fmt):
    from .render import Output

    return Output(fmt)


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
@filter_options
@click.option("--sort", type=click.Choice(("date", "title")), default="date", show_default=True)
@click.option("--reverse", is_flag=True, help="Reverse the order (newest first for date).")
@limit_option
def list_cmd(data, fmt, since, until, categories, sort, reverse, limit):
    """List documents, oldest first.

    \b
    Examples:
      corpus list --since 2019
      corpus list --category "Press Releases" --json
    """
    from .render import emit_documents

    docs = _open(data).list(since=since, until=until, categories=categories, sort=sort, reverse=reverse, limit=limit)
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
    from .render import emit_full_documents

    corpus = _open(data)
    docs = [corpus.show(i) for i in ids]
    emit_full_documents(_output(fmt), docs)
    return EXIT_OK


@cli.command("search")
@common_options
@click.argument("query")
@filter_options
@limit_option
@click.option("--min-score", type=float, metavar="S", help="Only hits scoring at least S.")
@click.option(
    "--fuzziness",
    type=click.Choice(("auto", "0", "1", "2")),
    default="auto",
    show_default=True,
    help="Typos allowed per word; auto: none under 5 letters, 1 from 5, 2 from 9.",
)
def search_cmd(data, fmt, query, since, until, categories, limit, min_score, fuzziness):
    """Find the statements that match QUERY, best first.

    Every word of QUERY must occur in the statement. Words match whatever
    their case, diacritics or apostrophes (Dara’a = Daraa), and words of 5
    letters or more also match with a typo (Alepo finds Aleppo).

    \b
    Examples:
      corpus search Aleppo
      corpus search "Sheikh Miskin" --since 2016 --until 2016
      corpus search Idlib --json | jq '.[].id'
    """
    from .render import emit_hits

    hits = _open(data).search(
        query, since=since, until=until, categories=categories, limit=limit,
        min_score=min_score, fuzziness=fuzziness,
    )
    emit_hits(_output(fmt), hits)
    return EXIT_OK if hits else EXIT_NO_RESULTS


@cli.command("stats")
@common_options
def stats_cmd(data, fmt):
    """Count documents, statements and words, per year and per category.

    \b
    Example:
      corpus stats
    """
    from .render import emit_stats

    corpus = _open(data)
    emit_stats(_output(fmt), corpus.stats())
    return EXIT_OK if corpus.documents else EXIT_NO_RESULTS


def main() -> None:
    cli()
