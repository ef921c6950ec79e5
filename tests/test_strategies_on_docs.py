"""The argument strategies (coder.engine.coding.sources, .targets, run by .arguments) on parses written by hand
(tests/docs_by_hand.py): for each strategy a sentence where it is the one that decides, then the order of the
strategies, switching one off in the settings and naming one that does not exist.

Each test goes the way `EventCoder.code_sentence` goes, without a statistical model: the mentions of the packaged
rules (`load_rules()`) found by `MentionMatcher` on a blank English pipeline; an `ArticleContext` seeded by hand
(dateline country, actors an earlier paragraph named, the last meeting coded); an `ActorResolver` for the sentence,
with the sentence's named actors remembered (`remember_named`) before its frames are coded; the frames of
`FrameBuilder` built incomplete, the rule `RuleMatcher` picks for the predicate (checked by id), the frame completed;
and `ArgumentFinder.parties`, with the finder built as coder/engine/coding/coder.py builds it. Each actor is described
as (code, rule id, strategy): the strategy is `Actor.via`, for `rule_slots` the slot it used (`object`, `with`, ...).

Unless a test says otherwise, events are dated 2024-06-14 and the article has no dateline.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pytest

from coder.engine.actors import Actor, ActorResolver, ArticleContext
from coder.engine.coding.arguments import ArgumentFinder
from coder.engine.coding.coder import EventCoder, rule_lemmas
from coder.engine.coding.match import RuleMatcher
from coder.engine.coding.memory import remember_named
from coder.engine.coding.places import Places
from coder.engine.coding.targets import TARGETS
from coder.engine.docview import DocView
from coder.engine.frames import Frame, FrameBuilder
from coder.errors import RuleFileError
from coder.rules.model import RuleSet, VerbRule
from tests.docs_by_hand import blank_nlp, packaged_mentions, packaged_rules, parsed

DAY = date(2024, 6, 14)
EARLIER_PARAGRAPH = 100  # the length of the paragraph `history` was said in


nlp, rules, matcher = blank_nlp, packaged_rules, packaged_mentions


def rules_with(**settings) -> RuleSet:
    """The packaged rules with some engine settings replaced (the packaged RuleSet is left as it is)."""
    return dataclasses.replace(rules(), settings=dataclasses.replace(rules().settings, **settings))


@dataclass
class Stages:
    """The coding stages an ArgumentFinder works with, built as EventCoder builds them."""

    frames: FrameBuilder
    rules: RuleMatcher
    arguments: ArgumentFinder


def stages_for(rule_set: RuleSet) -> Stages:
    nouns, lemmas = rule_lemmas(rule_set)
    frames = FrameBuilder(rule_set.settings, nouns, lemmas)
    rule_matcher = RuleMatcher(rule_set)
    return Stages(frames, rule_matcher, ArgumentFinder(rule_set, frames, rule_matcher, Places(rule_set)))


@lru_cache(maxsize=1)
def packaged() -> Stages:
    return stages_for(rules())


@dataclass
class Coded:
    frame: Frame
    rule: VerbRule
    resolver: ActorResolver
    stages: Stages

    def parties(self) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        sources, targets = self.stages.arguments.parties(self.frame, self.rule, self.resolver)
        return described(sources), described(targets)


def described(actors: list[Actor]) -> list[tuple[str, str, str]]:
    return [(a.code, a.rule_id, a.via) for a in actors]


def coded(table: str, predicate: str, rule_id: str, day: date = DAY, history: tuple[Actor, ...] = (),
          stages: Stages | None = None, **context_fields) -> Coded:
    """The frame of the word `predicate` in the (one-sentence) parse, checked to be coded by the rule `rule_id`, with
    the sentence's resolver. `history`: actors an earlier paragraph named, in order; `context_fields`: the
    ArticleContext's other fields (dateline_country, last_meeting, ...)."""
    stages = stages or packaged()
    doc = parsed(table, nlp().vocab)
    view = DocView(doc)
    mentions = matcher()(doc)
    context = ArticleContext(rules().settings, **context_fields)
    for position, actor in enumerate(history):
        context.remember(position, actor)
    context.base = EARLIER_PARAGRAPH if history else 0
    [sentence] = view.sents()
    resolver = ActorResolver(mentions, day, context, view)
    resolver.sentence_start = sentence.start
    remember_named(sentence, mentions, resolver, context)
    [frame] = [f for f in stages.frames.frames(view, sentence.start, sentence.end, complete=False)
               if view.text[f.predicate] == predicate]
    rule = stages.rules.match(frame)
    assert rule is not None and rule.id == rule_id, f"coded by {rule and rule.id}, not {rule_id}"
    stages.frames.complete(frame)
    return Coded(frame, rule, resolver, stages)


def parties(table: str, predicate: str, rule_id: str, **kwargs):
    """(sources, targets) of the predicate's frame, each actor as (code, rule id, strategy)."""
    return coded(table, predicate, rule_id, **kwargs).parties()


def person(code: str, text: str, rule_id: str) -> Actor:
    return Actor(code, text, 0, len(text.split()), rule_id, True)


PUTIN = person("RUSGOV", "Putin", "person.putin")


# -- the harness ------------------------------------------------------------------------------------------------------

TOKAYEV_MET_PUTIN = """
    0  Tokayev  1  nsubj  PROPN  NNP  Tokayev
    1  met      1  ROOT   VERB   VBD  meet
    2  Putin    1  dobj   PROPN  NNP  Putin
    3  .        1  punct  PUNCT  .    .
"""


def test_the_finder_runs_the_settings_strategies_in_their_order():
    finder = packaged().arguments
    settings = rules().settings
    assert [name for name, _ in finder.source_steps] == settings.source_strategies == [
        "subject", "origin", "joint_modifiers", "visitor_modifier", "self_reported", "unnamed_protesters",
        "occasion_parties", "clause_patients"]
    assert [name for name, _ in finder.target_steps] == settings.target_strategies
    assert [name for name, _ in finder.prep_rule_target_steps] == ["rule_preposition"]
    assert [name for name, _ in finder.late_source_steps] == ["domestic_role"]
    assert [name for name, _ in finder.late_target_steps] == ["domestic_role", "own_government", "own_population",
                                                                  "attacked_place", "clash_opponent", "accuser"]


def test_the_event_coders_own_finder_finds_the_same_parties_without_a_parser():
    coder = EventCoder(rules(), nlp())
    stages = Stages(coder.frames, coder.matcher, coder.arguments)
    assert parties(TOKAYEV_MET_PUTIN, "met", "meet", stages=stages) == parties(TOKAYEV_MET_PUTIN, "met", "meet") == (
        [("KAZGOV", "person.tokayev", "subject")], [("RUSGOV", "person.putin", "object")])


# -- source strategies ------------------------------------------------------------------------------------------------

def test_subject_the_frames_subject():
    sources, _ = parties(TOKAYEV_MET_PUTIN, "met", "meet")
    assert sources == [("KAZGOV", "person.tokayev", "subject")]


def test_subject_of_an_attendance_noun_only_people_in_the_presence_of():
    sources, targets = parties("""
        0  The       1  det        DET    DT   the
        1  contract  3  nsubjpass  NOUN   NN   contract
        2  was       3  auxpass    AUX    VBD  be
        3  signed    3  ROOT       VERB   VBN  sign
        4  in        3  prep       ADP    IN   in
        5  the       6  det        DET    DT   the
        6  presence  4  pobj       NOUN   NN   presence
        7  of        6  prep       ADP    IN   of
        8  Raisi     7  pobj       PROPN  NNP  Raisi
        9  .         3  punct      PUNCT  .    .
    """, "presence", "in_presence_of", day=date(2023, 6, 14), dateline_country="TKM")
    assert sources == [("IRNGOV", "person.raisi", "subject")]
    assert targets == [("TKMGOV", "host", "host")]
    # "Russia's military presence" names no one present
    sources, _ = parties("""
        0  Russia    3  poss   PROPN  NNP  Russia
        1  's        0  case   PART   POS  's
        2  military  3  amod   ADJ    JJ   military
        3  presence  4  nsubj  NOUN   NN   presence
        4  grew      4  ROOT   VERB   VBD  grow
        5  .         4  punct  PUNCT  .    .
    """, "presence", "in_presence_of", dateline_country="TJK")
    assert sources == []  # (its target: see the report)


def test_joint_modifiers_the_adjectives_of_a_joint_acts_noun():
    assert parties("""
        0  Kazakh   3  amod       ADJ    JJ    Kazakh
        1  -        2  punct      PUNCT  HYPH  -
        2  Chinese  3  amod       ADJ    JJ    Chinese
        3  talks    5  nsubjpass  NOUN   NNS   talks
        4  were     5  auxpass    AUX    VBD   be
        5  held     5  ROOT       VERB   VBN   hold
        6  .        5  punct      PUNCT  .     .
    """, "talks", "talks_noun") == ([("KAZ", "country.KAZ", "joint_modifiers"),
                                     ("CHN", "country.CHN", "joint_modifiers")], [])


THE_MODI_VISIT = """
    0  The    2  det       DET    DT   the
    1  Modi   2  compound  PROPN  NNP  Modi
    2  visit  3  nsubj     NOUN   NN   visit
    3  ended  3  ROOT      VERB   VBD  end
    4  .      3  punct     PUNCT  .    .
"""


def test_visitor_modifier_a_person_named_on_a_visit_noun_who_is_not_also_its_target():
    # the modifier slot would give Modi again: the source is not also the target, so the dateline's host is
    assert parties(THE_MODI_VISIT, "visit", "visit_noun", dateline_country="KAZ") == (
        [("INDGOV", "person.modi", "visitor_modifier")], [("KAZGOV", "host", "host")])


def test_self_reported_forces_reporting_their_own_agentless_coercion():
    assert parties("""
        0   The         3  det        DET    DT   the
        1   Kazakh      3  amod       ADJ    JJ   Kazakh
        2   Interior    3  compound   PROPN  NNP  Interior
        3   Ministry    4  nsubj      PROPN  NNP  Ministry
        4   said        4  ROOT       VERB   VBD  say
        5   3,000       6  nummod     NUM    CD   3,000
        6   protesters  9  nsubjpass  NOUN   NNS  protester
        7   had         9  aux        AUX    VBD  have
        8   been        9  auxpass    AUX    VBN  be
        9   detained    4  ccomp      VERB   VBN  detain
        10  .           4  punct      PUNCT  .    .
    """, "detained", "arrest") == (
        [("KAZCOP", "country.KAZ+agent.cop.interior_ministry", "self_reported")],
        [("KAZCVL", "context:agent.cvl.protester", "object")])


def test_unnamed_protesters_are_the_places_civilians_against_their_own_government():
    assert parties("""
        0  Protests  1  nsubj  NOUN   NNS  protest
        1  erupted   1  ROOT   VERB   VBD  erupt
        2  in        1  prep   ADP    IN   in
        3  Nukus     2  pobj   PROPN  NNP  Nukus
        4  .         1  punct  PUNCT  .    .
    """, "Protests", "protest_noun", dateline_country="KAZ") == (
        [("UZBCVL", "context:protesters", "unnamed_protesters")],
        [("UZBGOV", "context:government", "own_government")])


SIGNED_DURING_THE_VISIT = """
    0   The        1  det        DET    DT   the
    1   agreement  3  nsubjpass  NOUN   NN   agreement
    2   was        3  auxpass    AUX    VBD  be
    3   signed     3  ROOT       VERB   VBN  sign
    4   during     3  prep       ADP    IN   during
    5   Tokayev    7  poss       PROPN  NNP  Tokayev
    6   's         5  case       PART   POS  's
    7   visit      4  pobj       NOUN   NN   visit
    8   to         7  prep       ADP    IN   to
    9   China      8  pobj       PROPN  NNP  China
    10  .          3  punct      PUNCT  .    .
"""


def test_occasion_parties_those_the_occasions_own_phrase_names():
    assert parties(SIGNED_DURING_THE_VISIT, "signed", "sign_agreement") == (
        [("KAZGOV", "person.tokayev", "occasion_parties"), ("CHN", "country.CHN", "occasion_parties")], [])


def test_occasion_parties_of_the_talks_are_those_of_the_last_meeting_credited_anew():
    meeting = (Actor("KAZGOV", "Tokayev", 0, 1, "person.tokayev", True, "subject"),
               Actor("UZBGOV", "Mirziyoyev", 2, 3, "person.mirziyoyev", True, "with"))
    table = """
        0  Five       1  nummod     NUM    CD   five
        1  documents  3  nsubjpass  NOUN   NNS  document
        2  were       3  auxpass    AUX    VBD  be
        3  signed     3  ROOT       VERB   VBN  sign
        4  after      3  prep       ADP    IN   after
        5  the        6  det        DET    DT   the
        6  talks      4  pobj       NOUN   NNS  talks
        7  .          3  punct      PUNCT  .    .
    """
    assert parties(table, "signed", "sign_agreement", last_meeting=meeting) == (
        [("KAZGOV", "person.tokayev", "occasion_parties"), ("UZBGOV", "person.mirziyoyev", "occasion_parties")], [])
    assert parties(table, "signed", "sign_agreement") == ([], [])  # no meeting reported before


def test_clause_patients_the_patients_of_the_passive_clause_a_clash_was_in():
    assert parties("""
        0   Tajik      2   compound   PROPN  NNP  Tajik
        1   border     2   compound   NOUN   NN   border
        2   guards     7   nsubjpass  NOUN   NNS  guard
        3   and        2   cc         CCONJ  CC   and
        4   Afghan     5   amod       ADJ    JJ   Afghan
        5   militants  2   conj       NOUN   NNS  militant
        6   were       7   auxpass    AUX    VBD  be
        7   killed     7   ROOT       VERB   VBN  kill
        8   in         7   prep       ADP    IN   in
        9   a          10  det        DET    DT   a
        10  gunfight   8   pobj       NOUN   NN   gunfight
        11  .          7   punct      PUNCT  .    .
    """, "gunfight", "gunfight_noun") == (
        [("TJKMIL", "country.TJK+agent.mil.border_guard", "clause_patients"),
         ("AFGREB", "country.AFG+agent.reb.militant", "clause_patients")], [])


def test_domestic_role_a_sources_role_word_in_the_targets_country():
    # "officials" (people of many countries, not the story's) resolve to no one as the subject
    assert parties("""
        0  Officials  1  nsubj  NOUN   NNS  official
        1  detained   1  ROOT   VERB   VBD  detain
        2  Kazakh     3  amod   ADJ    JJ   Kazakh
        3  activists  1  dobj   NOUN   NNS  activist
        4  .          1  punct  PUNCT  .    .
    """, "detained", "arrest") == ([("KAZGOV", "domestic:agent.gov.official", "domestic_role")],
                                   [("KAZCVL", "country.KAZ+agent.cvl.protester", "object")])


# -- target strategies ------------------------------------------------------------------------------------------------

def test_rule_preposition_the_object_of_the_rules_preposition():
    assert parties("""
        0  Lavrov    1  nsubj  PROPN  NNP  Lavrov
        1  flew      1  ROOT   VERB   VBD  fly
        2  to        1  prep   ADP    IN   to
        3  Tashkent  2  pobj   PROPN  NNP  Tashkent
        4  .         1  punct  PUNCT  .    .
    """, "flew", "travel_to") == ([("RUSGOV", "person.lavrov", "subject")],
                                  [("UZBGOV", "country.UZB", "rule_preposition")])


def test_rule_preposition_a_visited_city_is_its_countrys_government_not_the_datelines():
    assert parties("""
        0  Modi  1  nsubj  PROPN  NNP  Modi
        1  flew  1  ROOT   VERB   VBD  fly
        2  to    1  prep   ADP    IN   to
        3  Ufa   2  pobj   PROPN  NNP  Ufa
        4  .     1  punct  PUNCT  .    .
    """, "flew", "travel_to", dateline_country="KAZ") == ([("INDGOV", "person.modi", "subject")],
                                                          [("RUSGOV", "host", "rule_preposition")])


HAILED_KAZAKHSTANS_HELP = """
    0  Putin        1  nsubj  PROPN  NNP  Putin
    1  hailed       1  ROOT   VERB   VBD  hail
    2  Kazakhstan   4  poss   PROPN  NNP  Kazakhstan
    3  's           2  case   PART   POS  's
    4  help         1  dobj   NOUN   NN   help
    5  on           4  prep   ADP    IN   on
    6  Afghanistan  5  pobj   PROPN  NNP  Afghanistan
    7  .            1  punct  PUNCT  .    .
"""


def test_owner_of_object_the_owner_of_what_is_praised_not_the_topic_hanging_on_it():
    assert parties(HAILED_KAZAKHSTANS_HELP, "hailed", "praise") == (
        [("RUSGOV", "person.putin", "subject")], [("KAZ", "country.KAZ", "owner_of_object")])


def test_rule_slots_a_signed_thing_is_no_target_the_with_phrase_is():
    assert parties("""
        0  Kazakhstan  1  nsubj  PROPN  NNP  Kazakhstan
        1  signed      1  ROOT   VERB   VBD  sign
        2  an          3  det    DET    DT   an
        3  agreement   1  dobj   NOUN   NN   agreement
        4  with        3  prep   ADP    IN   with
        5  Kyrgyzstan  4  pobj   PROPN  NNP  Kyrgyzstan
        6  .           1  punct  PUNCT  .    .
    """, "signed", "sign_agreement") == ([("KAZ", "country.KAZ", "subject")], [("KGZ", "country.KGZ", "with")])


def test_rule_slots_a_partner_deep_in_the_objects_phrase():
    assert parties("""
        0  Kazakhstan  1  nsubj  PROPN  NNP  Kazakhstan
        1  signed      1  ROOT   VERB   VBD  sign
        2  memoranda   1  dobj   NOUN   NNS  memorandum
        3  on          2  prep   ADP    IN   on
        4  loans       3  pobj   NOUN   NNS  loan
        5  with        4  prep   ADP    IN   with
        6  Kyrgyzstan  5  pobj   PROPN  NNP  Kyrgyzstan
        7  .           1  punct  PUNCT  .    .
    """, "signed", "sign_agreement") == ([("KAZ", "country.KAZ", "subject")], [("KGZ", "country.KGZ", "with")])


def test_rule_slots_the_dative_before_the_object():
    assert parties("""
        0  Tokayev  1  nsubj   PROPN  NNP  Tokayev
        1  awarded  1  ROOT    VERB   VBD  award
        2  Xi       1  dative  PROPN  NNP  Xi
        3  the      4  det     DET    DT   the
        4  Order    1  dobj    PROPN  NNP  Order
        5  .        1  punct   PUNCT  .    .
    """, "awarded", "award") == ([("KAZGOV", "person.tokayev", "subject")],
                                 [("CHNGOV", "person.xi_jinping", "dative")])


def test_rule_slots_between():
    assert parties("""
        0  China       1  nsubj  PROPN  NNP  China
        1  mediated    1  ROOT   VERB   VBD  mediate
        2  between     1  prep   ADP    IN   between
        3  Kyrgyzstan  2  pobj   PROPN  NNP  Kyrgyzstan
        4  and         3  cc     CCONJ  CC   and
        5  Tajikistan  3  conj   PROPN  NNP  Tajikistan
        6  .           1  punct  PUNCT  .    .
    """, "mediated", "mediate") == ([("CHN", "country.CHN", "subject")],
                                    [("KGZ", "country.KGZ", "between"), ("TJK", "country.TJK", "between")])


def test_rule_slots_a_place_modifying_a_visit_noun():
    assert parties("""
        0  Putin     3  poss      PROPN  NNP  Putin
        1  's        0  case      PART   POS  's
        2  Dushanbe  3  compound  PROPN  NNP  Dushanbe
        3  visit     4  nsubj     NOUN   NN   visit
        4  ended     4  ROOT      VERB   VBD  end
        5  .         4  punct     PUNCT  .    .
    """, "visit", "visit_noun") == ([("RUSGOV", "person.putin", "subject")], [("TJKGOV", "country.TJK", "modifier")])


def test_rule_slots_of_the_rules_target_list_and_him_is_not_the_clauses_subject():
    # an earlier paragraph named Putin; this sentence names Rahmon before "him"
    case = coded("""
        0  Rahmon    1  nsubj  PROPN  NNP  Rahmon
        1  welcomed  1  ROOT   VERB   VBD  welcome
        2  him       1  dobj   PRON   PRP  he
        3  .         1  punct  PUNCT  .    .
    """, "welcomed", "welcome_visitor", history=(PUTIN,))
    assert case.rule.target == ["object"]
    assert case.parties() == ([("TJKGOV", "person.rahmon", "subject")], [("RUSGOV", "coref:person.putin", "object")])
    assert case.resolver.clause_subjects == set()  # only while the targets are looked for


def test_call_partners_the_one_addressed_in_the_clause_the_call_was_in():
    assert parties("""
        0  Rahmon       1  nsubj     PROPN  NNP  Rahmon
        1  offered      1  ROOT      VERB   VBD  offer
        2  condolences  1  dobj      NOUN   NNS  condolence
        3  to           1  prep      ADP    IN   to
        4  Putin        3  pobj      PROPN  NNP  Putin
        5  in           1  prep      ADP    IN   in
        6  a            8  det       DET    DT   a
        7  telephone    8  compound  NOUN   NN   telephone
        8  call         5  pobj      NOUN   NN   call
        9  .            1  punct     PUNCT  .    .
    """, "call", "phone_call_noun") == ([("TJKGOV", "person.rahmon", "subject")],
                                        [("RUSGOV", "person.putin", "call_partners")])


MODI_ATTENDED_THE_SUMMIT = """
    0  Modi      1  nsubj  PROPN  NNP  Modi
    1  attended  1  ROOT   VERB   VBD  attend
    2  the       3  det    DET    DT   the
    3  summit    1  dobj   NOUN   NN   summit
    4  .         1  punct  PUNCT  .    .
"""


def test_host_the_government_of_the_datelines_country():
    assert parties(MODI_ATTENDED_THE_SUMMIT, "attended", "attend", dateline_country="KAZ") == (
        [("INDGOV", "person.modi", "subject")], [("KAZGOV", "host", "host")])
    assert parties(MODI_ATTENDED_THE_SUMMIT, "attended", "attend") == ([("INDGOV", "person.modi", "subject")], [])


def test_host_the_government_of_the_place_named_before_the_datelines():
    assert parties("""
        0  Modi       1  nsubj  PROPN  NNP  Modi
        1  attended   1  ROOT   VERB   VBD  attend
        2  the        3  det    DET    DT   the
        3  summit     1  dobj   NOUN   NN   summit
        4  in         1  prep   ADP    IN   in
        5  Samarkand  4  pobj   PROPN  NNP  Samarkand
        6  .          1  punct  PUNCT  .    .
    """, "attended", "attend", dateline_country="KAZ") == ([("INDGOV", "person.modi", "subject")],
                                                           [("UZBGOV", "host", "host")])


def test_gathering_guests_those_the_sentence_places_at_the_hosted_gathering():
    assert parties("""
        0  Putin       1  nsubj  PROPN  NNP  Putin
        1  met         1  ROOT   VERB   VBD  meet
        2  Xi          1  dobj   PROPN  NNP  Xi
        3  at          1  prep   ADP    IN   at
        4  a           5  det    DET    DT   a
        5  conference  3  pobj   NOUN   NN   conference
        6  hosted      5  acl    VERB   VBN  host
        7  by          6  agent  ADP    IN   by
        8  Uzbekistan  7  pobj   PROPN  NNP  Uzbekistan
        9  .           1  punct  PUNCT  .    .
    """, "hosted", "host_person") == ([("UZB", "country.UZB", "subject")],
                                      [("RUSGOV", "person.putin", "gathering_guests"),
                                       ("CHNGOV", "person.xi_jinping", "gathering_guests")])


def test_gathering_guests_the_one_who_thanks_for_hosting_the_meeting():
    assert parties("""
        0  Tokayev  1  nsubj  PROPN  NNP  Tokayev
        1  thanked  1  ROOT   VERB   VBD  thank
        2  Trump    1  dobj   PROPN  NNP  Trump
        3  for      1  prep   ADP    IN   for
        4  hosting  3  pcomp  VERB   VBG  host
        5  the      6  det    DET    DT   the
        6  meeting  4  dobj   NOUN   NN   meeting
        7  .        1  punct  PUNCT  .    .
    """, "hosting", "host_person", day=date(2025, 11, 7)) == ([("USAGOV", "person.trump", "subject")],
                                                              [("KAZGOV", "person.tokayev", "gathering_guests")])


def test_object_country_the_country_owning_the_object():
    assert parties("""
        0  Uzbekistan  1  nsubj  PROPN  NNP  Uzbekistan
        1  violated    1  ROOT   VERB   VBD  violate
        2  Kyrgyzstan  4  poss   PROPN  NNP  Kyrgyzstan
        3  's          2  case   PART   POS  's
        4  airspace    1  dobj   NOUN   NN   airspace
        5  .           1  punct  PUNCT  .    .
    """, "violated", "violate_airspace") == ([("UZB", "country.UZB", "subject")],
                                             [("KGZ", "country.KGZ", "object_country")])


def test_owner_the_owner_of_what_a_complaint_is_over():
    assert parties("""
        0  Tajikistan  1  nsubj  PROPN  NNP  Tajikistan
        1  complained  1  ROOT   VERB   VBD  complain
        2  over        1  prep   ADP    IN   over
        3  Kyrgyzstan  5  poss   PROPN  NNP  Kyrgyzstan
        4  's          3  case   PART   POS  's
        5  actions     2  pobj   NOUN   NNS  action
        6  .           1  punct  PUNCT  .    .
    """, "complained", "complain") == ([("TJK", "country.TJK", "subject")], [("KGZ", "country.KGZ", "owner")])


THE_EU_CALLED_FOR_A_PROBE = """
    0  The          1  det    DET    DT   the
    1  EU           2  nsubj  PROPN  NNP  EU
    2  called       2  ROOT   VERB   VBD  call
    3  for          2  prep   ADP    IN   for
    4  an           6  det    DET    DT   an
    5  independent  6  amod   ADJ    JJ   independent
    6  probe        3  pobj   NOUN   NN   probe
    7  .            2  punct  PUNCT  .    .
"""


def test_story_government_an_unaddressed_appeal_about_the_storys_country():
    assert parties(THE_EU_CALLED_FOR_A_PROBE, "called", "appeal_judicial_cooperation", dateline_country="UZB") == (
        [("IGOEUREEC", "org.eu", "subject")], [("UZBGOV", "context:story", "story_government")])
    assert parties(THE_EU_CALLED_FOR_A_PROBE, "called", "appeal_judicial_cooperation") == (
        [("IGOEUREEC", "org.eu", "subject")], [])  # a story about no country


def test_story_government_not_of_the_appellants_own_country():
    assert parties("""
        0  Uzbekistan  1  nsubj  PROPN  NNP  Uzbekistan
        1  called      1  ROOT   VERB   VBD  call
        2  for         1  prep   ADP    IN   for
        3  a           4  det    DET    DT   a
        4  probe       2  pobj   NOUN   NN   probe
        5  .           1  punct  PUNCT  .    .
    """, "called", "appeal_judicial_cooperation", dateline_country="UZB") == (
        [("UZB", "country.UZB", "subject")], [])


def test_clause_subject_the_subject_of_the_clause_complained_about():
    assert parties("""
        0  Tajikistan  1  nsubj     PROPN  NNP  Tajikistan
        1  complained  1  ROOT      VERB   VBD  complain
        2  that        5  mark      SCONJ  IN   that
        3  Moscow      5  nsubj     PROPN  NNP  Moscow
        4  had         5  aux       AUX    VBD  have
        5  sent        1  ccomp     VERB   VBN  send
        6  only        8  advmod    ADV    RB   only
        7  deputy      8  compound  NOUN   NN   deputy
        8  ministers   5  dobj      NOUN   NNS  minister
        9  .           1  punct     PUNCT  .    .
    """, "complained", "complain") == ([("TJK", "country.TJK", "subject")],
                                       [("RUSGOV", "country.RUS", "clause_subject")])


GERMANY_REJECTED_A_REQUEST = """
    0  Germany   1  nsubj  PROPN  NNP  Germany
    1  rejected  1  ROOT   VERB   VBD  reject
    2  a         3  det    DET    DT   a
    3  request   1  dobj   NOUN   NN   request
    4  from      3  prep   ADP    IN   from
    5  Ukraine   4  pobj   PROPN  NNP  Ukraine
    6  for       3  prep   ADP    IN   for
    7  weapons   6  pobj   NOUN   NNS  weapon
    8  .         1  punct  PUNCT  .    .
"""


def test_origin_and_responder_a_request_from_one_answered_by_another():
    assert parties(GERMANY_REJECTED_A_REQUEST, "request", "request_weapons_noun") == (
        [("UKR", "country.UKR", "origin")], [("DEU", "country.DEU", "responder")])
    # the verb itself takes its target from the from-phrase as before
    assert parties(GERMANY_REJECTED_A_REQUEST, "rejected", "reject_military_aid") == (
        [("DEU", "country.DEU", "subject")], [("UKR", "country.UKR", "from")])


def test_origin_only_for_its_codes_and_responder_only_after_an_answering_verb():
    assert parties(GERMANY_REJECTED_A_REQUEST, "request", "request_weapons_noun",
                   stages=stages_for(rules_with(origin_source_codes=["11"]))) == ([], [("UKR", "country.UKR", "from")])
    assert parties(GERMANY_REJECTED_A_REQUEST.replace("rejected  1  ROOT   VERB   VBD  reject",
                                                      "repeated  1  ROOT   VERB   VBD  repeat"),
                   "request", "request_weapons_noun") == ([("UKR", "country.UKR", "origin")], [])


def test_domestic_role_a_targets_role_word_in_the_sources_country():
    assert parties("""
        0  Kazakh     1  amod   ADJ    JJ   Kazakh
        1  police     2  nsubj  NOUN   NNS  police
        2  detained   2  ROOT   VERB   VBD  detain
        3  officials  2  dobj   NOUN   NNS  official
        4  .          2  punct  PUNCT  .    .
    """, "detained", "arrest") == ([("KAZCOP", "country.KAZ+agent.cop.police", "subject")],
                                   [("KAZGOV", "domestic:agent.gov.official", "domestic_role")])


# -- the order --------------------------------------------------------------------------------------------------------

SIGNED_BY_KAZAKHSTAN_DURING_THE_VISIT = """
    0   The         1  det        DET    DT   the
    1   agreement   3  nsubjpass  NOUN   NN   agreement
    2   was         3  auxpass    AUX    VBD  be
    3   signed      3  ROOT       VERB   VBN  sign
    4   by          3  agent      ADP    IN   by
    5   Kazakhstan  4  pobj       PROPN  NNP  Kazakhstan
    6   during      3  prep       ADP    IN   during
    7   Tokayev     9  poss       PROPN  NNP  Tokayev
    8   's          7  case       PART   POS  's
    9   visit       6  pobj       NOUN   NN   visit
    10  to          9  prep       ADP    IN   to
    11  China       10 pobj       PROPN  NNP  China
    12  .           3  punct      PUNCT  .    .
"""


def test_a_subject_present_wins_over_the_later_source_strategies():
    assert parties(SIGNED_BY_KAZAKHSTAN_DURING_THE_VISIT, "signed", "sign_agreement") == (
        [("KAZ", "country.KAZ", "subject")], [])


def test_a_rule_with_a_preposition_takes_its_target_from_it_alone():
    case = coded("""
        0  Modi   1  nsubj  PROPN  NNP  Modi
        1  flew   1  ROOT   VERB   VBD  fly
        2  to     1  prep   ADP    IN   to
        3  the    4  det    DET    DT   the
        4  talks  2  pobj   NOUN   NNS  talks
        5  .      1  punct  PUNCT  .    .
    """, "flew", "travel_to", dateline_country="KAZ")
    assert case.rule.prep == "to"
    assert case.parties() == ([("INDGOV", "person.modi", "subject")], [])
    # the host strategy, had it been tried, would have found the dateline's government
    finder = case.stages.arguments
    assert described(TARGETS["host"](finder.kit, case.frame, case.rule, case.resolver, [])) == [
        ("KAZGOV", "host", "")]


def test_switching_off_subject_lets_occasion_parties_decide():
    stages = stages_for(rules_with(source_strategies=[name for name in rules().settings.source_strategies
                                                      if name != "subject"]))
    assert parties(SIGNED_BY_KAZAKHSTAN_DURING_THE_VISIT, "signed", "sign_agreement", stages=stages) == (
        [("KAZGOV", "person.tokayev", "occasion_parties"), ("CHN", "country.CHN", "occasion_parties")], [])


def test_switching_off_owner_of_object_lets_rule_slots_decide():
    stages = stages_for(rules_with(target_strategies=[name for name in rules().settings.target_strategies
                                                      if name != "owner_of_object"]))
    assert parties(HAILED_KAZAKHSTANS_HELP, "hailed", "praise", stages=stages) == (
        [("RUSGOV", "person.putin", "subject")], [("AFG", "country.AFG", "on")])


def test_switching_off_rule_preposition_leaves_a_prepositions_rule_without_a_target():
    stages = stages_for(rules_with(target_strategies=[name for name in rules().settings.target_strategies
                                                      if name != "rule_preposition"]))
    assert stages.arguments.prep_rule_target_steps == []
    assert parties("""
        0  Lavrov    1  nsubj  PROPN  NNP  Lavrov
        1  flew      1  ROOT   VERB   VBD  fly
        2  to        1  prep   ADP    IN   to
        3  Tashkent  2  pobj   PROPN  NNP  Tashkent
        4  .         1  punct  PUNCT  .    .
    """, "flew", "travel_to", stages=stages) == ([("RUSGOV", "person.lavrov", "subject")], [])


def test_reordering_puts_host_before_the_modifier_slot():
    # "Putin's Dushanbe visit" under a KAZ dateline: the modifier slot names Dushanbe, the host strategy the dateline
    table = """
        0  Putin     3  poss      PROPN  NNP  Putin
        1  's        0  case      PART   POS  's
        2  Dushanbe  3  compound  PROPN  NNP  Dushanbe
        3  visit     4  nsubj     NOUN   NN   visit
        4  ended     4  ROOT      VERB   VBD  end
        5  .         4  punct     PUNCT  .    .
    """
    assert parties(table, "visit", "visit_noun", dateline_country="KAZ")[1] == [("TJKGOV", "country.TJK", "modifier")]
    order = rules().settings.target_strategies
    host_first = ["host", *(name for name in order if name != "host")]
    assert parties(table, "visit", "visit_noun", dateline_country="KAZ",
                   stages=stages_for(rules_with(target_strategies=host_first)))[1] == [("KAZGOV", "host", "host")]


def test_switching_off_the_late_source_strategy_leaves_a_role_word_without_its_country():
    stages = stages_for(rules_with(source_strategies_given_targets=[]))
    assert parties("""
        0  Officials  1  nsubj  NOUN   NNS  official
        1  detained   1  ROOT   VERB   VBD  detain
        2  Kazakh     3  amod   ADJ    JJ   Kazakh
        3  activists  1  dobj   NOUN   NNS  activist
        4  .          1  punct  PUNCT  .    .
    """, "detained", "arrest", stages=stages) == ([], [("KAZCVL", "country.KAZ+agent.cvl.protester", "object")])


# -- settings that name no strategy -----------------------------------------------------------------------------------

@pytest.mark.parametrize("setting, name", [
    ("source_strategies", "no_such_strategy"),
    ("target_strategies", "no_such_strategy"),
    ("source_strategies_given_targets", "no_such_strategy"),
    ("target_strategies_given_sources", "no_such_strategy"),
    # a strategy of another chain is no strategy of this one
    ("source_strategies", "domestic_role"),
    ("target_strategies", "own_government"),
    ("source_strategies_given_targets", "subject"),
    ("target_strategies_given_sources", "host"),
])
def test_a_name_that_is_no_strategy_of_its_chain_stops_the_finder(setting, name):
    names = [*getattr(rules().settings, setting), name]
    with pytest.raises(RuleFileError, match=rf"settings\.{setting} names '{name}', which is no such strategy"):
        stages_for(rules_with(**{setting: names}))


def test_clash_opponent_the_other_side_of_the_clash_coded_before():
    clash = (Actor("KGZMIL", "Kyrgyz troops", 0, 2, "country.KGZ", False),
             Actor("TJKMIL", "Tajik troops", 3, 5, "country.TJK", False))
    returned_fire = """
        0  Kyrgyz      1  amod   ADJ    JJ   Kyrgyz
        1  servicemen  2  nsubj  NOUN   NNS  serviceman
        2  returned    2  ROOT   VERB   VBD  return
        3  fire        2  dobj   NOUN   NN   fire
        4  .           2  punct  PUNCT  .    .
    """
    sources, targets = parties(returned_fire, "returned", "return_fire", last_clash=clash, last_clash_at=-1)
    assert sources == [("KGZMIL", "country.KGZ+agent.mil.soldier", "subject")]
    assert targets == [("TJKMIL", "context:opponent", "clash_opponent")]
    # no clash coded before: no target
    assert parties(returned_fire, "returned", "return_fire")[1] == []


KYRGYZSTAN = Actor("KGZ", "Kyrgyzstan", 0, 1, "country.KGZ", False)
TAJIKISTAN = Actor("TJK", "Tajikistan", 2, 3, "country.TJK", False)
DENIED_THE_CHARGES = """
    0  {denier}  1  nsubj  PROPN  NNP  {denier}
    1  denied    1  ROOT   VERB   VBD  deny
    2  the       3  det    DET    DT   the
    3  charges   1  dobj   NOUN   NNS  charge
    4  .         1  punct  PUNCT  .    .
"""


def test_accuser_who_made_the_accusation_its_actor_denies():
    accused = [(-1, "112", KYRGYZSTAN, TAJIKISTAN)]  # "Kyrgyzstan accused Tajikistan of ..." said before
    sources, targets = parties(DENIED_THE_CHARGES.format(denier="Dushanbe"), "denied", "deny", charges=accused)
    assert sources == [("TJKGOV", "country.TJK", "subject")]
    assert targets == [("KGZ", "context:accuser", "accuser")]
    # nothing said before: no target
    assert parties(DENIED_THE_CHARGES.format(denier="Dushanbe"), "denied", "deny")[1] == []


def test_accuser_not_for_a_third_party_the_accuser_or_an_act_of_another_kind():
    accused = [(-1, "112", KYRGYZSTAN, TAJIKISTAN)]
    # a third party's denial, and the accuser's own "denial", answer no one
    for denier in ("Moscow", "Bishkek"):
        assert parties(DENIED_THE_CHARGES.format(denier=denier), "denied", "deny", charges=accused)[1] == []
    # a denial answers accusations, not demands (settings.answered_codes)
    demanded = [(-1, "1056", KYRGYZSTAN, TAJIKISTAN)]
    assert parties(DENIED_THE_CHARGES.format(denier="Dushanbe"), "denied", "deny", charges=demanded)[1] == []
    # an accusation made later in the sentence is not answered
    later = [(5, "112", KYRGYZSTAN, TAJIKISTAN)]
    assert parties(DENIED_THE_CHARGES.format(denier="Dushanbe"), "denied", "deny", charges=later)[1] == []


def test_accuser_the_last_accusation_against_the_denier_not_the_last_one_made():
    russia, uzbekistan = (Actor("RUS", "Russia", 0, 1, "country.RUS", False),
                          Actor("UZB", "Uzbekistan", 2, 3, "country.UZB", False))
    made = [(-3, "112", KYRGYZSTAN, TAJIKISTAN), (-2, "111", russia, uzbekistan)]
    assert parties(DENIED_THE_CHARGES.format(denier="Dushanbe"), "denied", "deny", charges=made)[1] == [
        ("KGZ", "context:accuser", "accuser")]
    # switched off in the settings: no target
    stages = stages_for(rules_with(target_strategies_given_sources=["domestic_role", "clash_opponent"]))
    assert parties(DENIED_THE_CHARGES.format(denier="Dushanbe"), "denied", "deny", charges=made,
                   stages=stages)[1] == []


def test_own_population_a_curfew_on_the_imposing_countrys_civilians():
    assert parties("""
        0  Tajikistan  1  nsubj  PROPN  NNP  Tajikistan
        1  imposed     1  ROOT   VERB   VBD  impose
        2  a           3  det    DET    DT   a
        3  curfew      1  dobj   NOUN   NN   curfew
        4  .           1  punct  PUNCT  .    .
    """, "imposed", "impose_curfew") == ([("TJK", "country.TJK", "subject")],
                                        [("TJKCVL", "context:population", "own_population")])


def test_attacked_place_a_place_of_another_country():
    sources, targets = parties("""
        0  Tajik    1  amod   ADJ    JJ   Tajik
        1  forces   2  nsubj  NOUN   NNS  force
        2  shelled  2  ROOT   VERB   VBD  shell
        3  Batken   2  dobj   PROPN  NNP  Batken
        4  .        2  punct  PUNCT  .    .
    """, "shelled", "shell")
    assert sources == [("TJKMIL", "country.TJK+agent.mil.armed_forces", "subject")]
    assert targets == [("KGZ", "place:KGZ", "attacked_place")]
    # the code is a plain str (a rule file's string carries its line and does not unpickle in a worker's parent)
    case = coded("""
        0  Tajik    1  amod   ADJ    JJ   Tajik
        1  forces   2  nsubj  NOUN   NNS  force
        2  shelled  2  ROOT   VERB   VBD  shell
        3  Batken   2  dobj   PROPN  NNP  Batken
        4  .        2  punct  PUNCT  .    .
    """, "shelled", "shell")
    assert all(type(a.code) is str for a in case.stages.arguments.parties(case.frame, case.rule, case.resolver)[1])
