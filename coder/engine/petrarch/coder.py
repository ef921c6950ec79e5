"""The coding engine with PETRARCH's conventions, for rule sets imported from PETRARCH/TABARI dictionaries.

`PetrarchCoder` is the project's `EventCoder` (same frames, same rule matching, same event assembly) with three
differences that follow from the dictionaries' own conventions:

- verbs are looked up by their surface form (PETRARCH lists forms, `MET` and `MEET` are different verbs), and every
  verb gets a frame;
- actor codes are composed the PETRARCH way (`PetrarchResolver`): the actor's code (by the event date) plus the
  codes of the agents in its noun phrase, `~CODE` appended and `CODE~` put before (`MSF Arnor diplomat` ->
  NGO+ARN+GOV); an agent without an actor is `---` plus its code; an unknown phrase of up to `new_actor_length`
  words is a new actor, its words in double quotes;
- with `require_dyad` false an event without a target is kept, with target `---`; a pattern coded `[---]` stops
  the verb from being coded.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Span, Token

from coder.engine.actors.actor import Actor
from coder.engine.actors.context import ArticleContext
from coder.engine.actors.resolver import ActorResolver
from coder.engine.coding.assemble import EventAssembler, event_text
from coder.engine.coding.coder import EventCoder
from coder.engine.coding.events import CodedEvent, FrameTrace, Located
from coder.engine.coding.match import RuleMatcher
from coder.engine.coding.places import Places
from coder.engine.docview import DocView
from coder.engine.frames.builder import FrameBuilder
from coder.engine.frames.frame import Frame
from coder.engine.labels import DateBasis
from coder.engine.mentions import DocMentions
from coder.engine.petrarch.commas import CommaLimits, left_out
from coder.engine.petrarch.patterns import VerbPattern
from coder.engine.petrarch.phrases import STATE_KEY, SentenceState, is_new_actor, phrase_tokens, phrase_words
from coder.rules.model import ActorRule, EngineSettings, RuleSet, VerbRule
from coder.rules.petrarch.verbs import VerbDictionary

NULL_CODE = "---"
NOBODY = Actor("---", "", -1, -1, "none", False)


def actor_code_on(rule: ActorRule, day: date | None) -> str | None:
    """The imported actor's code on the day: the first date restriction that holds, else its undated code (which
    may be missing: such an actor has no code outside its restrictions)."""
    if day is not None:
        for role in rule.roles:
            if role.holds_on(day):
                return role.code
    return rule.otherwise if rule.kind == "person" else rule.code


def _compose(base: str, agents: list[tuple[str, bool]]) -> str:
    """Actor code + agent codes: suffixes in phrase order unless the code already ends with them, prefixes before."""
    code = base
    for agent, prefix in agents:
        if prefix:
            if not code.startswith(agent):
                code = agent + code
        elif not code.endswith(agent) and not (code.startswith("---") and code[3:].endswith(agent)):
            code = code + agent
    return code


class PetrarchResolver(ActorResolver):
    """Actor codes for a noun phrase the PETRARCH way (see the module doc). It works on spaCy Tokens: the argument
    head, a token index into the sentence's view, is turned into one."""

    def _resolve(self, head_index: int, as_target: bool) -> list[Actor]:
        head = self.view.doc[head_index]
        m = self.mentions
        phrase = self._phrase(head)
        span = (phrase[0].i, phrase[-1].i + 1)
        text = head.doc[span[0]:span[1]].text
        actors = []
        for token in phrase:
            mention = m.actor_at.get(token.i)
            if mention is not None and mention not in actors:
                actors.append(mention)
        agents = []
        for token in phrase:
            agent = m.agent_at.get(token.i)
            if agent is not None and agent not in agents:
                agents.append(agent)
        if actors:
            # several actors in one phrase: only coordinated ones ("the ambassadors of Arnor, Osgiliath and Gondor"),
            # by the parse or, where the parse missed it, by an "and" or comma between them
            kept = [actors[0]]
            for mention in actors[1:]:
                conjoined = {c.i for c in head.doc[kept[-1].end - 1].conjuncts}
                between = head.doc[kept[-1].end:mention.start]
                listed = any(t.dep_ == "cc" or t.text == "," for t in between) and not any(
                    t.tag_ == "POS" or t.i in m.agent_at for t in between)
                if mention.end - 1 in conjoined or listed:
                    kept.append(mention)
            actors = kept
        elif agents:
            actors = self._located_in(head)
        # an agent word inside the name of the actor used is part of that name ("President Xi Jinping"); inside
        # the name of another actor of the phrase it still counts ("Chinese President Xi Jinping" -> CHN + GOV)
        agents = [a for a in agents if not any(n.start <= a.start < n.end for n in actors)]
        codes: list[tuple[str, str]] = []
        for mention in actors:
            code = actor_code_on(mention.rule, self.day)
            if code:
                codes.extend((part, mention.rule.id) for part in code.split("/") if part)
        agent_codes = [(a.rule.sector.rstrip("~"), a.rule.sector.endswith("~")) for a in agents]
        if not codes and agents:
            codes = [("---", "agent")]
        if not codes:
            if is_new_actor(head, self._state(head)):
                name = " ".join(t.text.upper() for t in phrase_words(self.view, head))
                return [Actor(f'"{name}"', text, *span, "new-actor", False)]
            return []
        out: list[Actor] = []
        for base, rule_id in codes:
            code = _compose(base, agent_codes)
            if all(a.code != code for a in out):
                out.append(Actor(code, text, *span, rule_id + "".join("+" + a.rule.id for a in agents), False))
        return out

    def _phrase(self, head: Token) -> list[Token]:
        """The head's phrase; a coordinated head with no name of its own shares the modifiers of the first
        conjunct ("Danish media and government" -> Danish government)."""
        phrase = phrase_tokens(self.view, head)
        m = self.mentions
        if head.dep_ == "conj" and not any(t.i in m.actor_at for t in phrase):
            first = head
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            shared = [t for c in first.children if c.i < first.i and c.dep_ in ("amod", "compound", "poss", "nmod",
                                                                                  "det")
                      for t in c.subtree]
            phrase = sorted(set(phrase) | set(shared), key=lambda t: t.i)
        return phrase

    def _located_in(self, head: Token) -> list:
        """Agents placed with "in" or "from": "lawmakers in Fornost and Gondor", "soldiers from Gondor" (the phrase
        may hang on a conjunct)."""
        nodes = [head] + [c for c in head.conjuncts]
        out = []
        for node in nodes:
            for child in node.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "from"):
                    for pobj in child.children:
                        if pobj.dep_ != "pobj":
                            continue
                        for obj in [pobj, *[c for c in pobj.conjuncts if c.i > pobj.i]]:
                            for token in phrase_tokens(self.view, obj):
                                mention = self.mentions.actor_at.get(token.i)
                                if mention is not None and mention not in out:
                                    out.append(mention)
        return out

    def roles_of(self, heads: list[int], country: str) -> list[Actor]:
        return []  # PETRARCH does not place role words in the other side's country

    def _state(self, token: Token) -> SentenceState:
        return token.doc.user_data.get(STATE_KEY) or SentenceState(DocMentions([], [], [], {}, {}), self.view)


class PetrarchMatcher(RuleMatcher):
    """PETRARCH's verbs are looked up by their surface form, in the dictionaries' order of trial, and a rule applies
    when its pattern matches the frame (which the pattern may re-assign the PETRARCH way)."""

    def __init__(self, rules: RuleSet, frames: FrameBuilder):
        super().__init__(rules)
        self.frames = frames
        book = rules.petrarch.verbs if rules.petrarch is not None else VerbDictionary()
        self.patterns = {id(rule): VerbPattern.from_spec(rule.pattern, book) for rule in rules.verbs}
        self.by_form: dict[str, list[VerbRule]] = {}
        for rule in rules.verbs:  # already in PETRARCH's order of trial (coder.rules.petrarch.translate)
            for form in rule.lemmas:
                self.by_form.setdefault(form, []).append(rule)

    def candidate_rules(self, frame: Frame) -> list[VerbRule]:
        if frame.kind != "verb":
            return []
        return self.by_form.get(frame.view.text[frame.predicate].lower(), [])

    def match(self, frame: Frame) -> VerbRule | None:
        for rule in self.candidate_rules(frame):
            self.frames.complete(frame)  # a pattern reads (and re-assigns) the whole frame
            if self.patterns[id(rule)].apply(frame):
                return rule
        return None


class PetrarchAssembler(EventAssembler):
    """With `require_dyad` false, an event whose pattern left its target open is kept with target `---`."""

    def __init__(self, settings: EngineSettings, places: Places, require_dyad: bool):
        super().__init__(settings, places)
        self.require_dyad = require_dyad

    def assemble(self, frame: Frame, rule: VerbRule, sources: list[Actor], targets: list[Actor], sent: Span,
                 located: Located, day: date | None, basis: DateBasis,
                 context: ArticleContext) -> tuple[list[CodedEvent], str]:
        state = sent.doc.user_data.get(STATE_KEY)
        if targets or self.require_dyad or not sources or state is None \
                or frame.predicate not in state.open_targets:
            return super().assemble(frame, rule, sources, targets, sent, located, day, basis, context)
        text = event_text(frame)
        return [CodedEvent(sent, *located, s, NOBODY, rule.code, rule.id, "asserted", text, day, basis)
                for s in sources], "coded without a target (require_dyad false)"


class PetrarchCoder(EventCoder):
    def __init__(self, rules: RuleSet, nlp: Language, require_dyad: bool = True, new_actor_length: int = 0,
                 commas: CommaLimits | None = None):
        self.require_dyad = require_dyad  # read by make_assembler, which the base class calls
        self.new_actor_length = new_actor_length
        self.commas = commas  # PETRARCH's comma options (None: no clause is left out)
        super().__init__(rules, nlp, resolver_class=PetrarchResolver)

    def make_frames(self) -> FrameBuilder:
        return FrameBuilder(self.rules.settings, set(), None, self.lexicon)  # every verb gets a frame

    def make_matcher(self) -> RuleMatcher:
        return PetrarchMatcher(self.rules, self.frames)

    def make_assembler(self) -> EventAssembler:
        return PetrarchAssembler(self.rules.settings, self.places, self.require_dyad)

    def code_sentence(self, sent: Span, located: Located, mentions: DocMentions, pub_date: date | None,
                      context: ArticleContext, trace: list[FrameTrace] | None = None,
                      view: DocView | None = None) -> list[CodedEvent]:
        if view is None:
            view = DocView(sent.doc)
        sent.doc.user_data[STATE_KEY] = SentenceState(mentions, view, self.require_dyad, self.new_actor_length,
                                                      left_out=left_out(sent, self.commas))
        events = super().code_sentence(sent, located, mentions, pub_date, context, trace, view)
        return [e for e in events if e.code != NULL_CODE]
