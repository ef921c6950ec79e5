"""The batch job: load the pipeline and rules once (`coder.Coder`), plan and code shards, commit them, finish the
dataset; on this machine, in worker processes, on SLURM or on Ray (`runners`). `job.run_job` is the entry, `summary`
the run's result and its text, `workers` the process pool, `rows` turns coded events into records."""
