"""The `actors` section: countries, people, organisations and groups, their codes (dated roles for people and for
organisations whose status changed) and their aliases, which must not collide. A role may carry names of its own
("President Bush"): a name that belongs to the person only while the role holds, which other people may share at
other times (RuleSet.dated_names; the engine picks the holder by the article's date)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from coder.errors import (RULE_DUPLICATE, RULE_FILE, RULE_MISSING_FIELD, RULE_ROLE_DATES, RULE_UNKNOWN_NAME,
                          RULE_WRONG_TYPE)
from coder.rules.faults import fault, fault_at
from coder.rules.model import ActorRule, Role
from coder.rules.sections.fields import actor_code, as_date, check_fields, reject_reused_id, str_list
from coder.rules.sections.tables import RuleTables
from coder.rules.text import alias_key
from coder.rules.yaml_lines import LineDict

ACTOR_KINDS = ("country", "person", "organisation", "group")
ACTOR_FIELDS = {"id", "kind", "code", "country", "names", "adjectives", "demonyms", "capitals", "roles", "otherwise",
                "note"}
ROLE_FIELDS = {"code", "from", "until", "note", "names"}
ALIAS_FORMS = ("names", "adjectives", "demonyms", "capitals")


def add_actor(tables: RuleTables, item: LineDict, path: Path, is_user: bool) -> None:
    rule_id = check_fields(item, ACTOR_FIELDS, "actor rule", path)
    reject_reused_id(tables.actors, rule_id, is_user, item, path)
    kind = item.get("kind", "country" if "capitals" in item else None)
    if kind not in ACTOR_KINDS:
        raise fault_at(RULE_WRONG_TYPE, f"actor rule '{rule_id}' has kind '{kind}'; use one of "
                                        f"{', '.join(ACTOR_KINDS)}", item, path)
    rule = ActorRule(id=rule_id, kind=kind, source=f"{path}:{item.line}")
    for form in ALIAS_FORMS:
        setattr(rule, form, str_list(item.get(form), form, item, path))
    if not (rule.names or rule.adjectives or rule.demonyms or rule.capitals):
        raise fault_at(RULE_MISSING_FIELD, f"actor rule '{rule_id}' has no names; add names: [...]", item, path)
    if kind == "person":
        _read_person_codes(rule, item, path)
    elif kind == "organisation" and "roles" in item:
        _read_dated_organisation_codes(rule, item, path)
    else:
        rule.code = actor_code(item.get("code"), "code", item, path)
        if item.get("country") is not None:
            rule.country = actor_code(item["country"], "country", item, path)[:3]
    _register_aliases(tables, rule, is_user, path, item)
    _register_dated_names(tables, rule, is_user, path, item)
    tables.actors[rule.id] = rule


def _read_person_codes(rule: ActorRule, item: LineDict, path: Path) -> None:
    if "code" in item:
        raise fault_at(RULE_FILE, f"person '{rule.id}' takes roles, not a code; write roles: [{{code: KAZGOV, from: "
                                  f"2019-03-20}}] and otherwise: KAZELI", item, path)
    rule.country = actor_code(item.get("country", "---"), "country", item, path)[:3]
    rule.roles = _roles(item, rule.id, path)
    if item.get("otherwise") is not None:
        rule.otherwise = actor_code(item["otherwise"], "otherwise", item, path)


def _read_dated_organisation_codes(rule: ActorRule, item: LineDict, path: Path) -> None:
    """An organisation whose code changes with time ("the Taliban": AFGREB, then AFGGOV)."""
    if "code" in item:
        raise fault_at(RULE_FILE, f"organisation '{rule.id}' has both code and roles; give its codes as dated roles",
                       item, path)
    rule.roles = _roles(item, rule.id, path)
    if item.get("otherwise") is not None:
        rule.otherwise = actor_code(item["otherwise"], "otherwise", item, path)
    rule.country = rule.roles[0].code[:3] if rule.roles else None


def _roles(item: LineDict, rule_id: str, path: Path) -> list[Role]:
    raw = item.get("roles") or []
    if not isinstance(raw, list):
        raise fault_at(RULE_WRONG_TYPE, f"'roles' of '{rule_id}' must be a list of {{code, from, until}}", item, path)
    roles: list[Role] = []
    for entry in raw:
        role = _role(entry, item, rule_id, path)
        for other in roles:
            if _overlap(role, other):
                raise fault_at(RULE_ROLE_DATES, f"roles of '{rule_id}' overlap: {role.code} {role.start}.."
                                                f"{role.end or ''} and {other.code} {other.start}..{other.end or ''}; "
                                                f"make the date ranges disjoint", entry, path)
        roles.append(role)
    return roles


def _role(entry: object, item: LineDict, rule_id: str, path: Path) -> Role:
    if not isinstance(entry, LineDict):
        raise fault_at(RULE_WRONG_TYPE, f"each role of '{rule_id}' is a mapping {{code: ..., from: YYYY-MM-DD}}", item,
                       path)
    unknown = sorted(set(entry) - ROLE_FIELDS)
    if unknown:
        raise fault_at(RULE_UNKNOWN_NAME, f"role has unknown field '{unknown[0]}'; allowed: "
                                          f"{', '.join(sorted(ROLE_FIELDS))}", entry, path)
    role = Role(
        code=actor_code(entry.get("code"), "code", entry, path),
        start=as_date(entry.get("from"), "from", entry, path),
        end=as_date(entry.get("until"), "until", entry, path),
        note=str(entry.get("note") or ""),
        names=tuple(str_list(entry.get("names"), "names", entry, path)),
    )
    if role.start and role.end and role.end < role.start:
        raise fault_at(RULE_ROLE_DATES, f"role {role.code} of '{rule_id}' ends ({role.end}) before it starts "
                                        f"({role.start}); swap the dates", entry, path)
    return role


def _overlap(a: Role, b: Role) -> bool:
    a_start, a_end = a.start or date.min, a.end or date.max
    b_start, b_end = b.start or date.min, b.end or date.max
    return a_start <= b_end and b_start <= a_end


def _register_aliases(tables: RuleTables, rule: ActorRule, is_user: bool, path: Path, item: LineDict) -> None:
    """Each alias names one rule: within the packaged files or within the user's files a second owner is a fault;
    a user file wins over the packaged files for the same alias."""
    for form in ALIAS_FORMS:
        for alias in getattr(rule, form):
            key = alias_key(alias)
            where = f"{path}:{getattr(alias, 'line', item.line)}"
            if not _claim_from_dated(tables, key, alias, rule.id, is_user, path, getattr(alias, "line", item.line)):
                continue
            previous = tables.alias_owner.get(key)
            if previous and previous[1] != rule.id:
                _, other_id, other_user, other_where = previous
                if is_user and not other_user:
                    pass  # a user file wins over the packaged files for the same alias
                elif is_user == other_user:
                    raise fault(RULE_DUPLICATE, f"alias '{alias}' of '{rule.id}' is already an alias of '{other_id}' "
                                                f"({other_where}); remove one or make the phrase longer", path,
                                getattr(alias, "line", item.line))
                else:
                    continue
            tables.alias_owner[key] = (form[:-1] if form != "capitals" else "capital", rule.id, is_user, where)


def _claim_from_dated(tables: RuleTables, key: str, alias: str, rule_id: str, is_user: bool, path: Path,
                      line: int | None) -> bool:
    """Whether an alias for all dates may be registered over the dated names already read for the same words: a
    fault within one set of files, a user file's alias replacing packaged dated names, never the reverse."""
    holders = tables.dated_owner.get(key)
    if not holders:
        return True
    other_id, _, _, other_user, other_where = holders[0]
    if is_user == other_user:
        raise fault(RULE_DUPLICATE, f"alias '{alias}' of '{rule_id}' is also a dated name of '{other_id}' "
                                    f"({other_where}); a name is either for all dates or only within roles' dates: "
                                    f"remove it from names or move it into the role's names", path, line)
    if is_user:
        del tables.dated_owner[key]
        return True
    return False


def _register_dated_names(tables: RuleTables, rule: ActorRule, is_user: bool, path: Path, item: LineDict) -> None:
    """A role's names belong to the rule from the role's start to its end. Several rules may share one when their
    dates do not overlap ("President Aliyev"); an overlap is a fault naming both, as is a name that some rule also
    has for all dates. A user file's dated names replace the packaged files' holders of the same name."""
    for role, entry in zip(rule.roles, item.get("roles") or []):
        for name in role.names:
            key = alias_key(name)
            where = f"{path}:{getattr(entry, 'line', item.line)}"
            owner = tables.alias_owner.get(key)
            if owner is not None:
                _, other_id, other_user, other_where = owner
                if is_user == other_user:
                    raise fault_at(RULE_DUPLICATE, f"dated name '{name}' of '{rule.id}' ({role.code} {role.start or ''}"
                                                   f"..{role.end or ''}) is already an alias of '{other_id}' for all "
                                                   f"dates ({other_where}); remove it from that rule's names or give "
                                                   f"it to the role of that rule that holds the name", entry, path)
                if not is_user:
                    continue  # a user file's alias wins
                del tables.alias_owner[key]
            holders = tables.dated_owner.setdefault(key, [])
            if holders and holders[0][3] != is_user:
                if not is_user:
                    continue  # a user file's dated names win
                holders.clear()
            for other_id, start, end, _, other_where in holders:
                if other_id != rule.id and _overlap(role, Role(code="", start=start, end=end)):
                    raise fault_at(RULE_ROLE_DATES, f"dated name '{name}' is held by '{rule.id}' ({role.start or ''}.."
                                                    f"{role.end or ''}) and by '{other_id}' ({start or ''}.."
                                                    f"{end or ''}, {other_where}) at the same time; make the two "
                                                    f"roles' dates disjoint or give the name to only one of them",
                                   entry, path)
            holders.append((rule.id, role.start, role.end, is_user, where))
