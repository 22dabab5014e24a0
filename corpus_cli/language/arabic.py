"""From a name in Arabic script to the Latin spellings of a corpus: a consonant key.

Arabic writes consonants and long vowels; Latin transliterations add the short vowels each in
its own way (محمد: Muhammad, Mohammed, Mohamed). So a name in Arabic script is read letter by
letter into Latin consonants (:data:`LETTERS`, close to the common press romanisation), and a
Latin word is reduced to its consonants through the transliteration key
(:mod:`corpus_cli.language.translit`: Qaddafi → kdf); the two meet when these agree. The
article ال is dropped; و and ي stand for a consonant (w, y) or a long vowel, so both readings are
kept (and Latin's y and w stay consonants: Hussein is hsyn, Hassan hsn); ع and ء, which
Latin mostly leaves out, are left out.

This is a documented key, not a dictionary: it bridges only to words the corpus writes as names,
and a short name meets every name of its consonants (الأسد: Assad and Asad, but also Saad; حسين:
Hussein, and Hassan through its long-vowel reading; محمد: Mohammed, and Mahmoud).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from corpus_cli.language.translit import keys

# Each Arabic letter as Latin consonants ("" for a long vowel or a letter Latin leaves out; two
# readings where the press has two: ج as j or as Egyptian g, Gamal; ق as q or as g, Gaddafi).
LETTERS = {
    "ا": "", "أ": "", "إ": "", "آ": "", "ٱ": "", "ى": "", "ء": "", "ئ": "", "ؤ": "", "ع": "",
    "ب": "b", "ت": "t", "ث": "th", "ج": ("j", "g"), "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f",
    "ق": ("q", "g"), "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "", "پ": "p", "چ": "ch", "گ": "g",
}
SEMIVOWELS = {"و": "w", "ي": "y"}  # a consonant or a long vowel: both readings are kept
MIN_CONSONANTS = 2  # consonants: a one-letter key would meet half the names
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # vowel signs, shadda, sukun, tatweel
_VOWELS = re.compile("[aeiou]")  # after the key: what Latin spellings disagree on


_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


def is_arabic(text: str) -> bool:
    """Whether ``text`` holds a character of the Arabic block (a search in C)."""
    return _ARABIC_LETTER.search(text) is not None


def has_arabic(words: list[str]) -> bool:
    """Whether a sorted list of words holds one in Arabic script (a look, not a scan)."""
    import bisect

    i = bisect.bisect_left(words, "\u0600")
    return i < len(words) and words[i] < "\u0700"


# The proclitics Arabic writes onto a word, folded, longest first: a conjunction (و, ف), then a
# preposition (ب, ك, ل), then the article (ال; after ل the article's alef is not written: لل).
PROCLITICS = tuple(sorted(
    {conj + ("لل" if prep == "ل" and art else prep + art)
     for conj in ("", "و", "ف") for prep in ("", "ب", "ك", "ل") for art in ("", "ال")} - {""},
    key=lambda p: (-len(p), p)))
STEM_MIN = 3  # letters left after the proclitics: بلد is not ب + لد, الله is not ال + له


_PROCLITIC_STARTS = frozenset(p[0] for p in PROCLITICS)


@lru_cache(maxsize=1 << 16)
def stems(word: str) -> tuple[tuple[str, str], ...]:
    """(stem, proclitics) for each way a folded Arabic word may be proclitics written onto a stem of
    :data:`STEM_MIN` letters or more (وبالمدنيين: وبال + مدنيين, وب + المدنيين, و + بالمدنيين)."""
    if word[:1] not in _PROCLITIC_STARTS:
        return ()
    return tuple((word[len(p):], p) for p in PROCLITICS if word.startswith(p) and len(word) - len(p) >= STEM_MIN)


_ALEFS = str.maketrans({"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627", "\u0629": "\u0647"})


def plain(text: str) -> str:
    """Arabic-script text without vowel signs and tatweel, the forms of alef as one, ة as ه, spaces as
    one: how a name is looked up (حَلَب = حلب)."""
    return " ".join(_MARKS.sub("", text).translate(_ALEFS).split())


def consonant_keys(word: str) -> frozenset[str]:
    """The consonant keys of a word in Arabic script (each reading of و and ي), without the article."""
    word = _MARKS.sub("", word)
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    choices = []
    for c in word:
        if c in SEMIVOWELS:
            choices.append(("", SEMIVOWELS[c]))
        elif c in LETTERS:
            choices.append(LETTERS[c] if isinstance(LETTERS[c], tuple) else (LETTERS[c],))
        else:
            return frozenset()  # not a word of Arabic letters
    found = set()
    for picked in product(*choices):
        latin = "".join(picked)
        if latin:
            found.update(_consonants(k) for k in keys(latin))
            found.add(_consonants(latin))
    return frozenset(found)


@lru_cache(maxsize=1 << 16)
def latin_consonants(word: str) -> frozenset[str]:
    """The consonant keys of a folded Latin word (and of it without an article written onto it):
    the word and its transliteration keys without vowels and doubled letters (Mohammed, Muhammad: mhmd)."""
    from corpus_cli.language.articles import without_fused_article

    forms = {word, *keys(word)}
    bare = without_fused_article(word)
    if bare:
        forms |= {bare, *keys(bare)}
    return frozenset(_consonants(k) for k in forms)


def _consonants(key: str) -> str:
    return re.sub(r"(.)\1+", r"\1", _VOWELS.sub("", key))


# The other way, a Latin consonant key as the Arabic letters it may stand for (folded Arabic).
_FROM_LATIN = [("sh", "ش"), ("kh", "خ"), ("gh", "غ"), ("th", "[ثذ]"), ("dh", "[ذضظ]"), ("b", "ب"), ("p", "ب"),
               ("t", "[تط]"), ("j", "ج"), ("g", "[جغق]"), ("h", "[حه]"), ("d", "[دض]"), ("r", "ر"), ("z", "[زظذ]"),
               ("s", "[سصث]"), ("f", "ف"), ("v", "ف"), ("q", "ق"), ("k", "[كق]"), ("c", "[كسق]"), ("l", "ل"),
               ("m", "م"), ("n", "ن"), ("w", "و"), ("y", "ي")]
_LONG = "[اويءع]*"  # long vowels, hamza and ʿayn, which Latin writes as vowels or not at all


@lru_cache(maxsize=1024)
def arabic_pattern(consonants: str) -> re.Pattern | None:
    """Folded Arabic words whose consonants a Latin consonant key gives (mrs: مرسي, ومرسي),
    proclitics and the article allowed before them; None for a key of letters Arabic has not."""
    parts, i = [], 0
    while i < len(consonants):
        for latin, arabic in _FROM_LATIN:
            if consonants.startswith(latin, i):
                parts.append(arabic)
                i += len(latin)
                break
        else:
            return None
    return re.compile(rf"(?:[وف]?[بكل]?(?:ال)?){_LONG}{_LONG.join(parts)}{_LONG}ه?")
