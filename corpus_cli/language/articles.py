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


def is_article(word: str, following: str | None, hyphen: bool = False) -> bool:
    """Whether folded ``word``, before the folded word ``following`` (None: the last word), is the
    article: a standalone form, or an assimilated one joined by a hyphen (as-Sisi) or followed by
    its own sun letter (ash Shughur, ad Dawla). The last word of a name is never the article."""
    if following is None:
        return False
    if word in STANDALONE:
        return True
    return word in ASSIMILATED and (hyphen or following.startswith(word[1:]))


# The particles of Arabic names, each with the ways Latin text writes it (Abd al-Aziz, Abdel Aziz,
# Abdul Aziz; Abu, Abou; bin, ibn, ben). A query in one form finds the others.
PARTICLE_FORMS = {
    "abd": ("abd", "abdel", "abdul", "abdal", "abdoul", "abdol", "abdil"),
    "abu": ("abu", "abou", "abo", "aboo"),
    "bin": ("bin", "ibn", "ben", "bn", "ibni"),
}
PARTICLES = {form: particle for particle, forms in PARTICLE_FORMS.items() for form in forms}
# Written onto the next word (Abdelaziz, Abubakr): longest first, so Abdelaziz is abd + aziz.
_FUSED_PARTICLES = sorted(((f, p) for p, forms in PARTICLE_FORMS.items() for f in forms if len(f) >= 3 and p != "bin"),
                          key=lambda fp: -len(fp[0]))


def split_fused_particle(word: str) -> tuple[str, str, str] | None:
    """(the form, its particle, the rest) of a folded word that begins with a particle written onto
    a name of three letters or more (``abdulaziz`` → ``('abdul', 'abd', 'aziz')``), or None."""
    for form, particle in _FUSED_PARTICLES:
        if word.startswith(form) and len(word) - len(form) >= 3:
            return form, particle, word[len(form):]
    return None
