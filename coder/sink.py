"""Write the event dataset: hive-partitioned Parquet (year=/month=), zstd, run metadata in each file's key-value
metadata and in `_manifest.json`, rejects in `_rejects.parquet`.

Layout for output.path=datasets/events:
    datasets/events/year=2024/month=03/part-0.parquet   only event files, so pl.scan_parquet("datasets/events",
                                                         hive_partitioning=True) and DuckDB read it as it is
    datasets/events_meta/_manifest.json                 config, versions, counts, file list
    datasets/events_meta/_rejects.parquet               inputs that could not be coded, with the reason

Atomicity: everything is first written to a staging folder beside (not inside) the output folder, then moved into
place with renames, so readers never see half-written files and a killed run leaves the old dataset intact.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from coder.config import OutputConfig
from coder.records import EVENT_SCHEMA, PARTITION_COLUMNS

MANIFEST = "_manifest.json"
REJECTS = "_rejects.parquet"


def _write_parquet(frame: pl.DataFrame, path: Path, cfg: OutputConfig, metadata: dict[str, str]) -> None:
    table = frame.to_arrow()
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
    pq.write_table(table, path, compression=cfg.compression, compression_level=cfg.compression_level)


def meta_dir(dataset: str | Path) -> Path:
    """Where a dataset's manifest and rejects live: beside it, so that the dataset folder holds only event files."""
    path = Path(dataset).expanduser().resolve()
    return path.parent / f"{path.name}_meta"


def write_dataset(events: pl.DataFrame, rejects: pl.DataFrame, manifest: dict, cfg: OutputConfig) -> Path:
    target = Path(cfg.path).expanduser().resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:12]
    staging = target.parent / f".{target.name}.staging-{token}"
    data, meta = staging / "data", staging / "meta"
    data.mkdir(parents=True)
    meta.mkdir()
    try:
        metadata = {"coder.manifest": json.dumps(manifest, sort_keys=True, default=str)}
        partitioned = events.with_columns(
            pl.col("event_date").dt.year().cast(PARTITION_COLUMNS["year"]).alias("year"),
            pl.col("event_date").dt.month().cast(PARTITION_COLUMNS["month"]).alias("month"),
        )
        files = []
        for (year, month), part in partitioned.group_by("year", "month", maintain_order=True):
            folder = data / f"year={year}" / f"month={month:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "part-0.parquet"
            _write_parquet(part.drop("year", "month").select(list(EVENT_SCHEMA)), path, cfg, metadata)
            files.append({"path": str(path.relative_to(data)), "rows": part.height})
        manifest = {**manifest, "files": sorted(files, key=lambda f: f["path"])}
        if cfg.write_rejects:
            _write_parquet(rejects, meta / REJECTS, cfg, metadata)
        (meta / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n",
                                     encoding="utf-8")
        _fsync_tree(staging)
        _swap_into_place(data, target, token)
        _swap_into_place(meta, meta_dir(target), token)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _swap_into_place(staging: Path, target: Path, token: str) -> None:
    """Replace `target` by `staging` with renames; the old dataset is removed only after the new one is in place."""
    old = target.parent / f".{target.name}.old-{token}"
    had_old = target.exists()
    if had_old:
        os.replace(target, old)
    os.replace(staging, target)
    if had_old:
        shutil.rmtree(old, ignore_errors=True)


def _fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())


def read_events(path: str | Path) -> pl.DataFrame:
    """The dataset as one polars DataFrame (partition columns year/month included)."""
    root = Path(path)
    files = sorted(root.glob("year=*/month=*/*.parquet"))
    if not files:
        return pl.DataFrame(schema={**EVENT_SCHEMA, **PARTITION_COLUMNS})
    return pl.scan_parquet(files, hive_partitioning=True).collect()


def read_arrow_metadata(path: str | Path) -> dict[str, str]:
    meta = pq.read_schema(path).metadata or {}
    return {k.decode(): v.decode() for k, v in meta.items()}

