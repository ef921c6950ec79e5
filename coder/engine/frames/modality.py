"""How a verb frame's act is stated: asserted, reported ("said that X attacked Y"), intended ("agreed to sign", "will
visit"), hypothetical ("would attack if"), negated ("did not sign"), refused ("refused to sign"), threatened
("threatened to impose sanctions") or appealed ("urged the EU to lift sanctions"). The word lists are engine.yaml's
settings (intent_verbs, refusal_verbs, ...)."""

from __future__ import annotations

from dataclasses import dataclass

from coder.engine.docview import DocView
from coder.engine.frames.frame import Frame
from coder.rules.model import EngineSettings

CONDITIONALS = frozenset(("if", "unless"))


@dataclass(slots=True)
class Governance:
    """What the verbs above a predicate make of it (the walk up "agreed to sign", "said that X attacked Y")."""

    intended: bool = False
    reported: bool = False
    threatened: bool = False
    appealed: bool = False
    hypothetical: bool = False


class ModalityReader:
    def __init__(self, settings: EngineSettings):
        # the settings' word lists as sets, for membership tests in the per-token loops
        self.hypothetical_markers = set(settings.hypothetical_markers)
        self.conditional_markers = self.hypothetical_markers & CONDITIONALS
        self.intent_auxiliaries = set(settings.intent_auxiliaries)
        self.refusal_auxiliaries = set(settings.refusal_auxiliaries)
        self.refusal_verbs = set(settings.refusal_verbs)
        self.failure_verbs = set(settings.failure_verbs)
        self.threat_verbs = set(settings.threat_verbs)
        self.appeal_verbs = set(settings.appeal_verbs)
        self.intent_verbs = set(settings.intent_verbs)
        self.speech_verbs = set(settings.speech_verbs)
        self.complement_verbs = (self.refusal_verbs | self.failure_verbs | self.threat_verbs | self.appeal_verbs
                                 | self.intent_verbs)

    def read(self, view: DocView, verb: int, frame: Frame, child_deps: list[str]) -> None:
        """Set the frame's negation, refusal, governor and modality. `child_deps`: the dependency labels of the
        verb's children, in order."""
        dep, lower = view.dep, view.lower
        children = view.children[verb]
        if "neg" in child_deps or any(lower[c] == "never" for c in children):
            frame.negated = True
        aux = {lower[c] for c in children if dep[c] in ("aux", "auxpass")}
        marks = {lower[c] for c in children if dep[c] == "mark"} if "mark" in child_deps else set()
        above = self._governance(view, verb, frame)
        hypothetical = bool(aux & self.hypothetical_markers) or bool(marks & self.conditional_markers) \
            or above.hypothetical
        intended = bool(aux & self.intent_auxiliaries) or (dep[verb] == "ROOT" and "to" in aux) or above.intended
        # the main clause of a conditional ("X would attack if ...") is hypothetical too
        conditional = "advcl" in child_deps and any(
            dep[child] == "advcl" and any(lower[m] in CONDITIONALS for m in view.children[child] if dep[m] == "mark")
            for child in children)
        hypothetical = hypothetical or conditional
        if above.reported and "would" in aux and not conditional and not marks & CONDITIONALS:
            # reported "will": "the Kremlin said Putin would meet Erdogan" is a stated plan, not a hypothesis
            hypothetical, intended = bool(aux & (self.hypothetical_markers - {"would"})), True
        if frame.negated and not frame.refused and not hypothetical and (
                aux & self.refusal_auxiliaries or (above.reported and "would" in aux)):
            frame.refused = True  # "will not hand over Bakiyev", "said it would not recognise": a refusal
        if frame.negated and not frame.refused:
            frame.modality = "negated"
        elif above.appealed:
            frame.modality = "appealed"
        elif above.threatened:
            frame.modality = "threatened"
        elif hypothetical:
            frame.modality = "hypothetical"
        elif intended:
            frame.modality = "intended"
        elif above.reported:
            frame.modality = "reported"
        else:
            frame.modality = "asserted"

    def _infinitive_advcl(self, view: DocView, node: int, head_lemma: str) -> bool:
        """A to-infinitive the small model hangs as an adverbial clause on a governing verb that takes one ("threatened
        on Monday to impose a curfew": advcl after the date) is that verb's complement, as xcomp would be."""
        if view.dep[node] != "advcl" or head_lemma not in self.complement_verbs:
            return False
        kids = view.children[node]
        return (any(view.dep[c] == "aux" and view.lower[c] == "to" for c in kids)
                and not any(view.dep[c] == "mark" for c in kids))

    def _governance(self, view: DocView, verb: int, frame: Frame) -> Governance:
        """Walk up the governing verbs: "agreed to sign", "refused to recognise", "said that X attacked Y". Sets the
        frame's governor (and refusal, and a negated intent verb's negation) on the way."""
        dep, lower = view.dep, view.lower
        found = Governance()
        node = verb
        for _ in range(6):
            head = view.head[node]
            if head == node:
                break
            lemma = view.lemma[head]
            if dep[node] == "xcomp" or self._infinitive_advcl(view, node, lemma):
                if lemma in self.refusal_verbs:
                    frame.refused, frame.governor = True, head
                    break
                if lemma in self.failure_verbs:  # "failed to reach agreement": not done ("did not fail to": done)
                    frame.governor = head
                    frame.negated = frame.negated or not any(dep[c] == "neg" for c in view.children[head])
                    break
                if lemma in self.threat_verbs:  # "threatened to impose sanctions" is a threat, not sanctions
                    frame.governor, found.threatened = head, True
                    break
                if lemma in self.appeal_verbs:  # "urged the EU to lift sanctions": the appeal is the event
                    frame.governor, found.appealed = head, True
                    break
                if lemma in self.intent_verbs:
                    found.intended, frame.governor = True, head
                    if any(dep[c] == "neg" for c in view.children[head]):
                        frame.negated = True
                    break
            elif dep[node] in ("ccomp", "parataxis") and lemma in self.speech_verbs:
                found.reported, frame.governor = True, head
                break
            elif dep[node] == "advcl" and {lower[c] for c in view.children[node] if dep[c] == "mark"} & CONDITIONALS:
                found.hypothetical = True
                break
            elif dep[node] not in ("conj", "xcomp", "ccomp", "acomp"):
                break
            node = head
        return found
