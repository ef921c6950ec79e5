"""Verb frames: subjects (own, inherited through control and coordination, or the agent of a passive), objects, datives,
prepositional objects (also those hanging on the object), particles, voice and modality."""

from __future__ import annotations

from coder.engine.docview import DocView
from coder.engine.frames.frame import (PASSIVE_SUBJECT_DEPS, RELATIVE_PRONOUNS, SUBJECT_DEPS, Frame, collect_preps,
                                       content_head, expand)
from coder.engine.frames.modality import ModalityReader
from coder.engine.lexicon import EngineLexicon, packaged_lexicon
from coder.rules.model import EngineSettings



class VerbFrames:
    def __init__(self, settings: EngineSettings, noun_lemmas: set[str], verb_lemmas: set[str] | None = None,
                 lexicon: EngineLexicon | None = None):
        self.settings = settings
        self.lexicon = lexicon if lexicon is not None else packaged_lexicon()
        self.quantities = self.lexicon.quantity_words
        self.noun_lemmas = noun_lemmas
        self.verb_lemmas = verb_lemmas  # only verbs some rule names get a frame (None: every verb)
        self._triggers = frozenset(noun_lemmas | (verb_lemmas or set()))  # lemmas that can give a frame
        self.light_verbs = set(settings.light_verbs)
        self.gathering_nouns = set(settings.gathering_nouns)
        # event nouns of violence (`incident_codes`), set by the coder from the rules: "after clashes" is no act of
        # the clause's subject
        self.incident_nouns: frozenset[str] = frozenset()
        self.modality = ModalityReader(settings)

    def verb_frame(self, view: DocView, verb: int, complete: bool = True) -> Frame:
        dep, tag, head = view.dep, view.tag, view.head
        children = view.children[verb]
        child_deps = [dep[c] for c in children]
        frame = Frame(view, verb, "verb", view.lemma[verb])
        # (the dependency labels in hand tell at once whether a verb has such children: most have none)
        passive_subjects = view.children_with(verb, *PASSIVE_SUBJECT_DEPS) \
            if "nsubjpass" in child_deps or "csubjpass" in child_deps else []
        frame.passive = bool(passive_subjects) or "auxpass" in child_deps
        if dep[verb] == "acl" and tag[verb] == "VBN" and not self._main_verb_as_participle(view, verb):
            frame.passive = True  # "a contract signed by Kazakhstan": the noun is the patient
            passive_subjects = [head[verb]]
        collect_preps(view, verb, frame.preps, self.quantities)
        if not frame.passive:
            for manner in frame.preps.get("by", []):  # "spoke by telephone with Putin"
                collect_preps(view, manner, frame.preps, self.quantities)
        frame.particles = {view.lemma[c] for c in children if dep[c] == "prt"} if "prt" in child_deps else set()
        # "calling Kazakhstan a friend" describes its object; "struck deals worth $7 billion", "shot dead" do not
        frame.predicative = "oprd" in child_deps and any(dep[c] == "oprd" and view.lower[c] not in ("worth", "dead")
                                                         for c in children)
        # a copula with a predicate ("was the only legal party in Central Asia") describes; "was in Astana" locates
        frame.predicative = frame.predicative or (view.pos[verb] == "AUX" and ("attr" in child_deps
                                                                             or "acomp" in child_deps))
        if frame.passive:
            frame.objects = expand(view, self._patients(view, verb, passive_subjects), self.quantities)
            frame.subjects = frame.preps.pop("by", [])
        else:
            direct = view.children_with(verb, "dobj", "attr") if "dobj" in child_deps or "attr" in child_deps else []
            frame.object_words = [t for t in direct if content_head(view, t, self.quantities) != t]
            if direct:
                frame.object_words += [c for c in children if dep[c] == "oprd"] + frame.preps.get("as", [])
            if self._object_is_agent(view, verb):
                # "told visiting Chancellor Scholz": a participle misread as a clause; its object is its agent
                frame.subjects = expand(view, direct, self.quantities)
            else:
                # "Babanov, whom Nazarbayev had received": a relative pronoun object stands for the noun it modifies
                direct = [head[verb] if view.lower[t] in ("whom", "which", "that") and dep[verb] == "relcl" else t
                          for t in direct]
                frame.objects = expand(view, direct, self.quantities)
        self._object_phrases(view, children, frame)
        frame.pending = True
        if complete:
            self.complete(frame)
        return frame

    @staticmethod
    def _patients(view: DocView, verb: int, passive_subjects: list[int]) -> list[int]:
        """The patients of a passive verb: its passive subjects, else those of the clause it is coordinated with or
        the copula it describes."""
        dep, head = view.dep, view.head
        if not passive_subjects and dep[verb] == "conj":  # "X arrived and was met by Y": X is the patient
            passive_subjects = view.children_with(head[verb], *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)
        if dep[verb] == "conj":
            passive_subjects = VerbFrames._resolve_relative(view, passive_subjects, head[verb])
        if not passive_subjects and dep[verb] in ("relcl", "acl") and dep[head[verb]] == "attr":
            # "Nazarbayev is the first leader to be received by Trump": the copula's subject is the patient
            passive_subjects = view.children_with(head[head[verb]], *SUBJECT_DEPS)
        return passive_subjects

    def _object_phrases(self, view: DocView, children: list[int] | tuple[()], frame: Frame) -> None:
        """Prepositions attached to the object noun also carry targets ("signed an agreement with Kyrgyzstan")."""
        worth = [c for c in children if view.lower[c] == "worth"] if frame.objects else []
        for amount in list(frame.preps.get("in", [])):
            # "announced 26 billion yuan in financing and grants for Central Asian countries": the recipient hangs
            # on the kind of money
            if view.pos[amount] == "NOUN":
                collect_preps(view, amount, frame.preps, self.quantities)
        for obj in frame.objects:
            collect_preps(view, obj, frame.preps, self.quantities)
            for modifier in view.children_with(obj, "amod", "acl") + worth:
                # "struck deals worth $7.5 billion with US firms": the with-phrase hangs on the amount
                collect_preps(view, modifier, frame.preps, self.quantities)
                for inner in view.children_with(modifier, "npadvmod", "dobj", "pobj"):
                    collect_preps(view, inner, frame.preps, self.quantities)

    def deep_with(self, frame: Frame) -> list[int]:
        """"signed memoranda of understanding on loans totalling 1.47 billion euros with Kazakhstan": the partner of an
        agreement may hang deep inside the object's phrase. Looked for only when a coded frame needs a target."""
        view = frame.view
        dep, head = view.dep, view.head
        for obj in frame.objects:
            deep = [p for t in view.subtree(obj) if dep[t] == "prep" and view.lower[t] == "with"
                    and dep[head[t]] not in ("relcl", "ccomp")
                    and view.lemma[head[t]] not in self.noun_lemmas  # "in a call with Putin" is the call's
                    for p in view.children_with(t, "pobj")]
            if deep:
                return deep[:1] + [c for c in view.conjuncts(deep[0]) if c > deep[0]]
        return []

    def complete(self, frame: Frame) -> None:
        """Add to a verb frame built with `complete=False` the subjects of an active verb, datives and modality."""
        if not frame.pending:
            return
        frame.pending = False
        view, verb = frame.view, frame.predicate
        dep = view.dep
        children = view.children[verb]
        child_deps = [dep[c] for c in children]
        if not frame.passive and not self._object_is_agent(view, verb):
            if dep[verb] in ("amod", "acl") and view.tag[verb] == "VBG":  # "the visiting chancellor": the noun is
                active_subjects = [view.head[verb]]                       # the agent
            elif self._main_verb_as_participle(view, verb):
                active_subjects = [view.head[verb]]
            else:
                active_subjects = view.children_with(verb, *SUBJECT_DEPS)
            frame.subjects = (expand(view, self._resolve_relative(view, active_subjects, verb), self.quantities)
                              or self._inherited_subjects(view, verb))
            frame.subjects = self._headline_pair(view, verb, frame.subjects) + frame.subjects
        frame.datives = expand(view, [c for c in children if dep[c] in ("dative", "iobj") and view.pos[c] != "ADP"], self.quantities)
        for clause in children:
            # "Tokayev and Aliyev also attended, as did Hungarian Prime Minister Viktor Orban": "as did X" repeats the
            # act with X as its subject
            if dep[clause] == "advcl" and view.lemma[clause] == "do" \
                    and any(view.lower[m] == "as" for m in view.children_with(clause, "mark")):
                frame.subjects = frame.subjects + expand(view, view.children_with(clause, "nsubj"), self.quantities)
        self.modality.read(view, verb, frame, child_deps)

    @staticmethod
    def _headline_pair(view: DocView, verb: int, subjects: list[int]) -> list[int]:
        """Headline coordination by comma ("Japan, Turkmenistan sign deals", "Uzbek, Kyrgyz presidents sign deal"):
        the parser hangs the first name on the verb as a modifier; it is a subject too."""
        if not subjects:
            return []
        for child in view.children[verb]:
            if view.pos[child] == "PROPN" and child < subjects[0] \
                    and view.dep[child] in ("npadvmod", "advcl", "appos", "dep", "nmod") \
                    and view.text[child + 1] == "," and child == view.sentence_start(child):
                return [child]
        return []

    @staticmethod
    def _main_verb_as_participle(view: DocView, verb: int) -> bool:
        """"Moscow, which has bases in both countries, called on its allies to ...": the parser makes the subject the
        root and the main verb a participle modifying it; a root noun with a relative clause, then a comma and a
        past-tense verb, has that verb as its predicate (the sentence has no other)."""
        noun = view.head[verb]
        return (view.dep[verb] == "acl" and view.tag[verb] in ("VBD", "VBN") and view.dep[noun] == "ROOT"
                and view.pos[noun] in ("NOUN", "PROPN") and verb > 0 and view.lower[verb - 1] == ","
                and any(view.dep[c] == "relcl" and c < verb for c in view.children[noun]))

    def _object_is_agent(self, view: DocView, verb: int) -> bool:
        """A participle misread as a clause ("told visiting Chancellor Scholz"): its object is its agent."""
        return (view.dep[verb] == "xcomp" and view.tag[verb] == "VBG"
                and view.lemma[view.head[verb]] not in self.lexicon.object_control_verbs
                and view.lemma[view.head[verb]] not in self.lexicon.aspect_verbs
                and bool(view.children_with(verb, "dobj", "attr")) and not view.children_with(verb, *SUBJECT_DEPS))

    @staticmethod
    def _resolve_relative(view: DocView, subjects: list[int], verb: int) -> list[int]:
        out = []
        for s in subjects:
            if view.lower[s] in RELATIVE_PRONOUNS and view.dep[verb] == "relcl":
                out.append(view.head[verb])  # "Modi, who held talks" -> Modi
            else:
                out.append(s)
        return out

    def _inherited_subjects(self, view: DocView, verb: int) -> list[int]:
        """Subjects shared with a governing verb: control ("agreed to sign"), coordination ("met X and signed")."""
        if view.dep[verb] == "ROOT":
            # headline style "Putin praises Turkmen neutrality, meets Berdimuhamedov": the parser makes the first
            # clause a complement of the second; a subjectless root shares the subject of that first clause
            for child in view.children[verb]:
                if view.dep[child] in ("ccomp", "parataxis") and child < verb and view.text[verb - 1] == ",":
                    subjects = view.children_with(child, *SUBJECT_DEPS)
                    if subjects:
                        return expand(view, subjects, self.quantities)
        node = verb
        for _ in range(6):
            head = view.head[node]
            if head == node:
                return []
            dep = view.dep[node]
            if dep == "xcomp":
                if view.lemma[head] in self.lexicon.object_control_verbs:
                    objects = view.children_with(head, "dobj")
                    if objects:
                        return expand(view, objects, self.quantities)
                subjects = view.children_with(head, *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)  # "is scheduled to meet"
                if subjects:
                    return expand(view, self._resolve_relative(view, subjects, head), self.quantities)
            elif dep == "acomp":  # "was due to fly", "is ready to negotiate": the adjective's clause subject
                subjects = view.children_with(head, *SUBJECT_DEPS)
                if subjects:
                    return expand(view, self._resolve_relative(view, subjects, head), self.quantities)
            elif dep == "conj" or (dep in ("advcl", "ccomp") and not view.children_with(node, "mark")):
                subjects = view.children_with(head, *SUBJECT_DEPS)
                if subjects:
                    return expand(view, self._resolve_relative(view, subjects, head), self.quantities)
            elif dep == "relcl":
                return [head]
            elif dep == "pcomp" and view.lower[head] in self.lexicon.gerund_time_preps \
                    and view.pos[view.head[head]] in ("VERB", "AUX"):
                # "held talks with Tokayev before chairing a meeting", "signed the deal after meeting Putin"
                clause = view.head[head]
                subjects = view.children_with(clause, *SUBJECT_DEPS)
                if subjects:
                    return expand(view, self._resolve_relative(view, subjects, clause), self.quantities)
                node = head  # the clause's own subject may be inherited in turn
            elif dep == "pcomp" and view.lower[head] == "for" and view.pos[view.head[head]] == "VERB":
                # "thanked Trump for hosting the meeting", "criticised Russia for failing to ...": the object acts
                objects = view.children_with(view.head[head], "dobj")
                return expand(view, objects, self.quantities) if objects else []
            else:
                return []
            node = head
        return []

