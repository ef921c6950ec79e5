"""Import PETRARCH/TABARI dictionaries, unmodified, as the project's rule objects (docs/petrarch.md).

    from coder.rules.petrarch import load_petrarch
    rules = load_petrarch(verbs=[...], actors=[...], agents=[...], discards=[...], issues=[...])
    rules.petrarch.warnings      # faults found in the files, as 'file:line: problem'

The result is a `RuleSet` (actors, agents, verb rules with PETRARCH patterns, discards) whose `coder` is
`PetrarchCoder`, so `coder.jobs.coder.Coder` codes with it like with the YAML rules.
"""

from __future__ import annotations

from coder.rules.petrarch.translate import PetrarchDictionaries, load_petrarch

__all__ = ["PetrarchDictionaries", "load_petrarch"]
