"""Construction rules (`constructions:` in a rule file): dependency patterns in spaCy's DependencyMatcher syntax that
name the event and its parties. Loading validates them with file:line errors; the engine reads a match as a frame."""

from __future__ import annotations

from datetime import date

import pytest

from coder.config import CoderConfig, register_configs
from coder.dataset.articles import Article
from coder.errors import RuleFileError
from coder.jobs.coder import Coder
from coder.rules.loader import load_rules

UNDER_FIRE = """
constructions:
  - id: my.come_under_fire
    patterns:
      # "The posts came under fire from Kyrgyz troops": the from-phrase hangs on the verb ...
      - - {RIGHT_ID: verb, RIGHT_ATTRS: {LEMMA: come}}
        - {LEFT_ID: verb, REL_OP: ">", RIGHT_ID: under, RIGHT_ATTRS: {DEP: prep, LOWER: under}}
        - {LEFT_ID: under, REL_OP: ">", RIGHT_ID: attack, RIGHT_ATTRS: {DEP: pobj, LEMMA: {IN: [fire, shelling]}}}
        - {LEFT_ID: verb, REL_OP: ">", RIGHT_ID: victim, RIGHT_ATTRS: {DEP: {IN: [nsubj, nsubjpass]}}}
        - {LEFT_ID: verb, REL_OP: ">", RIGHT_ID: from, RIGHT_ATTRS: {DEP: prep, LOWER: from}}
        - {LEFT_ID: from, REL_OP: ">", RIGHT_ID: attacker, RIGHT_ATTRS: {DEP: pobj}}
      # ... or on the noun, or is missing
      - - {RIGHT_ID: verb, RIGHT_ATTRS: {LEMMA: come}}
        - {LEFT_ID: verb, REL_OP: ">", RIGHT_ID: under, RIGHT_ATTRS: {DEP: prep, LOWER: under}}
        - {LEFT_ID: under, REL_OP: ">", RIGHT_ID: attack, RIGHT_ATTRS: {DEP: pobj, LEMMA: {IN: [fire, shelling]}}}
        - {LEFT_ID: verb, REL_OP: ">", RIGHT_ID: victim, RIGHT_ATTRS: {DEP: {IN: [nsubj, nsubjpass]}}}
        - {LEFT_ID: attack, REL_OP: ">", RIGHT_ID: from, RIGHT_ATTRS: {DEP: prep, LOWER: from}, OPTIONAL: true}
        - {LEFT_ID: from, REL_OP: ">", RIGHT_ID: attacker, RIGHT_ATTRS: {DEP: pobj}, OPTIONAL: true}
    event: verb
    source: attacker
    target: victim
    claims: [attack]
    code: "190"
    example: "Tajik border posts came under fire from Kyrgyz troops."
"""


@pytest.fixture(scope="module")
def coder_with(tmp_path_factory):
    rules = tmp_path_factory.mktemp("rules") / "under_fire.yaml"
    rules.write_text(UNDER_FIRE, encoding="utf-8")
    register_configs()
    cfg = CoderConfig()
    cfg.rules.extra = [str(rules)]
    coder = Coder(cfg)

    def code(text: str, day: str = "2024-05-02") -> set[tuple[str, str, str, str]]:
        rows, _ = coder.code([Article("t", date.fromisoformat(day), "", text)])
        return {(r["source_code"], r["target_code"], r["event_code"], r["source_rule"].split("@")[-1]) for r in rows}

    return code


def test_a_construction_names_the_parties_by_their_roles(coder_with):
    assert coder_with("Tajik border posts came under fire from Kyrgyz troops.") == {
        ("KGZMIL", "TJKMIL", "190", "subject")}


def test_the_clause_gives_the_construction_its_modality(coder_with):
    assert coder_with("Tajik border posts did not come under fire from Kyrgyz troops.") == set()
    assert coder_with("Kyrgyzstan said Tajik posts came under fire from Kyrgyz troops.") == {
        ("KGZMIL", "TJK", "190", "subject")}  # reported speech is transparent; "Tajik posts" stand for Tajikistan


def test_without_the_optional_attacker_there_is_no_source(coder_with):
    assert coder_with("Tajik border posts came under fire on Thursday.") == set()


def _load(tmp_path, text: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    load_rules(extra=[path])


@pytest.mark.parametrize(("node", "fields", "message"), [
    ('{LEFT_ID: nowhere, REL_OP: ">", RIGHT_ID: x}', "event: verb\n    code: \"190\"", "needs LEFT_ID"),
    ('{LEFT_ID: verb, REL_OP: "<<", RIGHT_ID: x}', "event: verb\n    code: \"190\"", "REL_OP"),
    ('{LEFT_ID: verb, REL_OP: ">", RIGHT_ID: x, RIGHT_ATTRS: {SHAPE: dd}}', "event: verb\n    code: \"190\"",
     "RIGHT_ATTRS"),
    ('{LEFT_ID: verb, REL_OP: ">", RIGHT_ID: x}', "event: y\n    code: \"190\"", "not a node of every pattern"),
    ('{LEFT_ID: verb, REL_OP: ">", RIGHT_ID: x}', "event: verb\n    code: \"190\"\n    as: travel", "not both"),
    ('{LEFT_ID: verb, REL_OP: ">", RIGHT_ID: x}', "event: verb\n    code: \"1990\"", "not a CAMEO code"),
])
def test_a_faulty_construction_is_reported_at_its_line(tmp_path, node, fields, message):
    text = f"""constructions:
  - id: my.bad
    pattern:
      - {{RIGHT_ID: verb, RIGHT_ATTRS: {{LEMMA: come}}}}
      - {node}
    {fields}
"""
    with pytest.raises(RuleFileError) as error:
        _load(tmp_path, text)
    assert message in str(error.value) and "c.yaml:" in str(error.value)


def test_the_first_node_needs_a_word(tmp_path):
    with pytest.raises(RuleFileError, match="needs LEMMA or LOWER"):
        _load(tmp_path, "constructions:\n  - id: my.x\n    pattern:\n      - {RIGHT_ID: v, RIGHT_ATTRS: {DEP: ROOT}}\n"
                        "    event: v\n    code: \"190\"\n")


def test_the_packaged_trip_construction_reads_a_trip_that_takes_someone_as_travel():
    """"a tour that will also take Abe to Tajikistan" (hand-built parse): the construction's frame is `travel`, with
    the one taken as its subject and the place as its to-phrase; the take frame itself is claimed."""
    from coder.engine.coding.constructions import ConstructionMatcher
    from coder.engine.docview import DocView
    from coder.engine.frames import FrameBuilder
    from tests.docs_by_hand import packaged_rules, parsed
    from tests.test_frames_on_docs import STOP_ON_A_TOUR

    rules = packaged_rules()
    view = DocView(parsed(STOP_ON_A_TOUR))
    matches = ConstructionMatcher(rules, FrameBuilder(rules.settings, set(), set())).matches(view, 0, len(view))
    take = [m for m in matches if m.rule.id == "trip_takes_traveller"]
    assert [(m.frame.lemma, m.frame.subjects, m.frame.preps, sorted(m.claimed)) for m in take] == [
        ("travel", [13], {"to": [15]}, [12])]
    assert take[0].frame.modality == "intended"


STOP_ON_A_TRIP_BY = """
        0  Astana  1  nsubj  PROPN  NNP  Astana
        1  was     1  ROOT   AUX    VBD  be
        2  the     4  det    DET    DT   the
        3  second  4  amod   ADJ    JJ   second
        4  stop    1  attr   NOUN   NN   stop
        5  on      4  prep   ADP    IN   on
        6  a       7  det    DET    DT   a
        7  trip    5  pobj   NOUN   NN   trip
        8  by      7  prep   ADP    IN   by
        9  Modi    8  pobj   PROPN  NNP  Modi
        10 .       1  punct  PUNCT  .    .
    """


@pytest.mark.parametrize(("table", "traveller", "place", "trip"), [
    ("STOP_ON_A_TOUR", 13, 0, 8),  # "Ashgabat is the first stop on a regional tour that will also take Abe to ..."
    ("STOP_ON_A_TRIP_BY", 9, 0, 7),  # "Astana was the second stop on a trip by Modi."
])
def test_the_packaged_stop_construction_makes_the_place_the_trips_destination(table, traveller, place, trip):
    from coder.engine.coding.constructions import ConstructionMatcher
    from coder.engine.docview import DocView
    from coder.engine.frames import FrameBuilder
    from tests import test_frames_on_docs
    from tests.docs_by_hand import packaged_rules, parsed

    rules = packaged_rules()
    text = getattr(test_frames_on_docs, table, None) or globals()[table]
    view = DocView(parsed(text))
    matches = ConstructionMatcher(rules, FrameBuilder(rules.settings, set(), set())).matches(view, 0, len(view))
    stop = next(m for m in matches if m.rule.id == "stop_on_a_trip")
    assert (stop.frame.kind, stop.frame.lemma, stop.frame.subjects, stop.frame.preps, sorted(stop.claimed)) == (
        "noun", view.lemma[trip], [traveller], {"to": [place]}, [trip])
