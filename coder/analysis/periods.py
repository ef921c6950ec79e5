"""Counts over time: periods (week, month, quarter, year), events per period, and dyad time series with Goldstein
values and QuadClass counts and shares."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl

from coder.analysis.columns import Level, actor_columns, dyad_keys, known_actors

FREQUENCIES: dict[str, str] = {"week": "1w", "month": "1mo", "quarter": "1q", "year": "1y"}
"""Period names -> polars intervals. Weeks start on Monday (ISO), quarters on 1 January/April/July/October."""

QUAD_CLASSES: dict[int, str] = {
    1: "verbal_coop",
    2: "material_coop",
    3: "verbal_conflict",
    4: "material_conflict",
}
"""QuadClass (GDELT convention, the `quad_class` column) -> the column names used for counts and shares."""

QUAD_LABELS: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def _every(freq: str) -> str:
    try:
        return FREQUENCIES[freq]
    except KeyError:
        raise ValueError(f"freq must be one of {sorted(FREQUENCIES)}, not {freq!r}") from None


def with_period(events: pl.LazyFrame, freq: str = "month", date: str = "event_date") -> pl.LazyFrame:
    """Add `period`: the first day of the week (Monday), month, quarter or year that `date` falls in."""
    return events.with_columns(pl.col(date).dt.truncate(_every(freq)).alias("period"))


def quad_aggregations(prefix: str = "") -> list[pl.Expr]:
    """Aggregations for a group of events: `events`, Goldstein sum and mean, a count per QuadClass, and each class's
    share of the events. Events whose QuadClass is null count in `events` but in no class."""
    counts = [(pl.col("quad_class") == q).sum().cast(pl.UInt32).alias(f"{prefix}{name}")
              for q, name in QUAD_CLASSES.items()]
    return [
        pl.len().alias(f"{prefix}events"),
        pl.col("goldstein").sum().alias(f"{prefix}goldstein_sum"),
        pl.col("goldstein").mean().alias(f"{prefix}goldstein_mean"),
        *counts,
    ]


def _shares(prefix: str = "") -> list[pl.Expr]:
    n = pl.col(f"{prefix}events")
    return [pl.when(n > 0).then(pl.col(f"{prefix}{name}") / n).alias(f"{prefix}{name}_share")
            for name in QUAD_CLASSES.values()]


def complete_periods(frame: pl.LazyFrame, keys: pl.LazyFrame | None, freq: str,
                     zero: Iterable[str]) -> pl.LazyFrame:
    """Every period from the first to the last one in `frame`, for every row of `keys` (None: no key columns), joined
    to `frame`; the `zero` columns are 0 where there was no row."""
    span = frame.select(pl.col("period").min().alias("first"), pl.col("period").max().alias("last"))
    grid = span.select(pl.date_ranges("first", "last", _every(freq)).alias("period")).explode("period").drop_nulls()
    on = ["period"]
    if keys is not None:
        grid = keys.join(grid, how="cross")
        on = [*keys.collect_schema().names(), "period"]
    return grid.join(frame, on=on, how="left").with_columns(pl.col(list(zero)).fill_null(0))


def period_counts(events: pl.LazyFrame, freq: str = "month", by: Sequence[str] = ("quad_class",), *,
                  complete: bool = False) -> pl.LazyFrame:
    """Events per period (and per `by` group): `period`, the `by` columns, `events`. With `complete`, periods without
    events between the first and the last period appear with 0 for every group seen anywhere."""
    by = list(by)
    counts = with_period(events, freq).group_by(["period", *by]).agg(pl.len().alias("events"))
    if complete:
        counts = complete_periods(counts, counts.select(by).unique() if by else None, freq, ["events"])
    return counts.select("period", *by, pl.col("events").cast(pl.UInt32)).sort(["period", *by])


def dyad_series(events: pl.LazyFrame, freq: str = "month", *, directed: bool = True, level: Level = "country",
                complete: bool = False, drop_unknown: bool = True) -> pl.LazyFrame:
    """Dyad time series: one row per dyad and period with `events`, `goldstein_sum`, `goldstein_mean`, a count per
    QuadClass (`verbal_coop`, `material_coop`, `verbal_conflict`, `material_conflict`) and its share (`..._share`).

    Directed dyads are `source`, `target`; undirected dyads are `actor_1` <= `actor_2` (alphabetical), pooling both
    directions. `freq` is week, month, quarter or year; `period` is the period's first day. With `complete`, every
    dyad gets every period between the dataset's first and last period (counts 0, shares and mean null). Events with
    an unknown actor country (`---`) are left out unless `drop_unknown=False`; domestic dyads (KAZ -> KAZ) are kept."""
    first, second = actor_columns(level)
    events = with_period(known_actors(events, first, second, drop_unknown), freq)
    events, keys = dyad_keys(events, first, second, directed)
    series = events.group_by([*keys, "period"]).agg(quad_aggregations())
    if complete:
        zero = ["events", "goldstein_sum", *QUAD_CLASSES.values()]
        series = complete_periods(series, series.select(keys).unique(), freq, zero)
    return series.with_columns(_shares()).sort([*keys, "period"])
