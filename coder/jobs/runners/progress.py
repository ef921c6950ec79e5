"""Progress of a run, for whoever watches it: on a terminal a progress bar (articles, articles/s, ETA); otherwise, when
the output goes to a log file (a SLURM job, `nohup`, a pipe), one log line per committed shard. `quiet=true` shows
neither."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable

from tqdm import tqdm

log = logging.getLogger("coder.jobs")


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60:02d}m{rest % 60:02d}s" if hours else f"{rest // 60}m{rest % 60:02d}s"


class RunProgress:
    """Counts the articles of committed shards against the run's total; a bar on a terminal, log lines elsewhere."""

    def __init__(self, articles: int, shards: int, quiet: bool = False, terminal: bool | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.total, self.shards = articles, shards
        self.done = self.committed = 0
        self.terminal = sys.stderr.isatty() if terminal is None else terminal
        self.quiet = quiet
        self.clock = clock
        self.start = clock()
        self.bar = tqdm(total=articles, unit="article", desc="coding", dynamic_ncols=True,
                        disable=quiet or not self.terminal)

    def __enter__(self) -> RunProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.close()

    def shard_done(self, articles: int, events: int) -> None:
        self.done += articles
        self.committed += 1
        self.bar.update(articles)
        if not self.quiet and not self.terminal:
            log.info(self.line(articles, events))

    def line(self, articles: int, events: int) -> str:
        """`shard 3/12: 200 articles, 845 events; 600/2400 articles (25%), 4.9 articles/s, ETA 6m07s`"""
        elapsed = max(self.clock() - self.start, 1e-9)
        rate = self.done / elapsed
        eta = _duration((self.total - self.done) / rate) if rate > 0 else "unknown"
        share = 100 * self.done / self.total if self.total else 100.0
        return (f"shard {self.committed}/{self.shards}: {articles} articles, {events} events; "
                f"{self.done}/{self.total} articles ({share:.0f}%), {rate:.1f} articles/s, ETA {eta}")
