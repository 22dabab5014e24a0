"""Places named in Arabic script.

A name matches as the text folds it (:func:`corpus_cli.language.text.fold`) with proclitics
allowed on its first word (بحلب, وحلب). Arabic has no capitals to tell a name from a word, and
many places are named by words (الباب "the door", السلمية "the peaceful", دوما "always"), so a
name is a place wherever it stands only when it is the same name as one of the place's Latin
names (by the consonant key of :mod:`corpus_cli.language.arabic`: درعا = Daraa), of a place of
15,000 people or more, written without the article and not a common word (the gazetteer marks
the others); every other name needs a word of place before it (في, قرب, مدينة, ريف…), the
preposition ب on it (بالباب), or another place just before it (حمص وحماة). Only countries,
divisions, Syrian places and cities of 100,000 people or more are looked for in Arabic text.
"""

from __future__ import annotations

from functools import lru_cache

from corpus_cli.language.arabic import stems
from corpus_cli.language.gazetteer import EVIDENCE, Gazetteer
from corpus_cli.language.text import fold, tokens

LONGEST = 6  # words in the longest name looked for
# Words after which a name is a place, folded: in, from, to, near, towards; city, town, village, countryside,
# governorate, quarter, camp, area, district; north, south, east, west, outskirts.
ARABIC_PLACE_WORDS = frozenset(fold(w) for w in """في من الى إلى قرب بالقرب نحو باتجاه داخل مدينة مدينه بلدة بلده قرية
    قريه ريف محافظة محافظه حي احياء مخيم منطقة منطقه ناحية ناحيه مدن بلدات قرى شمال جنوب شرق غرب شمالي جنوبي شرقي
    غربي اطراف ضواحي""".split())
_fold = lru_cache(maxsize=1 << 16)(fold)


def arabic_names_in(gaz: Gazetteer, text: str) -> list[tuple[int, int, tuple, str]]:
    """The places named in Arabic script in ``text``: (start, end, (row, flags) of the places, key)
    (see :mod:`corpus_cli.language.places`)."""
    toks = list(tokens(text))
    folded = [_fold(t.text) for t in toks]
    found: list[tuple] = []
    n = 0
    last_end = -1
    while n < len(toks):
        hit = _arabic_at(gaz, folded, n, last_end, toks)
        if hit is None:
            n += 1
            continue
        entries, size = hit
        start, end = toks[n].start, toks[n + size - 1].end
        found.append((start, end, tuple(entries), " ".join(folded[n:n + size])))
        last_end = end
        n += size
    return found


def _arabic_at(gaz: Gazetteer, folded: list[str], n: int, last_end: int, toks) -> tuple[list, int] | None:
    for first, clitics in ((folded[n], ""), *stems(folded[n])):
        if not gaz.starts(first, arabic=True):
            continue
        for size in range(min(LONGEST, len(folded) - n), 0, -1):
            entries = [(row, flags) for row, flags in gaz.arabic_names(" ".join((first, *folded[n + 1 : n + size])))
                       if "t" not in flags]
            if not entries:
                continue
            before = folded[n - 1] if n > 0 else ""
            if before not in ARABIC_PLACE_WORDS and before[:1] in ("و", "ف"):  # وفي, فمن: a conjunction on it
                before = before[1:]
            evidence = ("ب" in clitics  # بالباب: in al-Bab
                        or (not clitics and before in ARABIC_PLACE_WORDS)  # في الباب, not إلى فرقة (ف + رقة)
                        or (clitics.startswith("و") and last_end >= 0 and last_end == toks[n - 1].end))  # حمص وحماة
            entries = [(row, flags) for row, flags in entries if evidence or EVIDENCE not in flags]
            if entries:
                return entries, size
    return None


def arabic_firsts(place) -> set[str]:
    """The first words, folded, of a place's names in Arabic script."""
    return {fold(ws[0]) for name in place.arabic if (ws := [t.text for t in tokens(name)])}
