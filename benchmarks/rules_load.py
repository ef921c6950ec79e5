"""Benchmark: load every packaged rule file and compile the phrase matchers, several times.

    .venv/bin/python benchmarks/rules_load.py [--repeat 5] [--model]

Reports, for loading (coder.rules.loader.load_rules: YAML with line numbers, validation, alias tables) and compiling
(coder.engine.mentions.MentionMatcher: the actor/agent/discard phrase matchers), the cold first run and the median of the
repeats (the pass/fail line uses the median; the worst run is shown because a busy machine slows the
pure-Python YAML parsing most), and the memory the result takes: the tracemalloc peak of one load+compile (Python-level allocations,
including spaCy's pools) and the growth of the process RSS over that same run. The budget is 3 s for load+compile
and 300 MB for memory. By default the matchers are compiled on a blank English vocabulary (the tokenizer the
pipeline uses); --model compiles them on the configured spaCy pipeline instead (its own loading is not timed).
Timing runs and the memory run are separate, because tracemalloc slows allocation down.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coder.engine.mentions import MentionMatcher  # noqa: E402
from coder.rules.loader import PACKAGED_SETS, load_rules  # noqa: E402

TIME_BUDGET_S = 3.0
MEMORY_BUDGET_MB = 300.0


def rss_mb() -> float:
    """Current resident set size of this process (Linux /proc; falls back to the peak from getrusage)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        import os

        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_nlp(use_model: bool):
    import spacy

    if not use_model:
        return spacy.blank("en")
    from coder.config import CoderConfig
    from coder.engine.parsing.pipeline import load_pipeline

    return load_pipeline(CoderConfig().nlp)


def timed_run(nlp) -> tuple[float, float, float, object, object]:
    """Wall time of loading and of compiling, and the CPU time of both (less affected by other processes)."""
    start, cpu_start = time.perf_counter(), time.process_time()
    rules = load_rules()
    loaded = time.perf_counter()
    matcher = MentionMatcher(rules, nlp)
    compiled = time.perf_counter()
    return loaded - start, compiled - loaded, time.process_time() - cpu_start, rules, matcher


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed repetitions after the cold run (default 5)")
    parser.add_argument("--model", action="store_true", help="compile on the configured spaCy pipeline's vocab")
    args = parser.parse_args(argv)

    nlp = make_nlp(args.model)
    gc.collect()

    # memory: one load+compile under tracemalloc, RSS before and after (cold: nothing of the rules is cached yet)
    rss_before = rss_mb()
    tracemalloc.start()
    _, _, _, rules, matcher = timed_run(nlp)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = rss_mb()
    counts = (len(rules.actors), len(rules.agents), len(rules.verbs), len(rules.discards),
              len(rules.actor_aliases), len(rules.agent_words), len(rules.discard_phrases))
    del rules, matcher
    gc.collect()

    # timing: cold-ish first run without tracemalloc, then the repeats
    loads, compiles, cpus = [], [], []
    for _ in range(1 + args.repeat):
        load_s, compile_s, cpu_s, rules, matcher = timed_run(nlp)
        loads.append(load_s)
        compiles.append(compile_s)
        cpus.append(cpu_s)
        del rules, matcher
    first_total = loads[0] + compiles[0]
    med_load = statistics.median(loads[1:] or loads)
    med_compile = statistics.median(compiles[1:] or compiles)
    med_total = statistics.median([a + b for a, b in zip(loads[1:] or loads, compiles[1:] or compiles)])
    worst_total = max(a + b for a, b in zip(loads, compiles))
    peak_mb = traced_peak / 2**20
    rss_delta = rss_after - rss_before

    print(f"rule sets: {', '.join(PACKAGED_SETS)}   vocabulary: {'spaCy pipeline' if args.model else 'blank en'}")
    print(f"rules: {counts[0]} actors, {counts[1]} agents, {counts[2]} verb rules, {counts[3]} discard rules; "
          f"phrases: {counts[4]} actor aliases, {counts[5]} agent words, {counts[6]} discard phrases")
    print()
    print(f"{'measure':<44} {'value':>12}")
    print("-" * 57)
    print(f"{'load_rules, median of ' + str(args.repeat):<44} {med_load:>10.3f} s")
    print(f"{'MentionMatcher compile, median of ' + str(args.repeat):<44} {med_compile:>10.3f} s")
    print(f"{'load + compile, median':<44} {med_total:>10.3f} s")
    print(f"{'load + compile, CPU time, median':<44} {statistics.median(cpus[1:] or cpus):>10.3f} s")
    print(f"{'load + compile, first run':<44} {first_total:>10.3f} s")
    print(f"{'load + compile, worst run':<44} {worst_total:>10.3f} s")
    print(f"{'peak traced memory (tracemalloc), one run':<44} {peak_mb:>9.1f} MB")
    print(f"{'RSS growth over that run':<44} {rss_delta:>9.1f} MB")
    print("-" * 57)
    time_ok = med_total < TIME_BUDGET_S
    memory_ok = max(peak_mb, rss_delta) < MEMORY_BUDGET_MB
    verdict = "PASS" if time_ok and memory_ok else "FAIL"
    print(f"{verdict}: load+compile median {med_total:.2f} s (budget {TIME_BUDGET_S:.0f} s), "
          f"memory max(traced peak, RSS growth) {max(peak_mb, rss_delta):.1f} MB (budget {MEMORY_BUDGET_MB:.0f} MB)")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
