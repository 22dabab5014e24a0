"""corpus: search and explore collections of dated public statements."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("corpus-cli")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0+unknown"


def __getattr__(name):
    # `from corpus_cli import Corpus` without loading the library on `import corpus_cli`.
    if name == "Corpus":
        from .corpus import Corpus

        return Corpus
    raise AttributeError(name)
