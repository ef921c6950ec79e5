"""The shard plan of a job, computed the same way by every runner (local, slurm, ray), and the streaming of articles.

1. `scan_inputs` (coder.dataset.scanning) reads the input once and keeps a light record per article (source, file,
   size, hashes, id, month), never its text, so planning memory is a few hundred bytes per article whatever the
   texts' size.
2. `plan_shards` decides which committed shards stay and cuts the other articles into new shards; a shard's
   fingerprint hashes its input records and the run key, so the same input and rules give the same shards, file names
   and rows on every runner.
3. The plan is written to `<output>_meta/_plan.jsonl` (`write_plan`, atomically): a header line, then one line per
   shard to code and one per rejected input. A SLURM task or a Ray actor reads only its own shards' lines.
4. `shard_articles` reads back only the files of the given shards and yields each shard's articles once they are all
   read, so at most the shards being filled are held in memory (one shard with output.shard_by=input).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coder.config import InputConfig, OutputMode, ShardBy, choice
from coder.dataset.articles import Article, Reject, RejectKind, read_file
from coder.dataset.documents import CommitRecord, InputRecord, PlanHeader, RejectRecord, ShardSummary
from coder.dataset.durable import write_chunks_atomic
from coder.dataset.layout import FORMAT
from coder.dataset.scanning import input_base, input_record, scan_inputs  # noqa: F401 - scan_inputs: also from here
from coder.errors import (APPEND_CHANGED_IDS, APPEND_LOST_INPUTS, APPEND_OTHER_RUN_KEY, CONFIG_RANGE, INPUT_CHANGED,
                          NO_PLAN, ConfigError, DataSafetyError)

@dataclass
class Shard:
    fingerprint: str
    index: int
    inputs: list[InputRecord]  # in input order

    def summary(self) -> ShardSummary:
        return {"fingerprint": self.fingerprint, "index": self.index, "articles": len(self.inputs),
                "first_input": self.inputs[0]["source"], "last_input": self.inputs[-1]["source"]}


@dataclass
class Plan:
    kept: list[CommitRecord]  # commit records of shards that stay as they are
    pending: list[Shard]  # shards to code and commit now
    dropped: list[CommitRecord]  # commit records no longer valid (changed input, rules or model; damaged files)
    already: int = 0  # append: articles already in the dataset with the same content
    rejects: list[Reject] = field(default_factory=list)  # append: same content as an article in the dataset


# What identifies an input article across runs: its source, size and SHA-256 and its article hash.
InputKey = tuple[str, int, str, str]


def input_key(record: InputRecord) -> InputKey:
    return record["source"], record["size"], record["sha256"], record["article_hash"]


# --- shards -------------------------------------------------------------------------------------------------------

def shard_fingerprint(run_key_hash: str, inputs: list[InputRecord]) -> str:
    digest = hashlib.sha256(f"{FORMAT}\n{run_key_hash}\n".encode())
    for record in inputs:
        digest.update(("\x1f".join(str(part) for part in input_key(record)) + "\n").encode("utf-8"))
    return digest.hexdigest()[:24]


def cut(records: list[InputRecord], size: int, run_key_hash: str, first_index: int, shard_by: ShardBy) -> list[Shard]:
    """Cut records into shards of `size`: consecutive in input order (shard_by=input), or per publication month,
    months in order and input order within a month (shard_by=month)."""
    groups: list[list[InputRecord]] = [records]
    if choice(shard_by, ShardBy, "output.shard_by") == ShardBy.month:
        months: dict[str, list[InputRecord]] = {}
        for record in records:
            months.setdefault(record["month"], []).append(record)
        groups = [months[m] for m in sorted(months)]
    shards: list[Shard] = []
    for group in groups:
        for start in range(0, len(group), size):
            part = group[start:start + size]
            shards.append(Shard(shard_fingerprint(run_key_hash, part), first_index + len(shards), part))
    return shards


def _drop_sharing(kept: list[CommitRecord],
                  dropped: list[CommitRecord]) -> tuple[list[CommitRecord], list[CommitRecord]]:
    """A compacted file (coder.dataset.compact) holds the rows of several shards: dropping one of them deletes the
    file, so the others sharing it must be coded again too."""
    while True:
        gone = {f["path"] for r in dropped for f in r.get("files", [])}
        sharing = [r for r in kept if any(f["path"] in gone for f in r.get("files", []))]
        if not sharing:
            return kept, dropped
        kept = [r for r in kept if r not in sharing]
        dropped = dropped + sharing


def plan_shards(records: list[InputRecord], journal: dict[str, CommitRecord], intact: Callable[[CommitRecord], bool],
                run_key_hash: str, mode: OutputMode, shard_size: int, shard_by: ShardBy = ShardBy.input,
                dedup_content: bool = True) -> Plan:
    """Which committed shards stay, which are dropped, which articles are cut into new shards.

    resume/overwrite: a committed shard stays when its fingerprint is still right (same rules and model) and every one
    of its inputs is in this run's input unchanged; the remaining articles, in input order, are cut into new shards.
    Committed shards are whole, full-size blocks of the cut (only a group's last shard is smaller), so after a kill
    the rest is cut exactly as before, whichever shards were committed.
    append: every committed shard stays; articles whose id is already in the dataset are skipped when their content
    is the same and refused (DataSafetyError, before anything is written) when it differs.
    """
    ordered = sorted(journal.values(), key=lambda r: (r.get("index", 0), r["fingerprint"]))
    if mode == OutputMode.append:
        kept, dropped = _committed_for_append(ordered, intact, run_key_hash, records)
        todo, already, rejects = _new_articles(records, kept, dedup_content)
        return Plan(kept, cut(todo, shard_size, run_key_hash, _next_index(kept), shard_by), dropped, already, rejects)
    kept, dropped = _committed_for_resume(ordered, intact, run_key_hash, records)
    covered = {input_key(i) for r in kept for i in r.get("inputs", [])}
    todo = [r for r in records if input_key(r) not in covered]
    return Plan(kept, cut(todo, shard_size, run_key_hash, _next_index(kept), shard_by), dropped)


def _next_index(kept: list[CommitRecord]) -> int:
    return max((r.get("index", 0) for r in kept), default=-1) + 1


def _committed_for_resume(ordered: list[CommitRecord], intact: Callable[[CommitRecord], bool], run_key_hash: str,
                          records: list[InputRecord]) -> tuple[list[CommitRecord], list[CommitRecord]]:
    """(kept, dropped): a shard stays when its fingerprint holds, its files are intact and its inputs are all in
    this run's input, each in no earlier kept shard."""
    current = {input_key(r) for r in records}
    kept: list[CommitRecord] = []
    dropped: list[CommitRecord] = []
    covered: set[InputKey] = set()
    for record in ordered:
        keys = [input_key(r) for r in record.get("inputs", [])]
        valid = (record.get("run_key_hash") == run_key_hash
                 and shard_fingerprint(run_key_hash, record.get("inputs", [])) == record["fingerprint"]
                 and all(k in current and k not in covered for k in keys) and intact(record))
        if valid:
            kept.append(record)
            covered.update(keys)
        else:
            dropped.append(record)
    return _drop_sharing(kept, dropped)


def _committed_for_append(ordered: list[CommitRecord], intact: Callable[[CommitRecord], bool], run_key_hash: str,
                          records: list[InputRecord]) -> tuple[list[CommitRecord], list[CommitRecord]]:
    """(kept, dropped): every intact shard stays. Refused: shards of another run key (appending would mix rule sets)
    and damaged shards whose articles are not in this input (they could not be coded again)."""
    kept: list[CommitRecord] = []
    dropped: list[CommitRecord] = []
    for record in ordered:
        if record.get("run_key_hash") != run_key_hash:
            key = record.get("run_key", {})
            raise DataSafetyError(
                f"output.mode=append: the dataset was coded with another rule set, model or coder version "
                f"(rules_hash {key.get('rules_hash')}, model {key.get('model')} {key.get('model_version')}, coder "
                f"{key.get('coder_version')} engine {key.get('engine_hash')}); appending would mix them. Re-code "
                f"everything with output.mode=resume (all inputs) or output.mode=overwrite.", code=APPEND_OTHER_RUN_KEY)
        (kept if intact(record) else dropped).append(record)
    kept, dropped = _drop_sharing(kept, dropped)
    current = {input_key(r) for r in records}
    for record in dropped:
        missing = [r for r in record.get("inputs", []) if input_key(r) not in current]
        if missing:
            raise DataSafetyError(
                f"output.mode=append: committed shard {record['fingerprint']} is damaged (a file is missing or has "
                f"changed) and {len(missing)} of its articles (e.g. {missing[0]['source']}) are not in this run's "
                f"input, so they cannot be coded again. Re-run with its input or rebuild with output.mode=overwrite.",
                code=APPEND_LOST_INPUTS)
    return kept, dropped


def _new_articles(records: list[InputRecord], kept: list[CommitRecord],
                  dedup_content: bool) -> tuple[list[InputRecord], int, list[Reject]]:
    """append: (articles to code, articles already in the dataset, rejects for a story already in it under another
    id). Refused, before anything is written: an article id already in the dataset with other content."""
    existing_ids: dict[str, InputRecord] = {}
    existing_content: dict[str, InputRecord] = {}
    for record in kept:
        for entry in record.get("inputs", []):
            existing_ids[entry["article_id"]] = entry
            existing_content.setdefault(entry["content_hash"], entry)
    conflicts: list[str] = []
    rejects: list[Reject] = []
    todo: list[InputRecord] = []
    already = 0
    for entry in records:
        known = existing_ids.get(entry["article_id"])
        if known is not None:
            if known["article_hash"] == entry["article_hash"]:
                already += 1
            else:
                conflicts.append(f"{entry['article_id']} ({entry['source']}; in the dataset from {known['source']})")
            continue
        twin = existing_content.get(entry["content_hash"]) if dedup_content else None
        if twin is not None:
            rejects.append(Reject(entry["source"], f"duplicate content: same headline and text as article "
                                                   f"{twin['article_id']} already in the dataset ({twin['source']})",
                                  entry["article_id"], RejectKind.duplicate_content))
            continue
        todo.append(entry)
    if conflicts:
        shown = "\n  ".join(conflicts[:10])
        raise DataSafetyError(
            f"output.mode=append: {len(conflicts)} article id(s) are already in the dataset with different content; "
            f"nothing was written. Give the new articles new ids, or re-code with output.mode=resume/overwrite:\n  "
            f"{shown}", code=APPEND_CHANGED_IDS)
    return todo, already, rejects


# --- the plan file ------------------------------------------------------------------------------------------------

def reject_dict(reject: Reject) -> RejectRecord:
    return {"source": reject.source, "reason": reject.reason, "article_id": reject.article_id, "kind": reject.kind}


def reject_of(record: RejectRecord) -> Reject:
    """A Reject from its JSON form (a plan file's line, a commit record's rejects)."""
    return Reject(record["source"], record["reason"], record.get("article_id"),
                  RejectKind(record.get("kind", RejectKind.invalid)))


def write_plan(path: Path, header: PlanHeader, shards: Iterable[Shard], rejects: Iterable[Reject]) -> None:
    """header line, one line per shard to code, one per rejected input; written atomically."""
    def lines() -> Iterator[bytes]:
        yield json.dumps({"kind": "header", **header}, sort_keys=True, default=str).encode("utf-8") + b"\n"
        for shard in shards:
            yield json.dumps({"kind": "shard", "fingerprint": shard.fingerprint, "index": shard.index,
                              "inputs": shard.inputs}, sort_keys=True).encode("utf-8") + b"\n"
        for reject in rejects:
            yield json.dumps({"kind": "reject", "reject": reject_dict(reject)}, sort_keys=True).encode("utf-8") + b"\n"

    write_chunks_atomic(path, lines())


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise DataSafetyError(f"no shard plan at {path}: start the run with the `coder` command (it plans the shards "
                              f"before any task codes them)", code=NO_PLAN) from None
    with handle:
        for line in handle:
            yield json.loads(line)


def read_header(path: Path) -> PlanHeader:
    header = next(_lines(path))
    header.pop("kind")  # the line's kind ("header"), not part of the header
    return header  # type: ignore[return-value]


def plan_shards_of(path: Path, wanted: range | None = None) -> Iterator[Shard]:
    """The shards of the plan file (only those at positions in `wanted`), read line by line."""
    position = 0
    for line in _lines(path):
        if line["kind"] != "shard":
            continue
        if wanted is None or position in wanted:
            yield Shard(line["fingerprint"], line["index"], line["inputs"])
        position += 1


def plan_rejects(path: Path) -> list[Reject]:
    return [reject_of(line["reject"]) for line in _lines(path) if line["kind"] == "reject"]


def stripe(count: int, task: int, tasks: int) -> range:
    """The contiguous block of shard positions that task `task` of `tasks` codes (blocks differ by one at most)."""
    if tasks < 1 or not 0 <= task < tasks:
        raise ConfigError(f"runner.task: {task} is outside range(0, runner.tasks={tasks}); runner.tasks must be at "
                          f"least 1, and Hydra's sweep sets runner.task (conf/runner/slurm.yaml)", code=CONFIG_RANGE)
    return range(task * count // tasks, (task + 1) * count // tasks)


# --- reading a shard's articles back ------------------------------------------------------------------------------

def shard_articles(cfg: InputConfig, shards: list[Shard]) -> Iterator[tuple[Shard, list[Article]]]:
    """Each shard with its articles (in the shard's input order), as soon as all of them are read. Only the shards'
    own files are read, each once; reading stops when every shard is complete."""
    base = input_base(cfg)
    slots: dict[InputKey, tuple[int, int]] = {}
    files: dict[str, None] = {}
    for n, shard in enumerate(shards):
        for k, record in enumerate(shard.inputs):
            slots[input_key(record)] = (n, k)
            files.setdefault(record["file"], None)
    filling: dict[int, list[Article | None]] = {}
    missing = {n: len(shard.inputs) for n, shard in enumerate(shards)}
    left = len(shards)
    for file in files:
        if not left:
            return
        path = Path(file) if base in ("", ".") or Path(file).is_absolute() else Path(base) / file
        if not path.exists():
            continue
        for item in read_file(path, cfg):
            if isinstance(item, Reject):
                continue
            slot = slots.get(input_key(input_record(item, base, file)))
            if slot is None:
                continue
            n, k = slot
            articles = filling.setdefault(n, [None] * len(shards[n].inputs))
            if articles[k] is None:
                articles[k] = item
                missing[n] -= 1
            if not missing[n]:
                del filling[n]
                left -= 1
                yield shards[n], articles  # type: ignore[misc]
    if left:
        n = next(n for n, count in missing.items() if count)
        shard = shards[n]
        have = filling.get(n, [None] * len(shard.inputs))
        lost = [r["source"] for r, a in zip(shard.inputs, have) if a is None]
        raise DataSafetyError(f"the input changed after the shards were planned: shard {shard.fingerprint} misses "
                              f"{len(lost)} article(s) (e.g. {lost[0]}); run the job again, it plans from the "
                              f"current input and codes only what is missing", code=INPUT_CHANGED)
