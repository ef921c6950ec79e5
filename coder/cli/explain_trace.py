"""What `coder-explain` prints for one parsed sentence: its parse, the actor, agent and discard mentions with their rules,
each predicate frame with the rule that fired or why none did, and, for a verb or event noun that fired no rule, the
rules that exist for it with what each needed and a rule skeleton to paste into a rule file."""

from __future__ import annotations

from datetime import date

from coder.engine.coding import FrameTrace
from coder.engine.docview import DocView
from coder.engine.frames.frame import Frame
from coder.jobs.coder import Coder
from coder.rules.model import VerbRule

PLACEHOLDER = "???"


def parse_lines(doc, start: int = 0, end: int | None = None) -> list[str]:
    out = ["parse (token  lemma  pos  dep  head):"]
    for token in doc[start:len(doc) if end is None else end]:
        if not token.is_space:
            out.append(f"  {token.i:>3} {token.text:<18} {token.lemma_:<14} {token.pos_:<6} {token.dep_:<10} "
                       f"{token.head.i}:{token.head.text}")
    return out


def mention_lines(doc, mentions, day: date | None, start: int = 0, end: int | None = None) -> list[str]:
    """The mentions within tokens [start, end) of the doc, each with its rule and where that rule is written."""
    end = len(doc) if end is None else end
    inside = [m for m in mentions.actors if start <= m.start < end]
    out = ["actor mentions:"]
    for m in inside:
        code = m.rule.code_on(day) if day is not None else m.rule.code
        out.append(f"  [{m.start}:{m.end}] {m.text(doc)!r}  {m.form} of {m.rule.id} -> {code}  ({m.rule.source})")
    if not inside:
        out.append("  none")
    agents = [a for a in mentions.agents if start <= a.start < end]
    out.append("agent mentions:")
    for a in agents:
        out.append(f"  [{a.start}:{a.end}] {doc[a.start:a.end].text!r}  {a.rule.id} -> {a.rule.sector}  "
                   f"({a.rule.source})")
    if not agents:
        out.append("  none")
    for first, last, rule in mentions.discards:
        if start <= first < end:
            out.append(f"discard: {doc[first:last].text!r} ({rule.id}, scope {rule.scope}): the "
                       f"{'article' if rule.scope == 'article' else 'sentence'} is not coded")
    return out


def frame_lines(engine: Coder, trace: FrameTrace, mentions, suggest: bool, indent: str = "") -> list[str]:
    """The frame, its rule and parties, or why no rule fired; `indent` goes before every line but a rule skeleton's
    (which starts at the left margin, to be pasted as it is)."""
    lines = _frame_lines(engine, trace, mentions, suggest)
    return [line if line.startswith(SKELETON_MARGIN) else indent + line for line in lines]


SKELETON_MARGIN = ("verbs:", "  - {", "    # ")


def _frame_lines(engine: Coder, trace: FrameTrace, mentions, suggest: bool) -> list[str]:
    f = trace.frame
    preps = ", ".join(f"{p}:{'/'.join(f.words(heads))}" for p, heads in f.preps.items())
    out = [f"  {f.kind} '{f.view.text[f.predicate]}' (lemma {f.lemma}) modality={f.modality}"
           f"{' passive' if f.passive else ''}{' refused' if f.refused else ''}",
           f"    subjects: {f.words(f.subjects)}  objects: {f.words(f.objects)}  datives: {f.words(f.datives)}  "
           f"preps: {preps or '-'}"]
    if trace.rule is None:
        out.append(f"    no {'noun' if f.kind == 'noun' else 'verb'} rule: {trace.reason}")
        if suggest:
            out.extend(candidate_lines(engine, f))
            if f.subjects or f.objects or f.datives or f.preps:
                out.extend(skeleton_lines(engine, f, mentions))
        return out
    out.append(f"    rule {trace.rule.id} -> {trace.rule.code} ({trace.rule.source})")
    out.append(f"    sources: {_found(trace.sources)}  targets: {_found(trace.targets)}")
    out.append(f"    result: {trace.reason}")
    return out


def _found(actors) -> str:
    """Actors with the rule that named each and the argument strategy that found it: KAZGOV 'Tokayev'
    (person.tokayev @subject)."""
    return ", ".join(f"{a.code} {a.text!r} ({a.rule_id} @{a.via})" for a in actors) or "-"


def candidate_lines(engine: Coder, frame: Frame) -> list[str]:
    """The rules for the frame's lemma and what each needed that the sentence does not have."""
    rules = engine.engine.matcher.candidate_rules(frame)
    if not rules:
        return []
    has = _has(frame)
    out = [f"    rules for {frame.kind} '{frame.lemma}' (what each needs; the sentence has {has}):"]
    for rule in rules:
        out.append(f"      {rule.id} -> {rule.code}: needs {_needs(rule)}  ({rule.source})")
    return out


def _needs(rule: VerbRule) -> str:
    needs = []
    if rule.object:
        needs.append(f"object one of [{', '.join(rule.object)}]")
    if rule.prep:
        needs.append(f"preposition '{rule.prep}'")
    if rule.particle:
        needs.append(f"particle '{rule.particle}'")
    return ", ".join(needs) or "nothing more (its parties were not found)"


def _has(frame: Frame) -> str:
    things = sorted(frame.object_lemmas() | {frame.view.lemma[t] for heads in frame.preps.values() for t in heads})
    parts = [f"object words [{', '.join(things)}]" if things else "no object",
             f"prepositions [{', '.join(frame.preps)}]" if frame.preps else "no preposition",
             f"particles [{', '.join(sorted(frame.particles))}]" if frame.particles else "no particle"]
    return ", ".join(parts)


def skeleton_lines(engine: Coder, frame: Frame, mentions) -> list[str]:
    """A `verbs:` item for this wording: the lemma (or noun), the object words that are things (not actors), the
    preposition and particle the sentence has, and a placeholder code; indented as a rule file's top level."""
    view = frame.view
    actors = set(mentions.actor_at) | set(mentions.agent_at)
    things = sorted({view.lemma[t].lower() for t in frame.objects if t not in actors and view.pos[t] in ("NOUN",)})
    locative = set(engine.rules.settings.locative_preps)
    preps = [p for p in frame.preps if p not in locative]
    # a preposition whose object is a party is where the target is ("talks with X"); others are left as a hint
    prep = next((p for p in preps if any(t in actors for t in frame.preps[p])), None)
    particle = next(iter(sorted(frame.particles - {prep})), None)
    key = "noun" if frame.kind == "noun" else "lemma"
    name = "_".join(filter(None, [frame.lemma, particle, prep])).replace("-", "_")
    fields = [f"id: my.{name}", f"{key}: {frame.lemma}"]
    if things:
        fields.append(f"object: [{', '.join(things)}]")
    if particle:
        fields.append(f"particle: {particle}")
    if prep:
        fields.append(f"prep: {prep}")
    fields.append(f'code: "{PLACEHOLDER}"')
    sentence = view.doc[view.sentence_start(frame.predicate)].sent.text.strip().replace('"', "'")
    out = ["    a rule to start from (paste it into your rule file, replace ??? with a CAMEO code from",
           "    coder/ontology/cameo_codes.tsv, drop what it need not require; then coder-rules check FILE):",
           "verbs:",
           f"  - {{{', '.join(fields)}}}",
           f'    # example: "{sentence}"']
    for other in (p for p in preps if p != prep):
        out.append(f"    # the sentence also has '{other} {' '.join(frame.words(frame.preps[other]))}': add prep: "
                   f"{other} to require it")
    return out


def untraced_lines(engine: Coder, view: DocView, start: int, end: int, traced: set[int], mentions,
                   indent: str = "") -> list[str]:
    """Verbs in tokens [start, end) that no rule names but whose subject or object is an actor: each with a rule
    skeleton (the engine builds no frame for them, so they are not in the trace)."""
    out: list[str] = []
    known = engine.engine.matcher.by_lemma
    settings = engine.rules.settings
    # verbs that govern another predicate (intend, refuse, say, threaten, hold talks) say how, not what
    governing = set(settings.intent_verbs + settings.one_sided_intent_verbs + settings.refusal_verbs
                    + settings.appeal_verbs + settings.threat_verbs + settings.speech_verbs + settings.light_verbs)
    actors = set(mentions.actor_at) | set(mentions.agent_at)
    for token in range(start, end):
        if token in traced or view.pos[token] != "VERB" or view.lemma[token] in known or view.lemma[token] in governing:
            continue
        frame = engine.engine.frames.verb_frame(view, token, True)
        heads = frame.subjects + frame.objects + frame.datives + [t for h in frame.preps.values() for t in h]
        if not any(h in actors for h in heads):
            continue
        out.extend(frame_lines(engine, FrameTrace(frame, None, [], [], [], f"no rule names the verb '{frame.lemma}'"),
                               mentions, True, indent))
    return out
