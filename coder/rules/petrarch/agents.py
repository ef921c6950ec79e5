"""Agent dictionaries (`*.agents.txt`): role words that add to the code of the actor they go with.

    !PERSON! = MAN, MEN, WOMAN, WOMEN      a macro: `CONGRESS!PERSON!` stands for CONGRESSMAN, CONGRESSMEN, ...
    POLICE {} [~COP]                       `~CODE`: appended to the actor's code (GON + COP -> GONCOP)
    MSF {} [NGO~]                          `CODE~`: put before it (NGO + ARN -> NGOARN)
    GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]     `{...}` lists the plurals; `{}` means none; without braces the regular
                                           English plural is made automatically
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from coder.rules.petrarch.reader import Warnings, phrase_words, read_lines, to_phrase
from coder.rules.text import plural_of

_ENTRY = re.compile(r"^(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]\s*$")
_MACRO = re.compile(r"^!(?P<name>[^!\s]+)!\s*=\s*(?P<values>.+)$")


@dataclass(frozen=True, slots=True)
class AgentEntry:
    phrases: tuple[str, ...]  # lower-cased, singular and plural forms
    code: str  # without the ~
    prefix: bool  # CODE~: goes before the actor's code
    where: str


def _expand(phrase: str, macros: dict[str, list[str]], where: str, warnings: Warnings) -> list[str]:
    parts = re.split(r"(![^!\s]+!)", phrase)
    choices: list[list[str]] = []
    for part in parts:
        if part.startswith("!") and part.endswith("!") and len(part) > 2:
            name = part[1:-1]
            if name not in macros:
                warnings.add(where, f"unknown macro {part}; define it first as {part} = A, B")
                return []
            choices.append(macros[name])
        else:
            choices.append([part])
    return ["".join(combo) for combo in product(*choices)]


def parse_agents(path: str | Path, warnings: Warnings, text: str | None = None,
                 seen: dict[str, str] | None = None) -> list[AgentEntry]:
    seen = {} if seen is None else seen
    macros: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    for line in read_lines(path, text):
        body = line.text.strip()
        if not body:
            continue
        macro = _MACRO.match(body)
        if macro:
            macros[macro["name"]] = [v.strip() for v in macro["values"].split(",") if v.strip()]
            continue
        match = _ENTRY.match(body)
        if not match:
            warnings.add(line.where, f"cannot read agent line '{body}'; write PHRASE {{plurals}} [~CODE]")
            continue
        code = match["code"].replace(" ", "")
        if code.startswith("~"):
            prefix, code = False, code[1:]
        elif code.endswith("~"):
            prefix, code = True, code[:-1]
        else:
            warnings.add(line.where, f"agent code [{match['code']}] has no ~; read as [~{code}]")
            prefix = False
        if not code:
            warnings.add(line.where, "agent with an empty code; ignored")
            continue
        singulars = _expand(match["phrase"], macros, line.where, warnings)
        forms: list[str] = []
        for singular in singulars:
            forms.append(to_phrase(singular))
            if match["plurals"] is None:
                forms.append(plural_of(" ".join(phrase_words(singular))).lower())
        if match["plurals"]:
            for plural in match["plurals"].split():
                forms.extend(to_phrase(p) for p in _expand(plural, macros, line.where, warnings))
        kept = []
        for form in dict.fromkeys(f for f in forms if f):
            if form in seen:
                warnings.add(line.where, f"duplicate agent phrase '{form}' (first at {seen[form]}); first kept")
                continue
            seen[form] = line.where
            kept.append(form)
        if kept:
            entries.append(AgentEntry(tuple(kept), code, prefix, line.where))
    return entries
