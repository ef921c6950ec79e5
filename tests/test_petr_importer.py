"""The PETRARCH/TABARI dictionary importers, one hand-written snippet per syntax feature (coder/rules/petrarch)."""

from __future__ import annotations

from datetime import date


from coder.rules.petrarch.actors import parse_actors, parse_date
from coder.rules.petrarch.agents import parse_agents
from coder.rules.petrarch.discards import parse_discards
from coder.rules.petrarch.issues import parse_issues
from coder.rules.petrarch.reader import Warnings, read_lines
from coder.rules.petrarch.translate import load_petrarch, verb_rules
from coder.rules.petrarch.verbs import parse_pattern, parse_verbs, verb_forms


def _verbs(text: str):
    warnings = Warnings()
    return parse_verbs("v.txt", warnings, text=text), warnings


# -- comments and line numbers ------------------------------------------------------------------------------------
def test_comments_blocks_and_line_numbers():
    lines = read_lines("x.txt", text="<!-- one\ntwo -->\nGONDOR [GON] # note\n<!-- x --> ROHAN [ROH]\n")
    assert [(line.number, line.text) for line in lines if line.text] == [(3, "GONDOR [GON]"), (4, " ROHAN [ROH]")]


# -- verbs --------------------------------------------------------------------------------------------------------
def test_synsets_members_plurals_and_embedded_synsets():
    book, _ = _verbs("&CURRENCY\n+DOLLAR\n+SWISS FRANCS\n+YEN_\n\n&MONEYISH\n+&CURRENCY\n+CASH\n")
    assert ["DOLLAR"] in book.synsets["CURRENCY"] and ["DOLLARS"] in book.synsets["CURRENCY"]
    assert ["SWISS", "FRANCS"] in book.synsets["CURRENCY"]
    assert ["YENS"] not in book.synsets["CURRENCY"]  # a trailing _ means no plural
    assert ["DOLLAR"] in book.expanded_synset("MONEYISH") and ["CASH"] in book.expanded_synset("MONEYISH")


def test_automatic_verb_forms_and_irregular_forms():
    assert verb_forms("ARRIVE") == {"ARRIVE", "ARRIVES", "ARRIVED", "ARRIVING"}
    assert verb_forms("DENY") == {"DENY", "DENIES", "DENIED", "DENYING"}
    assert verb_forms("ATTACK") == {"ATTACK", "ATTACKS", "ATTACKED", "ATTACKING"}
    book, _ = _verbs("--- BREAK [1717] ---\nBREAK { BROKE BROKEN }\nBAN {BANS BANNED}\n")
    forms = [v.forms for v in book.blocks[0].verbs]
    assert forms[0] == {"BREAK", "BROKE", "BROKEN"}  # braces list the forms: none are made
    assert forms[1] == {"BAN", "BANS", "BANNED"}


def test_multiword_verbs_and_own_codes():
    book, _ = _verbs("--- EXCLUDE [1721] ---\nEXCLUDE\n+CORDON_OFF {+CORDONED_OFF +CORDONING_OFF}\n"
                     "WIRE_+TAP {WIRE_+TAPPED}\nDOWNPLAY [014]\nLASH OUT\n")
    verbs = book.blocks[0].verbs
    assert (verbs[1].words, verbs[1].head, "CORDONED" in verbs[1].forms) == (["CORDON", "OFF"], 0, True)
    assert (verbs[2].words, verbs[2].head, "TAPPED" in verbs[2].forms) == (["WIRE", "TAP"], 1, True)
    assert verbs[3].code == "014"
    assert (verbs[4].words, verbs[4].head) == (["LASH", "OUT"], 0)


def test_verb_block_header_and_patterns_with_codes():
    book, warnings = _verbs("--- ARRIVE [032:033] ---\nARRIVE\n- * TO_CAPITAL [042]\n- + * IN $ [075]\n"
                            "- * CARD [---]\n- SAID * [023?]\n")
    block = book.blocks[0]
    assert (block.label, block.code, block.reverse) == ("ARRIVE", "032", "033")
    assert [(p.code, p.reverse) for p in block.patterns] == [("042", None), ("075", None), (None, None),
                                                              ("023?", None)]
    assert not warnings.items


def test_pattern_elements_links_and_symbols():
    pre, post, touches = parse_pattern("SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS")
    assert [(e.kind, e.value, e.joined) for e in pre] == [("word", "SUGGESTED", False), ("target", "", True)]
    assert [(e.kind, e.value, e.joined) for e in post] == [("word", "DEMAND", False), ("synset", "GENINT", True),
                                                           ("word", "CONVENTIONS", True)]
    assert touches is False
    pre, post, touches = parse_pattern("RECENTLY_*")
    assert ([e.value for e in pre], post, touches) == (["RECENTLY"], [], True)
    pre, post, _ = parse_pattern("% HAVE * ^ $")
    assert [e.kind for e in pre] == ["compound", "word"] and [e.kind for e in post] == ["skip", "source"]


def test_petrarch2_np_and_prepositional_groups():
    pre, post, _ = parse_pattern("* (TO {BANNED PARTIES}) $")
    assert [(e.kind, e.value) for e in post] == [("word", "TO"), ("word", "BANNED"), ("word", "PARTIES"),
                                                  ("source", "")]


def test_transformations_are_kept():
    book, _ = _verbs("--- SAY [010] ---\nSAY\n\n~ a (a b ATTACK) SAY = a b 015\n")
    assert book.transformations == [("~ a (a b ATTACK) SAY = a b 015", "v.txt:4")]


def test_verb_rules_try_patterns_before_defaults_and_keep_codes():
    book, _ = _verbs("--- MEET [031:031] ---\nMEET\n- * DEMANDS [012]\n- NO * [112]\n--- ATTACK [223] ---\n"
                     "ATTACK\n--- FXX [---] ---\nFXX\n- * Q [0?]\n")
    rules = verb_rules(book)
    assert [r.code for r in rules] == ["012", "112", "0?", "031", "223", "---"]
    assert rules[3].reverse_code == "031" and "met" not in rules[3].lemmas and "meeting" in rules[3].lemmas


def test_verb_faults_are_warnings_with_file_and_line():
    book, warnings = _verbs("- * ORPHAN [010]\n--- X [010] ---\nX\n- * TWO * [010]\n- * NOCODE\n- * &NOPE [011]\n")
    text = "\n".join(warnings)
    assert "v.txt:1: pattern before any verb block" in text
    assert "v.txt:4:" in text and "v.txt:5:" in text and "v.txt:6: pattern uses undefined synset &NOPE" in text


# -- actors -------------------------------------------------------------------------------------------------------
ACTORS = """GONDOR [GON]
+MINAS_TIRITH
+ANORIEN

GOLLUM  # a comment
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]

SAM_GAMGEE [HOB]
\t[ORCHOB 20100109-20100112]
\t[HOBMIL 20080120-20121109]

LORIEN [ELR/GAL]
BAD_DATES [XXX]
\t[XXXGOV 20100101-20090101]
\t[XXXMIL 2010011-20100102]
GONDOR [DUP]
"""


def test_actor_phrases_synonyms_and_codes():
    warnings = Warnings()
    entries = parse_actors("a.txt", warnings, text=ACTORS)
    gondor = entries[0]
    assert gondor.phrases == ["gondor", "minas tirith", "anorien"] and gondor.default == "GON"
    assert entries[3].default == "ELR/GAL"


def test_actor_date_restrictions_first_match_wins():
    entries = parse_actors("a.txt", Warnings(), text=ACTORS)
    gollum, sam = entries[1], entries[2]
    assert gollum.code_on(date(1995, 5, 31)) == "HOB"
    assert gollum.code_on(date(1995, 6, 1)) == "HOBGOV"
    assert gollum.code_on(date(1999, 8, 15)) == "HOBGOV"
    assert gollum.code_on(date(1999, 8, 16)) == "HOBREB"
    assert sam.code_on(date(2010, 1, 9)) == "ORCHOB"  # the earlier restriction wins over the overlapping one
    assert sam.code_on(date(2010, 1, 13)) == "HOBMIL"
    assert sam.code_on(date(2014, 1, 1)) == "HOB"


def test_two_and_four_digit_years():
    assert parse_date("950601") == date(1995, 6, 1)
    assert parse_date("011222") == date(2001, 12, 22)
    assert parse_date("19280101") == date(1928, 1, 1)


def test_actor_faults_are_warnings_not_crashes():
    warnings = Warnings()
    entries = parse_actors("a.txt", warnings, text=ACTORS)
    text = "\n".join(warnings)
    assert "a.txt:17: impossible date range [XXXGOV 20100101-20090101]" in text
    assert "a.txt:18: bad date" in text
    assert "a.txt:19: duplicate actor phrase 'GONDOR' (first at a.txt:1); first kept" in text
    assert entries[4].default == "XXX" and entries[4].dated == []


# -- agents -------------------------------------------------------------------------------------------------------
def test_agents_suffix_prefix_plurals_and_macros():
    text = ("!PERSON! = MAN, WOMAN\n!MINST! = MINISTER, MINISTRY\nPOLICE {} [~COP]\nMSF {} [NGO~]\n"
            "GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\nSOLDIER [~MIL]\nCONGRESS!PERSON! [~LEG]\n"
            "!MINST!_OF_SILLY_WALKS [~GOV]\nHUMAN_RIGHTS_ORGANIZATION  [  NGO~]\n")
    agents = parse_agents("g.txt", Warnings(), text=text)
    by_code = {a.code + ("~" if a.prefix else ""): a.phrases for a in agents}
    assert by_code["COP"] == ("police",)
    assert by_code["GGS"] == ("golden goose", "golden geese")
    assert by_code["MIL"] == ("soldier", "soldiers")
    assert "congressman" in by_code["LEG"] and "congresswoman" in by_code["LEG"] and "congressmen" in by_code["LEG"]
    assert "minister of silly walks" in by_code["GOV"] and "ministry of silly walks" in by_code["GOV"]
    assert [a.prefix for a in agents if a.code == "NGO"] == [True, True]


# -- discards and issues ------------------------------------------------------------------------------------------
def test_discards_story_and_sentence():
    entries = parse_discards("d.txt", Warnings(), text="# c\nBASEBALL\n+World Golf Championships # x\n")
    assert [(d.phrase, d.story) for d in entries] == [("baseball", False), ("world golf championships", True)]


def test_issues_categories_nouns_joins_and_blocks():
    text = ('<ISSUE CATEGORY="EDUCATION" TYPE="ALL">\nn:teacher [TEACHERS]\npre+k [EARLY]\n~get head start\n'
            '</ISSUE>\n')
    issues = parse_issues("i.txt", Warnings(), text=text)
    assert issues[0].phrases == ("teacher", "teachers") and issues[0].category == "EDUCATION"
    assert set(issues[1].phrases) == {"pre k", "prek", "pre-k"}
    assert issues[2].code is None


# -- the whole import ---------------------------------------------------------------------------------------------
def test_load_petrarch_builds_a_rule_set(tmp_path):
    (tmp_path / "v.txt").write_text("--- MEET [031:031] ---\nMEET\n- * DEMANDS [012]\n")
    (tmp_path / "a.txt").write_text(ACTORS)
    (tmp_path / "g.txt").write_text("POLICE {} [~COP]\n")
    (tmp_path / "d.txt").write_text("+TYPHOON\n")
    rules = load_petrarch(verbs=[tmp_path / "v.txt"], actors=[tmp_path / "a.txt"], agents=[tmp_path / "g.txt"],
                          discards=[tmp_path / "d.txt"])
    assert rules.actor_aliases["minas tirith"][1].code == "GON"
    gollum = rules.actor_aliases["smeagol"][1]
    assert gollum.kind == "person" and [r.code for r in gollum.roles] == ["HOB", "HOBGOV", "HOBREB"]
    assert rules.agent_words["police"].sector == "COP"
    assert rules.discards[0].scope == "article"
    assert [r.code for r in rules.verbs] == ["012", "031"]
    assert len(rules.petrarch.warnings) == 3 and rules.engine == "petrarch" and len(rules.rules_hash) == 16
