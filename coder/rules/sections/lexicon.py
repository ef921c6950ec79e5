"""The `lexicon` mapping (engine.yaml): the word classes the engine's mechanisms read (coder.rules.model.Lexicon).
Each key names one list (or, for group_sizes, a mapping of number words to numbers); a later file replaces a list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coder.errors import RULE_UNKNOWN_NAME, RULE_WRONG_TYPE
from coder.rules.faults import fault
from coder.rules.model import LEXICON_LISTS, LEXICON_MAPPINGS, Lexicon
from coder.rules.sections.fields import str_list
from coder.rules.sections.tables import RuleTables
from coder.rules.yaml_lines import LineDict


def add_lexicon(tables: RuleTables, body: Any, path: Path, line: int | None) -> None:
    if not isinstance(body, LineDict):
        raise fault(RULE_WRONG_TYPE, "'lexicon' must be a mapping of word-class names to word lists", path, line)
    lexicon = tables.lexicon if tables.lexicon is not None else Lexicon()
    for key, value in body.items():
        key_line = body.key_lines.get(key, body.line)
        if key == "group_sizes":
            lexicon.group_sizes = _sizes(value, path, key_line)
        elif key in LEXICON_MAPPINGS:
            setattr(lexicon, key, _numbers(key, value, path, key_line))
        elif key in LEXICON_LISTS:
            setattr(lexicon, key, [w.lower() for w in str_list(value, key, body, path)])
        else:
            raise fault(RULE_UNKNOWN_NAME, f"unknown lexicon list '{key}'; known: "
                                           f"{', '.join(LEXICON_MAPPINGS + LEXICON_LISTS)}", path, key_line)
    tables.lexicon = lexicon


def _sizes(value: Any, path: Path, line: int) -> dict[str, int]:
    if not isinstance(value, dict) or not all(isinstance(n, int) and not isinstance(n, bool) and n > 1
                                              for n in value.values()):
        raise fault(RULE_WRONG_TYPE, "lexicon.group_sizes maps number words to numbers above 1 (five: 5)", path, line)
    return {str(word).lower(): n for word, n in value.items()}


def _numbers(key: str, value: Any, path: Path, line: int) -> dict[str, int]:
    """count_words and day_units map words to numbers from 1 (two: 2, week: 7); interval_words to +1 or -1."""
    allowed = (lambda n: n in (1, -1)) if key == "interval_words" else (lambda n: n >= 1)
    if not isinstance(value, dict) or not all(isinstance(n, int) and not isinstance(n, bool) and allowed(n)
                                              for n in value.values()):
        what = "+1 or -1 (later: 1, after: -1)" if key == "interval_words" else "numbers from 1 (two: 2)"
        raise fault(RULE_WRONG_TYPE, f"lexicon.{key} maps words to {what}", path, line)
    return {str(word).lower(): n for word, n in value.items()}
