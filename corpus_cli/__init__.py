"""corpus: search and explore collections of dated public statements."""


def __getattr__(name):
    # Loaded on first use, so that `import corpus_cli` (and `corpus --help`) stays fast.
    if name in ("Corpus", "Filters", "open_corpus"):
        from corpus_cli import api

        return getattr(api, name)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("corpus-statements")
        except PackageNotFoundError:  # a checkout that is not installed
            return "0+unknown"
    raise AttributeError(name)
