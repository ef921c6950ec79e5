"""What an input becomes: an `Article` to code or a `Reject` with a reason and a kind, and the checks every article
passes whatever its format. The readers are in coder.dataset.articles (seed .txt, and the entry points) and
coder.dataset.input_tables (JSONL, CSV, Parquet); coder.dataset.articles re-exports these types."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from coder.dataset.encodings import guess_encoding


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    pub_date: date
    title: str
    text: str
    publisher: str | None = None
    url: str | None = None
    source: str = ""  # file path, or path:line (JSONL, CSV) / path#rowN (Parquet)
    pub_time: str | None = None
    size: int = 0  # bytes of the raw input record (the file, the JSONL line, the table row as canonical JSON)
    sha256: str = ""  # hash of those bytes: with `source` and `size`, the input's fingerprint

    @property
    def full_text(self) -> str:
        """The text the coder reads and that character offsets refer to: headline, blank line, body."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text


class RejectKind(StrEnum):
    """Why an input was rejected: the `kind` column of the rejects table (docs/data-safety.md "Rejects")."""

    unreadable = "unreadable"  # cannot be opened or parsed as its format
    encoding = "encoding"  # not valid input.encoding, or text that is not valid Unicode
    empty = "empty"  # empty file, empty text, a table with no records
    date = "date"  # malformed, impossible, relative ("yesterday") or ambiguous ("03/04/2024") publication date
    missing = "missing"  # no id or text (or no such column)
    too_large = "too_large"  # over input.max_chars
    invalid = "invalid"  # invalid JSON or CSV row, a record that is not an object, a value of the wrong type
    duplicate_id = "duplicate_id"  # the same id with different content
    duplicate_article = "duplicate_article"  # the same id and content twice
    duplicate_content = "duplicate_content"  # the same headline and text under another id
    coding_error = "coding_error"  # the engine raised on the article (coder.jobs.coder); the rest of the batch goes on


@dataclass(frozen=True, slots=True)
class Reject:
    source: str
    reason: str
    article_id: str | None = None
    kind: RejectKind = RejectKind.invalid


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def short(text: str, limit: int = 300) -> str:
    """`text` on one line, cut at `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "..."


def encoding_reason(encoding: str, what: str, raw: bytes = b"") -> str:
    """The reason of an encoding reject, naming the fix. `what`: where the bad byte is ("invalid start byte at byte
    12"); `raw`: the bytes, when they may tell which encoding they read in (coder.dataset.encodings)."""
    guess = guess_encoding(raw, encoding) if raw else None
    if guess:
        return f"not valid {encoding} ({what}); it reads as {guess}: set input.encoding={guess}"
    example = "cp1251" if encoding.replace("-", "").replace("_", "").lower() in ("utf8", "utf8sig") else "utf-8"
    return (f"not valid {encoding} ({what}); set input.encoding=<the file's encoding>, e.g. "
            f"input.encoding={example}")


def checked(article: Article, max_chars: int) -> Article | Reject:
    """The article, or the Reject for an empty text, a text over `max_chars` or a field that is not valid Unicode."""
    if not article.text.strip():
        return Reject(article.source, "empty text", article.article_id, RejectKind.empty)
    if len(article.full_text) > max_chars:
        return Reject(article.source, f"article has {len(article.full_text)} characters, over input.max_chars="
                                      f"{max_chars}", article.article_id, RejectKind.too_large)
    for name in ("article_id", "title", "text", "publisher", "url"):
        value = getattr(article, name)
        try:
            (value or "").encode("utf-8")
        except UnicodeEncodeError as exc:  # e.g. a lone surrogate from a JSON "\ud800" escape
            return Reject(article.source, f"{name} is not valid Unicode ({exc.reason} at character {exc.start})",
                          None if name == "article_id" else article.article_id, RejectKind.encoding)
    return article
