"""Argument heads -> actors: the actor type and noun phrases (`actor`), the article's memory (`context`), reading a noun
phrase (`phrases`), group references and antecedents (`groups`), and the resolver's ordered steps (`resolver`)."""

from coder.engine.actors.actor import Actor, np_tokens
from coder.engine.actors.context import ArticleContext
from coder.engine.actors.resolver import ActorResolver

__all__ = ["Actor", "ActorResolver", "ArticleContext", "np_tokens"]
