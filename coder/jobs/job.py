"""The batch job: read articles, parse them with spaCy, code events, write the dataset shard by shard.

Data safety (docs/data-safety.md): the input is read in sorted path order and cut into shards of output.shard_size
articles (coder.dataset.plan); each shard has a fingerprint (its inputs' path, size and content hash, the rules hash,
the model and the coder version) and is committed on its own (coder.dataset.journal). A re-run skips the shards
already committed with the same fingerprint, so a killed job re-run completes the dataset with no event missing or
duplicated. Where the shards are coded (this machine, a SLURM array, Ray actors) is the runner's business
(coder.jobs.runners); `coder.jobs.coder.Coder` is what every runner loads once per process.
"""

from __future__ import annotations

from coder.config import CoderConfig, RunnerName
from coder.errors import SLURM_NOT_MULTIRUN, ConfigError
from coder.jobs.runners.committing import disk_full, is_disk_full
from coder.jobs.runners.local import run_local
from coder.jobs.runners.planning import check_config
from coder.jobs.runners.ray import run_ray
from coder.jobs.summary import RunResult


def run_job(cfg: CoderConfig) -> RunResult:
    """Code cfg.input into the dataset at cfg.output with the runner cfg.runner: check every config value, plan the
    shards, code and commit each, finish (manifest, rejects, unknown actors, views, verification). A full disk is
    one line (E418), wherever it strikes."""
    check_config(cfg)
    if cfg.runner.name == RunnerName.slurm:
        raise ConfigError("runner=slurm runs as a Hydra multirun of the `coder` command (conf/runner/slurm.yaml sets "
                          "hydra.mode=MULTIRUN and the task sweep); in Python use runner=local or runner=ray",
                          code=SLURM_NOT_MULTIRUN)
    try:
        return run_ray(cfg) if cfg.runner.name == RunnerName.ray else run_local(cfg)
    except OSError as exc:
        if is_disk_full(exc):
            raise disk_full(exc, f"writing {cfg.output.path}") from exc
        raise
