"""`coder-compact`: merge the small shard files of each year=/month= partition into few large ones, keeping the commit
records consistent and every event id and row unchanged.

A month's files are merged in groups of at most --max-rows rows into `year=Y/month=MM/compact-<digest>.parquet`
(digest: the merged files' paths). Protocol, all under the writer's exclusive lock:
  1. write the merged file to `<output>_meta/_compact/<digest>.parquet` and fsync it;
  2. write the intent `<output>_meta/_compact/<digest>.json` (the target and its member shards and files): from here
     on the compaction is rolled forward, by this process or by the next writer that opens the dataset;
  3. rewrite each member's commit record so that its file entry for the month names the merged file;
  4. delete the members' old files, 5. rename the merged file into the partition, 6. delete the intent
     (steps 3-6: coder.dataset.compact_intents).
Between 4 and 5 (milliseconds) a reader listing the month misses its rows; it never sees a row twice. A shard whose
file was merged shares that file: if it has to be coded again later (changed input or rules), every shard sharing the
file is coded again with it (coder.dataset.plan drops them together).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import polars as pl

from coder.config import OutputConfig, OutputMode
from coder.dataset.compact_intents import apply_intent, intent_path, merged_file_path
from coder.dataset.documents import CommitRecord, CompactionIntent
from coder.dataset.durable import write_json_atomic, write_parquet
from coder.dataset.journal import read_journal
from coder.dataset.layout import COMPACT, FORMAT, MANIFEST, PLAN, meta_dir
from coder.dataset.records import EVENT_SCHEMA
from coder.dataset.sink import DatasetWriter
from coder.errors import NOT_A_DATASET, UNFINISHED_RUN, DataSafetyError, InputError


def _groups(entries: list[tuple[str, int]], max_rows: int) -> list[list[tuple[str, int]]]:
    groups: list[list[tuple[str, int]]] = [[]]
    for path, rows in entries:
        if groups[-1] and sum(r for _, r in groups[-1]) + rows > max_rows:
            groups.append([])
        groups[-1].append((path, rows))
    return groups


def _files_by_month(journal: dict[str, CommitRecord]) -> tuple[dict[str, list[str]], dict[str, list[tuple[str, int]]]]:
    """(file path -> fingerprints of the records listing it, month folder -> [(file path, rows)] in path order)."""
    members: dict[str, list[str]] = defaultdict(list)
    rows: dict[str, int] = defaultdict(int)
    for fingerprint, record in sorted(journal.items()):
        for entry in record["files"]:
            members[entry["path"]].append(fingerprint)
            rows[entry["path"]] += entry["rows"]
    months: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for path in sorted(members):
        months[path.rsplit("/", 1)[0]].append((path, rows[path]))
    return members, months


def _merge(writer: DatasetWriter, journal: dict[str, CommitRecord], paths: list[str], fingerprints: list[str],
           intent: CompactionIntent) -> None:
    """Steps 1 and 2 (merged file, intent), then the intent applied (steps 3-6)."""
    target, meta = writer.target, writer.meta
    frame = pl.concat([pl.read_parquet(target / p, hive_partitioning=False).select(list(EVENT_SCHEMA))
                       for p in paths]).sort("article_id", "sentence_index", "event_id")
    keys = ("coder_version", "engine_hash", "rules_hash", "model", "model_version")
    run_key = journal[fingerprints[0]].get("run_key", {})
    metadata = {"coder.manifest": json.dumps({**{k: run_key.get(k) for k in keys}, "format": FORMAT,
                                              "shards": fingerprints}, sort_keys=True)}
    write_parquet(frame, merged_file_path(meta, intent["digest"]), writer.cfg, metadata)
    write_json_atomic(intent_path(meta, intent["digest"]), intent)
    apply_intent(target, meta, intent)


def compact(dataset: str | Path, max_rows: int = 2_000_000, min_files: int = 2, dry_run: bool = False) -> list[dict]:
    """Merge the files of each month (groups of at most max_rows rows, at least min_files files); returns what was
    (or, with dry_run, would be) merged: [{"path", "files", "rows"}]."""
    target = Path(dataset).expanduser().resolve()
    meta = meta_dir(target)
    if not (meta / MANIFEST).exists():
        raise InputError(f"{target} is not a coder dataset (no {meta / MANIFEST}); pass the output.path of a coder "
                         f"run", code=NOT_A_DATASET)
    done: list[dict] = []
    with DatasetWriter(OutputConfig(path=str(target), mode=OutputMode.resume)) as writer:
        if (meta / PLAN).exists():
            raise DataSafetyError(f"{target} has an unfinished run ({meta / PLAN}); finish it (run the same coder "
                                  f"command again) before compacting", code=UNFINISHED_RUN)
        journal = read_journal(meta)
        members, months = _files_by_month(journal)
        (meta / COMPACT).mkdir(exist_ok=True)
        for month, entries in sorted(months.items()):
            for group in _groups(entries, max_rows):
                if len(group) < min_files:
                    continue
                paths = [p for p, _ in group]
                digest = hashlib.sha256("\n".join(paths).encode("utf-8")).hexdigest()[:24]
                rel = f"{month}/compact-{digest}.parquet"
                done.append({"path": rel, "files": len(paths), "rows": sum(r for _, r in group)})
                if not dry_run:
                    intent: CompactionIntent = {"digest": digest, "path": rel, "members": [
                        {"fingerprint": fp, "path": p} for p in paths for fp in members[p]]}
                    _merge(writer, journal, paths, sorted({fp for p in paths for fp in members[p]}), intent)
        if done and not dry_run:
            _refresh_manifest(meta)
    return done


def _refresh_manifest(meta: Path) -> None:
    """The manifest's file lists after a compaction (counts and everything else stay as they were)."""
    manifest = json.loads((meta / MANIFEST).read_text(encoding="utf-8"))
    journal = read_journal(meta)
    rows: dict[str, int] = defaultdict(int)
    for record in journal.values():
        for entry in record["files"]:
            rows[entry["path"]] += entry["rows"]
    manifest["files"] = [{"path": p, "rows": n} for p, n in sorted(rows.items())]
    for shard in manifest.get("shards", []):
        committed = journal.get(shard["fingerprint"])
        if committed is not None:
            shard["files"] = [f["path"] for f in committed["files"]]
    write_json_atomic(meta / MANIFEST, manifest)
