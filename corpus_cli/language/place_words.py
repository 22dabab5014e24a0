"""The words around a place's name that say what it is (see :mod:`corpus_cli.language.places`)."""

# Words after which a name is a place: prepositions of place and the nouns of settlements.
# Not "to", "at" or "from": a letter goes "to Mary", a statement comes "from" a person.
PREPOSITIONS = frozenset("in near into outside around towards toward across throughout inside".split())
SETTLEMENTS = frozenset("""village villages town towns city cities district subdistrict countryside region area camp
    outskirts state province governorate capital country nation island port""".split())
# Words after a city's name that make it a treaty's or a forum's name, not the city's ("Geneva Conventions")
INSTRUMENTS = frozenset("""agreement agreements accord accords convention conventions protocol protocols declaration
    principles club pact charter consensus statute treaty process call commitment commitments framework format""".split())
# Words that may stand capitalised before a place's name at the start of a sentence or a title.
FUNCTION_WORDS = frozenset("""the a an and but or at from to for with by on of as if when while after before since during
    under over between both all this that these those his her their our its my your also yet so then there here
    north south east west northern southern eastern western central northeast northwest southeast southwest
    northeastern northwestern southeastern southwestern greater upper lower rural occupied downtown metropolitan
    """.split())  # and the words of direction that go before a place's name: "Eastern Aleppo", "Greater Colombo"
