"""Mistakes in a config, a path or an input, and refusals that protect a dataset: each is a CoderError with its own
code (coder.errors) and a one-line message that names the key or path and the fix. Codes whose situation another
test builds are checked there: E105/E106/E408/E410 in test_runners, E108/E109 in test_dedup, E402-E405 in
test_data_safety."""

from __future__ import annotations

import json
import sys
from datetime import date

import polars as pl
import pytest
from hydra import compose, initialize_config_dir
from hydra.errors import ConfigCompositionException
from omegaconf import OmegaConf

from coder.config import CONF_DIR, CoderConfig, OutputMode, RunnerConfig, config_error, register_configs, typed
from coder.dataset.articles import read_articles
from coder.dataset.compact import compact
from coder.cli.compact import main as compact_main
from coder.dataset.layout import PLAN, meta_dir
from coder.dataset.plan import cut, read_header, scan_inputs, shard_articles, stripe
from coder.dataset.sink import verify_dataset
from coder.dataset.status import dataset_status
from coder.cli.status import main as status_main
from coder.errors import ConfigError, DataSafetyError, InputError
from coder.jobs.job import run_job
from coder.jobs.runners.planning import check_config
from coder.jobs.runners.ray import import_ray
from tests.test_data_safety import config, fake, make_inputs, run, write_article  # noqa: F401

register_configs()


def one_line(error: pytest.ExceptionInfo) -> str:
    return error.value.one_line()


# --- E1xx: configuration values ---------------------------------------------------------------------------------

def test_typed_names_the_key_the_bad_value_and_the_choices():
    with pytest.raises(ConfigError) as error:
        typed(OmegaConf.create({"output": {"mode": "OVERWRITE"}}), CoderConfig)
    assert one_line(error) == "error E102: output.mode: 'OVERWRITE' is not one of resume, overwrite, append"
    with pytest.raises(ConfigError) as error:
        typed(OmegaConf.create({"input": {"format": "xml"}}), CoderConfig)
    assert one_line(error) == "error E102: input.format: 'xml' is not one of auto, txt, jsonl, csv, parquet"


def test_typed_gives_enum_members_that_compare_and_serialise_as_their_strings():
    cfg = typed(OmegaConf.create({"output": {"mode": "append", "shard_by": "month"}, "runner": {"name": "ray"}}),
                CoderConfig)
    assert cfg.output.mode is OutputMode.append and cfg.output.mode == "append"
    assert json.dumps({"mode": cfg.output.mode, "runner": cfg.runner.name}) == '{"mode": "append", "runner": "ray"}'


def test_an_unknown_value_fails_when_hydra_composes_the_config():
    with initialize_config_dir(str(CONF_DIR), version_base="1.3"):
        with pytest.raises(ConfigCompositionException) as composed:  # caused by OmegaConf's ValidationError
            compose("config", overrides=["runner.name=k8s"])
    assert config_error(composed.value).one_line() == "error E102: runner.name: 'k8s' is not one of local, slurm, ray"


def test_a_value_of_the_wrong_type_is_e101():
    with pytest.raises(ConfigError) as error:
        typed(OmegaConf.create({"output": {"shard_size": "many"}}), CoderConfig)
    assert one_line(error) == "error E101: output.shard_size: 'many' is not a whole number"


def test_a_config_built_in_python_is_checked_before_any_work(tmp_path):
    cfg = config(tmp_path / "in", tmp_path / "events", shard_by="week")
    with pytest.raises(ConfigError) as error:
        check_config(cfg)
    assert one_line(error) == "error E102: output.shard_by: 'week' is not one of input, month"
    with pytest.raises(ConfigError) as error:
        cut([], 10, "key", 0, "week")
    assert one_line(error).startswith("error E102: output.shard_by")


def test_a_number_out_of_range_is_e103(tmp_path):
    with pytest.raises(ConfigError) as error:
        check_config(config(tmp_path / "in", tmp_path / "events", shard_size=0))
    assert one_line(error).startswith("error E103: output.shard_size: 0 is not a positive number of articles")
    with pytest.raises(ConfigError) as error:
        stripe(10, task=2, tasks=2)
    assert one_line(error).startswith("error E103: runner.task: 2 is outside range(0, runner.tasks=2)")


def test_ray_workers_out_of_range_is_e103_before_any_work(tmp_path):
    pytest.importorskip("ray")
    cfg = config(tmp_path / "in", tmp_path / "events")
    cfg.runner = RunnerConfig(name="ray", workers=0)
    with pytest.raises(ConfigError) as error:
        run_job(cfg)
    assert one_line(error).startswith("error E103: runner.workers: 0, runner.shards_per_call: 1; both must be >= 1")
    assert not (tmp_path / "events").exists()


def test_an_unknown_key_is_e104():
    with pytest.raises(ConfigError) as error:
        typed(OmegaConf.create({"output": {"shard_sise": 10}}), CoderConfig)
    assert one_line(error).startswith("error E104: output.shard_sise: no such key; the keys here are path, mode,")


def test_runner_ray_without_ray_installed_is_e107(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` sees where Ray is not installed
    with pytest.raises(ConfigError) as error:
        import_ray()
    assert one_line(error).startswith("error E107: runner=ray needs Ray, an optional extra: pip install -e '.[ray]'")


# --- E3xx: paths ------------------------------------------------------------------------------------------------

def test_a_missing_input_path_is_e302(tmp_path):
    cfg = config(tmp_path / "nowhere", tmp_path / "events").input
    with pytest.raises(InputError) as error:
        list(read_articles(cfg))
    assert one_line(error) == (f"error E302: input.path {tmp_path / 'nowhere'} does not exist; pass "
                               f"input.path=<file or folder>")


def test_status_and_compact_of_a_folder_that_is_not_a_dataset_are_e303(tmp_path, capsys):
    folder = tmp_path / "photos"
    folder.mkdir()
    with pytest.raises(InputError) as error:
        dataset_status(folder)
    assert one_line(error).startswith(f"error E303: {folder.resolve()} is not a coder dataset")
    with pytest.raises(InputError) as error:
        compact(folder)
    assert one_line(error).startswith("error E303:")
    assert status_main([str(folder)]) == 2 and compact_main([str(folder)]) == 2
    assert capsys.readouterr().err.count("error E303:") == 2


# --- E4xx: refusals that protect a dataset -------------------------------------------------------------------------

def test_append_refuses_a_damaged_shard_whose_articles_are_not_in_the_input_e406(tmp_path, fake):
    first, second = make_inputs(tmp_path / "batch1", 4), make_inputs(tmp_path / "batch2", 2, first=4)
    out = tmp_path / "events"
    run(first, out, shard_size=2, mode="append")
    next(out.rglob("*.parquet")).unlink()  # a committed shard loses a file
    with pytest.raises(DataSafetyError) as error:
        run(second, out, shard_size=2, mode="append")
    assert one_line(error).startswith("error E406: output.mode=append: committed shard")
    assert "Re-run with its input or rebuild with output.mode=overwrite" in one_line(error)


def test_append_refuses_a_dataset_without_commit_records_e407(tmp_path, fake):
    inp = make_inputs(tmp_path / "in", 2)
    out = tmp_path / "events"
    run(inp, out, shard_size=2)
    pl.read_parquet(next(out.rglob("*.parquet"))).write_parquet(out / "year=2023" / "month=01" / "part-0.parquet")
    for record in (meta_dir(out) / "_shards").glob("*.json"):
        record.unlink()
    manifest = json.loads((meta_dir(out) / "_manifest.json").read_text())  # the older coder listed its files there
    manifest["files"].append({"path": "year=2023/month=01/part-0.parquet", "rows": 1})
    (meta_dir(out) / "_manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(DataSafetyError) as error:
        run(inp, out, shard_size=2, mode="append")
    assert one_line(error).startswith("error E407: output.mode=append:")
    assert "rebuild it once with output.mode=overwrite" in one_line(error)


def test_a_dataset_that_does_not_match_its_commit_records_is_e409(tmp_path):
    data = tmp_path / "events"
    rel = "year=2024/month=01/shard-0123456789abcdef01234567.parquet"
    (data / rel).parent.mkdir(parents=True)
    pl.DataFrame({"event_id": ["a", "a"]}).write_parquet(data / rel)  # the check reads the row count and the ids
    listed = {"path": rel, "rows": 2}
    with pytest.raises(DataSafetyError) as error:
        verify_dataset(data, {"fp": {"events": 3, "files": [{**listed, "rows": 3}]}})  # type: ignore[dict-item]
    assert one_line(error).startswith("error E409: the dataset has 2 rows but its commit records list 3; re-run with "
                                      "output.mode=overwrite")
    with pytest.raises(DataSafetyError) as error:
        verify_dataset(data, {"fp": {"events": 2, "files": [listed]}})  # type: ignore[dict-item]
    assert one_line(error).startswith("error E409: the dataset holds duplicated event ids")
    pl.DataFrame({"event_id": ["b"]}).write_parquet(data / "year=2024" / "month=01" / "shard-x.parquet")
    with pytest.raises(DataSafetyError) as error:
        verify_dataset(data, {"fp": {"events": 2, "files": [listed]}})  # type: ignore[dict-item]
    assert one_line(error).startswith("error E409: the dataset does not match its commit records: 1 file(s) no "
                                      "record lists ['year=2024/month=01/shard-x.parquet']")


def test_input_changed_after_planning_is_e411(tmp_path):
    inp = make_inputs(tmp_path / "in", 3)
    cfg = config(inp, tmp_path / "events").input
    records, _ = scan_inputs(cfg)
    shards = cut(records, 3, "key", 0, "input")
    write_article(inp, "a001", date(2023, 1, 24), 2, salt=" (edited)")
    with pytest.raises(DataSafetyError) as error:
        list(shard_articles(cfg, shards))
    assert one_line(error).startswith("error E411: the input changed after the shards were planned: shard")


def test_a_task_without_a_plan_is_e412(tmp_path):
    with pytest.raises(DataSafetyError) as error:
        read_header(tmp_path / PLAN)
    assert one_line(error).startswith(f"error E412: no shard plan at {tmp_path / PLAN}: start the run with the "
                                      f"`coder` command")


def test_compaction_of_an_unfinished_run_is_e413(tmp_path, fake):
    out = tmp_path / "events"
    run(make_inputs(tmp_path / "in", 2), out, shard_size=1)
    (meta_dir(out) / PLAN).write_text("{}\n")  # what a killed run leaves
    with pytest.raises(DataSafetyError) as error:
        compact(out)
    assert one_line(error).startswith(f"error E413: {out.resolve()} has an unfinished run")

