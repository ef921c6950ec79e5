"""Read articles from seed-format .txt files, JSONL, CSV or Parquet. Each input yields Articles or Rejects (with a
reason and a source location); one bad input never stops the batch."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import dateparser
import polars as pl

from coder.config import ColumnMap, InputConfig

SEED_DATE_LINE = re.compile(r"^ ?date (\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?\s*$")
FORMATS = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
           ".parquet": "parquet", ".pq": "parquet"}


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    pub_date: date
    title: str
    text: str
    publisher: str | None = None
    url: str | None = None
    source: str = ""  # file path, or path:line / path#row for table inputs
    pub_time: str | None = None

    @property
    def full_text(self) -> str:
        """The text the coder reads and that character offsets refer to: headline, blank line, body."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text


@dataclass(frozen=True, slots=True)
class Reject:
    source: str
    reason: str
    article_id: str | None = None


def read_articles(cfg: InputConfig) -> Iterator[Article | Reject]:
    root = Path(cfg.path).expanduser()
    if not root.exists():
        raise FileNotFoundError(f"input.path {root} does not exist; pass input.path=<file or folder>")
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file() and _wanted(p, cfg))
    for path in files:
        fmt = cfg.format if cfg.format != "auto" else FORMATS.get(path.suffix.lower())
        if fmt is None:
            continue
        try:
            yield from READERS[fmt](path, cfg)
        except Exception as exc:  # a reader that cannot open the file at all: reject the file, keep going
            yield Reject(str(path), f"unreadable {fmt} file: {type(exc).__name__}: {exc}")


def _wanted(path: Path, cfg: InputConfig) -> bool:
    if any(part.startswith((".", "_")) for part in path.parts[-1:]):
        return False  # hidden files, README-like _files, and our own _manifest/_rejects
    if path.name.lower().startswith("readme"):
        return False
    return cfg.format != "auto" or path.suffix.lower() in FORMATS


def _checked(article: Article, cfg: InputConfig) -> Article | Reject:
    if not article.text.strip():
        return Reject(article.source, "empty text", article.article_id)
    if len(article.full_text) > cfg.max_chars:
        return Reject(article.source, f"article has {len(article.full_text)} characters, over input.max_chars="
                                      f"{cfg.max_chars}", article.article_id)
    return article


def read_seed_txt(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    raw = path.read_bytes()
    try:
        content = raw.decode(cfg.encoding)
    except UnicodeDecodeError as exc:
        yield Reject(str(path), f"not valid {cfg.encoding} ({exc.reason} at byte {exc.start})", path.stem)
        return
    if not content.strip():
        yield Reject(str(path), "empty file", path.stem)
        return
    lines = content.replace("\r\n", "\n").split("\n")
    match = SEED_DATE_LINE.match(lines[0])
    if not match:
        yield Reject(f"{path}:1", f"malformed date line {lines[0][:60]!r}; expected ' date YYYY-MM-DD HH:MM'",
                     path.stem)
        return
    try:
        pub = date.fromisoformat(match.group(1))
    except ValueError:
        yield Reject(f"{path}:1", f"impossible date {match.group(1)!r}", path.stem)
        return
    title = lines[1].strip() if len(lines) > 1 else ""
    body = "\n".join(lines[3:] if len(lines) > 2 and not lines[2].strip() else lines[2:]).strip()
    yield _checked(Article(path.stem, pub, title, body, None, None, str(path), match.group(2)), cfg)


def parse_date(value: object) -> tuple[date, str | None] | None:
    """A publication date from a table cell: ISO first, then any format dateparser understands."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date(), value.strftime("%H:%M")
    if isinstance(value, date):
        return value, None
    text = str(value).strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed.date(), parsed.strftime("%H:%M") if "T" in text or " " in text else None
    except ValueError:
        pass
    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return (parsed.date(), None) if parsed else None


def _from_record(record: dict, columns: ColumnMap, source: str, cfg: InputConfig) -> Article | Reject:
    def get(name: str | None) -> str | None:
        if not name:
            return None
        value = record.get(name)
        return None if value is None else str(value)

    article_id = get(columns.id)
    if not article_id:
        return Reject(source, f"missing article id (column '{columns.id}')")
    pub = parse_date(record.get(columns.pub_date)) if columns.pub_date else None
    if pub is None:
        return Reject(source, f"missing or malformed publication date (column '{columns.pub_date}': "
                              f"{record.get(columns.pub_date)!r})", article_id)
    text = get(columns.text)
    if text is None:
        return Reject(source, f"missing text (column '{columns.text}')", article_id)
    article = Article(article_id, pub[0], (get(columns.title) or "").strip(), text.strip(), get(columns.publisher),
                      get(columns.url), source, pub[1])
    return _checked(article, cfg)


def read_jsonl(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            source = f"{path}:{number}"
            try:
                record = json.loads(raw.decode(cfg.encoding))
            except UnicodeDecodeError as exc:
                yield Reject(source, f"not valid {cfg.encoding} ({exc.reason})")
                continue
            except json.JSONDecodeError as exc:
                yield Reject(source, f"invalid JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(record, dict):
                yield Reject(source, "a JSONL line must be an object")
                continue
            yield _from_record(record, cfg.columns, source, cfg)


def _read_table(frame: pl.DataFrame, path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    wanted = [c for c in (cfg.columns.id, cfg.columns.text) if c]
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        yield Reject(str(path), f"missing column(s) {missing}; set input.columns.* to the file's column names "
                                f"(it has {frame.columns})")
        return
    for number, record in enumerate(frame.iter_rows(named=True), start=1):
        yield _from_record(record, cfg.columns, f"{path}#row{number}", cfg)


def read_csv(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    frame = pl.read_csv(path, infer_schema=False)  # strict UTF-8: a bad byte rejects the file, never garbles it
    yield from _read_table(frame, path, cfg)


def read_parquet(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    yield from _read_table(pl.read_parquet(path), path, cfg)


READERS = {"txt": read_seed_txt, "jsonl": read_jsonl, "csv": read_csv, "parquet": read_parquet}
