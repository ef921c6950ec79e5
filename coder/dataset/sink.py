"""Write the event dataset shard by shard, so that a killed job can be re-run to complete it: nothing lost, nothing
duplicated, and readers never see a partial file.

Layout for output.path=datasets/events:
    datasets/events/year=2024/month=03/shard-<fp>.parquet   only event files, so pl.scan_parquet("datasets/events",
                                                            hive_partitioning=True) and DuckDB read it as it is
    datasets/events_meta/_manifest.json                     run summary: config, versions, rules hash, counts, shards
    datasets/events_meta/_shards/<fp>.json                  commit record of one shard: its inputs, files, counts
    datasets/events_meta/_rejects.parquet                   inputs that could not be coded, with the reason
    datasets/events_meta/_staging/<fp>/                     a shard being written (only while a job runs)
    datasets/.events.lock                                   held (flock) by the job writing the dataset

Commit protocol for one shard (<fp> = the shard's fingerprint: its inputs, rules and model):
  1. write its files (one per year/month) into _staging/<fp>/ and fsync them;
  2. rename each into year=/month=/shard-<fp>.parquet (a rename is atomic; the name is the same on every re-run);
  3. write _shards/<fp>.json (temp file, fsync, rename): from then on the shard counts as done.
A job killed before 3 leaves files that no commit record lists; the next run deletes them (or rewrites them under the
same names) before committing anything. A commit record is only trusted while all its files exist with their sizes.
A shard is dropped by deleting its record first and its files second, so a record never lists a missing file.

Where the pieces are: file names and folders (coder.dataset.layout), durable writes (coder.dataset.durable), the
commit of one shard (coder.dataset.journal), locks (coder.dataset.locks); this module is the job's writer.

output.mode=overwrite builds the new dataset the same way in a hidden folder beside it and swaps it in at the end
(the previous dataset stays readable until then; a killed run leaves it untouched).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from coder.config import OutputConfig, OutputMode, choice
from coder.dataset.compact_intents import recover_compactions
from coder.dataset.documents import CommitRecord, Manifest
from coder.dataset.durable import fsync_dir, recover_swaps, swap_into_place, write_json_atomic, write_parquet
from coder.dataset.journal import read_journal
from coder.dataset.layout import (JOURNAL, MANIFEST, PARTITION_DIR, REJECTS, STAGING, commit_record_path,
                                  dataset_files, meta_dir)
from coder.dataset.locks import lock_dataset
from coder.dataset.records import EVENT_SCHEMA, PARTITION_COLUMNS
from coder.errors import DATASET_MISMATCH, OVERWRITE_FOREIGN, DataSafetyError


# --- the writer -----------------------------------------------------------------------------------------------------

class DatasetWriter:
    """One job's write access to a dataset: lock, commit records, shard commits, manifest, rejects."""

    def __init__(self, cfg: OutputConfig):
        self.cfg = cfg
        self.mode = choice(cfg.mode, OutputMode, "output.mode")
        self.target = Path(cfg.path).expanduser().resolve()
        self.meta_target = meta_dir(self.target)
        self.token = uuid.uuid4().hex[:12]
        self.stage: Path | None = None
        self.data = self.target
        self.meta = self.meta_target
        self.foreign: list[str] = []  # files in the dataset folder that are not ours (left alone, reported)
        self._lock_fd: int | None = None

    # lifecycle

    def __enter__(self) -> DatasetWriter:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._lock()
        try:
            recover_swaps(self.target)
            recover_swaps(self.meta_target)
            recover_compactions(self.target, self.meta_target)  # a compaction killed halfway is finished first
            if self.mode == OutputMode.overwrite:
                self._refuse_foreign_target()
                self.stage = self.target.parent / f".{self.target.name}.staging-{self.token}"
                self.data, self.meta = self.stage / "data", self.stage / "meta"
            self.data.mkdir(parents=True, exist_ok=True)
            (self.meta / JOURNAL).mkdir(parents=True, exist_ok=True)
            shutil.rmtree(self.meta / STAGING, ignore_errors=True)
            for tmp in [*self.meta.glob(".*.tmp-*"), *(self.meta / JOURNAL).glob(".*.tmp-*")]:
                tmp.unlink(missing_ok=True)
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.stage is not None and self.stage.exists():
                shutil.rmtree(self.stage, ignore_errors=True)  # an overwrite that failed: the old dataset stays
            if self.meta.exists():
                shutil.rmtree(self.meta / STAGING, ignore_errors=True)
        finally:
            self._unlock()

    def _lock(self) -> None:
        self._lock_fd = lock_dataset(self.target, exclusive=True)

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the flock
            self._lock_fd = None

    def _refuse_foreign_target(self) -> None:
        """overwrite replaces the whole folder: refuse when it does not look like a coder dataset."""
        if not self.target.exists() or (self.meta_target / MANIFEST).exists():
            return
        foreign = [p for p in self.target.iterdir() if not PARTITION_DIR.match(p.name)]
        if foreign:
            raise DataSafetyError(f"output.path {self.target} exists and is not a coder dataset (it holds "
                                  f"{foreign[0].name!r}); output.mode=overwrite would delete it. Choose another "
                                  f"output.path or empty the folder.", code=OVERWRITE_FOREIGN)

    # commit records

    def journal(self) -> dict[str, CommitRecord]:
        """The shards committed so far (fingerprint -> commit record). Overwrite mode starts from none."""
        return read_journal(self.meta)

    def intact(self, record: CommitRecord) -> bool:
        """All files of a committed shard are present with the recorded sizes."""
        for entry in record.get("files", []):
            path = self.data / entry["path"]
            try:
                if path.stat().st_size != entry["bytes"]:
                    return False
            except OSError:
                return False
        return True

    def drop(self, records: Iterable[CommitRecord]) -> int:
        """Forget shards (changed input or rules, damaged): commit record first, then the files."""
        dropped = 0
        for record in records:
            commit_record_path(self.meta, record["fingerprint"]).unlink(missing_ok=True)
            dropped += 1
        fsync_dir(self.meta / JOURNAL)
        for record in records:
            for entry in record.get("files", []):
                (self.data / entry["path"]).unlink(missing_ok=True)
        return dropped

    def sweep(self, keep: set[str]) -> list[str]:
        """Delete every file in the partition folders that no kept commit record lists (leftovers of a killed run,
        files of dropped shards, files of older coder versions) and empty partition folders. Files outside the
        partition folders are not ours: they are left alone and listed in `self.foreign`."""
        removed: list[str] = []
        self.foreign = []
        if not self.data.exists():
            return removed
        for top in sorted(self.data.iterdir()):
            if not (top.is_dir() and PARTITION_DIR.match(top.name)):
                self.foreign.append(top.name)
                continue
            for path in sorted(top.rglob("*")):
                rel = path.relative_to(self.data).as_posix()
                if (path.is_file() or path.is_symlink()) and rel not in keep:
                    path.unlink()
                    removed.append(rel)
            for folder in sorted((p for p in top.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
                if not any(folder.iterdir()):
                    folder.rmdir()
            if not any(top.iterdir()):
                top.rmdir()
        if removed:
            fsync_dir(self.data)
        return removed

    # manifest, rejects, finish

    def write_manifest(self, manifest: Manifest) -> None:
        write_json_atomic(self.meta / MANIFEST, manifest)

    def previous_rejects(self) -> pl.DataFrame | None:
        path = self.meta_target / REJECTS
        if not path.exists():
            return None
        try:
            return pl.read_parquet(path)
        except Exception:  # noqa: BLE001 - an unreadable old table is replaced, not fatal
            return None

    def write_rejects(self, rejects: pl.DataFrame) -> None:
        self.write_table(REJECTS, rejects)

    def write_table(self, name: str, frame: pl.DataFrame) -> None:
        """A side table in the meta folder (rejects, unknown actors), written atomically."""
        path = self.meta / name
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{self.token}")
        write_parquet(frame, tmp, self.cfg, {})
        os.replace(tmp, path)
        fsync_dir(self.meta)

    def remove_rejects(self) -> None:
        (self.meta / REJECTS).unlink(missing_ok=True)

    def finish(self) -> None:
        """overwrite: swap the new dataset and its meta folder into place. Other modes: nothing left to do."""
        shutil.rmtree(self.meta / STAGING, ignore_errors=True)
        if self.stage is None:
            return
        swap_into_place(self.data, self.target, self.token)
        swap_into_place(self.meta, self.meta_target, self.token)
        shutil.rmtree(self.stage, ignore_errors=True)
        self.data, self.meta, self.stage = self.target, self.meta_target, None


# --- reading --------------------------------------------------------------------------------------------------------

def read_events(path: str | Path) -> pl.DataFrame:
    """The dataset as one polars DataFrame (partition columns year/month included)."""
    files = dataset_files(path)
    if not files:
        return pl.DataFrame(schema={**EVENT_SCHEMA, **PARTITION_COLUMNS})
    return pl.scan_parquet(files, hive_partitioning=True).collect()


def verify_dataset(events: pl.DataFrame, done: dict[str, CommitRecord]) -> None:
    """The dataset on disk must hold exactly the committed shards' rows, each event id once."""
    expected = sum(r["events"] for r in done.values())
    if events.height != expected:
        raise DataSafetyError(f"the dataset has {events.height} rows but its commit records list {expected}; "
                              f"re-run with output.mode=overwrite", code=DATASET_MISMATCH)
    if events.height and events["event_id"].n_unique() != events.height:
        raise DataSafetyError("the dataset holds duplicated event ids; re-run with output.mode=overwrite",
                              code=DATASET_MISMATCH)
