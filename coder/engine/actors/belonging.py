"""Where an actor belongs when its phrase does not say it outright: a minority people's home ("ethnic Uzbeks in
southern Kyrgyzstan"), the organisation a role word is affiliated with ("militants linked to the IMU"), the place of a
role's of-phrase ("the government of Sindh province") or of its clause, and the organisation named before a group noun
("the Taliban religious faction"). The word lists are engine.yaml's lexicon; `ActorResolver` calls these readings."""

from __future__ import annotations

from dataclasses import dataclass

from mypy_extensions import mypyc_attr

from coder.engine.actors.actor import Actor
from coder.engine.actors.groups import GroupReferences
from coder.engine.mentions import ActorMention, AgentMention


@dataclass(slots=True)
class Head:
    """An argument head being resolved, with its noun phrase, and what the steps read of it (once each)."""

    token: int
    as_target: bool
    phrase: list[int]
    span: tuple[int, int]
    text: str
    mention: ActorMention | None  # the dictionary mention at the head itself
    countries: list[Actor] | None = None  # the phrase's other actors (`ActorResolver._countries`)
    agent: AgentMention | None = None  # the phrase's role word (`ActorResolver._role_word_of`)
    agent_read: bool = False


@mypyc_attr(allow_interpreted_subclasses=True)
class Belonging(GroupReferences):
    def _minority_home(self, h: Head, people: ActorMention) -> list[Actor]:
        """Where a minority people (lexicon `minority_modifiers`: "ethnic Uzbeks") lives: the place of the head's own
        in-phrase, of a participle's or relative clause's ("ethnic Russians living in Kazakhstan"), or of its clause
        ("ethnic Albanians demonstrated in Serbia"); else the story's country; else none (the people's own country
        stays)."""
        v, finder = self.view, self.context.place_country
        head = h.token
        preps = [c for c in v.children[head] if v.dep[c] == "prep" and v.lower[c] == "in"]
        preps += [c for r in v.children[head] if v.dep[r] in ("acl", "relcl") for c in v.children[r]
                  if v.dep[c] == "prep" and v.lower[c] == "in"]
        found = {finder(v, pobj) for prep in preps for pobj in v.children[prep] if v.dep[pobj] == "pobj"} \
            if finder is not None else set()
        found.discard(None)
        country = found.pop() if len(found) == 1 else None
        country = country or self._clause_place(head) or self.context.article_country()
        if country is None:
            return []
        return [Actor(country, h.text, *h.span, f"place:{people.rule.id}", False)]

    def _affiliated(self, h: Head, sector: str) -> list[Actor]:
        """"militants linked to the Islamic Movement of Uzbekistan", "IMU-linked militants": a role word tied by a
        participle of affiliation (lexicon `affiliation_words`) to an organisation of the same sector is of it."""
        v, m, words = self.view, self.mentions, self.context.lexicon.affiliation_words
        named: list[int] = []
        for child in v.children[h.token]:
            if v.lower[child] not in words:
                continue
            if v.dep[child] == "acl":  # "linked to the IMU"
                named += [p for prep in v.children[child] if v.dep[prep] == "prep" and v.lower[prep] in ("to", "with")
                          for p in v.children[prep] if v.dep[p] == "pobj"]
            elif v.dep[child] == "amod":  # "IMU-linked"
                named += [c for c in v.children[child] if c < child and v.dep[c] in ("npadvmod", "compound", "amod")]
        for token in named:
            mention = m.actor_at.get(token)
            if mention is not None and mention.rule.kind == "organisation":
                actor = self._from_mention(mention, v.span_text(mention.start, mention.end), (mention.start, mention.end))
                if actor.sector == sector:
                    return [actor]
        return []

    def _of_place(self, head: int) -> list[Actor]:
        """"the government of Sindh province", "police of the Osh region": a role's of-phrase that names a town or
        region of the places gazetteer (not an actor) gives the role that place's country."""
        v, finder = self.view, self.context.place_country
        if finder is None:
            return []
        places = [p for p in v.prep_objects(head, "of") for p in (p, *v.conjuncts(p))
                  if p not in self.mentions.agent_at and p not in self.mentions.actor_at]
        found = {country for p in places if (country := finder(v, p)) is not None}
        if len(found) != 1:
            return []
        country = found.pop()
        return [Actor(country, v.text[places[0]], places[0], places[0] + 1, f"place:{country}", False)]

    def _minority_of(self, h: Head) -> list[Actor]:
        """"ethnic Albanian guerrillas": a role phrase whose only country word is a minority's is of where it lives."""
        people = next((m for t in h.phrase if (m := self.mentions.actor_at.get(t)) is not None and self._minority(m)),
                      None)
        if people is None:
            return []
        return self._minority_home(h, people) or [self._from_mention(people, h.text, h.span)]

    def _organisation_head(self, h: Head) -> list[Actor] | None:
        """"the Taliban religious faction", "the radical Palestinian Islamic Jihad movement", "the Hamas group": a
        generic group noun (lexicon `organisation_head_nouns`) whose compound or name modifier is an organisation is
        that organisation. Not a role word ("the Hezbollah militia" is read as a role of the organisation)."""
        v, m = self.view, self.mentions
        if v.lemma[h.token] not in self.context.lexicon.organisation_head_nouns or h.mention is not None \
                or h.token in m.agent_at:
            return None
        for child in v.children[h.token]:
            mention = m.actor_at.get(child) if child < h.token and v.dep[child] in ("compound", "nmod", "amod") \
                else None
            if mention is not None and mention.rule.kind == "organisation" and mention.form != "adjective":
                actor = self._from_mention(mention, h.text, h.span)
                return [Actor(actor.code, h.text, *h.span, f"{mention.rule.id}+head:{v.lemma[h.token]}", False)]
        return None

    def _clause_place(self, head: int) -> str | None:
        """The one country of the places the head's clause names with `place_preps` ("attacked a unit in the Kazakh
        city of Aktobe"), its coordinated clauses and their objects included ("raided shops and attacked a unit in
        Aktobe", "broke up the rally in Osh")."""
        v, finder = self.view, self.context.place_country
        if finder is None:
            return None
        clause = head
        for _ in range(4):  # up from a subject, an object or a by-phrase to its verb
            if v.pos[clause] in ("VERB", "AUX") or v.head[clause] == clause:
                break
            clause = v.head[clause]
        if v.pos[clause] not in ("VERB", "AUX"):
            return None
        clauses = [clause, *(c for c in v.children[clause] if v.dep[c] == "conj" and v.pos[c] == "VERB")]
        if v.dep[clause] == "conj" and v.pos[v.head[clause]] == "VERB":
            clauses.append(v.head[clause])
        clauses += [o for c in list(clauses) for o in v.children[c] if v.dep[o] == "dobj"]  # "the rally in Osh"
        preps = self.context.lexicon.place_preps
        # a role word is no place ("fired at Russian soldiers", "near the Chinese embassy" name who, not where)
        found = {finder(v, place) for c in clauses for prep in v.children[c]
                 if v.dep[prep] == "prep" and v.lower[prep] in preps
                 for pobj in v.children[prep] if v.dep[pobj] == "pobj" for place in (pobj, *v.conjuncts(pobj))
                 if place not in self.mentions.agent_at}
        found.discard(None)
        return found.pop() if len(found) == 1 else None
