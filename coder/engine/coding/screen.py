"""The fast path's filter and the mentions it finds: a tokenized sentence is parsed only if it can give an event, and
the mentions matched to decide that are kept for the coding stages (matching reads only the words, which parsing does
not change)."""

from __future__ import annotations

import weakref
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from coder.engine.mentions import DocMentions, MentionMatcher
from coder.engine.parsing.headlines import HeadlineRewriter
from coder.rules.model import RuleSet, VerbRule

class Screen:
    def __init__(self, rules: RuleSet, nlp: Language, by_lemma: dict[str, list[VerbRule]],
                 by_noun: dict[str, list[VerbRule]], coreference_words: frozenset[str]):
        self.mentions = MentionMatcher(rules, nlp)
        self.pronouns = rules.settings.pronouns
        # words besides the pronouns that the article's context can resolve ("the two", "his")
        self.coreference_words = coreference_words
        # The filter matches every sentence's mentions before parsing, and the parser annotates that same Doc
        # object: the coder reuses those matches instead of matching twice. Weak keys: an entry lives as long as its
        # Doc, so nothing accumulates (a Doc that comes back as another object is simply matched again).
        self.screened: weakref.WeakKeyDictionary[Doc, tuple[int, DocMentions]] = weakref.WeakKeyDictionary()
        self.headlines = HeadlineRewriter(by_lemma, by_noun)
        # protests need no named actor ("Protests erupted in Nukus"), and an incident's date may come from a sentence
        # naming none ("The fighting broke out on Thursday"): the filter passes sentences naming them
        settings = rules.settings
        actorless = tuple(settings.unnamed_protest_codes) + tuple(settings.incident_codes)
        self.actorless_nouns = frozenset(_noun_forms(rule.nouns for rule in rules.verbs
                                                     if rule.code.startswith(actorless)))

    def could_code(self, doc: Doc) -> bool:
        """Whether a tokenized sentence can give an event: it names an actor or a role, or has a pronoun or group word
        ("the two") that the article's context can resolve, or an event noun that needs no named actor."""
        mentions = self.mentions(doc)
        self.screened[doc] = (len(doc), mentions)
        if mentions.actors or mentions.agents or mentions.dated:
            return True
        pronouns = self.pronouns
        return any(t.lower_ in pronouns or t.lower_ in self.coreference_words or t.lower_ in self.actorless_nouns
                   for t in doc)

    def carry_over(self, tokenized: Doc, restored: Doc) -> None:
        """A headline parsed in another wording is laid back over its own words in a new Doc
        (coder.engine.parsing.pipeline.parse_articles): the same words, so the filter's mentions hold for it."""
        screened = self.screened.get(tokenized)
        if screened is not None and screened[0] == len(restored):
            self.screened[restored] = screened

    def mentions_of(self, doc: Doc) -> DocMentions:
        """The Doc's mentions: those the filter found if it screened this Doc (the length guards against a
        retokenized Doc), else matched now."""
        screened = self.screened.get(doc)
        if screened is not None and screened[0] == len(doc):
            return screened[1]
        return self.mentions(doc)

    def headline_words(self, doc: Doc) -> list[str] | None:
        """A tokenized headline's past-tense wording for the parser (coder.engine.parsing.headlines), or None to parse
        it as it is."""
        mentions = self.mentions_of(doc)  # the filter has usually matched this Doc already
        spans = [(m.start, m.end) for m in mentions.actors] + [(m.start, m.end) for m in mentions.agents]
        spans += [(start, end) for start, end, _ in mentions.dated]
        parties = {t for start, end in spans for t in range(start, end)}
        people = [(m.start, m.end) for m in mentions.actors if m.rule.kind == "person"]
        people += [(start, end) for start, end, _ in mentions.dated]  # "President Bush"
        return self.headlines.words(doc, parties, people)


def _noun_forms(noun_lists: Iterable[list[str]]) -> set[str]:
    """Each event noun lower-cased, with its -s and -es plurals."""
    return {form for nouns in noun_lists for noun in nouns
            for form in (noun.lower(), noun.lower() + "s", noun.lower() + "es")}
