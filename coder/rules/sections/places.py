"""The `places` section: cities and regions that are not actors, with their country; they say where something
happens (a summit's host, a dateline). Checked against the actors once every file is loaded."""

from __future__ import annotations

import re
from pathlib import Path

from coder.errors import RULE_ACTOR_CODE, RULE_DUPLICATE, RULE_MISSING_FIELD
from coder.rules.faults import fault, fault_at
from coder.rules.model import PlaceRule
from coder.rules.sections.codes import known_codes
from coder.rules.sections.fields import check_fields, reject_reused_id, str_list
from coder.rules.sections.tables import RuleTables
from coder.rules.text import alias_key
from coder.rules.yaml_lines import LineDict

PLACE_FIELDS = {"id", "country", "names", "note"}


def add_place(tables: RuleTables, item: LineDict, path: Path, is_user: bool) -> None:
    rule_id = check_fields(item, PLACE_FIELDS, "place rule", path)
    reject_reused_id(tables.places, rule_id, is_user, item, path)
    country = item.get("country")
    if not isinstance(country, str) or not re.fullmatch(r"[A-Z]{3}", country):
        raise fault_at(RULE_ACTOR_CODE, f"place '{rule_id}' has country '{country}'; write the 3-letter country code, "
                                        f"e.g. country: KAZ", item, path)
    names = str_list(item.get("names"), "names", item, path)
    if not names:
        raise fault_at(RULE_MISSING_FIELD, f"place '{rule_id}' has no names; add names: [...]", item, path)
    tables.places[rule_id] = PlaceRule(id=rule_id, country=country, names=names, source=f"{path}:{item.line}")


def checked_places(tables: RuleTables) -> dict[str, PlaceRule]:
    """Place name key -> place, once every place's country is a country the actor rules know and no place name is an
    actor's alias (a capital is already an actor: "Astana" is the Kazakh government)."""
    countries = {rule.code[:3] for rule in tables.actors.values() if rule.kind in ("country", "group") and rule.code}
    by_name: dict[str, PlaceRule] = {}
    for rule in tables.places.values():
        path, _, line = rule.source.rpartition(":")
        if rule.country not in countries:
            near = known_codes().nearest(rule.country)
            hint = f"; did you mean {near} ({known_codes().describe(near)})?" if near in countries else ""
            raise fault(RULE_ACTOR_CODE, f"place '{rule.id}' has country '{rule.country}', which no country rule has; "
                                         f"use a code from countries.yaml{hint}", Path(path), int(line))
        for name in rule.names:
            key = alias_key(name)
            if key in tables.alias_owner:
                owner = tables.alias_owner[key]
                raise fault(RULE_DUPLICATE, f"place name '{name}' of '{rule.id}' is already an alias of actor "
                                            f"'{owner[1]}' ({owner[3]}); remove it from the place", Path(path),
                            int(line))
            other = by_name.get(key)
            if other is not None and other.country != rule.country:
                raise fault(RULE_DUPLICATE, f"place name '{name}' is in {rule.country} ('{rule.id}') and in "
                                            f"{other.country} ('{other.id}', {other.source}); keep one", Path(path),
                            int(line))
            by_name[key] = rule
    return by_name
