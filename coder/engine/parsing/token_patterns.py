"""A pure-Python matcher for simple spaCy token patterns: the fast path's date phrases (coder.engine.parsing.pipeline.DatePhrases).

Why not spaCy's Matcher: it calls back into Python for every `{"IN": [...]}` predicate on every token it tries, and
the date patterns are mostly such lists, so matching them cost about a tenth of the coding stage. These patterns need
only LOWER, ORTH or SHAPE compared with a string or an IN list, and the "?" operator, and an index from the rarer
words of each pattern (the weekday, the month) leaves most Docs with no pattern to try.

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
        # Two indexes by attribute and value: the patterns that need the value for their last required element (for
        # the date patterns the rarer word: the weekday, not "on"), which decides for most Docs at once that no
        # pattern can match; and the patterns whose first matched token can have it (a leading optional element may
        # be skipped, so the next element's values count too), which decides where a match can start.
        self._by_key: dict[str, dict[str, list[int]]] = {attr: {} for attr in ATTRS}
        self._by_first: dict[str, dict[str, list[int]]] = {attr: {} for attr in ATTRS}
        for number, tests in enumerate(self.patterns):
            attr, values, _ = [test for test in tests if not test[2]][-1]
            for value in values:
                self._by_key[attr].setdefault(value, []).append(number)
            for attr, values, optional in tests:
                for value in values:
                    self._by_first[attr].setdefault(value, []).append(number)
                if not optional:
                    break

    def __call__(self, lower: list[str], orth: list[str], shape: Callable[[int], str]) -> set[tuple[int, int]]:
        """(start, end) of every match in a Doc given as its tokens' LOWER and ORTH strings and a function giving a
        token's SHAPE, asked only of tokens that start with a digit (every shape the patterns name starts with "d",
        which only such tokens have)."""
        found: set[tuple[int, int]] = set()
        possible = self._possible(self._by_key, lower, orth, shape)
        if not possible:
            return found
        by_first = self._by_first
        first_lower, first_orth = by_first["LOWER"], by_first["ORTH"]
        # where a match can start: words some pattern starts with, digits (a shape), verbatim words ("May")
        starts = [i for i, word in enumerate(lower) if word in first_lower or word[:1].isdigit()]
        if not first_orth.keys().isdisjoint(orth):
            starts = sorted({*starts, *(i for i, word in enumerate(orth) if word in first_orth)})
        for i in starts:
            for number in self._at(by_first, i, lower, orth, shape):
                if number in possible:
                    for end in _ends(self.patterns[number], 0, i, lower, orth, shape):
                        if end > i:
                            found.add((i, end))
        return found

    @staticmethod
    def _possible(index: dict[str, dict[str, list[int]]], lower: list[str], orth: list[str],
                  shape: Callable[[int], str]) -> set[int]:
        """The patterns the index names for any token of the Doc."""
        out: set[int] = set()
        by_lower, by_orth, by_shape = index["LOWER"], index["ORTH"], index["SHAPE"]
        if not by_lower.keys().isdisjoint(lower):
            for word in set(lower).intersection(by_lower):
                out.update(by_lower[word])
        if not by_orth.keys().isdisjoint(orth):
            for word in set(orth).intersection(by_orth):
                out.update(by_orth[word])
        if by_shape:
            for i in [i for i, word in enumerate(lower) if word[:1].isdigit()]:
                out.update(by_shape.get(shape(i), ()))
        return out

    @staticmethod
    def _at(index: dict[str, dict[str, list[int]]], i: int, lower: list[str], orth: list[str],
            shape: Callable[[int], str]) -> list[int]:
        """The patterns the index names for token i."""
        out = index["LOWER"].get(lower[i], [])
        if orth[i] in index["ORTH"]:
            out = out + index["ORTH"][orth[i]]
        if lower[i][:1].isdigit() and shape(i) in index["SHAPE"]:
            out = out + index["SHAPE"][shape(i)]
        return out


def _ends(tests: tuple[Test, ...], k: int, i: int, lower: list[str], orth: list[str],
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
            ends.extend(_ends(tests, k + 1, i + 1, lower, orth, shape))
    if optional:
        ends.extend(_ends(tests, k + 1, i, lower, orth, shape))
    return ends
