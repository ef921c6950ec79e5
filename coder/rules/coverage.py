"""Which CAMEO codes the verb rules cover, and validation of rule files (the command is `coder-rules`,
coder/cli/rules.py).

A code counts as covered when a verb rule has it as `code` or `reverse_code`. The 2-digit root codes count only
when a rule uses the root code itself; codes reached only through the modality tables of engine.yaml (intent,
refusal, threat) do not count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coder.errors import RULE_FILE_MISSING, RuleFileError
from coder.ontology import Ontology, load_ontology
from coder.rules.faults import fault
from coder.rules.loader import PACKAGED_DIR, PACKAGED_SETS, load_rules
from coder.rules.model import RuleSet


@dataclass(frozen=True, slots=True)
class RootCoverage:
    root: str
    name: str
    codes: list[str]  # every code of the root in the ontology, the root itself included
    covered: list[str]
    rule_count: int  # verb rules whose code lies in this root

    @property
    def missing(self) -> list[str]:
        return [c for c in self.codes if c not in self.covered]


def rule_codes(rules: RuleSet) -> dict[str, list[str]]:
    """Code -> ids of the verb rules that produce it (as code or reverse_code)."""
    out: dict[str, list[str]] = {}
    for rule in rules.verbs:
        for code in (rule.code, rule.reverse_code):
            if code:
                out.setdefault(code, []).append(rule.id)
    return out


def coverage(rules: RuleSet, ontology: Ontology | None = None) -> list[RootCoverage]:
    ontology = ontology or load_ontology()
    used = rule_codes(rules)
    roots: list[RootCoverage] = []
    for root in sorted({ontology[c].root for c in ontology.codes()}):
        codes = [c for c in ontology.codes() if ontology[c].root == root]
        roots.append(RootCoverage(
            root=root,
            name=ontology[root].name if root in ontology else "",
            codes=codes,
            covered=[c for c in codes if c in used],
            rule_count=sum(1 for r in rules.verbs if r.code[:2] == root),
        ))
    return roots


def unknown_codes(rules: RuleSet, ontology: Ontology | None = None) -> list[str]:
    """Codes used by verb rules or the settings tables that are not in the ontology (the loader forbids them; this is
    a second check for rule sets built in other ways)."""
    ontology = ontology or load_ontology()
    codes = set(rule_codes(rules))
    for table in (rules.settings.intent_codes, rules.settings.refusal_codes, rules.settings.threat_codes):
        codes |= set(table) | set(table.values())
    return sorted(c for c in codes if c not in ontology)


def format_coverage(report: list[RootCoverage], width: int = 100) -> str:
    lines = [f"{'root':<5} {'name':<34} {'codes':>9} {'rules':>6}  codes without a verb rule",
             "-" * width]
    for row in report:
        missing = " ".join(row.missing) or "-"
        lines.append(f"{row.root:<5} {row.name[:34]:<34} {len(row.covered):>4}/{len(row.codes):<4} {row.rule_count:>6}  "
                     f"{missing}")
    covered = sum(len(r.covered) for r in report)
    total = sum(len(r.codes) for r in report)
    sub_covered = sum(len([c for c in r.covered if c != r.root]) for r in report)
    sub_total = sum(len([c for c in r.codes if c != r.root]) for r in report)
    rules = sum(r.rule_count for r in report)
    lines.append("-" * width)
    lines.append(f"CAMEO codes with at least one verb rule: {covered}/{total} "
                 f"({sub_covered}/{sub_total} below the root level; root codes count only when a rule uses them)")
    lines.append(f"verb rules: {rules}")
    return "\n".join(lines)


def check_files(paths: Sequence[str | Path]) -> list[tuple[str, str | None]]:
    """(path, None) for a valid file, (path, `error E2xx: file:line: ...`) otherwise. A packaged file is checked with
    the packaged set it belongs to; any other file is checked as a user file on top of the packaged rules (as
    `rules.extra`). Only faults in the files are reported; a bug in the loader keeps its traceback."""
    results: list[tuple[str, str | None]] = []
    packaged = {(PACKAGED_DIR / f"{name}.yaml").resolve() for name in PACKAGED_SETS}
    for path in paths:
        candidate = Path(path)
        try:
            if not candidate.exists():
                raise fault(RULE_FILE_MISSING, "no such file", candidate)
            if candidate.resolve() in packaged:
                load_rules()
            else:
                load_rules(extra=[candidate])
        except RuleFileError as error:
            results.append((str(path), error.one_line()))
        else:
            results.append((str(path), None))
    return results
