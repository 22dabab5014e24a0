"""A normalised text cut into blocks (runs of non-blank lines) and blocks into paragraphs: wrapped
lines joined, a paragraph per line kept, a file on one line cut at sentence ends."""

from __future__ import annotations

import re

from corpus_cli.language.text import split_statements

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


_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"”’')\]]*$")
LONG_PARAGRAPH = 2000  # characters: a longer run of text (a file on one line) is cut at sentence ends
PARAGRAPH_TARGET = 700


def _paragraphs_of_block(block: Block) -> list[str]:
    """The paragraphs of a run of non-blank lines.

    Text wrapped at a fixed width (most lines end mid-sentence) is joined,
    with a paragraph break after a short line that ends a sentence; text
    with one paragraph per line (most lines end a sentence) keeps its lines.
    """
    if len(block) == 1:
        return block
    inner = block[:-1]
    open_ended = sum(1 for line in inner if not _ENDS_SENTENCE.search(line))
    paragraphs: list[str] = []
    current: list[str] = []
    if open_ended * 2 >= len(inner):  # wrapped
        width = max(len(line) for line in block)
        for line in block:
            current.append(line)
            if _ENDS_SENTENCE.search(line) and len(line) < 0.6 * width:
                paragraphs.append(" ".join(current))
                current = []
    else:  # a paragraph per line; a line broken before a lower-case word goes on
        for n, line in enumerate(block):
            current.append(line)
            following = block[n + 1] if n + 1 < len(block) else ""
            if _ENDS_SENTENCE.search(line) or not following[:1].islower():
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
