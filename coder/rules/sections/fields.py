"""Checks that every section's rules share: known fields and an id, ids not reused, word lists, dates, actor codes
and CAMEO event codes. Each raises a RuleFileError with the code of its kind of fault, at the line of the rule."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from coder.errors import (RULE_ACTOR_CODE, RULE_DUPLICATE, RULE_EVENT_CODE, RULE_MISSING_FIELD, RULE_UNKNOWN_NAME,
                          RULE_WRONG_TYPE, RuleFileError)
from coder.ontology import Ontology
from coder.rules.faults import fault, fault_at
from coder.rules.sections.codes import known_codes
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
    """An actor code the project knows (coder.rules.sections.codes); a fault that suggests the nearest one."""
    line = item.key_lines.get(field, item.line) if isinstance(item, LineDict) else getattr(item, "line", None)
    if code is None or code == "":
        raise fault(RULE_MISSING_FIELD, f"{_owner(item)}has no '{field}' (the field is missing); give an actor code "
                                        f"such as KAZ, KAZGOV or IGOEASCSTO", path, getattr(item, "line", None))
    if not isinstance(code, str) or not ACTOR_CODE.match(code):
        upper = " ".join(str(code).split()).upper()
        hint = (f"; write it in upper case: {upper}" if isinstance(code, str) and ACTOR_CODE.match(upper)
                and known_codes().problem(upper) is None else "")
        raise fault(RULE_ACTOR_CODE, f"'{field}' is '{code}', not an actor code; write a country code plus "
                                     f"optional 3-letter sectors, e.g. KAZ, KAZGOV, IGOEASCSTO or ---GOV{hint}",
                    path, line)
    problem = known_codes().problem(code)
    if problem is not None:
        raise fault(RULE_ACTOR_CODE, f"'{field}' is '{code}': {problem}", path, line)
    return str(code)


def event_code(ontology: Ontology, code: Any, field: str, item: LineDict, path: Path) -> str:
    if code is None:
        raise fault_at(RULE_MISSING_FIELD, f"{_owner(item)}has no '{field}' (the field is missing); give the CAMEO "
                                           f"event code, quoted, such as {field}: \"040\"", item, path)
    if isinstance(code, (int, float)) and not isinstance(code, bool):
        raise _unquoted(ontology, code, field, item, path)
    if not isinstance(code, str) or code not in ontology:
        raise fault_at(RULE_EVENT_CODE, f"'{field}' is '{code}', which is not a CAMEO code; use one from "
                                        f"coder/ontology/cameo_codes.tsv", item, path)
    return str(code)  # a plain str, not the LineStr read from YAML


def _unquoted(ontology: Ontology, value: int | float, field: str, item: LineDict, path: Path) -> RuleFileError:
    """An unquoted number: YAML has turned `061` into the octal number 49 and `040` into 32, so the message quotes
    the digits as they are written on the line (the raw text of the file)."""
    line = item.key_lines.get(field, item.line)
    written = _written(path, line, field) or str(value)
    quoted = written if written in ontology or ("0" + written) not in ontology else "0" + written
    octal = written.startswith("0") and written.isdigit() and int(written) != value
    how = f"which YAML reads as the {'octal ' if octal else ''}number {value}"
    known = "" if quoted in ontology else f" ('{quoted}' is not a CAMEO code either; see cameo_codes.tsv)"
    return fault(RULE_EVENT_CODE, f"'{field}' is written {written} without quotes, {how}; write it "
                                  f"quoted: '{quoted}'{known}", path, line)


def _owner(item: Any) -> str:
    """"rule 'my.x' " for a rule with an id, "" otherwise (a role)."""
    rule_id = item.get("id") if isinstance(item, dict) else None
    return f"rule '{rule_id}' " if isinstance(rule_id, str) else ""


def sector_code(sector: Any, rule_id: str, item: LineDict, path: Path) -> str:
    """An agent's sector: one or more CAMEO sector codes (GOV, MILGOV), the nearest suggested for one that is not."""
    known = known_codes()
    blocks = [sector[i:i + 3] for i in range(0, len(sector), 3)] if isinstance(sector, str) else []
    bad = next((b for b in blocks if b not in known.sectors), None) if blocks else str(sector)
    if bad is not None:
        near = [known.closest_sector(b) for b in blocks] if blocks else []
        hint = (f"; did you mean {''.join(near)}?" if blocks and all(near) else "")
        raise fault(RULE_ACTOR_CODE, f"agent '{rule_id}' has sector '{sector}': '{bad}' is not a CAMEO sector code "
                                     f"(GOV, MIL, COP, ... in coder/ontology/cameo_actor_types.tsv){hint}", path,
                    item.key_lines.get("sector", item.line))
    return str(sector)


def _written(path: Path, line: int, field: str) -> str | None:
    """The value of `field` as written on line `line` of the file (`code: 061` -> "061")."""
    try:
        text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return None
    match = re.search(rf"(?<![\w-]){re.escape(field)}\s*:\s*([^\s,}}\]#]+)", text)
    return match.group(1) if match else None
