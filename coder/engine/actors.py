"""Turn the head of a noun phrase into CAMEO actor codes, using the dictionary mentions inside the phrase, the event
date (people change office) and what the article said before (pronouns, title-only mentions)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from mypy_extensions import mypyc_attr

from coder.engine.docview import DocView
from coder.engine.mentions import ActorMention, DocMentions
from coder.ontology.actor_codes import actor_country, actor_sector, is_state, with_sector
from coder.rules.model import EngineSettings

# Dependencies that belong to a noun phrase around its head; clauses (relcl, acl) and coordination do not.
NP_LEFT_DEPS = frozenset(("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "npadvmod", "punct",
                          "flat", "predet", "advmod"))
NP_RIGHT_DEPS = frozenset(("appos", "flat", "compound", "case", "nummod"))
PERSON_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "OPP", "ELI")
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG")
# Role words that name people (so "the two leaders" are the last two people); other role words name bodies
# ("the two governments" are the last two countries' governments).
PERSON_TITLES = frozenset(("leader", "president", "minister", "premier", "counterpart", "head", "chancellor", "king",
                           "emir", "prince", "envoy", "ambassador", "diplomat", "official", "secretary", "chief",
                           "commander", "speaker", "mayor", "governor"))


OBJECT_PRONOUNS = ("him", "her", "them")
GROUP_SIZES = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# the words a group reference needs, as its head or a child ("the two leaders", "the sides", "the five states")
BUILDING_NOUNS = ("building", "headquarters", "office", "compound", "premises", "residence", "seat")
GROUP_WORDS = frozenset(("two", "both", "sides", "each", "other", "another", "leaders", "presidents", "ministers",
                         *GROUP_SIZES))
RECIPROCAL_NOUNS = ("side", "country", "party", "government")  # "each side accused the other"


# Not frozen=True: a frozen dataclass sets each field through object.__setattr__, about four times slower to
# build, and the engine builds these for every sentence. Treat instances as immutable (they stay hashable).
@dataclass(slots=True, unsafe_hash=True)
class Actor:
    code: str
    text: str
    start: int  # token span of the phrase that named it
    end: int
    rule_id: str  # the actor (or agent) rule that matched, "coref:<rule>" when resolved through context
    is_person: bool = False
    # the argument strategy that found the actor for an event (coder.engine.coding.arguments), "" until one did
    via: str = ""

    @property
    def country(self) -> str | None:
        return actor_country(self.code)

    @property
    def sector(self) -> str | None:
        return actor_sector(self.code)


def np_tokens(view: DocView, head: int) -> list[int]:
    """The head's noun phrase without relative clauses and coordination ("the Kyrgyz foreign minister", "the
    president of Kazakhstan", "Tajikistan's border guards"), as token indices in document order."""
    out = [head]
    dep = view.dep
    for child in view.children[head]:
        if child < head and dep[child] in NP_LEFT_DEPS:
            out.extend(view.subtree(child))
        elif child > head and dep[child] in NP_RIGHT_DEPS:
            out.extend(view.subtree(child))
        elif dep[child] == "prep" and view.lower[child] == "of":
            for pobj in view.children[child]:
                if dep[pobj] == "pobj":
                    out.append(child)
                    out.extend(np_tokens(view, pobj))
                    out.extend(c for c in view.conjuncts(pobj) if c > pobj)
    return sorted(set(out))


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
    last_subject: Actor | None = None  # the person the last sentence's main clause was about, for "He then ..."
    incident_date: date | None = None  # the first date the article gives to violence (coding.py, _date_incident)
    gathering_date: tuple[int, date] | None = None  # (sentence, day) of a gathering the lead dates

    def article_country(self) -> str | None:
        """Where the story happens: the dateline's country, else the country named most so far."""
        if self.dateline_country:
            return self.dateline_country
        common = self.countries.most_common(1)
        return common[0][0] if common else None

    def learn(self, names: list[str], actor: Actor) -> None:
        for name in names:
            self.learned.setdefault(name, actor)

    def remember(self, position: int, actor: Actor) -> None:
        self.history.append((self.base + position, actor))
        country = actor.country
        if country and is_state(actor.code):
            self.countries[country] += 1

    def last_distinct(self, position: int, count: int, persons: bool | None, states: bool = False) -> list[Actor]:
        """The last `count` actors of different countries mentioned before `position` (people or bodies; with
        `states`, only states and their bodies: "the two governments" are not the Taliban insurgency)."""
        position += self.base
        found: list[Actor] = []
        for pos, actor in reversed(self.history):
            if pos >= position or (persons is not None and actor.is_person != persons):
                continue
            if states and actor.sector is not None and actor.sector not in STATE_SECTORS:
                continue
            if all(actor.country != other.country for other in found):
                found.append(actor)
                if len(found) == count:
                    break
        return list(reversed(found))

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


@mypyc_attr(allow_interpreted_subclasses=True)  # the PETRARCH rule language resolves its own way
class ActorResolver:
    """Resolves argument heads (token indices into `view`) of one sentence."""

    def __init__(self, mentions: DocMentions, event_date: date | None, context: ArticleContext, view: DocView):
        self.mentions = mentions
        self.day = event_date
        self.context = context
        self.view = view
        self.resolved: list[Actor] = []  # everything resolved in this sentence, for later pronouns
        self.clause_subjects: set[str] = set()  # codes an object pronoun cannot refer to (its own clause's subject)
        self.sentence_start = 0  # first token of the sentence being coded
        self._phrases: dict[int, list[int]] = {}  # head -> its noun phrase: heads recur across a sentence's frames
        self._group_words = not GROUP_WORDS.isdisjoint(view.lower)  # else no group reference can be made

    def phrase(self, head: int) -> list[int]:
        phrase = self._phrases.get(head)
        if phrase is None:
            phrase = self._phrases[head] = np_tokens(self.view, head)
        return phrase

    def resolve(self, head: int, as_target: bool = False) -> list[Actor]:
        """Zero, one or several actors for one argument head (several: "the presidents of Kazakhstan and Uzbekistan").
        Targets do not take "it"/"its": as objects these mostly refer to things ("condemned it")."""
        actors = self._resolve(head, as_target)
        for actor in actors:
            if not actor.rule_id.startswith("coref:"):
                self.resolved.append(actor)
        return actors

    def _resolve(self, head: int, as_target: bool) -> list[Actor]:
        m = self.mentions
        v = self.view
        settings = self.context.settings
        group = self._group_reference(head)
        if group is not None:
            return group
        phrase = self.phrase(head)
        span = (phrase[0], phrase[-1] + 1)
        text = v.span_text(*span)
        # 1. a dictionary actor names the head itself
        mention = m.actor_at.get(head)
        if mention is not None and mention.form != "adjective":
            return [*self._misparsed_partners(phrase, mention), self._from_mention(mention, text, span)]
        # 1b. a name the article introduced earlier with a title ("Japanese Prime Minister Shinzo Abe" ... "Abe")
        if v.pos[head] == "PROPN" and head not in m.agent_at:
            known = self.context.learned.get(v.text[head])
            if known is not None:
                return [Actor(known.code, text, *span, f"coref:{known.rule_id}", known.is_person)]
        # 1c. an unknown name owned by a known actor ("the EU's Michel", "Russia's Lavrov"): that actor
        if v.pos[head] == "PROPN" and head not in m.agent_at and mention is None:
            owners = [m.actor_at.get(c) for c in v.children[head] if v.dep[c] == "poss"]
            owner = owners[0] if owners else None
            if owner is not None and owner.form != "adjective" and owner.rule.kind != "person":
                actor = self._from_mention(owner, text, span)
                self.context.learn([v.text[head]], Actor(actor.code, text, *span, actor.rule_id, True))
                return [Actor(actor.code, text, *span, actor.rule_id, True)]
        # 2. a role word ("foreign minister", "border guards") with the country from the phrase
        agent = m.agent_at.get(head) or self._agent_in_compounds(head, phrase)
        countries = self._phrase_actors(phrase, exclude=head)
        if agent is not None:
            sector = agent.rule.sector
            if not countries:
                countries = self._the_region(phrase, text, span) or self._located_in(head) \
                    or self._conjunct_country(head) or self._their_group(phrase) or self._of_group(head)
            if countries:
                actors = [self._with_sector(actor, sector, text, span, agent.rule.id) for actor in countries]
                if v.pos[head] == "PROPN" and head not in m.agent_at and len(actors) == 1:
                    names = [v.text[t] for t in phrase if v.pos[t] == "PROPN" and t not in m.agent_at
                             and t not in m.actor_at]
                    if names:
                        self.context.learn([" ".join(names), names[-1]], actors[0])
                return actors
            if v.tag[head] in ("NN", "NNP") and (v.pos[head] == "PROPN" or any(v.lower[t] == "the" for t in phrase)):
                # title-only mention ("the president", "the minister"): the last person of that sector
                kind = "person" if sector in PERSON_SECTORS else "collective"
                previous = self.context.antecedent(head, kind, sector)
                if previous is not None:
                    return [Actor(previous.code, text, *span, f"coref:{previous.rule_id}", previous.is_person)]
            # a role word with no country anywhere ("police detained activists"): the story's country
            country = self.context.article_country()
            plural_people = v.lemma[head] in PERSON_TITLES and v.tag[head] in ("NNS", "NNPS")
            if country and sector not in ("ELI",) and not plural_people:  # "leaders" are often of many countries
                return [Actor(country + sector, text, *span, f"context:{agent.rule.id}", False)]
            return []
        # 3. an adjective or possessive country on a non-role head ("the Kazakh side", "Kyrgyz territory")
        if mention is not None:  # the head itself is an adjective form ("the Chinese")
            actor = self._from_mention(mention, text, span)
            shared = self._shared_role(head)
            return [self._with_sector(actor, shared.rule.sector, text, span, shared.rule.id) if shared else actor]
        if v.lemma[head] in BUILDING_NOUNS and as_target and head not in m.agent_at:
            # "stormed the building housing the presidency", "broke into the headquarters of the security service":
            # a building stands for the institution it houses
            housed = v.prep_objects(head, "of")
            housed += [t for c in v.children_with(head, "acl") if v.lemma[c] in ("house", "host")
                       for t in v.children_with(c, "dobj")]
            housed += [t for h in list(housed) for t in v.conjuncts(h) if t > h]
            institutions = [a for t in housed for a in self._resolve(t, as_target=True)]
            if institutions:
                return institutions
        if v.lemma[head] in ("border", "frontier", "boundary") and as_target:
            # "eased checks on its border with Kyrgyzstan": the neighbour across the border is the one affected
            neighbours = [a for p in v.prep_objects(head, "with") for a in self._resolve(p, as_target=True)]
            if neighbours:
                return neighbours
        if not countries and v.lemma[head] in settings.proxy_nouns:
            countries = self._located_in(head)  # "his counterparts from the five Central Asian states"
        if countries and v.lemma[head] in settings.proxy_nouns:
            # "his Kyrgyz counterpart Almazbek Atambayev": the named person, not the adjective, is the actor
            named = [a for a in countries if a.is_person] or countries
            region = any(m.actor_at.get(t) is not None and m.actor_at[t].rule.kind == "group" for t in phrase)
            story_country = self.context.article_country() if region and len(named) == 1 else None
            if story_country and v.tag[head] == "NN":
                # "the gas-rich Central Asian nation" (one nation of the region): the country the story is about
                return [Actor(story_country, text, *span, f"context:{named[0].rule_id}", False)]
            if v.lemma[head] == "capital":  # "the Kazakh capital", like "Astana": the government
                return [Actor(a.code[:3] + "GOV" if is_state(a.code) else a.code, text, *span, a.rule_id)
                        for a in named]
            if v.lemma[head] == "counterpart" and not any(a.is_person for a in named):
                # "his Kazakh counterpart", "his counterparts from the five states": a leader's or minister's
                # counterparts hold the same kind of office, in government
                return [Actor(a.code[:3] + "GOV" if is_state(a.code) and len(a.code) == 3 else a.code, text,
                              *span, a.rule_id, v.tag[head] == "NN") for a in named]
            return [Actor(a.code, text, *span, a.rule_id, a.is_person) for a in named]
        # 4. "his guest", "the visitors": the last person named from another country than the host's
        if v.lemma[head] in ("guest", "visitor") and not countries:
            guest = self._guest_of(head)
            if guest is not None:
                return [Actor(guest.code, text, *span, f"coref:{guest.rule_id}", guest.is_person)]
        # 5. pronouns
        antecedent_kind = settings.pronouns.get(v.lower[head])
        if antecedent_kind and v.pos[head] == "PRON" and not (as_target and v.lower[head] in ("it", "its")):
            avoid = self.clause_subjects if v.lower[head] in OBJECT_PRONOUNS else set()
            previous = self._salient_subject(head, antecedent_kind) \
                or self.context.antecedent(head, antecedent_kind, avoid=avoid)
            if previous is not None:
                return [Actor(previous.code, v.text[head], head, head + 1, f"coref:{previous.rule_id}",
                              previous.is_person)]
        return []

    def roles_of(self, heads: list[int], country: str) -> list[Actor]:
        """Role words without a country of their own ("police", "protesters"), placed in `country`."""
        out = []
        for head in heads:
            agent = self.mentions.agent_at.get(head)
            if agent is None or not is_state(country) or agent.rule.sector == "ELI":
                continue
            phrase = self.phrase(head)
            if self._phrase_actors(phrase, exclude=head):
                continue  # it has a country; it just did not resolve
            out.append(Actor(country + agent.rule.sector, self.view.span_text(phrase[0], phrase[-1] + 1),
                             phrase[0], phrase[-1] + 1, f"domestic:{agent.rule.id}", False))
        return out

    def owner_of(self, head: int) -> list[Actor]:
        """"Kazakhstan's role", "Mirziyoyev's moves", "the CSTO declaration": the actor named as the possessor (or a
        name modifier) of a thing."""
        v = self.view
        # an object noun the small model read as a verb ("called off CSTO drills": drills/VERB, CSTO its subject)
        modifier_deps = ("poss", "compound", "nsubj") if v.pos[head] == "VERB" and v.dep[head] == "dobj" \
            else ("poss", "compound")
        for child in v.children[head]:
            mention = self.mentions.actor_at.get(child) if v.dep[child] in modifier_deps else None
            if mention is not None and mention.form not in ("adjective", "capital") \
                    and (v.dep[child] == "poss" or mention.rule.kind == "organisation"):
                return [self._from_mention(mention, v.span_text(mention.start, mention.end),
                                           (mention.start, mention.end))]
        # "praised Turkmen neutrality", "condemned Russian aggression": a country adjective on a thing (not on a
        # role word, which is an actor of its own)
        if head not in self.mentions.agent_at:
            for child in v.children[head]:
                mention = self.mentions.actor_at.get(child) if v.dep[child] in ("amod", "compound") else None
                if mention is not None and mention.form == "adjective" and mention.rule.kind == "country":
                    return [self._from_mention(mention, v.span_text(mention.start, mention.end),
                                               (mention.start, mention.end))]
        # "the final declaration of a summit of the CSTO": an organisation named through of-phrases
        gatherings = self.context.settings.gathering_nouns
        for pobj in v.prep_objects(head, "of"):
            mention = self.mentions.actor_at.get(pobj)
            if mention is not None and mention.rule.kind == "organisation":
                return [self._from_mention(mention, v.span_text(mention.start, mention.end),
                                           (mention.start, mention.end))]
            if mention is None and v.lemma[pobj] in gatherings:
                return self.owner_of(pobj)
        return []

    def _located_in(self, head: int) -> list[Actor]:
        """"police in Kazakhstan", "officials from Kyrgyzstan and Tajikistan", "rescuers from Central Asian
        countries": the role's country from an in- or from-phrase."""
        v = self.view
        # "armed men who had crossed from Afghanistan": a relative clause's from-phrase says where they came from
        origins = [c for r in v.children[head] if v.dep[r] == "relcl" for c in v.children[r]
                   if v.dep[c] == "prep" and v.lower[c] == "from"]
        for child in [*v.children[head], *origins]:
            if v.dep[child] == "prep" and v.lower[child] in ("in", "from"):
                found: list[Actor] = []
                for pobj in v.children[child]:
                    if v.dep[pobj] != "pobj":
                        continue
                    for place in [pobj, *[c for c in v.conjuncts(pobj) if c > pobj]]:
                        mention = self.mentions.actor_at.get(place)
                        if mention is None and v.lemma[place] in self.context.settings.proxy_nouns:
                            found.extend(a for a in self._phrase_actors(self.phrase(place), exclude=place)
                                         if is_state(a.code) and not a.is_person)
                            if not found:  # "officials from both countries": the two countries named last
                                found.extend(Actor(a.country, a.text, a.start, a.end, a.rule_id, False)
                                             for a in self._group_reference(place) or []
                                             if a.country and is_state(a.code))
                        elif mention is not None and mention.rule.kind in ("country", "group"):
                            found.append(Actor(mention.rule.code or "---", v.text[place], place, place + 1,
                                               mention.rule.id))
                if found:
                    return found
        return []

    def _salient_subject(self, head: int, kind: str) -> Actor | None:
        """A sentence that opens with a personal pronoun as its subject continues with whom the previous sentence
        was about: "Putin ... was greeted at the airport by Gurbanguly Berdimuhamedov, the father of President Serdar
        Berdimuhamedov. He then held talks with Serdar Berdimuhamedov" — he is Putin, not the last person named."""
        v = self.view
        if kind != "person" or v.dep[head] not in ("nsubj", "nsubjpass"):
            return None
        clause = v.head[head]
        if v.dep[clause] == "conj":
            # "Trump said Nazarbayev had promised ..., and he praised ...": a coordinated clause's pronoun subject
            # continues the first clause's subject, not the last person named inside the first clause
            for first in v.children_with(v.head[clause], "nsubj"):
                if v.pos[first] == "PRON":
                    continue
                actors = self._resolve(first, as_target=False)
                if len(actors) == 1 and actors[0].is_person:
                    return actors[0]
        subject = self.context.last_subject
        if subject is None:
            return None
        if any(v.pos[t] not in ("ADV", "PUNCT", "CCONJ") for t in range(self.sentence_start, head)):
            return None  # not the sentence's opening subject
        named_here = {m.rule.code_on(self.day) for m in self.mentions.actors if m.start > head}
        return None if subject.code in named_here else subject

    def subject_of(self, root: int) -> Actor | None:
        """The person the clause of `root` is about (its subject, active or passive), for the next sentence."""
        v = self.view
        m = self.mentions
        for child in v.children[root]:
            if v.dep[child] in ("nsubj", "nsubjpass"):
                # most subjects were resolved by the sentence's frames already; others need a mention to be a person
                done = [a for a in self.resolved if a.start <= child < a.end]
                if done:
                    return done[0] if done[0].is_person else None
                if child not in m.actor_at and child not in m.agent_at and v.pos[child] != "PRON" \
                        and not any(t in m.actor_at for t in self.phrase(child)):
                    return None
                actors = self._resolve(child, as_target=False)
                return actors[0] if len(actors) == 1 and actors[0].is_person else None
        return None

    def _misparsed_partners(self, phrase: list[int], mention: ActorMention) -> list[Actor]:
        """"Putin and Kyrgyz President Sadyr Japarov spoke": the small model sometimes hangs the first of two
        coordinated names inside the second one's phrase instead of making them conjuncts. Names (people, countries
        by name) before an "and" in the phrase are actors of their own."""
        v = self.view
        cut = next((t for t in phrase if t < mention.start and v.dep[t] == "cc" and v.lower[t] == "and"), None)
        if cut is None:
            return []
        partners: list[Actor] = []
        for token in phrase:
            other = self.mentions.actor_at.get(token) if token < cut else None
            if other is not None and other.form == "name" and other.rule.kind in ("person", "country") \
                    and token == other.start and not any(a.start == other.start for a in partners):
                partners.append(self._from_mention(other, v.span_text(other.start, other.end),
                                                   (other.start, other.end)))
        return partners

    def _of_group(self, head: int) -> list[Actor]:
        """"the presidents of the five former Soviet republics": the members of a counted group in the of-phrase (the
        last five countries named, or the region the article named)."""
        for pobj in self.view.prep_objects(head, "of"):
            group = self._group_of_many(pobj)
            if group:
                return group
        return []

    def _their_group(self, phrase: list[int]) -> list[Actor]:
        """"Kyrgyzstan and Tajikistan agreed to a ceasefire after their border guards traded fire": "their" owned by
        coordinated countries named before it in the sentence gives one role actor per country."""
        v = self.view
        owner = next((t for t in phrase if v.dep[t] == "poss" and v.lower[t] == "their"), None)
        if owner is None:
            return []
        for token in range(owner - 1, self.sentence_start - 1, -1):
            mention = self.mentions.actor_at.get(token)
            if mention is None or mention.rule.kind != "country" or token != mention.start:
                continue
            members = [token, *v.conjuncts(token)]
            group = [m for m in (self.mentions.actor_at.get(t) for t in members) if m is not None]
            if len(members) > 1 and len(group) == len(members) and all(m.rule.kind == "country" for m in group):
                return [self._from_mention(m, v.span_text(m.start, m.end), (m.start, m.end)) for m in group]
        return []

    def _conjunct_country(self, head: int) -> list[Actor]:
        """"Prime Minister Sapar Isakov and parliament speaker Chynybai Tursunbekov": a role word with no country,
        listed beside people of one country, is of that country."""
        v = self.view
        found: set[str] = set()
        for sibling in v.conjuncts(head):
            if sibling == head:
                continue
            for actor in self._phrase_actors(self.phrase(sibling), exclude=head):
                if actor.is_person and is_state(actor.code[:3]):
                    found.add(actor.code[:3])
        if len(found) == 1:
            country = found.pop()
            return [Actor(country, v.text[head], head, head + 1, "conjunct")]
        return []

    def _the_region(self, phrase: list[int], text: str, span: tuple[int, int]) -> list[Actor]:
        """"the region's leaders", "leaders of the region": the region the article named last."""
        region = self.context.region
        v = self.view
        if region and any(v.lemma[t] == "region" and v.dep[t] in ("poss", "pobj") for t in phrase):
            return [Actor(region, text, *span, "coref:region", False)]
        return []

    def _group_reference(self, head: int) -> list[Actor] | None:
        """"the two leaders", "both countries", "the two governments", "the two": the last two distinct actors;
        "the five leaders": the last five, or else the region the article named ("Central Asia")."""
        v = self.view
        if not self._group_words:
            return None
        marker = v.lower[head] in ("two", "both") and v.pos[head] in ("NUM", "DET", "PRON")
        marker = marker or any(v.lower[c] in ("two", "both") and v.dep[c] in ("nummod", "det", "predet")
                               for c in v.children[head])
        # "the sides had agreed": in news of a bilateral event, the two parties
        marker = marker or (v.lower[head] == "sides" and any(v.lower[c] == "the" for c in v.children[head]))
        # reciprocals: "each side accused the other", "blamed each other", "one another"
        reciprocal = (v.lemma[head] in RECIPROCAL_NOUNS and any(v.lower[c] in ("each", "either")
                                                                for c in v.children[head])) \
            or (v.lower[head] == "other" and any(v.lower[c] in ("each", "the") for c in v.children[head])) \
            or (v.lower[head] == "another" and head > 0 and v.lower[head - 1] == "one")
        if reciprocal:
            pair = self.context.last_distinct(head, 2, persons=None)
            return [Actor(a.code, v.text[head], head, head + 1, f"coref:{a.rule_id}", a.is_person)
                    for a in pair] if len(pair) == 2 else []
        meeting = self.context.last_meeting
        if not marker and meeting is not None and v.lemma[head] in ("leader", "president", "minister") \
                and v.tag[head] == "NNS" and [v.lower[c] for c in v.children[head]] == ["the"]:
            # "The leaders decided to set up working groups", after a summit was coded: its parties
            return [Actor(a.code, v.text[head], head, head + 1, f"coref:{a.rule_id}", a.is_person) for a in meeting]
        if not marker:
            return self._group_of_many(head)
        if v.pos[head] not in ("NUM", "PRON", "DET") and self._phrase_actors(self.phrase(head), exclude=head):
            return None  # "two Tajik border guards" names its country: a count, not a reference
        agent = self.mentions.agent_at.get(head)
        sector = agent.rule.sector if agent is not None else None
        titled = v.lemma[head] in PERSON_TITLES
        persons = titled or v.pos[head] in ("NUM", "PRON", "DET")
        states = sector in STATE_SECTORS
        pair = self.context.last_distinct(head, 2, persons=persons, states=states)
        if len(pair) < 2:
            pair = self.context.last_distinct(head, 2, persons=not persons, states=states)
        if len(pair) < 2:  # "Mirziyoyev visited Dushanbe ... the two governments": a person and a capital
            pair = self.context.last_distinct(head, 2, persons=None, states=states)
        if len(pair) < 2:
            return []
        text = v.text[head]
        if sector and not titled:  # "the two governments", "both armies": the countries' bodies of that sector
            return [Actor(a.code[:3] + sector if is_state(a.code) else a.code, text, head, head + 1,
                          f"coref:{a.rule_id}", False) for a in pair]
        return [Actor(a.code, text, head, head + 1, f"coref:{a.rule_id}", a.is_person) for a in pair]

    def _shared_role(self, head: int):
        """"Kyrgyz and Tajik border guards": the parser coordinates the first adjective with the whole noun phrase,
        so the adjective borrows the role word of the phrase it is coordinated with."""
        v = self.view
        for conj in v.conjuncts(head):
            if conj > head and v.pos[conj] in ("NOUN", "PROPN"):
                agent = self.mentions.agent_at.get(conj)
                if agent is not None and any(self.mentions.actor_at.get(t) is not None
                                             for t in v.children[conj] if t < conj):
                    return agent
        return None

    def _guest_of(self, head: int) -> Actor | None:
        v = self.view
        host = None
        for child in v.children[head]:
            if v.dep[child] == "poss" and v.lower[child] in ("his", "her", "their"):
                host = self.context.antecedent(child, "person")
        position = self.context.base + head
        for pos, actor in reversed(self.context.history):
            if pos < position and actor.is_person and (host is None or actor.country != host.country):
                if host is None:
                    host = actor  # "the guest" with no owner: the last two people are host and guest
                    continue
                return actor
        return None

    def _group_of_many(self, head: int) -> list[Actor] | None:
        v = self.view
        count = next((GROUP_SIZES[v.lower[c]] for c in v.children[head]
                      if v.dep[c] == "nummod" and v.lower[c] in GROUP_SIZES), None)
        if count is None or not any(v.lower[c] == "the" for c in v.children[head]):
            return None
        if self._phrase_actors(self.phrase(head), exclude=head):
            return None  # "the five Central Asian states" names its members
        agent = self.mentions.agent_at.get(head)
        if agent is None and v.lemma[head] not in self.context.settings.proxy_nouns:
            return None
        persons = v.lemma[head] in PERSON_TITLES
        members = self.context.last_distinct(head, count, persons=persons)
        text = v.text[head]
        if len(members) == count:
            return [Actor(a.code, text, head, head + 1, f"coref:{a.rule_id}", a.is_person) for a in members]
        if self.context.region:
            sector = agent.rule.sector if agent is not None else ""
            return [Actor(self.context.region + sector, text, head, head + 1, "coref:region", False)]
        return []

    def _agent_in_compounds(self, head: int, phrase: list[int]):
        v = self.view
        if v.pos[head] != "PROPN":
            return None  # only names carry their title in compounds ("Foreign Minister Jeenbek Kulubaev")
        agent_at = self.mentions.agent_at
        for token in phrase:
            if token != head and token in agent_at and v.dep[token] in ("compound", "appos"):
                return agent_at[token]
            if token != head and token in agent_at and v.head[token] != head:
                return agent_at[token]
        return None

    def _phrase_actors(self, phrase: list[int], exclude: int) -> list[Actor]:
        seen: list[ActorMention] = []
        for token in phrase:
            mention = self.mentions.actor_at.get(token)
            if mention is not None and mention not in seen and not (mention.start <= exclude < mention.end):
                seen.append(mention)
        return [self._from_mention(mn, self.view.span_text(mn.start, mn.end), (mn.start, mn.end)) for mn in seen]

    def _from_mention(self, mention: ActorMention, text: str, span: tuple[int, int]) -> Actor:
        rule = mention.rule
        if rule.kind == "person":
            return Actor(rule.code_on(self.day), text, *span, rule.id, True)
        code = rule.code_on(self.day)
        if mention.form == "capital" and rule.kind == "country":
            code = code[:3] + "GOV"  # capitals as metonyms: "Moscow warned Astana"
        return Actor(code, text, *span, rule.id, False)

    @staticmethod
    def _with_sector(actor: Actor, sector: str, text: str, span: tuple[int, int], agent_id: str) -> Actor:
        code = with_sector(actor.code, sector)
        is_person = sector in PERSON_SECTORS and not text.lower().endswith(("s", "ministry", "government"))
        return Actor(code, text, *span, f"{actor.rule_id}+{agent_id}", is_person)
