"""The batch job: load the pipeline and rules once (`coder.Coder`), plan and code shards, commit them, finish the dataset;
on this machine, in worker processes, on SLURM or on Ray (`runners`). `rows` turns coded events into records."""
