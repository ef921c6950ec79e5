"""`rules=petrarch` reads the user's PETRARCH/TABARI dictionary files. Its defaults (conf/rules/petrarch.yaml) are the
Phoenix dictionaries in ../shared/eval/petr/, beside a development checkout; a clone does not have them, so before
the model loads, the tools check that every file is there and otherwise say in one line which keys want paths."""

from __future__ import annotations

from pathlib import Path

from coder.config import RulesConfig, RulesFormat
from coder.errors import PETRARCH_FILE, RuleFileError

KEYS = ("verbs", "actors", "agents", "discards", "issues")


def require_rule_files(rules: RulesConfig) -> None:
    """With rules.format=petrarch: a RuleFileError (E211) naming the missing files and the keys that take them."""
    if rules.format != RulesFormat.petrarch:
        return
    if not rules.petrarch.verbs:
        raise RuleFileError("rules=petrarch needs your PETRARCH verb dictionary: give rules.petrarch.verbs=[FILE] "
                            "(and rules.petrarch.actors=[...]; docs/petrarch.md)", code=PETRARCH_FILE,
                            where="rules.petrarch.verbs")
    missing = [(key, path) for key in KEYS for path in getattr(rules.petrarch, key)
               if not Path(path).expanduser().is_file()]
    if not missing:
        return
    keys = list(dict.fromkeys(key for key, _ in missing))
    shared = any("/shared/" in Path(path).as_posix() for _, path in missing)
    default = (" (the defaults of conf/rules/petrarch.yaml are the Phoenix dictionaries in ../shared/eval/petr/, "
               "which is beside a development checkout only)" if shared else "")
    raise RuleFileError(f"rules=petrarch needs your PETRARCH dictionary files, and {len(missing)} of them do not exist "
                        f"(first: {missing[0][1]}){default}; give their paths: "
                        + " ".join(f"rules.petrarch.{key}=[FILE,...]" for key in keys) + " (docs/petrarch.md)",
                        code=PETRARCH_FILE, where=f"rules.petrarch.{keys[0]}")
