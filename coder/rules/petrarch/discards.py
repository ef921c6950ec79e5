"""Discard dictionaries (`*.discards.txt`): one phrase a line; `+PHRASE` discards the whole story, a plain phrase
only the sentence it is in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coder.rules.petrarch.reader import Warnings, read_lines, to_phrase


@dataclass(frozen=True, slots=True)
class DiscardEntry:
    phrase: str
    story: bool
    where: str


def parse_discards(path: str | Path, warnings: Warnings, text: str | None = None) -> list[DiscardEntry]:
    out: list[DiscardEntry] = []
    seen: dict[str, str] = {}
    for line in read_lines(path, text):
        body = line.text.strip()
        if not body:
            continue
        story = body.startswith("+")
        phrase = to_phrase(body.lstrip("+").split("[")[0])
        if not phrase:
            continue
        if phrase in seen:
            warnings.add(line.where, f"duplicate discard phrase '{phrase}' (first at {seen[phrase]}); first kept")
            continue
        seen[phrase] = line.where
        out.append(DiscardEntry(phrase, story, line.where))
    return out
