"""Checks of the packaged people dictionary (coder/dictionaries/people.yaml).

The file is read with PyYAML alone, so these tests do not depend on the rule loader. They check that the YAML
parses; that ids are unique; that no alias (compared case-insensitively) belongs to two rules; that dates are
valid YYYY-MM-DD days and the roles of one person do not overlap; and that every code is built from a real
ISO 3166 alpha-3 country code plus CAMEO sector codes, or is one of the IGO codes the conventions use.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from tests.conftest import skip_without_shared

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PEOPLE = REPO / "coder" / "dictionaries" / "people.yaml"
CAMEO = SHARED / "cameo"

TODAY = dt.date(2026, 11, 28)
EXTRA_IGO_CODES = {"IGOEASCSTO", "IGOASASCO", "IGOEAEU", "IGOOTS", "IGOCIS", "IGOUNO", "IGOEUREEC", "NATO"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RULE_KEYS = {"id", "kind", "country", "names", "roles", "otherwise"}
ROLE_KEYS = {"code", "from", "until", "note", "names"}


class _StringDateLoader(yaml.SafeLoader):
    """SafeLoader that leaves timestamps as strings, so that the date checks see exactly what was written."""


_StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_tsv(name: str) -> list[dict[str, str]]:
    with open(CAMEO / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _skip_without_shared() -> None:
    skip_without_shared("cameo")


@pytest.fixture(scope="module")
def rules() -> list[dict]:
    with open(PEOPLE, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_StringDateLoader)
    assert isinstance(data, dict) and set(data) == {"actors"}, "people.yaml must hold a single `actors` section"
    assert isinstance(data["actors"], list) and data["actors"], "`actors` must be a non-empty list"
    return data["actors"]


@pytest.fixture(scope="module")
def country_codes() -> set[str]:
    _skip_without_shared()
    return {row["code"] for row in _read_tsv("cameo_country_codes.tsv") if row["kind"] == "iso3166_alpha3"}


@pytest.fixture(scope="module")
def sector_codes() -> set[str]:
    _skip_without_shared()
    return {row["code"] for row in _read_tsv("cameo_actor_types.tsv") if len(row["code"]) == 3}


@pytest.fixture(scope="module")
def igo_codes() -> set[str]:
    _skip_without_shared()
    listed = {row["code"] for row in _read_tsv("cameo_special_org_codes.tsv") if row["code"].startswith("IGO")}
    return listed | EXTRA_IGO_CODES


def _date(value: object, where: str) -> dt.date:
    assert isinstance(value, str) and DATE_RE.match(value), f"{where}: {value!r} is not a YYYY-MM-DD date"
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:  # e.g. 2019-02-30
        raise AssertionError(f"{where}: {value!r} is not a valid date ({exc})") from None


def _code_problem(code: object, country_codes: set[str], sector_codes: set[str], igo_codes: set[str]) -> str | None:
    if not isinstance(code, str) or not code:
        return f"{code!r} is not a code"
    if code in igo_codes:
        return None
    if code.startswith("IGO") or code.startswith("NATO"):
        return f"{code} is not an IGO code from cameo_special_org_codes.tsv or the conventions"
    if len(code) < 3 or len(code) % 3:
        return f"{code} is not a country code followed by 3-letter sector codes"
    if code[:3] not in country_codes:
        return f"{code}: {code[:3]} is not an ISO 3166 alpha-3 code in cameo_country_codes.tsv"
    for start in range(3, len(code), 3):
        if code[start:start + 3] not in sector_codes:
            return f"{code}: {code[start:start + 3]} is not a sector code in cameo_actor_types.tsv"
    return None


def test_rules_are_well_formed_person_rules(rules):
    problems = []
    for index, rule in enumerate(rules):
        rid = rule.get("id", f"#{index}")
        if set(rule) - RULE_KEYS:
            problems.append(f"{rid}: unknown keys {sorted(set(rule) - RULE_KEYS)}")
        if set(RULE_KEYS) - set(rule):
            problems.append(f"{rid}: missing keys {sorted(set(RULE_KEYS) - set(rule))}")
        if not (isinstance(rule.get("id"), str) and re.fullmatch(r"person\.[a-z0-9_]+", rule["id"])):
            problems.append(f"{rid}: id must look like person.<ascii_slug>")
        if rule.get("kind") != "person":
            problems.append(f"{rid}: kind must be person")
        names = rule.get("names")
        if not (isinstance(names, list) and names and all(isinstance(n, str) and n.strip() for n in names)):
            problems.append(f"{rid}: names must be a non-empty list of strings")
        roles = rule.get("roles")
        if not (isinstance(roles, list) and roles):
            problems.append(f"{rid}: roles must be a non-empty list")
            continue
        for role in roles:
            if not isinstance(role, dict) or set(role) - ROLE_KEYS or not {"code", "from", "note"} <= set(role):
                problems.append(f"{rid}: role {role!r} must have code, from, note and optionally until and names")
    assert not problems, "\n".join(problems)


def test_ids_are_unique(rules):
    seen = defaultdict(int)
    for rule in rules:
        seen[rule["id"]] += 1
    dupes = sorted(rid for rid, count in seen.items() if count > 1)
    assert not dupes, f"duplicate ids: {dupes}"


def test_no_alias_in_two_rules(rules):
    owners: dict[str, set[str]] = defaultdict(set)
    for rule in rules:
        for name in rule["names"]:
            owners[" ".join(name.split()).casefold()].add(rule["id"])
    clashes = {alias: sorted(ids) for alias, ids in owners.items() if len(ids) > 1}
    assert not clashes, "aliases mapped to more than one rule:\n" + "\n".join(
        f"  {alias!r}: {ids}" for alias, ids in sorted(clashes.items())
    )


def test_dates_are_valid_and_roles_do_not_overlap(rules):
    problems = []
    for rule in rules:
        spans = []
        for role in rule["roles"]:
            where = f"{rule['id']} {role.get('code')}"
            try:
                start = _date(role["from"], f"{where} from")
                end = _date(role["until"], f"{where} until") if "until" in role else dt.date.max
            except AssertionError as exc:
                problems.append(str(exc))
                continue
            if end < start:
                problems.append(f"{where}: until {role['until']} is before from {role['from']}")
            if start > TODAY:
                problems.append(f"{where}: starts in the future ({role['from']})")
            spans.append((start, end, role["code"]))
        spans.sort()
        for (s1, e1, c1), (s2, e2, c2) in zip(spans, spans[1:]):
            if s2 <= e1:
                problems.append(f"{rule['id']}: role {c1} {s1}..{e1} overlaps role {c2} {s2}..{e2}")
    assert not problems, "\n".join(problems)


def test_codes_are_known(rules, country_codes, sector_codes, igo_codes):
    problems = []
    for rule in rules:
        if rule["country"] not in country_codes:
            problems.append(f"{rule['id']}: country {rule['country']!r} is not an ISO 3166 alpha-3 code")
        for code in [role["code"] for role in rule["roles"]] + [rule["otherwise"]]:
            problem = _code_problem(code, country_codes, sector_codes, igo_codes)
            if problem:
                problems.append(f"{rule['id']}: {problem}")
        # Outside every role a national figure is a former elite of their own country (Taliban leaders: AFGREB).
        if rule["otherwise"] not in {rule["country"] + "ELI", "AFGREB"}:
            problems.append(f"{rule['id']}: otherwise {rule['otherwise']} should be {rule['country']}ELI")
    assert not problems, "\n".join(problems)


# --- spot checks of conventions the dev corpus relies on -------------------------------------------------------

def _code_on(rules: list[dict], rule_id: str, day: str) -> str:
    rule = next(r for r in rules if r["id"] == rule_id)
    when = dt.date.fromisoformat(day)
    for role in rule["roles"]:
        start = dt.date.fromisoformat(role["from"])
        end = dt.date.fromisoformat(role["until"]) if "until" in role else dt.date.max
        if start <= when <= end:
            return role["code"]
    return rule["otherwise"]


@pytest.mark.parametrize(
    ("rule_id", "day", "code"),
    [
        ("person.nazarbayev", "2015-07-08", "KAZGOV"),
        ("person.nazarbayev", "2019-03-19", "KAZGOV"),
        ("person.nazarbayev", "2019-03-20", "KAZELI"),
        ("person.tokayev", "2008-05-01", "KAZLEG"),
        ("person.tokayev", "2019-03-20", "KAZGOV"),
        ("person.sadyr_japarov", "2020-10-20", "KGZGOV"),
        ("person.sadyr_japarov", "2022-01-01", "KGZGOV"),
        ("person.gurbanguly_berdimuhamedov", "2023-05-01", "TKMGOV"),
        ("person.serdar_berdimuhamedov", "2022-03-19", "TKMGOV"),
        ("person.putin", "2010-01-01", "RUSGOV"),
        ("person.shoigu", "2020-01-01", "RUSMIL"),
        ("person.hibatullah_akhundzada", "2021-08-14", "AFGREB"),
        ("person.hibatullah_akhundzada", "2021-08-15", "AFGGOV"),
        ("person.mohammad_yaqoob", "2022-06-01", "AFGMIL"),
        ("person.mullah_omar", "2000-01-01", "AFGREB"),
        ("person.ashraf_ghani", "2021-07-15", "AFGGOV"),
        ("person.tasmagambetov", "2024-01-01", "IGOEASCSTO"),
    ],
)
def test_codes_on_dates(rules, rule_id, day, code):
    assert _code_on(rules, rule_id, day) == code


@pytest.mark.parametrize("surname", ["berdimuhamedov", "japarov", "sharif", "bush", "clinton", "khan", "akhund",
                                     "emomali", "rabbani", "zardari", "ivanov", "isakov", "akhmetov", "mujahid"])
def test_shared_surnames_are_not_bare_aliases(rules, surname):
    bare = [r["id"] for r in rules for n in r["names"] if n.casefold() == surname]
    assert not bare, f"bare surname {surname!r} is an alias of {bare}"


# --- people added for the region's conflict news (lex-f): dated roles decide the sector ---------------------------

@pytest.mark.parametrize(
    ("rule_id", "day", "code"),
    [
        ("person.nazarzoda", "2015-09-03", "TJKMIL"),       # Deputy Defence Minister the day before the mutiny
        ("person.nazarzoda", "2015-09-04", "TJKREB"),       # led the attacks of 4 Sep 2015 (devcorpus2 c015)
        ("person.nazarzoda", "2016-01-01", "TJKELI"),
        ("person.nikolai_patrushev", "2005-01-01", "RUSCOP"),  # FSB Director
        ("person.nikolai_patrushev", "2010-01-01", "RUSGOV"),  # Security Council Secretary
        ("person.naryshkin", "2014-01-01", "RUSLEG"),
        ("person.naryshkin", "2020-01-01", "RUSCOP"),
        ("person.ablyazov", "2007-01-01", "KAZBUS"),        # BTA Bank chairman
        ("person.ablyazov", "2018-11-27", "KAZOPP"),        # exiled opposition leader (devcorpus2 c030)
        ("person.inoyatov", "2017-12-31", "UZBCOP"),
        ("person.inoyatov", "2018-02-01", "UZBELI"),
        ("person.yatimov", "2022-09-19", "TJKCOP"),
        ("person.timakova", "2010-06-12", "RUSGOV"),
        ("person.timakova", "2019-01-01", "RUSELI"),
        ("person.john_kirby", "2021-06-01", "USAMIL"),      # Pentagon press secretary
        ("person.john_kirby", "2023-06-01", "USAGOV"),      # NSC spokesman
        ("person.yanukovych", "2013-01-01", "UKRGOV"),
        ("person.yanukovych", "2014-03-01", "UKRELI"),
        ("person.netanyahu", "2005-01-01", "ISRELI"),
        ("person.netanyahu", "2024-01-01", "ISRGOV"),
        ("person.bashar_al_assad", "2025-01-01", "SYRELI"),
    ],
)
def test_added_people_codes_on_dates(rules, rule_id, day, code):
    assert _code_on(rules, rule_id, day) == code


@pytest.mark.parametrize("surname", ["serdyukov", "patrushev", "nazarzoda", "kozlov", "cheney", "jaafari"])
def test_surnames_of_two_public_figures_are_not_bare_aliases(rules, surname):
    """Anatoly and Andrei Serdyukov, Nikolai and Dmitry Patrushev, Bashar and Ibrahim al-Jaafari ...: full names only."""
    bare = [r["id"] for r in rules for n in r["names"] if n.casefold() == surname]
    assert not bare, f"bare surname {surname!r} is an alias of {bare}"


def test_added_people_resolve_by_date_in_a_sentence(code_sentence):
    assert ("RUSGOV", "UKR", "111", "asserted") in code_sentence(
        "Kremlin spokesman Dmitry Peskov criticised Ukraine on Tuesday.", "2023-05-02")
    assert ("TJKREB", "TJKCOP", "190", "asserted") in code_sentence(
        "Abduhalim Nazarzoda attacked Tajik police on Friday.", "2015-09-04")
    assert ("TJKMIL", "TJKCOP", "040", "asserted") in code_sentence(
        "Abduhalim Nazarzoda met Tajik police on Friday.", "2014-06-06")
    assert ("FRAELI", "RUSGOV", "040", "asserted") in code_sentence(
        "Nicolas Sarkozy met Vladimir Putin on Monday.", "2015-03-02")


@pytest.mark.parametrize(
    ("rule_id", "day", "code"),
    [
        ("person.yeltsin", "1995-06-01", "RUSGOV"),
        ("person.yeltsin", "2000-06-01", "RUSELI"),
        ("person.charles_taylor", "1993-01-01", "LBRREB"),    # NPFL rebel leader
        ("person.charles_taylor", "2000-01-01", "LBRGOV"),
        ("person.laurent_kabila", "1997-01-01", "CODREB"),
        ("person.laurent_kabila", "1999-01-01", "CODGOV"),
        ("person.peres", "1999-01-01", "ISRELI"),             # between his offices
        ("person.peres", "2010-01-01", "ISRGOV"),
        ("person.aristide", "1993-01-01", "HTIELI"),          # in exile after the 1991 coup
        ("person.nasrallah", "2006-07-12", "LBNREB"),
    ],
)
def test_earlier_leaders_codes_on_dates(rules, rule_id, day, code):
    assert _code_on(rules, rule_id, day) == code


@pytest.mark.parametrize("surname", ["kabila", "izetbegovic", "hariri", "castro", "fujimori", "chavez", "moi"])
def test_surnames_shared_in_a_political_family_are_not_bare_aliases(rules, surname):
    bare = [r["id"] for r in rules for n in r["names"] if n.casefold() == surname]
    assert not bare, f"bare surname {surname!r} is an alias of {bare}"


# --- names shared in time: a role's `names` are its holder's only while it holds -----------------------------------

@pytest.mark.parametrize(
    ("text", "day", "rule_id"),
    [
        ("President Bush criticised Russia on Tuesday.", "1990-05-01", "person.george_hw_bush"),
        ("President Bush criticised Russia on Tuesday.", "2006-05-01", "person.george_w_bush"),
        ("President Bush criticised Russia on Tuesday.", "1997-05-01", None),
        ("President Aliyev criticised Russia on Tuesday.", "2001-05-01", "person.heydar_aliyev"),
        ("President Aliyev criticised Russia on Tuesday.", "2004-05-01", "person.ilham_aliyev"),
        ("President Berdymukhamedov criticised Russia on Tuesday.", "2021-05-01", "person.gurbanguly_berdimuhamedov"),
        ("President Berdymukhamedov criticised Russia on Tuesday.", "2022-05-01", "person.serdar_berdimuhamedov"),
        ("King Abdullah criticised Russia on Tuesday.", "2001-05-01", "person.abdullah_ii"),
        ("King Abdullah criticised Russia on Tuesday.", "2012-05-01", None),
    ],
)
def test_a_shared_name_is_its_holder_on_the_date(engine, text, day, rule_id):
    from coder.dataset.articles import Article

    rows, _ = engine.code([Article("t", dt.date.fromisoformat(day), "", text)])
    sources = [r["source_rule"].split("@")[0] for r in rows]
    assert sources == ([rule_id] if rule_id else []), (text, day, sources)


def test_a_shared_name_with_no_date_is_no_one(engine):
    """Matched without a date, a dated name waits apart (DocMentions.dated); with no date it names no one, never a
    guess among its holders."""
    mentions = engine.engine.mentions(engine.nlp("President Bush criticised Russia on Tuesday."))
    assert [(start, end) for start, end, _ in mentions.dated] == [(1, 2)]
    undated = mentions.on(None)
    assert not undated.dated and 1 in undated.unheld
    assert [m.rule.id for m in undated.actors] == ["country.RUS"]
    assert [m.rule.id for m in mentions.on(dt.date(1990, 5, 1)).actors] == ["person.george_hw_bush", "country.RUS"]
