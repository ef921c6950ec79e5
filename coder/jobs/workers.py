"""Code articles on several cores: a process pool whose workers each load the pipeline and rules once and return
finished event rows. Sending rows back is far cheaper than sending parsed Docs (spaCy's own nlp.pipe(n_process=...)
ships every Doc back to the parent, which then becomes the bottleneck on a small machine).

The pool is given the loaded coder's class (coder.jobs.coder.Coder) to build in each worker, so that this module does
not import it: a class is pickled by reference, as its module and name."""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.pool import Pool
from typing import Any, Protocol

from coder.config import CoderConfig
from coder.dataset.articles import Article


class PoolCoder(Protocol):
    """What a worker needs of the loaded coder."""

    engine: Any  # the event coder, whose unknown-actor counts the worker sends back with each chunk

    def code(self, articles: list[Article], progress: bool = False) -> tuple[list[dict], int]: ...


_WORKER: PoolCoder | None = None  # the worker process's coder, built once by _init


def _init(make_coder: Callable[[CoderConfig], PoolCoder], cfg: CoderConfig) -> None:
    global _WORKER
    single = dataclasses.replace(cfg, nlp=dataclasses.replace(cfg.nlp, n_process=1))
    _WORKER = make_coder(single)


def _code_chunk(articles: Sequence[Article]) -> tuple[list[dict], int, Counter, dict[str, str]]:
    assert _WORKER is not None, "the pool's initializer builds the worker's coder"
    engine = _WORKER.engine
    engine.unknown.clear()
    engine.unknown_example.clear()
    rows, sentences = _WORKER.code(list(articles))
    return rows, sentences, Counter(engine.unknown), dict(engine.unknown_example)


def chunks(articles: Sequence[Article], size: int) -> Iterator[Sequence[Article]]:
    for start in range(0, len(articles), size):
        yield articles[start:start + size]


def start_pool(make_coder: Callable[[CoderConfig], PoolCoder], cfg: CoderConfig, processes: int) -> Pool:
    """A pool of `processes` workers, each building its coder with `make_coder` once (loading the pipeline and rules);
    reuse it for every shard."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return context.Pool(processes, initializer=_init, initargs=(make_coder, cfg))


def code_in_pool(pool: Pool, articles: Sequence[Article],
                 chunk_size: int = 16) -> Iterator[tuple[list[dict], int, Counter, dict[str, str]]]:
    """Results per chunk of articles, in input order (so output and event order stay deterministic)."""
    yield from pool.imap(_code_chunk, chunks(articles, chunk_size))
