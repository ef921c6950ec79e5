"""Phrases that stood where an actor should be (the subject or object of a coded predicate) but matched no rule:
the to-do list for dictionary upkeep, written to the dataset's `_unknown_actors.parquet`."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span

from coder.engine.actors.actor import Actor
from coder.engine.frames.frame import Frame
from coder.engine.mentions import DocMentions


class UnknownActors:
    def __init__(self, target_preps: list[str]):
        self.target_preps = tuple(target_preps)
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, str] = {}

    def note(self, frame: Frame, sources: list[Actor], targets: list[Actor], sent: Span,
             mentions: DocMentions) -> None:
        v, preps = frame.view, frame.preps
        heads = [*frame.subjects, *frame.objects, *[h for p in self.target_preps if p in preps for h in preps[p]]]
        for head in heads:
            if v.pos[head] not in ("PROPN", "NOUN") or head in mentions.actor_at:
                continue
            if any(a.start <= head < a.end for a in sources) or any(a.start <= head < a.end for a in targets):
                continue  # part of a phrase that named an actor
            if v.pos[head] == "NOUN" and v.ent_type[head] not in ("ORG", "NORP", "GPE", "PERSON"):
                continue
            if v.pos[head] == "PROPN" and v.ent_type[head] in ("DATE", "TIME", "MONEY", "CARDINAL", "PERCENT"):
                continue
            left_edge = sent.doc[head].left_edge.i
            phrase = " ".join(v.text[t] for t in range(left_edge, head + 1) if v.pos[t] in ("PROPN", "NOUN", "ADJ")
                              and v.dep[t] != "poss")
            if phrase:
                self.counts[phrase] += 1
                if phrase not in self.examples:
                    self.examples[phrase] = v.span_text(sent.start, sent.end).strip()

    def entries(self) -> list[tuple[str, int, str]]:
        """(phrase, count, example sentence), most frequent first."""
        return [(p, n, self.examples[p]) for p, n in self.counts.most_common()]
