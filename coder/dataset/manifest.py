"""The manifest of a planned run (`<output>_meta/_manifest.json`) as its shards get committed: the run's description
from the plan header, one entry per shard (done or pending), the counts and the files."""

from __future__ import annotations

import time
from collections import Counter

from coder.dataset.documents import CommitRecord, Counts, Manifest, PlanHeader, RunStats, ShardEntry, ShardSummary
from coder.dataset.layout import JOURNAL


def shard_entry(record: CommitRecord) -> ShardEntry:
    """A committed shard as the manifest lists it."""
    inputs = record.get("inputs", [])
    return {"fingerprint": record["fingerprint"], "index": record.get("index"), "status": "done",
            "articles": record["articles"], "sentences": record["sentences"], "events": record["events"],
            "first_input": inputs[0]["source"] if inputs else None,
            "last_input": inputs[-1]["source"] if inputs else None,
            "files": [f["path"] for f in record.get("files", [])], "committed_utc": record.get("committed_utc"),
            "record": f"{JOURNAL}/{record['fingerprint']}.json"}


class Progress:
    """The manifest of a planned run as shards get committed."""

    def __init__(self, header: PlanHeader, kept: list[CommitRecord], pending: list[ShardSummary]):
        self.header = header
        self.kept = kept
        self.pending = pending
        self.done: dict[str, CommitRecord] = {r["fingerprint"]: r for r in kept}
        self.run: RunStats = {**header["run"], "shards_coded": 0, "articles_coded": 0,
                              "duplicate_event_ids_dropped": 0, "workers_lost": 0}
        self.rejected = header["rejected"]

    def add(self, record: CommitRecord) -> None:
        self.done[record["fingerprint"]] = record
        self.run["shards_coded"] += 1
        self.run["articles_coded"] += record["articles"]
        self.run["duplicate_event_ids_dropped"] += record.get("duplicate_event_ids_dropped", 0)
        self.run["workers_lost"] = self.run.get("workers_lost", 0) + record.get("workers_lost", 0)
        self.rejected += len(record.get("rejects", []))

    @property
    def missing(self) -> list[ShardSummary]:
        return [s for s in self.pending if s["fingerprint"] not in self.done]

    def manifest(self, status: str) -> Manifest:
        shards = [shard_entry(r) for r in self.kept]
        shards += [shard_entry(self.done[s["fingerprint"]]) if s["fingerprint"] in self.done else
                   {**s, "status": "pending"} for s in self.pending]
        committed = [self.done[s["fingerprint"]] for s in shards if s["status"] == "done"]
        rows: Counter[str] = Counter()
        for record in committed:
            for entry in record["files"]:
                rows[entry["path"]] += entry["rows"]
        counts: Counts = {"articles": sum(r["articles"] for r in committed), "rejected": self.rejected,
                  "sentences": sum(r["sentences"] for r in committed), "events": sum(r["events"] for r in committed),
                  "shards": len(shards), "shards_done": len(committed)}
        return {**self.header["manifest"], "status": status, "counts": counts, "this_run": self.run,
                "shards": shards, "files": [{"path": p, "rows": n} for p, n in sorted(rows.items())],
                "seconds": round(time.time() - self.header["started_epoch"], 2)}
