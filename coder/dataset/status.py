"""`coder-status <dataset>`: which shards of a dataset are done, running, failed or pending, from its manifest, commit
records, the plan of an unfinished run and the claims of shards being coded (coder.jobs.runners). The command line is
coder/cli/status.py."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

from coder.dataset.documents import Claim, Manifest
from coder.dataset.journal import read_journal
from coder.dataset.layout import MANIFEST, PLAN, claim_path, meta_dir
from coder.dataset.plan import plan_shards_of, read_header
from coder.errors import NOT_A_DATASET, InputError

STATES = ("done", "running", "failed", "pending")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _claim_state(claim: Claim) -> str:
    if claim.get("status") == "failed":
        return "failed"
    if claim.get("host") == socket.gethostname() and not _alive(int(claim.get("pid", 0))):
        return "failed"  # the process that was coding it is gone (killed)
    return "running"  # on another host it cannot be checked from here


def dataset_status(dataset: str | Path) -> dict:
    """{"dataset", "status" (the manifest's), "runner", "counts": {state: n}, "shards": [{fingerprint, state, ...}]}"""
    target = Path(dataset).expanduser().resolve()
    meta = meta_dir(target)
    try:
        manifest: Manifest = json.loads((meta / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{target} is not a coder dataset (no {meta / MANIFEST}); pass the output.path of a coder "
                         f"run", code=NOT_A_DATASET) from None
    journal = read_journal(meta)
    shards: list[dict] = []
    plan = meta / PLAN
    if plan.exists():  # a run that has not finished (or is running): its plan is the truth
        header = read_header(plan)
        for fingerprint in header["kept"]:
            shards.append({"fingerprint": fingerprint, "state": "done" if fingerprint in journal else "failed",
                           "note": "" if fingerprint in journal else "commit record lost"})
        for shard in plan_shards_of(plan):
            entry = {**shard.summary(), "state": "pending", "note": ""}
            claimed = claim_path(meta, shard.fingerprint)
            if shard.fingerprint in journal:
                entry["state"] = "done"
            elif claimed.exists():
                claim: Claim = json.loads(claimed.read_text(encoding="utf-8"))
                entry["state"] = _claim_state(claim)
                entry["note"] = (f"{claim.get('where')} on {claim.get('host')} pid {claim.get('pid')} since "
                                 f"{claim.get('since_utc')}" + (f": {claim['error']}" if claim.get("error") else ""))
            shards.append(entry)
        runner = header.get("runner")
    else:
        for listed in manifest.get("shards", []):
            state = "done" if listed["fingerprint"] in journal else "pending"
            shards.append({**listed, "state": state, "note": ""})
        runner = manifest.get("runner", "local")
    counts = {state: sum(1 for s in shards if s["state"] == state) for state in STATES}
    return {"dataset": str(target), "status": manifest.get("status"), "runner": runner, "counts": counts,
            "shards": shards, "events": sum(r["events"] for r in journal.values())}


def report(status: dict, limit: int = 10) -> str:
    counts = status["counts"]
    lines = [f"dataset {status['dataset']}: {status['status']} (runner {status['runner']})",
             f"shards: {counts['done']} done, {counts['running']} running, {counts['failed']} failed, "
             f"{counts['pending']} pending (of {sum(counts.values())}); {status['events']} events committed"]
    for state in ("failed", "running", "pending"):
        chosen = [s for s in status["shards"] if s["state"] == state]
        if not chosen:
            continue
        lines.append(f"{state}:")
        for shard in chosen[:limit]:
            inputs = f" inputs {shard.get('first_input')} .. {shard.get('last_input')}" if shard.get("first_input") \
                else ""
            note = f"  [{shard['note']}]" if shard.get("note") else ""
            lines.append(f"  {shard['fingerprint']}{inputs}{note}")
        if len(chosen) > limit:
            lines.append(f"  ... {len(chosen) - limit} more")
    if counts["failed"] or counts["pending"]:
        lines.append("run the same coder command again: it codes only the shards that are not done")
    return "\n".join(lines)
