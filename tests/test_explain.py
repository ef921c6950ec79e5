"""`coder-explain` for debugging: a whole article in the batch job's context, an interactive mode with the model
loaded once, and, for a word that fires no rule, the rules that exist for it and a rule skeleton that works when
pasted into a user's rule file."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from coder.cli.explain import Request, _request, explain, explain_article, interactive, main
from coder.cli.rule_paths import require_rule_files
from coder.config import CoderConfig, RulesFormat
from coder.dataset.articles import Article, read_articles
from coder.errors import RuleFileError
from tests.conftest import ROOT, run_cli

SEED = ROOT / "datasets" / "sample" / "seed.txt"
DAY = date(2024, 5, 2)
REPRIMAND = "Tokayev harangued Kyrgyzstan over the border shooting."  # a verb no packaged rule names


def _seed() -> Article:
    cfg = CoderConfig()
    cfg.input.path = str(SEED)
    return next(a for a in read_articles(cfg.input) if isinstance(a, Article))


def test_article_mode_codes_the_article_as_the_batch_job_does(engine):
    article = _seed()
    text = explain_article(engine, article)
    rows, _ = engine.code([article])
    assert "dateline: ASTANA -> KAZ" in text
    assert "\n[1] Kazakhstan intends to sign a treaty with Kyrgyzstan" in text
    assert f"events of the article: {len(rows)}" in text and len(rows) == 6
    listed = text.split("events of the article:")[1]
    for row in rows:
        assert f"[{row['sentence_index']}] {row['source_code']} -> {row['target_code']}  {row['event_code']}" in listed
    # each sentence shows its own trace: the coreference of "the two ministers" to the two named in sentence 1
    sentence_4 = text.split("\n[4] ")[1].split("\n[")[0]
    assert "coref:person.nurtleu" in sentence_4 and "KAZGOV -> KGZGOV  040" in sentence_4


def test_a_verb_without_a_rule_gets_a_skeleton_that_works_when_pasted(engine, tmp_path):
    text = explain(engine, REPRIMAND, DAY)
    assert "no rule names the verb 'harangue'" in text
    start = text.index("\nverbs:\n") + 1
    skeleton = "\n".join(line for line in text[start:].splitlines()
                         if line.startswith(("verbs:", "  - {", "    # ")))
    assert "lemma: harangue" in skeleton and 'code: "???"' in skeleton
    assert "'over border shooting'" in skeleton or "'over shooting'" in skeleton  # the prep, as a hint
    mine = tmp_path / "mine.yaml"
    mine.write_text(skeleton.replace("???", "111") + "\n", encoding="utf-8")
    assert run_cli("check", str(mine), tool="coder-rules").returncode == 0
    from coder.jobs.coder import Coder

    extended = Coder(CoderConfig(rules=type(CoderConfig().rules)(extra=[str(mine)])))
    try:
        again = explain(extended, REPRIMAND, DAY)
    finally:
        extended.close()
    assert "KAZGOV -> KGZ  111" in again and "rule my.harangue" in again


def test_a_verb_whose_rules_need_more_lists_them_with_what_each_needed(engine):
    text = explain(engine, "Kazakhstan and Kyrgyzstan move towards a treaty on shared reservoirs.", DAY)
    assert "no rule's object/preposition matched" in text
    assert "rules for verb 'move' (what each needs; the sentence has object words [treaty]" in text
    assert "mass_troops -> 154: needs object one of [troops" in text
    assert "  - {id: my.move, lemma: move, code: \"???\"}" in text


def test_interactive_mode_explains_each_line_with_one_model(engine):
    lines = io.StringIO(f"{REPRIMAND}\n\ndate=2023-06-01\nPresident Tokayev met Chinese leader Xi Jinping.\nquit\n"
                        "never read\n")
    out = io.StringIO()
    interactive(engine, DAY, lines, out, prompt=False)
    text = out.getvalue()
    assert text.count("text: ") == 2 and "never read" not in text
    assert "date: 2024-05-02" in text and "date: 2023-06-01" in text
    assert "KAZGOV -> CHNGOV  040" in text


def test_command_line_modes():
    assert _request(["--article", "a.txt", "--parse", "date=2024-01-02", "rules.extra=[x.yaml]"]) == Request(
        article=Path("a.txt"), parse=True, day=date(2024, 1, 2), overrides=["rules.extra=[x.yaml]"])
    assert _request(["--interactive"]).interactive
    assert _request(["Astana warned Moscow.", "nlp.model=x"]) == Request(text="Astana warned Moscow.",
                                                                       overrides=["nlp.model=x"])


def test_article_mode_from_the_command_line(capsys):
    assert main(["--article", str(SEED), "date=2024-03-25"]) == 0
    text = capsys.readouterr().out
    assert "published: 2024-03-25" in text and "events of the article: 6" in text


def test_a_missing_article_is_one_line(capsys):
    assert main(["--article", str(ROOT / "no-such-article.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error E301: --article: ") and err.count("\n") == 1


@pytest.mark.parametrize("verbs", [[], ["/nowhere/CAMEO.2.0.txt"]])
def test_petrarch_rules_ask_for_the_dictionary_paths(verbs):
    rules = CoderConfig().rules
    rules.format = RulesFormat.petrarch
    rules.petrarch.verbs = verbs
    with pytest.raises(RuleFileError) as info:
        require_rule_files(rules)
    line = info.value.one_line()
    assert line.startswith("error E211: rules.petrarch.verbs: rules=petrarch needs your PETRARCH")
    assert "rules.petrarch.verbs=[" in line and "\n" not in line


def test_coder_with_petrarch_rules_and_no_dictionaries_says_so_in_one_line(tmp_path):
    result = run_cli("rules=petrarch", "rules.petrarch.verbs=[/nowhere/CAMEO.2.0.txt]",
                     f"output.path={tmp_path / 'events'}")
    assert result.returncode == 2
    assert result.stderr.startswith("error E211: rules.petrarch.verbs: ") and result.stderr.count("\n") == 1
