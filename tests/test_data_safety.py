"""Data safety: shard commits, resume after a kill at any moment, modes, rejects, concurrent readers, fuzzed inputs.

Most tests run the real job (coder.jobs.job.run_job, coder.dataset.sink) with a fake coder in place of spaCy, so that a kill can
be placed at every rename and deletion the job makes; test_kill_real_job_and_resume kills the real command line."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coder.dataset.articles import Article, Reject, collect_inputs, read_articles
from coder.config import CoderConfig, InputConfig, OutputConfig, register_configs
from coder.dataset.records import EVENT_SCHEMA, event_id
from coder.dataset.layout import meta_dir
from coder.dataset.sink import DatasetWriter
from coder.errors import ConfigError, DataSafetyError
from tests.conftest import BIN, ROOT, run_cli

register_configs()
SHARD_NAME = re.compile(r"^year=\d+/month=\d\d/shard-[0-9a-f]{24}\.parquet$")


# --- a fake coder: deterministic events without spaCy ---------------------------------------------------------------

class FakeCoder:
    """Stands in for coder.jobs.coder.Coder: one event per paragraph, dated 40 days apart so shards span months."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.rules = SimpleNamespace(rules_hash=os.environ.get("FAKE_RULES", "fake-rules-1"), files=[])
        self.nlp = SimpleNamespace(meta={"lang": "en", "name": "fake", "version": "1"})
        self.delay = float(os.environ.get("FAKE_DELAY", "0"))

    def unknown_actors(self):
        return []

    def close(self):
        pass

    def code(self, articles, progress=False):
        if self.delay:
            time.sleep(self.delay)
        rows = []
        sentences = 0
        for article in articles:
            if "BOOM" in article.title:
                raise RuntimeError("the engine tripped over this article")
            text = article.full_text
            start = 0
            for k, para in enumerate(text.split("\n\n")):
                sentences += 1
                source, target, code = "KAZGOV", "RUS", f"0{40 + k % 7}"
                rows.append({
                    "event_id": event_id(article.article_id, start, source, target, code),
                    "article_id": article.article_id, "publisher": article.publisher, "url": article.url,
                    "pub_date": article.pub_date, "event_date": article.pub_date + timedelta(days=40 * k),
                    "date_basis": "publication", "sentence_index": k, "sentence_text": para,
                    "sentence_start": start, "sentence_end": start + len(para),
                    "source_code": source, "source_country": "KAZ", "source_sector": "GOV", "source_text": "Astana",
                    "source_rule": "fake", "target_code": target, "target_country": "RUS", "target_sector": None,
                    "target_text": "Moscow", "target_rule": "fake", "event_code": code, "root_code": "04",
                    "event_text": "met", "quad_class": 1, "goldstein": 1.0, "modality": "asserted",
                    "rule_id": "fake", "coder_version": "0.1.0", "rules_hash": self.rules.rules_hash,
                })
                start += len(para) + 2
        return rows, sentences


def fake_engine_hash() -> str:
    return "fake-engine"


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr("coder.jobs.coder.Coder", FakeCoder)
    monkeypatch.setattr("coder.jobs.coder.engine_hash", fake_engine_hash)  # other edits to the checkout don't matter
    monkeypatch.delenv("FAKE_RULES", raising=False)
    monkeypatch.delenv("FAKE_DELAY", raising=False)


def write_article(folder: Path, name: str, day: date, paragraphs: int, salt: str = "") -> Path:
    body = "\n\n".join(f"Paragraph {k} of {name}{salt}: Kazakhstan and Russia met." for k in range(paragraphs))
    path = folder / f"{name}.txt"
    path.write_text(f" date {day.isoformat()} 10:00\nHeadline {name}{salt}\n\n{body}\n", encoding="utf-8")
    return path


def make_inputs(folder: Path, n: int, first: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(first, first + n):
        write_article(folder, f"a{i:03d}", date(2023, 1, 1) + timedelta(days=23 * i), 1 + i % 3)
    return folder


def config(inp: Path, out: Path, **output) -> CoderConfig:
    return CoderConfig(input=InputConfig(path=str(inp)), output=OutputConfig(path=str(out), **output), quiet=True)


def run(inp: Path, out: Path, **output):
    from coder.jobs.job import run_job

    return run_job(config(inp, out, **output))


def dataset_state(out: Path) -> tuple[list[str], pl.DataFrame]:
    """(relative paths of every file in the dataset folder, the events sorted by id)."""
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    if not files:
        return files, pl.DataFrame(schema=EVENT_SCHEMA)
    events = pl.scan_parquet(out, hive_partitioning=True).collect().select(list(EVENT_SCHEMA)).sort("event_id")
    return files, events


def assert_clean(out: Path) -> None:
    """Only committed shard files in the dataset folder, no staging left beside it, every event id once."""
    files, events = dataset_state(out)
    assert all(SHARD_NAME.match(f) for f in files), files
    assert events["event_id"].n_unique() == events.height
    assert not list(out.parent.glob(f".{out.name}.staging-*"))
    assert not (meta_dir(out) / "_staging").exists() or not any((meta_dir(out) / "_staging").iterdir())


# --- resume, invalidation, modes --------------------------------------------------------------------------------------

def test_shards_have_deterministic_names_and_a_manifest(tmp_path, fake):
    inp = make_inputs(tmp_path / "in", 10)
    out = tmp_path / "events"
    result = run(inp, out, shard_size=3)
    files, events = dataset_state(out)
    assert result.run["shards_coded"] == 4 and result.articles == 10
    # one event per paragraph, the headline included
    assert events.height == sum(2 + i % 3 for i in range(10)) == result.manifest["counts"]["events"]
    assert_clean(out)
    manifest = json.loads((meta_dir(out) / "_manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["rules_hash"] == "fake-rules-1"
    assert [s["status"] for s in manifest["shards"]] == ["done"] * 4
    record = json.loads((meta_dir(out) / "_shards" / f"{manifest['shards'][0]['fingerprint']}.json").read_text())
    assert [i["source"] for i in record["inputs"]] == ["a000.txt", "a001.txt", "a002.txt"]
    assert {"size", "sha256", "article_hash", "content_hash"} <= set(record["inputs"][0])
    assert sum(f["rows"] for f in record["files"]) == record["events"]
    # a fresh run elsewhere gives the same file names and the same rows
    again = tmp_path / "again"
    run(inp, again, shard_size=3)
    assert dataset_state(again)[0] == files and dataset_state(again)[1].equals(events)


def test_rerun_skips_finished_shards(tmp_path, fake):
    inp = make_inputs(tmp_path / "in", 10)
    out = tmp_path / "events"
    run(inp, out, shard_size=3)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    result = run(inp, out, shard_size=3)
    assert result.run["shards_coded"] == 0 and result.run["shards_skipped"] == 4 and result.articles == 10
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == before


def test_changed_input_invalidates_only_the_affected_shards(tmp_path, fake):
    inp = make_inputs(tmp_path / "in", 10)
    out = tmp_path / "events"
    run(inp, out, shard_size=3)
    write_article(inp, "a004", date(2023, 3, 4), 2, salt=" (corrected)")  # shard 1 changes
    (inp / "a008.txt").unlink()  # shard 2 loses an article
    make_inputs(inp, 2, first=10)  # two new articles
    result = run(inp, out, shard_size=3)
    assert result.run["shards_dropped"] == 2 and result.run["shards_skipped"] == 2
    assert result.articles == 11
    fresh = tmp_path / "fresh"
    run(inp, fresh, shard_size=3)
    assert dataset_state(out)[1].equals(dataset_state(fresh)[1])
    assert "a008" not in dataset_state(out)[1]["article_id"].to_list()
    assert_clean(out)


def test_changed_rules_invalidate_every_shard(tmp_path, fake, monkeypatch):
    inp = make_inputs(tmp_path / "in", 7)
    out = tmp_path / "events"
    run(inp, out, shard_size=3)
    monkeypatch.setenv("FAKE_RULES", "fake-rules-2")
    result = run(inp, out, shard_size=3)
    assert result.run["shards_dropped"] == 3 and result.run["shards_coded"] == 3
    files, events = dataset_state(out)
    assert set(events["rules_hash"]) == {"fake-rules-2"} and len(files) == len(set(files))
    assert_clean(out)


def test_changed_engine_invalidates_every_shard(tmp_path, fake, monkeypatch):
    inp = make_inputs(tmp_path / "in", 4)
    out = tmp_path / "events"
    run(inp, out, shard_size=3)
    monkeypatch.setattr("coder.jobs.coder.engine_hash", lambda: "fake-engine-2")
    result = run(inp, out, shard_size=3)
    assert result.run["shards_dropped"] == 2 and result.run["shards_coded"] == 2
    manifest = json.loads((meta_dir(out) / "_manifest.json").read_text())
    assert manifest["run_key"]["engine_hash"] == "fake-engine-2"


def test_overwrite_builds_a_fresh_dataset_and_swaps_it_in(tmp_path, fake):
    inp = make_inputs(tmp_path / "in", 6)
    out = tmp_path / "events"
    run(inp, out, shard_size=4)
    stray = out / "year=2023" / "month=01" / "stray.parquet"
    stray.write_bytes(b"not parquet")  # not the coder's: even an overwrite does not delete it
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    with pytest.raises(DataSafetyError) as refused:
        run(inp, out, shard_size=4, mode="overwrite")
    assert refused.value.one_line().startswith(f"error E416: {out} holds 1 file(s) or link(s) the coder did not write "
                                               f"(year=2023/month=01/stray.parquet)")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == before
    assert stray.read_bytes() == b"not parquet"
    stray.rename(tmp_path / "stray.parquet")
    result = run(inp, out, shard_size=4, mode="overwrite")
    assert result.run["shards_coded"] == 2 and result.run["shards_skipped"] == 0
    assert_clean(out)
    assert not list(tmp_path.glob(".events*.old-*")) and not list(tmp_path.glob(".events*.switch-*"))


def test_overwrite_refuses_a_folder_that_is_not_a_dataset(tmp_path, fake):
    inp = make_inputs(tmp_path / "in", 2)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("precious")
    with pytest.raises(DataSafetyError, match="not a coder dataset") as refused:
        run(inp, out, mode="overwrite")
    assert refused.value.one_line().startswith(f"error E403: output.path {out} exists and is not a coder dataset")
    assert (out / "thesis.tex").read_text() == "precious"


def test_resume_replaces_a_dataset_of_the_old_layout(tmp_path, fake):
    """What the overwrite-only coder wrote: part-0.parquet files listed in its manifest, no commit records. Those
    files are the coder's (its manifest lists them), so a resume replaces them."""
    inp = make_inputs(tmp_path / "in", 4)
    out = tmp_path / "events"
    run(inp, out, shard_size=2)
    legacy = out / "year=2023" / "month=01" / "part-0.parquet"
    pl.read_parquet(next(out.rglob("*.parquet"))).write_parquet(legacy)
    for path in out.rglob("shard-*.parquet"):
        path.unlink()
    for record in (meta_dir(out) / "_shards").glob("*.json"):
        record.unlink()
    manifest = json.loads((meta_dir(out) / "_manifest.json").read_text())
    manifest["files"] = [{"path": "year=2023/month=01/part-0.parquet", "rows": 1}]
    (meta_dir(out) / "_manifest.json").write_text(json.dumps(manifest))
    result = run(inp, out, shard_size=2)
    assert result.run["files_removed"] == 1 and not legacy.exists()
    assert_clean(out)


def test_append_adds_new_articles_and_refuses_changed_ones(tmp_path, fake, monkeypatch):
    first = make_inputs(tmp_path / "batch1", 5)
    second = make_inputs(tmp_path / "batch2", 4, first=5)
    out = tmp_path / "events"
    run(first, out, shard_size=2, mode="append")
    result = run(second, out, shard_size=2, mode="append")
    assert result.articles == 9 and result.run["shards_coded"] == 2 and result.run["shards_skipped"] == 3
    union = tmp_path / "union"
    make_inputs(union, 9)
    run(union, tmp_path / "ref", shard_size=2)
    assert dataset_state(out)[1].equals(dataset_state(tmp_path / "ref")[1])
    again = run(second, out, shard_size=2, mode="append")  # the same batch again: nothing new
    assert again.run["shards_coded"] == 0 and again.run["already_in_dataset"] == 4 and again.articles == 9
    state = dataset_state(out)
    third = tmp_path / "batch3"
    third.mkdir()
    write_article(third, "a002", date(2023, 2, 16), 2, salt=" (other text)")  # id in the dataset, new content
    write_article(third, "a100", date(2024, 1, 1), 1)
    with pytest.raises(DataSafetyError, match="already in the dataset with different content") as changed:
        run(third, out, shard_size=2, mode="append")
    assert changed.value.one_line().startswith("error E405: output.mode=append: 1 article id(s) are already")
    assert dataset_state(out)[0] == state[0] and dataset_state(out)[1].equals(state[1])
    monkeypatch.setenv("FAKE_RULES", "fake-rules-2")
    (third / "a002.txt").unlink()
    with pytest.raises(DataSafetyError, match="another rule set") as other_rules:
        run(third, out, shard_size=2, mode="append")
    assert other_rules.value.one_line().startswith("error E404: output.mode=append: the dataset was coded with")
    assert dataset_state(out)[0] == state[0]


def test_append_rejects_content_already_in_the_dataset(tmp_path, fake):
    first = make_inputs(tmp_path / "batch1", 2)
    out = tmp_path / "events"
    run(first, out, mode="append")
    second = tmp_path / "batch2"
    second.mkdir()
    (second / "copy_of_a001.txt").write_bytes((first / "a001.txt").read_bytes())
    result = run(second, out, mode="append")
    assert result.run["shards_coded"] == 0
    assert result.rejects["kind"].to_list() == ["duplicate_content"]
    table = pl.read_parquet(meta_dir(out) / "_rejects.parquet")
    assert table["article_id"].to_list() == ["copy_of_a001"]


def test_an_article_the_engine_fails_on_is_rejected_and_the_shard_committed(tmp_path, fake):
    inp = make_inputs(tmp_path / "in", 5)
    write_article(inp, "a001", date(2023, 1, 24), 2, salt=" BOOM")
    out = tmp_path / "events"
    result = run(inp, out, shard_size=3)
    assert result.articles == 4 and result.rejects["kind"].to_list() == ["coding_error"]
    assert "tripped" in result.rejects["reason"].item() and result.rejects["article_id"].item() == "a001"
    assert set(dataset_state(out)[1]["article_id"]) == {"a000", "a002", "a003", "a004"}
    again = run(inp, out, shard_size=3)  # skipped, and still listed: every input coded or rejected
    assert again.run["shards_coded"] == 0 and again.rejects["article_id"].to_list() == ["a001"]
    assert again.articles + again.rejects.height == 5


def test_a_second_job_on_the_same_dataset_is_refused(tmp_path, fake):
    out = tmp_path / "events"
    with DatasetWriter(OutputConfig(path=str(out))):
        with pytest.raises(DataSafetyError, match="another coder job") as locked:
            run(make_inputs(tmp_path / "in", 1), out)
    assert locked.value.one_line().startswith(f"error E402: another coder job is writing {out}")


def test_bad_mode_is_a_clear_error(tmp_path, fake):
    with pytest.raises(ConfigError, match="output.mode") as refused:
        run(make_inputs(tmp_path / "in", 1), tmp_path / "events", mode="upsert")
    assert refused.value.one_line() == "error E102: output.mode: 'upsert' is not one of resume, overwrite, append"


# --- crashes at every step of the commit protocol ---------------------------------------------------------------------

class Crash(BaseException):
    """Stands for a kill: not an Exception, so nothing in the job catches it."""


def crashing_at(monkeypatch, step: int) -> list[int]:
    """Make the `step`-th rename or deletion of the job raise Crash (before it happens)."""
    counter = [0]
    real_replace, real_unlink, real_rmdir = os.replace, os.unlink, os.rmdir

    def make(real):
        def wrapper(*args, **kwargs):
            counter[0] += 1
            if counter[0] == step:
                raise Crash(f"crash at step {step}")
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(os, "replace", make(real_replace))
    monkeypatch.setattr(os, "unlink", make(real_unlink))
    monkeypatch.setattr(os, "rmdir", make(real_rmdir))
    return counter


@pytest.mark.parametrize("scenario", ["fresh", "changed", "overwrite"])
def test_crash_at_every_rename_and_deletion_then_resume(tmp_path, fake, monkeypatch, scenario):
    """Crash the job before each of its renames/deletions in turn; the re-run (resume) must give the reference
    dataset. fresh: no dataset yet; changed: a dataset of an older input exists, so the crashed run also drops and
    re-commits shards; overwrite: the crashed run is an overwrite of that older dataset (staging, swap)."""
    base = make_inputs(tmp_path / "in", 7)
    reference = tmp_path / "reference"
    if scenario != "fresh":  # a dataset of an older input
        old = make_inputs(tmp_path / "old", 7)
        write_article(old, "a003", date(2023, 3, 11), 3, salt=" v0")
        (old / "a005.txt").unlink()
    run(base, reference, shard_size=3)
    ref_files, ref_events = dataset_state(reference)
    step, steps_seen = 0, None
    while True:
        step += 1 if step < 32 else 3  # every step of the commits; then a sample of the old dataset's deletion
        out = tmp_path / f"out{step}"
        if scenario != "fresh":
            run(old, out, shard_size=3)
        with monkeypatch.context() as patch:
            counter = crashing_at(patch, step)
            try:
                run(base, out, shard_size=3, mode="overwrite" if scenario == "overwrite" else "resume")
                crashed = False
            except Crash:
                crashed = True
            steps_seen = counter[0]
        files, events = dataset_state(out)  # readable right after the crash: only complete shard files
        assert all(SHARD_NAME.match(f) for f in files), (step, files)
        run(base, out, shard_size=3)
        if scenario == "fresh":  # the same shards as an uninterrupted run, so the same file names
            assert dataset_state(out)[0] == ref_files, step
        assert dataset_state(out)[1].equals(ref_events), step  # the same events: none missing, none twice
        assert_clean(out)
        if not crashed:
            break
    assert step > 20 and steps_seen >= step - 3


KILL_SCRIPT = """
import os, signal, sys
sys.path.insert(0, {root!r})
step = int(sys.argv[1])
counter = [0]
def make(real):
    def wrapper(*a, **k):
        counter[0] += 1
        if counter[0] == step:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*a, **k)
    return wrapper
os.replace, os.unlink = make(os.replace), make(os.unlink)
import coder.jobs.coder
import coder.jobs.job
from tests.test_data_safety import FakeCoder, config, fake_engine_hash
coder.jobs.coder.Coder = FakeCoder
coder.jobs.coder.engine_hash = fake_engine_hash
coder.jobs.job.run_job(config(sys.argv[2], sys.argv[3], shard_size=3))
"""


def test_sigkill_between_renames_and_commit_record(tmp_path, fake):
    """A real SIGKILL (no cleanup at all) at chosen steps: mid-shard between two file renames, after the renames
    before the commit record, after the record before the manifest."""
    inp = make_inputs(tmp_path / "in", 8)
    reference = tmp_path / "reference"
    run(inp, reference, shard_size=3)
    script = tmp_path / "kill.py"
    script.write_text(KILL_SCRIPT.format(root=str(ROOT)))
    for step in (2, 4, 5, 9):
        out = tmp_path / f"out{step}"
        proc = subprocess.run([sys.executable, str(script), str(step), str(inp), str(out)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
        files, _ = dataset_state(out)
        assert all(SHARD_NAME.match(f) for f in files), files
        run(inp, out, shard_size=3)
        assert dataset_state(out)[1].equals(dataset_state(reference)[1]), step
        assert_clean(out)


READER_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
import coder.jobs.coder
import coder.jobs.job
from tests.test_data_safety import FakeCoder, config, fake_engine_hash
coder.jobs.coder.Coder = FakeCoder
coder.jobs.coder.engine_hash = fake_engine_hash
coder.jobs.job.run_job(config(sys.argv[1], sys.argv[2], shard_size=2))
"""


def test_concurrent_readers_see_only_complete_files(tmp_path):
    inp = make_inputs(tmp_path / "in", 40)
    out = tmp_path / "events"
    script = tmp_path / "job.py"
    script.write_text(READER_SCRIPT.format(root=str(ROOT)))
    env = {**os.environ, "FAKE_DELAY": "0.08"}
    proc = subprocess.Popen([sys.executable, str(script), str(inp), str(out)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sizes = set()
    try:
        while proc.poll() is None:
            files = sorted(out.rglob("*")) if out.exists() else []
            names = [p.relative_to(out).as_posix() for p in files if p.is_file()]
            assert all(SHARD_NAME.match(n) for n in names), names
            if names:
                for path in files:
                    if path.is_file():
                        pq.read_table(path)  # a complete, valid Parquet file
                events = pl.scan_parquet(out, hive_partitioning=True).collect()
                assert events["event_id"].n_unique() == events.height
                sizes.add(events.height)
            time.sleep(0.01)
    finally:
        if proc.poll() is None:
            proc.kill()
        _, err = proc.communicate()
    assert proc.returncode == 0, err[-2000:]
    assert len(sizes) >= 3, sizes  # the readers did see the dataset grow shard by shard


# --- the real job killed with SIGKILL ---------------------------------------------------------------------------------

def _sentences() -> list[str]:
    out = []
    for path in sorted((ROOT / "datasets" / "sample" / "devcorpus").glob("d*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        body = " ".join(lines[3:])
        out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", body) if 30 < len(s.strip()) < 260)
    return out


def make_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """n short seed-format articles with distinct ids and content, made by shuffling dev-corpus sentences."""
    rng = random.Random(seed)
    sentences = _sentences()
    folder.mkdir(parents=True)
    for i in range(n):
        picked = rng.sample(sentences, 4)
        day = date(2016, 1, 1) + timedelta(days=rng.randrange(3000))
        title = picked[0].rstrip(".")
        body = "\n\n".join(picked[1:])
        (folder / f"k{i:04d}.txt").write_text(f" date {day.isoformat()} 09:{i % 60:02d}\n{title}\n\n{body}\n",
                                             encoding="utf-8")
    return folder


def _start(inp: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "CODER_RUN_DIR": str(out.parent / "runs")}
    return subprocess.Popen([str(BIN / "coder"), f"input.path={inp}", f"output.path={out}", "output.shard_size=20",
                             "quiet=true"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _done_shards(out: Path) -> int:
    try:
        manifest = json.loads((meta_dir(out) / "_manifest.json").read_text())
    except (OSError, ValueError):
        return 0
    return sum(1 for s in manifest.get("shards", []) if s["status"] == "done")


@pytest.mark.slow
def test_kill_real_job_and_resume(tmp_path):
    """The acceptance test: 200 articles, the coder killed with SIGKILL after its first committed shard, re-run; the
    events are exactly those of an uninterrupted run: the same ids, none twice, none missing."""
    inp = make_corpus(tmp_path / "in", 200)
    baseline, killed = tmp_path / "baseline" / "events", tmp_path / "killed" / "events"
    victim = _start(inp, killed)  # both at once: two cores
    reference = _start(inp, baseline)
    deadline = time.monotonic() + 240
    while _done_shards(killed) < 1 and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(random.uniform(0, 0.4))  # land the kill anywhere in the next shard
    victim.send_signal(signal.SIGKILL)
    victim.communicate()
    assert victim.returncode == -signal.SIGKILL
    done_at_kill = len(list((meta_dir(killed) / "_shards").glob("*.json")))  # commit records: what counts as done
    assert 1 <= done_at_kill < 10, done_at_kill  # killed mid-run: committed shards, and shards still to do
    files, partial = dataset_state(killed)
    assert all(SHARD_NAME.match(f) for f in files), files  # readable as it is, no partial or temporary file
    _, err = reference.communicate(timeout=300)
    assert reference.returncode == 0, err[-3000:]
    result = run_cli(f"input.path={inp}", f"output.path={killed}", "output.shard_size=20")
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"{done_at_kill} already committed" in result.stdout
    _, expected = dataset_state(baseline)
    _, events = dataset_state(killed)
    ids = events["event_id"].to_list()
    assert len(ids) == len(set(ids)), "duplicated event ids"
    assert ids == expected["event_id"].to_list()
    assert events.equals(expected)
    assert set(partial["event_id"]) <= set(ids)
    assert_clean(killed)


# --- fuzzing the readers ----------------------------------------------------------------------------------------------

def _seed_file(draw_date: str, title: str, body: str, newline: str) -> str:
    return newline.join([draw_date, title, "", body])


DATE_LINES = st.one_of(
    st.builds(lambda y, m, d, h, mi: f" date {y:04d}-{m:02d}-{d:02d} {h:02d}:{mi:02d}",
              st.integers(0, 9999), st.integers(0, 19), st.integers(0, 39), st.integers(0, 29), st.integers(0, 69)),
    st.just(" date 2024-03-01 10:00"),
    st.just("date 2024-03-01"),
    st.text(max_size=40),
)
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
SEED_FILES = st.one_of(
    st.builds(lambda d, t, b, nl: _seed_file(d, t, b, nl).encode("utf-8"), DATE_LINES, TEXT, TEXT,
              st.sampled_from(["\n", "\r\n", "\r"])),
    st.binary(max_size=400),  # random bytes
    st.builds(lambda d, t, b, junk, at: (_seed_file(d, t, b, "\n").encode("utf-8")[:at] + junk
                                         + _seed_file(d, t, b, "\n").encode("utf-8")[at:]),
              DATE_LINES, TEXT, TEXT, st.binary(min_size=1, max_size=8), st.integers(0, 200)),
    st.builds(lambda n: (" date 2024-03-01 10:00\nBig\n\n" + "word " * n).encode("utf-8"), st.integers(0, 400)),
)
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                           max_leaves=8)
JSONL_LINES = st.one_of(
    st.fixed_dictionaries({"id": st.one_of(TEXT, st.integers(), st.none()),
                           "date": st.one_of(st.just("2024-03-01"), st.just("2 May 2023"), TEXT, st.integers()),
                           "text": st.one_of(TEXT, st.none(), JSON_VALUES)},
                          optional={"title": JSON_VALUES, "publisher": TEXT}).map(
        lambda r: json.dumps(r).encode("utf-8")),
    JSON_VALUES.map(lambda v: json.dumps(v).encode("utf-8")),
    st.binary(max_size=120).filter(lambda b: b"\n" not in b and b"\r" not in b),
    st.just(b'{"id": "x", "date": "2024-01-01", "text": "lone \\ud800 surrogate"}'),
)


def _classify(folder: Path, cfg: InputConfig) -> tuple[int, int]:
    articles, rejects = collect_inputs(cfg)
    for item in articles:
        assert isinstance(item, Article) and item.text.strip() and len(item.full_text) <= cfg.max_chars
    for item in rejects:
        assert isinstance(item, Reject) and item.reason and item.kind
    return len(articles), len(rejects)


FUZZ_COUNT = {"inputs": 0, "coded": 0, "rejected": 0}


@settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(SEED_FILES, min_size=1, max_size=3))
def test_fuzz_seed_files_every_file_is_coded_or_rejected(contents):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for k, data in enumerate(contents):
            (folder / f"f{k}.txt").write_bytes(data)
        cfg = InputConfig(path=str(folder), max_chars=1500, dedup_content=False)
        coded, rejected = _classify(folder, cfg)
        assert coded + rejected == len(contents)  # exactly one outcome per file
        FUZZ_COUNT["inputs"] += len(contents)
        FUZZ_COUNT["coded"] += coded
        FUZZ_COUNT["rejected"] += rejected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(JSONL_LINES, min_size=1, max_size=6), st.binary(max_size=300), st.booleans())
def test_fuzz_tables_and_random_bytes(lines, junk, dedup):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "a.jsonl").write_bytes(b"\n".join(lines) + b"\n")
        (folder / "b.csv").write_bytes(junk)
        (folder / "c.parquet").write_bytes(junk)
        (folder / "d.jsonl").write_bytes(junk)
        cfg = InputConfig(path=str(folder), dedup_content=dedup)
        coded, rejected = _classify(folder, cfg)
        items = list(read_articles(cfg))
        per_file: dict[str, int] = {}
        for item in items:
            name = Path(re.split(r"[:#]", item.source)[0].split(" (after")[0]).name
            per_file[name] = per_file.get(name, 0) + 1
        records = sum(1 for line in lines if line.strip())  # blank lines are not records
        assert per_file.get("a.jsonl") == max(records, 1)  # one outcome per record; "no records" for none
        assert all(per_file.get(n, 0) >= 1 for n in ("b.csv", "c.parquet", "d.jsonl"))  # every file accounted for
        assert coded + rejected == len(items)
        FUZZ_COUNT["inputs"] += len(items)
        FUZZ_COUNT["coded"] += coded
        FUZZ_COUNT["rejected"] += rejected


def test_fuzz_total_is_at_least_1000_inputs():
    """Runs after the two fuzz tests (file order): over 1,000 generated inputs, no crash, all accounted for."""
    if FUZZ_COUNT["inputs"] == 0:
        pytest.skip("run with the fuzz tests")
    assert FUZZ_COUNT["inputs"] >= 1000, FUZZ_COUNT
    assert FUZZ_COUNT["coded"] + FUZZ_COUNT["rejected"] == FUZZ_COUNT["inputs"]


def test_fuzzed_inputs_through_the_real_job(tmp_path, engine, monkeypatch):
    """A smaller fuzzed folder through run_job with the real spaCy pipeline: no crash, coded + rejected = inputs."""
    monkeypatch.setattr("coder.jobs.coder.Coder", lambda cfg: engine)
    rng = random.Random(3)
    inp = tmp_path / "in"
    inp.mkdir()
    sentences = _sentences()
    junk = ["\x00\x01", "\u200b\u202e", "🙂" * 30, "<p>", "\t\t", "A" * 500, "ñ" * 20, "\ufeff"]
    for i in range(24):
        kind = i % 4
        if kind == 0:
            data = bytes(rng.randrange(256) for _ in range(rng.randrange(400)))
        elif kind == 1:
            body = " ".join(rng.choice(junk + sentences) for _ in range(rng.randrange(1, 6)))
            data = f" date 2024-0{rng.randrange(1, 10)}-1{rng.randrange(10)} 10:00\n{rng.choice(junk)}\n\n{body}\n"
            data = data.encode("utf-8")
        elif kind == 2:
            data = f" date 2024-02-30 10:00\nH\n\n{rng.choice(sentences)}\n".encode()
        else:
            data = f" date 2021-11-0{rng.randrange(1, 10)} 08:00\n\n\n{rng.choice(sentences)}\n".encode()
        (inp / f"z{i:02d}.txt").write_bytes(data)
    from coder.jobs.job import run_job
    from coder.jobs.summary import summary

    result = run_job(config(inp, tmp_path / "events", shard_size=5))
    assert result.articles + result.rejects.height == 24
    assert result.articles >= 6 and result.rejects.height >= 6, summary(result)
    assert "articles coded" in summary(result)
    assert_clean(tmp_path / "events")


def test_cli_refusal_is_one_clear_line_not_a_traceback(tmp_path):
    target = tmp_path / "not-a-dataset"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli(f"output.path={target}", "output.mode=overwrite", "quiet=true")
    assert result.returncode != 0
    assert "not a coder dataset" in result.stderr and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
