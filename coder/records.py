"""The event record: its typed schema, stable ids, and conversion from coded events."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import polars as pl

from coder.actors import actor_country, actor_sector
from coder.articles import Article, Reject
from coder.coding import CodedEvent
from coder.ontology import Ontology

# Column -> polars type. Users and notebooks depend on these names and types; docs: README "Event records".
EVENT_SCHEMA: dict[str, pl.DataType] = {
    "event_id": pl.String(),
    "article_id": pl.String(),
    "publisher": pl.String(),
    "url": pl.String(),
    "pub_date": pl.Date(),
    "event_date": pl.Date(),
    "date_basis": pl.String(),
    "sentence_index": pl.Int32(),
    "sentence_text": pl.String(),
    "sentence_start": pl.Int32(),
    "sentence_end": pl.Int32(),
    "source_code": pl.String(),
    "source_country": pl.String(),
    "source_sector": pl.String(),
    "source_text": pl.String(),
    "source_rule": pl.String(),
    "target_code": pl.String(),
    "target_country": pl.String(),
    "target_sector": pl.String(),
    "target_text": pl.String(),
    "target_rule": pl.String(),
    "event_code": pl.String(),
    "root_code": pl.String(),
    "event_text": pl.String(),
    "quad_class": pl.Int8(),
    "goldstein": pl.Float64(),
    "modality": pl.String(),
    "rule_id": pl.String(),
    "coder_version": pl.String(),
    "rules_hash": pl.String(),
}
PARTITION_COLUMNS: dict[str, pl.DataType] = {"year": pl.Int16(), "month": pl.Int8()}

REJECT_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "article_id": pl.String(),
    "reason": pl.String(),
}


def event_id(article_id: str, sentence_start: int, source: str, target: str, code: str) -> str:
    """Stable: the same article, sentence, dyad and code always give the same id, whatever the run."""
    key = "\x1f".join((article_id, str(sentence_start), source, target, code))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


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
            "source_rule": event.source.rule_id,
            "target_code": event.target.code,
            "target_country": actor_country(event.target.code),
            "target_sector": actor_sector(event.target.code),
            "target_text": event.target.text,
            "target_rule": event.target.rule_id,
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


def events_frame(rows: list[dict]) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=EVENT_SCHEMA, orient="row") if rows else pl.DataFrame(schema=EVENT_SCHEMA)
    return frame.sort("article_id", "sentence_index", "event_id")


def rejects_frame(rejects: Iterable[Reject]) -> pl.DataFrame:
    rows = [{"source": r.source, "article_id": r.article_id, "reason": r.reason} for r in rejects]
    return pl.DataFrame(rows, schema=REJECT_SCHEMA, orient="row") if rows else pl.DataFrame(schema=REJECT_SCHEMA)
