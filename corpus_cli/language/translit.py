"""A transliteration key for Arabic names written in Latin letters.

The same name reaches English text in many spellings: Aleppo/Alepo,
Misskin/Miskin, Maarat/Maaret, Idlib/Idleb, Sheikh/Shaykh, Hama/Hamah,
Qamishli/Kamishli. The key rewrites a folded word (see
:func:`corpus_cli.language.text.fold`) so that such spellings meet, in named steps:

1. ``consonants``: ``dj`` → ``j`` (French Djisr), ``ch`` → ``sh`` (French
   Cheikh), ``q`` → ``k``, ``ck`` → ``k``, ``dh`` → ``d`` (Qadhafi), ``ph`` → ``f``
   (Mustapha).
2. ``vowel digraphs``: ``ee`` → ``i``, ``ou``/``oo`` → ``u``,
   ``ai``/``ay``/``ei``/``ey`` → ``ay`` (Sheikh, Shaykh, Shaikh), and a
   final ``y`` after a consonant → ``i`` (Khadafy, Qamishly).
3. ``doubled letters``: any doubled letter is written once (Aleppo → alepo,
   Assad → asad, Dara’a → daraa → dara).
4. ``final h``: an ``h`` after a final vowel is dropped, and a final
   ``eh`` is read ``a`` (Hamah → hama, Jableh → jabla: the Arabic tāʾ
   marbūṭa).
5. ``e/a/i``: an ``e`` after the first syllable, before a consonant, may
   stand for ``a`` or ``i`` (Maaret = Maarat, Idleb = Idlib), so a word
   with such an ``e`` has two keys. The first syllable is left alone, so
   men/man and bed/bad stay apart.

Two words meet when they share a key. The key is never applied to words of
fewer than three letters. Known over-matches are English pairs that differ
only in such an ``e`` (women/woman); they rank below exact matches and
``--explain`` shows them. The article (``al-``, ``el-``, ``Al``) is handled
by the query, not the key (see :mod:`corpus_cli.language.articles`).
"""

from __future__ import annotations

import re
from functools import lru_cache

VOWELS = "aeiouy"
_CONSONANTS = (("dj", "j"), ("ch", "sh"), ("ck", "k"), ("q", "k"), ("dh", "d"), ("ph", "f"))
_DIGRAPHS = re.compile(r"ee|ou|oo|ai|ay|ei|ey")
_DIGRAPH_MAP = {"ee": "i", "ou": "u", "oo": "u", "ai": "ay", "ay": "ay", "ei": "ay", "ey": "ay"}
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"([aeiou])h$")
_FIRST_SYLLABLE = re.compile(r"^[^aeiouy]*[aeiouy]+")
MIN_LENGTH = 3


def _consonants(w: str) -> str:
    for a, b in _CONSONANTS:
        w = w.replace(a, b)
    return w


_FINAL_Y = re.compile(r"(?<=[^aeiouy])y$")


def _digraphs(w: str) -> str:
    return _FINAL_Y.sub("i", _DIGRAPHS.sub(lambda m: _DIGRAPH_MAP[m.group()], w))


def _doubles(w: str) -> str:
    return _DOUBLE.sub(r"\1", w)


def _final_h(w: str) -> str:
    if len(w) <= MIN_LENGTH:
        return w
    return _FINAL_H.sub(lambda m: "a" if m.group(1) == "e" else m.group(1), w)


STEPS = (
    ("consonants", _consonants),
    ("vowel digraphs", _digraphs),
    ("doubled letters", _doubles),
    ("final h", _final_h),
)
E_RULE = "e/a/i"


def _e_variants(w: str) -> tuple[str, ...]:
    """``w`` with each later-syllable ``e`` before a consonant read as ``a`` and as ``i``."""
    m = _FIRST_SYLLABLE.match(w)
    head, tail = (w[: m.end()], w[m.end() :]) if m else (w, "")
    if not re.search(r"e(?=[^aeiouy])", tail):
        return (w,)
    return tuple(head + re.sub(r"e(?=[^aeiouy])", v, tail) for v in "ai")


def _steps(word: str) -> list[tuple[str, str]]:
    """(step name, word after the step) for every step."""
    out = []
    for name, step in STEPS:
        word = step(word)
        out.append((name, word))
    return out


@lru_cache(maxsize=65536)
def keys(word: str) -> tuple[str, ...]:
    """The key or keys of a folded word (one, or two when the e/a/i rule applies)."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return (word,)
    return _e_variants(_steps(word)[-1][1])


_SKELETON = str.maketrans("eioukgq", "aaaakkk")


def skeleton(key: str) -> str:
    """A key with every vowel read ``a`` and ``g``/``q`` read ``k``.

    Keys with the same skeleton differ only in vowels or in g/q/k, the
    letters transliterations disagree on most; the matcher lets a typo
    budget pay for those differences (Gadafi ~ Qaddafi, Moamar ~ Muammar).
    """
    return key.translate(_SKELETON)


def meet(a: str, b: str) -> bool:
    return bool(set(keys(a)) & set(keys(b)))


def rule(a: str, b: str) -> str | None:
    """The key steps that make folded words ``a`` and ``b`` meet, or None.

    Names the steps that changed either word up to the one after which
    they are the same, e.g. ``"doubled letters"`` for Aleppo/Alepo.
    """
    if a == b:
        return None
    if not meet(a, b):
        return None
    used = []
    for (name, x), (_, y) in zip(_steps(a), _steps(b)):
        if name not in used and (x != a or y != b):
            used.append(name)
        if x == y:
            return " + ".join(used)
        a, b = x, y
    used.append(E_RULE)
    return " + ".join(dict.fromkeys(used))
