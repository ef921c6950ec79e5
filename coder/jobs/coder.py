"""The loaded coder: a spaCy pipeline and a rule set loaded once per process (the batch job's runners, evaluation,
notebooks and `coder-explain` use it), coding articles into event rows; a shard's coding that falls back to one
article at a time when the engine fails; and the engine hash that committed shards depend on.

With nlp.n_process > 1 the articles are coded by worker processes (coder.jobs.workers). A worker that dies (killed,
out of memory) is noticed at once: the articles are coded again once on a fresh pool, and if a worker dies again
`WorkerLost` ends the shard (the job reports it; nothing of the shard is committed).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tqdm import tqdm

import coder
from coder.config import CoderConfig
from coder.dataset.articles import Article, Reject, RejectKind
from coder.engine.registry import build_coder
from coder.engine.parsing.pipeline import load_pipeline, parse_articles
from coder.engine.parsing.segments import dateline_place
from coder.jobs.rows import event_rows
from coder.jobs.workers import ChunkResult, WorkerLost, code_in_pool, start_pool, stop_pool
from coder.ontology import load_ontology
from coder.rules.loader import load_rule_config


class Coder:
    """A loaded pipeline and rule set: code articles in memory (the batch job, evaluation and notebooks use it)."""

    def __init__(self, cfg: CoderConfig):
        self.cfg = cfg
        self.nlp = load_pipeline(cfg.nlp)
        self.rules = load_rule_config(cfg.rules)
        self.engine = build_coder(self.rules, self.nlp)
        self.ontology = load_ontology()
        # worker processes for nlp.n_process > 1, started on first use and kept for all shards
        self._pool: ProcessPoolExecutor | None = None
        self.workers_lost = 0  # worker processes that died (their articles were coded again on a fresh pool)

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
            stop_pool(self._pool)
            self._pool = None

    def code(self, articles: list[Article], progress: bool = False) -> tuple[list[dict], int]:
        """Event rows for the articles, and the number of sentences read. With nlp.n_process > 1 the articles are
        coded in a pool of worker processes (coder.jobs.workers), each with its own pipeline."""
        if self.cfg.nlp.n_process > 1 and len(articles) > 1:
            return self._code_parallel(articles, progress)
        return self._code_here(articles, progress)

    def _code_here(self, articles: list[Article], progress: bool) -> tuple[list[dict], int]:
        """Code the articles in this process."""
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
        """Code the articles on the worker pool; once more on a fresh pool if a worker dies, WorkerLost if one dies
        again."""
        for attempt in (1, 2):
            if self._pool is None:
                self._pool = start_pool(type(self), self.cfg, self.cfg.nlp.n_process)
            try:
                return self._collect(code_in_pool(self._pool, articles), len(articles), progress)
            except WorkerLost:
                stop_pool(self._pool)
                self._pool = None
                self.workers_lost += 1
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _collect(self, results: Iterable[ChunkResult], total: int, progress: bool) -> tuple[list[dict], int]:
        """The chunks' rows and sentence count; their unknown actors are added only once every chunk is in."""
        rows: list[dict] = []
        sentences = 0
        unknown: Counter[str] = Counter()
        examples: dict[str, str] = {}
        with tqdm(total=total, unit="article", disable=not progress) as bar:
            for chunk_rows, chunk_sentences, chunk_unknown, chunk_examples in results:
                rows.extend(chunk_rows)
                sentences += chunk_sentences
                unknown.update(chunk_unknown)
                for phrase, example in chunk_examples.items():
                    examples.setdefault(phrase, example)
                bar.update(min(16, total - bar.n))
        self.engine.unknown.update(unknown)
        for phrase, example in examples.items():
            self.engine.unknown_example.setdefault(phrase, example)
        return rows, sentences


def code_shard(engine: Coder, articles: list[Article]) -> tuple[list[dict], int, list[Reject]]:
    """Code a shard; if the engine fails on it, code its articles one by one and reject those it fails on (with
    the error) so that one pathological article cannot stop the batch."""
    try:
        rows, sentences = engine.code(articles)
        return rows, sentences, []
    except (MemoryError, WorkerLost):
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
                                 article.article_id, RejectKind.coding_error))
            continue
        rows.extend(more)
        sentences += count
    return rows, sentences, failed


# The parts of the package that decide which events an article gives: the engine, the rule language and its loader,
# the ontology, and how inputs become articles and coded events become records. The job's plumbing, the dataset's
# storage and the tools are left out, and so is which build (compiled or source) of the same engine runs.
ENGINE_PARTS = ("engine/", "rules/", "ontology/", "dataset/articles.py", "dataset/inputs.py", "dataset/input_tables.py",
                "dataset/input_records.py", "dataset/pub_dates.py", "dataset/records.py", "jobs/rows.py")


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
