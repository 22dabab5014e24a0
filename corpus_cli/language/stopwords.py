"""Stop lists: the function words a word list, n-grams, collocates or keywords may leave out.

Two are shipped, English and Arabic: articles, pronouns, prepositions, conjunctions, auxiliary
and modal verbs, and the commonest adverbs and determiners; no content word. A user's own list
is a text file of one word per line (``#`` starts a comment). Every word is folded as search
folds it, so ``Don’t`` in a list drops ``dont`` and أن drops ان.
"""

from __future__ import annotations

from pathlib import Path

from corpus_cli.errors import UsageError
from corpus_cli.language.text import fold, words

ENGLISH = """
a about above after again against all am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's
her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it
it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought
our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such
than that that's the their theirs them themselves then there there's these they they'd they'll
they're they've this those through to too under until up very was wasn't we we'd we'll we're we've
were weren't what what's when when's where where's which while who who's whom why why's will with
won't would wouldn't you you'd you'll you're you've your yours yourself yourselves also just may
might must shall s t also upon us
"""

ARABIC = """
في من على إلى الى عن مع ان أن إن لا ما لم لن هذا هذه ذلك تلك هو هي هم هن نحن أنا انا انت أنت
التي الذي الذين اللذين اللتين اللواتي كان كانت يكون تكون قد و ف ثم او أو أم بل لكن لكن حتى إذا اذا
كل بعض غير بين عند لدى منذ خلال حول ضد عبر دون بعد قبل فوق تحت أي اي كما لما مما عما فيما بما
لقد وقد فقد ولا ولم وما وان وأن وإن وهو وهي وهذا وهذه وذلك وكان وكانت وفي ومن وعلى وإلى والى وعن
ومع به بها له لها لهم فيه فيها منه منها عليه عليها إليه اليه عنه معه هناك هنا أيضا ايضا كذلك حيث
التى الذى يا إلا الا ليس ليست كي لكي لأن لان أنه انه أنها انها إنه انه إنها
"""

BUILT_IN = {"english": ENGLISH, "arabic": ARABIC}


def stop_list(names: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The folded words of the named lists (``english``, ``arabic``) and files."""
    found: set[str] = set()
    for name in names:
        text = BUILT_IN.get(name.casefold())
        if text is None:
            path = Path(name)
            if not path.is_file():
                raise UsageError(f"--stop takes english, arabic or a file of words; {name!r} is none of them")
            try:
                text = "\n".join(line.partition("#")[0] for line in path.read_text(encoding="utf-8-sig").splitlines())
            except (OSError, UnicodeDecodeError) as exc:
                raise UsageError(f"cannot read the stop list {name}: {exc}") from None
        found.update(fold(w) for w in words(text))
    return frozenset(found)
