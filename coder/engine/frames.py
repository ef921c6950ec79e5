"""Predicate frames from spaCy's dependency parse: who (subjects) does what (a verb or event noun) to whom (objects,
datives, prepositional objects), with negation, modality and voice.

A frame holds argument *heads* as token indices into its sentence's `DocView` (`frame.view.text[i]` is the word);
turning heads into actors is the job of `coder.engine.actors`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coder.engine.docview import DocView
from coder.rules.model import EngineSettings

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
RELATIVE_PRONOUNS = ("who", "which", "that", "whom")
CIRCUMSTANCE_PREPS = ("in", "during", "at", "on", "after")  # "in a call with", "during a visit to"
# "began supplying gas", "kept sending troops": the gerund is the action itself, with its own object
ASPECT_VERBS = ("begin", "start", "continue", "keep", "stop", "resume", "finish", "cease", "quit", "go")
GERUND_TIME_PREPS = ("before", "after", "while", "by", "without", "upon", "since")  # "before chairing a meeting"
TRIP_NOUNS = ("tour", "trip", "journey", "visit", "leg", "itinerary")
MOVEMENT_VERBS = ("travel", "fly", "go", "come", "arrive", "head", "leave", "return", "stay", "be")
OBJECT_CONTROL_VERBS = ("urge", "ask", "call", "invite", "encourage", "persuade", "force", "press", "tell", "allow",
                        "help", "request", "push", "order", "instruct", "appeal")


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
    modality: str = "asserted"  # asserted | intended | hypothetical | reported | negated
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
    carried: list[int] = field(default_factory=list)  # "a tour that will take Abe to ...": the traveller
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


QUANTITY_WORDS = frozenset(("hundreds", "thousands", "dozens", "scores", "tens", "millions", "some", "several", "many",
                            "most", "all", "none", "each", "both", "members", "group", "groups", "number"))


def content_head(view: DocView, token: int) -> int:
    """"hundreds of people", "some of them", "a group of activists": the noun the quantity counts."""
    if view.pos[token] == "NUM" or view.lower[token] in QUANTITY_WORDS:
        for child in view.children[token]:
            if view.dep[child] == "prep" and view.lower[child] == "of":
                for pobj in view.children[child]:
                    if view.dep[pobj] == "pobj":
                        return pobj
    return token


def _expand(view: DocView, tokens: list[int]) -> list[int]:
    """The tokens (a quantity: the noun it counts) with their conjuncts, each once, in order."""
    if not tokens:
        return []  # the common case (no object, no dative, ...): called for every slot of every frame
    tokens = [content_head(view, t) for t in tokens]
    if not view.has_conjuncts:
        return list(dict.fromkeys(tokens)) if len(tokens) > 1 else tokens
    out: list[int] = []
    for t in tokens:
        for c in with_conjuncts(view, t):
            if c not in out:
                out.append(c)
    return out


def _collect_preps(view: DocView, token: int, into: dict[str, list[int]]) -> None:
    dep = view.dep
    for child in view.children[token]:
        relation = dep[child]
        if relation == "prep" or relation == "agent" or (relation == "dative" and view.pos[child] == "ADP"):
            key = "by" if relation == "agent" else view.lemma[child]
            objects = _expand(view, [c for c in view.children[child] if dep[c] == "pobj" or dep[c] == "pcomp"])
            # "between X and Y", "with X as well as Y"
            if objects:
                known = into.get(key)
                if known is None:
                    into[key] = objects  # a new list from _expand, its tokens each once
                else:
                    known.extend([o for o in objects if o not in known])


class FrameBuilder:
    def __init__(self, settings: EngineSettings, noun_lemmas: set[str], verb_lemmas: set[str] | None = None):
        self.settings = settings
        self.noun_lemmas = noun_lemmas
        self.verb_lemmas = verb_lemmas  # only verbs some rule names get a frame (None: every verb)
        self._triggers = frozenset(noun_lemmas | (verb_lemmas or set()))  # lemmas that can give a frame
        self.light_verbs = set(settings.light_verbs)
        self.gathering_nouns = set(settings.gathering_nouns)
        # the settings' word lists as sets, for membership tests in the per-token loops
        self.hypothetical_markers = set(settings.hypothetical_markers)
        self.conditional_markers = self.hypothetical_markers & {"if", "unless"}
        self.intent_auxiliaries = set(settings.intent_auxiliaries)
        self.refusal_verbs = set(settings.refusal_verbs)
        self.threat_verbs = set(settings.threat_verbs)
        self.appeal_verbs = set(settings.appeal_verbs)
        self.intent_verbs = set(settings.intent_verbs)
        self.speech_verbs = set(settings.speech_verbs)

    # -- public ---------------------------------------------------------------------------------------------------
    def frames(self, view: DocView, start: int, end: int, complete: bool = True) -> list[Frame]:
        """Frames of the predicates in tokens [start, end) (a sentence) that some rule could code. With
        `complete=False`, verb frames hold only what picks a rule (objects, prepositions, particles, voice); call
        `complete(frame)` for the frames a rule codes: most of a frame's cost is its subjects and modality."""
        frames: list[Frame] = []
        verbs, nouns = self.verb_lemmas, self.noun_lemmas
        pos, lemma, lower = view.pos, view.lemma, view.lower
        tokens: range | list[int] = range(start, end)
        if verbs is not None:  # only words some rule names can give a frame: skip the others at once
            triggers = self._triggers
            tokens = [t for t in tokens if lemma[t] in triggers or lower[t] in nouns]
        for token in tokens:
            if pos[token] == "VERB" or (pos[token] == "AUX" and view.dep[token] == "ROOT"):
                if verbs is None or lemma[token] in verbs:
                    frames.append(self.verb_frame(view, token, complete))
            elif pos[token] in ("NOUN", "PROPN") and (lemma[token] in nouns or lower[token] in nouns):
                frames.append(self.noun_frame(view, token))  # the noun key is the lemma or, failing that, the word
        return frames

    def _noun_key(self, view: DocView, token: int) -> str:
        """The event noun a token names: its lemma if some rule names it, else the word ("talks")."""
        return view.lemma[token] if view.lemma[token] in self.noun_lemmas else view.lower[token]

    # -- verbs ----------------------------------------------------------------------------------------------------
    def verb_frame(self, view: DocView, verb: int, complete: bool = True) -> Frame:
        dep, tag, head = view.dep, view.tag, view.head
        children = view.children[verb]
        child_deps = [dep[c] for c in children]
        frame = Frame(view, verb, "verb", view.lemma[verb])
        # (the dependency labels in hand tell at once whether a verb has such children: most have none)
        passive_subjects = view.children_with(verb, *PASSIVE_SUBJECT_DEPS) \
            if "nsubjpass" in child_deps or "csubjpass" in child_deps else []
        frame.passive = bool(passive_subjects) or "auxpass" in child_deps
        if dep[verb] == "acl" and tag[verb] == "VBN":  # "a contract signed by Kazakhstan": the noun is the patient
            frame.passive = True
            passive_subjects = [head[verb]]
        _collect_preps(view, verb, frame.preps)
        if not frame.passive:
            for manner in frame.preps.get("by", []):  # "spoke by telephone with Putin"
                _collect_preps(view, manner, frame.preps)
        frame.particles = {view.lemma[c] for c in children if dep[c] == "prt"} if "prt" in child_deps else set()
        # "calling Kazakhstan a friend" describes its object; "struck deals worth $7 billion", "shot dead" do not
        frame.predicative = "oprd" in child_deps and any(dep[c] == "oprd" and view.lower[c] not in ("worth", "dead")
                                                         for c in children)
        # a copula with a predicate ("was the only legal party in Central Asia") describes; "was in Astana" locates
        frame.predicative = frame.predicative or (view.pos[verb] == "AUX" and ("attr" in child_deps
                                                                             or "acomp" in child_deps))
        if frame.passive:
            if not passive_subjects and dep[verb] == "conj":  # "X arrived and was met by Y": X is the patient
                passive_subjects = view.children_with(head[verb], *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)
            if dep[verb] == "conj":
                passive_subjects = self._resolve_relative(view, passive_subjects, head[verb])
            if not passive_subjects and dep[verb] in ("relcl", "acl") and dep[head[verb]] == "attr":
                # "Nazarbayev is the first leader to be received by Trump": the copula's subject is the patient
                passive_subjects = view.children_with(head[head[verb]], *SUBJECT_DEPS)
            frame.objects = _expand(view, passive_subjects)
            frame.subjects = frame.preps.pop("by", [])
        else:
            direct = view.children_with(verb, "dobj", "attr") if "dobj" in child_deps or "attr" in child_deps else []
            frame.object_words = [t for t in direct if content_head(view, t) != t]
            if direct:
                frame.object_words += [c for c in children if dep[c] == "oprd"] + frame.preps.get("as", [])
            if self._object_is_agent(view, verb):
                # "told visiting Chancellor Scholz": a participle misread as a clause; its object is its agent
                frame.subjects = _expand(view, direct)
            else:
                # "Babanov, whom Nazarbayev had received": a relative pronoun object stands for the noun it modifies
                direct = [head[verb] if view.lower[t] in ("whom", "which", "that") and dep[verb] == "relcl" else t
                          for t in direct]
                frame.objects = _expand(view, direct)
        # preps attached to the object noun also carry targets ("signed an agreement with Kyrgyzstan")
        worth = [c for c in children if view.lower[c] == "worth"] if frame.objects else []
        for amount in list(frame.preps.get("in", [])):
            # "announced 26 billion yuan in financing and grants for Central Asian countries": the recipient hangs
            # on the kind of money
            if view.pos[amount] == "NOUN":
                _collect_preps(view, amount, frame.preps)
        for obj in frame.objects:
            _collect_preps(view, obj, frame.preps)
            for modifier in view.children_with(obj, "amod", "acl") + worth:
                # "struck deals worth $7.5 billion with US firms": the with-phrase hangs on the amount
                _collect_preps(view, modifier, frame.preps)
                for inner in view.children_with(modifier, "npadvmod", "dobj", "pobj"):
                    _collect_preps(view, inner, frame.preps)
        if frame.lemma == "take" and frame.objects and "to" in frame.preps and self._trip_subject(view, verb):
            # "a tour that will also take Abe to Tajikistan": a trip carrying someone is that person travelling
            frame.lemma, frame.carried = "travel", frame.objects
            frame.objects = []
        frame.pending = True
        if complete:
            self.complete(frame)
        return frame

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

    @staticmethod
    def _trip_subject(view: DocView, verb: int) -> bool:
        subjects = view.children_with(verb, "nsubj")
        if subjects and view.lower[subjects[0]] in RELATIVE_PRONOUNS and view.dep[verb] == "relcl":
            subjects = [view.head[verb]]
        return bool(subjects) and view.lemma[subjects[0]] in TRIP_NOUNS

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
            else:
                active_subjects = view.children_with(verb, *SUBJECT_DEPS)
            frame.subjects = (_expand(view, self._resolve_relative(view, active_subjects, verb))
                              or self._inherited_subjects(view, verb))
            frame.subjects = self._headline_pair(view, verb, frame.subjects) + frame.subjects
        frame.datives = _expand(view, [c for c in children if dep[c] in ("dative", "iobj") and view.pos[c] != "ADP"])
        if frame.carried:
            frame.subjects = frame.carried
        for clause in children:
            # "Tokayev and Aliyev also attended, as did Hungarian Prime Minister Viktor Orban": "as did X" repeats the
            # act with X as its subject
            if dep[clause] == "advcl" and view.lemma[clause] == "do" \
                    and any(view.lower[m] == "as" for m in view.children_with(clause, "mark")):
                frame.subjects = frame.subjects + _expand(view, view.children_with(clause, "nsubj"))
        self._modality(view, verb, frame, child_deps)

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
    def _object_is_agent(view: DocView, verb: int) -> bool:
        """A participle misread as a clause ("told visiting Chancellor Scholz"): its object is its agent."""
        return (view.dep[verb] == "xcomp" and view.tag[verb] == "VBG"
                and view.lemma[view.head[verb]] not in OBJECT_CONTROL_VERBS
                and view.lemma[view.head[verb]] not in ASPECT_VERBS
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
                        return _expand(view, subjects)
        node = verb
        for _ in range(6):
            head = view.head[node]
            if head == node:
                return []
            dep = view.dep[node]
            if dep == "xcomp":
                if view.lemma[head] in OBJECT_CONTROL_VERBS:
                    objects = view.children_with(head, "dobj")
                    if objects:
                        return _expand(view, objects)
                subjects = view.children_with(head, *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)  # "is scheduled to meet"
                if subjects:
                    return _expand(view, self._resolve_relative(view, subjects, head))
            elif dep == "acomp":  # "was due to fly", "is ready to negotiate": the adjective's clause subject
                subjects = view.children_with(head, *SUBJECT_DEPS)
                if subjects:
                    return _expand(view, self._resolve_relative(view, subjects, head))
            elif dep == "conj" or (dep in ("advcl", "ccomp") and not view.children_with(node, "mark")):
                subjects = view.children_with(head, *SUBJECT_DEPS)
                if subjects:
                    return _expand(view, self._resolve_relative(view, subjects, head))
            elif dep == "relcl":
                return [head]
            elif dep == "pcomp" and view.lower[head] in GERUND_TIME_PREPS \
                    and view.pos[view.head[head]] in ("VERB", "AUX"):
                # "held talks with Tokayev before chairing a meeting", "signed the deal after meeting Putin"
                clause = view.head[head]
                subjects = view.children_with(clause, *SUBJECT_DEPS)
                if subjects:
                    return _expand(view, self._resolve_relative(view, subjects, clause))
                node = head  # the clause's own subject may be inherited in turn
            elif dep == "pcomp" and view.lower[head] == "for" and view.pos[view.head[head]] == "VERB":
                # "thanked Trump for hosting the meeting", "criticised Russia for failing to ...": the object acts
                objects = view.children_with(view.head[head], "dobj")
                return _expand(view, objects) if objects else []
            else:
                return []
            node = head
        return []

    # -- event nouns ----------------------------------------------------------------------------------------------
    def noun_frame(self, view: DocView, noun: int) -> Frame:
        frame = Frame(view, predicate=noun, kind="noun", lemma=self._noun_key(view, noun))
        _collect_preps(view, noun, frame.preps)
        possessors = view.children_with(noun, "poss")
        head = view.head[noun]
        light = head if view.dep[noun] in ("dobj", "attr") and view.pos[head] in ("VERB", "AUX") else None
        if light is not None and view.lemma[light] in self.light_verbs:
            frame.light_verb = light
            light_frame = self.verb_frame(view, light)
            frame.subjects = light_frame.subjects
            for prep, objects in light_frame.preps.items():
                frame.preps.setdefault(prep, []).extend(o for o in objects if o not in frame.preps.get(prep, []))
            frame.negated, frame.modality = light_frame.negated, light_frame.modality
            frame.refused, frame.governor = light_frame.refused, light_frame.governor
        elif possessors and all(view.pos[t] == "PRON" for t in possessors) \
                and (self._fronted(view, noun) or view.lower[possessors[0]] == "their"):
            # "On his first visit to Kazakhstan, Blinken held talks": "his" points forward to the clause's subject;
            # "Modi and the five presidents agreed at their first joint summit": "their" is the clause's subjects
            self._circumstance_of_verb(view, noun, frame)
            if not frame.subjects and view.dep[noun] == "dobj" and view.pos[head] == "VERB" \
                    and view.lower[possessors[0]] == "their":
                # "agreed to turn their meetings into a formal mechanism": their = the clause's subjects
                clause = self.verb_frame(view, head)
                frame.subjects = clause.subjects
                frame.negated, frame.modality = clause.negated, clause.modality
                frame.refused, frame.governor = clause.refused, clause.governor
            if not frame.subjects:
                frame.subjects = _expand(view, possessors)
        elif possessors:
            frame.subjects = _expand(view, possessors)
        elif "by" in frame.preps:
            frame.subjects = frame.preps.pop("by")
        elif "of" in frame.preps and not frame.preps.get("between"):
            if view.lemma[noun] in self.gathering_nouns and all(view.pos[t] == "PROPN" for t in frame.preps["of"]):
                # "due to take part in a summit of the CIS", "flew to Ufa for a summit of the SCO": the clause's
                # subject attends; the organisation is the other party
                self._circumstance_of_verb(view, noun, frame)
            if not frame.subjects:
                frame.subjects = frame.preps.pop("of")
        else:
            self._circumstance_of_verb(view, noun, frame)
        if view.lemma[noun] in TRIP_NOUNS:
            self._stop_on_trip(view, noun, frame)
        # adjectival actors on the noun: "Kazakh-Chinese talks" (participants), "Dushanbe visit" (destination)
        frame.modifiers = [c for c in view.children[noun]
                           if view.dep[c] in ("amod", "compound", "nmod") and view.pos[c] != "VERB"]
        return frame

    @staticmethod
    def _stop_on_trip(view: DocView, noun: int, frame: Frame) -> None:
        """"Ashgabat is the first stop on a regional tour that will also take Abe to ...", "Astana was the second
        stop on a trip by Modi": the place that is a stop is the trip's destination, and its traveller is the one the
        trip is by, or the one it takes along."""
        dep, head = view.dep, view.head
        if dep[noun] != "pobj" or view.lower[head[noun]] != "on":
            return
        stop = head[head[noun]]
        if view.lemma[stop] not in ("stop", "leg", "destination") or dep[stop] != "attr":
            return
        places = view.children_with(head[stop], "nsubj")
        if not places:
            return
        travellers = list(frame.preps.get("by", [])) or [t for r in view.children_with(noun, "relcl")
                                                        if view.lemma[r] == "take"
                                                        for t in view.children_with(r, "dobj")]
        if frame.subjects == places or not frame.subjects:
            frame.subjects = _expand(view, travellers)
        frame.preps["to"] = places

    @staticmethod
    def _fronted(view: DocView, noun: int) -> bool:
        """The noun's phrase opens the clause, before the clause's subject ("On his visit to X, Y met ...")."""
        if view.dep[noun] != "pobj" or view.dep[view.head[noun]] != "prep":
            return False
        subjects = view.children_with(view.head[view.head[noun]], *SUBJECT_DEPS)
        return bool(subjects) and noun < subjects[0]

    def _circumstance_of_verb(self, view: DocView, noun: int, frame: Frame) -> None:
        """An event noun in a circumstance of a clause ("condemns the attack in a call with Putin", "spoke on a visit
        to Astana", "met Aliyev on the sidelines, in talks with ...") has the clause's subject as its agent. The small
        model often hangs the phrase on the clause's object instead of its verb, so the walk climbs through nouns."""
        if view.dep[noun] != "pobj" or any(view.dep[c] in ("compound", "nmod") and view.pos[c] == "PROPN"
                                           for c in view.children[noun]):
            return  # "during Abe visit", "at the Xi'an summit": the noun names its own participant or place
        prep = view.head[noun]
        purpose = view.lower[prep] == "for" and view.lemma[view.head[prep]] in MOVEMENT_VERBS  # "flew in for talks"
        if view.lower[prep] not in CIRCUMSTANCE_PREPS and not purpose:
            return
        dep, pos, head = view.dep, view.pos, view.head
        node = noun
        for _ in range(4):
            if dep[node] != "pobj":
                return
            attached = head[head[node]]
            # "described the settlement as historic after talks": climb through the object and its modifiers
            while pos[attached] in ("NOUN", "PROPN", "ADJ") and dep[attached] in ("dobj", "attr", "amod", "acomp"):
                attached = head[attached]
            if pos[attached] in ("VERB", "AUX"):
                clause = self.verb_frame(view, attached)
                if clause.passive and not (clause.subjects and view.lemma[noun] in ("visit", "trip", "tour")):
                    if not clause.subjects and view.lower[prep] in ("in", "during"):
                        frame.clause_patients = clause.objects
                    return  # "was signed during the visit": the clause's agent is not the visitor
                # "the idea was raised by Tokayev during a visit to Moscow": a named agent is the visitor
                frame.subjects = clause.subjects
                frame.negated, frame.modality = clause.negated, clause.modality
                frame.refused, frame.governor = clause.refused, clause.governor
                if purpose or view.lower[prep] in ("in", "during"):  # not "spoke to reporters after talks"
                    frame.clause_partners = clause.datives + clause.preps.get("to", [])
                return
            node = attached

    # -- modality -------------------------------------------------------------------------------------------------
    def _modality(self, view: DocView, verb: int, frame: Frame, child_deps: list[str]) -> None:
        """`child_deps`: the dependency labels of the verb's children, in order."""
        dep, lower = view.dep, view.lower
        children = view.children[verb]
        if "neg" in child_deps or any(lower[c] == "never" for c in children):
            frame.negated = True
        aux = {lower[c] for c in children if dep[c] in ("aux", "auxpass")}
        marks = {lower[c] for c in children if dep[c] == "mark"} if "mark" in child_deps else set()
        hypothetical = bool(aux & self.hypothetical_markers) or bool(marks & self.conditional_markers)
        intended = bool(aux & self.intent_auxiliaries) or (dep[verb] == "ROOT" and "to" in aux)
        # walk up governing verbs: "agreed to sign", "refused to recognise", "said that X attacked Y"
        node = verb
        reported = threatened = appealed = False
        for _ in range(6):
            head = view.head[node]
            if head == node:
                break
            lemma = view.lemma[head]
            if dep[node] == "xcomp":
                if lemma in self.refusal_verbs:
                    frame.refused, frame.governor = True, head
                    break
                if lemma in self.threat_verbs:  # "threatened to impose sanctions" is a threat, not sanctions
                    frame.governor, threatened = head, True
                    break
                if lemma in self.appeal_verbs:  # "urged the EU to lift sanctions": the appeal is the event
                    frame.governor, appealed = head, True
                    break
                if lemma in self.intent_verbs:
                    intended, frame.governor = True, head
                    if any(dep[c] == "neg" for c in view.children[head]):
                        frame.negated = True
                    break
            elif dep[node] in ("ccomp", "parataxis") and lemma in self.speech_verbs:
                reported, frame.governor = True, head
                break
            elif dep[node] == "advcl" and {lower[c] for c in view.children[node] if dep[c] == "mark"} & {"if", "unless"}:
                hypothetical = True
                break
            elif dep[node] not in ("conj", "xcomp", "ccomp", "acomp"):
                break
            node = head
        # the main clause of a conditional ("X would attack if ...") is hypothetical too
        conditional = "advcl" in child_deps and any(
            dep[child] == "advcl" and any(lower[m] in ("if", "unless") for m in view.children[child] if dep[m] == "mark")
            for child in children)
        hypothetical = hypothetical or conditional
        if reported and "would" in aux and not conditional and not marks & {"if", "unless"}:
            # reported "will": "the Kremlin said Putin would meet Erdogan" is a stated plan, not a hypothesis
            hypothetical, intended = bool(aux & (self.hypothetical_markers - {"would"})), True
        if frame.negated and not frame.refused:
            frame.modality = "negated"
        elif appealed:
            frame.modality = "appealed"
        elif threatened:
            frame.modality = "threatened"
        elif hypothetical:
            frame.modality = "hypothetical"
        elif intended:
            frame.modality = "intended"
        elif reported:
            frame.modality = "reported"
        else:
            frame.modality = "asserted"
