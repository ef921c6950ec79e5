"""Analysis layer over coded event datasets: lazy polars queries for dyad time series, an alignment index, top actors
and event types, and dyad networks. Formulas and examples: docs/analysis.md.

Every function takes and returns a `pl.LazyFrame` (call `.collect()` on the result), so filters written before or
after them are pushed down to the Parquet scan. Actors are compared at the country level by default
(`source_country`/`target_country`: `KAZ`, `RUS`, `IGOEUREEC`); pass `level="code"` for full actor codes (`KAZGOV`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from statistics import NormalDist
from typing import Literal

import polars as pl
import pyarrow.parquet as pq

Level = Literal["country", "code"]
Direction = Literal["out", "in", "both"]

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

GREAT_POWERS_EU27: dict[str, tuple[str, ...]] = {**GREAT_POWERS, "EU": EU_INSTITUTIONS + EU_MEMBER_STATES}
"""Variant where the EU partner is the EU institutions together with its member states."""

UNKNOWN_ACTORS: tuple[str, ...] = ("---",)


# --------------------------------------------------------------------------------------------------------------------
# Loading


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


# --------------------------------------------------------------------------------------------------------------------
# Building blocks


def _every(freq: str) -> str:
    try:
        return FREQUENCIES[freq]
    except KeyError:
        raise ValueError(f"freq must be one of {sorted(FREQUENCIES)}, not {freq!r}") from None


def _actor_columns(level: Level) -> tuple[str, str]:
    if level == "country":
        return "source_country", "target_country"
    if level == "code":
        return "source_code", "target_code"
    raise ValueError(f"level must be 'country' or 'code', not {level!r}")


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


def _complete_periods(frame: pl.LazyFrame, keys: pl.LazyFrame | None, freq: str,
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


def _dyad_keys(events: pl.LazyFrame, first: str, second: str, directed: bool) -> tuple[pl.LazyFrame, list[str]]:
    """Dyad key columns: `source`, `target` for directed dyads, `actor_1` <= `actor_2` for undirected ones."""
    if directed:
        return events.with_columns(pl.col(first).alias("source"), pl.col(second).alias("target")), ["source", "target"]
    return events.with_columns(_undirected(first, second)), ["actor_1", "actor_2"]


def _undirected(first: str, second: str) -> list[pl.Expr]:
    a, b = pl.col(first), pl.col(second)
    return [pl.when(a <= b).then(a).otherwise(b).alias("actor_1"),
            pl.when(a <= b).then(b).otherwise(a).alias("actor_2")]


def _known_actors(events: pl.LazyFrame, first: str, second: str, drop_unknown: bool) -> pl.LazyFrame:
    keep = pl.col(first).is_not_null() & pl.col(second).is_not_null()
    if drop_unknown:
        for column in (first, second):
            keep &= ~pl.col(column).str.starts_with(UNKNOWN_ACTORS[0])
    return events.filter(keep)


def _between(events: pl.LazyFrame, start: date | str | None, end: date | str | None,
             column: str = "event_date") -> pl.LazyFrame:
    if start is not None:
        events = events.filter(pl.col(column) >= pl.lit(_as_date(start)))
    if end is not None:
        events = events.filter(pl.col(column) <= pl.lit(_as_date(end)))
    return events


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


# --------------------------------------------------------------------------------------------------------------------
# Counts over time


def period_counts(events: pl.LazyFrame, freq: str = "month", by: Sequence[str] = ("quad_class",), *,
                  complete: bool = False) -> pl.LazyFrame:
    """Events per period (and per `by` group): `period`, the `by` columns, `events`. With `complete`, periods without
    events between the first and the last period appear with 0 for every group seen anywhere."""
    by = list(by)
    counts = with_period(events, freq).group_by(["period", *by]).agg(pl.len().alias("events"))
    if complete:
        counts = _complete_periods(counts, counts.select(by).unique() if by else None, freq, ["events"])
    return counts.select("period", *by, pl.col("events").cast(pl.UInt32)).sort(["period", *by])


def dyad_series(events: pl.LazyFrame, freq: str = "month", *, directed: bool = True, level: Level = "country",
                complete: bool = False, drop_unknown: bool = True) -> pl.LazyFrame:
    """Dyad time series: one row per dyad and period with `events`, `goldstein_sum`, `goldstein_mean`, a count per
    QuadClass (`verbal_coop`, `material_coop`, `verbal_conflict`, `material_conflict`) and its share (`..._share`).

    Directed dyads are `source`, `target`; undirected dyads are `actor_1` <= `actor_2` (alphabetical), pooling both
    directions. `freq` is week, month, quarter or year; `period` is the period's first day. With `complete`, every
    dyad gets every period between the dataset's first and last period (counts 0, shares and mean null). Events with
    an unknown actor country (`---`) are left out unless `drop_unknown=False`; domestic dyads (KAZ -> KAZ) are kept."""
    first, second = _actor_columns(level)
    events = with_period(_known_actors(events, first, second, drop_unknown), freq)
    events, keys = _dyad_keys(events, first, second, directed)
    series = events.group_by([*keys, "period"]).agg(quad_aggregations())
    if complete:
        zero = ["events", "goldstein_sum", *QUAD_CLASSES.values()]
        series = _complete_periods(series, series.select(keys).unique(), freq, zero)
    return series.with_columns(_shares()).sort([*keys, "period"])


# --------------------------------------------------------------------------------------------------------------------
# Alignment index


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
                    min_events: int = 5, confidence: float = 0.95, complete: bool = False) -> pl.LazyFrame:
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
        table = _complete_periods(table, pairs, freq, ["events", "cooperation", "conflict"])
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


# --------------------------------------------------------------------------------------------------------------------
# Top actors and event types


def top_actors(events: pl.LazyFrame, n: int = 10, *, level: Level = "country",
               drop_unknown: bool = True) -> pl.LazyFrame:
    """The n actors involved in most events: `actor`, `as_source`, `as_target`, `events` (= as_source + as_target, so a
    domestic event counts twice for its actor), `goldstein_mean` over those involvements. Ties: alphabetical."""
    first, second = _actor_columns(level)
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


# --------------------------------------------------------------------------------------------------------------------
# Networks


def dyad_network(events: pl.LazyFrame, start: date | str | None = None, end: date | str | None = None, *,
                 directed: bool = True, level: Level = "country", min_events: int = 1,
                 include_domestic: bool = False, drop_unknown: bool = True) -> pl.LazyFrame:
    """Edge list of the dyad network for events dated from `start` to `end` (inclusive; either may be None).

    One row per dyad (`source`, `target`, or undirected `actor_1` <= `actor_2`) with `events`, `weight` (the sum of
    Goldstein values, the edge weight), `goldstein_mean`, `cooperation` (QuadClass 1-2) and `conflict` (3-4) counts.
    Dyads with fewer than `min_events` events are dropped, as are self-loops unless `include_domestic`."""
    first, second = _actor_columns(level)
    events = _known_actors(_between(events, start, end), first, second, drop_unknown)
    if not include_domestic:
        events = events.filter(pl.col(first) != pl.col(second))
    events, keys = _dyad_keys(events, first, second, directed)
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
