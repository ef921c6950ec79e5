"""CAMEO event codes -> PLOVER event categories, from the packaged CAMEO2PLOVER table (README.md in this folder).

Each line of the table is `code: EVENT, mode, context # comment`; several contexts are separated by `;`. When a code
appears twice (08, 175) the first line wins. A code missing from the table takes its nearest listed ancestor's entry
(155 -> 15, 1834 -> 183); codes under roots 01 and 02 have none (PLOVER drops public statements and appeals)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coder.ontology import load_ontology

PLOVER_TABLE = Path(__file__).with_name("CAMEO2PLOVER-2021.txt")


@dataclass(frozen=True, slots=True)
class PloverEntry:
    event: str
    mode: str | None
    context: tuple[str, ...]


def parse_plover_table(path: Path = PLOVER_TABLE) -> dict[str, PloverEntry]:
    """The table's entries by CAMEO code."""
    entries: dict[str, PloverEntry] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0].strip()
        if ":" not in body:
            continue
        code, _, rest = body.partition(":")
        fields = [f.strip() for f in rest.split(",")]
        event = fields[0]
        mode = fields[1] if len(fields) > 1 and fields[1] else None
        context = tuple(c.strip() for c in fields[2].split(";") if c.strip()) if len(fields) > 2 else ()
        if code.strip().isdigit() and event:
            entries.setdefault(code.strip(), PloverEntry(event, mode, context))
    return entries


@lru_cache(maxsize=1)
def plover_entries() -> dict[str, PloverEntry | None]:
    """Every CAMEO code of the ontology with its PLOVER entry (None for codes under 01 and 02)."""
    table = parse_plover_table()
    ontology = load_ontology()
    out: dict[str, PloverEntry | None] = {}
    for code in ontology.codes():
        walk: str | None = code
        while walk is not None and walk not in table:
            walk = ontology[walk].parent if walk in ontology else None
        out[code] = table.get(walk) if walk else None
    return out


def plover_event(code: str) -> str | None:
    """The PLOVER event category of a CAMEO code ("040" -> "CONSULT"), or None (codes under 01 and 02)."""
    entry = plover_entries().get(code)
    return entry.event if entry is not None else None
