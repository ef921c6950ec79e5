"""Step 3 of every runner: once every planned shard is committed, write the side tables and the manifest, switch in
an overwrite, verify the dataset and rebuild the dedup view, under the writer's exclusive lock.

The finish step streams: counts come from the commit records, the dataset is verified file by file (footers and the
event id column of one file at a time), and the result reads the events only when asked (`RunResult.events`), so its
memory does not grow with the dataset."""

from __future__ import annotations

import shutil

import polars as pl

from coder.config import CoderConfig, OutputMode
from coder.dataset.articles import Reject
from coder.dataset.dedup import refresh_views
from coder.dataset.documents import CommitRecord, PlanHeader
from coder.dataset.layout import CLAIMS, PLAN, UNKNOWN_ACTORS
from coder.dataset.manifest import Progress
from coder.dataset.plan import plan_rejects, plan_shards_of, read_header, reject_of
from coder.dataset.sink import DatasetWriter, verify_dataset
from coder.dataset.tables import rejects_frame, unknown_actors_frame, unknown_actors_of, with_previous_rejects
from coder.errors import RUN_INCOMPLETE, DataSafetyError
from coder.jobs.summary import RunResult


def _refuse_incomplete(writer: DatasetWriter, header: PlanHeader, kept: list[CommitRecord],
                       progress: Progress) -> None:
    """Some planned shards are not committed: write an `incomplete` manifest and stop, saying how to complete it."""
    missing = progress.missing
    if len(kept) == len(header["kept"]) and not missing:
        return
    writer.write_manifest(progress.manifest("incomplete"))
    example = f" (e.g. shard {missing[0]['fingerprint']}, inputs {missing[0]['first_input']} .. " \
              f"{missing[0]['last_input']})" if missing else ""
    raise DataSafetyError(f"{len(missing) + len(header['kept']) - len(kept)} of {len(progress.pending)} planned "
                          f"shard(s) are not committed{example}; see `coder-status {writer.target}` and run the "
                          f"same command again: it codes only the shards that are missing", code=RUN_INCOMPLETE)


def _write_rejects(cfg: CoderConfig, writer: DatasetWriter, header: PlanHeader, records: list[CommitRecord],
                   rejects: list[Reject]) -> pl.DataFrame:
    """The rejects table: the plan's rejects and the articles the engine failed on; appended to the dataset's table
    in output.mode=append. Returns this run's rejects."""
    rejects.extend(reject_of(r) for record in records for r in record.get("rejects", []))
    rejected = rejects_frame(rejects)
    if not cfg.output.write_rejects:
        writer.remove_rejects()  # a table of an earlier run would not match this input
        return rejected
    previous = writer.previous_rejects() if header["mode"] == OutputMode.append else None
    writer.write_rejects(rejected if previous is None else with_previous_rejects(previous, rejected))
    return rejected


def finalize(cfg: CoderConfig, writer: DatasetWriter) -> RunResult:
    """Finish a planned run whose shards are all committed; if some are not, write an `incomplete` manifest and stop
    with an error saying how to complete it."""
    path = writer.meta / PLAN
    header = read_header(path)
    journal = writer.journal()
    kept = [journal[fp] for fp in header["kept"] if fp in journal]
    progress = Progress(header, kept, [s.summary() for s in plan_shards_of(path)])
    for summary in progress.pending:
        if summary["fingerprint"] in journal:
            progress.add(journal[summary["fingerprint"]])
    _refuse_incomplete(writer, header, kept, progress)
    new = [journal[s["fingerprint"]] for s in progress.pending]
    writer.write_table(UNKNOWN_ACTORS, unknown_actors_frame(unknown_actors_of(kept + new)))
    coded = new if header["mode"] == OutputMode.append else kept + new
    rejected = _write_rejects(cfg, writer, header, coded, plan_rejects(path))
    writer.write_manifest(progress.manifest("complete"))
    writer.finish()
    verify_dataset(writer.target, progress.done)
    view = refresh_views(writer.target, cfg.dedup, cfg.output)
    shutil.rmtree(writer.meta / CLAIMS, ignore_errors=True)
    (writer.meta / PLAN).unlink(missing_ok=True)
    final = progress.manifest("complete")
    status = cfg.rejects_exit_status if rejected.height else 0
    return RunResult(writer.target, rejected, final["counts"]["articles"], final["counts"]["sentences"], final, view,
                     progress.run, status)
