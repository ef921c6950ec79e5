"""What the rule files loaded so far define, gathered section by section before the RuleSet is built."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from coder.ontology import Ontology, load_ontology
from coder.rules.model import (ActorRule, AgentRule, ConstructionRule, DiscardRule, EngineSettings, Lexicon,
                               PlaceRule, VerbRule)


@dataclass
class RuleTables:
    ontology: Ontology = field(default_factory=load_ontology)
    actors: dict[str, ActorRule] = field(default_factory=dict)
    agents: dict[str, AgentRule] = field(default_factory=dict)
    verbs: dict[str, VerbRule] = field(default_factory=dict)
    constructions: dict[str, ConstructionRule] = field(default_factory=dict)
    discards: dict[str, DiscardRule] = field(default_factory=dict)
    places: dict[str, PlaceRule] = field(default_factory=dict)
    settings: EngineSettings = field(default_factory=EngineSettings)
    lexicon: Lexicon | None = None
    # alias key -> (form, rule id, is_user, where) and agent word key -> (rule id, is_user, where), for conflict checks
    alias_owner: dict[str, tuple[str, str, bool, str]] = field(default_factory=dict)
    agent_owner: dict[str, tuple[str, bool, str]] = field(default_factory=dict)
    # dated name key -> [(rule id, from, until, is_user, where)]: names a role gives for its own dates
    dated_owner: dict[str, list[tuple[str, date | None, date | None, bool, str]]] = field(default_factory=dict)
    user_verbs: set[str] = field(default_factory=set)  # ids of verb rules a user file defined (they win among equals)
