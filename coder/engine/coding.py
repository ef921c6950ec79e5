"""Frames + rules -> events. One `EventCoder` per rule set; `code_doc` codes one parsed article."""

from __future__ import annotations

import weakref
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from itertools import permutations

from mypy_extensions import mypyc_attr

from spacy.language import Language
from spacy.tokens import Doc, Span

from coder.engine.actors import Actor, ActorResolver, ArticleContext, np_tokens
from coder.engine.dates import ResolvedDate, SentenceDates, event_date
from coder.engine.docview import DocView, span_lemmas
from coder.engine.frames import Frame, FrameBuilder
from coder.engine.parsing.headlines import HeadlineRewriter
from coder.engine.mentions import DocMentions, MentionMatcher
from coder.engine.parsing.pipeline import DatePhrases, Segment
from coder.ontology import load_ontology
from coder.rules.model import RuleSet, VerbRule
from coder.rules.text import alias_key


# Not frozen=True: a frozen dataclass sets each field through object.__setattr__, about four times slower to
# build, and the engine builds these for every sentence. Treat instances as immutable (they stay hashable).
@dataclass(slots=True, unsafe_hash=True)
class CodedEvent:
    sentence: Span
    sentence_index: int
    sentence_start: int  # character offsets in the article's full text (headline + blank line + body)
    sentence_end: int
    source: Actor
    target: Actor
    code: str
    rule_id: str
    modality: str
    event_text: str
    event_date: date | None
    date_basis: str


@dataclass(slots=True)
class FrameTrace:
    """Why a frame did or did not give events: what `coder-explain` prints."""

    frame: Frame
    rule: VerbRule | None
    sources: list[Actor]
    targets: list[Actor]
    events: list[CodedEvent]
    reason: str


def _distinct(a: Actor, b: Actor) -> bool:
    """Two actors can form a dyad unless they are the same, or a country and one of its own parts named by the same
    phrase family ("Kyrgyzstan" vs "Kyrgyz President"): domestic dyads need two sectors (KAZCOP -> KAZCVL)."""
    if a.code == b.code:
        return False
    if a.country == b.country and (a.sector is None or b.sector is None):
        return False
    return True


# Words besides the pronoun table that the article's context can resolve: groups ("the two", "the five leaders")
# and possessives ("talks with his guest")
COREFERENCE_WORDS = ("two", "both", "three", "four", "five", "his", "her", "its", "their", "region", "each", "sides")


_ROLE_SLOTS = frozenset(("dative", "object", "modifier", "between"))  # target slots _slot_heads reads specially


def _sentence_lemmas(sent: Span, cache: dict[tuple[int, int], set[str]]) -> set[str]:
    """The sentence's lemmas, lower-cased; `cache` keeps them per sentence for a pass over many events."""
    key = (id(sent.doc), sent.start)  # the events hold their Docs, so an id is not reused during the pass
    lemmas = cache.get(key)
    if lemmas is None:
        lemmas = cache[key] = set(span_lemmas(sent))
    return lemmas


def longest_prefix(table: dict[str, str], code: str) -> str | None:
    for length in range(len(code), 1, -1):
        hit = table.get(code[:length])
        if hit:
            return hit
    return None


@mypyc_attr(allow_interpreted_subclasses=True)  # coder.engine.petrarch.coder.PetrarchCoder
class EventCoder:
    def __init__(self, rules: RuleSet, nlp: Language, resolver_class: type[ActorResolver] = ActorResolver):
        self.rules = rules
        # imported rule languages resolve actors their own way (an instance attribute, not a class one: in the
        # compiled engine a subclass's class attribute would not override it)
        self.resolver_class = resolver_class
        self.ontology = load_ontology()
        self.mentions = MentionMatcher(rules, nlp)
        # The fast path's filter matches every sentence's mentions before parsing, and the parser annotates that same
        # Doc object: `code_article` reuses those matches instead of matching twice. Weak keys: an entry lives as long
        # as its Doc, so nothing accumulates (a Doc that comes back as another object is simply matched again).
        self._screened: weakref.WeakKeyDictionary[Doc, tuple[int, DocMentions]] = weakref.WeakKeyDictionary()
        self.date_phrases = DatePhrases(nlp) if "ner" not in nlp.pipe_names else None  # the fast path has no NER
        self.by_lemma: dict[str, list[VerbRule]] = defaultdict(list)
        self.by_noun: dict[str, list[VerbRule]] = defaultdict(list)
        for rule in rules.verbs:
            for lemma in rule.lemmas:
                self.by_lemma[lemma].append(rule)
            for noun in rule.nouns:
                self.by_noun[noun].append(rule)
        for table in (self.by_lemma, self.by_noun):
            for lemma, candidates in table.items():
                candidates.sort(key=lambda r: -r.specificity)  # stable: file order among equals
        # each rule's object lemmas as a set, for match_rule (keyed by id(rule): the rules live as long as the coder)
        self._object_sets: dict[int, frozenset[str]] = {id(rule): frozenset(rule.object) for rule in rules.verbs}
        self.frames = FrameBuilder(rules.settings, set(self.by_noun), set(self.by_lemma))
        self.headlines = HeadlineRewriter(self.by_lemma, self.by_noun)
        # protests need no named actor ("Protests erupted in Nukus"), and an incident's date may come from a
        # sentence naming none ("The fighting broke out on Thursday"): the fast path parses sentences naming them
        settings = rules.settings
        self._incident_codes = tuple(settings.incident_codes)
        actorless = tuple(settings.unnamed_protest_codes) + self._incident_codes
        self.actorless_nouns = {form for rule in rules.verbs if rule.code.startswith(actorless)
                                for noun in rule.nouns for form in (noun.lower(), noun.lower() + "s",
                                                                    noun.lower() + "es")}
        # engine.yaml's code-prefix tables, as tuples for str.startswith
        self._joint_codes = tuple(settings.joint_codes)
        self._one_sided_intent_verbs = frozenset(settings.one_sided_intent_verbs)
        self._owner_target_codes = tuple(settings.owner_target_codes)
        self._clause_target_codes = tuple(settings.clause_target_codes)
        self._self_reported_codes = tuple(settings.self_reported_codes)
        self._unnamed_protest_codes = tuple(settings.unnamed_protest_codes)
        self._unaddressed_story_codes = tuple(settings.unaddressed_story_codes)
        self._attendance_nouns = frozenset(settings.attendance_nouns)
        self._gathering_nouns = frozenset(settings.gathering_nouns)
        self._occasion_nouns = self._gathering_nouns | frozenset(settings.occasion_nouns)
        # phrases that stood where an actor should be (subject/object of a coded verb) but matched no rule: the
        # to-do list for dictionary upkeep (`unknown_actors()`)
        self.unknown: Counter[str] = Counter()
        self.unknown_example: dict[str, str] = {}
        self.locative = set(rules.settings.locative_preps)
        self._target_preps = tuple(rules.settings.target_preps)
        # where a rule without `target` looks for its target, in order; an object that the rule names as a thing
        # ("signed an agreement") is not a target
        self._slots_for_actors = ["dative", "object", *rules.settings.target_preps, "between", "modifier"]
        self._slots_for_things = ["dative", *rules.settings.target_preps, "between", "modifier"]

    # -- articles -------------------------------------------------------------------------------------------------
    def code_article(self, parts: list[tuple[Doc, Segment]], pub_date: date | None,
                     trace: list[FrameTrace] | None = None, dateline: str | None = None) -> list[CodedEvent]:
        """Code one article given as parsed segments (headline, paragraphs), in order, sharing context."""
        found = [(doc, part, self.mentions_of(doc)) for doc, part in parts]
        if any(rule.scope == "article" for _, _, m in found for _, _, rule in m.discards):
            return []
        context = ArticleContext(self.rules.settings, dateline_country=self.place_country(dateline))
        self._learn_surnames(found, pub_date, context)
        events: list[CodedEvent] = []
        index = 0
        for doc, part, mentions in found:
            if part.skipped:
                index += 1
                continue
            discarded = {doc[start].sent.start for start, _, rule in mentions.discards if rule.scope == "sentence"}
            view = DocView(doc)
            for sent in view.sents():
                if not view.is_blank(sent.start, sent.end):
                    if sent.start not in discarded:
                        start = part.offset + sent.start_char - (part.cut if sent.start_char == 0 else 0)
                        located = (index, start, part.offset + sent.end_char)
                        events.extend(self.code_sentence(sent, located, mentions, pub_date, context, trace, view))
                    index += 1
            context.base += len(doc)
        events = self._date_incident(events, context.incident_date)
        return self._date_headline(self._date_gatherings(events, context.gathering_date))

    def _date_incident(self, events: list[CodedEvent], day: date | None) -> list[CodedEvent]:
        """A story about a violent incident dates it once ("The fighting broke out on Thursday evening", "when they
        ... attacked a border post on Wednesday") and reports its parts elsewhere without a date ("two border guards
        and three armed men were killed in a gunfight"): undated violence takes the first date given to violence
        in the article, with basis `article`."""
        if day is None:
            return events
        return [replace(e, event_date=day, date_basis="article")
                if e.date_basis == "publication" and e.code.startswith(self._incident_codes) and e.modality == "asserted"
                else e
                for e in events]

    @staticmethod
    def _date_headline(events: list[CodedEvent]) -> list[CodedEvent]:
        """A headline states the body's news without its date ("Tajik leader condemns attack in call with Putin" /
        "... in a telephone call on Sunday"): a headline event with no date of its own takes the date of the first
        body event with the same actors and code."""
        out = []
        for event in events:
            if event.sentence_index == 0 and event.date_basis == "publication":
                key = (event.source.code, event.target.code, event.code)
                body = next((e for e in events if e.sentence_index > 0 and e.date_basis in ("explicit", "relative")
                             and (e.source.code, e.target.code, e.code) == key), None)
                if body is not None:
                    event = replace(event, event_date=body.event_date, date_basis="article")
            out.append(event)
        return out

    def _date_gatherings(self, events: list[CodedEvent], gathering: tuple[int, date] | None) -> list[CodedEvent]:
        """A story about a gathering or visit dated in its lead ("renamed itself at a summit in Istanbul on Friday",
        "welcomed Nazarbayev to the White House on Tuesday", "said at an investors' forum on Monday" even with no
        event coded there) reports the occasion's meetings and acts later without a date ("Tokayev and Aliyev also
        attended", "During the talks, he invited ...", "On the first day of the forum, ... signed"): meetings, visits
        and acts in sentences naming the occasion take the lead's date, with basis `article`."""
        lemmas: dict[tuple[int, int], set[str]] = {}  # a sentence's lemmas, read once for all its events
        lead = next(((e.sentence_index, e.event_date) for e in events if e.sentence_index <= 2
                     and e.date_basis in ("explicit", "relative")
                     and (e.code[:3] in ("042", "043")
                          or not self._gathering_nouns.isdisjoint(_sentence_lemmas(e.sentence, lemmas)))), None)
        # "..., Dombrovskis said at an investors' forum on Monday": a dated gathering in the lead, with no event
        lead = lead or gathering
        if lead is None:
            return events
        index, day = lead
        occasions = self._occasion_nouns
        return [replace(e, event_date=day, date_basis="article")
                if e.date_basis == "publication" and e.sentence_index > index
                and (e.code[:2] == "04" or not occasions.isdisjoint(_sentence_lemmas(e.sentence, lemmas))) else e
                for e in events]

    def headline_words(self, doc: Doc) -> list[str] | None:
        """A tokenized headline's past-tense wording for the parser (coder.engine.parsing.headlines), or None to parse it as is."""
        mentions = self.mentions_of(doc)  # the fast path's filter has usually matched this Doc already
        spans = [(m.start, m.end) for m in mentions.actors] + [(m.start, m.end) for m in mentions.agents]
        parties = {t for start, end in spans for t in range(start, end)}
        people = [(m.start, m.end) for m in mentions.actors if m.rule.kind == "person"]
        return self.headlines.words(doc, parties, people)

    def could_code(self, doc: Doc) -> bool:
        """The fast path's filter on a tokenized sentence: it can give an event only if it names an actor or a role,
        or has a pronoun or group word ("the two") that the article's context can resolve."""
        mentions = self.mentions(doc)
        self._screened[doc] = (len(doc), mentions)
        if mentions.actors or mentions.agents:
            return True
        pronouns = self.rules.settings.pronouns
        return any(t.lower_ in pronouns or t.lower_ in COREFERENCE_WORDS or t.lower_ in self.actorless_nouns
                   for t in doc)

    def carry_screening(self, tokenized: Doc, restored: Doc) -> None:
        """A headline parsed in another wording is laid back over its own words in a new Doc (coder.engine.parsing.pipeline.parse_articles):
        the same words, so the mentions the filter found on the tokenized headline hold for it."""
        screened = self._screened.get(tokenized)
        if screened is not None and screened[0] == len(restored):
            self._screened[restored] = screened

    def mentions_of(self, doc: Doc) -> DocMentions:
        """The Doc's mentions: those `could_code` found if it screened this Doc (matching reads only the words, which
        parsing does not change; the length guards against a retokenized Doc), else matched now."""
        screened = self._screened.get(doc)
        if screened is not None and screened[0] == len(doc):
            return screened[1]
        return self.mentions(doc)

    @staticmethod
    def _learn_surnames(found: list, pub_date: date | None, context: ArticleContext) -> None:
        """Headlines use surnames the body introduces ("Khan calls charge unfair" ... "Prime Minister Imran Khan"):
        the surnames of people named in full anywhere in the article are known before the headline is coded."""
        for doc, part, mentions in found:
            if part.skipped:
                continue
            for mention in mentions.actors:
                if mention.rule.kind == "person" and mention.end - mention.start > 1:
                    code = mention.rule.code_on(pub_date)
                    context.learn([doc[mention.end - 1].text],
                                  Actor(code, mention.text(doc), mention.start, mention.end, mention.rule.id, True))

    def code_sentence(self, sent: Span, located: tuple[int, int, int], mentions: DocMentions, pub_date: date | None,
                      context: ArticleContext, trace: list[FrameTrace] | None = None,
                      view: DocView | None = None) -> list[CodedEvent]:
        """`located`: the sentence's index in the article and its character span in the article's full text.
        `view`: the sentence's Doc as a `DocView` (made here if not given; pass it to share it between sentences)."""
        if view is None:
            view = DocView(sent.doc)
        resolver = self.resolver_class(mentions, pub_date, context, view)
        resolver.sentence_start = sent.start
        self._remember(sent, mentions, resolver, context)  # "Uzbekistan ... forced it to halt exports"
        dates = SentenceDates(view, sent, pub_date) if pub_date else None
        if located[0] <= 2 and context.gathering_date is None and dates is not None:
            self._note_gathering_date(view, sent, located[0], dates, context)
        seen: set[tuple[str, str, str]] = set()
        events: list[CodedEvent] = []
        for frame in self.frames.frames(view, sent.start, sent.end, complete=False):
            rule = self.match_rule(frame)
            if rule is None:
                if trace is not None and (frame.kind == "noun" or frame.lemma in self.by_lemma):
                    self.frames.complete(frame)
                    trace.append(FrameTrace(frame, None, [], [], [], "no rule's object/preposition matched"))
                continue
            self.frames.complete(frame)
            self._find_date_phrases(view)
            when = event_date(frame.predicate, dates) if dates is not None else ResolvedDate(pub_date, "publication")
            if when.basis == "vague" and frame.modality == "intended":
                when = ResolvedDate(pub_date, "publication")  # a plan is dated when it is stated ("will visit in May")
            if when.basis == "vague":
                if trace is not None:
                    trace.append(FrameTrace(frame, rule, [], [], [], f"background dated only vaguely ({when.text!r}): "
                                                                     f"not coded"))
                continue
            if when.basis in ("explicit", "relative") and rule.code.startswith(self._incident_codes) \
                    and frame.modality in ("asserted", "reported") and context.incident_date is None:
                context.incident_date = when.day  # "The fighting broke out on Thursday evening" (no actors needed)
            resolver.day = when.day  # people are coded by the office they held on the event date
            sources = self._actors(frame.subjects, resolver, as_target=False)
            if frame.modifiers and rule.symmetric and not sources:
                sources = self._actors(frame.modifiers, resolver, as_target=False)
            if frame.lemma in self._attendance_nouns:
                governed = view.dep[frame.predicate] == "pobj" and view.lower[view.head[frame.predicate]] == "in"
                sources = [a for a in sources if a.is_person] if governed else []
            if frame.modifiers and not sources and rule.code in self.rules.settings.host_codes:
                # "during Abe visit": a person named on a visit noun is the visitor (a place there is the host)
                sources = [a for a in self._actors(frame.modifiers, resolver, as_target=False) if a.is_person]
            if not sources and frame.passive and frame.modality == "reported":
                sources = self._self_reported(frame, rule, resolver)
            if not sources and frame.kind == "noun" and rule.code.startswith(self._unnamed_protest_codes):
                sources = self._unnamed_protesters(frame, resolver)
            if not sources and frame.passive and rule.symmetric:
                sources = self._parties_of_occasion(frame, resolver, context)
            if not sources and rule.symmetric and len(frame.clause_patients) > 1:
                # "two border guards and three armed men were killed in a gunfight": the clash was between them
                sources = self._actors(frame.clause_patients, resolver, as_target=False)
            resolver.clause_subjects = {a.code for a in sources}  # "Japarov welcomed him": him is not Japarov
            targets = self._targets(frame, rule, resolver, sources)
            resolver.clause_subjects = set()
            sources, targets = self._domestic_roles(frame, sources, targets, resolver)
            if not targets and len(sources) == 1 and sources[0].rule_id == "context:protesters":
                protesters = sources[0]  # unnamed protesters protest against their own government
                targets = [Actor(protesters.code[:3] + "GOV", "(government)", -1, -1, "context:government", False)]
            self._note_unknown(frame, sources, targets, sent, mentions)
            new, reason = self._events(frame, rule, sources, targets, sent, located, when.day, when.basis, context)
            fresh = []
            for event in new:
                key = (event.source.code, event.target.code, event.code)
                if key not in seen:
                    seen.add(key)
                    fresh.append(event)
            events.extend(fresh)
            meeting = next((e for e in fresh if e.code.startswith("04")), None)
            if meeting is not None:
                context.last_meeting = (meeting.source, meeting.target)
            if trace is not None:
                trace.append(FrameTrace(frame, rule, sources, targets, fresh, reason))
        context.last_subject = resolver.subject_of(sent.root.i)
        self._remember_resolved(resolver, context)
        return self._drop_vaguer_duplicates(self._apply_supersedes(events))

    def _note_gathering_date(self, view: DocView, sent: Span, index: int, dates: SentenceDates,
                             context: ArticleContext) -> None:
        """A gathering the lead dates ("said at an investors' forum on Monday"), even where no event is coded."""
        for token in range(sent.start, sent.end):
            if view.lemma[token] in self._gathering_nouns:
                self._find_date_phrases(view)
                when = event_date(token, dates)
                if when.basis in ("explicit", "relative") and when.day is not None:
                    context.gathering_date = (index, when.day)
                    return

    def _find_date_phrases(self, view: DocView) -> None:
        """Without NER (the fast path) date phrases are matched on demand, once per Doc (coder.engine.parsing.pipeline.DatePhrases); the
        view then re-reads the entities they added."""
        if self.date_phrases is not None and self.date_phrases.find(view.doc, view.lower, view.text):
            view.reread_entities()

    @staticmethod
    def _drop_vaguer_duplicates(events: list[CodedEvent]) -> list[CodedEvent]:
        """One act found twice in a sentence, once with a bare country and once with that country's body ("Putin
        visited Kyrgyzstan ..., on his first foreign trip": KGZ and the host KGZGOV): keep the more specific."""
        if len(events) < 2:
            return events
        keys = {(e.source.code, e.target.code, e.code) for e in events}

        def vaguer(e: CodedEvent) -> bool:
            return any(code == e.code and (s, t) != (e.source.code, e.target.code)
                       and s.startswith(e.source.code) and t.startswith(e.target.code) for s, t, code in keys)

        return [e for e in events if not vaguer(e)]

    def _apply_supersedes(self, events: list[CodedEvent]) -> list[CodedEvent]:
        """Drop events that a stronger code for the same pair replaces in this sentence (visit over talks)."""
        table = self.rules.settings.supersedes
        if not events or not any(e.code in table for e in events):
            return events
        dropped: set[tuple[frozenset, str]] = set()
        for e in events:
            for code in table.get(e.code, []):
                dropped.add((frozenset((e.source.country, e.target.country)), code))
        return [e for e in events if (frozenset((e.source.country, e.target.country)), e.code) not in dropped]

    # -- rules ----------------------------------------------------------------------------------------------------
    def candidate_rules(self, frame: Frame) -> list[VerbRule]:
        """The rules that may code a frame, most specific first."""
        return self.by_noun.get(frame.lemma, []) if frame.kind == "noun" else self.by_lemma.get(frame.lemma, [])

    def match_rule(self, frame: Frame) -> VerbRule | None:
        candidates = self.candidate_rules(frame)
        things: set[str] | None = None  # lemmas of the objects, direct or prepositional: read once a rule asks
        for rule in candidates:
            if rule.pattern is not None:  # an imported rule language's own condition (VerbRule.pattern)
                self.frames.complete(frame)  # a pattern reads (and re-assigns) the whole frame
                if rule.pattern.apply(frame):
                    return rule
                continue
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

    def _targets(self, frame: Frame, rule: VerbRule, resolver: ActorResolver, sources: list[Actor]) -> list[Actor]:
        if rule.prep:
            actors = self._actors(frame.preps.get(rule.prep, []), resolver)
            if not actors and rule.code in self.rules.settings.host_codes:
                # "flew to Ufa", "arrived in Samarkand": a city is no actor, but its country's government is the host
                places = (self._country_of_place(frame.view, head) for head in frame.preps.get(rule.prep, []))
                country = next(filter(None, places), None)
                if country:
                    return [self._host_actor(country, frame)]
            return actors
        if rule.target:
            slots = rule.target
        else:
            # "signed an agreement" (a thing) vs "accused Kyrgyzstan of ..." (an actor)
            object_is_thing = not self._object_sets[id(rule)].isdisjoint(frame.object_lemmas())
            slots = self._slots_for_things if object_is_thing else self._slots_for_actors
            if rule.code.startswith(self._owner_target_codes):
                # "hailed Kazakhstan's help on Afghanistan": the owner of what is commented on is addressed, not
                # the places and topics hanging on it
                proxies, v = self.rules.settings.proxy_nouns, frame.view
                for obj in frame.objects:
                    if resolver.mentions.actor_at.get(obj) is None and obj not in resolver.mentions.agent_at \
                            and v.lemma[obj] not in proxies:  # "the Afghan and Indian leaderships" are actors
                        owners = resolver.owner_of(obj)
                        if owners:
                            return owners
        preps = frame.preps
        for slot in slots:
            heads = self._slot_heads(frame, slot, rule) if slot in _ROLE_SLOTS else preps.get(slot)
            if not heads and slot == "with" and frame.kind == "verb":
                heads = self.frames.deep_with(frame)
            if not heads:
                continue
            actors = self._actors(heads, resolver)
            if slot == "modifier":  # a modifier that is already the source ("Abe visit") is not also the target
                actors = [a for a in actors if all(a.start != s.start for s in sources)]
            if actors:
                return actors
        if rule.symmetric and frame.clause_partners:
            # "offered condolences to Putin in a telephone call": the call was with the one addressed
            actors = self._actors(frame.clause_partners, resolver)
            if actors:
                return actors
        if rule.code in self.rules.settings.host_codes:
            host = self._host(frame, resolver)
            if host is not None:
                return [host]
        if rule.code == "043" or rule.reverse_code == "043":
            guests = self._gathering_participants(frame, resolver, sources)
            if guests:
                return guests
        if not rule.target:
            # a possessive or adjectival country on the object: "violated Kyrgyzstan's airspace", "shelled a Tajik post"
            for obj in frame.objects:
                actors = [a for a in resolver.resolve(obj, as_target=True) if a.start != obj]
                if actors:
                    return actors
        if rule.code.startswith(self._owner_target_codes) or frame.refused:
            # comments on something of X address X: "praised Kazakhstan's role", "called off the CSTO exercise"
            for obj in frame.objects + frame.preps.get("for", []) + frame.preps.get("over", []):
                actors = resolver.owner_of(obj)
                if actors:
                    return actors
        if rule.code.startswith(self._unaddressed_story_codes) and frame.modality in ("asserted", "reported"):
            # "the EU called for an independent probe": an appeal to nobody named is to the story's government
            country = resolver.context.article_country()
            if country and all(s.country != country for s in sources):
                return [Actor(country + "GOV", "(the story's government)", frame.predicate, frame.predicate + 1,
                              "context:story", False)]
        if rule.code.startswith(self._clause_target_codes) and not frame.objects:
            # "complained that Moscow had sent only deputy ministers": the complaint is about the clause's subject
            v = frame.view
            for clause in v.children_with(frame.predicate, "ccomp"):
                actors = self._actors(v.children_with(clause, "nsubj", "nsubjpass"), resolver)
                if actors:
                    return actors
        return []

    @staticmethod
    def _slot_heads(frame: Frame, slot: str, rule: VerbRule) -> list[int]:
        if slot == "dative":
            return frame.datives
        if slot == "object":
            return frame.objects
        if slot == "modifier":
            return frame.modifiers if not rule.symmetric else []
        if slot == "between":
            # "cooperation between their security services": between the subjects' own bodies, i.e. the subjects
            v = frame.view
            return [h for h in frame.preps.get(slot, [])
                    if not any(v.dep[c] == "poss" and v.lower[c] == "their" for c in v.children[h])]
        return frame.preps.get(slot, [])

    @staticmethod
    def _actors(heads, resolver: ActorResolver, as_target: bool = True) -> list[Actor]:
        out: list[Actor] = []
        codes: set[str] = set()  # the codes in `out`: one actor per code
        for head in heads:
            for actor in resolver.resolve(head, as_target):
                if actor.code not in codes:
                    codes.add(actor.code)
                    out.append(actor)
        return out

    def _events(self, frame: Frame, rule: VerbRule, sources: list[Actor], targets: list[Actor], sent: Span,
                located: tuple[int, int, int], day: date | None, basis: str,
                context: ArticleContext) -> tuple[list[CodedEvent], str]:
        settings = self.rules.settings
        code, modality = rule.code, frame.modality
        if frame.modality == "negated":
            return [], "negated without refusal: no event"
        if frame.modality == "appealed":
            governor = frame.view.text[frame.governor] if frame.governor is not None else ""  # (always set here)
            return [], f"the content of an appeal ('{governor}'): coded as the appeal itself"
        if frame.modality == "threatened":
            threat = longest_prefix(settings.threat_codes, rule.code)
            if threat is None or not targets:
                return [], "the content of a threat without a threat code or target: no event"
            code, modality = threat, "asserted"
        if frame.refused:
            code = longest_prefix(settings.refusal_codes, rule.code) or "120"
            modality = "refused"  # one direction only; stored as asserted
        elif frame.modality == "intended" and not rule.code.startswith("03"):
            if rule.code[:2] >= "10":  # a stated plan of conflict is a threat, if the tables say which
                planned = longest_prefix(settings.threat_codes, rule.code)
                if planned is None or not targets:
                    return [], "intended conflict without a threat code or target: no event"
                code = planned
            else:
                code = longest_prefix(settings.intent_codes, rule.code) or "030"
        elif frame.modality == "hypothetical":
            threat = longest_prefix(settings.threat_codes, rule.code)
            if threat is None or not targets:
                return [], "hypothetical or conditional without a threat at a target: no event"
            code = threat if not rule.code.startswith("13") else rule.code
        if frame.passive and not sources:
            return [], "agentless passive: no event"
        pairs: list[tuple[Actor, Actor, str]] = []
        if not sources and rule.symmetric and len(targets) > 1 and "between" in frame.preps:
            sources, targets = targets, []  # "talks between Kazakhstan and Uzbekistan"
        joint = (rule.symmetric or frame.modality == "intended" or code.startswith(self._joint_codes)) \
            and code not in settings.host_codes  # two visitors do not visit each other
        both_intend = modality == "intended" and (frame.governor is None or frame.view.lemma[frame.governor]
                                                   not in self._one_sided_intent_verbs)
        if not targets and len(sources) > 1 and joint:
            # "the two governments reopened the crossings": a cooperative act of several parties with no other
            # target is between them (conflict is not: "X and Y condemned the attack" has no target)
            pairs = [(a, b, code) for a, b in self._joint_pairs(sources, frame, context)]
        else:
            for source in sources:
                for target in targets:
                    if source.start == target.start or not _distinct(source, target):
                        continue
                    if target.rule_id == "host" and source.country == target.country:
                        continue  # nobody visits their own country
                    pairs.append((source, target, code))
                    if rule.symmetric and (modality in ("asserted", "reported") or both_intend):
                        pairs.append((target, source, code))
                    elif rule.reverse_code and frame.modality == "asserted":
                        pairs.append((target, source, rule.reverse_code))
        if not pairs:
            missing = "source" if not sources else "target"
            return [], f"no {missing} actor found"
        event_text = self._event_text(frame)
        if modality == "refused":
            modality = "asserted"
        events = [
            CodedEvent(sent, *located, s, t, c, rule.id, modality, event_text, day, basis)
            for s, t, c in pairs
        ]
        return events, "coded"

    def _note_unknown(self, frame: Frame, sources: list[Actor], targets: list[Actor], sent: Span,
                      mentions: DocMentions) -> None:
        v, preps = frame.view, frame.preps
        for head in [*frame.subjects, *frame.objects, *[h for p in self._target_preps if p in preps for h in preps[p]]]:
            if v.pos[head] not in ("PROPN", "NOUN") or head in mentions.actor_at:
                continue
            if any(a.start <= head < a.end for a in sources) or any(a.start <= head < a.end for a in targets):
                continue  # part of a phrase that named an actor
            if v.pos[head] == "NOUN" and v.ent_type[head] not in ("ORG", "NORP", "GPE", "PERSON"):
                continue
            if v.pos[head] == "PROPN" and v.ent_type[head] in ("DATE", "TIME", "MONEY", "CARDINAL", "PERCENT"):
                continue
            left_edge = sent.doc[head].left_edge.i
            phrase = " ".join(v.text[t] for t in range(left_edge, head + 1) if v.pos[t] in ("PROPN", "NOUN", "ADJ")
                              and v.dep[t] != "poss")
            if phrase:
                self.unknown[phrase] += 1
                if phrase not in self.unknown_example:
                    self.unknown_example[phrase] = v.span_text(sent.start, sent.end).strip()

    def unknown_actors(self) -> list[tuple[str, int, str]]:
        """(phrase, count, example sentence), most frequent first."""
        return [(p, n, self.unknown_example[p]) for p, n in self.unknown.most_common()]

    def _parties_of_occasion(self, frame: Frame, resolver: ActorResolver, context: ArticleContext) -> list[Actor]:
        """"Five documents were signed after the talks", "the agreement, signed during Tokayev's state visit to
        China": a joint act in the agentless passive, done at a meeting or visit, is the act of its parties — those
        the occasion's own phrase names, else those of the last meeting the article reported."""
        v = frame.view
        settings = self.rules.settings
        for prep in settings.occasion_preps:
            for noun in frame.preps.get(prep, []):
                if v.lemma[noun] not in settings.occasion_nouns and v.lower[noun] not in settings.occasion_nouns:
                    continue
                occasion = self.frames.noun_frame(v, noun)
                hosts = occasion.preps.get("to", []) + occasion.preps.get("with", [])
                parties = self._actors(occasion.subjects, resolver, as_target=False) + self._actors(hosts, resolver)
                parties = [a for i, a in enumerate(parties) if all(_distinct(a, b) for b in parties[:i])]
                if len(parties) >= 2:
                    return parties
                if any(v.lower[t] == "the" for t in v.children[noun]) and context.last_meeting is not None:
                    return list(context.last_meeting)
        return []

    def _unnamed_protesters(self, frame: Frame, resolver: ActorResolver) -> list[Actor]:
        """"Protests erupted in Nukus", "the protests began in Atyrau": protests with no named protesters are the
        civilians of the country where they happen (the place, else the dateline's country), against its
        government, which the target slots then find or `_domestic_roles` supplies."""
        v, token = frame.view, frame.predicate
        if v.tag[token] != "NNS" and v.dep[token] not in ("nsubj", "nsubjpass"):
            return []  # "lodged a protest", "a note of protest": a diplomatic protest, not a demonstration
        country = self._place_country(frame) or resolver.context.dateline_country
        if not country:
            return []
        return [Actor(country + "CVL", v.text[token], token, token + 1, "context:protesters", False)]

    def _self_reported(self, frame: Frame, rule: VerbRule, resolver: ActorResolver) -> list[Actor]:
        """"The Interior Ministry said 3,000 people had been detained": forces reporting their own coercive act
        (an agentless passive under their speech verb) are its agent (the gold sets' convention)."""
        if frame.governor is None or not rule.code.startswith(self._self_reported_codes):
            return []
        speakers = self._actors(frame.view.children_with(frame.governor, "nsubj", "nsubjpass"), resolver,
                                as_target=False)
        return [a for a in speakers if a.sector in self.rules.settings.self_reporting_sectors]

    def _domestic_roles(self, frame: Frame, sources: list[Actor], targets: list[Actor],
                        resolver: ActorResolver) -> tuple[list[Actor], list[Actor]]:
        """A role word with no country of its own takes the country of the other side: "police detained Kazakh
        activists" -> KAZCOP -> KAZCVL."""
        if not sources and len(targets) == 1 and targets[0].country and targets[0].rule_id != "host":
            sources = resolver.roles_of(frame.subjects, targets[0].country)
        elif sources and not targets and len(sources) == 1 and sources[0].country:
            heads = frame.preps.get("by", []) if frame.passive else []
            targets = resolver.roles_of(frame.objects or heads, sources[0].country)
        return sources, targets

    def _joint_pairs(self, actors: list[Actor], frame: Frame, context: ArticleContext) -> list[tuple[Actor, Actor]]:
        """Joint action of several actors: both directions for two; for three or more, the host with each other
        participant (../shared/eval/devcorpus/CONVENTIONS.md, multilateral joint actions)."""
        actors = [a for i, a in enumerate(actors) if all(_distinct(a, b) for b in actors[:i])]
        if len(actors) < 3:
            return [(a, b) for a, b in permutations(actors, 2)]
        host_country = self._place_country(frame) or context.dateline_country
        host = next((a for a in actors if a.country == host_country), actors[0])
        return [pair for other in actors if other is not host for pair in ((host, other), (other, host))]

    def _gathering_participants(self, frame: Frame, resolver: ActorResolver, hosts: list[Actor]) -> list[Actor]:
        """"confronting Imran Khan at a regional conference hosted by Uzbekistan": hosting a gathering hosts those
        the sentence places at it (the subject and object of the clause the gathering hangs on)."""
        v = frame.view
        gatherings = self._gathering_nouns
        host_countries = {h.country for h in hosts}
        for obj in frame.objects:
            if v.lemma[obj] in gatherings and v.dep[obj] == "dobj" and v.dep[frame.predicate] == "pcomp":
                # "Tokayev thanked Trump for hosting the meeting": the thanker was a guest
                governing = v.head[v.head[frame.predicate]]
                guests = self._actors(v.children_with(governing, "nsubj"), resolver, as_target=False)
                return [a for a in guests if a.country not in host_countries]
            if v.lemma[obj] not in gatherings or v.dep[obj] != "pobj":
                continue
            clause = v.head[v.head[obj]]
            if v.pos[clause] not in ("VERB", "AUX"):
                continue
            inner = self.frames.verb_frame(v, clause)
            people = self._actors(inner.subjects + inner.objects, resolver)
            return [a for a in people if a.country not in host_countries]
        return []

    def _host(self, frame: Frame, resolver: ActorResolver) -> Actor | None:
        """The government of the country where the act takes place ("in Astana", else the dateline)."""
        country = self._place_country(frame) or resolver.context.dateline_country
        return self._host_actor(country, frame) if country else None

    @staticmethod
    def _host_actor(country: str, frame: Frame) -> Actor:
        """The host of a visit: the government of `country`, standing at the predicate."""
        return Actor(country + "GOV", "(host)", frame.predicate, frame.predicate + 1, "host", False)

    def place_country(self, place: str | None) -> str | None:
        """Country of a place name from the dictionaries ("ASTANA" -> KAZ, "MARY, Turkmenistan" -> TKM)."""
        if not place:
            return None
        for part in reversed([p.strip() for p in place.split(",")]):
            hit = self.rules.actor_aliases.get(part.lower()) or self.rules.actor_aliases.get(part.title().lower())
            if hit and hit[1].kind in ("country", "group") and hit[1].code:
                return hit[1].code[:3]
            town = self.rules.places.get(alias_key(part))  # "ALMATY, Feb 8 -", "ISTANBUL (Reuters) -"
            if town is not None:
                return town.country
        return None

    def _place_country(self, frame: Frame) -> str | None:
        """The country of a place named with in/at ("signed in Beijing") in the predicate's clause (for an event noun
        that is a clause's subject, "protests began in Atyrau", the clause's)."""
        v = frame.view
        roots = [frame.light_verb if frame.light_verb is not None else frame.predicate]
        if frame.kind == "noun" and v.dep[frame.predicate] in ("nsubj", "nsubjpass"):
            roots.append(v.head[frame.predicate])
        for prep in self.locative:
            heads = [*frame.preps.get(prep, [])] + [t for root in roots for c in v.children[root]
                                                     if v.dep[c] == "prep" and v.lower[c] == prep
                                                     for t in v.children[c]]
            for head in heads:
                country = self._country_of_place(v, head)
                if country:
                    return country
        return self._gathering_place(frame)

    def _gathering_place(self, frame: Frame) -> str | None:
        """"attend a summit of the SCO in Uzbekistan": the place of a gathering the predicate's object names."""
        v = frame.view
        nodes = [o for o in frame.objects if v.lemma[o] in self._gathering_nouns]
        for node in nodes:
            for place in v.prep_objects(node, "in", "at"):
                country = self._country_of_place(v, place)
                if country:
                    return country
            nodes.extend(v.prep_objects(node, "of"))  # the organisation's place: "a summit of the SCO in Uzbekistan"
        return None

    def _country_of_place(self, v: DocView, head: int) -> str | None:
        phrase = [t for t in np_tokens(v, head) if v.dep[t] not in ("det", "punct")]
        for word in [head, *(t for t in phrase if t != head)]:
            # "in Astana", "in the Kazakh capital", "in the Russian city of Kazan"
            rule = self.rules.actor_aliases.get(v.lower[word]) or self.rules.actor_aliases.get(v.text[word])
            if rule and rule[1].kind in ("country", "group"):
                return rule[1].code[:3] if rule[1].code else None
        # "in Istanbul", "in St Petersburg", "in the oil city of Atyrau": a city from the places gazetteer
        runs: list[list[int]] = []
        for token in phrase:
            if v.pos[token] == "PROPN" and runs and runs[-1][-1] == token - 1:
                runs[-1].append(token)
            elif v.pos[token] == "PROPN":
                runs.append([token])
        names = [v.text[head], *(" ".join(v.text[t] for t in run) for run in runs),
                 *(v.text[t] for run in runs for t in run)]
        town = next((self.rules.places[k] for k in map(alias_key, names) if k in self.rules.places), None)
        return town.country if town is not None else None

    @staticmethod
    def _event_text(frame: Frame) -> str:
        text = frame.view.text
        words = [text[frame.light_verb]] if frame.light_verb is not None else []
        words.append(text[frame.predicate])
        words.extend(sorted(frame.particles))
        if frame.objects and frame.kind == "verb":
            words.append(text[frame.objects[0]])
        return " ".join(words)

    def _remember(self, sent: Span, mentions: DocMentions, resolver: ActorResolver, context: ArticleContext) -> None:
        """Actors named in the sentence become antecedents for pronouns and title-only mentions after them."""
        first, end = sent.start, sent.end
        for mention in mentions.actors:
            if not first <= mention.start < end:
                continue
            if mention.rule.kind == "group" and mention.rule.code:
                context.region = mention.rule.code  # "Central Asia" ... later "the region's leaders"
            if mention.form != "adjective":
                actors = resolver.resolve(mention.end - 1)
                if mention.rule.kind == "person" and actors and mention.end - mention.start > 1:
                    # "Sadyr Japarov" ... later "Japarov": a surname the dictionary leaves out because it is shared
                    context.learn([resolver.view.text[mention.end - 1]], actors[0])
            elif mention.rule.country_code:
                context.countries[mention.rule.country_code] += 1  # "Kazakh" still says where the story is
        if context.learned:
            self._remember_learned_names(sent, mentions, resolver, context)
        self._remember_resolved(resolver, context)

    @staticmethod
    def _remember_learned_names(sent: Span, mentions: DocMentions, resolver: ActorResolver,
                                context: ArticleContext) -> None:
        """Names learned earlier ("Japarov" after "President Sadyr Japarov") are antecedents too."""
        v = resolver.view
        for token in range(sent.start, sent.end):
            if v.pos[token] == "PROPN" and v.text[token] in context.learned and token not in mentions.actor_at \
                    and (token + 1 == sent.end or v.pos[token + 1] != "PROPN"):
                for actor in resolver.resolve(token):
                    context.remember(token, actor)

    @staticmethod
    def _remember_resolved(resolver: ActorResolver, context: ArticleContext) -> None:
        if not resolver.resolved:
            return
        by_start = {a.start: a for a in resolver.resolved}  # the last actor resolved at each position
        for start in sorted(by_start):
            context.remember(start, by_start[start])
        resolver.resolved.clear()
