"""Stage 4, article: what a story says across its sentences. Events a sentence leaves undated take the date the article
gives the same incident, gathering or act elsewhere (basis `article`), and the surnames of people named in full
anywhere are known before the headline is coded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span

from coder.engine.actors.actor import Actor
from coder.engine.actors.context import ArticleContext
from coder.engine.coding.events import CodedEvent
from coder.engine.dates import SentenceDates, event_date
from coder.engine.docview import DocView, span_lemmas
from coder.engine.mentions import DocMentions
from coder.engine.parsing.segments import Segment
from coder.rules.model import EngineSettings

Parsed = list[tuple[Doc, Segment, DocMentions]]  # an article's parsed segments with their mentions, in order


def _sentence_lemmas(sent: Span, cache: dict[tuple[int, int], set[str]]) -> set[str]:
    """The sentence's lemmas, lower-cased; `cache` keeps them per sentence for a pass over many events."""
    key = (id(sent.doc), sent.start)  # the events hold their Docs, so an id is not reused during the pass
    lemmas = cache.get(key)
    if lemmas is None:
        lemmas = cache[key] = set(span_lemmas(sent))
    return lemmas


class ArticleDating:
    def __init__(self, settings: EngineSettings):
        self.incident_codes = tuple(settings.incident_codes)
        self.gathering_nouns = frozenset(settings.gathering_nouns)
        self.occasion_nouns = self.gathering_nouns | frozenset(settings.occasion_nouns)

    def date_events(self, events: list[CodedEvent], context: ArticleContext) -> list[CodedEvent]:
        """All three article-level datings, in order: incidents, gatherings, the headline and lede."""
        events = self.date_incident(events, context.incident_date)
        return date_lead(self.date_gatherings(events, context.gathering_date))

    def date_incident(self, events: list[CodedEvent], day: date | None) -> list[CodedEvent]:
        """A story about a violent incident dates it once ("The fighting broke out on Thursday evening", "when they
        ... attacked a border post on Wednesday") and reports its parts elsewhere without a date ("two border guards
        and three armed men were killed in a gunfight"): undated violence takes the first date given to violence
        in the article, with basis `article`."""
        if day is None:
            return events
        return [replace(e, event_date=day, date_basis="article")
                if e.date_basis == "publication" and e.code.startswith(self.incident_codes)
                and e.modality in ("asserted", "reported")
                else e
                for e in events]

    def date_gatherings(self, events: list[CodedEvent], gathering: tuple[int, date] | None) -> list[CodedEvent]:
        """A story about a gathering or visit dated in its lead ("renamed itself at a summit in Istanbul on Friday",
        "welcomed Nazarbayev to the White House on Tuesday", "said at an investors' forum on Monday" even with no
        event coded there) reports the occasion's meetings and acts later without a date ("Tokayev and Aliyev also
        attended", "During the talks, he invited ...", "On the first day of the forum, ... signed"): meetings, visits
        and acts in sentences naming the occasion take the lead's date, with basis `article`."""
        lemmas: dict[tuple[int, int], set[str]] = {}  # a sentence's lemmas, read once for all its events
        lead = next(((e.sentence_index, e.event_date) for e in events if e.sentence_index <= 2
                     and e.date_basis in ("explicit", "relative")
                     and (e.code[:3] in ("042", "043")
                          or not self.gathering_nouns.isdisjoint(_sentence_lemmas(e.sentence, lemmas)))), None)
        # "..., Dombrovskis said at an investors' forum on Monday": a dated gathering in the lead, with no event
        lead = lead or gathering
        if lead is None:
            return events
        index, day = lead
        occasions = self.occasion_nouns
        return [replace(e, event_date=day, date_basis="article")
                if e.date_basis == "publication" and e.sentence_index > index
                and (e.code[:2] == "04" or not occasions.isdisjoint(_sentence_lemmas(e.sentence, lemmas))) else e
                for e in events]

    def note_gathering(self, view: DocView, sent: Span, index: int, dates: SentenceDates, context: ArticleContext,
                       find_dates: Callable[[DocView], None]) -> None:
        """A gathering the lead dates ("said at an investors' forum on Monday"), even where no event is coded.
        `find_dates(view)` makes sure the Doc's date phrases were found (the fast path finds them on demand)."""
        for token in range(sent.start, sent.end):
            if view.lemma[token] in self.gathering_nouns:
                find_dates(view)
                when = event_date(token, dates)
                if when.basis in ("explicit", "relative") and when.day is not None:
                    context.gathering_date = (index, when.day)
                    return


def date_lead(events: list[CodedEvent]) -> list[CodedEvent]:
    """A headline states the body's news without its date ("Kyrgyzstan, Tajikistan sign protocol" / "... the document
    was signed on Monday"): a headline event with no date of its own takes the date of the first body event dated for
    the same act (the same countries and root; the body may name the parties more precisely: KGZ in the headline,
    KGZCOP in the body). A lede is not redated so: its act is the latest, and a body that dates the same kind of act
    is often telling of earlier ones ("Police detained hundreds ..." / "... detained on Tuesday")."""
    dated = [(e.sentence_index, _act(e), e.event_date) for e in events if e.date_basis in ("explicit", "relative")]
    out = []
    for event in events:
        if event.sentence_index == 0 and event.date_basis == "publication":
            act = _act(event)
            day = next((d for index, a, d in dated if index > event.sentence_index and a == act), None)
            if day is not None:
                event = replace(event, event_date=day, date_basis="article")
        out.append(event)
    return out


def _act(event: CodedEvent) -> tuple[str | None, str | None, str]:
    """The countries and CAMEO root: a headline names the act more loosely than the body ("blames" 112 / "accused
    ... of causing an explosion" 1123)."""
    return event.source.country, event.target.country, event.code[:2]


def learn_surnames(found: Parsed, pub_date: date | None, context: ArticleContext) -> None:
    """Headlines use surnames the body introduces ("Khan calls charge unfair" ... "Prime Minister Imran Khan"): the
    surnames of people named in full anywhere in the article are known before the headline is coded."""
    for doc, part, mentions in found:
        if part.skipped:
            continue
        for mention in mentions.actors:
            if mention.rule.kind == "person" and mention.end - mention.start > 1:
                code = mention.rule.code_on(pub_date)
                context.learn([doc[mention.end - 1].text],
                              Actor(code, mention.text(doc), mention.start, mention.end, mention.rule.id, True))
