"""Step 2 of every runner: code the shards of a plan and commit each (coder.dataset.journal), with a claim file while
a shard is being coded so that `coder-status` can tell running, failed and pending shards apart.

A shard that cannot be committed ends the job with one line and its claim marked `failed`: a worker process that died
twice (WorkerLost -> E417), a full disk (E418: the commit takes its files back out, so the dataset is as it was)."""

from __future__ import annotations

import errno
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from coder.config import CoderConfig
from coder.dataset.articles import Article
from coder.dataset.documents import Claim, CodedShard, CommitRecord, RunKey
from coder.dataset.durable import write_json_atomic
from coder.dataset.journal import commit_shard, is_committed
from coder.dataset.layout import FORMAT, claim_path
from coder.dataset.plan import Shard, reject_dict, shard_articles
from coder.dataset.records import events_frame
from coder.errors import DISK_FULL, WORKER_LOST, DataSafetyError
from coder.jobs.coder import Coder, code_shard
from coder.jobs.workers import WorkerLost

DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)


@dataclass
class Job:
    """What a process needs to code and commit shards of a planned run."""

    cfg: CoderConfig
    data: Path
    meta: Path
    run_key: RunKey
    run_key_hash: str
    where: str  # runner (and task) that commits, recorded in commit records and claims

    @property
    def file_meta(self) -> dict[str, str]:
        """What each event file's Parquet metadata names of the run key."""
        keys = ("coder_version", "engine_hash", "rules_hash", "model", "model_version")
        return {k: self.run_key[k] for k in keys}  # type: ignore[literal-required]


def _claim(job: Job, fingerprint: str, status: str, error: str | None = None) -> None:
    try:
        _write_claim(job, fingerprint, status, error)
    except OSError:
        if status != "failed":  # a failure is reported by the error itself, also when its claim cannot be written
            raise


def _write_claim(job: Job, fingerprint: str, status: str, error: str | None) -> None:
    claim: Claim = {"fingerprint": fingerprint, "where": job.where, "host": socket.gethostname(), "pid": os.getpid(),
                    "since_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"), "status": status}
    if error is not None:
        claim["error"] = error
    write_json_atomic(claim_path(job.meta, fingerprint), claim)


def _commit(job: Job, engine: Coder, shard: Shard, articles: list[Article]) -> CommitRecord:
    """Code one shard's articles and commit its events."""
    lost_before = getattr(engine, "workers_lost", 0)
    rows, sentences, failed = code_shard(engine, articles)
    unknown = engine.take_unknown_actors() if hasattr(engine, "take_unknown_actors") else []
    events = events_frame(rows)
    unique = events.unique("event_id", keep="first", maintain_order=True)
    coded: CodedShard = {"index": shard.index, "run_key": job.run_key, "run_key_hash": job.run_key_hash,
                         "articles": len(articles) - len(failed), "sentences": sentences, "events": unique.height,
                         "duplicate_event_ids_dropped": events.height - unique.height, "inputs": shard.inputs,
                         "rejects": [reject_dict(r) for r in failed], "unknown_actors": [list(u) for u in unknown],
                         "committed_by": job.where, "workers_lost": getattr(engine, "workers_lost", 0) - lost_before}
    metadata = {"coder.manifest": json.dumps({**job.file_meta, "format": FORMAT, "shard": shard.fingerprint,
                                              "articles": len(articles)}, sort_keys=True, default=str)}
    return commit_shard(job.data, job.meta, job.cfg.output, shard.fingerprint, unique, coded, metadata)


def code_shards(job: Job, engine: Coder, shards: list[Shard]) -> Iterator[CommitRecord]:
    """Code and commit each shard not committed yet (a task run again after a requeue skips what it did); yield the
    commit records. Articles are read back shard by shard (coder.dataset.plan.shard_articles)."""
    todo = [s for s in shards if not is_committed(job.meta, s.fingerprint)]
    if hasattr(engine, "take_unknown_actors"):
        engine.take_unknown_actors()  # start each shard's to-do list empty
    for shard, articles in shard_articles(job.cfg.input, todo):
        _claim(job, shard.fingerprint, "running")
        try:
            record = _commit(job, engine, shard, articles)
        except Exception as exc:
            _claim(job, shard.fingerprint, "failed", f"{type(exc).__name__}: {exc}"[:1000])
            error = shard_error(exc, shard, job)
            if error is exc:
                raise
            raise error from exc
        claim_path(job.meta, shard.fingerprint).unlink(missing_ok=True)
        yield record


def is_disk_full(exc: BaseException) -> bool:
    """An OSError of a full disk or quota, also as pyarrow reports it (an OSError without errno)."""
    return isinstance(exc, OSError) and (exc.errno in DISK_FULL_ERRNOS or "No space left on device" in str(exc)
                                         or "Disk quota exceeded" in str(exc))


def shard_error(exc: Exception, shard: Shard, job: Job) -> Exception:
    """The error a failed shard ends the job with: one line with its code for a lost worker and a full disk."""
    where = f"shard {shard.fingerprint} (inputs {shard.inputs[0]['source']} .. {shard.inputs[-1]['source']})"
    if isinstance(exc, WorkerLost):
        return DataSafetyError(f"{exc} while coding {where}, and again on a fresh worker; the shard was not "
                               f"committed (committed shards stay). The out-of-memory killer is the usual cause: run "
                               f"again with fewer nlp.n_process or a smaller output.shard_size", code=WORKER_LOST)
    if is_disk_full(exc):
        return disk_full(exc, f"committing {where} to {job.data}; the shard was not committed and the dataset is as "
                              f"it was before it")
    return exc


def disk_full(exc: BaseException, what: str) -> DataSafetyError:
    reason = getattr(exc, "strerror", None) or " ".join(str(exc).split())[:200]
    return DataSafetyError(f"the disk is full ({reason}) while {what}. Free space and run the same command again: it "
                           f"keeps what is committed and codes the rest", code=DISK_FULL)
