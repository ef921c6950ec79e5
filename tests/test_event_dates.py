"""Event dates that follow ../shared/CODING-CONVENTIONS.md across a sentence and an article: a plan is dated when it
is stated, never by its planned date, and a headline takes the date the body gives the same act."""

from __future__ import annotations

from datetime import date

from coder.dataset.articles import Article


def _dated(engine, text: str, pub: str, title: str = "") -> set[tuple[str, str, str, str, str]]:
    rows, _ = engine.code([Article("t", date.fromisoformat(pub), title, text)])
    return {(r["source_code"], r["target_code"], r["event_code"], str(r["event_date"]), r["date_basis"])
            for r in rows}


def test_a_plan_takes_the_date_it_was_stated_on_not_the_planned_date(engine):
    # published on Wednesday 2024-05-08: "on Monday" is 2024-05-06; the planned Friday is never 2024-05-03
    events = _dated(engine, "Tokayev said on Monday that Kazakhstan will sign a treaty with Kyrgyzstan on Friday.",
                    "2024-05-08")
    assert events and {(day, basis) for *_, day, basis in events} == {("2024-05-06", "relative")}
    assert all(code.startswith("03") for _, _, code, _, _ in events)


def test_a_plan_stated_without_a_date_is_dated_by_the_publication(engine):
    events = _dated(engine, "Kazakhstan will sign a treaty with Kyrgyzstan on Friday.", "2024-05-08")
    assert events and {(day, basis) for *_, day, basis in events} == {("2024-05-08", "publication")}


def test_a_headline_takes_the_body_date_of_the_same_act_between_the_same_countries(engine):
    events = _dated(engine, "Kyrgyz border guards and Tajik border guards signed a protocol on Monday.", "2024-05-08",
                    title="Kyrgyzstan, Tajikistan sign border protocol")
    headline = {e for e in events if e[0] in ("KGZ", "TJK")}
    body = {e for e in events if e[0] in ("KGZMIL", "TJKMIL")}
    assert {(s, t, c) for s, t, c, _, _ in headline} == {("KGZ", "TJK", "057"), ("TJK", "KGZ", "057")}
    assert {(day, basis) for *_, day, basis in headline} == {("2024-05-06", "article")}
    assert {(day, basis) for *_, day, basis in body} == {("2024-05-06", "relative")}


def test_a_day_named_in_an_earlier_sentence_dates_that_day(engine):
    # published on Wednesday 2024-05-08: "on Monday" is 2024-05-06, and "the next day" 2024-05-07
    events = _dated(engine, "Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev in "
                            "Tashkent on Monday. The next day, Tokayev criticised Kyrgyzstan over its dam plans.",
                    "2024-05-08")
    assert ("KAZGOV", "KGZ", "111", "2024-05-07", "relative") in events


def test_a_present_perfect_lede_takes_the_day_the_next_sentence_gives_it(engine):
    # the wire's "X has done Y" lede is dated by the sentence after it; the headline follows the lede
    text = ("BISHKEK, May 8 - Kyrgyzstan has expelled a Tajik diplomat over remarks about the border. "
            "Foreign Minister Jeenbek Kulubayev signed the order on Monday, his ministry said.")
    events = _dated(engine, text, "2024-05-08", title="Kyrgyzstan expels Tajik diplomat")
    expelled = {(day, basis) for s, t, code, day, basis in events if code.startswith("16") or code.startswith("17")}
    assert expelled and {day for day, _ in expelled} == {"2024-05-06"}

