import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus_cli.language.text import fold, normalize, shorten, split_statements, tokens, words


def test_fold_meets_spellings_of_a_name():
    assert fold("Dara’a") == fold("Dara'a") == fold("Daraa") == fold("DARAʿA") == "daraa"


def test_fold_drops_diacritics_and_possessive():
    assert fold("Khān") == "khan"
    assert fold("Russia’s") == "russia"
    assert fold("Assad's") == "assad"
    assert fold("Int’l") == "intl"


def test_words_split_on_hyphens_but_not_apostrophes():
    assert words("Maaret al-Numan, Dara’a's Int’l") == ["Maaret", "al", "Numan", "Dara’a's", "Int’l"]


def test_tokens_carry_offsets():
    assert [tuple(t) for t in tokens("in Aleppo.")] == [(0, 2, "in"), (3, 9, "Aleppo")]


def test_normalize_folds_spaces_and_line_ends():
    assert normalize("a\u00a0 b  c \r\nnext\rline\u202f!") == "a b c\nnext\nline !"
    assert normalize("e\u0301") == "\u00e9"


def test_split_statements_keeps_abbreviations_and_quotes():
    text = 'Mr. Smith met U.S. envoys. He cited resolution No. 2254 and said "no." Then he left! Why? Because.'
    spans = split_statements(text)
    assert [text[s:e] for s, e in spans] == [
        "Mr. Smith met U.S. envoys.",
        'He cited resolution No. 2254 and said "no."',
        "Then he left!",
        "Why?",
        "Because.",
    ]


def test_split_statements_does_not_cut_inside_a_closing_quote():
    text = "“We will win,” the statement added. The end."
    assert [text[s:e] for s, e in split_statements(text)] == ["“We will win,” the statement added.", "The end."]


def test_shorten_cuts_at_a_word_boundary():
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("short sentence.", 80) == "short sentence"


@given(st.text())
def test_statements_cover_only_text_and_stay_in_order(text):
    spans = split_statements(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        last = end
    # everything outside the spans is white space
    outside = "".join(text[a:b] for a, b in zip([0] + [e for _, e in spans], [s for s, _ in spans] + [len(text)]))
    assert outside.strip() == ""


@given(st.text())
def test_fold_is_idempotent(word):
    assert fold(fold(word)) == fold(word)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_word_pattern_agrees_with_the_unicode_one(text):
    from corpus_cli.language.text import WORD, WORD_ASCII

    assert WORD_ASCII.findall(text) == WORD.findall(text)


FTS_SAMPLES = [
    "Dara’a and Russia’s forces; Int’l action; al-Numan; Ḥalab İdlib ŞAM; Aleppo's; rock 'n' roll; ʿAbd al-Raḥmān",
    "Ąę ß straße Œuvre ﬁne DARA'A d`Alep ´Ali",
    "قَصَفَت قوات النظام مدينة حَلَب، وبالمدنيين؟ ٱلْحَمْدُ لِلَّهِ حلــب مرسى سورية ٥ أيار ٢٠١٩ ۲۰۱۹ کتاب ﻻ ﷲ",
    "Москва́ и Ёлки; Αθήνα, Ελλάδα; नमस्ते दुनिया; שָׁלוֹם",
]


@pytest.mark.parametrize("text", FTS_SAMPLES)
def test_the_full_text_index_reads_words_as_fold_does(text):
    import sqlite3

    from corpus_cli.language.text import FTS_TOKENIZER, fts_text

    db = sqlite3.connect(":memory:")
    db.execute(f"create virtual table t using fts5(x, tokenize='{FTS_TOKENIZER}')")
    db.execute("create virtual table v using fts5vocab(t, 'row')")
    db.execute("insert into t values (?)", (fts_text(text),))
    assert sorted(r[0] for r in db.execute("select term from v")) == sorted({fold(w) for w in words(text)})


# Latin with its accents (the compatibility letters Ŀ ŀ ŉ ſ left out), Greek, Cyrillic and Arabic
# letters, Arabic vowel signs, tatweel and digits, the Arabic letters folded to others,
# apostrophe-like marks, digits, punctuation and spaces. (A mark with no letter before it is a
# word to unicode61 and not to our regular expression: left out.)
TEXT_CHARS = "".join(
    chr(c) for c in [*range(0x20, 0x7F), *range(0xC0, 0x17F), *range(0x391, 0x3CA), *range(0x410, 0x450),
                     *range(0x621, 0x64B), *range(0x660, 0x66A), *range(0x6F0, 0x6FA)]
    if chr(c) not in "Ŀŀŉſ" and unicodedata.category(chr(c)) != "Cn"
) + "’‘ʼʿʾ´–—“”ـٱکیۀ،؛؟"
MARKED = "\u064e\u0650\u064f\u0651\u0652\u064b\u0670"  # fatha, kasra, damma, shadda, sukun, tanwin, dagger alef


def _words_with_marks(draw_text: str) -> str:
    """Marks moved behind a letter, where text has them."""
    out = []
    for c in draw_text:
        if c in MARKED and not (out and out[-1].isalpha()):
            continue
        out.append(c)
    return "".join(out)


@given(st.text(st.sampled_from(TEXT_CHARS + MARKED), max_size=60).map(_words_with_marks))
def test_full_text_terms_are_folded_words(text):
    import sqlite3

    from corpus_cli.language.text import FTS_TOKENIZER, fts_text

    db = sqlite3.connect(":memory:")
    db.execute(f"create virtual table t using fts5(x, tokenize='{FTS_TOKENIZER}')")
    db.execute("create virtual table v using fts5vocab(t, 'row')")
    db.execute("insert into t values (?)", (fts_text(text),))
    folded = {unicodedata.normalize("NFC", fold(w)) for w in words(text)} - {""}
    assert sorted(r[0] for r in db.execute("select term from v")) == sorted(folded)


@pytest.mark.parametrize("text", ["0´ʼ0", " ʼs", "aʼs", "rock 'n' roll", "Dara’a’s", "d`Alep"])
def test_full_text_terms_of_mark_corner_cases(text):
    test_full_text_terms_are_folded_words.hypothesis.inner_test(text)


def test_exact_spelling_ignores_a_possessive_but_not_an_apostrophe_inside():
    from corpus_cli.language.text import fold_case

    assert [fold_case(w) for w in ("Assad’s", "ASSAD's", "Assad", "Dara’a", "Dara'a")] == [
        "assad", "assad", "assad", "dara’a", "dara'a",
    ]


def test_the_table_of_marks_is_unicodes():
    from corpus_cli.language.text import _MARK_CODES, MARK_TABLE_VERSION

    now = {c for c in range(0x300, 0x10000) if unicodedata.category(chr(c))[0] == "M"}
    if unicodedata.unidata_version == MARK_TABLE_VERSION:
        assert set(_MARK_CODES) == now
    else:  # another Python's Unicode: marks are added, never taken away
        assert set(_MARK_CODES) <= now


@pytest.mark.parametrize("text, found", [
    ("حَلَب", ["حَلَب"]), ("नमस्ते दुनिया", ["नमस्ते", "दुनिया"]), ("שָׁלוֹם", ["שָׁלוֹם"]), ("Москва́", ["Москва́"]),
    ("حلــب، وإدلب؟", ["حلــب", "وإدلب"]),
])
def test_a_word_keeps_the_marks_on_its_letters(text, found):
    assert words(text) == found


@pytest.mark.parametrize("word, folded", [
    ("حَلَب", "حلب"), ("حلــب", "حلب"), ("أحمد", "احمد"), ("إدلب", "ادلب"), ("آذار", "اذار"), ("ٱلحمد", "الحمد"),
    ("مرسى", "مرسي"), ("سورية", "سوريه"), ("مؤتمر", "موتمر"), ("الائتلاف", "الايتلاف"), ("کتاب", "كتاب"),
    ("فارسی", "فارسي"), ("٢٠١٩", "2019"), ("۲۰۱۹", "2019"), ("ﻻ", "لا"),
])
def test_arabic_is_folded_as_a_reader_folds_it(word, folded):
    assert fold(word) == folded


def sentences(text):
    return [text[s:e] for s, e in split_statements(text)]


@pytest.mark.parametrize("text, found", [
    ("قصفت قوات النظام مدينة حلب. وقال المتحدث إن المدنيين يعانون. هل يتحرك العالم؟ نطالب بحمايتهم.",
     ["قصفت قوات النظام مدينة حلب.", "وقال المتحدث إن المدنيين يعانون.", "هل يتحرك العالم؟", "نطالب بحمايتهم."]),
    ("بقيمة 23 مليونا\u200f.\u200f وقال الوزير شيئا.", ["بقيمة 23 مليونا\u200f.", "وقال الوزير شيئا."]),  # marks of direction
    ("أكد د.محمد جودة أن الأجور سترتفع.", ["أكد د.محمد جودة أن الأجور سترتفع."]),  # no space: not an end
    ("Москва большая. Это город. А это нет? «Цитата» конец.", ["Москва большая.", "Это город.", "А это нет?", "«Цитата» конец."]),
    ("Η Αθήνα είναι πόλη. Είναι η Ελλάδα χώρα; Ναι.", ["Η Αθήνα είναι πόλη.", "Είναι η Ελλάδα χώρα;", "Ναι."]),
    ("One; Two. three four.", ["One; Two. three four."]),  # a semicolon ends no sentence, a small letter starts none
    ("我们来了。他们走了！是吗？", ["我们来了。", "他们走了！", "是吗？"]),
    ("a worthy successor.\"I am also pleased.\" Then he left.", ["a worthy successor.\"", "I am also pleased.\"", "Then he left."]),
    ("It cost 3.5 dollars at www.example.com today.", ["It cost 3.5 dollars at www.example.com today."]),
])
def test_sentences_end_in_every_script(text, found):
    assert sentences(text) == found


def test_a_long_run_without_sentence_ends_is_cut_at_clause_marks_then_commas_then_words():
    from corpus_cli.language.text import MAX_STATEMENT_WORDS

    assert MAX_STATEMENT_WORDS == 80
    text = " ".join(["word"] * 50) + "; " + " ".join(["more"] * 50) + ", " + " ".join(["x"] * 100) + "."
    assert [(len(s.split()), s[-5:]) for s in sentences(text)] == [(50, "word;"), (50, "more,"), (80, "x x x"), (20, " x x.")]
    assert [len(s.split()) for s in sentences("الكلمة " * 170 + "الأخيرة")] == [80, 80, 11]


def test_a_wrapped_page_without_punctuation_is_cut_at_a_line_end():
    from corpus_cli.ingest.blocks import paragraphs_of

    lines = [" ".join(f"w{n}" for n in range(k, k + 12)) for k in range(0, 120, 12)]  # ten lines, 120 words, no stop
    assert [len(p.split()) for p in paragraphs_of([lines])] == [84, 36]
