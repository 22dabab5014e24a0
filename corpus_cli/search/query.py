"""The query language.

    Aleppo Idlib            both words, in any order, in one statement
    "Sheikh Miskin"         a phrase: the words next to each other
    Aleppo OR Idlib         either (OR in capitals)
    Aleppo -Russia          Aleppo, but not in a statement that names Russia
    (Aleppo OR Idlib) -Hama parentheses group
    title:Idlib Aleppo      a field: title, category, source or id
    category:"press releases"

Each word is still folded and spelling-tolerant, inside phrases too. The
article al-/el-/Al is optional: "Maarat al-Numan" also finds "Maaret Numan".
A word written with a hyphen (``al-Numan``) is a phrase of its parts.
A malformed query raises :class:`QuerySyntaxError` naming the position.
"""

from __future__ import annotations

from typing import NamedTuple

from corpus_cli.errors import UsageError
from corpus_cli.language.arabic import is_arabic
from corpus_cli.language.articles import STANDALONE
from corpus_cli.language.text import fold, words

QUERY_FIELDS = ("title", "category", "source", "id")
# what a user may write as a field that the filters answer instead
FILTER_OPTIONS = {"speaker": "speaker", "place": "place", "date": "since and --until", "since": "since",
                  "until": "until", "year": "since and --until"}
_QUOTES = {'"': '"', "“": "”", "”": "”", "„": "“"}


class QuerySyntaxError(UsageError):
    def __init__(self, message: str, query: str, position: int):
        self.position = position
        marked = query[:position] + "▶" + query[position:]
        super().__init__(f"bad query: {message} at character {position + 1}: {marked}")


class Term(NamedTuple):
    """A word or phrase, optionally restricted to a field."""

    text: str  # as the user wrote it
    words: tuple[str, ...]
    phrase: bool = False
    field: str | None = None
    bridge: str | None = None  # the words the user wrote, when this term stands for them (a place in another script)
    place: str | None = None  # the term is this place's (gazetteer id) mentions in Arabic script (``text``: its Arabic names)

    def __str__(self) -> str:
        body = f'"{self.text}"' if self.phrase and " " in self.text else self.text
        body = f"{body} ← {self.bridge}" if self.bridge else body
        return f"{self.field}:{body}" if self.field else body


class Not(NamedTuple):
    child: "Node"
    op: str = "not"


# Words that say little alone: a one-letter word or one of these, next to another word of an
# unquoted query (Plan B, Resolution 2254 A, the Hague), is read as a phrase with it.
STOP_WORDS = frozenset("a an the of in on at to for by with from and as is be".split())


def _plain(node) -> bool:
    """A term of the text itself: no field, not bridged from Arabic script."""
    return isinstance(node, Term) and node.field is None and node.bridge is None


def _short(node) -> bool:
    return _plain(node) and not node.phrase and len(node.words) == 1 and (
        len(fold(node.words[0])) == 1 or fold(node.words[0]) in STOP_WORDS)


def _adjacent(parts: list) -> list:
    """Each one-letter or stop-word term joined to its neighbour (the one before it, else after),
    unless every term is one ("of the": a phrase of them says no more)."""
    if all(_short(p) for p in parts):
        return parts
    out = list(parts)
    n = 0
    while n < len(out):
        j = next((k for k in (n - 1, n + 1) if 0 <= k < len(out) and _plain(out[k])), None) if _short(out[n]) else None
        if j is None:
            n += 1
            continue
        a, b = sorted((j, n))
        out[a:b + 1] = [Term(f"{out[a].text} {out[b].text}", out[a].words + out[b].words, True, None)]
        n = a
    return out


def _is_article_term(node) -> bool:
    return _plain(node) and not node.phrase and len(node.words) == 1 and fold(node.words[0]) in STANDALONE


class And(NamedTuple):
    children: tuple["Node", ...]
    op: str = "and"  # tells an And from an Or of the same terms


class Or(NamedTuple):
    children: tuple["Node", ...]
    op: str = "or"


Node = Term | Not | And | Or


def _tokens(query: str):
    """(kind, text, position) with kinds word, phrase, (, ), OR, -."""
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c in "()":
            yield c, c, i
            i += 1
        elif c in _QUOTES:
            close = query.find(_QUOTES[c], i + 1)
            if close < 0 and c == '"':
                close = query.find("”", i + 1)
            if close < 0:
                raise QuerySyntaxError("unclosed quote", query, i)
            yield "phrase", query[i + 1 : close], i
            i = close + 1
        elif c == "-" and i + 1 < n and not query[i + 1].isspace() and (i == 0 or query[i - 1].isspace() or query[i - 1] == "("):
            yield "-", c, i
            i += 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in "()" and query[j] not in _QUOTES:
                j += 1
            text = query[i:j]
            if text == "OR":
                yield "OR", text, i
            elif j < n and query[j] in _QUOTES and text.endswith(":"):
                yield "field", text[:-1], i  # field:"a phrase"
            else:
                yield "word", text, i
            i = j


class _Parser:
    def __init__(self, query: str, any_word: bool):
        self.query = query
        self.tokens = list(_tokens(query))
        self.pos = 0
        self.any_word = any_word

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self):
        tok = self.peek()
        self.pos += 1
        return tok

    def parse(self) -> Node | None:
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:  # only a stray ')' stops or_expr early
            raise QuerySyntaxError("unmatched ')'", self.query, tok[2])
        return node

    def or_expr(self) -> Node | None:
        parts = [self.and_expr()]
        while (tok := self.peek()) and tok[0] == "OR":
            self.take()
            if parts[-1] is None:
                raise QuerySyntaxError("OR with nothing before it", self.query, tok[2])
            parts.append(self.and_expr())
            if parts[-1] is None:
                raise QuerySyntaxError("OR with nothing after it", self.query, tok[2])
        parts = [p for p in parts if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_expr(self) -> Node | None:
        parts = []
        while (tok := self.peek()) and tok[0] not in ("OR", ")"):
            node = self.unary()
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        # The article standing alone (al Assad) is optional: it never makes a query find less.
        words = [p for p in parts if not _is_article_term(p)]
        parts = _adjacent(words if any(not isinstance(p, Not) for p in words) else parts)
        if len(parts) == 1:
            return parts[0]
        if self.any_word:
            positives = [p for p in parts if not isinstance(p, Not)]
            negatives = [p for p in parts if isinstance(p, Not)]
            joined = Or(tuple(positives)) if len(positives) > 1 else (positives[0] if positives else None)
            return And(tuple(([joined] if joined else []) + negatives)) if negatives else joined
        return And(tuple(parts))

    def unary(self) -> Node | None:
        tok = self.peek()
        if tok[0] == "-":
            self.take()
            child = self.atom()
            return Not(child) if child is not None else None
        return self.atom()

    def atom(self) -> Node | None:
        kind, text, at = self.take() or (None, None, len(self.query))
        if kind == "(":
            node = self.or_expr()
            close = self.take()
            if close is None or close[0] != ")":
                raise QuerySyntaxError("unclosed '('", self.query, at)
            return node
        if kind == "phrase":
            return _term(text, phrase=True)
        if kind == "field":
            nxt = self.take()
            return _term(nxt[1], phrase=True, field=_field(text, self.query, at))
        if kind == "word":
            field = None
            if ":" in text:
                name, _, rest = text.partition(":")
                if name.lower() in QUERY_FIELDS and rest:
                    field, text = name.lower(), rest
                elif rest and name.isascii() and name.isalpha():  # speaker:Farhan is no word of the text
                    _field(name, self.query, at)
            return _term(text, phrase=False, field=field)
        raise QuerySyntaxError(f"unexpected {text!r}", self.query, at)


def _field(name: str, query: str, at: int) -> str:
    if name.lower() not in QUERY_FIELDS:
        option = FILTER_OPTIONS.get(name.lower())
        hint = f"; for the {name.lower()}, use --{option}" if option else ""
        raise QuerySyntaxError(f"unknown field {name!r} (fields: {', '.join(QUERY_FIELDS)}{hint})", query, at)
    return name.lower()


def _term(text: str, phrase: bool, field: str | None = None) -> Node | None:
    if field == "id":
        return Term(text, (text,), False, field) if text else None
    found = tuple(words(text))
    if not found:
        return None
    return Term(text, found, phrase or len(found) > 1, field)


def with_other_script(term: Term) -> Node:
    """A place's name as the OR of the term and the place in the other script, each bridged term
    showing what it stands for: حلب also finds Aleppo and Halab (``Aleppo ← حلب``), and Aleppo
    also finds حلب and بحلب where the text names the place (a term of the place's mentions in
    Arabic script: see :mod:`corpus_cli.language.places`); the term alone when the gazetteer has
    no such place."""
    from corpus_cli.language.gazetteer import gazetteer

    places = gazetteer().resolve(term.text)
    if is_arabic(term.text):
        spellings = dict.fromkeys(s for place in places for s in (*place.spellings, *place.others))
        others = [Term(s, tuple(words(s)), len(words(s)) > 1, None, term.text) for s in spellings if words(s)]
    else:
        others = [Term(" | ".join(dict.fromkeys(place.arabic)), (), False, None, term.text, place.id)
                  for place in places if place.arabic]
    return Or((term, *others)) if others else term


def in_both_scripts(node: Node | None, arabic_text: bool) -> Node | None:
    """The tree with each plain term that names a place joined (OR) to the place in the other
    script: in Arabic script to its Latin spellings; in Latin letters to its mentions in Arabic
    script, where the index holds Arabic text (``arabic_text``)."""
    if node is None or isinstance(node, Term):
        wanted = _plain(node) and (is_arabic(node.text) or arabic_text)
        return with_other_script(node) if wanted else node
    if isinstance(node, Not):
        return Not(in_both_scripts(node.child, arabic_text))
    return type(node)(tuple(in_both_scripts(c, arabic_text) for c in node.children))


def parse(query: str, *, any_word: bool = False) -> Node | None:
    """The query as a tree, or None when it holds no word to search for."""
    return _Parser(query, any_word).parse()


def names_in(node: Node | None) -> set[tuple[int, int]]:
    """The words the query shows to be names, as (id of their term, place in it): a capitalised
    word after a title (Sheikh, Abu, Imam…) or next to another capitalised word, in a phrase or
    side by side in the query (Abu Bakr, "Bakr Hassan"). A lower-case word alone is never one."""
    from corpus_cli.language.names import NAME_TITLES

    seq = [(id(t), i, w) for t, negated in leaves(node) if not negated and t.field is None and not t.bridge
           for i, w in enumerate(t.words)]
    capital = [w[:1].isupper() and not w.isupper() for _, _, w in seq]
    found = set()
    for n, (term, i, word) in enumerate(seq):
        before = n > 0 and (capital[n - 1] or fold(seq[n - 1][2]) in NAME_TITLES)
        after = n + 1 < len(seq) and capital[n + 1]
        if capital[n] and (before or after):
            found.add((term, i))
    return found


def leaves(node: Node | None, negated: bool = False):
    """(term, negated) for every term of the tree, left to right."""
    if node is None:
        return
    if isinstance(node, Term):
        yield node, negated
    elif isinstance(node, Not):
        yield from leaves(node.child, not negated)
    else:
        for child in node.children:
            yield from leaves(child, negated)
