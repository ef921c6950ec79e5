"""The fast path's `fast_attributes` must give the coder the same POS, morphology and content-word lemmas as the
model's own attribute_ruler + lemmatizer, on real news sentences."""

from __future__ import annotations

import spacy

from coder.dataset.articles import Article, read_articles
from coder.config import InputConfig, NlpConfig
from coder.engine.parsing.segments import segments
from tests.conftest import ROOT
from coder.engine.parsing.components import CONTENT_POS, install_fast_attributes


def test_fast_attributes_match_the_model_components():
    model = NlpConfig().model
    full = spacy.load(model, exclude=["ner"])
    fast = spacy.load(model, exclude=["ner"])
    install_fast_attributes(fast)
    assert "fast_attributes" in fast.pipe_names and "lemmatizer" not in fast.pipe_names
    texts = [part.text for article in read_articles(InputConfig(path=str(ROOT / "datasets" / "sample")))
             if isinstance(article, Article) for part in segments(article, full.make_doc)]
    assert len(texts) > 300
    compared = lemmas = 0
    for want, got in zip(full.pipe(texts), fast.pipe(texts)):
        for a, b in zip(want, got):
            assert (a.text, a.pos_, str(a.morph)) == (b.text, b.pos_, str(b.morph)), a.sent.text
            if a.pos_ in CONTENT_POS:
                assert a.lemma_ == b.lemma_, (a.text, a.sent.text)
                lemmas += 1
            compared += 1
    assert compared > 5000 and lemmas > 2000
