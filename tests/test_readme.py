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
