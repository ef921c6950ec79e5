"""Predicate frames from spaCy's dependency parse (`frame.Frame`): verbs (`verbs`), event nouns (`nouns`), how the act is
stated (`modality`); `builder.FrameBuilder` builds the frames of a sentence."""

from coder.engine.frames.builder import FrameBuilder
from coder.engine.frames.frame import Frame, content_head, with_conjuncts

__all__ = ["Frame", "FrameBuilder", "content_head", "with_conjuncts"]
