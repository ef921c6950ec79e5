"""JSONL, CSV and Parquet inputs, read record by record so that memory stays flat whatever the file's size: JSONL line
by line, CSV row by row (Python's csv module over the file decoded with input.encoding), Parquet in batches of rows
(pyarrow's iter_batches, reading only the columns input.columns maps). Each record becomes an Article or a Reject
(coder.dataset.input_records); a bad record is rejected alone, with its line (JSONL, CSV) or row (Parquet) in the
reject's source, and the rest of the file is read. The order is the file's, so a scan is deterministic."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from coder.config import InputConfig
from coder.dataset.input_records import record_article
from coder.dataset.inputs import Article, Reject, RejectKind, encoding_reason, short

PARQUET_BATCH_ROWS = 1024  # rows per Parquet batch: a few MB of text in memory at a time
_REQUIRED = ("id", "pub_date", "text")  # input.columns.* a table must have; title, publisher and url may be absent
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte input.encoding could not decode (errors="surrogateescape")


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def guarded(make: Callable[[], Article | Reject], source: str) -> Article | Reject:
    """One record's conversion; an unexpected error rejects that record only, never the rest of the file."""
    try:
        return make()
    except Exception as exc:  # noqa: BLE001
        return Reject(source, f"invalid record: {type(exc).__name__}: {short(str(exc))}", None, RejectKind.invalid)


# --- JSONL --------------------------------------------------------------------------------------------------------

def read_jsonl(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield _jsonl_record(raw.rstrip(b"\r\n"), f"{path}:{number}", cfg, number == 1)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        raise _DuplicateKey(next(k for k, _ in pairs if k in seen or seen.add(k)))  # type: ignore[func-returns-value]
    return record


def _jsonl_record(raw: bytes, source: str, cfg: InputConfig, first: bool) -> Article | Reject:
    try:
        text = raw.decode(cfg.encoding)
    except UnicodeDecodeError as exc:
        return Reject(source, encoding_reason(cfg.encoding, f"{exc.reason} at byte {exc.start}", raw), None,
                      RejectKind.encoding)
    try:
        record = json.loads(text.removeprefix("\ufeff") if first else text, object_pairs_hook=_unique_keys)
    except _DuplicateKey as duplicate:
        return Reject(source, f"duplicate key {duplicate.key!r} in a JSON object: which value counts cannot be told; "
                              f"write each key once", None, RejectKind.invalid)
    except (json.JSONDecodeError, RecursionError) as exc:
        reason = (f"invalid JSON: {exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError)
                  else "invalid JSON: nested too deeply")
        return Reject(source, reason, None, RejectKind.invalid)
    if not isinstance(record, dict):
        return Reject(source, "a JSONL line must be an object", None, RejectKind.invalid)
    return guarded(lambda: record_article(record, cfg, source, raw), source)


# --- the columns of a table ----------------------------------------------------------------------------------------

def _mapped(cfg: InputConfig) -> list[tuple[str, str]]:
    """(option, column) for each column input.columns maps."""
    pairs = [(option, getattr(cfg.columns, option)) for option in ("id", "pub_date", "text", "title", "publisher",
                                                                   "url")]
    return [(option, column) for option, column in pairs if column]


def columns_problem(names: list[str], path: Path, cfg: InputConfig) -> Reject | None:
    """The Reject of a whole table whose header names a column twice or lacks a column input.columns needs."""
    listed = short(", ".join(repr(n) for n in names), 300)
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        return Reject(str(path), f"duplicate column name(s) {', '.join(map(repr, twice))}: which one input.columns "
                                 f"reads cannot be told; rename them (the columns are {listed})", None,
                      RejectKind.invalid)
    missing = [(option, column) for option, column in _mapped(cfg) if option in _REQUIRED and column not in names]
    missing += [(option, "") for option in _REQUIRED if not getattr(cfg.columns, option)]
    if missing:
        fixes = " and ".join(f"input.columns.{option}=<column>" for option, _ in missing)
        which = ", ".join(f"{column!r} (input.columns.{option})" if column else f"input.columns.{option} is not set"
                          for option, column in missing)
        return Reject(str(path), f"missing column(s): {which}; the file's columns are {listed}: set {fixes}", None,
                      RejectKind.missing)
    return None


# --- CSV ----------------------------------------------------------------------------------------------------------

def read_csv(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    # A field may hold a text up to a few times input.max_chars (it is then rejected as too_large); a longer one, or
    # a quote left open that would run on through the file, is an invalid row. Set each time: one limit per config.
    csv.field_size_limit(max(4 * cfg.max_chars, 131072))
    with path.open("rb") as binary, io.TextIOWrapper(binary, encoding=cfg.encoding, errors="surrogateescape",
                                                     newline="") as handle:
        rows = csv.reader(handle, strict=True)
        try:
            header = next(rows, None)
        except csv.Error as exc:
            yield Reject(f"{path}:1", f"unreadable CSV header: {exc}", None, RejectKind.unreadable)
            return
        if header is None:
            return  # an empty file: read_file rejects it as having no records
        header[0] = header[0].removeprefix("\ufeff")
        problem = _header_problem(header, path, cfg)
        if problem is not None:
            yield problem
            return
        yield from _csv_rows(rows, header, path, cfg)


def _header_problem(header: list[str], path: Path, cfg: InputConfig) -> Reject | None:
    escaped = next((name for name in header if _ESCAPED_BYTE.search(name)), None)
    if escaped is not None:
        byte = ord(_ESCAPED_BYTE.search(escaped).group()) - 0xDC00  # type: ignore[union-attr]
        return Reject(str(path), encoding_reason(cfg.encoding, f"byte 0x{byte:02x} in the header"), None,
                      RejectKind.encoding)
    return columns_problem(header, path, cfg)


def _csv_rows(rows, header: list[str], path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    """Each row after the header, located by the line it starts on; a row that cannot be parsed or has another
    number of fields than the header is rejected alone."""
    line = rows.line_num
    while True:
        start = line + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            line = rows.line_num
            yield Reject(f"{path}:{start}", f"invalid CSV row: {exc}; quote a field that holds a comma, quote or line "
                                            f"break, and double the quotes inside it", None, RejectKind.invalid)
            continue
        line = rows.line_num
        if not row or (len(row) == 1 and not row[0].strip() and len(header) > 1):
            continue  # a blank line
        source = f"{path}:{start}"
        if len(row) != len(header):
            yield Reject(source, f"the row has {len(row)} field(s), the header {len(header)}: quote a field that holds "
                                 f"a comma, or fix the row", None, RejectKind.invalid)
            continue
        yield _csv_record(dict(zip(header, row)), source, cfg)


def _csv_record(record: dict[str, str], source: str, cfg: InputConfig) -> Article | Reject:
    for name, value in record.items():
        try:
            value.encode("utf-8")  # fails on the escaped bytes only (the decoder makes no other lone surrogates)
        except UnicodeEncodeError as exc:
            byte = ord(value[exc.start]) - 0xDC00
            return Reject(source, encoding_reason(cfg.encoding, f"byte 0x{byte:02x} in column {name!r}",
                                                  _original_bytes(value, cfg.encoding)), None, RejectKind.encoding)
    raw = json.dumps(record, sort_keys=True, ensure_ascii=True).encode("ascii")
    return guarded(lambda: record_article(record, cfg, source, raw), source)


def _original_bytes(value: str, encoding: str) -> bytes:
    """The bytes a field decoded with escapes was read from (for guessing which encoding they are in)."""
    try:
        return value.encode(encoding, "surrogateescape")
    except (UnicodeEncodeError, LookupError):
        return b""


# --- Parquet ------------------------------------------------------------------------------------------------------

def _string_type(kind: pa.DataType) -> bool:
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind) \
        or pa.types.is_null(kind)


def _types_problem(schema: pa.Schema, path: Path, cfg: InputConfig) -> Reject | None:
    """A column of another type than its field's: the id, text, headline, publisher and url are strings, the date a
    string, date or timestamp."""
    for option, column in _mapped(cfg):
        if column not in schema.names:
            continue
        kind = schema.field(column).type
        dated = option == "pub_date" and (pa.types.is_date(kind) or pa.types.is_timestamp(kind))
        if not (dated or _string_type(kind)):
            wanted = ("a string, date or timestamp column" if option == "pub_date"
                      else f"a string column (polars: pl.col({column!r}).cast(pl.String))")
            return Reject(str(path), f"column {column!r} (input.columns.{option}) has type {kind}; it must be {wanted}",
                          None, RejectKind.invalid)
    return None


def read_parquet(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    # pre_buffer off and a buffered stream: column chunks are read page by page, not a whole row group at once
    with pq.ParquetFile(path, pre_buffer=False, buffer_size=1 << 20) as parquet:
        schema = parquet.schema_arrow
        problem = columns_problem(list(schema.names), path, cfg) or _types_problem(schema, path, cfg)
        if problem is not None:
            yield problem
            return
        wanted = list(dict.fromkeys(column for _, column in _mapped(cfg) if column in schema.names))
        number = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=wanted):
            for record in batch.to_pylist():
                number += 1
                yield _parquet_record(record, f"{path}#row{number}", cfg)


def _parquet_record(record: dict, source: str, cfg: InputConfig) -> Article | Reject:
    def make() -> Article | Reject:
        raw = json.dumps(record, sort_keys=True, default=str, ensure_ascii=True).encode("ascii")
        return record_article(record, cfg, source, raw)

    return guarded(make, source)
