"""Durable writes: a file or folder is either absent or complete, also after a kill or a power cut. Temp file, fsync,
rename; fsync of the folder so that the rename itself survives; folder swaps that the next writer can undo."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

from coder.config import OutputConfig


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


def write_json_atomic(path: Path, data: Mapping[str, Any]) -> None:
    write_bytes_atomic(path, (json.dumps(data, indent=1, sort_keys=True, default=str) + "\n").encode("utf-8"))


def write_parquet(frame: pl.DataFrame, path: Path, cfg: OutputConfig, metadata: dict[str, str]) -> None:
    table = frame.to_arrow()
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
    pq.write_table(table, path, compression=cfg.compression, compression_level=cfg.compression_level)
    fsync_file(path)


def make_dirs(folder: Path) -> None:
    """mkdir -p, with each new folder's creation made durable in its parent."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        fsync_dir(new.parent)


def swap_into_place(staging: Path, target: Path, token: str) -> None:
    """Replace `target` by `staging` with renames; the old folder is removed only after the new one is in place.
    A run killed between the two renames leaves the old folder as `.<name>.old-<token>`, which the next run puts back
    (recover_swaps)."""
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
