"""Stage 2, arguments: who acts (sources) and on whom (targets), each actor with the strategy that found it.

A coded frame's parties are looked for by named strategies (coder.engine.coding.sources and .targets), in the order
engine.yaml lists them: settings `source_strategies`, `target_strategies`, then, once both sides were looked for,
`source_strategies_given_targets` and `target_strategies_given_sources`. For each side the first strategy that finds
an actor wins. Its name is kept on the actor (`Actor.via`) and written after an "@" in the record's `source_rule` /
`target_rule`, so a researcher sees which parties the frame's own slots gave (`subject`, `object`, `with`, ...) and
which a fallback found (`occasion_parties`, `host`, `story_government`, ...). docs/rules.md describes each strategy.
A rule that names its preposition (`prep:`) takes its target from that preposition only.
"""

from __future__ import annotations

from coder.engine.actors.actor import Actor
from coder.engine.actors.resolver import ActorResolver
from coder.engine.coding.match import RuleMatcher
from coder.engine.coding.parties import Strategy, StrategyKit, found_by
from coder.engine.coding.places import Places
from coder.engine.coding.sources import SOURCES, SOURCES_GIVEN_TARGETS
from coder.engine.coding.targets import PREP_RULE_TARGETS, TARGETS, TARGETS_GIVEN_SOURCES
from coder.engine.frames.builder import FrameBuilder
from coder.engine.frames.frame import Frame
from coder.errors import RuleFileError
from coder.rules.model import RuleSet, VerbRule

# Each chain's setting and the strategies it may name.
CHAINS: dict[str, dict[str, Strategy]] = {
    "source_strategies": SOURCES,
    "target_strategies": TARGETS,
    "source_strategies_given_targets": SOURCES_GIVEN_TARGETS,
    "target_strategies_given_sources": TARGETS_GIVEN_SOURCES,
}
Steps = list[tuple[str, Strategy]]


def chain(setting: str, names: list[str]) -> Steps:
    """The strategies a chain's setting names, in its order."""
    known = CHAINS[setting]
    for name in names:
        if name not in known:
            raise RuleFileError(f"settings.{setting} names '{name}', which is no such strategy; known: "
                                f"{', '.join(known)}")
    return [(name, known[name]) for name in names]


class ArgumentFinder:
    """Runs the configured source and target strategies for coded frames."""

    def __init__(self, rules: RuleSet, frames: FrameBuilder, matcher: RuleMatcher, places: Places):
        settings = rules.settings
        self.kit = StrategyKit(rules, frames, matcher, places)
        self.source_steps = chain("source_strategies", settings.source_strategies)
        self.target_steps = chain("target_strategies", settings.target_strategies)
        self.prep_rule_target_steps = [(n, s) for n, s in self.target_steps if n in PREP_RULE_TARGETS]
        self.late_source_steps = chain("source_strategies_given_targets", settings.source_strategies_given_targets)
        self.late_target_steps = chain("target_strategies_given_sources", settings.target_strategies_given_sources)

    def _first(self, steps: Steps, frame: Frame, rule: VerbRule, resolver: ActorResolver,
               others: list[Actor]) -> list[Actor]:
        for name, strategy in steps:
            found = strategy(self.kit, frame, rule, resolver, others)
            if found:
                return found_by(found, name)
        return []

    def sources(self, frame: Frame, rule: VerbRule, resolver: ActorResolver) -> list[Actor]:
        return self._first(self.source_steps, frame, rule, resolver, [])

    def targets(self, frame: Frame, rule: VerbRule, resolver: ActorResolver, sources: list[Actor]) -> list[Actor]:
        steps = self.prep_rule_target_steps if rule.prep else self.target_steps
        resolver.clause_subjects = {a.code for a in sources}  # "Japarov welcomed him": him is not Japarov
        try:
            return self._first(steps, frame, rule, resolver, sources)
        finally:
            resolver.clause_subjects = set()

    def parties(self, frame: Frame, rule: VerbRule, resolver: ActorResolver) -> tuple[list[Actor], list[Actor]]:
        """Both sides: sources, then targets, then what each side lets the other find."""
        sources = self.sources(frame, rule, resolver)
        targets = self.targets(frame, rule, resolver, sources)
        if not sources:
            sources = self._first(self.late_source_steps, frame, rule, resolver, targets)
        if not targets:
            targets = self._first(self.late_target_steps, frame, rule, resolver, sources)
        return sources, targets
