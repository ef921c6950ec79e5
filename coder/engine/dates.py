"""Event dates: resolve the date words of a sentence ("on Tuesday", "on March 13", "yesterday", "last week") against
the publication date, following ../shared/CODING-CONVENTIONS.md ("Dates").

- A weekday is the most recent such day on or before the publication date ("on Friday" in a Friday paper is that day).
- A day and month without a year is in the publication year, or the year before if that would lie in the future.
- Anything else dateparser reads is resolved relative to the publication date, preferring the past.
- Month-only, season or year-only references do not give a day: the publication date stands.
- A weekday or a day and month in a future-tense clause ("will meet on Friday", "talks will open on March 13") is the
  next such day on or after the publication date (`SentenceDates.future_auxiliaries`).
- A phrase that names a day by reference to the story ("later that day", "the same day", "the next day", "the day
  before": `DayAnaphors`, from the `lexicon:` lists `same_day_phrases`, `next_day_phrases`, `previous_day_phrases`)
  counts from the last day the article named before it (an earlier phrase of the sentence, or the day its earlier
  sentences last named), else from the publication date.
- A possessive date ("Sunday's attack", "Friday's violence") dates its noun only, never the clause around it.
- A clause counted from another ("came five days after Washington reimposed sanctions", "two days later, ...": the
  lexicon's `count_words`, `day_units` and `interval_words`) lies that many days from its anchor.
- A day outside the plausible window (`DateWindow`: by default 1900-01-01 to a year after publication; the engine
  settings `earliest_event_date` and `event_days_after_publication` move it) is not believed ("March 13, 1066", a
  misread number): the publication date stands, with basis `implausible`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser
from spacy.tokens import Span

from coder.engine.day_anaphors import DayAnaphors, clean_phrase
from coder.engine.docview import DocView
from coder.engine.labels import DateBasis

DATE_LABELS = ("DATE", "TIME")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_HAS_DAY = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b")
_YEAR_ONLY = re.compile(r"^(in |since |by |during |early |late |mid-?)*\d{4}s?$")
_VAGUE = re.compile(r"\b(month|months|year|years|season|spring|summer|autumn|fall|winter|decade|weeks|recent|past "
                    r"few|century|centuries)\b")
_DURATION = re.compile(r"^(the |a |an )?(next |coming |following |past |first |last )?(\d+|a|an|one|two|three|four|five|"
                       r"six|seven|eight|nine|ten|several|few|couple of)[ -](day|days|week|weeks|month|months|year|"
                       r"years|hour|hours|decade|decades)( long)?$")
# "the worst clash in years", "the first visit in more than a decade": a span compared over, not when the act was
_COMPARED_SPAN = re.compile(r"^in (more than |over |nearly |almost |at least )?(a |an |\d+ |two |three |four |five |"
                            r"several |many )?(years|decades|decade|months|weeks|generation|generations)$")
_MONTH_ONLY = re.compile(r"^(in |since |by |during |early |late |mid-?|last |this |next )*(january|february|march|april|"
                         r"may|june|july|august|september|october|november|december)( \d{4})?$")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH_DAY = re.compile(rf"^(?P<month>{'|'.join(_MONTHS)}) (?P<day>\d{{1,2}})(?:,? (?P<year>\d{{4}}))?$")
_DAY_MONTH = re.compile(rf"^(?P<day>\d{{1,2}}) (?P<month>{'|'.join(_MONTHS)})(?: (?P<year>\d{{4}}))?$")
_RELATIVE_WORDS = re.compile(r"\b(yesterday|today|tonight|last|earlier|ago|previous|same day|day before|this)\b")


# Not frozen=True: a frozen dataclass sets each field through object.__setattr__, about four times slower to
# build, and the engine builds these for every sentence. Treat instances as immutable (they stay hashable).
@dataclass(slots=True, unsafe_hash=True)
class ResolvedDate:
    day: date | None
    basis: DateBasis  # vague: names no day ("last month", "in 2017")
    text: str = ""


@dataclass(frozen=True, slots=True)
class DateWindow:
    """The event dates the engine believes: from `earliest` to `days_after` days after the publication date."""

    earliest: date = date(1900, 1, 1)
    days_after: int = 366

    def judged(self, resolved: ResolvedDate, pub: date) -> ResolvedDate:
        """`resolved`, or the publication date with basis `implausible` when its day lies outside the window."""
        day = resolved.day
        if resolved.basis not in ("explicit", "relative") or day is None:
            return resolved
        if self.earliest <= day and (day - pub).days <= self.days_after:
            return resolved
        return ResolvedDate(pub, "implausible", resolved.text)


@lru_cache(maxsize=4096)
def resolve_date_text(text: str, pub: date, forward: bool = False) -> ResolvedDate | None:
    """One date expression -> a day, or None when it names no single day (months, years, seasons). `forward`: the
    phrase is in a future-tense clause, so a weekday or a day and month without a year is the next such day on or
    after the publication date."""
    phrase = clean_phrase(text)
    if not phrase or _DURATION.match(phrase) or _COMPARED_SPAN.match(phrase):
        return None
    if _YEAR_ONLY.match(phrase) or _MONTH_ONLY.match(phrase) or (_VAGUE.search(phrase) and "last week" not in phrase):
        return ResolvedDate(pub, "vague", text)
    for index, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", phrase):
            if forward and not re.search(r"\b(last|past|previous)\b", phrase):
                return ResolvedDate(pub + timedelta(days=(index - pub.weekday()) % 7), "relative", text)
            back = (pub.weekday() - index) % 7
            return ResolvedDate(pub - timedelta(days=back), "relative", text)
    if phrase in ("yesterday", "last night"):
        return ResolvedDate(pub - timedelta(days=1), "relative", text)
    if phrase in ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today",
                  "the same day", "same day", "later that day", "later in the day"):
        return ResolvedDate(pub, "relative", text)
    if phrase == "last week":
        return ResolvedDate(pub - timedelta(days=7), "relative", text)
    if not _HAS_DAY.search(phrase):
        return None  # "three decades", "the past few days": durations and spans, not a day
    day = calendar_day(phrase, pub)
    if day is None:
        base = datetime(pub.year, pub.month, pub.day, 12, 0)
        parsed = dateparser.parse(phrase, languages=["en"],
                                  settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                                            "REQUIRE_PARTS": ["day", "month"], "RETURN_AS_TIMEZONE_AWARE": False})
        if parsed is None:
            return None
        day = parsed.date()
    explicit_year = re.search(r"\b\d{4}\b", phrase) is not None
    if not explicit_year and day > pub and not forward:
        day = day.replace(year=day.year - 1)
    elif not explicit_year and forward and day < pub:
        day = _safe_year(day, day.year + 1) or day
    if _RELATIVE_WORDS.search(phrase) or not _HAS_DAY.search(phrase):
        return ResolvedDate(day, "relative", text)
    return ResolvedDate(day, "explicit", text)


def _safe_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:
        return None  # February 29


def calendar_day(phrase: str, pub: date) -> date | None:
    """The commonest date phrases, "march 13", "13 march", "march 13, 2024", "13 march 2024" (cleaned, lower case),
    read without dateparser, which costs about a millisecond a phrase: the day dateparser gives for them with the
    settings above (tests/test_dates.py checks that they agree). A phrase without a year is the latest such day on or
    before the publication date. None for any other phrase, and for February 29 without a year (leap years)."""
    match = _MONTH_DAY.match(phrase) or _DAY_MONTH.match(phrase)
    if match is None:
        return None
    month, day = _MONTHS.index(match["month"]) + 1, int(match["day"])
    if match["year"]:
        year = int(match["year"])
        if not 1900 <= year <= 2099:
            return None
    elif (month, day) == (2, 29):
        return None
    else:
        year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
    try:
        return date(year, month, day)
    except ValueError:
        return None  # "february 30": no such day (dateparser agrees)


def date_entities(sent: Span) -> list[Span]:
    return [ent for ent in sent.ents if ent.label_ in DATE_LABELS]


class SentenceDates:
    """The date phrases of one sentence, resolved against the publication date when first asked for and then shared
    by the sentence's predicates. `reference`: the last day the article named before the sentence, which a phrase
    such as "later that day" counts from (`anaphors`); `future_auxiliaries`: the auxiliaries of a future-tense
    clause ("will"), whose weekdays and days of a month lie ahead."""

    def __init__(self, view: DocView, sent: Span, pub: date, window: DateWindow | None = None,
                 anaphors: DayAnaphors | None = None, reference: date | None = None,
                 future_auxiliaries: frozenset[str] = frozenset()):
        self.view = view
        self.sent = sent
        self.pub = pub
        self.window = window if window is not None else DateWindow()
        self.anaphors = anaphors if anaphors is not None else DayAnaphors()
        self.reference = reference
        self.future_auxiliaries = future_auxiliaries
        self.count = 0  # date phrases in the sentence, resolved or not (set by `resolved`)
        self.last_day: date | None = reference  # the last day named up to the sentence's end (set by `resolved`)
        self.possessive: set[int] = set()  # roots of possessive phrases, "Sunday's attack" (set by `resolved`)
        self._resolved: list[tuple[int, ResolvedDate]] | None = None

    @property
    def done(self) -> bool:
        """Whether the sentence's date phrases were resolved (only sentences with a coded frame need them)."""
        return self._resolved is not None

    def resolved(self) -> list[tuple[int, ResolvedDate]]:
        """(root token of the phrase, its date) for the phrases that name a day or a vague time, in order."""
        if self._resolved is None:
            entities = []
            if self.view.has_entity(self.sent.start, self.sent.end, DATE_LABELS):
                entities = date_entities(self.sent)  # most sentences have no date phrase to look at
            self.count = len(entities)
            out: list[tuple[int, ResolvedDate]] = []
            view = self.view
            for ent in entities:
                root = ent.root.i
                offset = self.anaphors.offset(ent.text)
                if offset is not None and _has_complement(view, ent.start, ent.end):
                    continue  # "the day before the vote": counted from the vote, not from the last day named
                if offset is not None:
                    base = self.last_day if self.last_day is not None else self.pub
                    found: ResolvedDate | None = ResolvedDate(base + timedelta(days=offset), "relative", ent.text)
                else:
                    found = resolve_date_text(ent.text, self.pub, self._future(root))
                if found is None:
                    continue
                found = self.window.judged(found, self.pub)
                if found.basis in ("explicit", "relative"):
                    self.last_day = found.day
                if view.dep[root] == "poss" or (ent.end < len(view.lower) and view.lower[ent.end] in ("'s", "’s")):
                    self.possessive.add(root)
                out.append((root, found))
            self._resolved = out
        return self._resolved

    def _future(self, token: int) -> bool:
        """The phrase is in a future-tense clause: its nearest verb has a future auxiliary ("will meet on Friday")."""
        if not self.future_auxiliaries:
            return False
        view = self.view
        node = token
        for _ in range(8):
            if view.pos[node] in ("VERB", "AUX") and node != token:
                return any(view.dep[c] == "aux" and view.lower[c] in self.future_auxiliaries
                           for c in view.children[node])
            if view.head[node] == node:
                return False
            node = view.head[node]
        return False

    def news_day(self) -> date | None:
        """The day the sentence's news happened, as a story's lede or the sentence after it gives it: its first phrase
        naming a day on or before publication, outside relative clauses ("..., where police opened fire on Friday")
        and possessives ("Friday's violence")."""
        root = self.sent.root.i
        for token, found in self.resolved():
            if found.basis in ("explicit", "relative") and found.day is not None and found.day <= self.pub \
                    and token not in self.possessive and not _in_other_clause(self.view, token, root):
                return found.day
        return None


def event_date(predicate: int, dates: SentenceDates, attached_only: bool = False) -> ResolvedDate:
    """The date of the event a predicate (a token index into the sentence's view) names: a date phrase attached to the
    predicate wins, then one attached to a governing verb ("Last month, X told visiting Y"), then (unless
    `attached_only`) the sentence's only date phrase, else the publication date. A vague phrase ("in 2017", "last
    month") gives basis `vague`: such background is not coded. A possessive phrase ("blamed X for Sunday's attack")
    dates only the noun it qualifies. A clause counted from another ("The summit came two days after Xi held a
    meeting": the governing clause's date less two days; "Two days later, X closed the border": the last day named
    before the sentence plus two; `DayAnaphors.counted`) takes that day."""
    resolved, pub, view = dates.resolved(), dates.pub, dates.view
    if not resolved and not dates.anaphors.directions:
        return ResolvedDate(pub, "publication")
    head, pos = view.head, view.pos
    possessive = dates.possessive
    node = predicate
    for _ in range(5):
        own = [r for root, r in resolved
               if (head[root] == node if root in possessive else _attached_to(view, root, node))]
        if own:
            return own[0]
        counted = dates.anaphors.counted(view, node) if pos[node] in ("VERB", "AUX") else None
        if counted is not None:
            # "came five days after Washington reimposed sanctions", "Two days later, Kazakhstan closed the border"
            days, from_last = counted
            if from_last:
                base = dates.reference if dates.reference is not None else pub
                anchor = ResolvedDate(base, "relative")
            else:
                anchor = event_date(head[node], dates) if head[node] != node else ResolvedDate(pub, "publication")
            if anchor.day is not None and anchor.basis != "vague":
                return ResolvedDate(anchor.day + timedelta(days=days), "relative", "")
        if head[node] == node:
            break
        node = head[node]
        while pos[node] not in ("VERB", "AUX") and head[node] != node:
            node = head[node]
    if not attached_only and resolved and len(resolved) == 1 and dates.count == 1 and resolved[0][1].basis != "vague" \
            and resolved[0][0] not in possessive and not _in_other_clause(view, resolved[0][0], predicate):
        return resolved[0][1]
    return ResolvedDate(pub, "publication")


def _has_complement(view: DocView, start: int, end: int) -> bool:
    """A phrase's word governs a complement after it ("the day before [the vote]", "the day [it happened]")."""
    return any(child >= end and view.dep[child] in ("prep", "pobj", "pcomp", "relcl", "acl")
               for token in range(start, end) for child in view.children[token])


def present_perfect(view: DocView, predicate: int) -> bool:
    """The predicate's clause is a present perfect ("has scrapped", "have signed", "has been sentenced"; an event noun
    is in its verb's clause: "has turned down a request from X"): the wire's form for news whose day the story gives
    later."""
    node = predicate
    while view.pos[node] not in ("VERB", "AUX") and view.head[node] != node:
        node = view.head[node]
    if view.tag[node] != "VBN":
        return False
    return any(view.dep[c] == "aux" and view.lemma[c] == "have" and view.tag[c] in ("VBZ", "VBP")
               for c in view.children[node])


def _in_other_clause(view: DocView, token: int, predicate: int) -> bool:
    """The date sits in a relative clause the predicate is not part of ("an eight-day trip, which began in Uzbekistan
    on Monday"): it dates that clause only. (Participle clauses such as "a resolution adopted on December 12, 1995"
    or "remarks released on Sunday" usually do date the event, so they are not excluded.)"""
    above_predicate = {predicate, *view.ancestors(predicate)}
    for node in [token, *view.ancestors(token)]:
        if node in above_predicate:
            return False
        if view.dep[node] == "relcl" and view.pos[node] in ("VERB", "AUX"):
            return True
    return False


def _attached_to(view: DocView, token: int, predicate: int) -> bool:
    """The date phrase (its root token) belongs to this predicate, not to a nested clause with its own verb."""
    node = token
    for _ in range(8):
        if node == predicate:
            return True
        if view.head[node] == node:
            return False
        if view.pos[node] in ("VERB", "AUX") and node != token:
            return False
        if view.dep[node] in ("appos", "npadvmod") and node != token:
            return False  # "arrived on a state visit, the first by an Uzbek leader since 2000": describes the visit
        node = view.head[node]
    return False
