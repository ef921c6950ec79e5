"""Load rule files, validate every rule, and build a RuleSet. Errors are one line: `file:line: problem; fix`."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from coder.ontology import load_ontology
from coder.rules.model import (
    ActorRule,
    AgentRule,
    DiscardRule,
    EngineSettings,
    PlaceRule,
    Role,
    RuleSet,
    VerbRule,
)
from coder.rules.text import alias_key, plural_of
from coder.rules.yaml_lines import LineDict, RuleFileError, load_yaml_with_lines

PACKAGED_DIR = Path(__file__).resolve().parents[1] / "dictionaries"
PACKAGED_SETS = ("engine", "countries", "places", "people", "organisations", "agents", "verbs", "discards")

SECTIONS = ("actors", "places", "agents", "verbs", "discards", "settings")
ACTOR_KINDS = ("country", "person", "organisation", "group")
ACTOR_FIELDS = {"id", "kind", "code", "country", "names", "adjectives", "demonyms", "capitals", "roles", "otherwise",
                "note"}
ROLE_FIELDS = {"code", "from", "until", "note"}
AGENT_FIELDS = {"id", "sector", "words", "plurals", "note"}
VERB_FIELDS = {"id", "lemma", "noun", "code", "object", "prep", "particle", "symmetric", "reverse_code", "target",
               "example", "note"}
DISCARD_FIELDS = {"id", "scope", "phrases", "note"}
PLACE_FIELDS = {"id", "country", "names", "note"}
SETTINGS_LISTS = ("intent_verbs", "one_sided_intent_verbs", "refusal_verbs", "appeal_verbs", "threat_verbs",
                  "speech_verbs", "hypothetical_markers", "intent_auxiliaries",
                  "locative_preps", "target_preps", "light_verbs", "proxy_nouns", "host_codes", "gathering_nouns",
                  "occasion_nouns", "occasion_preps", "self_reporting_sectors", "attendance_nouns",
                  "source_strategies", "target_strategies", "source_strategies_given_targets",
                  "target_strategies_given_sources")
# Lists of CAMEO code prefixes ("04" = every code of root 04): each must begin at least one code of the ontology.
SETTINGS_CODE_PREFIXES = ("joint_codes", "owner_target_codes", "clause_target_codes", "self_reported_codes",
                          "unnamed_protest_codes", "unaddressed_story_codes", "incident_codes")
SETTINGS_MAPS = ("intent_codes", "refusal_codes", "threat_codes", "pronouns")

# Actor codes: a 3-letter country/region/org prefix, then 3-letter role codes, or '---' for an unknown country.
ACTOR_CODE = re.compile(r"^(---[A-Z]*|[A-Z]{3,})$")  # IGO codes are not all in 3-letter blocks (IGOEASCSTO, NATO)
SECTOR_CODE = re.compile(r"^[A-Z]{3}$")


def resolve_rule_paths(packaged: Sequence[str], extra: Sequence[str | Path]) -> list[tuple[Path, bool]]:
    """Packaged set names (or paths) and user files, in load order; the flag marks user files."""
    paths: list[tuple[Path, bool]] = []
    for name in packaged:
        candidate = Path(name)
        if candidate.suffix not in (".yaml", ".yml"):
            candidate = PACKAGED_DIR / f"{name}.yaml"
        if not candidate.exists():
            known = ", ".join(sorted(p.stem for p in PACKAGED_DIR.glob("*.yaml")))
            raise RuleFileError(f"no packaged rule set '{name}'; known sets: {known}", None, candidate)
        paths.append((candidate, False))
    for item in extra:
        paths.append((Path(item).expanduser(), True))
    return paths


def load_rule_config(cfg: Any) -> RuleSet:
    """The rule set a `RulesConfig` names: the project's YAML files, or PETRARCH dictionaries (format: petrarch)."""
    if getattr(cfg, "format", "yaml") == "petrarch":
        from coder.rules.petrarch import load_petrarch

        files = cfg.petrarch
        return load_petrarch(files.verbs, files.actors, files.agents, files.discards, files.issues,
                             require_dyad=files.require_dyad, new_actor_length=files.new_actor_length)
    return load_rules(cfg.packaged, cfg.extra)


def load_rules(packaged: Sequence[str] = PACKAGED_SETS, extra: Sequence[str | Path] = ()) -> RuleSet:
    builder = _RuleSetBuilder()
    for path, is_user in resolve_rule_paths(packaged, extra):
        builder.add_file(path, is_user)
    return builder.build()


def _fail(message: str, node: Any, path: Path) -> RuleFileError:
    line = getattr(node, "line", None)
    return RuleFileError(message, line, path)


def _str_list(value: Any, field: str, owner: LineDict, path: Path) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(f"'{field}' must be a list of non-empty strings, e.g. {field}: [first, second]", owner, path)
    return [v.strip() for v in value]


def _as_date(value: Any, field: str, owner: LineDict, path: Path) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _fail(f"'{field}' is '{value}', not a date; write YYYY-MM-DD", owner, path) from None


class _RuleSetBuilder:
    def __init__(self) -> None:
        self.ontology = load_ontology()
        self.digest = hashlib.sha256()
        self.files: list[str] = []
        self.actors: dict[str, ActorRule] = {}
        self.agents: dict[str, AgentRule] = {}
        self.verbs: dict[str, VerbRule] = {}
        self.discards: dict[str, DiscardRule] = {}
        self.places: dict[str, PlaceRule] = {}
        self.settings = EngineSettings()
        # alias -> (form, rule id, is_user, where) for conflict checks
        self.alias_owner: dict[str, tuple[str, str, bool, str]] = {}
        self.agent_owner: dict[str, tuple[str, bool, str]] = {}

    # -- files ----------------------------------------------------------------------------------------------------
    def add_file(self, path: Path, is_user: bool) -> None:
        data = load_yaml_with_lines(path)
        self.files.append(str(path))
        self.digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        if data is None:
            return
        if not isinstance(data, dict):
            raise RuleFileError(f"a rule file is a mapping with sections {', '.join(SECTIONS)}", 1, path)
        for section, body in data.items():
            line = data.key_lines.get(section) if isinstance(data, LineDict) else None
            if section not in SECTIONS:
                raise RuleFileError(f"unknown section '{section}'; use one of {', '.join(SECTIONS)}", line, path)
            if section == "settings":
                self._add_settings(body, path, line)
                continue
            if not isinstance(body, list):
                raise RuleFileError(f"section '{section}' must be a list of rules (items starting with '- ')", line, path)
            for item in body:
                if not isinstance(item, LineDict):
                    raise RuleFileError(f"each item of '{section}' must be a mapping with an id", line, path)
                getattr(self, f"_add_{section[:-1]}")(item, path, is_user)

    def _check_fields(self, item: LineDict, allowed: set[str], what: str, path: Path) -> str:
        unknown = sorted(set(item) - allowed)
        if unknown:
            line = item.key_lines.get(unknown[0], item.line)
            raise RuleFileError(
                f"{what} has unknown field '{unknown[0]}'; allowed fields: {', '.join(sorted(allowed))}", line, path)
        rule_id = item.get("id")
        if not isinstance(rule_id, str) or not rule_id.strip():
            raise _fail(f"{what} has no 'id'; give every rule a stable id such as id: my.rule", item, path)
        return rule_id.strip()

    def _replace_or_reject(self, table: dict, rule_id: str, is_user: bool, item: LineDict, path: Path) -> None:
        if rule_id in table and not is_user:
            raise _fail(f"rule id '{rule_id}' is already used at {table[rule_id].source}; ids must be unique",
                        item, path)

    def _check_actor_code(self, code: Any, field: str, item: LineDict, path: Path) -> str:
        if not isinstance(code, str) or not ACTOR_CODE.match(code):
            raise _fail(f"'{field}' is '{code}', not an actor code; write a country code plus optional 3-letter "
                        f"sectors, e.g. KAZ, KAZGOV, IGOEASCSTO or ---GOV", item, path)
        return str(code)

    def _check_event_code(self, code: Any, field: str, item: LineDict, path: Path) -> str:
        if isinstance(code, int):
            raise _fail(f"'{field}' must be a quoted string (\"0{code}\" or \"{code}\"); unquoted numbers lose their "
                        f"leading zero", item, path)
        if code not in self.ontology:
            raise _fail(f"'{field}' is '{code}', which is not a CAMEO code; use one from "
                        f"coder/ontology/cameo_codes.tsv", item, path)
        return str(code)

    # -- actors ---------------------------------------------------------------------------------------------------
    def _add_actor(self, item: LineDict, path: Path, is_user: bool) -> None:
        rule_id = self._check_fields(item, ACTOR_FIELDS, "actor rule", path)
        self._replace_or_reject(self.actors, rule_id, is_user, item, path)
        kind = item.get("kind", "country" if "capitals" in item else None)
        if kind not in ACTOR_KINDS:
            raise _fail(f"actor rule '{rule_id}' has kind '{kind}'; use one of {', '.join(ACTOR_KINDS)}", item, path)
        rule = ActorRule(id=rule_id, kind=kind, source=f"{path}:{item.line}")
        for form in ("names", "adjectives", "demonyms", "capitals"):
            setattr(rule, form, _str_list(item.get(form), form, item, path))
        if not (rule.names or rule.adjectives or rule.demonyms or rule.capitals):
            raise _fail(f"actor rule '{rule_id}' has no names; add names: [...]", item, path)
        if kind == "person":
            if "code" in item:
                raise _fail(f"person '{rule_id}' takes roles, not a code; write roles: [{{code: KAZGOV, from: "
                            f"2019-03-20}}] and otherwise: KAZELI", item, path)
            rule.country = self._check_actor_code(item.get("country", "---"), "country", item, path)[:3]
            rule.roles = self._roles(item, rule_id, path)
            if item.get("otherwise") is not None:
                rule.otherwise = self._check_actor_code(item["otherwise"], "otherwise", item, path)
        elif kind == "organisation" and "roles" in item:
            # an organisation whose code changes with time ("the Taliban": AFGREB, then AFGGOV)
            if "code" in item:
                raise _fail(f"organisation '{rule_id}' has both code and roles; give its codes as dated roles",
                            item, path)
            rule.roles = self._roles(item, rule_id, path)
            if item.get("otherwise") is not None:
                rule.otherwise = self._check_actor_code(item["otherwise"], "otherwise", item, path)
            rule.country = rule.roles[0].code[:3] if rule.roles else None
        else:
            rule.code = self._check_actor_code(item.get("code"), "code", item, path)
            if item.get("country") is not None:
                rule.country = self._check_actor_code(item["country"], "country", item, path)[:3]
        self._register_aliases(rule, is_user, path, item)
        self.actors[rule_id] = rule

    def _roles(self, item: LineDict, rule_id: str, path: Path) -> list[Role]:
        raw = item.get("roles") or []
        if not isinstance(raw, list):
            raise _fail(f"'roles' of '{rule_id}' must be a list of {{code, from, until}}", item, path)
        roles: list[Role] = []
        for entry in raw:
            if not isinstance(entry, LineDict):
                raise _fail(f"each role of '{rule_id}' is a mapping {{code: ..., from: YYYY-MM-DD}}", item, path)
            unknown = sorted(set(entry) - ROLE_FIELDS)
            if unknown:
                raise _fail(f"role has unknown field '{unknown[0]}'; allowed: {', '.join(sorted(ROLE_FIELDS))}",
                            entry, path)
            role = Role(
                code=self._check_actor_code(entry.get("code"), "code", entry, path),
                start=_as_date(entry.get("from"), "from", entry, path),
                end=_as_date(entry.get("until"), "until", entry, path),
                note=str(entry.get("note") or ""),
            )
            if role.start and role.end and role.end < role.start:
                raise _fail(f"role {role.code} of '{rule_id}' ends ({role.end}) before it starts ({role.start}); "
                            f"swap the dates", entry, path)
            for other in roles:
                if _overlap(role, other):
                    raise _fail(f"roles of '{rule_id}' overlap: {role.code} {role.start}..{role.end or ''} and "
                                f"{other.code} {other.start}..{other.end or ''}; make the date ranges disjoint",
                                entry, path)
            roles.append(role)
        return roles

    def _register_aliases(self, rule: ActorRule, is_user: bool, path: Path, item: LineDict) -> None:
        for form in ("names", "adjectives", "demonyms", "capitals"):
            for alias in getattr(rule, form):
                key = alias_key(alias)
                where = f"{path}:{getattr(alias, 'line', item.line)}"
                previous = self.alias_owner.get(key)
                if previous and previous[1] != rule.id:
                    _, other_id, other_user, other_where = previous
                    if is_user and not other_user:
                        pass  # a user file wins over the packaged files for the same alias
                    elif is_user == other_user:
                        raise RuleFileError(
                            f"alias '{alias}' of '{rule.id}' is already an alias of '{other_id}' ({other_where}); "
                            f"remove one or make the phrase longer", getattr(alias, "line", item.line), path)
                    else:
                        continue
                self.alias_owner[key] = (form[:-1] if form != "capitals" else "capital", rule.id, is_user, where)

    # -- agents ---------------------------------------------------------------------------------------------------
    def _add_agent(self, item: LineDict, path: Path, is_user: bool) -> None:
        rule_id = self._check_fields(item, AGENT_FIELDS, "agent rule", path)
        self._replace_or_reject(self.agents, rule_id, is_user, item, path)
        sector = item.get("sector")
        if not isinstance(sector, str) or not re.fullmatch(r"([A-Z]{3})+", sector):
            raise _fail(f"agent '{rule_id}' has sector '{sector}'; use a CAMEO sector such as GOV, MIL, COP", item,
                        path)
        words = _str_list(item.get("words"), "words", item, path)
        if not words:
            raise _fail(f"agent '{rule_id}' has no words; add words: [...]", item, path)
        plurals = _str_list(item.get("plurals"), "plurals", item, path)
        forms = list(dict.fromkeys(words + [plural_of(w) for w in words] + plurals))
        rule = AgentRule(id=rule_id, sector=sector, words=forms, source=f"{path}:{item.line}")
        for word in forms:
            key = alias_key(word)
            previous = self.agent_owner.get(key)
            if previous and previous[0] != rule_id and previous[1] == is_user:
                other = self.agents.get(previous[0])
                if other is not None and other.sector != sector:
                    raise RuleFileError(
                        f"agent word '{word}' of '{rule_id}' ({sector}) is already in '{previous[0]}' "
                        f"({other.sector}, {previous[2]}); keep it in one rule", getattr(word, "line", item.line), path)
            if previous is None or is_user or not previous[1]:
                self.agent_owner[key] = (rule_id, is_user, f"{path}:{getattr(word, 'line', item.line)}")
        self.agents[rule_id] = rule

    # -- verbs ----------------------------------------------------------------------------------------------------
    def _add_verb(self, item: LineDict, path: Path, is_user: bool) -> None:
        rule_id = self._check_fields(item, VERB_FIELDS, "verb rule", path)
        self._replace_or_reject(self.verbs, rule_id, is_user, item, path)
        lemmas = [w.lower() for w in _str_list(item.get("lemma"), "lemma", item, path)]
        nouns = [w.lower() for w in _str_list(item.get("noun"), "noun", item, path)]
        if not lemmas and not nouns:
            raise _fail(f"verb rule '{rule_id}' needs a lemma (a verb) or noun (an event noun)", item, path)
        for word in nouns + lemmas:
            if " " in word:
                raise _fail(f"lemma '{word}' of '{rule_id}' has a space; use one word (the head) and put the particle "
                            f"or preposition in prep:", item, path)
        prep = item.get("prep")
        if prep is not None and (not isinstance(prep, str) or " " in prep.strip()):
            raise _fail(f"prep of '{rule_id}' must be one word such as with, on, for", item, path)
        particle = item.get("particle")
        if particle is not None and (not isinstance(particle, str) or " " in particle.strip()):
            raise _fail(f"particle of '{rule_id}' must be one word such as down, off, up", item, path)
        symmetric = item.get("symmetric", False)
        if not isinstance(symmetric, bool):
            raise _fail(f"symmetric of '{rule_id}' must be true or false", item, path)
        rule = VerbRule(
            id=rule_id,
            code=self._check_event_code(item.get("code"), "code", item, path),
            source=f"{path}:{item.line}",
            lemmas=lemmas,
            nouns=nouns,
            object=[w.lower() for w in _str_list(item.get("object"), "object", item, path)],
            prep=prep.strip().lower() if isinstance(prep, str) else None,
            particle=particle.strip().lower() if isinstance(particle, str) else None,
            symmetric=symmetric,
            reverse_code=(self._check_event_code(item["reverse_code"], "reverse_code", item, path)
                          if item.get("reverse_code") is not None else None),
            target=[w.lower() for w in _str_list(item.get("target"), "target", item, path)],
            example=str(item["example"]) if item.get("example") else None,
        )
        if rule.symmetric and rule.reverse_code:
            raise _fail(f"verb rule '{rule_id}' is symmetric and has a reverse_code; keep one", item, path)
        self.verbs[rule_id] = rule

    # -- discards -------------------------------------------------------------------------------------------------
    # -- places ---------------------------------------------------------------------------------------------------
    def _add_place(self, item: LineDict, path: Path, is_user: bool) -> None:
        """Cities and regions that are not actors: they say where something happens (a summit's host, a dateline)."""
        rule_id = self._check_fields(item, PLACE_FIELDS, "place rule", path)
        self._replace_or_reject(self.places, rule_id, is_user, item, path)
        country = item.get("country")
        if not isinstance(country, str) or not re.fullmatch(r"[A-Z]{3}", country):
            raise _fail(f"place '{rule_id}' has country '{country}'; write the 3-letter country code, e.g. country: "
                        f"KAZ", item, path)
        names = _str_list(item.get("names"), "names", item, path)
        if not names:
            raise _fail(f"place '{rule_id}' has no names; add names: [...]", item, path)
        self.places[rule_id] = PlaceRule(id=rule_id, country=country, names=names, source=f"{path}:{item.line}")

    def _check_places(self) -> dict[str, PlaceRule]:
        """Every place's country must be a country the actor rules know, and a place name must not be an actor's
        alias (a capital is already an actor: "Astana" is the Kazakh government)."""
        countries = {rule.code[:3] for rule in self.actors.values() if rule.kind in ("country", "group") and rule.code}
        by_name: dict[str, PlaceRule] = {}
        for rule in self.places.values():
            path, _, line = rule.source.rpartition(":")
            if rule.country not in countries:
                raise RuleFileError(f"place '{rule.id}' has country '{rule.country}', which no country rule has; use "
                                    f"a code from countries.yaml", int(line), Path(path))
            for name in rule.names:
                key = alias_key(name)
                if key in self.alias_owner:
                    owner = self.alias_owner[key]
                    raise RuleFileError(f"place name '{name}' of '{rule.id}' is already an alias of actor "
                                        f"'{owner[1]}' ({owner[3]}); remove it from the place", int(line), Path(path))
                other = by_name.get(key)
                if other is not None and other.country != rule.country:
                    raise RuleFileError(f"place name '{name}' is in {rule.country} ('{rule.id}') and in "
                                        f"{other.country} ('{other.id}', {other.source}); keep one", int(line),
                                        Path(path))
                by_name[key] = rule
        return by_name

    def _add_discard(self, item: LineDict, path: Path, is_user: bool) -> None:
        rule_id = self._check_fields(item, DISCARD_FIELDS, "discard rule", path)
        self._replace_or_reject(self.discards, rule_id, is_user, item, path)
        scope = item.get("scope", "sentence")
        if scope not in ("sentence", "article"):
            raise _fail(f"discard '{rule_id}' has scope '{scope}'; use sentence or article", item, path)
        phrases = _str_list(item.get("phrases"), "phrases", item, path)
        if not phrases:
            raise _fail(f"discard '{rule_id}' has no phrases", item, path)
        self.discards[rule_id] = DiscardRule(id=rule_id, scope=scope, phrases=phrases, source=f"{path}:{item.line}")

    # -- settings -------------------------------------------------------------------------------------------------
    def _add_settings(self, body: Any, path: Path, line: int | None) -> None:
        if not isinstance(body, LineDict):
            raise RuleFileError("'settings' must be a mapping", line, path)
        for key, value in body.items():
            key_line = body.key_lines.get(key, body.line)
            if key in SETTINGS_LISTS:
                values = [v.lower() for v in _str_list(value, key, body, path)]
                if key == "self_reporting_sectors":
                    values = [v.upper() for v in values]
                setattr(self.settings, key, values)
            elif key in SETTINGS_CODE_PREFIXES:
                prefixes = [str(v) for v in _str_list(value, key, body, path)]
                for prefix in prefixes:
                    if not any(code.startswith(prefix) for code in self.ontology.codes()):
                        raise RuleFileError(f"settings.{key} has '{prefix}', which begins no CAMEO code; write quoted "
                                            f"code prefixes such as \"04\" or \"0311\"", key_line, path)
                setattr(self.settings, key, prefixes)
            elif key == "supersedes":
                if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
                    raise RuleFileError("settings.supersedes maps a code to a list of codes", key_line, path)
                for code, replaced in value.items():
                    for c in [code, *replaced]:
                        if str(c) not in self.ontology:
                            raise RuleFileError(f"settings.supersedes uses '{c}', not a quoted CAMEO code", key_line,
                                                path)
                    self.settings.supersedes[str(code)] = [str(c) for c in replaced]
            elif key in SETTINGS_MAPS:
                if not isinstance(value, dict):
                    raise RuleFileError(f"settings.{key} must be a mapping", key_line, path)
                mapping = {str(k): str(v) for k, v in value.items()}
                if key in ("intent_codes", "refusal_codes", "threat_codes"):
                    for root, code in mapping.items():
                        if root not in self.ontology or code not in self.ontology:
                            raise RuleFileError(f"settings.{key} maps '{root}' to '{code}'; both must be quoted "
                                                f"CAMEO codes", key_line, path)
                getattr(self.settings, key).update(mapping)
            else:
                allowed = ", ".join(SETTINGS_LISTS + SETTINGS_CODE_PREFIXES + SETTINGS_MAPS + ("supersedes",))
                raise RuleFileError(f"unknown setting '{key}'; allowed: {allowed}", key_line, path)

    # -- result ---------------------------------------------------------------------------------------------------
    def build(self) -> RuleSet:
        actor_aliases: dict[str, tuple[str, ActorRule]] = {}
        for key, (form, rule_id, _, _) in self.alias_owner.items():
            actor_aliases[key] = (form, self.actors[rule_id])
        agent_words = {key: self.agents[rule_id] for key, (rule_id, _, _) in self.agent_owner.items()}
        discard_phrases = {alias_key(p): rule for rule in self.discards.values() for p in rule.phrases}
        return RuleSet(
            actors=list(self.actors.values()),
            agents=list(self.agents.values()),
            verbs=list(self.verbs.values()),
            discards=list(self.discards.values()),
            settings=self.settings,
            files=self.files,
            rules_hash=self.digest.hexdigest()[:16],
            actor_aliases=actor_aliases,
            agent_words=agent_words,
            discard_phrases=discard_phrases,
            places=self._check_places(),
        )


def _overlap(a: Role, b: Role) -> bool:
    a_start, a_end = a.start or date.min, a.end or date.max
    b_start, b_end = b.start or date.min, b.end or date.max
    return a_start <= b_end and b_start <= a_end
