"""The batch job: read articles, parse them with spaCy, code events, write the dataset shard by shard.

Data safety (docs/data-safety.md): the input is read in sorted path order and cut into shards of output.shard_size
articles; each shard has a fingerprint (its inputs' path, size and content hash, the rules hash, the model and the
coder version) and is committed on its own (coder.sink). A re-run skips the shards already committed with the same
fingerprint, so a killed job re-run completes the dataset with no event missing or duplicated.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
import pyarrow
import spacy
from omegaconf import OmegaConf
from tqdm import tqdm

import coder
from coder.articles import CODING_ERROR, DUPLICATE_CONTENT, Article, Reject, article_hash, collect_inputs, content_hash
from coder.coding import EventCoder
from coder.config import CoderConfig, InputConfig
from coder.dedup import ViewResult, drop_views, refresh_views
from coder.nlp import dateline_place, load_pipeline, model_version, parse_articles
from coder.ontology import load_ontology
from coder.records import REJECT_SCHEMA, event_rows, events_frame
from coder.rules.loader import load_rule_config
from coder.sink import FORMAT, MODES, REJECTS, UNKNOWN_ACTORS, DataSafetyError, DatasetWriter, meta_dir, read_events
from coder.workers import code_in_pool, start_pool

# The rejects table: records.REJECT_SCHEMA plus the kind of problem (coder.articles: encoding, date, too_large, ...).
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
        self.engine = (self.rules.coder or EventCoder)(self.rules, self.nlp)
        self.ontology = load_ontology()
        self._pool = None  # worker processes for nlp.n_process > 1, started on first use and kept for all shards

    def unknown_actors(self) -> list[tuple[str, int, str]]:
        """(phrase, count, example sentence) for actor-like phrases no rule matched, over everything coded so far."""
        return self.engine.unknown_actors()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def code(self, articles: list[Article], progress: bool = False) -> tuple[list[dict], int]:
        """Event rows for the articles, and the number of sentences read. With nlp.n_process > 1 the articles are
        coded in a pool of worker processes (coder.workers), each with its own pipeline."""
        if self.cfg.nlp.n_process > 1 and len(articles) > 1:
            return self._code_parallel(articles, progress)
        rows: list[dict] = []
        sentences = 0
        keep = self.engine.could_code if self.cfg.nlp.fast_path else None
        parsed = parse_articles(self.nlp, articles, self.cfg.nlp, keep)
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


# Modules that do not change which events an article gives (the job's plumbing, other tools): left out of engine_hash.
NOT_ENGINE = {"__main__.py", "cli.py", "config.py", "pipeline.py", "sink.py", "dedup.py", "evaluate.py", "explain.py",
              "analysis.py", "export.py", "rules/coverage.py", "workers.py"}


def engine_hash() -> str:
    """Hash of the coder's own code and data that decide the events (parsing, actors, frames, dates, coding, rule
    loading, ontology), so that a changed engine invalidates committed shards even when the version number does not
    change (a development checkout). Rule files are covered by the rules hash."""
    package = Path(coder.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *package.glob("ontology/*.tsv")]):
        rel = path.relative_to(package).as_posix()
        if rel in NOT_ENGINE or "__pycache__" in rel:
            continue
        digest.update(rel.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


# --- shards and the run plan ----------------------------------------------------------------------------------------

@dataclass
class Shard:
    fingerprint: str
    index: int
    articles: list[Article]
    inputs: list[dict]


@dataclass
class Plan:
    kept: list[dict]  # commit records of shards that stay as they are
    pending: list[Shard]  # shards to code and commit now
    dropped: list[dict]  # commit records no longer valid (changed input, rules or model; damaged files)
    already: int = 0  # append: articles already in the dataset with the same content
    rejects: list[Reject] = field(default_factory=list)  # append: same content as an article in the dataset


def input_base(cfg: InputConfig) -> str:
    """Sources are recorded relative to the input folder, so moving the whole folder does not invalidate shards."""
    root = Path(cfg.path).expanduser()
    return str(root if root.is_dir() else root.parent)


def input_record(article: Article, base: str) -> dict:
    source = article.source
    if source.startswith(base + os.sep):
        source = source[len(base) + 1:]
    return {"source": source, "size": article.size, "sha256": article.sha256, "article_id": article.article_id,
            "article_hash": article_hash(article), "content_hash": content_hash(article)}


def _input_key(record: dict) -> tuple:
    return record["source"], record["size"], record["sha256"], record["article_hash"]


def shard_fingerprint(run_key_hash: str, inputs: list[dict]) -> str:
    digest = hashlib.sha256(f"{FORMAT}\n{run_key_hash}\n".encode())
    for record in inputs:
        digest.update(("\x1f".join(str(part) for part in _input_key(record)) + "\n").encode("utf-8"))
    return digest.hexdigest()[:24]


def _chunk(articles: list[Article], inputs: list[dict], size: int, run_key_hash: str, first_index: int) -> list[Shard]:
    shards = []
    for n, start in enumerate(range(0, len(articles), size)):
        part = inputs[start:start + size]
        shards.append(Shard(shard_fingerprint(run_key_hash, part), first_index + n, articles[start:start + size],
                            part))
    return shards


def plan_shards(articles: list[Article], base: str, journal: dict[str, dict], intact, run_key_hash: str, mode: str,
                shard_size: int, dedup_content: bool = True) -> Plan:
    """Which committed shards stay, which are dropped, which articles are cut into new shards.

    resume/overwrite: a committed shard stays when its fingerprint is still right (same rules and model) and every one
    of its inputs is in this run's input unchanged; the remaining articles, in input order, are cut into new shards.
    After a kill the committed shards are the first ones of the plan, so the rest is cut exactly as before.
    append: every committed shard stays; articles whose id is already in the dataset are skipped when their content
    is the same and refused (DataSafetyError, before anything is written) when it differs.
    """
    inputs = [input_record(a, base) for a in articles]
    current = {_input_key(r) for r in inputs}
    records = sorted(journal.values(), key=lambda r: (r.get("index", 0), r["fingerprint"]))
    kept: list[dict] = []
    dropped: list[dict] = []
    if mode != "append":
        covered: set[tuple] = set()
        for record in records:
            keys = [_input_key(r) for r in record.get("inputs", [])]
            valid = (record.get("run_key_hash") == run_key_hash
                     and shard_fingerprint(run_key_hash, record.get("inputs", [])) == record["fingerprint"]
                     and all(k in current and k not in covered for k in keys) and intact(record))
            if valid:
                kept.append(record)
                covered.update(keys)
            else:
                dropped.append(record)
        todo = [i for i, r in enumerate(inputs) if _input_key(r) not in covered]
        first = max((r.get("index", 0) for r in kept), default=-1) + 1
        pending = _chunk([articles[i] for i in todo], [inputs[i] for i in todo], shard_size, run_key_hash, first)
        return Plan(kept, pending, dropped)

    by_key = {_input_key(r): i for i, r in enumerate(inputs)}
    for record in records:
        if record.get("run_key_hash") != run_key_hash:
            key = record.get("run_key", {})
            raise DataSafetyError(
                f"output.mode=append: the dataset was coded with another rule set, model or coder version "
                f"(rules_hash {key.get('rules_hash')}, model {key.get('model')} {key.get('model_version')}, coder "
                f"{key.get('coder_version')} engine {key.get('engine_hash')}); appending would mix them. Re-code "
                f"everything with output.mode=resume (all inputs) or output.mode=overwrite.")
        if intact(record):
            kept.append(record)
            continue
        missing = [r for r in record.get("inputs", []) if _input_key(r) not in by_key]
        if missing:
            raise DataSafetyError(
                f"output.mode=append: committed shard {record['fingerprint']} is damaged (a file is missing or has "
                f"changed) and {len(missing)} of its articles (e.g. {missing[0]['source']}) are not in this run's "
                f"input, so they cannot be coded again. Re-run with its input or rebuild with output.mode=overwrite.")
        dropped.append(record)
    existing_ids: dict[str, dict] = {}
    existing_content: dict[str, dict] = {}
    for record in kept:
        for entry in record.get("inputs", []):
            existing_ids[entry["article_id"]] = entry
            existing_content.setdefault(entry["content_hash"], entry)
    conflicts: list[str] = []
    rejects: list[Reject] = []
    todo: list[int] = []
    already = 0
    for i, (article, entry) in enumerate(zip(articles, inputs)):
        known = existing_ids.get(article.article_id)
        if known is not None:
            if known["article_hash"] == entry["article_hash"]:
                already += 1
            else:
                conflicts.append(f"{article.article_id} ({article.source}; in the dataset from {known['source']})")
            continue
        twin = existing_content.get(entry["content_hash"]) if dedup_content else None
        if twin is not None:
            rejects.append(Reject(article.source, f"duplicate content: same headline and text as article "
                                                  f"{twin['article_id']} already in the dataset ({twin['source']})",
                                  article.article_id, DUPLICATE_CONTENT))
            continue
        todo.append(i)
    if conflicts:
        shown = "\n  ".join(conflicts[:10])
        raise DataSafetyError(
            f"output.mode=append: {len(conflicts)} article id(s) are already in the dataset with different content; "
            f"nothing was written. Give the new articles new ids, or re-code with output.mode=resume/overwrite:\n  "
            f"{shown}")
    first = max((r.get("index", 0) for r in kept), default=-1) + 1
    pending = _chunk([articles[i] for i in todo], [inputs[i] for i in todo], shard_size, run_key_hash, first)
    return Plan(kept, pending, dropped, already, rejects)


# --- the job --------------------------------------------------------------------------------------------------------

def run_job(cfg: CoderConfig) -> RunResult:
    out = cfg.output
    if out.mode not in MODES:
        raise ValueError(f"output.mode={out.mode!r}; expected one of {', '.join(MODES)}")
    if out.shard_size < 1:
        raise ValueError(f"output.shard_size={out.shard_size}; expected a positive number of articles")
    started = datetime.now(timezone.utc)
    clock = time.perf_counter()
    articles, rejects = collect_inputs(cfg.input)
    engine = Coder(cfg)
    run_key = {"coder_version": coder.__version__, "engine_hash": engine_hash(), "rules_hash": engine.rules.rules_hash,
               "model": cfg.nlp.model, "model_version": model_version(engine.nlp), "disable": sorted(cfg.nlp.disable),
               "fast_path": cfg.nlp.fast_path}
    run_key_hash = hashlib.sha256(repr(sorted(run_key.items())).encode("utf-8")).hexdigest()[:24]
    base = input_base(cfg.input)
    manifest = {
        "format": FORMAT,
        "status": "running",
        "mode": out.mode,
        "coder_version": coder.__version__,
        "rules_hash": engine.rules.rules_hash,
        "rule_files": engine.rules.files,
        "model": cfg.nlp.model,
        "model_version": run_key["model_version"],
        "run_key": run_key,
        "run_key_hash": run_key_hash,
        "versions": {"spacy": spacy.__version__, "polars": pl.__version__, "pyarrow": pyarrow.__version__,
                     "python": platform.python_version()},
        "config": OmegaConf.to_container(OmegaConf.structured(cfg), resolve=True),
        "input_base": base,
        "started_utc": started.isoformat(timespec="seconds"),
    }
    file_meta = {k: run_key[k] for k in ("coder_version", "engine_hash", "rules_hash", "model", "model_version")}
    interactive = not cfg.quiet and _is_tty()
    with DatasetWriter(out) as writer:
        journal = writer.journal() if out.mode != "overwrite" else {}
        if out.mode == "append":
            legacy = [p for p in writer.data.glob("year=*/month=*/*.parquet") if not p.name.startswith("shard-")]
            if legacy and not journal:
                raise DataSafetyError(f"output.mode=append: {out.path} was written by an older coder without commit "
                                      f"records ({legacy[0].name}); rebuild it once with output.mode=overwrite.")
        plan = plan_shards(articles, base, journal, writer.intact, run_key_hash, out.mode, out.shard_size,
                           cfg.input.dedup_content)
        rejects.extend(plan.rejects)
        if out.mode != "append":  # this run's inputs include the articles the engine failed on in a kept shard
            for record in plan.kept:
                rejects.extend(Reject(**r) for r in record.get("rejects", []))
        if plan.pending or plan.dropped:
            drop_views(writer.target)  # derived from the dataset, which is about to change; rebuilt at the end
        writer.drop(plan.dropped)
        removed = writer.sweep({f["path"] for record in plan.kept for f in record.get("files", [])})
        done: dict[str, dict] = {r["fingerprint"]: r for r in plan.kept}
        run = {"shards_coded": 0, "shards_skipped": len(plan.kept), "shards_dropped": len(plan.dropped),
               "articles_coded": 0, "articles_skipped": sum(r["articles"] for r in plan.kept),
               "already_in_dataset": plan.already, "files_removed": len(removed),
               "duplicate_event_ids_dropped": 0, "foreign_files": writer.foreign}

        def save_manifest(status: str) -> None:
            writer.write_manifest(_manifest(manifest, status, plan, done, run, len(rejects), clock))

        save_manifest("running")
        bar = tqdm(total=sum(len(s.articles) for s in plan.pending), unit="article", disable=not interactive)
        for shard in plan.pending:
            rows, sentences, failed = _code_shard(engine, shard.articles)
            events = events_frame(rows)
            unique = events.unique("event_id", keep="first", maintain_order=True)
            duplicates = events.height - unique.height
            record = {"index": shard.index, "run_key": run_key, "run_key_hash": run_key_hash,
                      "articles": len(shard.articles) - len(failed), "sentences": sentences, "events": unique.height,
                      "duplicate_event_ids_dropped": duplicates, "inputs": shard.inputs,
                      "rejects": [_reject_dict(r) for r in failed]}
            rejects.extend(failed)
            metadata = {"coder.manifest": json_dumps({**file_meta, "format": FORMAT, "shard": shard.fingerprint,
                                                      "articles": len(shard.articles)})}
            done[shard.fingerprint] = writer.commit(shard.fingerprint, unique, record, metadata)
            run["shards_coded"] += 1
            run["articles_coded"] += record["articles"]
            run["duplicate_event_ids_dropped"] += duplicates
            save_manifest("running")
            bar.update(len(shard.articles))
        bar.close()
        engine.close()
        writer.write_table(UNKNOWN_ACTORS, unknown_actors_frame(engine.unknown_actors()))
        rejected = _rejects_frame(rejects)
        if out.write_rejects:
            table = rejected
            previous = writer.previous_rejects() if out.mode == "append" else None
            if previous is not None:
                previous = previous.with_columns(pl.lit(None, pl.String()).alias(c)
                                                 for c in REJECTS_SCHEMA if c not in previous.columns)
                table = pl.concat([previous.select(list(REJECTS_SCHEMA)).cast(REJECTS_SCHEMA), rejected])
                table = table.unique(maintain_order=True)
            writer.write_rejects(table)
        else:
            writer.remove_rejects()  # a table of an earlier run would not match this input
        save_manifest("complete")
        writer.finish()
        events = read_events(writer.target)
        _verify(events, done)
        view = refresh_views(writer.target, cfg.dedup, out)
    final = _manifest(manifest, "complete", plan, done, run, len(rejects), clock)
    return RunResult(events, rejected, final["counts"]["articles"], final["counts"]["sentences"], final, view, run)


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


def _reject_dict(reject: Reject) -> dict:
    return {"source": reject.source, "reason": reject.reason, "article_id": reject.article_id, "kind": reject.kind}


def json_dumps(data: dict) -> str:
    return json.dumps(data, sort_keys=True, default=str)


def _manifest(base: dict, status: str, plan: Plan, done: dict[str, dict], run: dict, rejected: int,
              clock: float) -> dict:
    shards = []
    for record in plan.kept:
        shards.append(_shard_entry(record, "done"))
    for shard in plan.pending:
        record = done.get(shard.fingerprint)
        shards.append(_shard_entry(record, "done") if record else
                      {"fingerprint": shard.fingerprint, "index": shard.index, "status": "pending",
                       "articles": len(shard.articles), "first_input": shard.inputs[0]["source"],
                       "last_input": shard.inputs[-1]["source"]})
    committed = [done[s["fingerprint"]] for s in shards if s["status"] == "done"]
    files = sorted(({"path": f["path"], "rows": f["rows"]} for r in committed for f in r["files"]),
                   key=lambda f: f["path"])
    counts = {"articles": sum(r["articles"] for r in committed), "rejected": rejected,
              "sentences": sum(r["sentences"] for r in committed), "events": sum(r["events"] for r in committed),
              "shards": len(shards), "shards_done": len(committed)}
    return {**base, "status": status, "counts": counts, "this_run": run, "shards": shards, "files": files,
            "seconds": round(time.perf_counter() - clock, 2)}


def _shard_entry(record: dict, status: str) -> dict:
    inputs = record.get("inputs", [])
    return {"fingerprint": record["fingerprint"], "index": record.get("index"), "status": status,
            "articles": record["articles"], "sentences": record["sentences"], "events": record["events"],
            "first_input": inputs[0]["source"] if inputs else None,
            "last_input": inputs[-1]["source"] if inputs else None,
            "files": [f["path"] for f in record.get("files", [])], "committed_utc": record.get("committed_utc"),
            "record": f"_shards/{record['fingerprint']}.json"}


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
