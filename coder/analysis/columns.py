"""Building blocks the queries share: which columns name the two actors at a level, which events have both actors
known, and the key columns of directed or undirected dyads."""

from __future__ import annotations

from typing import Literal

import polars as pl

Level = Literal["country", "code"]

UNKNOWN_ACTORS: tuple[str, ...] = ("---",)


def actor_columns(level: Level) -> tuple[str, str]:
    """The (source, target) columns compared at `level`: `*_country` (`KAZ`) or `*_code` (`KAZGOV`)."""
    if level == "country":
        return "source_country", "target_country"
    if level == "code":
        return "source_code", "target_code"
    raise ValueError(f"level must be 'country' or 'code', not {level!r}")


def known_actors(events: pl.LazyFrame, first: str, second: str, drop_unknown: bool) -> pl.LazyFrame:
    """Events where both actor columns are set and, with `drop_unknown`, neither is an unknown country (`---`)."""
    keep = pl.col(first).is_not_null() & pl.col(second).is_not_null()
    if drop_unknown:
        for column in (first, second):
            keep &= ~pl.col(column).str.starts_with(UNKNOWN_ACTORS[0])
    return events.filter(keep)


def dyad_keys(events: pl.LazyFrame, first: str, second: str, directed: bool) -> tuple[pl.LazyFrame, list[str]]:
    """Dyad key columns: `source`, `target` for directed dyads, `actor_1` <= `actor_2` for undirected ones."""
    if directed:
        return events.with_columns(pl.col(first).alias("source"), pl.col(second).alias("target")), ["source", "target"]
    return events.with_columns(_undirected(first, second)), ["actor_1", "actor_2"]


def _undirected(first: str, second: str) -> list[pl.Expr]:
    a, b = pl.col(first), pl.col(second)
    return [pl.when(a <= b).then(a).otherwise(b).alias("actor_1"),
            pl.when(a <= b).then(b).otherwise(a).alias("actor_2")]
