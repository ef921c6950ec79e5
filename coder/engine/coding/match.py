"""Stage 1, match: which verb or event-noun rule codes a frame.

Rules are indexed by lemma (verbs) and by noun; for one predicate the rules that ask for more (an object list, a
preposition, a particle) are tried first, and among equals the first in load order."""

from __future__ import annotations

from collections import defaultdict

from mypy_extensions import mypyc_attr

from coder.engine.frames.frame import Frame
from coder.rules.model import RuleSet, VerbRule


@mypyc_attr(allow_interpreted_subclasses=True)  # coder.engine.petrarch.coder.PetrarchMatcher
class RuleMatcher:
    def __init__(self, rules: RuleSet):
        self.by_lemma: dict[str, list[VerbRule]] = defaultdict(list)
        self.by_noun: dict[str, list[VerbRule]] = defaultdict(list)
        for rule in rules.verbs:
            for lemma in rule.lemmas:
                self.by_lemma[lemma].append(rule)
            for noun in rule.nouns:
                self.by_noun[noun].append(rule)
        for table in (self.by_lemma, self.by_noun):
            for candidates in table.values():
                candidates.sort(key=lambda r: -r.specificity)  # stable: file order among equals
        # each rule's object lemmas as a set (keyed by id(rule): the rules live as long as the matcher)
        self._object_sets: dict[int, frozenset[str]] = {id(rule): frozenset(rule.object) for rule in rules.verbs}
        self.locative = frozenset(rules.settings.locative_preps)

    def candidate_rules(self, frame: Frame) -> list[VerbRule]:
        """The rules that may code a frame, most specific first."""
        return self.by_noun.get(frame.lemma, []) if frame.kind == "noun" else self.by_lemma.get(frame.lemma, [])

    def match(self, frame: Frame) -> VerbRule | None:
        """The first candidate rule whose preposition, particle and object the frame has."""
        things: set[str] | None = None  # lemmas of the objects, direct or prepositional: read once a rule asks
        for rule in self.candidate_rules(frame):
            if rule.prep and rule.prep not in frame.preps and rule.prep not in frame.particles:
                continue
            if rule.particle and rule.particle not in frame.particles:
                continue
            if frame.particles and frame.particles - {rule.prep, rule.particle}:
                continue  # a phrasal verb means something else ("called off", "broke up")
            if rule.object:
                if things is None:
                    things = frame.object_lemmas() | {frame.view.lemma[t] for prep, heads in frame.preps.items()
                                                      if prep not in self.locative for t in heads}
                if self._object_sets[id(rule)].isdisjoint(things):
                    continue
            if frame.predicative and not rule.object:
                continue
            return rule
        return None

    def object_is_thing(self, rule: VerbRule, frame: Frame) -> bool:
        """Whether the frame's direct object is one the rule names as a thing ("signed an agreement"), not a party."""
        objects = self._object_sets.get(id(rule))  # a construction's rule is built per match, not listed in verbs
        return not (frozenset(rule.object) if objects is None else objects).isdisjoint(frame.object_lemmas())

    def has_rules_for(self, frame: Frame) -> bool:
        """Whether any rule names the frame's predicate (`coder-explain` traces frames that matched none)."""
        return frame.kind == "noun" or frame.lemma in self.by_lemma
