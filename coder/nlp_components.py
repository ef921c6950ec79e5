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


class FastAttributes:
    def __init__(self, nlp: Language, ruler, lemmatizer):
        self.lemmatizer = lemmatizer
        self.by_tag: dict[str, tuple[int, int]] = {}
        self.by_word_tag: dict[tuple[str, str], tuple[int, int]] = {}
        self.by_word: dict[str, tuple[int, int]] = {}
        pos_ids = nlp.vocab.strings
        for entry in ruler.patterns:
            pattern = entry["patterns"][0]
            attrs = entry["attrs"]
            if len(pattern) != 1 or "POS" not in attrs:
                continue  # multi-token and dependency-based exceptions are rare; the tag mapping covers the rest
            token = pattern[0]
            keys = set(token)
            value = (pos_ids.add(attrs["POS"]), nlp.vocab.morphology.add(attrs.get("MORPH", "")))
            if keys == {"TAG"} and isinstance(token["TAG"], str):
                self.by_tag[token["TAG"]] = value
            elif keys == {"LOWER", "TAG"} and isinstance(token["LOWER"], str) and isinstance(token["TAG"], str):
                self.by_word_tag[(token["LOWER"], token["TAG"])] = value
            elif keys == {"LOWER"} and isinstance(token["LOWER"], str):
                self.by_word[token["LOWER"]] = value

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        values = numpy.zeros((len(doc), 3), dtype="uint64")
        lowers = doc.to_array([LOWER])
        for i, token in enumerate(doc):
            tag, lower = token.tag_, token.lower_
            hit = self.by_word_tag.get((lower, tag)) or self.by_word.get(lower) or self.by_tag.get(tag)
            if hit:
                values[i, 0], values[i, 1] = hit
            values[i, 2] = lowers[i]
        doc.from_array([POS, MORPH, LEMMA], values)
        for token in doc:
            if token.pos_ in CONTENT_POS:
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
