"""Rule checks that catch a user's mistakes with a message that says how to fix them: actor codes checked against
the countries, regions, sectors and organisations the project knows, with the nearest valid code suggested; an
unquoted event code that YAML read as an octal number quoted back as written; a missing field named as missing."""

from __future__ import annotations

import textwrap

import pytest

from coder.errors import RuleFileError
from coder.rules.loader import load_rules
from coder.rules.sections.codes import known_codes
from tests.conftest import run_cli

BASE = ["engine", "countries", "organisations", "verbs"]


def _error(tmp_path, text: str) -> RuleFileError:
    path = tmp_path / "mine.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rules(BASE, [path])
    return info.value


@pytest.mark.parametrize("code, nearest", [("KYRGOV", "KGZGOV"), ("KAZGOX", "KAZGOV"), ("UZBGOVMLI", "UZBGOVMIL"),
                                           ("IGOEASCST", "IGOEASCSTO"), ("TJKREBEL", "TJKREB")])
def test_unknown_actor_codes_fail_with_the_nearest_valid_code(tmp_path, code, nearest):
    error = _error(tmp_path, f"""\
        actors:
          - {{id: my.a, kind: organisation, code: {code}, names: [Some Body Office]}}
        """)
    assert error.error.code == "E207"
    assert error.where.endswith("mine.yaml:2")
    assert f"'{code}'" in str(error) and f"did you mean {nearest} (" in str(error), str(error)


def test_a_code_with_no_country_near_it_fails_and_says_where_codes_are(tmp_path):
    error = _error(tmp_path, """\
        actors:
          - id: my.someone
            kind: person
            country: AZE
            names: [Ali Someone]
            roles:
              - {code: ZZZGOVX, from: 2019-10-08}
        """)
    assert error.error.code == "E207" and error.where.endswith("mine.yaml:7")
    assert "'ZZZ' is not a country or region code" in str(error) and "countries.yaml" in str(error)


def test_known_codes_pass():
    known = known_codes()
    for code in ("KAZ", "KAZGOV", "KGZGOVMIL", "CAS", "---GOV", "IGOEASCSTO", "IGOUNO", "NATO", "NGOHRW", "NGOKAZ",
                 "NGOKAZHRI", "USAGOVLEG", "IGO"):
        assert known.problem(code) is None, (code, known.problem(code))
    for code in ("KYRGOV", "ZZZGOVX", "IGOXYZ", "KAZGOVMUN", "RUSSIA"):
        assert known.problem(code) is not None, code


def test_agent_sector_suggests_the_nearest_sector(tmp_path):
    error = _error(tmp_path, "agents:\n  - {id: my.clerk, sector: GOX, words: [clerk]}\n")
    assert error.error.code == "E207" and "did you mean GOV?" in str(error)


def test_place_country_suggests_the_country_by_its_name(tmp_path):
    error = _error(tmp_path, "places:\n  - {id: my.p, country: KYR, names: [Atlantis]}\n")
    assert error.error.code == "E207" and "did you mean KGZ (Kyrgyzstan)?" in str(error)


def test_an_unquoted_octal_code_is_quoted_back_as_written(tmp_path):
    error = _error(tmp_path, """\
        verbs:
          - id: my.reprimand
            lemma: reprimand
            code: 061
        """)
    assert error.error.code == "E206"
    assert error.where.endswith("mine.yaml:4")  # the line the digits are on
    assert "written 061 without quotes" in str(error) and "octal number 49" in str(error)
    assert "write it quoted: '061'" in str(error)


def test_an_unquoted_reverse_code_in_a_flow_mapping(tmp_path):
    error = _error(tmp_path, "verbs:\n  - {id: my.x, lemma: scold, code: '111', reverse_code: 040}\n")
    assert "'reverse_code' is written 040 without quotes" in str(error) and "write it quoted: '040'" in str(error)


def test_an_unquoted_code_without_its_leading_zero(tmp_path):
    error = _error(tmp_path, "verbs:\n  - {id: my.x, lemma: scold, code: 40}\n")
    assert "written 40 without quotes" in str(error) and "write it quoted: '040'" in str(error)


def test_a_missing_code_is_named_as_missing(tmp_path):
    error = _error(tmp_path, "verbs:\n  - id: my.reprimand\n    lemma: reprimand\n")
    assert error.error.code == "E205" and error.where.endswith("mine.yaml:2")
    assert "rule 'my.reprimand' has no 'code' (the field is missing)" in str(error)
    error = _error(tmp_path, "actors:\n  - {id: my.org, kind: organisation, names: [Some Body Office]}\n")
    assert error.error.code == "E205" and "rule 'my.org' has no 'code' (the field is missing)" in str(error)


def test_lower_case_codes_are_told_to_be_upper_case(tmp_path):
    error = _error(tmp_path, "actors:\n  - {id: my.org, kind: organisation, code: kazgov, names: [Some Body Office]}\n")
    assert error.error.code == "E207" and "write it in upper case: KAZGOV" in str(error)


def test_coder_rules_check_prints_the_one_line(tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("verbs:\n  - {id: my.reprimand, lemma: reprimand, code: '111'}\n", encoding="utf-8")
    bad.write_text("verbs:\n  - {id: my.scold, lemma: scold, code: 061}\n", encoding="utf-8")
    result = run_cli("check", str(good), str(bad), tool="coder-rules")
    assert result.returncode == 2
    assert result.stdout.strip() == f"{good}: ok"
    assert result.stderr.strip() == (f"error E206: {bad}:2: 'code' is written 061 without quotes, which YAML reads as "
                                     f"the octal number 49; write it quoted: '061'")
