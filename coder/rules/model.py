"""The rule objects the coding engine works with, after loading and validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


def within(start: date | None, end: date | None, day: date) -> bool:
    """Whether `day` lies from `start` to `end`, both inclusive (None: open)."""
    return (start is None or start <= day) and (end is None or day <= end)


@dataclass(frozen=True, slots=True)
class Role:
    code: str
    start: date | None
    end: date | None
    note: str = ""
    # names that are this person's only while the role holds ("President Bush"): a title and surname two holders of
    # the office share, resolved by the article's date (RuleSet.dated_names)
    names: tuple[str, ...] = ()

    def holds_on(self, day: date) -> bool:
        return within(self.start, self.end, day)


@dataclass(frozen=True, slots=True)
class DatedName:
    """One holder of a name shared in time ("President Aliyev": Heydar 1993-2003, Ilham from 2003): the rule it names
    from `start` to `end` (inclusive; None is open)."""
    rule: ActorRule
    start: date | None
    end: date | None

    def holds_on(self, day: date) -> bool:
        return within(self.start, self.end, day)


@dataclass(slots=True)
class ActorRule:
    id: str
    kind: str  # country | person | organisation | group
    source: str  # file:line
    code: str | None = None
    country: str | None = None
    names: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    otherwise: str | None = None

    def code_on(self, day: date | None) -> str:
        """The actor's code on the event date: people change office, and an organisation may change status (the
        Taliban: AFGREB until they took power, AFGGOV after); everything else has one code."""
        if self.kind != "person" and not self.roles:
            return self.code or "---"
        if day is not None:
            for role in self.roles:
                if role.holds_on(day):
                    return role.code
        if self.kind != "person":
            return self.code or self.otherwise or "---"
        return self.otherwise or f"{self.country or '---'}ELI"

    @property
    def country_code(self) -> str | None:
        if self.country:
            return self.country
        if self.code and self.kind in ("country", "group"):
            return self.code[:3]
        return None


@dataclass(slots=True)
class AgentRule:
    id: str
    sector: str
    words: list[str]
    source: str


@dataclass(slots=True)
class VerbRule:
    id: str
    code: str
    source: str
    lemmas: list[str] = field(default_factory=list)
    nouns: list[str] = field(default_factory=list)
    object: list[str] = field(default_factory=list)
    prep: str | None = None
    particle: str | None = None  # a verb particle the rule requires ("cracked down on": particle down, prep on)
    symmetric: bool = False
    reverse_code: str | None = None
    target: list[str] = field(default_factory=list)  # slots that may hold the target: object, dative, a preposition
    example: str | None = None
    # Extension point for imported rule languages (coder.rules.petrarch): their own condition, as data
    # (coder.rules.petrarch.verbs.PatternSpec). Only the engine of that language (RuleSet.engine) reads it.
    pattern: Any = None

    @property
    def specificity(self) -> int:
        """Rules that ask for more win over plainer rules for the same predicate."""
        return 2 * bool(self.object) + bool(self.prep) + bool(self.particle)


@dataclass(frozen=True, slots=True)
class PatternNode:
    """One token of a construction's dependency pattern (spaCy's DependencyMatcher syntax, a subset): its id, the
    node it hangs on and how (`>`: a child of that node, `<`: its head), and the attributes it must have."""

    id: str
    anchor: str | None  # LEFT_ID: the node this one is found from (None for the pattern's first node)
    relation: str  # REL_OP: ">" or "<"
    attrs: tuple[tuple[str, frozenset[str]], ...]  # (LEMMA | LOWER | DEP | POS | TAG, the values allowed)
    optional: bool = False


@dataclass(slots=True)
class ConstructionRule:
    """A construction: dependency patterns whose tokens are the event and its parties. A match is read as a frame
    with the named nodes as subject, object and prepositional objects, and coded with the rule's own `code` or, with
    `as`, by the verb rules of another predicate (docs/rules.md, `constructions`)."""

    id: str
    source: str  # file:line
    patterns: list[list[PatternNode]]  # alternatives; the first node of each is found by its LEMMA or LOWER
    event: str  # the node whose clause gives the event's modality and date
    subject: str | None = None
    object: str | None = None
    preps: dict[str, str] = field(default_factory=dict)  # preposition -> node
    claims: list[str] = field(default_factory=list)  # nodes whose own frames the match replaces (with the event)
    code: str | None = None
    read_as: str | None = None  # `as:` the verb lemma whose rules code the frame instead of `code` (AS_EVENT_NOUN:
    # the event token's own event-noun rules)
    symmetric: bool = False
    reverse_code: str | None = None
    example: str | None = None


@dataclass(slots=True)
class DiscardRule:
    id: str
    scope: str  # sentence | article
    phrases: list[str]
    source: str


SOURCE_STRATEGIES = ("subject", "origin", "joint_modifiers", "visitor_modifier", "self_reported",
                     "unnamed_protesters", "occasion_parties", "clause_patients")
TARGET_STRATEGIES = ("rule_preposition", "owner_of_object", "rule_slots", "responder", "call_partners", "host",
                     "gathering_guests", "object_country", "owner", "story_government", "clause_subject")
SOURCE_STRATEGIES_GIVEN_TARGETS = ("domestic_role",)
TARGET_STRATEGIES_GIVEN_SOURCES = ("domestic_role", "own_government", "own_population", "attacked_place",
                                   "clash_opponent", "accuser")


@dataclass(slots=True)
class EngineSettings:
    """Conventions of the coding engine that are data, not code (see docs/rules.md, `settings`)."""

    intent_codes: dict[str, str] = field(default_factory=dict)
    refusal_codes: dict[str, str] = field(default_factory=dict)
    threat_codes: dict[str, str] = field(default_factory=dict)
    intent_verbs: list[str] = field(default_factory=list)
    one_sided_intent_verbs: list[str] = field(default_factory=list)
    refusal_verbs: list[str] = field(default_factory=list)
    failure_verbs: list[str] = field(default_factory=list)
    appeal_verbs: list[str] = field(default_factory=list)
    threat_verbs: list[str] = field(default_factory=list)
    speech_verbs: list[str] = field(default_factory=list)
    hypothetical_markers: list[str] = field(default_factory=list)
    intent_auxiliaries: list[str] = field(default_factory=list)
    refusal_auxiliaries: list[str] = field(default_factory=list)
    locative_preps: list[str] = field(default_factory=list)
    target_preps: list[str] = field(default_factory=list)
    light_verbs: list[str] = field(default_factory=list)
    proxy_nouns: list[str] = field(default_factory=list)
    host_codes: list[str] = field(default_factory=list)
    joint_codes: list[str] = field(default_factory=list)
    owner_target_codes: list[str] = field(default_factory=list)
    clause_target_codes: list[str] = field(default_factory=list)
    self_reported_codes: list[str] = field(default_factory=list)
    self_reporting_sectors: list[str] = field(default_factory=list)
    unnamed_protest_codes: list[str] = field(default_factory=list)
    own_part_codes: list[str] = field(default_factory=list)
    unaddressed_story_codes: list[str] = field(default_factory=list)
    origin_source_codes: list[str] = field(default_factory=list)
    population_target_codes: list[str] = field(default_factory=list)
    place_target_codes: list[str] = field(default_factory=list)
    responding_verbs: list[str] = field(default_factory=list)
    incident_codes: list[str] = field(default_factory=list)
    # answering act (code prefix) -> the acts it answers (code prefixes): a denial naming no target answers the last
    # accusation made against its actor ("016": ["11"]; coder.engine.coding.targets.accuser)
    answered_codes: dict[str, list[str]] = field(default_factory=dict)
    gathering_nouns: list[str] = field(default_factory=list)
    occasion_nouns: list[str] = field(default_factory=list)
    occasion_preps: list[str] = field(default_factory=list)
    attendance_nouns: list[str] = field(default_factory=list)
    countryless_modifiers: list[str] = field(default_factory=list)
    organisation_references: list[str] = field(default_factory=list)
    supersedes: dict[str, list[str]] = field(default_factory=dict)
    pronouns: dict[str, str] = field(default_factory=dict)
    # The plausible event dates (coder.engine.dates.DateWindow): a date phrase naming a day before the earliest or
    # more than this many days after publication ("March 13, 1066") dates its event by publication, basis implausible.
    earliest_event_date: date = date(1900, 1, 1)
    event_days_after_publication: int = 366
    # The argument strategies a coded frame's parties are looked for with, in order (coder.engine.coding.arguments;
    # docs/rules.md). A rule set that says nothing uses all of them, in this order.
    source_strategies: list[str] = field(default_factory=lambda: list(SOURCE_STRATEGIES))
    target_strategies: list[str] = field(default_factory=lambda: list(TARGET_STRATEGIES))
    source_strategies_given_targets: list[str] = field(default_factory=lambda: list(SOURCE_STRATEGIES_GIVEN_TARGETS))
    target_strategies_given_sources: list[str] = field(default_factory=lambda: list(TARGET_STRATEGIES_GIVEN_SOURCES))


@dataclass(slots=True)
class Lexicon:
    """The English words the engine's mechanisms read (engine.yaml's `lexicon:`; docs/rules.md, `lexicon`): which nouns
    name people, buildings, trips; which verbs control their object or carry a gerund; which prepositions place an
    event noun in a clause. Word classes, not rules: a rule file may extend or replace a list."""

    person_titles: list[str] = field(default_factory=list)
    group_sizes: dict[str, int] = field(default_factory=dict)
    group_words: list[str] = field(default_factory=list)
    reciprocal_nouns: list[str] = field(default_factory=list)
    quantity_words: list[str] = field(default_factory=list)
    coreference_words: list[str] = field(default_factory=list)
    building_nouns: list[str] = field(default_factory=list)
    housing_verbs: list[str] = field(default_factory=list)
    border_nouns: list[str] = field(default_factory=list)
    guest_nouns: list[str] = field(default_factory=list)
    trip_nouns: list[str] = field(default_factory=list)
    trip_stop_nouns: list[str] = field(default_factory=list)
    movement_verbs: list[str] = field(default_factory=list)
    aspect_verbs: list[str] = field(default_factory=list)
    object_control_verbs: list[str] = field(default_factory=list)
    circumstance_preps: list[str] = field(default_factory=list)
    gerund_time_preps: list[str] = field(default_factory=list)
    non_referring_determiners: list[str] = field(default_factory=list)
    same_day_phrases: list[str] = field(default_factory=list)
    next_day_phrases: list[str] = field(default_factory=list)
    previous_day_phrases: list[str] = field(default_factory=list)
    # "five days after X", "two weeks later": number words, units in days, and the words that count an interval
    # (+1: the clause lies after its anchor, "later", "before"; -1: before it, "after", "earlier")
    count_words: dict[str, int] = field(default_factory=dict)
    day_units: dict[str, int] = field(default_factory=dict)
    interval_words: dict[str, int] = field(default_factory=dict)
    placed_roles: list[str] = field(default_factory=list)
    place_preps: list[str] = field(default_factory=list)
    side_nouns: list[str] = field(default_factory=list)
    party_nouns: list[str] = field(default_factory=list)
    side_determiners: list[str] = field(default_factory=list)
    holder_nouns: list[str] = field(default_factory=list)
    force_nouns: list[str] = field(default_factory=list)
    state_nouns: list[str] = field(default_factory=list)
    patron_suffixes: list[str] = field(default_factory=list)
    organisation_head_nouns: list[str] = field(default_factory=list)
    ethnic_peoples: list[str] = field(default_factory=list)
    minority_modifiers: list[str] = field(default_factory=list)
    affiliation_words: list[str] = field(default_factory=list)


LEXICON_MAPPINGS = ("group_sizes", "count_words", "day_units", "interval_words")  # word -> number, not lists
LEXICON_LISTS = tuple(name for name in Lexicon.__dataclass_fields__ if name not in LEXICON_MAPPINGS)
LEXICON_MARKER = "@lexicon:"  # a construction attribute's value that stands for a lexicon list's words
AS_EVENT_NOUN = "noun"  # a construction's `as: noun`: the event token read by its own event-noun rules


@dataclass(slots=True)
class PlaceRule:
    """A city or region that is not an actor, with its country: where a summit or signing takes place."""

    id: str
    country: str
    names: list[str]
    source: str  # file:line


@dataclass(slots=True)
class RuleSet:
    actors: list[ActorRule]
    agents: list[AgentRule]
    verbs: list[VerbRule]
    discards: list[DiscardRule]
    settings: EngineSettings
    files: list[str]
    rules_hash: str
    # alias (normalised) -> (form, rule): form is name | adjective | demonym | capital
    actor_aliases: dict[str, tuple[str, ActorRule]] = field(default_factory=dict)
    # alias (normalised) -> its holders, each for the dates of one role (a role's `names`); none overlap in time
    dated_names: dict[str, tuple[DatedName, ...]] = field(default_factory=dict)
    agent_words: dict[str, AgentRule] = field(default_factory=dict)
    discard_phrases: dict[str, DiscardRule] = field(default_factory=dict)
    places: dict[str, PlaceRule] = field(default_factory=dict)  # alias key -> place
    constructions: list[ConstructionRule] = field(default_factory=list)
    lexicon: Lexicon | None = None  # None: a rule set of its own language (PETRARCH); the engine uses the packaged one
    # Which engine codes with these rules (coder.engine.registry: "cameo", the project's; "petrarch" for imported
    # PETRARCH dictionaries) and its options; `petrarch` keeps what the PETRARCH importer read.
    engine: str = "cameo"
    engine_options: dict[str, Any] = field(default_factory=dict)
    petrarch: Any = None

    def actor(self, rule_id: str) -> ActorRule | None:
        return next((rule for rule in self.actors if rule.id == rule_id), None)
