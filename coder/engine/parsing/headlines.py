"""Headlines are written in a telegraphic present ("Japan, Turkmenistan sign deals", "Trump hosts Nazarbayev") that
spaCy's small English model often misreads: the verb becomes a noun ("sign deals" as a compound) and the commas
between parties break the subject apart. Before a headline is parsed, its predicate verbs are put in the past tense
and the commas between the leading parties become "and" ("Japan and Turkmenistan signed deals"); the parse of that
wording is then laid over the headline's own words, one token for one, so texts and character offsets stay the
headline's. Only verbs some verb rule names are rewritten; a headline with none is parsed as it is. A colon ends a
clause as a semicolon does, and what stands before it is a topic or a speaker ("Migrant row: Tajikistan summons ...",
"'Not a terrorist': Kazakhstan frees ..."), never the subject of the clause after it: the parse laid back over a
rewritten headline is cut there.
Switched off with nlp.headline_past_tense=false."""

from __future__ import annotations

from collections.abc import Iterable

from lemminflect import getInflection
from spacy.tokens import Doc

_STAND_IN_SURNAMES = ("Smith", "Jones", "Brown", "Taylor", "Wilson")
_STAND_IN_NAMES = {"John", *_STAND_IN_SURNAMES}
# what may stand between a headline's parties before its verb ("Kyrgyz and Tajik border guards", "EU's Michel")
_SUBJECT_GLUE = {",", "and", "the", "of", "'s", "’s"}
# what ends a headline's clause: "...; Khan calls charge unfair", and the topic or speaker before a colon ("Migrant
# row: Tajikistan summons ...", "Tokayev: mission accomplished"), which is no party of the clause after it
_CLAUSE_BREAKS = {";", ":"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


class HeadlineRewriter:
    def __init__(self, verb_lemmas: Iterable[str], event_nouns: Iterable[str]):
        nouns = set(event_nouns)
        self.past: dict[str, str] = {}  # present form ("signs", "sign") -> past form ("signed")
        for lemma in verb_lemmas:
            past = getInflection(lemma, "VBD")
            if not past or " " in lemma:
                continue
            for form in {lemma, *(getInflection(lemma, "VBZ") or ())}:
                if form not in nouns:  # "talks", "visits", "calls" name events more often than they predicate
                    self.past[form.lower()] = past[0]

    def words(self, doc: Doc, party_tokens: set[int], people: list[tuple[int, int]] = ()) -> list[str] | None:
        """The headline's words in the past-tense wording, or None when there is nothing to rewrite. `party_tokens`:
        tokens inside actor or role mentions. Each clause ("...; Khan calls charge unfair") starts with its
        parties and then its verb; a verb after a comma continues the predicate ("praises X, meets Y").
        `people`: (start, end) of person names, which the model reads better as common English names ("Trump
        hosts Nazarbayev" -> "Smith hosted Jones"): foreign names and surnames that are also nouns mislead it."""
        words = [t.text for t in doc]
        changed = False
        start = 0
        while start < len(doc):
            end = next((i for i in range(start, len(doc)) if doc[i].text in _CLAUSE_BREAKS), len(doc))
            changed |= self._rewrite_clause(doc, start, end, party_tokens, words)
            start = end + 1
        if not changed:
            return None
        for number, (first, last) in enumerate(people):
            for k in range(first, last - 1):
                words[k] = "John"
            words[last - 1] = _STAND_IN_SURNAMES[number % len(_STAND_IN_SURNAMES)]
        return words

    def _rewrite_clause(self, doc: Doc, start: int, end: int, parties: set[int], words: list[str]) -> bool:
        i = start
        while i < end and (i in parties or doc[i].lower_ in _SUBJECT_GLUE):
            i += 1
        if i == start or i >= end or i - 1 not in parties or doc[i].lower_ not in self.past:
            return False
        words[i] = self._cased(doc[i].text, self.past[doc[i].lower_])
        for k in range(start, i):  # "Iran, Turkmenistan, Azerbaijan sign" -> "Iran and Turkmenistan and Azerbaijan"
            if doc[k].text == "," and k + 1 in parties and k - 1 in parties:
                words[k] = "and"
        for k in range(i + 1, end - 1):  # "praises Turkmen neutrality, meets Berdimuhamedov"
            if doc[k].text == "," and doc[k + 1].lower_ in self.past and doc[k + 1].lower_.endswith("s"):
                words[k + 1] = self._cased(doc[k + 1].text, self.past[doc[k + 1].lower_])
        return True

    @staticmethod
    def _cased(original: str, word: str) -> str:
        return word.capitalize() if original[:1].isupper() else word


def rewritten_doc(doc: Doc, words: list[str]) -> Doc:
    """A Doc of the rewritten words, spaced so that the tokenizer would give them back one for one ("," -> "and"
    needs a space before it)."""
    spaces = [bool(t.whitespace_) for t in doc]
    for k, (old, new) in enumerate(zip((t.text for t in doc), words)):
        if old == "," and k > 0:
            # "and" needs a space before it; a detached comma ("Jones , hailed") also keeps the parser from reading
            # a second predicate as a participle on the name before it ("Jones, hailed ..." as "Jones, who was hailed")
            spaces[k - 1] = True
    return Doc(doc.vocab, words=words, spaces=spaces)


def restore_words(parsed: Doc, original: Doc) -> Doc:
    """The original headline's tokens with the parse of its rewritten wording (same number of tokens)."""
    heads = [t.head.i for t in parsed]
    deps = [t.dep_ for t in parsed]
    for colon in (t.i for t in original if t.text == ":"):
        for k in range(colon):
            if heads[k] > colon and deps[k] in _SUBJECT_DEPS:
                # "'Not a terrorist': Kazakhstan frees ...", "Migrant row: Tajikistan ...": the topic or speaker
                # before the colon is no subject of the clause after it
                deps[k] = "dep"
    restored = Doc(original.vocab, words=[t.text for t in original], spaces=[bool(t.whitespace_) for t in original],
                   tags=[t.tag_ for t in parsed], pos=[t.pos_ for t in parsed], morphs=[str(t.morph) for t in parsed],
                   lemmas=[t.lemma_ for t in parsed], heads=heads, deps=deps,
                   ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in parsed])
    for k, (old, new) in enumerate(zip(original, parsed)):
        if old.text == "," and new.text == "and":  # keep the comma a comma for whatever reads the tags later
            restored[k].tag_, restored[k].pos_ = ",", "PUNCT"
        if new.text in _STAND_IN_NAMES and old.text != new.text:
            restored[k].lemma_ = old.text  # a stand-in name: the lemma is the real name
    return restored
