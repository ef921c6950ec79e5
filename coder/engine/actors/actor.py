"""An actor as the engine finds it (a code, the phrase that named it, the rule that matched, the strategy that found it)
and the noun phrase around an argument head."""

from __future__ import annotations

from dataclasses import dataclass

from coder.engine.docview import DocView
from coder.ontology.actor_codes import actor_country, actor_sector

# Dependencies that belong to a noun phrase around its head; clauses (relcl, acl) and coordination do not.
NP_LEFT_DEPS = frozenset(("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "npadvmod", "punct",
                          "flat", "predet", "advmod"))
NP_RIGHT_DEPS = frozenset(("appos", "flat", "compound", "case", "nummod"))
PERSON_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "OPP", "ELI")
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG")


# Not frozen=True: a frozen dataclass sets each field through object.__setattr__, about four times slower to
# build, and the engine builds these for every sentence. Treat instances as immutable (they stay hashable).
@dataclass(slots=True, unsafe_hash=True)
class Actor:
    code: str
    text: str
    start: int  # token span of the phrase that named it
    end: int
    rule_id: str  # the actor (or agent) rule that matched, "coref:<rule>" when resolved through context
    is_person: bool = False
    # the argument strategy that found the actor for an event (coder.engine.coding.arguments), "" until one did
    via: str = ""

    @property
    def country(self) -> str | None:
        return actor_country(self.code)

    @property
    def sector(self) -> str | None:
        return actor_sector(self.code)


def np_tokens(view: DocView, head: int) -> list[int]:
    """The head's noun phrase without relative clauses and coordination ("the Kyrgyz foreign minister", "the
    president of Kazakhstan", "Tajikistan's border guards"), as token indices in document order."""
    out = [head]
    dep = view.dep
    for child in view.children[head]:
        if child < head and dep[child] in NP_LEFT_DEPS:
            out.extend(view.subtree(child))
        elif child > head and dep[child] in NP_RIGHT_DEPS:
            out.extend(view.subtree(child))
        elif dep[child] == "prep" and view.lower[child] == "of":
            for pobj in view.children[child]:
                if dep[pobj] == "pobj":
                    out.append(child)
                    out.extend(np_tokens(view, pobj))
                    out.extend(c for c in view.conjuncts(pobj) if c > pobj)
    return sorted(set(out))
