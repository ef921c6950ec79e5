"""A pure-Python matcher for simple spaCy token patterns: the fast path's date phrases (coder.nlp.DatePhrases).

Why not spaCy's Matcher: it calls back into Python for every `{"IN": [...]}` predicate on every token it tries, and
the date patterns are mostly such lists, so matching them cost about a tenth of the coding stage. These patterns need
only LOWER, ORTH or SHAPE compared with a string or an IN list, and the "?" operator: an index from each pattern's
possible first words to the pattern decides almost every token with one dictionary lookup.

`TokenPatterns` finds what spaCy's Matcher finds for such patterns: every (start, end) at which some pattern matches
(tests/test_date_phrases.py compares the two on the sample's sentences and on date phrases of every pattern). It
refuses any other pattern element rather than match it differently.
"""

from __future__ import annotations

from collections.abc import Callable

ATTRS = ("LOWER", "ORTH", "SHAPE")
Test = tuple[str, frozenset[str], bool]  # attribute, accepted values, optional ("?")


def _compile(pattern: list[dict]) -> tuple[Test, ...]:
    tests = []
    for element in pattern:
        op = element.get("OP")
        keys = [k for k in element if k != "OP"]
        if op not in (None, "?") or len(keys) != 1 or keys[0] not in ATTRS:
            raise ValueError(f"unsupported token pattern element {element!r}")
        want = element[keys[0]]
        if isinstance(want, dict) and set(want) != {"IN"}:
            raise ValueError(f"unsupported token pattern element {element!r}")
        values = frozenset(want["IN"] if isinstance(want, dict) else [want])
        if keys[0] == "SHAPE" and not all(v[:1] == "d" for v in values):
            raise ValueError(f"only digit shapes are supported: {element!r}")  # see TokenPatterns.__call__
        tests.append((keys[0], values, op == "?"))
    if not tests or tests[-1][2]:
        raise ValueError(f"a pattern must end with a required element: {pattern!r}")
    return tuple(tests)


class TokenPatterns:
    def __init__(self, patterns: list[list[dict]]):
        self.patterns = [_compile(p) for p in patterns]
        # (attribute, value) -> patterns whose first matched token can have that value (a leading optional element
        # may be skipped, so the next element's values count too)
        self._first: dict[tuple[str, str], list[tuple[Test, ...]]] = {}
        for tests in self.patterns:
            for attr, values, optional in tests:
                for value in values:
                    starters = self._first.setdefault((attr, value), [])
                    if tests not in starters:
                        starters.append(tests)
                if not optional:
                    break

    def __call__(self, lower: list[str], orth: list[str], shape: Callable[[int], str]) -> set[tuple[int, int]]:
        """(start, end) of every match in a Doc given as its tokens' LOWER and ORTH strings and a function giving a
        token's SHAPE, asked only of tokens that start with a digit (every shape the patterns name starts with "d",
        which only such tokens have)."""
        first = self._first
        found: set[tuple[int, int]] = set()
        for i, word in enumerate(lower):
            candidates = first.get(("LOWER", word), [])
            if ("ORTH", orth[i]) in first:
                candidates = candidates + first[("ORTH", orth[i])]
            if word[:1].isdigit() and ("SHAPE", shape(i)) in first:
                candidates = candidates + first[("SHAPE", shape(i))]
            for tests in candidates:
                for end in self._ends(tests, 0, i, lower, orth, shape):
                    if end > i:
                        found.add((i, end))
        return found

    def _ends(self, tests: tuple[Test, ...], k: int, i: int, lower: list[str], orth: list[str],
              shape: Callable[[int], str]) -> list[int]:
        """Every end e such that tests[k:] match the tokens [i, e)."""
        if k == len(tests):
            return [i]
        attr, values, optional = tests[k]
        ends = []
        if i < len(lower):
            if attr == "LOWER":
                value = lower[i]
            elif attr == "ORTH":
                value = orth[i]
            else:
                value = shape(i) if lower[i][:1].isdigit() else ""
            if value in values:
                ends.extend(self._ends(tests, k + 1, i + 1, lower, orth, shape))
        if optional:
            ends.extend(self._ends(tests, k + 1, i, lower, orth, shape))
        return ends
