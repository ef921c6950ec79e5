"""Load the spaCy pipeline named in config and run it over articles in batches."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from coder.articles import Article
from coder.config import NlpConfig

# "ASTANA, July 8 – " / "BISHKEK (Reuters) - ": a wire dateline at the start of the body. It is masked with spaces
# before parsing (so character offsets stay valid) because parsers read the city as the sentence's subject.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]{2,40}?(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,9}\.? \d{1,2}))?(?:\s*\([^)]{1,40}\))?\s*[–—-]{1,2}\s"
)


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence (headline / paragraphs); the parser decides the rest."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_pipeline(cfg: NlpConfig) -> Language:
    try:
        nlp = spacy.load(cfg.model, disable=list(cfg.disable))
    except OSError as exc:
        raise SystemExit(
            f"cannot load the spaCy pipeline '{cfg.model}' ({exc}). Install it (for the default: "
            f"pip install -r requirements/model.txt) or set nlp.model to an installed pipeline."
        ) from None
    if "parser" in nlp.pipe_names and "paragraph_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def masked_text(article: Article) -> str:
    """The article's full text with the wire dateline (if any) blanked out, same length as `full_text`."""
    text = article.full_text
    body_start = len(text) - len(article.text)
    match = DATELINE.match(article.text)
    if not match:
        return text
    start, end = body_start + match.start(), body_start + match.end()
    return text[:start] + " " * (end - start) + text[end:]


def dateline_place(article: Article) -> str | None:
    match = DATELINE.match(article.text)
    return match.group("place") if match else None


def parse_articles(nlp: Language, articles: Iterable[Article], cfg: NlpConfig) -> Iterator[tuple[Doc, Article]]:
    pairs = ((masked_text(a), a) for a in articles)
    yield from nlp.pipe(pairs, as_tuples=True, batch_size=cfg.batch_size, n_process=cfg.n_process)
