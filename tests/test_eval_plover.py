"""PLOVER scoring (coder/evaluation/plover.py) and its listing command, `coder-eval plover`, on records written here
(the real records are third-party, in ../shared/eval/plover-gsr/)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from coder.evaluation.plover import PloverRecord, format_outcome, outcomes, score
from tests.conftest import run_cli


def record(rid: str, category: str, sources: set[str], targets: set[str]) -> PloverRecord:
    return PloverRecord(rid, f"sentence {rid}", category, date(2001, 5, 4), sources, targets)


def event(rid: str, code: str, source: str, target: str) -> dict:
    return {"article_id": rid, "event_code": code, "source_code": source, "target_code": target}


def test_found_needs_the_category_and_paired_needs_the_countries():
    records = [record("a", "DISAPPROVE", {"KAZ"}, {"RUS"}), record("b", "ASSAULT", {"IRQ"}, set()),
               record("c", "PROTEST", {"DZA"}, {"DZA"}), record("d", "SUPPORT", {"IGO"}, {"PSE"})]
    rows = [event("a", "112", "KAZGOV", "RUSGOV"), event("a", "040", "KAZ", "RUS"),
            event("b", "2042", "IRQREB", "IRQCVL"),       # 20 belongs to ASSAULT; the record names no target
            event("c", "111", "DZAGOV", "DZAOPP"),        # another category: not found
            event("d", "051", "NGOAMN", "PSE")]           # found, but an NGO is not the record's IGO
    found = {o.record.id: (o.found, o.paired) for o in outcomes(records, rows)}
    assert found == {"a": (True, True), "b": (True, True), "c": (False, False), "d": (True, False)}
    result = score(records, rows)
    assert (result.records, result.found, result.with_countries, result.off_category) == (4, 3, 2, 2)
    line = format_outcome(outcomes(records, rows)[2])
    assert line.startswith("c  PROTEST") and "DZA -> DZA" in line and line.endswith("coded: DZAGOV->DZAOPP 111")


def test_the_command_lists_the_records_it_missed(tmp_path: Path):
    lines = [{"id": "r1", "text": "Kazakhstan condemned Russia on Monday.", "event": "DISAPPROVE",
              "date": "2015-03-02", "source": [{"code": "KAZ"}], "target": [{"code": "RUS"}]},
             {"id": "r2", "text": "The weather in Astana was mild on Monday.", "event": "PROTEST",
              "date": "2015-03-02", "source": [{"code": "KAZ"}], "target": ""}]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run_cli("plover", "--records", str(path), "--show", "missed", tool="coder-eval")
    assert result.returncode == 0, result.stderr
    listed = [line for line in result.stdout.splitlines() if line.startswith("r")]
    assert [line.split()[0] for line in listed] == ["r2"] and listed[0].endswith("coded: nothing")
    assert "category found: 0.500 (1)" in result.stdout and "with countries: 0.500 (1)" in result.stdout


def test_missing_records_is_a_one_line_error(tmp_path: Path):
    result = run_cli("plover", "--records", str(tmp_path / "absent.jsonl"), tool="coder-eval")
    assert result.returncode != 0 and "give --records FILE" in result.stderr.strip().splitlines()[-1]
