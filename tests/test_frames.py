"""Frame cases of the coding engine on real-looking sentences: compound actors, passives, negation and refusal,
modality, reported speech, event nouns, coreference, capitals, and people coded by the event date."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).with_name("frame_cases.yaml")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_frame_case(case, code_sentence):
    got = {(s, t, c) for s, t, c, _ in code_sentence(case["text"], str(case.get("date", "2024-06-14")))}
    assert got == {tuple(e) for e in case["events"]}


def test_modality_is_recorded(code_sentence):
    (event,) = {e for e in code_sentence("Kazakhstan intends to sign a trade agreement with China.")}
    assert event[3] == "intended"
    reported = code_sentence("Kyrgyzstan said Tajik troops attacked a Kyrgyz village.")
    assert {e[3] for e in reported} == {"reported"}
    assert {e[3] for e in code_sentence("Tokayev met Putin in Moscow.")} == {"asserted"}


def test_every_frame_case_has_negative_examples():
    assert sum(1 for c in CASES if not c["events"]) >= 6
