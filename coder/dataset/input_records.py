"""One JSONL, CSV or Parquet record -> an Article, or a Reject whose reason names the fix. Every column that
input.columns maps must hold the type it stands for: the id, text, headline, publisher and url are strings (a JSON
number, boolean, list, object or NaN is rejected, never turned into its Python spelling), the publication date an
absolute date (coder.dataset.pub_dates). A null optional column is absent."""

from __future__ import annotations

import math

from coder.config import InputConfig
from coder.dataset.inputs import Article, Reject, RejectKind, checked, sha256, short
from coder.dataset.pub_dates import PubDate, pub_date


class _Refused(Exception):
    """A record's value that makes it a Reject (raised inside `record_article` only)."""

    def __init__(self, reason: str, kind: RejectKind):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


# What the fix is when a field holds a value of another type than a string.
_STRING_FIX = {
    "id": "ids must be strings: quote a numeric id in JSON (\"12345\", not 12345), or give the Parquet column a "
          "string type",
    "text": "the text must be one string: join its parts into it (paragraphs separated by blank lines)",
    "title": "the headline must be a string or null",
    "publisher": "the publisher must be a string or null",
    "url": "the url must be a string or null",
}


def record_article(record: dict, cfg: InputConfig, source: str, raw: bytes) -> Article | Reject:
    """The Article of one record (a dict of column -> value), or the Reject. `raw`: the record's bytes as read (a
    JSONL line) or in canonical JSON (a table row), for the input's fingerprint."""
    columns = cfg.columns
    article_id = None
    try:
        article_id = _string(record, columns.id, "id", "article id", required=True)
        day = _pub_date(record, columns.pub_date, cfg.dayfirst)
        text = _string(record, columns.text, "text", "text", required=True)
        title = _string(record, columns.title, "title", "headline")
        publisher = _string(record, columns.publisher, "publisher", "publisher")
        url = _string(record, columns.url, "url", "url")
    except _Refused as refused:
        return Reject(source, refused.reason, article_id, refused.kind)
    assert article_id is not None and text is not None
    article = Article(article_id.strip(), day[0], (title or "").strip(), text.strip(), publisher, url, source, day[1],
                      len(raw), sha256(raw))
    return checked(article, cfg.max_chars)


def described(value: object) -> str:
    """A value's type and value, for a reason: `a number (12345)`, `a list (['a', 'b'])`, `NaN`."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    names = {list: "a list", dict: "an object", tuple: "a list"}
    return f"{names.get(type(value), 'a ' + type(value).__name__)} ({short(repr(value), 60)})"


def _absent(record: dict, column: str, option: str, label: str) -> _Refused:
    keys = short(", ".join(repr(k) for k in record), 200) or "none"
    return _Refused(f"missing {label}: the record has no {column!r} (it has {keys}); set input.columns.{option}=<the "
                    f"name that holds the {label}>", RejectKind.missing if option != "pub_date" else RejectKind.date)


def _string(record: dict, column: str | None, option: str, label: str, required: bool = False) -> str | None:
    """The record's string in `column` (None for an unmapped, absent or null optional column)."""
    if not column:
        return None
    if column not in record:
        if required:
            raise _absent(record, column, option, label)
        return None
    value = record[column]
    if value is None:
        if required:
            raise _Refused(f"missing {label} ({column!r} is null)", RejectKind.missing)
        return None
    if not isinstance(value, str):
        raise _Refused(f"{label} ({column!r}) is {described(value)}; {_STRING_FIX[option]}", RejectKind.invalid)
    if required and not value.strip():
        if option == "text":
            return value  # an empty text is its own kind of reject (checked)
        raise _Refused(f"missing {label} ({column!r} is empty)", RejectKind.missing)
    return value


def _pub_date(record: dict, column: str | None, dayfirst: bool | None) -> PubDate:
    if not column:
        raise _Refused("no publication date column: set input.columns.pub_date=<the name that holds the date>",
                       RejectKind.date)
    if column not in record:
        raise _absent(record, column, "pub_date", "publication date")
    day = pub_date(record[column], dayfirst)
    if isinstance(day, str):
        raise _Refused(f"{day} (column {column!r})", RejectKind.date)
    return day
