"""The scan of a job's input: one pass over input.path that keeps a light record per article (source, file, size,
hashes, id, month; never its text), the rejects, and the files it skipped, with the reason (`Skipped`: README files,
hidden and `_` files and folders, files of an unknown format, and the job's own output when it lies inside the input
folder, which is never read as input). The skipped files are counted in the run's summary and manifest.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coder.config import InputConfig, InputFormat
from coder.dataset.articles import (FORMATS, Article, Duplicates, Reject, article_hash, content_hash, input_files,
                                    read_file)
from coder.dataset.documents import InputRecord

SKIP_REASONS = ("readme", "hidden", "unknown_format", "output", "other")
EXAMPLES = 10


def input_base(cfg: InputConfig) -> str:
    """Sources are recorded relative to the input folder, so moving the whole folder does not invalidate shards."""
    root = Path(cfg.path).expanduser()
    return str(root if root.is_dir() else root.parent)


def relative(path: str, base: str) -> str:
    return path[len(base) + 1:] if path.startswith(base + os.sep) else path


def input_record(article: Article, base: str, file: str) -> InputRecord:
    return {"source": relative(article.source, base), "file": file, "size": article.size, "sha256": article.sha256,
            "article_id": article.article_id, "month": article.pub_date.strftime("%Y-%m"),
            "article_hash": article_hash(article), "content_hash": content_hash(article)}


@dataclass
class Skipped:
    """Files under input.path that were not read: counts by reason and the first few paths."""

    counts: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    def add(self, reason: str, rel: str) -> None:
        self.counts[reason] = self.counts.get(reason, 0) + 1
        if len(self.examples) < EXAMPLES:
            self.examples.append(f"{rel} ({reason})")

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Scan:
    records: list[InputRecord]
    rejects: list[Reject]
    skipped: Skipped


def _inside(root: Path, exclude: Iterable[Path]) -> list[Path]:
    """The excluded folders and files (resolved) that lie under the input folder, as paths under the input folder as
    given."""
    resolved = root.resolve()
    found = []
    for folder in exclude:
        folder = Path(folder).resolve()
        if folder == resolved or folder.is_relative_to(resolved):
            found.append(root / folder.relative_to(resolved))
    return found


def scan(cfg: InputConfig, exclude: Iterable[Path] = ()) -> Scan:
    """One pass over the input: a light record per article to code, in input order, the rejects (the readers' and
    the duplicates') and the skipped files. Texts are dropped as soon as they are hashed. Files under a folder of
    `exclude` (the job's dataset, meta and views folders) are skipped, never read."""
    base = input_base(cfg)
    root = Path(cfg.path).expanduser()
    outputs = _inside(root, exclude) if root.is_dir() else []
    records: list[InputRecord] = []
    rejects: list[Reject] = []
    duplicates = Duplicates(cfg.dedup_content)
    read: set[Path] = set()
    for path in input_files(cfg):
        if any(path == o or path.is_relative_to(o) for o in outputs):
            continue
        read.add(path)
        file = relative(str(path), base)
        for item in read_file(path, cfg):
            if isinstance(item, Reject):
                rejects.append(item)
                continue
            record = input_record(item, base, file)
            duplicate = duplicates.check(item, record["article_hash"], record["content_hash"])
            if duplicate is not None:
                rejects.append(duplicate)
            else:
                records.append(record)
    return Scan(records, rejects, skipped_files(cfg, read, outputs))


def scan_inputs(cfg: InputConfig, exclude: Iterable[Path] = ()) -> tuple[list[InputRecord], list[Reject]]:
    """(records, rejects) of `scan`."""
    found = scan(cfg, exclude)
    return found.records, found.rejects


def skipped_files(cfg: InputConfig, read: set[Path], outputs: list[Path]) -> Skipped:
    """The files under the input folder that the scan did not read, with the reason; a skipped folder (hidden, or
    the job's output) counts once, whatever it holds."""
    skipped = Skipped()
    root = Path(cfg.path).expanduser()
    if not root.is_dir():
        return skipped
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        for name in sorted(dirs):
            path = here / name
            reason = "output" if path in outputs else "hidden" if name.startswith((".", "_")) else None
            if reason:
                dirs.remove(name)
                skipped.add(reason, f"{path.relative_to(root).as_posix()}/")
        for name in sorted(files):
            path = here / name
            if path not in read:
                reason = "output" if path in outputs else _reason(path, cfg)
                skipped.add(reason, path.relative_to(root).as_posix())
    return skipped


def _reason(path: Path, cfg: InputConfig) -> str:
    if path.name.startswith((".", "_")):
        return "hidden"
    if path.name.lower().startswith("readme"):
        return "readme"
    if cfg.format == InputFormat.auto and path.suffix.lower() not in FORMATS:
        return "unknown_format"
    return "other"
