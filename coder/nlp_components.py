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
from spacy.attrs import LEMMA, LOWER, MORPH, POS
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
        self._cache: dict[tuple, tuple[int, int, int | None]] = {}
        self._strings = nlp.vocab.strings
        self._morphology = nlp.vocab.morphology

    def _attrs(self, lower: str, tag: str, dep: str, space: bool) -> tuple[int, int, int | None]:
        key = (lower, tag, dep, space)
        hit = self._cache.get(key)
        if hit is None:
            values = {"LOWER": lower, "TAG": tag, "DEP": dep, "IS_SPACE": space}
            merged: dict[str, str] = {}
            for pattern, attrs in self.patterns:
                if all(_value_ok(want, values[k]) for k, want in pattern.items()):
                    merged.update(attrs)
            lemma = merged.get("LEMMA")
            hit = (self._strings.add(merged["POS"]) if merged.get("POS") else 0,
                   self._morphology.add(merged.get("MORPH", "")),
                   self._strings.add(lemma) if lemma else None)
            self._cache[key] = hit
        return hit

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        values = doc.to_array([POS, MORPH, LOWER]).astype("uint64")
        fixed: list[bool] = []
        for i, token in enumerate(doc):
            pos, morph, lemma = self._attrs(token.lower_, token.tag_, token.dep_, token.is_space)
            values[i, 0], values[i, 1] = pos, morph
            if lemma is not None:
                values[i, 2] = lemma
            fixed.append(lemma is not None)
        doc.from_array([POS, MORPH, LEMMA], values)
        for token, has_lemma in zip(doc, fixed):
            if not has_lemma and token.pos_ in CONTENT_POS:
                token.lemma_ = self.lemmatizer.rule_lemmatize(token)[0]
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
