"""Verb dictionaries: PETRARCH-1/TABARI (`PETR.Validate.verbs.txt`) and PETRARCH-2 (`CAMEO.2.0.txt`) syntax.

    &TIETYPES                          a synset: `+` members (words joined by `_` or blanks must be consecutive;
    +MILITARY                          a member may name another synset, `+&CURRENCY`); regular plurals are added
    +ECONOMIC                          unless the member ends in `_`

    --- BREAK  [1717] ---              a verb block: label and default code
    BREAK { BROKE BROKEN }             its verbs; `{...}` lists the forms (without braces -S, -ED, -ING are made)
    +BREAK_DOWN {+BREAKS_DOWN ...}     a multi-word verb: `+` marks the verb, the other words must be adjacent
    DOWNPLAY [014]                     a verb with its own default code
    - * TREATY  [161]                  a pattern: words before and after the verb `*`; `_` joins words that must be
    - + * IN $  [075]                  consecutive, a blank allows words in between; `$` source, `+` target,
    - % HAVE *  [191]                  `%` compound actor, `^` any noun phrase, `&NAME` a synset; PETRARCH-2's
    - * (TO {BANNED PARTIES}) $ [1722]  `{NP}` and `(PREP NP)` groups are read as their words
    ~ a (a b ATTACK) SAY = a b 015     a PETRARCH-2 transformation (kept, listed; not applied)

Codes are taken as written, CAMEO or not: `[a:b]` codes source->target a and target->source b, `[---]` codes
nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from coder.rules.petrarch.reader import Warnings, read_lines

NULL_CODES = ("---", "")
_HEADER = re.compile(r"^---\s*(?P<label>.*?)\s*(?:\[(?P<code>[^\]]*)\].*?)?\s*(?:---)?\s*$")
_PATTERN_CODE = re.compile(r"\[(?P<code>[^\]]*)\]\s*$")


@dataclass(frozen=True, slots=True)
class Element:
    kind: str  # word | synset | source | target | compound | skip | verb
    value: str = ""
    joined: bool = False  # must be adjacent to the element before it (for the first post-verb element: the verb)


@dataclass
class VerbEntry:
    words: list[str]  # upper-case, the base form; words[head] is the verb
    head: int
    forms: set[str]  # upper-case surface forms of the head word
    code: str | None  # own default code (None: the block's)
    where: str

    @property
    def multiword(self) -> bool:
        return len(self.words) > 1


@dataclass
class PatternEntry:
    pre: list[Element]  # in text order, ending just before the verb
    post: list[Element]  # in text order, starting just after the verb
    touches: bool  # the last pre element must be adjacent to the verb
    code: str | None  # None: '---', the pattern stops the verb from being coded
    reverse: str | None
    where: str
    text: str


@dataclass(frozen=True)
class PatternSpec:
    """What an imported verb rule's `pattern` holds: one PETRARCH pattern (or a verb's bare default, no words around
    `*`) for the verbs of its block, as data; the engine matches it against frames (coder.engine.petrarch.patterns)."""

    verbs: list[VerbEntry]
    pre: list[Element]
    post: list[Element]
    touches: bool
    text: str = "*"
    covers: bool = True  # a coded match hides the verbs inside the phrase (False for a code of ---)


@dataclass
class VerbBlock:
    label: str
    code: str | None
    reverse: str | None
    where: str
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[PatternEntry] = field(default_factory=list)


@dataclass
class VerbDictionary:
    blocks: list[VerbBlock] = field(default_factory=list)
    synsets: dict[str, list[list[str]]] = field(default_factory=dict)  # name -> members (word lists)
    transformations: list[tuple[str, str]] = field(default_factory=list)  # (text, where)

    def expanded_synset(self, name: str, _depth: int = 0) -> list[list[str]]:
        """Members with embedded synsets replaced by their members; longest members first."""
        out: list[list[str]] = []
        for member in self.synsets.get(name, []):
            if len(member) == 1 and member[0].startswith("&") and _depth < 5:
                out.extend(self.expanded_synset(member[0][1:], _depth + 1))
            else:
                out.append(member)
        return sorted(out, key=len, reverse=True)


def verb_forms(base: str) -> set[str]:
    """Regular forms of an upper-case verb: -S, -ED, -ING with the usual spelling changes."""
    b = base.upper()
    if not b.isalpha():
        return {b}
    if b.endswith("E"):
        return {b, b + "S", b + "D", b[:-1] + "ING"}
    if b.endswith("Y") and len(b) > 1 and b[-2] not in "AEIOU":
        return {b, b[:-1] + "IES", b[:-1] + "IED", b + "ING"}
    if b.endswith(("S", "X", "Z", "CH", "SH")):
        return {b, b + "ES", b + "ED", b + "ING"}
    return {b, b + "S", b + "ED", b + "ING"}


def noun_plural(word: str) -> str:
    w = word.upper()
    if w.endswith("Y") and len(w) > 1 and w[-2] not in "AEIOU":
        return w[:-1] + "IES"
    if w.endswith(("S", "X", "Z", "CH", "SH")):
        return w + "ES"
    return w + "S"


def parse_code(text: str) -> tuple[str | None, str | None]:
    """'032:033' -> ('032', '033'); '---' -> (None, None)."""
    text = text.strip()
    first, _, second = text.partition(":")
    first, second = first.strip(), second.strip()
    return (None if first in NULL_CODES else first), (None if second in NULL_CODES or not _ else second)


def _split_words(text: str) -> list[str]:
    return [w for w in re.split(r"[_\s]+", text.strip()) if w]


def parse_verb_line(text: str, where: str, warnings: Warnings) -> VerbEntry | None:
    body = text.strip()
    code = None
    match = re.search(r"\[([^\]]*)\]\s*$", body)
    if match:
        code = match.group(1).strip()
        body = body[:match.start()].strip()
    forms_text = None
    brace = re.search(r"\{([^}]*)\}?", body)
    if brace:
        forms_text = brace.group(1)
        body = body[:brace.start()].strip()
    words = _split_words(body)
    if not words:
        warnings.add(where, f"empty verb line '{text.strip()}'")
        return None
    head = next((k for k, w in enumerate(words) if w.startswith("+")), 0)
    words = [w.lstrip("+").upper() for w in words]
    if not all(words):
        warnings.add(where, f"cannot read verb '{text.strip()}'")
        return None
    forms = {words[head]}
    if forms_text is None:
        forms |= verb_forms(words[head])
    else:
        for form in forms_text.split():
            parts = _split_words(form)
            k = next((j for j, w in enumerate(parts) if w.startswith("+")), head if len(parts) > head else 0)
            if parts:
                forms.add(parts[min(k, len(parts) - 1)].lstrip("+").upper())
    if code is not None and code.strip() in NULL_CODES:
        code = "---"
    return VerbEntry(words, head, forms, code, where)


def parse_pattern(text: str) -> tuple[list[Element], list[Element], bool] | None:
    """'SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS' -> (pre, post, touches): the elements before and after the verb
    and whether the last one before it must touch it ('IN_*'); None without exactly one verb `*`."""
    body = re.sub(r"[{}()]", " ", text)
    atoms: list[tuple[str, bool]] = []  # (atom, joined to the previous atom)
    join_next = False
    for chunk in body.split():
        pieces = chunk.split("_")
        for k, piece in enumerate(pieces):
            if not piece:
                if k == len(pieces) - 1:
                    join_next = True  # trailing '_': the next atom must follow at once
                continue
            atoms.append((piece, join_next or k > 0 and pieces[k - 1] != ""))
            join_next = False
    elements: list[Element] = []
    for atom, joined in atoms:
        kind = {"*": "verb", "$": "source", "+": "target", "%": "compound", "^": "skip"}.get(atom)
        if kind is not None:
            elements.append(Element(kind, "", joined))
        elif atom.startswith("&"):
            elements.append(Element("synset", atom[1:].rstrip("_").upper(), joined))
        else:
            elements.append(Element("word", atom.upper(), joined))
    verbs = [k for k, e in enumerate(elements) if e.kind == "verb"]
    if len(verbs) != 1:
        return None
    v = verbs[0]
    return elements[:v], elements[v + 1:], elements[v].joined


def parse_verbs(path: str | Path, warnings: Warnings, text: str | None = None,
                into: VerbDictionary | None = None) -> VerbDictionary:
    book = into or VerbDictionary()
    reader = _VerbReader(book, warnings)
    for line in read_lines(path, text):
        reader.read(line.text.strip(), line.where)
    _check_synsets(book, str(path), warnings)
    return book


@dataclass
class _VerbReader:
    """Reads a verb dictionary line by line: synsets and their members, verb blocks with their verbs and patterns,
    transformations. Faults become warnings and the line is skipped."""

    book: VerbDictionary
    warnings: Warnings
    block: VerbBlock | None = None  # the verb block being read
    synset: str | None = None  # the synset being read
    seen_forms: dict[str, str] = field(default_factory=dict)  # verb -> where first listed

    def read(self, body: str, where: str) -> None:
        if not body:  # a blank line ends a synset that has members
            self.synset = None if self.synset and self.book.synsets.get(self.synset) else self.synset
            return
        if body.startswith("&"):
            self._start_synset(body, where)
            return
        if body.startswith("+") and self.synset is not None:
            self._add_member(body[1:].strip())
            return
        self.synset = None
        if body.startswith("---"):
            match = _HEADER.match(body)
            label = match["label"] if match else body.strip("- ")
            code, reverse = parse_code(match["code"] or "---") if match else (None, None)
            self.block = VerbBlock(label.strip(), code, reverse, where)
            self.book.blocks.append(self.block)
        elif body.startswith("~"):
            self.book.transformations.append((body, where))
        elif body.startswith("-"):
            self._add_pattern(body, where)
        else:
            self._add_verb(body, where)

    def _start_synset(self, body: str, where: str) -> None:
        self.synset = body.split()[0][1:].rstrip("_").upper()
        if self.synset in self.book.synsets:
            self.warnings.add(where, f"synset &{self.synset} defined again; the later members are added")
        self.book.synsets.setdefault(self.synset, [])

    def _add_member(self, member: str) -> None:
        """A synset member, and its regular plural unless it ends in `_` (or names another synset)."""
        words = _split_words(member)
        if not words or self.synset is None:
            return
        self.book.synsets[self.synset].append([w.upper() for w in words])
        if not member.endswith("_") and not words[-1].startswith("&") and words[-1].isalpha():
            self.book.synsets[self.synset].append([w.upper() for w in words[:-1]] + [noun_plural(words[-1])])

    def _add_pattern(self, body: str, where: str) -> None:
        if self.block is None:
            self.warnings.add(where, "pattern before any verb block; ignored")
            return
        match = _PATTERN_CODE.search(body)
        if not match:
            self.warnings.add(where, f"pattern without a [code]: '{body}'; ignored")
            return
        parsed = parse_pattern(body[1:match.start()])
        if parsed is None:
            self.warnings.add(where, f"pattern '{body}' needs exactly one verb position '*'; ignored")
            return
        code, reverse = parse_code(match["code"])
        self.block.patterns.append(PatternEntry(parsed[0], parsed[1], parsed[2], code, reverse, where, body))

    def _add_verb(self, body: str, where: str) -> None:
        if self.block is None:
            self.warnings.add(where, f"verb '{body}' before any verb block; ignored")
            return
        entry = parse_verb_line(body, where, self.warnings)
        if entry is None:
            return
        key = " ".join(entry.words)
        if key in self.seen_forms:
            self.warnings.add(where, f"verb '{key}' already listed at {self.seen_forms[key]}; both kept, the first "
                                     f"block's patterns are tried first")
        self.seen_forms.setdefault(key, where)
        self.block.verbs.append(entry)


def _check_synsets(book: VerbDictionary, path: str, warnings: Warnings) -> None:
    """Warn of synsets that are used or embedded but never defined, and of verb blocks without verbs."""
    for name, members in book.synsets.items():
        for member in members:
            for word in member:
                if word.startswith("&") and word[1:].rstrip("_") not in book.synsets:
                    warnings.add(path, f"synset &{name} uses unknown &{word[1:]}")
    for block in book.blocks:
        if not block.verbs:
            warnings.add(block.where, f"verb block '{block.label}' has no verbs")
        for pattern in block.patterns:
            for element in pattern.pre + pattern.post:
                if element.kind == "synset" and element.value not in book.synsets:
                    warnings.add(pattern.where, f"pattern uses undefined synset &{element.value}; it cannot match")
