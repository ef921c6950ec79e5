"""`coder-export`: a coded event dataset as a GDELT/Phoenix-style CSV or PLOVER-style JSONL (coder/analysis/export.py).

    coder-export datasets/events --format csv --output events.csv              # GDELT column names
    coder-export datasets/events --format csv --style phoenix --output events.tsv
    coder-export datasets/events --format plover --output events.jsonl
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from coder.analysis.export import CSV_STYLES, FORMATS, export, format_from_suffix
from coder.cli.errors import entry_point
from coder.cli.help import ToolParser
from coder.errors import InputError


def _parser() -> argparse.ArgumentParser:
    parser = ToolParser(
        prog="coder-export",
        description="Export a coded event dataset as a GDELT/Phoenix-style CSV or as PLOVER-style JSONL.",
    )
    parser.add_argument("dataset", help="dataset folder (year=/month=/*.parquet), e.g. datasets/events")
    parser.add_argument("-f", "--format", choices=FORMATS,
                        help="csv or plover (default: from the output's suffix: .csv/.tsv -> csv, .jsonl -> plover)")
    parser.add_argument("-o", "--output", required=True, help="file to write (replaced if it exists)")
    parser.add_argument("--style", choices=CSV_STYLES, default="gdelt", help="CSV column names (default: gdelt)")
    parser.add_argument("--separator", help="CSV field separator (default: tab for .tsv, else comma)")
    parser.add_argument("--from", dest="start", type=date.fromisoformat, help="first event date, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=date.fromisoformat, help="last event date, YYYY-MM-DD")
    parser.add_argument("--no-text", action="store_true",
                        help="PLOVER: leave out the sentence text (e.g. when the articles' rights do not allow it)")
    return parser


@entry_point
def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    fmt = args.format or _format_of(Path(args.output))
    try:
        result = export(args.dataset, fmt, args.output, style=args.style, include_text=not args.no_text,
                        start=args.start, end=args.end, separator=args.separator)
    except FileNotFoundError as error:  # no dataset at the path (coder.analysis.scan_events)
        raise InputError(f"{error}; give the dataset folder (output.path of the run)") from None
    line = f"{result.rows} records written to {result.path} ({result.format}"
    line += f", {args.style})" if result.format == "csv" else ")"
    if result.skipped:
        line += f"; {result.skipped} of {result.events} events skipped: CAMEO roots 01/02 have no PLOVER category"
    print(line)
    return 0


def _format_of(output: Path) -> str:
    try:
        return format_from_suffix(output)
    except ValueError as error:  # an output name without a known suffix
        raise InputError(str(error), where=str(output)) from None


if __name__ == "__main__":
    raise SystemExit(main())
