"""Deduplicated views of an event dataset. The dataset keeps one record per event per sentence; a view merges records
that count as one event for an analysis and keeps the merged records' ids, so nothing is lost and every view row can
be traced back to its sentences.

    none         no view (the default)
    one_a_story  one record per article, source, target and event code
    one_a_day    one record per event date, source, target and event code, across articles and publishers

A view row is the first merged record (in the view's `order`), plus `merged_event_ids` (all merged ids, in that
order) and `merged_count`. Views are polars lazy transformations (`dedup_view`) and, with dedup.write, are written as
hive-partitioned Parquet to `<output.path>_views/<name>/` after each run (swapped in atomically). A run removes the
views it does not rebuild, because they no longer match the dataset. A view's name is a plain folder name, and the
coder removes only folders of the views folder that are views it wrote (`year=/month=/part-0.parquet` files carrying
its `coder.view` metadata), never following a link.
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from coder.config import DedupConfig, OutputConfig
from coder.dataset.records import EVENT_SCHEMA
from coder.dataset.durable import remove_tree, swap_into_place, write_parquet
from coder.dataset.layout import dataset_files, partition_path, views_dir, with_partitions
from coder.dataset.owned import walk
from coder.errors import DEDUP_COLUMN, DEDUP_NO_KEYS, FOREIGN_FILES, PLAIN_NAME, ConfigError, DataSafetyError

PRESETS: dict[str, tuple[list[str], list[str]]] = {
    "one_a_story": (["article_id", "source_code", "target_code", "event_code"],
                    ["article_id", "sentence_index", "event_id"]),
    "one_a_day": (["event_date", "source_code", "target_code", "event_code"],
                  ["pub_date", "article_id", "sentence_index", "event_id"]),
}
VIEW_SCHEMA: dict[str, pl.DataType] = {**EVENT_SCHEMA, "merged_event_ids": pl.List(pl.String()),
                                       "merged_count": pl.Int32()}
VIEW_SORT = ["event_date", "article_id", "sentence_index", "event_id"]
PLAIN_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
VIEW_FILE = re.compile(r"^year=-?\d+/month=-?\d+/part-0\.parquet$")


@dataclass(frozen=True)
class ViewResult:
    name: str
    path: Path | None
    rows: int
    source_rows: int


def resolve(cfg: DedupConfig) -> tuple[list[str], list[str]] | None:
    """(keys, order) of the configured view, or None for dedup=none."""
    if cfg.name in ("none", "", None):
        return None
    check_view_name(cfg.name)
    preset_keys, preset_order = PRESETS.get(cfg.name, ([], []))
    keys = list(cfg.keys) or preset_keys
    if not keys:
        raise ConfigError(f"dedup.name: {cfg.name!r} is not one of none, {', '.join(PRESETS)}; a custom view needs "
                          f"dedup.keys=[column, ...]", code=DEDUP_NO_KEYS)
    order = list(cfg.order) or preset_order or ["event_id"]
    unknown = [c for c in [*keys, *order] if c not in EVENT_SCHEMA]
    if unknown:
        raise ConfigError(f"dedup.keys/order: unknown event column(s) {unknown}; use columns of the event records "
                          f"(README \"Event records\")", code=DEDUP_COLUMN)
    if "event_id" not in order:
        order.append("event_id")  # a total order: the representative never depends on file order
    return keys, order


def dedup_view(events: pl.LazyFrame, keys: list[str], order: list[str]) -> pl.LazyFrame:
    """One row per distinct `keys`: the first record in `order`, with all merged ids. `events` is the dataset (extra
    columns such as the year/month partitions are ignored)."""
    others = [c for c in EVENT_SCHEMA if c not in keys]
    return (
        events.select(list(EVENT_SCHEMA))
        .sort(order, nulls_last=True)
        .group_by(keys, maintain_order=True)
        .agg(
            *[pl.col(c).first() for c in others],
            pl.col("event_id").alias("merged_event_ids"),
            pl.len().cast(pl.Int32()).alias("merged_count"),
        )
        .select(list(VIEW_SCHEMA))
        .sort(VIEW_SORT, nulls_last=True)
    )


def scan_dataset(dataset: str | Path) -> pl.LazyFrame | None:
    files = dataset_files(dataset)
    if not files:
        return None
    return pl.scan_parquet(files, hive_partitioning=True)


def view(dataset: str | Path, cfg: DedupConfig) -> pl.LazyFrame | None:
    """The configured view of a dataset folder as a LazyFrame (None for dedup=none or an empty dataset)."""
    spec = resolve(cfg)
    events = scan_dataset(dataset)
    if spec is None or events is None:
        return None
    return dedup_view(events, *spec)


def check_view_name(name: str) -> None:
    """A view's name becomes a folder name beside the dataset: letters, digits, `_`, `-` and `.`, no path."""
    if not isinstance(name, str) or not PLAIN_NAME_PATTERN.match(name) or ".." in name:
        raise ConfigError(f"dedup.name: {name!r} is not a plain name (letters, digits, _ - and ., starting with a "
                          f"letter or digit; no / or ..): it names the folder <output.path>_views/<name>/",
                          code=PLAIN_NAME)


def is_coder_view(folder: Path) -> bool:
    """A folder (not a link) holding nothing but the partition files of a view the coder wrote (or nothing)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    for rel, kind in walk(folder):
        if kind == "dir" and rel.count("/") < 2 and rel.rsplit("/", 1)[-1].split("=")[0] in ("year", "month"):
            continue
        if kind != "file" or not VIEW_FILE.match(rel):
            return False
        try:
            if b"coder.view" not in (pq.read_schema(folder / rel).metadata or {}):
                return False
        except Exception:  # noqa: BLE001 - not a Parquet file: not a view
            return False
    return True


def _coder_leftover(path: Path) -> bool:
    """A staging or old folder of a view swap (`.<name>.staging-*`, `.<name>.old-*`)."""
    return path.name.startswith(".") and (".staging-" in path.name or ".old-" in path.name)


def refuse_foreign_view(dataset: str | Path, cfg: DedupConfig) -> None:
    """Before a run: the folder the configured view will replace must be a view the coder wrote."""
    if cfg.name in ("none", "", None) or not cfg.write:
        return
    target = views_dir(dataset) / cfg.name
    if (target.exists() or target.is_symlink()) and not is_coder_view(target):
        raise DataSafetyError(f"{target} is not a view the coder wrote; rebuilding the view dedup.name={cfg.name} "
                              f"would replace it. Move it away or choose another dedup.name; nothing was changed",
                              code=FOREIGN_FILES)


def _remove_views(root: Path, keep: str | None) -> None:
    """Remove the coder's views (and swap leftovers) in the views folder except `keep`; leave anything else."""
    if root.is_symlink() or not root.is_dir():
        return
    for entry in sorted(root.iterdir()):
        if entry.name != keep and (is_coder_view(entry) or (_coder_leftover(entry) and not entry.is_symlink())):
            remove_tree(entry)
    if not any(root.iterdir()):
        root.rmdir()


def drop_views(dataset: str | Path) -> None:
    """Remove every view of a dataset (before the dataset changes: a killed run must not leave stale views)."""
    _remove_views(views_dir(dataset), None)


def refresh_views(dataset: str | Path, cfg: DedupConfig, out: OutputConfig) -> ViewResult | None:
    """After a run: rebuild the configured view (if dedup.write) and remove every other, now stale, view."""
    spec = resolve(cfg)
    root = views_dir(dataset)
    keep = cfg.name if spec is not None and cfg.write else None
    _remove_views(root, keep)
    if spec is None:
        return None
    events = scan_dataset(dataset)
    source_rows = events.select(pl.len()).collect().item() if events is not None else 0
    frame = dedup_view(events, *spec).collect() if events is not None else pl.DataFrame(schema=VIEW_SCHEMA)
    if not cfg.write:
        return ViewResult(cfg.name, None, frame.height, source_rows)
    refuse_foreign_view(dataset, cfg)
    root.mkdir(parents=True, exist_ok=True)
    target = root / cfg.name
    token = uuid.uuid4().hex[:12]
    staging = root / f".{cfg.name}.staging-{token}"
    staging.mkdir()
    try:
        metadata = {"coder.view": json.dumps({"name": cfg.name, "keys": spec[0], "order": spec[1],
                                              "source_rows": source_rows}, sort_keys=True)}
        if frame.height:
            partitioned = with_partitions(frame)
            for year, month in partitioned.select("year", "month").unique().sort("year", "month").iter_rows():
                part = partitioned.filter((pl.col("year") == year) & (pl.col("month") == month))
                path = staging / partition_path(year, month, "part-0.parquet")
                path.parent.mkdir(parents=True, exist_ok=True)
                write_parquet(part.select(list(VIEW_SCHEMA)), path, out, metadata)
        old = swap_into_place(staging, target, token)
        if old is not None:
            remove_tree(old)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return ViewResult(cfg.name, target, frame.height, source_rows)
