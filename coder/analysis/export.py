"""Exports of an event dataset to formats other tools read: a GDELT- or Phoenix-style flat CSV, and PLOVER-style JSONL
(the POLECAT data-interchange format). `coder-export` is the command line (coder/cli/export.py); formats are
described in docs/analysis.md.

    coder-export datasets/events --format csv --output events.csv              # GDELT column names
    coder-export datasets/events --format csv --style phoenix --output events.tsv
    coder-export datasets/events --format plover --output events.jsonl
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import polars as pl

from coder.ontology.plover import plover_entries


PLOVER_QUAD: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("DEMAND", "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"), 4),
}
"""PLOVER category -> quad code, after the PLOVER manual's quad-category table (REQUEST, the 2021 table's name for
DEMAND, is verbal conflict like DEMAND)."""

PHOENIX_PENTACLASS: dict[str, int] = {
    **dict.fromkeys(("01", "02"), 0),
    **dict.fromkeys(("03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
    **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4),
}
"""CAMEO root -> Phoenix PentaClass (the OEDA Phoenix pipeline's convention; see ../shared/cameo/README.md)."""

CODEBOOK = "CAMEO 1.1b3, mapped with CAMEO2PLOVER-2021"
CSV_STYLES = ("gdelt", "phoenix")
FORMATS = ("csv", "plover")
CODE_COLUMNS = ("EventCode", "EventBaseCode", "EventRootCode")
"""CSV columns that hold CAMEO codes: read them as strings to keep leading zeros (`read_export` does)."""


# --------------------------------------------------------------------------------------------------------------------
# CAMEO -> PLOVER


@lru_cache(maxsize=1)
def plover_lookup() -> pl.DataFrame:
    """Every CAMEO code of the packaged ontology with its PLOVER `plover_event`, `plover_mode`, `plover_context`
    (list) and `plover_quad`. A code missing from the table takes its nearest listed ancestor's entry (155 -> 15,
    1834 -> 183); codes under roots 01 and 02 have none (PLOVER drops public statements and appeals)."""
    rows = []
    for code, entry in plover_entries().items():
        rows.append({
            "event_code": code,
            "plover_event": entry.event if entry else None,
            "plover_mode": entry.mode if entry else None,
            "plover_context": list(entry.context) if entry else None,
            "plover_quad": PLOVER_QUAD.get(entry.event) if entry else None,
        })
    schema = {"event_code": pl.String, "plover_event": pl.String, "plover_mode": pl.String,
              "plover_context": pl.List(pl.String), "plover_quad": pl.Int8}
    return pl.DataFrame(rows, schema=schema)


# --------------------------------------------------------------------------------------------------------------------
# Frames


def _yyyymmdd(column: str) -> pl.Expr:
    return pl.col(column).dt.strftime("%Y%m%d").cast(pl.Int32)


def _organisation(code: pl.Expr) -> pl.Expr:
    return code.str.starts_with("IGO") | code.str.starts_with("NGO") | code.str.starts_with("MNC") | (code == "NATO")


def gdelt_frame(events: pl.LazyFrame) -> pl.LazyFrame:
    """GDELT 1.0 event-table column names for the fields the coder has. Each row is one event in one sentence, so
    NumMentions/NumSources/NumArticles are 1. Omitted (no data): known-group, ethnic and religion codes, IsRootEvent,
    AvgTone, geography, DATEADDED. GLOBALEVENTID is the coder's string event id; the last three columns are the
    coder's own (article id, sentence number, modality)."""
    columns: list[pl.Expr] = [
        pl.col("event_id").alias("GLOBALEVENTID"),
        _yyyymmdd("event_date").alias("SQLDATE"),
        pl.col("event_date").dt.strftime("%Y%m").cast(pl.Int32).alias("MonthYear"),
        pl.col("event_date").dt.year().cast(pl.Int32).alias("Year"),
        (pl.col("event_date").dt.year() + (pl.col("event_date").dt.ordinal_day() - 1)
         / pl.when(pl.col("event_date").dt.is_leap_year()).then(366).otherwise(365)).round(4).alias("FractionDate"),
    ]
    for number, side in ((1, "source"), (2, "target")):
        code, sector = pl.col(f"{side}_code"), pl.col(f"{side}_sector")
        columns += [
            code.alias(f"Actor{number}Code"),
            pl.col(f"{side}_text").alias(f"Actor{number}Name"),
            pl.when(_organisation(code) | (pl.col(f"{side}_country") == "---")).then(None)
            .otherwise(pl.col(f"{side}_country")).alias(f"Actor{number}CountryCode"),
            *[pl.when(sector.str.len_chars() > 3 * i).then(sector.str.slice(3 * i, 3))
              .alias(f"Actor{number}Type{i + 1}Code") for i in range(3)],
        ]
    columns += [
        pl.col("event_code").alias("EventCode"),
        pl.col("event_code").str.slice(0, 3).alias("EventBaseCode"),
        pl.col("root_code").alias("EventRootCode"),
        pl.col("quad_class").alias("QuadClass"),
        pl.col("goldstein").alias("GoldsteinScale"),
        *[pl.lit(1, dtype=pl.Int32).alias(name) for name in ("NumMentions", "NumSources", "NumArticles")],
        pl.col("url").alias("SOURCEURL"),
        pl.col("article_id").alias("ArticleID"),
        pl.col("sentence_index").alias("SentenceID"),
        pl.col("modality").alias("Modality"),
    ]
    return events.select(columns)


def phoenix_frame(events: pl.LazyFrame) -> pl.LazyFrame:
    """Phoenix (OEDA) column names. PentaClass follows the Phoenix convention (from the root code); GoldsteinScore is
    GDELT's scale as in the dataset. Location and issue columns are omitted (no data)."""
    pentaclass = pl.col("root_code").replace_strict(PHOENIX_PENTACLASS, default=None, return_dtype=pl.Int8)
    columns: list[pl.Expr] = [
        pl.col("event_id").alias("EventID"),
        _yyyymmdd("event_date").alias("Date"),
        pl.col("event_date").dt.year().cast(pl.Int32).alias("Year"),
        pl.col("event_date").dt.month().cast(pl.Int8).alias("Month"),
        pl.col("event_date").dt.day().cast(pl.Int8).alias("Day"),
    ]
    for prefix, side in (("Source", "source"), ("Target", "target")):
        sector = pl.col(f"{side}_sector")
        columns += [
            pl.col(f"{side}_code").alias(f"{prefix}ActorFull"),
            pl.col(f"{side}_country").alias(f"{prefix}ActorEntity"),
            sector.str.slice(0, 3).alias(f"{prefix}ActorRole"),
            pl.when(sector.str.len_chars() > 3).then(sector.str.slice(3)).alias(f"{prefix}ActorAttribute"),
        ]
    columns += [
        pl.col("event_code").alias("EventCode"),
        pl.col("root_code").alias("EventRootCode"),
        pentaclass.alias("PentaClass"),
        pl.col("goldstein").alias("GoldsteinScore"),
        pl.concat_str([pl.col("article_id"), pl.col("sentence_index").cast(pl.String)], separator="-")
        .alias("SentenceID"),
        pl.col("url").alias("URLs"),
        pl.col("publisher").alias("NewsSources"),
    ]
    return events.select(columns)


def _plover_actor(side: str) -> pl.Expr:
    code = pl.col(f"{side}_code")
    top = pl.when(code == "NATO").then(pl.lit("IGO")).otherwise(code.str.slice(0, 3))
    actor = pl.struct(
        top.alias("code"),
        pl.col(f"{side}_sector").alias("sector"),
        pl.col(f"{side}_text").alias("actor_text"),
        code.alias("cameo_code"),
    )
    return pl.concat_list(actor)


def plover_frame(events: pl.LazyFrame, include_text: bool = True) -> pl.LazyFrame:
    """PLOVER-style records for the events whose CAMEO code has a PLOVER category (see `plover_lookup`).

    Fields follow the PLOVER manual's JSON table: `id`, `date`, `actor` and `recipient` (lists of actor objects
    `{code, sector, actor_text, cameo_code}`; `code` is the ISO country, `IGO`/`NGO`/`MNC` for organisations, `---`
    when unknown), `event` (the category), `mode`, `context` (list; `hypothetical` added for hypothetical events),
    `quad_code` (from the category), `event_scale` (Goldstein), `event_text`, `text` (the sentence; dropped with
    include_text=False), `text_info`, `cite_info`, `coder`, and `cameo` (the original CAMEO coding)."""
    lookup = plover_lookup().lazy().filter(pl.col("plover_event").is_not_null())
    joined = events.join(lookup, on="event_code", how="inner", maintain_order="left")
    context = pl.col("plover_context").fill_null(pl.lit([], dtype=pl.List(pl.String)))
    columns: list[pl.Expr] = [
        pl.col("event_id").alias("id"),
        pl.col("event_date").dt.strftime("%Y-%m-%d").alias("date"),
        _plover_actor("source").alias("actor"),
        _plover_actor("target").alias("recipient"),
        pl.col("plover_event").alias("event"),
        pl.col("plover_mode").alias("mode"),
        pl.when(pl.col("modality") == "hypothetical")
        .then(pl.concat_list(context, pl.lit("hypothetical"))).otherwise(context).alias("context"),
        pl.col("plover_quad").alias("quad_code"),
        pl.col("goldstein").alias("event_scale"),
        pl.concat_list(pl.col("event_text")).alias("event_text"),
    ]
    if include_text:
        columns.append(pl.col("sentence_text").alias("text"))
    columns += [
        pl.struct(pl.col("sentence_index").alias("sequence"), pl.col("sentence_start").alias("start"),
                  pl.col("sentence_end").alias("end")).alias("text_info"),
        pl.struct(pl.col("article_id").alias("citation"), "url", pl.col("publisher").alias("publication"),
                  pl.concat_str([pl.lit("coder "), pl.col("coder_version")]).alias("coder"),
                  pl.lit(CODEBOOK).alias("codebook")).alias("cite_info"),
        pl.concat_str([pl.lit("coder "), pl.col("coder_version"), pl.lit(" rules "), pl.col("rules_hash")])
        .alias("coder"),
        pl.struct("event_code", "root_code", "quad_class", "goldstein", "source_code", "target_code", "modality",
                  "date_basis", "rule_id").alias("cameo"),
    ]
    return joined.select(columns)


# --------------------------------------------------------------------------------------------------------------------
# Writing and reading


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    rows: int  # records written
    skipped: int  # events with no record in this format (PLOVER: CAMEO roots 01 and 02)
    events: int  # events in the (filtered) dataset


def _filtered(dataset: str | Path, start: date | str | None, end: date | str | None) -> pl.LazyFrame:
    from coder.analysis import scan_events

    events = scan_events(dataset)
    if start is not None:
        events = events.filter(pl.col("event_date") >= pl.lit(date.fromisoformat(str(start))))
    if end is not None:
        events = events.filter(pl.col("event_date") <= pl.lit(date.fromisoformat(str(end))))
    return events.sort("event_date", "article_id", "sentence_index", "event_id")


def export(dataset: str | Path, fmt: str, output: str | Path, *, style: str = "gdelt", include_text: bool = True,
           start: date | str | None = None, end: date | str | None = None,
           separator: str | None = None) -> ExportResult:
    """Write the dataset (optionally only events dated start..end, inclusive) to `output` as `fmt` (csv | plover),
    sorted by date, article, sentence and id. The file is written beside `output` and renamed into place."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    if style not in CSV_STYLES:
        raise ValueError(f"style must be one of {CSV_STYLES}, not {style!r}")
    events = _filtered(dataset, start, end)
    total = events.select(pl.len()).collect().item()
    if fmt == "csv":
        frame = gdelt_frame(events) if style == "gdelt" else phoenix_frame(events)
    else:
        frame = plover_frame(events, include_text=include_text)
    output = Path(output).expanduser()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(f".{output.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        if fmt == "csv":
            sep = separator or ("\t" if output.suffix.lower() == ".tsv" else ",")
            frame.sink_csv(staging, separator=sep)
        else:
            frame.sink_ndjson(staging)
        os.replace(staging, output)
    finally:
        staging.unlink(missing_ok=True)
    rows = _count_rows(output, fmt, sep if fmt == "csv" else None)
    return ExportResult(output, fmt, rows, total - rows, total)


def _count_rows(path: Path, fmt: str, separator: str | None) -> int:
    if fmt == "csv":  # through the CSV reader: quoted fields may hold line breaks
        return pl.scan_csv(path, separator=separator or ",", infer_schema=False).select(pl.len()).collect().item()
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def read_export(path: str | Path, fmt: str | None = None, separator: str | None = None) -> pl.DataFrame:
    """Read an export back: CSV with CAMEO code columns as strings (leading zeros kept), JSONL as nested columns."""
    path = Path(path)
    fmt = fmt or format_from_suffix(path)
    if fmt == "plover":
        return pl.read_ndjson(path)
    sep = separator or ("\t" if path.suffix.lower() == ".tsv" else ",")
    strings = {c: pl.String for c in (*CODE_COLUMNS, "GLOBALEVENTID", "EventID", "SentenceID")}
    header = pl.read_csv(path, separator=sep, n_rows=0).columns
    return pl.read_csv(path, separator=sep, schema_overrides={c: t for c, t in strings.items() if c in header})


def format_from_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "plover"
    raise ValueError(f"cannot tell the format from {path.name!r}; pass --format csv|plover")
