"""Small text helpers shared by the rule loader and the matchers."""

from __future__ import annotations

import re

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9.&-]{1,5}$")
_ES_ENDINGS = ("s", "x", "z", "ch", "sh")


def is_acronym(phrase: str) -> bool:
    """All-caps short words (CSTO, KNB, US, U.S.) match only in capitals; everything else ignores case."""
    return bool(_ACRONYM.match(phrase.strip())) and any(c.isalpha() for c in phrase)


def alias_key(phrase: str) -> str:
    """The form under which an alias is compared: whitespace collapsed, lower-cased unless it is an acronym."""
    phrase = " ".join(phrase.split())
    return phrase if is_acronym(phrase) else phrase.lower()


def plural_of(phrase: str) -> str:
    """English plural of the last word of a role phrase ("border guard" -> "border guards")."""
    head, _, last = phrase.rpartition(" ")
    lower = last.lower()
    if is_acronym(last):
        plural = last + "s"
    elif lower.endswith("man") and not lower.endswith(("human", "german", "ottoman")):
        plural = last[:-3] + "men"
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    elif lower.endswith("s") and not lower.endswith("ss"):
        plural = last  # already plural or invariable ("news", "forces")
    elif lower.endswith(_ES_ENDINGS):
        plural = last + "es"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural
