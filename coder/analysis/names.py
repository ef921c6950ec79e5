"""Readable names for actor codes in tables and figures: a country or region code (the `*_country` columns: `KAZ`,
`CAS`) -> its name from coder/dictionaries/countries.yaml (`Kazakhstan`, `Russia`), an organisation code ->
its short name from organisations.yaml (`IGOEASCSTO` -> `CSTO`, `IGOEUREEC` -> `EU`), a code with sectors ->
the country's name and the sectors (`KAZGOV` -> `Kazakhstan GOV`). Codes the dictionaries do not know stay codes.
Reads the YAML files only (no rules engine, no spaCy)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from coder.ontology.actor_codes import is_organisation

DICTIONARIES = Path(__file__).resolve().parents[1] / "dictionaries"
ACRONYM = re.compile(r"[A-Z][A-Z-]{1,7}")
LONG_NAME = 14  # country names longer than this give way to a shorter one of their first names (Russia)


def _short_country(names: list[str]) -> str:
    first = names[0]
    if len(first) <= LONG_NAME:
        return first
    shorter = [n for n in names[:3] if not ACRONYM.fullmatch(n) and "." not in n and len(n) < len(first)]
    return min(shorter, key=len) if shorter else first


def _short_organisation(names: list[str]) -> str:
    return next((n for n in names if ACRONYM.fullmatch(n)), names[0])


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    names: dict[str, str] = {}
    for file, short in (("countries.yaml", _short_country), ("organisations.yaml", _short_organisation)):
        with (DICTIONARIES / file).open(encoding="utf-8") as handle:
            rules = (yaml.load(handle, Loader=loader) or {}).get("actors") or []  # noqa: S506 - a safe loader
        for rule in rules:
            words = [str(n) for n in rule.get("names") or []]
            codes = [rule.get("code")] + [role.get("code") for role in rule.get("roles") or []]
            for code in filter(None, codes):
                # organisations.yaml also names national bodies (KAZLEG, KAZBUS): those codes are not one actor
                if words and (file == "countries.yaml" or is_organisation(str(code))):
                    names.setdefault(str(code), short(words))
    return names


def actor_name(code: str | None) -> str:
    """The readable name of an actor code; the code itself when the dictionaries do not know it."""
    if not code:
        return ""
    names = _names()
    if code in names:
        return names[code]
    country, sectors = code[:3], code[3:]
    if country in names and sectors and len(sectors) % 3 == 0:
        return f"{names[country]} {' '.join(sectors[i:i + 3] for i in range(0, len(sectors), 3))}"
    return code


def actor_names(codes: Iterable[str]) -> dict[str, str]:
    """Code -> readable name for each code (a mapping to pass to `plot_dyad_network` or `pl.Expr.replace`)."""
    return {code: actor_name(code) for code in codes}
