"""An article's sentences: paragraphs split at blank lines, then sentences by rule (the gold sets' own definition), a
wire dateline at the start of the body cut out, and each sentence tokenized once as a Doc of its own."""

from __future__ import annotations

import re
from dataclasses import dataclass

import spacy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from coder.dataset.articles import Article

# "ASTANA, July 8 – " / "BISHKEK (Reuters) - ": a wire dateline at the start of the body (see Segment).
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]{2,40}?(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,9}\.? \d{1,2}))?(?:\s*\([^)]{1,40}\))?\s*[–—-]{1,2}\s"
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of an article parsed as its own Doc: one sentence of the headline or of a paragraph. spaCy's parser
    does not respect blank lines as sentence boundaries (a headline runs into the first paragraph), so paragraphs
    are split first and then into sentences by rule (the gold sets' own definition: ., ? or ! and a space).
    `offset` is where the text starts in `Article.full_text`; `cut` is the length of a wire dateline removed just
    before it ("ASTANA, July 8 - "), which parsers would read as the subject of the first sentence; `skipped`
    marks a sentence the fast path did not parse because it names no actor."""

    text: str
    offset: int
    cut: int = 0
    skipped: bool = False


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(article: Article) -> list[Segment]:
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


_SENTENCIZER = Sentencizer()


def segments(article: Article, make_doc=None) -> list[Segment]:
    """The article's sentences (headline first), split by rule inside each paragraph."""
    return [segment for segment, _ in sentence_docs(article, make_doc)]


def sentence_docs(article: Article, make_doc=None) -> list[tuple[Segment, Doc]]:
    """The article's sentences (see `segments`), each with its tokens as a Doc of its own: each paragraph is tokenized
    once, and its sentences are not tokenized again for the fast path's filter or the parser."""
    if make_doc is None:
        make_doc = _blank_english().make_doc
    out: list[tuple[Segment, Doc]] = []
    for para in paragraphs(article):
        doc = _SENTENCIZER(make_doc(para.text))
        norms = None
        for k, sent in enumerate(doc.sents):
            if sent.text.strip():
                segment = Segment(sent.text, para.offset + sent.start_char, para.cut if k == 0 else 0)
                if _tokenized_alike(para.text, sent):
                    if norms is None:
                        norms = doc.to_array([NORM])
                    out.append((segment, _sentence_doc(sent, norms[sent.start:sent.end])))
                else:
                    out.append((segment, make_doc(sent.text)))
    return out


def _tokenized_alike(text: str, sent: Span) -> bool:
    """Whether tokenizing the sentence's text alone gives the paragraph's tokens: when it starts and ends where the
    tokenizer starts and ends a chunk of the paragraph, at a space or the paragraph's ends (`Yes."Quote."` does not),
    and does not start with a whitespace token (a Doc begins differently with one)."""
    start, end = sent.start_char, sent.end_char
    return ((start == 0 or text[start - 1] == " ") and (end == len(text) or text[end] == " ")
            and not sent[0].is_space)


def _sentence_doc(sent: Span, norms) -> Doc:
    """What `make_doc(sent.text)` gives, from the paragraph's tokens: the same words and spaces (none after the last
    word) and the tokenizer's NORMs ("n't" -> "not")."""
    words = [t.text for t in sent]
    spaces = [bool(t.whitespace_) for t in sent]
    spaces[-1] = False
    doc = Doc(sent.doc.vocab, words=words, spaces=spaces)
    doc.from_array([NORM], norms)
    return doc


_BLANK: list[Language] = []


def _blank_english() -> Language:
    if not _BLANK:
        _BLANK.append(spacy.blank("en"))
    return _BLANK[0]


def dateline_place(article: Article) -> str | None:
    match = DATELINE.match(article.text)
    return match.group("place") if match else None
