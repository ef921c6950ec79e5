"""Parsed spaCy Docs built by hand, without a statistical model, for unit tests of the coding engine's frames.

A parse is written as a table, one token a line, in the columns

    index  word  head  dep  pos  tag  lemma

`index` is the token's position (checked, so that a table reads like the sentence and a miscounted head shows at
once), `head` the index of its head (a root is its own head and has the label ROOT), `dep` a ClearNLP label as
spaCy's English models give them, `pos` a Universal Dependencies tag, `tag` a Penn Treebank tag and `lemma` the
lemma (optional: the word itself). A table may hold several sentences, one after the other: the sentence starts
are read from the tree (a sentence is the run of tokens under one root).

    doc = parsed('''
        0  Kazakhstan  1  nsubj  PROPN  NNP  Kazakhstan
        1  signed      1  ROOT   VERB   VBD  sign
        2  it          1  dobj   PRON   PRP  it
        3  .           1  punct  PUNCT  .    .
    ''')

The words share the vocabulary of a blank English pipeline: a bare `spacy.vocab.Vocab()` has no lexical attribute
getters, so every token's LOWER would be "" and the engine (which reads `lower`) would see no words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from coder.engine.mentions import MentionMatcher
from coder.rules.loader import load_rules
from coder.rules.model import RuleSet
from spacy.vocab import Vocab

# No space before these words ("signed it.", "Putin's visit", "did n't") and none after these ("$7", "(the").
NO_SPACE_BEFORE = frozenset((".", ",", ";", ":", "!", "?", ")", "'s", "'", "n't", "%"))
NO_SPACE_AFTER = frozenset(("$", "(", "-"))


class MalformedParse(ValueError):
    """A table that is no parse: a wrong index, a head out of range, a cycle, a sentence with two roots, ..."""


@dataclass(frozen=True, slots=True)
class Row:
    word: str
    head: int
    dep: str
    pos: str
    tag: str
    lemma: str


@lru_cache(maxsize=1)
def english_vocab() -> Vocab:
    """The vocabulary of a blank English pipeline (one for all tests: the strings are the same hashes anyway)."""
    return spacy.blank("en").vocab


def rows(table: str) -> list[Row]:
    """The rows of a table (see the module's docstring); blank lines are skipped."""
    out: list[Row] = []
    for line in table.strip().splitlines():
        cells = line.split()
        if not cells:
            continue
        if len(cells) not in (6, 7):
            raise MalformedParse(f"row {line.strip()!r}: expected index word head dep pos tag [lemma]")
        index, word, head, dep, pos, tag, *lemma = cells
        if int(index) != len(out):
            raise MalformedParse(f"row {line.strip()!r}: index {index}, expected {len(out)}")
        out.append(Row(word, int(head), dep, pos, tag, lemma[0] if lemma else word))
    return out


def sentence_starts(heads: list[int], deps: list[str]) -> list[int]:
    """The first token of each sentence of a well-formed tree; MalformedParse if the tree is not one.

    Well-formed: every head is a token of the Doc; a token is its own head exactly when its label is ROOT; every
    token reaches a root (no cycle); and each root's tokens form one run, so that every sentence has one root."""
    n = len(heads)
    if not n:
        raise MalformedParse("no tokens")
    for i, (head, dep) in enumerate(zip(heads, deps)):
        if not 0 <= head < n:
            raise MalformedParse(f"token {i}: head {head} is not a token (0..{n - 1})")
        if (head == i) != (dep == "ROOT"):
            raise MalformedParse(f"token {i}: label {dep!r} with head {head} "
                                 "(a root, and only a root, is its own head)")
    roots = []
    for i in range(n):
        node, steps = i, 0
        while heads[node] != node:
            node, steps = heads[node], steps + 1
            if steps > n:
                raise MalformedParse(f"token {i}: its heads make a cycle")
        roots.append(node)
    starts, seen = [0], {roots[0]}
    for i in range(1, n):
        if roots[i] != roots[i - 1]:
            if roots[i] in seen:
                raise MalformedParse(f"token {i}: the sentence of root {roots[i]} is not one run of tokens")
            seen.add(roots[i])
            starts.append(i)
    return starts


def spaces_for(words: list[str]) -> list[bool]:
    """Whether each word is followed by a space, as in ordinary English text (none after the last word)."""
    return [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE and words[i] not in NO_SPACE_AFTER
            for i in range(len(words))]


def parsed(table: str, vocab: Vocab | None = None) -> Doc:
    """The parsed Doc a table describes, checked to be well-formed (see `sentence_starts`)."""
    table_rows = rows(table)
    words = [r.word for r in table_rows]
    heads = [r.head for r in table_rows]
    deps = [r.dep for r in table_rows]
    starts = sentence_starts(heads, deps)
    doc = Doc(vocab or english_vocab(), words=words, spaces=spaces_for(words), heads=heads, deps=deps,
              pos=[r.pos for r in table_rows], tags=[r.tag for r in table_rows],
              lemmas=[r.lemma for r in table_rows],
              sent_starts=[i in starts for i in range(len(words))])
    # what spaCy made of it: the same tree and sentences (a Doc would silently re-split sentences it disagrees with)
    if [t.head.i for t in doc] != heads or [s.start for s in doc.sents] != starts:
        raise MalformedParse(f"spaCy read the table as another parse: {[(t.text, t.head.i, t.dep_) for t in doc]}")
    return doc


# -- what the engine-level tests on hand-built Docs share ------------------------------------------------------------
@lru_cache(maxsize=1)
def blank_nlp() -> Language:
    """spaCy's blank English pipeline: its vocab gives hand-built Docs their lower-case forms."""
    return spacy.blank("en")


@lru_cache(maxsize=1)
def packaged_rules() -> RuleSet:
    return load_rules()


@lru_cache(maxsize=1)
def packaged_mentions() -> MentionMatcher:
    """The packaged rules' phrase matchers (they read only the words, so they work on hand-built Docs)."""
    return MentionMatcher(packaged_rules(), blank_nlp())
