"""`coder-explain "sentence" [date=YYYY-MM-DD] [rules.extra=[file.yaml]] [nlp.model=NAME]`: show how a sentence
is coded: the parse, the actor and agent mentions with their rules, each predicate frame, the verb rule that fired
(or why none did) and the resulting events. The tool for debugging rules."""

from __future__ import annotations

import sys
from datetime import date


from coder.cli.errors import USER_ERROR_STATUS, entry_point
from coder.cli.overrides import coder_config
from coder.dataset.articles import Article
from coder.engine.coding import FrameTrace
from coder.engine.parsing.segments import segments
from coder.errors import ConfigError
from coder.jobs.coder import Coder

USAGE = 'usage: coder-explain "A sentence to code." [date=YYYY-MM-DD] [rules.extra=[my.yaml]] [nlp.model=NAME]'


def explain(engine: Coder, text: str, day: date) -> str:
    article = Article("explain", day, "", text)
    parts = [(engine.nlp(seg.text), seg) for seg in segments(article, engine.nlp.make_doc)]
    out = [f"text: {text}", f"date: {day.isoformat()}"]
    for doc, _ in parts:
        out.extend(_describe(doc, engine.engine.mentions(doc), day))
    trace: list[FrameTrace] = []
    events = engine.engine.code_article(parts, day, trace)
    out.append("")
    out.append("frames:")
    for t in trace:
        f = t.frame
        preps = ", ".join(f"{p}:{'/'.join(f.words(heads))}" for p, heads in f.preps.items())
        out.append(f"  {f.kind} '{f.view.text[f.predicate]}' (lemma {f.lemma}) modality={f.modality}"
                   f"{' passive' if f.passive else ''}{' refused' if f.refused else ''}")
        out.append(f"    subjects: {f.words(f.subjects)}  objects: {f.words(f.objects)}  "
                   f"datives: {f.words(f.datives)}  preps: {preps or '-'}")
        if t.rule is None:
            out.append(f"    no verb rule: {t.reason}")
            continue
        out.append(f"    rule {t.rule.id} -> {t.rule.code} ({t.rule.source})")
        out.append(f"    sources: {_found(t.sources)}  targets: {_found(t.targets)}")
        out.append(f"    result: {t.reason}")
    if not trace:
        out.append("  no predicate has a verb rule")
    out.append("")
    out.append("events:")
    for e in events:
        out.append(f"  {e.source.code} -> {e.target.code}  {e.code} {getattr(engine.ontology.get(e.code), 'name', '(not a CAMEO code)')}  "
                   f"[{e.modality}; rule {e.rule_id}; date {e.event_date} ({e.date_basis})]")
    if not events:
        out.append("  none")
    return "\n".join(out)


def _found(actors) -> str:
    """Actors with the rule that named each and the argument strategy that found it: KAZGOV 'Tokayev'
    (person.tokayev @subject)."""
    return ", ".join(f"{a.code} {a.text!r} ({a.rule_id} @{a.via})" for a in actors) or "-"


def _describe(doc, mentions, day: date) -> list[str]:
    out = ["", "parse (token  lemma  pos  dep  head):"]
    for token in doc:
        if not token.is_space:
            out.append(f"  {token.i:>3} {token.text:<18} {token.lemma_:<14} {token.pos_:<6} {token.dep_:<10} "
                       f"{token.head.i}:{token.head.text}")
    out.append("actor mentions:")
    for m in mentions.actors:
        out.append(f"  [{m.start}:{m.end}] {m.text(doc)!r}  {m.form} of {m.rule.id} -> {m.rule.code_on(day)}  "
                   f"({m.rule.source})")
    if not mentions.actors:
        out.append("  none")
    out.append("agent mentions:")
    for a in mentions.agents:
        out.append(f"  [{a.start}:{a.end}] {doc[a.start:a.end].text!r}  {a.rule.id} -> {a.rule.sector}  "
                   f"({a.rule.source})")
    if not mentions.agents:
        out.append("  none")
    for start, end, rule in mentions.discards:
        out.append(f"discard: {doc[start:end].text!r} ({rule.id}, scope {rule.scope}): the sentence is not coded")
    return out


@entry_point
def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if argv else USER_ERROR_STATUS
    text, overrides = argv[0], argv[1:]
    day = date.today()
    rest = []
    for item in overrides:
        if item.startswith("date="):
            day = _date(item.split("=", 1)[1])
        else:
            rest.append(item)
    engine = Coder(coder_config(rest))
    print(explain(engine, text, day))
    return 0


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"'{value}' is not a date; write date=YYYY-MM-DD", where="date") from None


if __name__ == "__main__":
    raise SystemExit(main())
