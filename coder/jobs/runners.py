"""Runners: where the planned shards of a job are coded. All three go through the same three steps, so they produce
the same dataset (the same shard fingerprints, file names, event ids and rows) on the same input and rules:

1. plan (`plan_run`, under the writer's exclusive lock): scan the input (coder.dataset.plan), keep/drop committed shards,
   sweep stale files, write `<output>_meta/_plan.jsonl`;
2. code (`code_shards`): read each shard's articles back, code them with a Coder loaded once per process, commit the
   shard (coder.dataset.sink.commit_shard: stage, rename in, commit record). A shard being coded has a claim file
   `<output>_meta/_claims/<fingerprint>.json` (who, since when; `failed` with the error if it raised), removed on
   commit; `coder-status` reads them;
3. finish (`finalize`, under the exclusive lock): check every planned shard is committed, then write the unknown-actors
   table, the rejects, the manifest, swap in an overwrite, verify the dataset and rebuild the dedup views.

runner=local does all three in one process. runner=ray plans and finishes in the driver and codes on Ray actors.
runner=slurm is a Hydra multirun: `SlurmShards.on_multirun_start` plans in the launching process, each array task
(`run_task`) codes one contiguous stripe of the plan under a shared lock, `SlurmShards.on_multirun_end` finishes.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import socket
import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
import pyarrow
import spacy
from hydra.experimental.callback import Callback
from omegaconf import DictConfig, OmegaConf
from tqdm import tqdm

import coder
from coder.jobs import job as pipeline
from coder.dataset.articles import Reject
from coder.config import CoderConfig, typed
from coder.dataset.dedup import drop_views, refresh_views
from coder.engine.parsing.pipeline import model_version
from coder.dataset.plan import (PLAN, Plan, Shard, input_base, plan_rejects, plan_shards, plan_shards_of, read_header,
                        reject_dict, scan_inputs, shard_articles, stripe, write_plan)
from coder.dataset.records import events_frame
from coder.dataset.sink import (CLAIMS, FORMAT, JOURNAL, MODES, UNKNOWN_ACTORS, DataSafetyError, DatasetWriter, TaskLock,
                                commit_shard, meta_dir, read_events, write_json_atomic)

RUNNERS = ("local", "slurm", "ray")


@dataclass
class Job:
    """What a process needs to code and commit shards of a planned run."""

    cfg: CoderConfig
    data: Path
    meta: Path
    run_key: dict
    run_key_hash: str
    where: str  # runner (and task) that commits, recorded in commit records and claims

    @property
    def file_meta(self) -> dict:
        keys = ("coder_version", "engine_hash", "rules_hash", "model", "model_version")
        return {k: self.run_key[k] for k in keys}


def check_config(cfg: CoderConfig) -> None:
    out = cfg.output
    if out.mode not in MODES:
        raise ValueError(f"output.mode={out.mode!r}; expected one of {', '.join(MODES)}")
    if out.shard_size < 1:
        raise ValueError(f"output.shard_size={out.shard_size}; expected a positive number of articles")
    if cfg.runner.name not in RUNNERS:
        raise ValueError(f"runner={cfg.runner.name!r}; expected one of {', '.join(RUNNERS)} (runner=local|slurm|ray)")


def run_key_of(cfg: CoderConfig, engine) -> tuple[dict, str]:
    """What every shard fingerprint depends on besides its inputs: code, rules, model, pipeline switches."""
    run_key = {"coder_version": coder.__version__, "engine_hash": pipeline.engine_hash(),
               "rules_hash": engine.rules.rules_hash, "model": cfg.nlp.model, "model_version": model_version(engine.nlp),
               "disable": sorted(cfg.nlp.disable), "fast_path": cfg.nlp.fast_path}
    return run_key, hashlib.sha256(repr(sorted(run_key.items())).encode("utf-8")).hexdigest()[:24]


# --- 1. plan --------------------------------------------------------------------------------------------------------

def plan_run(cfg: CoderConfig, writer: DatasetWriter, engine, runner: str, tasks: int = 1) -> tuple[dict, Plan]:
    """Scan the input, plan the shards, drop invalid ones, sweep stale files, write the plan file and a `running`
    manifest. Needs the writer's exclusive lock (the caller holds `writer`)."""
    out = cfg.output
    started = datetime.now(timezone.utc)
    records, rejects = scan_inputs(cfg.input)
    run_key, run_key_hash = run_key_of(cfg, engine)
    journal = writer.journal() if out.mode != "overwrite" else {}
    if out.mode == "append":
        legacy = [p for p in writer.data.glob("year=*/month=*/*.parquet") if not p.name.startswith("shard-")]
        if legacy and not journal:
            raise DataSafetyError(f"output.mode=append: {out.path} was written by an older coder without commit "
                                  f"records ({legacy[0].name}); rebuild it once with output.mode=overwrite.")
    plan = plan_shards(records, journal, writer.intact, run_key_hash, out.mode, out.shard_size, out.shard_by,
                       cfg.input.dedup_content)
    del records
    rejects.extend(plan.rejects)
    rejected = len(rejects)
    if out.mode != "append":  # this run's inputs include the articles the engine failed on in a kept shard
        rejected += sum(len(r.get("rejects", [])) for r in plan.kept)
    if plan.pending or plan.dropped:
        drop_views(writer.target)  # derived from the dataset, which is about to change; rebuilt at the end
    writer.drop(plan.dropped)
    removed = writer.sweep({f["path"] for record in plan.kept for f in record.get("files", [])})
    shutil.rmtree(writer.meta / CLAIMS, ignore_errors=True)
    (writer.meta / CLAIMS).mkdir()
    manifest = {
        "format": FORMAT, "status": "running", "mode": out.mode, "runner": runner,
        "coder_version": coder.__version__, "rules_hash": engine.rules.rules_hash, "rule_files": engine.rules.files,
        "model": cfg.nlp.model, "model_version": run_key["model_version"], "run_key": run_key,
        "run_key_hash": run_key_hash,
        "versions": {"spacy": spacy.__version__, "polars": pl.__version__, "pyarrow": pyarrow.__version__,
                     "python": platform.python_version()},
        "config": OmegaConf.to_container(OmegaConf.structured(cfg), resolve=True),
        "input_base": input_base(cfg.input), "started_utc": started.isoformat(timespec="seconds"),
    }
    header = {
        "format": FORMAT, "runner": runner, "tasks": tasks, "mode": out.mode, "data": str(writer.data),
        "meta": str(writer.meta), "run_key": run_key, "run_key_hash": run_key_hash, "shards": len(plan.pending),
        "kept": [r["fingerprint"] for r in plan.kept], "rejected": rejected, "started_epoch": time.time(),
        "run": {"shards_skipped": len(plan.kept), "shards_dropped": len(plan.dropped),
                "articles_skipped": sum(r["articles"] for r in plan.kept), "already_in_dataset": plan.already,
                "files_removed": len(removed), "foreign_files": writer.foreign},
        "manifest": manifest,
    }
    write_plan(writer.meta / PLAN, header, plan.pending, rejects)
    writer.write_manifest(Progress(header, plan.kept, [s.summary() for s in plan.pending]).manifest("running"))
    return header, plan


# --- 2. code --------------------------------------------------------------------------------------------------------

def _claim(job: Job, fingerprint: str, **state) -> None:
    write_json_atomic(job.meta / CLAIMS / f"{fingerprint}.json",
                      {"fingerprint": fingerprint, "where": job.where, "host": socket.gethostname(), "pid": os.getpid(),
                       "since_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"), **state})


def code_shards(job: Job, engine, shards: list[Shard]) -> Iterator[dict]:
    """Code and commit each shard not committed yet (a task run again after a requeue skips what it did); yield the
    commit records. Articles are read back shard by shard (coder.dataset.plan.shard_articles)."""
    todo = [s for s in shards if not (job.meta / JOURNAL / f"{s.fingerprint}.json").exists()]
    if hasattr(engine, "take_unknown_actors"):
        engine.take_unknown_actors()  # start each shard's to-do list empty
    for shard, articles in shard_articles(job.cfg.input, todo):
        _claim(job, shard.fingerprint, status="running")
        try:
            rows, sentences, failed = pipeline._code_shard(engine, articles)
            unknown = engine.take_unknown_actors() if hasattr(engine, "take_unknown_actors") else []
            events = events_frame(rows)
            unique = events.unique("event_id", keep="first", maintain_order=True)
            record = {"index": shard.index, "run_key": job.run_key, "run_key_hash": job.run_key_hash,
                      "articles": len(articles) - len(failed), "sentences": sentences, "events": unique.height,
                      "duplicate_event_ids_dropped": events.height - unique.height, "inputs": shard.inputs,
                      "rejects": [reject_dict(r) for r in failed], "unknown_actors": [list(u) for u in unknown],
                      "committed_by": job.where}
            metadata = {"coder.manifest": pipeline.json_dumps({**job.file_meta, "format": FORMAT,
                                                               "shard": shard.fingerprint,
                                                               "articles": len(articles)})}
            record = commit_shard(job.data, job.meta, job.cfg.output, shard.fingerprint, unique, record, metadata)
        except Exception as exc:
            _claim(job, shard.fingerprint, status="failed", error=f"{type(exc).__name__}: {exc}"[:1000])
            raise
        (job.meta / CLAIMS / f"{shard.fingerprint}.json").unlink(missing_ok=True)
        yield record


# --- progress and the manifest --------------------------------------------------------------------------------------

class Progress:
    """The manifest of a planned run as shards get committed."""

    def __init__(self, header: dict, kept: list[dict], pending: list[dict]):
        self.header = header
        self.kept = kept
        self.pending = pending  # shard summaries (Shard.summary)
        self.done: dict[str, dict] = {r["fingerprint"]: r for r in kept}
        self.run = {**header["run"], "shards_coded": 0, "articles_coded": 0, "duplicate_event_ids_dropped": 0}
        self.rejected = header["rejected"]

    def add(self, record: dict) -> None:
        self.done[record["fingerprint"]] = record
        self.run["shards_coded"] += 1
        self.run["articles_coded"] += record["articles"]
        self.run["duplicate_event_ids_dropped"] += record.get("duplicate_event_ids_dropped", 0)
        self.rejected += len(record.get("rejects", []))

    @property
    def missing(self) -> list[dict]:
        return [s for s in self.pending if s["fingerprint"] not in self.done]

    def manifest(self, status: str) -> dict:
        shards = [_shard_entry(r) for r in self.kept]
        shards += [_shard_entry(self.done[s["fingerprint"]]) if s["fingerprint"] in self.done else
                   {**s, "status": "pending"} for s in self.pending]
        committed = [self.done[s["fingerprint"]] for s in shards if s["status"] == "done"]
        rows: Counter = Counter()
        for record in committed:
            for entry in record["files"]:
                rows[entry["path"]] += entry["rows"]
        counts = {"articles": sum(r["articles"] for r in committed), "rejected": self.rejected,
                  "sentences": sum(r["sentences"] for r in committed), "events": sum(r["events"] for r in committed),
                  "shards": len(shards), "shards_done": len(committed)}
        return {**self.header["manifest"], "status": status, "counts": counts, "this_run": self.run,
                "shards": shards, "files": [{"path": p, "rows": n} for p, n in sorted(rows.items())],
                "seconds": round(time.time() - self.header["started_epoch"], 2)}


def _shard_entry(record: dict) -> dict:
    inputs = record.get("inputs", [])
    return {"fingerprint": record["fingerprint"], "index": record.get("index"), "status": "done",
            "articles": record["articles"], "sentences": record["sentences"], "events": record["events"],
            "first_input": inputs[0]["source"] if inputs else None,
            "last_input": inputs[-1]["source"] if inputs else None,
            "files": [f["path"] for f in record.get("files", [])], "committed_utc": record.get("committed_utc"),
            "record": f"{JOURNAL}/{record['fingerprint']}.json"}


def unknown_actors_of(records: list[dict]) -> list[tuple[str, int, str]]:
    """The dataset's unknown-actor phrases summed over its shards (most frequent first, then by phrase); the example
    is the first one in shard order. The same whichever runner or task coded which shard."""
    counts: Counter = Counter()
    examples: dict[str, str] = {}
    for record in sorted(records, key=lambda r: (r.get("index", 0), r["fingerprint"])):
        for phrase, count, example in record.get("unknown_actors", []):
            counts[phrase] += count
            examples.setdefault(phrase, example)
    return [(p, n, examples[p]) for p, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


# --- 3. finish ------------------------------------------------------------------------------------------------------

def finalize(cfg: CoderConfig, writer: DatasetWriter) -> pipeline.RunResult:
    """Finish a planned run whose shards are all committed; if some are not, write an `incomplete` manifest and stop
    with an error saying how to complete it."""
    path = writer.meta / PLAN
    header = read_header(path)
    journal = writer.journal()
    kept = [journal[fp] for fp in header["kept"] if fp in journal]
    progress = Progress(header, kept, [s.summary() for s in plan_shards_of(path)])
    for summary in progress.pending:
        if summary["fingerprint"] in journal:
            progress.add(journal[summary["fingerprint"]])
    if len(kept) < len(header["kept"]) or progress.missing:
        writer.write_manifest(progress.manifest("incomplete"))
        missing = progress.missing
        example = f" (e.g. shard {missing[0]['fingerprint']}, inputs {missing[0]['first_input']} .. " \
                  f"{missing[0]['last_input']})" if missing else ""
        raise DataSafetyError(f"{len(missing) + len(header['kept']) - len(kept)} of {len(progress.pending)} planned "
                              f"shard(s) are not committed{example}; see `coder-status {writer.target}` and run the "
                              f"same command again: it codes only the shards that are missing")
    new = [journal[s["fingerprint"]] for s in progress.pending]
    rejects = plan_rejects(path)
    for record in (new if header["mode"] == "append" else kept + new):
        rejects.extend(Reject(**r) for r in record.get("rejects", []))
    writer.write_table(UNKNOWN_ACTORS, pipeline.unknown_actors_frame(unknown_actors_of(kept + new)))
    rejected = pipeline._rejects_frame(rejects)
    if cfg.output.write_rejects:
        table = rejected
        previous = writer.previous_rejects() if header["mode"] == "append" else None
        if previous is not None:
            previous = previous.with_columns(pl.lit(None, pl.String()).alias(c)
                                             for c in pipeline.REJECTS_SCHEMA if c not in previous.columns)
            table = pl.concat([previous.select(list(pipeline.REJECTS_SCHEMA)).cast(pipeline.REJECTS_SCHEMA), rejected])
            table = table.unique(maintain_order=True)
        writer.write_rejects(table)
    else:
        writer.remove_rejects()  # a table of an earlier run would not match this input
    writer.write_manifest(progress.manifest("complete"))
    writer.finish()
    events = read_events(writer.target)
    pipeline._verify(events, progress.done)
    view = refresh_views(writer.target, cfg.dedup, cfg.output)
    shutil.rmtree(writer.meta / CLAIMS, ignore_errors=True)
    (writer.meta / PLAN).unlink(missing_ok=True)
    final = progress.manifest("complete")
    return pipeline.RunResult(events, rejected, final["counts"]["articles"], final["counts"]["sentences"], final, view,
                              progress.run)


# --- runner=local ---------------------------------------------------------------------------------------------------

def run_local(cfg: CoderConfig) -> pipeline.RunResult:
    interactive = not cfg.quiet and pipeline._is_tty()
    with DatasetWriter(cfg.output) as writer:
        engine = pipeline.Coder(cfg)
        try:
            header, plan = plan_run(cfg, writer, engine, "local")
            job = Job(cfg, writer.data, writer.meta, header["run_key"], header["run_key_hash"], "local")
            progress = Progress(header, plan.kept, [s.summary() for s in plan.pending])
            pending, plan = plan.pending, None  # the shards' input records are all this process keeps
            with tqdm(total=sum(len(s.inputs) for s in pending), unit="article", disable=not interactive) as bar:
                for record in code_shards(job, engine, pending):
                    progress.add(record)
                    writer.write_manifest(progress.manifest("running"))
                    bar.update(len(record["inputs"]))
        finally:
            engine.close()
        return finalize(cfg, writer)


# --- runner=ray -----------------------------------------------------------------------------------------------------

class ShardWorker:
    """A Ray actor: loads the pipeline and rules once, then codes and commits the shards it is given."""

    def __init__(self, job: Job):
        self.job = job
        self.engine = pipeline.Coder(job.cfg)

    def code(self, shards: list[Shard]) -> list[dict]:
        return list(code_shards(self.job, self.engine, shards))


def _import_ray():
    try:
        import ray
    except ImportError:
        raise ImportError("runner=ray needs Ray, an optional extra: pip install -e '.[ray]' (or pip install "
                          "'ray>=2.9'); or run with runner=local") from None
    return ray


def run_ray(cfg: CoderConfig) -> pipeline.RunResult:
    ray = _import_ray()
    r = cfg.runner
    if r.workers < 1 or r.shards_per_call < 1:
        raise ValueError(f"runner.workers={r.workers}, runner.shards_per_call={r.shards_per_call}; both must be >= 1")
    with DatasetWriter(cfg.output) as writer:
        engine = pipeline.Coder(cfg)  # for the run key (rules hash, model version); the actors load their own
        try:
            header, plan = plan_run(cfg, writer, engine, "ray")
        finally:
            engine.close()
        del engine
        progress = Progress(header, plan.kept, [s.summary() for s in plan.pending])
        blocks = deque(plan.pending[i:i + r.shards_per_call] for i in range(0, len(plan.pending), r.shards_per_call))
        plan = None
        if blocks:
            started = not ray.is_initialized()
            if started:
                ray.init(address=r.address, num_cpus=r.num_cpus if r.address is None else None,
                         include_dashboard=False, log_to_driver=not cfg.quiet)
            try:
                actor = ray.remote(num_cpus=r.cpus_per_worker)(ShardWorker)
                workers = [actor.remote(Job(cfg, writer.data, writer.meta, header["run_key"], header["run_key_hash"],
                                            f"ray:{n}")) for n in range(min(r.workers, len(blocks)))]
                running = {}
                for worker in workers:
                    running[worker.code.remote(blocks.popleft())] = worker
                    if not blocks:
                        break
                while running:
                    ready, _ = ray.wait(list(running), num_returns=1)
                    worker = running.pop(ready[0])
                    for record in ray.get(ready[0]):
                        progress.add(record)
                    writer.write_manifest(progress.manifest("running"))
                    if blocks:
                        running[worker.code.remote(blocks.popleft())] = worker
            finally:
                if started:
                    ray.shutdown()
        return finalize(cfg, writer)


# --- runner=slurm ---------------------------------------------------------------------------------------------------

def _config_of(config: DictConfig) -> CoderConfig:
    job = OmegaConf.masked_copy(config, [k for k in config if k != "hydra"])
    return typed(job, CoderConfig)


class SlurmShards(Callback):
    """Hydra callback of runner=slurm (conf/runner/slurm.yaml): plans before the array tasks start and finishes the
    dataset after they all succeeded, both in the launching process under the writer's exclusive lock."""

    def on_multirun_start(self, config: DictConfig, **kwargs) -> None:
        cfg = _config_of(config)
        check_config(cfg)
        if cfg.output.mode == "overwrite":
            raise ValueError("runner=slurm does not support output.mode=overwrite yet (the tasks commit into the "
                             "dataset itself); use output.mode=resume, which re-codes whatever changed, or delete "
                             "the dataset first")
        with DatasetWriter(cfg.output) as writer:
            engine = pipeline.Coder(cfg)
            try:
                header, plan = plan_run(cfg, writer, engine, "slurm", cfg.runner.tasks)
            finally:
                engine.close()
        print(f"coder: {header['shards']} shard(s) to code in {cfg.runner.tasks} task(s), "
              f"{len(plan.kept)} already committed; plan {meta_dir(cfg.output.path) / PLAN}", flush=True)

    def on_multirun_end(self, config: DictConfig, **kwargs) -> None:
        cfg = _config_of(config)
        with DatasetWriter(cfg.output) as writer:
            result = finalize(cfg, writer)
        print(pipeline.summary(result, cfg.top_dyads))
        print(f"dataset: {cfg.output.path}", flush=True)


def run_task(cfg: CoderConfig) -> str:
    """One SLURM array task: code and commit stripe runner.task of the plan written by SlurmShards."""
    path = meta_dir(cfg.output.path) / PLAN
    header = read_header(path)
    tasks = header["tasks"]
    engine = pipeline.Coder(cfg)
    try:
        _, run_key_hash = run_key_of(cfg, engine)
        if run_key_hash != header["run_key_hash"]:
            raise DataSafetyError(f"task {cfg.runner.task}: this process has other code, rules or model than the "
                                  f"planner (run key {run_key_hash} vs {header['run_key_hash']} in {path}); install "
                                  f"the same coder and rules on every node and run again")
        block = stripe(header["shards"], cfg.runner.task, tasks)
        job = Job(cfg, Path(header["data"]), Path(header["meta"]), header["run_key"], header["run_key_hash"],
                  f"slurm:{cfg.runner.task}")
        with TaskLock(cfg.output.path):
            shards = list(plan_shards_of(path, block))
            records = list(code_shards(job, engine, shards))
    finally:
        engine.close()
    return (f"task {cfg.runner.task}/{tasks}: shards {block.start}..{block.stop - 1} of {header['shards']}, "
            f"{len(records)} committed now, {len(shards) - len(records)} already committed")


def run(cfg: CoderConfig) -> pipeline.RunResult:
    check_config(cfg)
    if cfg.runner.name == "ray":
        return run_ray(cfg)
    if cfg.runner.name == "slurm":
        raise ValueError("runner=slurm runs as a Hydra multirun of the `coder` command (conf/runner/slurm.yaml sets "
                         "hydra.mode=MULTIRUN and the task sweep); in Python use runner=local or runner=ray")
    return run_local(cfg)
