"""`coder-eval plover`: the PLOVER records (coder/evaluation/plover.py) scored per category, and optionally listed.

    coder-eval plover [--records FILE] [--show none|missed|wrong-countries|all] [--category CAT] [key=value ...]

`--show missed` lists the records whose category no coded event has; `--show wrong-countries` those whose category
was found but not with the record's countries. Overrides take the keys `coder` takes (rules.extra=[...]).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coder.cli.errors import entry_point
from coder.cli.help import ToolParser
from coder.cli.overrides import coder_config
from coder.cli.rule_paths import require_rule_files
from coder.errors import EvaluationError
from coder.evaluation.all_sets import SHARED_EVAL
from coder.evaluation.plover import RecordOutcome, as_articles, format_outcome, format_score, load_records, outcomes, score
from coder.jobs.coder import Coder

RECORDS = SHARED_EVAL / "plover-gsr" / "plover_gsr_dev.jsonl"
SHOWN = {"none": lambda o: False, "all": lambda o: True, "missed": lambda o: not o.found,
         "wrong-countries": lambda o: o.found and not o.paired}


def _parser() -> argparse.ArgumentParser:
    parser = ToolParser(prog="coder-eval plover", description="Code the PLOVER gold records (one sentence each) and "
                        "score them per category: category found, and found with the record's countries. The records "
                        "are third-party material in ../shared/eval/plover-gsr/ beside a development checkout; "
                        "elsewhere give --records.")
    parser.add_argument("--records", type=Path, default=RECORDS)
    parser.add_argument("--show", choices=tuple(SHOWN), default="none",
                        help="list records: missed (category not found), wrong-countries, or all")
    parser.add_argument("--category", default=None, help="only records of this PLOVER category (e.g. PROTEST)")
    parser.add_argument("overrides", nargs="*", help="key=value overrides, as `coder` takes them")
    return parser


@entry_point
def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    if not args.records.exists():
        raise EvaluationError("no PLOVER records here: ../shared/eval/plover-gsr/ is absent; give --records FILE",
                              where=str(args.records))
    records = load_records(args.records)
    if args.category:
        records = [r for r in records if r.category == args.category.upper()]
    cfg = coder_config(args.overrides)
    require_rule_files(cfg.rules)
    coder = Coder(cfg)
    try:
        rows, _ = coder.code(as_articles(records))
    finally:
        coder.close()
    listed: list[RecordOutcome] = [o for o in outcomes(records, rows) if SHOWN[args.show](o)]
    for outcome in listed:
        print(format_outcome(outcome))
    if listed:
        print()
    print(format_score(score(records, rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
