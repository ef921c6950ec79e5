"""The `settings` mapping (engine.yaml): the engine's word lists, CAMEO code prefixes and code tables. Each kind of
setting is checked on its own; a later file extends or replaces what an earlier one set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coder.errors import RULE_EVENT_CODE, RULE_UNKNOWN_NAME, RULE_WRONG_TYPE
from coder.rules.faults import fault
from coder.rules.model import (SOURCE_STRATEGIES, SOURCE_STRATEGIES_GIVEN_TARGETS, TARGET_STRATEGIES,
                               TARGET_STRATEGIES_GIVEN_SOURCES)
from coder.rules.sections.fields import as_date, str_list
from coder.rules.sections.tables import RuleTables
from coder.rules.yaml_lines import LineDict

SETTINGS_LISTS = ("intent_verbs", "one_sided_intent_verbs", "refusal_verbs", "failure_verbs", "appeal_verbs",
                  "threat_verbs", "speech_verbs", "hypothetical_markers", "intent_auxiliaries", "refusal_auxiliaries",
                  "locative_preps", "target_preps", "light_verbs", "proxy_nouns", "host_codes", "gathering_nouns",
                  "occasion_nouns", "occasion_preps", "self_reporting_sectors", "attendance_nouns",
                  "countryless_modifiers", "organisation_references", "responding_verbs")
# Lists of CAMEO code prefixes ("04" = every code of root 04): each must begin at least one code of the ontology.
SETTINGS_CODE_PREFIXES = ("joint_codes", "owner_target_codes", "clause_target_codes", "self_reported_codes",
                          "unnamed_protest_codes", "own_part_codes", "unaddressed_story_codes", "incident_codes",
                          "origin_source_codes", "population_target_codes", "place_target_codes")
SETTINGS_MAPS = ("intent_codes", "refusal_codes", "threat_codes", "pronouns")
# The argument strategy chains (coder.engine.coding.arguments): names in order, each one the engine knows.
SETTINGS_STRATEGIES: dict[str, tuple[str, ...]] = {
    "source_strategies": SOURCE_STRATEGIES, "target_strategies": TARGET_STRATEGIES,
    "source_strategies_given_targets": SOURCE_STRATEGIES_GIVEN_TARGETS,
    "target_strategies_given_sources": TARGET_STRATEGIES_GIVEN_SOURCES,
}
CODE_TABLES = ("intent_codes", "refusal_codes", "threat_codes")  # the maps whose keys and values are CAMEO codes
SETTINGS_DATE_WINDOW = ("earliest_event_date", "event_days_after_publication")  # coder.engine.dates.DateWindow


def add_settings(tables: RuleTables, body: Any, path: Path, line: int | None) -> None:
    if not isinstance(body, LineDict):
        raise fault(RULE_WRONG_TYPE, "'settings' must be a mapping", path, line)
    for key, value in body.items():
        key_line = body.key_lines.get(key, body.line)
        if key in SETTINGS_LISTS:
            _word_list(tables, key, value, body, path)
        elif key in SETTINGS_CODE_PREFIXES:
            _code_prefixes(tables, key, value, body, path, key_line)
        elif key == "supersedes":
            _supersedes(tables, value, path, key_line)
        elif key == "answered_codes":
            _answered_codes(tables, value, path, key_line)
        elif key in SETTINGS_MAPS:
            _mapping(tables, key, value, path, key_line)
        elif key in SETTINGS_STRATEGIES:
            _strategies(tables, key, value, body, path, key_line)
        elif key in SETTINGS_DATE_WINDOW:
            _date_window(tables, key, value, body, path, key_line)
        else:
            allowed = ", ".join(SETTINGS_LISTS + SETTINGS_CODE_PREFIXES + SETTINGS_MAPS + tuple(SETTINGS_STRATEGIES)
                                + SETTINGS_DATE_WINDOW + ("supersedes", "answered_codes"))
            raise fault(RULE_UNKNOWN_NAME, f"unknown setting '{key}'; allowed: {allowed}", path, key_line)


def _word_list(tables: RuleTables, key: str, value: Any, body: LineDict, path: Path) -> None:
    values = [v.lower() for v in str_list(value, key, body, path)]
    if key == "self_reporting_sectors":
        values = [v.upper() for v in values]
    setattr(tables.settings, key, values)


def _strategies(tables: RuleTables, key: str, value: Any, body: LineDict, path: Path, key_line: int) -> None:
    names = [v.lower() for v in str_list(value, key, body, path)]
    known = SETTINGS_STRATEGIES[key]
    for name in names:
        if name not in known:
            raise fault(RULE_WRONG_TYPE, f"settings.{key} names '{name}', which is no such strategy; known: "
                                         f"{', '.join(known)}", path, key_line)
    setattr(tables.settings, key, names)


def _date_window(tables: RuleTables, key: str, value: Any, body: LineDict, path: Path, key_line: int) -> None:
    if key == "earliest_event_date":
        day = as_date(value, key, body, path)
        if day is None:
            raise fault(RULE_WRONG_TYPE, f"settings.{key} must be a date, e.g. {key}: 1900-01-01", path, key_line)
        tables.settings.earliest_event_date = day
    elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        tables.settings.event_days_after_publication = value
    else:
        raise fault(RULE_WRONG_TYPE, f"settings.{key} is {value!r}; it must be a whole number of days >= 0, e.g. "
                                     f"{key}: 366", path, key_line)


def _code_prefixes(tables: RuleTables, key: str, value: Any, body: LineDict, path: Path, key_line: int) -> None:
    prefixes = [str(v) for v in str_list(value, key, body, path)]
    for prefix in prefixes:
        if not any(code.startswith(prefix) for code in tables.ontology.codes()):
            raise fault(RULE_EVENT_CODE, f"settings.{key} has '{prefix}', which begins no CAMEO code; write quoted "
                                         f"code prefixes such as \"04\" or \"0311\"", path, key_line)
    setattr(tables.settings, key, prefixes)


def _supersedes(tables: RuleTables, value: Any, path: Path, key_line: int) -> None:
    """Code -> the codes it replaces when both are coded from one sentence."""
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise fault(RULE_WRONG_TYPE, "settings.supersedes maps a code to a list of codes", path, key_line)
    for code, replaced in value.items():
        for c in [code, *replaced]:
            if str(c) not in tables.ontology:
                raise fault(RULE_EVENT_CODE, f"settings.supersedes uses '{c}', not a quoted CAMEO code", path,
                            key_line)
        tables.settings.supersedes[str(code)] = [str(c) for c in replaced]


def _answered_codes(tables: RuleTables, value: Any, path: Path, key_line: int) -> None:
    """Answering act (code prefix) -> the acts it answers (code prefixes): "016": ["11"]."""
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise fault(RULE_WRONG_TYPE, "settings.answered_codes maps a code prefix to a list of code prefixes, e.g. "
                                     "\"016\": [\"11\"]", path, key_line)
    for answer, answered in value.items():
        for prefix in [answer, *answered]:
            if not any(code.startswith(str(prefix)) for code in tables.ontology.codes()):
                raise fault(RULE_EVENT_CODE, f"settings.answered_codes has '{prefix}', which begins no CAMEO code; "
                                             f"write quoted code prefixes such as \"016\" or \"10\"", path, key_line)
        tables.settings.answered_codes[str(answer)] = [str(c) for c in answered]


def _mapping(tables: RuleTables, key: str, value: Any, path: Path, key_line: int) -> None:
    if not isinstance(value, dict):
        raise fault(RULE_WRONG_TYPE, f"settings.{key} must be a mapping", path, key_line)
    mapping = {str(k): str(v) for k, v in value.items()}
    if key in CODE_TABLES:
        for root, code in mapping.items():
            if root not in tables.ontology or code not in tables.ontology:
                raise fault(RULE_EVENT_CODE, f"settings.{key} maps '{root}' to '{code}'; both must be quoted CAMEO "
                                             f"codes", path, key_line)
    getattr(tables.settings, key).update(mapping)

