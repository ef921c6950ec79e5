"""Applying a compaction's intent (coder.dataset.compact, steps 3-6): point the member shards' commit records at the
merged file, delete their old files, rename the merged file in. `coder-compact` applies its own intents; every writer
that opens a dataset (coder.dataset.sink.DatasetWriter) first rolls forward those a killed coder-compact left."""

from __future__ import annotations

import json
import os
from pathlib import Path

from coder.dataset.documents import CommitRecord, CompactionIntent
from coder.dataset.durable import fsync_dir, write_json_atomic
from coder.dataset.layout import COMPACT, commit_record_path


def intent_path(meta: Path, digest: str) -> Path:
    return meta / COMPACT / f"{digest}.json"


def merged_file_path(meta: Path, digest: str) -> Path:
    """Where the merged file is written before it is renamed into the dataset."""
    return meta / COMPACT / f"{digest}.parquet"


def apply_intent(data: Path, meta: Path, intent: CompactionIntent) -> None:
    """Steps 3-6 for one intent; every step can be repeated, so a killed run is finished by running them again."""
    staged = merged_file_path(meta, intent["digest"])
    target = data / intent["path"]
    source = staged if staged.exists() else target
    if not source.exists():  # cannot happen after step 2; the members' records then fail `intact` and are re-coded
        intent_path(meta, intent["digest"]).unlink(missing_ok=True)
        return
    size = source.stat().st_size
    old = {m["path"] for m in intent["members"]}
    for fingerprint in sorted({m["fingerprint"] for m in intent["members"]}):
        path = commit_record_path(meta, fingerprint)
        try:
            record: CommitRecord = json.loads(path.read_text(encoding="utf-8"))
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
    intent_path(meta, intent["digest"]).unlink(missing_ok=True)


def recover_compactions(data: Path, meta: Path) -> None:
    """Roll forward the compactions a killed coder-compact left (intent written), discard those it had not started
    (merged file without intent)."""
    folder = meta / COMPACT
    if not folder.exists():
        return
    for path in sorted(folder.glob("*.json")):
        apply_intent(data, meta, json.loads(path.read_text(encoding="utf-8")))
    for path in folder.glob("*"):
        if not intent_path(meta, path.name.split(".")[0]).exists():
            path.unlink()
