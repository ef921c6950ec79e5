"""`coder-compact`: merge the small shard files of each year=/month= partition into few large ones, keeping the commit
records consistent and every event id and row unchanged.

A month's files are merged in groups of at most --max-rows rows into `year=Y/month=MM/compact-<digest>.parquet`
(digest: the merged files' paths). Protocol, all under the writer's exclusive lock:
  1. write the merged file to `<output>_meta/_compact/<digest>.parquet` and fsync it;
  2. write the intent `<output>_meta/_compact/<digest>.json` (the target and its member shards and files): from here
     on the compaction is rolled forward, by this process or by the next writer that opens the dataset;
  3. rewrite each member's commit record so that its file entry for the month names the merged file;
  4. delete the members' old files, 5. rename the merged file into the partition, 6. delete the intent.
Between 4 and 5 (milliseconds) a reader listing the month misses its rows; it never sees a row twice. A shard whose
file was merged shares that file: if it has to be coded again later (changed input or rules), every shard sharing the
file is coded again with it (coder.dataset.plan drops them together).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from pathlib import Path

import polars as pl

from coder.config import OutputConfig
from coder.dataset.records import EVENT_SCHEMA
from coder.dataset.sink import (FORMAT, JOURNAL, MANIFEST, DataSafetyError, DatasetWriter, fsync_dir, meta_dir, read_journal,
                        write_json_atomic, write_parquet)

COMPACT = "_compact"


def _apply(data: Path, meta: Path, intent: dict) -> None:
    """Steps 3-6 for one intent; every step can be repeated, so a killed run is finished by running them again."""
    folder = meta / COMPACT
    staged = folder / f"{intent['digest']}.parquet"
    target = data / intent["path"]
    source = staged if staged.exists() else target
    if not source.exists():  # cannot happen after step 2; the members' records then fail `intact` and are re-coded
        (folder / f"{intent['digest']}.json").unlink(missing_ok=True)
        return
    size = source.stat().st_size
    old = {m["path"] for m in intent["members"]}
    for fingerprint in sorted({m["fingerprint"] for m in intent["members"]}):
        path = meta / JOURNAL / f"{fingerprint}.json"
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # dropped meanwhile
        files = [{**f, "path": intent["path"], "bytes": size} if f["path"] in old else f for f in record["files"]]
        if files != record["files"]:
            write_json_atomic(path, {**record, "files": files})
    for rel in sorted(old - {intent["path"]}):
        (data / rel).unlink(missing_ok=True)
    if staged.exists():
        os.replace(staged, target)
    fsync_dir(target.parent)
    (folder / f"{intent['digest']}.json").unlink(missing_ok=True)


def recover_compactions(data: Path, meta: Path) -> None:
    """Roll forward the compactions a killed coder-compact left (intent written), discard those it had not started
    (merged file without intent). Called by every writer when it opens the dataset."""
    folder = meta / COMPACT
    if not folder.exists():
        return
    for path in sorted(folder.glob("*.json")):
        _apply(data, meta, json.loads(path.read_text(encoding="utf-8")))
    for path in folder.glob("*"):
        if not (folder / f"{path.name.split('.')[0]}.json").exists():
            path.unlink()


def _groups(entries: list[tuple[str, int]], max_rows: int) -> list[list[tuple[str, int]]]:
    groups: list[list[tuple[str, int]]] = [[]]
    for path, rows in entries:
        if groups[-1] and sum(r for _, r in groups[-1]) + rows > max_rows:
            groups.append([])
        groups[-1].append((path, rows))
    return groups


def compact(dataset: str | Path, max_rows: int = 2_000_000, min_files: int = 2, dry_run: bool = False) -> list[dict]:
    """Merge the files of each month (groups of at most max_rows rows, at least min_files files); returns what was
    (or, with dry_run, would be) merged: [{"path", "files", "rows"}]."""
    target = Path(dataset).expanduser().resolve()
    meta = meta_dir(target)
    if not (meta / MANIFEST).exists():
        raise DataSafetyError(f"{target} is not a coder dataset (no {meta / MANIFEST})")
    done: list[dict] = []
    with DatasetWriter(OutputConfig(path=str(target), mode="resume")) as writer:
        if (meta / "_plan.jsonl").exists():
            raise DataSafetyError(f"{target} has an unfinished run ({meta / '_plan.jsonl'}); finish it (run the same "
                                  f"coder command again) before compacting")
        journal = read_journal(meta)
        members: dict[str, list[str]] = defaultdict(list)  # file path -> fingerprints of the records listing it
        rows: dict[str, int] = defaultdict(int)
        for fingerprint, record in sorted(journal.items()):
            for entry in record["files"]:
                members[entry["path"]].append(fingerprint)
                rows[entry["path"]] += entry["rows"]
        months: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for path in sorted(members):
            months[path.rsplit("/", 1)[0]].append((path, rows[path]))
        (meta / COMPACT).mkdir(exist_ok=True)
        for month, entries in sorted(months.items()):
            for group in _groups(entries, max_rows):
                if len(group) < min_files:
                    continue
                paths = [p for p, _ in group]
                digest = hashlib.sha256("\n".join(paths).encode("utf-8")).hexdigest()[:24]
                rel = f"{month}/compact-{digest}.parquet"
                done.append({"path": rel, "files": len(paths), "rows": sum(r for _, r in group)})
                if dry_run:
                    continue
                frame = pl.concat([pl.read_parquet(target / p, hive_partitioning=False).select(list(EVENT_SCHEMA))
                                   for p in paths]).sort("article_id", "sentence_index", "event_id")
                fingerprints = sorted({fp for p in paths for fp in members[p]})
                keys = ("coder_version", "engine_hash", "rules_hash", "model", "model_version")
                run_key = journal[fingerprints[0]].get("run_key", {})
                metadata = {"coder.manifest": json.dumps({**{k: run_key.get(k) for k in keys}, "format": FORMAT,
                                                          "shards": fingerprints}, sort_keys=True)}
                write_parquet(frame, meta / COMPACT / f"{digest}.parquet", writer.cfg, metadata)
                intent = {"digest": digest, "path": rel,
                          "members": [{"fingerprint": fp, "path": p} for p in paths for fp in members[p]]}
                write_json_atomic(meta / COMPACT / f"{digest}.json", intent)
                _apply(target, meta, intent)
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
        record = journal.get(shard["fingerprint"])
        if record is not None:
            shard["files"] = [f["path"] for f in record["files"]]
    write_json_atomic(meta / MANIFEST, manifest)
