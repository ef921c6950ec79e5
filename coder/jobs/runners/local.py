"""runner=local: plan, code and finish in this process (with nlp.n_process worker processes if asked)."""

from __future__ import annotations

from coder.config import CoderConfig, RunnerName
from coder.dataset.manifest import Progress
from coder.dataset.sink import DatasetWriter
from coder.jobs.runners.committing import Job, code_shards
from coder.jobs.runners.finishing import finalize
from coder.jobs.runners.planning import load_coder, plan_run
from coder.jobs.runners.progress import RunProgress
from coder.jobs.summary import RunResult


def run_local(cfg: CoderConfig) -> RunResult:
    with DatasetWriter(cfg.output) as writer:
        engine = load_coder(cfg)
        try:
            header, plan = plan_run(cfg, writer, engine, RunnerName.local)
            job = Job(cfg, writer.data, writer.meta, header["run_key"], header["run_key_hash"], RunnerName.local)
            progress = Progress(header, plan.kept, [s.summary() for s in plan.pending])
            pending = plan.pending
            del plan  # the shards' input records are all this process keeps
            # a bar on a terminal, one log line per shard into a log file, nothing with quiet=true
            with RunProgress(sum(len(s.inputs) for s in pending), len(pending), cfg.quiet) as shown:
                for record in code_shards(job, engine, pending):
                    progress.add(record)
                    writer.write_manifest(progress.manifest("running"))
                    shown.shard_done(len(record["inputs"]), record["events"])
        finally:
            engine.close()
        return finalize(cfg, writer)
