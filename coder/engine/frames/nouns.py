"""Event-noun frames ("held talks with", "Kazakhstan's protest", "during his visit to"): the noun's parties from its
light verb, possessor, by- or of-phrase, or the clause it is a circumstance of, and the adjectives that name its
parties ("Kazakh-Chinese talks")."""

from __future__ import annotations

from coder.engine.docview import DocView
from coder.engine.frames.frame import SUBJECT_DEPS, Frame, collect_preps, expand
from coder.engine.frames.verbs import VerbFrames



class NounFrames(VerbFrames):
    def noun_frame(self, view: DocView, noun: int) -> Frame:
        frame = Frame(view, predicate=noun, kind="noun", lemma=self._noun_key(view, noun))
        collect_preps(view, noun, frame.preps, self.quantities)
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
                frame.subjects = expand(view, possessors, self.quantities)
        elif possessors:
            frame.subjects = expand(view, possessors, self.quantities)
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
        if any(view.lower[d] in self.lexicon.non_referring_determiners for d in view.children_with(noun, "det")):
            frame.negated, frame.modality = True, "negated"  # "any request ... would be hopeless", "no appeal was made"
        if frame.light_verb is None and head != noun and "for" not in frame.preps:
            self._borrow_for_phrase(view, noun, head, frame)
        # adjectival actors on the noun: "Kazakh-Chinese talks" (participants), "Dushanbe visit" (destination)
        frame.modifiers = [c for c in view.children[noun]
                           if view.dep[c] in ("amod", "compound", "nmod") and view.pos[c] != "VERB"]
        return frame

    @staticmethod
    def _borrow_for_phrase(view: DocView, noun: int, verb: int, frame: Frame) -> None:
        """"turned down a request from Kyrgyzstan for troops": the parser often hangs the for-phrase after the
        object on the verb; what is asked for belongs to the noun."""
        if view.dep[noun] != "dobj" or view.pos[verb] != "VERB":
            return
        objects = [o for prep in view.children_with(verb, "prep") if view.lower[prep] == "for" and prep > noun
                   for o in view.children_with(prep, "pobj")]
        if objects:
            frame.preps["for"] = objects

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
        purpose = view.lower[prep] == "for" and view.lemma[view.head[prep]] in self.lexicon.movement_verbs  # "flew in for talks"
        if view.lower[prep] not in self.lexicon.circumstance_preps and not purpose:
            return
        if view.lower[prep] == "after" and view.lemma[noun] in self.incident_nouns:
            return  # "called for calm after clashes in Osh": a reaction to the violence, not an act in it
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

    def _noun_key(self, view: DocView, token: int) -> str:
        """The event noun a token names: its lemma if some rule names it, else the word ("talks")."""
        return view.lemma[token] if view.lemma[token] in self.noun_lemmas else view.lower[token]

