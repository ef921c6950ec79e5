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
from statistics import median

from coder.errors import RULE_FILE_MISSING, RuleFileError
from coder.ontology import Ontology, load_ontology
from coder.rules.faults import fault
from coder.rules.loader import PACKAGED_SETS, load_rules, resolve_rule_paths
from coder.rules.model import RuleSet


@dataclass(frozen=True, slots=True)
class RootCoverage:
    root: str
    name: str
    codes: list[str]  # every code of the root in the ontology, the root itself included
    covered: list[str]
    rule_count: int  # verb rules whose code lies in this root
    wordings: dict[str, int]  # code -> distinct wordings that give it (see `wordings`)

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


Wording = tuple[str, str, str, frozenset[str]]  # (verb lemma or "noun:<noun>", preposition, particle, object words)


def wordings(rules: RuleSet) -> dict[str, set[Wording]]:
    """Code -> the distinct wordings that give it: each verb lemma or event noun of a rule, with the rule's
    preposition, particle and object words ("sign" + object agreement and "sign" + object treaty count once, as one
    rule; "sign" and "ink" count twice), and each construction that codes it."""
    out: dict[str, set[Wording]] = {}
    for rule in rules.verbs:
        triggers = [*rule.lemmas, *(f"noun:{noun}" for noun in rule.nouns)]
        for code in (rule.code, rule.reverse_code):
            if code:
                out.setdefault(code, set()).update((trigger, rule.prep or "", rule.particle or "",
                                                    frozenset(rule.object)) for trigger in triggers)
    for construction in rules.constructions:  # each construction with a code is one wording of it
        for code in (construction.code, construction.reverse_code):
            if code:
                out.setdefault(code, set()).add((f"construction:{construction.id}", "", "", frozenset()))
    return out


def coverage(rules: RuleSet, ontology: Ontology | None = None) -> list[RootCoverage]:
    ontology = ontology or load_ontology()
    used = rule_codes(rules)
    counts = {code: len(found) for code, found in wordings(rules).items()}
    roots: list[RootCoverage] = []
    for root in sorted({ontology[c].root for c in ontology.codes()}):
        codes = [c for c in ontology.codes() if ontology[c].root == root]
        roots.append(RootCoverage(
            root=root,
            name=ontology[root].name if root in ontology else "",
            codes=codes,
            covered=[c for c in codes if c in used],
            rule_count=sum(1 for r in rules.verbs if r.code[:2] == root),
            wordings={c: counts.get(c, 0) for c in codes},
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
    below_root = [n for r in report for code, n in r.wordings.items() if code != r.root]
    lines.append("-" * width)
    lines.append(f"CAMEO codes with at least one verb rule: {covered}/{total} "
                 f"({sub_covered}/{sub_total} below the root level; root codes count only when a rule uses them)")
    lines.append(f"wordings per code below the root level: median {median(below_root):g}, "
                 f"{sum(n >= 3 for n in below_root)}/{len(below_root)} codes with at least 3")
    lines.append(f"lexicon: {rules} verb rules, {sum(sum(r.wordings.values()) for r in report)} wordings")
    return "\n".join(lines)


def format_codes(report: list[RootCoverage]) -> str:
    """One line per CAMEO code: the code, its name and the number of wordings that give it."""
    ontology = load_ontology()
    lines = [f"{'code':<6} {'wordings':>8}  name"]
    for row in report:
        lines.extend(f"{code:<6} {row.wordings[code]:>8}  {ontology[code].name}" for code in row.codes)
    return "\n".join(lines)


def check_files(paths: Sequence[str | Path]) -> list[tuple[str, str | None]]:
    """(path, None) for a valid file, (path, `error E2xx: file:line: ...`) otherwise. A packaged file is checked with
    the packaged set it belongs to; any other file is checked as a user file on top of the packaged rules (as
    `rules.extra`). Only faults in the files are reported; a bug in the loader keeps its traceback."""
    results: list[tuple[str, str | None]] = []
    packaged = {path.resolve() for path, _ in resolve_rule_paths(PACKAGED_SETS, ())}
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
