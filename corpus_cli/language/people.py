"""Words that say a name is a person's: titles, attribution verbs and given names.

One list each, for the finder of speakers (:mod:`corpus_cli.language.speakers`), which takes
a title off a name to the role, and the finder of places (:mod:`corpus_cli.language.places`),
which does not take "President Washington", "Steve Israel" or "Warren said" for a place.
"""

from __future__ import annotations

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
    assemblywoman sheriff detective officer agent coach brother sister uncle aunt
""".split())

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
