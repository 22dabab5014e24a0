"""Commands of corpus linguistics: words, ngrams, collocates and keywords."""

from __future__ import annotations

import functools

import click

from corpus_cli.cli.group import cli
from corpus_cli.cli.options import (
    EXIT_NO_RESULTS, EXIT_OK, common_options, filter_options, fuzziness_option, limit_option, open_source, output,
    report_hidden,
)

MEASURES = ("logdice", "mi", "t", "ll")


def word_options(min_count: int = 1):
    """--stop and --min-count, shared by the four commands."""

    def decorate(func):
        @click.option("--stop", "stop", multiple=True, metavar="LIST",
                      help="Leave out the words of a stop list: english, arabic or a file of words (repeat for several).")
        @click.option("--min-count", type=click.IntRange(min=1), default=min_count, show_default=True,
                      help="Only what occurs at least this often.")
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            return func(*args, **kwargs)

        return wrapper

    return decorate


def _done(corpus, found) -> int:
    report_hidden(corpus)
    return EXIT_OK if found else EXIT_NO_RESULTS


@cli.command("words")
@common_options
@filter_options(documents=True)
@word_options()
@click.option("--by-form", is_flag=True, help="Show how the corpus writes each word (its forms, with counts).")
@click.option("--translit", is_flag=True, help="Count the spellings of one transliteration as one word (Assad, Asad).")
@limit_option
def words_cmd(data, fmt, filters, stop, min_count, by_form, translit, limit):
    """The frequency list: each word with its count, documents and rate per million words.

    Words are counted as search compares them: case, accents and
    apostrophes folded (Dara’a and daraa are one word), in titles (unless
    made from the first sentence) and statements.

    \b
    Examples:
      corpus words --limit 20
      corpus words --stop english --since 2019
      corpus words --by-form --json
      corpus words --translit --by-form --stop english
    """
    from corpus_cli.output.linguistics import WORD_KEYS, emit_rows

    corpus = open_source(data)
    found = corpus.words(filters, stop=stop, min_count=min_count, limit=limit, by_form=by_form, translit=translit)
    emit_rows(output(fmt), found, WORD_KEYS, "word")
    return _done(corpus, found)


@cli.command("ngrams")
@common_options
@click.argument("n", type=click.IntRange(2, 5))
@filter_options(documents=True)
@click.option("--containing", metavar="WORD", help="Only n-grams that hold this word.")
@word_options()
@limit_option
def ngrams_cmd(data, fmt, n, filters, containing, stop, min_count, limit):
    """The commonest runs of N words (2 to 5) within a statement.

    With --stop, n-grams that begin or end with a stop word are left out.

    \b
    Examples:
      corpus ngrams 2 --limit 20
      corpus ngrams 3 --containing Aleppo
      corpus ngrams 2 --stop english --min-count 5 --csv-raw --format csv
    """
    from corpus_cli.output.linguistics import NGRAM_KEYS, emit_rows

    corpus = open_source(data)
    found = corpus.ngrams(n, filters, containing=containing, stop=stop, min_count=min_count, limit=limit)
    emit_rows(output(fmt), found, NGRAM_KEYS, "n-gram")
    return _done(corpus, found)


@cli.command("collocates")
@common_options
@click.argument("query")
@filter_options(documents=True)
@click.option("--window", type=click.IntRange(min=0), default=5, show_default=True,
              help="Words each side of a match.")
@click.option("--left", type=click.IntRange(min=0), help="Words before a match (default: --window).")
@click.option("--right", type=click.IntRange(min=0), help="Words after a match (default: --window).")
@click.option("--measure", type=click.Choice(MEASURES), default="logdice", show_default=True,
              help="Association measure: log-Dice, mutual information, t-score or log-likelihood.")
@word_options(min_count=2)
@limit_option
@fuzziness_option
@click.option("--exact", is_flag=True, help="Match spellings exactly, ignoring only case.")
def collocates_cmd(data, fmt, query, filters, window, left, right, measure, stop, min_count, limit, fuzziness, exact):
    """The words that occur near QUERY's matches, by how strongly they go with it.

    QUERY is read as search reads it, variants and transliterations
    included; a phrase is one match. Each row gives the word, how often it
    occurs within the window (left and right of the matches), its frequency
    in the selection and the measure (see the README for the formulas).

    \b
    Examples:
      corpus collocates Aleppo
      corpus collocates '"climate change"' --window 3 --measure mi
      corpus collocates Assad --left 2 --right 0 --stop english
    """
    from corpus_cli.output.linguistics import COLLOCATE_KEYS, emit_rows

    corpus = open_source(data)
    found = corpus.collocates(query, filters, window=window, left=left, right=right, measure=measure, stop=stop,
                              min_count=min_count, limit=limit, fuzziness=fuzziness, exact=exact)
    emit_rows(output(fmt), found, COLLOCATE_KEYS, "collocate", score={"logdice": "log-Dice", "mi": "MI",
                                                                        "t": "t-score", "ll": "LL"}[measure])
    return _done(corpus, found)


@cli.command("keywords")
@common_options
@filter_options(documents=True)
@click.option("--vs-since", metavar="DATE", help="Reference: only from this date on.")
@click.option("--vs-until", metavar="DATE", help="Reference: only up to the end of this date.")
@click.option("--vs-speaker", metavar="NAME", help="Reference: only what this person said.")
@click.option("--vs-source", "vs_sources", multiple=True, metavar="NAME", help="Reference: only this source.")
@click.option("--vs-category", "vs_categories", multiple=True, metavar="NAME", help="Reference: only this category.")
@click.option("--vs-place", metavar="NAME", help="Reference: only documents that name this place.")
@click.option("--negative", is_flag=True, help="The words typical of the reference instead (negative keywords).")
@word_options()
@limit_option
def keywords_cmd(data, fmt, filters, vs_since, vs_until, vs_speaker, vs_sources, vs_categories, vs_place, negative,
                 stop, min_count, limit):
    """Keywords: the words typical of a part of the corpus (the target, chosen with the filters)
    against the rest, or against a reference chosen with the --vs- options.

    Each row gives the counts in the target and the reference (and per
    million words), the log-likelihood (Rayson and Garside) and the log
    ratio (Hardie) as the effect size; strongest first.

    \b
    Examples:
      corpus keywords --since 2020 --until 2020
      corpus keywords --speaker "Anas al-Abdah" --stop english
      corpus keywords --since 2019 --vs-until 2018 --negative
    """
    from corpus_cli.api import Filters
    from corpus_cli.output.linguistics import KEYWORD_KEYS, emit_rows

    given = (vs_since, vs_until, vs_speaker, vs_sources, vs_categories, vs_place)
    reference = Filters.of(vs_since, vs_until, vs_categories, vs_place, vs_speaker, filters.dedupe,
                           sources=vs_sources) if any(given) else None
    corpus = open_source(data)
    found = corpus.keywords(filters, reference, negative=negative, stop=stop, min_count=min_count, limit=limit)
    emit_rows(output(fmt), found, KEYWORD_KEYS, "keyword")
    return _done(corpus, found)
