"""YAML loading that remembers where each value came from, so rule errors can name `file:line`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from coder.errors import RULE_FILE_MISSING, RULE_YAML
from coder.rules.faults import fault


class LineStr(str):
    """A string from a YAML file that knows its 1-based line number."""

    line: int

    def __new__(cls, value: str, line: int) -> "LineStr":
        obj = super().__new__(cls, value)
        obj.line = line
        return obj

    def __reduce__(self) -> tuple:
        # pickled with its line (a worker process sends rows whose codes may come straight from a rule file)
        return (LineStr, (str(self), self.line))


class LineDict(dict):
    """A mapping from a YAML file that knows its 1-based line number (and each key's line)."""

    line: int
    key_lines: dict[str, int]


# libyaml's C parser when available (about 5x faster on the packaged dictionaries); same constructors either way
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    pass


# YAML 1.1 reads on/off/yes/no as booleans, which breaks word lists ("prep: on"); only true/false are booleans here.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                  list("tTfF"))


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict)):
            raise _MappingFault("a key is a list or a mapping; keys are plain words such as code or names",
                                key_node.start_mark.line + 1)
        if key in result:
            raise _MappingFault(f"duplicate key '{key}' (first at line {result.key_lines[key]}); keep one",
                                key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_str(loader: _LineLoader, node: yaml.ScalarNode) -> LineStr:
    return LineStr(loader.construct_scalar(node), node.start_mark.line + 1)


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode):
    """Dates stay dates; an impossible one (2020-31-12) stays text so validation can name its line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return LineStr(node.value, node.start_mark.line + 1)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)


class _MappingFault(Exception):
    """A key given twice in one mapping, or a key that is not a plain value, found while constructing the mapping
    (where the file's path is not known yet)."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


def load_yaml_with_lines(path: Path) -> Any:
    """The file's YAML, its mappings and strings carrying their line numbers; a RuleFileError for a file that cannot
    be read (E210) or is not valid YAML (E202)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise fault(RULE_YAML, f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8",
                    path) from None
    except OSError as exc:
        raise fault(RULE_FILE_MISSING, f"cannot read the file ({exc.strerror}); check the path in rules.extra",
                    path) from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except _MappingFault as exc:
        raise fault(RULE_YAML, exc.message, path, exc.line) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as a control character
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)  # the C reader: an int
        raise fault(RULE_YAML, f"character {character!r} is not allowed in YAML ({exc.reason}); remove it",
                    path, text.count("\n", 0, exc.position) + 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise fault(RULE_YAML, f"YAML syntax error: {problem}; check indentation and quoting", path, line) from None
