"""Runners (coder.jobs.runners): runner=slurm through submitit's local executor and runner=ray on a local Ray instance give
the same dataset as runner=local; re-runs add nothing; a failed shard is all a re-run codes; coder-status and
coder-compact; input streamed shard by shard (memory does not grow with the number of shards)."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest
from omegaconf import OmegaConf

from coder.config import RunnerConfig
from coder.dataset.articles import Article
from coder.dataset.compact import compact
from coder.cli.status import main as status_main
from coder.dataset.layout import PLAN, meta_dir
from coder.dataset.status import dataset_status
from coder.errors import ConfigError, DataSafetyError
from coder.jobs.job import run_job
from coder.jobs.runners import committing
from coder.jobs.runners.slurm import SlurmShards, run_task
from tests.conftest import BIN, ROOT
from tests.test_data_safety import (FakeCoder, assert_clean, config, crashing_at, Crash, dataset_state,  # noqa: F401
                                    fake, make_inputs, run, write_article)

SAMPLE = ROOT / "datasets" / "sample"


def coder_cli(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CODER_RUN_DIR": str(tmp / "runs"), "RAY_AUTH_MODE": "disabled"}
    return subprocess.run([str(BIN / "coder"), f"input.path={SAMPLE}", "output.shard_size=10", "quiet=true", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def mtimes(out: Path) -> dict:
    return {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}


@pytest.fixture(scope="module")
def local_sample(tmp_path_factory) -> tuple[list[str], pl.DataFrame]:
    tmp = tmp_path_factory.mktemp("local")
    result = coder_cli(tmp, f"output.path={tmp / 'events'}")
    assert result.returncode == 0, result.stderr[-3000:]
    files, events = dataset_state(tmp / "events")
    assert events.height > 50 and len(files) > 5
    return files, events


# --- the acceptance tests: the same dataset on every runner ---------------------------------------------------------

@pytest.mark.slow
def test_slurm_runner_on_submitit_local_gives_the_local_dataset(tmp_path, local_sample):
    out = tmp_path / "events"
    args = ("runner=slurm", "hydra/launcher=submitit_local", "runner.tasks=2", f"output.path={out}")
    result = coder_cli(tmp_path, *args)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "5 shard(s) to code in 2 task(s)" in result.stdout
    files, events = dataset_state(out)
    assert events["event_id"].to_list() == local_sample[1]["event_id"].to_list()  # identical event ids
    assert files == local_sample[0] and events.equals(local_sample[1])  # and the same files and rows
    manifest = json.loads((meta_dir(out) / "_manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["runner"] == "slurm"
    committed_by = {json.loads(p.read_text())["committed_by"] for p in (meta_dir(out) / "_shards").glob("*.json")}
    assert committed_by == {"slurm:0", "slurm:1"}  # both array tasks coded shards
    assert not (meta_dir(out) / PLAN).exists()
    assert (meta_dir(out) / "_unknown_actors.parquet").exists() and (meta_dir(out) / "_rejects.parquet").exists()
    before = mtimes(out)
    again = coder_cli(tmp_path, *args)  # after completion: nothing to add
    assert again.returncode == 0, again.stderr[-3000:]
    assert "0 shard(s) to code" in again.stdout and "0 coded now" in again.stdout
    assert mtimes(out) == before and dataset_state(out)[1].equals(events)
    assert status_main([str(out)]) == 0


@pytest.mark.slow
def test_ray_runner_on_a_local_instance_gives_the_local_dataset(tmp_path, local_sample):
    pytest.importorskip("ray")
    out = tmp_path / "events"
    args = ("runner=ray", "runner.num_cpus=2", "runner.workers=2", f"output.path={out}")
    result = coder_cli(tmp_path, *args)
    assert result.returncode == 0, result.stderr[-3000:]
    files, events = dataset_state(out)
    assert events["event_id"].to_list() == local_sample[1]["event_id"].to_list()
    assert files == local_sample[0] and events.equals(local_sample[1])
    committed_by = {json.loads(p.read_text())["committed_by"] for p in (meta_dir(out) / "_shards").glob("*.json")}
    assert committed_by <= {"ray:0", "ray:1"} and committed_by
    before = mtimes(out)
    again = coder_cli(tmp_path, *args)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "0 coded now" in again.stdout and mtimes(out) == before


# --- a failed shard, re-run, status (the slurm protocol in-process, with the fake coder) --------------------------------

def slurm_config(inp: Path, out: Path, tasks: int):
    cfg = config(inp, out, shard_size=3)
    cfg.runner = RunnerConfig(name="slurm", tasks=tasks)
    return cfg


def run_tasks(cfg, tasks: int, fail_task: int | None = None, monkeypatch=None) -> None:
    """What the submitit array does: task 0..tasks-1 in turn; `fail_task` raises at its second shard."""
    for task in range(tasks):
        cfg.runner.task = task
        if task != fail_task:
            run_task(cfg)
            continue
        real, calls = committing.commit_shard, [0]

        def failing(*args, **kwargs):
            calls[0] += 1
            if calls[0] == 2:
                raise OSError("disk quota exceeded")
            return real(*args, **kwargs)

        with monkeypatch.context() as patch:
            patch.setattr(committing, "commit_shard", failing)
            with pytest.raises(OSError, match="quota"):
                run_task(cfg)


def test_a_failed_slurm_task_is_reported_and_a_rerun_codes_only_its_shards(tmp_path, fake, monkeypatch, capsys):
    inp = make_inputs(tmp_path / "in", 20)  # 7 shards of 3
    reference = tmp_path / "reference"
    run(inp, reference, shard_size=3)
    out = tmp_path / "events"
    cfg = slurm_config(inp, out, tasks=2)
    callback = SlurmShards()
    callback.on_multirun_start(OmegaConf.structured(cfg))
    run_tasks(cfg, 2, fail_task=0, monkeypatch=monkeypatch)  # task 0 (shards 0-2) commits shard 0, fails on shard 1
    with pytest.raises(DataSafetyError, match="2 of 7 planned shard") as incomplete:
        callback.on_multirun_end(OmegaConf.structured(cfg))
    assert incomplete.value.one_line().startswith("error E408: 2 of 7 planned shard(s) are not committed")
    status = dataset_status(out)
    assert status["status"] == "incomplete"
    assert status["counts"] == {"done": 5, "running": 0, "failed": 1, "pending": 1}
    failed = next(s for s in status["shards"] if s["state"] == "failed")
    assert "slurm:0" in failed["note"] and "disk quota exceeded" in failed["note"]
    assert status_main([str(out)]) == 1
    assert "5 done, 0 running, 1 failed, 1 pending" in capsys.readouterr().out
    # re-run: only the two missing shards are planned and coded
    callback.on_multirun_start(OmegaConf.structured(cfg))
    assert json.loads((meta_dir(out) / PLAN).read_text().splitlines()[0])["shards"] == 2
    run_tasks(cfg, 2)
    callback.on_multirun_end(OmegaConf.structured(cfg))
    manifest = json.loads((meta_dir(out) / "_manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["this_run"]["shards_coded"] == 2
    assert manifest["this_run"]["shards_skipped"] == 5
    assert dataset_state(out)[1].equals(dataset_state(reference)[1])
    assert dataset_state(out)[0] == dataset_state(reference)[0]
    assert_clean(out)
    assert status_main([str(out)]) == 0


def test_a_task_refuses_a_plan_made_with_other_rules(tmp_path, fake, monkeypatch):
    inp = make_inputs(tmp_path / "in", 4)
    cfg = slurm_config(inp, tmp_path / "events", tasks=1)
    SlurmShards().on_multirun_start(OmegaConf.structured(cfg))
    monkeypatch.setenv("FAKE_RULES", "fake-rules-2")
    with pytest.raises(DataSafetyError, match="other code, rules or model than the planner") as refused:
        run_task(cfg)
    assert refused.value.one_line().startswith("error E410: task 0: this process has other code")


def test_slurm_refuses_overwrite_and_run_job_refuses_slurm(tmp_path, fake):
    inp = make_inputs(tmp_path / "in", 2)
    cfg = slurm_config(inp, tmp_path / "events", tasks=1)
    cfg.output.mode = "overwrite"
    with pytest.raises(ConfigError, match="output.mode=overwrite") as overwrite:
        SlurmShards().on_multirun_start(OmegaConf.structured(cfg))
    assert overwrite.value.one_line().startswith("error E105: runner=slurm does not support output.mode=overwrite")
    cfg.output.mode = "resume"
    with pytest.raises(ConfigError, match="Hydra multirun") as not_multirun:
        run_job(cfg)
    assert not_multirun.value.one_line().startswith("error E106: runner=slurm runs as a Hydra multirun")


# --- sharding by month, compaction ----------------------------------------------------------------------------------

def test_shard_by_month_gives_the_same_events_in_fewer_files_per_month(tmp_path, fake):
    inp = tmp_path / "in"
    inp.mkdir()
    for i in range(24):  # articles of three months, interleaved in input order
        write_article(inp, f"m{i:02d}", date(2024, 1 + i % 3, 1 + i // 3), 1)
    by_input, by_month = tmp_path / "by_input", tmp_path / "by_month"
    run(inp, by_input, shard_size=4)
    result = run(inp, by_month, shard_size=4, shard_by="month")
    assert dataset_state(by_input)[1].equals(dataset_state(by_month)[1])
    for shard in result.manifest["shards"]:
        record = json.loads((meta_dir(by_month) / shard["record"]).read_text())
        assert len({i["month"] for i in record["inputs"]}) == 1
    # fingerprints are stable: the same run again codes nothing
    assert run(inp, by_month, shard_size=4, shard_by="month").run["shards_coded"] == 0


def test_compact_merges_files_per_month_and_keeps_events_and_records(tmp_path, fake, capsys):
    inp = make_inputs(tmp_path / "in", 30)
    out = tmp_path / "events"
    run(inp, out, shard_size=2)
    files, events = dataset_state(out)
    from coder.cli.compact import main as compact_main

    assert compact_main([str(out), "--dry-run"]) == 0 and dataset_state(out)[0] == files
    assert "would merge" in capsys.readouterr().out
    merged = compact(out)
    assert merged
    after_files, after = dataset_state(out)
    assert after.equals(events)  # the same rows and event ids
    months = {f.rsplit("/", 1)[0] for f in after_files}
    assert len(after_files) == len(months) < len(files)  # one file per month
    assert all(f.rsplit("/", 1)[1].startswith(("compact-", "shard-")) for f in after_files)
    manifest = json.loads((meta_dir(out) / "_manifest.json").read_text())
    assert sorted(f["path"] for f in manifest["files"]) == after_files
    assert sum(f["rows"] for f in manifest["files"]) == after.height
    before = mtimes(out)
    again = run(inp, out, shard_size=2)  # the commit records still hold: nothing re-coded, nothing moved
    assert again.run["shards_coded"] == 0 and again.run["files_removed"] == 0 and mtimes(out) == before
    write_article(inp, "a004", date(2023, 3, 4), 2, salt=" (corrected)")  # a shard inside a merged file changes
    changed = run(inp, out, shard_size=2)
    assert changed.run["shards_coded"] >= 1
    fresh = tmp_path / "fresh"
    run(inp, fresh, shard_size=2)
    assert dataset_state(out)[1].equals(dataset_state(fresh)[1])


def test_compaction_killed_at_every_step_is_finished_by_the_next_writer(tmp_path, fake, monkeypatch):
    inp = make_inputs(tmp_path / "in", 9)
    reference = tmp_path / "reference"
    run(inp, reference, shard_size=2)
    _, expected = dataset_state(reference)
    step = 0
    while True:
        step += 1
        out = tmp_path / f"out{step}"
        shutil.copytree(reference, out)
        shutil.copytree(meta_dir(reference), meta_dir(out))
        with monkeypatch.context() as patch:
            crashing_at(patch, step)
            try:
                compact(out)
                crashed = False
            except Crash:
                crashed = True
        result = run(inp, out, shard_size=2)  # the next writer rolls the compaction forward (or back)
        assert result.run["shards_coded"] == 0, step  # nothing had to be coded again
        assert dataset_state(out)[1].equals(expected), step
        assert_clean_or_compacted(out)
        if not crashed:
            break
    assert step > 5


def assert_clean_or_compacted(out: Path) -> None:
    files, events = dataset_state(out)
    assert all(f.rsplit("/", 1)[1].startswith(("shard-", "compact-")) for f in files), files
    assert events["event_id"].n_unique() == events.height
    assert not any((meta_dir(out) / "_compact").glob("*")) if (meta_dir(out) / "_compact").exists() else True


# --- streaming: memory does not grow with the number of shards --------------------------------------------------------

def _alive_articles() -> int:
    return sum(1 for o in gc.get_objects() if type(o) is Article)


def test_memory_does_not_grow_with_the_number_of_shards(tmp_path, fake, monkeypatch):
    seen: list[int] = []
    real_code = FakeCoder.code

    def counting(self, articles, progress=False):
        seen.append(_alive_articles())
        return real_code(self, articles, progress)

    monkeypatch.setattr(FakeCoder, "code", counting)
    body = "Kazakhstan and Russia met. " * 800  # ~22 KB per article

    def corpus(n: int) -> Path:
        folder = tmp_path / f"in{n}"
        folder.mkdir()
        for i in range(n):
            day = date(2023, 1, 1) + timedelta(days=i)
            (folder / f"a{i:04d}.txt").write_text(f" date {day.isoformat()} 10:00\nHeadline {i}\n\n{i} {body}\n")
        return folder

    peaks = {}
    for n in (40, 200):
        inp = corpus(n)
        seen.clear()
        gc.collect()
        tracemalloc.start()
        run(inp, tmp_path / f"out{n}", shard_size=10)
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert len(seen) == n // 10
        assert max(seen) <= 10, (n, max(seen))  # only the shard being coded is in memory
    text_bytes = 160 * len(body)
    # 160 more articles (3.5 MB of text) cost a small fraction of their text: the light per-article records only
    assert peaks[200] - peaks[40] < 0.25 * text_bytes, peaks
