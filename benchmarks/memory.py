"""Peak memory of a coding job, per process (the main process and each worker), for each input format and size.

    .venv/bin/python benchmarks/memory.py [--articles 20000 100000] [--formats jsonl csv parquet] [--runs 3]
                                          [--n-process 2] [--interval 0.5] [--short] [--scan-only] [--limit-mb 1024]

Builds a corpus of N articles as benchmarks/throughput.py does (shuffled sample sentences, deterministic) in each
format asked for: `txt` (seed files), `jsonl`, `csv` (one file each) and `parquet` (one file, one row group: the
worst case for a reader, as polars and pyarrow write it by default). An article has a headline and 3-5 paragraphs of
1-3 sentences; with `--short`, a headline (numbered, so that no two articles are duplicates) and one sentence (the
coding then takes a fifth of the time, so that the
100,000-article runs fit in minutes on a small machine; what grows with the number of articles, the plan's records,
the commit records and the finish step, is the same, and a worker holds one shard's articles either way). Then, per
format and size, `--runs` times:

- the job (default): runs the `coder` job in a subprocess (fast path, `nlp.n_process` workers, Parquet output into a
  temporary folder) and samples the peak resident set size (VmHWM, via psutil) of the job and of every process it
  starts until it ends;
- `--scan-only`: runs only the job's planning scan (coder.dataset.plan.scan_inputs and the shard cut, which read
  the whole input once in the main process) in a subprocess and reports its peak RSS. This is the part of the main
  process's memory that grows with the input; it takes a minute where the job takes an hour at 100,000 articles.

Prints one table of medians over the runs (main process, each worker, wall time, articles/s) and, per row, every
run's values, since the machine is shared and its load moves times (peak RSS moves much less). The last lines are
`max_peak_rss_mb: X` over every process of every run and whether every process stayed within `--limit-mb` (default
1024 MB); the exit status is 1 when one did not.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus, sample_material  # noqa: E402

FORMATS = ("txt", "jsonl", "csv", "parquet")
SCAN = """
import json, resource, sys, time
from coder.config import ColumnMap, InputConfig
from coder.dataset.plan import cut, scan_inputs
start = time.perf_counter()
records, rejects = scan_inputs(InputConfig(path=sys.argv[1], columns=ColumnMap(publisher=None, url=None)))
shards = cut(records, 200, "benchmark", 0, "input")
print(json.dumps({"articles": len(records), "rejects": len(rejects), "shards": len(shards),
                  "seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


# --- the corpus -----------------------------------------------------------------------------------------------------

FILLER_TITLE = "Weather note {n}"
FILLER_TEXT = "Rainfall of {mm} millimetres was measured on day {n} of the series."


def corpus_records(count: int, short: bool = False, codable: float = 1.0,
                   seed: int = 13) -> Iterator[dict[str, str]]:
    """The articles of throughput.build_corpus (same sentences, same seed) as records: id, date, title, text; with
    `short`, a headline and one sentence each. A share `1 - codable` of the articles (spread evenly) are a filler
    headline and sentence that name no actor, so that the coder's fast path screens them out without parsing."""
    sentences, headlines, dates = sample_material()
    rng = random.Random(seed)
    for number in range(count):
        if int((number + 1) * codable) == int(number * codable):  # not one of the codable share
            yield {"id": f"bench{number:06d}", "date": rng.choice(dates).isoformat(),
                   "title": FILLER_TITLE.format(n=number), "text": FILLER_TEXT.format(mm=number % 97, n=number)}
            continue
        if short:
            paragraphs = [rng.choice(sentences)]
        else:
            paragraphs = [" ".join(rng.sample(sentences, rng.randint(1, 3))) for _ in range(rng.randint(3, 5))]
        day = rng.choice(dates)
        title = rng.choice(headlines)
        if short:  # one sentence and a headline repeat often: a number keeps each article distinct (not a duplicate)
            title = f"{title} ({number})"
        yield {"id": f"bench{number:06d}", "date": day.isoformat(), "title": title,
               "text": "\n\n".join(paragraphs)}


def build_input(folder: Path, fmt: str, count: int, short: bool = False, codable: float = 1.0) -> Path:
    """The corpus in one format: a folder of seed files, or one JSONL, CSV or Parquet file."""
    if fmt == "txt":
        if short:
            raise SystemExit("--short builds JSONL, CSV and Parquet inputs only")
        build_corpus(folder / "txt", count)
        return folder / "txt"
    path = folder / f"corpus.{fmt}"
    records = corpus_records(count, short, codable)
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    elif fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["id", "date", "title", "text"])
            writer.writeheader()
            writer.writerows(records)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = list(records)
        table = pa.table({name: [r[name] for r in rows] for name in ("id", "date", "title", "text")})
        pq.write_table(table, path, row_group_size=max(count, 1))  # one row group: the reader's worst case
    return path


# --- measuring --------------------------------------------------------------------------------------------------------

def peak_rss_mb(process: psutil.Process) -> float | None:
    """The process's peak resident set so far (VmHWM on Linux; the current RSS elsewhere)."""
    try:
        for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return process.memory_info().rss / 2**20
    except (OSError, psutil.Error):
        return None


def _this_checkout() -> dict[str, str]:
    """The environment for a child that runs this checkout's coder, whichever checkout the venv was installed from."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def run_job(corpus: Path, out: Path, n_process: int, interval: float) -> dict:
    """The coder job on `corpus`: peak RSS of the main process and of each worker, wall time."""
    command = [str(Path(sys.executable).parent / "coder"), f"input.path={corpus}", "input.columns.publisher=null",
               "input.columns.url=null", f"output.path={out}", "output.mode=overwrite", f"nlp.n_process={n_process}",
               "quiet=true"]
    env = {**_this_checkout(), "CODER_RUN_DIR": str(out.parent / "runs")}
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
    workers = sorted((mb for pid, mb in peaks.items() if pid != job.pid), reverse=True)
    return {"main_mb": peaks.get(job.pid, 0.0), "worker_mb": max(workers, default=0.0), "each_worker_mb": workers,
            "seconds": seconds}


def run_scan(corpus: Path) -> dict:
    """The planning scan alone, in a fresh process: its peak RSS and time."""
    out = subprocess.run([sys.executable, "-c", SCAN, str(corpus)], env=_this_checkout(), capture_output=True, text=True,
                         check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return {"main_mb": result["peak_mb"], "worker_mb": 0.0, "each_worker_mb": [], "seconds": result["seconds"]}


def _row(fmt: str, count: int, runs: list[dict]) -> str:
    """One line of the table: medians over the runs, then each run's main/worker peaks."""
    median = {key: statistics.median(r[key] for r in runs) for key in ("main_mb", "seconds")}
    workers = max((len(r["each_worker_mb"]) for r in runs), default=0)
    each_worker = [statistics.median(r["each_worker_mb"][i] for r in runs if len(r["each_worker_mb"]) > i)
                   for i in range(workers)]
    per_worker = " / ".join(f"{mb:.0f}" for mb in each_worker) or "-"
    each = ", ".join(f"{r['main_mb']:.0f}/" + "+".join(f"{mb:.0f}" for mb in r["each_worker_mb"]) for r in runs)
    return (f"{fmt:<8} {count:>9} {median['main_mb']:>8.0f} {per_worker:>13} {median['seconds']:>8.0f} "
            f"{count / median['seconds']:>7.1f}  {each}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[20000])
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=["jsonl", "csv", "parquet"])
    parser.add_argument("--runs", type=int, default=1, help="runs per format and size; the table shows medians")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between memory samples")
    parser.add_argument("--short", action="store_true", help="articles of a headline and one sentence (see above)")
    parser.add_argument("--codable", type=float, default=1.0,
                        help="share of articles that can give events; the others are filler the fast path skips")
    parser.add_argument("--scan-only", action="store_true", help="measure the planning scan only (see above)")
    parser.add_argument("--limit-mb", type=float, default=1024.0, help="the most any process may take (exit 1 above)")
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    what = "planning scan only" if args.scan_only else f"coder job, nlp.n_process={args.n_process}"
    length = "headline + 1 sentence" if args.short else "headline + 3-5 paragraphs of 1-3 sentences"
    if args.codable < 1:
        length += f", {args.codable:.0%} codable (the rest filler)"
    print(f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB; {what}; articles: "
          f"{length}; {args.runs} run(s) each; started {time.strftime('%Y-%m-%d %H:%M')}", flush=True)
    print(f"{'format':<8} {'articles':>9} {'main MB':>8} {'workers MB':>13} {'wall s':>8} {'art/s':>7}  "
          f"runs (main/workers MB)", flush=True)
    highest = 0.0
    for count in args.articles:
        for fmt in args.formats:
            with tempfile.TemporaryDirectory() as tmp:
                corpus = build_input(Path(tmp), fmt, count, args.short, args.codable)
                runs = [run_scan(corpus) if args.scan_only
                        else run_job(corpus, Path(tmp) / "events", args.n_process, args.interval)
                        for _ in range(args.runs)]
            highest = max([highest, *(r["main_mb"] for r in runs), *(r["worker_mb"] for r in runs)])
            print(_row(fmt, count, runs), flush=True)
    print(f"finished {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"max_peak_rss_mb: {highest:.0f}")
    within = highest <= args.limit_mb
    print(f"every process within {args.limit_mb:.0f} MB: {'yes' if within else 'no'}")
    if not within:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
