"""Text handling shared by the loader, the index and the matcher.

Pure functions, no third-party imports: normalising raw text, splitting it
into words and statements, and folding words into the form the index keys on.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterator, NamedTuple

# Apostrophe-like marks that transliterations of Arabic use interchangeably
# (Dara’a, Dara'a, Daraʿa) plus the backtick and acute accent that stand in
# for them on some keyboards.
APOSTROPHES = "'’‘ʼʿʾ`´"

# Runs of white space other than one plain space or a line break.
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S \n]")
_NO_BREAK = re.compile("[\u00a0\u2007\u202f\u2060\ufeff]")
_ODD_SPACE = re.compile(r"[^\S \n]")  # white space other than a plain space or a line break

# A word is a run of letters and digits; apostrophes may join runs inside it
# (Dara’a, Int’l) but hyphens split it (al-Numan -> al, Numan).
WORD = re.compile(rf"[^\W_]+(?:[{APOSTROPHES}][^\W_]+)*")
# The same words in ASCII-only text, found a third faster (for index builds).
WORD_ASCII = re.compile(r"[A-Za-z0-9]+(?:['`][A-Za-z0-9]+)*")
_APOSTROPHE_TABLE = dict.fromkeys(map(ord, APOSTROPHES))
ACRONYM_MAX = 6  # letters


def is_acronym(word: str) -> bool:
    """A word of two to six capitals, perhaps with a possessive (OPCW, UNSC, DERA’s): letters that
    stand for words, so never a typo of another word nor a place's name."""
    letters = word[:-2] if word[-2:-1] in ("'", "’") else word
    return 2 <= len(letters) <= ACRONYM_MAX and letters.isalpha() and letters.isupper()


def normalize(text: str) -> str:
    """NFC, Unix line ends, no-break spaces as spaces, runs of spaces folded.

    Line breaks are kept (the loader needs them to find blocks); spaces at
    the ends of lines are removed.
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _NO_BREAK.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "  " in text or _ODD_SPACE.search(text):  # a quick look first: most texts need no folding
        text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def fold(word: str) -> str:
    """The form a word is indexed and compared under.

    Case and diacritics are dropped, an English possessive ``’s`` is removed
    and apostrophe-like marks are deleted, so ``Dara’a``, ``Dara'a`` and
    ``Daraa`` fold alike, as do ``Russia’s`` and ``Russia``.
    """
    if len(word) > 1 and word[-2] in APOSTROPHES and word[-1] in "sS":  # the possessive, without a regex per word
        word = word[:-2]
    if word.isascii():
        return word.lower().translate(_APOSTROPHE_TABLE) if ("'" in word or "`" in word) else word.lower()
    word = word.translate(_APOSTROPHE_TABLE)  # before decomposing: NFKD makes ´ a space and an accent
    previous = None
    while word != previous:  # casefolding can add marks, decomposing can add capitals
        previous = word
        decomposed = unicodedata.normalize("NFKD", word.casefold())
        word = "".join(c for c in decomposed if not unicodedata.combining(c))
    return word


# Whole-text operations that make SQLite's unicode61 tokenizer (remove_diacritics 2) read words
# as fold() does, with no per-word Python loop: a possessive goes, apostrophe-like marks go
# (Dara’a -> Daraa, which unicode61 would split in two; ʿAbd -> Abd),
# and text that is not ASCII is case-folded and compatibility-normalised (straße -> strasse,
# ﬁ -> fi) and stripped of combining marks (آ -> ا, й -> и), which unicode61 does not do.
# An apostrophe-like mark, with the s of a possessive after it; what it becomes depends on its
# neighbours (see _fts_mark). Text whose only non-ASCII characters are punctuation (“ ” – —)
# needs no case folding or decomposition beyond what unicode61 does.
_FTS_MARK = re.compile(rf"[{APOSTROPHES}](?:[sS](?![^\W_]))?")
_NOT_PLAIN = re.compile("[^\x00-\x7f“”‘’–—…•]")
FTS_TOKENIZER = "unicode61 remove_diacritics 2"


def _is_letter(c: str) -> bool:
    return c.isalnum()


def _fts_mark(m: re.Match) -> str:
    """A mark between two letters joins them (Dara’a); a possessive goes (Russia’s); others part words."""
    text, start, end = m.string, m.start(), m.end()
    before = start > 0 and _is_letter(text[start - 1])
    if end - start == 2:  # a mark and an s that ends the word
        return "" if before else (" " if _is_letter(text[start]) else " s")
    if _is_letter(text[start]):  # ʼ ʿ ʾ are letters to the word pattern: they go, as fold() drops them
        return ""
    return "" if before and end < len(text) and _is_letter(text[end]) else " "


def fts_text(text: str) -> str:
    """``text`` as the full-text index tokenises it, so that its terms are :func:`fold`'s words."""
    if text.isascii():
        return _FTS_MARK.sub(_fts_mark, text) if ("'" in text or "`" in text) else text
    text = _FTS_MARK.sub(_fts_mark, text)
    if _NOT_PLAIN.search(text):  # as fold() does, on the whole text at once
        text = unicodedata.normalize("NFKD", text.casefold())
        text = unicodedata.normalize("NFC", _combining().sub("", text))
    return text


@functools.cache
def _combining() -> re.Pattern:
    """Every combining mark of the Basic Multilingual Plane, as one character class."""
    marks = [c for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))]
    ranges, start = [], marks[0]
    for prev, cur in zip(marks, marks[1:] + [None]):
        if cur != prev + 1:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(prev))}" if prev > start else re.escape(chr(start)))
            start = cur
    return re.compile("[" + "".join(ranges) + "]")


def fold_case(word: str) -> str:
    """The form used by exact matching: case is folded and an English possessive dropped
    (``Assad’s`` is spelled as ``Assad``: the possessive is grammar, not spelling)."""
    if len(word) > 1 and word[-2] in APOSTROPHES and word[-1] in "sS":
        word = word[:-2]
    return unicodedata.normalize("NFC", word.casefold())


class Token(NamedTuple):
    start: int
    end: int
    text: str


def tokens(text: str) -> Iterator[Token]:
    """The words of ``text`` with their character offsets."""
    for m in WORD.finditer(text):
        yield Token(m.start(), m.end(), m.group())


def words(text: str) -> list[str]:
    return WORD.findall(text)


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """How many words ``text[start:end]`` holds, as the index counts them."""
    end = len(text) if end is None else end
    return len((WORD_ASCII if text.isascii() else WORD).findall(text, start, end))


# Sentence ends: a full stop, question or exclamation mark, optionally closed
# by quotes or a bracket, then space, then something that starts a sentence.
_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st gen col lt sgt maj capt cmdr adm rep reps sen sens gov
    jr sr vs etc inc co corp ltd prof rev hon pres dept est approx
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n e.g i.e a.m p.m""".split()
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


_NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})  # "No. 5", but "said no."


def _is_abbreviation(text: str, end: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, end - 12), end)
    if not m:
        return False
    word = m.group(1).lower()
    if word in _NUMBER_ABBREVIATIONS:
        return text[end + 1 : end + 3].strip()[:1].isdigit()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_statements(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph.

    Abbreviations (``Mr.``, ``U.S.``) and initials do not end a sentence.
    Spans never include the white space between sentences.
    """
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        if m.group()[0] == "." and _is_abbreviation(paragraph, m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return spans


def shorten(text: str, limit: int = 80) -> str:
    """Cut ``text`` at a word boundary to at most ``limit`` characters.

    A cut text ends in an ellipsis; trailing punctuation is dropped first.
    """
    text = text.strip()
    if len(text) <= limit:
        return text.rstrip(" .,;:")
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" .,;:–—-") + "…"
