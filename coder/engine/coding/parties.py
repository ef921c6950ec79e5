"""What the argument strategies share: the actors of argument heads, dyad rules, and the kit of settings and stages
the strategies read (coder.engine.coding.sources, coder.engine.coding.targets)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import permutations

from coder.engine.actors.actor import Actor
from coder.engine.actors.resolver import ActorResolver
from coder.engine.coding.match import RuleMatcher
from coder.engine.coding.places import Places
from coder.engine.frames.builder import FrameBuilder
from coder.engine.frames.frame import Frame
from coder.rules.model import RuleSet, VerbRule


POPULATION = "context:population"  # the rule id of the civilians a curfew or state of emergency is imposed on
OWN_GOVERNMENT = "context:government"  # the rule id of the government its own people protest against (own_government)
# targets a strategy made of the source's own country: dyads all the same
DOMESTIC_TARGETS = (POPULATION, OWN_GOVERNMENT)


def distinct(a: Actor, b: Actor) -> bool:
    """Two actors can form a dyad unless they are the same, or a country and one of its own parts named by the same
    phrase family ("Kyrgyzstan" vs "Kyrgyz President"): domestic dyads need two sectors (KAZCOP -> KAZCVL)."""
    if a.code == b.code:
        return False
    if a.country == b.country and (a.sector is None or b.sector is None):
        return False
    return True


def protested_government(source: Actor, target: Actor) -> Actor:
    """A country's people protesting in or at their own bare country ("ethnic Albanians demonstrated in Serbia",
    "Kazakh workers rallied in Kazakhstan") protest at its government: the place is no party of its own."""
    if target.sector is None and target.country is not None and target.country == source.country \
            and source.sector not in (None, "GOV"):
        return Actor(target.country + "GOV", target.text, target.start, target.end, OWN_GOVERNMENT, False, target.via)
    return target


def own_part(source: Actor, target: Actor) -> bool:
    """A bare country acting on one of its own parts named apart ("Tajikistan blames banned Islamic party" ->
    TJK -> TJKOPP): a domestic dyad for the codes engine.yaml's `own_part_codes` lists, though `distinct` keeps
    the two apart. Not the other way: a government "addressing the nation" acts on no one."""
    return (source.sector is None and target.sector is not None and source.country is not None
            and source.country == target.country and (source.end <= target.start or target.end <= source.start))


def actors_of(heads: Iterable[int], resolver: ActorResolver, as_target: bool = True) -> list[Actor]:
    """The actors the heads name, one per code, in order."""
    out: list[Actor] = []
    codes: set[str] = set()
    for head in heads:
        for actor in resolver.resolve(head, as_target):
            if actor.code not in codes:
                codes.add(actor.code)
                out.append(actor)
    return out


def found_by(actors: list[Actor], strategy: str) -> list[Actor]:
    """The actors, each marked with the strategy that found it (unless the strategy named a finer one itself)."""
    return [a if a.via else Actor(a.code, a.text, a.start, a.end, a.rule_id, a.is_person, strategy) for a in actors]


def untagged(actor: Actor) -> Actor:
    """An actor found earlier, to be credited to the strategy that uses it now."""
    return Actor(actor.code, actor.text, actor.start, actor.end, actor.rule_id, actor.is_person)


class StrategyKit:
    """The engine settings (as sets and tuples) and the stages the strategies use."""

    def __init__(self, rules: RuleSet, frames: FrameBuilder, matcher: RuleMatcher, places: Places):
        settings = rules.settings
        self.settings = settings
        self.frames = frames
        self.matcher = matcher
        self.places = places
        self.host_codes = frozenset(settings.host_codes)
        self.attendance_nouns = frozenset(settings.attendance_nouns)
        self.gathering_nouns = frozenset(settings.gathering_nouns)
        self.occasion_nouns = frozenset(settings.occasion_nouns)
        self.proxy_nouns = frozenset(settings.proxy_nouns)
        self.owner_target_codes = tuple(settings.owner_target_codes)
        self.clause_target_codes = tuple(settings.clause_target_codes)
        self.self_reported_codes = tuple(settings.self_reported_codes)
        self.unnamed_protest_codes = tuple(settings.unnamed_protest_codes)
        self.unaddressed_story_codes = tuple(settings.unaddressed_story_codes)
        self.origin_source_codes = tuple(settings.origin_source_codes)
        self.population_target_codes = tuple(settings.population_target_codes)
        self.place_target_codes = tuple(settings.place_target_codes)
        self.incident_codes = tuple(settings.incident_codes)
        self.responding_verbs = frozenset(settings.responding_verbs)
        self.answered_codes = dict(settings.answered_codes)
        # where a rule without `target` looks for its target, in order; an object that the rule names as a thing
        # ("signed an agreement") is not a target
        self.slots_for_actors = ["dative", "object", *settings.target_preps, "between", "modifier"]
        self.slots_for_things = ["dative", *settings.target_preps, "between", "modifier"]


# kit, frame, rule, the sentence's resolver, the other side found so far -> actors (first non-empty wins)
Strategy = Callable[[StrategyKit, Frame, VerbRule, ActorResolver, list[Actor]], list[Actor]]


def joint_pairs(actors: list[Actor], host_countries: Iterable[str | None]) -> list[tuple[Actor, Actor]]:
    """Joint action of several actors: both directions for two; for three or more, the host (the actor of the
    first of `host_countries` that is a participant's: the country the clause places the act in, else the
    dateline's; else the first actor) with each other participant (CONVENTIONS.md, multilateral acts). Drills "near
    the Afghan border" datelined DUSHANBE are hosted by the Tajik participant."""
    actors = [a for i, a in enumerate(actors) if all(distinct(a, b) for b in actors[:i])]
    if len(actors) < 3:
        return [(a, b) for a, b in permutations(actors, 2)]
    hosts = [a for country in host_countries for a in actors if country is not None and a.country == country]
    host = hosts[0] if hosts else actors[0]
    return [pair for other in actors if other is not host for pair in ((host, other), (other, host))]
