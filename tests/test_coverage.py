"""Coverage of the CAMEO ontology by the packaged verb rules (`coder-rules coverage`), and `coder-rules check`."""

from __future__ import annotations

import pytest

from coder.ontology import load_ontology
from coder.cli.rules import main
from coder.rules.coverage import check_files, coverage, format_coverage, rule_codes, unknown_codes
from coder.rules.loader import PACKAGED_DIR, load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_at_least_280_codes_have_a_verb_rule(rules):
    report = coverage(rules)
    covered = sum(len(row.covered) for row in report)
    total = sum(len(row.codes) for row in report)
    assert total == len(load_ontology()) == 316
    assert covered >= 280, format_coverage(report)


def test_every_root_has_rules(rules):
    for row in coverage(rules):
        assert row.rule_count > 0, row.root
        assert len(row.covered) >= len(row.codes) // 2, (row.root, row.missing)


def test_every_code_used_is_in_the_ontology(rules):
    ontology = load_ontology()
    assert unknown_codes(rules) == []
    for code, ids in rule_codes(rules).items():
        assert code in ontology, (code, ids)
        assert isinstance(code, str) and len(code) in (2, 3, 4), (code, ids)


def test_every_verb_rule_has_an_example(rules):
    packaged = [r for r in rules.verbs if "dictionaries/verbs/" in r.source]
    assert packaged
    missing = [r.id for r in packaged if not (r.example and r.example.strip())]
    assert missing == []


def test_coverage_command_prints_table(capsys):
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out
    assert "CAMEO codes with at least one verb rule:" in out
    for root in ("01", "10", "20"):
        assert f"\n{root} " in out


def test_check_accepts_packaged_and_rejects_bad_files(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text('verbs:\n  - {id: bad.code, lemma: sign, code: "0577"}\n', encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text('verbs:\n  - {id: my.sign, lemma: initial, object: [treaty], code: "057", symmetric: true}\n',
                    encoding="utf-8")
    fight = PACKAGED_DIR / "verbs" / "19_fight.yaml"
    results = dict(check_files([fight, good, bad]))
    assert results[str(fight)] is None
    assert results[str(good)] is None
    assert "0577" in results[str(bad)] and ":2:" in results[str(bad)]
    assert main(["check", str(good)]) == 0
    assert main(["check", str(bad)]) == 2  # a faulty file is a user's mistake: status 2, its line on stderr
    printed = capsys.readouterr()
    out, err = printed.out.strip().splitlines(), printed.err.strip().splitlines()
    assert out[0].endswith(": ok")
    assert len(out) == 1 and len(err) == 1 and "not a CAMEO code" in err[0] and err[0].startswith("error E206: ")


def test_coverage_counts_wordings_per_code(rules, capsys):
    from coder.rules.coverage import wordings

    found = wordings(rules)
    assert ("meet", "", "", frozenset()) in found["040"]
    assert main(["coverage", "--codes"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    assert int(lines["040"].split()[1]) == len(found["040"]) and len(lines) == 316
