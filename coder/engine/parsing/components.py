"""spaCy components of the fast path, registered by name.

`fast_attributes` stands in for the small model's `attribute_ruler` + `lemmatizer` pair, which cost about a third of
the parse time without NER: the attribute ruler runs a token Matcher over every token to map fine-grained tags to
POS and morphology, and the lemmatizer applies rules to every token. The coder needs POS everywhere but lemmas only
of content words (verbs and nouns name predicates and objects). This component copies the ruler's tag-level mappings
into dictionaries when the pipeline is loaded, sets POS/MORPH with one array write, lower-cases function words as
their lemma, and runs the model's own rule lemmatizer only on content words.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

CONTENT_POS = ("VERB", "NOUN", "AUX", "ADJ", "PROPN")


def _value_ok(want, value) -> bool:
    if isinstance(want, dict):
        if "IN" in want:
            return value in want["IN"]
        if "NOT_IN" in want:
            return value not in want["NOT_IN"]
        return False  # REGEX and other operators are not used for single tokens here
    return want == value


class FastAttributes:
    """Applies the attribute ruler's single-token patterns (on LOWER, TAG, DEP, IS_SPACE) with a cache keyed by
    those four values, which repeat endlessly in news text; multi-token and regex patterns (colloquial forms such
    as "gonna") are left out."""

    def __init__(self, nlp: Language, ruler, lemmatizer):
        self.lemmatizer = lemmatizer
        self.patterns: list[tuple[dict, dict]] = []
        for entry in ruler.patterns:
            pattern = entry["patterns"][0]
            if len(pattern) != 1 or any(isinstance(v, dict) and "REGEX" in v for v in pattern[0].values()):
                continue
            if set(pattern[0]) <= {"LOWER", "TAG", "DEP", "IS_SPACE"}:
                self.patterns.append((pattern[0], entry["attrs"]))
        # Words no pattern names all behave alike, so they share one cache key (LOWER = 0): the cache stays small
        # instead of growing with the vocabulary.
        self._named_lowers: set[int] = set()
        for pattern, _ in self.patterns:
            want = pattern.get("LOWER")
            named = [want] if isinstance(want, str) else (want or {}).get("IN", []) + (want or {}).get("NOT_IN", [])
            self._named_lowers.update(nlp.vocab.strings.add(word) for word in named)
        self._cache: dict[tuple[int, int, int, int], tuple[int, int, int | None]] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}
        self._strings = nlp.vocab.strings
        self._morphology = nlp.vocab.morphology
        self._content_pos = {nlp.vocab.strings.add(pos) for pos in CONTENT_POS}

    def _attrs(self, key: tuple[int, int, int, int]) -> tuple[int, int, int | None]:
        """POS, MORPH and (for function words) LEMMA ids for one (LOWER, TAG, DEP, IS_SPACE) combination."""
        strings = self._strings
        lower, tag, dep, space = key
        values = {"LOWER": strings[lower] if lower else "\x00", "TAG": strings[tag], "DEP": strings[dep], "IS_SPACE": bool(space)}
        merged: dict[str, str] = {}
        for pattern, attrs in self.patterns:
            if all(_value_ok(want, values[k]) for k, want in pattern.items()):
                merged.update(attrs)
        lemma = merged.get("LEMMA")
        hit = (strings.add(merged["POS"]) if merged.get("POS") else 0,
               self._morphology.add(merged.get("MORPH", "")),
               strings.add(lemma) if lemma else None)
        self._cache[key] = hit
        return hit

    def __call__(self, doc: Doc) -> Doc:
        """Works on attribute arrays, not Token objects: creating a Token per word cost more than the lookups."""
        if not len(doc):
            return doc
        keys = doc.to_array([LOWER, TAG, DEP, IS_SPACE, ORTH]).tolist()
        values = doc.to_array([POS, MORPH, LOWER]).astype("uint64")
        needs_lemma: list[int] = []
        cache = self._cache
        for i, (lower, tag, dep, space, _) in enumerate(keys):
            key = (lower if lower in self._named_lowers else 0, tag, dep, space)
            pos, morph, lemma = cache.get(key) or self._attrs(key)
            values[i, 0], values[i, 1] = pos, morph
            if lemma is not None:
                values[i, 2] = lemma
            elif pos in self._content_pos:
                needs_lemma.append(i)
        doc.from_array([POS, MORPH], values[:, :2])
        for i in needs_lemma:  # the model's rule lemmatizer, cached by (word, POS, MORPH) as spaCy itself does
            lemma_key = (keys[i][4], int(values[i, 0]), int(values[i, 1]))
            lemma = self._lemmas.get(lemma_key)
            if lemma is None:
                lemma = self._strings.add(self.lemmatizer.rule_lemmatize(doc[i])[0])
                self._lemmas[lemma_key] = lemma
            values[i, 2] = lemma
        doc.from_array([LEMMA], values[:, 2:3])
        return doc


@Language.factory("fast_attributes")
def make_fast_attributes(nlp: Language, name: str) -> FastAttributes:
    """Built from the pipeline's own attribute_ruler and lemmatizer, which must be in `nlp` when this is added."""
    return FastAttributes(nlp, nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


def install_fast_attributes(nlp: Language) -> None:
    """Replace attribute_ruler + lemmatizer by `fast_attributes` in a loaded pipeline (no-op if either is absent)."""
    if "attribute_ruler" not in nlp.pipe_names or "lemmatizer" not in nlp.pipe_names:
        return
    nlp.add_pipe("fast_attributes", before="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")


@Language.component("drop_tensor")
def drop_tensor(doc: Doc) -> Doc:
    """The coder reads no vectors; dropping the tok2vec output makes docs cheap to send back from worker processes."""
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc
