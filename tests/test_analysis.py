"""coder.analysis on small hand-built event tables whose answers are worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from coder import analysis
from coder.ontology import load_ontology
from coder.dataset.records import EVENT_SCHEMA, PARTITION_COLUMNS

ONTOLOGY = load_ontology()


def make_events(rows: list[tuple]) -> pl.DataFrame:
    """Events from (date, source_code, target_code, event_code) tuples, optionally with a fifth item: a dict of other
    columns. Country, sector, root, QuadClass and Goldstein follow from the codes as in coded datasets."""
    records = []
    for i, row in enumerate(rows):
        day, source, target, code = row[:4]
        extra = row[4] if len(row) > 4 else {}
        record = {name: None for name in EVENT_SCHEMA}
        etype = ONTOLOGY[code]
        record.update({
            "event_id": f"e{i:03d}",
            "article_id": f"a{i // 2:03d}",
            "pub_date": date.fromisoformat(day),
            "event_date": date.fromisoformat(day),
            "date_basis": "publication",
            "sentence_index": i % 2,
            "sentence_text": f"Sentence {i}.",
            "sentence_start": 0,
            "sentence_end": 12,
            "event_code": code,
            "root_code": etype.root,
            "event_text": "did",
            "quad_class": etype.quad_class,
            "goldstein": etype.goldstein,
            "modality": "asserted",
            "rule_id": "test",
            "coder_version": "0.1.0",
            "rules_hash": "abc",
        })
        for side, actor in (("source", source), ("target", target)):
            organisation = actor.startswith(("IGO", "NGO")) or actor == "NATO"
            record[f"{side}_code"] = actor
            record[f"{side}_country"] = actor if organisation else actor[:3]
            record[f"{side}_sector"] = None if organisation else (actor[3:] or None)
            record[f"{side}_text"] = actor.lower()
        record.update(extra)
        records.append(record)
    return pl.DataFrame(records, schema=EVENT_SCHEMA)


def lazy(rows: list[tuple]) -> pl.LazyFrame:
    return make_events(rows).lazy()


def write_hive(events: pl.DataFrame, root: Path, name: str = "part-0.parquet") -> Path:
    """Write events as a dataset folder laid out like the coder's: year=YYYY/month=MM/<name>."""
    dated = events.with_columns(pl.col("event_date").dt.year().alias("_y"), pl.col("event_date").dt.month().alias("_m"))
    for (year, month), part in dated.group_by("_y", "_m"):
        folder = root / f"year={year}" / f"month={month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        part.drop("_y", "_m").write_parquet(folder / name)
    return root


# Goldstein (GDELT scale) of the codes used below: 040 +1.0, 042 +1.9, 057 +8.0, 061 +6.4, 111 -2.0, 112 -2.0,
# 138 -7.0, 190 -10.0. QuadClass: 04x/05x -> 1, 06x -> 2, 11x/13x -> 3, 19x -> 4.


# --------------------------------------------------------------------------------------------------------------------
# scan_events


def _write(path: Path, table: pa.Table) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


def test_scan_events_reads_hive_partitions_and_merges_evolved_schemas(tmp_path):
    current = make_events([("2024-03-05", "KAZGOV", "RUSGOV", "057"), ("2024-03-09", "RUS", "KAZ", "111")])
    _write(tmp_path / "ds" / "year=2024" / "month=03" / "part-0.parquet", current.to_arrow())
    # An older writer: no date_basis column, quad_class as int64, and a column the current schema does not know.
    old = make_events([("2023-11-20", "CHN", "UZBGOV", "061")]).drop("date_basis").with_columns(
        pl.col("quad_class").cast(pl.Int64), pl.lit("x").alias("legacy_note"))
    _write(tmp_path / "ds" / "year=2023" / "month=11" / "part-0.parquet", old.to_arrow())
    (tmp_path / "ds" / "_notes.parquet").write_bytes(b"not parquet")  # underscore files are not event files

    events = analysis.scan_events(tmp_path / "ds")
    assert isinstance(events, pl.LazyFrame)
    schema = events.collect_schema()
    assert list(schema)[: len(EVENT_SCHEMA)] == list(EVENT_SCHEMA)
    assert list(schema)[-2:] == ["year", "month"]
    assert schema["quad_class"] == pl.Int8 and schema["year"] == PARTITION_COLUMNS["year"]
    assert schema["month"] == PARTITION_COLUMNS["month"] and "legacy_note" in schema

    frame = events.sort("event_date").collect()
    assert frame.height == 3
    assert frame["year"].to_list() == [2023, 2024, 2024]
    assert frame["month"].to_list() == [11, 3, 3]
    assert frame["date_basis"].to_list() == [None, "publication", "publication"]
    assert frame["legacy_note"].to_list() == ["x", None, None]
    assert frame["quad_class"].to_list() == [2, 1, 3]


def test_scan_events_empty_folder_single_file_and_missing_path(tmp_path):
    (tmp_path / "empty").mkdir()
    empty = analysis.scan_events(tmp_path / "empty").collect()
    assert empty.height == 0 and list(empty.columns) == [*EVENT_SCHEMA, *PARTITION_COLUMNS]

    single = tmp_path / "one.parquet"
    make_events([("2024-01-02", "KAZ", "CHN", "040")]).write_parquet(single)
    frame = analysis.scan_events(single).collect()
    assert frame.height == 1 and frame["year"].to_list() == [None]

    with pytest.raises(FileNotFoundError):
        analysis.scan_events(tmp_path / "nowhere")


# --------------------------------------------------------------------------------------------------------------------
# periods and counts


def test_with_period_truncates_to_week_month_quarter_year():
    events = lazy([("2024-05-16", "KAZ", "RUS", "040")])  # a Thursday
    got = {f: analysis.with_period(events, f).collect()["period"].item() for f in analysis.FREQUENCIES}
    assert got == {"week": date(2024, 5, 13), "month": date(2024, 5, 1), "quarter": date(2024, 4, 1),
                   "year": date(2024, 1, 1)}
    with pytest.raises(ValueError):
        analysis.with_period(events, "fortnight")


def test_period_counts_by_quadclass_with_empty_months_filled():
    events = lazy([
        ("2024-01-03", "KAZ", "RUS", "040"),
        ("2024-01-20", "KAZ", "RUS", "111"),
        ("2024-01-25", "RUS", "KAZ", "042"),
        ("2024-03-02", "KAZ", "CHN", "190"),
    ])
    sparse = analysis.period_counts(events, "month").collect()
    assert sparse.rows() == [(date(2024, 1, 1), 1, 2), (date(2024, 1, 1), 3, 1), (date(2024, 3, 1), 4, 1)]
    full = analysis.period_counts(events, "month", complete=True).collect()
    assert full.height == 3 * 3  # January-March x the three classes seen
    assert full.filter(pl.col("period") == date(2024, 2, 1))["events"].to_list() == [0, 0, 0]
    totals = analysis.period_counts(events, "month", by=(), complete=True).collect()
    assert totals.rows() == [(date(2024, 1, 1), 3), (date(2024, 2, 1), 0), (date(2024, 3, 1), 1)]


# --------------------------------------------------------------------------------------------------------------------
# dyad series


DYAD_ROWS = [
    ("2024-01-03", "KAZGOV", "RUSGOV", "057"),  # KAZ->RUS Jan: +8.0, q1
    ("2024-01-10", "KAZGOV", "RUS", "061"),  # KAZ->RUS Jan: +6.4, q2
    ("2024-01-15", "KAZ", "RUSGOV", "111"),  # KAZ->RUS Jan: -2.0, q3
    ("2024-01-20", "RUSMIL", "KAZ", "190"),  # RUS->KAZ Jan: -10.0, q4
    ("2024-03-01", "RUSGOV", "KAZGOV", "042"),  # RUS->KAZ Mar: +1.9, q1
    ("2024-03-05", "---GOV", "KAZGOV", "112"),  # unknown source: left out
]


def test_dyad_series_directed_month():
    series = analysis.dyad_series(lazy(DYAD_ROWS), "month").collect()
    assert series.select("source", "target", "period", "events").rows() == [
        ("KAZ", "RUS", date(2024, 1, 1), 3),
        ("RUS", "KAZ", date(2024, 1, 1), 1),
        ("RUS", "KAZ", date(2024, 3, 1), 1),
    ]
    kaz_rus = series.row(0, named=True)
    assert kaz_rus["goldstein_sum"] == pytest.approx(12.4)
    assert kaz_rus["goldstein_mean"] == pytest.approx(12.4 / 3)
    assert (kaz_rus["verbal_coop"], kaz_rus["material_coop"], kaz_rus["verbal_conflict"],
            kaz_rus["material_conflict"]) == (1, 1, 1, 0)
    assert kaz_rus["verbal_coop_share"] == pytest.approx(1 / 3)
    assert kaz_rus["material_conflict_share"] == 0.0


def test_dyad_series_undirected_pools_both_directions_and_completes_periods():
    series = analysis.dyad_series(lazy(DYAD_ROWS), "month", directed=False, complete=True).collect()
    assert series.select("actor_1", "actor_2", "period", "events").rows() == [
        ("KAZ", "RUS", date(2024, 1, 1), 4),
        ("KAZ", "RUS", date(2024, 2, 1), 0),
        ("KAZ", "RUS", date(2024, 3, 1), 1),
    ]
    january, february = series.row(0, named=True), series.row(1, named=True)
    assert january["goldstein_sum"] == pytest.approx(2.4)
    assert january["material_conflict_share"] == pytest.approx(0.25)
    assert february["goldstein_sum"] == 0 and february["goldstein_mean"] is None
    assert february["verbal_coop_share"] is None


def test_dyad_series_weeks_quarters_and_actor_codes():
    weekly = analysis.dyad_series(lazy(DYAD_ROWS), "week", directed=False).collect()
    assert weekly["period"].to_list() == [date(2024, 1, 1), date(2024, 1, 8), date(2024, 1, 15),
                                          date(2024, 2, 26)]  # Mondays
    assert weekly["events"].to_list() == [1, 1, 2, 1]
    quarterly = analysis.dyad_series(lazy(DYAD_ROWS), "quarter").collect()
    assert quarterly.select("source", "period", "events").rows() == [("KAZ", date(2024, 1, 1), 3),
                                                                      ("RUS", date(2024, 1, 1), 2)]
    codes = analysis.dyad_series(lazy(DYAD_ROWS), "year", level="code", drop_unknown=False).collect()
    assert ("---GOV", "KAZGOV", 1) in codes.select("source", "target", "events").rows()
    assert ("KAZGOV", "RUSGOV", 1) in codes.select("source", "target", "events").rows()


# --------------------------------------------------------------------------------------------------------------------
# alignment index

ALIGN_ROWS = [
    # KAZ -> RUS in March 2024: three cooperative, one conflictual event.
    ("2024-03-01", "KAZGOV", "RUSGOV", "057"),
    ("2024-03-02", "KAZGOV", "RUSGOV", "040"),
    ("2024-03-03", "KAZ", "RUS", "061"),
    ("2024-03-04", "KAZGOV", "RUSGOV", "111"),
    # RUS -> KAZ in March 2024: one threat (only counted with direction in/both).
    ("2024-03-05", "RUSGOV", "KAZGOV", "138"),
    # UZB -> EU (the organisation) and UZB -> DEU in May 2024.
    ("2024-05-10", "UZBGOV", "IGOEUREEC", "042"),
    ("2024-05-11", "UZBGOV", "DEUGOV", "112"),
    # Not a Central Asia - great power dyad.
    ("2024-03-06", "KAZGOV", "KGZGOV", "190"),
]


def test_alignment_index_three_cooperative_one_conflictual_gives_one_half():
    table = analysis.alignment_index(lazy(ALIGN_ROWS), "month", min_events=4).collect()
    row = table.filter((pl.col("state") == "KAZ") & (pl.col("partner") == "RUS")).row(0, named=True)
    assert row["period"] == date(2024, 3, 1)
    assert (row["events"], row["cooperation"], row["conflict"]) == (4, 3, 1)
    assert row["net_coop"] == pytest.approx(0.5)  # (3 - 1) / 4
    assert row["alignment"] == pytest.approx(0.5) and row["reliable"] is True
    # Wilson 95% interval for 3/4 is [0.3006, 0.9544]; mapped to the index scale by 2p - 1.
    assert row["ci_low"] == pytest.approx(-0.39872, abs=1e-4)
    assert row["ci_high"] == pytest.approx(0.90883, abs=1e-4)
    assert row["goldstein_mean"] == pytest.approx((8.0 + 1.0 + 6.4 - 2.0) / 4)


def test_alignment_index_minimum_count_rule_nulls_sparse_months():
    table = analysis.alignment_index(lazy(ALIGN_ROWS), "month").collect()  # default min_events=5
    row = table.filter((pl.col("state") == "KAZ") & (pl.col("partner") == "RUS")).row(0, named=True)
    assert row["net_coop"] == pytest.approx(0.5)
    assert row["reliable"] is False and row["alignment"] is None


def test_alignment_index_directions_and_eu_definitions():
    both = analysis.alignment_index(lazy(ALIGN_ROWS), None, direction="both", min_events=1).collect()
    kaz_rus = both.filter((pl.col("state") == "KAZ") & (pl.col("partner") == "RUS")).row(0, named=True)
    assert (kaz_rus["events"], kaz_rus["cooperation"], kaz_rus["conflict"]) == (5, 3, 2)
    assert kaz_rus["net_coop"] == pytest.approx(0.2)  # (3 - 2) / 5
    incoming = analysis.alignment_index(lazy(ALIGN_ROWS), None, direction="in", min_events=1).collect()
    assert incoming.select("state", "partner", "events", "net_coop").rows() == [("KAZ", "RUS", 1, -1.0)]
    # The EU partner is the organisation by default; with GREAT_POWERS_EU27 member states count too.
    eu = analysis.alignment_index(lazy(ALIGN_ROWS), None, min_events=1).filter(pl.col("partner") == "EU").collect()
    assert eu.select("state", "events", "net_coop").rows() == [("UZB", 1, 1.0)]
    eu27 = analysis.alignment_index(lazy(ALIGN_ROWS), None, partners=analysis.GREAT_POWERS_EU27,
                                    min_events=1).filter(pl.col("partner") == "EU").collect()
    assert eu27.select("state", "events", "net_coop").rows() == [("UZB", 2, 0.0)]
    with pytest.raises(ValueError):
        analysis.alignment_index(lazy(ALIGN_ROWS), None, direction="sideways").collect()


def test_alignment_index_complete_grid_and_order():
    table = analysis.alignment_index(lazy(ALIGN_ROWS), "month", complete=True, min_events=1).collect()
    assert table.height == 5 * 4 * 3  # states x partners x March-May
    assert table["state"].unique(maintain_order=True).to_list() == list(analysis.CENTRAL_ASIA)
    assert table["partner"].unique(maintain_order=True).to_list() == list(analysis.GREAT_POWERS)
    empty = table.filter((pl.col("state") == "TKM") & (pl.col("partner") == "CHN")).row(0, named=True)
    assert empty["events"] == 0 and empty["net_coop"] is None and empty["ci_low"] is None
    assert empty["alignment"] is None and empty["reliable"] is False
    overall = analysis.alignment_index(lazy(ALIGN_ROWS), None, complete=True).collect()
    assert overall.height == 20 and "period" not in overall.columns


def test_wilson_interval_known_values():
    frame = pl.DataFrame({"k": [3, 0, 10, 1, 0], "n": [4, 10, 10, 2, 0]})
    low, high = analysis.wilson_interval(pl.col("k"), pl.col("n"))
    got = frame.select(low.alias("low"), high.alias("high"))
    expected = [(0.30064, 0.95441), (0.0, 0.27753), (0.72247, 1.0), (0.09453, 0.90547)]
    for (lo, hi), (want_lo, want_hi) in zip(got.rows()[:4], expected):
        assert lo == pytest.approx(want_lo, abs=1e-4) and hi == pytest.approx(want_hi, abs=1e-4)
    assert got.row(4) == (None, None)
    lo90, hi90 = analysis.wilson_interval(pl.lit(3), pl.lit(4), confidence=0.90)
    narrow = pl.select(lo90.alias("low"), hi90.alias("high")).row(0)
    assert narrow[0] > 0.30064 and narrow[1] < 0.95441


# --------------------------------------------------------------------------------------------------------------------
# top actors and event types

TOP_ROWS = [
    ("2024-01-01", "KAZGOV", "RUSGOV", "057"),
    ("2024-01-02", "KAZGOV", "RUSGOV", "057"),
    ("2024-01-03", "KAZGOV", "RUSGOV", "040"),
    ("2024-01-04", "RUSGOV", "KAZGOV", "111"),
    ("2024-01-05", "CHNGOV", "KAZGOV", "061"),
    ("2024-01-06", "KAZGOV", "KAZCVL", "112"),  # domestic: KAZ counts as source and as target
    ("2024-01-07", "---GOV", "UZBGOV", "040"),
]


def test_top_actors_counts_involvements():
    table = analysis.top_actors(lazy(TOP_ROWS), 3).collect()
    assert table.select("actor", "as_source", "as_target", "events").rows() == [
        ("KAZ", 4, 3, 7), ("RUS", 1, 3, 4), ("CHN", 1, 0, 1),  # CHN before UZB: alphabetical on ties
    ]
    codes = analysis.top_actors(lazy(TOP_ROWS), 10, level="code", drop_unknown=False).collect()
    assert codes.filter(pl.col("actor") == "---GOV")["events"].to_list() == [1]
    assert codes.filter(pl.col("actor") == "KAZCVL")["as_target"].to_list() == [1]


def test_top_event_types_per_dyad_and_overall():
    table = analysis.top_event_types(lazy(TOP_ROWS), 2).collect()
    kaz_rus = table.filter((pl.col("source_country") == "KAZ") & (pl.col("target_country") == "RUS"))
    assert kaz_rus.select("rank", "event_code", "name", "events").rows() == [
        (1, "057", "Sign formal agreement", 2), (2, "040", ONTOLOGY["040"].name, 1)]
    assert kaz_rus["share"].to_list() == pytest.approx([2 / 3, 1 / 3])
    overall = analysis.top_event_types(lazy(TOP_ROWS), 2, by=()).collect()
    assert overall.select("rank", "event_code", "events").rows() == [(1, "040", 2), (2, "057", 2)]  # tie: by code
    roots = analysis.top_event_types(lazy(TOP_ROWS), 1, by=("source_country",), level="root_code").collect()
    assert roots.filter(pl.col("source_country") == "KAZ").select("root_code", "events").rows() == [("05", 2)]


def test_top_event_types_on_tagged_dyads():
    tagged = analysis.tag_dyads(lazy(TOP_ROWS), direction="both")
    table = analysis.top_event_types(tagged, 1, by=("state", "partner")).collect()
    assert table.select("state", "partner", "event_code", "events").rows() == [
        ("KAZ", "CHN", "061", 1), ("KAZ", "RUS", "057", 2)]


# --------------------------------------------------------------------------------------------------------------------
# networks


NETWORK_ROWS = [
    ("2023-12-31", "KAZGOV", "CHNGOV", "057"),  # before the period
    ("2024-01-01", "KAZGOV", "CHNGOV", "057"),
    ("2024-02-01", "CHNGOV", "KAZGOV", "061"),
    ("2024-03-31", "KAZGOV", "RUSGOV", "111"),
    ("2024-03-31", "KAZGOV", "KAZCVL", "040"),  # domestic
    ("2024-04-01", "KAZGOV", "USAGOV", "057"),  # after the period
]


def test_dyad_network_period_weights_and_self_loops():
    edges = analysis.dyad_network(lazy(NETWORK_ROWS), "2024-01-01", date(2024, 3, 31)).collect()
    assert edges.select("source", "target", "events", "weight", "cooperation", "conflict").rows() == [
        ("CHN", "KAZ", 1, 6.4, 1, 0), ("KAZ", "CHN", 1, 8.0, 1, 0), ("KAZ", "RUS", 1, -2.0, 0, 1)]
    undirected = analysis.dyad_network(lazy(NETWORK_ROWS), "2024-01-01", "2024-03-31", directed=False).collect()
    assert undirected.select("actor_1", "actor_2", "events", "weight", "goldstein_mean").rows() == [
        ("CHN", "KAZ", 2, pytest.approx(14.4), pytest.approx(7.2)), ("KAZ", "RUS", 1, -2.0, -2.0)]
    busy = analysis.dyad_network(lazy(NETWORK_ROWS), directed=False, min_events=2, include_domestic=True).collect()
    assert busy.select("actor_1", "actor_2", "events").rows() == [("CHN", "KAZ", 3)]
    loops = analysis.dyad_network(lazy(NETWORK_ROWS), include_domestic=True).collect()
    assert ("KAZ", "KAZ") in loops.select("source", "target").rows()


def test_network_nodes_sum_edges():
    edges = analysis.dyad_network(lazy(NETWORK_ROWS), directed=False)
    nodes = analysis.network_nodes(edges).collect()
    assert nodes.select("actor", "events", "degree").rows() == [("KAZ", 5, 3), ("CHN", 3, 1), ("RUS", 1, 1),
                                                                ("USA", 1, 1)]
    assert nodes.filter(pl.col("actor") == "KAZ")["weight"].item() == pytest.approx(8.0 + 8.0 + 6.4 - 2.0 + 8.0)
