"""Stage 3, assemble: a matched rule, its frame's modality and the parties found -> coded events.

The modality tables in engine.yaml turn a rule's code into the code of what was actually said: a plan is intent (03x),
a refusal a rejection (12x), a threat or a conditional aimed at a target a threat (13x); a negation, or the content of
an appeal, gives no event of its own. Symmetric acts are coded both ways, visits with their reverse code, joint acts
of several parties with no other target between those parties. Within a sentence, stronger codes replace weaker ones
for the same pair (`supersedes`) and a vaguer copy of an event is dropped."""

from __future__ import annotations

from datetime import date

from mypy_extensions import mypyc_attr
from spacy.tokens import Span

from coder.engine.actors.actor import Actor
from coder.engine.actors.context import ArticleContext
from coder.engine.coding.parties import DOMESTIC_TARGETS, distinct, joint_pairs, own_part, protested_government
from coder.engine.coding.events import CodedEvent, Located
from coder.engine.coding.places import Places
from coder.engine.frames.frame import Frame
from coder.engine.labels import DateBasis, Modality
from coder.rules.model import EngineSettings, VerbRule


def longest_prefix(table: dict[str, str], code: str) -> str | None:
    for length in range(len(code), 1, -1):
        hit = table.get(code[:length])
        if hit:
            return hit
    return None


@mypyc_attr(allow_interpreted_subclasses=True)  # coder.engine.petrarch.coder.PetrarchAssembler
class EventAssembler:
    def __init__(self, settings: EngineSettings, places: Places):
        self.settings = settings
        self.places = places
        self.joint_codes = tuple(settings.joint_codes)
        self.own_part_codes = tuple(settings.own_part_codes)
        self.unnamed_protest_codes = tuple(settings.unnamed_protest_codes)
        self.one_sided_intent_verbs = frozenset(settings.one_sided_intent_verbs)

    def code_for(self, frame: Frame, rule: VerbRule, targets: list[Actor]) -> tuple[str, Modality, str]:
        """(code, modality, reason): the event code the frame's modality gives the rule's code, or an empty code and
        the reason there is no event. A refusal's modality is `refused` (coded one way, stored as asserted)."""
        settings = self.settings
        code, modality = rule.code, frame.modality
        if modality == "negated":
            return "", modality, "negated without refusal: no event"
        if modality == "appealed":
            governor = frame.view.text[frame.governor] if frame.governor is not None else ""  # (always set here)
            return "", modality, f"the content of an appeal ('{governor}'): coded as the appeal itself"
        if modality == "threatened":
            threat = longest_prefix(settings.threat_codes, rule.code)
            if threat is None or not targets:
                return "", modality, "the content of a threat without a threat code or target: no event"
            code, modality = threat, "asserted"
        if frame.refused:
            return longest_prefix(settings.refusal_codes, rule.code) or "120", "refused", ""
        if frame.modality == "intended" and not rule.code.startswith("03"):
            if rule.code[:2] < "10":
                return longest_prefix(settings.intent_codes, rule.code) or "030", modality, ""
            planned = longest_prefix(settings.threat_codes, rule.code)  # a stated plan of conflict is a threat
            if planned is None or not targets:
                return "", modality, "intended conflict without a threat code or target: no event"
            return planned, modality, ""
        if frame.modality == "hypothetical":
            threat = longest_prefix(settings.threat_codes, rule.code)
            if threat is None or not targets:
                return "", modality, "hypothetical or conditional without a threat at a target: no event"
            return (threat if not rule.code.startswith("13") else rule.code), modality, ""
        return code, modality, ""

    def pairs(self, frame: Frame, rule: VerbRule, code: str, modality: Modality, sources: list[Actor],
              targets: list[Actor], dateline_country: str | None) -> list[tuple[Actor, Actor, str]]:
        """(source, target, code) for every dyad the act makes."""
        joint = (rule.symmetric or frame.modality == "intended" or code.startswith(self.joint_codes)) \
            and code not in self.settings.host_codes  # two visitors do not visit each other
        if not targets and len(sources) > 1 and joint:
            # "the two governments reopened the crossings": a cooperative act of several parties with no other
            # target is between them (conflict is not: "X and Y condemned the attack" has no target)
            host_countries = (self.places.frame_country(frame), dateline_country)
            return [(a, b, code) for a, b in joint_pairs(sources, host_countries)]
        both_intend = modality == "intended" and (frame.governor is None or frame.view.lemma[frame.governor]
                                                   not in self.one_sided_intent_verbs)
        pairs: list[tuple[Actor, Actor, str]] = []
        own_parts = code.startswith(self.own_part_codes)
        protest = code.startswith(self.unnamed_protest_codes)
        for source in sources:
            for target in targets:
                if protest:
                    target = protested_government(source, target)
                if source.start == target.start or not (distinct(source, target) or target.rule_id in DOMESTIC_TARGETS
                                                        or (own_parts and own_part(source, target))):
                    continue  # (a country's measure on its own population is a dyad: "Kazakhstan imposes curfew";
                    # so is its people's protest at their government: "young Algerians blocked roads")
                if target.rule_id == "host" and source.country == target.country:
                    continue  # nobody visits their own country
                pairs.append((source, target, code))
                if rule.symmetric and (modality in ("asserted", "reported") or both_intend):
                    pairs.append((target, source, code))
                elif rule.reverse_code and frame.modality == "asserted" and not frame.refused:
                    # (a refused visit hosts no one: "declined to attend the summit in Moscow" is 125 one way)
                    pairs.append((target, source, rule.reverse_code))
        return pairs

    def assemble(self, frame: Frame, rule: VerbRule, sources: list[Actor], targets: list[Actor], sent: Span,
                 located: Located, day: date | None, basis: DateBasis,
                 context: ArticleContext) -> tuple[list[CodedEvent], str]:
        """The events of a coded frame, or none and the reason."""
        code, modality, reason = self.code_for(frame, rule, targets)
        if not code:
            return [], reason
        if frame.passive and not sources:
            return [], "agentless passive: no event"
        if not sources and rule.symmetric and len(targets) > 1 and "between" in frame.preps:
            sources, targets = targets, []  # "talks between Kazakhstan and Uzbekistan"
        pairs = self.pairs(frame, rule, code, modality, sources, targets, context.dateline_country)
        if not pairs:
            return [], f"no {'source' if not sources else 'target'} actor found"
        text = event_text(frame)
        stored = "asserted" if modality == "refused" else modality
        return [CodedEvent(sent, *located, s, t, c, rule.id, stored, text, day, basis) for s, t, c in pairs], "coded"


def event_text(frame: Frame) -> str:
    """The words of the act: light verb, predicate, particles and (for a verb) its first object."""
    text = frame.view.text
    words = [text[frame.light_verb]] if frame.light_verb is not None else []
    words.append(text[frame.predicate])
    words.extend(sorted(frame.particles))
    if frame.objects and frame.kind == "verb":
        words.append(text[frame.objects[0]])
    return " ".join(words)


def supersede(events: list[CodedEvent], table: dict[str, list[str]]) -> list[CodedEvent]:
    """Drop events that a stronger code for the same pair replaces in this sentence (visit over talks); a code's
    entry is its longest prefix in the table ("0356" is replaced and replaces as "035" does)."""
    if not events or not table:
        return events
    dropped: set[tuple[frozenset, str]] = set()
    for e in events:
        for code in replaced_by(table, e.code):
            dropped.add((frozenset((e.source.country, e.target.country)), code))
    if not dropped:
        return events
    return [e for e in events if (frozenset((e.source.country, e.target.country)), e.code) not in dropped]


def replaced_by(table: dict[str, list[str]], code: str) -> list[str]:
    for length in range(len(code), 1, -1):
        hit = table.get(code[:length])
        if hit:
            return hit
    return []


def drop_vaguer_duplicates(events: list[CodedEvent]) -> list[CodedEvent]:
    """One act found twice in a sentence, once with a bare country and once with that country's body ("Putin visited
    Kyrgyzstan ..., on his first foreign trip": KGZ and the host KGZGOV): keep the more specific."""
    if len(events) < 2:
        return events
    keys = {(e.source.code, e.target.code, e.code) for e in events}

    def vaguer(e: CodedEvent) -> bool:
        return any(code == e.code and (s, t) != (e.source.code, e.target.code)
                   and s.startswith(e.source.code) and t.startswith(e.target.code) for s, t, code in keys)

    return [e for e in events if not vaguer(e)]
