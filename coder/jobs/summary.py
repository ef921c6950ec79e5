"""What a run gives back (`RunResult`: the dataset's path, this run's rejects, the manifest, the exit status) and its
summary as text, which the `coder` command prints. Neither reads the whole dataset into memory: the summary's tables
are lazy scans of three columns; `RunResult.events` reads the events only when asked."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from coder.dataset.dedup import ViewResult, scan_dataset
from coder.dataset.documents import Manifest, RunStats
from coder.dataset.layout import REJECTS, meta_dir
from coder.dataset.sink import read_events


@dataclass
class RunResult:
    dataset: Path  # the dataset folder (every shard, also those committed by earlier runs)
    rejects: pl.DataFrame  # this run's rejected inputs (coder.dataset.tables.REJECTS_SCHEMA)
    articles: int = 0  # articles in the dataset
    sentences: int = 0
    manifest: Manifest | dict = field(default_factory=dict)
    view: ViewResult | None = None  # the dedup view built after the run, if any
    run: RunStats | dict = field(default_factory=dict)  # what this run did: shards coded / skipped / dropped, ...
    exit_status: int = 0  # 0: every input coded; rejects_exit_status (1) when some were rejected

    @property
    def events(self) -> pl.DataFrame:
        """The whole dataset, read now (for notebooks and tests: the job itself never holds it)."""
        return read_events(self.dataset)

    @property
    def event_count(self) -> int:
        return int(self.manifest.get("counts", {}).get("events", 0))


def _run_lines(result: RunResult) -> list[str]:
    run, counts = result.run, result.manifest.get("counts", {})
    if not run:
        return []
    lines = [f"mode {result.manifest.get('mode')}: {counts.get('shards', 0)} shard(s), "
             f"{run['shards_coded']} coded now ({run['articles_coded']} articles), {run['shards_skipped']} "
             f"already committed ({run['articles_skipped']} articles), {run['shards_dropped']} dropped "
             f"(changed input, rules or model), {run['files_removed']} stale file(s) removed"]
    if run.get("already_in_dataset"):
        lines.append(f"articles already in the dataset (skipped): {run['already_in_dataset']}")
    if run.get("duplicate_event_ids_dropped"):
        lines.append(f"duplicate event ids within an article dropped: {run['duplicate_event_ids_dropped']}")
    if run.get("skipped_files"):
        reasons = ", ".join(f"{k}: {n}" for k, n in sorted(run.get("skipped", {}).items()))
        lines.append(f"skipped files (not read): {run['skipped_files']} ({reasons}); e.g. "
                     f"{', '.join(run.get('skipped_examples', [])[:3])}")
    if run.get("workers_lost"):
        lines.append(f"warning: {run['workers_lost']} worker process(es) died (killed, out of memory?); their "
                     f"articles were coded again on a fresh worker")
    if run.get("foreign_files"):
        lines.append(f"warning: files in the dataset folder that are not coder's (readers may fail on them): "
                     f"{', '.join(run['foreign_files'][:5])}")
    return lines


def _reject_lines(result: RunResult) -> list[str]:
    rejects = result.rejects
    if not rejects.height:
        return []
    kinds = Counter(rejects["kind"].to_list()) if "kind" in rejects.columns else {}
    lines = ["rejected by kind: " + "  ".join(f"{k}:{n}" for k, n in sorted(kinds.items())), "rejected inputs:"]
    lines.extend(f"  {row['source']}: {row['reason']}" for row in rejects.head(20).iter_rows(named=True))
    if rejects.height > 20:
        lines.append(f"  ... {rejects.height - 20} more")
    lines.append(f"rejects table: {meta_dir(result.manifest['config']['output']['path']) / REJECTS}"
                 if result.manifest.get("config") else "")
    return lines


def summary(result: RunResult, top: int = 10) -> str:
    lines = [
        f"articles coded: {result.articles}   rejected: {result.rejects.height}   sentences: {result.sentences}   "
        f"events: {result.event_count}",
        *_run_lines(result),
        *_reject_lines(result),
    ]
    if result.view is not None:
        where = f" -> {result.view.path}" if result.view.path else ""
        lines.append(f"dedup view {result.view.name}: {result.view.rows} events from {result.view.source_rows} "
                     f"records{where}")
    events = scan_dataset(result.dataset) if result.event_count else None
    if events is not None:
        by_root = events.group_by("root_code").len().sort("root_code").collect()
        lines.append("events by root: " + "  ".join(f"{r}:{n}" for r, n in by_root.iter_rows()))
        dyads = (events.group_by("source_country", "target_country").len()
                 .sort(["len", "source_country", "target_country"], descending=[True, False, False]).head(top)
                 .collect())
        lines.append("top dyads:")
        lines.extend(f"  {s} -> {t}: {n}" for s, t, n in dyads.iter_rows())
    return "\n".join(line for line in lines if line)
