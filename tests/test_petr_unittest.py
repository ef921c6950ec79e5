"""PETRARCH's own unit-test suite through `coder-eval petr` (coder/cli/eval_petr.py): the count must not fall.

PETRARCH-2 itself gets 97/284 on these records with these dictionaries (../shared/eval/petr/README.md)."""

from __future__ import annotations

import pytest

from coder.cli.eval_petr import main
from coder.evaluation.petrarch import RECORDS, UNITTEST_DICTS, category_table, report
from tests.conftest import shared_reason

# The count this branch reached; raise it when the runner gets better, never lower it.
PETR_UNITTEST_CORRECT = 258

pytestmark = pytest.mark.skipif(not RECORDS.exists() or not UNITTEST_DICTS.exists(),
                                reason=shared_reason("eval", "petr"))


@pytest.fixture(scope="module")
def outcomes(petr_unittest_outcomes):
    return petr_unittest_outcomes


def test_unit_test_count_does_not_fall(outcomes):
    correct = sum(o.correct for o in outcomes)
    assert len(outcomes) == 284
    assert correct >= PETR_UNITTEST_CORRECT, report(outcomes, "failed")


def test_every_category_is_reported(outcomes):
    table = category_table(outcomes)
    assert sum(total for _, _, total in table) == 284
    assert {cat for cat, _, _ in table} >= {"DEMO", "SYNSET", "DATE", "ERROR", "COMPOUND", "PATTERN", "VERB"}


def test_error_records_are_reported_as_errors(outcomes):
    errors = [o for o in outcomes if o.record.get("error")]
    assert errors and all(o.correct for o in errors)


def test_command_prints_the_count_as_its_last_line(capsys):
    assert main(["--category", "DATE"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == "petr-unittest: 21/21"
