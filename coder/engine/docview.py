"""The coding engine's view of a parsed Doc: each token attribute it reads, as a plain Python list indexed by token.

Why not spaCy's own objects: `doc[i]`, `token.head` and `token.children` build a new `Token` object on every call,
and every string attribute (`token.dep_`, `token.lemma_`) is decoded from the StringStore on every access. The
engine reads the same few attributes of the same tokens many times per sentence (frames, actors, dates), so that
object churn was most of its time. A `DocView` reads the attributes once per Doc with `Doc.to_array` and the engine
works on token indices (`token.i`, the same indices as `Actor.start` and the mention tables).

The lists hold exactly what spaCy would answer: `children` are the tokens whose head is the token, in document order
(what `Token.children` yields), `conjuncts` and `subtree` follow spaCy's definitions, and `span_text` joins words
and spaces as `Span.text` does.
"""

from __future__ import annotations

import sys
from operator import itemgetter

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START, SPACY, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

# Attribute values are hashes of their strings, the same in every StringStore, so one cache serves every pipeline.
# Keys are the hashes read as signed 64-bit integers (see DocView.__init__); the strings are interned, so that
# comparing them with the engine's literals ("nsubj", "VERB") is mostly an identity check.
_STRINGS: dict[int, str] = {}
_LOWERED: dict[int, str] = {}  # lemma hash -> lower-cased lemma
_UNSIGNED = 1 << 64


def _strings(ids: list[int], store: StringStore) -> list[str]:
    return _cached(_STRINGS, ids, store, str)


def _lowered(ids: list[int], store: StringStore) -> list[str]:
    return _cached(_LOWERED, ids, store, str.lower)


def _cached(table: dict[int, str], ids: list[int], store: StringStore, form) -> list[str]:
    """The strings of the ids as `form` makes them, added to the table (interned) on first sight."""
    try:
        return _lookup(table, ids)
    except KeyError:
        for i in ids:
            if i not in table:
                table[i] = sys.intern(form(store[i % _UNSIGNED]))
        return _lookup(table, ids)


def _lookup(table: dict[int, str], ids: list[int]) -> list[str]:
    """[table[i] for i in ids], with the loop in C (itemgetter): a third faster on sentence-sized lists."""
    if len(ids) < 2:
        return [table[i] for i in ids]  # itemgetter of one key returns the value, not a tuple
    return list(itemgetter(*ids)(table))


def span_lemmas(span: Span) -> list[str]:
    """The lower-cased lemmas of a Span's tokens, read as a DocView reads them (no Token objects)."""
    doc = span.doc
    if span.start == span.end:
        return []
    ids = doc.to_array(LEMMA)[span.start:span.end].view(numpy.int64).tolist()
    return _lowered(ids, doc.vocab.strings)


class DocView:
    """Token attributes of one parsed Doc. Entity types are read on first use: most sentences have no entity."""

    _ATTRS = [LOWER, LEMMA, POS, TAG, DEP, HEAD, ORTH, SPACY, ENT_TYPE, SENT_START]

    def __init__(self, doc: Doc):
        self.doc = doc
        store = doc.vocab.strings
        values = doc.to_array(self._ATTRS) if len(doc) else numpy.zeros((0, len(self._ATTRS)), dtype="uint64")
        # read as signed: HEAD is a signed offset (and Python makes smaller, faster ints of signed 64-bit values)
        columns = values.view(numpy.int64).T.tolist()
        lower, lemma, pos, tag, dep, relative_head, orth, space, ent_type, sent_start = columns
        self.lower: list[str] = _strings(lower, store)
        self.lemma: list[str] = _lowered(lemma, store)  # lower-cased, as every rule table is
        self.pos: list[str] = _strings(pos, store)
        self.tag: list[str] = _strings(tag, store)
        self.dep: list[str] = _strings(dep, store)
        self.head: list[int] = [i + offset for i, offset in enumerate(relative_head)]  # offset 0: a root
        # children in document order; the many leaves share one empty tuple instead of a list each
        self.children: list[list[int] | tuple[()]] = [()] * len(relative_head)
        for i, head in enumerate(self.head):
            if head != i:
                known = self.children[head]
                if isinstance(known, list):
                    known.append(i)
                else:
                    self.children[head] = [i]
        self.text: list[str] = _strings(orth, store)
        self._space, self._ent_type, self._sent_start = space, ent_type, sent_start
        self.has_conjuncts = "conj" in self.dep  # most sentences coordinate nothing: no conjuncts to look for
        self._ent_strings: list[str] | None = None  # read on first use: most sentences have no entity
        self._coordinated_tokens: set[int] | None = None

    def __len__(self) -> int:
        return len(self.head)

    def sents(self) -> list[Span]:
        """`doc.sents`, from the sentence starts already read (the Doc must have them, as a parsed Doc does)."""
        if not len(self):
            return []
        if 1 not in self._sent_start[1:]:
            return [Span(self.doc, 0, len(self))]  # the usual case: a segment is one sentence
        starts = [i for i in range(1, len(self)) if self._sent_start[i] == 1]
        bounds = [0, *starts, len(self)]
        return [Span(self.doc, start, end) for start, end in zip(bounds, bounds[1:])]

    def sentence_start(self, token: int) -> int:
        """`token.sent.start`: the last sentence start at or before the token."""
        while token > 0 and self._sent_start[token] != 1:
            token -= 1
        return token

    # -- texts ----------------------------------------------------------------------------------------------------
    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`: the words with the spaces that follow them, but the last one's."""
        text, space = self.text, self._space
        if end - start == 1:
            return text[start]  # most phrases are one word
        parts = []
        for i in range(start, end - 1):
            parts.append(text[i])
            if space[i]:
                parts.append(" ")
        if start < end:
            parts.append(text[end - 1])
        return "".join(parts)

    def is_blank(self, start: int, end: int) -> bool:
        """Whether `doc[start:end].text` is only whitespace."""
        text = self.text
        return all(text[i].isspace() for i in range(start, end))

    # -- entities -------------------------------------------------------------------------------------------------
    @property
    def ent_type(self) -> list[str]:
        if self._ent_strings is None:
            self._ent_strings = _strings(self._ent_type, self.doc.vocab.strings)
        return self._ent_strings

    def reread_entities(self) -> None:
        """Read the entity labels again, after a component added entities to the Doc (coder.engine.parsing.pipeline.DatePhrases)."""
        if len(self):
            self._ent_type = self.doc.to_array(ENT_TYPE).view(numpy.int64).tolist()
        self._ent_strings = None

    def has_entity(self, start: int, end: int, labels: tuple[str, ...]) -> bool:
        """Whether a token in [start, end) is part of an entity with one of the labels."""
        if not any(self._ent_type[start:end]):
            return False  # no entity at all (label 0): the common case, without reading the labels
        ent_type = self.ent_type
        return any(ent_type[i] in labels for i in range(start, end))

    # -- tree -----------------------------------------------------------------------------------------------------
    def children_with(self, token: int, *deps: str) -> list[int]:
        dep = self.dep
        return [c for c in self.children[token] if dep[c] in deps]

    def prep_objects(self, token: int, *words: str) -> list[int]:
        """The objects of the token's prepositions spelled `words` ("the headquarters of the service" -> service)."""
        dep, lower = self.dep, self.lower
        return [p for c in self.children[token] if dep[c] == "prep" and lower[c] in words
                for p in self.children[c] if dep[p] == "pobj"]

    def conjuncts(self, token: int) -> list[int]:
        """`Token.conjuncts`: the tokens coordinated with the token (not itself): up the `conj` chain to its first
        member, then down every right-hand `conj` child."""
        if not self.has_conjuncts or token not in self._coordinated:
            return []
        dep, head = self.dep, self.head
        start = token
        while head[start] != start and dep[start] == "conj":
            start = head[start]
        found = [start]
        for word in found:
            found.extend(c for c in self.children[word] if c > word and dep[c] == "conj")
        return [w for w in found if w != token]

    @property
    def _coordinated(self) -> set[int]:
        if self._coordinated_tokens is None:
            self._coordinated_tokens = self._find_coordinated()
        return self._coordinated_tokens

    def _find_coordinated(self) -> set[int]:
        """The tokens in a `conj` relation, as the conjunct or its head: only these have conjuncts."""
        dep, head = self.dep, self.head
        conjoined = [i for i, relation in enumerate(dep) if relation == "conj"]
        return {*conjoined, *(head[i] for i in conjoined)}

    def ancestors(self, token: int) -> list[int]:
        """`Token.ancestors`: the token's head, its head's head, ... up to the root."""
        out: list[int] = []
        node, head = token, self.head
        while head[node] != node and len(out) < len(head):
            node = head[node]
            out.append(node)
        return out

    def subtree(self, token: int) -> list[int]:
        """The token and all its descendants, in document order."""
        if not self.children[token]:
            return [token]
        out = [token]
        for node in out:
            out.extend(self.children[node])
        return sorted(out)
