"""A vocabulary of folded words with its transliteration-key tables, and the typo budget.

:class:`Lexicon` is what name matching looks words up in: by folded form, by
transliteration key (:mod:`corpus_cli.language.translit`), by the key's skeleton,
with each word's count and how often it is written with a capital. The index keeps
one for the whole corpus (:class:`corpus_cli.index.vocab.TermLexicon`); a field's or
a speaker list's is made with :meth:`Lexicon.of`. :mod:`corpus_cli.search.expand`
turns a query word into entries of it.
"""

from __future__ import annotations

import bisect
from array import array
from typing import Callable, Iterable, Mapping, NamedTuple, Sequence

from corpus_cli.language import translit
from corpus_cli.language.arabic import is_arabic, stems
from corpus_cli.language.articles import without_fused_article


class Vocabulary(NamedTuple):
    """Sorted folded words with their transliteration-key tables.

    Each table is a sorted list of names (keys, or skeletons of keys) and,
    entry by entry, the number of the word it belongs to.
    """

    words: list[str]
    key_names: list[str]
    key_words: Sequence[int]
    skeleton_names: list[str]
    skeleton_words: Sequence[int]

    @classmethod
    def of(cls, words: Iterable[str], keys: Mapping[str, tuple[str, ...]] | None = None) -> "Vocabulary":
        unique = sorted(set(words))
        keys = keys if keys is not None else {w: term_keys(w) for w in unique}
        keyed = sorted((k, i) for i, w in enumerate(unique) for k in keys[w])
        skeletal = sorted((s, i) for i, w in enumerate(unique) for s in skeletons(w, keys[w]))
        return cls(
            unique,
            [k for k, _ in keyed],
            array("I", (i for _, i in keyed)),
            [s for s, _ in skeletal],
            array("I", (i for _, i in skeletal)),
        )

    def find(self, word: str) -> int:
        """The number of ``word``, or -1."""
        i = bisect.bisect_left(self.words, word)
        return i if i < len(self.words) and self.words[i] == word else -1

    def lookup(self, names: list[str], numbers: Sequence[int], name: str) -> list[str]:
        i = bisect.bisect_left(names, name)
        found = []
        while i < len(names) and names[i] == name:
            found.append(self.words[numbers[i]])
            i += 1
        return found


class Lexicon:
    """The vocabularies a search matches against, with word counts.

    ``count(word)`` gives a word's occurrences and ``capitals(word)`` how many
    of them start with a capital: a word mostly written so is a name.
    """

    def __init__(
        self,
        vocabularies: list[Vocabulary],
        count: Callable[[str], int],
        capitals: Callable[[str], int],
    ):
        self.vocabularies = vocabularies
        self._words: list[str] | None = None
        self._count = count
        self._capitals = capitals

    @classmethod
    def of(cls, words: Iterable[str]) -> "Lexicon":
        """A small lexicon of words that each count once and are all names."""
        vocabulary = Vocabulary.of(words)
        return cls([vocabulary], lambda w: int(vocabulary.find(w) >= 0), lambda w: 1)

    @property
    def words(self) -> list[str]:
        """Every word, as one list (for rapidfuzz)."""
        if self._words is None:
            self._words = [w for v in self.vocabularies for w in v.words]
        return self._words

    def __contains__(self, word: str) -> bool:
        return any(v.find(word) >= 0 for v in self.vocabularies)

    def count(self, word: str) -> int:
        return self._count(word)

    def is_name(self, word: str) -> bool:
        n = self._count(word)
        return n > 0 and self._capitals(word) * 2 > n

    def by_key(self, key: str) -> list[str]:
        return [w for v in self.vocabularies for w in v.lookup(v.key_names, v.key_words, key)]

    def by_skeleton(self, skeleton: str) -> list[str]:
        return [w for v in self.vocabularies for w in v.lookup(v.skeleton_names, v.skeleton_words, skeleton)]


def max_typos(word: str, fuzziness: str = "auto") -> int:
    """Edits allowed for a folded query word."""
    if fuzziness != "auto":
        return int(fuzziness)
    if len(word) < 5:
        return 0
    return 1 if len(word) < 9 else 2


def term_keys(word: str) -> tuple[str, ...]:
    """The keys a vocabulary word is found by: its own, then those of the word without an article
    written onto it (``alassad`` is also found by ``asad``; search admits that only for names). An
    Arabic word is found by itself and by each stem it may have under proclitics (بالمعارضه by
    معارضه and المعارضه: see :func:`corpus_cli.language.arabic.stems`)."""
    if is_arabic(word):
        return (word, *dict.fromkeys(stem for stem, _ in stems(word)))
    own = translit.keys(word)
    bare = without_fused_article(word)
    return own if not bare else tuple(dict.fromkeys(own + translit.keys(bare)))


def skeletons(word: str, keys) -> list[str]:
    """The skeletons of a word's keys (none for Arabic script, whose keys are stems)."""
    return [] if is_arabic(word) else list(dict.fromkeys(map(translit.skeleton, keys)))
