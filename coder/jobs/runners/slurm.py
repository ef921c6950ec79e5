"""runner=slurm, through Hydra's multirun and hydra-submitit-launcher (conf/runner/slurm.yaml): `SlurmShards` plans
in the launching process before the array tasks start and finishes after they all succeeded; each array task
(`run_task`) codes one contiguous stripe of the plan under a shared lock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hydra.experimental.callback import Callback
from omegaconf import DictConfig, OmegaConf

from coder.config import CoderConfig, OutputMode, RunnerName, typed
from coder.dataset.layout import PLAN, meta_dir
from coder.dataset.locks import TaskLock
from coder.dataset.plan import plan_shards_of, read_header, stripe
from coder.dataset.sink import DatasetWriter
from coder.errors import SLURM_OVERWRITE, TASK_OTHER_RUN_KEY, ConfigError, DataSafetyError
from coder.jobs.runners.committing import Job, code_shards
from coder.jobs.runners.finishing import finalize
from coder.jobs.runners.planning import check_config, load_coder, plan_run, run_key_of
from coder.jobs.summary import summary


def _config_of(config: DictConfig) -> CoderConfig:
    job = OmegaConf.masked_copy(config, [k for k in config if k != "hydra"])
    return typed(job, CoderConfig)


class SlurmShards(Callback):
    """Hydra callback of runner=slurm (conf/runner/slurm.yaml): plans before the array tasks start and finishes the
    dataset after they all succeeded, both in the launching process under the writer's exclusive lock."""

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        cfg = _config_of(config)
        check_config(cfg)
        if cfg.output.mode == OutputMode.overwrite:
            raise ConfigError("runner=slurm does not support output.mode=overwrite yet (the tasks commit into the "
                              "dataset itself); use output.mode=resume, which re-codes whatever changed, or delete "
                              "the dataset first", code=SLURM_OVERWRITE)
        with DatasetWriter(cfg.output) as writer:
            engine = load_coder(cfg)
            try:
                header, plan = plan_run(cfg, writer, engine, RunnerName.slurm, cfg.runner.tasks)
            finally:
                engine.close()
        print(f"coder: {header['shards']} shard(s) to code in {cfg.runner.tasks} task(s), "
              f"{len(plan.kept)} already committed; plan {meta_dir(cfg.output.path) / PLAN}", flush=True)

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        cfg = _config_of(config)
        with DatasetWriter(cfg.output) as writer:
            result = finalize(cfg, writer)
        print(summary(result, cfg.top_dyads))
        print(f"dataset: {cfg.output.path}", flush=True)


def run_task(cfg: CoderConfig) -> str:
    """One SLURM array task: code and commit stripe runner.task of the plan written by SlurmShards."""
    path = meta_dir(cfg.output.path) / PLAN
    header = read_header(path)
    tasks = header["tasks"]
    engine = load_coder(cfg)
    try:
        _, run_key_hash = run_key_of(cfg, engine)
        if run_key_hash != header["run_key_hash"]:
            raise DataSafetyError(f"task {cfg.runner.task}: this process has other code, rules or model than the "
                                  f"planner (run key {run_key_hash} vs {header['run_key_hash']} in {path}); install "
                                  f"the same coder and rules on every node and run again", code=TASK_OTHER_RUN_KEY)
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
