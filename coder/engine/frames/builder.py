"""The frame builder: the frames of a sentence's predicates that some rule could code."""

from __future__ import annotations

from coder.engine.docview import DocView
from coder.engine.frames.frame import Frame
from coder.engine.frames.nouns import NounFrames


class FrameBuilder(NounFrames):
    """Builds verb frames (VerbFrames) and event-noun frames (NounFrames) from a parsed sentence's DocView."""

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
