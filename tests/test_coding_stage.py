"""The coding stage's shortcuts must not change what it codes: each is checked against the plain way on the sample."""

from __future__ import annotations

import pytest

from coder.dataset.articles import Article, read_articles
from coder.config import InputConfig
from coder.engine.parsing.pipeline import parse_articles
from coder.engine.parsing.segments import dateline_place
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def sample_articles() -> list[Article]:
    articles = read_articles(InputConfig(path=str(ROOT / "datasets" / "sample")))
    return [a for a in articles if isinstance(a, Article)][:12]


def _coded(engine, parsed) -> list[tuple]:
    out = []
    for article, parts in parsed:
        for e in engine.code_article(parts, article.pub_date, dateline=dateline_place(article)):
            out.append((article.article_id, e.sentence_index, e.source.code, e.target.code, e.code, e.rule_id,
                        e.modality, str(e.event_date), e.date_basis, e.source.text, e.target.text))
    return out


def test_mentions_found_by_the_fast_path_filter_are_reused(engine, sample_articles):
    coder = engine.engine
    parsed = list(parse_articles(engine.nlp, sample_articles, engine.cfg.nlp, coder.could_code))
    docs = [doc for _, parts in parsed for doc, part in parts if not part.skipped]
    assert docs and all(coder.mentions_of(doc) is coder.screen.screened[doc][1] for doc in docs)
    reused = _coded(coder, parsed)
    coder.screen.screened.clear()  # every Doc matched again by code_article
    assert _coded(coder, parsed) == reused and reused


def test_rewritten_headlines_keep_the_filters_mentions(engine, sample_articles):
    """A headline parsed in its past-tense wording comes back as a new Doc over its own words: the mentions the
    filter found on it are carried over (not matched again), and they are what matching it afresh would give."""
    coder = engine.engine
    rewritten = []

    def restored(tokenized, doc):
        rewritten.append(doc)
        coder.carry_screening(tokenized, doc)

    list(parse_articles(engine.nlp, sample_articles, engine.cfg.nlp, coder.could_code, coder.headline_words, restored))
    assert rewritten, "no sample headline was rewritten: the test checks nothing"
    for doc in rewritten:
        assert doc in coder.screen.screened
        carried = coder.mentions_of(doc)
        fresh = coder.mentions(doc)
        assert [(m.start, m.end, m.rule.id) for m in carried.actors] == [(m.start, m.end, m.rule.id)
                                                                         for m in fresh.actors]
        assert [(m.start, m.end, m.rule.id) for m in carried.agents] == [(m.start, m.end, m.rule.id)
                                                                         for m in fresh.agents]
