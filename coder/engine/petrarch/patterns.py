"""PETRARCH verb patterns checked against the project's predicate frames.

A `VerbPattern` is made from the `PatternSpec` an imported `VerbRule` holds as its `pattern` (see
`coder.rules.model.VerbRule.pattern`): PETRARCH's engine calls `apply(frame)` and uses the rule only if it returns
True. The pattern then has re-assigned the frame's
argument slots the PETRARCH way:

- the words before the verb `*` are matched backwards through the sentence from the verb, the words after it
  forwards through the verb's own phrase (its dependency subtree without its subject and without coordinated
  verbs); `_` (adjacent) and blank (anything may come between) links are kept;
- `$` / `+` / `%` / `^` match a noun phrase (the words of one phrase on the dependency parse); `$` makes it the
  source, `+` the target, `%` a compound (before the verb: its members act on each other; after it: they are the
  targets), `^` skips it;
- without `$` the source is the verb's subject (for a passive with `by`, the agent); a pronoun or missing subject of a
  main, coordinated or complement clause is replaced by the nearest actor before the verb;
- without `+` the target is the first actor in the verb's phrase after the verb (for a passive with `by`, the
  passive subject);
- PETRARCH codes spell out negation and modality as pattern words, so the frame is read as asserted.

The matcher works on spaCy Tokens: `apply` turns the frame's token indices into Tokens and the slots it assigns back
into indices.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from coder.engine.docview import DocView
from coder.engine.frames.frame import Frame
from coder.engine.petrarch.phrases import (NP_POS, SentenceState, conjunct_tokens, names_actor, np_head, phrase_tokens,
                                          state_of)
from coder.rules.petrarch.verbs import Element, PatternSpec, VerbDictionary, VerbEntry

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
FALLBACK_DEPS = ("ROOT", "conj", "xcomp", "ccomp", "advcl", "parataxis")
_NP_ELEMENTS = ("source", "target", "compound", "skip")


def _norm(text: str) -> str:
    return text.upper().replace("’", "'")


class VerbPattern:
    """One PETRARCH pattern (or a verb's bare default: no words around `*`) for the verbs of one block."""

    def __init__(self, verbs: list[VerbEntry], pre: list[Element], post: list[Element], touches: bool,
                 book: VerbDictionary, text: str = "*", covers: bool = True):
        self.verbs = sorted(verbs, key=lambda v: -len(v.words))  # multi-word verbs first
        self.pre = pre
        self.post = post
        self.touches = touches
        self.text = text
        self.covers = covers  # a coded match hides the verbs inside the phrase (False for a code of ---)
        self._members = {e.value: [[_norm(w) for w in m] for m in book.expanded_synset(e.value)]
                         for e in pre + post if e.kind == "synset"}

    @classmethod
    def from_spec(cls, spec: PatternSpec, book: VerbDictionary) -> VerbPattern:
        return cls(spec.verbs, spec.pre, spec.post, spec.touches, book, spec.text, spec.covers)

    def __repr__(self) -> str:
        return f"VerbPattern({self.text!r})"

    # -- the verb -------------------------------------------------------------------------------------------------
    def verb_span(self, token: Token) -> tuple[int, int] | None:
        doc = token.doc
        sent = token.sent
        surface = _norm(token.text)
        for entry in self.verbs:
            if surface not in entry.forms:
                continue
            start = token.i - entry.head
            end = start + len(entry.words)
            if start < sent.start or end > sent.end:
                continue
            if all(j == entry.head or _norm(doc[start + j].text) == w for j, w in enumerate(entry.words)):
                return start, end
        return None

    # -- matching -------------------------------------------------------------------------------------------------
    def apply(self, frame: Frame) -> bool:
        view = frame.view
        verb = view.doc[frame.predicate]
        span = self.verb_span(verb)
        if span is None:
            return False
        state = state_of(verb)
        if state is not None and (verb.i in state.covered or verb.i in state.left_out):
            return False  # inside the phrase of a verb already coded (PETRARCH codes the outer verb only), or in a
            # comma clause its options leave out
        sent = verb.sent
        doc = verb.doc
        pre = [doc[i] for i in range(sent.start, span[0])]
        post = _phrase_after(verb, span[1])
        if state is not None and state.left_out:
            pre = [t for t in pre if t.i not in state.left_out]
            post = [t for t in post if t.i not in state.left_out]
        captures: dict[str, Token] = {}
        if self.pre:
            found = next(self._match(list(reversed(pre)), _reverse(self.pre, self.touches), 0, 0, True, state, view),
                         None)
            if found is None:
                return False
            captures.update(found)
        elif self.touches:
            return False
        if self.post:
            found = next(self._match(post, self.post, 0, 0, False, state, view), None)
            if found is None:
                return False
            captures.update(found)
        _assign(frame, captures, pre, post, state, "compound" in {e.kind for e in self.pre})
        if state is not None and self.covers:
            state.covered.update(t.i for t in post)
        return True

    def _match(self, tokens: list[Token], elements: list[Element], k: int, pos: int, backward: bool,
               state: SentenceState | None, view: DocView) -> Iterator[dict[str, Token]]:
        """All ways elements[k:] match tokens[pos:] (tokens already in matching order), as captured heads."""
        if k == len(elements):
            yield {}
            return
        element = elements[k]
        starts = [pos] if element.joined else range(pos, len(tokens))
        for start in starts:
            for end, captured in self._element(tokens, element, start, backward, state, view):
                for rest in self._match(tokens, elements, k + 1, end, backward, state, view):
                    out = dict(rest)
                    if captured is not None:
                        out.setdefault(element.kind, captured)
                    yield out

    def _element(self, tokens: list[Token], element: Element, start: int, backward: bool,
                 state: SentenceState | None, view: DocView) -> Iterator[tuple[int, Token | None]]:
        if start >= len(tokens):
            return
        kind = element.kind
        if kind == "word":
            if _norm(tokens[start].text) == element.value:
                yield start + 1, None
        elif kind == "synset":
            for member in self._members.get(element.value, []):
                words = list(reversed(member)) if backward else member
                if start + len(words) <= len(tokens) and all(
                        _norm(tokens[start + j].text) == w for j, w in enumerate(words)):
                    yield start + len(words), None
        elif kind in _NP_ELEMENTS:
            token = tokens[start]
            if token.pos_ not in NP_POS or token.is_punct:
                return
            head = np_head(token)
            if kind != "skip" and not names_actor(head, state):
                return
            # `^` skips the phrase up to its head ("at ^ +": "at the Gondor of the Prince ..." skips "the Gondor")
            members = {t.i for t in phrase_tokens(view, head) if kind != "skip" or t.i <= head.i}
            end = start
            while end < len(tokens) and tokens[end].i in members:
                end += 1
            yield end, (head if kind != "skip" else None)


def _reverse(pre: list[Element], touches: bool) -> list[Element]:
    """Pre-verb elements in backward order: each is joined to the one after it in the text."""
    out = []
    for k in range(len(pre) - 1, -1, -1):
        joined = touches if k == len(pre) - 1 else pre[k + 1].joined
        out.append(Element(pre[k].kind, pre[k].value, joined))
    return out


def _phrase_after(verb: Token, end: int) -> list[Token]:
    """The verb's phrase after the verb: its subtree without subjects and coordinated verbs. A fragment the parser
    left unattached right after it (a second root without a verb) continues it."""
    excluded: set[int] = set()
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")) \
                or (child.dep_ == "cc" and any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in verb.children)):
            excluded.update(t.i for t in child.subtree)
    tokens = [t for t in verb.subtree if t.i >= end and t.i not in excluded]
    # "is about to restore X, five years after Y burned ...": what follows the verb on the predicates it completes
    # (xcomp / acomp chains) belongs to its phrase too
    node = verb
    while node.dep_ in ("xcomp", "acomp") and node.head.i != node.i:
        for child in node.head.children:
            if child.i > verb.i and child.i != node.i and child.dep_ not in SUBJECT_DEPS + ("punct", "cc", "conj"):
                tokens.extend(t for t in child.subtree if t.i >= end)
        node = node.head
    tokens = sorted(set(tokens), key=lambda t: t.i)
    sent = verb.sent
    last = tokens[-1].i if tokens else end - 1
    if last + 1 < sent.end:
        root = sent.doc[last + 1]
        while root.head.i != root.i and root.head.i > last:
            root = root.head
        if root.dep_ == "ROOT" and root.i != sent.root.i and root.pos_ not in ("VERB", "AUX") \
                and root.left_edge.i == last + 1:
            tokens.extend(t for t in root.subtree)
    return tokens


def _first_actor(tokens: list[Token], state: SentenceState | None, skip: set[int]) -> Token | None:
    for token in tokens:
        if token.i in skip or token.pos_ not in NP_POS or token.is_punct:
            continue
        head = np_head(token)
        if head.i in skip:
            continue
        if names_actor(head, state):
            return head
    return None


def _governing_subjects(verb: Token, state: SentenceState) -> list[Token]:
    """The subject of the clause a pronoun-subject clause is the complement of."""
    node = verb
    for _ in range(4):
        if node.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or node.head.i == node.i:
            return []
        node = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and names_actor(c, state)]
        if subjects:
            return [s for head in subjects for s in conjunct_tokens(state.view, head)]
    return []


def _assign(frame: Frame, captures: dict[str, Token], pre: list[Token], post: list[Token],
            state: SentenceState | None, compound_before: bool) -> None:
    view = frame.view
    verb = view.doc[frame.predicate]
    subjects = [view.doc[i] for i in frame.subjects]
    objects = [view.doc[i] for i in frame.objects]
    sources: list[Token] = []
    targets: list[Token] = []
    compound = captures.get("compound")
    if "source" in captures:
        sources = conjunct_tokens(view, captures["source"])
    elif compound is not None and compound_before:
        sources = conjunct_tokens(view, compound)
    elif frame.passive:
        sources = subjects if subjects else objects
    else:
        sources = subjects
    sources = [s for s in sources if names_actor(s, state)] if state is not None else sources
    taken = {t.i for s in sources for t in phrase_tokens(view, s)}
    if "target" in captures:
        targets = conjunct_tokens(view, captures["target"])
    elif compound is not None:
        targets = conjunct_tokens(view, compound)
    elif frame.passive and subjects and objects:
        targets = objects
    else:
        head = _first_actor(post, state, taken)
        targets = conjunct_tokens(view, head) if head is not None else []
    target_tokens = {t.i for h in targets for t in phrase_tokens(view, h)}
    if compound is None:
        sources = [s for s in sources if s.i not in target_tokens]  # "NOTED + *": the subject was the target
    if not sources and state is not None:
        pronouns = [s for s in subjects if s.pos_ == "PRON"]
        if pronouns and len(pronouns) == len(subjects) and "target" not in captures:
            sources = _governing_subjects(verb, state)  # "Ethiopia indicated it would act": it is Ethiopia
        elif verb.dep_ in FALLBACK_DEPS or "target" in captures:
            head = _first_actor(list(reversed(pre)), state, target_tokens)
            if head is not None:
                sources = conjunct_tokens(view, head)
    if not targets and len(sources) > 1:
        targets = list(sources)  # a compound acting with no other side acts on itself ("Gondor and Osgiliath met")
    if not targets and state is not None and not state.require_dyad and any(
            t.dep_ in ("dobj", "pobj", "dative", "attr", "oprd") and t.pos_ in ("NOUN", "PROPN", "PRON")
            for t in post):
        state.open_targets.add(verb.i)  # a phrase without an actor is still a target: coded as ---
    frame.subjects = [t.i for t in sources]
    frame.objects = [t.i for t in targets]
    frame.datives = []
    frame.preps = {}
    frame.particles = set()
    frame.modifiers = []
    frame.passive = False
    frame.predicative = False
    frame.negated = False
    frame.refused = False
    frame.modality = "asserted"
