"""Load the spaCy pipeline named in config and run it over articles in batches."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from coder.articles import Article
from coder.config import NlpConfig

# "ASTANA, July 8 – " / "BISHKEK (Reuters) - ": a wire dateline at the start of the body (see Segment).
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]{2,40}?(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,9}\.? \d{1,2}))?(?:\s*\([^)]{1,40}\))?\s*[–—-]{1,2}\s"
)


def load_pipeline(cfg: NlpConfig) -> Language:
    try:
        nlp = spacy.load(cfg.model, disable=list(cfg.disable))
    except OSError as exc:
        raise SystemExit(
            f"cannot load the spaCy pipeline '{cfg.model}' ({exc}). Install it (for the default: "
            f"pip install -r requirements/model.txt) or set nlp.model to an installed pipeline."
        ) from None
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


@dataclass(frozen=True, slots=True)
class Segment:
    """One paragraph (or the headline) of an article, parsed as its own Doc: spaCy's parser does not respect blank
    lines as sentence boundaries, and a headline would otherwise run into the first paragraph. `offset` is where the
    segment's text starts in `Article.full_text`; `cut` is the length of a wire dateline removed just before it
    ("ASTANA, July 8 - "), which parsers would read as the subject of the first sentence."""

    text: str
    offset: int
    cut: int = 0


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def segments(article: Article) -> list[Segment]:
    full = article.full_text
    out: list[Segment] = []
    position = 0
    for piece in _PARAGRAPH_BREAK.split(full):
        start = full.index(piece, position) if piece else position
        position = start + len(piece)
        stripped = piece.strip()
        if not stripped:
            continue
        start += len(piece) - len(piece.lstrip())
        cut = 0
        match = DATELINE.match(stripped) if start >= len(full) - len(article.text) else None
        if match and not out[1:]:  # only the first body paragraph carries a dateline
            cut = match.end()
            stripped = stripped[cut:]
        out.append(Segment(stripped, start + cut, cut))
    return out


def dateline_place(article: Article) -> str | None:
    match = DATELINE.match(article.text)
    return match.group("place") if match else None


def parse_articles(nlp: Language, articles: Iterable[Article],
                   cfg: NlpConfig) -> Iterator[tuple[Article, list[tuple[Doc, Segment]]]]:
    """Parse every segment of every article with nlp.pipe (batched, n_process) and regroup them by article."""

    def stream():
        for number, article in enumerate(articles):
            parts = segments(article)
            if not parts:
                yield "", (number, article, Segment("", 0), True)
            for k, part in enumerate(parts):
                yield part.text, (number, article, part, k == len(parts) - 1)

    group: list[tuple[Doc, Segment]] = []
    for doc, (number, article, part, last) in nlp.pipe(stream(), as_tuples=True, batch_size=cfg.batch_size,
                                                        n_process=cfg.n_process):
        if part.text:
            group.append((doc, part))
        if last:
            yield article, group
            group = []
