"""Coded events -> event records (coder.dataset.records.EVENT_SCHEMA): the one place where the engine's output meets
the dataset's schema."""

from __future__ import annotations

from collections.abc import Iterable

from coder.dataset.articles import Article
from coder.dataset.records import event_id
from coder.engine.actors.actor import Actor
from coder.engine.coding import CodedEvent
from coder.ontology import Ontology
from coder.ontology.actor_codes import actor_country, actor_sector


def provenance(actor: Actor) -> str:
    """How an actor was found: the actor (and agent) rules that named it, and after an "@" the argument strategy that
    found it for the event ("person.tokayev@subject", "country.KGZ+agent.mil.border_guards@object", "host@host")."""
    return f"{actor.rule_id}@{actor.via}" if actor.via else actor.rule_id


def event_rows(events: Iterable[CodedEvent], article: Article, ontology: Ontology, coder_version: str,
               rules_hash: str) -> list[dict]:
    full_text = article.full_text
    rows = []
    for event in events:
        start, end = event.sentence_start, event.sentence_end
        etype = ontology.get(event.code)  # None for codes an imported dictionary brings (not CAMEO)
        rows.append({
            "event_id": event_id(article.article_id, start, event.source.code, event.target.code, event.code),
            "article_id": article.article_id,
            "publisher": article.publisher,
            "url": article.url,
            "pub_date": article.pub_date,
            "event_date": event.event_date or article.pub_date,
            "date_basis": event.date_basis,
            "sentence_index": event.sentence_index,
            "sentence_text": full_text[start:end].strip(),
            "sentence_start": start,
            "sentence_end": end,
            "source_code": event.source.code,
            "source_country": actor_country(event.source.code),
            "source_sector": actor_sector(event.source.code),
            "source_text": event.source.text,
            "source_rule": provenance(event.source),
            "target_code": event.target.code,
            "target_country": actor_country(event.target.code),
            "target_sector": actor_sector(event.target.code),
            "target_text": event.target.text,
            "target_rule": provenance(event.target),
            "event_code": event.code,
            "root_code": etype.root if etype else event.code[:2],
            "event_text": event.event_text,
            "quad_class": etype.quad_class if etype else None,
            "goldstein": etype.goldstein if etype else None,
            "modality": event.modality,
            "rule_id": event.rule_id,
            "coder_version": coder_version,
            "rules_hash": rules_hash,
        })
    return rows
