"""Who speaks: the people a text quotes or attributes statements to, with their role.

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

VERBS = (
    "said|says|stressed|stresses|added|adds|noted|notes|stated|states|warned|warns|called|calls|urged|urges|"
    "pointed out|points out|indicated|indicates|affirmed|affirms|confirmed|confirms|explained|explains|told|tells|"
    "emphasized|emphasised|emphasizes|emphasises|condemned|condemns|denied|denies|accused|accuses|argued|argues|"
    "asserted|asserts|announced|announces|demanded|demands|declared|declares|reiterated|reiterates|praised|"
    "criticized|criticised|welcomed|welcomes|underlined|underlines|highlighted|highlights|insisted|insists|"
    "believes|believed|considered|considers|described|describes|expressed|expresses|revealed|reveals"
)
_WORD = r"(?:[A-Z][a-z’'\-]+|al-[A-Z][a-z]+|Al-[A-Z][a-z]+)"
_NAME = rf"{_WORD}(?:\s+(?:{_WORD}|bin|ibn|abu|Abu|de|van)){{1,3}}"
_ROLE = (
    r"(?:Member|Head|President|Vice[- ]President|Vice[- ]Chairman|Chairman|Chairwoman|Chair|Secretary(?:-General)?|"
    r"Spokesman|Spokesperson|Spokeswoman|Minister|Director|Chief|Coordinator|Representative|Envoy|Ambassador|"
    r"Deputy|Commander|Leader|Senator|Congressman|Congresswoman|Governor|Rep\.)"
)


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    """The attribution patterns, compiled on first use (a warm search need not pay for them)."""
    return {
        "role_name_verb": re.compile(rf"(?P<role>{_ROLE}\b[^.;:\"“”]{{0,120}}?)\s+(?P<name>{_NAME}),?\s+(?:{VERBS})\b"),
        "name_role_verb": re.compile(
            rf"(?P<name>{_NAME}),\s+(?P<role>(?:(?:a|an|the)\s|(?i:{_ROLE})\b)[^,.;:]{{3,100}}),\s+(?:{VERBS})\b"
        ),
        "name_verb": re.compile(rf"(?<![\w’'-])(?P<name>{_NAME})\s+(?:{VERBS})\b"),
        "quote_name": re.compile(rf"[”\"],?\s+(?P<name>{_WORD}(?:\s+{_WORD}){{0,3}})\s+(?:{VERBS})\b"),
        "surname_verb": re.compile(rf"(?<![\w’'-])(?P<name>{_WORD})\s+(?:{VERBS})\b"),
        "pronoun": re.compile(rf"^[“\"]?(?:He|She)\s+(?:also\s+)?(?:{VERBS})\b"),
        "has_verb": re.compile(rf"\b(?:{VERBS})\b"),
        "role_word": re.compile(rf"{_ROLE}\s"),
    }


_INSTITUTION = frozenset(
    """Coalition Council Ministry Department Office Army Forces Nations Union Regime Government Committee
    House Senate Party Media Security United Syrian Russian Iranian American European Organization Organisation
    Commission Agency Court Assembly Front Group Movement Administration Authority Authorities Network Center
    Centre State States Republic Kingdom Statement Press Release News Today The This That These Those It
    Congress Association Institute Foundation University Campaign Alliance Command Police Guard Corps
    As I I’ve I've We We’ve They You He She His Her Our Their My In On At By For But And Or If When While
    After Before Since Today Yesterday Tomorrow Now Then Also Mr Mrs Ms Dr Sen Rep""".split()
)



class Speaker(NamedTuple):
    name: str
    role: str | None
    statements: tuple[int, ...]


def _person(name: str) -> bool:
    words = name.split()
    return not any(w.strip("’'") in _INSTITUTION for w in words)


def _split(name: str, role: str | None) -> tuple[str | None, str | None]:
    """A person's name from the end of ``name``; words of an institution before it go to the role.

    "Syrian Coalition Kifah Murad" (after "Member of the") is Kifah Murad,
    member of the Syrian Coalition.
    """
    words = name.split()
    cut = max((i for i, w in enumerate(words) if w.strip("’'") in _INSTITUTION), default=-1)
    person = words[cut + 1 :]
    if len(person) < 2:
        return None, role
    if cut >= 0 and role is not None:
        role = f"{role} {' '.join(words[: cut + 1])}"
    return " ".join(person), role


def speakers_of(statements: list[str]) -> list[Speaker]:
    """The speakers of a document's statements, in order of first appearance."""
    found: dict[str, dict] = {}
    by_surname: dict[str, str] = {}
    last = None

    def credit(name: str, role: str | None, index: int) -> None:
        nonlocal last
        entry = found.setdefault(name, {"role": None, "statements": []})
        if role and not entry["role"]:
            entry["role"] = " ".join(role.split()).strip(" ,")
        if index not in entry["statements"]:
            entry["statements"].append(index)
        by_surname.setdefault(name.split()[-1], name)
        last = name

    p = _patterns()
    for index, text in enumerate(statements):
        named = False
        if not p["has_verb"].search(text):  # most statements: no attribution, no more regexes
            continue
        for pattern in (p["role_name_verb"], p["name_role_verb"]):
            for m in pattern.finditer(text):
                name, role = _split(m["name"], m["role"])
                if name:
                    credit(name, role, index)
                    named = True
        for pattern in (p["name_verb"], p["quote_name"], p["surname_verb"]):
            for m in pattern.finditer(text):
                name = m["name"]
                if p["role_word"].match(name):  # "Senator Jane Doe said": found with its role above
                    continue
                if name in found or not _person(name):
                    if name in found:
                        credit(name, None, index)
                        named = True
                    continue
                if " " in name:
                    credit(name, None, index)
                    named = True
                elif name in by_surname:
                    credit(by_surname[name], None, index)
                    named = True
        if not named and last is not None and p["pronoun"].match(text):
            credit(last, None, index)
    return [Speaker(name, e["role"], tuple(sorted(e["statements"]))) for name, e in found.items()]


def name_matches(query: str, name: str) -> bool:
    """Whether a name a user typed stands for ``name``, word by word, as search terms match."""
    from rapidfuzz.distance import Levenshtein

    from .matching import max_typos
    from .text import fold, words
    from .translit import meet

    mine = [fold(w) for w in words(name)]
    for word in (fold(w) for w in words(query)):
        if not any(w == word or meet(w, word) or Levenshtein.distance(w, word) <= max_typos(word) for w in mine):
            return False
    return bool(words(query))
