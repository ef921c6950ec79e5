"""Target strategies: where a coded frame's target is looked for (coder.engine.coding.arguments runs them in the order
engine.yaml's `target_strategies` lists; the first that finds an actor wins). A rule that names its preposition takes
its target from it only (`rule_preposition`)."""

from __future__ import annotations

from coder.engine.actors.actor import Actor
from coder.engine.actors.resolver import ActorResolver
from coder.engine.coding.assemble import longest_prefix
from coder.engine.coding.parties import OWN_GOVERNMENT, POPULATION, StrategyKit, Strategy, actors_of, found_by
from coder.engine.coding.places import host_actor
from coder.engine.frames.frame import Frame
from coder.rules.model import VerbRule

# Target slots a rule's `target` list may name besides prepositions, read from the frame's own fields.
ROLE_SLOTS = frozenset(("dative", "object", "modifier", "between"))


def rule_preposition(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                     _: list[Actor]) -> list[Actor]:
    """The object of the preposition the rule names ("called on Russia"); for a visit to a city ("flew to Ufa"),
    the government of the city's country."""
    if not rule.prep:
        return []
    heads = frame.preps.get(rule.prep, [])
    actors = actors_of(heads, resolver)
    if not actors and rule.code in kit.host_codes:
        country = next(filter(None, (kit.places.country_of_place(frame.view, head) for head in heads)), None)
        if country:
            return [host_actor(country, frame)]
    return actors


def owner_of_object(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                    _: list[Actor]) -> list[Actor]:
    """"hailed Kazakhstan's help on Afghanistan": for comments, appeals and the like, the owner of what is
    commented on is addressed, not the places and topics hanging on it."""
    if rule.target or not rule.code.startswith(kit.owner_target_codes):
        return []
    mentions, v = resolver.mentions, frame.view
    for obj in frame.objects:
        if mentions.actor_at.get(obj) is None and obj not in mentions.agent_at \
                and v.lemma[obj] not in kit.proxy_nouns:  # "the Afghan and Indian leaderships" are actors
            owners = resolver.owner_of(obj)
            if owners:
                return owners
    return []


def call_partners(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                  _: list[Actor]) -> list[Actor]:
    """"offered condolences to Putin in a telephone call": the call was with the one addressed."""
    if not (rule.symmetric and frame.clause_partners):
        return []
    return actors_of(frame.clause_partners, resolver)


def host(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver, _: list[Actor]) -> list[Actor]:
    """A visit with no one visited named: the government of the country where it takes place ("Modi arrived on
    Tuesday" under an ASTANA dateline)."""
    if rule.code not in kit.host_codes:
        return []
    host = kit.places.host(frame, resolver.context)
    return [host] if host is not None else []


def gathering_guests(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                     sources: list[Actor]) -> list[Actor]:
    """"confronting Imran Khan at a regional conference hosted by Uzbekistan": hosting a gathering hosts those the
    sentence places at it (the subject and object of the clause the gathering hangs on)."""
    if rule.code != "043" and rule.reverse_code != "043":
        return []
    v = frame.view
    host_countries = {h.country for h in sources}
    for obj in frame.objects:
        if v.lemma[obj] in kit.gathering_nouns and v.dep[obj] == "dobj" and v.dep[frame.predicate] == "pcomp":
            # "Tokayev thanked Trump for hosting the meeting": the thanker was a guest
            governing = v.head[v.head[frame.predicate]]
            guests = actors_of(v.children_with(governing, "nsubj"), resolver, as_target=False)
            return [a for a in guests if a.country not in host_countries]
        if v.lemma[obj] not in kit.gathering_nouns or v.dep[obj] != "pobj":
            continue
        clause = v.head[v.head[obj]]
        if v.pos[clause] not in ("VERB", "AUX"):
            continue
        inner = kit.frames.verb_frame(v, clause)
        people = actors_of(inner.subjects + inner.objects, resolver)
        return [a for a in people if a.country not in host_countries]
    return []


def object_country(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                   _: list[Actor]) -> list[Actor]:
    """A possessive or adjectival country on the object: "violated Kyrgyzstan's airspace", "shelled a Tajik
    post"."""
    if rule.target:
        return []
    for obj in frame.objects:
        actors = [a for a in resolver.resolve(obj, as_target=True) if a.start != obj]
        if actors:
            return actors
    return []


def owner(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver, _: list[Actor]) -> list[Actor]:
    """Comments on something of X address X: "praised Kazakhstan's role", "called off the CSTO exercise"."""
    if not (rule.code.startswith(kit.owner_target_codes) or frame.refused):
        return []
    for obj in frame.objects + frame.preps.get("for", []) + frame.preps.get("over", []):
        actors = resolver.owner_of(obj)
        if actors:
            return actors
    return []


def story_government(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                     sources: list[Actor]) -> list[Actor]:
    """"the EU called for an independent probe": an appeal about a country's own conduct addressed to nobody named
    is to the government of the country the story is about."""
    if not rule.code.startswith(kit.unaddressed_story_codes) or frame.modality not in ("asserted", "reported"):
        return []
    country = resolver.context.article_country()
    if not country or any(s.country == country for s in sources):
        return []
    return [Actor(country + "GOV", "(the story's government)", frame.predicate, frame.predicate + 1,
                  "context:story", False)]


def clause_subject(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                   _: list[Actor]) -> list[Actor]:
    """"complained that Moscow had sent only deputy ministers": the complaint is about the clause's subject."""
    if not rule.code.startswith(kit.clause_target_codes) or frame.objects:
        return []
    v = frame.view
    for clause in v.children_with(frame.predicate, "ccomp"):
        actors = actors_of(v.children_with(clause, "nsubj", "nsubjpass"), resolver)
        if actors:
            return actors
    return []


def rule_slots(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
               sources: list[Actor]) -> list[Actor]:
    """The slots the rule's `target` lists (a preposition, dative, object, modifier, between, or owner: the possessor
    or name modifier of the object), else the dative, the object (unless the rule names it as a thing), the target
    prepositions, "between" and the noun's modifiers; the actor is marked with its slot."""
    if rule.target:
        slots = rule.target
    else:
        slots = kit.slots_for_things if kit.matcher.object_is_thing(rule, frame) else kit.slots_for_actors
    for slot in slots:
        if slot == "owner":  # "rejected a UN appeal", "rejected Russia's proposal": who made what is acted on
            owners = [a for obj in frame.objects for a in resolver.owner_of(obj)]
            if owners:
                return found_by(owners, slot)
            continue
        heads = _slot_heads(frame, slot, rule) if slot in ROLE_SLOTS else frame.preps.get(slot)
        if not heads and slot == "with" and frame.kind == "verb":
            heads = kit.frames.deep_with(frame)
        if not heads:
            continue
        actors = actors_of(heads, resolver)
        if slot in ("modifier", "from"):  # already the source ("Abe visit", "a request from Kyrgyzstan"): not the target
            actors = [a for a in actors if all(a.start != s.start for s in sources)]
        if actors:
            return found_by(actors, slot)
    return []


def responder(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
              sources: list[Actor]) -> list[Actor]:
    """"Germany rejected a request from Ukraine": an event noun made by the actor of its from-phrase (`origin`) is
    addressed to whoever answers it: the subject of an answering verb (`responding_verbs`: rejected, granted,
    welcomed, ...), or its by-phrase in the passive ("a request from Ukraine was rejected by Germany")."""
    if frame.kind != "noun" or frame.subjects or not sources or not frame.preps.get("from"):
        return []
    v = frame.view
    verb, role = v.head[frame.predicate], v.dep[frame.predicate]
    if v.lemma[verb] not in kit.responding_verbs:
        return []
    if role == "dobj":
        heads = v.children_with(verb, "nsubj")
    elif role == "nsubjpass":
        heads = [t for agent in v.children_with(verb, "agent") for t in v.children_with(agent, "pobj")]
    else:
        return []
    return [a for a in actors_of(heads, resolver) if all(a.code != s.code for s in sources)]


def _slot_heads(frame: Frame, slot: str, rule: VerbRule) -> list[int]:
    if slot == "dative":
        return frame.datives
    if slot == "object":
        return frame.objects
    if slot == "modifier":
        return frame.modifiers if not rule.symmetric else []
    if slot == "between":
        # "agreed to expand cooperation between their security services": between the subjects' own bodies, i.e.
        # the subjects; but "a day of fighting between their border troops", an act nobody in the clause performs,
        # is between the bodies "their" names
        v = frame.view
        if not frame.subjects and v.dep[frame.predicate] not in ("dobj", "nsubjpass", "attr"):
            return frame.preps.get(slot, [])
        return [h for h in frame.preps.get(slot, [])
                if not any(v.dep[c] == "poss" and v.lower[c] == "their" for c in v.children[h])]
    return frame.preps.get(slot, [])


def domestic_role(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                  sources: list[Actor]) -> list[Actor]:
    """A role word with no country of its own acted on by one actor is of that actor's country ("police detained
    activists"); not what the rule names as the thing acted with ("sent troops": the troops are not the target)."""
    if len(sources) != 1 or not sources[0].country or kit.matcher.object_is_thing(rule, frame):
        return []
    heads = frame.preps.get("by", []) if frame.passive else []  # (a passive frame's by-phrase is its subject)
    return resolver.roles_of(frame.objects or heads, sources[0].country)


def own_government(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                   sources: list[Actor]) -> list[Actor]:
    """Protesters with no one named protest against their own government: unnamed ones ("protests erupted in
    Nukus") and a country's people outside its government ("students staged demonstrations", "young Algerians blocked
    roads": a demonym, not the state; `unnamed_protest_codes`)."""
    if len(sources) != 1:
        return []
    source = sources[0]
    if source.rule_id != "context:protesters" and not (
            rule.code.startswith(kit.unnamed_protest_codes) and source.country
            and (source.sector not in (None, "GOV") or (source.sector is None and _named_as_people(resolver, source)))):
        return []
    return [Actor(sources[0].code[:3] + "GOV", "(government)", -1, -1, OWN_GOVERNMENT, False)]


def _named_as_people(resolver: ActorResolver, actor: Actor) -> bool:
    """A country's people named by its demonym ("young Algerians"), not the state ("Algeria", "Algerian")."""
    mentions = resolver.mentions.actor_at
    return any((m := mentions.get(t)) is not None and m.form == "demonym" for t in range(actor.start, actor.end))


def own_population(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                   sources: list[Actor]) -> list[Actor]:
    """A state of emergency or a curfew (`population_target_codes`) with no one named, imposed (not planned or
    threatened), is imposed on the civilians of the place it covers ("in Osh"), else of the imposing actor's country."""
    if len(sources) != 1 or not sources[0].country or not rule.code.startswith(kit.population_target_codes) \
            or frame.modality not in ("asserted", "reported"):
        return []  # ("may impose a curfew if ..." aims at no one: no threat)
    places = [t for prep in kit.settings.locative_preps for t in frame.preps.get(prep, [])]
    country = next(filter(None, (kit.places.country_of_place(frame.view, t) for t in places)), sources[0].country)
    return [Actor(country + "CVL", "(the population)", -1, -1, POPULATION, False)]


def attacked_place(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                   sources: list[Actor]) -> list[Actor]:
    """"Israeli tanks shelled positions in Rafah": an attack (`place_target_codes`) on a place of another country than
    the attacker's, with no one named, is on that country; so is aid brought to a place abroad ("flew rescuers to
    Adana")."""
    if not sources or not rule.code.startswith(kit.place_target_codes):
        return []
    v = frame.view
    # where the act takes place, or where it is brought ("flew rescuers to Adana")
    places = [t for prep in (*kit.settings.locative_preps, "to", "into") for t in frame.preps.get(prep, [])]
    for obj in frame.objects:
        places += [obj, *(t for prep in kit.settings.locative_preps for t in v.prep_objects(obj, prep))]
    own = {s.country for s in sources}
    for place in places:
        country = kit.places.country_of_place(v, place)
        if country and country not in own:
            return [Actor(country, v.text[place], place, place + 1, "place:" + country, False)]
    return []


def clash_opponent(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
                   sources: list[Actor]) -> list[Actor]:
    """"Kyrgyz servicemen returned fire", "Tajik forces fired mortars": violence (`incident_codes`) naming no target,
    by one side of the clash an earlier sentence coded between two countries, is aimed at the other side."""
    context = resolver.context
    clash = context.last_clash
    # (several sources of one country are one side: "border troops and police returned fire")
    if not sources or len({s.country for s in sources}) != 1 or clash is None \
            or not rule.code.startswith(kit.incident_codes) or frame.modality not in ("asserted", "reported") \
            or context.last_clash_at >= context.base + resolver.sentence_start:
        return []  # (a clash coded in this very sentence is its own act, not the one answered)
    country = sources[0].country
    other = next((b for a, b in (clash, clash[::-1]) if a.country == country and b.country != country), None)
    if other is None:
        return []
    return [Actor(other.code, other.text, -1, -1, "context:opponent", other.is_person)]


def accuser(kit: StrategyKit, frame: Frame, rule: VerbRule, resolver: ActorResolver,
            sources: list[Actor]) -> list[Actor]:
    """"Moscow denied the charges", "Dushanbe rejected the demand", "Tashkent refused to negotiate": an answer (a key of
    `answered_codes`; a refusal by its refusal code) naming no target answers the last act of the kinds it answers
    (accusations, demands, offers) made earlier in the article, or earlier in the sentence, against its actor; its
    target is who made it. Only when every source is the one the act was made against (the same actor, or of its
    country when the maker is of another): the maker answers nothing of his own, and a third party's denial names no
    one it answers."""
    act = (longest_prefix(kit.settings.refusal_codes, rule.code) or "120") if frame.refused else rule.code
    answered = next((kinds for code, kinds in kit.answered_codes.items() if act.startswith(code)), None)
    context = resolver.context
    if not answered or not sources or not context.charges or frame.modality not in ("asserted", "reported"):
        return []
    here = context.base + frame.predicate
    for at, code, maker, against in reversed(context.charges):
        if at >= here or not code.startswith(tuple(answered)):
            continue
        if all(_made_against(s, maker, against) for s in sources):
            return [Actor(maker.code, maker.text, -1, -1, "context:accuser", maker.is_person)]
    return []


def _made_against(actor: Actor, maker: Actor, against: Actor) -> bool:
    """The actor is the one an act was made against: the same code, or its country when the maker is of another."""
    if actor.code == maker.code:
        return False
    if actor.code == against.code:
        return True
    return bool(actor.country) and actor.country == against.country and actor.country != maker.country


TARGETS: dict[str, Strategy] = {
    "rule_preposition": rule_preposition, "owner_of_object": owner_of_object, "rule_slots": rule_slots, "responder": responder,
    "call_partners": call_partners, "host": host, "gathering_guests": gathering_guests,
    "object_country": object_country, "owner": owner, "story_government": story_government,
    "clause_subject": clause_subject,
}
# the strategies that run for a rule naming its preposition
PREP_RULE_TARGETS = frozenset(("rule_preposition",))
# tried once the sources were looked for (engine.yaml's `target_strategies_given_sources`)
TARGETS_GIVEN_SOURCES: dict[str, Strategy] = {"domestic_role": domestic_role, "own_government": own_government,
                                              "own_population": own_population, "attacked_place": attacked_place,
                                              "clash_opponent": clash_opponent, "accuser": accuser}
