"""The coder's output on fixed inputs equals the committed expectation (tests/golden.py): a refactoring or speed-up
that changes one event fails here, and a deliberate change shows up as a diff of tests/expected/*.jsonl."""

from __future__ import annotations

import pytest

from tests.golden import FOLDERS, expected_path, folder_events, petr_outcomes, read_expected


def _first_difference(got: list[dict], want: list[dict]) -> str:
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            keys = sorted(k for k in set(g) | set(w) if g.get(k) != w.get(k))
            return f"row {i}: " + "; ".join(f"{k}: got {g.get(k)!r}, expected {w.get(k)!r}" for k in keys)
    return f"{len(got)} rows, expected {len(want)}"


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FOLDERS))
def test_events_equal_the_committed_expectation(name, engine):
    folder = FOLDERS[name]
    if not folder.exists():
        pytest.skip(f"{folder} is not available")
    got, want = folder_events(folder, engine), read_expected(name)
    assert got == want, _first_difference(got, want)


@pytest.mark.slow
def test_petrarch_unit_test_outcomes_equal_the_committed_expectation(petr_unittest_outcomes):
    # petr_unittest_outcomes (conftest) skips, naming ../shared/eval/petr, where PETRARCH's records are absent
    got, want = petr_outcomes(petr_unittest_outcomes), read_expected("petr_unittest")
    assert got == want, _first_difference(got, want)


def test_the_expectations_are_committed():
    assert expected_path("sample").exists()
