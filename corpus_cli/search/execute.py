"""Ranked search over statements (and titles).

The query (see :mod:`corpus_cli.search.query`) is evaluated on units: every
statement of every document, and every document's title. A field term
(``title:``, ``category:``, ``source:``, ``id:``) is true of all units of a
document whose field matches; a query made only of field terms returns the
title of each matching document.

Score: the sum over the query's positive terms of BM25 (k1 = 1.2, b = 0.75,
units as the documents of the formula), each multiplied by the mean quality
of the term's occurrences in the unit: the same spelling 1.0, the same
folded form 0.9, the same transliteration key 0.8, one typo 0.6, two typos
0.4. So the same statement scores higher for an exact spelling than for a
variant, and for a variant than for a typo. A phrase counts as one term. Ties are broken by date (newest first), then id, then position
(title first).
"""

from __future__ import annotations

import functools
import re
from operator import itemgetter
from typing import Container, NamedTuple

from corpus_cli.search import query as q
from corpus_cli.errors import UsageError
from corpus_cli.index.base import Index
from corpus_cli.search.hits import Hit, Match, rank_key
from corpus_cli.search.phrases import Part, content_words, occurrences
from corpus_cli.language.articles import split_fused_particle
from corpus_cli.search import bridges, ranking
from corpus_cli.search.expand import (
    QUALITY_EXACT, QUALITY_FOLDED, RULE_SAME, Expansion, accepts, expand, occurrence_quality,
)
from corpus_cli.language.arabic import has_arabic
from corpus_cli.language.text import APOSTROPHES, WORD, fold, fold_case, tokens

# A whole word: not inside a run of letters, nor joined to one by an apostrophe (see text.WORD)
_NOT_AFTER_WORD = rf"(?<![^\W_])(?<![^\W_][{APOSTROPHES}])"
_NOT_BEFORE_WORD = rf"(?![^\W_])(?![{APOSTROPHES}][^\W_])"

# A phrase's units come from FTS5's positions (NEAR groups) while its words' spellings make at most
# this many combinations; the words between them may be articles (Maaret al-Numan for Maarat Numan).
NEAR_COMBINATIONS = 64
ARTICLE_GAPS = 2  # words between two of the phrase's words that the positions allow

# Every token of every unit read is folded: the same words come back again and again.
_fold = functools.lru_cache(maxsize=1 << 16)(fold)


class Leaf:
    """A query term with what it expanded to and where it matched."""

    def __init__(self, term: q.Term, negated: bool, parts: list[Part]):
        self.term = term
        self.negated = negated
        self.parts = parts  # per word of the term (articles dropped from phrases)
        self.weights: dict[int, float] = {}  # unit -> summed match quality
        self.counts: dict[int, int] = {}  # unit -> occurrences
        self.docs: set[int] | None = None  # field terms: matching document positions


# --- evaluation -----------------------------------------------------------------


class _Evaluator:
    def __init__(self, index: Index, fuzziness: str, exact: bool):
        self.index = index
        self.fuzziness = fuzziness
        self.exact = exact
        self.leaves: dict[int, Leaf] = {}
        self.names: set[tuple[int, int]] = set()  # words the query shows to be names (see query.names_in)
        self._tokens: dict[int, list[tuple[int, int, str, str]]] = {}
        self._patterns: dict = {}  # expansions (a tuple of words) -> pattern; id(part) -> (part, pattern)
        self._qualities: dict[int, tuple] = {}  # id(part) -> (part, {spelling: its quality, None: no match})

    # tokens of a unit: (start, end, surface, folded)
    def unit_tokens(self, g: int):
        found = self._tokens.get(g)
        if found is None:
            text = self.index.unit_text(g)
            found = self._tokens[g] = [(m.start(), m.end(), m.group(), _fold(m.group())) for m in WORD.finditer(text)]
        return found

    def spelled(self, part: Part) -> "re.Pattern":
        """A pattern that finds, as whole words, every spelling the text has of the part's expansions."""
        held = self._patterns.get(id(part))
        if held is not None and held[0] is part:  # the same part again (every hit asks)
            return held[1]
        key = tuple(e.word for e in part.expansions)
        found = self._patterns.get(key)
        if found is None:
            forms = {form for e in part.expansions for form in self.index.surfaces.get(e.word, {})}
            alternatives = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
            found = self._patterns[key] = re.compile(rf"{_NOT_AFTER_WORD}(?:{alternatives}){_NOT_BEFORE_WORD}" if forms else r"(?!)")
        self._patterns[id(part)] = (part, found)
        return found

    def occurrences(self, g: int, parts: list[Part]) -> list[tuple[int, int, float]]:
        """(start, end, score) of each occurrence of the parts in unit ``g``.

        One word is looked for by its spellings (a pattern run over the text); a phrase is
        matched token by token.
        """
        if len(parts) != 1:
            return occurrences(self.unit_tokens(g), parts)
        part = parts[0]
        pattern = self.spelled(part)
        held = self._qualities.get(id(part))
        if held is None or held[0] is not part:  # a part met for the first time (ids of parts gone are reused)
            held = self._qualities[id(part)] = (part, {})
        qualities = held[1]
        found = []
        for m in pattern.finditer(self.index.unit_text(g)):
            surface = m.group()
            at = (surface, m.start() == 0)  # a capital that starts the statement says nothing of a name
            quality = qualities.get(at, False)
            if quality is False:  # a spelling met for the first time in this search
                e = next((e for e in part.expansions if e.word == _fold(surface)), None)
                matched = e is not None and accepts(e, surface, m.start())
                quality = qualities[at] = occurrence_quality(part.word, surface, e) if matched else None
            if quality is not None:
                found.append((m.start(), m.end(), quality))
        return found

    def leaf(self, term: q.Term, negated: bool) -> Leaf:
        parts_words = content_words(term.words, term.text) if term.phrase else term.words
        named = {w for i, w in enumerate(term.words) if (id(term), i) in self.names}
        # a spelling of a place standing for a name in another script is taken as it is: no typos
        fuzziness = "0" if term.bridge else self.fuzziness
        phrase = len(parts_words) > 1
        parts = [] if term.field == "id" else [Part(w, self.expand(w, term.field, w in named, fuzziness, phrase))
                                               for w in parts_words]
        if not self.exact and any(not p.expansions for p in parts):
            parts = [q for p in parts for q in self._unfused(p, term.field)]
        leaf = Leaf(term, negated, parts)
        if term.place is not None:
            leaf.weights, leaf.counts = self.place_weights(term.place)
        elif term.field in (None, "title"):
            leaf.weights, leaf.counts = self.weights(parts, title_only=term.field == "title")
            if term.field == "title":
                leaf.docs = {self.index.stmt_doc[g] for g in leaf.weights}
        elif term.field == "id":
            wanted = term.text.casefold()
            ids = self.index.doc_ids
            leaf.docs = {p for p in self.index.live if ids[p].casefold().startswith(wanted)}
        else:
            leaf.docs = self.field_docs(term.field, parts)
        self.leaves[id(term)] = leaf
        return leaf

    def _unfused(self, part: Part, field: str | None) -> list[Part]:
        """A word that matches nothing and begins with a particle, as the two words it may be
        written as (Abdulaziz: Abdul Aziz)."""
        fused = None if part.expansions else split_fused_particle(fold(part.word))
        return [Part(w, self.expand(w, field)) for w in fused[::2]] if fused else [part]

    def expand(self, word: str, field: str | None, name: bool = False, fuzziness: str | None = None,
               phrase: bool = False) -> list[Expansion]:
        lexicon = self.index.lexicon if field in (None, "title") else self.index.field_lexicon(field)
        return expand(word, lexicon, fuzziness or self.fuzziness, self.exact, name=name, phrase=phrase)

    def weights(self, parts: list[Part], title_only: bool) -> tuple[dict[int, float], dict[int, int]]:
        """Per unit: the summed quality of the term's occurrences, and their number."""
        if not parts or any(not p.expansions for p in parts):
            return {}, {}
        index = self.index
        combinations = functools.reduce(lambda n, p: n * len(p.expansions), parts, 1)
        if len(parts) > 1 and combinations <= NEAR_COMBINATIONS:  # where the words stand together, from the index
            units = index.postings.near([[e.word for e in p.expansions] for p in parts], ARTICLE_GAPS * (len(parts) - 1))
        else:
            unit_sets = []
            for part in parts:
                units = set()
                for e in part.expansions:
                    units.update(index.postings[e.word])
                unit_sets.append(units)
            units = set.intersection(*sorted(unit_sets, key=len))
        candidates = self.searched(units, title_only)
        weights: dict[int, float] = {}
        counts: dict[int, int] = {}
        if len(parts) == 1 and not self.exact:  # from the postings, reading text only where needed
            part = parts[0]
            for e in part.expansions:
                quality = self.constant_quality(part.word, e)
                if quality is None:
                    one = Part(part.word, [e])
                    for g in candidates.intersection(index.postings[e.word]):
                        found = self.occurrences(g, [one])
                        if found:  # none when every spelling here is refused (baker for the name Bakr)
                            weights[g] = weights.get(g, 0.0) + sum(score for _, _, score in found)
                            counts[g] = counts.get(g, 0) + len(found)
                    continue
                for g in index.postings[e.word]:
                    if g in candidates:
                        weights[g] = weights.get(g, 0.0) + quality
                        counts[g] = counts.get(g, 0) + 1
            return weights, counts
        for g in candidates:
            found = self.occurrences(g, parts)
            if found:
                weights[g] = sum(score for _, _, score in found)
                counts[g] = len(found)
        return weights, counts

    def searched(self, candidates: set[int], title_only: bool = False) -> set[int]:
        """The units of ``candidates`` a term is looked for in: titles only, or all but titles made
        from the first sentence (they repeat it)."""
        index = self.index
        title_unit = index.title_unit
        if title_only:
            return {g for g in candidates if title_unit[index.stmt_doc[g]] == g}
        titles = {title_unit[p]: p for p in index.documents_of(candidates).values()}
        return {g for g in candidates if g not in titles or not index.title_derived(titles[g])}

    def place_weights(self, place: str) -> tuple[dict[int, float], dict[int, int]]:
        return bridges.place_weights(self.index, place, self.searched)

    def constant_quality(self, query_word: str, e: Expansion) -> float | None:
        """The quality every occurrence of ``e`` has, or None when it varies with the spelling."""
        if e.capitalised:
            return None  # only some occurrences count: read them
        if e.rule != RULE_SAME:
            return e.quality
        wanted = fold_case(query_word)
        spellings = {fold_case(s) for s in self.index.surfaces[e.word]}
        if spellings == {wanted}:
            return QUALITY_EXACT
        if wanted not in spellings:
            return QUALITY_FOLDED
        return None

    def field_docs(self, field_name: str, parts: list[Part]) -> set[int]:
        if not parts or any(not p.expansions for p in parts):
            return set()
        docs = set()
        for value, positions in self.index.field_values(field_name).items():
            toks = [(t.start, t.end, t.text, fold(t.text)) for t in tokens(value)]
            if occurrences(toks, parts):
                docs.update(positions)
        return docs

    # Results: ("units", set) or ("docs", set)
    def evaluate(self, node: q.Node):
        if isinstance(node, q.Term):
            leaf = self.leaf(node, False)
            if node.field is None:
                return "units", set(leaf.weights)
            return "docs", leaf.docs
        if isinstance(node, q.Not):
            raise UsageError("bad query: '-' must exclude from something: put a word beside it, not alone or after OR")
        if isinstance(node, q.Or):
            results = [self.evaluate(c) for c in node.children]
            if all(kind == "docs" for kind, _ in results):
                return "docs", set().union(*(s for _, s in results))
            units = set()
            for kind, s in results:
                units |= self._as_units(kind, s)
            return "units", units
        return self._and(node)

    def _and(self, node: q.And):
        unit_sets, doc_sets, neg_units, neg_docs = [], [], [], []
        for child in node.children:
            if isinstance(child, q.Not):
                kind, s = self._negated(child.child)
                (neg_units if kind == "units" else neg_docs).append(s)
                continue
            kind, s = self.evaluate(child)
            (unit_sets if kind == "units" else doc_sets).append(s)
        if not unit_sets and not doc_sets:
            raise UsageError("bad query: it only excludes; add a word to search for")
        docs = set.intersection(*doc_sets) if doc_sets else None
        if docs is not None:
            docs = docs.difference(*neg_docs)
        if not unit_sets and not neg_units:
            return "docs", docs
        units = set.intersection(*sorted(unit_sets, key=len)) if unit_sets else self._as_units("docs", docs)
        if docs is not None:
            units = {g for g in units if self.index.stmt_doc[g] in docs}
        excluded_docs = set().union(*neg_docs) if neg_docs else set()
        units = {g for g in units if self.index.stmt_doc[g] not in excluded_docs}
        return "units", units.difference(*neg_units)

    def _negated(self, node: q.Node):
        """What a negated subtree matches, evaluated without asking for anything positive."""
        saved = dict(self.leaves)
        kind, s = self.evaluate(node)
        # leaves under a '-' stay registered as negated
        for key, leaf in self.leaves.items():
            if key not in saved:
                leaf.negated = True
        return kind, s

    def _as_units(self, kind: str, s: set[int]) -> set[int]:
        if kind == "units":
            return s
        return {self.index.title_unit[p] for p in s}


# --- the search -----------------------------------------------------------------


class Result(NamedTuple):
    """Everything a search found: the hits and how the query was read."""

    hits: list[Hit]
    leaves: list[Leaf]
    total: int  # hits before --limit
    hidden: int = 0  # documents that matched but were left out as near-duplicates


def run(
    index: Index,
    query: str,
    *,
    allowed: Container[int] | None = None,
    only: Container[int] | None = None,
    hidden: Container[int] = (),
    fuzziness: str = "auto",
    exact: bool = False,
    any_word: bool = False,
    limit: int | None = None,
    min_score: float | None = None,
) -> Result:
    """Evaluate ``query`` and rank what it finds.

    ``allowed`` holds the positions (in ``index.documents``) of the documents
    that may be searched; None allows all. ``only``, when given, holds the only units that may
    match (a speaker's statements). ``hidden`` documents (near-duplicates) are not in
    ``allowed``; the result says how many of them matched.
    """
    ev, units, leaves, left_out = _matched(index, query, allowed, only, hidden, fuzziness, exact, any_word)
    scoring = [lf for lf in leaves if not lf.negated and lf.weights]
    found, scores = ranking.scores(units, scoring, index.stmt_length, index.avg_length or 1.0, index.unit_count)
    scored = [(score, g) for g, score in zip(found, scores) if min_score is None or score >= min_score]
    total = len(scored)
    if limit is not None and limit < total:  # the best by score alone first (in C); ties at the cut stay in
        scored.sort(key=itemgetter(0), reverse=True)
        cut = scored[limit - 1][0] if limit else float("inf")
        scored = [sg for sg in scored if sg[0] >= cut]
    scored.sort(key=rank_key(index, index.documents_of(g for _, g in scored)))
    if limit is not None:
        scored = scored[:limit]
    if hasattr(index, "prefetch_units"):  # an index that reads what hits show in batches
        index.prefetch_units([g for _, g in scored])
    hits = [_hit(ev, scoring, g, score) for score, g in scored]
    return Result(hits, leaves, total, left_out)


def _matched(index: Index, query: str, allowed, only, hidden, fuzziness: str, exact: bool, any_word: bool):
    """The evaluator, the units ``query`` matches within the filters, its leaves, and how many
    hidden documents matched."""
    tree = q.parse(query, any_word=any_word)
    if tree is None:
        raise UsageError(f"the query {query!r} has no words to search for")
    if not exact:  # a place in one script is found in the other too (--exact: as written only)
        tree = q.in_both_scripts(tree, has_arabic(index.lexicon.words))
    ev = _Evaluator(index, fuzziness, exact)
    ev.names = q.names_in(tree)
    kind, found = ev.evaluate(tree)
    units = ev._as_units(kind, found)
    docs = index.documents_of(units) if allowed is not None or hidden else {}
    left_out = len({docs[g] for g in units if docs[g] in hidden}) if hidden else 0
    if allowed is not None:
        units = {g for g in units if docs[g] in allowed}
    if only is not None:
        units = {g for g in units if g in only}
    leaves = [ev.leaves[id(t)] for t, _ in q.leaves(tree) if id(t) in ev.leaves]
    return ev, units, leaves, left_out


def matched(index: Index, query: str, *, allowed: Container[int] | None = None, only: Container[int] | None = None,
            fuzziness: str = "auto", exact: bool = False, any_word: bool = False) -> tuple[set[int], list[list[list[str]]]]:
    """The units ``query`` matches (as :func:`run` finds them, unranked), and what each of its
    positive word terms may be: per term, per word, the folded words it expanded to."""
    _, units, leaves, _ = _matched(index, query, allowed, only, (), fuzziness, exact, any_word)
    return units, [[[e.word for e in p.expansions] for p in lf.parts] for lf in leaves
                   if not lf.negated and lf.term.field is None and lf.parts]


def _hit(ev: _Evaluator, scoring: list[Leaf], g: int, score: float) -> Hit:
    doc, statement = ev.index.unit(g)
    return Hit(doc, statement, score, functools.partial(_matches, ev, scoring, g, statement), g, ev.index)


def _matches(ev: _Evaluator, scoring: list[Leaf], g: int, statement) -> tuple[Match, ...]:
    """Where the query matched unit ``g``: one match per stretch of text (spellings of one name may meet there)."""
    matches: dict[tuple[int, int], Match] = {}
    for lf in scoring:
        if g not in lf.weights:
            continue
        found = bridges.place_occurrences(ev.index, g, lf.term.place) if lf.term.place else ev.occurrences(g, lf.parts)
        for start, end, quality in found:
            if (start, end) not in matches or matches[start, end].score < quality:
                matches[start, end] = Match(str(lf.term), statement.text[start:end], start, end, round(quality, 3))
    return tuple(matches[k] for k in sorted(matches))
