"""What an article says in one place helps code another: surnames introduced in the body are known in the headline."""

from __future__ import annotations

from datetime import date

import pytest

from coder.dataset.articles import Article


def _code(engine, day: date, text: str, title: str = "") -> list[dict]:
    """Event rows of one article published on `day`."""
    rows, _ = engine.code([Article("t", day, title, text)])
    return rows


def test_headline_surname_learned_from_the_body(code_sentence):
    events = code_sentence("Pakistani Prime Minister Imran Khan met Afghan President Ashraf Ghani in Tashkent on Friday.",
                           "2021-07-17", title="Khan criticises Afghanistan")
    assert ("PAKGOV", "AFG", "111", "asserted") in events
    assert ("PAKGOV", "AFGGOV", "040", "asserted") in events


def test_unknown_surname_in_headline_gives_no_event(code_sentence):
    events = code_sentence("Officials met in Tashkent on Friday.", "2021-07-17", title="Khan criticises Afghanistan")
    assert events == []


def test_meetings_reported_after_a_dated_summit_take_its_date(engine):
    text = ("ISTANBUL, Nov 13 – The Turkic Council renamed itself at a summit in Istanbul on Friday and granted "
            "observer status to Turkmenistan.\n\n"
            "Kazakh President Kassym-Jomart Tokayev also attended.")
    rows = _code(engine, date(2021, 11, 13), text)
    attended = [r for r in rows if r["event_code"] == "042" and r["target_code"] == "TURGOV"]
    assert attended and all(r["event_date"] == date(2021, 11, 12) and r["date_basis"] == "article" for r in attended)


def test_without_a_dated_gathering_in_the_lead_dates_stay_with_publication(engine):
    text = ("ASTANA, Nov 13 – Kazakhstan granted a loan to Kyrgyzstan on Friday.\n\n"
            "Kazakh President Kassym-Jomart Tokayev also met Kyrgyz President Sadyr Japarov.")
    rows = _code(engine, date(2021, 11, 13), text)
    met = [r for r in rows if r["event_code"] == "040"]
    assert met and all(r["event_date"] == date(2021, 11, 13) and r["date_basis"] == "publication" for r in met)


def test_headline_takes_the_date_of_the_same_event_in_the_body(code_sentence, engine):
    rows = _code(engine, date(2024, 3, 25), "Tajik President Emomali Rahmon condemned the attack in a telephone call "
                 "with Vladimir Putin on Sunday.", title="Tajik leader condemns attack in call with Putin")
    headline = [r for r in rows if r["sentence_index"] == 0]
    assert headline and all((r["event_date"], r["date_basis"]) == (date(2024, 3, 24), "article") for r in headline)


def test_opening_subject_pronoun_continues_the_previous_sentences_subject(engine):
    text = ("ASHGABAT, Dec 12 – Russian President Vladimir Putin was greeted at the airport by Gurbanguly "
            "Berdimuhamedov, the father of President Serdar Berdimuhamedov.\n\n"
            "He then held talks with Serdar Berdimuhamedov.")
    rows = _code(engine, date(2025, 12, 12), text)
    talks = {(r["source_code"], r["target_code"]) for r in rows if r["event_code"] == "040"}
    assert talks == {("RUSGOV", "TKMGOV"), ("TKMGOV", "RUSGOV")}


def test_a_pronoun_later_in_the_sentence_still_takes_the_nearest_person(engine):
    text = ("Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev in Astana.\n\n"
            "Putin said he would phone him later.")
    rows = _code(engine, date(2024, 5, 2), text)
    calls = {(r["source_code"], r["target_code"], r["event_code"]) for r in rows if r["event_code"].startswith("03")}
    assert ("RUSGOV", "UZBGOV", "036") in calls or ("RUSGOV", "KAZGOV", "036") in calls


def test_reciprocal_accusations_go_both_ways_between_the_last_two_parties(engine):
    text = ("Kyrgyzstan and Tajikistan agreed to a ceasefire on Friday.\n\n"
            "The fighting broke out on Thursday evening after each side accused the other of blocking the road.")
    rows = _code(engine, date(2022, 1, 28), text)
    accusations = {(r["source_code"], r["target_code"]) for r in rows if r["event_code"] == "112"}
    assert accusations == {("KGZ", "TJK"), ("TJK", "KGZ")}


def test_a_reciprocal_with_no_two_parties_before_it_gives_nothing(engine):
    rows = _code(engine, date(2022, 1, 28), "Both sides blamed each other for the clash.")
    assert rows == []


@pytest.mark.parametrize("second, day, basis", [
    # the story dates the incident: undated violence takes that date
    ("The fighting broke out on Thursday evening near Batken.", date(2022, 1, 27), "article"),
    # only a non-violent act is dated: the violence keeps the publication date
    ("Kyrgyzstan accused Tajikistan on Thursday of blocking the road.", date(2022, 1, 28), "publication"),
])
def test_undated_violence_takes_the_date_the_story_gives_the_incident(engine, second, day, basis):
    text = "BISHKEK, Jan 28 – Kyrgyz and Tajik border guards traded fire along the frontier.\n\n" + second
    rows = _code(engine, date(2022, 1, 28), text)
    fire = [r for r in rows if r["event_code"] == "193"]
    assert fire and all(r["event_date"] == day and r["date_basis"] == basis for r in fire)


def test_leaders_of_a_counted_group_are_the_region_the_article_named(engine):
    text = ("Chinese President Xi Jinping announced new loans for Central Asian countries as he hosted the presidents "
            "of the five former Soviet republics at a summit in Xi'an.")
    rows = _code(engine, date(2023, 5, 19), text)
    hosted = {(r["source_code"], r["target_code"], r["event_code"]) for r in rows if r["rule_id"] == "host"}
    assert hosted == {("CHNGOV", "CASGOV", "043"), ("CASGOV", "CHNGOV", "042")}


def test_one_visit_found_twice_is_coded_once_the_more_specific_way(engine):
    text = "BISHKEK, Oct 12 – Vladimir Putin visited Kyrgyzstan on his first foreign trip since the warrant."
    rows = _code(engine, date(2023, 10, 12), text)
    visits = {(r["source_code"], r["target_code"], r["event_code"]) for r in rows}
    assert visits == {("RUSGOV", "KGZGOV", "042"), ("KGZGOV", "RUSGOV", "043")}


def test_an_appeal_about_conduct_with_no_addressee_goes_to_the_storys_government(engine):
    text = ("TASHKENT, July 4 – Eighteen people were killed during unrest in Karakalpakstan, prosecutors said, as the "
            "European Union called for an independent investigation.")
    rows = _code(engine, date(2022, 7, 4), text)
    assert {(r["source_code"], r["target_code"], r["event_code"]) for r in rows} == {("IGOEUREEC", "UZBGOV", "0213")}


def test_other_appeals_with_no_addressee_stay_uncoded(engine):
    text = "TASHKENT, July 4 – The European Union called for more investment in the region."
    rows = _code(engine, date(2022, 7, 4), text)
    assert rows == []


def test_the_leaders_after_a_coded_meeting_are_its_parties(engine):
    text = ("Russian President Vladimir Putin held talks with Tajik President Emomali Rahmon in Moscow on Sunday.\n\n"
            "The Kremlin said the presidents agreed to intensify cooperation between their security services.")
    rows = _code(engine, date(2024, 3, 25), text)
    second = {(r["source_code"], r["target_code"], r["event_code"]) for r in rows if r["sentence_index"] == 1}
    assert second == {("RUSGOV", "TJKGOV", "030"), ("TJKGOV", "RUSGOV", "030")}


def test_the_leaders_with_no_meeting_before_them_are_not_guessed(engine):
    text = "The leaders agreed to intensify cooperation between their security services."
    rows = _code(engine, date(2024, 3, 25), text)
    assert rows == []


def test_a_gathering_dated_in_the_lead_dates_later_acts_at_it_even_with_no_lead_event(engine):
    text = ("BRUSSELS, Jan 30 – Lenders will commit billions to transport links, officials said at an investors' "
            "forum on Monday.\n\n"
            "On the first day of the forum, the European Investment Bank signed memoranda of understanding on loans "
            "totalling 1.47 billion euros with Kazakhstan.")
    rows = _code(engine, date(2024, 1, 30), text)
    signed = [r for r in rows if r["event_code"] == "057"]
    assert signed and all(r["event_date"] == date(2024, 1, 29) and r["date_basis"] == "article" for r in signed)


def test_a_visit_dated_in_the_lead_dates_the_visit_reported_later(engine):
    text = ("WASHINGTON, Jan 17 – US President Donald Trump welcomed Kazakh President Nursultan Nazarbayev to the "
            "White House on Tuesday.\n\n"
            "Nazarbayev is the first Central Asian leader to be received by Trump at the White House.")
    rows = _code(engine, date(2018, 1, 17), text)
    later = [r for r in rows if r["sentence_index"] == 1]
    assert later and all(r["event_date"] == date(2018, 1, 16) and r["date_basis"] == "article" for r in later)


def test_officials_from_both_countries_are_the_two_countries_named_last(engine):
    text = ("Kyrgyzstan and Tajikistan agreed to a ceasefire on Friday.\n\n"
            "Financial institutions from the two countries signed a separate memorandum.")
    rows = _code(engine, date(2022, 1, 28), text)
    signed = {(r["source_code"], r["target_code"]) for r in rows if r["event_code"] == "057"}
    assert signed == {("KGZBUS", "TJKBUS"), ("TJKBUS", "KGZBUS")}


def test_a_person_named_on_a_visit_noun_is_the_visitor_and_the_dateline_the_host(engine):
    rows = _code(engine, date(2015, 10, 23), "ASHGABAT, Oct 23 – Japanese Prime Minister Shinzo Abe arrived on Friday.",
                 title="Japan, Turkmenistan sign deals worth over $18 billion during Abe visit")
    headline = {(r["source_code"], r["target_code"], r["event_code"]) for r in rows if r["sentence_index"] == 0}
    assert {("JPNGOV", "TKMGOV", "042"), ("TKMGOV", "JPNGOV", "043")} <= headline


def test_leaders_in_whose_presence_an_act_abroad_took_place_visited_the_host(engine):
    text = ("ASHGABAT, Nov 28 – The contract was signed by energy officials in the presence of Iranian President "
            "Ebrahim Raisi and Azerbaijani President Ilham Aliyev.")
    rows = _code(engine, date(2021, 11, 28), text)
    assert {(r["source_code"], r["target_code"], r["event_code"]) for r in rows} == {
        ("IRNGOV", "TKMGOV", "042"), ("TKMGOV", "IRNGOV", "043"), ("AZEGOV", "TKMGOV", "042"),
        ("TKMGOV", "AZEGOV", "043")}


def test_a_military_presence_is_no_visit(engine):
    text = "DUSHANBE, Nov 28 – Russia keeps a military presence in Tajikistan, the largest of its bases abroad."
    rows = _code(engine, date(2021, 11, 28), text)
    assert not [r for r in rows if r["rule_id"] == "in_presence_of"]


def test_they_right_after_a_meeting_are_the_two_who_met(engine):
    rows = _code(engine, date(2022, 9, 20), "President Sadyr Japarov met Tajik President Emomali Rahmon in Samarkand "
                                            "on Monday. They discussed the border.")
    second = {(r["source_code"], r["target_code"], r["event_code"]) for r in rows if r["sentence_index"] == 1}
    assert second == {("KGZGOV", "TJKGOV", "040"), ("TJKGOV", "KGZGOV", "040")}


def test_they_long_after_a_meeting_are_not_its_parties(engine):
    filler = " ".join(["The river valley has long been farmed by people on both banks."] * 6)
    rows = _code(engine, date(2022, 9, 20), "President Sadyr Japarov met Tajik President Emomali Rahmon in Samarkand "
                                            f"on Monday. {filler} They discussed the border.")
    assert not [r for r in rows if r["sentence_index"] == 7]


def test_the_bloc_is_the_organisation_named_last(engine):
    rows = _code(engine, date(2022, 1, 6), "The CSTO held an emergency session in Moscow. The bloc agreed to send "
                                           "peacekeepers to Kazakhstan.")
    assert {(r["source_code"], r["target_code"], r["event_code"]) for r in rows if r["sentence_index"] == 1} == {
        ("IGOEASCSTO", "KAZ", "0334")}
