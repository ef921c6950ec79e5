"""Actor dictionaries (`*.actors.txt`, TABARI/PETRARCH format).

    GONDOR [GON]                    a phrase and its code (words joined by `_` or blanks)
    +MINAS_TIRITH                   `+` lines: more phrases for the same actor
    GOLLUM                          codes may follow on tab-indented lines, with date restrictions:
    	[HOB < 950601]                  before the date
    	[HOBGOV 19950601 - 19990815]    between the dates (both ends inclusive)
    	[HOBREB > 990816]               from the date on
    	[HOB]                           no restriction: the code on every other date
    LORIEN [ELR/GAL]                `/` separates several codes for one phrase (each gets its own events)

Dates are YYMMDD (years below 30 are 20xx) or YYYYMMDD. Restrictions are tried in file order and the first that
holds wins. A phrase already defined earlier is reported and the first definition kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coder.rules.petrarch.reader import Warnings, read_lines, to_phrase

_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True, slots=True)
class DatedCode:
    code: str
    start: date | None  # inclusive
    end: date | None  # inclusive

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class ActorEntry:
    phrases: list[str]  # lower-cased match text, first is the primary phrase
    where: str
    dated: list[DatedCode] = field(default_factory=list)
    default: str | None = None  # the undated code

    def code_on(self, day: date | None) -> str | None:
        if day is not None:
            for restriction in self.dated:
                if restriction.holds_on(day):
                    return restriction.code
        return self.default


def parse_date(text: str) -> date:
    """YYMMDD (00-29 -> 20xx, else 19xx) or YYYYMMDD."""
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"'{text}' is not a YYMMDD or YYYYMMDD date")
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year < 30 else 1900
        return date(year, int(text[2:4]), int(text[4:6]))
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_code(body: str, where: str, warnings: Warnings) -> DatedCode | None:
    """'HOBGOV 19950601 - 19990815' / 'HOB < 950601' / 'HOB' -> DatedCode; None (with a warning) if malformed."""
    body = body.strip()
    match = re.match(r"^(\S+?)\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))?$", body)
    if not match or not body or body[0].isdigit() or body[0] in "<>":
        warnings.add(where, f"malformed code '[{body}]'; write [CODE], [CODE <date], [CODE >date] or "
                            f"[CODE date-date]")
        return None
    code, op, one, first, last = match.groups()
    try:
        if op == "<":
            return DatedCode(code, None, date.fromordinal(parse_date(one).toordinal() - 1))
        if op == ">":
            return DatedCode(code, parse_date(one), None)
        if first is not None:
            start, end = parse_date(first), parse_date(last)
            if end < start:
                warnings.add(where, f"impossible date range [{body}]: it ends before it starts; restriction ignored")
                return None
            return DatedCode(code, start, end)
    except ValueError as exc:
        warnings.add(where, f"bad date in '[{body}]' ({exc}); restriction ignored")
        return None
    return DatedCode(code, None, None)


def parse_actors(path: str | Path, warnings: Warnings, text: str | None = None,
                 seen: dict[str, str] | None = None) -> list[ActorEntry]:
    """Entries of one actor file. `seen` (phrase -> where) is shared across files to report duplicates."""
    reader = _ActorReader(warnings, {} if seen is None else seen)
    for line in read_lines(path, text):
        if line.text.strip():
            reader.read(line.text, line.where)
    _finish(reader.current, reader.entries, warnings)
    return reader.entries


@dataclass
class _ActorReader:
    """Reads an actor file line by line: a phrase starts an entry, `+` lines add phrases to it, and codes follow on
    the same line or on indented lines. Faults become warnings and the line is skipped."""

    warnings: Warnings
    seen: dict[str, str]  # phrase -> where first defined, across files
    entries: list[ActorEntry] = field(default_factory=list)
    current: ActorEntry | None = None  # the entry being read

    def read(self, body: str, where: str) -> None:
        stripped = body.strip()
        if body[0] in " \t" and stripped.startswith("["):
            if self.current is None:
                self.warnings.add(where, "code line before any actor phrase; ignored")
            else:
                self._add_codes(self.current, stripped, where)
            return
        phrase, _, rest = stripped.partition("[")
        rest = "[" + rest if rest else ""
        if stripped.startswith("+"):
            if self.current is None:
                self.warnings.add(where, f"synonym '{stripped}' before any actor phrase; ignored")
                return
            self._add_phrase(self.current, phrase[1:], where)
            self._add_codes(self.current, rest, where)
            return
        if stripped.startswith("["):  # code on its own line without indentation
            if self.current is not None:
                self._add_codes(self.current, stripped, where)
            return
        _finish(self.current, self.entries, self.warnings)
        self.current = ActorEntry([], where)
        self._add_phrase(self.current, phrase, where)
        self._add_codes(self.current, rest, where)

    def _add_phrase(self, entry: ActorEntry, phrase: str, where: str) -> None:
        key = to_phrase(phrase)
        if not key:
            return
        if key in self.seen:
            self.warnings.add(where, f"duplicate actor phrase '{phrase.strip()}' (first at {self.seen[key]}); "
                                     f"first kept")
            return
        self.seen[key] = where
        entry.phrases.append(key)

    def _add_codes(self, entry: ActorEntry, rest: str, where: str) -> None:
        for body in _CODE.findall(rest):
            coded = parse_code(body, where, self.warnings)
            if coded is None:
                continue
            if coded.start is not None or coded.end is not None:
                entry.dated.append(coded)
            elif entry.default is not None and entry.default != coded.code:
                self.warnings.add(where, f"second undated code [{coded.code}] for '{entry.phrases[:1]}'; "
                                         f"first ([{entry.default}]) kept")
            else:
                entry.default = coded.code


def _finish(entry: ActorEntry | None, entries: list[ActorEntry], warnings: Warnings) -> None:
    if entry is None:
        return
    if entry.default is None and not entry.dated:
        warnings.add(entry.where, f"actor '{entry.phrases[0] if entry.phrases else '?'}' has no code; ignored")
        return
    if entry.phrases:
        entries.append(entry)
