"""The event coder: one per rule set. It runs the coding stages over a parsed article, sentence by sentence:

    frames (coder.engine.frames)  -> match: which rule codes each frame            (coding/match.py)
                                  -> arguments: sources and targets by strategies  (coding/arguments.py)
                                  -> assemble: codes by modality, dyads             (coding/assemble.py)
    then, over the whole article  -> article: dates across sentences               (coding/article.py)

and keeps the article's memory of who was named (coding/memory.py). The fast path's filter is coding/screen.py."""

from __future__ import annotations

from datetime import date

from mypy_extensions import mypyc_attr
from spacy.language import Language
from spacy.tokens import Doc, Span

from coder.engine.actors.context import ArticleContext
from coder.engine.actors.resolver import ActorResolver
from coder.engine.coding.arguments import ArgumentFinder
from coder.engine.coding.article import ArticleDating, learn_surnames
from coder.engine.coding.assemble import EventAssembler, drop_vaguer_duplicates, supersede
from coder.engine.coding.constructions import ConstructionMatcher
from coder.engine.coding.events import CodedEvent, FrameTrace, Located
from coder.engine.coding.match import RuleMatcher
from coder.engine.coding.memory import remember_named, remember_resolved
from coder.engine.coding.places import Places
from coder.engine.coding.screen import Screen
from coder.engine.coding.unknown import UnknownActors
from coder.engine.dates import DateWindow, DayAnaphors, ResolvedDate, SentenceDates, event_date, present_perfect
from coder.engine.docview import DocView
from coder.engine.frames.builder import FrameBuilder
from coder.engine.frames.frame import Frame
from coder.engine.lexicon import lexicon_of
from coder.engine.mentions import DocMentions
from coder.engine.parsing.date_phrases import DatePhrases
from coder.engine.parsing.segments import Segment
from coder.rules.model import RuleSet, VerbRule


def rule_lemmas(rules: RuleSet) -> tuple[set[str], set[str]]:
    """The event nouns and the verb lemmas some rule names."""
    return ({noun for rule in rules.verbs for noun in rule.nouns},
            {lemma for rule in rules.verbs for lemma in rule.lemmas})


@mypyc_attr(allow_interpreted_subclasses=True)  # coder.engine.petrarch.coder.PetrarchCoder
class EventCoder:
    def __init__(self, rules: RuleSet, nlp: Language, resolver_class: type[ActorResolver] = ActorResolver):
        self.rules = rules
        # imported rule languages resolve actors their own way (an instance attribute, not a class one: in the
        # compiled engine a subclass's class attribute would not override it)
        self.resolver_class = resolver_class
        self.lexicon = lexicon_of(rules.lexicon)
        lexicon = self.lexicon
        anaphors = [*lexicon.same_day_phrases, *lexicon.next_day_phrases, *lexicon.previous_day_phrases]
        # the fast path has no NER
        self.date_phrases = DatePhrases(nlp, anaphors) if "ner" not in nlp.pipe_names else None
        self.day_anaphors = DayAnaphors.of(list(lexicon.same_day_phrases), list(lexicon.next_day_phrases),
                                           list(lexicon.previous_day_phrases), lexicon.count_words,
                                           lexicon.day_units, lexicon.interval_words)
        self.future_auxiliaries = frozenset(rules.settings.intent_auxiliaries)
        self._incident_codes = tuple(rules.settings.incident_codes)
        self.frames = self.make_frames()
        self.matcher = self.make_matcher()
        self.constructions = ConstructionMatcher(rules, self.frames)
        self.screen = Screen(rules, nlp, self.matcher.by_lemma, self.matcher.by_noun, self.lexicon.coreference_words)
        self.mentions = self.screen.mentions
        self.places = Places(rules)
        self.arguments = ArgumentFinder(rules, self.frames, self.matcher, self.places)
        self.assembler = self.make_assembler()
        self.dating = ArticleDating(rules.settings)
        self.unknown_log = UnknownActors(rules.settings.target_preps)
        self.unknown = self.unknown_log.counts  # the jobs layer merges workers' counts into these
        self.unknown_example = self.unknown_log.examples
        self._answered_codes = tuple({c for answered in rules.settings.answered_codes.values() for c in answered})
        self.date_window = DateWindow(rules.settings.earliest_event_date, rules.settings.event_days_after_publication)

    # -- the stages an imported rule language may replace ---------------------------------------------------------
    def make_frames(self) -> FrameBuilder:
        nouns, lemmas = rule_lemmas(self.rules)
        frames = FrameBuilder(self.rules.settings, nouns, lemmas, self.lexicon)
        frames.incident_nouns = frozenset(noun.lower() for rule in self.rules.verbs
                                          if rule.code.startswith(self._incident_codes) for noun in rule.nouns)
        return frames

    def make_matcher(self) -> RuleMatcher:
        return RuleMatcher(self.rules)

    def make_assembler(self) -> EventAssembler:
        return EventAssembler(self.rules.settings, self.places)

    # -- the fast path's filter -----------------------------------------------------------------------------------
    def could_code(self, doc: Doc) -> bool:
        return self.screen.could_code(doc)

    def carry_screening(self, tokenized: Doc, restored: Doc) -> None:
        self.screen.carry_over(tokenized, restored)

    def mentions_of(self, doc: Doc) -> DocMentions:
        return self.screen.mentions_of(doc)

    def headline_words(self, doc: Doc) -> list[str] | None:
        return self.screen.headline_words(doc)

    def place_country(self, place: str | None) -> str | None:
        return self.places.place_country(place)

    def unknown_actors(self) -> list[tuple[str, int, str]]:
        """(phrase, count, example sentence), most frequent first."""
        return self.unknown_log.entries()

    # -- articles -------------------------------------------------------------------------------------------------
    def code_article(self, parts: list[tuple[Doc, Segment]], pub_date: date | None,
                     trace: list[FrameTrace] | None = None, dateline: str | None = None) -> list[CodedEvent]:
        """Code one article given as parsed segments (headline, paragraphs), in order, sharing context."""
        # (names shared in time, "President Bush", are resolved by the article's date)
        found = [(doc, part, self.screen.mentions_of(doc).on(pub_date)) for doc, part in parts]
        if any(rule.scope == "article" for _, _, m in found for _, _, rule in m.discards):
            return []
        context = ArticleContext(self.rules.settings, dateline_country=self.places.place_country(dateline),
                                 lexicon=self.lexicon, place_country=self.places.country_of_place)
        learn_surnames(found, pub_date, context)
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
        return self.dating.date_events(events, context)

    def code_sentence(self, sent: Span, located: Located, mentions: DocMentions, pub_date: date | None,
                      context: ArticleContext, trace: list[FrameTrace] | None = None,
                      view: DocView | None = None) -> list[CodedEvent]:
        """`located`: the sentence's index in the article and its character span in the article's full text.
        `view`: the sentence's Doc as a `DocView` (made here if not given; pass it to share it between sentences)."""
        if view is None:
            view = DocView(sent.doc)
        resolver = self.resolver_class(mentions, pub_date, context, view)
        resolver.sentence_start = sent.start
        remember_named(sent, mentions, resolver, context)  # "Uzbekistan ... forced it to halt exports"
        dates = SentenceDates(view, sent, pub_date, self.date_window, self.day_anaphors, context.last_day,
                              self.future_auxiliaries) if pub_date else None
        if located[0] <= 2 and context.gathering_date is None and dates is not None:
            self.dating.note_gathering(view, sent, located[0], dates, context, self.find_date_phrases)
        seen: set[tuple[str, str, str]] = set()
        events: list[CodedEvent] = []
        for frame, rule in self._frames(view, sent):
            events.extend(self._code_frame(frame, rule, sent, located, mentions, dates, pub_date, context, resolver,
                                           trace, seen))
        if dates is not None:
            self.dating.note_sentence(view, sent, located[0], dates, context, self.find_date_phrases)
        context.last_subject = resolver.subject_of(sent.root.i)
        remember_resolved(resolver, context)
        return drop_vaguer_duplicates(supersede(events, self.rules.settings.supersedes))

    def _frames(self, view: DocView, sent: Span) -> list[tuple[Frame, VerbRule | None]]:
        """The sentence's frames in order of their predicates: the constructions that match (with the rule that codes
        each, None when it is read as another predicate) and the other predicates' frames, but those of tokens a
        construction claims."""
        constructions = self.constructions.matches(view, sent.start, sent.end)
        frames = self.frames.frames(view, sent.start, sent.end, complete=False)
        if not constructions:
            return [(frame, None) for frame in frames]
        claimed = {token for match in constructions for token in match.claimed}
        found: list[tuple[Frame, VerbRule | None]] = [(m.frame, m.verb_rule) for m in constructions]
        found += [(frame, None) for frame in frames if frame.predicate not in claimed]
        return sorted(found, key=lambda pair: pair[0].predicate)  # stable: a construction before a frame at its token

    def _code_frame(self, frame: Frame, given: VerbRule | None, sent: Span, located: Located, mentions: DocMentions,
                    dates: SentenceDates | None, pub_date: date | None, context: ArticleContext,
                    resolver: ActorResolver, trace: list[FrameTrace] | None,
                    seen: set[tuple[str, str, str]]) -> list[CodedEvent]:
        """The events of one frame not yet coded in the sentence (`seen`), through the match (unless a construction
        gave the rule), arguments and assemble stages."""
        rule = given if given is not None else self.matcher.match(frame)
        if rule is None:
            if trace is not None and self.matcher.has_rules_for(frame):
                self.frames.complete(frame)
                trace.append(FrameTrace(frame, None, [], [], [], "no rule's object/preposition matched"))
            return []
        self.frames.complete(frame)
        when = self._date_of(frame, resolver.view, dates, pub_date)
        if when.basis == "vague":
            if trace is not None:
                trace.append(FrameTrace(frame, rule, [], [], [], f"background dated only vaguely ({when.text!r}): "
                                                                 f"not coded"))
            return []
        if when.basis in ("explicit", "relative") and rule.code.startswith(self._incident_codes) \
                and frame.modality in ("asserted", "reported") and context.incident_date is None:
            context.incident_date = when.day  # "The fighting broke out on Thursday evening" (no actors needed)
        resolver.day = when.day  # people are coded by the office they held on the event date
        sources, targets = self.arguments.parties(frame, rule, resolver)
        self.unknown_log.note(frame, sources, targets, sent, mentions)
        new, reason = self.assembler.assemble(frame, rule, sources, targets, sent, located, when.day, when.basis,
                                              context)
        fresh = []
        for event in new:
            key = (event.source.code, event.target.code, event.code)
            if key not in seen:
                seen.add(key)
                fresh.append(event)
        if fresh and when.basis == "publication" and located[0] <= 3 \
                and present_perfect(resolver.view, frame.predicate):
            # "Kyrgyzstan has scrapped a pact ...": news the next sentence may date (coding/article.py, date_lede)
            context.perfect_acts.update((located[0], e.source.code, e.target.code, e.code) for e in fresh)
        clash = next((e for e in fresh if e.code.startswith(self._incident_codes) and e.modality in ("asserted", "reported")
                      and e.source.country != e.target.country
                      and "context:opponent" not in (e.source.rule_id, e.target.rule_id)), None)
        if clash is not None:
            context.last_clash = (clash.source, clash.target)  # "... had returned fire": the other side of it
            context.last_clash_at = context.base + frame.predicate
        if self._answered_codes:  # "Bishkek accused Dushanbe ...": what a later denial answers (targets.accuser)
            context.charges.extend((context.base + frame.predicate, e.code, e.source, e.target) for e in fresh
                                   if e.code.startswith(self._answered_codes)
                                   and e.modality in ("asserted", "reported", "intended")  # (offers are intents)
                                   and e.source.code != e.target.code)
        meeting = next((e for e in fresh if e.code.startswith("04")), None)
        if meeting is not None:
            context.last_meeting = (meeting.source, meeting.target)
            context.last_meeting_at = context.base + frame.predicate
        if trace is not None:
            trace.append(FrameTrace(frame, rule, sources, targets, fresh, reason))
        return fresh

    def _date_of(self, frame: Frame, view: DocView, dates: SentenceDates | None,
                 pub_date: date | None) -> ResolvedDate:
        """The frame's event date. A plan (intent, 03x) is dated when it is stated, never by its planned date ("said
        on Monday it will sign the treaty on Friday" is Monday's; "will visit in May" the publication's)."""
        self.find_date_phrases(view)
        if dates is None:
            return ResolvedDate(pub_date, "publication")
        if frame.modality == "intended":
            when = event_date(frame.governor, dates, attached_only=True) if frame.governor is not None else None
            if when is None or when.basis not in ("explicit", "relative"):
                return ResolvedDate(pub_date, "publication")
            return when
        return event_date(frame.predicate, dates)

    def find_date_phrases(self, view: DocView) -> None:
        """Without NER (the fast path) date phrases are matched on demand, once per Doc
        (coder.engine.parsing.date_phrases); the view then re-reads the entities they added."""
        if self.date_phrases is not None and self.date_phrases.find(view.doc, view.lower, view.text):
            view.reread_entities()
