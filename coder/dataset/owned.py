"""Which files of a dataset the coder wrote, and deleting only those.

The coder deletes a file of the dataset folder only when one of its own records lists it: a commit record
(`_shards/<fp>.json`), a commit intent (`_intents/`, written before a shard's files are renamed in, so that the files
of a killed commit are known), the manifest's file list (also that of an older coder) or a compaction intent. Links
are never followed: a walk lists a symlink as a link and does not enter it, and a deletion refuses a path that goes
through one. Everything else in the dataset folder is foreign: inside the `year=/month=` partitions (where readers
would take it for events) it stops the run before any work (`ForeignFiles.refuse`), beside them it is left alone and
reported.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from coder.dataset.layout import INTENTS, JOURNAL, MANIFEST
from coder.errors import FOREIGN_FILES, DataSafetyError

DATA_FILE = re.compile(r"^year=-?\d+/month=-?\d+/[A-Za-z0-9][A-Za-z0-9_.=-]*\.parquet$")
YEAR_DIR = re.compile(r"^year=-?\d+$")
MONTH_DIR = re.compile(r"^month=-?\d+$")
# What the coder itself keeps in a meta folder: anything else there is the user's.
META_NAMES = re.compile(r"^(_manifest\.json|_rejects\.parquet|_unknown_actors\.parquet|_plan\.jsonl|_shards|_claims|"
                        r"_staging|_compact|_intents|\..*\.tmp-.*)$")


def walk(root: Path) -> Iterator[tuple[str, str]]:
    """(path relative to root, kind) of every entry under root, kind one of dir, file, link, other; links are listed,
    never entered. Sorted, depth first."""
    stack: list[tuple[str, Path]] = [("", root)]
    while stack:
        prefix, folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                found = sorted(entries, key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            continue
        below = []
        for entry in found:
            rel = prefix + entry.name
            if entry.is_symlink():
                yield rel, "link"
            elif entry.is_dir(follow_symlinks=False):
                yield rel, "dir"
                below.append((rel + "/", Path(entry.path)))
            elif entry.is_file(follow_symlinks=False):
                yield rel, "file"
            else:
                yield rel, "other"
        stack.extend(reversed(below))


def within(root: Path, rel: str) -> Path | None:
    """root/rel when rel is a plain relative path whose folders below root are real folders (no link, no `..`);
    None otherwise."""
    parts = rel.split("/")
    if not rel or rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
        return None
    folder = root
    for part in parts[:-1]:
        folder = folder / part
        try:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return None
        except OSError:
            return None
    return root / rel


def unlink_ours(root: Path, rel: str) -> bool:
    """Delete root/rel if it is a regular file reached without a link; True if it was deleted."""
    path = within(root, rel)
    if path is None:
        return False
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
    except OSError:
        return False
    path.unlink(missing_ok=True)
    return True


def prune_empty(root: Path) -> None:
    """Remove the empty partition folders of a dataset folder (never through a link)."""
    folders = [rel for rel, kind in walk(root) if kind == "dir"]
    for rel in sorted(folders, key=lambda r: -r.count("/")):
        path = within(root, rel)
        if path is not None and (YEAR_DIR.match(rel.split("/")[0])):
            try:
                path.rmdir()
            except OSError:
                pass  # not empty


def listed_files(meta: Path) -> set[str]:
    """Every dataset file the meta folder's records list: commit records, commit intents, the manifest's files."""
    listed: set[str] = set()
    for folder in (meta / JOURNAL, meta / INTENTS):
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            listed.update(_paths(record.get("files", [])))
    try:
        manifest = json.loads((meta / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    listed.update(_paths(manifest.get("files", [])))
    return {p for p in listed if DATA_FILE.match(p)}


def _paths(entries: Iterable[object]) -> Iterator[str]:
    for entry in entries:
        path = entry.get("path") if isinstance(entry, dict) else entry
        if isinstance(path, str):
            yield path


@dataclass
class ForeignFiles:
    """What a dataset folder holds besides the coder's files."""

    inside: list[str] = field(default_factory=list)  # in the partitions, or a link named like one: readers read them
    beside: list[str] = field(default_factory=list)  # other entries of the dataset folder, left alone
    files: list[str] = field(default_factory=list)  # the coder's files (listed in its records)

    def refuse(self, target: Path, also_beside: bool = False) -> None:
        found = self.inside + (self.beside if also_beside else [])
        if not found:
            return
        shown = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
        raise DataSafetyError(
            f"{target} holds {len(found)} file(s) or link(s) the coder did not write ({shown}); the coder deletes "
            f"only files its records list and never follows links, and readers would take these for events. Move "
            f"them out of the dataset folder (or choose another output.path) and run again; nothing was changed",
            code=FOREIGN_FILES)


def foreign_files(data: Path, listed: set[str]) -> ForeignFiles:
    """Sort the entries of a dataset folder into the coder's files and foreign ones (a foreign folder is listed once,
    not what it holds)."""
    found = ForeignFiles()
    skipped: set[str] = set()
    for rel, kind in walk(data):
        parts = rel.split("/")
        if any("/".join(parts[:k]) in skipped for k in range(1, len(parts))):
            continue
        if len(parts) == 1 and kind == "dir" and YEAR_DIR.match(rel):
            continue
        if len(parts) == 2 and kind == "dir" and MONTH_DIR.match(parts[1]):
            continue
        if len(parts) == 3 and kind == "file" and rel in listed:
            found.files.append(rel)
            continue
        (found.beside if len(parts) == 1 and not YEAR_DIR.match(rel) else found.inside).append(rel)
        if kind == "dir":
            skipped.add(rel)
    return found


def foreign_meta(meta: Path) -> list[str]:
    """Entries of a meta folder that the coder does not keep there."""
    try:
        names = sorted(os.listdir(meta))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [n for n in names if not META_NAMES.match(n)]


def is_empty(folder: Path) -> bool:
    try:
        return not os.listdir(folder)
    except FileNotFoundError:
        return True
