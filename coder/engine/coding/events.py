"""What the coding stages produce: coded events, and the trace of each frame that `coder-explain` prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span

from coder.engine.actors.actor import Actor
from coder.engine.frames.frame import Frame
from coder.engine.labels import DateBasis, Modality
from coder.rules.model import VerbRule


# Not frozen=True: a frozen dataclass sets each field through object.__setattr__, about four times slower to
# build, and the engine builds these for every sentence. Treat instances as immutable (they stay hashable).
@dataclass(slots=True, unsafe_hash=True)
class CodedEvent:
    sentence: Span
    sentence_index: int
    sentence_start: int  # character offsets in the article's full text (headline + blank line + body)
    sentence_end: int
    source: Actor
    target: Actor
    code: str
    rule_id: str
    modality: Modality
    event_text: str
    event_date: date | None
    date_basis: DateBasis


@dataclass(slots=True)
class FrameTrace:
    """Why a frame did or did not give events: what `coder-explain` prints."""

    frame: Frame
    rule: VerbRule | None
    sources: list[Actor]
    targets: list[Actor]
    events: list[CodedEvent]
    reason: str


# (sentence index in the article, its first and last character in the article's full text)
Located = tuple[int, int, int]
