"""Event dates resolved against the publication date (../shared/CODING-CONVENTIONS.md, "Dates")."""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.dates import resolve_date_text

PUB = date(2024, 3, 25)  # a Monday


@pytest.mark.parametrize(
    "text, day, basis",
    [
        ("on Sunday", date(2024, 3, 24), "relative"),
        ("Monday", date(2024, 3, 25), "relative"),  # on or before publication: a Monday paper's Monday is that day
        ("Sunday", date(2024, 3, 24), "relative"),
        ("last Tuesday", date(2024, 3, 19), "relative"),
        ("Friday's", date(2024, 3, 22), "relative"),
        ("yesterday", date(2024, 3, 24), "relative"),
        ("last week", date(2024, 3, 18), "relative"),
        ("March 13", date(2024, 3, 13), "explicit"),
        ("April 24", date(2023, 4, 24), "explicit"),  # would lie in the future: the year before
        ("December 12, 1995", date(1995, 12, 12), "explicit"),
        ("in 2017", PUB, "vague"),
        ("last month", PUB, "vague"),
        ("in March", PUB, "vague"),
        ("January 2022", PUB, "vague"),
    ],
)
def test_resolve(text, day, basis):
    resolved = resolve_date_text(text, PUB)
    assert resolved is not None and (resolved.day, resolved.basis) == (day, basis)


@pytest.mark.parametrize("text", ["the next five years", "two days", "a year"])
def test_durations_are_not_dates(text):
    assert resolve_date_text(text, PUB) is None


def test_event_date_in_output(engine):
    from coder.dataset.articles import Article

    article = Article("d", date(2024, 3, 25), "", "Kazakhstan and Kyrgyzstan signed an agreement on Sunday.")
    rows, _ = engine.code([article])
    assert {(r["event_date"], r["date_basis"]) for r in rows} == {(date(2024, 3, 24), "relative")}
    article = Article("e", date(2024, 3, 25), "", "Kazakhstan hosted the Asian Games in 2017.")
    assert engine.code([article])[0] == []  # background with only a vague date is not coded


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


@pytest.mark.parametrize("pub", [date(2024, 3, 25), date(2024, 2, 29), date(2023, 12, 31), date(2025, 1, 1)])
def test_calendar_day_agrees_with_dateparser(pub):
    """`calendar_day` reads the common day-and-month phrases without dateparser; it must give dateparser's day."""
    from datetime import datetime

    import dateparser

    from coder.engine.dates import calendar_day

    settings = {"RELATIVE_BASE": datetime(pub.year, pub.month, pub.day, 12, 0), "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": ["day", "month"], "RETURN_AS_TIMEZONE_AWARE": False}
    phrases = [form.format(month=month, day=day)
               for k, month in enumerate(_MONTHS)
               for day in (1, 9 + k, 28, 31)
               for form in ("{month} {day}", "{day} {month}", "{month} {day}, 2019", "{day} {month} 2020")]
    phrases += ["february 29, 2024", "february 29 2023", "march 05", "05 march"]
    for phrase in phrases:
        mine = calendar_day(phrase, pub)
        if mine is not None:
            parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
            assert parsed is not None and parsed.date() == mine, phrase
    assert calendar_day("february 29", pub) is None  # leap years: left to dateparser
    assert calendar_day("october 10 to 14", pub) is None


@pytest.mark.parametrize(
    "text, day, basis",
    [
        # the only date phrase sits in a relative clause about something else: the visit keeps the publication date
        ("ASTANA, March 25 – Astana was the second stop on a trip by Modi, which began in Uzbekistan on Sunday.",
         date(2024, 3, 25),
         "publication"),
        # a participle clause does date the event it describes
        ("The UN recognised Turkmenistan's neutrality in a resolution adopted on December 12, 1995.",
         date(1995, 12, 12), "explicit"),
    ],
)
def test_date_phrases_in_other_clauses(engine, text, day, basis):
    from coder.dataset.articles import Article

    rows, _ = engine.code([Article("d", date(2024, 3, 25), "", text)])
    assert rows and {(r["event_date"], r["date_basis"]) for r in rows} == {(day, basis)}
