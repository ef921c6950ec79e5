"""The article's memory of who was named: after each sentence, the actors it named become antecedents for pronouns,
title-only mentions and group references later in the article (coder.engine.actors.ArticleContext)."""

from __future__ import annotations

from spacy.tokens import Span

from coder.engine.actors.context import ArticleContext
from coder.engine.actors.resolver import ActorResolver
from coder.engine.mentions import DocMentions


def remember_named(sent: Span, mentions: DocMentions, resolver: ActorResolver, context: ArticleContext) -> None:
    """Actors named in the sentence become antecedents for pronouns and title-only mentions after them."""
    first, end = sent.start, sent.end
    for mention in mentions.actors:
        if not first <= mention.start < end:
            continue
        if mention.rule.kind == "group" and mention.rule.code:
            context.region = mention.rule.code  # "Central Asia" ... later "the region's leaders"
        if mention.form != "adjective":
            actors = resolver.resolve(mention.end - 1)
            if mention.rule.kind == "person" and actors and mention.end - mention.start > 1:
                # "Sadyr Japarov" ... later "Japarov": a surname the dictionary leaves out because it is shared
                context.learn([resolver.view.text[mention.end - 1]], actors[0])
        elif mention.rule.country_code:
            context.countries[mention.rule.country_code] += 1  # "Kazakh" still says where the story is
    if context.learned:
        _remember_learned_names(sent, mentions, resolver, context)
    remember_resolved(resolver, context)


def _remember_learned_names(sent: Span, mentions: DocMentions, resolver: ActorResolver,
                            context: ArticleContext) -> None:
    """Names learned earlier ("Japarov" after "President Sadyr Japarov") are antecedents too."""
    v = resolver.view
    for token in range(sent.start, sent.end):
        if v.pos[token] == "PROPN" and v.text[token] in context.learned and token not in mentions.actor_at \
                and (token + 1 == sent.end or v.pos[token + 1] != "PROPN"):
            for actor in resolver.resolve(token):
                context.remember(token, actor)


def remember_resolved(resolver: ActorResolver, context: ArticleContext) -> None:
    """Everything the sentence's frames resolved, the last actor at each position, in order of position."""
    if not resolver.resolved:
        return
    by_start = {a.start: a for a in resolver.resolved}
    for start in sorted(by_start):
        context.remember(start, by_start[start])
    resolver.resolved.clear()
