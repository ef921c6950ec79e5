"""The side tables of a dataset's meta folder: `_rejects.parquet` (inputs that could not be coded, with the reason
and its kind) and `_unknown_actors.parquet` (phrases that stood where an actor should be but matched no rule)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import polars as pl

from coder.dataset.articles import Reject
from coder.dataset.documents import CommitRecord

REJECTS_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),  # path, path:line or path#rowN
    "article_id": pl.String(),
    "reason": pl.String(),
    "kind": pl.String(),  # a coder.dataset.articles.RejectKind
}
UNKNOWN_ACTORS_SCHEMA: dict[str, pl.DataType] = {"phrase": pl.String(), "count": pl.Int64(), "example": pl.String()}


def rejects_frame(rejects: Iterable[Reject]) -> pl.DataFrame:
    rows = [{"source": r.source, "article_id": r.article_id, "reason": r.reason, "kind": r.kind} for r in rejects]
    return pl.DataFrame(rows, schema=REJECTS_SCHEMA, orient="row") if rows else pl.DataFrame(schema=REJECTS_SCHEMA)


def with_previous_rejects(previous: pl.DataFrame, rejects: pl.DataFrame) -> pl.DataFrame:
    """output.mode=append: the dataset's rejects table followed by this run's, each row once (a table written by an
    older coder gets the columns it lacks, empty)."""
    previous = previous.with_columns(pl.lit(None, pl.String()).alias(c)
                                     for c in REJECTS_SCHEMA if c not in previous.columns)
    table = pl.concat([previous.select(list(REJECTS_SCHEMA)).cast(REJECTS_SCHEMA), rejects])
    return table.unique(maintain_order=True)


def unknown_actors_of(records: Iterable[CommitRecord]) -> list[tuple[str, int, str]]:
    """The dataset's unknown-actor phrases summed over its shards (most frequent first, then by phrase); the example
    is the first one in shard order. The same whichever runner or task coded which shard."""
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for record in sorted(records, key=lambda r: (r.get("index", 0), r["fingerprint"])):
        for phrase, count, example in record.get("unknown_actors", []):
            counts[phrase] += count
            examples.setdefault(phrase, example)
    return [(p, n, examples[p]) for p, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def unknown_actors_frame(entries: list[tuple[str, int, str]]) -> pl.DataFrame:
    """Phrases that stood where an actor should be but matched no rule: the dictionary to-do list of a dataset."""
    return pl.DataFrame(entries, schema=UNKNOWN_ACTORS_SCHEMA, orient="row")
