"""Runners: where the planned shards of a job are coded. All three go through the same three steps, so they produce
the same dataset (the same shard fingerprints, file names, event ids and rows) on the same input and rules:

1. plan (`planning.plan_run`, under the writer's exclusive lock): scan the input (coder.dataset.plan), keep/drop
   committed shards, sweep stale files, write `<output>_meta/_plan.jsonl`;
2. code (`committing.code_shards`): read each shard's articles back, code them with a Coder loaded once per process,
   commit the shard (coder.dataset.journal.commit_shard: stage, rename in, commit record). A shard being coded has a
   claim file `<output>_meta/_claims/<fingerprint>.json` (who, since when; `failed` with the error if it raised),
   removed on commit; `coder-status` reads them;
3. finish (`finishing.finalize`, under the exclusive lock): check every planned shard is committed, then write the
   unknown-actors table, the rejects, the manifest, swap in an overwrite, verify the dataset and rebuild the dedup
   views.

runner=local (`local`) does all three in one process. runner=ray (`ray`) plans and finishes in the driver and codes
on Ray actors. runner=slurm (`slurm`) is a Hydra multirun: `SlurmShards.on_multirun_start` plans in the launching
process, each array task (`run_task`) codes one contiguous stripe of the plan under a shared lock,
`SlurmShards.on_multirun_end` finishes. coder.jobs.job.run_job chooses the runner.
"""
