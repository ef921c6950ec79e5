"""Event dates outside the plausible window (by default 1900-01-01 to a year after publication) are not believed: the
event takes the publication date, with date_basis `implausible` (coder.engine.dates.DateWindow)."""

from __future__ import annotations

from datetime import date

import pytest

from coder.dataset.articles import Article
from coder.engine.dates import DateWindow, resolve_date_text
from coder.engine.labels import DATE_BASES
from coder.errors import RuleFileError
from coder.rules.loader import load_rules

PUB = date(2024, 3, 25)


@pytest.mark.parametrize("text, plausible", [
    ("March 13, 1066", False), ("December 31, 1899", False), ("January 1, 1900", True), ("March 13", True),
    ("March 13, 2025", True), ("March 26, 2025", True), ("March 27, 2025", False), ("yesterday", True),
])
def test_the_default_window(text, plausible):
    resolved = resolve_date_text(text, PUB)
    judged = DateWindow().judged(resolved, PUB)
    if plausible:
        assert judged == resolved
    else:
        assert (judged.day, judged.basis, judged.text) == (PUB, "implausible", text)


def test_vague_phrases_stay_vague_and_the_window_moves():
    vague = resolve_date_text("in 1066", PUB)
    assert DateWindow().judged(vague, PUB).basis == "vague"
    old = resolve_date_text("March 13, 1066", PUB)
    assert DateWindow(date(1000, 1, 1), 0).judged(old, PUB) == old
    soon = resolve_date_text("March 26, 2024", PUB)
    assert DateWindow(date(1900, 1, 1), 0).judged(soon, PUB).basis == "implausible"
    assert "implausible" in DATE_BASES


def test_an_implausible_event_date_falls_back_to_publication(engine):
    article = Article("w", PUB, "", "Kazakhstan and Kyrgyzstan signed an agreement on March 13, 1066.")
    rows, _ = engine.code([article])
    assert {(r["event_date"], r["date_basis"]) for r in rows} == {(PUB, "implausible")}
    article = Article("w2", PUB, "", "Kazakhstan and Kyrgyzstan signed an agreement on March 13, 2024.")
    rows, _ = engine.code([article])
    assert {(r["event_date"], r["date_basis"]) for r in rows} == {(date(2024, 3, 13), "explicit")}


def test_the_window_is_an_engine_setting(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("settings:\n  earliest_event_date: 1000-01-01\n  event_days_after_publication: 30\n")
    settings = load_rules(["engine"], [path]).settings
    assert (settings.earliest_event_date, settings.event_days_after_publication) == (date(1000, 1, 1), 30)
    assert load_rules(["engine"]).settings.earliest_event_date == date(1900, 1, 1)
    for text in ("settings:\n  event_days_after_publication: -1\n", "settings:\n  earliest_event_date: soon\n"):
        path.write_text(text)
        with pytest.raises(RuleFileError) as error:
            load_rules(["engine"], [path])
        assert error.value.error.code == "E204" and error.value.where == f"{path}:2"
