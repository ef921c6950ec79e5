"""Constructions: the rule files' dependency patterns (`constructions:`; coder.rules.model.ConstructionRule) matched
on a parsed sentence. A match is read as a frame whose subject, object and prepositional objects are the tokens the
rule names, coded with the rule's code or, with `as:`, by the verb rules of another predicate; the frames of the
tokens it claims are not coded again. "The post came under fire from Afghan gunmen": the gunmen fired on the post."""

from __future__ import annotations

from dataclasses import dataclass

from coder.engine.docview import DocView
from coder.engine.frames.builder import FrameBuilder
from coder.engine.frames.frame import Frame, expand
from coder.engine.lexicon import EngineLexicon
from coder.rules.model import AS_EVENT_NOUN, LEXICON_MARKER, ConstructionRule, PatternNode, RuleSet, VerbRule

Bound = dict[str, int]  # node id -> token index


@dataclass(slots=True)
class ConstructionMatch:
    rule: ConstructionRule
    nodes: Bound
    frame: Frame
    verb_rule: VerbRule | None  # the rule that codes the frame (None: the verb rules of `as:` decide)
    claimed: frozenset[int]  # tokens whose own frames this match replaces


def _value(view: DocView, key: str, token: int) -> str:
    if key == "LEMMA":
        return view.lemma[token]
    if key == "LOWER":
        return view.lower[token]
    if key == "DEP":
        return view.dep[token]
    if key == "POS":
        return view.pos[token]
    return view.tag[token]


def _fits(view: DocView, token: int, node: PatternNode) -> bool:
    for key, values in node.attrs:
        if _value(view, key, token) not in values:
            return False
    return True


def _extend(view: DocView, nodes: list[PatternNode], k: int, bound: Bound) -> Bound | None:
    """The first way nodes[k:] can be bound, given `bound` (depth first, in document order)."""
    if k == len(nodes):
        return bound
    node = nodes[k]
    left = bound.get(node.anchor or "")
    if left is not None:
        if node.relation == ">":
            candidates: list[int] = list(view.children[left])
        else:
            candidates = [view.head[left]] if view.head[left] != left else []
        taken = set(bound.values())
        for token in candidates:
            if token not in taken and _fits(view, token, node):
                found = _extend(view, nodes, k + 1, {**bound, node.id: token})
                if found is not None:
                    return found
    return _extend(view, nodes, k + 1, bound) if node.optional else None


class ConstructionMatcher:
    def __init__(self, rules: RuleSet, frames: FrameBuilder):
        self.frames = frames
        # every pattern, with the number of its requirement: for each of its required nodes, one of that node's words
        # (a Doc lacking a word of one of them cannot match); the distinct word sets are numbered, and each word
        # lists the sets it is in
        self.patterns: list[tuple[ConstructionRule, list[PatternNode], int]] = []
        self.requirements: list[tuple[int, ...]] = []
        self.requirement_sets: list[frozenset[int]] = []  # the same, as sets (a subset test per pattern is cheap)
        self.word_sets: list[frozenset[str]] = []
        self.sets_with_word: dict[str, list[int]] = {}
        # the first node's words -> the patterns it starts, in rule-file order: a Doc tries only its words' patterns
        self.by_word: dict[str, list[int]] = {}
        for rule in rules.constructions:
            for written in rule.patterns:
                pattern = [_with_lexicon(node, frames.lexicon) for node in written]
                number = len(self.patterns)
                self.patterns.append((rule, pattern, self._requirement(pattern)))
                for key, values in pattern[0].attrs:
                    if key in ("LEMMA", "LOWER"):
                        for word in sorted(values):
                            starts = self.by_word.setdefault(word, [])
                            if not starts or starts[-1] != number:
                                starts.append(number)
        self.verb_rules = {rule.id: _verb_rule(rule) for rule in rules.constructions if rule.code is not None}
        self.start_words = frozenset(self.by_word)
        self.required_words = frozenset(self.sets_with_word)
        self.needs = [self.requirement_sets[requirement] for _, _, requirement in self.patterns]  # pattern -> its sets
        # each pattern's first node's words (lemma or lower-case form alike: `by_word` lists it under both)
        self.first_words = [frozenset(w for key, values in pattern[0].attrs if key in ("LEMMA", "LOWER")
                                      for w in values) for _, pattern, _ in self.patterns]
        self._view: DocView | None = None  # the last Doc whose candidates were found, and they (for its next sentence)
        self._candidates: list[int] = []

    def _requirement(self, pattern: list[PatternNode]) -> int:
        numbers = []
        for words in _required_words(pattern):
            if words not in self.word_sets:
                self.word_sets.append(words)
                for word in words:
                    self.sets_with_word.setdefault(word, []).append(len(self.word_sets) - 1)
            numbers.append(self.word_sets.index(words))
        needed = tuple(sorted(set(numbers)))
        if needed not in self.requirements:
            self.requirements.append(needed)
            self.requirement_sets.append(frozenset(needed))
        return self.requirements.index(needed)

    def candidates(self, view: DocView) -> list[int]:
        """The patterns the Doc could match, in rule-file order: those with a first word in the Doc and, for each of
        their required nodes, a word of that node's word set (the whole Doc: a pattern may reach a token outside the
        sentence through its head). Found once per Doc, with set operations, so that a sentence's tokens try only
        these (a few, against a dozen or so per token that starts a pattern when each token looked its own up)."""
        if view is self._view:
            return self._candidates
        words = {*view.lemma, *view.lower}
        numbers: set[int] = set()
        for word in words & self.start_words:
            numbers.update(self.by_word[word])
        candidates: list[int] = []
        if numbers:
            present: set[int] = set()  # the word sets the Doc has a word of
            for word in words & self.required_words:
                present.update(self.sets_with_word[word])
            needs = self.needs
            candidates = sorted([n for n in numbers if needs[n] <= present])
        self._view, self._candidates = view, candidates
        return candidates

    def matches(self, view: DocView, start: int, end: int) -> list[ConstructionMatch]:
        """The constructions in tokens [start, end), at most one per event token, in order of the event token."""
        candidates = self.candidates(view)
        if not candidates:
            return []
        found: list[ConstructionMatch] = []
        events: set[int] = set()
        first_words, lemma, lower = self.first_words, view.lemma, view.lower
        for token in range(start, end):
            for number in candidates:  # (few: each token tries them in rule-file order)
                if lemma[token] not in first_words[number] and lower[token] not in first_words[number]:
                    continue
                rule, pattern, _ = self.patterns[number]
                bound = _extend(view, pattern, 1, {pattern[0].id: token}) if _fits(view, token, pattern[0]) else None
                if bound is not None and bound[rule.event] not in events:
                    events.add(bound[rule.event])
                    found.append(self._match(view, rule, bound))
        return sorted(found, key=lambda m: m.frame.predicate)

    def _match(self, view: DocView, rule: ConstructionRule, bound: Bound) -> ConstructionMatch:
        event = bound[rule.event]
        if rule.read_as == AS_EVENT_NOUN:  # read by the event noun's own rules
            frame = Frame(view, event, "noun", self.frames._noun_key(view, event))
        else:
            kind = "verb" if rule.read_as is not None or view.pos[event] in ("VERB", "AUX") else "noun"
            frame = Frame(view, event, kind, rule.read_as or rule.id)
        if rule.subject is not None and rule.subject in bound:
            frame.subjects = expand(view, [bound[rule.subject]], self.frames.quantities)
        elif rule.subject is not None and view.pos[event] in ("VERB", "AUX"):
            # an optional subject node left unbound: the verb's subjects as clauses give them ("the CSTO agreed to
            # send peacekeeping forces": the controller's subject; "forces, which Russia sent": the relative's)
            frame.subjects = self.frames.verb_frame(view, event).subjects
        if rule.object is not None and rule.object in bound:
            frame.objects = expand(view, [bound[rule.object]], self.frames.quantities)
        for prep, node in rule.preps.items():
            if node in bound:
                frame.preps[prep] = expand(view, [bound[node]], self.frames.quantities)
        clause = _clause_verb(view, event)
        if clause is not None:
            self.frames.modality.read(view, clause, frame, [view.dep[c] for c in view.children[clause]])
        claimed = frozenset(bound[node] for node in rule.claims if node in bound)
        return ConstructionMatch(rule, bound, frame, self.verb_rules.get(rule.id), claimed)


def _with_lexicon(node: PatternNode, lexicon: EngineLexicon) -> PatternNode:
    """The node with `{IN_LEXICON: <list>}` values replaced by the words of that list."""
    attrs = []
    for key, values in node.attrs:
        markers = [v for v in values if v.startswith(LEXICON_MARKER)]
        if markers:
            values = frozenset(w for m in markers for w in getattr(lexicon, m[len(LEXICON_MARKER):]))
        attrs.append((key, values))
    return PatternNode(node.id, node.anchor, node.relation, tuple(attrs), node.optional)


def _required_words(pattern: list[PatternNode]) -> tuple[frozenset[str], ...]:
    """For each node after the first that must be bound and names its words, those words (lemma or lower-case form
    alike); the first node is found through `by_word`."""
    needed = []
    for node in pattern[1:]:
        if not node.optional:
            for key, values in node.attrs:
                if key in ("LEMMA", "LOWER"):
                    needed.append(frozenset(values))
    return tuple(needed)


def _clause_verb(view: DocView, token: int) -> int | None:
    """The verb whose clause the token is in: the token itself, or the nearest verb above it."""
    node = token
    for _ in range(8):
        if view.pos[node] in ("VERB", "AUX"):
            return node
        if view.head[node] == node:
            return None
        node = view.head[node]
    return None


def _verb_rule(rule: ConstructionRule) -> VerbRule:
    """The rule that codes a construction's frame: its code, symmetry and reverse code; its target is the object."""
    return VerbRule(id=rule.id, code=rule.code or "", source=rule.source, symmetric=rule.symmetric,
                    reverse_code=rule.reverse_code, target=["object", *rule.preps], example=rule.example)
