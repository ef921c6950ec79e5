"""Score the coder against a gold JSONL in the dev-corpus format (../shared/eval/devcorpus/README.md).

Matching follows ../shared/CODING-CONVENTIONS.md ("Scoring"): events are matched within an article, at two levels,
*dyad+root* (source country, target country, 2-digit root) and *full* (source code, target code, event code).
Alternatives named in a gold note count too: "alt 061", "alt 0312/0314" (other codes), "alt source KAZ" /
"alt target KGZMIL" / "alt KAZCVL" (other actor codes), and "alt no event" (the gold event is optional: finding it
is a hit, missing it is not a miss).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from coder.errors import GOLD_FILE, GOLD_FILE_MISSING, EvaluationError
from coder.ontology.actor_codes import actor_country
from coder.dataset.articles import Article, read_articles
from coder.config import CoderConfig, EvalConfig
from coder.jobs.coder import Coder
from coder.dataset.records import events_frame

ALT_CODES = re.compile(r"\balt\.?\s+((?:\d{3,4})(?:\s*/\s*\d{3,4})*)")
ALT_ACTOR = re.compile(r"\balt\.?\s+(?:(source|target)\s+)?(?:bare\s+)?((?:---|[A-Z]{3})[A-Z]*)\b")
ALT_NO_EVENT = re.compile(r"\balt\.?\s+(?:no event|nothing)", re.IGNORECASE)


@dataclass
class GoldEvent:
    article: str
    sentence: str
    day: date
    source: str
    target: str
    code: str
    note: str = ""
    alt_codes: set[str] = field(default_factory=set)
    alt_sources: set[str] = field(default_factory=set)
    alt_targets: set[str] = field(default_factory=set)
    optional: bool = False

    def keys(self, level: str) -> set[tuple[str, str, str]]:
        sources = {self.source} | self.alt_sources
        targets = {self.target} | self.alt_targets
        codes = {self.code} | self.alt_codes
        if level == "dyad_root":
            return {(actor_country(s), actor_country(t), c[:2]) for s in sources for t in targets for c in codes}
        return {(s, t, c) for s in sources for t in targets for c in codes}


def load_gold(path: Path) -> dict[str, list[GoldEvent]]:
    """Gold events by article; an EvaluationError for a file that cannot be read (E602) or a bad record (E601)."""
    gold: dict[str, list[GoldEvent]] = defaultdict(list)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise EvaluationError(f"cannot read the gold file ({exc.strerror}); set gold=PATH to a gold JSONL",
                              code=GOLD_FILE_MISSING, where=str(path)) from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                event = _gold_event(line, f"{path}:{number}")
                gold[event.article].append(event)
    return gold


def _gold_event(line: str, where: str) -> GoldEvent:
    """One gold record, with the alternatives its note names."""
    try:
        rec = json.loads(line)
        event = GoldEvent(Path(rec["file"]).stem, rec["sentence"], date.fromisoformat(rec["date"]),
                          rec["source"], rec["target"], rec["code"], rec.get("note", ""))
    except (KeyError, TypeError, ValueError) as exc:
        raise EvaluationError(f"bad gold record ({type(exc).__name__}: {exc}); each line is a JSON object with file, "
                              f"sentence, date (YYYY-MM-DD), source, target and code", code=GOLD_FILE,
                              where=where) from None
    for group in ALT_CODES.findall(event.note):
        event.alt_codes.update(c.strip() for c in group.split("/"))
    for side, code in ALT_ACTOR.findall(event.note):
        if side != "target" and (side == "source" or actor_country(code) == actor_country(event.source)):
            event.alt_sources.add(code)
        if side != "source" and (side == "target" or actor_country(code) == actor_country(event.target)):
            event.alt_targets.add(code)
    event.optional = bool(ALT_NO_EVENT.search(event.note))
    return event


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    overall: dict[str, Score]
    by_root: dict[str, dict[str, Score]]
    date_hits: int
    date_total: int
    missed: list[tuple[str, GoldEvent]]
    extra: list[tuple[str, dict]]

    @property
    def date_accuracy(self) -> float:
        return self.date_hits / self.date_total if self.date_total else 0.0


def _pred_key(row: dict, level: str) -> tuple[str, str, str]:
    if level == "dyad_root":
        return (actor_country(row["source_code"]), actor_country(row["target_code"]), row["event_code"][:2])
    return (row["source_code"], row["target_code"], row["event_code"])


def match_article(gold: list[GoldEvent], predicted: list[dict], level: str) -> tuple[list[tuple[GoldEvent, dict]],
                                                                                      list[GoldEvent], list[dict]]:
    """One-to-one matching of gold and coded events with the same key (dyad and root, or the full codes). Two passes,
    required gold events first in each: events coded from the gold event's own sentence, then events from other
    sentences (a restatement coded elsewhere in the article). Among candidates the same date wins. Matching within
    sentences first keeps a headline's gold event from taking the body's coded event that the body's gold event
    needs, which would pair events of different dates."""
    free = list(predicted)
    pairs: list[tuple[GoldEvent, dict]] = []
    waiting = sorted(gold, key=lambda e: e.optional)
    for same_sentence in (True, False):
        left: list[GoldEvent] = []
        for event in waiting:
            keys = event.keys(level)
            candidates = [p for p in free if _pred_key(p, level) in keys
                          and (p["sentence_text"].strip() == event.sentence.strip()) == same_sentence]
            if not candidates:
                left.append(event)
                continue
            best = next((p for p in candidates if p["event_date"] == event.day), candidates[0])
            free.remove(best)
            pairs.append((event, best))
        waiting = left
    unmatched = [event for event in waiting if not event.optional]
    return pairs, unmatched, free


def evaluate(gold: dict[str, list[GoldEvent]], events: pl.DataFrame, articles: list[str]) -> dict[str, Evaluation]:
    by_article: dict[str, list[dict]] = defaultdict(list)
    for row in events.iter_rows(named=True):
        by_article[row["article_id"]].append(row)
    results = {}
    for level in ("dyad_root", "full"):
        overall = Score()
        by_root: dict[str, Score] = defaultdict(Score)
        date_hits = date_total = 0
        missed, extra = [], []
        for article in articles:
            pairs, unmatched, spare = match_article(gold.get(article, []), by_article.get(article, []), level)
            overall.tp += len(pairs)
            overall.fn += len(unmatched)
            overall.fp += len(spare)
            for g, p in pairs:
                by_root[g.code[:2]].tp += 1
                date_total += 1
                date_hits += p["event_date"] == g.day
            for g in unmatched:
                by_root[g.code[:2]].fn += 1
                missed.append((article, g))
            for p in spare:
                by_root[p["event_code"][:2]].fp += 1
                extra.append((article, p))
        results[level] = Evaluation({"all": overall}, {"all": dict(by_root)}, date_hits, date_total, missed, extra)
    return results


def format_report(results: dict[str, Evaluation], n_articles: int, n_gold: int, n_pred: int) -> str:
    lines = [f"articles: {n_articles}   gold events: {n_gold}   coded events: {n_pred}", ""]
    lines.append(f"{'level':<10} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}")
    for level, ev in results.items():
        s = ev.overall["all"]
        lines.append(f"{level:<10} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
    dr = results["dyad_root"]
    lines.append(f"event-date accuracy (dyad+root matches): {dr.date_accuracy:.3f} ({dr.date_hits}/{dr.date_total})")
    lines.append("")
    lines.append("per root (dyad+root level):")
    lines.append(f"{'root':<5} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}")
    for root, s in sorted(dr.by_root["all"].items()):
        lines.append(f"{root:<5} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
    return "\n".join(lines)


def mismatch_report(results: dict[str, Evaluation]) -> str:
    ev = results["dyad_root"]
    out = ["# Mismatches (dyad+root level)", ""]
    by_article: dict[str, list[str]] = defaultdict(list)
    for article, g in ev.missed:
        by_article[article].append(f"- MISSED {g.source} -> {g.target} {g.code} ({g.day}) | {g.sentence} "
                                   f"| note: {g.note}")
    for article, p in ev.extra:
        by_article[article].append(f"- EXTRA  {p['source_code']} -> {p['target_code']} {p['event_code']} "
                                   f"({p['event_date']}, rule {p['rule_id']}, {p['modality']}) | {p['sentence_text']}")
    for article in sorted(by_article):
        out.append(f"## {article}")
        out.extend(by_article[article])
        out.append("")
    return "\n".join(out)


def code_folder(cfg: EvalConfig) -> tuple[pl.DataFrame, list[str]]:
    coder_cfg = CoderConfig(nlp=cfg.nlp, rules=cfg.rules, input=cfg.input)
    coder_cfg.input.path = cfg.articles
    articles = [a for a in read_articles(coder_cfg.input) if isinstance(a, Article)]
    engine = Coder(coder_cfg)
    rows, _ = engine.code(articles)
    return events_frame(rows), [a.article_id for a in articles]


def run_evaluation(cfg: EvalConfig) -> str:
    gold = load_gold(Path(cfg.gold))
    events, articles = code_folder(cfg)
    results = evaluate(gold, events, articles)
    n_gold = sum(len(gold.get(a, [])) for a in articles)
    report = format_report(results, len(articles), n_gold, events.height)
    Path(cfg.report).write_text(mismatch_report(results), encoding="utf-8")
    return report + f"\n\nmismatch report: {cfg.report}"
