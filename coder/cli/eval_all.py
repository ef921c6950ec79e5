"""`coder-eval all [key=value ...]`: every visible gold set in one table (coder/evaluation/all_sets.py): the dev
corpus, devcorpus2, the PLOVER records and PETRARCH's unit tests, with the targets the project holds itself to.
Overrides take the keys `coder` takes, e.g. `rules.extra=[my_rules.yaml]` to judge your rules on every set."""

from __future__ import annotations

import sys

from coder.cli.errors import entry_point
from coder.cli.overrides import coder_config
from coder.evaluation.all_sets import all_sets, format_table


@entry_point
def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    cfg = coder_config(argv)
    print(format_table(all_sets(cfg.nlp, cfg.rules)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
