"""One table for every visible gold set, so that a change is judged on all of them at once (`coder-eval all`):
the dev corpus and devcorpus2 (dyad+root and full-code F1, event dates), the PLOVER records (category found, with the
right countries) and PETRARCH's unit tests. A set whose files are absent (the third-party ones live in ../shared/) is
listed as skipped, with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coder.config import PROJECT_ROOT, CoderConfig, NlpConfig, RulesConfig
from coder.dataset.articles import Article, read_articles
from coder.dataset.records import events_frame
from coder.evaluation.petrarch import RECORDS, UNITTEST_DICTS, UnitTestRunner
from coder.evaluation.petrarch import load_records as load_petr
from coder.evaluation.plover import as_articles, load_records, score
from coder.evaluation.scoring import evaluate, load_gold
from coder.jobs.coder import Coder

SHARED_EVAL = PROJECT_ROOT.parent / "shared" / "eval"
SHIPPED_EVAL = PROJECT_ROOT / "datasets" / "eval"


def gold_set(name: str) -> Path:
    """A dev-corpus-format set's folder: the copy shipped in datasets/eval/, else ../shared/eval/."""
    shipped = SHIPPED_EVAL / name
    return shipped if (shipped / "gold.jsonl").exists() else SHARED_EVAL / name


@dataclass
class Row:
    set: str
    measure: str
    value: str
    target: str = ""


def _corpus_rows(name: str, coder: Coder, targets: dict[str, str]) -> list[Row]:
    folder = gold_set(name)
    if not (folder / "gold.jsonl").exists():
        return [Row(name, "skipped", f"no gold set at {folder}")]
    cfg = CoderConfig()
    cfg.input.path = str(folder / "articles")
    articles = [a for a in read_articles(cfg.input) if isinstance(a, Article)]
    rows, _ = coder.code(articles)
    results = evaluate(load_gold(folder / "gold.jsonl"), events_frame(rows), [a.article_id for a in articles])
    dyad, full = results["dyad_root"].overall["all"], results["full"].overall["all"]
    return [Row(name, "dyad+root F1 (P / R)", f"{dyad.f1:.3f} ({dyad.precision:.3f} / {dyad.recall:.3f})",
                targets.get("dyad", "")),
            Row(name, "full-code F1", f"{full.f1:.3f}", targets.get("full", "")),
            Row(name, "event dates", f"{results['dyad_root'].date_accuracy:.3f}", targets.get("dates", ""))]


def _plover_rows(coder: Coder) -> list[Row]:
    path = SHARED_EVAL / "plover-gsr" / "plover_gsr_dev.jsonl"
    if not path.exists():
        return [Row("PLOVER dev", "skipped", f"no records at {path} (../shared is absent)")]
    records = load_records(path)
    rows, _ = coder.code(as_articles(records))
    result = score(records, rows)
    return [Row("PLOVER dev", "category found", f"{result.found_share:.3f} ({result.found}/{result.records})",
                ">= 0.70"),
            Row("PLOVER dev", "with right countries",
                f"{result.countries_share:.3f} ({result.with_countries}/{result.records})", ">= 0.60")]


def _petrarch_rows() -> list[Row]:
    if not RECORDS.exists() or not UNITTEST_DICTS.exists():
        return [Row("PETRARCH", "skipped", "../shared/eval/petr is absent")]
    outcomes = UnitTestRunner().run(load_petr())
    return [Row("PETRARCH", "unit tests", f"{sum(o.correct for o in outcomes)}/{len(outcomes)}", ">= 258/284")]


def all_sets(nlp: NlpConfig | None = None, rules: RulesConfig | None = None) -> list[Row]:
    """Score every visible set with one loaded coder (the configuration's pipeline and rules)."""
    cfg = CoderConfig(nlp=nlp or NlpConfig(), rules=rules or RulesConfig())
    coder = Coder(cfg)
    try:
        rows = _corpus_rows("devcorpus", coder, {"dyad": ">= 0.80, P >= 0.80"})
        rows += _corpus_rows("devcorpus2", coder, {"dyad": ">= 0.75, P >= 0.75", "full": ">= 0.50",
                                                   "dates": ">= 0.90"})
        rows += _plover_rows(coder)
    finally:
        coder.close()
    return rows + _petrarch_rows()


def format_table(rows: list[Row]) -> str:
    widths = [max(len(getattr(r, f)) for r in rows) for f in ("set", "measure", "value")]
    header = f"| {'set':<{widths[0]}} | {'measure':<{widths[1]}} | {'value':<{widths[2]}} | target |"
    rule = f"|{'-' * (widths[0] + 2)}|{'-' * (widths[1] + 2)}|{'-' * (widths[2] + 2)}|--------|"
    lines = [header, rule]
    lines += [f"| {r.set:<{widths[0]}} | {r.measure:<{widths[1]}} | {r.value:<{widths[2]}} | {r.target} |"
              for r in rows]
    return "\n".join(lines)
