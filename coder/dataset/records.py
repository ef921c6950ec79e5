"""The event record: its typed schema and stable ids (coder.jobs.rows turns coded events into records)."""

from __future__ import annotations

import hashlib

import polars as pl

# Column -> polars type. Users and notebooks depend on these names and types; docs: README "Event records".
EVENT_SCHEMA: dict[str, pl.DataType] = {
    "event_id": pl.String(),
    "article_id": pl.String(),
    "publisher": pl.String(),
    "url": pl.String(),
    "pub_date": pl.Date(),
    "event_date": pl.Date(),
    "date_basis": pl.String(),
    "sentence_index": pl.Int32(),
    "sentence_text": pl.String(),
    "sentence_start": pl.Int32(),
    "sentence_end": pl.Int32(),
    "source_code": pl.String(),
    "source_country": pl.String(),
    "source_sector": pl.String(),
    "source_text": pl.String(),
    "source_rule": pl.String(),
    "target_code": pl.String(),
    "target_country": pl.String(),
    "target_sector": pl.String(),
    "target_text": pl.String(),
    "target_rule": pl.String(),
    "event_code": pl.String(),
    "root_code": pl.String(),
    "event_text": pl.String(),
    "quad_class": pl.Int8(),
    "goldstein": pl.Float64(),
    "modality": pl.String(),
    "rule_id": pl.String(),
    "coder_version": pl.String(),
    "rules_hash": pl.String(),
}
PARTITION_COLUMNS: dict[str, pl.DataType] = {"year": pl.Int16(), "month": pl.Int8()}


def event_id(article_id: str, sentence_start: int, source: str, target: str, code: str) -> str:
    """Stable: the same article, sentence, dyad and code always give the same id, whatever the run."""
    key = "\x1f".join((article_id, str(sentence_start), source, target, code))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def events_frame(rows: list[dict]) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=EVENT_SCHEMA, orient="row") if rows else pl.DataFrame(schema=EVENT_SCHEMA)
    return frame.sort("article_id", "sentence_index", "event_id")
