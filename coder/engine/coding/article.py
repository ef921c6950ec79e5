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
from coder.engine.dates import SentenceDates, event_date, present_perfect
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


def _sentence_words(sent: Span, cache: dict[tuple[int, int], set[str]]) -> set[str]:
    """The sentence's lemmas and lower-cased words ("talks" whether the model lemmatised it "talk" or not)."""
    key = (id(sent.doc), sent.start)
    words = cache.get(key)
    if words is None:
        words = cache[key] = set(span_lemmas(sent)) | {token.lower_ for token in sent}
    return words


class ArticleDating:
    def __init__(self, settings: EngineSettings):
        self.incident_codes = tuple(settings.incident_codes)
        self.gathering_nouns = frozenset(settings.gathering_nouns)
        self.occasion_nouns = self.gathering_nouns | frozenset(settings.occasion_nouns)

    def date_events(self, events: list[CodedEvent], context: ArticleContext) -> list[CodedEvent]:
        """All the article-level datings, in order: the lede, incidents, gatherings, the headline."""
        events = date_lede(events, context)
        events = self.date_incident(events, context.incident_date)
        lede = context.lede_index
        lede_day = (lede, context.news_days[lede]) if lede is not None and lede in context.news_days else None
        return date_lead(self.date_gatherings(events, context.gathering_date, lede_day), context)

    def note_sentence(self, view: DocView, sent: Span, index: int, dates: SentenceDates, context: ArticleContext,
                      find_dates: Callable[[DocView], None]) -> None:
        """After a sentence is coded: the last day it named (which "later that day" in the next counts from), which
        sentence is the lede (the first of the body with a verb for its root, none before it unparsed), and the day
        the lede and the two sentences after it give their news (`SentenceDates.news_day`)."""
        find_dates(view)
        dates.resolved()
        context.last_day = dates.last_day
        if index == 0:
            # a headline ends without a full stop; an article without one starts with its lede
            context.has_headline = not sent.text.rstrip().rstrip("\"'”’»").endswith((".", "!", "?"))
            if context.has_headline:
                return
        seen, context.body_seen = context.body_seen, context.body_seen + 1
        if context.lede_index is None:
            first = 1 if context.has_headline else 0
            if index > 2 or seen < index - first or view.pos[sent.root.i] not in ("VERB", "AUX"):
                return
            context.lede_index = index
        if index == context.lede_index:
            context.lede_perfect = present_perfect(view, sent.root.i)
        if index - context.lede_index <= 2:
            day = dates.news_day()
            if day is not None and (dates.pub - day).days <= LEDE_NEWS_DAYS:
                context.news_days[index] = day

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

    def date_gatherings(self, events: list[CodedEvent], gathering: tuple[int, date] | None,
                        lede: tuple[int, date] | None = None) -> list[CodedEvent]:
        """A story about a gathering or visit dated in its lead ("renamed itself at a summit in Istanbul on Friday",
        "welcomed Nazarbayev to the White House on Tuesday", "said at an investors' forum on Monday" even with no
        event coded there) reports the occasion's meetings and acts later without a date ("Tokayev and Aliyev also
        attended", "During the talks, he invited ...", "On the first day of the forum, ... signed"): meetings, visits
        and acts in sentences naming the occasion take the lead's date, with basis `article`. A lede that names no
        gathering but gives its news a day (`lede`: "Karimov warned on Friday ...") dates the acts of later sentences
        naming an occasion ("... told reporters after talks with his Kazakh counterpart", "who was on a visit to
        Kazakhstan"), but no plan ("will attend next week's summit") and no meeting elsewhere ("discussed the
        situation by telephone")."""
        lemmas: dict[tuple[int, int], set[str]] = {}  # a sentence's lemmas, read once for all its events
        lead = next(((e.sentence_index, e.event_date) for e in events if e.sentence_index <= 2
                     and e.date_basis in ("explicit", "relative")
                     and (e.code[:3] in ("042", "043")
                          or not self.gathering_nouns.isdisjoint(_sentence_lemmas(e.sentence, lemmas)))), None)
        # "..., Dombrovskis said at an investors' forum on Monday": a dated gathering in the lead, with no event
        lead = lead or gathering
        occasions = self.occasion_nouns
        if lead is None:
            if lede is None:
                return events
            words: dict[tuple[int, int], set[str]] = {}
            return [replace(e, event_date=lede[1], date_basis="article")
                    if e.date_basis == "publication" and e.sentence_index > lede[0]
                    and e.modality in ("asserted", "reported")
                    and not occasions.isdisjoint(_sentence_words(e.sentence, words)) else e
                    for e in events]
        index, day = lead
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


# A lede's present perfect is news of the last days: the day a later sentence gives it lies at most this far back.
LEDE_NEWS_DAYS = 7


def date_lede(events: list[CodedEvent], context: ArticleContext) -> list[CodedEvent]:
    """A wire lede gives its news undated in the present perfect, and the next sentence says when ("Kyrgyzstan has
    scrapped a 22-year-old agreement with the United States ..." / "Prime Minister Sariyev signed a decree on Tuesday
    terminating the agreement"; "Turkmenistan has accused Gazprom ..." / "In a statement issued on Thursday, ..."):
    the lede's undated present-perfect events take the first day one of the next two sentences gives its own news
    (at most `LEDE_NEWS_DAYS` before publication), with basis `article`. A lede in the simple past stays undated: its
    act need not be the one the next sentence dates ("exchanged instruments of ratification during the visit" /
    "Mirziyoyev arrived on Thursday")."""
    lede = context.lede_index
    if lede is None or not (context.perfect_acts or context.lede_perfect):
        return events
    day = next((context.news_days[i] for i in (lede + 1, lede + 2) if i in context.news_days), None)
    if day is None:
        return events
    if context.lede_perfect and lede not in context.news_days:
        context.news_days[lede] = day  # the headline's date (date_lead)
    return [replace(e, event_date=day, date_basis="article")
            if e.date_basis == "publication" and e.sentence_index == lede
            and (e.sentence_index, e.source.code, e.target.code, e.code) in context.perfect_acts else e
            for e in events]


def date_lead(events: list[CodedEvent], context: ArticleContext | None = None) -> list[CodedEvent]:
    """A headline states the lede's news without its date ("Kyrgyzstan, Tajikistan sign protocol" / "... have signed a
    protocol" / "... the document was signed on Monday"). A headline event with no date of its own takes the date of
    the same act in the lede (the same countries and root; the body may name the parties more precisely: KGZ in the
    headline, KGZCOP in the body), whatever it is; else the day the lede gives its news ("Karimov slams dam plans" /
    "Karimov warned on Friday ..."); else the date of the first body event dated for the same act. Only the headline
    is redated so: a body that dates the same kind of act as the lede is often telling of earlier ones ("Police
    detained hundreds ..." / "... detained on Tuesday")."""
    lede = context.lede_index if context is not None and context.has_headline else None
    lede_day = context.news_days.get(lede) if context is not None and lede is not None else None
    in_lede = {_act(e): e.event_date for e in events if lede is not None and e.sentence_index == lede}
    dated = [(e.sentence_index, _act(e), e.event_date) for e in events if e.date_basis in ("explicit", "relative")]
    out = []
    for event in events:
        if event.sentence_index == 0 and event.date_basis == "publication":
            act = _act(event)
            if act in in_lede:
                day = in_lede[act]
            elif lede_day is not None:
                day = lede_day
            else:
                day = next((d for index, a, d in dated if index > event.sentence_index and a == act), None)
            if day is not None and day != event.event_date:
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
