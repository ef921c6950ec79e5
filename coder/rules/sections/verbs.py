"""The `verbs` section: a verb lemma or event noun, with the object, preposition or particle it needs, mapped to a
CAMEO event code (and the reverse code or symmetry for two-sided events)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coder.errors import RULE_FILE, RULE_MISSING_FIELD, RULE_WRONG_TYPE
from coder.rules.faults import fault_at
from coder.rules.model import VerbRule
from coder.rules.sections.fields import check_fields, event_code, reject_reused_id, str_list
from coder.rules.sections.tables import RuleTables
from coder.rules.yaml_lines import LineDict

VERB_FIELDS = {"id", "lemma", "noun", "code", "object", "prep", "particle", "symmetric", "reverse_code", "target",
               "example", "note"}


def add_verb(tables: RuleTables, item: LineDict, path: Path, is_user: bool) -> None:
    rule_id = check_fields(item, VERB_FIELDS, "verb rule", path)
    reject_reused_id(tables.verbs, rule_id, is_user, item, path)
    lemmas = [w.lower() for w in str_list(item.get("lemma"), "lemma", item, path)]
    nouns = [w.lower() for w in str_list(item.get("noun"), "noun", item, path)]
    if not lemmas and not nouns:
        raise fault_at(RULE_MISSING_FIELD, f"verb rule '{rule_id}' needs a lemma (a verb) or noun (an event noun)",
                       item, path)
    for word in nouns + lemmas:
        if " " in word:
            raise fault_at(RULE_FILE, f"lemma '{word}' of '{rule_id}' has a space; use one word (the head) and put the "
                                      f"particle or preposition in prep:", item, path)
    prep = _one_word(item.get("prep"), f"prep of '{rule_id}' must be one word such as with, on, for", item, path)
    particle = _one_word(item.get("particle"), f"particle of '{rule_id}' must be one word such as down, off, up",
                         item, path)
    symmetric = item.get("symmetric", False)
    if not isinstance(symmetric, bool):
        raise fault_at(RULE_WRONG_TYPE, f"symmetric of '{rule_id}' must be true or false", item, path)
    rule = VerbRule(
        id=rule_id,
        code=event_code(tables.ontology, item.get("code"), "code", item, path),
        source=f"{path}:{item.line}",
        lemmas=lemmas,
        nouns=nouns,
        object=[w.lower() for w in str_list(item.get("object"), "object", item, path)],
        prep=prep,
        particle=particle,
        symmetric=symmetric,
        reverse_code=(event_code(tables.ontology, item["reverse_code"], "reverse_code", item, path)
                      if item.get("reverse_code") is not None else None),
        target=[w.lower() for w in str_list(item.get("target"), "target", item, path)],
        example=str(item["example"]) if item.get("example") else None,
    )
    if rule.symmetric and rule.reverse_code:
        raise fault_at(RULE_FILE, f"verb rule '{rule_id}' is symmetric and has a reverse_code; keep one", item, path)
    tables.verbs[rule_id] = rule
    if is_user:
        tables.user_verbs.add(rule_id)


def _one_word(value: Any, message: str, item: LineDict, path: Path) -> str | None:
    """A preposition or particle: one word, lower-cased; None when the rule has none."""
    if value is None:
        return None
    if not isinstance(value, str) or " " in value.strip():
        raise fault_at(RULE_FILE, message, item, path)
    return value.strip().lower()
