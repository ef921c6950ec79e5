"""Refusals made after the input is scanned and before the run changes anything: a run never removes committed data
it was not told to remove.

- An input with nothing to code (an empty or unmounted folder, every file skipped) is refused (E304), and so is an
  input whose every article was rejected (a wrong input.encoding, input.format or input.columns, a tiny
  input.max_chars; E414): such a run would leave an empty dataset.
- output.mode=resume keeps the dataset equal to the current input, so shards whose inputs are gone are dropped. A
  shard none of whose inputs this run saw (another folder, a renamed or emptied input) is *lost*; a resume that would
  lose more than output.max_drop_share of the committed shards (by default: any) is refused (E415), naming the option
  the user may have meant (append, overwrite). Shards re-coded from inputs that are still there (changed rules or
  model, an edited file) are not lost.
output.allow_drop=true lets all of these run.
"""

from __future__ import annotations

from collections import Counter

from coder.config import OutputConfig, OutputMode
from coder.dataset.articles import Reject
from coder.dataset.documents import CommitRecord, InputRecord
from coder.dataset.scanning import Skipped
from coder.errors import ALL_REJECTED, INPUT_EMPTY, WOULD_DROP, DataSafetyError, InputError

UNCHANGED = "nothing was changed"


def refuse_empty_input(path: str, records: list[InputRecord], rejects: list[Reject], skipped: Skipped,
                       out: OutputConfig, committed: int) -> None:
    """E304 when the input holds nothing to read, E414 when every input was rejected (unless output.allow_drop)."""
    if records or out.allow_drop:
        return
    at_stake = f" and the dataset's {committed} committed shard(s) would be dropped" if committed else ""
    if not rejects:
        note = (f" ({skipped.total} file(s) skipped: {', '.join(skipped.examples[:5])})" if skipped.total
                else " (no files)")
        raise InputError(f"input.path {path} holds nothing to code{note}; an empty or unmounted folder would give an "
                         f"empty dataset{at_stake}. Check input.path and input.format, or set output.allow_drop=true "
                         f"to run anyway; {UNCHANGED}", code=INPUT_EMPTY)
    kinds = Counter(str(r.kind) for r in rejects)
    first = rejects[0]
    raise DataSafetyError(f"every one of the {len(rejects)} input(s) in {path} was rejected ("
                          f"{', '.join(f'{k}: {n}' for k, n in sorted(kinds.items()))}; e.g. {first.source}: "
                          f"{first.reason}), so nothing would be coded{at_stake}. Check input.encoding, input.format, "
                          f"input.columns and input.max_chars, or set output.allow_drop=true to run anyway; "
                          f"{UNCHANGED}", code=ALL_REJECTED)


def lost_shards(dropped: list[CommitRecord], records: list[InputRecord]) -> list[CommitRecord]:
    """The dropped shards none of whose inputs is in this run's input (by source: an edited file is still seen)."""
    seen = {r["source"] for r in records}
    return [r for r in dropped if not any(i["source"] in seen for i in r.get("inputs", []))]


def refuse_losing(out: OutputConfig, input_path: str, committed: int, lost: list[CommitRecord]) -> None:
    """E415 when a resume would lose more than output.max_drop_share of the committed shards."""
    if out.mode != OutputMode.resume or out.allow_drop or not lost or len(lost) <= out.max_drop_share * committed:
        return
    articles = sum(r.get("articles", 0) for r in lost)
    example = next((i["source"] for r in lost for i in r.get("inputs", [])), "?")
    raise DataSafetyError(
        f"output.mode=resume would drop {len(lost)} of {committed} committed shard(s) ({articles} article(s), e.g. "
        f"{example}) because none of their inputs is in input.path={input_path}; {UNCHANGED}. To add this input to "
        f"the dataset use output.mode=append; to replace the dataset, output.mode=overwrite; to let resume remove "
        f"the shards whose inputs are gone, output.allow_drop=true (or output.max_drop_share=<share of the shards, "
        f"0 to 1>)", code=WOULD_DROP)
