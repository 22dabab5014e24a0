"""Who speaks, in Arabic: a verb of saying, perhaps a role, then a name.

Arabic news attributes verb first: "وقال الرئيس المصري محمد مرسي إن…", "أكد رئيس حزب الحرية والعدالة
محمد سعد الكتاتني أن…", "وأضاف المتحدث باسم الائتلاف خالد صالح:…". The verb (قال، أكد، صرح، أوضح،
أشار، أضاف… with و or ف before it and ت after it for a woman) is followed by a role (a head word such
as الرئيس، وزير، المتحدث، عضو, then its words with the article, the nouns of institutions such as
حزب or مجلس, and باسم) and a name of two to four words that begins without the article and ends
before إن، أن، a comma or a colon. A verb followed at once by أن or إن ("وأضاف أن…") goes on with the
last speaker. With no capitals to say a word is a name, a one-word name counts only as the last
word of a full name the document gave ("وقال الرئيس مرسي إن" after "محمد مرسي"). An institution
that speaks (قالت وكالة الأنباء السورية سانا) is no one.
"""

from __future__ import annotations

import functools
import re

from corpus_cli.language.text import fold, tokens

# The verbs, folded, without the conjunction before them or the feminine ت after them.
VERBS = frozenset(fold(v) for v in """قال أكد صرح أوضح أشار أضاف أعلن اعتبر شدد لفت أفاد ذكر نفى طالب دعا حذر رأى
    تابع كشف اتهم أكدت""".split())
# Words that head a role (folded): heads of state and ministers, spokesmen, members, officers, clergy.
ROLE_HEADS = frozenset(fold(w) for w in """الرئيس رئيس نائب الوزير وزير وزيرة المتحدث المتحدثة الناطق الناطقة عضو
    العضو مدير المدير أمين الأمين السفير سفير المبعوث مبعوث قائد القائد زعيم الزعيم مسؤول المسؤول مساعد المستشار
    مستشار منسق المنسق محافظ المحافظ الشيخ شيخ الدكتور د اللواء العميد العقيد المقدم الرائد النقيب الجنرال الأستاذ
    المهندس القاضي المستشارة رئيسة الملك الأمير ولي المرشد""".split())
SPOKESMEN = frozenset(fold(w) for w in "المتحدث المتحدثة الناطق الناطقة متحدث ناطق".split())  # ... باسم: in the name of
# Nouns of institutions that carry on a role without the article (رئيس حزب…، عضو مجلس…).
INSTITUTIONS = frozenset(fold(w) for w in """حزب مجلس جماعة لجنة لجان هيئة حركة وزارة جبهة ائتلاف اتحاد منظمة
    منظمات مكتب دائرة مؤسسة جمعية شركة نقابة قوات جيش كتلة تيار الدولة دولة جامعة محكمة المحكمة الشؤون شؤون الشعب
    العام عام الخارجية الداخلية رئاسة حكومة وكالة شبكة مرصد مركز تنسيقيات للأمم الأمم""".split())
# Words that end a name: that, in, on, from, to, about, during, after, before, yesterday, today…
AFTER_NAME = frozenset(fold(w) for w in """إن أن ان إنه أنه انه إنها أنها انها في على من إلى الى عن خلال بعد قبل أمس
    اليوم مساء صباح لدى أمام عبر حول مع ضد بأن بان لـ لوكالة لصحيفة لقناة ذلك بذلك فيه فيها له لها لهم لنا هذا هذه
    عليه عليها منه منها إنهم انهم أنهم عنه عنها""".split())
# Words after a verb that are not a person: a source, witnesses, activists, officials, a statement…
NOT_NAMES = frozenset(fold(w) for w in """مصدر مصادر شهود شاهد ناشطون ناشط مسؤولون مراقبون محللون خبراء بيان تقرير
    وكالة صحيفة مراسل مراسلو سكان أهالي نشطاء معارضون مؤيدون متظاهرون تقارير تقرير مصادر لبي بي""".split())
_PAUSE = re.compile(r"[،,:؛;\"“”«»()]")


def _verb(word: str) -> bool:
    for w in (word, word[1:] if word[:1] in ("و", "ف") else word):
        if w in VERBS or (w.endswith("ت") and w[:-1] in VERBS):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def attributions(text: str) -> tuple[tuple[str | None, str | None], ...]:
    """(name, role) for each attribution in an Arabic statement, in order; a name of None means the
    last speaker named ("وأضاف أن…")."""
    toks = list(tokens(text))
    folded = [fold(t.text) for t in toks]
    found = []
    for i, word in enumerate(folded):
        if not _verb(word):
            continue
        j = i + 1
        if j < len(toks) and folded[j] in ("ان", "انه", "انها", "بان"):
            found.append((None, None))
            continue
        role_start = j
        if j < len(toks) and folded[j] in INSTITUTIONS and folded[j] not in ROLE_HEADS:
            continue  # قالت وكالة الأنباء السورية سانا: an institution speaks, not a person
        if j < len(toks) and folded[j] in ROLE_HEADS:
            j += 1
            while j < len(toks) and not _paused(text, toks, j) and (
                    folded[j].startswith(("ال", "وال")) or folded[j] in INSTITUTIONS or folded[j] in ROLE_HEADS
                    or (folded[j] == "باسم" and folded[j - 1] in SPOKESMEN)):  # not Basim after "Dr."
                j += 1
        role = text[toks[role_start].start : toks[j - 1].end] if j > role_start else None
        name_start = j
        if j < len(toks) and (folded[j] in NOT_NAMES or folded[j] in INSTITUTIONS):
            continue
        while (j < len(toks) and j - name_start < 4 and folded[j] not in AFTER_NAME and not _verb(folded[j])
               and folded[j] not in ROLE_HEADS and not (j == name_start and folded[j].startswith("ال"))
               and not (j > name_start and _paused(text, toks, j))):
            j += 1
        if j == name_start and j < len(toks) and folded[j].startswith("ال") and (
                j + 1 == len(toks) or folded[j + 1] in AFTER_NAME or _paused(text, toks, j + 1)):
            j += 1  # a surname with the article alone (وقال الكتاتني إن): a person only if named in full before
        if j == name_start:
            continue
        name = text[toks[name_start].start : toks[j - 1].end]
        if role is None and j < len(toks) and folded[j] in ROLE_HEADS:  # the name, then its role: جون كيري وزير الخارجية
            k = j + 1
            while k < len(toks) and not _paused(text, toks, k) and (folded[k].startswith(("ال", "وال")) or folded[k] in INSTITUTIONS):
                k += 1
            role = text[toks[j].start : toks[k - 1].end]
        found.append((name, role))
    return tuple(found)


def _paused(text: str, toks, j: int) -> bool:
    """Whether punctuation stands between token ``j`` and the one before it."""
    return _PAUSE.search(text, toks[j - 1].end, toks[j].start) is not None
