"""Step 1 of every runner: check the config (coder.jobs.checks), load the coder, scan the input, refuse what would
lose data (coder.dataset.guards), plan the shards (coder.dataset.plan) and write the plan file and a `running`
manifest, under the writer's exclusive lock. Nothing in the dataset changes before the refusals are passed."""

from __future__ import annotations

import hashlib
import platform
import shutil
import time
from datetime import datetime, timezone

import polars as pl
import pyarrow
import spacy
from omegaconf import OmegaConf

import coder
from coder.config import CoderConfig, OutputMode
from coder.dataset.dedup import drop_views, refuse_foreign_view
from coder.dataset.documents import CommitRecord, PlanHeader, PlannedRun, RunDescription, RunKey
from coder.dataset.guards import lost_shards, refuse_empty_input, refuse_losing
from coder.dataset.journal import read_journal
from coder.dataset.layout import CLAIMS, FORMAT, PLAN, views_dir
from coder.dataset.locks import lock_path
from coder.dataset.manifest import Progress
from coder.dataset.plan import Plan, input_base, plan_shards, write_plan
from coder.dataset.scanning import Scan, scan
from coder.dataset.sink import DatasetWriter
from coder.engine.parsing.pipeline import model_version
from coder.errors import APPEND_NO_RECORDS, DataSafetyError
# The module, not its names: looked up when called, so that tests can stand a fake coder in for the real one.
from coder.jobs import coder as job_coder
from coder.jobs.checks import check_config  # noqa: F401 - every runner's first step, also imported from here


def load_coder(cfg: CoderConfig) -> job_coder.Coder:
    return job_coder.Coder(cfg)


def run_key_of(cfg: CoderConfig, engine: job_coder.Coder) -> tuple[RunKey, str]:
    """What every shard fingerprint depends on besides its inputs: code, rules, model, pipeline switches."""
    run_key: RunKey = {"coder_version": coder.__version__, "engine_hash": job_coder.engine_hash(),
                       "rules_hash": engine.rules.rules_hash, "model": cfg.nlp.model,
                       "model_version": model_version(engine.nlp), "disable": sorted(cfg.nlp.disable),
                       "fast_path": cfg.nlp.fast_path}
    return run_key, hashlib.sha256(repr(sorted(run_key.items())).encode("utf-8")).hexdigest()[:24]


def _refuse_append_without_records(cfg: CoderConfig, writer: DatasetWriter, has_records: bool) -> None:
    legacy = [p for p in writer.data.glob("year=*/month=*/*.parquet") if not p.name.startswith("shard-")]
    if legacy and not has_records:
        raise DataSafetyError(f"output.mode=append: {cfg.output.path} was written by an older coder without commit "
                              f"records ({legacy[0].name}); rebuild it once with output.mode=overwrite.",
                              code=APPEND_NO_RECORDS)


def _description(cfg: CoderConfig, engine: job_coder.Coder, run_key: RunKey, run_key_hash: str, runner: str,
                 started: datetime) -> RunDescription:
    """The manifest's fixed part: what was run, with which versions and config."""
    return {
        "format": FORMAT, "status": "running", "mode": cfg.output.mode, "runner": runner,
        "coder_version": coder.__version__, "rules_hash": engine.rules.rules_hash, "rule_files": engine.rules.files,
        "model": cfg.nlp.model, "model_version": run_key["model_version"], "run_key": run_key,
        "run_key_hash": run_key_hash,
        "versions": {"spacy": spacy.__version__, "polars": pl.__version__, "pyarrow": pyarrow.__version__,
                     "python": platform.python_version()},
        "config": OmegaConf.to_container(OmegaConf.structured(cfg), resolve=True),  # type: ignore[typeddict-item]
        "input_base": input_base(cfg.input), "started_utc": started.isoformat(timespec="seconds"),
    }


def _scan(cfg: CoderConfig, writer: DatasetWriter) -> Scan:
    """The input, without the job's own dataset, meta and views folders and lock file (when they lie inside the input
    folder)."""
    return scan(cfg.input, [writer.target, writer.meta_target, views_dir(writer.target), lock_path(writer.target)])


def _refuse_losing_data(cfg: CoderConfig, writer: DatasetWriter, found: Scan, journal: dict[str, CommitRecord],
                        plan: Plan) -> None:
    """Before anything changes: an input with nothing to code, a resume that would lose shards, a view folder that
    is not the coder's (coder.dataset.guards, coder.dataset.dedup)."""
    committed = len(journal) if cfg.output.mode != OutputMode.overwrite else len(read_journal(writer.meta_target))
    refuse_empty_input(cfg.input.path, found.records, found.rejects, found.skipped, cfg.output, committed)
    refuse_losing(cfg.output, cfg.input.path, len(journal), lost_shards(plan.dropped, found.records))
    refuse_foreign_view(writer.target, cfg.dedup)


def plan_run(cfg: CoderConfig, writer: DatasetWriter, engine: job_coder.Coder, runner: str,
             tasks: int = 1) -> tuple[PlanHeader, Plan]:
    """Scan the input, plan the shards, refuse what would lose data, drop invalid shards, sweep stale files, write
    the plan file and a `running` manifest. Needs the writer's exclusive lock (the caller holds `writer`)."""
    out = cfg.output
    started = datetime.now(timezone.utc)
    found = _scan(cfg, writer)
    run_key, run_key_hash = run_key_of(cfg, engine)
    journal = writer.journal() if out.mode != OutputMode.overwrite else {}
    if out.mode == OutputMode.append:
        _refuse_append_without_records(cfg, writer, bool(journal))
    plan = plan_shards(found.records, journal, writer.intact, run_key_hash, out.mode, out.shard_size, out.shard_by,
                       cfg.input.dedup_content)
    _refuse_losing_data(cfg, writer, found, journal, plan)
    writer.prepare()
    rejects = found.rejects + plan.rejects
    rejected = len(rejects)
    if out.mode != OutputMode.append:  # this run's inputs include the articles the engine failed on in a kept shard
        rejected += sum(len(r.get("rejects", [])) for r in plan.kept)
    if plan.pending or plan.dropped:
        drop_views(writer.target)  # derived from the dataset, which is about to change; rebuilt at the end
    writer.drop(plan.dropped)
    removed = writer.sweep({f["path"] for record in plan.kept for f in record.get("files", [])})
    shutil.rmtree(writer.meta / CLAIMS, ignore_errors=True)
    (writer.meta / CLAIMS).mkdir()
    planned: PlannedRun = {"shards_skipped": len(plan.kept), "shards_dropped": len(plan.dropped),
                           "articles_skipped": sum(r["articles"] for r in plan.kept),
                           "already_in_dataset": plan.already, "files_removed": len(removed),
                           "foreign_files": writer.foreign, "skipped_files": found.skipped.total,
                           "skipped": found.skipped.counts, "skipped_examples": found.skipped.examples}
    header: PlanHeader = {
        "format": FORMAT, "runner": runner, "tasks": tasks, "mode": out.mode, "data": str(writer.data),
        "meta": str(writer.meta), "run_key": run_key, "run_key_hash": run_key_hash, "shards": len(plan.pending),
        "kept": [r["fingerprint"] for r in plan.kept], "rejected": rejected, "started_epoch": time.time(),
        "run": planned, "manifest": _description(cfg, engine, run_key, run_key_hash, runner, started),
    }
    write_plan(writer.meta / PLAN, header, plan.pending, rejects)
    writer.write_manifest(Progress(header, plan.kept, [s.summary() for s in plan.pending]).manifest("running"))
    return header, plan
