"""Every tool's --help opens with a description and the README's examples for that tool (README "Common commands"),
then its options or config groups: `coder` and `coder-eval` from conf/hydra/help/, the others from coder/cli/help.py."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, TOOLS, finish_cli, start_cli


def readme_examples() -> dict[str, list[str]]:
    """Tool -> the lines of the README's "Common commands" block that run it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Common commands\n\n```bash\n(.*?)```", text, re.S).group(1)
    found: dict[str, list[str]] = {}
    for line in block.splitlines():
        tool = line.split()[0].removeprefix(".venv/bin/")
        found.setdefault(tool, []).append(line)
    return found


EXAMPLES = readme_examples()


@pytest.fixture(scope="module")
def helps() -> dict[str, str]:
    started = {tool: start_cli("--help", tool=tool) for tool in TOOLS}  # all at once: each mostly imports
    out = {}
    for tool, proc in started.items():
        result = finish_cli(proc)
        assert result.returncode == 0, (tool, result.stderr)
        out[tool] = result.stdout
    return out


def test_the_readme_names_examples_for_the_tools():
    assert {"coder", "coder-eval", "coder-explain", "coder-rules", "coder-export", "coder-status",
            "coder-compact"} <= set(EXAMPLES)


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_help_opens_with_a_description_then_the_readme_examples(helps, tool):
    text = helps[tool]
    first = text.strip().splitlines()[0]
    assert not first.lower().startswith("usage"), f"{tool} --help should open with a description, not {first!r}"
    assert len(first.split()) >= 6, first
    assert "Examples" in text
    for line in EXAMPLES.get(tool, []):
        assert line in text, f"{tool} --help lacks the README example {line!r}"
    assert text.index("Examples") < text.index(".venv/bin/")


def test_coder_help_lists_the_config_groups_after_the_examples(helps):
    text = helps["coder"]
    groups = text.index("== Config groups")
    assert text.index("Examples") < groups < text.index("== Config (")
    section = text[groups:text.index("== Config (")]
    for group in sorted(p.name for p in (ROOT / "conf").iterdir() if p.is_dir() and p.name != "hydra"):
        options = sorted(p.stem for p in (ROOT / "conf" / group).glob("*.yaml"))
        row = next(line for line in section.splitlines() if line.split()[:1] == [group])
        assert all(option in row for option in options), (group, options, row)
    assert "output:" in text and "mode: resume" in text  # the composed config follows


def test_eval_help_names_its_subcommands(helps):
    assert "coder-eval all" in helps["coder-eval"] and "coder-eval petr" in helps["coder-eval"]
    assert "datasets/eval/devcorpus" in helps["coder-eval"]
