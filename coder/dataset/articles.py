"""Read articles from seed-format .txt files, JSONL, CSV or Parquet. Each input yields Articles or Rejects (with a
reason, a kind and a source location); one bad input never stops the batch.

The seed .txt reader is here; JSONL, CSV and Parquet are read record by record in coder.dataset.input_tables, each
record typed strictly by coder.dataset.input_records (dates: coder.dataset.pub_dates). `Article`, `Reject` and
`RejectKind` are defined in coder.dataset.inputs and exported from here, where the other layers import them.

`Duplicates` rejects duplicates (the same article id twice, or the same headline and text under two ids), so that every
input is either an Article to code or a Reject; `collect_inputs` reads everything into memory that way (evaluation,
tests), the batch job streams (coder.dataset.plan).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from coder.config import InputConfig, InputFormat, choice
from coder.dataset.input_tables import read_csv, read_jsonl, read_parquet
from coder.dataset.inputs import Article, Reject, RejectKind, checked, encoding_reason, sha256, short
from coder.errors import INPUT_MISSING, InputError

__all__ = ["Article", "Duplicates", "Reject", "RejectKind", "article_hash", "collect_inputs", "content_hash",
           "input_files", "read_articles", "read_file"]

SEED_DATE_LINE = re.compile(r"^ ?date (\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?\s*$")
FORMATS = {".txt": InputFormat.txt, ".jsonl": InputFormat.jsonl, ".ndjson": InputFormat.jsonl,
           ".json": InputFormat.jsonl, ".csv": InputFormat.csv, ".parquet": InputFormat.parquet,
           ".pq": InputFormat.parquet}
# A seed file's first line and the blank line around the headline take a few characters beyond full_text; a UTF-8
# character takes at most 4 bytes. A file bigger than this cannot fit in input.max_chars and is not read at all.
_SEED_OVERHEAD_CHARS = 64
_UTF8_MAX_BYTES = 4


def article_hash(article: Article) -> str:
    """Hash of everything the coder reads from an article (id, dates, headline, text, publisher, url): two inputs
    with the same article hash give the same events."""
    fields = (article.article_id, article.pub_date.isoformat(), article.pub_time or "", article.title, article.text,
              article.publisher or "", article.url or "")
    return sha256("\x1f".join(fields).encode("utf-8"))


def content_hash(article: Article) -> str:
    """Hash of the story itself (headline and text, whitespace runs collapsed): the same story under another id or
    from another feed has the same content hash."""
    text = " ".join(f"{article.title}\n{article.text}".split())
    return sha256(text.encode("utf-8"))


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
        yield Reject(where, f"unreadable {fmt} file: {type(exc).__name__}: {short(str(exc))}", None,
                     RejectKind.unreadable)
        return
    if not produced:
        yield Reject(str(path), f"no records in {fmt} file", None, RejectKind.empty)


def _wanted(path: Path, cfg: InputConfig, root: Path) -> bool:
    if any(part.startswith((".", "_")) for part in path.relative_to(root).parts):
        return False  # hidden files and folders, README-like _files, our own _manifest/_rejects/_shards
    if path.name.lower().startswith("readme"):
        return False
    return cfg.format != "auto" or path.suffix.lower() in FORMATS


def read_seed_txt(path: Path, cfg: InputConfig) -> Iterator[Article | Reject]:
    size = path.stat().st_size
    if size > _UTF8_MAX_BYTES * (cfg.max_chars + _SEED_OVERHEAD_CHARS):
        yield Reject(str(path), f"file has {size} bytes, more than input.max_chars={cfg.max_chars} characters can "
                                f"take; not read", path.stem, RejectKind.too_large)
        return
    raw = path.read_bytes()
    digest = sha256(raw)
    try:
        content = raw.decode(cfg.encoding)
    except UnicodeDecodeError as exc:
        yield Reject(str(path), encoding_reason(cfg.encoding, f"{exc.reason} at byte {exc.start}", raw), path.stem,
                     RejectKind.encoding)
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
    yield checked(Article(path.stem, pub, title, body, None, None, str(path), clock, size, digest), cfg.max_chars)


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
