"""Reading coded event datasets: the Parquet files of a dataset folder, a LazyFrame over them that merges files written
by different coder versions, and a demo dataset for notebooks (the bundled sample, coded on first use)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pyarrow.parquet as pq


def _schemas() -> tuple[dict[str, pl.DataType], dict[str, pl.DataType]]:
    """(event columns, partition columns) of the current record schema."""
    # Imported here: coder.dataset.records pulls in spaCy, which analysis code does not otherwise need.
    from coder.dataset.records import EVENT_SCHEMA, PARTITION_COLUMNS

    return dict(EVENT_SCHEMA), dict(PARTITION_COLUMNS)


def event_files(path: str | Path) -> list[Path]:
    """The Parquet event files of a dataset folder (hive layout `year=/month=/`), or the file itself."""
    root = Path(path).expanduser()
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"no event dataset at {root}")
    return sorted(p for p in root.rglob("*.parquet")
                  if not any(part.startswith((".", "_")) for part in p.relative_to(root).parts))


def scan_events(path: str | Path) -> pl.LazyFrame:
    """The event dataset at `path` (a dataset folder or one Parquet file) as a LazyFrame with the partition columns
    `year` and `month` (taken from the `year=/month=` folders; null when `path` is a single file).

    Schema evolution: datasets written by different coder versions may differ in columns. Files are scanned in groups
    of identical schema and stacked by column name; a column of the current event schema that a file lacks is null
    there, a known column is cast to its current type, and columns the current schema does not know are kept (null
    where absent). Columns come in event-schema order, then unknown ones, then `year`, `month`."""
    schema, partitions = _schemas()
    root = Path(path).expanduser()
    files = event_files(root)
    if not files:
        return pl.LazyFrame(schema={**schema, **partitions})
    hive = root.is_dir() and all("=" in part for f in files for part in f.relative_to(root).parent.parts)
    groups: dict[str, list[Path]] = {}
    for file in files:
        groups.setdefault(str(pq.read_schema(file).remove_metadata()), []).append(file)
    frames = []
    for group in groups.values():
        frame = pl.scan_parquet([str(f) for f in group], hive_partitioning=hive,
                                hive_schema=partitions if hive else None)
        names = frame.collect_schema().names()
        frames.append(frame.with_columns(
            [pl.col(c).cast(t) if c in names else pl.lit(None, dtype=t).alias(c) for c, t in schema.items()]
            + [pl.col(c).cast(t) if c in names else pl.lit(None, dtype=t).alias(c) for c, t in partitions.items()]
        ))
    combined = frames[0] if len(frames) == 1 else pl.concat(frames, how="diagonal_relaxed")
    names = combined.collect_schema().names()
    extra = [c for c in names if c not in schema and c not in partitions]
    return combined.select([*schema, *extra, *partitions])


def demo_dataset(path: str | Path | None = None) -> Path:
    """A dataset for notebooks and examples: `path` (or `$CODER_EVENTS`, or `datasets/events/`) if it holds event
    files; otherwise the bundled sample (`datasets/sample/`) is coded into `path` (or a new temporary folder) with the
    default configuration, which takes about ten seconds."""
    import os
    import tempfile

    from coder.config import PROJECT_ROOT

    given = path or os.environ.get("CODER_EVENTS")
    target = Path(given).expanduser() if given else PROJECT_ROOT / "datasets" / "events"
    if target.is_dir() and event_files(target):
        return target
    if not given:
        target = Path(tempfile.mkdtemp(prefix="coder-sample-")) / "events"
    from coder.config import CoderConfig, register_configs
    from coder.jobs.job import run_job

    register_configs()
    cfg = CoderConfig()
    cfg.input.path = str(PROJECT_ROOT / "datasets" / "sample")
    cfg.output.path = str(target)
    cfg.quiet = True
    run_job(cfg)
    return target
