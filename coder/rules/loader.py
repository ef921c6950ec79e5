"""Load rule files, validate every rule, and build a RuleSet. A fault is a RuleFileError with its E2xx code, printed
as one line: `error E206: file:line: problem; fix` (each section's checks are in coder/rules/sections/)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from coder.errors import RULE_FILE_MISSING, RULE_UNKNOWN_NAME, RULE_WRONG_TYPE
from coder.rules.faults import fault
from coder.rules.model import DatedName, RuleSet
from coder.rules.sections.actors import add_actor
from coder.rules.sections.agents import add_agent
from coder.rules.sections.constructions import add_construction
from coder.rules.sections.lexicon import add_lexicon
from coder.rules.sections.discards import add_discard
from coder.rules.sections.places import add_place, checked_places
from coder.rules.sections.settings import add_settings
from coder.rules.sections.tables import RuleTables
from coder.rules.sections.verbs import add_verb
from coder.rules.text import alias_key
from coder.rules.yaml_lines import LineDict, load_yaml_with_lines

PACKAGED_DIR = Path(__file__).resolve().parents[1] / "dictionaries"
PACKAGED_SETS = ("engine", "countries", "places", "people", "organisations", "agents", "verbs", "constructions",
                 "discards")

SECTIONS = ("actors", "places", "agents", "verbs", "constructions", "discards", "settings", "lexicon")
# The sections that are lists of rules, and what reads one rule of each
RULE_READERS: dict[str, Callable[[RuleTables, LineDict, Path, bool], None]] = {
    "actors": add_actor, "places": add_place, "agents": add_agent, "verbs": add_verb,
    "constructions": add_construction, "discards": add_discard,
}


def resolve_rule_paths(packaged: Sequence[str], extra: Sequence[str | Path]) -> list[tuple[Path, bool]]:
    """Packaged set names (or paths) and user files, in load order; the flag marks user files. A set or a user path
    may be a folder: its `*.yaml` files, in name order (the packaged `verbs` is one file per CAMEO root)."""
    paths: list[tuple[Path, bool]] = []
    for name in packaged:
        candidate = Path(name)
        if candidate.suffix not in (".yaml", ".yml") and not candidate.is_dir():
            single, folder = PACKAGED_DIR / f"{name}.yaml", PACKAGED_DIR / name
            candidate = folder if not single.exists() and folder.is_dir() else single
        if not candidate.exists():
            known = ", ".join(sorted({p.stem for p in PACKAGED_DIR.glob("*.yaml")}
                                     | {p.name for p in PACKAGED_DIR.iterdir() if p.is_dir() and p.name != "data"}))
            raise fault(RULE_FILE_MISSING, f"no packaged rule set '{name}'; known sets: {known}", candidate)
        paths.extend((path, False) for path in _rule_files(candidate))
    for item in extra:
        paths.extend((path, True) for path in _rule_files(Path(item).expanduser()))
    return paths


def _rule_files(path: Path) -> list[Path]:
    """A rule file, or the rule files of a folder in name order."""
    if path.is_dir():
        return sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
    return [path]


def load_rule_config(cfg: Any) -> RuleSet:
    """The rule set a `RulesConfig` names: the project's YAML files, or PETRARCH dictionaries (format: petrarch)."""
    if getattr(cfg, "format", "yaml") == "petrarch":
        from coder.rules.petrarch import load_petrarch

        files = cfg.petrarch
        return load_petrarch(files.verbs, files.actors, files.agents, files.discards, files.issues,
                             require_dyad=files.require_dyad, new_actor_length=files.new_actor_length)
    return load_rules(cfg.packaged, cfg.extra)


def load_rules(packaged: Sequence[str] = PACKAGED_SETS, extra: Sequence[str | Path] = ()) -> RuleSet:
    builder = RuleSetBuilder()
    for path, is_user in resolve_rule_paths(packaged, extra):
        builder.add_file(path, is_user)
    return builder.build()


class RuleSetBuilder:
    """Reads rule files one after another into its tables; `build` checks what spans files and makes the RuleSet."""

    def __init__(self) -> None:
        self.tables = RuleTables()
        self.digest = hashlib.sha256()
        self.files: list[str] = []

    def add_file(self, path: Path, is_user: bool) -> None:
        data = load_yaml_with_lines(path)
        self.files.append(str(path))
        self.digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        if data is None:
            return
        if not isinstance(data, dict):
            raise fault(RULE_WRONG_TYPE, f"a rule file is a mapping with sections {', '.join(SECTIONS)}", path, 1)
        for section, body in data.items():
            line = data.key_lines.get(str(section)) if isinstance(data, LineDict) else None
            if section not in SECTIONS:
                raise fault(RULE_UNKNOWN_NAME, f"unknown section '{section}'; use one of {', '.join(SECTIONS)}", path,
                            line)
            if section == "settings":
                add_settings(self.tables, body, path, line)
            elif section == "lexicon":
                add_lexicon(self.tables, body, path, line)
            else:
                self._add_rules(section, body, path, line, is_user)

    def _add_rules(self, section: str, body: Any, path: Path, line: int | None, is_user: bool) -> None:
        if not isinstance(body, list):
            raise fault(RULE_WRONG_TYPE, f"section '{section}' must be a list of rules (items starting with '- ')",
                        path, line)
        for item in body:
            if not isinstance(item, LineDict):
                raise fault(RULE_WRONG_TYPE, f"each item of '{section}' must be a mapping with an id", path, line)
            RULE_READERS[section](self.tables, item, path, is_user)

    def build(self) -> RuleSet:
        tables = self.tables
        actor_aliases = {key: (form, tables.actors[rule_id])
                         for key, (form, rule_id, _, _) in tables.alias_owner.items()}
        dated_names = {key: tuple(DatedName(tables.actors[rule_id], start, end)
                                  for rule_id, start, end, _, _ in sorted(holders, key=_holder_start))
                       for key, holders in tables.dated_owner.items() if holders}
        agent_words = {key: tables.agents[rule_id] for key, (rule_id, _, _) in tables.agent_owner.items()}
        discard_phrases = {alias_key(p): rule for rule in tables.discards.values() for p in rule.phrases}
        return RuleSet(
            actors=list(tables.actors.values()),
            agents=list(tables.agents.values()),
            # a user's rule comes before packaged rules that ask for as much: the matcher keeps this order among equals
            verbs=sorted(tables.verbs.values(), key=lambda rule: rule.id not in tables.user_verbs),
            discards=list(tables.discards.values()),
            settings=tables.settings,
            files=self.files,
            rules_hash=self.digest.hexdigest()[:16],
            actor_aliases=actor_aliases,
            dated_names=dated_names,
            agent_words=agent_words,
            discard_phrases=discard_phrases,
            places=checked_places(tables),
            constructions=list(tables.constructions.values()),
            lexicon=tables.lexicon,
        )


def _holder_start(holder: tuple[str, date | None, date | None, bool, str]) -> date:
    """A dated name's holders in order of their dates."""
    return holder[1] or date.min
