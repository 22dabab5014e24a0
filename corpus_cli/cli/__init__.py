"""The command line: parse options, call the library, hand results to the output layer.

Heavy modules (the index, rapidfuzz, rich) are imported inside the commands
so that ``corpus --help`` starts fast. One module per family of commands;
importing them registers their commands on the group.
"""

from corpus_cli.cli.group import cli, main
from corpus_cli.cli import analysis, documents, linguistics, maintenance, queries  # noqa: F401  (registers the commands)

__all__ = ["cli", "main"]
