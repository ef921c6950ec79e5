"""Shard commits and their records (the journal, `<output>_meta/_shards/`): the commit protocol of coder.dataset.sink's
docstring for one shard, and reading the records back.

Before a shard's files are renamed into the dataset, a commit intent `<output>_meta/_intents/<fp>-<id>.json` lists
them, so that the files of a commit killed before its record are files the coder's records list (the next writer
deletes or rewrites them, coder.dataset.owned). A commit that fails with an error (a full disk) takes its files back
out of the dataset before the error goes on, so the dataset is as it was before the shard."""

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
from coder.dataset.layout import (INTENTS, JOURNAL, STAGING, commit_record_path, partition_path, shard_file_name,
                                  with_partitions)
from coder.dataset.owned import unlink_ours
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
    """The commit protocol for one shard: stage, list the files in an intent, rename them into the dataset, write the
    commit record. Needs no lock of its own: shards have distinct file names, so processes of one run (SLURM tasks,
    Ray actors) commit side by side while the job's planner keeps every other job off the dataset."""
    stage = meta / STAGING / f"{fingerprint}-{uuid.uuid4().hex[:8]}"
    intent = meta / INTENTS / f"{stage.name}.json"
    stage.mkdir(parents=True)
    renamed: list[str] = []
    try:
        files, staged = _stage_files(stage, shard_file_name(fingerprint), events, cfg, metadata)
        make_dirs(intent.parent)
        write_json_atomic(intent, {"fingerprint": fingerprint, "files": files})
        _rename_in(data, staged, renamed)
        record: CommitRecord = {**coded, "fingerprint": fingerprint, "status": "done", "files": files,
                                "committed_utc": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        write_json_atomic(commit_record_path(meta, fingerprint), record)  # step 3: from now on the shard is done
    except Exception:
        for rel in renamed:  # not committed: its files leave the dataset again (a kill leaves them to the intent)
            unlink_ours(data, rel)
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    intent.unlink(missing_ok=True)
    return record


def _rename_in(data: Path, staged: list[tuple[Path, str]], renamed: list[str]) -> None:
    """Step 2: rename each staged file into its partition (appending each to `renamed` once it is there)."""
    folders: set[Path] = set()
    for path, rel in staged:
        destination = data / rel
        make_dirs(destination.parent)
        os.replace(path, destination)
        renamed.append(rel)
        folders.add(destination.parent)
    for folder in folders:
        fsync_dir(folder)


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
