"""Errors the library raises for the command line to report, and the exit statuses.

Each error carries the exit status the command line ends with; the message is one
line meant for the user.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """How a command ends (grep's convention)."""

    OK = 0  # results
    NO_RESULTS = 1  # nothing matched, no document in the range, no such id
    ERROR = 2  # a usage or input error
    INTERRUPTED = 130  # Ctrl-C


class CorpusError(Exception):
    """A problem with the user's input or data: exit code 2."""

    exit_code = ExitStatus.ERROR


class UsageError(CorpusError):
    """An option or argument the user gave cannot be used."""


class DataError(CorpusError):
    """The corpus folder cannot be read."""


class NotFound(CorpusError):
    """No document has the id the user asked for: no result, exit code 1."""

    exit_code = ExitStatus.NO_RESULTS
