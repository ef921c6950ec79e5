"""Deduplicated views (coder.dataset.dedup): one-a-story and one-a-day merge records into a view with the merged ids; the
dataset itself is never changed."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from coder.config import DedupConfig, OutputConfig
from coder.dataset.dedup import VIEW_SCHEMA, dedup_view, refresh_views, resolve, view
from coder.dataset.layout import views_dir
from coder.dataset.records import EVENT_SCHEMA
from coder.errors import ConfigError


def event(event_id, article, sentence, day, source="KAZGOV", target="RUS", code="040", pub=None):
    return {
        "event_id": event_id, "article_id": article, "publisher": None, "url": None,
        "pub_date": pub or day, "event_date": day, "date_basis": "publication", "sentence_index": sentence,
        "sentence_text": f"sentence {sentence}", "sentence_start": sentence * 10, "sentence_end": sentence * 10 + 9,
        "source_code": source, "source_country": source[:3], "source_sector": source[3:] or None,
        "source_text": "x", "source_rule": "r", "target_code": target, "target_country": target[:3],
        "target_sector": target[3:] or None, "target_text": "y", "target_rule": "r", "event_code": code,
        "root_code": code[:2], "event_text": "met", "quad_class": 1, "goldstein": 1.0, "modality": "asserted",
        "rule_id": "v", "coder_version": "0.1.0", "rules_hash": "h",
    }


D1, D2 = date(2024, 3, 1), date(2024, 3, 2)
EVENTS = pl.DataFrame([
    event("e1", "a", 0, D1),                      # a: the headline and two sentences with the same dyad and code
    event("e2", "a", 2, D1),
    event("e3", "a", 1, D1),
    event("e4", "a", 3, D1, code="057"),          # another code: its own event
    event("e5", "b", 1, D1, pub=date(2024, 2, 29)),  # another story, the same day, dyad and code
    event("e6", "b", 2, D2),                      # another day
    event("e7", "c", 0, D1, source="RUS", target="KAZGOV"),  # the reverse dyad
], schema=EVENT_SCHEMA, orient="row")


def build(name: str) -> pl.DataFrame:
    keys, order = resolve(DedupConfig(name=name))
    return dedup_view(EVENTS.lazy(), keys, order).collect()


def test_none_is_no_view():
    assert resolve(DedupConfig()) is None


def test_one_a_story():
    out = build("one_a_story")
    assert out.schema == pl.Schema(VIEW_SCHEMA)
    merged = {row["event_id"]: row["merged_event_ids"] for row in out.iter_rows(named=True)}
    # a story counts an event once whatever its date: e6 (another day, same story, dyad and code) merges into e5
    assert merged == {"e1": ["e1", "e3", "e2"], "e4": ["e4"], "e5": ["e5", "e6"], "e7": ["e7"]}
    assert out.filter(pl.col("event_id") == "e1")["merged_count"].item() == 3
    assert out["merged_count"].sum() == EVENTS.height  # every record is in exactly one view row


def test_one_a_day():
    out = build("one_a_day")
    merged = {row["event_id"]: row["merged_event_ids"] for row in out.iter_rows(named=True)}
    # e5's story was published first, so it represents the day's KAZGOV -> RUS 040
    assert merged == {"e5": ["e5", "e1", "e3", "e2"], "e4": ["e4"], "e6": ["e6"], "e7": ["e7"]}
    assert sorted(i for ids in out["merged_event_ids"] for i in ids) == sorted(EVENTS["event_id"])


def test_view_does_not_depend_on_row_order():
    shuffled = EVENTS.sample(fraction=1.0, shuffle=True, seed=5)
    keys, order = resolve(DedupConfig(name="one_a_day"))
    assert dedup_view(shuffled.lazy(), keys, order).collect().equals(build("one_a_day"))


def test_custom_keys_and_bad_names():
    keys, order = resolve(DedupConfig(name="per_dyad", keys=["source_country", "target_country"]))
    assert keys == ["source_country", "target_country"] and order == ["event_id"]
    with pytest.raises(ConfigError, match="dedup.keys") as no_keys:
        resolve(DedupConfig(name="one_a_weak"))
    assert no_keys.value.one_line().startswith("error E108: dedup.name: 'one_a_weak' is not one of none")
    with pytest.raises(ConfigError, match="unknown event column") as bad_column:
        resolve(DedupConfig(name="x", keys=["colour"]))
    assert bad_column.value.one_line().startswith("error E109: dedup.keys/order: unknown event column(s) ['colour']")


def write_dataset(folder):
    for (year, month), part in EVENTS.with_columns(
            pl.col("event_date").dt.year().alias("y"), pl.col("event_date").dt.month().alias("m")).group_by("y", "m"):
        path = folder / f"year={year}" / f"month={month:02d}" / "shard-0123456789abcdef01234567.parquet"
        path.parent.mkdir(parents=True)
        part.drop("y", "m").write_parquet(path)


def test_views_are_written_beside_the_dataset_and_stale_ones_removed(tmp_path):
    dataset = tmp_path / "events"
    write_dataset(dataset)
    before = sorted(p.relative_to(dataset) for p in dataset.rglob("*"))
    result = refresh_views(dataset, DedupConfig(name="one_a_day"), OutputConfig())
    assert result.path == views_dir(dataset) / "one_a_day" and result.rows == 4 and result.source_rows == 7
    assert sorted(p.relative_to(dataset) for p in dataset.rglob("*")) == before  # the dataset is untouched
    written = pl.scan_parquet(result.path, hive_partitioning=True).collect()
    assert written.drop("year", "month").sort("event_id").equals(build("one_a_day").sort("event_id"))
    assert view(dataset, DedupConfig(name="one_a_story")).collect().height == 4
    refresh_views(dataset, DedupConfig(name="one_a_story"), OutputConfig())
    assert [p.name for p in views_dir(dataset).iterdir()] == ["one_a_story"]  # one_a_day no longer matches
    refresh_views(dataset, DedupConfig(), OutputConfig())
    assert not views_dir(dataset).exists()
