"""A normalised text cut into blocks (runs of non-blank lines) and blocks into paragraphs: wrapped
lines joined, a paragraph per line kept, a file on one line cut at sentence ends."""

from __future__ import annotations

import re

from corpus_cli.language.text import MAX_STATEMENT_WORDS, count_words, split_statements

Block = list[str]


def blocks_of(text: str) -> list[Block]:
    """Runs of non-blank lines of a normalised text."""
    blocks: list[Block] = []
    current: Block = []
    for line in text.split("\n"):
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


ENDS_SENTENCE = re.compile(r"[.!?…:;؟۔।。！？][\"”’')\]\u200e\u200f\u061c]*$")  # direction marks are no text
_GOES_ON = tuple(",،;؛")  # a line that starts so goes on from the one before (in any script)
LONG_PARAGRAPH = 2000  # characters: a longer run of text (a file on one line) is cut at sentence ends
PARAGRAPH_TARGET = 700


def _paragraphs_of_block(block: Block) -> list[str]:
    """The paragraphs of a run of non-blank lines.

    Text wrapped at a fixed width (most lines end mid-sentence) is joined,
    with a paragraph break after a short line that ends a sentence, and at a
    line end where more than MAX_STATEMENT_WORDS words have gone without a
    sentence end (a page without punctuation is cut at its lines first); text
    with one paragraph per line (most lines end a sentence) keeps its lines.
    """
    if len(block) == 1:
        return block
    inner = block[:-1]
    open_ended = sum(1 for line in inner if not ENDS_SENTENCE.search(line))
    paragraphs: list[str] = []
    current: list[str] = []
    if open_ended * 2 >= len(inner):  # wrapped
        width = max(len(line) for line in block)
        run = 0  # words since the last line that ended a sentence
        for line in block:
            current.append(line)
            ends = ENDS_SENTENCE.search(line)
            run = 0 if ends else run + count_words(line)
            if (ends and len(line) < 0.6 * width) or run > MAX_STATEMENT_WORDS:
                paragraphs.append(" ".join(current))
                current, run = [], 0
    else:  # a paragraph per line; a line broken before a lower-case word or a comma goes on
        for n, line in enumerate(block):
            current.append(line)
            following = block[n + 1] if n + 1 < len(block) else ""
            if ENDS_SENTENCE.search(line) or not (following[:1].islower() or following[:1] in _GOES_ON):
                paragraphs.append(" ".join(current))
                current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _cut_long(paragraph: str) -> list[str]:
    """A paragraph of more than LONG_PARAGRAPH characters cut at sentence ends into parts of about PARAGRAPH_TARGET."""
    if len(paragraph) <= LONG_PARAGRAPH:
        return [paragraph]
    parts, start = [], 0
    for _, e in split_statements(paragraph):
        if e - start >= PARAGRAPH_TARGET and len(paragraph) - e >= PARAGRAPH_TARGET // 3:
            parts.append(paragraph[start:e])
            start = e
            while start < len(paragraph) and paragraph[start] == " ":
                start += 1
    parts.append(paragraph[start:])
    return [p for p in parts if p]


def paragraphs_of(blocks: list[Block]) -> list[str]:
    """The paragraphs of blocks of lines: wrapped lines joined, one-line files cut at sentence ends."""
    return [part for block in blocks for paragraph in _paragraphs_of_block(block) for part in _cut_long(paragraph)]
