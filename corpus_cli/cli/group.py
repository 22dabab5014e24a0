"""The ``corpus`` command group: every error one line on stderr, mapped to an exit status."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys

import click

from corpus_cli.errors import ExitStatus

QUERY_COMMANDS = ("search", "kwic", "timeline")  # commands whose argument is a query


class CorpusGroup(click.Group):
    """Reports every error as one line on stderr and maps it to an exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        from corpus_cli.errors import CorpusError

        if not (sys.argv[1:] if args is None else list(args)) and complete_var is None and not os.environ.get(
                "_CORPUS_COMPLETE"):  # bare `corpus`: its help, on stdout, as a question answered
            click.echo(self.get_help(click.Context(self, info_name=prog_name or "corpus")))
            sys.exit(ExitStatus.OK)
        _warn_environment()
        try:
            code = super().main(args, prog_name or "corpus", complete_var, False, **extra)
        except click.exceptions.Abort:
            _quiet_exit(ExitStatus.INTERRUPTED)
        except KeyboardInterrupt:
            _quiet_exit(ExitStatus.INTERRUPTED)
        except click.ClickException as exc:
            message = _one_line(exc.format_message())
            if isinstance(exc, click.NoSuchOption) and exc.ctx is not None and exc.ctx.command.name in QUERY_COMMANDS:
                message += f" (a query that starts with '-' goes after '--': corpus {exc.ctx.command.name} -- '-Russia Aleppo')"
            click.echo(f"corpus: error: {message}", err=True)
            sys.exit(ExitStatus.ERROR)
        except CorpusError as exc:
            click.echo(f"corpus: error: {_one_line(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except sqlite3.DatabaseError as exc:
            from corpus_cli.index.schema import busy
            from corpus_cli.index.seal import distrust_last, last_opened

            if busy(exc):  # another program holds the database past the wait (not one of ours: they never do)
                where = last_opened() or "the index database"
                click.echo(f"corpus: error: {where} is busy ({exc}): another program holds it; try again", err=True)
                sys.exit(ExitStatus.ERROR)
            # damage SQLite met while reading, past the checks on opening
            where = distrust_last() or "the index database"
            click.echo(f"corpus: error: {where} is damaged ({exc}); the next command checks it and builds it again", err=True)
            sys.exit(ExitStatus.ERROR)
        except ModuleNotFoundError as exc:  # an install that lost a dependency: say which, not a traceback
            click.echo(f"corpus: error: the module {exc.name!r} that corpus needs is not installed; install corpus "
                       "again (pip install corpus-statements, or pip install . in its checkout)", err=True)
            sys.exit(ExitStatus.ERROR)
        except (BrokenPipeError, PipeClosed):
            _quiet_exit(ExitStatus.OK, pipe_closed=True)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                _quiet_exit(ExitStatus.OK, pipe_closed=True)
            raise
        sys.exit(code if isinstance(code, int) else ExitStatus.OK)


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


def _warn_environment() -> None:
    """A setting in the environment that corpus cannot use is said, with what is done instead."""
    freshness = os.environ.get("CORPUS_FRESHNESS")
    if freshness is not None and freshness not in ("full", "names"):
        click.echo(f"corpus: warning: CORPUS_FRESHNESS={freshness!r} is neither full nor names; "
                   "every file is checked (full)", err=True)
    wait = os.environ.get("CORPUS_WAIT")
    if wait is not None:
        try:
            float(wait)
        except ValueError:
            click.echo(f"corpus: warning: CORPUS_WAIT={wait!r} is not a number of seconds; waiting 30", err=True)


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


@click.group("corpus", cls=CorpusGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="corpus-statements", prog_name="corpus")
def cli():
    """Search and explore a folder of dated documents: press releases, speeches, news items.

    With no --data, commands read the bundled corpus (press releases of the
    Syrian National Coalition).

    Exit codes: 0 results, 1 no results, 2 usage or input error.
    """


def main() -> None:
    # Text that cannot be encoded (a lone surrogate from an undecodable file
    # name) is escaped rather than crashing the output.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    sys.stdout = _PipeGuard(sys.stdout)
    cli()
