"""Who acts and how: the actors involved in most events, and the most frequent event types per group (e.g. per dyad),
named from the packaged CAMEO ontology."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import polars as pl

from coder.analysis.columns import UNKNOWN_ACTORS, Level, actor_columns


def top_actors(events: pl.LazyFrame, n: int = 10, *, level: Level = "country",
               drop_unknown: bool = True) -> pl.LazyFrame:
    """The n actors involved in most events: `actor`, `as_source`, `as_target`, `events` (= as_source + as_target, so a
    domestic event counts twice for its actor), `goldstein_mean` over those involvements. Ties: alphabetical."""
    first, second = actor_columns(level)
    long = pl.concat([
        events.select(pl.col(first).alias("actor"), pl.lit("source").alias("role"), "goldstein"),
        events.select(pl.col(second).alias("actor"), pl.lit("target").alias("role"), "goldstein"),
    ])
    long = long.filter(pl.col("actor").is_not_null())
    if drop_unknown:
        long = long.filter(~pl.col("actor").str.starts_with(UNKNOWN_ACTORS[0]))
    return (long.group_by("actor").agg(
        (pl.col("role") == "source").sum().cast(pl.UInt32).alias("as_source"),
        (pl.col("role") == "target").sum().cast(pl.UInt32).alias("as_target"),
        pl.len().cast(pl.UInt32).alias("events"),
        pl.col("goldstein").mean().alias("goldstein_mean"),
    ).sort(["events", "actor"], descending=[True, False]).head(n))


def event_names() -> pl.LazyFrame:
    """CAMEO code -> `name` (GDELT lookup label), from the packaged ontology."""
    from coder.ontology import load_ontology

    ontology = load_ontology()
    codes = ontology.codes()
    return pl.LazyFrame({"code": codes, "name": [ontology[c].name for c in codes]})


def top_event_types(events: pl.LazyFrame, n: int = 5, *, by: Sequence[str] = ("source_country", "target_country"),
                    level: Literal["event_code", "root_code"] = "event_code") -> pl.LazyFrame:
    """The n most frequent event types in each `by` group (e.g. per directed dyad; `by=()` for the whole dataset):
    the `by` columns, `rank` (1 = most frequent; ties broken by code), the code column, `name`, `events`, and `share`
    of the group's events."""
    if level not in ("event_code", "root_code"):
        raise ValueError(f"level must be 'event_code' or 'root_code', not {level!r}")
    by = list(by)
    counts = events.group_by([*by, level]).agg(pl.len().cast(pl.UInt32).alias("events"))
    counts = counts.sort([*by, "events", level], descending=[*([False] * len(by)), True, False])
    window = (lambda e: e.over(by)) if by else (lambda e: e)
    counts = counts.with_columns(
        window(pl.int_range(1, pl.len() + 1, dtype=pl.UInt32)).alias("rank"),
        (pl.col("events") / window(pl.col("events").sum())).alias("share"),
    ).filter(pl.col("rank") <= n)
    named = counts.join(event_names(), left_on=level, right_on="code", how="left")
    return named.select([*by, "rank", level, "name", "events", "share"]).sort([*by, "rank"])
