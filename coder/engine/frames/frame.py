"""The predicate frame: who (subjects) does what (a verb or event noun) to whom (objects, datives, prepositional
objects), with negation, modality and voice, and the helpers that read argument heads from the parse.

A frame holds argument *heads* as token indices into its sentence's `DocView` (`frame.view.text[i]` is the word);
turning heads into actors is the job of `coder.engine.actors`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coder.engine.docview import DocView
from coder.engine.labels import Modality

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
RELATIVE_PRONOUNS = ("who", "which", "that", "whom")


@dataclass(slots=True)
class Frame:
    view: DocView  # the parse the token indices below point into
    predicate: int
    kind: str  # verb | noun
    lemma: str
    subjects: list[int] = field(default_factory=list)
    objects: list[int] = field(default_factory=list)  # direct objects (for passives: the passive subject)
    datives: list[int] = field(default_factory=list)
    preps: dict[str, list[int]] = field(default_factory=dict)  # preposition -> object heads
    particles: set[str] = field(default_factory=set)
    predicative: bool = False  # "called Kazakhstan a friend": the object is described, not acted on
    passive: bool = False
    negated: bool = False
    modality: Modality = "asserted"  # coder.engine.labels.MODALITIES
    refused: bool = False
    governor: int | None = None  # the intent / refusal / speech verb this predicate depends on
    light_verb: int | None = None  # for event nouns: the verb that carries them ("held" talks)
    modifiers: list[int] = field(default_factory=list)  # for event nouns: "Kazakh-Chinese talks", "Dushanbe visit"
    # for event nouns in a clause's circumstances ("offered condolences to Putin in a telephone call"): the clause's
    # addressees (datives, to-objects), the partners of a call or talks that names none of its own
    clause_partners: list[int] = field(default_factory=list)
    # ...and the patients of an agentless passive clause ("two border guards and three armed men were killed in a
    # gunfight"): the parties of a symmetric clash the clause took place in
    clause_patients: list[int] = field(default_factory=list)
    # words rules may key on besides the objects' heads: the quantity of "killed hundreds of Uzbeks", the description
    # of "called Kazakhstan a friend" / "described Kazakhstan as a partner"
    object_words: list[int] = field(default_factory=list)
    pending: bool = False  # built without what only a coded frame needs (see FrameBuilder.complete)

    def object_lemmas(self) -> set[str]:
        view = self.view
        words = self.objects + self.object_words if self.object_words else self.objects
        return {view.lemma[t] for t in words} | {view.lower[t] for t in words}

    def prep_objects(self, prep: str) -> list[int]:
        return self.preps.get(prep, [])

    def words(self, tokens: list[int]) -> list[str]:
        return [self.view.text[t] for t in tokens]


def with_conjuncts(view: DocView, token: int) -> list[int]:
    """The token and every token coordinated with it ("Kazakhstan and Kyrgyzstan")."""
    if not view.has_conjuncts:
        return [token]
    out = [token]
    for conj in view.conjuncts(token):
        if view.dep[conj] == "conj" or conj < token:
            out.append(conj)
    return sorted(set(out))


def content_head(view: DocView, token: int, quantities: frozenset[str]) -> int:
    """"hundreds of people", "some of them", "a group of activists": the noun the quantity counts (`quantities`: the
    lexicon's quantity_words)."""
    if view.pos[token] == "NUM" or view.lower[token] in quantities:
        for child in view.children[token]:
            if view.dep[child] == "prep" and view.lower[child] == "of":
                for pobj in view.children[child]:
                    if view.dep[pobj] == "pobj":
                        return pobj
    return token


def expand(view: DocView, tokens: list[int], quantities: frozenset[str]) -> list[int]:
    """The tokens (a quantity: the noun it counts) with their conjuncts, each once, in order."""
    if not tokens:
        return []  # the common case (no object, no dative, ...): called for every slot of every frame
    tokens = [content_head(view, t, quantities) for t in tokens]
    if not view.has_conjuncts:
        return list(dict.fromkeys(tokens)) if len(tokens) > 1 else tokens
    out: list[int] = []
    for t in tokens:
        for c in with_conjuncts(view, t):
            if c not in out:
                out.append(c)
    return out


def collect_preps(view: DocView, token: int, into: dict[str, list[int]], quantities: frozenset[str]) -> None:
    dep = view.dep
    for child in view.children[token]:
        relation = dep[child]
        if relation == "prep" or relation == "agent" or (relation == "dative" and view.pos[child] == "ADP"):
            key = "by" if relation == "agent" else view.lemma[child]
            objects = expand(view, [c for c in view.children[child] if dep[c] == "pobj" or dep[c] == "pcomp"], quantities)
            # "between X and Y", "with X as well as Y"
            if objects:
                known = into.get(key)
                if known is None:
                    into[key] = objects  # a new list from _expand, its tokens each once
                else:
                    known.extend([o for o in objects if o not in known])


