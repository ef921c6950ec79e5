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

output.mode=overwrite builds the new dataset the same way in a hidden folder beside it and switches it in at the end
in one atomic exchange (coder.dataset.switch; the previous dataset stays readable until then, and a reader of
output.path finds the old dataset or the new one, never none; a killed run leaves it untouched).

What the coder deletes (coder.dataset.owned): only files its own records list, never through a link. A folder that is
not a coder dataset (no manifest) is refused unless it is empty, and so is a dataset whose partitions hold files or
links the coder did not write; both before anything is changed.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from coder.config import OutputConfig, OutputMode, choice
from coder.dataset.compact_intents import recover_compactions
from coder.dataset.documents import CommitRecord, Manifest
from coder.dataset.durable import fsync_dir, recover_swaps, remove_tree, write_json_atomic, write_parquet
from coder.dataset.journal import read_journal
from coder.dataset.layout import (INTENTS, JOURNAL, MANIFEST, REJECTS, STAGING, commit_record_path, dataset_files,
                                  meta_dir)
from coder.dataset.locks import lock_dataset
from coder.dataset.owned import (DATA_FILE, YEAR_DIR, ForeignFiles, foreign_files, foreign_meta, listed_files,
                                 prune_empty, unlink_ours, walk)
from coder.dataset.records import EVENT_SCHEMA, PARTITION_COLUMNS
from coder.dataset.switch import recover_switch, switch_in
from coder.errors import DATASET_MISMATCH, INPUT_PATH, OVERWRITE_FOREIGN, DataSafetyError, InputError


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
        self.switching = False  # the switch of an overwrite has begun: its intent needs the staging folder
        self.data = self.target
        self.meta = self.meta_target
        self.found = ForeignFiles()  # what the dataset folder holds: the coder's files and foreign ones
        self.foreign: list[str] = []  # entries beside the partitions that are not the coder's (left alone, reported)
        self._lock_fd: int | None = None

    # lifecycle

    def __enter__(self) -> DatasetWriter:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._lock()
        try:
            recover_switch(self.target)  # an overwrite killed while switching is finished first
            recover_swaps(self.target)
            recover_swaps(self.meta_target)
            self._refuse_foreign_target()
            recover_compactions(self.target, self.meta_target)  # a compaction killed halfway is finished first
            self.found = foreign_files(self.target, listed_files(self.meta_target))
            self.found.refuse(self.target, also_beside=self.mode == OutputMode.overwrite)
            self.foreign = self.found.beside
            if self.mode == OutputMode.overwrite:
                self._refuse_foreign_meta()
                self.stage = self.target.parent / f".{self.target.name}.staging-{self.token}"
                self.data, self.meta = self.stage / "data", self.stage / "meta"
            if self.meta.exists():
                shutil.rmtree(self.meta / STAGING, ignore_errors=True)
                for tmp in [*self.meta.glob(".*.tmp-*"), *(self.meta / JOURNAL).glob(".*.tmp-*")]:
                    tmp.unlink(missing_ok=True)
        except BaseException:
            self._unlock()
            raise
        return self

    def prepare(self) -> None:
        """Create the dataset and meta folders (once the run has been found safe to start)."""
        self.data.mkdir(parents=True, exist_ok=True)
        (self.meta / JOURNAL).mkdir(parents=True, exist_ok=True)

    def __exit__(self, *exc: object) -> None:
        try:
            if self.stage is not None and self.stage.exists() and not self.switching:
                remove_tree(self.stage)  # an overwrite that failed before its switch: the old dataset stays
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
        """Every mode writes only into an empty folder or a coder dataset (one with a manifest)."""
        if os.path.lexists(self.target) and not self.target.is_dir():
            raise InputError(f"output.path {self.target} is not a folder; pass output.path=<folder for the dataset>",
                             code=INPUT_PATH)
        if (self.meta_target / MANIFEST).exists():
            return
        held = sorted(os.listdir(self.target)) if self.target.is_dir() else []
        held = held or [f"{self.meta_target.name}/{n}" for n in foreign_meta(self.meta_target)]
        if held:
            raise DataSafetyError(f"output.path {self.target} exists and is not a coder dataset (it holds "
                                  f"{held[0]!r}, and there is no {self.meta_target / MANIFEST}); output.mode="
                                  f"{self.mode} would mix with or delete files the coder did not write. Choose "
                                  f"another output.path or empty the folder; nothing was changed",
                                  code=OVERWRITE_FOREIGN)

    def _refuse_foreign_meta(self) -> None:
        """overwrite replaces the meta folder too: refuse when it holds files the coder did not write."""
        foreign = foreign_meta(self.meta_target)
        if foreign:
            raise DataSafetyError(f"{self.meta_target} holds file(s) the coder did not write ({', '.join(foreign[:5])})"
                                  f"; output.mode=overwrite replaces that folder. Move them elsewhere and run again; "
                                  f"nothing was changed", code=OVERWRITE_FOREIGN)

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
        records = list(records)
        for record in records:
            commit_record_path(self.meta, record["fingerprint"]).unlink(missing_ok=True)
        fsync_dir(self.meta / JOURNAL)
        for record in records:
            for entry in record.get("files", []):
                if DATA_FILE.match(entry["path"]):
                    unlink_ours(self.data, entry["path"])
        return len(records)

    def sweep(self, keep: set[str]) -> list[str]:
        """Delete the files the coder's records list that no kept commit record lists (files of a killed commit, of
        dropped shards, of an older coder's manifest), then the empty partition folders and the commit intents.
        Foreign files were refused when the writer opened; entries beside the partitions are left alone."""
        removed: list[str] = []
        if self.data == self.target:
            for rel in self.found.files:
                if rel not in keep and unlink_ours(self.data, rel):
                    removed.append(rel)
            prune_empty(self.data)
            if removed:
                fsync_dir(self.data)
        shutil.rmtree(self.meta / INTENTS, ignore_errors=True)
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
        try:
            write_parquet(frame, tmp, self.cfg, {})
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        fsync_dir(self.meta)

    def remove_rejects(self) -> None:
        (self.meta / REJECTS).unlink(missing_ok=True)

    def finish(self) -> None:
        """overwrite: switch the new dataset and its meta folder in (coder.dataset.switch). Other modes: nothing."""
        shutil.rmtree(self.meta / STAGING, ignore_errors=True)
        if self.stage is None:
            return
        self.switching = True  # from here on an interrupted switch is rolled forward by the next writer
        switch_in(self.stage, self.target, self.meta_target, self.token)
        self.switching = False
        self.data, self.meta, self.stage = self.target, self.meta_target, None


# --- reading --------------------------------------------------------------------------------------------------------

def read_events(path: str | Path) -> pl.DataFrame:
    """The dataset as one polars DataFrame (partition columns year/month included)."""
    files = dataset_files(path)
    if not files:
        return pl.DataFrame(schema={**EVENT_SCHEMA, **PARTITION_COLUMNS})
    return pl.scan_parquet(files, hive_partitioning=True).collect()


def verify_dataset(data: Path, done: dict[str, CommitRecord]) -> None:
    """The dataset on disk holds exactly the committed shards' rows, each event id once within its file (ids are
    distinct across shards by construction: one article, one shard). Checked file by file from the Parquet footers
    and the event id column, so memory does not grow with the dataset."""
    rows: Counter[str] = Counter()
    for record in done.values():
        for entry in record.get("files", []):
            rows[entry["path"]] += entry["rows"]
    expected = sum(r["events"] for r in done.values())
    on_disk = {rel for rel, kind in walk(data) if kind in ("file", "link") and YEAR_DIR.match(rel.split("/")[0])}
    extra, missing = sorted(on_disk - set(rows)), sorted(set(rows) - on_disk)
    if extra or missing:
        raise DataSafetyError(f"the dataset does not match its commit records: {len(extra)} file(s) no record lists "
                              f"{extra[:3]}, {len(missing)} listed file(s) missing {missing[:3]}; re-run with "
                              f"output.mode=overwrite", code=DATASET_MISMATCH)
    found, wrong = 0, 0
    for rel in sorted(rows):
        ids = pq.read_table(data / rel, columns=["event_id"]).column("event_id")
        found += len(ids)
        if len(ids) != rows[rel]:
            wrong += 1
        elif len(ids) and pl.Series(ids.combine_chunks()).n_unique() != len(ids):
            raise DataSafetyError(f"the dataset holds duplicated event ids ({rel}); re-run with output.mode=overwrite",
                                  code=DATASET_MISMATCH)
    if wrong or found != expected or sum(rows.values()) != expected:
        raise DataSafetyError(f"the dataset has {found} rows but its commit records list {expected}; re-run with "
                              f"output.mode=overwrite", code=DATASET_MISMATCH)
