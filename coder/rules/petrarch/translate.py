"""Parsed PETRARCH dictionaries -> the project's RuleSet (ActorRule, AgentRule, VerbRule + PatternSpec, DiscardRule)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coder.errors import PETRARCH_FILE
from coder.rules.faults import fault
from coder.rules.model import ActorRule, AgentRule, DiscardRule, EngineSettings, Role, RuleSet, VerbRule
from coder.rules.petrarch.actors import ActorEntry, parse_actors
from coder.rules.petrarch.agents import AgentEntry, parse_agents
from coder.rules.petrarch.discards import DiscardEntry, parse_discards
from coder.rules.petrarch.issues import IssueEntry, parse_issues
from coder.rules.petrarch.reader import Warnings
from coder.rules.petrarch.verbs import PatternSpec, VerbDictionary, parse_verbs
from coder.rules.text import alias_key

NULL_CODE = "---"


@dataclass
class PetrarchDictionaries:
    """What the importer read, beside the RuleSet: counts, warnings, the issue phrases and the transformations."""

    verbs: VerbDictionary = field(default_factory=VerbDictionary)
    actors: list[ActorEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    discards: list[DiscardEntry] = field(default_factory=list)
    issues: list[IssueEntry] = field(default_factory=list)
    warnings: Warnings = field(default_factory=Warnings)

    def summary(self) -> str:
        patterns = sum(len(b.patterns) for b in self.verbs.blocks)
        verbs = sum(len(b.verbs) for b in self.verbs.blocks)
        phrases = sum(len(a.phrases) for a in self.actors)
        return (f"verb blocks {len(self.verbs.blocks)}, verbs {verbs}, patterns {patterns}, synsets "
                f"{len(self.verbs.synsets)}, transformations {len(self.verbs.transformations)}; actors "
                f"{len(self.actors)} ({phrases} phrases); agents {len(self.agents)}; discards {len(self.discards)}; "
                f"issues {len(self.issues)}; warnings {len(self.warnings)}")


def _files(items: Sequence[str | Path] | str | Path | None) -> list[Path]:
    if items is None:
        return []
    if isinstance(items, (str, Path)):
        items = [items]
    return [Path(p).expanduser() for p in items]


def load_petrarch(verbs=(), actors=(), agents=(), discards=(), issues=(), settings: EngineSettings | None = None,
                  require_dyad: bool = True, new_actor_length: int = 0) -> RuleSet:
    """Read the dictionary files (paths, unmodified) and build a RuleSet that codes with `PetrarchCoder`."""
    book = PetrarchDictionaries()
    digest = hashlib.sha256()
    files: list[str] = []

    def note(path: Path) -> None:
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise fault(PETRARCH_FILE, f"cannot read the PETRARCH dictionary ({exc.strerror}); check the paths in "
                                       f"rules.petrarch", path) from None
        files.append(str(path))
        digest.update(path.name.encode() + b"\0" + content + b"\0")

    for path in _files(verbs):
        note(path)
        parse_verbs(path, book.warnings, into=book.verbs)
    seen: dict[str, str] = {}
    for path in _files(actors):
        note(path)
        book.actors.extend(parse_actors(path, book.warnings, seen=seen))
    seen_agents: dict[str, str] = {}
    for path in _files(agents):
        note(path)
        book.agents.extend(parse_agents(path, book.warnings, seen=seen_agents))
    for path in _files(discards):
        note(path)
        book.discards.extend(parse_discards(path, book.warnings))
    for path in _files(issues):
        note(path)
        book.issues.extend(parse_issues(path, book.warnings))
    rules = translate(book, settings or EngineSettings())
    rules.files = files
    rules.rules_hash = digest.hexdigest()[:16]
    rules.engine = "petrarch"  # coded by coder.engine.petrarch.coder.PetrarchCoder (coder.engine.registry)
    rules.engine_options = {"require_dyad": require_dyad, "new_actor_length": new_actor_length}
    rules.petrarch = book
    return rules


def translate(book: PetrarchDictionaries, settings: EngineSettings) -> RuleSet:
    actors: list[ActorRule] = []
    aliases: dict[str, tuple[str, ActorRule]] = {}
    for number, entry in enumerate(book.actors):
        code = entry.default
        rule = ActorRule(id=f"petr.actor.{number}", kind="person" if entry.dated else "group", source=entry.where,
                         code=code, names=list(entry.phrases))
        if entry.dated:
            rule.roles = [Role(d.code, d.start, d.end) for d in entry.dated]
            rule.otherwise = code
        actors.append(rule)
        for phrase in entry.phrases:
            aliases.setdefault(_alias(phrase), ("name", rule))
    agents: list[AgentRule] = []
    agent_words: dict[str, AgentRule] = {}
    for number, entry in enumerate(book.agents):
        rule = AgentRule(id=f"petr.agent.{number}", sector=entry.code + ("~" if entry.prefix else ""),
                         words=list(entry.phrases), source=entry.where)
        agents.append(rule)
        for phrase in entry.phrases:
            agent_words.setdefault(alias_key(phrase), rule)
    discards = [DiscardRule(id=f"petr.discard.{n}", scope="article" if d.story else "sentence", phrases=[d.phrase],
                            source=d.where) for n, d in enumerate(book.discards)]
    return RuleSet(actors=actors, agents=agents, verbs=verb_rules(book.verbs), discards=discards, settings=settings,
                   files=[], rules_hash="", actor_aliases=aliases, agent_words=agent_words,
                   discard_phrases={alias_key(d.phrases[0]): d for d in discards})


def _placeholder(code: str | None) -> bool:
    """TABARI's control codes made only of + or # (`[+++]`, `[###]`) code nothing in PETRARCH: a pattern carrying
    one is passed over (the verb's other patterns and default still apply)."""
    return bool(code) and set(code) <= {"+", "#"}


def _alias(phrase: str) -> str:
    """The key under which a phrase is matched: abbreviations with periods ("K.U.", "U.S.") match in capitals
    only (the tokenizer treats "k.u." and "K.U." differently); everything else ignores case."""
    if "." in phrase and " " not in phrase and len(phrase) <= 6:
        return phrase.upper()
    return alias_key(phrase)


def verb_rules(book: VerbDictionary) -> list[VerbRule]:
    """One rule per pattern (for every verb of its block) and one per verb for its default code, in the order
    PETRARCH tries them: patterns (file order) before defaults, multi-word verbs' defaults before single words'."""
    patterns: list[VerbRule] = []
    defaults: list[tuple[int, VerbRule]] = []
    for block in book.blocks:
        if not block.verbs:
            continue
        forms = sorted({f.lower() for v in block.verbs for f in v.forms})
        for pattern in block.patterns:
            if _placeholder(pattern.code):
                continue
            patterns.append(VerbRule(
                id=f"petr:{pattern.where}", code=pattern.code or NULL_CODE, source=pattern.where, lemmas=forms,
                reverse_code=pattern.reverse, target=["object"], example=pattern.text,
                pattern=PatternSpec(block.verbs, pattern.pre, pattern.post, pattern.touches, pattern.text,
                                    covers=pattern.code is not None)))
        for verb in block.verbs:
            code, reverse = (verb.code, None) if verb.code else (block.code, block.reverse)
            if verb.code and ":" in verb.code:
                code, _, reverse = verb.code.partition(":")
            if not code or code == NULL_CODE or _placeholder(code):
                code, reverse = NULL_CODE, None
            defaults.append((-len(verb.words), VerbRule(
                id=f"petr:{verb.where}", code=code, source=verb.where, lemmas=sorted(f.lower() for f in verb.forms),
                reverse_code=reverse or None, target=["object"], example=" ".join(verb.words),
                pattern=PatternSpec([verb], [], [], False, " ".join(verb.words), covers=code != NULL_CODE))))
    defaults.sort(key=lambda item: item[0])  # stable: file order among verbs of the same length
    return patterns + [rule for _, rule in defaults]
