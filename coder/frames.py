"""Predicate frames from spaCy's dependency parse: who (subjects) does what (a verb or event noun) to whom (objects,
datives, prepositional objects), with negation, modality and voice.

A frame holds argument *heads* (tokens); turning heads into actors is the job of `coder.actors`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from coder.rules.model import EngineSettings

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
RELATIVE_PRONOUNS = ("who", "which", "that", "whom")
CIRCUMSTANCE_PREPS = ("in", "during", "at", "on", "after")  # "in a call with", "during a visit to"
# "began supplying gas", "kept sending troops": the gerund is the action itself, with its own object
ASPECT_VERBS = ("begin", "start", "continue", "keep", "stop", "resume", "finish", "cease", "quit", "go")
MOVEMENT_VERBS = ("travel", "fly", "go", "come", "arrive", "head", "leave", "return", "stay", "be")
OBJECT_CONTROL_VERBS = ("urge", "ask", "call", "invite", "encourage", "persuade", "force", "press", "tell", "allow",
                        "help", "request", "push", "order", "instruct", "appeal")


@dataclass(slots=True)
class Frame:
    predicate: Token
    kind: str  # verb | noun
    lemma: str
    subjects: list[Token] = field(default_factory=list)
    objects: list[Token] = field(default_factory=list)  # direct objects (for passives: the passive subject)
    datives: list[Token] = field(default_factory=list)
    preps: dict[str, list[Token]] = field(default_factory=dict)  # preposition -> object heads
    particles: set[str] = field(default_factory=set)
    predicative: bool = False  # "called Kazakhstan a friend": the object is described, not acted on
    passive: bool = False
    negated: bool = False
    modality: str = "asserted"  # asserted | intended | hypothetical | reported | negated
    refused: bool = False
    governor: Token | None = None  # the intent / refusal / speech verb this predicate depends on
    light_verb: Token | None = None  # for event nouns: the verb that carries them ("held" talks)
    modifiers: list[Token] = field(default_factory=list)  # for event nouns: "Kazakh-Chinese talks", "Dushanbe visit"
    # words rules may key on besides the objects' heads: the quantity of "killed hundreds of Uzbeks", the description
    # of "called Kazakhstan a friend" / "described Kazakhstan as a partner"
    object_words: list[Token] = field(default_factory=list)

    def object_lemmas(self) -> set[str]:
        words = self.objects + self.object_words
        return {t.lemma_.lower() for t in words} | {t.text.lower() for t in words}

    def prep_objects(self, prep: str) -> list[Token]:
        return self.preps.get(prep, [])


def with_conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("Kazakhstan and Kyrgyzstan")."""
    out = [token]
    for conj in token.conjuncts:
        if conj.dep_ == "conj" or conj.i < token.i:
            out.append(conj)
    return sorted(set(out), key=lambda t: t.i)


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


QUANTITY_WORDS = ("hundreds", "thousands", "dozens", "scores", "tens", "millions", "some", "several", "many",
                  "most", "all", "none", "each", "both", "members", "group", "groups", "number")


def content_head(token: Token) -> Token:
    """"hundreds of people", "some of them", "a group of activists": the noun the quantity counts."""
    if token.pos_ == "NUM" or token.lower_ in QUANTITY_WORDS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return token


def _expand(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in (content_head(t) for t in tokens):
        for c in with_conjuncts(t):
            if c not in out:
                out.append(c)
    return out


def _collect_preps(token: Token, into: dict[str, list[Token]]) -> None:
    for child in token.children:
        if child.dep_ in ("prep", "agent") or (child.dep_ == "dative" and child.pos_ == "ADP"):
            key = "by" if child.dep_ == "agent" else child.lemma_.lower()
            objects = _expand(_children(child, "pobj", "pcomp"))
            # "between X and Y", "with X as well as Y"
            if objects:
                into.setdefault(key, [])
                into[key].extend(o for o in objects if o not in into[key])


class FrameBuilder:
    def __init__(self, settings: EngineSettings, noun_lemmas: set[str], verb_lemmas: set[str] | None = None):
        self.settings = settings
        self.noun_lemmas = noun_lemmas
        self.verb_lemmas = verb_lemmas  # only verbs some rule names get a frame (None: every verb)
        self.light_verbs = set(settings.light_verbs)

    # -- public ---------------------------------------------------------------------------------------------------
    def frames(self, sent: Span) -> list[Frame]:
        frames: list[Frame] = []
        verbs = self.verb_lemmas
        for token in sent:
            if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT" and token.lemma_ != "be"):
                if verbs is None or token.lemma_.lower() in verbs:
                    frames.append(self.verb_frame(token))
            elif token.pos_ in ("NOUN", "PROPN") and self._noun_key(token) in self.noun_lemmas:
                frames.append(self.noun_frame(token))
        return frames

    def _noun_key(self, token: Token) -> str:
        return token.lemma_.lower() if token.lemma_.lower() in self.noun_lemmas else token.text.lower()

    # -- verbs ----------------------------------------------------------------------------------------------------
    def verb_frame(self, verb: Token) -> Frame:
        frame = Frame(predicate=verb, kind="verb", lemma=verb.lemma_.lower())
        active_subjects = _children(verb, *SUBJECT_DEPS)
        passive_subjects = _children(verb, *PASSIVE_SUBJECT_DEPS)
        frame.passive = bool(passive_subjects) or any(c.dep_ == "auxpass" for c in verb.children)
        if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "a contract signed by Kazakhstan": the noun is the patient
            frame.passive = True
            passive_subjects = [verb.head]
        elif verb.dep_ in ("amod", "acl") and verb.tag_ == "VBG":  # "the visiting chancellor": the noun is the agent
            active_subjects = [verb.head]
        _collect_preps(verb, frame.preps)
        if not frame.passive:
            for manner in frame.preps.get("by", []):  # "spoke by telephone with Putin"
                _collect_preps(manner, frame.preps)
        frame.particles = {c.lemma_.lower() for c in verb.children if c.dep_ == "prt"}
        # "calling Kazakhstan a friend" describes its object; "struck deals worth $7 billion", "shot dead" do not
        frame.predicative = any(c.dep_ == "oprd" and c.lower_ not in ("worth", "dead") for c in verb.children)
        if frame.passive:
            if not passive_subjects and verb.dep_ == "conj":  # "X arrived and was met by Y": X is the patient
                passive_subjects = _children(verb.head, *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)
            frame.objects = _expand(self._resolve_relative(passive_subjects, verb.head) if verb.dep_ == "conj"
                                    else passive_subjects)
            frame.subjects = frame.preps.pop("by", [])
        else:
            frame.subjects = _expand(self._resolve_relative(active_subjects, verb)) or self._inherited_subjects(verb)
            frame.subjects = self._headline_pair(verb, frame.subjects) + frame.subjects
            direct = _children(verb, "dobj", "attr")
            frame.objects = _expand(direct)
            frame.object_words = [t for t in direct if content_head(t) is not t]
            if frame.objects:
                frame.object_words += [c for c in verb.children if c.dep_ == "oprd"] + frame.preps.get("as", [])
            if verb.dep_ == "xcomp" and verb.tag_ == "VBG" and verb.head.lemma_.lower() not in OBJECT_CONTROL_VERBS \
                    and verb.head.lemma_.lower() not in ASPECT_VERBS:
                # "told visiting Chancellor Scholz": a participle misread as a clause; its object is its agent
                if frame.objects and not _children(verb, *SUBJECT_DEPS):
                    frame.subjects, frame.objects = frame.objects, []
        frame.datives = _expand([c for c in verb.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"])
        # preps attached to the object noun also carry targets ("signed an agreement with Kyrgyzstan")
        for obj in frame.objects:
            _collect_preps(obj, frame.preps)
            for modifier in _children(obj, "amod", "acl") + [c for c in verb.children if c.lower_ == "worth"]:
                # "struck deals worth $7.5 billion with US firms": the with-phrase hangs on the amount
                _collect_preps(modifier, frame.preps)
                for inner in _children(modifier, "npadvmod", "dobj", "pobj"):
                    _collect_preps(inner, frame.preps)
        self._modality(verb, frame)
        return frame

    @staticmethod
    def _headline_pair(verb: Token, subjects: list[Token]) -> list[Token]:
        """Headline coordination by comma ("Japan, Turkmenistan sign deals", "Uzbek, Kyrgyz presidents sign deal"):
        the parser hangs the first name on the verb as a modifier; it is a subject too."""
        if not subjects:
            return []
        for child in verb.children:
            if child.i == child.sent.start and child.pos_ == "PROPN" and child.i < subjects[0].i \
                    and child.dep_ in ("npadvmod", "advcl", "appos", "dep", "nmod") and child.nbor().text == ",":
                return [child]
        return []

    def _resolve_relative(self, subjects: list[Token], verb: Token) -> list[Token]:
        out = []
        for s in subjects:
            if s.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                out.append(verb.head)  # "Modi, who held talks" -> Modi
            else:
                out.append(s)
        return out

    def _inherited_subjects(self, verb: Token) -> list[Token]:
        """Subjects shared with a governing verb: control ("agreed to sign"), coordination ("met X and signed")."""
        if verb.dep_ == "ROOT":
            # headline style "Putin praises Turkmen neutrality, meets Berdimuhamedov": the parser makes the first
            # clause a complement of the second; a subjectless root shares the subject of that first clause
            for child in verb.children:
                if child.dep_ in ("ccomp", "parataxis") and child.i < verb.i and verb.doc[verb.i - 1].text == ",":
                    subjects = _children(child, *SUBJECT_DEPS)
                    if subjects:
                        return _expand(subjects)
        node = verb
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                return []
            if node.dep_ == "xcomp":
                if head.lemma_.lower() in OBJECT_CONTROL_VERBS:
                    objects = _children(head, "dobj")
                    if objects:
                        return _expand(objects)
                subjects = _children(head, *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)  # "is scheduled to meet"
                if subjects:
                    return _expand(self._resolve_relative(subjects, head))
            elif node.dep_ == "acomp":  # "was due to fly", "is ready to negotiate": the adjective's clause subject
                subjects = _children(head, *SUBJECT_DEPS)
                if subjects:
                    return _expand(self._resolve_relative(subjects, head))
            elif node.dep_ == "conj" or (node.dep_ in ("advcl", "ccomp") and not _children(node, "mark")):
                subjects = _children(head, *SUBJECT_DEPS)
                if subjects:
                    return _expand(self._resolve_relative(subjects, head))
            elif node.dep_ == "relcl":
                return [head]
            elif node.dep_ == "pcomp" and head.lower_ == "for" and head.head.pos_ == "VERB":
                # "thanked Trump for hosting the meeting", "criticised Russia for failing to ...": the object acts
                objects = _children(head.head, "dobj")
                return _expand(objects) if objects else []
            else:
                return []
            node = head
        return []

    # -- event nouns ----------------------------------------------------------------------------------------------
    def noun_frame(self, noun: Token) -> Frame:
        frame = Frame(predicate=noun, kind="noun", lemma=self._noun_key(noun))
        _collect_preps(noun, frame.preps)
        possessors = _children(noun, "poss")
        light = noun.head if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX") else None
        if light is not None and light.lemma_.lower() in self.light_verbs:
            frame.light_verb = light
            light_frame = self.verb_frame(light)
            frame.subjects = light_frame.subjects
            for prep, objects in light_frame.preps.items():
                frame.preps.setdefault(prep, []).extend(o for o in objects if o not in frame.preps.get(prep, []))
            frame.negated, frame.modality = light_frame.negated, light_frame.modality
            frame.refused, frame.governor = light_frame.refused, light_frame.governor
        elif possessors and all(t.pos_ == "PRON" for t in possessors) and self._fronted(noun):
            # "On his first visit to Kazakhstan, Blinken held talks": "his" points forward to the clause's subject
            self._circumstance_of_verb(noun, frame)
            if not frame.subjects:
                frame.subjects = _expand(possessors)
        elif possessors:
            frame.subjects = _expand(possessors)
        elif "by" in frame.preps:
            frame.subjects = frame.preps.pop("by")
        elif "of" in frame.preps and not frame.preps.get("between"):
            frame.subjects = frame.preps.pop("of")
        else:
            self._circumstance_of_verb(noun, frame)
        # adjectival actors on the noun: "Kazakh-Chinese talks" (participants), "Dushanbe visit" (destination)
        frame.modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.pos_ != "VERB"]
        return frame

    @staticmethod
    def _fronted(noun: Token) -> bool:
        """The noun's phrase opens the clause, before the clause's subject ("On his visit to X, Y met ...")."""
        if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
            return False
        verb = noun.head.head
        subjects = _children(verb, *SUBJECT_DEPS)
        return bool(subjects) and noun.i < subjects[0].i

    def _circumstance_of_verb(self, noun: Token, frame: Frame) -> None:
        """An event noun in a circumstance of a clause ("condemns the attack in a call with Putin", "spoke on a visit
        to Astana", "met Aliyev on the sidelines, in talks with ...") has the clause's subject as its agent. The small
        model often hangs the phrase on the clause's object instead of its verb, so the walk climbs through nouns."""
        if noun.dep_ != "pobj" or any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in noun.children):
            return  # "during Abe visit", "at the Xi'an summit": the noun names its own participant or place
        purpose = noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in MOVEMENT_VERBS  # "flew in for talks"
        if noun.head.lower_ not in CIRCUMSTANCE_PREPS and not purpose:
            return
        node = noun
        for _ in range(4):
            if node.dep_ != "pobj":
                return
            attached = node.head.head
            # "described the settlement as historic after talks": climb through the object and its modifiers
            while attached.pos_ in ("NOUN", "PROPN", "ADJ") and attached.dep_ in ("dobj", "attr", "amod", "acomp"):
                attached = attached.head
            if attached.pos_ in ("VERB", "AUX"):
                clause = self.verb_frame(attached)
                if clause.passive:
                    return  # "was signed during the visit": the clause's agent is not the visitor
                frame.subjects = clause.subjects
                frame.negated, frame.modality = clause.negated, clause.modality
                frame.refused, frame.governor = clause.refused, clause.governor
                return
            node = attached

    # -- modality -------------------------------------------------------------------------------------------------
    def _modality(self, verb: Token, frame: Frame) -> None:
        s = self.settings
        children = list(verb.children)
        if any(c.dep_ == "neg" for c in children) or any(c.lower_ in ("never",) for c in children):
            frame.negated = True
        aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        marks = {c.lower_ for c in children if c.dep_ == "mark"}
        hypothetical = bool(aux & set(s.hypothetical_markers)) \
            or bool(marks & {"if", "unless"} & set(s.hypothetical_markers))
        intended = bool(aux & set(s.intent_auxiliaries)) or (verb.dep_ == "ROOT" and "to" in aux)
        # walk up governing verbs: "agreed to sign", "refused to recognise", "said that X attacked Y"
        node = verb
        reported = threatened = appealed = False
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                break
            lemma = head.lemma_.lower()
            if node.dep_ == "xcomp":
                if lemma in s.refusal_verbs:
                    frame.refused, frame.governor = True, head
                    break
                if lemma in s.threat_verbs:  # "threatened to impose sanctions" is a threat, not sanctions
                    frame.governor, threatened = head, True
                    break
                if lemma in s.appeal_verbs:  # "urged the EU to lift sanctions": the appeal is the event
                    frame.governor, appealed = head, True
                    break
                if lemma in s.intent_verbs:
                    intended, frame.governor = True, head
                    if any(c.dep_ == "neg" for c in head.children):
                        frame.negated = True
                    break
            elif node.dep_ in ("ccomp", "parataxis") and lemma in s.speech_verbs:
                reported, frame.governor = True, head
                break
            elif node.dep_ == "advcl" and {c.lower_ for c in node.children if c.dep_ == "mark"} & {"if", "unless"}:
                hypothetical = True
                break
            elif node.dep_ not in ("conj", "xcomp", "ccomp", "acomp"):
                break
            node = head
        # the main clause of a conditional ("X would attack if ...") is hypothetical too
        conditional = any(child.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in child.children
                                                        if m.dep_ == "mark") for child in children)
        hypothetical = hypothetical or conditional
        if reported and "would" in aux and not conditional and not marks & {"if", "unless"}:
            # reported "will": "the Kremlin said Putin would meet Erdogan" is a stated plan, not a hypothesis
            hypothetical, intended = bool(aux & (set(s.hypothetical_markers) - {"would"})), True
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
