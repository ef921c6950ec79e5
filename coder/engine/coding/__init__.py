"""The coding stages: match (which rule codes a frame), arguments (sources and targets by named strategies),
assemble (codes by modality, dyads), article (dates across sentences), places; `coder.EventCoder` runs them."""

from coder.engine.coding.coder import EventCoder
from coder.engine.coding.events import CodedEvent, FrameTrace

__all__ = ["CodedEvent", "EventCoder", "FrameTrace"]
