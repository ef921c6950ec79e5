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


@pytest.mark.parametrize(
    "text, day",
    [
        ("on Friday", date(2024, 3, 29)),  # "will meet on Friday" in a Monday paper: the coming Friday
        ("Monday", date(2024, 3, 25)),  # the publication day itself
        ("last Friday", date(2024, 3, 22)),  # "last" still looks back
        ("March 13", date(2025, 3, 13)),  # a day and month already past this year: next year's
        ("April 24", date(2024, 4, 24)),
    ],
)
def test_future_clauses_resolve_forward(text, day):
    resolved = resolve_date_text(text, PUB, True)
    assert resolved is not None and resolved.day == day


def test_day_anaphors_count_from_the_reference_day():
    from coder.engine.dates import DayAnaphors

    anaphors = DayAnaphors.of(["later that day", "the same day"], ["the next day"], ["the day before"])
    assert [anaphors.offset(t) for t in ("Later that day", "the same day", "The next day", "the day before")] == \
        [0, 0, 1, -1]
    assert anaphors.offset("the next five days") is None and anaphors.offset("on Friday") is None


@pytest.mark.parametrize(
    "text, day",
    [
        # a possessive date dates its noun, not the clause around it
        ("Tajikistan's Interior Ministry blamed an armed group for Saturday's attack on a border post.",
         date(2024, 3, 25)),
        # an anaphor counts from the day an earlier phrase of the sentence named, not from publication
        ("Kyrgyz President Sadyr Japarov flew to Dushanbe on Saturday and later that day he met Tajik President "
         "Emomali Rahmon.", date(2024, 3, 23)),
    ],
)
def test_possessive_and_anaphoric_dates(engine, text, day):
    from coder.dataset.articles import Article

    rows, _ = engine.code([Article("d", date(2024, 3, 25), "", text)])
    coded = {r["event_date"] for r in rows if r["event_code"][:2] in ("11", "04")}
    assert coded == {day}


@pytest.mark.parametrize(
    "text, day",
    [
        # counted from the governing clause's date (here the publication date, Monday 2024-03-25)
        ("The summit came three days after Russian President Vladimir Putin met Kazakh President Kassym-Jomart "
         "Tokayev.", date(2024, 3, 22)),
        # counted from the clause's own dated anchor
        ("Kazakh police detained the Kyrgyz activist on Saturday, two days after Kyrgyzstan accused Kazakhstan of "
         "harbouring him.", date(2024, 3, 21)),
    ],
)
def test_counted_intervals(engine, text, day):
    from coder.dataset.articles import Article

    rows, _ = engine.code([Article("d", date(2024, 3, 25), "", text)])
    coded = {r["event_date"] for r in rows if r["event_code"][:2] in ("04", "11")}
    assert coded == {day}
