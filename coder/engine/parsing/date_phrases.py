"""Date phrases by rule: the fast path's stand-in for the statistical NER's DATE entities (coder/engine/dates.py resolves
them against the publication date)."""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from coder.engine.parsing.token_patterns import TokenPatterns

# Date phrases the coder resolves (coder/dates.py), as token patterns: the fast path's stand-in for the NER's DATE.
_MONTHS = ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
           "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = {"LOWER": {"IN": _MONTHS}}
_MAY = {"ORTH": "May"}
_DAY = {"SHAPE": {"IN": ["d", "dd"]}}
_YEAR = {"SHAPE": "dddd"}
_DATE_PATTERNS: list[list[dict]] = [
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

    def __init__(self, nlp: Language, phrases: list[str] | None = None):
        """`phrases`: more date phrases to match word for word (the lexicon's "later that day", "the next day")."""
        words: list[list[dict]] = [[{"LOWER": word} for word in phrase.lower().split()] for phrase in phrases or []]
        patterns: list[list[dict]] = [*_DATE_PATTERNS, *words]
        self.ruler = EntityRuler(nlp, name="date_phrases", phrase_matcher_attr="LOWER")
        self.ruler.add_patterns([{"label": "DATE", "pattern": pattern} for pattern in patterns])
        self.patterns = TokenPatterns(patterns)
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
