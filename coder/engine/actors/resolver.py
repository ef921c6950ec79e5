"""Turn the head of a noun phrase into CAMEO actor codes, using the dictionary mentions inside the phrase, the event
date (people change office) and what the article said before (pronouns, title-only mentions, group references).

A head is read by named steps, in order (see `ActorResolver`); the first that decides gives the actors (a step that
does not apply passes). The actor's `rule_id` says how it was found: the actor rule (`person.tokayev`), an actor plus a
role word (`country.KAZ+agent.gov.foreign_minister`), or a rule reached through the article (`coref:...`,
`context:...`)."""

from __future__ import annotations

from mypy_extensions import mypyc_attr

from coder.engine.actors.actor import PERSON_SECTORS, Actor
from coder.engine.actors.belonging import Belonging, Head
from coder.engine.mentions import AgentMention
from coder.ontology.actor_codes import is_state

OBJECT_PRONOUNS = ("him", "her", "them")
PLURAL_PRONOUNS = ("they", "them")


@mypyc_attr(allow_interpreted_subclasses=True)  # the PETRARCH rule language resolves its own way
class ActorResolver(Belonging):
    """Resolves argument heads (token indices into `view`) of one sentence. The reading steps, in order: a group
    reference, a named actor, a learned name, a name owned by an actor, an organisation's group noun, a role word, an
    office's holder, a country word, a building, a border, a proxy noun, an organisation reference, a guest, a
    pronoun; each returns the actors when it decides, None when it does not apply."""

    def resolve(self, head: int, as_target: bool = False) -> list[Actor]:
        """Zero, one or several actors for one argument head (several: "the presidents of Kazakhstan and Uzbekistan").
        Targets do not take "it"/"its": as objects these mostly refer to things ("condemned it")."""
        actors = self._resolve(head, as_target)
        for actor in actors:
            if not actor.rule_id.startswith("coref:"):
                self.resolved.append(actor)
        return actors

    def _resolve(self, head: int, as_target: bool) -> list[Actor]:
        group = self._group_reference(head)  # "the two leaders", "each other": decided before the phrase is read
        if group is not None:
            return group
        phrase = self.phrase(head)
        span = (phrase[0], phrase[-1] + 1)
        h = Head(head, as_target, phrase, span, self.view.span_text(*span), self.mentions.actor_at.get(head))
        for step in (self._named_actor, self._learned_name, self._owned_name, self._organisation_head,
                     self._role_word, self._holder, self._country_word, self._building, self._border,
                     self._proxy_noun, self._organisation, self._guest, self._pronoun):
            found = step(h)
            if found is not None:
                return found
        return []

    # -- what the steps share -------------------------------------------------------------------------------------
    def _countries(self, h: Head) -> list[Actor]:
        if h.countries is None:
            h.countries = self._phrase_actors(h.phrase, exclude=h.token)
        return h.countries

    def _role_word_of(self, h: Head) -> AgentMention | None:
        if not h.agent_read:
            h.agent = self.mentions.agent_at.get(h.token) or self._agent_in_compounds(h.token, h.phrase) \
                or self._force_of(h.token)
            h.agent_read = True
        return h.agent

    def _force_of(self, head: int) -> AgentMention | None:
        """"a National Guard unit", "Israeli army bulldozers": a force's unit or vehicle (lexicon force_nouns) stands
        for the force its compound role word names."""
        v, agent_at = self.view, self.mentions.agent_at
        if v.lemma[head] not in self.context.lexicon.force_nouns:
            return None
        return next((agent_at[c] for c in v.children[head] if v.dep[c] == "compound" and c in agent_at), None)

    # -- the steps ------------------------------------------------------------------------------------------------
    def _named_actor(self, h: Head) -> list[Actor] | None:
        """A dictionary actor names the head itself ("Tokayev", "the CSTO", "Moscow")."""
        mention = h.mention
        if mention is None or mention.form == "adjective":
            return None
        home = self._home_of_people(mention)
        if home is not None:  # "Bosnian Serbs": civilians of Bosnia, like "Iraqi Kurds" (agents.yaml)
            return [self._with_sector(self._from_mention(home, h.text, h.span), "CVL", h.text, h.span, "people")]
        homes = (self._countries(h) or self._minority_home(h, mention)) if self._minority(mention) else []
        if homes:  # "ethnic Albanians demonstrated in Serbia": civilians of where they live
            return [self._with_sector(a, "CVL", h.text, h.span, "minority") for a in homes]
        return [*self._misparsed_partners(h.phrase, mention), self._from_mention(mention, h.text, h.span)]

    def _learned_name(self, h: Head) -> list[Actor] | None:
        """A name the article introduced earlier with a title ("Japanese Prime Minister Shinzo Abe" ... "Abe")."""
        v = self.view
        if v.pos[h.token] != "PROPN" or h.token in self.mentions.agent_at:
            return None
        known = self.context.learned.get(v.text[h.token])
        if known is None:
            return None
        return [Actor(known.code, h.text, *h.span, f"coref:{known.rule_id}", known.is_person)]

    def _owned_name(self, h: Head) -> list[Actor] | None:
        """An unknown name owned by a known actor ("the EU's Michel", "Russia's Lavrov"): that actor."""
        v, m = self.view, self.mentions
        if v.pos[h.token] != "PROPN" or h.token in m.agent_at or h.mention is not None:
            return None
        owners = [m.actor_at.get(c) for c in v.children[h.token] if v.dep[c] == "poss"]
        owner = owners[0] if owners else None
        if owner is None or owner.form == "adjective" or owner.rule.kind == "person":
            return None
        actor = self._from_mention(owner, h.text, h.span)
        self.context.learn([v.text[h.token]], Actor(actor.code, h.text, *h.span, actor.rule_id, True))
        return [Actor(actor.code, h.text, *h.span, actor.rule_id, True)]

    def _role_word(self, h: Head) -> list[Actor] | None:
        """A role word ("foreign minister", "border guards") with the country from the phrase, from an in-/from-phrase,
        a coordinated name or a group; without one, the last person of that sector ("the president") or the
        story's country ("police detained activists")."""
        agent = self._role_word_of(h)
        if agent is None:
            return None
        v, m = self.view, self.mentions
        head, phrase, text, span = h.token, h.phrase, h.text, h.span
        sector = agent.rule.sector
        # (a group that owns the role comes before a place: "the two countries' leaders in Moscow")
        countries = self._countries(h) or self._the_region(phrase, text, span) or self._of_group(head) \
            or self._located_in(head) or self._of_place(head) or self._affiliated(h, sector) \
            or self._conjunct_country(head) or self._shared_adjective(head) \
            or self._their_group(phrase) or self._minority_of(h)
        if countries:
            actors = [self._with_sector(actor, sector, text, span, agent.rule.id) for actor in countries]
            if v.pos[head] == "PROPN" and head not in m.agent_at and len(actors) == 1:
                names = [v.text[t] for t in phrase if v.pos[t] == "PROPN" and t not in m.agent_at
                         and t not in m.actor_at]
                if names:
                    self.context.learn([" ".join(names), names[-1]], actors[0])
            return actors
        if self._countryless(phrase) or head in m.unheld:
            # "foreign forces", "unidentified gunmen": of no country, so no actor; nor is a name the dictionaries give
            # someone only on other dates ("President Bush" in 1998): no guess from the article
            return []
        placed = self._placed_role(h, agent)
        if placed is not None:
            return placed
        if v.tag[head] in ("NN", "NNP") and (v.pos[head] == "PROPN" or any(v.lower[t] == "the" for t in phrase)):
            # title-only mention ("the president", "the minister"): the last person of that sector; a body ("the
            # interim government") is first the one named by a phrase with the same head word
            kind = "person" if sector in PERSON_SECTORS else "collective"
            previous = None if v.lemma[head] in self.context.lexicon.person_titles \
                else self.context.named_alike(head, v.lower[head], sector)
            previous = previous or self.context.antecedent(head, kind, sector)
            if previous is not None:
                return [Actor(previous.code, text, *span, f"coref:{previous.rule_id}", previous.is_person)]
        country = self.context.article_country()
        plural_people = v.lemma[head] in self.context.lexicon.person_titles and v.tag[head] in ("NNS", "NNPS")
        if country and sector not in ("ELI",) and not plural_people:  # "leaders" are often of many countries
            return [Actor(country + sector, text, *span, f"context:{agent.rule.id}", False)]
        return []

    def _holder(self, h: Head) -> list[Actor] | None:
        """"the heads of the two countries' security services", "the head of the Kazakh border service": the holder of
        an office (lexicon holder_nouns) is the body its of-phrase names (a role with a sector, not a country)."""
        v = self.view
        if v.lemma[h.token] not in self.context.lexicon.holder_nouns or h.token in self.mentions.agent_at:
            return None
        pobjs = v.prep_objects(h.token, "of")
        pobjs += [c for p in list(pobjs) for c in v.conjuncts(p) if c > p]
        bodies = [a for p in pobjs for a in self._resolve(p, h.as_target)]
        if not bodies or not all(len(a.code) > 3 and not a.is_person for a in bodies):
            return None
        return [Actor(a.code, h.text, *h.span, a.rule_id, True) for a in bodies]

    def _placed_role(self, h: Head, agent: AgentMention) -> list[Actor] | None:
        """A force or crowd named without its country (engine.yaml's `placed_roles`: "gunmen", "police",
        "protesters"): "the attackers" are of the country of the last actor of their sector named, in the sentence or
        before it ("gunmen from Afghanistan ... the attackers were captured": Afghan); others are of the country of the
        place their clause names ("police detained protesters in Osh" -> KGZCOP). None when neither applies (the
        story's country then)."""
        v, lexicon = self.view, self.context.lexicon
        head, sector = h.token, agent.rule.sector
        words = (v.lemma[head], v.lower[head], " ".join(v.lemma[t] for t in range(agent.start, agent.end)))
        if not any(word in lexicon.placed_roles for word in words):
            return None
        if v.tag[head] in ("NNS", "NNPS") and any(v.lower[t] == "the" for t in h.phrase):
            # (one named earlier in the same sentence first: "gunmen from Afghanistan attacked ... before 15 of the
            # attackers were shot dead")
            here = [a for a in self.resolved if a.start < head and a.sector == sector and not a.is_person]
            previous = max(here, key=lambda a: a.start) if here else self.context.antecedent(head, "", sector)
            if previous is not None and is_state(previous.code[:3]):
                rule_id = previous.rule_id if previous.rule_id.startswith("coref:") else f"coref:{previous.rule_id}"
                return [Actor(previous.code, h.text, *h.span, rule_id, False)]
        country = self._clause_place(head)
        if country is None:
            return None
        return [Actor(country + sector, h.text, *h.span, f"place:{agent.rule.id}", False)]

    def _country_word(self, h: Head) -> list[Actor] | None:
        """The head itself is a country's adjective ("the Chinese"), or shares the role word of the phrase it is
        coordinated with ("Kyrgyz and Tajik border guards")."""
        if h.mention is None:
            return None
        actor = self._from_mention(h.mention, h.text, h.span)
        shared = self._shared_role(h.token)
        return [self._with_sector(actor, shared.rule.sector, h.text, h.span, shared.rule.id) if shared else actor]

    def _building(self, h: Head) -> list[Actor] | None:
        """"stormed the building housing the presidency", "broke into the headquarters of the security service": a
        building stands for the institution it houses."""
        v, lexicon = self.view, self.context.lexicon
        if v.lemma[h.token] not in lexicon.building_nouns or not h.as_target or h.token in self.mentions.agent_at:
            return None
        housed = v.prep_objects(h.token, "of")
        housed += [t for c in v.children_with(h.token, "acl") if v.lemma[c] in lexicon.housing_verbs
                   for t in v.children_with(c, "dobj")]
        housed += [t for t0 in list(housed) for t in v.conjuncts(t0) if t > t0]
        institutions = [a for t in housed for a in self._resolve(t, as_target=True)]
        return institutions or None

    def _border(self, h: Head) -> list[Actor] | None:
        """"eased checks on its border with Kyrgyzstan": the neighbour across the border is the one affected."""
        v = self.view
        if v.lemma[h.token] not in self.context.lexicon.border_nouns or not h.as_target:
            return None
        neighbours = [a for p in v.prep_objects(h.token, "with") for a in self._resolve(p, as_target=True)]
        return neighbours or None

    def _proxy_noun(self, h: Head) -> list[Actor] | None:
        """A noun that stands for a country when its adjective or possessive modifies it (engine.yaml's proxy_nouns:
        "the Kazakh side", "Kyrgyz territory", "his counterparts from the five states")."""
        v, m = self.view, self.mentions
        head, text, span = h.token, h.text, h.span
        if v.lemma[head] not in self.context.settings.proxy_nouns:
            return None
        countries = self._countries(h) or self._located_in(head)
        if not countries:
            return None
        # "his Kyrgyz counterpart Almazbek Atambayev": the named person, not the adjective, is the actor
        named = [a for a in countries if a.is_person] or countries
        region = any(m.actor_at.get(t) is not None and m.actor_at[t].rule.kind == "group" for t in h.phrase)
        story_country = self.context.article_country() if region and len(named) == 1 else None
        if story_country and v.tag[head] == "NN":
            # "the gas-rich Central Asian nation" (one nation of the region): the country the story is about
            return [Actor(story_country, text, *span, f"context:{named[0].rule_id}", False)]
        if v.lemma[head] == "capital":  # "the Kazakh capital", like "Astana": the government
            return [Actor(a.code[:3] + "GOV" if is_state(a.code) else a.code, text, *span, a.rule_id) for a in named]
        if v.lemma[head] == "counterpart" and not any(a.is_person for a in named):
            # "his Kazakh counterpart", "his counterparts from the five states": a leader's or minister's
            # counterparts hold the same kind of office, in government
            return [Actor(a.code[:3] + "GOV" if is_state(a.code) and len(a.code) == 3 else a.code, text,
                          *span, a.rule_id, v.tag[head] == "NN") for a in named]
        return [Actor(a.code, text, *span, a.rule_id, a.is_person) for a in named]

    def _organisation(self, h: Head) -> list[Actor] | None:
        """"the bloc", "the alliance": the international organisation named last (engine.yaml's
        organisation_references); not one between parties ("the alliance between the two countries")."""
        v = self.view
        if v.lemma[h.token] not in self.context.settings.organisation_references or self._countries(h) \
                or not any(v.lower[t] == "the" for t in h.phrase) or v.prep_objects(h.token, "between"):
            return None
        earlier = self.context.last_organisation(h.token)
        if earlier is None:
            return None
        return [Actor(earlier.code, h.text, *h.span, f"coref:{earlier.rule_id}", False)]

    def _guest(self, h: Head) -> list[Actor] | None:
        """"his guest", "the visitors": the last person named from another country than the host's."""
        if self.view.lemma[h.token] not in self.context.lexicon.guest_nouns or self._countries(h):
            return None
        guest = self._guest_of(h.token)
        if guest is None:
            return None
        return [Actor(guest.code, h.text, *h.span, f"coref:{guest.rule_id}", guest.is_person)]

    def _pronoun(self, h: Head) -> list[Actor] | None:
        """A pronoun: the subject the sentence continues, else the last actor of its kind (engine.yaml's pronouns)."""
        v, head = self.view, h.token
        antecedent_kind = self.context.settings.pronouns.get(v.lower[head])
        if not antecedent_kind or v.pos[head] != "PRON" or (h.as_target and v.lower[head] in ("it", "its")):
            return None
        speaker = self._reporting_speaker(head, antecedent_kind)
        if speaker:  # "police said they had killed rioters": the police
            return [Actor(a.code, v.text[head], head, head + 1, f"coref:{a.rule_id}", a.is_person) for a in speaker]
        meeting = self.context.recent_meeting(head) if v.lower[head] in PLURAL_PRONOUNS else None
        if meeting is not None:  # "X met Y ... They discussed ...": the two who just met
            return [Actor(a.code, v.text[head], head, head + 1, f"coref:{a.rule_id}", a.is_person) for a in meeting]
        avoid = self.clause_subjects if v.lower[head] in OBJECT_PRONOUNS else set()
        previous = self._salient_subject(head, antecedent_kind) \
            or self.context.antecedent(head, antecedent_kind, avoid=avoid)
        if previous is None:
            return None
        return [Actor(previous.code, v.text[head], head, head + 1, f"coref:{previous.rule_id}", previous.is_person)]

    def _reporting_speaker(self, head: int, kind: str) -> list[Actor]:
        """The subject pronoun of a clause reported by a speech verb (`speech_verbs`) is its speaker when they agree:
        "police said they had killed dozens of rioters", "Kazakhstan said it would expel them", "Tokayev said he
        would attend" (a person for he/she, a body or country for it, either for they)."""
        v = self.view
        clause = v.head[head]
        if v.dep[head] not in ("nsubj", "nsubjpass") or v.dep[clause] != "ccomp" \
                or v.lemma[v.head[clause]] not in self.context.settings.speech_verbs:
            return []
        speakers = [t for t in v.children_with(v.head[clause], "nsubj") if t < head and v.pos[t] != "PRON"]
        if len(speakers) != 1:
            return []
        actors = self._resolve(speakers[0], False)
        plural = v.lower[head] in PLURAL_PRONOUNS
        if not actors or (len(actors) > 1 and not plural):
            return []
        if kind == "person" and not all(a.is_person for a in actors):
            return []
        if not plural and kind != "person" and any(a.is_person for a in actors):
            return []
        return actors

    # -- the subject a sentence continues -------------------------------------------------------------------------
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

