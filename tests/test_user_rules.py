"""A user's own rule file, added through config, changes the output (end to end through the CLI), and a broken
one stops the run with a one-line file:line error."""

from __future__ import annotations

import polars as pl

from tests.conftest import run_cli

ARTICLE = """ date 2025-02-11 10:00
Fictional leader visits Bishkek

BISHKEK, Feb 11 – Zarina Qadirova met Kyrgyz President Sadyr Japarov on Monday. Qadirova also reprimanded Kyrgyzstan over its new customs rules.
"""

USER_RULES = """\
actors:
  - id: my.qadirova
    kind: person
    country: TJK
    names: [Zarina Qadirova, Qadirova]
    roles:
      - {code: TJKGOV, from: 2024-01-01}
verbs:
  # Tajikistan reprimanded Kyrgyzstan.
  - {id: my.reprimand, lemma: reprimand, code: "111"}
"""


def test_user_rule_file_changes_output(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    plain = run_cli(f"input.path={inp}", f"output.path={tmp_path / 'plain'}")
    assert plain.returncode == 0, plain.stderr[-2000:]
    rules = tmp_path / "my_rules.yaml"
    rules.write_text(USER_RULES, encoding="utf-8")
    extended = run_cli(f"input.path={inp}", f"output.path={tmp_path / 'ext'}", f"rules.extra=[{rules}]")
    assert extended.returncode == 0, extended.stderr[-2000:]
    def read(path):
        if not list(path.glob("year=*/month=*/*.parquet")):
            return pl.DataFrame({"source_code": [], "target_code": [], "event_code": [], "rules_hash": []})
        return pl.scan_parquet(path, hive_partitioning=True).collect()

    before = {(r["source_code"], r["target_code"], r["event_code"]) for r in read(tmp_path / "plain").iter_rows(named=True)}
    after = read(tmp_path / "ext")
    got = {(r["source_code"], r["target_code"], r["event_code"]) for r in after.iter_rows(named=True)}
    assert ("TJKGOV", "KGZGOV", "040") in got and ("TJKGOV", "KGZ", "111") in got
    assert not any(s.startswith("TJK") for s, _, _ in before)
    assert "my.reprimand" in after["rule_id"].to_list()


def test_broken_user_rule_file_is_a_one_line_error(tmp_path):
    rules = tmp_path / "broken.yaml"
    rules.write_text("verbs:\n  - {id: bad.one, lemma: scold, code: \"999\"}\n", encoding="utf-8")
    result = run_cli(f"input.path={tmp_path}", f"output.path={tmp_path / 'out'}", f"rules.extra=[{rules}]")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "broken.yaml:2:" in line]
    assert lines and "999" in lines[0] and "not a CAMEO code" in lines[0]
