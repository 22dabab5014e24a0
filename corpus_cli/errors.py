"""Errors the library raises for the command line to report.

Each carries the exit code the command line ends with; the message is one
line meant for the user.
"""

from __future__ import annotations


class CorpusError(Exception):
    """A problem with the user's input or data: exit code 2."""

    exit_code = 2


class UsageError(CorpusError):
    """An option or argument the user gave cannot be used."""


class DataError(CorpusError):
    """The corpus folder cannot be read."""


class NotFound(CorpusError):
    """No document has the id the user asked for: no result, exit code 1."""

    exit_code = 1
