"""The batch job: read articles, parse them with spaCy, code events, write the dataset."""

from __future__ import annotations

import platform
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

import polars as pl
import pyarrow
import spacy
from omegaconf import OmegaConf
from tqdm import tqdm

import coder
from coder.articles import Article, Reject, read_articles
from coder.coding import EventCoder
from coder.config import CoderConfig
from coder.nlp import dateline_place, load_pipeline, model_version, parse_articles
from coder.ontology import load_ontology
from coder.records import event_rows, events_frame, rejects_frame
from coder.rules.loader import load_rule_config
from coder.workers import code_in_pool
from coder.sink import write_dataset


@dataclass
class RunResult:
    events: pl.DataFrame
    rejects: pl.DataFrame
    articles: int = 0
    sentences: int = 0
    manifest: dict = field(default_factory=dict)


class Coder:
    """A loaded pipeline and rule set: code articles in memory (the batch job, evaluation and notebooks use it)."""

    def __init__(self, cfg: CoderConfig):
        self.cfg = cfg
        self.nlp = load_pipeline(cfg.nlp)
        self.rules = load_rule_config(cfg.rules)
        self.engine = (self.rules.coder or EventCoder)(self.rules, self.nlp)
        self.ontology = load_ontology()

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
            for chunk_rows, chunk_sentences, unknown, examples in code_in_pool(self.cfg, articles,
                                                                               self.cfg.nlp.n_process):
                rows.extend(chunk_rows)
                sentences += chunk_sentences
                self.engine.unknown.update(unknown)
                for phrase, example in examples.items():
                    self.engine.unknown_example.setdefault(phrase, example)
                bar.update(min(32, len(articles) - bar.n))
        return rows, sentences


def run_job(cfg: CoderConfig) -> RunResult:
    started = datetime.now(timezone.utc)
    clock = time.perf_counter()
    articles: list[Article] = []
    rejects: list[Reject] = []
    seen_ids: dict[str, str] = {}
    for item in read_articles(cfg.input):
        if isinstance(item, Reject):
            rejects.append(item)
        elif item.article_id in seen_ids:
            rejects.append(Reject(item.source, f"duplicate article id (first in {seen_ids[item.article_id]})",
                                  item.article_id))
        else:
            seen_ids[item.article_id] = item.source
            articles.append(item)
    engine = Coder(cfg)
    interactive = not cfg.quiet and _is_tty()
    rows, sentences = engine.code(articles, progress=interactive)
    events = events_frame(rows)
    rejected = rejects_frame(rejects)
    manifest = {
        "coder_version": coder.__version__,
        "rules_hash": engine.rules.rules_hash,
        "rule_files": engine.rules.files,
        "model": cfg.nlp.model,
        "model_version": model_version(engine.nlp),
        "versions": {"spacy": spacy.__version__, "polars": pl.__version__, "pyarrow": pyarrow.__version__,
                     "python": platform.python_version()},
        "config": OmegaConf.to_container(OmegaConf.structured(cfg), resolve=True),
        "counts": {"articles": len(articles), "rejected": len(rejects), "sentences": sentences,
                   "events": events.height},
        "started_utc": started.isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - clock, 2),
    }
    write_dataset(events, rejected, manifest, cfg.output)
    return RunResult(events, rejected, len(articles), sentences, manifest)


def _is_tty() -> bool:
    import sys

    return sys.stderr.isatty()


def summary(result: RunResult, top: int = 10) -> str:
    events = result.events
    lines = [
        f"articles coded: {result.articles}   rejected: {result.rejects.height}   sentences: {result.sentences}   "
        f"events: {events.height}",
    ]
    if result.rejects.height:
        lines.append("rejected inputs:")
        for row in result.rejects.head(20).iter_rows(named=True):
            lines.append(f"  {row['source']}: {row['reason']}")
    if events.height:
        by_root = events.group_by("root_code").len().sort("root_code")
        lines.append("events by root: " + "  ".join(f"{r}:{n}" for r, n in by_root.iter_rows()))
        dyads = (events.group_by("source_country", "target_country").len()
                 .sort(["len", "source_country", "target_country"], descending=[True, False, False]).head(top))
        lines.append("top dyads:")
        lines.extend(f"  {s} -> {t}: {n}" for s, t, n in dyads.iter_rows())
    return "\n".join(lines)
