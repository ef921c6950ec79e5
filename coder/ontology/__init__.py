"""The CAMEO event ontology: code -> name, root, Goldstein value, QuadClass (GDELT convention)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ONTOLOGY_FILE = Path(__file__).with_name("cameo_codes.tsv")


@dataclass(frozen=True, slots=True)
class EventType:
    code: str
    level: int
    root: str
    parent: str | None
    name: str
    goldstein: float
    quad_class: int


class Ontology:
    def __init__(self, types: dict[str, EventType]):
        self._types = types

    def __contains__(self, code: object) -> bool:
        return code in self._types

    def __getitem__(self, code: str) -> EventType:
        return self._types[code]

    def __len__(self) -> int:
        return len(self._types)

    def codes(self) -> list[str]:
        return sorted(self._types)

    def get(self, code: str) -> EventType | None:
        return self._types.get(code)


@lru_cache(maxsize=1)
def load_ontology(path: Path = ONTOLOGY_FILE) -> Ontology:
    types: dict[str, EventType] = {}
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            types[row["code"]] = EventType(
                code=row["code"],
                level=int(row["level"]),
                root=row["root"],
                parent=row["parent"] or None,
                name=row["name"],
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
            )
    return Ontology(types)
