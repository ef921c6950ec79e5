"""`coder-rules`: which CAMEO codes the verb rules cover, and validation of rule files (coder/rules/coverage.py).

    coder-rules coverage [FILE ...]      table by root: codes with at least one verb rule / codes in the ontology,
                                         and the codes without a rule (FILEs are loaded on top of the packaged rules);
                                         the median number of wordings per code and the lexicon's size
    coder-rules coverage --codes         every code with the number of wordings that give it
    coder-rules check FILE [FILE ...]    validate rule files: "FILE: ok" on stdout for each good file, the one-line
                                         error (`error E206: FILE:LINE: ...`) on stderr for each faulty one

Exit status: 0 when all is well, 1 when `coverage` finds codes that are not in the ontology, 2 for a faulty file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from coder.cli.errors import USER_ERROR_STATUS, entry_point
from coder.cli.help import ToolParser
from coder.rules.coverage import check_files, coverage, format_codes, format_coverage, unknown_codes
from coder.rules.loader import load_rules


def _parser() -> argparse.ArgumentParser:
    parser = ToolParser(prog="coder-rules", description="Check rule files (coder-rules check: one line per faulty "
                        "file, with the fix), and which CAMEO codes the verb rules cover (coder-rules coverage).")
    sub = parser.add_subparsers(dest="command", required=True)
    cov = sub.add_parser("coverage", help="CAMEO codes with verb rules, by root")
    cov.add_argument("files", nargs="*", help="extra rule files loaded on top of the packaged rules")
    cov.add_argument("--codes", action="store_true", help="list every code with its number of wordings")
    chk = sub.add_parser("check", help="validate rule files (as rules.extra would load them)")
    chk.add_argument("files", nargs="+", help="rule files (YAML)")
    return parser


@entry_point
def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "coverage":
        return _coverage(args.files, args.codes)
    return _check(args.files)


def _coverage(files: list[str], by_code: bool = False) -> int:
    rules = load_rules(extra=files)  # a faulty file is a RuleFileError: one line and status 2
    report = coverage(rules)
    print(format_codes(report) if by_code else format_coverage(report))
    bad = unknown_codes(rules)
    if bad:
        print(f"codes not in the ontology: {' '.join(bad)}", file=sys.stderr)
        return 1
    return 0


def _check(files: list[str]) -> int:
    status = 0
    for path, error in check_files(files):
        if error is None:
            print(f"{path}: ok")
        else:
            print(error, file=sys.stderr)
            status = USER_ERROR_STATUS
    return status


if __name__ == "__main__":
    raise SystemExit(main())
