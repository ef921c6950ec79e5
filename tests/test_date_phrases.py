"""The fast path's date phrases are matched in pure Python (coder.engine.parsing.token_patterns); they must be exactly what spaCy's
Matcher finds with the same patterns (the EntityRuler's own `match`)."""

from __future__ import annotations

import pytest

from spacy.tokens import Span

from coder.dataset.articles import Article, read_articles
from coder.config import InputConfig
from coder.engine.parsing.date_phrases import DatePhrases
from coder.engine.parsing.segments import segments
from coder.engine.parsing.token_patterns import TokenPatterns
from tests.conftest import ROOT

# at least one phrase for every pattern, near misses, and words next to each other that start several patterns
PHRASES = [
    "He left on Tuesday.", "It ended last on Friday.", "They met early on Sunday and late Monday.", "on on Monday",
    "Talks began yesterday, today and tonight.", "Later this year, next week, earlier this month, last spring.",
    "In recent weeks and since years and in days, in recent months.", "The same day, the same day, same day.",
    "Later that day it rained; later that day.", "On March 13, 2024 and March 13 2024 and March 13.",
    "On 13 March 2024, 13 March, 5 May 2020, 5 May, May 5, May 5, 2021 and may 5.", "In May 2024 and Jan 2020.",
    "In 2017, since 1991, by 2030, during 2022, until 2025, in 20245, in 123.", "In March, since Sept, by mid Dec.",
    "Early June, late July and mid-August.", "In may we may go.", "Sept 1 , 2019 and Dec. 3 2020", "1 1 1 1 2024",
    "March March 3 3 2024 2024", "the the same day day", "last last Tuesday", "this Monday Tuesday Wednesday",
    "", "May", "2024", "in", "On Monday, on Tuesday, on Wednesday, on Thursday, on Friday, on Saturday, on Sunday.",
]


@pytest.fixture(scope="module")
def date_phrases(engine) -> DatePhrases:
    return DatePhrases(engine.nlp)


def _texts() -> list[str]:
    articles = [a for a in read_articles(InputConfig(path=str(ROOT / "datasets" / "sample"))) if isinstance(a, Article)]
    return PHRASES + [segment.text for article in articles for segment in segments(article)]


def test_pure_python_matches_are_spacys(engine, date_phrases):
    texts = _texts()
    assert len(texts) > 300
    matched = 0
    for doc in engine.nlp.tokenizer.pipe(texts):
        want = date_phrases.ruler.match(doc)
        assert date_phrases.matches(doc) == want, doc.text
        matched += bool(want)
    assert matched > 100


def test_entities_added_once(engine, date_phrases):
    doc = engine.nlp.make_doc("Putin met Tokayev on Tuesday, March 13.")
    assert date_phrases.find(doc) and not date_phrases.find(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("on Tuesday", "DATE"), ("March 13", "DATE")]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "a", "OP": "*"}], [{"LOWER": {"REGEX": "^a"}}], [{"POS": "NOUN"}], [{"SHAPE": "Xx"}],
    [{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}], [{"LOWER": "a", "ORTH": "A"}],
])
def test_unsupported_patterns_are_refused(pattern):
    with pytest.raises(ValueError):
        TokenPatterns([pattern])


def test_entities_are_added_as_the_entity_ruler_adds_them(engine, date_phrases):
    """`add_entities` stands in for `EntityRuler.set_annotations`: the same entities, with or without entities the
    Doc already has (which neither overwrites)."""
    texts = _texts() + ["Tokayev met Putin on Tuesday, March 13, 2024 in Astana last week."]
    compared = 0
    for doc in engine.nlp.tokenizer.pipe(texts):
        matches = date_phrases.matches(doc)
        if not matches:
            continue
        for existing in ([], [(0, 1)], [(matches[-1][1], matches[-1][1] + 1)]):
            ours, theirs = doc.copy(), doc.copy()
            for d in (ours, theirs):
                d.ents = [Span(d, start, end, label="PERSON") for start, end in existing]
            date_phrases.add_entities(ours, matches)
            date_phrases.ruler.set_annotations(theirs, matches)
            assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in theirs.ents]
            compared += 1
    assert compared > 300
