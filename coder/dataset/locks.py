"""The dataset's lock, `.<name>.lock` beside it: a job's writer holds it exclusively, the tasks of a planned run
(runner=slurm) share it. POSIX `flock`s, released by the kernel when the process dies, even by SIGKILL."""

from __future__ import annotations

import os
from pathlib import Path

from coder.errors import DATASET_LOCKED, DataSafetyError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock, one job per dataset is then the user's duty
    fcntl = None  # type: ignore[assignment]


def lock_path(target: Path) -> Path:
    """The lock file of the dataset at `target`."""
    return target.parent / f".{target.name}.lock"


def lock_dataset(target: Path, exclusive: bool) -> int | None:
    """flock `.<name>.lock` beside the dataset without waiting: exclusive for a job's writer, shared for the tasks of
    a planned run; the open descriptor (closing it releases the lock), None where there are no POSIX locks."""
    if fcntl is None:
        return None
    path = lock_path(target)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DataSafetyError(f"another coder job is writing {target} (lock {path}); wait for it to finish",
                              code=DATASET_LOCKED) from None
    return fd


class TaskLock:
    """A shared lock on the dataset for one task of a distributed run (runner=slurm): tasks hold it side by side, and
    it keeps any job that wants the writer's exclusive lock off the dataset while they commit."""

    def __init__(self, target: str | Path):
        self.target = Path(target).expanduser().resolve()
        self._fd: int | None = None

    def __enter__(self) -> TaskLock:
        self._fd = lock_dataset(self.target, exclusive=False)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
