"""runner=ray: the driver plans and finishes; Ray actors, each loading the coder once, code and commit the shards
they are given. Ray is an optional extra, imported only when this runner runs."""

from __future__ import annotations

from collections import deque
from types import ModuleType

from coder.config import CoderConfig, RunnerName
from coder.dataset.documents import CommitRecord, PlanHeader
from coder.dataset.manifest import Progress
from coder.dataset.plan import Shard
from coder.dataset.sink import DatasetWriter
from coder.errors import CONFIG_RANGE, RAY_MISSING, ConfigError
from coder.jobs.runners.committing import Job, code_shards
from coder.jobs.runners.finishing import finalize
from coder.jobs.runners.planning import load_coder, plan_run
from coder.jobs.summary import RunResult


class ShardWorker:
    """A Ray actor: loads the pipeline and rules once, then codes and commits the shards it is given."""

    def __init__(self, job: Job):
        self.job = job
        self.engine = load_coder(job.cfg)

    def code(self, shards: list[Shard]) -> list[CommitRecord]:
        return list(code_shards(self.job, self.engine, shards))


def import_ray() -> ModuleType:
    try:
        import ray
    except ImportError:
        raise ConfigError("runner=ray needs Ray, an optional extra: pip install -e '.[ray]' (or pip install "
                          "'ray>=2.9'); or run with runner=local", code=RAY_MISSING) from None
    return ray


def _check(cfg: CoderConfig) -> None:
    r = cfg.runner
    if r.workers < 1 or r.shards_per_call < 1:
        raise ConfigError(f"runner.workers: {r.workers}, runner.shards_per_call: {r.shards_per_call}; both must be "
                          f">= 1", code=CONFIG_RANGE)


def _code_on_actors(ray: ModuleType, cfg: CoderConfig, writer: DatasetWriter, header: PlanHeader,
                    blocks: deque[list[Shard]], progress: Progress) -> None:
    """Feed the blocks of shards to the actors, one block per actor at a time, updating the manifest as they commit."""
    r = cfg.runner
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


def run_ray(cfg: CoderConfig) -> RunResult:
    ray = import_ray()
    _check(cfg)
    r = cfg.runner
    with DatasetWriter(cfg.output) as writer:
        engine = load_coder(cfg)  # for the run key (rules hash, model version); the actors load their own
        try:
            header, plan = plan_run(cfg, writer, engine, RunnerName.ray)
        finally:
            engine.close()
        del engine
        progress = Progress(header, plan.kept, [s.summary() for s in plan.pending])
        blocks = deque(plan.pending[i:i + r.shards_per_call] for i in range(0, len(plan.pending), r.shards_per_call))
        del plan  # the blocks hold the shards' input records
        if blocks:
            started = not ray.is_initialized()
            if started:
                ray.init(address=r.address, num_cpus=r.num_cpus if r.address is None else None,
                         include_dashboard=False, log_to_driver=not cfg.quiet)
            try:
                _code_on_actors(ray, cfg, writer, header, blocks, progress)
            finally:
                if started:
                    ray.shutdown()
        return finalize(cfg, writer)
