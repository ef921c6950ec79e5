"""`coder-status <dataset>`: done / running / failed / pending shards of a dataset (coder/dataset/status.py). Exit
status 0 when the dataset is complete, 1 when it is not, 2 when the path is not a coder dataset. It never loads spaCy
(tests/test_architecture.py's LIGHT_MODULES), so it answers at once, from any node."""

from __future__ import annotations

import argparse
import json
import sys

from coder.cli.errors import entry_point
from coder.cli.help import ToolParser
from coder.dataset.status import dataset_status, report


def _parser() -> argparse.ArgumentParser:
    parser = ToolParser(prog="coder-status", description="Done / running / failed / pending shards of a coder "
                        "dataset. Exit status 0 when complete, 1 when not, 2 when not a dataset.")
    parser.add_argument("dataset", help="the dataset folder (output.path of the run)")
    parser.add_argument("--json", action="store_true", help="print the status as JSON")
    parser.add_argument("--limit", type=int, default=10, help="shards listed per state")
    return parser


@entry_point
def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    status = dataset_status(args.dataset)  # InputError (E303) when the folder is no coder dataset
    print(json.dumps(status, indent=1) if args.json else report(status, args.limit))
    complete = status["status"] == "complete" and status["counts"]["done"] == sum(status["counts"].values())
    return 0 if complete else 1


if __name__ == "__main__":
    raise SystemExit(main())
