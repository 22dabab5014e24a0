"""Commands that look after the index databases: index, watch and cache."""

from __future__ import annotations

import click

from corpus_cli.cli.group import cli
from corpus_cli.cli.options import EXIT_OK, common_options, field_pairs, open_source, output, progress, report
from corpus_cli.output import FORMATS

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
    corpus = open_source(data, rebuild=rebuild)
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
    from corpus_cli.output.summaries import emit_index

    emit_index(output(fmt), record)
    return EXIT_OK


@cli.command("watch")
@click.option(
    "--data", envvar="CORPUS_DATA", type=click.Path(), help="Folder of documents (default: the bundled corpus; env CORPUS_DATA)."
)
@click.option(
    "--field", "fields", multiple=True, metavar="NAME=COLUMN", callback=field_pairs,
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
        watcher = Watcher(data, fields=fields or None, progress=progress(), report=said)
    except OSError as exc:
        raise click.ClickException(str(exc)) from None
    report(watcher.first, summary=True)
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
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format: json is one object; jsonl and csv a record per database.")
@click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")
def cache_info_cmd(fmt, as_json):
    """Where the index databases are, which folders they index, and their size.

    \b
    Example:
      corpus cache info
      corpus cache info --format csv
    """
    from corpus_cli.index.cache import cache_dir, cache_entries

    entries = cache_entries()
    fmt = "json" if as_json else fmt
    records = [{"path": str(e.path), "folder": e.root, "bytes": e.size, "documents": e.documents, "problem": e.problem}
               for e in entries]
    if fmt == "json":
        output(fmt).single({"cache_dir": str(cache_dir()), "databases": records})
        return EXIT_OK
    if fmt != "table":
        output(fmt).records(("path", "folder", "bytes", "documents", "problem"), records)
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


@cli.command("serve")
@common_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True, help="Port to listen on.")
def serve_cmd(data, fmt, host, port):
    """A browser view: the index database in Datasette, and corpus's own search at /-/search.

    Datasette is an optional extra: pip install 'corpus-statements[serve]'.
    The tables have descriptions and facets; /-/search searches as corpus
    search does, each hit linking to its document. The search answers from
    the index as it was when serve started; run it again for later changes.

    \b
    Examples:
      corpus serve --data ~/releases
      corpus serve --port 8080
    """
    try:
        import uvicorn
        from datasette.app import Datasette  # noqa: F401
    except ImportError:
        raise click.UsageError("corpus serve needs Datasette: pip install 'corpus-statements[serve]'") from None
    from corpus_cli.output import web

    corpus = open_source(data)
    database = corpus.report.database
    if database is None:
        raise click.UsageError("corpus serve needs the index database in the cache folder (not --no-cache)")
    click.echo(f"corpus: serving http://{host}:{port}/-/search (the tables at http://{host}:{port}/); Ctrl-C stops",
               err=True)
    uvicorn.run(web.app(corpus, str(database)).app(), host=host, port=port, log_level="warning")
    return EXIT_OK
