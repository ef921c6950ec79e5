"""`--help` of the argparse tools: a description, then the examples (the README's "Common commands" for the tool;
tests/test_help.py keeps the two alike), then the usage and the options. `coder` and `coder-eval` are Hydra apps;
their help is conf/hydra/help/*.yaml."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Sequence

WIDTH = 118
EXAMPLES: dict[str, tuple[str, ...]] = {
    "coder-explain": (
        '.venv/bin/coder-explain "Moscow warned Astana against joining the sanctions." date=2024-05-02',
        '.venv/bin/coder-explain --article datasets/sample/seed.txt               # a whole article, in context',
        '.venv/bin/coder-explain --interactive date=2024-05-02                    # one sentence a line, model loaded once',
        '.venv/bin/coder-explain "Ali Asadov reprimanded Kyrgyzstan." date=2024-05-02 rules.extra=[my_rules.yaml]',
    ),
    "coder-rules": (
        ".venv/bin/coder-rules check my_rules.yaml                                 # check a rule file without coding",
        ".venv/bin/coder-rules coverage                                             # which CAMEO codes have verb rules",
        ".venv/bin/coder-rules coverage --codes my_rules.yaml                       # every code, with your rules",
    ),
    "coder-export": (
        ".venv/bin/coder-export datasets/events --format plover --output events.jsonl",
        ".venv/bin/coder-export datasets/events --format csv --output events.csv                  # GDELT column names",
        ".venv/bin/coder-export datasets/events --format csv --style phoenix --output events.tsv  # Phoenix, tab-separated",
        ".venv/bin/coder-export datasets/events -o 2024.jsonl --from 2024-01-01 --to 2024-12-31 --no-text",
    ),
    "coder-status": (
        ".venv/bin/coder-status datasets/events                                     # done / running / failed / pending shards",
        ".venv/bin/coder-status datasets/events --json",
    ),
    "coder-compact": (
        ".venv/bin/coder-compact datasets/events                                    # merge small files per month",
        ".venv/bin/coder-compact datasets/events --dry-run",
    ),
    "coder-compile": (
        ".venv/bin/coder-compile status     # which engine imports: 0 if the compiled one is current, 1 if not",
        ".venv/bin/coder-compile build      # compile the engine's hot modules with mypyc (bootstrap.py does it)",
        ".venv/bin/coder-compile remove     # delete the build, so the Python sources are used",
    ),
    "coder-eval all": (
        ".venv/bin/coder-eval all                                                   # every visible gold set in one table",
        ".venv/bin/coder-eval all rules.extra=[my_rules.yaml]                       # your rules on every set",
    ),
    "coder-eval petr": (
        ".venv/bin/coder-eval petr                                                  # PETRARCH's unit tests, its own dictionaries",
        ".venv/bin/coder-eval petr --show failed                                    # with every failing record",
    ),
}


def help_text(description: str, tool: str, usage: str = "") -> str:
    """The description, the tool's examples and, if given, the usage below them."""
    examples = "\n".join(f"  {line}" for line in EXAMPLES.get(tool, ()))
    paragraphs = "\n\n".join(textwrap.fill(" ".join(p.split()), WIDTH) for p in description.strip().split("\n\n"))
    parts = [paragraphs, f"Examples:\n{examples}" if examples else "", usage.strip()]
    return "\n\n".join(p for p in parts if p) + "\n"


class ToolParser(argparse.ArgumentParser):
    """An ArgumentParser whose --help opens with the description and the examples, then the usage and options."""

    def __init__(self, *args, examples: str | None = None, **kwargs) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)
        self.examples_of = examples if examples is not None else self.prog

    def format_help(self) -> str:
        description, self.description = self.description, None
        try:
            rest = super().format_help()
        finally:
            self.description = description
        return help_text(description or "", self.examples_of, rest) if description else rest


def tool_parser(prog: str, description: str, examples: str | None = None,
                parents: Sequence[argparse.ArgumentParser] = ()) -> ToolParser:
    return ToolParser(prog=prog, description=description, examples=examples, parents=list(parents))
