"""Checks that every section's rules share: known fields and an id, ids not reused, word lists, dates, actor codes
and CAMEO event codes. Each raises a RuleFileError with the code of its kind of fault, at the line of the rule."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from coder.errors import (RULE_ACTOR_CODE, RULE_DUPLICATE, RULE_EVENT_CODE, RULE_MISSING_FIELD, RULE_UNKNOWN_NAME,
                          RULE_WRONG_TYPE)
from coder.ontology import Ontology
from coder.rules.faults import fault, fault_at
from coder.rules.yaml_lines import LineDict

# Actor codes: a 3-letter country/region/org prefix, then 3-letter role codes, or '---' for an unknown country.
ACTOR_CODE = re.compile(r"^(---[A-Z]*|[A-Z]{3,})$")  # IGO codes are not all in 3-letter blocks (IGOEASCSTO, NATO)


def check_fields(item: LineDict, allowed: set[str], what: str, path: Path) -> str:
    """The rule's id, once its fields are all known ones."""
    unknown = sorted(set(item) - allowed)
    if unknown:
        line = item.key_lines.get(unknown[0], item.line)
        raise fault(RULE_UNKNOWN_NAME, f"{what} has unknown field '{unknown[0]}'; allowed fields: "
                                       f"{', '.join(sorted(allowed))}", path, line)
    rule_id = item.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise fault_at(RULE_MISSING_FIELD, f"{what} has no 'id'; give every rule a stable id such as id: my.rule",
                       item, path)
    return rule_id.strip()


def reject_reused_id(table: dict, rule_id: str, is_user: bool, item: LineDict, path: Path) -> None:
    """Packaged rules must have unique ids; a user file may reuse one to replace a packaged rule."""
    if rule_id in table and not is_user:
        raise fault_at(RULE_DUPLICATE, f"rule id '{rule_id}' is already used at {table[rule_id].source}; ids must be "
                                       f"unique", item, path)


def str_list(value: Any, field: str, owner: LineDict, path: Path) -> list[str]:
    """A list of non-empty strings (a single string is a list of one), stripped."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fault_at(RULE_WRONG_TYPE, f"'{field}' must be a list of non-empty strings, e.g. {field}: [first, second]",
                       owner, path)
    return [v.strip() for v in value]


def as_date(value: Any, field: str, owner: LineDict, path: Path) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise fault_at(RULE_WRONG_TYPE, f"'{field}' is '{value}', not a date; write YYYY-MM-DD", owner, path) from None


def actor_code(code: Any, field: str, item: LineDict, path: Path) -> str:
    if not isinstance(code, str) or not ACTOR_CODE.match(code):
        raise fault_at(RULE_ACTOR_CODE, f"'{field}' is '{code}', not an actor code; write a country code plus "
                                        f"optional 3-letter sectors, e.g. KAZ, KAZGOV, IGOEASCSTO or ---GOV",
                       item, path)
    return str(code)


def event_code(ontology: Ontology, code: Any, field: str, item: LineDict, path: Path) -> str:
    if isinstance(code, int):
        raise fault_at(RULE_EVENT_CODE, f"'{field}' must be a quoted string (\"0{code}\" or \"{code}\"); unquoted "
                                        f"numbers lose their leading zero", item, path)
    if not isinstance(code, str) or code not in ontology:
        raise fault_at(RULE_EVENT_CODE, f"'{field}' is '{code}', which is not a CAMEO code; use one from "
                                        f"coder/ontology/cameo_codes.tsv", item, path)
    return str(code)  # a plain str, not the LineStr read from YAML

