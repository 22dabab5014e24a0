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



def _ranges(codes) -> str:
    """Code points as the inside of a regular expression's character class, in ranges."""
    codes = list(codes)
    found, start = [], codes[0]
    for prev, cur in zip(codes, codes[1:] + [None]):
        if cur != prev + 1:
            found.append(f"{re.escape(chr(start))}-{re.escape(chr(prev))}" if prev > start else re.escape(chr(start)))
            start = cur
    return "".join(found)


# Marks (Unicode category M: Arabic vowel signs, Hebrew points, the vowel signs and viramas of
# Indic scripts, accents left loose) belong to the word they sit on: حَلَب is one word, not three.
# Those of the Basic Multilingual Plane in Unicode 14.0.0, written out (reading them from unicodedata
# costs every command 7 ms; tests/test_text.py checks the table against it).
MARK_TABLE_VERSION = "14.0.0"
MARK_TABLE = """
0300-036f 0483-0489 0591-05bd 05bf 05c1-05c2 05c4-05c5 05c7 0610-061a 064b-065f 0670 06d6-06dc
06df-06e4 06e7-06e8 06ea-06ed 0711 0730-074a 07a6-07b0 07eb-07f3 07fd 0816-0819 081b-0823
0825-0827 0829-082d 0859-085b 0898-089f 08ca-08e1 08e3-0903 093a-093c 093e-094f 0951-0957
0962-0963 0981-0983 09bc 09be-09c4 09c7-09c8 09cb-09cd 09d7 09e2-09e3 09fe 0a01-0a03 0a3c
0a3e-0a42 0a47-0a48 0a4b-0a4d 0a51 0a70-0a71 0a75 0a81-0a83 0abc 0abe-0ac5 0ac7-0ac9 0acb-0acd
0ae2-0ae3 0afa-0aff 0b01-0b03 0b3c 0b3e-0b44 0b47-0b48 0b4b-0b4d 0b55-0b57 0b62-0b63 0b82
0bbe-0bc2 0bc6-0bc8 0bca-0bcd 0bd7 0c00-0c04 0c3c 0c3e-0c44 0c46-0c48 0c4a-0c4d 0c55-0c56
0c62-0c63 0c81-0c83 0cbc 0cbe-0cc4 0cc6-0cc8 0cca-0ccd 0cd5-0cd6 0ce2-0ce3 0d00-0d03 0d3b-0d3c
0d3e-0d44 0d46-0d48 0d4a-0d4d 0d57 0d62-0d63 0d81-0d83 0dca 0dcf-0dd4 0dd6 0dd8-0ddf 0df2-0df3
0e31 0e34-0e3a 0e47-0e4e 0eb1 0eb4-0ebc 0ec8-0ecd 0f18-0f19 0f35 0f37 0f39 0f3e-0f3f 0f71-0f84
0f86-0f87 0f8d-0f97 0f99-0fbc 0fc6 102b-103e 1056-1059 105e-1060 1062-1064 1067-106d 1071-1074
1082-108d 108f 109a-109d 135d-135f 1712-1715 1732-1734 1752-1753 1772-1773 17b4-17d3 17dd
180b-180d 180f 1885-1886 18a9 1920-192b 1930-193b 1a17-1a1b 1a55-1a5e 1a60-1a7c 1a7f 1ab0-1ace
1b00-1b04 1b34-1b44 1b6b-1b73 1b80-1b82 1ba1-1bad 1be6-1bf3 1c24-1c37 1cd0-1cd2 1cd4-1ce8 1ced
1cf4 1cf7-1cf9 1dc0-1dff 20d0-20f0 2cef-2cf1 2d7f 2de0-2dff 302a-302f 3099-309a a66f-a672
a674-a67d a69e-a69f a6f0-a6f1 a802 a806 a80b a823-a827 a82c a880-a881 a8b4-a8c5 a8e0-a8f1 a8ff
a926-a92d a947-a953 a980-a983 a9b3-a9c0 a9e5 aa29-aa36 aa43 aa4c-aa4d aa7b-aa7d aab0 aab2-aab4
aab7-aab8 aabe-aabf aac1 aaeb-aaef aaf5-aaf6 abe3-abea abec-abed fb1e fe00-fe0f fe20-fe2f
"""
_MARK_CODES = [c for part in MARK_TABLE.split() for a, _, b in [part.partition("-")]
               for c in range(int(a, 16), int(b or a, 16) + 1)]
MARKS = _ranges(_MARK_CODES)
# A word is a run of letters and digits, with the marks on them; apostrophes may join runs inside
# it (Dara’a, Int’l) but hyphens split it (al-Numan -> al, Numan).
_RUN = rf"[^\W_]+(?:[{MARKS}]+[^\W_]*)*"
WORD = re.compile(rf"{_RUN}(?:[{APOSTROPHES}]{_RUN})*")
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


# Arabic as a reader folds it (after decomposition has taken off the hamza and madda of أ إ آ ؤ ئ
# and the vowel signs): tatweel goes; alef wasla is alef; alef maqsura, and Persian and Urdu
# ye, are ي; ta marbuta and the Persian and Urdu forms of he are ه; Persian kaf is ك; the
# Arabic-Indic and Persian digits are 0-9.
ARABIC_FOLD = {
    0x0640: None, 0x0671: "ا", 0x0649: "ي", 0x06CC: "ي", 0x06D2: "ي", 0x0629: "ه", 0x06D5: "ه", 0x06C1: "ه",
    0x06BE: "ه", 0x06A9: "ك",
    **{0x0660 + n: str(n) for n in range(10)}, **{0x06F0 + n: str(n) for n in range(10)},
}


def fold(word: str) -> str:
    """The form a word is indexed and compared under.

    Case and diacritics are dropped, an English possessive ``’s`` is removed
    and apostrophe-like marks are deleted, so ``Dara’a``, ``Dara'a`` and
    ``Daraa`` fold alike, as do ``Russia’s`` and ``Russia``; Arabic is folded
    as :data:`ARABIC_FOLD` says (حَلَب = حلب, مرسى = مرسي, سورية = سوريه).
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
    return word.translate(ARABIC_FOLD)


# Whole-text operations that make SQLite's unicode61 tokenizer (remove_diacritics 2) read words
# as fold() does, with no per-word Python loop: a possessive goes, apostrophe-like marks go
# (Dara’a -> Daraa, which unicode61 would split in two; ʿAbd -> Abd),
# and text that is not ASCII is case-folded and compatibility-normalised (straße -> strasse,
# ﬁ -> fi) and stripped of combining marks (آ -> ا, й -> и), which unicode61 does not do, and
# Arabic is folded (ARABIC_FOLD). Marks that stay (spacing ones, such as the vowel signs of
# Indic scripts) are token characters to unicode61, as they are part of WORD.
# An apostrophe-like mark, with the s of a possessive after it; what it becomes depends on its
# neighbours (see _fts_mark). Text whose only non-ASCII characters are punctuation (“ ” – —)
# needs no case folding or decomposition beyond what unicode61 does.
_FTS_MARK = re.compile(rf"[{APOSTROPHES}](?:[sS](?![^\W_]))?")
_NOT_PLAIN = re.compile("[^\x00-\x7f“”‘’–—…•]")
SPACING_MARKS = "".join(chr(c) for c in _MARK_CODES if not unicodedata.combining(chr(c)))
FTS_TOKENIZER = f"unicode61 remove_diacritics 2 tokenchars ''{SPACING_MARKS}''"  # inside an SQL string


_MARK_SET = frozenset(map(chr, _MARK_CODES))


def _is_letter(c: str) -> bool:
    """A character of a word: a letter or digit, or a mark on one (WORD's characters)."""
    return c.isalnum() or c in _MARK_SET


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
        text = unicodedata.normalize("NFC", _combining().sub("", text)).translate(ARABIC_FOLD)
    return text


@functools.cache
def _combining() -> re.Pattern:
    """Every combining mark of the Basic Multilingual Plane, as one character class."""
    return re.compile("[" + _ranges(c for c in _MARK_CODES if unicodedata.combining(chr(c))) + "]")


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
    """The words of ``text``: the one definition of a word (:data:`WORD`), which the others follow:
    :func:`terms` folds them, :func:`count_words` counts them, :func:`fts_text` gives FTS5 a text
    whose tokens are the same terms (tests/test_text.py holds the two equal)."""
    return WORD.findall(text)


def terms(text: str, fold_word=None) -> list[str]:
    """The terms of ``text`` as the index keeps and search compares them: each word folded (with
    ``fold_word``, a cached :func:`fold`)."""
    return list(map(fold_word or fold, WORD.findall(text)))


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """How many words ``text[start:end]`` holds, as the index counts them."""
    end = len(text) if end is None else end
    return len((WORD_ASCII if text.isascii() else WORD).findall(text, start, end))



# Sentence ends: a full stop, question or exclamation mark of any script (؟ ۔ । 。 ！ ？) or an
# ellipsis, perhaps closed by quotes or a bracket (and ; after Greek, where it is the question mark,
# which normalisation writes as ;). A sentence starts after one with a capital, a
# digit, or a letter of a script that has no capitals (Arabic, Hebrew, the Indic scripts, Chinese),
# perhaps after an opening quote or bracket; after white space, or straight after a closing quote
# (role."I am, as pages run together) or a Chinese stop.
_TERMINATOR = re.compile(r"[.!?…؟۔।。！？;;]+[\"”’'»)\]]*")
_OPENING = "\"“‘'«([„"
_CLOSING = "\"”’'»)]"
_UNSPACED = "。！？"
_DIRECTION_MARKS = "\u200e\u200f\u061c"  # left-to-right, right-to-left and Arabic letter marks: no text
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st gen col lt sgt maj capt cmdr adm rep reps sen sens gov
    jr sr vs etc inc co corp ltd prof rev hon pres dept est approx
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n e.g i.e a.m p.m""".split()
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")
# A run of more words than this without a sentence end (a list, a transcript, a page without
# punctuation) is cut: at clause marks (; : — and Arabic ؛), then at commas, then every this many words.
MAX_STATEMENT_WORDS = 80
_CLAUSE_MARK = re.compile(r"[;:؛](?=\s)|\s[—–-]\s|—")
_COMMA = re.compile(r"[,،](?=\s)")


_NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})  # "No. 5", but "said no."


def _is_abbreviation(text: str, end: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, end - 12), end)
    if not m:
        return False
    word = m.group(1).lower()
    if word in _NUMBER_ABBREVIATIONS:
        return text[end + 1 : end + 3].strip()[:1].isdigit()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def starts_sentence(c: str) -> bool:
    """A capital, a digit, or a letter of a script without capitals."""
    return c.isupper() or c.isdigit() or (c.isalpha() and not c.islower())


def split_statements(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph, in any script.

    Abbreviations (``Mr.``, ``U.S.``) and initials do not end a sentence; a run of more than
    :data:`MAX_STATEMENT_WORDS` words is cut (see there). Spans never include the white space
    between sentences.
    """
    spans = []
    start, n = 0, len(paragraph)
    for m in _TERMINATOR.finditer(paragraph):
        end = i = m.end()
        while i < n and (paragraph[i].isspace() or paragraph[i] in _DIRECTION_MARKS):
            i += 1
        after = i
        if i < n and paragraph[i] in _OPENING:
            i += 1
        if i >= n or not starts_sentence(paragraph[i]):
            continue
        mark = m.group()
        if mark[0] in ";;" and not ("\u0370" <= paragraph[m.start() - 1: m.start()] <= "\u03ff"
                                     or "\u1f00" <= paragraph[m.start() - 1: m.start()] <= "\u1fff"):
            continue  # a semicolon, not a Greek question mark
        if after == end and mark[-1] not in _CLOSING and mark[0] not in _UNSPACED:
            continue  # 3.5, www.example.com
        if mark[0] == "." and _is_abbreviation(paragraph, m.start()):
            continue
        spans.append((start, end))
        start = after
    if start < n:
        spans.append((start, n))
    if n <= MAX_STATEMENT_WORDS * 4:  # too short to hold a long run
        return spans
    # a span of 2 × MAX characters or fewer cannot hold more than MAX words (each takes a
    # character and a separator): only longer ones are counted
    return [piece for a, b in spans for piece in (_cut_run(paragraph, a, b) if b - a > 2 * MAX_STATEMENT_WORDS
                                                   else [(a, b)])]


def _cut_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span of more than MAX_STATEMENT_WORDS words cut into pieces of at most that many: at clause
    marks, then commas, then between words; each piece as long as the limit allows."""
    if count_words(text, start, end) <= MAX_STATEMENT_WORDS:  # the usual case: counted, not located
        return [(start, end)]
    ends = [m.end() for m in WORD.finditer(text, start, end)]
    pieces = [(start, end)]
    for marks in (_CLAUSE_MARK, _COMMA, None):
        pieces = [p for a, b in pieces for p in _pack(text, a, b, marks, ends)]
    return pieces


def _pack(text: str, start: int, end: int, marks, ends: list[int]) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` where ``marks`` match (after every word if None), so that each piece
    holds at most MAX_STATEMENT_WORDS words and as many as it can."""
    import bisect

    def words(a: int, b: int) -> int:
        return bisect.bisect_right(ends, b) - bisect.bisect_right(ends, a)

    if words(start, end) <= MAX_STATEMENT_WORDS:
        return [(start, end)]
    cuts = ([m.end() for m in marks.finditer(text, start, end)] if marks is not None
            else [e for e in ends if start < e < end])
    pieces, piece, last = [], start, None
    for cut in cuts + [end]:
        if words(piece, cut) > MAX_STATEMENT_WORDS and last is not None and last > piece:
            pieces.append((piece, last))
            piece = last
        last = cut
    pieces.append((piece, end))
    return [_trimmed(text, a, b) for a, b in pieces if text[a:b].strip()]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


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
