"""Each kind of fault in a rule file has its own stable code (coder.errors, docs/errors.md), and every fault is one
line that names the file and, where the fault has one, the line. Malformed YAML never escapes as a Python error."""

from __future__ import annotations

import textwrap

import pytest

from coder.errors import CATALOGUE, RuleFileError
from coder.rules.loader import load_rules
from coder.rules.petrarch import load_petrarch

BASE = ["engine", "countries", "verbs"]

# (the code, the file's text, the line the fault is on)
FAULTS = {
    "syntax": ("E202", "verbs:\n  - id: x\n    lemma: [meet\n    code: '040'\n", 4),  # where YAML notices it
    "key written twice": ("E202", "verbs:\n  - id: x\n    lemma: meet\n    lemma: talk\n    code: '040'\n", 4),
    "key that is a list": ("E202", "verbs:\n  - {? [a, b] : 1, id: x}\n", 2),
    "control character": ("E202", "verbs:\n  - {id: x\x00}\n", 2),
    "unknown section": ("E203", "verb:\n  - {id: x, lemma: meet, code: '040'}\n", 1),
    "unknown field": ("E203", "verbs:\n  - {id: x, lemmas: meet, code: '040'}\n", 2),
    "unknown setting": ("E203", "settings:\n  intent_verb: [plan]\n", 2),
    "unknown role field": ("E203", "actors:\n  - id: p\n    kind: person\n    names: [Pat Doe]\n"
                                   "    roles:\n      - {code: KAZGOV, since: 2020-01-01}\n", 6),
    "section not a list": ("E204", "verbs: {id: x}\n", 1),
    "rule not a mapping": ("E204", "verbs:\n  - just words\n", 1),
    "words not a list": ("E204", "verbs:\n  - {id: x, lemma: {a: b}, code: '040'}\n", 2),
    "not a date": ("E204", "actors:\n  - id: p\n    kind: person\n    names: [Pat Doe]\n"
                           "    roles:\n      - {code: KAZGOV, from: 2020-31-12}\n", 6),
    "kind not a choice": ("E204", "actors:\n  - {id: a, kind: nation, code: KAZ, names: [Kazland]}\n", 2),
    "no id": ("E205", "verbs:\n  - {lemma: meet, code: '040'}\n", 2),
    "no names": ("E205", "actors:\n  - {id: a, kind: country, code: KAZ}\n", 2),
    "no lemma or noun": ("E205", "verbs:\n  - {id: x, code: '040'}\n", 2),
    "not a CAMEO code": ("E206", "verbs:\n  - {id: x, lemma: meet, code: '0577'}\n", 2),
    "unquoted code": ("E206", "verbs:\n  - {id: x, lemma: meet, code: 40}\n", 2),
    "code that is a list": ("E206", "verbs:\n  - {id: x, lemma: meet, code: ['040']}\n", 2),
    "code prefix of nothing": ("E206", "settings:\n  joint_codes: ['99']\n", 2),
    "answered code of nothing": ("E206", "settings:\n  answered_codes:\n    '016': ['99']\n", 2),
    "answered codes not lists": ("E204", "settings:\n  answered_codes:\n    '016': '11'\n", 2),
    "not an actor code": ("E207", "actors:\n  - {id: a, kind: country, code: kaz, names: [Kazland]}\n", 2),
    "not a sector": ("E207", "agents:\n  - {id: g, sector: gov, words: [clerk]}\n", 2),
    "place in no known country": ("E207", "places:\n  - {id: p, country: XYZ, names: [Atlantis]}\n", 2),
    "alias taken": ("E208", "actors:\n  - {id: a, kind: organisation, code: IGOUNO, names: [The Council]}\n"
                            "  - {id: b, kind: organisation, code: IGOEUREEC, names: [the council]}\n", 3),
    "place name is an actor": ("E208", "places:\n  - {id: p, country: KAZ, names: [Astana]}\n", 2),
    "roles overlap": ("E209", "actors:\n  - id: p\n    kind: person\n    names: [Pat Doe]\n    roles:\n"
                              "      - {code: KAZGOV, from: 2010-01-01, until: 2015-01-01}\n"
                              "      - {code: KAZLEG, from: 2014-06-01}\n", 7),
    "dated name held twice at once": ("E209", "actors:\n  - id: p\n    kind: person\n    names: [Pat Doe]\n"
                                              "    roles:\n      - {code: KAZGOV, from: 2010-01-01, until: 2015-01-01, "
                                              "names: [President Doe]}\n  - id: q\n    kind: person\n"
                                              "    names: [Sam Doe]\n    roles:\n"
                                              "      - {code: KAZGOV, from: 2014-06-01, names: [President Doe]}\n", 11),
    "dated name is an alias": ("E208", "actors:\n  - id: p\n    kind: person\n    names: [Pat Doe, Doe]\n"
                                       "    roles:\n      - {code: KAZGOV, from: 2010-01-01}\n  - id: q\n"
                                       "    kind: person\n    names: [Sam Doe]\n    roles:\n"
                                       "      - {code: KAZGOV, from: 2016-01-01, names: [Doe]}\n", 11),
    "role ends before it starts": ("E209", "actors:\n  - id: p\n    kind: person\n    names: [Pat Doe]\n    roles:\n"
                                           "      - {code: KAZGOV, from: 2015-01-01, until: 2010-01-01}\n", 6),
    "symmetric with a reverse code": ("E201", "verbs:\n  - {id: x, lemma: meet, code: '040', symmetric: true, "
                                              "reverse_code: '040'}\n", 2),
    "person with a code": ("E201", "actors:\n  - {id: p, kind: person, code: KAZGOV, names: [Pat Doe]}\n", 2),
    "two-word preposition": ("E201", "verbs:\n  - {id: x, lemma: meet, code: '040', prep: along with}\n", 2),
}


def _fault(tmp_path, text: str) -> RuleFileError:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rules(BASE, [path])
    return info.value


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_each_kind_of_fault_has_its_code_and_place(tmp_path, kind):
    code, text, line = FAULTS[kind]
    error = _fault(tmp_path, text)
    assert error.error.code == code, error.one_line()
    assert error.where == f"{tmp_path / 'mine.yaml'}:{line}", error.one_line()
    assert error.one_line() == f"error {code}: {error}" and "\n" not in error.one_line()


def test_the_rule_codes_are_in_the_catalogue():
    used = {code for code, _, _ in FAULTS.values()}
    assert used <= set(CATALOGUE)
    assert all(CATALOGUE[c].title for c in used)


def test_a_missing_file_and_an_unknown_packaged_set(tmp_path):
    with pytest.raises(RuleFileError) as info:
        load_rules(BASE, [tmp_path / "absent.yaml"])
    assert info.value.error.code == "E210" and info.value.where == str(tmp_path / "absent.yaml")
    with pytest.raises(RuleFileError) as info:
        load_rules(["engine", "no_such_set"])
    assert info.value.error.code == "E210" and "known sets:" in str(info.value)


def test_a_missing_petrarch_dictionary(tmp_path):
    with pytest.raises(RuleFileError) as info:
        load_petrarch(verbs=[tmp_path / "absent.verbs.txt"])
    assert info.value.error.code == "E211" and info.value.where == str(tmp_path / "absent.verbs.txt")


def test_messages_stay_as_they_were(tmp_path):
    """The codes are new; the words of the messages are the loader's own, which users and tests rely on."""
    error = _fault(tmp_path, textwrap.dedent("""\
        verbs:
          - id: sign.special
            lemma: sign
            code: "0577"
        """))
    assert str(error) == (f"{tmp_path / 'mine.yaml'}:2: 'code' is '0577', which is not a CAMEO code; use one from "
                          f"coder/ontology/cameo_codes.tsv")
