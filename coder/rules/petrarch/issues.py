"""Issue dictionaries (`*.IssueCoding.txt`): phrases that tag a sentence with an issue.

    <ISSUE CATEGORY="EDUCATION" TYPE="ALL">     the category of the entries that follow
    n:teacher [TEACHERS]                        `n:` the word and its plural
    pre+n:school [EARLY_CHILDHOOD_EDUCATION]    `+` joins words written together or hyphenated
    ~get head start                             `~` a phrase that blocks the issue (a false positive)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from coder.rules.petrarch.reader import Warnings, read_lines
from coder.rules.text import plural_of

_ENTRY = re.compile(r"^(?P<phrase>[^\[]+?)\s*\[(?P<code>[^\]]+)\]\s*$")
_CATEGORY = re.compile(r'<ISSUE\s+CATEGORY="(?P<category>[^"]*)"', re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IssueEntry:
    phrases: tuple[str, ...]  # lower-cased forms ("n:" words with their plurals, "+" joins in each spelling)
    code: str | None  # None for a blocking (~) phrase
    category: str
    where: str


def _forms(phrase: str) -> list[str]:
    words: list[list[str]] = []
    for word in phrase.lower().split():
        noun = word.startswith("n:")
        word = word[2:] if noun else word
        spellings = [word.replace("+", " "), word.replace("+", ""), word.replace("+", "-")] if "+" in word else [word]
        if noun:
            spellings += [plural_of(s) for s in spellings]
        words.append(list(dict.fromkeys(spellings)))
    forms = [""]
    for choices in words:
        forms = [f"{f} {c}".strip() for f in forms for c in choices]
    return list(dict.fromkeys(forms))


def parse_issues(path: str | Path, warnings: Warnings, text: str | None = None) -> list[IssueEntry]:
    out: list[IssueEntry] = []
    category = ""
    for line in read_lines(path, text):
        body = line.raw.strip() if line.raw.strip().startswith("<") else line.text.strip()
        if not body:
            continue
        if body.startswith("<"):
            match = _CATEGORY.search(body)
            if match:
                category = match["category"]
            continue
        if body.startswith("~"):
            out.append(IssueEntry(tuple(_forms(body[1:])), None, category, line.where))
            continue
        match = _ENTRY.match(body)
        if not match:
            warnings.add(line.where, f"cannot read issue line '{body}'; write phrase [CODE]")
            continue
        out.append(IssueEntry(tuple(_forms(match["phrase"])), match["code"].strip(), category, line.where))
    return out
