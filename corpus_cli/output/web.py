"""corpus serve: the index database in Datasette, with corpus's own search as a page of it.

Datasette (an optional extra: ``pip install 'corpus-statements[serve]'``) shows the tables with
their descriptions and facets; ``/-/search`` searches as ``corpus search`` does (variants,
transliteration, filters, the same ranking), each hit linking to ``/-/document/<id>``, the
document whole. Document text is data: every value is escaped into the page.
"""

from __future__ import annotations

import html
from urllib.parse import quote, urlencode

from corpus_cli.api import Corpus, Filters
from corpus_cli.errors import CorpusError

TABLES = {
    "document_fields": ("One row per document: its id, title, date and where the date came from, fields, word "
                        "counts.", ["type", "source", "category", "author", "layout", "date_source"]),
    "statements": ("Each title (n empty) and statement (n from 0) with its document's id, date, title, source and "
                   "text. Search box: FTS5 over the folded words (aleppo, daraa); corpus's own search is at /-/search.",
                   ["source"]),
    "document_places": ("Each place a document names, with its kind and country and how many of the document's "
                        "title and statements name it.", ["place", "kind", "country", "source"]),
    "document_speakers": ("Each person a document quotes, with the role the text gives and how many statements "
                          "are theirs.", ["speaker", "role", "source"]),
    "places": ("The gazetteer's places the documents name: id (ISO code or GeoNames id), name, kind, country.",
               ["kind", "country"]),
    "files": ("Every file found under the folder: path, size, time, kind, documents, why skipped.", ["kind", "skipped"]),
    "problems": ("What went wrong reading a file, and what was done.", ["action"]),
}
HIDDEN = ("documents", "bodies", "units", "mentions", "placed", "speakers", "tokens", "words", "signatures", "cache",
          "terms", "term_keys", "term_skels", "vocab", "vocab_instance", "meta")


def metadata(name: str) -> dict:
    """Datasette's metadata for the database ``name``: descriptions, facets, the statements' search."""
    tables = {table: {"description": text, "facets": facets} for table, (text, facets) in TABLES.items()}
    for table in ("document_fields", "document_places", "document_speakers"):
        tables[table]["facets"] = tables[table]["facets"] + [{"date": "date"}]
    tables["statements"].update({"fts_table": "units_fts", "fts_pk": "id"})
    tables.update({table: {"hidden": True} for table in HIDDEN})
    return {"title": "corpus", "description": "The index database of corpus; corpus's own search: /-/search",
            "databases": {name: {"tables": tables}}}


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
            "li{margin:.6em 0}.meta{color:#555;font-size:.9em}mark{background:#ffe58a}</style></head>"
            f"<body><p><a href='/'>tables</a> · <a href='/-/search'>search</a></p>{body}</body></html>")


def _marked(text: str, matches) -> str:
    """The statement with its matches marked, everything escaped."""
    out, at = [], 0
    for m in sorted(matches, key=lambda m: m.start):
        if m.start < at:
            continue
        out += [html.escape(text[at:m.start]), "<mark>", html.escape(text[m.start:m.end]), "</mark>"]
        at = m.end
    out.append(html.escape(text[at:]))
    return "".join(out)


def search_page(corpus: Corpus, args: dict) -> str:
    """The search form and, for a query, its hits as corpus search ranks them."""
    q, since, until, source, speaker, place = (
        args.get(k, "").strip() for k in ("q", "since", "until", "source", "speaker", "place"))

    def box(name: str, value: str, size: int) -> str:
        return f"{name} <input name='{name}' size='{size}' value='{html.escape(value, quote=True)}'> "

    form = ("<h1>Search</h1><form action='/-/search' method='get'>"
            f"<input name='q' id='q' size='40' value='{html.escape(q, quote=True)}' autofocus> "
            "<button type='submit'>Search</button><br>" + box("since", since, 10) + box("until", until, 10)
            + box("source", source, 14) + box("speaker", speaker, 14) + box("place", place, 14) + "</form>")
    if not q:
        return _page("corpus search", form + "<p>Words are matched as corpus search matches them: spellings, "
                     "transliterations, phrases in quotes, OR, -word, title:…</p>")
    try:
        filters = Filters(since=since or None, until=until or None, sources=(source,) if source else (),
                          speaker=speaker or None, place=place or None)
        result = corpus.find(q, filters, limit=100)
    except CorpusError as exc:
        return _page("corpus search", form + f"<p class='error'>{html.escape(str(exc))}</p>")
    items = []
    for h in result.hits:
        doc, st = h.document, h.statement
        link = "/-/document/" + quote(doc.id, safe="")
        where = "title" if st.index is None else f"statement {st.index}"
        items.append(f"<li><a class='hit' href='{link}'>{html.escape(doc.title)}</a> "
                     f"<span class='meta'>{html.escape(doc.iso_date or 'undated')} · {html.escape(where)} · "
                     f"score {h.score:g}</span><br>{_marked(st.text, h.matches)}</li>")
    shown = f"{len(result.hits):,} of {result.total:,}" if result.total > len(result.hits) else f"{result.total:,}"
    return _page(f"{q} · corpus search", form + f"<p id='count'>{shown} hit{'' if result.total == 1 else 's'}</p><ol id='hits'>{''.join(items)}</ol>")


def document_page(corpus: Corpus, doc_id: str) -> str | None:
    """A document whole: title, date, fields, and its statements; None when there is no such id."""
    try:
        doc = corpus.show(doc_id)
    except CorpusError:
        return None
    fields = [("id", doc.id), ("date", doc.iso_date or "undated"), ("source", doc.source), ("category", doc.category),
              ("url", doc.url)]
    rows = "".join(f"<tr><th>{k}</th><td>{html.escape(str(v))}</td></tr>" for k, v in fields if v)
    text = "".join(f"<p>{html.escape(p)}</p>" for p in doc.paragraphs)
    back = "/-/search?" + urlencode({"q": doc.title[:60]})
    return _page(doc.title, f"<h1 id='title'>{html.escape(doc.title)}</h1><table>{rows}</table>"
                 f"<div id='text'>{text}</div><p><a href='{html.escape(back, quote=True)}'>search for its title</a></p>")


def plugin(corpus: Corpus):
    """A Datasette plugin object whose routes are the search and document pages."""
    from datasette import hookimpl
    from datasette.utils.asgi import Response

    class CorpusPages:
        @hookimpl
        def register_routes(self):
            async def search(request):
                return Response.html(search_page(corpus, dict(request.args)))

            async def document(request):
                found = document_page(corpus, request.url_vars["doc_id"])
                if found is None:
                    return Response.html(_page("not found", "<p>No document has that id.</p>"), status=404)
                return Response.html(found)

            return [(r"^/-/search$", search), (r"^/-/document/(?P<doc_id>[^/]+)$", document)]

    pages = CorpusPages()
    pages.__name__ = "corpus_cli.output.web"  # Datasette lists plugins by their module's name
    return pages


def app(corpus: Corpus, database: str):
    """The Datasette application over the corpus's database file, with the corpus pages.

    The places and speakers of every document are found first (once for a database: then kept),
    so that the tables of places and speakers, and their facets, hold the whole corpus."""
    if not corpus.index.keeps_places_and_speakers():
        corpus.places()
        corpus.speakers()
        corpus.index.store.flush()
    from datasette.app import Datasette
    from datasette.plugins import pm

    name = "corpus"
    if pm.get_plugin(name) is not None:  # an app made before, for another corpus
        pm.unregister(name=name)
    pm.register(plugin(corpus), name=name)
    return Datasette([database], metadata=metadata(database.rsplit("/", 1)[-1].rsplit(".", 1)[0]),
                     settings={"sql_time_limit_ms": 5000})
