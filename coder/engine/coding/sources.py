"""Source strategies: where a coded frame's acting parties are looked for (coder.engine.coding.arguments runs them in
the order engine.yaml's `source_strategies` lists; the first that finds an actor wins). Each is a function of the
strategy kit, the frame, its rule, the sentence's actor resolver and the other side found so far."""

from __future__ import annotations

from coder.engine.actors.actor import Actor
from coder.engine.actors.resolver import ActorResolver
from coder.engine.coding.parties import StrategyKit, Strategy, actors_of, distinct, untagged
from coder.engine.coding.places import host_actor
from coder.engine.frames.frame import Frame
from coder.rules.model import VerbRule


def _attending(kit: StrategyKit, frame: Frame, actors: list[Actor]) -> list[Actor]:
    """An attendance noun ("in the presence of Raisi") has parties only as "in the <noun> of <people>"; other uses
    ("Russia's military presence") name none."""
    if frame.lemma not in kit.attendance_nouns:
        return actors
    v = frame.view
    governed = v.dep[frame.predicate] == "pobj" and v.lower[v.head[frame.predicate]] == "in"
    return [a for a in actors if a.is_person] if governed else []


def subject(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver, _: list[Actor]) -> list[Actor]:
    """The frame's subjects (an event noun's possessor or by-phrase, a light verb's subject)."""
    return _attending(kit, frame, actors_of(frame.subjects, resolver, as_target=False))


def origin(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver, _: list[Actor]) -> list[Actor]:
    """"rejected a request from Kyrgyzstan", "an offer from China": an event noun with no possessor or by-phrase is
    made by the actor its from-phrase names (for the codes of `origin_source_codes`)."""
    if frame.kind != "noun" or frame.subjects or not rule.code.startswith(kit.origin_source_codes):
        return []
    return actors_of(frame.preps.get("from", []), resolver, as_target=False)


def joint_modifiers(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                    _: list[Actor]) -> list[Actor]:
    """"Kazakh-Chinese talks": the adjectives of a joint act's noun are its parties."""
    if not (frame.modifiers and rule.symmetric):
        return []
    return _attending(kit, frame, actors_of(frame.modifiers, resolver, as_target=False))


def visitor_modifier(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                     _: list[Actor]) -> list[Actor]:
    """"during Abe visit": a person named on a visit noun is the visitor (a place there is the host)."""
    if not frame.modifiers or rule.code not in kit.host_codes:
        return []
    return [a for a in actors_of(frame.modifiers, resolver, as_target=False) if a.is_person]


def self_reported(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                  _: list[Actor]) -> list[Actor]:
    """"The Interior Ministry said 3,000 people had been detained": forces reporting their own coercive act (an
    agentless passive under their speech verb) are its agent (the gold sets' convention)."""
    if not (frame.passive and frame.modality == "reported") or frame.governor is None \
            or not rule.code.startswith(kit.self_reported_codes):
        return []
    speakers = actors_of(frame.view.children_with(frame.governor, "nsubj", "nsubjpass"), resolver,
                         as_target=False)
    return [a for a in speakers if a.sector in kit.settings.self_reporting_sectors]


def unnamed_protesters(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                       _: list[Actor]) -> list[Actor]:
    """"Protests erupted in Nukus": protests with no named protesters are the civilians of the country where they
    happen (the place, else the dateline's country), against its government (`own_government`)."""
    if frame.kind != "noun" or not rule.code.startswith(kit.unnamed_protest_codes):
        return []
    v, token = frame.view, frame.predicate
    if v.tag[token] != "NNS" and v.dep[token] not in ("nsubj", "nsubjpass"):
        return []  # "lodged a protest", "a note of protest": a diplomatic protest, not a demonstration
    country = kit.places.frame_country(frame) or resolver.context.dateline_country
    if not country:
        return []
    return [Actor(country + "CVL", v.text[token], token, token + 1, "context:protesters", False)]


def occasion_parties(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                     _: list[Actor]) -> list[Actor]:
    """"Five documents were signed after the talks", "the agreement, signed during Tokayev's state visit to
    China": a joint act in the agentless passive, done at a meeting or visit, is the act of its parties: those
    the occasion's own phrase names, else those of the last meeting the article reported."""
    if not (frame.passive and rule.symmetric):
        return []
    v = frame.view
    context = resolver.context
    for prep in kit.settings.occasion_preps:
        for noun in frame.preps.get(prep, []):
            if v.lemma[noun] not in kit.occasion_nouns and v.lower[noun] not in kit.occasion_nouns:
                continue
            occasion = kit.frames.noun_frame(v, noun)
            hosts = occasion.preps.get("to", []) + occasion.preps.get("with", [])
            parties = actors_of(occasion.subjects, resolver, as_target=False) + actors_of(hosts, resolver)
            parties = [a for i, a in enumerate(parties) if all(distinct(a, b) for b in parties[:i])]
            if len(parties) == 1 and v.lemma[noun] in kit.frames.lexicon.trip_nouns:
                # "a contract signed in Astana during a visit by Modi": the visitor and the host of the place
                country = kit.places.frame_country(frame)
                if country and country != parties[0].country:
                    parties.append(host_actor(country, frame))
            if len(parties) >= 2:
                return parties
            if any(v.lower[t] == "the" for t in v.children[noun]) and context.last_meeting is not None:
                return [untagged(a) for a in context.last_meeting]
    return []


def clause_patients(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                    _: list[Actor]) -> list[Actor]:
    """"two border guards and three armed men were killed in a gunfight": the clash was between them."""
    if not rule.symmetric or len(frame.clause_patients) < 2:
        return []
    return actors_of(frame.clause_patients, resolver, as_target=False)


def domestic_role(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                  targets: list[Actor]) -> list[Actor]:
    """A role word with no country of its own acting on one actor is of that actor's country: "police detained
    Kazakh activists" -> KAZCOP -> KAZCVL."""
    if len(targets) != 1 or not targets[0].country or targets[0].rule_id == "host":
        return []
    return resolver.roles_of(frame.subjects, targets[0].country)


SOURCES: dict[str, Strategy] = {
    "subject": subject, "origin": origin, "joint_modifiers": joint_modifiers, "visitor_modifier": visitor_modifier,
    "self_reported": self_reported, "unnamed_protesters": unnamed_protesters, "occasion_parties": occasion_parties,
    "clause_patients": clause_patients,
}
# tried once the targets were looked for (engine.yaml's `source_strategies_given_targets`)
SOURCES_GIVEN_TARGETS: dict[str, Strategy] = {"domestic_role": domestic_role}
