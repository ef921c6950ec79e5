"""The engine's word classes as data (engine.yaml's `lexicon:`): validated at load, read by the engine, and
replaceable list by list from a user's rule file."""

from __future__ import annotations

import pytest

from coder.engine.lexicon import EngineLexicon, packaged_lexicon
from coder.errors import RuleFileError
from coder.rules.loader import load_rules
from coder.rules.model import LEXICON_LISTS


def test_the_packaged_lexicon_fills_every_list():
    lexicon = load_rules().lexicon
    assert lexicon is not None and all(getattr(lexicon, name) for name in LEXICON_LISTS)
    assert lexicon.group_sizes["five"] == 5
    assert (lexicon.count_words["two"], lexicon.day_units["week"], lexicon.interval_words["after"]) == (2, 7, -1)
    assert "five" in packaged_lexicon().group_words  # the number words count as group words


def test_a_user_file_replaces_one_list(tmp_path):
    extra = tmp_path / "lexicon.yaml"
    extra.write_text("lexicon:\n  guest_nouns: [guest, visitor, delegation]\n", encoding="utf-8")
    rules = load_rules(extra=[extra])
    assert rules.lexicon.guest_nouns == ["guest", "visitor", "delegation"]
    assert rules.lexicon.person_titles == load_rules().lexicon.person_titles  # the others stay
    assert "delegation" in EngineLexicon(rules.lexicon).guest_nouns


@pytest.mark.parametrize(("text", "message"), [
    ("lexicon:\n  guests: [guest]\n", "unknown lexicon list 'guests'"),
    ("lexicon:\n  group_sizes: {five: five}\n", "group_sizes maps number words to numbers"),
    ("lexicon: [guest]\n", "'lexicon' must be a mapping"),
    ("lexicon:\n  interval_words: {after: 2}\n", "interval_words maps words to \\+1 or -1"),
    ("lexicon:\n  day_units: {week: 0}\n", "day_units maps words to numbers from 1"),
])
def test_a_faulty_lexicon_is_reported_at_its_line(tmp_path, text, message):
    extra = tmp_path / "bad.yaml"
    extra.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError, match=message) as error:
        load_rules(extra=[extra])
    assert "bad.yaml:" in str(error.value)


def test_an_extended_list_changes_what_the_engine_reads(code_sentence, tmp_path):
    """A word the packaged lexicon lacks does nothing; listed as a building noun, it stands for what it houses."""
    from datetime import date

    from coder.config import CoderConfig, register_configs
    from coder.dataset.articles import Article
    from coder.jobs.coder import Coder

    text = "Russian troops shelled the palace of the Ukrainian government on Monday."
    before = {(s, t, c) for s, t, c, _ in code_sentence(text, "2020-10-06")}
    extra = tmp_path / "palace.yaml"
    building_nouns = load_rules().lexicon.building_nouns
    extra.write_text(f"lexicon:\n  building_nouns: [{', '.join(building_nouns)}, palace]\n", encoding="utf-8")
    register_configs()
    cfg = CoderConfig()
    cfg.rules.extra = [str(extra)]
    rows, _ = Coder(cfg).code([Article("t", date(2020, 10, 6), "", text)])
    after = {(r["source_code"], r["target_code"], r["event_code"]) for r in rows}
    assert before != after and any(t == "UKRGOV" for _, t, _ in after)
