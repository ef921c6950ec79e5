"""The JSON documents of a dataset's meta folder, typed: a shard's commit record, the manifest, the plan file's header
and shards, a claim, a compaction intent. They are written with `json` (sorted keys) and read back as plain dicts;
these types name their keys for the code that builds and reads them (docs/data-safety.md describes them for users).
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class InputRecord(TypedDict):
    """One article of a shard, without its text (coder.dataset.plan.input_record)."""

    source: str  # relative to input.path: path, path:line or path#rowN
    file: str
    size: int
    sha256: str
    article_id: str
    month: str  # YYYY-MM of the publication date
    article_hash: str
    content_hash: str


class RejectRecord(TypedDict):
    """A rejected input (coder.dataset.articles.Reject) as JSON."""

    source: str
    reason: str
    article_id: str | None
    kind: str  # a coder.dataset.articles.RejectKind


class RunKey(TypedDict):
    """What every shard fingerprint depends on besides its inputs."""

    coder_version: str
    engine_hash: str
    rules_hash: str
    model: str
    model_version: str
    disable: list[str]
    fast_path: bool


class FileEntry(TypedDict):
    path: str  # relative to the dataset folder: year=YYYY/month=MM/<name>.parquet
    rows: int  # the shard's rows in that file (a compacted file holds several shards' rows)
    bytes: int  # the file's size; a record is trusted only while its files have these sizes


class CodedShard(TypedDict):
    """What coding a shard gives, before the commit adds where its rows went."""

    index: int
    run_key: RunKey
    run_key_hash: str
    articles: int
    sentences: int
    events: int
    duplicate_event_ids_dropped: int
    inputs: list[InputRecord]
    rejects: list[RejectRecord]  # articles the engine failed on
    unknown_actors: list[list[Any]]  # [phrase, count, example]
    committed_by: str  # runner (and task)
    workers_lost: NotRequired[int]  # worker processes that died while coding it (it was coded again)


class CommitRecord(CodedShard):
    """`<output>_meta/_shards/<fingerprint>.json`: once it exists, the shard is committed."""

    fingerprint: str
    status: str  # "done"
    files: list[FileEntry]
    committed_utc: str


class ShardSummary(TypedDict):
    """A planned shard in the manifest and in coder-status."""

    fingerprint: str
    index: int
    articles: int
    first_input: str | None
    last_input: str | None


class ShardEntry(ShardSummary):
    """A shard in the manifest: pending (a summary), or done (with its counts and files)."""

    status: str  # "done" | "pending"
    sentences: NotRequired[int]
    events: NotRequired[int]
    files: NotRequired[list[str]]
    committed_utc: NotRequired[str | None]
    record: NotRequired[str]  # the commit record's path in the meta folder


class PlannedRun(TypedDict):
    """What planning decided about the dataset's committed shards and files."""

    shards_skipped: int
    shards_dropped: int
    articles_skipped: int
    already_in_dataset: int
    files_removed: int
    foreign_files: list[str]
    skipped_files: int  # files under input.path that were not read (README*, hidden or _ files, unknown formats,
    skipped: dict[str, int]  # the job's own output inside the input folder), by reason
    skipped_examples: list[str]


class RunStats(PlannedRun):
    """The manifest's `this_run`: the plan's decisions and what this run coded."""

    shards_coded: int
    articles_coded: int
    duplicate_event_ids_dropped: int
    workers_lost: NotRequired[int]  # worker processes that died (their articles were coded again on a fresh pool)


class Counts(TypedDict):
    articles: int
    rejected: int
    sentences: int
    events: int
    shards: int
    shards_done: int


class RunDescription(TypedDict):
    """The parts of the manifest fixed when the run is planned."""

    format: str
    status: str
    mode: str  # a coder.config.OutputMode
    runner: str  # a coder.config.RunnerName
    coder_version: str
    rules_hash: str
    rule_files: list[str]
    model: str
    model_version: str
    run_key: RunKey
    run_key_hash: str
    versions: dict[str, str]
    config: dict[str, Any]
    input_base: str
    started_utc: str


class ManifestFile(TypedDict):
    path: str
    rows: int


class Manifest(RunDescription):
    """`<output>_meta/_manifest.json`."""

    counts: Counts
    this_run: RunStats
    shards: list[ShardEntry]
    files: list[ManifestFile]
    seconds: float


class PlanHeader(TypedDict):
    """The first line of `<output>_meta/_plan.jsonl`: what every process of the run needs besides its shards."""

    format: str
    runner: str
    tasks: int
    mode: str
    data: str  # the folders shards are committed into (a staging folder for output.mode=overwrite)
    meta: str
    run_key: RunKey
    run_key_hash: str
    shards: int  # shards to code
    kept: list[str]  # fingerprints of committed shards that stay
    rejected: int
    started_epoch: float
    run: PlannedRun
    manifest: RunDescription


class Claim(TypedDict):
    """`<output>_meta/_claims/<fingerprint>.json`: a shard being coded, or failed."""

    fingerprint: str
    where: str
    host: str
    pid: int
    since_utc: str
    status: str  # "running" | "failed"
    error: NotRequired[str]


class IntentMember(TypedDict):
    fingerprint: str
    path: str


class CompactionIntent(TypedDict):
    """`<output>_meta/_compact/<digest>.json`: a merged file and the shards' files it replaces."""

    digest: str
    path: str
    members: list[IntentMember]
