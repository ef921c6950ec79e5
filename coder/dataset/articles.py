"""Read articles from seed-format .txt files, JSONL, CSV or Parquet. Each input yields Articles or Rejects (with a
reason, a kind and a source location); one bad input never stops the batch.

`Duplicates` rejects duplicates (the same article id twice, or the same headline and text under two ids), so that every
input is either an Article to code or a Reject; `collect_inputs` reads everything into memory that way (evaluation,
tests), the batch job streams (coder.dataset.plan).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

import dateparser
import polars as pl

from coder.config import ColumnMap, InputConfig, InputFormat, choice
from coder.dataset.encodings import encoding_reason
from coder.errors import INPUT_MISSING, InputError

SEED_DATE_LINE = re.compile(r"^ ?date (\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?\s*$")
FORMATS = {".txt": InputFormat.txt, ".jsonl": InputFormat.jsonl, ".ndjson": InputFormat.jsonl,
           ".json": InputFormat.jsonl, ".csv": InputFormat.csv, ".parquet": InputFormat.parquet,
           ".pq": InputFormat.parquet}
# A seed file's first line and the blank line around the headline take a few characters beyond full_text; a UTF-8
# character takes at most 4 bytes. A file bigger than this cannot fit in input.max_chars and is not read at all.
_SEED_OVERHEAD_CHARS = 64
_UTF8_MAX_BYTES = 4


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
    size: int = 0  # bytes of the raw input record (the file, the JSONL line, the table row as canonical JSON)
    sha256: str = ""  # hash of those bytes: with `source` and `size`, the input's fingerprint

    @property
    def full_text(self) -> str:
        """The text the coder reads and that character offsets refer to: headline, blank line, body."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text


class RejectKind(StrEnum):
    """Why an input was rejected: the `kind` column of the rejects table (docs/data-safety.md "Rejects")."""

    unreadable = "unreadable"  # cannot be opened or parsed as its format
    encoding = "encoding"  # not valid input.encoding, or text that is not valid Unicode
    empty = "empty"  # empty file, empty text, a table with no records
    date = "date"  # malformed or impossible date
    missing = "missing"  # no id or text
    too_large = "too_large"  # over input.max_chars
    invalid = "invalid"  # invalid JSON, a record that is not an object
    duplicate_id = "duplicate_id"  # the same id with different content
    duplicate_article = "duplicate_article"  # the same id and content twice
    duplicate_content = "duplicate_content"  # the same headline and text under another id
    coding_error = "coding_error"  # the engine raised on the article (coder.jobs.coder); the rest of the batch goes on


@dataclass(frozen=True, slots=True)
class Reject:
    source: str
    reason: str
    article_id: str | None = None
    kind: RejectKind = RejectKind.invalid


def article_hash(article: Article) -> str:
    """Hash of everything the coder reads from an article (id, dates, headline, text, publisher, url): two inputs
    with the same article hash give the same events."""
    fields = (article.article_id, article.pub_date.isoformat(), article.pub_time or "", article.title, article.text,
              article.publisher or "", article.url or "")
    return _sha256("\x1f".join(fields).encode("utf-8"))


def content_hash(article: Article) -> str:
    """Hash of the story itself (headline and text, whitespace runs collapsed): the same story under another id or
    from another feed has the same content hash."""
    text = " ".join(f"{article.title}\n{article.text}".split())
    return _sha256(text.encode("utf-8"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def input_files(cfg: InputConfig) -> list[Path]:
    """The input files of a job, in sorted path order (the order articles are read and shards are cut in)."""
    root = Path(cfg.path).expanduser()
    if not root.exists():
        raise InputError(f"input.path {root} does not exist; pass input.path=<file or folder>", code=INPUT_MISSING)
    return [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file() and _wanted(p, cfg, root))


def read_articles(cfg: InputConfig) -> Iterator[Article | Reject]:
    """Every input file in sorted path order; each yields at least one item (an empty table yields a Reject)."""
    for path in input_files(cfg):
        yield from read_file(path, cfg)


def read_file(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    """One input file's articles and rejects (nothing for a file of an unknown format under input.format=auto)."""
    fmt: InputFormat | None = choice(cfg.format, InputFormat, "input.format")
    if fmt == InputFormat.auto:
        fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        return
    produced = 0
    try:
        for item in READERS[fmt](path, cfg):
            produced += 1
            yield item
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - polars' PanicException is a BaseException
        # A reader that cannot open or finish the file: reject the (rest of the) file and keep going.
        where = str(path) if not produced else f"{path} (after {produced} record(s))"
        yield Reject(where, f"unreadable {fmt} file: {type(exc).__name__}: {_short(str(exc))}", None,
                     RejectKind.unreadable)
        return
    if not produced:
        yield Reject(str(path), f"no records in {fmt} file", None, RejectKind.empty)


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "..."


def _wanted(path: Path, cfg: InputConfig, root: Path) -> bool:
    if any(part.startswith((".", "_")) for part in path.relative_to(root).parts):
        return False  # hidden files and folders, README-like _files, our own _manifest/_rejects/_shards
    if path.name.lower().startswith("readme"):
        return False
    return cfg.format != "auto" or path.suffix.lower() in FORMATS


def _checked(article: Article, cfg: InputConfig) -> Article | Reject:
    if not article.text.strip():
        return Reject(article.source, "empty text", article.article_id, RejectKind.empty)
    if len(article.full_text) > cfg.max_chars:
        return Reject(article.source, f"article has {len(article.full_text)} characters, over input.max_chars="
                                      f"{cfg.max_chars}", article.article_id, RejectKind.too_large)
    for name in ("article_id", "title", "text", "publisher", "url"):
        value = getattr(article, name)
        try:
            (value or "").encode("utf-8")
        except UnicodeEncodeError as exc:  # e.g. a lone surrogate from a JSON "\ud800" escape
            return Reject(article.source, f"{name} is not valid Unicode ({exc.reason} at character {exc.start})",
                          None if name == "article_id" else article.article_id, RejectKind.encoding)
    return article


def read_seed_txt(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    size = path.stat().st_size
    if size > _UTF8_MAX_BYTES * (cfg.max_chars + _SEED_OVERHEAD_CHARS):
        yield Reject(str(path), f"file has {size} bytes, more than input.max_chars={cfg.max_chars} characters can "
                                f"take; not read", path.stem, RejectKind.too_large)
        return
    raw = path.read_bytes()
    digest = _sha256(raw)
    try:
        content = raw.decode(cfg.encoding)
    except UnicodeDecodeError as exc:
        yield Reject(str(path), encoding_reason(raw, cfg.encoding, exc), path.stem, RejectKind.encoding)
        return
    content = content.removeprefix("\ufeff")
    if not content.strip():
        yield Reject(str(path), "empty file", path.stem, RejectKind.empty)
        return
    lines = content.replace("\r\n", "\n").split("\n")
    match = SEED_DATE_LINE.match(lines[0])
    if not match:
        yield Reject(f"{path}:1", f"malformed date line {lines[0][:60]!r}; expected ' date YYYY-MM-DD HH:MM'",
                     path.stem, RejectKind.date)
        return
    try:
        pub = date.fromisoformat(match.group(1))
    except ValueError:
        yield Reject(f"{path}:1", f"impossible date {match.group(1)!r}", path.stem, RejectKind.date)
        return
    clock = match.group(2)
    if clock and (int(clock[:2]) > 23 or int(clock[3:]) > 59):
        yield Reject(f"{path}:1", f"impossible time {clock!r}", path.stem, RejectKind.date)
        return
    title = lines[1].strip() if len(lines) > 1 else ""
    body = "\n".join(lines[3:] if len(lines) > 2 and not lines[2].strip() else lines[2:]).strip()
    yield _checked(Article(path.stem, pub, title, body, None, None, str(path), clock, size, digest), cfg)


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
    try:
        parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    except (ValueError, TypeError, OverflowError, RecursionError, LookupError):
        return None  # dateparser raises on some odd strings instead of returning None
    return (parsed.date(), None) if parsed else None


def _from_record(record: dict, columns: ColumnMap, source: str, cfg: InputConfig, raw: bytes) -> Article | Reject:
    def get(name: str | None) -> str | None:
        if not name:
            return None
        value = record.get(name)
        return None if value is None else str(value)

    article_id = get(columns.id)
    if not article_id or not article_id.strip():
        return Reject(source, f"missing article id (column '{columns.id}'){_present(record, 'id', columns.id)}", None,
                      RejectKind.missing)
    article_id = article_id.strip()
    pub = parse_date(record.get(columns.pub_date)) if columns.pub_date else None
    if pub is None:
        return Reject(source, f"missing or malformed publication date (column '{columns.pub_date}': "
                              f"{_short(repr(record.get(columns.pub_date)), 80)})"
                              f"{_present(record, 'pub_date', columns.pub_date)}", article_id, RejectKind.date)
    text = get(columns.text)
    if text is None:
        return Reject(source, f"missing text (column '{columns.text}'){_present(record, 'text', columns.text)}",
                      article_id, RejectKind.missing)
    article = Article(article_id, pub[0], (get(columns.title) or "").strip(), text.strip(), get(columns.publisher),
                      get(columns.url), source, pub[1], len(raw), _sha256(raw))
    return _checked(article, cfg)


def _present(record: dict, key: str, column: str | None) -> str:
    """For a column the record does not have at all: the columns it has, and the setting that maps one."""
    if column and column in record:
        return ""
    return (f"; the record has no column '{column}' but {_short(str(sorted(record)), 200)}: set "
            f"input.columns.{key}=<one of them>")


def _guarded(make, source: str, article_id: str | None = None) -> Article | Reject:
    """One record's conversion; an unexpected error rejects that record only, never the rest of the file."""
    try:
        return make()
    except Exception as exc:  # noqa: BLE001
        return Reject(source, f"invalid record: {type(exc).__name__}: {_short(str(exc))}", article_id,
                      RejectKind.invalid)


def read_jsonl(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            source = f"{path}:{number}"
            raw = raw.rstrip(b"\r\n")
            try:
                record = json.loads(raw.decode(cfg.encoding))
            except UnicodeDecodeError as exc:
                yield Reject(source, encoding_reason(raw, cfg.encoding, exc), None, RejectKind.encoding)
                continue
            except (json.JSONDecodeError, RecursionError) as exc:
                reason = (f"invalid JSON: {exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError)
                          else "invalid JSON: nested too deeply")
                yield Reject(source, reason, None, RejectKind.invalid)
                continue
            if not isinstance(record, dict):
                yield Reject(source, "a JSONL line must be an object", None, RejectKind.invalid)
                continue
            yield _guarded(lambda: _from_record(record, cfg.columns, source, cfg, raw), source)


def _read_table(frame: pl.DataFrame, path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    wanted = [c for c in (cfg.columns.id, cfg.columns.text) if c]
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        yield Reject(str(path), f"missing column(s) {missing}; set input.columns.* to the file's column names "
                                f"(it has {_short(str(frame.columns), 200)})", None, RejectKind.missing)
        return
    for number, record in enumerate(frame.iter_rows(named=True), start=1):
        source = f"{path}#row{number}"

        def make(record=record, source=source):
            raw = json.dumps(record, sort_keys=True, default=str, ensure_ascii=True).encode("ascii")
            return _from_record(record, cfg.columns, source, cfg, raw)

        yield _guarded(make, source)


def read_csv(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    raw = path.read_bytes()
    try:  # strict: a bad byte rejects the file, never garbles it
        text = raw.decode(cfg.encoding)
    except UnicodeDecodeError as exc:
        yield Reject(str(path), encoding_reason(raw, cfg.encoding, exc), None, RejectKind.encoding)
        return
    data = raw if text.isascii() or cfg.encoding.lower().replace("-", "") == "utf8" else text.encode("utf-8")
    yield from _read_table(pl.read_csv(data, infer_schema=False), path, cfg)


def read_parquet(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    yield from _read_table(pl.read_parquet(path), path, cfg)


READERS = {InputFormat.txt: read_seed_txt, InputFormat.jsonl: read_jsonl, InputFormat.csv: read_csv,
           InputFormat.parquet: read_parquet}


class Duplicates:
    """Finds the duplicates among a job's inputs: an article id seen before (`duplicate_article` when it is the same
    article, `duplicate_id` when its content differs: which one is right cannot be told, so the first is kept and the
    conflict listed) and, with input.dedup_content, the same headline and text as an earlier article under another id
    (`duplicate_content`). It keeps hashes and sources only, never texts, so a scan of a large corpus stays small."""

    def __init__(self, dedup_content: bool):
        self.dedup_content = dedup_content
        self.by_id: dict[str, tuple[str, str]] = {}  # article id -> (article hash, source)
        self.by_content: dict[str, tuple[str, str]] = {}  # content hash -> (article id, source)

    def check(self, item: Article, digest: str, story: str) -> Reject | None:
        """None for an article to code (and remember it), else the Reject. digest/story: its article and content
        hashes."""
        if item.article_id in self.by_id:
            first_hash, first_source = self.by_id[item.article_id]
            if first_hash == digest:
                return Reject(item.source, f"duplicate article: same id and content as {first_source}",
                              item.article_id, RejectKind.duplicate_article)
            return Reject(item.source, f"duplicate article id with different content (first in {first_source}, "
                                       f"which is coded)", item.article_id, RejectKind.duplicate_id)
        if self.dedup_content:
            first = self.by_content.get(story)
            if first is not None:
                return Reject(item.source, f"duplicate content: same headline and text as article {first[0]} "
                                           f"({first[1]})", item.article_id, RejectKind.duplicate_content)
            self.by_content[story] = (item.article_id, item.source)
        self.by_id[item.article_id] = (digest, item.source)
        return None


def collect_inputs(cfg: InputConfig) -> tuple[list[Article], list[Reject]]:
    """All inputs of a job in memory: the articles to code, in input order, and the rejects (the readers' and the
    duplicates, see Duplicates). Every input ends up in exactly one of the two lists. The batch job does not use
    it (it scans the input once for light records, coder.dataset.plan, and reads each shard's articles when it codes it)."""
    articles: list[Article] = []
    rejects: list[Reject] = []
    duplicates = Duplicates(cfg.dedup_content)
    for item in read_articles(cfg):
        if isinstance(item, Reject):
            rejects.append(item)
            continue
        duplicate = duplicates.check(item, article_hash(item), content_hash(item))
        if duplicate is not None:
            rejects.append(duplicate)
        else:
            articles.append(item)
    return articles, rejects
