"""Throughput benchmark: the coder with and without its fast path against spaCy's full pipeline, side by side.

    .venv/bin/python benchmarks/throughput.py [--articles 2000] [--runs 3] [--n-process 2]

Builds a corpus of N articles by shuffling the sentences of datasets/sample/ (deterministic seed), then, in fresh
subprocesses so that each gets its own peak RSS, measures per run:
  (a) nlp.pipe of the full default pipeline over every article (n_process=1, spaCy's defaults)
  (b) the coder end to end (read, parse, code; no Parquet write) with the fast path
  (c) the coder with the fast path off
  (d) the coding stage alone (frames, actors, rules) on pre-parsed sentences, in one process
  (d2) the same in --n-process processes side by side (the coder's worker pool also codes in parallel)
  (d0) (d) with the engine's Python sources instead of its compiled build (CODER_PURE_PYTHON=1; coder/compiled.py)
Prints a table of medians over the runs and the dev-corpus dyad+root F1 with the fast path on and off. The last line
is `ratio_vs_full_parse: X.XX` = median (b) articles/s / median (a) articles/s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "datasets" / "sample"


def sample_material() -> tuple[list[str], list[str], list]:
    """The body sentences, headlines and publication dates of datasets/sample/, the benchmarks' raw material."""
    sys.path.insert(0, str(ROOT))
    from coder.dataset.articles import Article, read_articles
    from coder.config import InputConfig
    from coder.engine.parsing.segments import segments

    sentences, headlines, dates = [], [], []
    for article in read_articles(InputConfig(path=str(SAMPLE))):
        if isinstance(article, Article):
            headlines.append(article.title)
            dates.append(article.pub_date)
            sentences.extend(s.text for s in segments(article)[1:])
    return sentences, headlines, dates


def build_corpus(folder: Path, count: int, seed: int = 13) -> None:
    """Seed-format articles made of shuffled sample sentences (headline, 3-5 paragraphs of 1-3 sentences)."""
    sentences, headlines, dates = sample_material()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        paragraphs = [" ".join(rng.sample(sentences, rng.randint(1, 3))) for _ in range(rng.randint(3, 5))]
        day = rng.choice(dates)
        text = f" date {day.isoformat()} 12:00\n{rng.choice(headlines)}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"bench{number:05d}.txt").write_text(text, encoding="utf-8")


def measure(mode: str, corpus: Path, n_process: int) -> dict:
    """Runs in a child process (see __main__): one measurement, printed as JSON."""
    sys.path.insert(0, str(ROOT))
    from coder.dataset.articles import Article, read_articles
    from coder.config import CoderConfig, InputConfig, NlpConfig, register_configs

    register_configs()
    articles = [a for a in read_articles(InputConfig(path=str(corpus))) if isinstance(a, Article)]
    build = __import__("coder.compiled").compiled.ENGINE_BUILD
    if mode == "full_parse":
        import spacy

        nlp = spacy.load(NlpConfig().model)
        start = time.perf_counter()
        sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(a.full_text for a in articles))
        seconds = time.perf_counter() - start
    elif mode in ("fast", "no_fast"):
        from coder.jobs.coder import Coder

        cfg = CoderConfig(nlp=NlpConfig(fast_path=mode == "fast", n_process=n_process))
        engine = Coder(cfg)
        start = time.perf_counter()
        _, sentences = engine.code(articles)
        seconds = time.perf_counter() - start
    else:  # coding stage alone, on sentences parsed beforehand, in n_process processes side by side
        articles, sentences, seconds, peak_mb = coding_stage(articles, n_process)
        return {"mode": mode, "articles": len(articles), "sentences": sentences, "seconds": seconds,
                "peak_rss_mb": peak_mb, "build": build}
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"mode": mode, "articles": len(articles), "sentences": sentences, "seconds": seconds,
            "peak_rss_mb": peak_kb / 1024, "build": build}


CODING_STAGE_ARTICLES = 300  # per process


def coding_stage(articles: list, n_process: int) -> tuple[list, int, float, float]:
    """Time `code_article` alone on pre-parsed articles: 300 per process. With n_process > 1 the parsed articles are
    split between forked processes that start together (a barrier) and code their share at once, as the coder's
    worker pool does; the time is from the first start to the last finish. Returns the articles coded, their
    sentences, the seconds and the peak RSS of the busiest process."""
    import multiprocessing

    from coder.config import CoderConfig, NlpConfig
    from coder.engine.parsing.pipeline import parse_articles
    from coder.engine.parsing.segments import dateline_place
    from coder.jobs.coder import Coder

    engine = Coder(CoderConfig(nlp=NlpConfig(fast_path=True)))
    sample = articles[:CODING_STAGE_ARTICLES * n_process]
    parsed = list(parse_articles(engine.nlp, sample, engine.cfg.nlp, engine.engine.could_code,
                                 engine.engine.headline_words, engine.engine.carry_screening))
    shares = [parsed[i::n_process] for i in range(n_process)]

    def code(share, barrier=None, results=None):
        for article, parts in share[:20]:  # warm caches (date phrases, string tables)
            engine.engine.code_article(parts, article.pub_date, dateline=dateline_place(article))
        if barrier is not None:
            barrier.wait()
        start = time.perf_counter()
        for article, parts in share:
            engine.engine.code_article(parts, article.pub_date, dateline=dateline_place(article))
        finish = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if results is not None:
            results.put((start, finish, peak))
        return start, finish, peak

    if n_process == 1:
        timings = [code(shares[0])]
    else:  # fork: every process shares the parsed Docs; perf_counter is the system-wide monotonic clock on Linux
        context = multiprocessing.get_context("fork")
        barrier, results = context.Barrier(n_process), context.Queue()
        workers = [context.Process(target=code, args=(share, barrier, results)) for share in shares]
        for worker in workers:
            worker.start()
        timings = [results.get() for _ in workers]
        for worker in workers:
            worker.join()
    seconds = max(t[1] for t in timings) - min(t[0] for t in timings)
    return sample, sum(len(parts) for _, parts in parsed), seconds, max(t[2] for t in timings)


def dev_f1(fast: bool) -> float:
    sys.path.insert(0, str(ROOT))
    from coder.config import EvalConfig, NlpConfig, register_configs
    from coder.evaluation.scoring import code_folder, evaluate, load_gold

    register_configs()
    cfg = EvalConfig(gold=str(ROOT.parent / "shared/eval/devcorpus/gold.jsonl"),
                     articles=str(ROOT.parent / "shared/eval/devcorpus/articles"), nlp=NlpConfig(fast_path=fast))
    events, articles = code_folder(cfg)
    return evaluate(load_gold(Path(cfg.gold)), events, articles)["dyad_root"].overall["all"].f1


def child(mode: str, corpus: Path, n_process: int) -> dict:
    env = dict(os.environ)
    if mode == "coding_stage_source":
        mode, env["CODER_PURE_PYTHON"] = "coding_stage", "1"
    out = subprocess.run([sys.executable, __file__, "--child", mode, "--corpus", str(corpus),
                          "--n-process", str(n_process)], capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--n-process", type=int, default=2, help="processes for the coder's nlp.pipe in (b)")
    parser.add_argument("--child")
    parser.add_argument("--corpus")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, Path(args.corpus), args.n_process)))
        return
    modes = [("full_parse", 1), ("fast", args.n_process), ("fast", 1), ("no_fast", 1), ("coding_stage", 1),
             ("coding_stage", args.n_process), ("coding_stage_source", 1)]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        build_corpus(corpus, args.articles)
        results: dict[tuple[str, int], list[dict]] = {m: [] for m in modes}
        for run in range(args.runs):
            for mode in modes:  # interleaved, so machine noise hits every mode alike
                results[mode].append(child(mode[0], corpus, mode[1]))
                print(f"run {run + 1}/{args.runs} {mode[0]} n_process={mode[1]}: "
                      f"{results[mode][-1]['articles'] / results[mode][-1]['seconds']:.1f} articles/s", flush=True)
    print()
    print(f"machine: {os.cpu_count()} cores; corpus: {args.articles} articles; medians of {args.runs} runs; "
          f"engine: {results[('fast', 1)][0]['build']}")
    print(f"{'measurement':<34} {'articles/s':>11} {'sentences/s':>12} {'peak RSS MB':>12}")
    medians = {}
    labels = {("full_parse", 1): "(a) spaCy full pipeline, nlp.pipe",
              ("fast", args.n_process): f"(b) coder, fast path, n_process={args.n_process}",
              ("fast", 1): "(b1) coder, fast path, n_process=1",
              ("no_fast", 1): "(c) coder, fast path off",
              ("coding_stage", 1): "(d) coding stage only, 1 process",
              ("coding_stage", args.n_process): f"(d2) coding stage only, {args.n_process} processes",
              ("coding_stage_source", 1): "(d0) coding stage, Python sources"}
    for mode in modes:
        runs = results[mode]
        aps = statistics.median(r["articles"] / r["seconds"] for r in runs)
        sps = statistics.median(r["sentences"] / r["seconds"] for r in runs)
        rss = statistics.median(r["peak_rss_mb"] for r in runs)
        medians[mode] = aps
        print(f"{labels[mode]:<34} {aps:>11.1f} {sps:>12.0f} {rss:>12.0f}")
    f1_fast, f1_full = dev_f1(True), dev_f1(False)
    print(f"dev-corpus dyad+root F1: fast path {f1_fast:.3f}, fast path off {f1_full:.3f}")
    print(f"ratio_vs_full_parse_n_process_1: {medians[('fast', 1)] / medians[('full_parse', 1)]:.2f}")
    print(f"ratio_vs_full_parse: {medians[('fast', args.n_process)] / medians[('full_parse', 1)]:.2f}")


if __name__ == "__main__":
    main()
