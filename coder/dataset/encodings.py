"""Reject reasons that name the fix for an input that is not in `input.encoding`: the setting to change and, where
the bytes read well in one of the encodings news archives often use (Windows Cyrillic, Windows Western), that
encoding (`set input.encoding=cp1251`)."""

from __future__ import annotations

import re
import unicodedata

SAMPLE_BYTES = 65_536  # enough text to tell Cyrillic words from accented Latin ones
PUNCTUATION = set("\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00ab\u00bb\u20ac\u00b0\u00a3\u00a7\u00a9\u00ae\u00b7\u00a0")
WORD = re.compile(r"[^\W\d_]+")


def _cyrillic_words(text: str) -> bool:
    """Most words with a non-ASCII letter are wholly Cyrillic (Latin-1 text read as cp1251 gives mixed words)."""
    words = [w for w in WORD.findall(text) if not w.isascii()]
    cyrillic = [w for w in words if all("CYRILLIC" in unicodedata.name(c, "") for c in w)]
    return bool(words) and len(cyrillic) >= 0.8 * len(words)


def _latin_text(text: str) -> bool:
    """Every non-ASCII character is a Latin letter or common typographic punctuation."""
    odd = [c for c in text if not c.isascii() and c not in PUNCTUATION]
    return any(not c.isascii() for c in text) and all(unicodedata.name(c, "").startswith("LATIN") for c in odd)


GUESSES = (("cp1251", _cyrillic_words), ("cp1252", _latin_text))


def guess_encoding(raw: bytes, failed: str) -> str | None:
    """An encoding the bytes read well in, other than the one that `failed`, or None."""
    sample = raw[:SAMPLE_BYTES]
    for name, fits in GUESSES:
        if name == failed.lower().replace("-", ""):
            continue
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        if fits(text):
            return name
    return None
