"""The `agents` section: role words ("foreign minister") that give the sector of an actor whose country comes from
elsewhere in the noun phrase. A word belongs to one sector."""

from __future__ import annotations

import re
from pathlib import Path

from coder.errors import RULE_ACTOR_CODE, RULE_DUPLICATE, RULE_MISSING_FIELD
from coder.rules.faults import fault, fault_at
from coder.rules.model import AgentRule
from coder.rules.sections.fields import check_fields, reject_reused_id, sector_code, str_list
from coder.rules.sections.tables import RuleTables
from coder.rules.text import alias_key, plural_of
from coder.rules.yaml_lines import LineDict

AGENT_FIELDS = {"id", "sector", "words", "plurals", "note"}


def add_agent(tables: RuleTables, item: LineDict, path: Path, is_user: bool) -> None:
    rule_id = check_fields(item, AGENT_FIELDS, "agent rule", path)
    reject_reused_id(tables.agents, rule_id, is_user, item, path)
    sector = item.get("sector")
    if sector is None:
        raise fault_at(RULE_MISSING_FIELD, f"agent '{rule_id}' has no 'sector' (the field is missing); give a CAMEO "
                                           f"sector such as GOV, MIL, COP", item, path)
    if not isinstance(sector, str) or not re.fullmatch(r"([A-Z]{3})+", sector):
        raise fault_at(RULE_ACTOR_CODE, f"agent '{rule_id}' has sector '{sector}'; use a CAMEO sector such as GOV, "
                                        f"MIL, COP", item, path)
    sector = sector_code(sector, rule_id, item, path)
    words = str_list(item.get("words"), "words", item, path)
    if not words:
        raise fault_at(RULE_MISSING_FIELD, f"agent '{rule_id}' has no words; add words: [...]", item, path)
    plurals = str_list(item.get("plurals"), "plurals", item, path)
    forms = list(dict.fromkeys(words + [plural_of(w) for w in words] + plurals))
    rule = AgentRule(id=rule_id, sector=sector, words=forms, source=f"{path}:{item.line}")
    for word in forms:
        _register_word(tables, rule, word, is_user, item, path)
    tables.agents[rule_id] = rule


def _register_word(tables: RuleTables, rule: AgentRule, word: str, is_user: bool, item: LineDict, path: Path) -> None:
    """A word in two rules of different sectors (both packaged or both the user's) is a fault; a user's rule takes
    a packaged rule's word."""
    key = alias_key(word)
    previous = tables.agent_owner.get(key)
    if previous and previous[0] != rule.id and previous[1] == is_user:
        other = tables.agents.get(previous[0])
        if other is not None and other.sector != rule.sector:
            raise fault(RULE_DUPLICATE, f"agent word '{word}' of '{rule.id}' ({rule.sector}) is already in "
                                        f"'{previous[0]}' ({other.sector}, {previous[2]}); keep it in one rule", path,
                        getattr(word, "line", item.line))
    if previous is None or is_user or not previous[1]:
        tables.agent_owner[key] = (rule.id, is_user, f"{path}:{getattr(word, 'line', item.line)}")
