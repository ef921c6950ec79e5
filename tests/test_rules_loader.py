"""The rule language: validation errors are one line with file:line and a fix; user files extend and override."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from coder.rules.loader import load_rules
from coder.errors import RuleFileError

BASE = ["engine", "countries", "verbs"]


def write(tmp_path, text: str, name: str = "mine.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_for(tmp_path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(RuleFileError) as info:
        load_rules(BASE, [path])
    message = str(info.value)
    assert "\n" not in message
    return message


def test_unknown_cameo_code_names_file_and_line(tmp_path):
    message = error_for(tmp_path, """\
        verbs:
          - id: sign.special
            lemma: sign
            code: "0577"
        """)
    assert message.startswith(f"{tmp_path / 'mine.yaml'}:2:")
    assert "0577" in message and "not a CAMEO code" in message


def test_unquoted_code_is_refused(tmp_path):
    message = error_for(tmp_path, "verbs:\n  - {id: x, lemma: meet, code: 40}\n")
    assert ":2:" in message and "quoted" in message


def test_overlapping_roles(tmp_path):
    message = error_for(tmp_path, """\
        actors:
          - id: person.someone
            kind: person
            country: KAZ
            names: [Someone Somebody]
            roles:
              - {code: KAZGOV, from: 2010-01-01, until: 2015-01-01}
              - {code: KAZLEG, from: 2014-06-01}
        """)
    assert ":8:" in message and "overlap" in message


def test_duplicate_alias_with_different_codes_in_one_file(tmp_path):
    message = error_for(tmp_path, """\
        actors:
          - {id: org.a, kind: organisation, code: IGOUNO, names: [The Council]}
          - {id: org.b, kind: organisation, code: IGOEUREEC, names: [the council]}
        """)
    assert ":3:" in message and "already an alias" in message


def test_yaml_syntax_error_has_line(tmp_path):
    message = error_for(tmp_path, "verbs:\n  - id: x\n    lemma: [meet\n    code: '040'\n")
    assert "mine.yaml:" in message and "YAML syntax error" in message


def test_unknown_field_and_bad_date(tmp_path):
    assert "unknown field 'lemmas'" in error_for(tmp_path, "verbs:\n  - {id: x, lemmas: meet, code: '040'}\n")
    message = error_for(tmp_path, """\
        actors:
          - id: person.x
            kind: person
            country: KGZ
            names: [Xy Zed]
            roles:
              - {code: KGZGOV, from: 2020-31-12}
        """)
    assert ":7:" in message and "YYYY-MM-DD" in message


def test_user_file_wins_for_same_alias(tmp_path):
    path = write(tmp_path, """\
        actors:
          - {id: my.astana_city, kind: organisation, code: KAZGOV, names: [Astana]}
        """)
    rules = load_rules(BASE, [path])
    form, rule = rules.actor_aliases["astana"]
    assert rule.id == "my.astana_city"
    assert rules.actor_aliases["kazakhstan"][1].id == "country.KAZ"


def test_people_are_coded_by_date(tmp_path):
    path = write(tmp_path, """\
        actors:
          - id: person.test_leader
            kind: person
            country: KAZ
            names: [Test Leader]
            roles:
              - {code: KAZGOV, from: 2019-03-20}
        """)
    rule = next(r for r in load_rules(BASE, [path]).actors if r.id == "person.test_leader")
    assert rule.code_on(date(2024, 1, 1)) == "KAZGOV"
    assert rule.code_on(date(2018, 1, 1)) == "KAZELI"


def test_a_role_names_its_holder_only_while_it_holds(tmp_path):
    """Two people may share a name a role gives them ("President Doe") when their roles do not overlap in time; the
    holders are kept in date order, and overlapping holders are a fault that names both."""
    path = write(tmp_path, """\
        actors:
          - id: person.son_doe
            kind: person
            country: KAZ
            names: [Sam Doe]
            roles:
              - {code: KAZGOV, from: 2016-01-01, note: President, names: [President Doe]}
          - id: person.father_doe
            kind: person
            country: KAZ
            names: [Pat Doe]
            roles:
              - {code: KAZGOV, from: 2000-01-01, until: 2015-12-31, note: President, names: [President Doe, Doe]}
        """)
    rules = load_rules(BASE, [path])
    holders = rules.dated_names["president doe"]
    assert [(h.rule.id, h.start, h.end) for h in holders] == [
        ("person.father_doe", date(2000, 1, 1), date(2015, 12, 31)), ("person.son_doe", date(2016, 1, 1), None)]
    assert [h.rule.id for h in holders if h.holds_on(date(2020, 5, 1))] == ["person.son_doe"]
    assert not [h for h in holders if h.holds_on(date(1999, 5, 1))]
    assert "president doe" not in rules.actor_aliases and "doe" not in rules.actor_aliases
    message = error_for(tmp_path, """\
        actors:
          - id: person.son_doe
            kind: person
            country: KAZ
            names: [Sam Doe]
            roles:
              - {code: KAZGOV, from: 2015-06-01, names: [President Doe]}
          - id: person.father_doe
            kind: person
            country: KAZ
            names: [Pat Doe]
            roles:
              - {code: KAZGOV, from: 2000-01-01, until: 2015-12-31, names: [President Doe]}
        """)
    assert ":13:" in message and "person.son_doe" in message and "person.father_doe" in message \
        and "disjoint" in message


def test_a_user_alias_wins_over_a_packaged_dated_name(tmp_path):
    path = write(tmp_path, """\
        actors:
          - {id: my.bush_foundation, kind: organisation, code: USANGO, names: [Bush]}
        """)
    rules = load_rules([*BASE, "people"], [path])
    assert rules.actor_aliases["bush"][1].id == "my.bush_foundation" and "bush" not in rules.dated_names
    assert {h.rule.id for h in load_rules([*BASE, "people"]).dated_names["bush"]} == {
        "person.george_hw_bush", "person.george_w_bush"}


def test_packaged_rules_load_and_hash_is_stable():
    first, second = load_rules(), load_rules()
    assert first.rules_hash == second.rules_hash
    assert len(first.verbs) > 50 and len(first.actors) > 200


def test_place_with_unknown_country_or_actor_name_is_refused(tmp_path):
    message = error_for(tmp_path, """\
        places:
          - id: place.nowhere
            country: XYZ
            names: [Atlantis]
        """)
    assert message.startswith(f"{tmp_path / 'mine.yaml'}:2:") and "XYZ" in message
    message = error_for(tmp_path, """\
        places:
          - id: place.capital
            country: KAZ
            names: [Astana]
        """)
    assert ":2:" in message and "already an alias of actor 'country.KAZ'" in message
    message = error_for(tmp_path, """\
        places:
          - id: place.bad
            country: kaz
            names: [Almaty]
        """)
    assert "3-letter country code" in message


def test_user_places_say_where_things_happen(tmp_path):
    path = write(tmp_path, """\
        places:
          - id: place.my_towns
            country: KGZ
            names: [Tamga, Bokonbaev]
        """)
    rules = load_rules(BASE, [path])
    assert rules.places["tamga"].country == "KGZ"
    assert rules.places["bokonbaev"].id == "place.my_towns"


def test_organisation_with_dated_roles(tmp_path):
    path = write(tmp_path, """\
        actors:
          - id: org.movement
            kind: organisation
            names: [Freedom Movement]
            roles:
              - {code: AFGREB, until: 2020-12-31}
              - {code: AFGGOV, from: 2021-01-01}
        """)
    rules = load_rules(BASE, [path])
    rule = rules.actor("org.movement")
    assert (rule.code_on(date(2019, 5, 1)), rule.code_on(date(2022, 5, 1))) == ("AFGREB", "AFGGOV")
    message = error_for(tmp_path, """\
        actors:
          - id: org.both
            kind: organisation
            code: ABCREB
            names: [Both Movement]
            roles:
              - {code: ABCGOV, from: 2021-01-01}
        """)
    assert ":2:" in message and "both code and roles" in message


def test_code_prefix_settings_are_checked(tmp_path):
    message = error_for(tmp_path, """\
        settings:
          joint_codes: ["04", "99"]
        """)
    assert ":2:" in message and "'99'" in message and "begins no CAMEO code" in message
    path = write(tmp_path, """\
        settings:
          joint_codes: ["04"]
        """)
    assert load_rules(BASE, [path]).settings.joint_codes == ["04"]


def test_a_rule_files_string_pickles_with_its_line():
    """Codes can come straight from a rule file into event rows that worker processes send back (pickled)."""
    import pickle

    from coder.rules.yaml_lines import LineStr

    again = pickle.loads(pickle.dumps(LineStr("KGZ", 12)))
    assert again == "KGZ" and again.line == 12
