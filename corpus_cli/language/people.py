"""Words that say a name is a person's: titles, attribution verbs and given names.

One list each, for the finder of speakers (:mod:`corpus_cli.language.speakers`), which takes
a title off a name to the role, and the finder of places (:mod:`corpus_cli.language.places`),
which does not take "President Washington", "Steve Israel" or "Warren said" for a place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corpus_cli.language.text import fold

# Personal titles, folded: before a name they make it a person's. (Not Saint or St.: St. Louis.)
TITLES = frozenset("""
    mr mrs ms miss mx dr sir dame lady lord president vice senator sen senators rep reps representative congressman
    congresswoman congressmember governor gov mayor minister secretary ambassador envoy general gen colonel col
    captain capt lieutenant lt sergeant sgt admiral adm commander judge justice chairman chairwoman chairperson chair
    sheikh shaikh sheik imam mullah ayatollah king queen prince princess emir pope comrade excellency highness
    professor prof father reverend rev rabbi bishop archbishop cardinal chancellor premier commissioner director
    speaker spokesman spokeswoman spokesperson deputy delegate councilman councilwoman councillor assemblyman
    assemblywoman sheriff detective officer agent coach brother sister uncle aunt shri comandante prelate engineer eng
""".split())

# Words that never belong to a person's name: institutions, laws, places, days, months, and the
# words that start a sentence. "Clean Water Act said" or "Republican Conference stressed" is not a person.
NOT_NAME = frozenset(
    """Coalition Council Ministry Department Office Army Forces Force Nations Union Regime Government Committee
    Subcommittee House Senate Party Media Security United Syrian Russian Iranian American Americans European
    Organization Organisation Commission Agency Court Assembly Front Group Movement Administration Authority
    Authorities Network Center Centre State States Republic Kingdom Statement Press Release News Today The This
    That These Those It Congress Association Institute Foundation University College School Campaign Alliance
    Command Police Guard Corps Navy Marines Act Acts Bill Bills Law Laws Reform Strategy Plan Program Programme
    Project Initiative Report Study Survey Fund Bank Company Corporation Corp Inc LLC Partners Caucus Conference
    Board Bureau Service Services Budget Treasury Pentagon Capitol Census Medicare Medicaid Care Health Hospital
    Times Post Journal Magazine Street Avenue County City Island Islands Valley Lake Lakes River Bay Beach Park
    Station Airport Base Museum Library Church Democrats Republicans Democratic Republican Federal National
    Federation Society Council Commissioners Cooperation Development Secretariat Nile Balance Industries Systems Technologies Airlines Motors
    Resources Affairs Relations Operations Appropriations Judiciary Energy Commerce Defense Justice Labor
    With Without According Regarding Including Additional As I I’ve I've We We’ve They You He She His Her Our Their My Your In On At By For But And Or If When While
    After Before Since Yesterday Tomorrow Now Then Also Meanwhile However Furthermore Moreover Additionally
    Finally Instead Recently Last Next Earlier Later Both Each All Many Some Most Several Every Other Another
    Mr Mrs Ms Dr Sen Rep Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December North South East West New Northern Southern
    Eastern Western Central Great Greater Upper Lower Saint St Mount Fort Lord God Jesus Christ Agenda Hurricane
    Commonwealth People Peoples""".split()
)

# Verbs that attribute a statement: "Warren said", "said Rep. Lieu".
VERBS = (
    "said|says|stressed|stresses|added|adds|noted|notes|stated|states|warned|warns|called|calls|urged|urges|"
    "pointed out|points out|indicated|indicates|affirmed|affirms|confirmed|confirms|explained|explains|told|tells|"
    "emphasized|emphasised|emphasizes|emphasises|condemned|condemns|denied|denies|accused|accuses|argued|argues|"
    "asserted|asserts|announced|announces|demanded|demands|declared|declares|reiterated|reiterates|praised|"
    "criticized|criticised|welcomed|welcomes|underlined|underlines|highlighted|highlights|insisted|insists|"
    "believes|believed|considered|considers|described|describes|expressed|expresses|revealed|reveals|"
    "continued|concluded|remarked|observed|wrote|writes|asked|asks|commented|comments"
)


@lru_cache(maxsize=1)
def verb_words() -> frozenset[str]:
    """Each word of the attribution verbs ("pointed out" gives "pointed"), and "according"."""
    return frozenset(v.split()[0] for v in VERBS.split("|")) | {"according", "According"}


def is_title(word: str) -> bool:
    return fold(word.rstrip(".")) in TITLES


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a common given name (of the gazetteer's list: not a big place's name)."""
    from corpus_cli.language.gazetteer import given_names

    return fold(word) in given_names()


# Words of an office or a body that a title may run into ("Secretary-General", "His Excellency").
_TITLE_WORDS = TITLES | frozenset("secretary-general secretarygeneral his her excellency excellencies honourable honorable hon".split())
# Words that make a role a sentence: verbs of saying and being, and clause words.
_CLAUSE_WORDS = frozenset("""say says said saying is are was were be been being would will could should has have had do does
    did that which who whom whose when where if because while his her their its this these those our my your since
    although though during until there here not perhaps""".split())
# Words of an office, a post or a calling: a role has one ("a member of the Coalition", "the first
# President of independent Mali"); "a man of eternal forgiveness" is a description, not a role.
_OFFICE_WORDS = TITLES | frozenset("""member members head chief leader founder co-founder cofounder chairs co-chair cochair
    secretary-general vice-president executive ceo president-elect adviser advisor counsel counselor counsellor
    coordinator administrator manager officer official spokesman candidate nominee sponsor author lawmaker legislator
    minister ministers chairman whip majority minority ranking governor mayor commissioner inspector auditor
    attorney lawyer analyst expert researcher scientist economist historian journalist reporter editor writer
    activist organizer organiser advocate campaigner negotiator mediator observer monitor representative envoy
    consul diplomat attaché attache staff aide assistant partner owner president principal dean teacher student
    doctor physician nurse surgeon commander soldier veteran fighter pilot officer spokesperson captain""".split())
# Titles that go with a given name, which is how the person is known: Pope Francis, King Abdullah.
_REGNAL = frozenset("pope king queen prince princess emperor empress sultan emir".split())
# Words that start a sentence, not a name ("Although Washington said").
_NOT_FIRST = frozenset("""although though because unless whereas whether thus hence indeed still yet even once as while
    when if after before since but and or so then now also""".split())
_PARTY_TAG = re.compile(r"\s+[RDI]\s+[A-Z][a-z]{1,4}\.?$")  # "Mike Enzi R Wyo"
_HONORIFIC = re.compile(r"\b(?:His|Her|Their) (?:Excellency|Excellencies|Highness|Majesty)\b")
MAX_ROLE_WORDS = 14


def person_name(raw: str) -> tuple[str | None, str | None]:
    """A person's name from what an attribution wrote, and the titles taken off its front:
    "Comrade Kim Jong Un" -> ("Kim Jong Un", "Comrade"); "Barack Obama Barack Obama" -> the name
    once; "Mike Enzi R Wyo" -> "Mike Enzi". (None, titles) when what is left is a place's name
    (San Marino, Viet Nam) or a people's."""
    name = _PARTY_TAG.sub("", " ".join(raw.split()))
    name = re.sub(r"[’']s$", "", name)  # "Burr’s office said": Burr
    split = name.split()
    words = [w for n, w in enumerate(split) if n == 0 or w != split[n - 1]]  # "Eshoo Eshoo"
    half = len(words) // 2
    if half >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]
    while words and fold(words[0]) in _NOT_FIRST:
        words = words[1:]
    if words and _demonym(words[0]):
        return None, None  # "Palestinian People"
    # titles off the front, also after a word of praise: "Eternal Commander Hugo Chavez"
    n = max((i + 1 for i, w in enumerate(words[:-1]) if _title_word(w)), default=0)
    if n == 0 and len(words) >= 4 and words[0] in ("Don", "Doña", "Dona"):
        n = 1  # the Spanish honorific before a full name (Don Augusto Roa Bastos), not Don Young
    titles = " ".join(words[:n]) or None
    if n and n == len(words) - 1 and fold(words[n - 1]) in _REGNAL:
        n -= 1  # Pope Francis
    words = words[n:]
    # after a title a name is a person's (Senator Jordan, Lord Ahmad); alone, a country is no one
    if words and _title_word(words[-1]):
        return None, titles  # a name does not end in a title: "Divisional Secretaries", "Chief Prelate"
    if not words or (not titles and is_place_name(" ".join(words))) or _people(words):
        return None, titles
    return " ".join(words), titles


def _title_word(word: str) -> bool:
    """Whether ``word`` is a title, hyphenated or plural: "Governor-General", "Secretaries"."""
    parts = fold(word.rstrip(".,")).split("-")
    return all(p in _TITLE_WORDS or (p.endswith("ies") and p[:-3] + "y" in _TITLE_WORDS)
               or (p.endswith("s") and p[:-1] in _TITLE_WORDS) for p in parts)


def _people(words: list[str]) -> bool:
    """Whether a name is a people's: "Albanians", "Christian Albanians", not "John French"."""
    return _demonym(words[-1]) and (len(words) == 1 or words[-1].endswith("s"))


def _demonym(word: str) -> bool:
    """Whether ``word`` names a country's people (Albanians)."""
    from corpus_cli.language.gazetteer import gazetteer

    return bool(word[:1].isupper() and gazetteer().demonym_of(word))


def is_place_name(name: str) -> bool:
    """Whether ``name`` is, whole, a spelling of a country, a division or a city of the gazetteer."""
    from corpus_cli.language.gazetteer import SPELLING, gazetteer, name_keys

    gaz, size = gazetteer(), len(name.split())
    return any(SPELLING in flags and gaz.place(row).kind in ("country", "division", "city")
               # as written, whole: "Al Green" is not Green, "Maleh" is not Mala (Peru) by its key
               for key in name_keys(name, translit=False) if len(key.split()) == size
               for row, flags in gaz.latin(key))


# Words before a title that make it an office ("Trade Subcommittee Chairman", "Democrat Congressman").
_BODY_WORDS = frozenset("""committee subcommittee caucus conference party council commission senate house majority
    minority senior deputy vice assistant state democrat democratic republican gop county city prime high""".split())
_DANGLING = frozenset("and of for on to the in at & with".split())


def split_dangling(name: str, role: str | None) -> tuple[str, str | None]:
    """A role that ends in a connector took the first word of the name: "Minister of" +
    "Environment Dammika Patabendi" -> "Minister of Environment" + "Dammika Patabendi". The name
    is "" when no two words are left for it ("President on" + "Digital Economy")."""
    words = name.split()
    while role and role.split()[-1].lower() in _DANGLING and len(words) >= 3:
        role, words = f"{role} {words[0]}", words[1:]
    if role and role.split()[-1].lower() in _DANGLING:
        return "", role  # "President on Digital Economy": no name left
    return " ".join(words), role


def clean_role(role: str | None) -> str | None:
    """A role as a title or an office, or None for what is not one: a sentence ("President
    Erdogan say last week that…"), or a role holding another person's name or party tag."""
    if not role:
        return None
    # "As Secretary-General", "Yesterday Congressman": the sentence's words before the office
    role = re.sub(r"^(?:(?:[Aa]s|[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Nn]ow|[Aa]lso|[Ee]arlier|[Ll]ater)\s+)+", "",
                  " ".join(role.split()).strip(" ,;:"))
    words = role.split()
    if not words or len(words) > MAX_ROLE_WORDS or "(" in role or words[-1].lower() in _DANGLING:
        return None
    if any(fold(w.strip(",.;:")) in _CLAUSE_WORDS for w in _HONORIFIC.sub("", role).split()):
        return None
    capitalised = [w for w in words if w[:1].isupper()]
    if any(is_given_name(w.strip(",.")) and not is_title(w) for w in capitalised[1:]):
        return None  # "…, Senators Charles Grassley and Max Baucus": other people
    bare = [fold(re.sub(r"[’']s$", "", w.strip(",.;:"))) for w in words]
    own = [b for b, w in zip(bare, words) if not re.search(r"[’']s$", w)]  # not "President’s announcement"
    if not any(w in _OFFICE_WORDS for w in re.split(r"[\s/]+", " ".join(own))):
        return None
    if len(words) > 1 and fold(words[-1].rstrip(".")) in TITLES and all(w[:1].isupper() for w in words[:-1]) \
            and fold(words[-2]) not in _OFFICE_WORDS | _BODY_WORDS and not _HONORIFIC.search(role) \
            and not is_place_name(" ".join(words[:-1])):
        return words[-1]  # "Advancement Program Congressman": the sentence's words before a title
    if re.search(r"\d(?!\d*(?:st|nd|rd|th)\b)", role):
        return None  # "President Bush’s 2007 budget proposal": a sentence's object, not an office
    if any(_someone_after(bare[n], words[n + 1]) for n in range(len(words) - 1)):
        return None  # "Leader Nancy Pelosi", "Chairman Filner and Ranking Member Buyer": other people
    return role


def _someone_after(word: str, following: str) -> bool:
    """Whether ``following`` comes after the title ``word`` as a person's name: capitalised, and
    neither a title nor a word of an institution (Chairman Filner, not Chairman of, Vice Chairman)."""
    if fold(word) not in _OFFICE_WORDS or not following[:1].isupper():
        return False
    bare = re.sub(r"[’']s$", "", following.strip(",.;:"))
    return not (_title_word(bare) or fold(bare) in _OFFICE_WORDS or bare in NOT_NAME)
