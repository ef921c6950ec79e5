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

output.mode=overwrite builds the new dataset the same way in a hidden folder beside it and swaps it in at the end
(the previous dataset stays readable until then; a killed run leaves it untouched).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from coder.config import OutputConfig
from coder.errors import DataSafetyError
from coder.dataset.records import EVENT_SCHEMA, PARTITION_COLUMNS

try:  # POSIX advisory locks; released by the kernel when the process dies, even by SIGKILL
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock, one job per dataset is then the user's duty
    fcntl = None

FORMAT = "coder-dataset/2"
MANIFEST = "_manifest.json"
REJECTS = "_rejects.parquet"
UNKNOWN_ACTORS = "_unknown_actors.parquet"
JOURNAL = "_shards"
CLAIMS = "_claims"  # one file per shard being coded: who codes it, since when (coder.jobs.runners, coder-status)
STAGING = "_staging"
MODES = ("resume", "overwrite", "append")
SHARD_FILE = re.compile(r"^shard-(?P<fp>[0-9a-f]{8,64})\.parquet$")
PARTITION_DIR = re.compile(r"^(year|month)=-?\d+$")


def meta_dir(dataset: str | Path) -> Path:
    """Where a dataset's manifest and rejects live: beside it, so that the dataset folder holds only event files."""
    path = Path(dataset).expanduser().resolve()
    return path.parent / f"{path.name}_meta"


def views_dir(dataset: str | Path) -> Path:
    """Where deduplicated views of a dataset are written (coder.dataset.dedup): beside it, never inside it."""
    path = Path(dataset).expanduser().resolve()
    return path.parent / f"{path.name}_views"


def shard_file_name(fingerprint: str) -> str:
    return f"shard-{fingerprint}.parquet"


# --- small durable-write helpers ------------------------------------------------------------------------------------

def fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def fsync_dir(path: Path) -> None:
    """Make renames and deletions inside `path` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_chunks_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """Write `path` from chunks without a reader ever seeing it partly written: temp file, fsync, rename."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        with tmp.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    fsync_dir(path.parent)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    write_chunks_atomic(path, [data])


def write_json_atomic(path: Path, data: dict) -> None:
    write_bytes_atomic(path, (json.dumps(data, indent=1, sort_keys=True, default=str) + "\n").encode("utf-8"))


def write_parquet(frame: pl.DataFrame, path: Path, cfg: OutputConfig, metadata: dict[str, str]) -> None:
    table = frame.to_arrow()
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
    pq.write_table(table, path, compression=cfg.compression, compression_level=cfg.compression_level)
    fsync_file(path)


def with_partitions(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col("event_date").dt.year().cast(PARTITION_COLUMNS["year"]).alias("year"),
        pl.col("event_date").dt.month().cast(PARTITION_COLUMNS["month"]).alias("month"),
    )


def partition_path(year: int, month: int, name: str) -> str:
    return f"year={year}/month={month:02d}/{name}"


def swap_into_place(staging: Path, target: Path, token: str) -> None:
    """Replace `target` by `staging` with renames; the old folder is removed only after the new one is in place.
    A run killed between the two renames leaves the old folder as `.<name>.old-<token>`, which the next run puts back
    (see DatasetWriter._recover)."""
    old = target.parent / f".{target.name}.old-{token}"
    had_old = target.exists()
    if had_old:
        os.replace(target, old)
    os.replace(staging, target)
    fsync_dir(target.parent)
    if had_old:
        shutil.rmtree(old, ignore_errors=True)


def recover_swaps(target: Path) -> None:
    """Undo a swap interrupted after the old folder was moved aside (put it back), drop staging leftovers."""
    olds = sorted(target.parent.glob(f".{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not target.exists() and olds:
        os.replace(olds.pop(), target)
        fsync_dir(target.parent)
    for leftover in [*olds, *target.parent.glob(f".{target.name}.staging-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _make_dirs(folder: Path) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        fsync_dir(new.parent)


def commit_shard(data: Path, meta: Path, cfg: OutputConfig, fingerprint: str, events: pl.DataFrame, record: dict,
                 metadata: dict[str, str]) -> dict:
    """The commit protocol for one shard (module docstring): stage, rename into the dataset, write the commit record.
    Needs no lock of its own: shards have distinct file names, so processes of one run (SLURM tasks, Ray actors)
    commit side by side while the job's planner keeps every other job off the dataset."""
    stage = meta / STAGING / f"{fingerprint}-{uuid.uuid4().hex[:8]}"
    stage.mkdir(parents=True)
    name = shard_file_name(fingerprint)
    files: list[dict] = []
    staged: list[tuple[Path, str]] = []
    try:
        if events.height:
            partitioned = with_partitions(events)
            keys = partitioned.select("year", "month").unique().sort("year", "month").iter_rows()
            for year, month in keys:
                part = partitioned.filter((pl.col("year") == year) & (pl.col("month") == month))
                rel = partition_path(year, month, name)
                path = stage / f"{year}-{month:02d}.parquet"
                write_parquet(part.select(list(EVENT_SCHEMA)), path, cfg, metadata)
                files.append({"path": rel, "rows": part.height, "bytes": path.stat().st_size})
                staged.append((path, rel))
        folders: set[Path] = set()
        for path, rel in staged:
            destination = data / rel
            _make_dirs(destination.parent)
            os.replace(path, destination)
            folders.add(destination.parent)
        for folder in folders:
            fsync_dir(folder)
        record = {**record, "fingerprint": fingerprint, "status": "done", "files": files,
                  "committed_utc": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        write_json_atomic(meta / JOURNAL / f"{fingerprint}.json", record)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return record


def read_journal(meta: Path) -> dict[str, dict]:
    """The commit records in a meta folder (fingerprint -> record)."""
    records: dict[str, dict] = {}
    for path in sorted((meta / JOURNAL).glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # cannot happen with atomic writes; if it does the shard is simply coded again
        if record.get("status") == "done" and record.get("fingerprint") == path.stem:
            records[path.stem] = record
    return records


def lock_dataset(target: Path, exclusive: bool) -> int | None:
    """flock `.<name>.lock` beside the dataset without waiting: exclusive for a job's writer, shared for the tasks of
    a planned run; the open descriptor (closing it releases the lock), None where there are no POSIX locks."""
    if fcntl is None:
        return None
    path = target.parent / f".{target.name}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DataSafetyError(f"another coder job is writing {target} (lock {path}); wait for it to finish") from None
    return fd


class TaskLock:
    """A shared lock on the dataset for one task of a distributed run (runner=slurm): tasks hold it side by side, and
    it keeps any job that wants the writer's exclusive lock off the dataset while they commit."""

    def __init__(self, target: str | Path):
        self.target = Path(target).expanduser().resolve()
        self._fd: int | None = None

    def __enter__(self) -> TaskLock:
        self._fd = lock_dataset(self.target, exclusive=False)
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


# --- the writer -----------------------------------------------------------------------------------------------------

class DatasetWriter:
    """One job's write access to a dataset: lock, commit records, shard commits, manifest, rejects."""

    def __init__(self, cfg: OutputConfig):
        if cfg.mode not in MODES:
            raise ValueError(f"output.mode={cfg.mode!r}; expected one of {', '.join(MODES)}")
        self.cfg = cfg
        self.mode = cfg.mode
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
            from coder.dataset.compact import recover_compactions  # a compaction killed halfway is finished first

            recover_compactions(self.target, self.meta_target)
            if self.mode == "overwrite":
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

    def __exit__(self, *exc) -> None:
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
                                  f"output.path or empty the folder.")

    # commit records

    def journal(self) -> dict[str, dict]:
        """The shards committed so far (fingerprint -> commit record). Overwrite mode starts from none."""
        return read_journal(self.meta)

    def intact(self, record: dict) -> bool:
        """All files of a committed shard are present with the recorded sizes."""
        for entry in record.get("files", []):
            path = self.data / entry["path"]
            try:
                if path.stat().st_size != entry["bytes"]:
                    return False
            except OSError:
                return False
        return True

    def drop(self, records: Iterable[dict]) -> int:
        """Forget shards (changed input or rules, damaged): commit record first, then the files."""
        dropped = 0
        for record in records:
            (self.meta / JOURNAL / f"{record['fingerprint']}.json").unlink(missing_ok=True)
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

    def commit(self, fingerprint: str, events: pl.DataFrame, record: dict, metadata: dict[str, str]) -> dict:
        """Commit one shard's events (EVENT_SCHEMA, sorted) and return its commit record."""
        return commit_shard(self.data, self.meta, self.cfg, fingerprint, events, record, metadata)

    # manifest, rejects, finish

    def write_manifest(self, manifest: dict) -> None:
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

def dataset_files(path: str | Path) -> list[Path]:
    return sorted(Path(path).glob("year=*/month=*/*.parquet"))


def read_events(path: str | Path) -> pl.DataFrame:
    """The dataset as one polars DataFrame (partition columns year/month included)."""
    files = dataset_files(path)
    if not files:
        return pl.DataFrame(schema={**EVENT_SCHEMA, **PARTITION_COLUMNS})
    return pl.scan_parquet(files, hive_partitioning=True).collect()
