"""Code articles on several cores: a process pool whose workers each load the pipeline and rules once and return
finished event rows. Sending rows back is far cheaper than sending parsed Docs (spaCy's own nlp.pipe(n_process=...)
ships every Doc back to the parent, which then becomes the bottleneck on a small machine).

A lost worker is noticed: the pool is a `concurrent.futures.ProcessPoolExecutor`, whose manager thread watches every
worker process and fails the pending work with `BrokenProcessPool` as soon as one dies (killed, out of memory),
where `multiprocessing.Pool` would replace the worker and wait forever for the work it lost. `code_in_pool` turns
that into `WorkerLost`. Workers end with the job: each asks the kernel to kill it when its parent dies (Linux
PR_SET_PDEATHSIG) and also watches its parent once a second, so a job killed by SIGKILL leaves no orphans.

The pool is given the loaded coder's class (coder.jobs.coder.Coder) to build in each worker, so that this module does
not import it: a class is pickled by reference, as its module and name."""

from __future__ import annotations

import ctypes
import dataclasses
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from coder.config import CoderConfig
from coder.dataset.articles import Article

_PR_SET_PDEATHSIG = 1
PARENT_CHECK_SECONDS = 1.0

ChunkResult = tuple[list[dict], int, Counter, dict[str, str]]


class WorkerLost(Exception):
    """A worker process died while coding (its exit codes, when known, are in `exitcodes`)."""

    def __init__(self, exitcodes: list[int]):
        self.exitcodes = exitcodes
        # one cause per kind: several workers killed the same way read "killed by signal 9" once
        how = ", ".join(dict.fromkeys(f"killed by signal {-c}" if c < 0 else f"exit status {c}"
                                      for c in exitcodes)) or "died"
        super().__init__(f"a worker process died ({how})")


class PoolCoder(Protocol):
    """What a worker needs of the loaded coder."""

    engine: Any  # the event coder, whose unknown-actor counts the worker sends back with each chunk

    def code(self, articles: list[Article], progress: bool = False) -> tuple[list[dict], int]: ...


_WORKER: PoolCoder | None = None  # the worker process's coder, built once by _init


def _end_with_parent(parent: int, by_main_thread: bool) -> None:
    """Make this worker die with its parent: the kernel's parent-death signal where there is one (only when the main
    thread started the worker: the signal follows the thread that forked), and a thread that checks the parent."""
    if by_main_thread:
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # not Linux: the watching thread below does it
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os.kill(os.getpid(), signal.SIGKILL)
    threading.Thread(target=_watch_parent, args=(parent,), name="coder-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os.kill(os.getpid(), signal.SIGKILL)


def _init(make_coder: Callable[[CoderConfig], PoolCoder], cfg: CoderConfig, parent: int, by_main_thread: bool) -> None:
    global _WORKER
    _end_with_parent(parent, by_main_thread)
    single = dataclasses.replace(cfg, nlp=dataclasses.replace(cfg.nlp, n_process=1))
    _WORKER = make_coder(single)


def _code_chunk(articles: Sequence[Article]) -> ChunkResult:
    assert _WORKER is not None, "the pool's initializer builds the worker's coder"
    engine = _WORKER.engine
    engine.unknown.clear()
    engine.unknown_example.clear()
    rows, sentences = _WORKER.code(list(articles))
    return rows, sentences, Counter(engine.unknown), dict(engine.unknown_example)


def chunks(articles: Sequence[Article], size: int) -> Iterator[Sequence[Article]]:
    for start in range(0, len(articles), size):
        yield articles[start:start + size]


def start_pool(make_coder: Callable[[CoderConfig], PoolCoder], cfg: CoderConfig, processes: int) -> ProcessPoolExecutor:
    """A pool of `processes` workers, each building its coder with `make_coder` once (loading the pipeline and rules);
    reuse it for every shard."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    main = threading.current_thread() is threading.main_thread()
    return ProcessPoolExecutor(processes, mp_context=context, initializer=_init,
                               initargs=(make_coder, cfg, os.getpid(), main))


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop the workers (also those of a broken pool) and wait for them."""
    pool.shutdown(wait=True, cancel_futures=True)


def _workers(pool: ProcessPoolExecutor) -> list[Any]:
    """The pool's worker processes (multiprocessing.Process objects), while the pool still lists them."""
    return list((getattr(pool, "_processes", None) or {}).values())


def _exitcodes(workers: list[Any], wait: float = 5.0) -> list[int]:
    """How the workers ended (the pool stops the survivors of a death with SIGTERM: those are left out). Waits up
    to `wait` seconds for the codes: the pool's own thread reaps the workers too, and a process reaped by the other
    thread reads as None until that thread has stored its code."""
    deadline = time.monotonic() + wait
    while any(p.exitcode is None for p in workers) and time.monotonic() < deadline:
        time.sleep(0.02)
    codes = sorted(p.exitcode for p in workers if p.exitcode not in (None, 0))
    return [c for c in codes if c != -signal.SIGTERM] or codes


def code_in_pool(pool: ProcessPoolExecutor, articles: Sequence[Article],
                 chunk_size: int = 16) -> Iterator[ChunkResult]:
    """Results per chunk of articles, in input order (so output and event order stay deterministic). WorkerLost as
    soon as a worker dies (also one that died idle, before this call); the pool is then broken: stop it and start
    another."""
    futures: list[Future] = []
    workers = _workers(pool)
    try:
        futures.extend(pool.submit(_code_chunk, chunk) for chunk in chunks(articles, chunk_size))
        workers = _workers(pool) or workers  # the pool starts its workers at the first submit, and forgets them
        for future in futures:  # when it breaks: keep them to tell how they ended
            yield future.result()
    except BrokenProcessPool:
        raise WorkerLost(_exitcodes(workers or _workers(pool))) from None
    finally:
        for future in futures:
            future.cancel()
