"""The `constructions` section: dependency patterns (spaCy's DependencyMatcher syntax, a subset) that name which tokens
are the event and its parties, coded with a CAMEO code or read as another predicate (docs/rules.md,
`constructions`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coder.errors import RULE_FILE, RULE_MISSING_FIELD, RULE_UNKNOWN_NAME, RULE_WRONG_TYPE
from coder.rules.faults import fault_at
from coder.rules.model import LEXICON_LISTS, LEXICON_MARKER, ConstructionRule, PatternNode
from coder.rules.sections.fields import check_fields, event_code, reject_reused_id
from coder.rules.sections.tables import RuleTables
from coder.rules.yaml_lines import LineDict

CONSTRUCTION_FIELDS = {"id", "pattern", "patterns", "event", "source", "target", "preps", "claims", "code", "as",
                       "symmetric", "reverse_code", "example", "note"}
NODE_FIELDS = {"RIGHT_ID", "RIGHT_ATTRS", "LEFT_ID", "REL_OP", "OPTIONAL"}
ATTRIBUTES = ("LEMMA", "LOWER", "DEP", "POS", "TAG")
RELATIONS = (">", "<")


def add_construction(tables: RuleTables, item: LineDict, path: Path, is_user: bool) -> None:
    rule_id = check_fields(item, CONSTRUCTION_FIELDS, "construction", path)
    reject_reused_id(tables.constructions, rule_id, is_user, item, path)
    raw = [item["pattern"]] if "pattern" in item else item.get("patterns")
    if not isinstance(raw, list) or not raw:
        raise fault_at(RULE_MISSING_FIELD, f"construction '{rule_id}' needs a pattern (a list of nodes) or patterns "
                                           f"(a list of such lists)", item, path)
    patterns = [_pattern(nodes, rule_id, item, path) for nodes in raw]
    roles = _roles(item, rule_id, patterns, path)
    code = event_code(tables.ontology, item["code"], "code", item, path) if item.get("code") is not None else None
    read_as = item.get("as")
    if (code is None) == (read_as is None):
        raise fault_at(RULE_FILE, f"construction '{rule_id}' needs either a code or `as: <verb lemma>` (not both)",
                       item, path)
    symmetric = item.get("symmetric", False)
    if not isinstance(symmetric, bool):
        raise fault_at(RULE_WRONG_TYPE, f"symmetric of '{rule_id}' must be true or false", item, path)
    reverse = event_code(tables.ontology, item["reverse_code"], "reverse_code", item, path) \
        if item.get("reverse_code") is not None else None
    tables.constructions[rule_id] = ConstructionRule(
        id=rule_id, source=f"{path}:{item.line}", patterns=patterns, code=code,
        read_as=str(read_as).lower() if read_as is not None else None, symmetric=symmetric, reverse_code=reverse,
        example=str(item["example"]) if item.get("example") else None, **roles)


def _roles(item: LineDict, rule_id: str, patterns: list[list[PatternNode]], path: Path) -> dict[str, Any]:
    """event, subject (`source:`), object (`target:`) and preps: node ids every pattern has."""
    known = set.intersection(*({node.id for node in nodes} for nodes in patterns))
    preps = item.get("preps") or {}
    if not isinstance(preps, dict):
        raise fault_at(RULE_WRONG_TYPE, f"preps of '{rule_id}' maps a preposition to a node id", item, path)
    claims = item.get("claims") or []
    if not isinstance(claims, list):
        raise fault_at(RULE_WRONG_TYPE, f"claims of '{rule_id}' is a list of node ids", item, path)
    named = {"event": item.get("event"), "subject": item.get("source"), "object": item.get("target"),
             **{f"preps.{prep}": node for prep, node in preps.items()},
             **{f"claims[{i}]": node for i, node in enumerate(claims)}}
    if named["event"] is None:
        raise fault_at(RULE_MISSING_FIELD, f"construction '{rule_id}' needs `event:`, the node whose clause gives "
                                           f"the event's modality and date", item, path)
    for role, node in named.items():
        if node is not None and node not in known:
            raise fault_at(RULE_UNKNOWN_NAME, f"{role} of '{rule_id}' is '{node}', which is not a node of every "
                                              f"pattern; nodes: {', '.join(sorted(known))}", item, path)
    event = str(named["event"])
    return {"event": event, "subject": named["subject"], "object": named["object"],
            "preps": {str(prep).lower(): str(node) for prep, node in preps.items()},
            "claims": [event, *(str(node) for node in claims if node != event)]}


def _pattern(nodes: Any, rule_id: str, item: LineDict, path: Path) -> list[PatternNode]:
    if not isinstance(nodes, list) or not nodes:
        raise fault_at(RULE_WRONG_TYPE, f"a pattern of '{rule_id}' must be a list of nodes", item, path)
    out: list[PatternNode] = []
    for index, node in enumerate(nodes):
        out.append(_node(node, index, {n.id for n in out}, rule_id, item, path))
    if not any(key in ("LEMMA", "LOWER") for key, _ in out[0].attrs):
        raise fault_at(RULE_MISSING_FIELD, f"the first node of a pattern of '{rule_id}' needs LEMMA or LOWER (the "
                                           f"word that starts the match)", item, path)
    return out


def _node(node: Any, index: int, earlier: set[str], rule_id: str, item: LineDict, path: Path) -> PatternNode:
    where = node if getattr(node, "line", None) else item  # report at the node's own line where it has one
    if not isinstance(node, dict):
        raise fault_at(RULE_WRONG_TYPE, f"a node of '{rule_id}' must be a mapping with RIGHT_ID", item, path)
    unknown = sorted(set(node) - NODE_FIELDS)
    if unknown or "RIGHT_ID" not in node:
        fault_text = f"field {unknown[0]!r}" if unknown else "no RIGHT_ID"
        raise fault_at(RULE_UNKNOWN_NAME, f"a node of '{rule_id}' has {fault_text}; nodes take "
                                          f"{', '.join(sorted(NODE_FIELDS))}", where, path)
    anchor, relation = node.get("LEFT_ID"), node.get("REL_OP")
    if index == 0 and (anchor is not None or relation is not None):
        raise fault_at(RULE_FILE, f"the first node of a pattern of '{rule_id}' has no LEFT_ID or REL_OP", where, path)
    if index > 0 and (anchor not in earlier or relation not in RELATIONS):
        raise fault_at(RULE_FILE, f"node '{node['RIGHT_ID']}' of '{rule_id}' needs LEFT_ID (an earlier node) and "
                                  f"REL_OP ('>': a child of it, '<': its head)", where, path)
    attrs = node.get("RIGHT_ATTRS") or {}
    if not isinstance(attrs, dict) or any(key not in ATTRIBUTES for key in attrs):
        raise fault_at(RULE_UNKNOWN_NAME, f"RIGHT_ATTRS of node '{node['RIGHT_ID']}' of '{rule_id}' may name "
                                          f"{', '.join(ATTRIBUTES)}", where, path)
    return PatternNode(str(node["RIGHT_ID"]), anchor, relation or "",
                       tuple((key, _values(key, value, rule_id, where, path)) for key, value in attrs.items()),
                       bool(node.get("OPTIONAL", False)))


def _values(key: str, value: Any, rule_id: str, where: Any, path: Path) -> frozenset[str]:
    """An attribute's allowed values: one value, {IN: [...]}, or {IN_LEXICON: <list>} (the words of one of the
    lexicon's lists, kept as the marker `@lexicon:<list>` for the engine to fill in); LEMMA and LOWER compared
    lower-cased."""
    if isinstance(value, dict) and set(value) == {"IN_LEXICON"}:
        if value["IN_LEXICON"] not in LEXICON_LISTS:
            raise fault_at(RULE_UNKNOWN_NAME, f"IN_LEXICON of '{rule_id}' names '{value['IN_LEXICON']}', which is no "
                                              f"lexicon list; known: {', '.join(LEXICON_LISTS)}", where, path)
        return frozenset((f"{LEXICON_MARKER}{value['IN_LEXICON']}",))
    if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
        values = [str(v) for v in value["IN"]]
    elif isinstance(value, (str, int)) and not isinstance(value, bool):
        values = [str(value)]
    else:
        raise fault_at(RULE_WRONG_TYPE, f"{key} of '{rule_id}' must be a value, {{IN: [values]}} or "
                                        f"{{IN_LEXICON: <lexicon list>}}", where, path)
    return frozenset(v.lower() for v in values) if key in ("LEMMA", "LOWER") else frozenset(values)
