"""The events the coder gives on fixed inputs, written to tests/expected/ and compared by tests/test_expected_events.py.

A change that is meant to keep the output (a refactoring, a speed-up) must leave these files as they are; a change
meant to alter it regenerates them and the diff shows exactly which events changed:

    .venv/bin/python -m tests.golden            # rewrite tests/expected/*.jsonl from the current engine
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXPECTED = ROOT / "tests" / "expected"
# Columns that describe the run, not the event: they change with the version and with any rule file.
RUN_COLUMNS = ("coder_version", "rules_hash")
# Folders of seed-format articles whose events are kept: the bundled sample (seed article and dev corpus) always,
# and the conflict-heavy second dev corpus (shipped in datasets/eval/).
FOLDERS = {"sample": ROOT / "datasets" / "sample", "devcorpus2": ROOT / "datasets" / "eval" / "devcorpus2" / "articles"}


def folder_events(folder: Path, engine=None) -> list[dict]:
    """Every event the default configuration codes from the articles in `folder`, as JSON-ready rows."""
    from coder.dataset.articles import Article, read_articles
    from coder.config import CoderConfig, register_configs
    from coder.jobs.coder import Coder

    register_configs()
    cfg = CoderConfig()
    cfg.input.path = str(folder)
    engine = engine or Coder(cfg)
    articles = [a for a in read_articles(cfg.input) if isinstance(a, Article)]
    rows, _ = engine.code(articles)
    rows = [{k: v for k, v in row.items() if k not in RUN_COLUMNS} for row in rows]
    rows.sort(key=lambda r: (r["article_id"], r["sentence_index"], r["event_id"]))
    return json.loads(json.dumps(rows, default=str))


def petr_outcomes(outcomes: list | None = None) -> list[dict]:
    """PETRARCH's unit-test records through the imported dictionaries: what each record gave (from `outcomes`, the
    runner's result when a caller has it already, or from a run made here)."""
    from coder.evaluation.petrarch import UnitTestRunner, load_records

    if outcomes is None:
        outcomes = UnitTestRunner().run(load_records())
    return [{"id": o.record.get("id", i), "got": sorted(map(list, o.got)), "error": o.error}
            for i, o in enumerate(outcomes)]


def expected_path(name: str) -> Path:
    return EXPECTED / f"{name}.jsonl"


def read_expected(name: str) -> list[dict]:
    with expected_path(name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_expected(name: str, rows: list[dict]) -> None:
    EXPECTED.mkdir(parents=True, exist_ok=True)
    with expected_path(name).open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def main() -> int:
    for name, folder in FOLDERS.items():
        if folder.exists():
            rows = folder_events(folder)
            write_expected(name, rows)
            print(f"{expected_path(name).relative_to(ROOT)}: {len(rows)} events")
    if (SHARED / "eval" / "petr").exists():
        outcomes = petr_outcomes()
        write_expected("petr_unittest", outcomes)
        print(f"{expected_path('petr_unittest').relative_to(ROOT)}: {len(outcomes)} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
