"""Peak memory of a coding job: the main process and each worker, on a corpus of N articles.

    .venv/bin/python benchmarks/memory.py [--articles 20000] [--n-process 2] [--interval 0.5]

Builds a corpus as benchmarks/throughput.py does (shuffled sample sentences, deterministic), runs the `coder` job on
it in a subprocess (fast path, `nlp.n_process` workers, Parquet output into a temporary folder) and samples the
peak resident set size (VmHWM, via psutil) of the job and of every process it starts, until the job ends. Prints a
table with the peak RSS of the main process and of each worker, the job's wall time and articles/s; the last line is
`max_worker_peak_rss_mb: X`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus  # noqa: E402


def peak_rss_mb(process: psutil.Process) -> float | None:
    """The process's peak resident set so far (VmHWM on Linux; the current RSS elsewhere)."""
    try:
        for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return process.memory_info().rss / 2**20
    except (OSError, psutil.Error):
        return None


def run_job(corpus: Path, out: Path, n_process: int, interval: float) -> tuple[dict[int, float], int, float]:
    command = [str(Path(sys.executable).parent / "coder"), "input=txt", f"input.path={corpus}",
               f"output.path={out}", "output.mode=overwrite", f"nlp.n_process={n_process}", "quiet=true"]
    env = {**os.environ, "CODER_RUN_DIR": str(out.parent / "runs")}
    start = time.perf_counter()
    job = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    main = psutil.Process(job.pid)
    peaks: dict[int, float] = {}
    while job.poll() is None:
        try:
            processes = [main, *main.children(recursive=True)]
        except psutil.Error:
            processes = [main]
        for process in processes:
            peak = peak_rss_mb(process)
            if peak is not None:
                peaks[process.pid] = max(peak, peaks.get(process.pid, 0.0))
        time.sleep(interval)
    seconds = time.perf_counter() - start
    output = job.stdout.read() if job.stdout else ""
    if job.returncode != 0:
        raise SystemExit(f"the coder job failed ({job.returncode}):\n{output[-3000:]}")
    return peaks, job.pid, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between memory samples")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        build_corpus(corpus, args.articles)
        peaks, main_pid, seconds = run_job(corpus, Path(tmp) / "events", args.n_process, args.interval)
    workers = sorted((mb for pid, mb in peaks.items() if pid != main_pid), reverse=True)
    print(f"machine: {os.cpu_count()} cores; corpus: {args.articles} articles; nlp.n_process={args.n_process}")
    print(f"{'process':<24} {'peak RSS MB':>12}")
    print(f"{'main (coder job)':<24} {peaks.get(main_pid, 0.0):>12.0f}")
    for number, mb in enumerate(workers, start=1):
        print(f"{f'worker {number}':<24} {mb:>12.0f}")
    print(f"wall time {seconds:.0f} s, {args.articles / seconds:.1f} articles/s (sampled every {args.interval} s)")
    print(f"max_worker_peak_rss_mb: {max(workers, default=0.0):.0f}")


if __name__ == "__main__":
    main()
