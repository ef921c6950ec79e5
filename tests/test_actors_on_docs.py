"""Actor resolution (coder.engine.actors) on parses written by hand (tests/docs_by_hand.py): each reading step of
`ActorResolver.resolve` and each helper that decides something, apart from the statistical parser, so that a test
fails only when the actor logic (or the packaged dictionaries it reads) changes.

The mentions come from the packaged rules (`load_rules()`) through `MentionMatcher` on a blank English pipeline; the
article's memory is an `ArticleContext` seeded by hand: `history` puts actors in an earlier paragraph (the segment
offset moved past them, as `code_article` does), `learned` are names the article introduced with a title. Rule ids
say which step decided: a dictionary rule for a named actor, "<country rule>+<agent rule>" for a role word with its
country, "coref:..." for what the article said before, "context:..." for the story's country.

Names not in the dictionaries ("Aibek Ormonov", "Grushko", "Volkov") are used on purpose where a step reads unknown
names. Unless a test says otherwise, events are dated 2024-06-14.
"""

from __future__ import annotations

from datetime import date


from coder.engine.actors import Actor, ActorResolver, ArticleContext
from coder.engine.docview import DocView
from tests.docs_by_hand import blank_nlp, packaged_mentions, packaged_rules, parsed

DAY = date(2024, 6, 14)
EARLIER_PARAGRAPH = 100  # the length of the paragraph `history` was said in


nlp, rules, matcher = blank_nlp, packaged_rules, packaged_mentions


def resolver_for(table: str, day: date | None = DAY, history: tuple[Actor, ...] = (),
                 learned: dict[str, Actor] | None = None, **context_fields) -> ActorResolver:
    """A resolver for the (one-sentence) parse, with `history` said in an earlier paragraph, in order, and `learned`
    names; `context_fields` set the ArticleContext's other fields (dateline_country, region, last_meeting, ...)."""
    doc = parsed(table, nlp().vocab)
    context = ArticleContext(rules().settings, **context_fields)
    for position, actor in enumerate(history):
        context.remember(position, actor)
    context.base = EARLIER_PARAGRAPH if history else 0
    for name, actor in (learned or {}).items():
        context.learn([name], actor)
    return ActorResolver(matcher()(doc), day, context, DocView(doc))


def person(code: str, text: str, rule_id: str) -> Actor:
    return Actor(code, text, 0, len(text.split()), rule_id, True)


def body(code: str, text: str, rule_id: str) -> Actor:
    return Actor(code, text, 0, len(text.split()), rule_id, False)


# people and bodies an earlier paragraph named (their codes on DAY)
TOKAYEV = person("KAZGOV", "Tokayev", "person.tokayev")
JAPAROV = person("KGZGOV", "Sadyr Japarov", "person.sadyr_japarov")
RAHMON = person("TJKGOV", "Rahmon", "person.rahmon")
MIRZIYOYEV = person("UZBGOV", "Mirziyoyev", "person.mirziyoyev")
SERDAR = person("TKMGOV", "Serdar Berdimuhamedov", "person.serdar_berdimuhamedov")
PUTIN = person("RUSGOV", "Putin", "person.putin")
GURBANGULY = person("TKMGOV", "Gurbanguly Berdimuhamedov", "person.gurbanguly_berdimuhamedov")
TRUMP = person("USAGOV", "Trump", "person.trump")
NAZARBAYEV = person("KAZGOV", "Nazarbayev", "person.nazarbayev")
SPEAKER = person("KAZLEG", "Speaker Maulen Ashimbayev", "country.KAZ+agent.leg.speaker")
KAZAKHSTAN = body("KAZ", "Kazakhstan", "country.KAZ")
KYRGYZSTAN = body("KGZ", "Kyrgyzstan", "country.KGZ")
TAJIKISTAN = body("TJK", "Tajikistan", "country.TJK")
UZBEKISTAN = body("UZB", "Uzbekistan", "country.UZB")
TURKMENISTAN = body("TKM", "Turkmenistan", "country.TKM")
RUSSIA = body("RUS", "Russia", "country.RUS")
MILITANTS = body("AFGREB", "Afghan militants", "country.AFG+agent.reb.militant")


# -- the harness ------------------------------------------------------------------------------------------------------

def test_the_harness_finds_the_packaged_mentions_on_a_blank_pipelines_doc():
    resolver = resolver_for("""
        0  The        3  det       DET    DT   the
        1  Kyrgyz     3  compound  PROPN  NNP  Kyrgyz
        2  foreign    3  amod      ADJ    JJ   foreign
        3  minister   4  nsubj     NOUN   NN   minister
        4  met        4  ROOT      VERB   VBD  meet
        5  Putin      4  dobj      PROPN  NNP  Putin
        6  .          4  punct     PUNCT  .    .
    """)
    m = resolver.mentions
    assert [(a.start, a.end, a.form, a.rule.id) for a in m.actors] == [(1, 2, "adjective", "country.KGZ"),
                                                                       (5, 6, "name", "person.putin")]
    assert [(a.start, a.end, a.rule.id) for a in m.agents] == [(2, 4, "agent.gov.foreign_minister")]


# -- step: a named actor ----------------------------------------------------------------------------------------------

NAZARBAYEV_MET_TOKAYEV = """
    0  Nazarbayev  1  nsubj  PROPN  NNP  Nazarbayev
    1  met         1  ROOT   VERB   VBD  meet
    2  Tokayev     1  dobj   PROPN  NNP  Tokayev
    3  .           1  punct  PUNCT  .    .
"""


def test_a_named_person_is_coded_by_the_office_held_on_the_event_date():
    # Nazarbayev was president until 2019-03-19; Tokayev chaired the Senate until then and was president after
    on_the_last_day = resolver_for(NAZARBAYEV_MET_TOKAYEV, day=date(2019, 3, 19))
    assert on_the_last_day.resolve(0) == [Actor("KAZGOV", "Nazarbayev", 0, 1, "person.nazarbayev", True)]
    assert on_the_last_day.resolve(2, as_target=True) == [Actor("KAZLEG", "Tokayev", 2, 3, "person.tokayev", True)]
    on_the_next_day = resolver_for(NAZARBAYEV_MET_TOKAYEV, day=date(2019, 3, 20))
    assert on_the_next_day.resolve(0) == [Actor("KAZELI", "Nazarbayev", 0, 1, "person.nazarbayev", True)]
    assert on_the_next_day.resolve(2, as_target=True) == [Actor("KAZGOV", "Tokayev", 2, 3, "person.tokayev", True)]


def test_a_capital_is_its_government_a_country_by_name_itself_and_an_igo_its_code():
    resolver = resolver_for("""
        0  Moscow  1  nsubj  PROPN  NNP  Moscow
        1  warned  1  ROOT   VERB   VBD  warn
        2  the     3  det    DET    DT   the
        3  CSTO    1  dobj   PROPN  NNP  CSTO
        4  .       1  punct  PUNCT  .    .
    """)
    assert resolver.resolve(0) == [Actor("RUSGOV", "Moscow", 0, 1, "country.RUS")]
    assert resolver.resolve(3, as_target=True) == [Actor("IGOEASCSTO", "the CSTO", 2, 4, "org.csto")]
    resolver = resolver_for("""
        0  Russia  1  nsubj  PROPN  NNP  Russia
        1  warned  1  ROOT   VERB   VBD  warn
        2  Astana  1  dobj   PROPN  NNP  Astana
        3  .       1  punct  PUNCT  .    .
    """)
    assert resolver.resolve(0) == [Actor("RUS", "Russia", 0, 1, "country.RUS")]
    assert resolver.resolve(2, as_target=True) == [Actor("KAZGOV", "Astana", 2, 3, "country.KAZ")]


# -- step: a named actor, with partners the parser hung inside its phrase --------------------------------------------

def test_a_name_hung_inside_the_next_names_phrase_is_an_actor_of_its_own():
    # "Putin and Kyrgyz President Sadyr Japarov spoke", as the small English model parses it: Putin a modifier of
    # Japarov, with "and President" coordinated under it
    resolver = resolver_for("""
        0  Putin      5  nmod      PROPN  NNP  Putin
        1  and        0  cc        CCONJ  CC   and
        2  Kyrgyz     3  compound  PROPN  NNP  Kyrgyz
        3  President  0  conj      PROPN  NNP  President
        4  Sadyr      5  compound  PROPN  NNP  Sadyr
        5  Japarov    6  nsubj     PROPN  NNP  Japarov
        6  spoke      6  ROOT      VERB   VBD  speak
        7  .          6  punct     PUNCT  .    .
    """)
    putin, japarov = resolver.resolve(5)
    assert putin == Actor("RUSGOV", "Putin", 0, 1, "person.putin", True)
    # (the second actor keeps the whole misparsed phrase as its text and span: see the report)
    assert (japarov.code, japarov.rule_id, japarov.is_person) == ("KGZGOV", "person.sadyr_japarov", True)
    # without the "and", the names in the phrase are one actor
    resolver = resolver_for("""
        0  Kyrgyz     3  compound  PROPN  NNP  Kyrgyz
        1  President  3  compound  PROPN  NNP  President
        2  Sadyr      3  compound  PROPN  NNP  Sadyr
        3  Japarov    4  nsubj     PROPN  NNP  Japarov
        4  spoke      4  ROOT      VERB   VBD  speak
        5  .          4  punct     PUNCT  .    .
    """)
    assert resolver.resolve(3) == [Actor("KGZGOV", "Kyrgyz President Sadyr Japarov", 0, 4, "person.sadyr_japarov",
                                         True)]


# -- step: a learned name ---------------------------------------------------------------------------------------------

ORMONOV_ARRIVED = """
    0  Kyrgyz    4  compound  PROPN  NNP  Kyrgyz
    1  Foreign   2  compound  PROPN  NNP  Foreign
    2  Minister  4  compound  PROPN  NNP  Minister
    3  Aibek     4  compound  PROPN  NNP  Aibek
    4  Ormonov   5  nsubj     PROPN  NNP  Ormonov
    5  arrived   5  ROOT      VERB   VBD  arrive
    6  .         5  punct     PUNCT  .    .
"""
ORMONOV = Actor("KGZGOV", "Kyrgyz Foreign Minister Aibek Ormonov", 0, 5, "country.KGZ+agent.gov.foreign_minister",
                True)

ORMONOV_MET_PUTIN = """
    0  Ormonov  1  nsubj  PROPN  NNP  Ormonov
    1  met      1  ROOT   VERB   VBD  meet
    2  Putin    1  dobj   PROPN  NNP  Putin
    3  .        1  punct  PUNCT  .    .
"""


def test_a_title_in_the_names_compounds_gives_the_role_and_the_name_is_learned():
    resolver = resolver_for(ORMONOV_ARRIVED)
    assert resolver.resolve(4) == [ORMONOV]
    assert resolver.context.learned == {"Aibek Ormonov": ORMONOV, "Ormonov": ORMONOV}


def test_a_learned_name_is_the_actor_it_was_introduced_as():
    resolver = resolver_for(ORMONOV_MET_PUTIN, learned={"Ormonov": ORMONOV})
    assert resolver.resolve(0) == [Actor("KGZGOV", "Ormonov", 0, 1, "coref:country.KGZ+agent.gov.foreign_minister",
                                         True)]
    assert resolver_for(ORMONOV_MET_PUTIN).resolve(0) == []  # not learned: an unknown name
    # a dictionary name is read before a learned one
    resolver = resolver_for(ORMONOV_MET_PUTIN, learned={"Putin": ORMONOV})
    assert resolver.resolve(2, as_target=True) == [Actor("RUSGOV", "Putin", 2, 3, "person.putin", True)]


# -- step: a name owned by an actor -----------------------------------------------------------------------------------

GRUSHKO_MET_THE_KAZAKH_SIDE = """
    0  Russia   2  poss      PROPN  NNP  Russia
    1  's       0  case      PART   POS  's
    2  Grushko  3  nsubj     PROPN  NNP  Grushko
    3  met      3  ROOT      VERB   VBD  meet
    4  the      6  det       DET    DT   the
    5  Kazakh   6  compound  PROPN  NNP  Kazakh
    6  side     3  dobj      NOUN   NN   side
    7  .        3  punct     PUNCT  .    .
"""


def test_an_unknown_name_owned_by_a_country_or_organisation_is_a_person_of_it_and_is_learned():
    resolver = resolver_for(GRUSHKO_MET_THE_KAZAKH_SIDE)
    grushko = Actor("RUS", "Russia's Grushko", 0, 3, "country.RUS", True)
    assert resolver.resolve(2) == [grushko]
    assert resolver.context.learned == {"Grushko": grushko}
    resolver = resolver_for("""
        0  the      1  det    DET    DT   the
        1  CSTO     3  poss   PROPN  NNP  CSTO
        2  's       1  case   PART   POS  's
        3  Zas      4  nsubj  PROPN  NNP  Zas
        4  warned   4  ROOT   VERB   VBD  warn
        5  .        4  punct  PUNCT  .    .
    """)
    assert resolver.resolve(3) == [Actor("IGOEASCSTO", "the CSTO's Zas", 0, 4, "org.csto", True)]


def test_a_name_owned_by_a_person_is_not_that_persons_actor():
    resolver = resolver_for("""
        0  Putin   2  poss   PROPN  NNP  Putin
        1  's      0  case   PART   POS  's
        2  Volkov  3  nsubj  PROPN  NNP  Volkov
        3  said    3  ROOT   VERB   VBD  say
        4  .       3  punct  PUNCT  .    .
    """)
    assert resolver.resolve(2) == []
    assert resolver.context.learned == {}


# -- step: a role word ------------------------------------------------------------------------------------------------

def test_a_country_adjective_on_a_role_word_gives_the_countrys_body():
    resolver = resolver_for("""
        0  The       3  det       DET    DT   the
        1  Kyrgyz    3  compound  PROPN  NNP  Kyrgyz
        2  foreign   3  amod      ADJ    JJ   foreign
        3  minister  4  nsubj     NOUN   NN   minister
        4  met       4  ROOT      VERB   VBD  meet
        5  Tajik     7  compound  PROPN  NNP  Tajik
        6  border    7  compound  NOUN   NN   border
        7  guards    4  dobj      NOUN   NNS  guard
        8  .         4  punct     PUNCT  .    .
    """, dateline_country="KAZ")
    assert resolver.resolve(3) == [Actor("KGZGOV", "The Kyrgyz foreign minister", 0, 4,
                                         "country.KGZ+agent.gov.foreign_minister", True)]
    assert resolver.resolve(7, as_target=True) == [Actor("TJKMIL", "Tajik border guards", 5, 8,
                                                         "country.TJK+agent.mil.border_guard", False)]


def test_a_role_word_takes_its_countries_from_an_in_or_from_phrase():
    resolver = resolver_for("""
        0  Police      3  nsubj  NOUN   NNS  police
        1  in          0  prep   ADP    IN   in
        2  Kazakhstan  1  pobj   PROPN  NNP  Kazakhstan
        3  detained    3  ROOT   VERB   VBD  detain
        4  activists   3  dobj   NOUN   NNS  activist
        5  .           3  punct  PUNCT  .    .
    """, dateline_country="KGZ")
    [police] = resolver.resolve(0)
    # (is_person comes out True for "Police": see the report)
    assert (police.code, police.text, police.start, police.end, police.rule_id) == \
        ("KAZCOP", "Police", 0, 1, "country.KAZ+agent.cop.police")
    resolver = resolver_for("""
        0  Officials   5  nsubj  NOUN   NNS  official
        1  from        0  prep   ADP    IN   from
        2  Kyrgyzstan  1  pobj   PROPN  NNP  Kyrgyzstan
        3  and         2  cc     CCONJ  CC   and
        4  Tajikistan  2  conj   PROPN  NNP  Tajikistan
        5  met         5  ROOT   VERB   VBD  meet
        6  .           5  punct  PUNCT  .    .
    """)
    assert resolver.resolve(0) == [Actor("KGZGOV", "Officials", 0, 1, "country.KGZ+agent.gov.official", False),
                                   Actor("TJKGOV", "Officials", 0, 1, "country.TJK+agent.gov.official", False)]


def test_from_both_countries_are_the_two_countries_named_last():
    resolver = resolver_for("""
        0  Officials  4  nsubj  NOUN   NNS  official
        1  from       0  prep   ADP    IN   from
        2  both       3  det    DET    DT   both
        3  countries  1  pobj   NOUN   NNS  country
        4  met        4  ROOT   VERB   VBD  meet
        5  .          4  punct  PUNCT  .    .
    """, history=(KAZAKHSTAN, TOKAYEV, KYRGYZSTAN))
    assert resolver.resolve(0) == [
        Actor("KAZGOV", "Officials", 0, 1, "coref:country.KAZ+agent.gov.official", False),
        Actor("KGZGOV", "Officials", 0, 1, "coref:country.KGZ+agent.gov.official", False)]


THE_PRESIDENT_SAID_IT = """
    0  The        1  det    DET    DT   the
    1  president  2  nsubj  NOUN   NN   president
    2  said       2  ROOT   VERB   VBD  say
    3  it         2  dobj   PRON   PRP  it
    4  .          2  punct  PUNCT  .    .
"""


def test_a_title_only_mention_is_the_last_person_of_that_sector():
    # the speaker (LEG) was named after Japarov, the story is filed from Kazakhstan: "the president" is still Japarov
    resolver = resolver_for(THE_PRESIDENT_SAID_IT, history=(JAPAROV, RUSSIA, SPEAKER), dateline_country="KAZ")
    assert resolver.resolve(1) == [Actor("KGZGOV", "The president", 0, 2, "coref:person.sadyr_japarov", True)]
    # without a president named: the story's country
    resolver = resolver_for(THE_PRESIDENT_SAID_IT, history=(SPEAKER,), dateline_country="KGZ")
    assert resolver.resolve(1) == [Actor("KGZGOV", "The president", 0, 2, "context:agent.gov.president")]


POLICE_DETAINED_ACTIVISTS = """
    0  Police     1  nsubj  NOUN   NNS  police
    1  detained   1  ROOT   VERB   VBD  detain
    2  activists  1  dobj   NOUN   NNS  activist
    3  .          1  punct  PUNCT  .    .
"""


def test_a_role_word_without_a_country_takes_the_datelines_country():
    resolver = resolver_for(POLICE_DETAINED_ACTIVISTS, dateline_country="KGZ", history=(KAZAKHSTAN, KAZAKHSTAN))
    assert resolver.resolve(0) == [Actor("KGZCOP", "Police", 0, 1, "context:agent.cop.police")]
    assert resolver.resolve(2, as_target=True) == [Actor("KGZCVL", "activists", 2, 3, "context:agent.cvl.protester")]
    # without a dateline, the story's country is the one named most
    resolver = resolver_for(POLICE_DETAINED_ACTIVISTS, history=(KYRGYZSTAN, KAZAKHSTAN, TOKAYEV, KYRGYZSTAN,
                                                                 KAZAKHSTAN, NAZARBAYEV))
    assert resolver.resolve(0) == [Actor("KAZCOP", "Police", 0, 1, "context:agent.cop.police")]
    assert resolver_for(POLICE_DETAINED_ACTIVISTS).resolve(0) == []  # no country anywhere


POLICE_DETAINED_PROTESTERS_IN_OSH = """
    0  Police      1  nsubj  NOUN   NNS  police
    1  detained    1  ROOT   VERB   VBD  detain
    2  protesters  1  dobj   NOUN   NNS  protester
    3  in          1  prep   ADP    IN   in
    4  Osh         3  pobj   PROPN  NNP  Osh
    5  .           1  punct  PUNCT  .    .
"""


def _places():
    from coder.engine.coding.places import Places
    return Places(rules()).country_of_place


def test_a_placed_role_takes_the_country_of_the_place_its_clause_names():
    """engine.yaml's `placed_roles` ("police", "protesters") named without their country stand where their clause
    happens ("in Osh", a town of the gazetteer), before the story's country; other role words do not."""
    table = POLICE_DETAINED_PROTESTERS_IN_OSH
    resolver = resolver_for(table, dateline_country="KAZ", place_country=_places())
    assert resolver.resolve(0) == [Actor("KGZCOP", "Police", 0, 1, "place:agent.cop.police")]
    assert resolver.resolve(2, as_target=True) == [Actor("KGZCVL", "protesters", 2, 3, "place:agent.cvl.protester")]
    # without a place finder the story's country stands
    assert resolver_for(table, dateline_country="KAZ").resolve(0) == [
        Actor("KAZCOP", "Police", 0, 1, "context:agent.cop.police")]
    # troops are not a placed role: a foreign force stands in the place it is sent to
    troops = table.replace("Police      1  nsubj  NOUN   NNS  police", "Troops      1  nsubj  NOUN   NNS  troop")
    assert resolver_for(troops, dateline_country="KAZ", place_country=_places()).resolve(0) == [
        Actor("KAZMIL", "Troops", 0, 1, "context:agent.mil.armed_forces")]


def test_places_of_two_countries_place_no_role():
    resolver = resolver_for("""
        0  Police      1  nsubj  NOUN   NNS  police
        1  detained    1  ROOT   VERB   VBD  detain
        2  protesters  1  dobj   NOUN   NNS  protester
        3  in          1  prep   ADP    IN   in
        4  Osh         3  pobj   PROPN  NNP  Osh
        5  and         4  cc     CCONJ  CC   and
        6  Khujand     4  conj   PROPN  NNP  Khujand
        7  .           1  punct  PUNCT  .    .
    """, dateline_country="KAZ", place_country=_places())
    assert resolver.resolve(0) == [Actor("KAZCOP", "Police", 0, 1, "context:agent.cop.police")]


def test_the_attackers_are_the_attackers_named_before_not_the_storys():
    """"Gunmen from Afghanistan attacked a Tajik post ... The attackers were captured": Afghan, in a Tajik story."""
    gunmen = body("AFGREB", "Gunmen from Afghanistan", "country.AFG+agent.reb.militant")
    resolver = resolver_for("""
        0  The        1  det        DET    DT   the
        1  attackers  3  nsubjpass  NOUN   NNS  attacker
        2  were       3  auxpass    AUX    VBD  be
        3  captured   3  ROOT       VERB   VBN  capture
        4  .          3  punct      PUNCT  .    .
    """, dateline_country="TJK", history=(gunmen,), place_country=_places())
    assert resolver.resolve(1, as_target=True) == [
        Actor("AFGREB", "The attackers", 0, 2, "coref:country.AFG+agent.reb.militant", False)]


THE_LEADERS_AGREED = """
    0  The     1  det    DET    DT   the
    1  leaders 2  nsubj  NOUN   NNS  leader
    2  agreed  2  ROOT   VERB   VBD  agree
    3  .       2  punct  PUNCT  .    .
"""


def test_the_leaders_are_the_last_meetings_parties_and_never_the_storys_government():
    # leaders of many countries: not the last leader named, not the story's government
    assert resolver_for(THE_LEADERS_AGREED, history=(TOKAYEV,), dateline_country="KAZ").resolve(1) == []
    resolver = resolver_for(THE_LEADERS_AGREED, dateline_country="KAZ", last_meeting=(TOKAYEV, JAPAROV))
    assert resolver.resolve(1) == [Actor("KAZGOV", "leaders", 1, 2, "coref:person.tokayev", True),
                                   Actor("KGZGOV", "leaders", 1, 2, "coref:person.sadyr_japarov", True)]


def test_a_role_word_beside_a_person_of_one_country_is_of_that_country():
    # "Kyrgyz President Sadyr Japarov and the foreign minister arrived", filed from Astana after Tokayev was named
    resolver = resolver_for("""
        0  Kyrgyz     3  compound  PROPN  NNP  Kyrgyz
        1  President  3  compound  PROPN  NNP  President
        2  Sadyr      3  compound  PROPN  NNP  Sadyr
        3  Japarov    8  nsubj     PROPN  NNP  Japarov
        4  and        3  cc        CCONJ  CC   and
        5  the        7  det       DET    DT   the
        6  foreign    7  amod      ADJ    JJ   foreign
        7  minister   3  conj      NOUN   NN   minister
        8  arrived    8  ROOT      VERB   VBD  arrive
        9  .          8  punct     PUNCT  .    .
    """, history=(TOKAYEV,), dateline_country="KAZ")
    assert resolver.resolve(7) == [Actor("KGZGOV", "the foreign minister", 5, 8,
                                         "conjunct+agent.gov.foreign_minister", True)]


def test_a_role_word_beside_people_of_two_countries_or_beside_a_body_is_of_no_conjunct_country():
    two_countries = resolver_for("""
        0  Tokayev   7  nsubj  PROPN  NNP  Tokayev
        1  ,         0  punct  PUNCT  ,    ,
        2  Putin     0  conj   PROPN  NNP  Putin
        3  and       2  cc     CCONJ  CC   and
        4  the       6  det    DET    DT   the
        5  foreign   6  amod   ADJ    JJ   foreign
        6  minister  2  conj   NOUN   NN   minister
        7  arrived   7  ROOT   VERB   VBD  arrive
        8  .         7  punct  PUNCT  .    .
    """, dateline_country="KGZ")
    assert two_countries.resolve(6) == [Actor("KGZGOV", "the foreign minister", 4, 7,
                                              "context:agent.gov.foreign_minister")]
    beside_a_body = resolver_for("""
        0  Tajik     2  compound  PROPN  NNP  Tajik
        1  border    2  compound  NOUN   NN   border
        2  guards    7  nsubj     NOUN   NNS  guard
        3  and       2  cc        CCONJ  CC   and
        4  the       6  det       DET    DT   the
        5  foreign   6  amod      ADJ    JJ   foreign
        6  minister  2  conj      NOUN   NN   minister
        7  arrived   7  ROOT      VERB   VBD  arrive
        8  .         7  punct     PUNCT  .    .
    """, dateline_country="KGZ")
    assert beside_a_body.resolve(6) == [Actor("KGZGOV", "the foreign minister", 4, 7,
                                              "context:agent.gov.foreign_minister")]


def test_their_role_word_after_coordinated_countries_is_one_body_per_country():
    resolver = resolver_for("""
        0   Kyrgyzstan  3   nsubj     PROPN  NNP  Kyrgyzstan
        1   and         0   cc        CCONJ  CC   and
        2   Tajikistan  0   conj      PROPN  NNP  Tajikistan
        3   agreed      3   ROOT      VERB   VBD  agree
        4   to          3   prep      ADP    IN   to
        5   a           6   det       DET    DT   a
        6   ceasefire   4   pobj      NOUN   NN   ceasefire
        7   after       11  mark      SCONJ  IN   after
        8   their       10  poss      PRON   PRP$ their
        9   border      10  compound  NOUN   NN   border
        10  guards      11  nsubj     NOUN   NNS  guard
        11  traded      3   advcl     VERB   VBD  trade
        12  fire        11  dobj      NOUN   NN   fire
        13  .           3   punct     PUNCT  .    .
    """, dateline_country="KAZ")
    assert resolver.resolve(10) == [
        Actor("TJKMIL", "their border guards", 8, 11, "country.TJK+agent.mil.border_guard", False),
        Actor("KGZMIL", "their border guards", 8, 11, "country.KGZ+agent.mil.border_guard", False)]


def test_the_regions_leaders_are_the_region_the_article_named():
    table = """
        0  The      1  det    DET    DT   the
        1  region   3  poss   NOUN   NN   region
        2  's       1  case   PART   POS  's
        3  leaders  4  nsubj  NOUN   NNS  leader
        4  met      4  ROOT   VERB   VBD  meet
        5  .        4  punct  PUNCT  .    .
    """
    assert resolver_for(table, region="CAS").resolve(3) == [
        Actor("CASGOV", "The region's leaders", 0, 4, "coref:region+agent.gov.leader", False)]
    assert resolver_for(table, dateline_country="KAZ").resolve(3) == []  # no region named


def test_the_presidents_of_the_five_states_are_the_five_countries_named_last():
    resolver = resolver_for("""
        0  The         1  det     DET    DT   the
        1  presidents  6  nsubj   NOUN   NNS  president
        2  of          1  prep    ADP    IN   of
        3  the         5  det     DET    DT   the
        4  five        5  nummod  NUM    CD   five
        5  states      2  pobj    NOUN   NNS  state
        6  met         6  ROOT    VERB   VBD  meet
        7  .           6  punct   PUNCT  .    .
    """, history=(RUSSIA, KAZAKHSTAN, KYRGYZSTAN, TAJIKISTAN, UZBEKISTAN, TURKMENISTAN))
    text = "The presidents of the five states"
    assert resolver.resolve(1) == [
        Actor(f"{country}GOV", text, 0, 6, f"coref:country.{country}+agent.gov.president", False)
        for country in ("KAZ", "KGZ", "TJK", "UZB", "TKM")]


# -- step: a country word ---------------------------------------------------------------------------------------------

KYRGYZ_AND_TAJIK_BORDER_GUARDS = """
    0  Kyrgyz     6  nsubj     PROPN  NNP  Kyrgyz
    1  and        0  cc        CCONJ  CC   and
    2  Tajik      4  compound  PROPN  NNP  Tajik
    3  border     4  compound  NOUN   NN   border
    4  guards     0  conj      NOUN   NNS  guard
    5  have       6  aux       AUX    VBP  have
    6  clashed    6  ROOT      VERB   VBN  clash
    7  .          6  punct     PUNCT  .    .
"""


def test_a_country_adjective_coordinated_with_a_role_phrase_shares_its_role():
    resolver = resolver_for(KYRGYZ_AND_TAJIK_BORDER_GUARDS)
    [kyrgyz] = resolver.resolve(0)
    # (is_person comes out True for these "Kyrgyz" border guards: see the report)
    assert (kyrgyz.code, kyrgyz.text, kyrgyz.start, kyrgyz.end, kyrgyz.rule_id) == \
        ("KGZMIL", "Kyrgyz", 0, 1, "country.KGZ+agent.mil.border_guard")
    assert resolver.resolve(4) == [Actor("TJKMIL", "Tajik border guards", 2, 5, "country.TJK+agent.mil.border_guard",
                                         False)]


def test_a_country_adjective_alone_is_the_country_beside_a_role_word_without_a_country():
    resolver = resolver_for("""
        0  The      1  det    DET    DT   the
        1  Chinese  4  nsubj  PROPN  NNPS Chinese
        2  and      1  cc     CCONJ  CC   and
        3  police   1  conj   NOUN   NNS  police
        4  clashed  4  ROOT   VERB   VBD  clash
        5  .        4  punct  PUNCT  .    .
    """)
    assert resolver.resolve(1) == [Actor("CHN", "The Chinese", 0, 2, "country.CHN")]


# -- step: a building -------------------------------------------------------------------------------------------------

def test_a_building_housing_an_institution_or_of_it_is_the_institution_as_a_target():
    resolver = resolver_for("""
        0  Protesters  1  nsubj  NOUN   NNS  protester
        1  stormed     1  ROOT   VERB   VBD  storm
        2  the         3  det    DET    DT   the
        3  building    1  dobj   NOUN   NN   building
        4  housing     3  acl    VERB   VBG  house
        5  the         6  det    DET    DT   the
        6  presidency  4  dobj   NOUN   NN   presidency
        7  .           1  punct  PUNCT  .    .
    """, dateline_country="KGZ")
    assert resolver.resolve(3, as_target=True) == [
        Actor("KGZGOV", "the presidency", 5, 7, "context:agent.gov.presidential_office")]
    assert resolver.resolve(3, as_target=False) == []  # a subject building is a building
    resolver = resolver_for("""
        0  Protesters    1  nsubj  NOUN   NNS  protester
        1  stormed       1  ROOT   VERB   VBD  storm
        2  the           3  det    DET    DT   the
        3  headquarters  1  dobj   NOUN   NN   headquarters
        4  of            3  prep   ADP    IN   of
        5  the           7  det    DET    DT   the
        6  Kyrgyz        7  amod   ADJ    JJ   Kyrgyz
        7  government    4  pobj   NOUN   NN   government
        8  .             1  punct  PUNCT  .    .
    """)
    assert resolver.resolve(3, as_target=True) == [
        Actor("KGZGOV", "the Kyrgyz government", 5, 8, "country.KGZ+agent.gov.government", False)]


# -- step: a border ---------------------------------------------------------------------------------------------------

def test_its_border_with_a_country_is_that_country_as_a_target():
    resolver = resolver_for("""
        0  Kazakhstan  1  nsubj  PROPN  NNP   Kazakhstan
        1  eased       1  ROOT   VERB   VBD   ease
        2  checks      1  dobj   NOUN   NNS   check
        3  on          2  prep   ADP    IN    on
        4  its         5  poss   PRON   PRP$  its
        5  border      3  pobj   NOUN   NN    border
        6  with        5  prep   ADP    IN    with
        7  Kyrgyzstan  6  pobj   PROPN  NNP   Kyrgyzstan
        8  .           1  punct  PUNCT  .     .
    """)
    assert resolver.resolve(5, as_target=True) == [Actor("KGZ", "Kyrgyzstan", 7, 8, "country.KGZ")]
    assert resolver.resolve(5, as_target=False) == []


# -- step: a proxy noun -----------------------------------------------------------------------------------------------

def test_the_kazakh_side_is_kazakhstan_and_kyrgyz_territory_kyrgyzstan():
    resolver = resolver_for(GRUSHKO_MET_THE_KAZAKH_SIDE)
    assert resolver.resolve(6, as_target=True) == [Actor("KAZ", "the Kazakh side", 4, 7, "country.KAZ")]
    resolver = resolver_for("""
        0  Troops     1  nsubj     NOUN   NNS  troop
        1  entered    1  ROOT      VERB   VBD  enter
        2  Kyrgyz     3  compound  PROPN  NNP  Kyrgyz
        3  territory  1  dobj      NOUN   NN   territory
        4  .          1  punct     PUNCT  .    .
    """, dateline_country="TJK")
    assert resolver.resolve(3, as_target=True) == [Actor("KGZ", "Kyrgyz territory", 2, 4, "country.KGZ")]
    assert resolver.resolve(0) == [Actor("TJKMIL", "Troops", 0, 1, "context:agent.mil.armed_forces")]


def test_the_kazakh_capital_is_the_kazakh_government():
    resolver = resolver_for("""
        0  Putin    1  nsubj     PROPN  NNP  Putin
        1  arrived  1  ROOT      VERB   VBD  arrive
        2  in       1  prep      ADP    IN   in
        3  the      5  det       DET    DT   the
        4  Kazakh   5  compound  PROPN  NNP  Kazakh
        5  capital  2  pobj      NOUN   NN   capital
        6  .        1  punct     PUNCT  .    .
    """)
    assert resolver.resolve(5, as_target=True) == [Actor("KAZGOV", "the Kazakh capital", 3, 6, "country.KAZ")]


def test_his_kazakh_counterpart_is_a_person_in_the_kazakh_government():
    resolver = resolver_for("""
        0  Rahmon       1  nsubj     PROPN  NNP   Rahmon
        1  met          1  ROOT      VERB   VBD   meet
        2  his          4  poss      PRON   PRP$  his
        3  Kazakh       4  compound  PROPN  NNP   Kazakh
        4  counterpart  1  dobj      NOUN   NN    counterpart
        5  .            1  punct     PUNCT  .     .
    """)
    assert resolver.resolve(4, as_target=True) == [
        Actor("KAZGOV", "his Kazakh counterpart", 2, 5, "country.KAZ", True)]
    # named in apposition: the named person
    resolver = resolver_for("""
        0  Rahmon       1  nsubj     PROPN  NNP   Rahmon
        1  met          1  ROOT      VERB   VBD   meet
        2  his          4  poss      PRON   PRP$  his
        3  Kyrgyz       4  compound  PROPN  NNP   Kyrgyz
        4  counterpart  1  dobj      NOUN   NN    counterpart
        5  Almazbek     6  compound  PROPN  NNP   Almazbek
        6  Atambayev    4  appos     PROPN  NNP   Atambayev
        7  .            1  punct     PUNCT  .     .
    """, day=date(2015, 6, 14))
    assert resolver.resolve(4, as_target=True) == [
        Actor("KGZGOV", "his Kyrgyz counterpart Almazbek Atambayev", 2, 7, "person.atambayev", True)]


def test_one_nation_of_a_region_is_the_country_the_story_is_about():
    resolver = resolver_for("""
        0  The      3  det       DET    DT   the
        1  Central  2  compound  PROPN  NNP  Central
        2  Asian    3  amod      ADJ    JJ   Asian
        3  nation   4  nsubj     NOUN   NN   nation
        4  agreed   4  ROOT      VERB   VBD  agree
        5  .        4  punct     PUNCT  .    .
    """, dateline_country="TKM")
    assert resolver.resolve(3) == [Actor("TKM", "The Central Asian nation", 0, 4, "context:country.CAS")]


# -- step: a group reference ------------------------------------------------------------------------------------------

THE_TWO_LEADERS = """
    0  The      2  det     DET    DT   the
    1  two      2  nummod  NUM    CD   two
    2  leaders  3  nsubj   NOUN   NNS  leader
    3  agreed   3  ROOT    VERB   VBD  agree
    4  .        3  punct   PUNCT  .    .
"""


def test_the_two_leaders_are_the_last_two_people_of_different_countries():
    # Nazarbayev, then Tokayev of the same country, then Japarov; the countries between are no leaders
    resolver = resolver_for(THE_TWO_LEADERS, history=(KAZAKHSTAN, JAPAROV, RUSSIA, TOKAYEV, KYRGYZSTAN, NAZARBAYEV))
    assert resolver.resolve(2) == [Actor("KGZGOV", "leaders", 2, 3, "coref:person.sadyr_japarov", True),
                                   Actor("KAZGOV", "leaders", 2, 3, "coref:person.nazarbayev", True)]


THE_TWO_GOVERNMENTS = """
    0  The          2  det     DET    DT   the
    1  two          2  nummod  NUM    CD   two
    2  governments  3  nsubj   NOUN   NNS  government
    3  agreed       3  ROOT    VERB   VBD  agree
    4  .            3  punct   PUNCT  .    .
"""


def test_the_two_governments_are_of_the_last_two_states_or_else_of_the_last_two_peoples_countries():
    resolver = resolver_for(THE_TWO_GOVERNMENTS, history=(UZBEKISTAN, TAJIKISTAN, MILITANTS))  # militants: no state
    assert resolver.resolve(2) == [Actor("UZBGOV", "governments", 2, 3, "coref:country.UZB"),
                                   Actor("TJKGOV", "governments", 2, 3, "coref:country.TJK")]
    resolver = resolver_for(THE_TWO_GOVERNMENTS, history=(MIRZIYOYEV, RAHMON))
    assert resolver.resolve(2) == [Actor("UZBGOV", "governments", 2, 3, "coref:person.mirziyoyev"),
                                   Actor("TJKGOV", "governments", 2, 3, "coref:person.rahmon")]


def test_two_of_a_group_with_one_named_are_nobody_not_the_storys_government():
    # the group step decides (nothing), so the role word never falls back to the dateline's country
    assert resolver_for(THE_TWO_LEADERS, history=(TOKAYEV,), dateline_country="KAZ").resolve(2) == []
    assert resolver_for(THE_TWO_GOVERNMENTS, history=(TOKAYEV,), dateline_country="KAZ").resolve(2) == []


def test_both_countries_are_the_last_two_countries():
    resolver = resolver_for("""
        0  Both       1  det    DET    DT   both
        1  countries  2  nsubj  NOUN   NNS  country
        2  agreed     2  ROOT   VERB   VBD  agree
        3  .          2  punct  PUNCT  .    .
    """, history=(RUSSIA, KAZAKHSTAN, TOKAYEV, KYRGYZSTAN))
    assert resolver.resolve(1) == [Actor("KAZ", "countries", 1, 2, "coref:country.KAZ"),
                                   Actor("KGZ", "countries", 1, 2, "coref:country.KGZ")]


def test_a_counted_role_that_names_its_country_is_a_count_not_a_reference():
    resolver = resolver_for("""
        0  Two     3  nummod    NUM    CD   two
        1  Tajik   3  compound  PROPN  NNP  Tajik
        2  border  3  compound  NOUN   NN   border
        3  guards  5  nsubjpass NOUN   NNS  guard
        4  were    5  auxpass   AUX    VBD  be
        5  killed  5  ROOT      VERB   VBN  kill
        6  .       5  punct     PUNCT  .    .
    """, history=(KAZAKHSTAN, KYRGYZSTAN))
    assert resolver.resolve(3) == [Actor("TJKMIL", "Two Tajik border guards", 0, 4,
                                         "country.TJK+agent.mil.border_guard", False)]


def test_each_other_is_the_last_two_actors():
    table = """
        0  Kazakhstan  3  nsubj  PROPN  NNP  Kazakhstan
        1  and         0  cc     CCONJ  CC   and
        2  Kyrgyzstan  0  conj   PROPN  NNP  Kyrgyzstan
        3  blamed      3  ROOT   VERB   VBD  blame
        4  each        5  det    DET    DT   each
        5  other       3  dobj   ADJ    JJ   other
        6  .           3  punct  PUNCT  .    .
    """
    resolver = resolver_for(table, history=(KAZAKHSTAN, KYRGYZSTAN))
    assert resolver.resolve(5, as_target=True) == [Actor("KAZ", "other", 5, 6, "coref:country.KAZ"),
                                                   Actor("KGZ", "other", 5, 6, "coref:country.KGZ")]
    # "each government blamed the other" with one country named: nobody, not the story's government
    each_government = resolver_for("""
        0  Each        1  det    DET    DT   each
        1  government  2  nsubj  NOUN   NN   government
        2  blamed      2  ROOT   VERB   VBD  blame
        3  the         4  det    DET    DT   the
        4  other       2  dobj   ADJ    JJ   other
        5  .           2  punct  PUNCT  .    .
    """, history=(KYRGYZSTAN,), dateline_country="KAZ")
    assert each_government.resolve(1) == []


THE_FIVE_PRESIDENTS = """
    0  The         2  det     DET    DT   the
    1  five        2  nummod  NUM    CD   five
    2  presidents  3  nsubj   NOUN   NNS  president
    3  signed      3  ROOT    VERB   VBD  sign
    4  .           3  punct   PUNCT  .    .
"""


def test_the_five_presidents_are_the_last_five_people_named():
    resolver = resolver_for(THE_FIVE_PRESIDENTS, history=(PUTIN, TOKAYEV, JAPAROV, RAHMON, MIRZIYOYEV, SERDAR))
    assert resolver.resolve(2) == [
        Actor(actor.code, "presidents", 2, 3, f"coref:{actor.rule_id}", True)
        for actor in (TOKAYEV, JAPAROV, RAHMON, MIRZIYOYEV, SERDAR)]


def test_the_five_presidents_without_five_named_are_the_region_the_article_named():
    history = (KAZAKHSTAN, KYRGYZSTAN, TAJIKISTAN, UZBEKISTAN, TURKMENISTAN, TOKAYEV)  # countries, not people
    assert resolver_for(THE_FIVE_PRESIDENTS, history=history, region="CAS").resolve(2) == [
        Actor("CASGOV", "presidents", 2, 3, "coref:region")]
    assert resolver_for(THE_FIVE_PRESIDENTS, history=history).resolve(2) == []


def test_five_presidents_without_the_are_a_count_not_a_reference():
    resolver = resolver_for("""
        0  Five        1  nummod  NUM    CD   five
        1  presidents  2  nsubj   NOUN   NNS  president
        2  signed      2  ROOT    VERB   VBD  sign
        3  .           2  punct   PUNCT  .    .
    """, history=(TOKAYEV, JAPAROV, RAHMON, MIRZIYOYEV, SERDAR), region="CAS", dateline_country="KAZ")
    assert resolver.resolve(1) == []


# -- step: a guest ----------------------------------------------------------------------------------------------------

def test_his_guest_is_the_last_person_from_another_country_than_the_host():
    resolver = resolver_for("""
        0  Tokayev  1  nsubj  PROPN  NNP   Tokayev
        1  thanked  1  ROOT   VERB   VBD   thank
        2  his      3  poss   PRON   PRP$  his
        3  guest    1  dobj   NOUN   NN    guest
        4  .        1  punct  PUNCT  .     .
    """, history=(RAHMON, PUTIN, NAZARBAYEV, TOKAYEV))
    assert resolver.resolve(3, as_target=True) == [Actor("RUSGOV", "his guest", 2, 4, "coref:person.putin", True)]


# -- step: a pronoun --------------------------------------------------------------------------------------------------

HE_THEN_HELD_TALKS = """
    0  He              2  nsubj     PRON   PRP  he
    1  then            2  advmod    ADV    RB   then
    2  held            2  ROOT      VERB   VBD  hold
    3  talks           2  dobj      NOUN   NNS  talk
    4  with            3  prep      ADP    IN   with
    5  Serdar          6  compound  PROPN  NNP  Serdar
    6  Berdimuhamedov  4  pobj      PROPN  NNP  Berdimuhamedov
    7  .               2  punct     PUNCT  .    .
"""


def test_an_opening_he_continues_the_previous_sentences_subject_not_the_last_person_named():
    resolver = resolver_for(HE_THEN_HELD_TALKS, history=(PUTIN, GURBANGULY), last_subject=PUTIN)
    assert resolver.resolve(0) == [Actor("RUSGOV", "He", 0, 1, "coref:person.putin", True)]
    # without a previous subject: the last person named
    resolver = resolver_for(HE_THEN_HELD_TALKS, history=(PUTIN, GURBANGULY))
    assert resolver.resolve(0) == [Actor("TKMGOV", "He", 0, 1, "coref:person.gurbanguly_berdimuhamedov", True)]


def test_he_is_not_a_previous_subject_named_again_later_or_after_an_opening_phrase():
    # the subject's code (TKMGOV) is named after "He": he is someone else, the last person named
    resolver = resolver_for(HE_THEN_HELD_TALKS, history=(GURBANGULY, PUTIN), last_subject=GURBANGULY)
    assert resolver._salient_subject(0, "person") is None
    assert resolver.resolve(0) == [Actor("RUSGOV", "He", 0, 1, "coref:person.putin", True)]
    # after an opening phrase, "he" does not continue the previous subject either
    resolver = resolver_for("""
        0  After  4  prep   ADP    IN   after
        1  the    2  det    DET    DT   the
        2  talks  0  pobj   NOUN   NNS  talk
        3  he     4  nsubj  PRON   PRP  he
        4  left   4  ROOT   VERB   VBD  leave
        5  .      4  punct  PUNCT  .    .
    """, history=(PUTIN, GURBANGULY), last_subject=PUTIN)
    assert resolver._salient_subject(3, "person") is None
    assert resolver.resolve(3) == [Actor("TKMGOV", "he", 3, 4, "coref:person.gurbanguly_berdimuhamedov", True)]


def test_he_in_a_coordinated_clause_continues_the_first_clauses_subject():
    resolver = resolver_for("""
        0   Trump       1   nsubj  PROPN  NNP  Trump
        1   said        1   ROOT   VERB   VBD  say
        2   Nazarbayev  4   nsubj  PROPN  NNP  Nazarbayev
        3   had         4   aux    AUX    VBD  have
        4   promised    1   ccomp  VERB   VBN  promise
        5   aid         4   dobj   NOUN   NN   aid
        6   ,           1   punct  PUNCT  ,    ,
        7   and         1   cc     CCONJ  CC   and
        8   he          9   nsubj  PRON   PRP  he
        9   praised     1   conj   VERB   VBD  praise
        10  him         9   dobj   PRON   PRP  he
        11  .           1   punct  PUNCT  .    .
    """, day=date(2018, 1, 16), history=(TRUMP, NAZARBAYEV))
    trump = Actor("USAGOV", "Trump", 0, 1, "person.trump", True)
    assert resolver._salient_subject(8, "person") == trump
    assert resolver.resolve(8) == [Actor("USAGOV", "he", 8, 9, "coref:person.trump", True)]


def test_they_and_it_as_subjects_are_the_last_collective_actor():
    they = """
        0  They    1  nsubj  PRON   PRP  they
        1  agreed  1  ROOT   VERB   VBD  agree
        2  .       1  punct  PUNCT  .    .
    """
    resolver = resolver_for(they, history=(KAZAKHSTAN, TOKAYEV), last_subject=TOKAYEV)
    assert resolver.resolve(0) == [Actor("KAZ", "They", 0, 1, "coref:country.KAZ")]
    assert resolver._salient_subject(0, "collective") is None  # only people continue a subject
    it = """
        0  It         1  nsubj  PRON   PRP  it
        1  protested  1  ROOT   VERB   VBD  protest
        2  .          1  punct  PUNCT  .    .
    """
    assert resolver_for(it, history=(KYRGYZSTAN, JAPAROV)).resolve(0) == [
        Actor("KGZ", "It", 0, 1, "coref:country.KGZ")]


def test_it_as_a_target_is_a_thing():
    resolver = resolver_for(THE_PRESIDENT_SAID_IT, history=(KAZAKHSTAN, TOKAYEV))
    assert resolver.resolve(3, as_target=True) == []
    assert resolver.resolve(3, as_target=False) == [Actor("KAZ", "it", 3, 4, "coref:country.KAZ")]


def test_him_is_not_the_subject_of_his_own_clause():
    table = """
        0  Putin    1  nsubj  PROPN  NNP  Putin
        1  thanked  1  ROOT   VERB   VBD  thank
        2  him      1  dobj   PRON   PRP  he
        3  .        1  punct  PUNCT  .    .
    """
    resolver = resolver_for(table, history=(TOKAYEV, PUTIN))
    resolver.clause_subjects = {"RUSGOV"}
    assert resolver.resolve(2, as_target=True) == [Actor("KAZGOV", "him", 2, 3, "coref:person.tokayev", True)]
    unguarded = resolver_for(table, history=(TOKAYEV, PUTIN))
    assert unguarded.resolve(2, as_target=True) == [Actor("RUSGOV", "him", 2, 3, "coref:person.putin", True)]


# -- what resolve remembers -------------------------------------------------------------------------------------------

def test_resolve_keeps_what_the_sentence_named_but_not_what_it_referred_back_to():
    resolver = resolver_for(THE_PRESIDENT_SAID_IT, history=(TOKAYEV,))
    resolver.resolve(1)  # coref: Tokayev
    assert resolver.resolved == []
    moscow = resolver_for("""
        0  Moscow  1  nsubj  PROPN  NNP  Moscow
        1  agreed  1  ROOT   VERB   VBD  agree
        2  .       1  punct  PUNCT  .    .
    """)
    assert moscow.resolve(0) == moscow.resolved == [Actor("RUSGOV", "Moscow", 0, 1, "country.RUS")]


# -- roles_of ---------------------------------------------------------------------------------------------------------

def test_roles_of_places_role_words_without_a_country_in_the_given_country():
    resolver = resolver_for("""
        0  Police      2  nsubj     NOUN   NNS  police
        1  and         0  cc        CCONJ  CC   and
        2  protesters  3  conj      NOUN   NNS  protester
        3  clashed     3  ROOT      VERB   VBD  clash
        4  with        3  prep      ADP    IN   with
        5  Kyrgyz      6  compound  PROPN  NNP  Kyrgyz
        6  police      4  pobj      NOUN   NNS  police
        7  and         6  cc        CCONJ  CC   and
        8  celebrities 6  conj      NOUN   NNS  celebrity
        9  .           3  punct     PUNCT  .    .
    """)
    # role words with a country of their own (Kyrgyz police), elites and words that are no role word are left out
    assert resolver.roles_of([0, 2, 3, 6, 8], "KAZ") == [
        Actor("KAZCOP", "Police", 0, 1, "domestic:agent.cop.police"),
        Actor("KAZCVL", "protesters", 2, 3, "domestic:agent.cvl.protester")]
    assert resolver.roles_of([0], "IGOEASCSTO") == []  # not a state


# -- owner_of ---------------------------------------------------------------------------------------------------------

def owner(table: str, head: int) -> list[Actor]:
    return resolver_for(table).owner_of(head)


def test_the_owner_of_a_thing_is_its_possessor_or_country_adjective_but_not_a_role_words():
    assert owner("""
        0  Tokayev     1  nsubj  PROPN  NNP  Tokayev
        1  praised     1  ROOT   VERB   VBD  praise
        2  Kazakhstan  4  poss   PROPN  NNP  Kazakhstan
        3  's          2  case   PART   POS  's
        4  role        1  dobj   NOUN   NN   role
        5  .           1  punct  PUNCT  .    .
    """, 4) == [Actor("KAZ", "Kazakhstan", 2, 3, "country.KAZ")]
    assert owner("""
        0  Putin       1  nsubj  PROPN  NNP  Putin
        1  praised     1  ROOT   VERB   VBD  praise
        2  Turkmen     3  amod   ADJ    JJ   Turkmen
        3  neutrality  1  dobj   NOUN   NN   neutrality
        4  .           1  punct  PUNCT  .    .
    """, 3) == [Actor("TKM", "Turkmen", 2, 3, "country.TKM")]
    assert owner("""
        0  Putin       1  nsubj     PROPN  NNP  Putin
        1  praised     1  ROOT      VERB   VBD  praise
        2  Kyrgyz      3  compound  PROPN  NNP  Kyrgyz
        3  police      1  dobj      NOUN   NNS  police
        4  .           1  punct     PUNCT  .    .
    """, 3) == []


def test_the_owner_of_a_thing_is_an_organisation_naming_it_or_its_gathering():
    assert owner("""
        0  Putin        1  nsubj     PROPN  NNP  Putin
        1  praised      1  ROOT      VERB   VBD  praise
        2  the          4  det       DET    DT   the
        3  CSTO         4  compound  PROPN  NNP  CSTO
        4  declaration  1  dobj      NOUN   NN   declaration
        5  .            1  punct     PUNCT  .    .
    """, 4) == [Actor("IGOEASCSTO", "CSTO", 3, 4, "org.csto")]
    assert owner("""
        0  Putin        1  nsubj  PROPN  NNP  Putin
        1  praised      1  ROOT   VERB   VBD  praise
        2  the          3  det    DET    DT   the
        3  declaration  1  dobj   NOUN   NN   declaration
        4  of           3  prep   ADP    IN   of
        5  the          6  det    DET    DT   the
        6  CSTO         4  pobj   PROPN  NNP  CSTO
        7  .            1  punct  PUNCT  .    .
    """, 3) == [Actor("IGOEASCSTO", "CSTO", 6, 7, "org.csto")]
    assert owner("""
        0  Putin        1  nsubj     PROPN  NNP  Putin
        1  praised      1  ROOT      VERB   VBD  praise
        2  the          3  det       DET    DT   the
        3  declaration  1  dobj      NOUN   NN   declaration
        4  of           3  prep      ADP    IN   of
        5  the          7  det       DET    DT   the
        6  CSTO         7  compound  PROPN  NNP  CSTO
        7  summit       4  pobj      NOUN   NN   summit
        8  .            1  punct     PUNCT  .    .
    """, 3) == [Actor("IGOEASCSTO", "CSTO", 6, 7, "org.csto")]


# -- subject_of -------------------------------------------------------------------------------------------------------

def test_the_subject_of_a_clause_is_its_person_subject_active_or_passive():
    met = resolver_for("""
        0  Putin    1  nsubj  PROPN  NNP  Putin
        1  met      1  ROOT   VERB   VBD  meet
        2  Tokayev  1  dobj   PROPN  NNP  Tokayev
        3  .        1  punct  PUNCT  .    .
    """)
    assert met.subject_of(1) == Actor("RUSGOV", "Putin", 0, 1, "person.putin", True)
    greeted = resolver_for("""
        0  Putin    2  nsubjpass  PROPN  NNP  Putin
        1  was      2  auxpass    AUX    VBD  be
        2  greeted  2  ROOT       VERB   VBN  greet
        3  .        2  punct      PUNCT  .    .
    """)
    assert greeted.subject_of(2) == Actor("RUSGOV", "Putin", 0, 1, "person.putin", True)
    assert resolver_for(ORMONOV_ARRIVED).subject_of(5) == ORMONOV  # read through the title in its phrase


def test_a_subject_that_is_no_person_or_has_no_mention_is_no_subject_to_continue():
    kazakhstan = resolver_for("""
        0  Kazakhstan  1  nsubj  PROPN  NNP  Kazakhstan
        1  protested   1  ROOT   VERB   VBD  protest
        2  .           1  punct  PUNCT  .    .
    """)
    assert kazakhstan.subject_of(1) is None
    officials = resolver_for("""
        0  Officials  1  nsubj  NOUN   NNS  official
        1  met        1  ROOT   VERB   VBD  meet
        2  .          1  punct  PUNCT  .    .
    """, dateline_country="KAZ")
    assert officials.subject_of(1) is None
    resolver = resolver_for("""
        0  The    1  det    DET    DT   the
        1  talks  2  nsubj  NOUN   NNS  talk
        2  ended  2  ROOT   VERB   VBD  end
        3  .      2  punct  PUNCT  .    .
    """, history=(TOKAYEV,))
    assert resolver.subject_of(2) is None
    assert resolver.resolved == []  # a subject with no mention is not even resolved


def test_the_subject_of_a_clause_already_resolved_is_what_the_frames_found():
    resolver = resolver_for(THE_PRESIDENT_SAID_IT, dateline_country="KGZ")
    # the sentence's frames resolved "the president" already (a body of the story's country, not a person)
    resolver.resolved.append(Actor("KGZGOV", "The president", 0, 2, "context:agent.gov.president"))
    assert resolver.subject_of(2) is None
    japarov = Actor("KGZGOV", "The president", 0, 2, "coref:person.sadyr_japarov", True)
    resolver.resolved[0] = japarov  # (as if it had resolved to a person)
    assert resolver.subject_of(2) is japarov


# -- coordinated role nouns, group nouns and role words inside larger phrases ----------------------------------------

def test_a_bare_role_noun_coordinated_after_an_adjectival_role_phrase_shares_its_country():
    table = """
        0  The         2  det    DET    DT   the
        1  Syrian      2  amod   ADJ    JJ   syrian
        2  government  5  nsubj  NOUN   NN   government
        3  and         2  cc     CCONJ  CC   and
        4  rebels      2  conj   NOUN   NNS  rebel
        5  agreed      5  ROOT   VERB   VBD  agree
        6  .           5  punct  PUNCT  .    .
    """
    resolver = resolver_for(table, dateline_country="KAZ")  # filed from Astana: not Kazakh rebels
    assert [a.code for a in resolver.resolve(2)] == ["SYRGOV"]
    assert resolver.resolve(4) == [Actor("SYRREB", "rebels", 4, 5, "country.SYR+agent.reb.militant", False)]


def test_a_coordinated_role_noun_with_its_own_adjective_or_determiner_keeps_it():
    own_adjective = """
        0  The         2  det    DET    DT   the
        1  Kyrgyz      2  amod   ADJ    JJ   kyrgyz
        2  government  6  nsubj  NOUN   NN   government
        3  and         2  cc     CCONJ  CC   and
        4  Tajik       5  amod   ADJ    JJ   tajik
        5  rebels      2  conj   NOUN   NNS  rebel
        6  agreed      6  ROOT   VERB   VBD  agree
        7  .           6  punct  PUNCT  .    .
    """
    assert [a.code for a in resolver_for(own_adjective, dateline_country="KAZ").resolve(5)] == ["TJKREB"]
    own_determiner = """
        0  The         2  det    DET    DT   the
        1  Syrian      2  amod   ADJ    JJ   syrian
        2  government  6  nsubj  NOUN   NN   government
        3  and         2  cc     CCONJ  CC   and
        4  the         5  det    DET    DT   the
        5  rebels      2  conj   NOUN   NNS  rebel
        6  agreed      6  ROOT   VERB   VBD  agree
        7  .           6  punct  PUNCT  .    .
    """
    assert [a.code for a in resolver_for(own_determiner, dateline_country="KAZ").resolve(5)] != ["SYRREB"]


THE_SIDES = """
    0  {det}      1  det    DET    DT   {det}
    1  {noun}     2  nsubj  NOUN   NNS  {lemma}
    2  agreed     2  ROOT   VERB   VBD  agree
    3  .          2  punct  PUNCT  .    .
"""


def test_all_sides_are_the_two_parties_and_the_parties_only_after_a_two_party_act():
    all_sides = THE_SIDES.format(det="All", noun="sides", lemma="side")
    assert [a.code for a in resolver_for(all_sides, history=(KAZAKHSTAN, KYRGYZSTAN)).resolve(1)] == ["KAZ", "KGZ"]
    parties = THE_SIDES.format(det="The", noun="parties", lemma="party")
    assert [a.code for a in resolver_for(parties, history=(KAZAKHSTAN, KYRGYZSTAN),
                                         last_meeting=(KAZAKHSTAN, KYRGYZSTAN)).resolve(1)] == ["KAZ", "KGZ"]
    # no meeting or clash coded: an election story's political parties
    assert resolver_for(parties, history=(KAZAKHSTAN, KYRGYZSTAN)).resolve(1) == []


def test_the_two_countries_leaders_and_the_leaders_of_the_two_countries_are_the_two_countries_leaders():
    possessive = """
        0  The        2  det     DET    DT   the
        1  two        2  nummod  NUM    CD   two
        2  countries  4  poss    NOUN   NNS  country
        3  '          2  case    PART   POS  '
        4  leaders    5  nsubj   NOUN   NNS  leader
        5  agreed     5  ROOT    VERB   VBD  agree
        6  .          5  punct   PUNCT  .    .
    """
    resolver = resolver_for(possessive, history=(KYRGYZSTAN, TAJIKISTAN), dateline_country="KGZ")
    assert [a.code for a in resolver.resolve(4)] == ["KGZGOV", "TJKGOV"]
    of_phrase = """
        0  The        1  det     DET    DT   the
        1  leaders    6  nsubj   NOUN   NNS  leader
        2  of         1  prep    ADP    IN   of
        3  the        5  det     DET    DT   the
        4  two        5  nummod  NUM    CD   two
        5  countries  2  pobj    NOUN   NNS  country
        6  agreed     6  ROOT    VERB   VBD  agree
        7  .          6  punct   PUNCT  .    .
    """
    resolver = resolver_for(of_phrase, history=(KYRGYZSTAN, TAJIKISTAN), dateline_country="KGZ")
    assert [a.code for a in resolver.resolve(1)] == ["KGZGOV", "TJKGOV"]


def test_the_heads_of_the_two_countries_security_services_are_the_two_services():
    resolver = resolver_for("""
        0   The        1   det       DET    DT   the
        1   heads      9   nsubj     NOUN   NNS  head
        2   of         1   prep      ADP    IN   of
        3   the        5   det       DET    DT   the
        4   two        5   nummod    NUM    CD   two
        5   countries  8   poss      NOUN   NNS  country
        6   '          5   case      PART   POS  '
        7   security   8   compound  NOUN   NN   security
        8   services   2   pobj      NOUN   NNS  service
        9   agreed     9   ROOT      VERB   VBD  agree
        10  .          9   punct     PUNCT  .    .
    """, history=(KYRGYZSTAN, TAJIKISTAN), dateline_country="KGZ")
    assert [(a.code, a.text) for a in resolver.resolve(1)] == [
        ("KGZCOP", "The heads of the two countries' security services"),
        ("TJKCOP", "The heads of the two countries' security services")]


def test_the_head_of_a_country_is_no_body():
    resolver = resolver_for("""
        0  The         1  det    DET    DT   the
        1  head        4  nsubj  NOUN   NN   head
        2  of          1  prep   ADP    IN   of
        3  Kazakhstan  2  pobj   PROPN  NNP  Kazakhstan
        4  spoke       4  ROOT   VERB   VBD  speak
        5  .           4  punct  PUNCT  .    .
    """)
    assert resolver.resolve(1) == []


def test_its_two_allies_leave_out_their_owner():
    resolver = resolver_for("""
        0  Belarus     1  nsubj   PROPN  NNP  Belarus
        1  criticized  1  ROOT    VERB   VBD  criticize
        2  its         4  poss    PRON   PRP$ its
        3  two         4  nummod  NUM    CD   two
        4  allies      1  dobj    NOUN   NNS  ally
        5  .           1  punct   PUNCT  .    .
    """, history=(RUSSIA, KAZAKHSTAN, body("BLR", "Belarus", "country.BLR")))
    resolver.clause_subjects = {"BLR"}  # as when the frame's targets are read
    assert [a.code for a in resolver.resolve(4, as_target=True)] == ["RUS", "KAZ"]


def test_a_force_unit_or_vehicle_is_the_force_its_compound_role_word_names():
    resolver = resolver_for("""
        0  Israeli     2  amod      ADJ    JJ   israeli
        1  army        2  compound  NOUN   NN   army
        2  bulldozers  3  nsubj     NOUN   NNS  bulldozer
        3  demolished  3  ROOT      VERB   VBD  demolish
        4  homes       3  dobj      NOUN   NNS  home
        5  .           3  punct     PUNCT  .    .
    """)
    assert [a.code for a in resolver.resolve(2)] == ["ISRMIL"]
    assert resolver.resolve(4) == []  # a thing with no role word
    resolver = resolver_for("""
        0  A         3  det       DET    DT   a
        1  National  2  compound  PROPN  NNP  National
        2  Guard     3  compound  PROPN  NNP  Guard
        3  unit      4  nsubjpass NOUN   NN   unit
        4  attacked  4  ROOT      VERB   VBD  attack
        5  .         4  punct     PUNCT  .    .
    """, dateline_country="KAZ")
    assert [a.code for a in resolver.resolve(3)] == ["KAZCOP"]


THE_THREE_COUNTRIES = """
    0  The        2  det     DET    DT   the
    1  three      2  nummod  NUM    CD   three
    2  countries  3  nsubj   NOUN   NNS  country
    3  agreed     3  ROOT    VERB   VBD  agree
    4  .          3  punct   PUNCT  .    .
"""


def _said_at(resolver: ActorResolver, named: tuple[tuple[int, Actor], ...]) -> ActorResolver:
    """`named` actors at the given token positions of an earlier paragraph."""
    resolver.context.base = 0
    for position, actor in named:
        resolver.context.remember(position, actor)
    resolver.context.base = EARLIER_PARAGRAPH
    return resolver


def test_the_three_countries_are_the_last_list_of_three_named_together():
    turkey, iran = body("TUR", "Turkey", "country.TUR"), body("IRN", "Iran", "country.IRN")
    syria = body("SYRGOV", "Syrian government", "country.SYR+agent.gov.government")
    rebels = body("SYRREB", "rebels", "context:agent.reb.militant")
    # "Russia, Turkey and Iran agreed ... the Syrian government and rebels ...": the list, not the last three named
    resolver = _said_at(resolver_for(THE_THREE_COUNTRIES),
                        ((0, RUSSIA), (2, turkey), (4, iran), (20, syria), (23, rebels)))
    assert [a.code for a in resolver.resolve(2)] == ["RUS", "TUR", "IRN"]
    # named apart, not in one list: the last three of different countries (states only: not the rebels)
    resolver = _said_at(resolver_for(THE_THREE_COUNTRIES),
                        ((0, RUSSIA), (10, turkey), (20, iran), (30, syria), (40, rebels)))
    assert [a.code for a in resolver.resolve(2)] == ["TUR", "IRN", "SYRGOV"]


def test_a_group_reference_counts_the_actors_its_own_sentence_resolved_before_it():
    # "Fighting between Kyrgyz and Tajik forces raged ... after the two countries' leaders agreed": in the lede
    # nothing is in the article's history yet; the frame before resolved the two forces
    resolver = resolver_for("""
        0  The        2  det     DET    DT   the
        1  two        2  nummod  NUM    CD   two
        2  countries  4  poss    NOUN   NNS  country
        3  '          2  case    PART   POS  '
        4  leaders    5  nsubj   NOUN   NNS  leader
        5  agreed     5  ROOT    VERB   VBD  agree
        6  .          5  punct   PUNCT  .    .
    """, dateline_country="KGZ")
    assert resolver.resolve(4) == []
    # (at tokens before the head, as if an earlier frame of the sentence had resolved them there)
    resolver.resolved[:] = [Actor("KGZMIL", "Kyrgyz", 0, 1, "country.KGZ+agent.mil.armed_forces"),
                            Actor("TJKMIL", "Tajik forces", 1, 2, "country.TJK+agent.mil.armed_forces")]
    assert [a.code for a in resolver.resolve(4)] == ["KGZGOV", "TJKGOV"]


def test_the_parties_are_leaders_or_bodies_alike_and_leave_out_the_acting_side():
    parties = THE_SIDES.format(det="The", noun="parties", lemma="party")
    resolver = resolver_for(parties, history=(body("KGZCOP", "Kyrgyz police", "country.KGZ+agent.cop.police"),
                                              JAPAROV, PUTIN, RAHMON), last_meeting=(PUTIN, RAHMON))
    resolver.clause_subjects = {"RUSGOV"}  # "Putin called on the parties ..."
    assert [a.code for a in resolver.resolve(1, as_target=True)] == ["KGZGOV", "TJKGOV"]


def test_a_group_noun_after_an_organisations_name_is_that_organisation():
    """engine.yaml's `organisation_head_nouns`: "the Taliban religious faction", "the Hamas group" are the
    organisation their name modifier names; a country adjective before the noun ("the Russian group") is none."""
    resolver = resolver_for("""
        0  Washington  1  nsubj     PROPN  NNP  Washington
        1  sanctioned  1  ROOT      VERB   VBD  sanction
        2  the         5  det       DET    DT   the
        3  Taliban     5  nmod      PROPN  NNP  Taliban
        4  religious   5  amod      ADJ    JJ   religious
        5  faction     1  dobj      NOUN   NN   faction
        6  .           1  punct     PUNCT  .    .
    """, day=date(1999, 7, 6))
    assert resolver.resolve(5, as_target=True) == [
        Actor("AFGREB", "the Taliban religious faction", 2, 6, "org.taliban+head:faction")]
    resolver = resolver_for("""
        0  The         2  det       DET    DT   the
        1  Russian     2  amod      ADJ    JJ   russian
        2  group       3  nsubj     NOUN   NN   group
        3  protested   3  ROOT      VERB   VBD  protest
        4  .           3  punct     PUNCT  .    .
    """)
    assert resolver.resolve(2) == []


def test_a_people_word_after_another_countrys_adjective_is_the_people_living_there():
    """engine.yaml's `ethnic_peoples`: "Bosnian Serbs" are civilians of Bosnia and "Bosnian Serb forces" Bosnian
    forces, not a second country each; a civic demonym keeps both ("Turkish Cypriots")."""
    table = """
        0  Bosnian     1  amod      ADJ    JJ   bosnian
        1  Serbs       2  nsubj     PROPN  NNPS Serbs
        2  protested   2  ROOT      VERB   VBD  protest
        3  .           2  punct     PUNCT  .    .
    """
    resolver = resolver_for(table, day=date(1995, 5, 8))
    assert [(a.code, a.rule_id) for a in resolver.resolve(1)] == [("BIHCVL", "country.BIH+people")]
    forces = """
        0  Bosnian     2  amod      ADJ    JJ   bosnian
        1  Serb        2  amod      ADJ    JJ   serb
        2  forces      3  nsubj     NOUN   NNS  force
        3  attacked    3  ROOT      VERB   VBD  attack
        4  .           3  punct     PUNCT  .    .
    """
    assert [a.code for a in resolver_for(forces, day=date(1995, 5, 8)).resolve(2)] == ["BIHMIL"]
    cypriots = table.replace("Bosnian     1  amod      ADJ    JJ   bosnian", "Turkish     1  amod      ADJ    JJ   turkish") \
        .replace("Serbs       2  nsubj     PROPN  NNPS Serbs", "Cypriots    2  nsubj     PROPN  NNPS Cypriots")
    assert [a.code for a in resolver_for(cypriots, day=date(1995, 5, 8)).resolve(1)] == ["CYP"]


ETHNIC_ALBANIANS_RALLIED_IN_SERBIA = """
    0  Ethnic      1  amod      ADJ    JJ   ethnic
    1  Albanians   2  nsubj     PROPN  NNPS Albanians
    2  rallied     2  ROOT      VERB   VBD  rally
    3  in          2  prep      ADP    IN   in
    4  Serbia      3  pobj      PROPN  NNP  Serbia
    5  .           2  punct     PUNCT  .    .
"""


def test_an_ethnic_people_are_civilians_of_where_they_live():
    """engine.yaml's `minority_modifiers`: "ethnic Albanians" are of the place their own phrase or their clause names,
    else of the story's country, as civilians; with neither, the people's own country as a bare people."""
    table = ETHNIC_ALBANIANS_RALLIED_IN_SERBIA
    resolver = resolver_for(table, day=date(2004, 3, 23), place_country=_places())
    assert resolver.resolve(1) == [Actor("SRBCVL", "Ethnic Albanians", 0, 2, "place:country.ALB+minority")]
    no_place = table.replace("Serbia      3  pobj      PROPN  NNP  Serbia", "March       3  pobj      PROPN  NNP  March")
    assert [a.code for a in resolver_for(no_place, day=date(2004, 3, 23), dateline_country="MKD",
                                         place_country=_places()).resolve(1)] == ["MKDCVL"]
    assert [a.code for a in resolver_for(no_place, day=date(2004, 3, 23), place_country=_places()).resolve(1)] \
        == ["ALB"]
    # a role word's minority adjective: "ethnic Albanian guerrillas" in a story from Macedonia
    guerrillas = """
        0  Ethnic      2  amod      ADJ    JJ   ethnic
        1  Albanian    2  amod      ADJ    JJ   albanian
        2  guerrillas  3  nsubj     NOUN   NNS  guerrilla
        3  attacked    3  ROOT      VERB   VBD  attack
        4  .           3  punct     PUNCT  .    .
    """
    assert [a.code for a in resolver_for(guerrillas, day=date(2001, 3, 20), dateline_country="MKD").resolve(2)] \
        == ["MKDREB"]


def test_a_roles_of_phrase_that_names_a_gazetteer_place_gives_its_country():
    """"the government of Sindh province": a town or region of places.yaml in a role's of-phrase gives the role that
    place's country; an of-phrase that names no place ("the government of national unity") gives none."""
    table = """
        0  The         1  det       DET    DT   the
        1  government  5  nsubj     NOUN   NN   government
        2  of          1  prep      ADP    IN   of
        3  Sindh       4  compound  PROPN  NNP  Sindh
        4  province    2  pobj      NOUN   NN   province
        5  protested   5  ROOT      VERB   VBD  protest
        6  .           5  punct     PUNCT  .    .
    """
    resolver = resolver_for(table, day=date(2000, 5, 2), place_country=_places())
    assert [(a.code, a.rule_id) for a in resolver.resolve(1)] == [("PAKGOV", "place:PAK+agent.gov.government")]
    unity = table.replace("Sindh       4  compound  PROPN  NNP  Sindh", "national    4  amod      ADJ    JJ   national") \
        .replace("province    2  pobj      NOUN   NN   province", "unity       2  pobj      NOUN   NN   unity")
    assert resolver_for(unity, day=date(2000, 5, 2), place_country=_places()).resolve(1) == []


def test_a_role_word_affiliated_with_an_organisation_of_its_sector_is_of_it():
    """engine.yaml's `affiliation_words`: "militants linked to the IMU" are the IMU's (UZBREB) in a Tajik story;
    "soldiers linked to" it are of another sector and keep the story's country."""
    table = """
        0  Militants   5  nsubj     NOUN   NNS  militant
        1  linked      0  acl       VERB   VBN  link
        2  to          1  prep      ADP    IN   to
        3  the         4  det       DET    DT   the
        4  IMU         2  pobj      PROPN  NNP  IMU
        5  attacked    5  ROOT      VERB   VBD  attack
        6  .           5  punct     PUNCT  .    .
    """
    resolver = resolver_for(table, day=date(2010, 9, 20), dateline_country="TJK")
    assert [(a.code, a.rule_id) for a in resolver.resolve(0)] == [("UZBREB", "org.imu+agent.reb.militant")]
    soldiers = table.replace("Militants   5  nsubj     NOUN   NNS  militant", "Soldiers    5  nsubj     NOUN   NNS  soldier")
    assert [a.code for a in resolver_for(soldiers, day=date(2010, 9, 20), dateline_country="TJK").resolve(0)] \
        == ["TJKMIL"]
