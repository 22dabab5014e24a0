"""The Arabic article in the ways Latin text writes it: one table for search, phrases and places.

The article stands alone before a name (``al-Assad``, ``el Khatib``, ``ul`` in ``Abd ul-Aziz``),
or takes the sound of a following "sun letter" (``ad-Dawla``, ``ash-Shughur``, ``es-Sham``, ``ech-Cheikh``
in French transliteration), or is fused to the name (``Alassad``, ``Elkhatib``). It is optional:
a query with it finds the text without it, and the other way round.
"""

from __future__ import annotations

STANDALONE = frozenset({"al", "el", "ul", "il"})
# The sun letters as Latin text writes them (ch: French for sh); the article before them is
# written with its vowel (a, e or u) and the letter doubled: ad-, adh-, an-, ar-, as-, ash-, at-, ath-, az-.
SUN_LETTERS = ("t", "th", "d", "dh", "r", "z", "s", "sh", "n", "ch")
ASSIMILATED = frozenset(vowel + letter for vowel in "aeu" for letter in SUN_LETTERS)
ARTICLES = STANDALONE | ASSIMILATED  # every written form of the article, folded
FUSED = ("al", "el")  # written onto the name: Alassad, Elkhatib
FUSED_MIN = 6  # letters: a shorter word starting so (alert, else) is not taken apart


def without_fused_article(word: str) -> str | None:
    """``word`` (folded) without an article written onto it (``alassad`` → ``assad``), or None."""
    if len(word) >= FUSED_MIN and word[:2] in FUSED:
        return word[2:]
    return None
