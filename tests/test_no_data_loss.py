"""A research dataset is never silently wrong or partly lost (issue #16, points 2-7): config mistakes and wrong
inputs are refused before the dataset changes, the coder deletes only files it wrote and never follows a link out of
the dataset, an overwrite is one atomic switch, a full disk leaves the dataset as it was, every config value is
checked before any work, skipped input files are counted, and the exit status says what happened.

The job runs with the fake coder (tests.test_data_safety.FakeCoder); the command-line cases run the real `coder`
entry point in a subprocess with the fake coder standing in (tests.test_worker_loss.CLI_SCRIPT)."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

from coder.config import DedupConfig, OutputConfig, register_configs
from coder.dataset import durable
from coder.dataset.dedup import resolve
from coder.dataset.layout import meta_dir, views_dir
from coder.errors import ConfigError, DataSafetyError, InputError
from coder.jobs.checks import check_config
from tests.conftest import ROOT, run_cli
from tests.test_data_safety import (assert_clean, config, dataset_state, fake, make_inputs, run,  # noqa: F401
                                    write_article)
from tests.test_worker_loss import CLI_SCRIPT, lock_is_free

register_configs()


def snapshot(out: Path) -> dict[str, str]:
    """Every file of the dataset and its meta folder with its content hash, and what lies beside them."""
    found = {}
    for root in (out, meta_dir(out)):
        for path in sorted(root.rglob("*")) if root.exists() else []:
            if path.is_file():
                found[str(path.relative_to(out.parent))] = hashlib.sha256(path.read_bytes()).hexdigest()
    lock = f".{out.name}.lock"  # the job's lock file beside the dataset (coder.dataset.locks): the coder's own, kept
    found["beside"] = ",".join(sorted(p.name for p in out.parent.iterdir() if p.name != lock))
    return found


def fake_cli(tmp_path: Path, *overrides: str) -> subprocess.CompletedProcess:
    """The `coder` command (Hydra, one-line errors, exit status) with the fake coder."""
    script = tmp_path / "coder_cli.py"
    script.write_text(CLI_SCRIPT.format(root=str(ROOT)))
    env = {**os.environ, "CODER_RUN_DIR": str(tmp_path / "runs")}
    for name in ("FAKE_DIE", "FAKE_PARENT", "FAKE_DELAY", "FAKE_RULES"):
        env.pop(name, None)
    return subprocess.run([sys.executable, str(script), "quiet=true", *overrides], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def assert_refused(result: subprocess.CompletedProcess, code: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout[-2000:], result.stderr[-3000:])
    lines = result.stderr.strip().splitlines()
    assert lines and lines[-1].startswith(f"error {code}: "), result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return lines[-1]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(input folder, dataset) built once through the command line: 12 articles in 3 shards."""
    tmp = tmp_path_factory.mktemp("built")
    inp, out = make_inputs(tmp / "in", 12), tmp / "events"
    result = fake_cli(tmp, f"input.path={inp}", f"output.path={out}", "output.shard_size=4")
    assert result.returncode == 0, result.stderr[-3000:]
    return inp, out


# --- point 2: config mistakes leave the dataset intact and exit 2 -----------------------------------------------------

NEXT_WEEK = "next_week"
EMPTY = "empty"


@pytest.mark.parametrize(("overrides", "code"), [
    (["input.encoding=utf8x"], "E101"),  # not an encoding: every input would be rejected
    (["input.encoding=utf-16"], "E414"),  # an encoding, the wrong one: every input rejected
    (["input.path="], "E101"),  # empty
    ([f"input.path={EMPTY}"], "E304"),  # an empty or unmounted folder
    (["input.max_chars=-1"], "E103"),
    (["input.max_chars=5"], "E414"),  # every article too large
    (["input.format=csv"], "E414"),  # every file unreadable as CSV
    (["nlp.batch_size=0"], "E103"),  # would read 0 sentences and commit an empty dataset
    (["nlp.n_process=0"], "E103"),
    ([f"input.path={NEXT_WEEK}"], "E415"),  # a default (resume) run pointed at next week's folder
    (["output.compression=foo"], "E102"),  # was a pyarrow traceback at the first commit
    (["output.compression_level=99"], "E103"),
    (["output.shard_size=0"], "E103"),
    (["output.max_drop_share=2"], "E103"),
    (["dedup.name=custom"], "E108"),  # was an error after the whole job
    (["dedup.name=/tmp"], "E110"),  # would have renamed and removed /tmp
    (["runner.workers=0"], "E103"),
    (["rejects_exit_status=7"], "E103"),
    (["output.shard_by=week"], "E102"),  # these three printed tracebacks
    (["output.mode=OVERWRITE"], "E102"),
    (["nlp.n_process=-1"], "E103"),  # was accepted
])
def test_a_config_mistake_leaves_the_dataset_intact_and_exits_2(built, tmp_path, overrides, code):
    inp, out = built
    (tmp_path / EMPTY).mkdir()
    make_inputs(tmp_path / NEXT_WEEK, 3, first=50)
    args = [a.replace(f"={EMPTY}", f"={tmp_path / EMPTY}").replace(f"={NEXT_WEEK}", f"={tmp_path / NEXT_WEEK}")
            for a in overrides]
    if not any(a.startswith("input.path=") for a in args):
        args.append(f"input.path={inp}")
    before = snapshot(out)
    line = assert_refused(fake_cli(tmp_path, f"output.path={out}", "output.shard_size=4", *args), code)
    assert snapshot(out) == before, line
    assert lock_is_free(out)
    if code == "E415":
        assert "output.mode=append" in line and "output.allow_drop=true" in line
    if code in ("E304", "E414"):
        assert "output.allow_drop=true" in line and "nothing was changed" in line


@pytest.mark.slow
def test_a_pipeline_without_its_parser_is_refused_before_the_dataset_changes(built, tmp_path):
    inp, out = built
    before = snapshot(out)
    result = run_cli(f"input.path={inp}", f"output.path={out}", "output.shard_size=4", "nlp.disable=[parser]")
    assert_refused(result, "E502")
    assert snapshot(out) == before


def test_resume_pointed_at_another_folder_is_refused_and_append_or_allow_drop_say_what_to_do(tmp_path, fake):
    week1, week2 = make_inputs(tmp_path / "week1", 6), make_inputs(tmp_path / "week2", 4, first=6)
    out = tmp_path / "events"
    run(week1, out, shard_size=2)
    before = snapshot(out)
    with pytest.raises(DataSafetyError) as refused:
        run(week2, out, shard_size=2)
    assert refused.value.one_line().startswith("error E415: output.mode=resume would drop 3 of 3 committed shard(s) "
                                               "(6 article(s), e.g. a000.txt) because none of their inputs is in")
    assert snapshot(out) == before
    appended = run(week2, out, shard_size=2, mode="append")  # what the user meant
    assert appended.articles == 10 and appended.run["shards_dropped"] == 0
    dropped = run(week2, out, shard_size=2, allow_drop=True)  # or: the dataset follows the input
    assert dropped.articles == 4 and dropped.run["shards_dropped"] == 3
    assert_clean(out)


def test_max_drop_share_lets_a_resume_lose_up_to_that_share(tmp_path, fake):
    inp, out = make_inputs(tmp_path / "in", 8), tmp_path / "events"
    run(inp, out, shard_size=2)  # 4 shards
    for name in ("a006", "a007"):  # every input of the last shard goes
        (inp / f"{name}.txt").unlink()
    with pytest.raises(DataSafetyError, match="would drop 1 of 4"):
        run(inp, out, shard_size=2, max_drop_share=0.2)
    result = run(inp, out, shard_size=2, max_drop_share=0.25)
    assert result.run["shards_dropped"] == 1 and result.articles == 6


def test_an_edited_input_or_new_rules_still_re_code_without_being_refused(tmp_path, fake, monkeypatch):
    inp, out = make_inputs(tmp_path / "in", 4), tmp_path / "events"
    run(inp, out, shard_size=1)
    write_article(inp, "a001", date(2023, 1, 24), 2, salt=" (corrected)")  # the same file, new content
    assert run(inp, out, shard_size=1).run["shards_dropped"] == 1
    monkeypatch.setenv("FAKE_RULES", "fake-rules-2")
    assert run(inp, out, shard_size=1).run["shards_dropped"] == 4


def test_every_input_rejected_or_none_at_all_is_refused_also_for_a_new_dataset(tmp_path, fake):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_text("no date line\n")
    (bad / "README.md").write_text("about")
    with pytest.raises(DataSafetyError) as refused:
        run(bad, tmp_path / "events")
    assert refused.value.one_line().startswith(f"error E414: every one of the 1 input(s) in {bad} was rejected "
                                               f"(date: 1; e.g. {bad / 'a.txt'}:1: malformed date line")
    with pytest.raises(InputError) as empty:
        run(tmp_path / "bad" / "nothing" if False else _only_skipped(tmp_path), tmp_path / "events")
    assert empty.value.one_line().startswith("error E304: input.path ")
    assert "1 file(s) skipped: README.md (readme)" in empty.value.one_line()
    assert not (tmp_path / "events").exists() and not meta_dir(tmp_path / "events").exists()
    result = run(bad, tmp_path / "events", allow_drop=True)  # asked for: an empty dataset and its rejects
    assert result.articles == 0 and result.rejects.height == 1


def _only_skipped(tmp_path: Path) -> Path:
    folder = tmp_path / "only_readme"
    folder.mkdir()
    (folder / "README.md").write_text("nothing to code here")
    return folder


# --- exit status: 0 all coded, 1 some rejected (configurable), 2 refused ----------------------------------------------

def test_exit_status_says_whether_inputs_were_rejected(tmp_path):
    inp, out = make_inputs(tmp_path / "in", 3), tmp_path / "events"
    assert fake_cli(tmp_path, f"input.path={inp}", f"output.path={out}").returncode == 0
    (inp / "broken.txt").write_text("no date line\n")
    some = fake_cli(tmp_path, f"input.path={inp}", f"output.path={out}")
    assert some.returncode == 1, some.stderr[-2000:]
    assert "rejected: 1" in some.stdout and "broken.txt" in some.stdout
    ok = fake_cli(tmp_path, f"input.path={inp}", f"output.path={out}", "rejects_exit_status=0")
    assert ok.returncode == 0, ok.stderr[-2000:]


# --- point 3: the coder deletes only files it wrote, never through a link ---------------------------------------------

def test_a_symlinked_partition_is_refused_and_nothing_outside_is_deleted(tmp_path, fake):
    inp, out = make_inputs(tmp_path / "in", 6), tmp_path / "events"
    run(inp, out, shard_size=3)
    outside = tmp_path / "elsewhere"
    (outside / "month=01").mkdir(parents=True)
    (outside / "month=01" / "shard-0123456789abcdef01234567.parquet").write_bytes(b"someone's data")
    (outside / "thesis.tex").write_text("precious")
    (out / "year=2030").symlink_to(outside, target_is_directory=True)
    before = snapshot(out)
    for mode in ("resume", "overwrite", "append"):
        with pytest.raises(DataSafetyError) as refused:
            run(inp, out, shard_size=3, mode=mode)
        assert refused.value.one_line().startswith(f"error E416: {out} holds 1 file(s) or link(s) the coder did not "
                                                   f"write (year=2030)")
    assert (outside / "thesis.tex").read_text() == "precious"
    assert (outside / "month=01" / "shard-0123456789abcdef01234567.parquet").read_bytes() == b"someone's data"
    assert snapshot(out) == before


def test_a_committed_partition_replaced_by_a_link_is_not_followed(tmp_path, fake):
    """The records list year=2023/... files; year=2023 is now a link to a copy elsewhere. A resume that drops those
    shards would have deleted the copy's files through the link."""
    inp, out = make_inputs(tmp_path / "in", 6), tmp_path / "events"
    run(inp, out, shard_size=3)
    outside = tmp_path / "copy_2023"
    (out / "year=2023").rename(outside)
    (out / "year=2023").symlink_to(outside, target_is_directory=True)
    files = sorted(p.relative_to(outside) for p in outside.rglob("*.parquet"))
    write_article(inp, "a001", date(2023, 1, 24), 2, salt=" (corrected)")  # its shard would be dropped
    with pytest.raises(DataSafetyError, match="E416|did not write"):
        run(inp, out, shard_size=3)
    assert sorted(p.relative_to(outside) for p in outside.rglob("*.parquet")) == files


def test_a_file_in_a_partition_no_record_lists_is_refused_not_deleted(tmp_path, fake):
    inp, out = make_inputs(tmp_path / "in", 4), tmp_path / "events"
    run(inp, out, shard_size=2)
    mine = out / "year=2023" / "month=01" / "my-analysis.parquet"
    pl.DataFrame({"x": [1]}).write_parquet(mine)
    with pytest.raises(DataSafetyError, match="year=2023/month=01/my-analysis.parquet"):
        run(inp, out, shard_size=2)
    assert pl.read_parquet(mine)["x"].to_list() == [1]


def test_a_link_beside_the_partitions_is_left_alone_by_resume(tmp_path, fake):
    inp, out = make_inputs(tmp_path / "in", 4), tmp_path / "events"
    run(inp, out, shard_size=2)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "n.txt").write_text("mine")
    (out / "notes").symlink_to(notes, target_is_directory=True)
    make_inputs(inp, 2, first=4)
    result = run(inp, out, shard_size=2)
    assert result.run["foreign_files"] == ["notes"] and (notes / "n.txt").read_text() == "mine"
    with pytest.raises(DataSafetyError, match="E416|did not write"):  # overwrite would replace the whole folder
        run(inp, out, shard_size=2, mode="overwrite")
    assert (out / "notes").is_symlink() and (notes / "n.txt").read_text() == "mine"


@pytest.mark.parametrize("mode", ["resume", "overwrite", "append"])
def test_a_folder_that_is_not_a_coder_dataset_is_refused_in_every_mode(tmp_path, fake, mode):
    inp = make_inputs(tmp_path / "in", 2)
    other = tmp_path / "survey"  # another hive-partitioned dataset, with its README
    (other / "year=2020" / "month=01").mkdir(parents=True)
    pl.DataFrame({"answer": [42]}).write_parquet(other / "year=2020" / "month=01" / "part-0.parquet")
    (other / "README.md").write_text("the survey")
    before = snapshot(other)
    with pytest.raises(DataSafetyError) as refused:
        run(inp, other, mode=mode)
    assert refused.value.one_line().startswith(f"error E403: output.path {other} exists and is not a coder dataset")
    assert snapshot(other) == before


def test_an_empty_folder_is_a_fine_output_path(tmp_path, fake):
    out = tmp_path / "events"
    out.mkdir()
    assert run(make_inputs(tmp_path / "in", 2), out).articles == 2


def test_the_meta_folder_of_an_overwrite_must_hold_only_the_coders_files(tmp_path, fake):
    inp, out = make_inputs(tmp_path / "in", 2), tmp_path / "events"
    run(inp, out)
    (meta_dir(out) / "my_notes.txt").write_text("mine")
    with pytest.raises(DataSafetyError, match="my_notes.txt"):
        run(inp, out, mode="overwrite")
    assert run(inp, out).run["shards_skipped"] == 1  # resume leaves it alone
    assert (meta_dir(out) / "my_notes.txt").read_text() == "mine"


# --- view names and view folders -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["/tmp", "../escape", "a/b", ".hidden", "..", "a b", "x" * 101])
def test_view_names_must_be_plain_names(tmp_path, name):
    with pytest.raises(ConfigError) as refused:
        resolve(DedupConfig(name=name, keys=["event_code"]))
    assert refused.value.one_line().startswith(f"error E110: dedup.name: {name!r} is not a plain name")
    cfg = config(tmp_path / "in", tmp_path / "events")
    cfg.dedup = DedupConfig(name=name, keys=["event_code"])
    with pytest.raises(ConfigError, match="E110|not a plain name"):
        check_config(cfg)


def test_views_folder_entries_that_are_not_the_coders_views_are_kept(tmp_path, fake):
    inp, out = make_inputs(tmp_path / "in", 4), tmp_path / "events"
    views = views_dir(out)
    (views / "my_view").mkdir(parents=True)
    (views / "my_view" / "numbers.csv").write_text("1,2\n")
    (views / "notes.txt").write_text("mine")
    cfg = config(inp, out)
    cfg.dedup = DedupConfig(name="my_view", keys=["event_code"])
    from coder.jobs.job import run_job

    with pytest.raises(DataSafetyError, match="is not a view the coder wrote"):
        run_job(cfg)  # before any work
    assert not out.exists()
    cfg.dedup = DedupConfig(name="one_a_story")
    assert run_job(cfg).view.rows > 0 and (views / "one_a_story").is_dir()
    cfg.dedup = DedupConfig(name="none")
    make_inputs(inp, 1, first=4)
    run_job(cfg)  # the dataset changed: the coder's view goes, the user's files stay
    assert not (views / "one_a_story").exists()
    assert (views / "my_view" / "numbers.csv").read_text() == "1,2\n" and (views / "notes.txt").read_text() == "mine"


# --- point 4: overwrite is one atomic switch --------------------------------------------------------------------------

def leftovers(folder: Path) -> list[Path]:
    """What a switch leaves beside `events` (staging, old versions, switch intents), but the job's lock file."""
    return [p for p in folder.glob(".events*") if p.name != ".events.lock"]


def _poll(out: Path, stop: threading.Event, seen: dict[str, int]) -> None:
    while not stop.is_set():
        seen["polls"] += 1
        try:
            if not any(p.name.startswith("year=") for p in os.scandir(out)):
                seen["empty"] += 1
        except FileNotFoundError:
            seen["missing"] += 1


def _overwrites_while_polling(inp: Path, out: Path, times: int) -> dict[str, int]:
    seen = {"polls": 0, "missing": 0, "empty": 0}
    stop = threading.Event()
    reader = threading.Thread(target=_poll, args=(out, stop, seen))
    reader.start()
    try:
        for k in range(times):
            write_article(inp, "a000", date(2023, 1, 1), 1 + k % 3)  # each overwrite has something new
            run(inp, out, shard_size=2, mode="overwrite")
    finally:
        stop.set()
        reader.join()
    return seen


def test_a_polling_reader_never_misses_the_dataset_during_overwrites(tmp_path, fake, monkeypatch):
    inp, out = make_inputs(tmp_path / "in", 6), tmp_path / "events"
    run(inp, out, shard_size=2)
    assert durable.RENAMEAT2 is not None, "this system has no renameat2: the switch falls back to two renames"
    seen = _overwrites_while_polling(inp, out, 8)
    assert seen["polls"] > 100 and seen["missing"] == 0 and seen["empty"] == 0, seen
    assert pl.scan_parquet(out, hive_partitioning=True).collect().height > 0
    assert_clean(out)
    assert not leftovers(tmp_path)  # no staging, old or switch leftovers beside it


def test_the_polling_reader_does_catch_the_two_rename_gap(tmp_path, fake, monkeypatch):
    """The control: without the exchange (the old two renames, widened to a few milliseconds), the same reader sees
    the dataset missing. So the test above can fail."""
    inp, out = make_inputs(tmp_path / "in", 6), tmp_path / "events"
    run(inp, out, shard_size=2)
    real_replace = os.replace

    def slow_replace(src, dst, *args, **kwargs):
        real_replace(src, dst, *args, **kwargs)
        if Path(src) == out:  # the dataset moved aside, the new one not yet in
            time.sleep(0.02)

    monkeypatch.setattr(durable, "RENAMEAT2", None)
    monkeypatch.setattr(os, "replace", slow_replace)
    seen = _overwrites_while_polling(inp, out, 3)
    assert seen["missing"] > 0, seen


def test_an_overwrite_killed_while_switching_is_finished_by_the_next_writer(tmp_path, fake, monkeypatch):
    from coder.dataset import switch

    inp, out = make_inputs(tmp_path / "in", 5), tmp_path / "events"
    run(inp, out, shard_size=2)
    write_article(inp, "a003", date(2023, 3, 11), 3, salt=" v2")
    reference = tmp_path / "reference"
    run(inp, reference, shard_size=2)
    calls = [0]
    real = switch.swap_into_place

    def killed_after_the_data(*args, **kwargs):
        calls[0] += 1
        if calls[0] == 2:  # the dataset is switched, its meta folder not yet
            raise KeyboardInterrupt("killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(switch, "swap_into_place", killed_after_the_data)
    with pytest.raises(KeyboardInterrupt):
        run(inp, out, shard_size=2, mode="overwrite")
    monkeypatch.setattr(switch, "swap_into_place", real)
    assert list(tmp_path.glob(".events.switch-*.json"))
    result = run(inp, out, shard_size=2)  # opens the dataset: rolls the switch forward first
    assert result.run["shards_coded"] == 0 and result.run["shards_dropped"] == 0
    assert dataset_state(out)[1].equals(dataset_state(reference)[1])
    assert not leftovers(tmp_path)


# --- a full disk leaves the dataset as it was ---------------------------------------------------------------------

def _disk_full_on(monkeypatch, nth: int) -> None:
    """The nth shard's staged files: written, the last one cut in half, and the write fails as on a full disk."""
    from coder.dataset import journal

    real, calls = journal._stage_files, [0]

    def stage_files(stage, *args, **kwargs):
        calls[0] += 1
        staged = real(stage, *args, **kwargs)
        if calls[0] == nth:
            last = sorted(stage.glob("*.parquet"))[-1]
            last.write_bytes(last.read_bytes()[: last.stat().st_size // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return staged

    monkeypatch.setattr(journal, "_stage_files", stage_files)


@pytest.mark.parametrize("mode", ["resume", "overwrite"])
def test_a_full_disk_leaves_the_dataset_as_it_was(tmp_path, fake, monkeypatch, mode):
    inp, out = make_inputs(tmp_path / "in", 6), tmp_path / "events"
    run(inp, out, shard_size=2)
    files, events = dataset_state(out)
    records = sorted(p.name for p in (meta_dir(out) / "_shards").glob("*.json"))
    make_inputs(inp, 4, first=6)
    with monkeypatch.context() as patch:
        _disk_full_on(patch, 2)  # the second new shard, after the first one committed
        with pytest.raises(DataSafetyError) as full:
            run(inp, out, shard_size=2, mode=mode)
    assert full.value.one_line().startswith("error E418: the disk is full (No space left on device) while "
                                            "committing shard ")
    if mode == "overwrite":  # the old dataset, untouched
        assert dataset_state(out)[0] == files and dataset_state(out)[1].equals(events)
        assert sorted(p.name for p in (meta_dir(out) / "_shards").glob("*.json")) == records
    else:  # what was committed stays, the failed shard left nothing
        new_files, new_events = dataset_state(out)
        assert set(files) < set(new_files) and new_events.height > events.height
    assert not list(tmp_path.glob(".events.staging-*")) and lock_is_free(out)
    assert not any((meta_dir(out) / "_staging").glob("*")) if (meta_dir(out) / "_staging").exists() else True
    result = run(inp, out, shard_size=2)  # space freed: the same command completes it
    assert result.articles == 10
    assert_clean(out)


def test_a_full_disk_at_the_commit_record_takes_the_shards_files_back_out(tmp_path, fake, monkeypatch):
    from coder.dataset import journal

    inp, out = make_inputs(tmp_path / "in", 4), tmp_path / "events"
    run(inp, out, shard_size=2)
    files, events = dataset_state(out)
    make_inputs(inp, 2, first=4)
    real = journal.write_json_atomic

    def full_at_the_record(path, data):
        if path.parent.name == "_shards":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(journal, "write_json_atomic", full_at_the_record)
    with pytest.raises(DataSafetyError, match="E418|disk is full"):
        run(inp, out, shard_size=2)
    assert dataset_state(out)[0] == files and dataset_state(out)[1].equals(events)  # renamed in, taken out again


# --- point 6: every value checked before any work --------------------------------------------------------------------

@pytest.mark.parametrize(("section", "key", "value", "code"), [
    ("input", "encoding", "utf8x", "E101"), ("input", "encoding", "base64", "E101"), ("input", "path", "", "E101"),
    ("input", "max_chars", 0, "E103"), ("nlp", "batch_size", 0, "E103"), ("nlp", "n_process", 0, "E103"),
    ("nlp", "model", "", "E101"), ("output", "compression", "lzma", "E102"), ("output", "compression_level", 0, "E103"),
    ("output", "shard_size", 0, "E103"), ("output", "max_drop_share", -0.1, "E103"), ("runner", "tasks", 0, "E103"),
    ("runner", "cpus_per_worker", 0, "E103"), ("runner", "num_cpus", 0, "E103"), ("runner", "mem_gb", 0, "E103"),
    ("output", "path", "", "E101"), ("input", "max_chars", "many", "E101"),
])
def test_every_value_is_checked_before_any_work(tmp_path, section, key, value, code):
    cfg = config(tmp_path / "in", tmp_path / "events")
    setattr(getattr(cfg, section), key, value)
    with pytest.raises(ConfigError) as refused:
        check_config(cfg)
    assert refused.value.one_line().startswith(f"error {code}: {section}.{key}: ")


def test_output_inside_the_input_is_skipped_and_input_inside_the_output_refused(tmp_path, fake):
    inp = make_inputs(tmp_path / "in", 4)
    cfg = config(inp / "events" / "year=2023", inp / "events")
    with pytest.raises(ConfigError, match="holds it"):
        check_config(cfg)
    cfg = config(inp, inp)
    with pytest.raises(ConfigError, match="is input.path or holds it"):
        check_config(cfg)


# --- point 7: skipped files are counted; the output inside the input is never read as input -----------------------

def test_skipped_files_are_counted_and_the_output_folder_is_not_read_as_input(tmp_path, fake):
    inp = make_inputs(tmp_path / "in", 4)
    (inp / "README.md").write_text("about the corpus")
    (inp / "_notes.txt").write_text("mine")
    (inp / ".cache").mkdir()
    (inp / ".cache" / "x.txt").write_text("cache")
    (inp / "table.xml").write_text("<x/>")
    out = inp / "events"  # the dataset inside the input folder
    first = run(inp, out, shard_size=2)
    assert first.articles == 4 and first.rejects.height == 0
    assert first.run["skipped"] == {"readme": 1, "hidden": 2, "unknown_format": 1, "output": 1}  # + the lock file
    second = run(inp, out, shard_size=2)  # now events/ and events_meta/ are in the input folder too
    assert second.rejects.height == 0 and second.run["shards_coded"] == 0 and second.articles == 4
    assert second.run["skipped"] == {"readme": 1, "hidden": 2, "unknown_format": 1, "output": 3}
    assert {"events/ (output)", "events_meta/ (output)", ".events.lock (output)"} <= set(second.run["skipped_examples"])
    manifest = json.loads((meta_dir(out) / "_manifest.json").read_text())
    assert manifest["this_run"]["skipped_files"] == 7
    from coder.jobs.summary import summary

    assert "skipped files (not read): 7 (hidden: 2, output: 3, readme: 1, unknown_format: 1)" in summary(second)


# --- point 5: the finish step streams --------------------------------------------------------------------------------

MEMORY_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
import coder.jobs.coder
from tests.test_data_safety import FakeCoder, config, fake_engine_hash
coder.jobs.coder.Coder = FakeCoder
coder.jobs.coder.engine_hash = fake_engine_hash
from coder.jobs.job import run_job
from coder.jobs.summary import summary
result = run_job(config(sys.argv[1], sys.argv[2], shard_size=50))
text = summary(result)
if sys.argv[3] == "materialise":
    events = result.events
# VmHWM, the peak of this process's own memory: ru_maxrss would keep the peak of the process forked from pytest
# before it ran this script (Linux carries it over exec), which is pytest's size late in a full run
print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:')) // 1024)
"""


def _corpus(folder: Path, articles: int) -> Path:
    folder.mkdir()
    for i in range(articles):
        body = "\n\n".join(f"Paragraph {k} of {i}: " + " ".join(f"w{i}x{k}x{n}" for n in range(900))
                           for k in range(10))  # 10 events of ~9 KB sentence text each
        day = date(2023, 1, 1).toordinal() + i
        (folder / f"a{i:04d}.txt").write_text(f" date {date.fromordinal(day).isoformat()} 10:00\nHeadline {i}\n\n"
                                              f"{body}\n", encoding="utf-8")
    return folder


def _peak_mb(tmp_path: Path, inp: Path, out: Path, how: str) -> int:
    script = tmp_path / "memory.py"
    script.write_text(MEMORY_SCRIPT.format(root=str(ROOT)))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAKE_")}
    done = subprocess.run([sys.executable, str(script), str(inp), str(out), how], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return int(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_finish_step_does_not_read_the_dataset_into_memory(tmp_path):
    """A no-op re-run's peak memory barely grows from a dataset of 440 events to one of 4,400 (~40 MB of sentence
    text); reading the events, as the finish step did, costs their size (the control)."""
    peaks = {}
    for n in (44, 440):
        inp, out = _corpus(tmp_path / f"in{n}", n), tmp_path / f"events{n}"
        _peak_mb(tmp_path, inp, out, "build")
        peaks[n] = _peak_mb(tmp_path, inp, out, "noop")
        if n == 440:
            peaks["materialised"] = _peak_mb(tmp_path, inp, out, "materialise")
    assert peaks[440] - peaks[44] < 15, peaks
    assert peaks["materialised"] - peaks[440] > 25, peaks  # the control: the test sees a dataset read into memory
