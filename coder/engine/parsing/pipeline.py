"""Load the spaCy pipeline named in config and run it over articles' sentences in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from coder.config import NlpConfig
from coder.dataset.articles import Article
from coder.engine.parsing.components import install_fast_attributes
from coder.engine.parsing.headlines import restore_words, rewritten_doc
from coder.engine.parsing.segments import Segment, sentence_docs
from coder.errors import MODEL_MISSING, MODEL_NO_PARSER, ModelError


def load_pipeline(cfg: NlpConfig) -> Language:
    """The pipeline named in config. With the fast path, the statistical NER (about 60% of the small model's time)
    is left out: actors come from the rule dictionaries, and the date phrases the coder reads are found by
    `DatePhrases` (rule patterns), run only on sentences that give an event."""
    fast = getattr(cfg, "fast_path", False)
    disable = list(cfg.disable) + (["ner"] if fast else [])
    try:
        nlp = spacy.load(cfg.model, exclude=disable) if fast else spacy.load(cfg.model, disable=disable)
    except OSError as exc:
        raise ModelError(f"cannot load the spaCy pipeline '{cfg.model}' ({exc}). Install it (for the default: "
                         f"pip install -r requirements/model.txt) or set nlp.model to an installed pipeline.",
                         code=MODEL_MISSING, where="nlp.model") from None
    # the coder reads predicates and their arguments from the dependency parse; without it no event is ever coded
    if not any(nlp.get_pipe_meta(name).factory in ("parser", "beam_parser") for name in nlp.pipe_names):
        raise ModelError(f"the spaCy pipeline '{cfg.model}' runs without a dependency parser, which the coder reads "
                         f"events from; use a pipeline with a parser and keep it out of nlp.disable",
                         code=MODEL_NO_PARSER, where="nlp.model")
    if fast:
        install_fast_attributes(nlp)
    if fast:
        nlp.add_pipe("drop_tensor", last=True)
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def parse_articles(nlp: Language, articles: Iterable[Article], cfg: NlpConfig,
                   keep: Callable[[Doc], bool] | None = None,
                   headline_words: Callable[[Doc], list[str] | None] | None = None,
                   restored: Callable[[Doc, Doc], None] | None = None,
                   ) -> Iterator[tuple[Article, list[tuple[Doc, Segment]]]]:
    """Parse every sentence of every article with nlp.pipe (batched, n_process) and regroup them by article.
    `keep(tokenized sentence)` is the fast path's filter: sentences it rejects are not parsed (an empty Doc stands
    in for them, so sentence numbers stay the same). `headline_words(tokenized headline)` may give the headline a
    wording the parser reads better (coder.engine.parsing.headlines); its parse is laid back over the headline's own words, in a new
    Doc: `restored(tokenized, restored Doc)` lets the caller carry over what it knows of the tokenized headline."""
    make_doc = nlp.make_doc

    def stream():
        for number, article in enumerate(articles):
            parts = sentence_docs(article, make_doc)
            if not parts:
                yield "", (number, article, Segment("", 0, skipped=True), True, None)
            for k, (part, tokens) in enumerate(parts):
                if keep is not None and not keep(tokens):
                    part = Segment(part.text, part.offset, part.cut, skipped=True)
                last = k == len(parts) - 1
                original = None
                if headline_words is not None and not part.skipped and part.offset < len(article.title):
                    words = headline_words(tokens)
                    if words is not None:
                        original, tokens = tokens, rewritten_doc(tokens, words)
                yield ("" if part.skipped else tokens), (number, article, part, last, original)

    group: list[tuple[Doc, Segment]] = []
    for doc, (number, article, part, last, original) in nlp.pipe(stream(), as_tuples=True,
                                                                  batch_size=cfg.batch_size, n_process=cfg.n_process):
        if original is not None:
            doc = restore_words(doc, original)
            if restored is not None:
                restored(original, doc)
        if part.text:
            group.append((doc, part))
        if last:
            yield article, group
            group = []
