"""Stage 5, places: where an act takes place, for hosts of visits and summits ("signed in Beijing", "in the Kazakh
capital", "arrived in Samarkand", a wire dateline). A place is never an actor itself: it names the host country."""

from __future__ import annotations

from coder.engine.actors.actor import Actor, np_tokens
from coder.engine.actors.context import ArticleContext
from coder.engine.docview import DocView
from coder.engine.frames.frame import Frame
from coder.rules.model import RuleSet
from coder.rules.text import alias_key


class Places:
    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.locative = tuple(rules.settings.locative_preps)
        self.gathering_nouns = frozenset(rules.settings.gathering_nouns)

    def place_country(self, place: str | None) -> str | None:
        """Country of a place name from the dictionaries ("ASTANA" -> KAZ, "MARY, Turkmenistan" -> TKM)."""
        if not place:
            return None
        for part in reversed([p.strip() for p in place.split(",")]):
            hit = self.rules.actor_aliases.get(part.lower()) or self.rules.actor_aliases.get(part.title().lower())
            if hit and hit[1].kind in ("country", "group") and hit[1].code:
                return hit[1].code[:3]
            town = self.rules.places.get(alias_key(part))  # "ALMATY, Feb 8 -", "ISTANBUL (Reuters) -"
            if town is not None:
                return town.country
        return None

    def frame_country(self, frame: Frame) -> str | None:
        """The country of a place named with in/at ("signed in Beijing") in the predicate's clause (for an event noun
        that is a clause's subject, "protests began in Atyrau", the clause's)."""
        v = frame.view
        roots = [frame.light_verb if frame.light_verb is not None else frame.predicate]
        if frame.kind == "noun" and v.dep[frame.predicate] in ("nsubj", "nsubjpass"):
            roots.append(v.head[frame.predicate])
        for prep in self.locative:
            heads = [*frame.preps.get(prep, [])] + [t for root in roots for c in v.children[root]
                                                     if v.dep[c] == "prep" and v.lower[c] == prep
                                                     for t in v.children[c]]
            for head in heads:
                country = self.country_of_place(v, head)
                if country:
                    return country
        return self._gathering_place(frame)

    def _gathering_place(self, frame: Frame) -> str | None:
        """"attend a summit of the SCO in Uzbekistan": the place of a gathering the predicate's object names."""
        v = frame.view
        nodes = [o for o in frame.objects if v.lemma[o] in self.gathering_nouns]
        for node in nodes:
            for place in v.prep_objects(node, "in", "at"):
                country = self.country_of_place(v, place)
                if country:
                    return country
            nodes.extend(v.prep_objects(node, "of"))  # the organisation's place: "a summit of the SCO in Uzbekistan"
        return None

    def country_of_place(self, v: DocView, head: int) -> str | None:
        phrase = [t for t in np_tokens(v, head) if v.dep[t] not in ("det", "punct")]
        for word in [head, *(t for t in phrase if t != head)]:
            # "in Astana", "in the Kazakh capital", "in the Russian city of Kazan"
            rule = self.rules.actor_aliases.get(v.lower[word]) or self.rules.actor_aliases.get(v.text[word])
            if rule and rule[1].kind in ("country", "group"):
                return rule[1].code[:3] if rule[1].code else None
        # "in Istanbul", "in St Petersburg", "in the oil city of Atyrau": a city from the places gazetteer
        runs: list[list[int]] = []
        for token in phrase:
            if v.pos[token] == "PROPN" and runs and runs[-1][-1] == token - 1:
                runs[-1].append(token)
            elif v.pos[token] == "PROPN":
                runs.append([token])
        names = [v.text[head], *(" ".join(v.text[t] for t in run) for run in runs),
                 *(v.text[t] for run in runs for t in run)]
        town = next((self.rules.places[k] for k in map(alias_key, names) if k in self.rules.places), None)
        return str(town.country) if town is not None else None  # a plain str: codes travel to worker processes

    def host(self, frame: Frame, context: ArticleContext) -> Actor | None:
        """The government of the country where the act takes place ("in Astana", else the dateline)."""
        country = self.frame_country(frame) or context.dateline_country
        return host_actor(country, frame) if country else None


def host_actor(country: str, frame: Frame) -> Actor:
    """The host of a visit: the government of `country`, standing at the predicate."""
    return Actor(country + "GOV", "(host)", frame.predicate, frame.predicate + 1, "host", False)
