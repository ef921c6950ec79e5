"""Publication dates of JSONL, CSV and Parquet records, read strictly: a date must name one day whatever the day the
coder runs and whatever the reader's habits, so that a re-run gives the same dates under the same event ids.

- A date or datetime value (a Parquet date or timestamp column) is taken as it is.
- ISO 8601 strings (`2024-03-04`, `2024-03-04T10:00:00+03:00`, `20240304`) are read first; a time is kept as HH:MM.
- Numeric dates with the year last (`03/04/2024`, `04.03.2025`, `3-4-2024`) are ambiguous when both of the first two
  numbers could be the month: they are rejected unless `input.dayfirst` says how the source writes them (true: day
  first, as Russian- and most European-language sources do, 04.03.2025 = 4 March; false: month first, as US sources
  do). A numeric date with the year first (`2024/03/04`) is year, month, day. A two-digit year is rejected.
- Other strings with words (`4 March 2025`, `March 4, 2025`, `4 марта 2025`, `Tue, 04 Mar 2025 10:00:00 +0000`) are
  read by dateparser, which must find day, month and year; a date that depends on the day it is read (`yesterday`,
  `2 days ago`, `last Tuesday`, `March 4` without a year) is rejected as relative.

`pub_date(value, dayfirst)` gives `(day, "HH:MM" or None)` or, for a value that is rejected, the reason (a string).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import lru_cache

import dateparser

PubDate = tuple[date, str | None]

_YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?!\d)")
_YEAR_LAST = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(\d+)(?!\d)")
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?!\d)(?!\s*[ap]\.?m\b)", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
# Words of a relative date ("yesterday", "2 days ago", "last Tuesday"); with a four-digit year in the text the two
# readings below decide ("Tuesday, March 4, 2025" is absolute).
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|tomorrow|now|ago|last|next|this|previous|coming|past|recently|"
                       r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_FULL_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# Two reference days far apart: an absolute date parses to the same day against both, a relative one does not.
_BASES = (datetime(2001, 2, 3, 12, 0), datetime(2011, 8, 9, 12, 0))
_FORMAT_HINT = "write it as YYYY-MM-DD, optionally with a time"
_DAYFIRST_HINT = ("set input.dayfirst=true if the source writes the day first (04.03.2025 = 4 March, as Russian- and "
                  "most European-language sources do) or input.dayfirst=false if it writes the month first (US)")


def pub_date(value: object, dayfirst: bool | None) -> PubDate | str:
    """A publication date from a record's value, or the reason it is rejected."""
    if value is None:
        return "missing publication date"
    if isinstance(value, datetime):
        return value.date(), value.strftime("%H:%M")
    if isinstance(value, date):
        return value, None
    if isinstance(value, float) and math.isnan(value):
        return f"publication date is NaN, not a date; {_FORMAT_HINT} in a string"
    if isinstance(value, bool):
        return f"publication date is {str(value).lower()}, not a date; {_FORMAT_HINT} in a string"
    if isinstance(value, (int, float)):
        return f"publication date is a number ({value!r}), not a date; {_FORMAT_HINT} in a string"
    if not isinstance(value, str):
        return f"publication date is a {type(value).__name__} ({value!r:.60}), not a date; {_FORMAT_HINT} in a string"
    text = value.strip()
    if not text:
        return "missing publication date (empty)"
    return _from_text(text, dayfirst)


@lru_cache(maxsize=65536)  # a corpus repeats its dates: each distinct string is read once
def _from_text(text: str, dayfirst: bool | None) -> PubDate | str:
    iso = _iso(text)
    if iso is not None:
        return iso
    numeric = _YEAR_FIRST.search(text)
    if numeric is not None:
        year, month, day = int(numeric[1]), int(numeric[3]), int(numeric[4])
        return _day(text, year, month, day, "year, month, day")
    numeric = _YEAR_LAST.search(text)
    if numeric is not None:
        return _year_last(text, int(numeric[1]), int(numeric[3]), numeric[4], dayfirst)
    if not _LETTER.search(text):
        return f"malformed publication date {text!r:.80}; {_FORMAT_HINT}"
    return _in_words(text)


def _iso(text: str) -> PubDate | None:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    timed = len(text) > 10 and any(c in text[8:] for c in "T :")
    return parsed.date(), parsed.strftime("%H:%M") if timed else None


def _clock(text: str) -> str | None:
    """HH:MM of a 24-hour time in the text (None for none, or a 12-hour time with am/pm)."""
    match = _CLOCK.search(text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return f"{int(match[1]):02d}:{match[2]}"


def _day(text: str, year: int, month: int, day: int, order: str) -> PubDate | str:
    try:
        return date(year, month, day), _clock(text)
    except ValueError:
        return f"impossible publication date {text!r:.80} (read as {order}); {_FORMAT_HINT}"


def _year_last(text: str, first: int, second: int, year: str, dayfirst: bool | None) -> PubDate | str:
    if len(year) != 4:
        return f"publication date {text!r:.80} has a {len(year)}-digit year; write the year in full, or {_FORMAT_HINT}"
    setting = "" if dayfirst is None else f" as input.dayfirst={str(dayfirst).lower()} says"
    if dayfirst is None:
        if first != second and first <= 12 and second <= 12:
            return (f"ambiguous publication date {text!r:.80}: day {first} of month {second} or day {second} of month "
                    f"{first}; {_DAYFIRST_HINT}")
        dayfirst = first > 12 or first == second
    if dayfirst:
        return _day(text, int(year), second, first, f"day, month, year{setting}")
    return _day(text, int(year), first, second, f"month, day, year{setting}")


def _in_words(text: str) -> PubDate | str:
    if _RELATIVE.search(text) and not _FULL_YEAR.search(text):
        return _relative(text)
    days = []
    for base in _BASES:
        try:
            parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "RELATIVE_BASE": base,
                                                      "REQUIRE_PARTS": ["day", "month", "year"]})
        except (ValueError, TypeError, OverflowError, RecursionError, LookupError):
            parsed = None  # dateparser raises on some odd strings instead of returning None
        if parsed is None:
            return f"malformed publication date {text!r:.80}: no day, month and year found; {_FORMAT_HINT}"
        days.append(parsed.date())
    if days[0] != days[1]:
        return _relative(text)
    return days[0], _clock(text)


def _relative(text: str) -> str:
    return (f"relative publication date {text!r:.80}: it would change with the day the coder runs; give the absolute "
            f"date: {_FORMAT_HINT}")
