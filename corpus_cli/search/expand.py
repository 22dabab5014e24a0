"""Which words of the corpus vocabulary a query word stands for.

A query word is folded (:func:`corpus_cli.language.text.fold`) and compared with the
folded vocabulary in three ways, best first:

- the same folded form (``Dara'a`` = ``Dara’a`` = ``Daraa``);
- the same transliteration key (:mod:`corpus_cli.language.translit`: ``Asad`` =
  ``Assad``, ``Idleb`` = ``Idlib``), or the English plural or singular
  (``civilian`` = ``civilians``);
- a typo: within a number of edits that grows with the word's length, as
  Meilisearch does: none under 5 letters, 1 from 5, 2 from 9. The edit
  distance (optimal string alignment: swapping two neighbouring letters is
  one edit, so Damsacus finds Damascus) is computed by rapidfuzz against the
  vocabulary, never by scanning the text; a word in capitals (OPCW) has no
  typos and is no typo of another word; a typo keeps the first letter (or swaps one vowel for
  another). Keys of 6 letters or more may also differ by that many swaps
  of a vowel or of g/q/k (Gadafi ~ Qaddafi). When the query word itself
  occurs in the corpus, a word a typo away must be a name or much rarer
  than it (see ``TYPO_RARITY``).

A word that matches nothing and starts with the article ``al``/``el``
(``Alnuman``) is tried again without it.

A word in Arabic script finds the words of the corpus that are it with or without proclitics
(the article ال, the conjunctions و ف, the prepositions ب ك ل: حلب finds وحلب and بحلب, المعارضة
finds والمعارضة, للمعارضة and معارضة), through a stem that the corpus writes as a word, alone or
with the article; it has no typos (Arabic words are short and dense: one letter away is mostly
another word). A particle or article alone (bin, ibn, al) finds only its own forms, never a word
by key or typo (bin is not been).
"""

from __future__ import annotations

from typing import NamedTuple

from corpus_cli.language import translit
from corpus_cli.language.arabic import (
    MIN_CONSONANTS, arabic_pattern, consonant_keys, has_arabic, is_arabic, latin_consonants, stems,
)
from corpus_cli.language.articles import ARTICLES, PARTICLE_FORMS, PARTICLES, without_fused_article
from corpus_cli.language.lexicon import Lexicon, max_typos
from corpus_cli.language.text import ACRONYM_MAX, fold, fold_case, is_acronym


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
# Swapping two letters often makes another real word (coast, coats; united, untied): a word that
# is a swap away counts as a misspelling only if a hundred times rarer than the query word.
TYPO_RARITY_SWAP = 0.01
# Letters transliterations disagree on at the start of a word: a typo may
# change the first letter only from one vowel to another (Usama, Osama).
TYPO_VOWELS = frozenset("aeiou")  # a typo may change a first vowel for another
# Keys shorter than this get no vowel-swapping typos (hamas must not reach homas).
SKELETON_MIN = 6
RULE_SAME, RULE_TYPO, RULE_PLURAL = "same word", "typo", "plural"
RULE_ARTICLE, RULE_PARTICLE, RULE_VOWEL = "article + key", "particle", "a name's vowel"
RULE_ARABIC = "Arabic → Latin key"
RULE_LATIN_ARABIC = "Latin → Arabic key"
QUALITY_CLITIC = 0.9  # the same Arabic word with other proclitics (the article, a conjunction, a preposition)


class Expansion(NamedTuple):
    """A vocabulary entry a query word was expanded to, and why."""

    word: str  # folded vocabulary entry
    distance: int  # edits between the folded forms
    rule: str  # "same word", "typo", "exact", or the key steps used
    quality: float  # weight of an occurrence (an exact spelling may count more)
    surface: str | None = None  # with --exact: the case-folded spelling required
    capitalised: bool = False  # only occurrences written with a capital (a name's variant that is also a word)


def accepts(e: Expansion, surface: str, start: int = 1) -> bool:
    """Whether an occurrence spelled ``surface`` (of ``e.word``), at ``start`` in its statement,
    counts for the expansion ``e``: a name's variant only with a capital, and not as the
    statement's first word (where every word has one)."""
    if e.surface is not None and fold_case(surface) != e.surface:
        return False
    return not e.capitalised or (surface[:1].isupper() and not surface.isupper() and start > 0)  # not BSE


def expand(query_word: str, lexicon: Lexicon, fuzziness: str = "auto", exact: bool = False,
           name: bool = False, phrase: bool = False) -> list[Expansion]:
    """Vocabulary entries ``query_word`` matches, best first.

    With ``name`` (the query shows the word is a name: Abu Bakr, Sheikh Bakr), a word too short
    for typos may still differ by one vowel from a name of the corpus (Bakr, Baker), as
    transliterations of unwritten Arabic vowels do (one added or dropped); a lower-case word
    alone never does. In a ``phrase`` an Arabic word keeps its article (الائتلاف الوطني is not
    ائتلاف وطني, "a national coalition")."""
    key = fold(query_word)
    if not key:
        return []
    if exact:
        return [Expansion(key, 0, "exact", QUALITY_EXACT, fold_case(query_word))] if key in lexicon else []
    if is_acronym(query_word):  # OPCW, UNSC: letters that stand for words have no typos
        fuzziness = "0"
    if key in PARTICLES or key in ARTICLES:  # bin, ibn, al: their own forms, nothing by key or typo
        return _particle(key, lexicon)
    if is_arabic(key):
        found = _clitic_forms(key, lexicon, phrase)
        return found + [e for e in _from_arabic(query_word, lexicon) if e.word not in {f.word for f in found}]
    found = _expand_folded(key, lexicon, fuzziness)
    if name and phrase:  # "Mohamed Morsi" also finds محمد مرسي, a name in a name in the other script
        found += [e for e in _to_arabic(key, lexicon) if e.word not in {f.word for f in found}]
    if name and max_typos(key, fuzziness) == 0 and len(key) >= 3 and fuzziness == "auto":
        seen = {e.word for e in found}
        found += [Expansion(w, 1, RULE_VOWEL, QUALITY_TYPO[1], capitalised=True) for w in _vowel_variants(key)
                  if w not in seen and w in lexicon]
    if not found and is_arabic(query_word):
        return _from_arabic(query_word, lexicon)
    bare = without_fused_article(key) if not found else None
    if bare:
        found = [  # no typos here: "al" + a typo is too loose (Alnuman must not find human)
            e._replace(rule=f"article + {e.rule}", quality=min(e.quality, QUALITY_KEY))
            for e in _expand_folded(bare, lexicon, "0")
        ]
    return found


def _particle(key: str, lexicon: Lexicon) -> list[Expansion]:
    forms = PARTICLE_FORMS[PARTICLES[key]] if key in PARTICLES else (key,)
    found = [Expansion(form, _distance(key, form), RULE_SAME if form == key else RULE_PARTICLE,
                       QUALITY_EXACT if form == key else QUALITY_KEY) for form in forms if form in lexicon]
    return sorted(found, key=lambda e: (-e.quality, e.distance, e.word))


def _clitic_forms(key: str, lexicon: Lexicon, keep_article: bool = False) -> list[Expansion]:
    """The corpus's words that are the Arabic ``key`` with or without proclitics: those sharing a stem
    with it (``key`` itself, or ``key`` less its own proclitics) that the corpus writes as a word,
    alone or with the article. The rule says which proclitics an entry has, or lacks, beside the query."""
    found: dict[str, Expansion] = {}
    for stem, own in [(key, ""), *stems(key)]:
        if stem not in lexicon and "ال" + stem not in lexicon:
            continue  # not a stem this corpus knows: وزير is not و + زير where no زير is written
        definite = own.endswith(("ال", "لل"))
        for word in lexicon.by_key(stem):
            if word in found or not word.endswith(stem):
                continue
            theirs = word[: len(word) - len(stem)]
            if definite and not theirs.endswith(("ال", "لل")) and (theirs or keep_article):
                continue  # الرقة finds والرقة, للرقة and رقة, not ورقة (a paper) nor فرقة (a band)
            if word == key:
                found[word] = Expansion(word, 0, RULE_SAME, QUALITY_EXACT)
            else:
                rule = f"with {theirs}" if not own else f"without {own}" if not theirs else f"{own} → {theirs}"
                quality = QUALITY_KEY if definite and not theirs else QUALITY_CLITIC  # the article gone: another reading
                found[word] = Expansion(word, _distance(key, word), f"proclitics: {rule}", quality)
    return sorted(found.values(), key=lambda e: (-e.quality, e.distance, e.word))


def _expand_folded(key: str, lexicon: Lexicon, fuzziness: str) -> list[Expansion]:
    found: dict[str, Expansion] = {}
    if key in lexicon:
        found[key] = Expansion(key, 0, RULE_SAME, QUALITY_EXACT)
    for word in _plurals(key):
        if word in lexicon and word not in found:
            found[word] = Expansion(word, _distance(key, word), RULE_PLURAL, QUALITY_KEY)
    particle = PARTICLES.get(key)
    if particle:  # Abdel = Abdul = Abd, Abu = Abou, bin = ibn = ben
        for form in PARTICLE_FORMS[particle]:
            if form != key and form in lexicon and form not in found:
                found[form] = Expansion(form, _distance(key, form), RULE_PARTICLE, QUALITY_KEY)
    own_keys = translit.keys(key)
    for k in own_keys:
        for word in lexicon.by_key(k):
            if word in found:
                continue
            bare = without_fused_article(word)
            if bare and not set(translit.keys(word)) & set(own_keys):  # found as Alassad through assad
                # both names: not "already" through "ready", nor the surname Elkind through "kind"
                if lexicon.is_name(word) and (key not in lexicon or lexicon.is_name(key)):
                    found[word] = Expansion(word, _distance(key, bare), RULE_ARTICLE, QUALITY_KEY)
                continue
            if (distance := _distance(key, word)) <= max(2, min(len(key), len(word)) // 2):
                # a spelling, not another word: "aaaaaaaa" shares the key of "a" but is 7 edits away
                found[word] = Expansion(word, distance, translit.rule(key, word) or "key", QUALITY_KEY)
    typos = max_typos(key, fuzziness)
    if typos and lexicon.words:
        own = lexicon.count(key)
        for word, distance in _within(key, lexicon, typos).items():
            if word in found:
                continue
            if own and not lexicon.is_name(word):
                rarity = TYPO_RARITY_SWAP if distance < _levenshtein(key, word) else TYPO_RARITY
                if lexicon.count(word) > rarity * own:
                    continue
            if len(word) <= ACRONYM_MAX and _written_as_acronym(lexicon, word):
                continue  # a typo never reaches OPCW or UNSC
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
    from rapidfuzz.distance import OSA, Levenshtein

    near: dict[str, int] = {}
    for word, distance, _ in process.extract(  # optimal string alignment: a transposition is one typo
        key, lexicon.words, scorer=OSA.distance, score_cutoff=typos, limit=None
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


def _vowel_variants(word: str) -> list[str]:
    """``word`` with one vowel added between two of its consonants, or one dropped from between
    two (bakr: baker, bakir; baker: bakr), as Latin writes the short vowels Arabic does not. A
    changed or final vowel is not one: most, must; tim, time; vice, voice."""
    vowels = "aeiouy"

    def consonant(i: int) -> bool:
        return 0 <= i < len(word) and word[i] not in vowels

    found = {word[:i] + v + word[i:] for i in range(1, len(word)) if consonant(i - 1) and consonant(i) for v in "aeiou"}
    found |= {word[:i] + word[i + 1:] for i, c in enumerate(word) if c in vowels and consonant(i - 1) and consonant(i + 1)}
    found = {w for w in found if any(c in "aeiou" for c in w)}  # a name keeps a vowel: not tm, cty
    found.discard(word)
    return sorted(found)


def _from_arabic(word: str, lexicon: Lexicon) -> list[Expansion]:
    """The names of the corpus a word in Arabic script may be (see :mod:`corpus_cli.language.arabic`)."""
    wanted = {k for k in consonant_keys(word) if len(k) >= MIN_CONSONANTS}
    if not wanted:
        return []
    starts = {k[:1] for k in wanted}
    found = []
    for w in lexicon.words:
        if w[:1] in starts or w[:1] in "aeiou":
            if latin_consonants(w) & wanted and lexicon.is_name(w):
                found.append(Expansion(w, 0, RULE_ARABIC, QUALITY_KEY))
    return found


def _to_arabic(key: str, lexicon: Lexicon) -> list[Expansion]:
    """The words of the corpus in Arabic script that a Latin name may be, by the consonant key
    (:func:`corpus_cli.language.arabic.arabic_pattern`): only for a name in a phrase of names."""
    words = lexicon.words
    if not has_arabic(words):
        return []
    import bisect

    arabic = words[bisect.bisect_left(words, "\u0600") : bisect.bisect_left(words, "\u0700")]
    found = {}
    for consonants in latin_consonants(key):
        if len(consonants) < MIN_CONSONANTS or (pattern := arabic_pattern(consonants)) is None:
            continue
        for word in arabic:
            if word not in found and pattern.fullmatch(word) and consonants in consonant_keys(word):
                found[word] = Expansion(word, 0, RULE_LATIN_ARABIC, QUALITY_KEY)
    return list(found.values())


def _written_as_acronym(lexicon: Lexicon, word: str) -> bool:
    """Whether the text writes ``word`` in capitals most of the time (a lexicon that knows spellings)."""
    spellings = getattr(lexicon, "spellings", None)
    if spellings is None:
        return False
    forms = spellings(word)
    capitals = sum(n for form, n in forms.items() if is_acronym(form))
    return capitals * 2 > sum(forms.values())


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


def _levenshtein(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b))


def _distance(a: str, b: str) -> int:
    """Edits between two words, a transposition of neighbours counting as one (Damsacus, Damascus)."""
    from rapidfuzz.distance import OSA

    return int(OSA.distance(a, b))


def occurrence_quality(query_word: str, surface: str, expansion: Expansion) -> float:
    """How good one occurrence in the text is as a match for ``query_word``."""
    if expansion.rule != RULE_SAME:
        return expansion.quality
    if fold_case(surface) == fold_case(query_word):
        return QUALITY_EXACT
    return QUALITY_FOLDED
