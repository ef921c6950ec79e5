"""What an article says in one place helps code another: surnames introduced in the body are known in the headline."""

from __future__ import annotations


def test_headline_surname_learned_from_the_body(code_sentence):
    events = code_sentence("Pakistani Prime Minister Imran Khan met Afghan President Ashraf Ghani in Tashkent on Friday.",
                           "2021-07-17", title="Khan criticises Afghanistan")
    assert ("PAKGOV", "AFG", "111", "asserted") in events
    assert ("PAKGOV", "AFGGOV", "040", "asserted") in events


def test_unknown_surname_in_headline_gives_no_event(code_sentence):
    events = code_sentence("Officials met in Tashkent on Friday.", "2021-07-17", title="Khan criticises Afghanistan")
    assert events == []
