"""The lexicon the engine reads (engine.yaml's `lexicon:`, coder.rules.model.Lexicon) as sets for the per-token
loops. A rule set with no lexicon of its own (an imported PETRARCH dictionary) gets the packaged one."""

from __future__ import annotations

from functools import lru_cache

from coder.rules.loader import load_rules
from coder.rules.model import Lexicon


class EngineLexicon:
    def __init__(self, lexicon: Lexicon):
        self.person_titles = frozenset(lexicon.person_titles)
        self.group_sizes = dict(lexicon.group_sizes)
        self.group_words = frozenset(lexicon.group_words) | frozenset(lexicon.group_sizes) \
            | frozenset(lexicon.side_nouns) | frozenset(lexicon.party_nouns)
        self.reciprocal_nouns = frozenset(lexicon.reciprocal_nouns)
        self.quantity_words = frozenset(lexicon.quantity_words)
        self.coreference_words = frozenset(lexicon.coreference_words)
        self.building_nouns = frozenset(lexicon.building_nouns)
        self.housing_verbs = frozenset(lexicon.housing_verbs)
        self.border_nouns = frozenset(lexicon.border_nouns)
        self.guest_nouns = frozenset(lexicon.guest_nouns)
        self.trip_nouns = frozenset(lexicon.trip_nouns)
        self.trip_stop_nouns = frozenset(lexicon.trip_stop_nouns)
        self.movement_verbs = frozenset(lexicon.movement_verbs)
        self.aspect_verbs = frozenset(lexicon.aspect_verbs)
        self.object_control_verbs = frozenset(lexicon.object_control_verbs)
        self.circumstance_preps = frozenset(lexicon.circumstance_preps)
        self.gerund_time_preps = frozenset(lexicon.gerund_time_preps)
        self.non_referring_determiners = frozenset(lexicon.non_referring_determiners)
        self.same_day_phrases = tuple(lexicon.same_day_phrases)
        self.next_day_phrases = tuple(lexicon.next_day_phrases)
        self.previous_day_phrases = tuple(lexicon.previous_day_phrases)
        self.count_words = dict(lexicon.count_words)
        self.day_units = dict(lexicon.day_units)
        self.interval_words = dict(lexicon.interval_words)
        self.placed_roles = frozenset(lexicon.placed_roles)
        self.place_preps = frozenset(lexicon.place_preps)
        self.side_nouns = frozenset(lexicon.side_nouns)
        self.party_nouns = frozenset(lexicon.party_nouns)
        self.side_determiners = frozenset(lexicon.side_determiners)
        self.holder_nouns = frozenset(lexicon.holder_nouns)
        self.force_nouns = frozenset(lexicon.force_nouns)
        self.state_nouns = frozenset(lexicon.state_nouns)
        self.patron_suffixes = frozenset(lexicon.patron_suffixes)
        self.organisation_head_nouns = frozenset(lexicon.organisation_head_nouns)
        self.ethnic_peoples = frozenset(lexicon.ethnic_peoples)
        self.minority_modifiers = frozenset(lexicon.minority_modifiers)
        self.affiliation_words = frozenset(lexicon.affiliation_words)


@lru_cache(maxsize=1)
def packaged_lexicon() -> EngineLexicon:
    """The lexicon of the packaged engine.yaml."""
    lexicon = load_rules(["engine"]).lexicon
    return EngineLexicon(lexicon if lexicon is not None else Lexicon())


def lexicon_of(lexicon: Lexicon | None) -> EngineLexicon:
    return EngineLexicon(lexicon) if lexicon is not None else packaged_lexicon()
