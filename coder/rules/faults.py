"""Faults in rule files as the catalogue's `RuleFileError` (coder.errors), located at `file:line` so the tools print
`error E206: rules/my.yaml:14: <what is wrong; how to fix it>`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coder.errors import ErrorCode, RuleFileError


def location(path: str | Path | None, line: int | None = None) -> str:
    """`file:line`, `file` when the line is unknown, `<rules>` for rules that came from no file."""
    where = str(path) if path is not None else "<rules>"
    return where if line is None else f"{where}:{line}"


def fault(code: ErrorCode, message: str, path: str | Path | None, line: int | None = None) -> RuleFileError:
    return RuleFileError(message, code=code, where=location(path, line))


def fault_at(code: ErrorCode, message: str, node: Any, path: str | Path) -> RuleFileError:
    """A fault at the line of a value read from YAML (a LineDict or LineStr); just the file for other values."""
    return fault(code, message, path, getattr(node, "line", None))
