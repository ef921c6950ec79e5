"""Durable writes: a file or folder is either absent or complete, also after a kill or a power cut. Temp file, fsync,
rename; fsync of the folder so that the rename itself survives; folder swaps in one atomic exchange where the system
has one (Linux renameat2 RENAME_EXCHANGE), else two renames that the next writer can undo."""

from __future__ import annotations

import ctypes
import errno
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
    pq.write_table(table, path, compression=cfg.compression, compression_level=compression_level(cfg))
    fsync_file(path)


def compression_level(cfg: OutputConfig) -> int | None:
    """output.compression_level for codecs that take a level (zstd, gzip, brotli, lz4); None for the others."""
    codec = str(cfg.compression).lower()
    if codec in ("none", "uncompressed", "snappy"):
        return None
    return cfg.compression_level


def make_dirs(folder: Path) -> None:
    """mkdir -p, with each new folder's creation made durable in its parent."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        fsync_dir(new.parent)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _load_renameat2() -> object | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without renameat2 (glibc < 2.28)
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


RENAMEAT2 = _load_renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one atomic step (renameat2 with RENAME_EXCHANGE): a reader of either path finds
    the one folder or the other, never none. False, with nothing changed, where the system or the filesystem cannot
    (then swap_into_place falls back to two renames)."""
    if RENAMEAT2 is None:
        return False
    call = RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),  # type: ignore[operator]
                     _RENAME_EXCHANGE)
    if call == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def swap_into_place(staging: Path, target: Path, token: str) -> Path | None:
    """Put the folder `staging` at `target`; returns where the old `target` now is (for the caller to remove), or
    None when there was none. One atomic exchange where the system has it: readers of `target` see the old folder or
    the new one, never none. Elsewhere two renames, between which `target` is missing for a moment; a run killed
    between them leaves the old folder as `.<name>.old-<token>`, which the next run puts back (recover_swaps)."""
    if not os.path.lexists(target):
        os.replace(staging, target)
        fsync_dir(target.parent)
        return None
    if exchange(staging, target):
        fsync_dir(target.parent)
        return staging
    old = target.parent / f".{target.name}.old-{token}"
    os.replace(target, old)
    os.replace(staging, target)
    fsync_dir(target.parent)
    return old


def recover_swaps(target: Path) -> None:
    """Undo a two-rename swap interrupted after the old folder was moved aside (put it back), and remove the coder's
    own leftovers beside `target` (`.<name>.old-*`, `.<name>.staging-*`; removing never follows a link)."""
    olds = sorted(target.parent.glob(f".{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not os.path.lexists(target) and olds:
        os.replace(olds.pop(), target)
        fsync_dir(target.parent)
    for leftover in [*olds, *target.parent.glob(f".{target.name}.staging-*")]:
        remove_tree(leftover)


def remove_tree(folder: Path) -> None:
    """Remove a folder the coder made (a staging folder, an old version), never following a link inside it."""
    if folder.is_symlink():
        folder.unlink()
    elif folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
