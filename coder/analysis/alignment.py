"""The alignment index: how cooperative each state's relations with each partner are, per period, as the net share of
cooperative events with a Wilson interval and a minimum-count rule (formulas: docs/analysis.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import NormalDist
from typing import Literal

import polars as pl

from coder.analysis.periods import complete_periods, with_period

Direction = Literal["out", "in", "both"]

CENTRAL_ASIA: tuple[str, ...] = ("KAZ", "KGZ", "TJK", "TKM", "UZB")

EU_INSTITUTIONS: tuple[str, ...] = ("IGOEUREEC",)
"""The European Union as an actor: the organisation code, which the packaged dictionaries also give the Commission,
the Council, the European Parliament and the EIB. Member states are separate actors (see EU_MEMBER_STATES)."""

EU_MEMBER_STATES: tuple[str, ...] = (
    "AUT", "BEL", "BGR", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC", "HRV", "HUN", "IRL", "ITA",
    "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "SWE",
)
"""The 27 member states since 1 February 2020 (ISO 3166-1 alpha-3)."""

GREAT_POWERS: dict[str, tuple[str, ...]] = {
    "RUS": ("RUS",),
    "CHN": ("CHN",),
    "USA": ("USA",),
    "EU": EU_INSTITUTIONS,
}
"""Default partners for the alignment index: partner label -> the `*_country` values that count as that partner."""

MIN_EVENTS = 5
"""The reliability rule: a state-partner period needs at least this many events for an alignment value (README,
docs/analysis.md); fewer give `reliable` false and `alignment` null, and the figures mark them."""

GREAT_POWERS_EU27: dict[str, tuple[str, ...]] = {**GREAT_POWERS, "EU": EU_INSTITUTIONS + EU_MEMBER_STATES}
"""Variant where the EU partner is the EU institutions together with its member states."""


def tag_dyads(events: pl.LazyFrame, states: Sequence[str] = CENTRAL_ASIA,
              partners: Mapping[str, Sequence[str]] = GREAT_POWERS, direction: Direction = "out") -> pl.LazyFrame:
    """Events between a state and a partner, with `state`, `partner` (the partner's label) and `direction`:
    `out` (the state is the source), `in` (the partner is the source); `direction="both"` keeps both. An event whose
    other side belongs to two partner groups appears once per group."""
    if direction not in ("out", "in", "both"):
        raise ValueError(f"direction must be 'out', 'in' or 'both', not {direction!r}")
    state_map = pl.LazyFrame({"state": list(states)}, schema={"state": pl.String})
    partner_map = pl.LazyFrame(
        [(label, code) for label, codes in partners.items() for code in codes],
        schema={"partner": pl.String, "_code": pl.String}, orient="row",
    )
    tagged = []
    if direction in ("out", "both"):
        tagged.append(
            events.join(state_map, left_on="source_country", right_on="state", how="inner", coalesce=False)
            .join(partner_map, left_on="target_country", right_on="_code", how="inner")
            .with_columns(direction=pl.lit("out"))
        )
    if direction in ("in", "both"):
        tagged.append(
            events.join(state_map, left_on="target_country", right_on="state", how="inner", coalesce=False)
            .join(partner_map, left_on="source_country", right_on="_code", how="inner")
            .with_columns(direction=pl.lit("in"))
        )
    return pl.concat(tagged, how="vertical") if len(tagged) > 1 else tagged[0]


def wilson_interval(successes: pl.Expr, n: pl.Expr, confidence: float = 0.95) -> tuple[pl.Expr, pl.Expr]:
    """Wilson score interval for a binomial proportion successes/n (null where n is 0)."""
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    n = n.cast(pl.Float64)
    p = successes.cast(pl.Float64) / n
    denominator = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denominator
    half = z * (p * (1 - p) / n + z**2 / (4 * n**2)).sqrt() / denominator
    low = pl.when(n > 0).then((centre - half).clip(0.0, 1.0))
    high = pl.when(n > 0).then((centre + half).clip(0.0, 1.0))
    return low, high


def alignment_index(events: pl.LazyFrame, freq: str | None = "month", *, states: Sequence[str] = CENTRAL_ASIA,
                    partners: Mapping[str, Sequence[str]] = GREAT_POWERS, direction: Direction = "out",
                    min_events: int = MIN_EVENTS, confidence: float = 0.95, complete: bool = False) -> pl.LazyFrame:
    """Alignment of each state toward each partner per period (or over the whole dataset with `freq=None`).

    For the n events of a state-partner pair in a period, with C cooperative (QuadClass 1 or 2) and K conflictual
    (QuadClass 3 or 4) events:

        net_coop = (C - K) / n                      in [-1, 1];  3 cooperative + 1 conflictual -> 0.5
        p = C / n,  [p_lo, p_hi] = Wilson score interval of p at `confidence`
        ci_low, ci_high = 2 * p_lo - 1, 2 * p_hi - 1          (net_coop = 2p - 1 when every event has a class)
        alignment = net_coop if n >= min_events else null

    `direction`: `out` counts the state's own actions toward the partner (its alignment behaviour), `in` the
    partner's actions toward the state, `both` pools the two. Columns: `period` (unless freq=None), `state`,
    `partner`, `events`, `cooperation`, `conflict`, `net_coop`, `ci_low`, `ci_high`, `reliable` (n >= min_events),
    `alignment`, `goldstein_mean`. With `complete`, every state-partner pair gets every period between the first and
    last period of the pairs' events, with `events` 0 and the index null. Events with a null QuadClass are skipped."""
    tagged = tag_dyads(events, states, partners, direction).filter(pl.col("quad_class").is_not_null())
    keys = ["state", "partner"]
    if freq is not None:
        tagged = with_period(tagged, freq)
        keys.append("period")
    table = tagged.group_by(keys).agg(
        pl.len().cast(pl.UInt32).alias("events"),
        (pl.col("quad_class") <= 2).sum().cast(pl.UInt32).alias("cooperation"),
        (pl.col("quad_class") >= 3).sum().cast(pl.UInt32).alias("conflict"),
        pl.col("goldstein").mean().alias("goldstein_mean"),
    )
    pairs = pl.LazyFrame([(s, p) for s in states for p in partners], schema={"state": pl.String, "partner": pl.String},
                         orient="row")
    if complete and freq is not None:
        table = complete_periods(table, pairs, freq, ["events", "cooperation", "conflict"])
    elif complete:
        table = pairs.join(table, on=["state", "partner"], how="left").with_columns(
            pl.col("events", "cooperation", "conflict").fill_null(0))
    n = pl.col("events")
    low, high = wilson_interval(pl.col("cooperation"), n, confidence)
    table = table.with_columns(
        pl.when(n > 0).then((pl.col("cooperation").cast(pl.Float64) - pl.col("conflict")) / n).alias("net_coop"),
        (2 * low - 1).alias("ci_low"),
        (2 * high - 1).alias("ci_high"),
        (n >= min_events).alias("reliable"),
    ).with_columns(pl.when(pl.col("reliable")).then(pl.col("net_coop")).alias("alignment"))
    columns = ["period"] if freq is not None else []
    columns += ["state", "partner", "events", "cooperation", "conflict", "net_coop", "ci_low", "ci_high", "reliable",
                "alignment", "goldstein_mean"]
    order = {"state": list(states), "partner": list(partners)}
    return (table.select(columns)
            .with_columns(pl.col("state").cast(pl.Enum(order["state"])),
                          pl.col("partner").cast(pl.Enum(order["partner"])))
            .sort(["state", "partner", *(["period"] if freq is not None else [])])
            .with_columns(pl.col("state", "partner").cast(pl.String)))
