"""The `discards` section: phrases that mark a sentence, or a whole article, as not to be coded (sport results,
films, anniversaries)."""

from __future__ import annotations

from pathlib import Path

from coder.errors import RULE_MISSING_FIELD, RULE_WRONG_TYPE
from coder.rules.faults import fault_at
from coder.rules.model import DiscardRule
from coder.rules.sections.fields import check_fields, reject_reused_id, str_list
from coder.rules.sections.tables import RuleTables
from coder.rules.yaml_lines import LineDict

DISCARD_FIELDS = {"id", "scope", "phrases", "note"}
DISCARD_SCOPES = ("sentence", "article")


def add_discard(tables: RuleTables, item: LineDict, path: Path, is_user: bool) -> None:
    rule_id = check_fields(item, DISCARD_FIELDS, "discard rule", path)
    reject_reused_id(tables.discards, rule_id, is_user, item, path)
    scope = item.get("scope", "sentence")
    if scope not in DISCARD_SCOPES:
        raise fault_at(RULE_WRONG_TYPE, f"discard '{rule_id}' has scope '{scope}'; use sentence or article", item, path)
    phrases = str_list(item.get("phrases"), "phrases", item, path)
    if not phrases:
        raise fault_at(RULE_MISSING_FIELD, f"discard '{rule_id}' has no phrases", item, path)
    tables.discards[rule_id] = DiscardRule(id=rule_id, scope=scope, phrases=phrases, source=f"{path}:{item.line}")
