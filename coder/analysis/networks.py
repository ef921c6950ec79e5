"""Dyad networks: an edge list of the dyads active between two dates, weighted by Goldstein values, and its nodes with
their event counts, weights and degrees."""

from __future__ import annotations

from datetime import date

import polars as pl

from coder.analysis.columns import Level, actor_columns, dyad_keys, known_actors


def dyad_network(events: pl.LazyFrame, start: date | str | None = None, end: date | str | None = None, *,
                 directed: bool = True, level: Level = "country", min_events: int = 1,
                 include_domestic: bool = False, drop_unknown: bool = True) -> pl.LazyFrame:
    """Edge list of the dyad network for events dated from `start` to `end` (inclusive; either may be None).

    One row per dyad (`source`, `target`, or undirected `actor_1` <= `actor_2`) with `events`, `weight` (the sum of
    Goldstein values, the edge weight), `goldstein_mean`, `cooperation` (QuadClass 1-2) and `conflict` (3-4) counts.
    Dyads with fewer than `min_events` events are dropped, as are self-loops unless `include_domestic`."""
    first, second = actor_columns(level)
    events = known_actors(_between(events, start, end), first, second, drop_unknown)
    if not include_domestic:
        events = events.filter(pl.col(first) != pl.col(second))
    events, keys = dyad_keys(events, first, second, directed)
    edges = events.group_by(keys).agg(
        pl.len().cast(pl.UInt32).alias("events"),
        pl.col("goldstein").sum().alias("weight"),
        pl.col("goldstein").mean().alias("goldstein_mean"),
        (pl.col("quad_class") <= 2).sum().cast(pl.UInt32).alias("cooperation"),
        (pl.col("quad_class") >= 3).sum().cast(pl.UInt32).alias("conflict"),
    )
    return edges.filter(pl.col("events") >= min_events).sort(["events", *keys], descending=[True, False, False])


def network_nodes(edges: pl.LazyFrame) -> pl.LazyFrame:
    """Nodes of an edge list from `dyad_network`: `actor`, `events` (sum over its edges), `weight` (sum of its
    edges' Goldstein weights) and `degree` (number of edges)."""
    names = edges.collect_schema().names()
    first, second = ("source", "target") if "source" in names else ("actor_1", "actor_2")
    long = pl.concat([edges.select(pl.col(first).alias("actor"), "events", "weight"),
                      edges.select(pl.col(second).alias("actor"), "events", "weight")])
    return (long.group_by("actor").agg(pl.col("events").sum(), pl.col("weight").sum(),
                                       pl.len().cast(pl.UInt32).alias("degree"))
            .sort(["events", "actor"], descending=[True, False]))


def _between(events: pl.LazyFrame, start: date | str | None, end: date | str | None,
             column: str = "event_date") -> pl.LazyFrame:
    if start is not None:
        events = events.filter(pl.col(column) >= pl.lit(_as_date(start)))
    if end is not None:
        events = events.filter(pl.col(column) <= pl.lit(_as_date(end)))
    return events


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)
