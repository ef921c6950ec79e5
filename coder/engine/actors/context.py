"""What an article has said so far: actors in order of mention, names learned with a title, the countries named, the
last meeting and the last main subject; pronouns, title-only mentions and group references resolve against it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from coder.engine.actors.actor import STATE_SECTORS, Actor
from coder.engine.docview import DocView
from coder.engine.lexicon import EngineLexicon, packaged_lexicon
from coder.ontology.actor_codes import is_organisation, is_state
from coder.rules.model import EngineSettings


@dataclass
class ArticleContext:
    """What the article has said so far: actors in order of mention, for pronouns and title-only mentions."""

    settings: EngineSettings
    history: list[tuple[int, Actor]] = field(default_factory=list)  # (global token index, actor)
    dateline_country: str | None = None  # "ASTANA, July 8 -": where the story was filed
    base: int = 0  # token offset of the current segment (paragraph) within the article
    learned: dict[str, Actor] = field(default_factory=dict)  # names first seen with a title ("Japanese PM Shinzo Abe")
    countries: Counter = field(default_factory=Counter)  # how often each country was named so far
    region: str | None = None  # the last region named ("Central Asia"), for "the region's leaders"
    last_meeting: tuple | None = None  # (source, target) of the last meeting coded, for "signed after the talks"
    last_meeting_at: int = -1  # where it was coded (global token index), for "They discussed ..." right after it
    last_clash: tuple | None = None  # (source, target) of the last violence between two countries' actors coded
    last_clash_at: int = -1  # where it was coded (global token index)
    # the acts a later one may answer (settings.answered_codes: accusations, demands), in order: (global token index,
    # code, maker, the one it was made against), for "Moscow denied the charges" (coding/targets.py, accuser)
    charges: list[tuple[int, str, Actor, Actor]] = field(default_factory=list)
    last_subject: Actor | None = None  # the person the last sentence's main clause was about, for "He then ..."
    incident_date: date | None = None  # the first date the article gives to violence (coding.py, _date_incident)
    gathering_date: tuple[int, date] | None = None  # (sentence, day) of a gathering the lead dates
    last_day: date | None = None  # the last day a date phrase named so far, for "later that day" (coder.engine.dates)
    has_headline: bool = True  # the first sentence is a headline (it ends without a full stop)
    body_seen: int = 0  # body sentences coded so far: the lede is the first, if none before it went unparsed
    lede_index: int | None = None  # the lede's sentence index (coding/article.py, date_lede)
    news_days: dict[int, date] = field(default_factory=dict)  # the day the lede and the sentence after it give
    lede_perfect: bool = False  # the lede's main clause is a present perfect ("Lukashenko has said ...")
    perfect_acts: set[tuple[int, str, str, str]] = field(default_factory=set)  # undated present perfects in the lede
    lexicon: EngineLexicon = field(default_factory=packaged_lexicon)  # the word classes the resolver reads
    # the country of a place phrase (a country, capital or gazetteer town: "in the Kazakh city of Aktobe"), for role
    # words placed where their clause happens (coder.engine.coding.places.Places.country_of_place); None: not known
    place_country: Callable[[DocView, int], str | None] | None = None

    def article_country(self) -> str | None:
        """Where the story happens: the dateline's country, else the country named most so far."""
        if self.dateline_country:
            return self.dateline_country
        common = self.countries.most_common(1)
        return common[0][0] if common else None

    def recent_meeting(self, position: int, within: int = 60) -> tuple | None:
        """The parties of a meeting coded at most `within` tokens before `position` (about the sentence before)."""
        if self.last_meeting is None or not 0 < self.base + position - self.last_meeting_at <= within:
            return None
        return self.last_meeting

    def learn(self, names: list[str], actor: Actor) -> None:
        for name in names:
            self.learned.setdefault(name, actor)

    def remember(self, position: int, actor: Actor) -> None:
        self.history.append((self.base + position, actor))
        country = actor.country
        if country and is_state(actor.code):
            self.countries[country] += 1

    def _named_before(self, position: int, current: tuple[Actor, ...]) -> list[tuple[int, Actor]]:
        """The history before global `position`, then `current` (actors the sentence being coded resolved already,
        at their own tokens, in order)."""
        named = [entry for entry in self.history if entry[0] < position]
        here = sorted(((self.base + a.start, a) for a in current if self.base + a.start < position),
                      key=lambda entry: entry[0])
        return named + here if here else named

    def last_distinct(self, position: int, count: int, persons: bool | None, states: bool = False,
                      avoid: frozenset[str] = frozenset(), current: tuple[Actor, ...] = ()) -> list[Actor]:
        """The last `count` actors of different countries mentioned before `position` (people or bodies; with
        `states`, only states and their bodies: "the two governments" are not the Taliban insurgency, "the two
        countries" not the SCO), leaving out the countries in `avoid`; `current`: actors the sentence named before
        ("Fighting between Kyrgyz and Tajik forces raged ... after the two countries' leaders agreed")."""
        position += self.base
        found: list[Actor] = []
        for pos, actor in reversed(self._named_before(position, current)):
            if pos >= position or (persons is not None and actor.is_person != persons) or actor.country in avoid:
                continue
            if states and (not is_state(actor.code)
                           or actor.sector is not None and actor.sector not in STATE_SECTORS):
                continue
            if all(actor.country != other.country for other in found):
                found.append(actor)
                if len(found) == count:
                    break
        return list(reversed(found))

    def last_list(self, position: int, count: int, states: bool = False, avoid: frozenset[str] = frozenset(),
                  current: tuple[Actor, ...] = ()) -> list[Actor]:
        """The last coordinated list of exactly `count` actors of different countries named before `position` ("Russia,
        Turkey and Iran agreed ... The three countries also backed ..."): a run of actors each named at most two
        tokens after the one before (", ", " and ", ", and "); with `states`, only a list of states and their bodies."""
        position += self.base
        runs: list[list[tuple[int, Actor]]] = []
        for pos, actor in self._named_before(position, current):
            last = runs[-1][-1] if runs else None
            if last is not None and 0 < pos - (last[0] + last[1].end - last[1].start) <= 2:
                runs[-1].append((pos, actor))
            else:
                runs.append([(pos, actor)])
        for run in reversed(runs):
            members = [a for _, a in run]
            if len(members) != count or len({a.country for a in members}) != count:
                continue
            if any(a.country in avoid or (states and not is_state(a.code)) for a in members):
                continue
            return members
        return []

    def last_organisation(self, position: int) -> Actor | None:
        """The international organisation (IGO, NATO) named last before `position`."""
        position += self.base
        for pos, actor in reversed(self.history):
            if pos < position and is_organisation(actor.code) and not actor.code.startswith(("NGO", "MNC")):
                return actor
        return None

    def named_alike(self, position: int, word: str, sector: str | None) -> Actor | None:
        """The last actor of the sector named before `position` by a phrase ending in `word` ("Kyrgyzstan's interim
        government" ... "the interim government")."""
        position += self.base
        for pos, actor in reversed(self.history):
            if pos < position and actor.sector == sector and actor.text.lower().rsplit(" ", 1)[-1] == word:
                return actor
        return None

    def antecedent(self, position: int, kind: str, sector: str | None = None,
                   avoid: set[str] | frozenset[str] = frozenset()) -> Actor | None:
        position += self.base
        for pos, actor in reversed(self.history):
            if pos >= position or actor.code in avoid:
                continue
            if kind == "person" and not actor.is_person:
                continue
            if kind == "collective" and actor.is_person:
                continue
            if sector and actor.sector != sector:
                continue
            return actor
        return None
