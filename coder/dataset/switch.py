"""output.mode=overwrite's last step: the new dataset and meta folders, built in a staging folder beside the old ones,
take their place.

First an intent `.<name>.switch-<token>.json` beside the dataset names each new folder (by inode) and where it goes;
then each is exchanged with the old one in one atomic step (coder.dataset.durable.swap_into_place: a reader of
output.path finds the old dataset or the new one, never none), and the old folders, now in the staging folder, are
removed. The new dataset is complete (its manifest written) before the intent is, so a run killed anywhere after that
is rolled forward by the next writer (recover_switch)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from coder.dataset.durable import fsync_dir, remove_tree, swap_into_place, write_json_atomic


def _intent_path(target: Path, token: str) -> Path:
    return target.parent / f".{target.name}.switch-{token}.json"


def _inode(path: Path) -> int | None:
    try:
        return os.lstat(path).st_ino
    except OSError:
        return None


def switch_in(stage: Path, target: Path, meta_target: Path, token: str) -> None:
    """Put stage/data at target and stage/meta at meta_target, then remove the old folders."""
    moves = [[str(stage / name), str(place), _inode(stage / name)]
             for name, place in (("data", target), ("meta", meta_target))]
    intent = _intent_path(target, token)
    write_json_atomic(intent, {"stage": str(stage), "token": token, "moves": moves})
    _roll_forward(intent)


def recover_switch(target: Path) -> None:
    """Finish the switches a killed overwrite left (its intent is still there)."""
    for intent in sorted(target.parent.glob(f".{target.name}.switch-*.json")):
        _roll_forward(intent)


def _roll_forward(intent_path: Path) -> None:
    try:
        intent = json.loads(intent_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # cannot happen with an atomic write; without an intent nothing has moved
        intent_path.unlink(missing_ok=True)
        return
    for new, place, inode in intent["moves"]:
        new_path, target = Path(new), Path(place)
        if inode is None or _inode(target) == inode or _inode(new_path) != inode:
            continue  # already in place (or never built)
        old = swap_into_place(new_path, target, intent["token"])
        if old is not None and old != new_path:
            remove_tree(old)  # the two-rename fallback's old folder
    remove_tree(Path(intent["stage"]))  # the old data and meta folders, exchanged into the staging folder
    intent_path.unlink(missing_ok=True)
    fsync_dir(intent_path.parent)
