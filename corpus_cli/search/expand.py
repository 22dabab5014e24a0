"""Which words of the corpus vocabulary a query word stands for.

A query word is folded (:func:`corpus_cli.language.text.fold`) and compared with the
folded vocabulary in three ways, best first:

- the same folded form (``Dara'a`` = ``Dara’a`` = ``Daraa``);
- the same transliteration key (:mod:`corpus_cli.language.translit`: ``Asad`` =
  ``Assad``, ``Idleb`` = ``Idlib``), or the English plural or singular
  (``civilian`` = ``civilians``);
- a typo: within a number of edits that grows with the word's length, as
  Meilisearch does: none under 5 letters, 1 from 5, 2 from 9. The edit
  distance is computed by rapidfuzz against the vocabulary, never by
  scanning the text; a typo keeps the first letter (or swaps one vowel for
  another). Keys of 6 letters or more may also differ by that many swaps
  of a vowel or of g/q/k (Gadafi ~ Qaddafi). When the query word itself
  occurs in the corpus, a word a typo away must be a name or much rarer
  than it (see ``TYPO_RARITY``).

A word that matches nothing and starts with the article ``al``/``el``
(``Alnuman``) is tried again without it.
"""

from __future__ import annotations

import bisect
from array import array
from typing import Callable, Iterable, Mapping, NamedTuple, Sequence

from corpus_cli.language import translit
from corpus_cli.language.text import fold, fold_case


# How much a match of each kind counts towards a score, best first.
QUALITY_EXACT = 1.0  # the same letters, ignoring case
QUALITY_FOLDED = 0.9  # the same folded form (diacritics, apostrophes)
QUALITY_KEY = 0.8  # the same transliteration key, or a plural
QUALITY_TYPO = {1: 0.6, 2: 0.4}
# When the query word occurs in the corpus, another corpus word a typo away
# is taken as a spelling of it only if it is a name (written with a capital
# in most of its occurrences: Qaida finds Qaeda) or at least ten times rarer
# than the query word (a misspelling of it). Resolution and revolution, both
# common words, stay apart.
TYPO_RARITY = 0.1
# Letters transliterations disagree on at the start of a word: a typo may
# change the first letter only from one vowel to another (Usama, Osama).
TYPO_VOWELS = frozenset("aeiou")  # a typo may change a first vowel for another
# Keys shorter than this get no vowel-swapping typos (hamas must not reach homas).
SKELETON_MIN = 6
RULE_SAME, RULE_TYPO, RULE_PLURAL = "same word", "typo", "plural"


class Expansion(NamedTuple):
    """A vocabulary entry a query word was expanded to, and why."""

    word: str  # folded vocabulary entry
    distance: int  # edits between the folded forms
    rule: str  # "same word", "typo", "exact", or the key steps used
    quality: float  # weight of an occurrence (an exact spelling may count more)
    surface: str | None = None  # with --exact: the case-folded spelling required


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
        keys = keys if keys is not None else {w: translit.keys(w) for w in unique}
        keyed = sorted((k, i) for i, w in enumerate(unique) for k in keys[w])
        skeletal = sorted((s, i) for i, w in enumerate(unique) for s in dict.fromkeys(map(translit.skeleton, keys[w])))
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


def expand(query_word: str, lexicon: Lexicon, fuzziness: str = "auto", exact: bool = False) -> list[Expansion]:
    """Vocabulary entries ``query_word`` matches, best first."""
    key = fold(query_word)
    if not key:
        return []
    if exact:
        return [Expansion(key, 0, "exact", QUALITY_EXACT, fold_case(query_word))] if key in lexicon else []
    found = _expand_folded(key, lexicon, fuzziness)
    if not found and key[:2] in translit.ARTICLES and len(key) >= 6:
        found = [  # no typos here: "al" + a typo is too loose (Alnuman must not find human)
            e._replace(rule=f"article + {e.rule}", quality=min(e.quality, QUALITY_KEY))
            for e in _expand_folded(key[2:], lexicon, "0")
        ]
    return found


def _expand_folded(key: str, lexicon: Lexicon, fuzziness: str) -> list[Expansion]:
    found: dict[str, Expansion] = {}
    if key in lexicon:
        found[key] = Expansion(key, 0, RULE_SAME, QUALITY_EXACT)
    for word in _plurals(key):
        if word in lexicon and word not in found:
            found[word] = Expansion(word, _distance(key, word), RULE_PLURAL, QUALITY_KEY)
    for k in translit.keys(key):
        for word in lexicon.by_key(k):
            if word not in found and (distance := _distance(key, word)) <= max(2, min(len(key), len(word)) // 2):
                # a spelling, not another word: "aaaaaaaa" shares the key of "a" but is 7 edits away
                found[word] = Expansion(word, distance, translit.rule(key, word) or "key", QUALITY_KEY)
    typos = max_typos(key, fuzziness)
    if typos and lexicon.words:
        own = lexicon.count(key)
        for word, distance in _within(key, lexicon, typos).items():
            if word in found:
                continue
            if own and not lexicon.is_name(word) and lexicon.count(word) > TYPO_RARITY * own:
                continue
            found[word] = Expansion(word, distance, RULE_TYPO, QUALITY_TYPO.get(distance, 0.4))
    return sorted(found.values(), key=lambda e: (-e.quality, e.distance, e.word))


def _within(key: str, lexicon: Lexicon, typos: int) -> dict[str, int]:
    """Vocabulary words within ``typos`` edits of ``key``.

    Two ways: edits between the folded words (any letter), and edits
    between their transliteration keys that only swap one vowel for another
    or ``g``/``q``/``k`` (see :func:`corpus_cli.language.translit.skeleton`). The
    second bridges spellings such as Gadafi and Qaddafi (keys gadafi and
    kadafi) or Moamar and Muammar without letting ``shiite`` reach ``white``.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    near: dict[str, int] = {}
    for word, distance, _ in process.extract(
        key, lexicon.words, scorer=Levenshtein.distance, score_cutoff=typos, limit=None
    ):
        if word[0] == key[0] or (word[0] in TYPO_VOWELS and key[0] in TYPO_VOWELS):
            near[word] = int(distance)
    for k in translit.keys(key):
        if len(k) < SKELETON_MIN:
            continue
        for word in lexicon.by_skeleton(translit.skeleton(k)):
            distance = min(int(Levenshtein.distance(k, wk)) for wk in translit.keys(word))
            if distance <= typos:
                near[word] = min(near.get(word, typos), distance)
    return near


def _plurals(word: str) -> list[str]:
    """The English plural or singular of a folded word (civilian/civilians, church/churches)."""
    if len(word) < 4 or not word.isalpha():
        return []
    forms = [word + "s", word + "es"]
    if word.endswith("es") and len(word) >= 6:
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) >= 5:
        forms.append(word[:-1])
    return forms


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b))


def occurrence_quality(query_word: str, surface: str, expansion: Expansion) -> float:
    """How good one occurrence in the text is as a match for ``query_word``."""
    if expansion.rule != RULE_SAME:
        return expansion.quality
    if fold_case(surface) == fold_case(query_word):
        return QUALITY_EXACT
    return QUALITY_FOLDED
