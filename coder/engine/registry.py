"""The engines a rule set can be coded with, by name (`RuleSet.engine`): "cameo", the project's own, and "petrarch",
for dictionaries imported from PETRARCH/TABARI (coder.rules.petrarch), which follow that coder's conventions."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from coder.engine.coding.coder import EventCoder
from coder.engine.petrarch.coder import PetrarchCoder
from coder.errors import RuleFileError
from coder.rules.model import RuleSet

ENGINES: dict[str, Callable[..., EventCoder]] = {"cameo": EventCoder, "petrarch": PetrarchCoder}


def build_coder(rules: RuleSet, nlp: Language) -> EventCoder:
    """The event coder for a rule set: its engine, with its options."""
    engine = ENGINES.get(rules.engine)
    if engine is None:
        raise RuleFileError(f"no engine named '{rules.engine}'; known: {', '.join(ENGINES)}")
    return engine(rules, nlp, **rules.engine_options)
