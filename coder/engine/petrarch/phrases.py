"""Noun phrases on spaCy's dependency parse, as the PETRARCH importer reads them: the head a word belongs to, the
words of a phrase, and whether a phrase names an actor (a dictionary actor or agent, or an unknown phrase short
enough to be a new actor).

The PETRARCH matcher works on spaCy `Token`s; the engine's frames and phrases are token indices into a `DocView`.
`phrase_tokens` and `conjunct_tokens` are the adapter between the two."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from coder.engine.actors.actor import np_tokens
from coder.engine.docview import DocView
from coder.engine.frames.frame import with_conjuncts
from coder.engine.mentions import DocMentions

STATE_KEY = "petrarch"
NP_POS = ("NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM", "X")
_CLIMB = ("compound", "amod", "det", "poss", "nmod", "nummod", "flat", "case", "quantmod", "predet", "npadvmod")


@dataclass
class SentenceState:
    """What a pattern needs to know about the sentence besides its parse (kept in `doc.user_data`)."""

    mentions: DocMentions
    view: DocView  # the sentence's Doc as the engine reads it
    require_dyad: bool = True
    new_actor_length: int = 0
    covered: set[int] = field(default_factory=set)  # tokens inside the phrase of a verb already coded
    open_targets: set[int] = field(default_factory=set)  # verbs whose target is a phrase with no actor (---)
    left_out: set[int] = field(default_factory=set)  # comma clauses PETRARCH's comma options leave out


def phrase_tokens(view: DocView, head: Token) -> list[Token]:
    """The head's noun phrase (`coder.engine.actors.np_tokens`) as Tokens."""
    doc = view.doc
    return [doc[i] for i in np_tokens(view, head.i)]


def conjunct_tokens(view: DocView, token: Token) -> list[Token]:
    """The token and every token coordinated with it (`coder.engine.frames.with_conjuncts`) as Tokens."""
    doc = view.doc
    return [doc[i] for i in with_conjuncts(view, token.i)]


def state_of(token: Token) -> SentenceState | None:
    return token.doc.user_data.get(STATE_KEY)


def np_head(token: Token) -> Token:
    """The head noun of the phrase a word belongs to ("Gondor" in "Gondor's government" -> government)."""
    node = token
    for _ in range(8):
        if node.dep_ in _CLIMB and node.head.i != node.i and node.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            node = node.head
        else:
            return node
    return node


def phrase_words(view: DocView, head: Token) -> list[Token]:
    """The words of the head's phrase that a new actor's name is made of (no possessive marker, no punctuation)."""
    return [t for t in phrase_tokens(view, head) if not t.is_punct and t.tag_ != "POS"]


def names_actor(head: Token, state: SentenceState | None) -> bool:
    if state is None:
        return False
    if head.i in state.left_out:
        return False
    tokens = phrase_tokens(state.view, head)
    m = state.mentions
    if any(t.i in m.actor_at or t.i in m.agent_at for t in tokens):
        return True
    return is_new_actor(head, state)


def is_new_actor(head: Token, state: SentenceState) -> bool:
    if state.new_actor_length <= 0 or head.pos_ not in ("NOUN", "PROPN"):
        return False
    words = phrase_words(state.view, head)
    return 0 < len(words) <= state.new_actor_length and any(t.pos_ == "PROPN" for t in words)
