"""PETRARCH's comma options: a comma-delimited clause of a certain length is left out of coding.

`comma_bmin`..`comma_bmax` words for a clause at the start of the sentence, `comma_min`..`comma_max` for one
between two commas, `comma_emin`..`comma_emax` for one at the end (a maximum of 0 switches that kind off). A
clause that is a member of a list ("Mordor, the Shire, Fornost and Bree") is never left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span


@dataclass(frozen=True, slots=True)
class CommaLimits:
    min: int = 2
    max: int = 8
    bmin: int = 0
    bmax: int = 0
    emin: int = 2
    emax: int = 8

    @classmethod
    def from_options(cls, options: dict) -> "CommaLimits":
        def number(key: str, default: int) -> int:
            try:
                return int(str(options.get(key, default)).strip())
            except ValueError:
                return default

        return cls(number("comma_min", 2), number("comma_max", 8), number("comma_bmin", 0),
                   number("comma_bmax", 0), number("comma_emin", 2), number("comma_emax", 8))


def _is_list_member(tokens: list, after) -> bool:
    if after is not None and after.lower_ in ("and", "or", "nor"):
        return True
    inside = {t.i for t in tokens}
    return any(t.dep_ in ("conj", "cc") or any(c.dep_ == "conj" and c.i not in inside for c in t.children)
               for t in tokens)


def left_out(sent: Span, limits: CommaLimits | None) -> set[int]:
    """Token indices of the comma-delimited clauses of the sentence that PETRARCH's options leave out."""
    if limits is None:
        return set()
    commas = [t.i for t in sent if t.text == ","]
    if not commas:
        return set()
    out: set[int] = set()
    end = sent.end - 1 if sent[-1].is_punct and sent[-1].text != "," else sent.end
    bounds = [sent.start - 1, *commas, end]
    for k in range(len(bounds) - 1):
        start, stop = bounds[k] + 1, bounds[k + 1]
        tokens = [sent.doc[i] for i in range(start, stop)]
        words = [t for t in tokens if not t.is_punct]
        if k == 0:
            low, high = limits.bmin, limits.bmax
        elif k == len(bounds) - 2:
            low, high = limits.emin, limits.emax
        else:
            low, high = limits.min, limits.max
        if high <= 0 or not (low <= len(words) <= high):
            continue
        after = sent.doc[stop + 1] if stop + 1 < sent.end else None
        if _is_list_member(tokens, after):
            continue
        out.update(range(start, stop))
    return out
