"""Headlines are parsed in a past-tense wording and the parse is laid back over their own words (coder/headlines.py)."""

from __future__ import annotations

from datetime import date

import pytest

from coder.dataset.articles import Article
from coder.config import CoderConfig, NlpConfig
from coder.jobs.coder import Coder


def _words(engine, text: str) -> list[str] | None:
    return engine.engine.headline_words(engine.nlp.make_doc(text))


@pytest.mark.parametrize("headline, rewritten", [
    ("Japan, Turkmenistan sign deals worth over $18 billion",
     "Japan and Turkmenistan signed deals worth over $18 billion"),
    ("Trump hosts Nazarbayev, hails Kazakhstan's help on Afghanistan",
     "Smith hosted Jones , hailed Kazakhstan 's help on Afghanistan"),  # people parsed as common English names
    ("Kazakh police detain hundreds as land protests are snuffed out",
     "Kazakh police detained hundreds as land protests are snuffed out"),
    ("Ghani accuses Pakistan of letting militants in; Khan calls charge unfair",
     "Smith accused Pakistan of letting militants in ; Khan calls charge unfair"),  # "call" names an event too
    ("Gas row: Uzbekistan cuts supplies to Tajikistan",  # a topic before a colon: the clause starts after it
     "Gas row : Uzbekistan cut supplies to Tajikistan"),
])
def test_headline_predicates_are_put_in_the_past_tense(engine, headline, rewritten):
    assert _words(engine, headline) == [t.text for t in engine.nlp.make_doc(rewritten)]


@pytest.mark.parametrize("headline", [
    "Russia, China talks stall over gas price",  # "talks" names an event: left alone
    "Gas prices rise in Central Asia",  # no party before the verb
    "Kazakhstan: the year in review",  # no verb a rule names
])
def test_headlines_without_a_party_and_rule_verb_are_left_alone(engine, headline):
    assert _words(engine, headline) is None


def _headline_rows(engine, title: str) -> list[dict]:
    article = Article("h", date(2015, 10, 23), title, "ASHGABAT, Oct 23 – Officials spoke to reporters.")
    rows, _ = engine.code([article])
    return [r for r in rows if r["sentence_index"] == 0]


def test_rewritten_headline_codes_and_keeps_its_own_text_and_offsets(engine):
    title = "Kyrgyzstan, Uzbekistan seal border deal as leaders meet in Bishkek"
    rows = _headline_rows(engine, title)
    assert {(r["source_code"], r["target_code"], r["event_code"]) for r in rows} >= {("KGZ", "UZB", "057"),
                                                                                    ("UZB", "KGZ", "057")}
    for row in rows:
        assert row["sentence_text"] == title
        assert (row["sentence_start"], row["sentence_end"]) == (0, len(title))
        assert title[row["sentence_start"]:row["sentence_end"]] == row["sentence_text"]


def test_switching_the_rewrite_off_parses_the_headline_as_written(engine):
    plain = Coder(CoderConfig(nlp=NlpConfig(headline_past_tense=False)))
    title = "Kyrgyzstan, Uzbekistan seal border deal"
    assert not any(r["event_code"] == "057" for r in _headline_rows(plain, title))
    assert any(r["event_code"] == "057" for r in _headline_rows(engine, title))


def test_body_sentences_are_never_rewritten(engine):
    article = Article("b", date(2015, 10, 23), "", "Japan, Turkmenistan sign deals worth over $18 billion.")
    rows, _ = engine.code([article])
    assert all(r["sentence_text"] == "Japan, Turkmenistan sign deals worth over $18 billion." for r in rows)


def test_person_names_are_parsed_as_stand_ins_but_keep_their_own_words(engine):
    article = Article("n", date(2018, 1, 17), "Trump hosts Nazarbayev, hails Kazakhstan's help on Afghanistan",
                      "WASHINGTON, Jan 16 – Officials spoke.")
    rows, _ = engine.code([article])
    headline = {(r["source_code"], r["target_code"], r["event_code"]) for r in rows if r["sentence_index"] == 0}
    assert headline == {("USAGOV", "KAZGOV", "043"), ("KAZGOV", "USAGOV", "042"), ("USAGOV", "KAZ", "051")}
    assert {r["source_text"] for r in rows if r["sentence_index"] == 0} >= {"Trump"}


def test_a_topic_before_a_colon_is_no_subject(engine):
    """"'Not a deal': X frees Y": the quoted topic is parsed apart from the clause after the colon."""
    rows = _headline_rows(engine, "'No terrorist': Turkmenistan frees Kazakh journalist")
    assert {(r["source_code"], r["target_code"], r["event_code"]) for r in rows} == {("TKM", "KAZMED", "0841")}
