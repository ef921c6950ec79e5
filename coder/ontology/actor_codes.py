"""CAMEO actor codes: what a code such as `KAZGOV`, `---MIL`, `IGOEASCSTO` or `NGOHRW` says about its actor.

A code is either a *state-like* party, a three-letter country or region (`KAZ`, `CAS`, `---` when unknown) followed
by sector codes (`GOV`, `MIL`, `COP`, ...), or an *organisation*: an international (`IGO...`), non-governmental
(`NGO...`) or multinational (`MNC...`) organisation, or `NATO`. Organisations keep their whole code as their party
(so that dyads between two IGOs stay apart); a non-governmental or multinational organisation that names a country
(`NGOKAZ...`) is that organisation in that country. Every layer reads codes through this module, so the rule is
written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

ORGANISATION_PREFIXES = ("IGO", "NGO", "MNC")
# organisation codes written without a prefix
BARE_ORGANISATIONS = frozenset(("NATO",))
UNKNOWN_COUNTRY = "---"


def is_organisation(code: str) -> bool:
    """An international, non-governmental or multinational organisation (`IGOUNO`, `NGOHRW`, `MNC`, `NATO`)."""
    return code.startswith(ORGANISATION_PREFIXES) or code in BARE_ORGANISATIONS


def is_state(code: str) -> bool:
    """A code whose first three letters name a known country or region (`KAZ`, `KAZGOV`, `CAS`): not an
    organisation and not an unknown country (`---GOV`)."""
    return not is_organisation(code) and not code.startswith(UNKNOWN_COUNTRY)


@lru_cache(maxsize=8192)  # asked for every actor, many times, of the same few hundred codes
def actor_country(code: str) -> str | None:
    """The party a code stands for in a dyad: the country part (`KAZGOV` -> `KAZ`), or an organisation's whole code
    (`IGOUNO`), an NGO's or multinational's first six letters when it names a country (`NGOKAZHRW` -> `NGOKAZ`)."""
    if not code:
        return None
    if is_organisation(code):
        return code[:6] if len(code) > 6 and code[:3] in ("NGO", "MNC") else code
    return code[:3]


def actor_sector(code: str) -> str | None:
    """The sector codes after the country part (`KAZGOVMIL` -> `GOVMIL`); None for organisations and bare countries."""
    if not code or is_organisation(code):
        return None
    return code[3:] or None


def with_sector(code: str, sector: str) -> str:
    """The actor of `code` in `sector`: a country's body (`KAZ` + `COP` -> `KAZCOP`, `KAZGOV` + `MIL` -> `KAZMIL`);
    an organisation keeps its own code (the CSTO's troops are the CSTO)."""
    if is_organisation(code):
        return code
    return code[:3] + sector


@dataclass(frozen=True, slots=True)
class ActorCode:
    """One actor code and what it says: `ActorCode("KAZGOV").country == "KAZ"`, `.sector == "GOV"`."""

    code: str

    @property
    def country(self) -> str | None:
        return actor_country(self.code)

    @property
    def sector(self) -> str | None:
        return actor_sector(self.code)

    @property
    def is_organisation(self) -> bool:
        return is_organisation(self.code)

    @property
    def is_state(self) -> bool:
        return is_state(self.code)

    def with_sector(self, sector: str) -> ActorCode:
        return ActorCode(with_sector(self.code, sector))

    def __str__(self) -> str:
        return self.code
