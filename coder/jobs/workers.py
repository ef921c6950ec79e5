"""Code articles on several cores: a process pool whose workers each load the pipeline and rules once and return
finished event rows. Sending rows back is far cheaper than sending parsed Docs (spaCy's own nlp.pipe(n_process=...)
ships every Doc back to the parent, which then becomes the bottleneck on a small machine)."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Iterator, Sequence

from coder.dataset.articles import Article

_WORKER = None  # the worker process's Coder, built once by _init


def _init(cfg) -> None:
    global _WORKER
    from coder.jobs.job import Coder

    single = type(cfg.nlp)(**{**cfg.nlp.__dict__, "n_process": 1})
    _WORKER = Coder(type(cfg)(**{**cfg.__dict__, "nlp": single}))


def _code_chunk(articles: Sequence[Article]) -> tuple[list[dict], int, Counter, dict[str, str]]:
    engine = _WORKER.engine
    engine.unknown.clear()
    engine.unknown_example.clear()
    rows, sentences = _WORKER.code(list(articles))
    return rows, sentences, Counter(engine.unknown), dict(engine.unknown_example)


def chunks(articles: Sequence[Article], size: int) -> Iterator[Sequence[Article]]:
    for start in range(0, len(articles), size):
        yield articles[start:start + size]


def start_pool(cfg, processes: int):
    """A pool of `processes` workers, each loading the pipeline and rules once; reuse it for every shard."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return context.Pool(processes, initializer=_init, initargs=(cfg,))


def code_in_pool(pool, articles: Sequence[Article],
                 chunk_size: int = 16) -> Iterator[tuple[list[dict], int, Counter, dict[str, str]]]:
    """Results per chunk of articles, in input order (so output and event order stay deterministic)."""
    yield from pool.imap(_code_chunk, chunks(articles, chunk_size))
