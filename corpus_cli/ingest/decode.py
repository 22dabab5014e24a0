"""Bytes to text: the size limit, the encoding (UTF-8, else a legacy one, named in a warning), and
mojibake (UTF-8 read as cp1252) repaired. A file that cannot be text raises :class:`Skip`."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from corpus_cli.errors import UsageError

MAX_BYTES = 5_000_000  # larger than any statement; such a file is skipped


class Skip(Exception):
    """Raised while reading a file that cannot become a document."""


def max_file_size() -> int:
    """The largest file read, in bytes: ``CORPUS_MAX_FILE_SIZE`` (``500k``, ``5M``…) or 5 MB."""
    value = os.environ.get("CORPUS_MAX_FILE_SIZE", "").strip()
    if not value:
        return MAX_BYTES
    m = re.fullmatch(r"(\d+)\s*([kKmMgG]?)[bB]?", value)
    if not m:
        raise UsageError(f"CORPUS_MAX_FILE_SIZE={value!r} is not a size; try 500k or 5M")
    return int(m[1]) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m[2].lower()]


# Control characters other than white space: text has next to none, binary files plenty.
_CONTROL_BYTES = bytes(c for c in range(32) if c not in b"\t\n\r\f\v")


def decode(raw: bytes) -> tuple[str, str | None]:
    """Text of a file and, when it was not UTF-8, a note naming the encoding used."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace"), None
    if b"\x00" in raw:
        raise Skip("binary content (NUL bytes)")
    if raw and len(raw) - len(raw.translate(None, _CONTROL_BYTES)) > len(raw) // 10:
        raise Skip("binary content (control characters)")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    other = _other_script(raw)
    if other is not None:
        return other
    try:
        return raw.decode("cp1252"), "not UTF-8: decoded as Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "not UTF-8: decoded as Latin-1"


# The Windows code pages of other scripts, by the name a warning gives them.
CODE_PAGES = {"cp1256": "Windows-1256 (Arabic)", "cp1251": "Windows-1251 (Cyrillic)", "cp1253": "Windows-1253 (Greek)",
              "cp1255": "Windows-1255 (Hebrew)"}


def _other_script(raw: bytes) -> tuple[str, str] | None:
    """The text of a file in the code page of another script (Arabic, Cyrillic, Greek, Hebrew), as
    charset-normalizer finds it, when most of its bytes above ASCII become that script's letters
    there; None for Latin text (kept as Windows-1252: "Dara’a" decodes alike in every page)."""
    from charset_normalizer import from_bytes

    found = from_bytes(raw, cp_isolation=["cp1252", *CODE_PAGES]).best()
    if found is None or found.encoding not in CODE_PAGES:
        return None
    try:
        text = raw.decode(found.encoding)
    except UnicodeDecodeError:
        return None
    high = [c for c in text if ord(c) > 0x7f]
    letters = sum(1 for c in high if c.isalpha() and not "\u00c0" <= c <= "\u024f")
    if letters < 3 or letters * 2 < len(high):
        return None
    return text, f"not UTF-8: decoded as {CODE_PAGES[found.encoding]}"


# UTF-8 read as Windows-1252 ("mojibake"): a lead byte shown as Â..ô followed by
# continuation bytes shown as the Windows-1252 (or Latin-1) characters of 0x80-0xBF.
_CONTINUATION = "".join(
    dict.fromkeys(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xC0))
)
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df][{_CONTINUATION}]|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}|[\u00f0-\u00f4][{_CONTINUATION}]{{3}}"
)
_LEAD = re.compile("[\u00c2-\u00f4]")
_TO_BYTE = {bytes([b]).decode("cp1252", errors="ignore") or chr(b): b for b in range(0x80, 0x100)}


def repair_mojibake(text: str) -> tuple[str, int]:
    """Text with UTF-8 sequences that were read as Windows-1252 put right, and how many.

    A run is repaired only when its bytes are valid UTF-8 (``Daraâ€™a`` ->
    ``Dara’a``); anything else is left as it is.
    """
    count = 0

    def fix(m: re.Match) -> str:
        nonlocal count
        try:
            fixed = bytes(_TO_BYTE[c] for c in m.group()).decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            return m.group()
        count += 1
        return fixed

    if text.isascii() or not _LEAD.search(text):  # no lead byte shown as Â..ô: nothing to repair
        return text, 0
    return _MOJIBAKE.sub(fix, text), count


def read_raw(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a single-document file, or :class:`Skip` when too large or unreadable."""
    limit = max_bytes if max_bytes is not None else max_file_size()
    try:
        size = path.stat().st_size
        if size > limit:
            raise Skip(f"too large ({size:,} bytes; the limit is {limit:,}: CORPUS_MAX_FILE_SIZE)")
        return path.read_bytes()
    except OSError as exc:
        raise Skip(f"cannot read: {exc.strerror or exc}") from None
