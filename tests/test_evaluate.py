"""The evaluator's matching of gold and coded events (coder.evaluation.scoring.match_article)."""

from __future__ import annotations

from datetime import date

from coder.evaluation.scoring import GoldEvent, match_article

HEADLINE = "Tajik leader condemns attack in call with Putin"
BODY = "Rahmon offered condolences to Putin in a telephone call on Sunday."


def gold(sentence: str, day: date, code: str = "041", source: str = "TJKGOV", target: str = "RUSGOV", **kw):
    return GoldEvent("d", sentence, day, source, target, code, **kw)


def coded(sentence: str, day: date, code: str = "041", source: str = "TJKGOV", target: str = "RUSGOV") -> dict:
    return {"sentence_text": sentence, "event_date": day, "event_code": code, "source_code": source,
            "target_code": target}


def test_events_match_in_their_own_sentence_first():
    sunday, monday = date(2024, 3, 24), date(2024, 3, 25)
    golds = [gold(HEADLINE, sunday), gold(BODY, sunday)]
    preds = [coded(BODY, sunday), coded(HEADLINE, monday)]
    pairs, missed, extra = match_article(golds, preds, "dyad_root")
    assert not missed and not extra
    assert {(g.sentence, p["sentence_text"]) for g, p in pairs} == {(HEADLINE, HEADLINE), (BODY, BODY)}


def test_a_restatement_coded_elsewhere_still_counts_once():
    sunday = date(2024, 3, 24)
    pairs, missed, extra = match_article([gold(HEADLINE, sunday), gold(BODY, sunday)], [coded(BODY, sunday)],
                                         "dyad_root")
    assert [(g.sentence, p["sentence_text"]) for g, p in pairs] == [(BODY, BODY)]
    assert [g.sentence for g in missed] == [HEADLINE] and not extra


def test_levels_and_optional_gold():
    sunday = date(2024, 3, 24)
    optional = gold(BODY, sunday, code="111", note="alt no event", optional=True)
    pairs, missed, extra = match_article([gold(BODY, sunday), optional], [coded(BODY, sunday, code="040")],
                                         "dyad_root")
    assert len(pairs) == 1 and not missed and not extra  # 040 and 041 share the root 04
    pairs, missed, extra = match_article([gold(BODY, sunday), optional], [coded(BODY, sunday, code="040")], "full")
    assert not pairs and [g.code for g in missed] == ["041"] and len(extra) == 1  # the optional one is not missed
