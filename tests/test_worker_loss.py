"""A lost worker is noticed and reported; a job never hangs (issue #16, point 1).

The job runs with nlp.n_process=2 and a coder whose workers are the real pool (coder.jobs.workers) and whose coding is
the fake coder's (tests.test_data_safety.FakeCoder), so that a worker can be killed with SIGKILL from outside (as the
out-of-memory killer does) in a few seconds. Every test that could hang runs the job in a subprocess with a timeout, or
under an alarm."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from coder.config import CoderConfig, InputConfig, NlpConfig, OutputConfig, register_configs
from coder.dataset.articles import collect_inputs
from coder.dataset.layout import meta_dir
from coder.dataset.status import dataset_status
from coder.errors import DataSafetyError
from coder.jobs.coder import Coder, code_shard
from coder.jobs.workers import WorkerLost
from tests.conftest import ROOT
from tests.test_data_safety import FakeCoder, dataset_state, fake, make_inputs, run  # noqa: F401

register_configs()
TIMEOUT = 180  # seconds; a job that hangs fails the test instead of hanging the suite


class PoolFakeCoder(Coder):
    """The real Coder's worker pool (nlp.n_process > 1) around the fake coder's coding: no spaCy, deterministic events.

    FAKE_DIE=always: a worker kills itself (SIGKILL) on every chunk; FAKE_DIE=<path>: the first worker to code a
    chunk kills itself and leaves the file, so only that once."""

    def __init__(self, cfg: CoderConfig):
        self.cfg = cfg
        self.fake = FakeCoder(cfg)
        self.rules, self.nlp = self.fake.rules, self.fake.nlp
        self.engine = SimpleNamespace(unknown=Counter(), unknown_example={}, unknown_actors=list)
        self._pool = None
        self.workers_lost = 0
        self.parent = int(os.environ.get("FAKE_PARENT", os.getpid()))

    def take_unknown_actors(self):
        return []

    def _code_here(self, articles, progress):
        die = os.environ.get("FAKE_DIE")
        if die and os.getpid() != self.parent:  # only in a worker
            if die == "always" or not Path(die).exists():
                if die != "always":
                    Path(die).write_text("died once")
                os.kill(os.getpid(), signal.SIGKILL)
        return self.fake.code(articles, progress)


@pytest.fixture
def pool_fake(fake, monkeypatch):
    monkeypatch.setattr("coder.jobs.coder.Coder", PoolFakeCoder)
    monkeypatch.setenv("FAKE_PARENT", str(os.getpid()))
    monkeypatch.delenv("FAKE_DIE", raising=False)


@pytest.fixture
def alarm():
    """End a test that hangs with an exception instead of hanging the suite (the pool's waits are interruptible)."""
    def ring(*_):
        raise TimeoutError(f"hung for {TIMEOUT} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(TIMEOUT)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def parallel_config(inp: Path, out: Path) -> CoderConfig:
    return CoderConfig(input=InputConfig(path=str(inp)), nlp=NlpConfig(n_process=2),
                       output=OutputConfig(path=str(out), shard_size=4), quiet=True)


def children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is `pid`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, ppid = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, IndexError, ValueError):
            continue
        if int(ppid) == pid and state != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def reap(pids) -> None:
    """Kill what is left of the test's own worker processes (when the coder failed to end them)."""
    for pid in pids:
        if alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def lock_is_free(out: Path) -> bool:
    fd = os.open(out.parent / f".{out.name}.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


# --- in this process: the pool notices a death, codes again once, and gives up the second time ----------------------

def test_a_worker_that_dies_once_is_replaced_and_the_rows_are_the_same(tmp_path, pool_fake, monkeypatch, alarm):
    articles, _ = collect_inputs(InputConfig(path=str(make_inputs(tmp_path / "in", 40))))
    cfg = parallel_config(tmp_path / "in", tmp_path / "events")
    expected, _ = FakeCoder(cfg).code(articles)
    monkeypatch.setenv("FAKE_DIE", str(tmp_path / "died"))
    engine = PoolFakeCoder(cfg)
    try:
        rows, _ = engine.code(articles)
    finally:
        engine.close()
    assert (tmp_path / "died").exists() and engine.workers_lost == 1
    assert rows == expected  # every chunk coded again on the fresh pool, in input order


def test_a_worker_that_dies_again_ends_the_shard_instead_of_hanging(tmp_path, pool_fake, monkeypatch, alarm):
    articles, _ = collect_inputs(InputConfig(path=str(make_inputs(tmp_path / "in", 8))))
    monkeypatch.setenv("FAKE_DIE", "always")
    engine = PoolFakeCoder(parallel_config(tmp_path / "in", tmp_path / "events"))
    started = time.monotonic()
    try:
        with pytest.raises(WorkerLost, match="killed by signal 9"):
            code_shard(engine, articles)  # not swallowed into per-article coding in this process
        assert engine.workers_lost == 2 and engine._pool is None
        with pytest.raises(WorkerLost):  # the next shard starts a fresh pool (which dies again here)
            engine.code(articles)
    finally:
        engine.close()
    assert time.monotonic() - started < 60
    assert not children(os.getpid())  # the killed pools' other workers are gone


def test_the_job_reports_a_lost_worker_releases_the_lock_and_marks_the_shard_failed(tmp_path, pool_fake,
                                                                                    monkeypatch, alarm):
    inp = make_inputs(tmp_path / "in", 8)
    out = tmp_path / "events"
    run(inp, out, shard_size=4)  # a committed dataset, which the failed run must leave as it is
    before = dataset_state(out)
    make_inputs(inp, 8, first=8)
    monkeypatch.setenv("FAKE_DIE", "always")
    from coder.jobs.job import run_job

    with pytest.raises(DataSafetyError) as lost:
        run_job(parallel_config(inp, out))
    line = lost.value.one_line()
    assert line.startswith("error E417: a worker process died (killed by signal 9) while coding shard ")
    assert "and again on a fresh worker; the shard was not committed" in line and "\n" not in line
    assert lock_is_free(out)
    status = dataset_status(out)
    assert status["counts"]["failed"] == 1 and status["counts"]["running"] == 0
    failed = next(s for s in status["shards"] if s["state"] == "failed")
    assert "WorkerLost" in failed["note"]
    assert dataset_state(out)[0] == before[0] and dataset_state(out)[1].equals(before[1])
    monkeypatch.delenv("FAKE_DIE")
    result = run_job(parallel_config(inp, out))  # the re-run codes what is missing
    assert result.run["shards_coded"] == 2 and result.articles == 16


# --- the real command line, a worker killed from outside ----------------------------------------------------------

CLI_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
import coder.jobs.coder
from tests.test_worker_loss import PoolFakeCoder
from tests.test_data_safety import fake_engine_hash
coder.jobs.coder.Coder = PoolFakeCoder
coder.jobs.coder.engine_hash = fake_engine_hash
sys.argv[0] = "coder"
from coder.cli.main import main
main()
"""


class Job:
    """The coder command in a subprocess, its output in files (an orphaned worker holding a pipe could otherwise keep
    the test waiting for ever)."""

    def __init__(self, tmp_path: Path, inp: Path, out: Path, delay: str = "0.4"):
        script = tmp_path / "coder_cli.py"
        script.write_text(CLI_SCRIPT.format(root=str(ROOT)))
        env = {**os.environ, "FAKE_DELAY": delay, "CODER_RUN_DIR": str(tmp_path / "runs")}
        env.pop("FAKE_DIE", None)
        env.pop("FAKE_PARENT", None)
        self.stdout, self.stderr = (tmp_path / "stdout.txt").open("w+"), (tmp_path / "stderr.txt").open("w+")
        self.proc = subprocess.Popen([sys.executable, str(script), f"input.path={inp}", f"output.path={out}",
                                      "output.shard_size=8", "nlp.n_process=2", "quiet=true"], cwd=ROOT, env=env,
                                     stdout=self.stdout, stderr=self.stderr, text=True)
        self.pid = self.proc.pid

    def poll(self) -> int | None:
        return self.proc.poll()

    def wait(self, timeout: float) -> tuple[str, str]:
        """(stdout, stderr) once it ended; killed (and the test failed) when it does not end within `timeout`."""
        try:
            self.proc.wait(timeout=max(timeout, 0.1))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"the job did not end within {timeout:.0f} s") from None
        finally:
            self.stdout.seek(0)
            self.stderr.seek(0)
        return self.stdout.read(), self.stderr.read()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.stdout.close()
        self.stderr.close()


def wait_for_workers(proc: Job, deadline: float) -> list[int]:
    while time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        if len(workers) == 2:
            return workers
        time.sleep(0.05)
    raise AssertionError(f"no workers appeared (exit {proc.poll()})")


def test_kill_9_of_every_worker_ends_the_job_with_e417_not_a_hang(tmp_path):
    """Acceptance: nlp.n_process=2, workers killed with SIGKILL (every worker that appears, as a persistent
    out-of-memory kill would): the job ends within seconds with one line and status 2; the lock is released, the
    shard's claim says failed, no worker outlives the job."""
    inp, out = make_inputs(tmp_path / "in", 24), tmp_path / "events"
    proc = Job(tmp_path, inp, out)
    deadline = time.monotonic() + TIMEOUT
    seen: set[int] = set()
    first_kill = None
    try:
        seen.update(wait_for_workers(proc, deadline))
        while proc.poll() is None and time.monotonic() < deadline:
            for pid in children(proc.pid):
                seen.add(pid)
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    continue  # gone meanwhile
                first_kill = first_kill or time.monotonic()
            time.sleep(0.02)
        _, err = proc.wait(deadline - time.monotonic())
    finally:
        proc.stop()
        alive_after = [pid for pid in seen if alive(pid)]
        reap(seen)
    assert first_kill is not None and time.monotonic() - first_kill < 60, "the job did not notice the lost worker"
    assert proc.proc.returncode == 2, err[-3000:]
    lines = err.strip().splitlines()
    assert lines[-1].startswith("error E417: a worker process died (killed by signal 9)"), err[-3000:]
    assert "Traceback" not in err
    assert lock_is_free(out)
    assert not alive_after, "workers outlived the job"
    claims = [json.loads(p.read_text()) for p in (meta_dir(out) / "_claims").glob("*.json")]
    assert [c["status"] for c in claims] == ["failed"]
    assert dataset_status(out)["counts"]["running"] == 0


def test_kill_9_of_one_worker_once_is_coded_again_and_the_job_completes(tmp_path, fake):
    inp, out = make_inputs(tmp_path / "in", 24), tmp_path / "events"
    reference = tmp_path / "reference"
    run(inp, reference, shard_size=8)
    proc = Job(tmp_path, inp, out)
    try:
        victim = wait_for_workers(proc, time.monotonic() + TIMEOUT)[0]
        os.kill(victim, signal.SIGKILL)
        stdout, err = proc.wait(TIMEOUT)
    finally:
        proc.stop()
    assert proc.proc.returncode == 0, err[-3000:]
    assert "worker process(es) died" in stdout
    assert dataset_state(out)[1].equals(dataset_state(reference)[1])  # nothing lost, nothing twice
    manifest = json.loads((meta_dir(out) / "_manifest.json").read_text())
    assert manifest["this_run"]["workers_lost"] == 1


def test_workers_end_when_the_job_is_killed(tmp_path):
    """Orphans: the job itself killed with SIGKILL (no cleanup); its workers exit within seconds."""
    inp, out = make_inputs(tmp_path / "in", 24), tmp_path / "events"
    proc = Job(tmp_path, inp, out, delay="2")
    workers: list[int] = []
    try:
        workers = wait_for_workers(proc, time.monotonic() + TIMEOUT)
        proc.proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        # A killed worker's main thread shows as a zombie while its other threads (the parent watch) are still
        # exiting and the file table (with the lock) is not yet closed: wait for both, within the same seconds.
        deadline = time.monotonic() + 15
        while (any(alive(pid) for pid in workers) or not lock_is_free(out)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in workers), "workers outlived the killed job"
        assert lock_is_free(out), "the dataset's lock outlived the killed job's workers"
    finally:
        proc.stop()
        reap(workers)
