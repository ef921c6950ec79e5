"""The README is for users: short, with the quick start first. Longer material lives in docs/ (docs/development.md)."""

from __future__ import annotations

import re

from tests.conftest import ROOT

README = ROOT / "README.md"
MAX_BYTES = 11_000
QUICK_START = ("python3 bootstrap.py run", "python3 bootstrap.py test")


def test_readme_stays_short():
    size = len(README.read_bytes())
    assert size < MAX_BYTES, f"README.md is {size} bytes; move detail to docs/ to keep it under {MAX_BYTES}"


def test_readme_starts_with_its_quick_start():
    lines = README.read_text(encoding="utf-8").splitlines()
    sections = [i for i, line in enumerate(lines) if line.startswith("## ")]
    assert sections and lines[sections[0]] == "## Quick start", "the first section must be the quick start"
    assert sections[0] < 40, "the quick start must begin within the first 40 lines"
    commands = [i for i, line in enumerate(lines) if line.startswith(QUICK_START)]
    assert [lines[i].split("#")[0].strip() for i in commands[:2]] == list(QUICK_START)
    assert sections[0] < commands[0] < commands[1] < 40
    assert len(sections) == 1 or commands[1] < sections[1], "the two commands belong to the quick start"


def test_readme_links_point_to_files_that_exist():
    text = README.read_text(encoding="utf-8")
    targets = {link.split("#")[0] for link in re.findall(r"\]\(([^)\s]+)\)", text) if "://" not in link}
    missing = sorted(t for t in targets if t and not (ROOT / t).exists())
    assert not missing, f"README links to missing files: {missing}"


def test_readme_jsonl_example_reads_as_an_article_with_the_overrides_it_names(tmp_path):
    """The literal JSONL line in the README, read with the `input.*` overrides the README gives for it."""
    from coder.cli.overrides import coder_config
    from coder.dataset.articles import Article, read_articles

    text = README.read_text(encoding="utf-8")
    line = re.search(r"```json\n(.*?)\n```", text, re.S).group(1)
    overrides = re.search(r"is read with `(input=jsonl [^`]+)`", text).group(1).split()
    (tmp_path / "news.jsonl").write_text(line + "\n", encoding="utf-8")
    cfg = coder_config([o.replace("news.jsonl", str(tmp_path / "news.jsonl")) for o in overrides if o != "input=jsonl"])
    (article,) = list(read_articles(cfg.input))
    assert isinstance(article, Article), article
    assert article.article_id == "kg-0412" and article.text.startswith("BISHKEK")
