"""The actor codes a rule may give, and the nearest known code for one that is not: a country or CAMEO region code
(coder/dictionaries/countries.yaml: ISO 3166 alpha-3 and the CAMEO regions) followed by CAMEO sector codes
(coder/ontology/cameo_actor_types.tsv), `---` and sectors for an unknown country, or an organisation code the
project knows (coder/dictionaries/organisations.yaml, the generic IGO/NGO/MNC types), optionally followed by sectors.
A non-governmental or multinational organisation may name its country: `NGOKAZ`, `NGOKAZHRI`."""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from coder.ontology import ONTOLOGY_FILE
from coder.ontology.actor_codes import BARE_ORGANISATIONS, UNKNOWN_COUNTRY

DICTIONARIES = Path(__file__).resolve().parents[2] / "dictionaries"
ACTOR_TYPES_FILE = ONTOLOGY_FILE.with_name("cameo_actor_types.tsv")
SECTOR_KINDS = ("primary_role", "secondary_role", "tertiary_role", "party_modifier", "international_generic",
                "gdelt_type_lookup")
COUNTRY_ORGANISATIONS = ("NGO", "MNC")  # may be followed by a country code: NGOKAZ


@dataclass(frozen=True)
class KnownCodes:
    countries: dict[str, str]  # country or region code -> its first name
    organisations: dict[str, str]  # organisation code -> its first name ("" for the generic types)
    sectors: dict[str, str]  # sector code -> its name

    def problem(self, code: str) -> str | None:
        """What is wrong with `code` (None: nothing), with the nearest known code when there is one."""
        if code in self.organisations:
            return None
        if code.startswith(("IGO", "NGO", "MNC")) or code in BARE_ORGANISATIONS:
            return self._organisation_problem(code)
        country, rest = code[:3], code[3:]
        if country != UNKNOWN_COUNTRY and country not in self.countries:
            return (f"'{country}' is not a country or region code (ISO 3166 alpha-3 or a CAMEO region in "
                    f"countries.yaml){self._suggest(code)}")
        return self._sector_problem(code, rest)

    def _organisation_problem(self, code: str) -> str | None:
        """An organisation the project knows, or a non-governmental or multinational one in a country, then sectors."""
        owner = max((org for org in self.organisations if code.startswith(org)), key=len, default="")
        if code[:3] in COUNTRY_ORGANISATIONS and code[3:6] in self.countries and len(owner) < 6:
            owner = code[:6]
        if not owner or (owner == code[:3] and code != owner and code[:6] != owner):
            return (f"'{code}' is not an organisation code the project knows (organisations.yaml)"
                    f"{self._suggest(code)}")
        return self._sector_problem(code, code[len(owner):])

    def _sector_problem(self, code: str, rest: str) -> str | None:
        blocks = [rest[i:i + 3] for i in range(0, len(rest), 3)]
        for block in blocks:
            if len(block) < 3:
                return f"it ends in '{block}', which is not a 3-letter CAMEO sector code{self._suggest(code)}"
            if block not in self.sectors:
                return f"'{block}' is not a CAMEO sector code (GOV, MIL, COP, ...){self._suggest(code)}"
        return None

    def _suggest(self, code: str) -> str:
        nearest = self.nearest(code)
        if nearest is None:
            return "; use a code from coder/dictionaries/countries.yaml or organisations.yaml plus sector codes"
        return f"; did you mean {nearest} ({self.describe(nearest)})?"

    def nearest(self, code: str) -> str | None:
        """The known code nearest to `code`: an organisation's by spelling; otherwise the country part by its name
        ("KYR" -> KGZ, Kyrgyzstan) or spelling, and each sector by spelling."""
        organisation = closest(code, self.organisations, 0.75)
        if code.startswith(("IGO", "NGO", "MNC")) or code in BARE_ORGANISATIONS or organisation:
            return organisation
        country = code[:3] if code[:3] in self.countries or code[:3] == UNKNOWN_COUNTRY else self._country(code[:3])
        if country is None:
            return None
        sectors = []
        for i in range(3, len(code) - len(code) % 3, 3):
            block = code[i:i + 3]
            match = self.closest_sector(block)
            if match is None:
                break
            sectors.append(match)
        return country + "".join(sectors)

    def _country(self, letters: str) -> str | None:
        by_name = [c for c, name in self.countries.items() if name.upper().startswith(letters)]
        if len(by_name) == 1:
            return by_name[0]
        return closest(letters, self.countries)

    def closest_sector(self, block: str) -> str | None:
        return block if block in self.sectors else closest(block.upper(), self.sectors)

    def describe(self, code: str) -> str:
        if code in self.organisations:
            return self.organisations[code] or "organisation"
        words = [self.countries.get(code[:3], "unknown country")]
        words += [self.sectors[code[i:i + 3]].lower() for i in range(3, len(code), 3) if code[i:i + 3] in self.sectors]
        return ", ".join(words)


def closest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option most like `word` (difflib's ratio, then the longer common beginning: GOX -> GOV, not NGO)."""
    def score(option: str) -> tuple[float, int]:
        prefix = next((i for i, (a, b) in enumerate(zip(word, option)) if a != b), min(len(word), len(option)))
        return difflib.SequenceMatcher(None, word, option).ratio(), prefix

    best = max(options, key=score, default=None)
    return best if best is not None and score(best)[0] >= cutoff else None


@lru_cache(maxsize=1)
def known_codes() -> KnownCodes:
    """The codes of the packaged dictionaries and the ontology (read once per process)."""
    countries: dict[str, str] = {}
    for rule in _actors("countries.yaml"):
        if rule.get("code") and rule.get("kind", "country") in ("country", "group"):
            countries.setdefault(str(rule["code"])[:3], _first_name(rule))
    sectors: dict[str, str] = {}
    organisations: dict[str, str] = {code: "" for code in BARE_ORGANISATIONS}
    with ACTOR_TYPES_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"):
            if row["kind"] == "international_generic" or row["kind"] == "international_special":
                organisations[row["code"]] = row["name"]
            if row["kind"] in SECTOR_KINDS:
                sectors[row["code"]] = row["name"]
    for rule in _actors("organisations.yaml"):
        codes = [rule.get("code")] + [role.get("code") for role in rule.get("roles") or []]
        for code in filter(None, codes):
            if (str(code).startswith(("IGO", "NGO", "MNC")) or code in BARE_ORGANISATIONS) \
                    and not organisations.get(str(code)):
                organisations[str(code)] = _first_name(rule)
    return KnownCodes(countries, organisations, sectors)


def _actors(name: str) -> list[dict]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (DICTIONARIES / name).open(encoding="utf-8") as handle:
        return (yaml.load(handle, Loader=loader) or {}).get("actors") or []  # noqa: S506 - a safe loader


def _first_name(rule: dict) -> str:
    names = rule.get("names") or []
    return str(names[0]) if names else str(rule.get("id", ""))
