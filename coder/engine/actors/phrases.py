"""Reading an argument head's noun phrase: the dictionary mentions inside it, its role word, the country an in- or
from-phrase or a coordinated name gives it, the owner of a thing, the roles a country's bodies play."""

from __future__ import annotations

from datetime import date

from mypy_extensions import mypyc_attr

from coder.engine.actors.actor import PERSON_SECTORS, Actor, np_tokens
from coder.engine.actors.context import ArticleContext
from coder.engine.docview import DocView
from coder.engine.mentions import ActorMention, AgentMention, DocMentions
from coder.ontology.actor_codes import is_state, with_sector


@mypyc_attr(allow_interpreted_subclasses=True)
class ActorPhrases:
    """The state of resolving one sentence's argument heads (token indices into `view`)."""

    def __init__(self, mentions: DocMentions, event_date: date | None, context: ArticleContext, view: DocView):
        self.mentions = mentions
        self.day = event_date
        self.context = context
        self.view = view
        self.resolved: list[Actor] = []  # everything resolved in this sentence, for later pronouns
        self.clause_subjects: set[str] = set()  # codes an object pronoun cannot refer to (its own clause's subject)
        self.sentence_start = 0  # first token of the sentence being coded
        self._phrases: dict[int, list[int]] = {}  # head -> its noun phrase: heads recur across a sentence's frames
        self.countryless = frozenset(context.settings.countryless_modifiers)  # "foreign forces": no country

    def phrase(self, head: int) -> list[int]:
        phrase = self._phrases.get(head)
        if phrase is None:
            phrase = self._phrases[head] = np_tokens(self.view, head)
        return phrase

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
            if self._countryless(phrase):
                continue  # "foreign forces", "unidentified gunmen" are of no country
            out.append(Actor(country + agent.rule.sector, self.view.span_text(phrase[0], phrase[-1] + 1),
                             phrase[0], phrase[-1] + 1, f"domestic:{agent.rule.id}", False))
        return out

    def _countryless(self, phrase: list[int]) -> bool:
        """A modifier of the phrase says it names no country ("foreign forces"); words of a role phrase itself
        ("the foreign minister") do not count."""
        agent_at, lower = self.mentions.agent_at, self.view.lower
        return any(lower[t] in self.countryless and t not in agent_at for t in phrase)

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
        # "praised Turkmen neutrality", "condemned Russian aggression", "rejected a US offer": a country adjective or
        # name on a thing (not on a role word, which is an actor of its own)
        if head not in self.mentions.agent_at:
            for child in v.children[head]:
                mention = self.mentions.actor_at.get(child) if v.dep[child] in ("amod", "compound") else None
                if mention is not None and mention.rule.kind == "country" \
                        and (mention.form == "adjective" or v.dep[child] == "compound"):
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

    def _shared_adjective(self, head: int) -> list[Actor]:
        """"the Syrian government and rebels": a bare role noun coordinated after a role phrase whose country is an
        adjective shares that adjective. Only a bare noun: "the Kyrgyz government and Tajik rebels" have their own
        adjective, "the Russian president and his guest" an owner, "the government and the rebels" a determiner of
        their own; and only an adjective ("Russia's president and rebels" is no shared modifier)."""
        v, m = self.view, self.mentions
        if v.dep[head] != "conj" or any(v.dep[c] not in ("cc", "conj", "punct", "prep") for c in v.children[head]):
            return []
        first = head
        while v.dep[first] == "conj" and v.head[first] != first:
            first = v.head[first]
        if first >= head or first not in m.agent_at:
            return []
        shared = [m.actor_at[c] for c in v.children[first] if c < first and v.dep[c] == "amod" and c in m.actor_at
                  and m.actor_at[c].form == "adjective" and m.actor_at[c].rule.kind == "country"]
        if len(shared) != 1:
            return []
        mention = shared[0]
        return [self._from_mention(mention, v.span_text(mention.start, mention.end), (mention.start, mention.end))]

    def _shared_role(self, head: int) -> AgentMention | None:
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

    def _agent_in_compounds(self, head: int, phrase: list[int]) -> AgentMention | None:
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
            if mention is not None and mention not in seen and not (mention.start <= exclude < mention.end) \
                    and not self._minority(mention) and self._home_of_people(mention) is None:
                seen.append(mention)
        return [self._from_mention(mn, self.view.span_text(mn.start, mn.end), (mn.start, mn.end)) for mn in seen]

    def _home_of_people(self, mention: ActorMention) -> ActorMention | None:
        """"Bosnian Serbs", "Afghan Tajik fighters", "Kosovo Albanians": a people word (lexicon `ethnic_peoples`) right
        after another country's adjective (or a name before a people noun) is the people living in that country; the
        mention before it, whose country the phrase takes (the people word gives none). A name before a people
        adjective is a pair ("Russia Kazakh talks" in a headline)."""
        v = self.view
        if mention.rule.kind != "country" or mention.form not in ("adjective", "demonym") or mention.start == 0 \
                or v.lower[mention.start] not in self.context.lexicon.ethnic_peoples:
            return None
        home = self.mentions.actor_at.get(mention.start - 1)
        if home is None or home.end != mention.start or home.rule.kind != "country" or home.rule is mention.rule \
                or not (home.form == "adjective" or (home.form == "name" and mention.form == "demonym")) \
                or v.head[home.end - 1] not in (mention.end - 1, v.head[mention.end - 1]):  # one noun phrase
            return None
        return home

    def _minority(self, mention: ActorMention) -> bool:
        """"ethnic Albanians", "ethnic Serb civilians": a country's adjective or people right after a minority modifier
        (lexicon `minority_modifiers`) names a people living elsewhere, and no country of its own."""
        return mention.rule.kind == "country" and mention.form in ("adjective", "demonym") and mention.start > 0 \
            and self.view.lower[mention.start - 1] in self.context.lexicon.minority_modifiers

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
