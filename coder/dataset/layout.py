"""Where a dataset's files are: the event files in year=/month= partitions, the meta folder beside the dataset and
the names of what it holds (coder.dataset.sink's docstring shows the whole layout).
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from coder.dataset.records import PARTITION_COLUMNS

FORMAT = "coder-dataset/2"
MANIFEST = "_manifest.json"
REJECTS = "_rejects.parquet"
UNKNOWN_ACTORS = "_unknown_actors.parquet"
JOURNAL = "_shards"  # one commit record per shard (coder.dataset.journal)
CLAIMS = "_claims"  # one file per shard being coded: who codes it, since when (coder.jobs.runners, coder-status)
STAGING = "_staging"
INTENTS = "_intents"  # the files of a shard being committed, written before they are renamed in (coder.dataset.journal)
PLAN = "_plan.jsonl"  # the plan of a run not finished yet (coder.dataset.plan)
COMPACT = "_compact"  # merged files and intents of a compaction in progress (coder.dataset.compact_intents)
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


def commit_record_path(meta: Path, fingerprint: str) -> Path:
    return meta / JOURNAL / f"{fingerprint}.json"


def claim_path(meta: Path, fingerprint: str) -> Path:
    return meta / CLAIMS / f"{fingerprint}.json"


def partition_path(year: int, month: int, name: str) -> str:
    return f"year={year}/month={month:02d}/{name}"


def with_partitions(frame: pl.DataFrame) -> pl.DataFrame:
    """The events with their partition columns (year, month of the event date)."""
    return frame.with_columns(
        pl.col("event_date").dt.year().cast(PARTITION_COLUMNS["year"]).alias("year"),
        pl.col("event_date").dt.month().cast(PARTITION_COLUMNS["month"]).alias("month"),
    )


def dataset_files(path: str | Path) -> list[Path]:
    return sorted(Path(path).glob("year=*/month=*/*.parquet"))
