"""`coder-eval all [key=value ...]`: every visible gold set in one table (coder/evaluation/all_sets.py): the dev
corpus, devcorpus2, the PLOVER records and PETRARCH's unit tests, with the targets the project holds itself to.
Overrides take the keys `coder` takes, e.g. `rules.extra=[my_rules.yaml]` to judge your rules on every set."""

from __future__ import annotations

import sys

from coder.cli.errors import entry_point
from coder.cli.help import help_text
from coder.cli.overrides import coder_config
from coder.cli.rule_paths import require_rule_files
from coder.evaluation.all_sets import all_sets, format_table

DESCRIPTION = """Score the coder on every gold set present, in one table with the project's targets: the dev corpus and
devcorpus2 (datasets/eval/), and, where ../shared is beside the checkout, the PLOVER records and PETRARCH's unit
tests (listed as skipped otherwise). Overrides take the keys `coder` takes (rules.extra=[...], nlp.model=...)."""


@entry_point
def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("-h", "--help"):
        print(help_text(DESCRIPTION, "coder-eval all", "usage: coder-eval all [key=value ...]"))
        return 0
    cfg = coder_config(argv)
    require_rule_files(cfg.rules)
    print(format_table(all_sets(cfg.nlp, cfg.rules)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
