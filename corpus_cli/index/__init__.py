"""The index on SQLite with FTS5: one database file per corpus, built, kept fresh (a scan, or
`corpus watch`), checked for damage, and read by search (:mod:`corpus_cli.index.database`).

The database is meant to be opened by people too (sqlite-utils, Datasette, DuckDB, pandas), so
its tables are plain and documented in :mod:`corpus_cli.index.schema`. Tokenising is SQLite's:
text reaches FTS5 through :func:`corpus_cli.language.text.fts_text`, whole-text operations that make
``unicode61 remove_diacritics 2`` read words as :func:`corpus_cli.language.text.fold` does.
"""
