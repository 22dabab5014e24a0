"""Whether two written names stand for the same person or place: one mechanism with data tables.

A name is read as words, folded (:func:`corpus_cli.language.text.fold`); the article in any of its
forms is dropped (:mod:`corpus_cli.language.articles`), and the particles of names are written one
way each (:data:`PARTICLES`: Abdel/Abdul/Abd al- → abd, Abou/Abo → abu, ibn/ben/bn → bin), also when
fused to the next word (Abdelaziz, Abubakr). Two words meet when they share a transliteration key
(:mod:`corpus_cli.language.translit`) or their keys are within the typo budget
(:func:`corpus_cli.language.lexicon.max_typos`) in optimal string alignment distance, where a
transposition is one typo, or when keys of six letters or more differ only in vowels and in
g/q/k/kh (Gaddafi, Khadafy). Two names are the same when every word of the shorter meets a word of
the longer, in order (a middle name may be missing), or when their words written together meet
(Nasr Allah = Nasrallah).

Places go through the gazetteer first (:meth:`corpus_cli.language.gazetteer.Gazetteer.resolve`): two
names that resolve to a common place are the same place, whatever their spelling.
"""

from __future__ import annotations

from functools import lru_cache

from corpus_cli.language.articles import PARTICLE_FORMS, PARTICLES, is_article, split_fused_particle, without_fused_article
from corpus_cli.language.lexicon import max_typos
from corpus_cli.language.text import WORD, fold
from corpus_cli.language.translit import keys, skeleton

# Words before a name that say it is one (Sheikh Bakr, Abu Bakr, Imam Ali), folded.
NAME_TITLES = frozenset(
    "sheikh shaykh sheik imam mullah abu abou abo umm bin ibn ben mr mrs ms dr president minister prince king emir "
    "general colonel brigadier commander".split()
)


@lru_cache(maxsize=4096)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name that identify it: folded, articles dropped, particles in one form.

    >>> name_words("Abd al-Fattah as-Sisi")
    ('abd', 'fattah', 'sisi')
    >>> name_words("Abdelaziz ben Baz")
    ('abd', 'aziz', 'bin', 'baz')
    """
    found = [(m.group(), m.end()) for m in WORD.finditer(name)]
    out: list[str] = []
    for n, (word, end) in enumerate(found):
        w = fold(word)
        following = fold(found[n + 1][0]) if n + 1 < len(found) else ""
        if is_article(w, following or None, name[end:end + 1] == "-"):
            continue  # al-Assad, Al Thani, as-Sisi, ash Shughur
        if w in PARTICLES:
            out.append(PARTICLES[w])
            continue
        fused = split_fused_particle(w)
        if fused:
            out += [fused[1], fused[2]]
            continue
        out.append(w)
    return tuple(out) or tuple(fold(w) for w, _ in found)


def words_meet(a: str, b: str) -> bool:
    """Whether two folded words are spellings of one name word (see the module's docstring)."""
    if a == b:
        return True
    forms_a, forms_b = _forms(a), _forms(b)
    if forms_a & forms_b:  # a shared key (Asad, Assad), also of the word without a fused article
        return True
    budget = max_typos(a if len(a) >= len(b) else b)  # as the words are written (Deraa, Daraa: 1)
    if any(_close(x, y, budget) for x in forms_a for y in forms_b):
        return True
    # Vowels and g/q/k/kh are what transliterations of a name disagree on most (Gaddafi, Khadafy):
    # keys of six letters or more that differ only there meet.
    return any(len(x) >= 6 and _skeleton(x) == _skeleton(y) for x in forms_a for y in forms_b)


def _skeleton(key: str) -> str:
    return skeleton(key.replace("kh", "k"))


@lru_cache(maxsize=1 << 16)
def _forms(word: str) -> frozenset[str]:
    """A word's keys, and those of the word without an article fused to it (Alassad, Elkhatib)."""
    found = set(keys(word))
    bare = without_fused_article(word)
    if bare:
        found.update(keys(bare))
    return frozenset(found)


def _close(x: str, y: str, budget: int) -> bool:
    from rapidfuzz.distance import OSA

    return budget > 0 and OSA.distance(x, y, score_cutoff=budget) <= budget


def same_name(a: str, b: str) -> bool:
    """Whether names ``a`` and ``b`` are spellings of one name (see the module's docstring)."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if _in_order(short, long):
        return True
    if len(wa) + len(wb) <= 2:
        return False
    # Written together (Nasr Allah, Nasrallah), with no more typos than its longest word may have.
    ja, jb = ("".join(without_fused_article(w) or w for w in ws) for ws in (wa, wb))
    budget = max_typos(max(wa + wb, key=len))
    return bool(set(keys(ja)) & set(keys(jb))) or any(
        _close(x, y, budget) for x in keys(ja) for y in keys(jb))


def _in_order(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every word of ``short`` meets a word of ``long``, in order, and not only particles do."""
    i = 0
    content = False
    for word in short:
        while i < len(long) and not words_meet(word, long[i]):
            i += 1
        if i == len(long):
            return False
        content = content or word not in PARTICLE_FORMS
        i += 1
    return content


def same_place(a: str, b: str) -> bool:
    """Whether names ``a`` and ``b`` stand for one place: through the gazetteer, else as names."""
    from corpus_cli.language.gazetteer import gazetteer

    gaz = gazetteer()
    found_a, found_b = {p.id for p in gaz.resolve(a)}, {p.id for p in gaz.resolve(b)}
    if found_a or found_b:
        return bool(found_a & found_b)
    return same_name(a, b)
