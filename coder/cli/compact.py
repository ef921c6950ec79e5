"""`coder-compact <dataset>`: merge the small files of each month of a dataset into few large ones, event ids and rows
unchanged (coder/dataset/compact.py). It never loads spaCy (tests/test_architecture.py's LIGHT_MODULES)."""

from __future__ import annotations

import argparse
import sys

from coder.cli.errors import entry_point
from coder.cli.help import ToolParser
from coder.dataset.compact import compact


def _parser() -> argparse.ArgumentParser:
    parser = ToolParser(prog="coder-compact", description="Merge the small files of each month of a coder dataset "
                        "into few large ones (event ids and rows unchanged).")
    parser.add_argument("dataset", help="the dataset folder (output.path of the run)")
    parser.add_argument("--max-rows", type=int, default=2_000_000, help="at most this many rows per merged file")
    parser.add_argument("--min-files", type=int, default=2, help="merge a month only when it has this many files")
    parser.add_argument("--dry-run", action="store_true", help="only print what would be merged")
    return parser


@entry_point
def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.max_rows < 1 or args.min_files < 2:
        parser.error("--max-rows must be >= 1 and --min-files >= 2")
    merged = compact(args.dataset, args.max_rows, args.min_files, args.dry_run)  # refusals are DataSafetyErrors
    verb = "would merge" if args.dry_run else "merged"
    for entry in merged:
        print(f"{verb} {entry['files']} files ({entry['rows']} rows) into {entry['path']}")
    print(f"{len(merged)} merged file(s); {sum(e['files'] for e in merged)} files before")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
