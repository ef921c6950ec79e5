"""The batch job: read articles, parse them with spaCy, code events, write the dataset shard by shard.

Data safety (docs/data-safety.md): the input is read in sorted path order and cut into shards of output.shard_size
articles (coder.dataset.plan); each shard has a fingerprint (its inputs' path, size and content hash, the rules hash, the model
and the coder version) and is committed on its own (coder.dataset.sink). A re-run skips the shards already committed with the
same fingerprint, so a killed job re-run completes the dataset with no event missing or duplicated. Where the shards
are coded (this machine, a SLURM array, Ray actors) is the runner's business (coder.jobs.runners); `Coder` is what every
runner loads once per process.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from tqdm import tqdm

import coder
from coder.dataset.articles import CODING_ERROR, Article, Reject
from coder.engine.registry import build_coder
from coder.config import CoderConfig
from coder.dataset.dedup import ViewResult
from coder.engine.parsing.pipeline import dateline_place, load_pipeline, parse_articles
from coder.ontology import load_ontology
from coder.dataset.records import REJECT_SCHEMA
from coder.jobs.rows import event_rows
from coder.rules.loader import load_rule_config
from coder.dataset.sink import REJECTS, DataSafetyError, meta_dir
from coder.jobs.workers import code_in_pool, start_pool

# The rejects table: records.REJECT_SCHEMA plus the kind of problem (coder.dataset.articles: encoding, date, too_large, ...).
REJECTS_SCHEMA: dict[str, pl.DataType] = {**REJECT_SCHEMA, "kind": pl.String()}


@dataclass
class RunResult:
    events: pl.DataFrame  # the whole dataset after the run (every shard, also those committed by earlier runs)
    rejects: pl.DataFrame  # this run's rejected inputs (REJECTS_SCHEMA)
    articles: int = 0  # articles in the dataset
    sentences: int = 0
    manifest: dict = field(default_factory=dict)
    view: ViewResult | None = None  # the dedup view built after the run, if any
    run: dict = field(default_factory=dict)  # what this run did: shards coded / skipped / dropped, files removed


class Coder:
    """A loaded pipeline and rule set: code articles in memory (the batch job, evaluation and notebooks use it)."""

    def __init__(self, cfg: CoderConfig):
        self.cfg = cfg
        self.nlp = load_pipeline(cfg.nlp)
        self.rules = load_rule_config(cfg.rules)
        self.engine = build_coder(self.rules, self.nlp)
        self.ontology = load_ontology()
        self._pool = None  # worker processes for nlp.n_process > 1, started on first use and kept for all shards

    def unknown_actors(self) -> list[tuple[str, int, str]]:
        """(phrase, count, example sentence) for actor-like phrases no rule matched, over everything coded so far."""
        return self.engine.unknown_actors()

    def take_unknown_actors(self) -> list[tuple[str, int, str]]:
        """unknown_actors() since the last call (the batch job records them per shard), and start counting anew."""
        entries = self.engine.unknown_actors()
        self.engine.unknown.clear()
        self.engine.unknown_example.clear()
        return entries

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def code(self, articles: list[Article], progress: bool = False) -> tuple[list[dict], int]:
        """Event rows for the articles, and the number of sentences read. With nlp.n_process > 1 the articles are
        coded in a pool of worker processes (coder.jobs.workers), each with its own pipeline."""
        if self.cfg.nlp.n_process > 1 and len(articles) > 1:
            return self._code_parallel(articles, progress)
        rows: list[dict] = []
        sentences = 0
        keep = self.engine.could_code if self.cfg.nlp.fast_path else None
        headlines = self.engine.headline_words if self.cfg.nlp.headline_past_tense else None
        parsed = parse_articles(self.nlp, articles, self.cfg.nlp, keep, headlines, self.engine.carry_screening)
        for article, parts in tqdm(parsed, total=len(articles), unit="article", disable=not progress):
            sentences += sum(1 if part.skipped else len(list(doc.sents)) for doc, part in parts)
            events = self.engine.code_article(parts, article.pub_date, dateline=dateline_place(article))
            rows.extend(event_rows(events, article, self.ontology, coder.__version__, self.rules.rules_hash))
        return rows, sentences

    def _code_parallel(self, articles: list[Article], progress: bool) -> tuple[list[dict], int]:
        rows: list[dict] = []
        sentences = 0
        with tqdm(total=len(articles), unit="article", disable=not progress) as bar:
            if self._pool is None:
                self._pool = start_pool(self.cfg, self.cfg.nlp.n_process)
            for chunk_rows, chunk_sentences, unknown, examples in code_in_pool(self._pool, articles):
                rows.extend(chunk_rows)
                sentences += chunk_sentences
                self.engine.unknown.update(unknown)
                for phrase, example in examples.items():
                    self.engine.unknown_example.setdefault(phrase, example)
                bar.update(min(16, len(articles) - bar.n))
        return rows, sentences


# The parts of the package that decide which events an article gives: the engine, the rule language and its loader,
# the ontology, and how inputs become articles and coded events become records. The job's plumbing, the dataset's
# storage and the tools are left out, and so is which build (compiled or source) of the same engine runs.
ENGINE_PARTS = ("engine/", "rules/", "ontology/", "dataset/articles.py", "dataset/records.py", "jobs/rows.py")


def engine_hash() -> str:
    """Hash of the coder's own code and data that decide the events (ENGINE_PARTS), so that a changed engine
    invalidates committed shards even when the version number does not change (a development checkout). Rule files
    are covered by the rules hash."""
    package = Path(coder.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *package.glob("ontology/*.tsv")]):
        rel = path.relative_to(package).as_posix()
        if not rel.startswith(ENGINE_PARTS) or "__pycache__" in rel:
            continue
        digest.update(rel.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


# --- the job --------------------------------------------------------------------------------------------------------

def run_job(cfg: CoderConfig) -> RunResult:
    """Code cfg.input into the dataset at cfg.output with the runner cfg.runner (coder.jobs.runners): plan the shards
    (coder.dataset.plan), code and commit each, finish (manifest, rejects, unknown actors, views, verification)."""
    from coder.jobs.runners import run

    return run(cfg)


def unknown_actors_frame(entries: list[tuple[str, int, str]]) -> pl.DataFrame:
    """Phrases that stood where an actor should be but matched no rule: the dictionary to-do list of this run."""
    schema = {"phrase": pl.String(), "count": pl.Int64(), "example": pl.String()}
    return pl.DataFrame(entries, schema=schema, orient="row")


def _code_shard(engine: Coder, articles: list[Article]) -> tuple[list[dict], int, list[Reject]]:
    """Code a shard; if the engine fails on it, code its articles one by one and reject those it fails on (with
    the error) so that one pathological article cannot stop the batch."""
    try:
        rows, sentences = engine.code(articles)
        return rows, sentences, []
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - find the article(s) responsible below
        pass
    rows, sentences, failed = [], 0, []
    for article in articles:
        try:
            more, count = engine.code([article])
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001
            failed.append(Reject(article.source, f"coding failed: {type(exc).__name__}: {exc}"[:500],
                                 article.article_id, CODING_ERROR))
            continue
        rows.extend(more)
        sentences += count
    return rows, sentences, failed


def json_dumps(data: dict) -> str:
    return json.dumps(data, sort_keys=True, default=str)


def _verify(events: pl.DataFrame, done: dict[str, dict]) -> None:
    """The dataset on disk must hold exactly the committed shards' rows, each event id once."""
    expected = sum(r["events"] for r in done.values())
    if events.height != expected:
        raise DataSafetyError(f"the dataset has {events.height} rows but its commit records list {expected}; "
                              f"re-run with output.mode=overwrite")
    if events.height and events["event_id"].n_unique() != events.height:
        raise DataSafetyError("the dataset holds duplicated event ids; re-run with output.mode=overwrite")


def _rejects_frame(rejects: list[Reject]) -> pl.DataFrame:
    rows = [{"source": r.source, "article_id": r.article_id, "reason": r.reason, "kind": r.kind} for r in rejects]
    return pl.DataFrame(rows, schema=REJECTS_SCHEMA, orient="row") if rows else pl.DataFrame(schema=REJECTS_SCHEMA)


def _is_tty() -> bool:
    import sys

    return sys.stderr.isatty()


def summary(result: RunResult, top: int = 10) -> str:
    events = result.events
    lines = [
        f"articles coded: {result.articles}   rejected: {result.rejects.height}   sentences: {result.sentences}   "
        f"events: {events.height}",
    ]
    run, counts = result.run, result.manifest.get("counts", {})
    if run:
        lines.append(f"mode {result.manifest.get('mode')}: {counts.get('shards', 0)} shard(s), "
                     f"{run['shards_coded']} coded now ({run['articles_coded']} articles), {run['shards_skipped']} "
                     f"already committed ({run['articles_skipped']} articles), {run['shards_dropped']} dropped "
                     f"(changed input, rules or model), {run['files_removed']} stale file(s) removed")
        if run.get("already_in_dataset"):
            lines.append(f"articles already in the dataset (skipped): {run['already_in_dataset']}")
        if run.get("duplicate_event_ids_dropped"):
            lines.append(f"duplicate event ids within an article dropped: {run['duplicate_event_ids_dropped']}")
        if run.get("foreign_files"):
            lines.append(f"warning: files in the dataset folder that are not coder's (readers may fail on them): "
                         f"{', '.join(run['foreign_files'][:5])}")
    if result.rejects.height:
        kinds = Counter(result.rejects["kind"].to_list()) if "kind" in result.rejects.columns else {}
        lines.append("rejected by kind: " + "  ".join(f"{k}:{n}" for k, n in sorted(kinds.items())))
        lines.append("rejected inputs:")
        for row in result.rejects.head(20).iter_rows(named=True):
            lines.append(f"  {row['source']}: {row['reason']}")
        if result.rejects.height > 20:
            lines.append(f"  ... {result.rejects.height - 20} more")
        lines.append(f"rejects table: {meta_dir(result.manifest['config']['output']['path']) / REJECTS}"
                     if result.manifest.get("config") else "")
    if result.view is not None:
        where = f" -> {result.view.path}" if result.view.path else ""
        lines.append(f"dedup view {result.view.name}: {result.view.rows} events from {result.view.source_rows} "
                     f"records{where}")
    if events.height:
        by_root = events.group_by("root_code").len().sort("root_code")
        lines.append("events by root: " + "  ".join(f"{r}:{n}" for r, n in by_root.iter_rows()))
        dyads = (events.group_by("source_country", "target_country").len()
                 .sort(["len", "source_country", "target_country"], descending=[True, False, False]).head(top))
        lines.append("top dyads:")
        lines.extend(f"  {s} -> {t}: {n}" for s, t, n in dyads.iter_rows())
    return "\n".join(line for line in lines if line)
