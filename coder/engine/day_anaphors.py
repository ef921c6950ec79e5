"""Date phrases that name a day by reference to the story ("later that day", "the next day", "the day before") and
clauses counted from another ("five days after X", "two days later"), read from the `lexicon:` lists of engine.yaml;
coder.engine.dates resolves them against the last day the article named."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coder.engine.docview import DocView


def clean_phrase(text: str) -> str:
    phrase = re.sub(r"^(on|the|of|from|since|by|at|late|early)\s+", "", text.strip().lower())
    return re.sub(r"('s|’s)$", "", phrase).strip(" ,.")


@dataclass(frozen=True, slots=True)
class DayAnaphors:
    """Date phrases that name a day counted from the last day the story named: the same day ("later that day", "the
    same day"), the next ("the next day", "a day later") or the previous one ("the day before"). The lexicon's
    phrases are compared cleaned as the text's are (a leading "the", "on" ... dropped)."""

    same: frozenset[str] = frozenset()
    following: frozenset[str] = frozenset()
    previous: frozenset[str] = frozenset()
    # counted intervals, "five days after X", "two weeks later" (lexicon count_words, day_units, interval_words)
    counts: dict[str, int] = field(default_factory=dict)
    units: dict[str, int] = field(default_factory=dict)
    directions: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def of(same: list[str], following: list[str], previous: list[str], counts: dict[str, int] | None = None,
           units: dict[str, int] | None = None, directions: dict[str, int] | None = None) -> DayAnaphors:
        return DayAnaphors(frozenset(clean_phrase(p) for p in same), frozenset(clean_phrase(p) for p in following),
                           frozenset(clean_phrase(p) for p in previous), dict(counts or {}), dict(units or {}),
                           dict(directions or {}))

    def interval(self, view: DocView, word: int) -> int | None:
        """Signed days an interval word ("after", "later") with a counted npadvmod ("five days", "a week") names."""
        direction = self.directions.get(view.lower[word])
        if direction is None:
            return None
        for child in view.children[word]:
            if view.dep[child] == "npadvmod" and view.lower[child] in self.units:
                counted = [self.counts.get(view.lower[c]) or (int(view.lower[c]) if view.lower[c].isdigit() else None)
                           for c in view.children[child] if view.dep[c] in ("nummod", "det")]
                if counted and counted[0] is not None and counted[0] <= 366:
                    return direction * counted[0] * self.units[view.lower[child]]
        return None

    def counted(self, view: DocView, clause: int) -> tuple[int, bool] | None:
        """The days a clause lies from its anchor, and whether the anchor is the last day named (True: "two days
        later, ...") or the governing clause's date (False: "came five days after X reimposed sanctions"): a mark
        "after"/"before" whose count is the clause verb's npadvmod, or an advmod "later"/"earlier" with its own."""
        if not self.directions:
            return None
        dep, lower = view.dep, view.lower
        children = view.children[clause]
        marks = [c for c in children if dep[c] == "mark" and lower[c] in self.directions]
        if marks and dep[clause] == "advcl":
            counts = [c for c in children if dep[c] == "npadvmod" and lower[c] in self.units]
            for unit in counts:
                number = [self.counts.get(lower[c]) or (int(lower[c]) if lower[c].isdigit() else None)
                          for c in view.children[unit] if dep[c] in ("nummod", "det")]
                if number and number[0] is not None and number[0] <= 366:
                    return self.directions[lower[marks[0]]] * number[0] * self.units[lower[unit]], False
        for child in children:
            if dep[child] == "advmod":
                days = self.interval(view, child)
                if days is not None:
                    return days, True
        return None

    def offset(self, text: str) -> int | None:
        """Days from the reference day the phrase names, None for any other phrase."""
        phrase = clean_phrase(text)
        if phrase in self.same:
            return 0
        if phrase in self.following:
            return 1
        if phrase in self.previous:
            return -1
        return None
