"""Find actor, agent and discard phrases in a spaCy Doc with phrase matchers compiled from the rule set."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from coder.engine.lexicon import lexicon_of
from coder.rules.model import ActorRule, AgentRule, DatedName, DiscardRule, RuleSet
from coder.rules.text import is_acronym


# Not frozen=True: a frozen dataclass sets each field through object.__setattr__, about four times slower to
# build, and the engine builds these for every sentence. Treat instances as immutable (they stay hashable).
@dataclass(slots=True, unsafe_hash=True)
class ActorMention:
    start: int  # token offsets in the Doc
    end: int
    form: str  # name | adjective | demonym | capital
    rule: ActorRule

    def text(self, doc: Doc) -> str:
        return doc[self.start:self.end].text


# Not frozen=True: a frozen dataclass sets each field through object.__setattr__, about four times slower to
# build, and the engine builds these for every sentence. Treat instances as immutable (they stay hashable).
@dataclass(slots=True, unsafe_hash=True)
class AgentMention:
    start: int
    end: int
    rule: AgentRule


@dataclass(slots=True)
class DocMentions:
    actors: list[ActorMention]
    agents: list[AgentMention]
    discards: list[tuple[int, int, DiscardRule]]
    actor_at: dict[int, ActorMention]  # token index -> mention covering it
    agent_at: dict[int, AgentMention]
    # names that are someone's only within a role's dates ("President Bush"), not yet resolved: `on(day)` makes each
    # the mention of its holder on that day, or drops it (no holder then, or no date known: never a guess)
    dated: list[tuple[int, int, tuple[DatedName, ...]]] = field(default_factory=list)
    # after `on(day)`: the tokens of dated names no one held that day (no role word there may guess a country)
    unheld: set[int] = field(default_factory=set)

    def on(self, day: date | None) -> DocMentions:
        """The mentions with the dated names resolved by the article's date (self when there are none)."""
        if not self.dated:
            return self
        held: list[tuple[int, int, Any]] = []
        unheld: set[int] = set()
        # a role word of the former elites just before the name ("former President Bush", "first lady Clinton") says
        # the person no longer (or not) holds the office the dated name stands for: not the office-holder of the day
        former = [(a.start, a.end) for a in self.agents if a.rule.sector == "ELI"]
        for start, end, holders in self.dated:
            holder = next((h for h in holders if day is not None and h.holds_on(day)), None)
            if any(a_start < end and start <= a_end for a_start, a_end in former):
                holder = None
            if holder is None:
                unheld.update(range(start, end))
            else:
                held.append((start, end, ("name", holder.rule)))
        plain: list[tuple[int, int, Any]] = [(m.start, m.end, (m.form, m.rule)) for m in self.actors]
        actors = [ActorMention(start, end, *payload) for start, end, payload in _longest_first(plain + held)]
        covered = _by_token(actors)
        agents = [a for a in self.agents if not all(i in covered for i in range(a.start, a.end))]
        return DocMentions(actors, agents, self.discards, covered, _by_token(agents), [], unheld - set(covered))


class MentionMatcher:
    """Compiled phrase matchers for one rule set. Case-insensitive except for acronyms (CSTO, US)."""

    def __init__(self, rules: RuleSet, nlp: Language):
        self.rules = rules
        # "the Russian-led CSTO": a country joined to one of these participles before a name is no actor (lexicon)
        self.patron_suffixes = lexicon_of(rules.lexicon).patron_suffixes
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._by_match_id: dict[int, tuple[str, object]] = {}  # match id (the hash of the label) -> (kind, rule)
        self._add_all([(k, ("actor", v)) for k, v in rules.actor_aliases.items()], nlp)
        self._add_all([(k, ("dated", v)) for k, v in rules.dated_names.items()], nlp)
        self._add_all([(k, ("agent", v)) for k, v in rules.agent_words.items()], nlp)
        self._add_all([(k, ("discard", v)) for k, v in rules.discard_phrases.items()], nlp)

    def _add_all(self, entries: list[tuple[str, tuple[str, object]]], nlp: Language) -> None:
        by_matcher: dict[bool, dict[str, list[Doc]]] = {True: {}, False: {}}
        for key, payload in entries:
            label = f"{payload[0]}|{key}"
            self._by_match_id[nlp.vocab.strings.add(label)] = payload
            by_matcher[is_acronym(key)].setdefault(label, []).append(nlp.make_doc(key))
        for exact, patterns in by_matcher.items():
            matcher = self._exact if exact else self._lower
            for label, docs in patterns.items():
                matcher.add(label, docs)

    def __call__(self, doc: Doc) -> DocMentions:
        found: dict[str, list[tuple[int, int, Any]]] = {"actor": [], "agent": [], "discard": [], "dated": []}
        for matcher in (self._lower, self._exact):
            for match_id, start, end in matcher(doc):
                kind, payload = self._by_match_id[match_id]
                found[kind].append((start, end, payload))
        actors = [ActorMention(start, end, *payload) for start, end, payload in _longest_first(found["actor"])
                  if _capitalised(doc, start, end)]  # "turkey", "chad": common words
        if self.patron_suffixes and len(actors) > 1:
            starts = {a.start for a in actors}
            actors = [a for a in actors if not self._patron(doc, a.end, starts)]
        covered = _by_token(actors)  # a role word inside an actor's name is part of the name ("West Bank")
        agents = [AgentMention(start, end, payload) for start, end, payload in _longest_first(found["agent"])
                  if not all(i in covered for i in range(start, end))]
        dated = [(start, end, holders) for start, end, holders in found["dated"] if _capitalised(doc, start, end)]
        return DocMentions(actors, agents, found["discard"], covered, _by_token(agents), dated)

    def _patron(self, doc: Doc, end: int, starts: set[int]) -> bool:
        """Whether the phrase ending before `end` is joined to a patron participle before another actor's name ("the
        Russian-led Collective Security Treaty Organisation"). A force without a name of its own stays the patron's
        ("Vietnamese-led forces")."""
        return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in self.patron_suffixes \
            and any(end + 2 <= s <= end + 4 for s in starts)


def _capitalised(doc: Doc, start: int, end: int) -> bool:
    """Whether some word of doc[start:end] starts with a capital letter."""
    for i in range(start, end):
        if doc[i].text[:1].isupper():
            return True
    return False


def _by_token(mentions: list) -> dict[int, Any]:
    """Token index -> the mention covering it."""
    at = {}
    for mention in mentions:
        for i in range(mention.start, mention.end):
            at[i] = mention
    return at


def _start(match: tuple[int, int, object]) -> int:
    return match[0]


def _longest_first(matches: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Non-overlapping matches, longer (then earlier) ones first, in text order."""
    if len(matches) < 2:
        return list(matches)  # the common case: nothing can overlap
    in_order = sorted(matches, key=_start)
    if all(a[1] <= b[0] for a, b in zip(in_order, in_order[1:])):
        return in_order  # no overlaps: every match is kept
    taken: set[int] = set()
    kept = []
    for start, end, payload in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        if not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            kept.append((start, end, payload))
    return sorted(kept, key=lambda m: m[0])
