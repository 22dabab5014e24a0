"""Who speaks: the people a text quotes or attributes statements to, with their role.

(In Arabic, see :mod:`corpus_cli.language.arabic_speakers`.)

Press releases attribute in a handful of ways, each a pattern here:

- a role, the name, a verb: "Member of the Coalition’s political committee
  Yasser Farhan stressed that…", "Head of the Coalition’s legal committee
  Haitham Maleh said…";
- the name, a role between commas, a verb: "Osama Taljou, a member of the
  Coalition, stressed…";
- the name and a verb: "Kifah Murad said…", and after a quotation
  "…,” Maleh said";
- later statements by the surname alone ("Farhan called for…") or by
  "He"/"She" ("He added that…") go to the last speaker named.

A name is two to four capitalised words; names of institutions (Syrian
Coalition, United Nations…) are not speakers.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from corpus_cli.language.arabic import is_arabic
from corpus_cli.language.arabic_speakers import attributions
from corpus_cli.language.people import NOT_NAME, VERBS, clean_role, person_name, split_dangling, verb_words

# Verbs that follow the name they attribute to, after a quotation: "…,” said Rep. Lieu.
_AFTER_QUOTE = "said|says|added|adds|stated|noted|explained|continued|concluded|remarked|observed|wrote|asked|commented|stressed"
# Titles that say a name is a person's: "Rep. Lieu", "Congresswoman Kaptur", "Attorney General Jeff Sessions".
_TITLE = (
    r"(?:Rep\.?|Reps\.?|Representative|Congressman|Congresswoman|Congressmember|Sen\.?|Senator|Gov\.?|Governor|Mayor|"
    r"President|Vice President|Secretary|Minister|Prime Minister|Ambassador|Chairman|Chairwoman|Chairperson|Chair|"
    r"Director|Commissioner|Administrator|Judge|Justice|Gen\.|General|Adm\.|Admiral|Col\.|Colonel|Lt\.|Lieutenant|"
    r"Capt\.|Captain|Sgt\.|Sergeant|Sheriff|Chief|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Sheikh|Imam|Professor|Prof\.|Speaker|"
    r"Leader|Whip|Spokesman|Spokeswoman|Spokesperson|Deputy|Assemblyman|Assemblywoman|Councilman|Councilwoman|"
    r"Councilmember|Attorney General|Surgeon General|Chancellor|Delegate|Senators|Representatives|"
    r"(?:His|Her) (?:Excellency|Highness|Majesty)|H\.E\.|Comrade|(?:Under-)?Secretary-General)"
)
_CAP = r"(?:Mc|Mac|O’|O'|De|Di|Du|La|Le|Van)?[A-Z][a-zà-ÿ]+(?:[-’'][A-Z]?[a-zà-ÿ]+)*"
_JOIN = r"(?:[A-Z]\.?|al-|el-|bin|ibn|abu|Abu|de|van|von|der|da|del|la|le)"
_NAME = rf"{_CAP}(?:\s+(?:{_JOIN}\s+)*{_CAP}){{0,3}}"
_PARTY = r"(?:\s*\((?:[DRI]|Dem|Rep|Ind)[-–.,][^()]{1,40}\)|,\s+[DRI]-[A-Z][A-Za-z.]*(?:[-–]\d+)?,)?"
_WORD = rf"(?:{_CAP}|al-[A-Z][a-z]+|Al-[A-Z][a-z]+)"
_ROLE = (
    r"(?:Member|Head|President|Vice[- ]President|Vice[- ]Chairman|Chairman|Chairwoman|Chair|Secretary(?:-General)?|"
    r"Spokesman|Spokesperson|Spokeswoman|Minister|Director|Chief|Coordinator|Representative|Envoy|Ambassador|"
    r"Deputy|Commander|Leader|Senator|Congressman|Congresswoman|Governor|Rep\.)"
)


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    """The attribution patterns, compiled on first use (a warm search need not pay for them)."""
    titles = rf"(?P<title>(?:{_TITLE}\s+)+)"
    return {
        "role_name_verb": re.compile(
            rf"(?=[A-Z])(?P<role>{_ROLE}\b[^.;:\"“”]{{0,120}}?)\s+(?P<name>{_NAME}){_PARTY},?\s+(?:{VERBS})\b"
        ),
        "name_role_verb": re.compile(
            rf"(?=[A-Z])(?<![\w’'-])(?:{titles})?(?P<name>{_NAME}){_PARTY},\s+(?P<role>(?:(?:a|an|the)\s|(?i:{_ROLE})\b)[^,.;:]{{3,100}}),"
            rf"\s+(?:also\s+)?(?:{VERBS})\b"
        ),
        "name_verb": re.compile(rf"(?=[A-Z])(?<![\w’'-])(?:{titles})?(?P<name>{_NAME}){_PARTY},?\s+(?:also\s+|then\s+)?(?:{VERBS})\b"),
        "verb_name": re.compile(
            rf"(?P<quote>[”\"’,]|^)\s*(?:{_AFTER_QUOTE})\s+(?:{titles})?(?P<name>{_NAME})(?=\W|$)"
        ),
        "quote_name": re.compile(rf"(?P<quote>[”\"’]),?\s+(?:{titles})?(?P<name>{_NAME}){_PARTY}\s+(?:{VERBS})\b"),
        "according_to": re.compile(rf"\b[Aa]ccording to\s+(?:{titles})?(?P<name>{_NAME})(?=\W|$)"),
        "pronoun": re.compile(rf"^[“\"]?(?:He|She)\s+(?:also\s+)?(?:{VERBS})\b"),
        "role_word": re.compile(rf"{_ROLE}\s"),
    }





class Speaker(NamedTuple):
    name: str
    role: str | None
    statements: tuple[int, ...]


def _person(name: str) -> bool:
    words = name.split()
    return not any(w.strip("’'.,") in NOT_NAME or _is_title(w) for w in words)


@functools.cache
def _is_title(word: str) -> bool:
    return re.fullmatch(_TITLE, word) is not None


def _canonical(name: str) -> str:
    """A name without middle initials: "Ted W. Lieu" -> "Ted Lieu"."""
    words = name.split()
    if len(words) > 2:
        words = [w for n, w in enumerate(words) if not (0 < n < len(words) - 1 and re.fullmatch(r"[A-Z]\.", w))]
    return " ".join(words)


def _split(name: str, role: str | None) -> tuple[str | None, str | None]:
    """A person's name from the end of ``name``; words of an institution before it go to the role.

    "Syrian Coalition Kifah Murad" (after "Member of the") is Kifah Murad,
    member of the Syrian Coalition.
    """
    words = name.split()
    cut = max((i for i, w in enumerate(words) if w.strip("’'.,") in NOT_NAME), default=-1)
    person = words[cut + 1 :]
    if len(person) < 2:
        return None, role
    if cut >= 0 and role is not None:
        role = f"{role} {' '.join(words[: cut + 1])}"
    return _canonical(" ".join(person)), role


def speakers_of(statements: list[str], author: str | None = None) -> list[Speaker]:
    """The speakers of a document's statements, in order of first appearance.

    A name counts only when it is a person's: two or more capitalised words
    none of which names an institution, a law, a place or a day, or a
    surname after a title (``Rep. Lieu``) or already named in full. With
    ``author`` (mapped from a field or the folder name) the author is
    credited with every statement no one else is.
    """
    found: dict[str, dict] = {}
    by_surname: dict[str, str] = {}
    last = None

    def credit(name: str, role: str | None, index: int) -> None:
        nonlocal last
        if not is_arabic(name):  # Arabic roles are read by their own rules (language/arabic_speakers.py)
            name, role = split_dangling(name, role)
            name, titles = person_name(name) if name else (None, None)
            if name is None:
                return  # a place (San Marino, Viet Nam), not a person
            name = by_surname.get(name, name) if " " not in name else name
            role = clean_role(role) or clean_role(titles)
        entry = found.setdefault(name, {"role": None, "statements": []})
        if role and not entry["role"]:
            entry["role"] = role
        if index not in entry["statements"]:
            entry["statements"].append(index)
        by_surname.setdefault(name.split()[-1], name)
        last = name

    def resolve(raw: str, title: str | None) -> str | None:
        """The person a name found by a pattern stands for, or None when it is not a person."""
        name = _canonical(raw)
        if not _person(name):
            return None
        if name in found:
            return name
        if " " in name:
            return name
        if name in by_surname:
            return by_surname[name]
        return name if title else None  # "Rep. Lieu" is a person, "Lieu" alone may not be

    p = _patterns()
    # most statements attribute nothing: only these are read further
    verbs = verb_words()
    attributing = [i for i, text in enumerate(statements) if not verbs.isdisjoint(text.translate(_PUNCTUATION).split())
                   or is_arabic(text)]
    by_surname.update(_full_names([statements[i] for i in sorted({0, 1, *attributing}) if i < len(statements)]))
    for index in attributing:
        text = statements[index]
        if is_arabic(text):  # verb first: see corpus_cli.language.arabic_speakers
            for raw, role in attributions(text):
                if raw is None:
                    if last is not None:
                        credit(last, None, index)
                elif " " in raw or raw in by_surname:  # one word: the surname of someone named in full
                    full = by_surname.get(raw.split()[-1], raw)  # "عبد المقصود": the end of "صلاح عبد المقصود"
                    credit(full if full.endswith(raw) else raw, role, index)
            continue
        named = False
        for pattern in (p["role_name_verb"], p["name_role_verb"]):
            for m in pattern.finditer(text):
                if not m.groupdict().get("title") and pattern is p["name_role_verb"] and _OF_A_NAME.search(text, 0, m.start("name")):
                    continue  # "the Upasampada Vinaya Karma, a major ceremony, stated": a thing's name
                raw, title = _title_inside(m["name"], m.groupdict().get("title"))
                name, role = _split(raw, m["role"])
                if title and role and role.split()[-1] in ("the", "of", "to", "for"):
                    role = f"{role} {title.strip()}"  # "Secretary to the" + "President"
                if name is None and title and _person(raw):
                    name = by_surname.get(raw, raw)
                if name:
                    credit(name, role if role else (title.strip() if title else None), index)
                    named = True
        for key in ("name_verb", "verb_name", "quote_name", "according_to"):
            for m in p[key].finditer(text):
                raw, title = m["name"], m["title"]
                if key == "name_verb" and not title and p["role_word"].match(raw):
                    continue  # "Senator Jane Doe said": found with its role above
                if not title and _OF_A_NAME.search(text, 0, m.start("name")):
                    continue  # "the Committee on Natural Resources said": the end of a longer name
                raw, title = _title_inside(raw, title)
                # a surname right after a quotation is a person's: "…,” said Granger.
                name = resolve(raw, title or (m.groupdict().get("quote") or "").strip() or None)
                if name:
                    credit(name, title.strip() if title else None, index)
                    named = True
        if not named and last is not None and p["pronoun"].match(text):
            credit(last, None, index)
    if author:
        others = {i for e in found.values() for i in e["statements"]}
        mine = found.setdefault(author, {"role": "author", "statements": []})
        mine["role"] = mine["role"] or "author"
        mine["statements"] = sorted(set(mine["statements"]) | (set(range(len(statements))) - others))
    return [Speaker(name, e["role"], tuple(sorted(e["statements"]))) for name, e in found.items()]


_OF_A_NAME = re.compile(r"\b(?:the|of|on|for|at|in|to|from|by|with)\s+$")


# Punctuation to spaces, so that a statement's words can be met with a set of verbs (a regular
# expression of a hundred verbs costs five times as much on every statement).
_PUNCTUATION = str.maketrans({c: " " for c in ",.;:!?\"“”‘’()[]—–-"})


def _title_inside(name: str, title: str | None) -> tuple[str, str | None]:
    """"Carolina Governor Nikki Haley" -> ("Nikki Haley", "Governor"): a title inside a name ends what comes before."""
    words = name.split()
    titled = [n for n, w in enumerate(words[:-1]) if _is_title(w)]
    if not titled:
        return name, title
    cut = titled[-1]
    return " ".join(words[cut + 1 :]), " ".join(words[: cut + 1])


def _full_names(statements: list[str]) -> dict[str, str]:
    """Surname -> full name for people the text names with a title or a party ("Congressman Ted W. Lieu (D-CA)")."""
    pattern = _titled_name()
    names: dict[str, str] = {}
    for text in statements:
        for m in pattern.finditer(text):
            name = _canonical(m["name"])
            if " " in name and _person(name):
                names.setdefault(name.split()[-1], name)
    return names


@functools.cache
def _titled_name() -> re.Pattern:
    return re.compile(rf"(?=[A-Z])(?:(?:{_TITLE})\s+)+(?P<name>{_NAME})")


def name_matches(query: str, name: str) -> bool:
    """Whether a name a user typed stands for ``name``: the one name matcher of
    :func:`corpus_cli.language.names.same_name` (articles, particles, keys, typos; a missing
    middle name or first name is allowed)."""
    from corpus_cli.language.names import same_name

    return same_name(query, name)
