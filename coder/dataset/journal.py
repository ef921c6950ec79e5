"""Shard commits and their records (the journal, `<output>_meta/_shards/`): the commit protocol of coder.dataset.sink's
docstring for one shard, and reading the records back."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from coder.config import OutputConfig
from coder.dataset.documents import CodedShard, CommitRecord, FileEntry
from coder.dataset.durable import fsync_dir, make_dirs, write_json_atomic, write_parquet
from coder.dataset.layout import (JOURNAL, STAGING, commit_record_path, partition_path, shard_file_name,
                                  with_partitions)
from coder.dataset.records import EVENT_SCHEMA


def _stage_files(stage: Path, name: str, events: pl.DataFrame, cfg: OutputConfig,
                 metadata: dict[str, str]) -> tuple[list[FileEntry], list[tuple[Path, str]]]:
    """Step 1: one file per year/month in the staging folder, fsynced; their entries and (staged path, dataset path)."""
    files: list[FileEntry] = []
    staged: list[tuple[Path, str]] = []
    if not events.height:
        return files, staged
    partitioned = with_partitions(events)
    for year, month in partitioned.select("year", "month").unique().sort("year", "month").iter_rows():
        part = partitioned.filter((pl.col("year") == year) & (pl.col("month") == month))
        rel = partition_path(year, month, name)
        path = stage / f"{year}-{month:02d}.parquet"
        write_parquet(part.select(list(EVENT_SCHEMA)), path, cfg, metadata)
        files.append({"path": rel, "rows": part.height, "bytes": path.stat().st_size})
        staged.append((path, rel))
    return files, staged


def commit_shard(data: Path, meta: Path, cfg: OutputConfig, fingerprint: str, events: pl.DataFrame,
                 coded: CodedShard, metadata: dict[str, str]) -> CommitRecord:
    """The commit protocol for one shard: stage, rename into the dataset, write the commit record.
    Needs no lock of its own: shards have distinct file names, so processes of one run (SLURM tasks, Ray actors)
    commit side by side while the job's planner keeps every other job off the dataset."""
    stage = meta / STAGING / f"{fingerprint}-{uuid.uuid4().hex[:8]}"
    stage.mkdir(parents=True)
    try:
        files, staged = _stage_files(stage, shard_file_name(fingerprint), events, cfg, metadata)
        folders: set[Path] = set()
        for path, rel in staged:  # step 2: rename each file into its partition
            destination = data / rel
            make_dirs(destination.parent)
            os.replace(path, destination)
            folders.add(destination.parent)
        for folder in folders:
            fsync_dir(folder)
        record: CommitRecord = {**coded, "fingerprint": fingerprint, "status": "done", "files": files,
                                "committed_utc": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        write_json_atomic(commit_record_path(meta, fingerprint), record)  # step 3: from now on the shard is done
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return record


def read_journal(meta: Path) -> dict[str, CommitRecord]:
    """The commit records in a meta folder (fingerprint -> record)."""
    records: dict[str, CommitRecord] = {}
    for path in sorted((meta / JOURNAL).glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # cannot happen with atomic writes; if it does the shard is simply coded again
        if record.get("status") == "done" and record.get("fingerprint") == path.stem:
            records[path.stem] = record
    return records


def is_committed(meta: Path, fingerprint: str) -> bool:
    return commit_record_path(meta, fingerprint).exists()
