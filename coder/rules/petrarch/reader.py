"""Line reading shared by the PETRARCH/TABARI dictionary parsers: comments, line numbers, warnings.

The files are read as they are distributed (never edited): `#` starts a comment (at the start of a line or after a
blank), `<!-- ... -->` blocks (possibly over several lines) are comments, and blank lines separate entries. Faults in
a file are collected as warnings `file:line: problem` rather than raised, so one bad entry never stops a load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_COMMENT = re.compile(r"(^|\s)#.*$")


@dataclass(frozen=True, slots=True)
class Line:
    path: str
    number: int
    text: str  # comment removed, trailing blanks removed; leading tabs kept (actor date restrictions use them)
    raw: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.number}"


@dataclass
class Warnings:
    items: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)


def strip_comment(text: str) -> str:
    return _COMMENT.sub("", text).rstrip()


def read_lines(path: str | Path, text: str | None = None) -> list[Line]:
    """The file's lines with comments removed and their 1-based numbers; lines left empty are kept as ''."""
    path = str(path)
    if text is None:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    out: list[Line] = []
    in_block = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_block:
            end = line.find("-->")
            if end < 0:
                out.append(Line(path, number, "", raw))
                continue
            line = line[end + 3:]
            in_block = False
        # "<!-- ... -->" (also the "<! --" spelling) on one line or opening a block
        while True:
            start = re.search(r"<!\s*--", line)
            if start is None:
                break
            end = line.find("-->", start.end())
            if end < 0:
                line = line[:start.start()]
                in_block = True
                break
            line = line[:start.start()] + line[end + 3:]
        out.append(Line(path, number, strip_comment(line), raw))
    return out


def phrase_words(phrase: str) -> list[str]:
    """'NORTH_KOREA_' / 'Caras Galadhon' -> ['NORTH', 'KOREA']: `_` and blanks separate words; a trailing `_`
    (TABARI's 'no stem' marker) is dropped."""
    return [w for w in re.split(r"[_\s]+", phrase.strip()) if w]


def to_phrase(phrase: str) -> str:
    """A dictionary phrase as the text it matches, lower-cased ('NORTH_KOREA_' -> 'north korea')."""
    return " ".join(phrase_words(phrase)).lower()
