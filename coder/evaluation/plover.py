"""Score the coder on PLOVER gold-standard records (../shared/eval/plover-gsr/: one human-coded sentence each, from the
CAMEO manual's examples, with source and target actors and a PLOVER 0.5 event category).

The records carry no CAMEO codes, so a coded event is compared through the CAMEO root(s) each PLOVER category was
drawn from (`CATEGORY_ROOTS`; both 08 categories, CONCEDE and RETREAT, take 08, and ASSAULT takes 18 and 20). Two
measures per record:
- **category found**: some event coded from the sentence has a root of the record's category;
- **with countries**: such an event also has a source country among the record's sources and, where the record
  names a target, a target country among its targets (organisations match by their IGO/NGO prefix).
Also reported: the share of records with any event, and the events whose root belongs to no category of the record
(a crude precision signal, since the records code one event per sentence).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coder.dataset.articles import Article
from coder.errors import EvaluationError
from coder.ontology.actor_codes import actor_country

# PLOVER 0.5 category -> the CAMEO roots it corresponds to.
CATEGORY_ROOTS: dict[str, tuple[str, ...]] = {
    "AGREE": ("03",), "CONSULT": ("04",), "SUPPORT": ("05",), "COOPERATE": ("06",), "AID": ("07",),
    "CONCEDE": ("08",), "RETREAT": ("08",), "INVESTIGATE": ("09",), "DEMAND": ("10",), "DISAPPROVE": ("11",),
    "REJECT": ("12",), "THREATEN": ("13",), "PROTEST": ("14",), "MOBILIZE": ("15",), "SANCTION": ("16",),
    "COERCE": ("17",), "ASSAULT": ("18", "20"), "FIGHT": ("19",),
}
# Codes the records use that are not the ISO 3166-1 codes the coder writes (the gold set's README: "a few legacy").
LEGACY_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
ORGANISATION_CODES = ("IGO", "NGO", "IMG", "MNC")


@dataclass
class PloverRecord:
    id: str
    text: str
    category: str
    day: date
    sources: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)  # empty: the record names no target


@dataclass
class PloverScore:
    records: int = 0
    found: int = 0
    with_countries: int = 0
    any_event: int = 0
    events: int = 0
    off_category: int = 0
    by_category: dict[str, list[int]] = field(default_factory=dict)  # category -> [records, found, with countries]

    @property
    def found_share(self) -> float:
        return self.found / self.records if self.records else 0.0

    @property
    def countries_share(self) -> float:
        return self.with_countries / self.records if self.records else 0.0


def _codes(side: object) -> set[str]:
    if not isinstance(side, list):
        return set()  # "" or a stray string: no actor named
    return {LEGACY_COUNTRIES.get(a["code"], a["code"]) for a in side if isinstance(a, dict) and a.get("code")}


def load_records(path: Path) -> list[PloverRecord]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                records.append(PloverRecord(rec["id"], rec["text"], rec["event"], date.fromisoformat(rec["date"]),
                                            _codes(rec.get("source")), _codes(rec.get("target"))))
            except (KeyError, ValueError, TypeError) as exc:
                raise EvaluationError(f"bad PLOVER record ({exc}); each line needs id, text, event, date",
                                      where=f"{path}:{number}") from None
    return records


def as_articles(records: list[PloverRecord]) -> list[Article]:
    """Each record's sentence as the body of an article of its own, published on the record's date."""
    return [Article(r.id, r.day, "", r.text) for r in records]


def _party(country: str | None, wanted: set[str]) -> bool:
    if not wanted:
        return True
    if country is None:
        return False
    return country in wanted or any(country.startswith(code) for code in wanted if code in ORGANISATION_CODES)


@dataclass
class RecordOutcome:
    """One record against the events coded from its sentence: `found` some event of its category, `paired` such an
    event with the record's countries."""
    record: PloverRecord
    events: list[dict]
    found: bool
    paired: bool


def outcomes(records: list[PloverRecord], rows: list[dict]) -> list[RecordOutcome]:
    """Each record with the event rows coded from it (article_id = record id) and the two measures of the module doc."""
    by_record: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_record[row["article_id"]].append(row)
    result = []
    for record in records:
        roots = CATEGORY_ROOTS.get(record.category, ())
        events = by_record.get(record.id, [])
        matching = [e for e in events if e["event_code"][:2] in roots]
        paired = [e for e in matching if _party(actor_country(e["source_code"]), record.sources)
                  and _party(actor_country(e["target_code"]), record.targets)]
        result.append(RecordOutcome(record, events, bool(matching), bool(paired)))
    return result


def score(records: list[PloverRecord], rows: list[dict]) -> PloverScore:
    """The measures of the module doc, over records and the event rows coded from them (article_id = record id)."""
    result = PloverScore()
    for outcome in outcomes(records, rows):
        roots = CATEGORY_ROOTS.get(outcome.record.category, ())
        result.records += 1
        result.found += outcome.found
        result.with_countries += outcome.paired
        result.any_event += bool(outcome.events)
        result.events += len(outcome.events)
        result.off_category += sum(e["event_code"][:2] not in roots for e in outcome.events)
        counts = result.by_category.setdefault(outcome.record.category, [0, 0, 0])
        counts[0] += 1
        counts[1] += outcome.found
        counts[2] += outcome.paired
    return result


def format_outcome(outcome: RecordOutcome) -> str:
    """One line per record for a listing: category, gold countries, the sentence, and what was coded."""
    record = outcome.record
    coded = ", ".join(f"{e['source_code']}->{e['target_code']} {e['event_code']}" for e in outcome.events) or "nothing"
    return (f"{record.id}  {record.category:<11} {','.join(sorted(record.sources)) or '-'} -> "
            f"{','.join(sorted(record.targets)) or '-'} | {record.text} | coded: {coded}")


def format_score(result: PloverScore) -> str:
    lines = [f"PLOVER records: {result.records}   category found: {result.found_share:.3f} ({result.found})   "
             f"with countries: {result.countries_share:.3f} ({result.with_countries})   records with an event: "
             f"{result.any_event}   events: {result.events} ({result.off_category} of another category)",
             "", f"{'category':<12} {'records':>7} {'found':>6} {'with countries':>15}"]
    for category, (n, found, paired) in sorted(result.by_category.items()):
        lines.append(f"{category:<12} {n:7d} {found:6d} {paired:15d}")
    return "\n".join(lines)
