"""Group references and antecedents: "the two leaders", "both countries", "each other", "the five presidents", "their
border guards", "the region's leaders", "his guest", and the subject a sentence-opening pronoun continues."""

from __future__ import annotations

from datetime import date

from mypy_extensions import mypyc_attr

from coder.engine.actors.actor import STATE_SECTORS, Actor
from coder.engine.actors.context import ArticleContext
from coder.engine.actors.phrases import ActorPhrases
from coder.engine.docview import DocView
from coder.engine.mentions import DocMentions
from coder.ontology.actor_codes import actor_country, is_state



@mypyc_attr(allow_interpreted_subclasses=True)
class GroupReferences(ActorPhrases):
    def __init__(self, mentions: DocMentions, event_date: date | None, context: ArticleContext, view: DocView):
        super().__init__(mentions, event_date, context, view)
        self._group_words = not context.lexicon.group_words.isdisjoint(view.lower)  # else no group reference can be made

    def _resolve(self, head: int, as_target: bool) -> list[Actor]:
        """An argument head's actors (the resolver's reading steps, `ActorResolver._resolve`)."""
        return []

    def _group_reference(self, head: int) -> list[Actor] | None:
        """"the two leaders", "both countries", "the two governments", "the two": the last two distinct actors;
        "the five leaders": the last five, or else the region the article named ("Central Asia")."""
        v = self.view
        if not self._group_words:
            return None
        marker = self._refers_to_pair(head)
        lexicon = self.context.lexicon
        # reciprocals: "each side accused the other", "blamed each other", "one another"
        reciprocal = (v.lemma[head] in self.context.lexicon.reciprocal_nouns and any(v.lower[c] in ("each", "either")
                                                                for c in v.children[head])) \
            or (v.lower[head] == "other" and any(v.lower[c] in ("each", "the") for c in v.children[head])) \
            or (v.lower[head] == "another" and head > 0 and v.lower[head - 1] == "one")
        if reciprocal:
            # "each side accused the other" after a two-party meeting: its parties; else the last two actors named
            meeting = self.context.last_meeting
            pair = list(meeting) if meeting is not None and meeting[0].country != meeting[1].country \
                else self.context.last_distinct(head, 2, persons=None, current=self._named_here(head))
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
        titled = v.lemma[head] in self.context.lexicon.person_titles
        persons = titled or v.pos[head] in ("NUM", "PRON", "DET")
        states = sector in STATE_SECTORS or v.lemma[head] in self.context.lexicon.state_nouns
        # as a target, a group of parties leaves out the acting side: "Russia called on the two sides to show
        # restraint", "the CSTO held talks with officials from both countries" address two others (only words for
        # parties: "on two planes" is a count, whatever it then resolves to)
        sides = v.lower[head] in lexicon.side_nouns or v.lower[head] in lexicon.party_nouns
        party = sector is not None or titled or persons or sides or v.lemma[head] in self.context.settings.proxy_nouns
        avoid = frozenset(c for c in (actor_country(code) for code in self.clause_subjects) if c) if party \
            else frozenset()
        avoid |= self._single_owner(head)
        here = self._named_here(head)  # the sentence's own actors before the head count too
        # "the parties", "all sides": leaders or bodies alike ("called Japarov and Rahmon ... urged the parties")
        pair = self.context.last_distinct(head, 2, persons=None if sides else persons, states=states, avoid=avoid,
                                          current=here)
        if len(pair) < 2:
            pair = self.context.last_distinct(head, 2, persons=not persons, states=states, avoid=avoid, current=here)
        if len(pair) < 2:  # "Mirziyoyev visited Dushanbe ... the two governments": a person and a capital
            pair = self.context.last_distinct(head, 2, persons=None, states=states, avoid=avoid, current=here)
        if len(pair) < 2:
            return []
        text = v.text[head]
        if sector and not titled:  # "the two governments", "both armies": the countries' bodies of that sector
            return [Actor(a.code[:3] + sector if is_state(a.code) else a.code, text, head, head + 1,
                          f"coref:{a.rule_id}", False) for a in pair]
        return [Actor(a.code, text, head, head + 1, f"coref:{a.rule_id}", a.is_person) for a in pair]

    def _refers_to_pair(self, head: int) -> bool:
        """"the two countries", "both sides", "its two allies", "the sides", "the parties" after a two-party act."""
        v = self.view
        marker = v.lower[head] in ("two", "both") and v.pos[head] in ("NUM", "DET", "PRON")
        # (a hyphenated measure counts no parties: "a two-day visit", "the two-year deal"; nor does an indefinite
        # count: "flew rescuers on two planes", while "the two countries", "its two allies" refer back)
        definite = any(v.lower[c] in ("the", "these", "those") or v.dep[c] == "poss" for c in v.children[head])
        marker = marker or any(v.lower[c] in ("two", "both") and v.dep[c] in ("nummod", "det", "predet")
                               and v.lower[c + 1] != "-" and (v.lower[c] == "both" or definite)
                               for c in v.children[head])
        # "the sides had agreed", "all sides": in news of a bilateral event, the two parties; "the parties" only
        # after a two-party act (lexicon side_nouns, party_nouns)
        lexicon = self.context.lexicon
        sided = any(v.lower[c] in lexicon.side_determiners for c in v.children[head])
        marker = marker or (sided and v.lower[head] in lexicon.side_nouns) \
            or (sided and v.lower[head] in lexicon.party_nouns
                and (self.context.last_meeting is not None or self.context.last_clash is not None))
        return marker

    def _named_here(self, head: int) -> tuple[Actor, ...]:
        """The actors this sentence's frames resolved before the head (not yet in the article's history)."""
        return tuple(a for a in self.resolved if a.end <= head and a.start >= self.sentence_start)

    def _single_owner(self, head: int) -> frozenset[str]:
        """"its two allies", "his two counterparts": a single owner is not among the group it owns; its country is
        left out ("their two leaders" are the owners themselves)."""
        v = self.view
        owners = [c for c in v.children[head] if v.dep[c] == "poss" and v.lower[c] in ("its", "his", "her")]
        if not owners:
            return frozenset()
        # the owner: the clause's own subject ("Belarus criticized its two allies"), else the pronoun's antecedent
        own = {actor_country(code) for code in self.clause_subjects}
        own |= {a.country for a in self._resolve(owners[0], False)}
        return frozenset(c for c in own if c)

    def _group_of_many(self, head: int) -> list[Actor] | None:
        v = self.view
        sizes = self.context.lexicon.group_sizes
        count = next((sizes[v.lower[c]] for c in v.children[head]
                      if v.dep[c] == "nummod" and v.lower[c] in sizes), None)
        if count is None or not any(v.lower[c] == "the" for c in v.children[head]):
            return None
        if self._phrase_actors(self.phrase(head), exclude=head):
            return None  # "the five Central Asian states" names its members
        agent = self.mentions.agent_at.get(head)
        if agent is None and v.lemma[head] not in self.context.settings.proxy_nouns:
            return None
        persons = v.lemma[head] in self.context.lexicon.person_titles
        avoid = frozenset(c for c in (actor_country(code) for code in self.clause_subjects) if c)  # as above
        states = v.lemma[head] in self.context.lexicon.state_nouns  # "the three countries" are no insurgency
        # a list of as many named together comes first ("Russia, Turkey and Iran ... the three countries")
        here = self._named_here(head)
        members = [] if persons else self.context.last_list(head, count, states=states, avoid=avoid, current=here)
        members = members or self.context.last_distinct(head, count, persons=persons, states=states, avoid=avoid,
                                                        current=here)
        text = v.text[head]
        if len(members) == count:
            return [Actor(a.code, text, head, head + 1, f"coref:{a.rule_id}", a.is_person) for a in members]
        if self.context.region:
            sector = agent.rule.sector if agent is not None else ""
            return [Actor(self.context.region + sector, text, head, head + 1, "coref:region", False)]
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

    def _of_group(self, head: int) -> list[Actor]:
        """"the presidents of the five former Soviet republics": the members of a counted group in the of-phrase (the
        last five countries named, or the region the article named); "the leaders of the two countries", "the two
        countries' leaders": the two the group reference names."""
        v = self.view
        # "the leaders of the two countries", "the two countries' leaders": a group of two as the of-object or owner
        owners = [*v.prep_objects(head, "of"), *(c for c in v.children[head] if v.dep[c] == "poss")]
        for owner in owners:
            if v.pos[owner] == "PRON":
                continue
            group = self._group_of_many(owner) or self._group_reference(owner)
            if group:
                return group
        return []

    def _the_region(self, phrase: list[int], text: str, span: tuple[int, int]) -> list[Actor]:
        """"the region's leaders", "leaders of the region": the region the article named last."""
        region = self.context.region
        v = self.view
        if region and any(v.lemma[t] == "region" and v.dep[t] in ("poss", "pobj") for t in phrase):
            return [Actor(region, text, *span, "coref:region", False)]
        return []

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

