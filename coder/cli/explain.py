"""`coder-explain`: show how the coder codes a sentence or a whole article, step by step: the parse, the actor and
agent mentions with their rules, each predicate frame, the verb rule that fired (or why none did, with the rules that
exist for the word, what each needed and a rule skeleton to start from) and the resulting events. The tool for
debugging rules (coder/cli/explain_trace.py prints the steps)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TextIO

from coder.cli.errors import USER_ERROR_STATUS, entry_point
from coder.cli.explain_trace import frame_lines, mention_lines, parse_lines, untraced_lines
from coder.cli.help import help_text
from coder.cli.overrides import coder_config
from coder.cli.rule_paths import require_rule_files
from coder.config import CoderConfig, InputConfig, RulesFormat
from coder.dataset.articles import Article, read_articles
from coder.engine.coding import FrameTrace
from coder.engine.docview import DocView
from coder.engine.parsing.pipeline import parse_articles
from coder.engine.parsing.segments import dateline_place, segments
from coder.errors import ConfigError, InputError
from coder.jobs.coder import Coder

DESCRIPTION = """Show how the coder codes a sentence, or a whole article with the batch job's context (dateline,
article-level dates, who was named in earlier sentences): the parse, every actor and agent mention with the rule and
file line behind it, each verb or event noun with the rule that fired or why none did, and the events. When a word
fires no rule, it lists the rules that exist for it and what each needed, and prints a rule skeleton to paste into
your own rule file.

Options: --article FILE (a seed-format .txt file; also JSONL/CSV/Parquet), --interactive (one sentence a line from
standard input, the model loaded once; `date=YYYY-MM-DD` on a line of its own changes the date; also without a
sentence on a terminal), --parse (the parse of every sentence of an article). Then key=value: date=YYYY-MM-DD (the
publication date; default today, or the article's), and any key `coder` takes: rules.extra=[my.yaml],
nlp.model=NAME."""
USAGE = ('usage: coder-explain "A sentence." [date=YYYY-MM-DD] [key=value ...]\n'
         '       coder-explain --article FILE [--parse] [key=value ...]\n'
         '       coder-explain --interactive [date=YYYY-MM-DD] [key=value ...]')


@dataclass
class Request:
    text: str | None = None
    article: Path | None = None
    interactive: bool = False
    parse: bool = False
    day: date | None = None
    overrides: list[str] = field(default_factory=list)


def explain(engine: Coder, text: str, day: date) -> str:
    """One sentence (or a short text), coded as the body of an article published on `day`."""
    article = Article("explain", day, "", text)
    parts = [(engine.nlp(seg.text), seg) for seg in segments(article, engine.nlp.make_doc)]
    out = [f"text: {text}", f"date: {day.isoformat()}"]
    suggest = engine.cfg.rules.format == RulesFormat.yaml
    for doc, _ in parts:
        out.extend(["", *parse_lines(doc), *mention_lines(doc, engine.engine.mentions(doc).on(day), day)])
    trace: list[FrameTrace] = []
    events = engine.engine.code_article(parts, day, trace)
    out.extend(["", "frames:"])
    for doc, _ in parts:
        mentions = engine.engine.mentions(doc).on(day)
        view = DocView(doc)
        mine = [t for t in trace if t.frame.view.doc is doc]
        for t in mine:
            out.extend(frame_lines(engine, t, mentions, suggest))
        if suggest:
            out.extend(untraced_lines(engine, view, 0, len(doc), {t.frame.predicate for t in mine}, mentions))
    if len(out) and out[-1] == "frames:":
        out.append("  no predicate has a verb rule")
    out.extend(["", "events:", *_event_lines(engine, events)])
    return "\n".join(out)


def explain_article(engine: Coder, article: Article, show_parse: bool = False) -> str:
    """A whole article coded as the batch job codes it (fast path, headline wording, dateline, article-level
    dates and memory across sentences), sentence by sentence, each with its mentions, frames and events."""
    cfg = engine.cfg.nlp
    keep = engine.engine.could_code if cfg.fast_path else None
    headlines = engine.engine.headline_words if cfg.headline_past_tense else None
    _, parts = next(parse_articles(engine.nlp, [article], cfg, keep, headlines, engine.engine.carry_screening))
    dateline = dateline_place(article)
    trace: list[FrameTrace] = []
    events = engine.engine.code_article(parts, article.pub_date, trace, dateline=dateline)
    day = article.pub_date
    out = [f"article: {article.article_id} ({article.source})", f"published: {day.isoformat() if day else '-'}"]
    if dateline:
        out.append(f"dateline: {dateline} -> {engine.engine.place_country(dateline) or 'no country known'}")
    suggest = engine.cfg.rules.format == RulesFormat.yaml
    for index, doc, part, sent in _sentences(parts):
        text = sent.text.strip() if sent is not None else part.text.strip()
        out.extend(["", f"[{index}] {text}"])
        if sent is None:
            out.append("  not parsed: the fast path found no actor, role word or pronoun in it (nlp.fast_path=false "
                       "parses everything)")
            continue
        mentions = engine.engine.mentions_of(doc).on(day)
        if show_parse:
            out.extend("  " + line for line in parse_lines(doc, sent.start, sent.end))
        out.extend("  " + line for line in mention_lines(doc, mentions, day, sent.start, sent.end))
        mine = [t for t in trace if t.frame.view.doc is doc and sent.start <= t.frame.predicate < sent.end]
        frames = [line for t in mine for line in frame_lines(engine, t, mentions, suggest, "  ")]
        if suggest:
            frames += untraced_lines(engine, DocView(doc), sent.start, sent.end, {t.frame.predicate for t in mine},
                                     mentions, "  ")
        out.extend(["  frames:", *(frames or ["    none with a rule"])])
        out.extend(["  events:", *("  " + line for line in _event_lines(engine, [e for e in events
                                                                             if e.sentence_index == index]))])
    out.extend(["", f"events of the article: {len(events)}", *_event_lines(engine, events, with_sentence=True)])
    return "\n".join(out)


def _sentences(parts) -> Iterable[tuple[int, object, object, object]]:
    """(sentence index in the article, doc, segment, sentence span or None for a part the fast path skipped), numbered
    as the engine numbers them (coder.engine.coding.coder.EventCoder.code_article)."""
    index = 0
    for doc, part in parts:
        if part.skipped:
            yield index, doc, part, None
            index += 1
            continue
        view = DocView(doc)
        for sent in view.sents():
            if not view.is_blank(sent.start, sent.end):
                yield index, doc, part, sent
                index += 1


def _event_lines(engine: Coder, events, with_sentence: bool = False) -> list[str]:
    lines = []
    for e in events:
        name = getattr(engine.ontology.get(e.code), "name", "(not a CAMEO code)")
        where = f"[{e.sentence_index}] " if with_sentence else ""
        lines.append(f"  {where}{e.source.code} -> {e.target.code}  {e.code} {name}  "
                     f"[{e.modality}; rule {e.rule_id}; date {e.event_date} ({e.date_basis})]")
    return lines or ["  none"]


def interactive(engine: Coder, day: date, lines: TextIO, out: TextIO, prompt: bool) -> None:
    """Explain each line read as a sentence; `date=YYYY-MM-DD` alone on a line changes the date; EOF or `quit`
    ends."""
    if prompt:
        print("one sentence a line; date=YYYY-MM-DD changes the date; quit or Ctrl-D ends", file=sys.stderr)
    while True:
        if prompt:
            print(f"[{day.isoformat()}] sentence> ", end="", file=sys.stderr, flush=True)
        line = lines.readline()
        if not line or line.strip() in ("quit", "exit"):
            return
        line = line.strip()
        if not line:
            continue
        if line.startswith("date="):
            day = _date(line.split("=", 1)[1])
            continue
        print(explain(engine, line, day), file=out, flush=True)
        print("", file=out)


def _request(argv: list[str]) -> Request:
    request = Request()
    for item in argv:
        if item == "--interactive":
            request.interactive = True
        elif item == "--parse":
            request.parse = True
        elif item.startswith("--article="):
            request.article = Path(item.split("=", 1)[1])
        elif item == "--article":
            request.article = Path("")  # the next item is the file
        elif request.article == Path(""):
            request.article = Path(item)
        elif item.startswith("date="):
            request.day = _date(item.split("=", 1)[1])
        elif "=" in item.split(" ", 1)[0] and not item.startswith("-") or item.startswith("+"):
            request.overrides.append(item)
        elif request.text is None and not item.startswith("-"):
            request.text = item
        else:
            raise ConfigError(f"'{item}' is not an option of coder-explain; see coder-explain --help",
                              where="coder-explain")
    if request.article == Path(""):
        raise ConfigError("--article needs a file: coder-explain --article path/to/article.txt", where="--article")
    return request


def _article(path: Path, cfg: CoderConfig) -> list[Article]:
    if not path.is_file():
        raise InputError(f"{path}: no such file; give a seed-format .txt file (README, Input)", where="--article")
    found = list(read_articles(InputConfig(path=str(path), encoding=cfg.input.encoding, columns=cfg.input.columns)))
    articles = [a for a in found if isinstance(a, Article)]
    if not articles:
        reasons = "; ".join(getattr(r, "reason", "") for r in found) or "no article in it"
        raise InputError(f"{path}: cannot be read as an article ({reasons})", where="--article")
    return articles


@entry_point
def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("-h", "--help"):
        print(help_text(DESCRIPTION, "coder-explain", USAGE))
        return 0
    request = _request(argv)
    interactive_mode = request.interactive or (request.text is None and request.article is None
                                               and sys.stdin.isatty())
    if request.text is None and request.article is None and not interactive_mode:
        print(USAGE, file=sys.stderr)
        return USER_ERROR_STATUS
    cfg = coder_config(request.overrides)
    articles = _article(request.article, cfg) if request.article is not None else []
    require_rule_files(cfg.rules)
    engine = Coder(cfg)
    if articles:
        for article in articles:
            if request.day is not None:
                article = replace(article, pub_date=request.day)
            print(explain_article(engine, article, request.parse))
    if request.text is not None:
        print(explain(engine, request.text, request.day or date.today()))
    if interactive_mode:
        interactive(engine, request.day or date.today(), sys.stdin, sys.stdout, sys.stdin.isatty())
    return 0


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"'{value}' is not a date; write date=YYYY-MM-DD", where="date") from None


if __name__ == "__main__":
    raise SystemExit(main())
