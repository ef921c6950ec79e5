"""`coder-compile`: the optional compiled engine (coder/compiled.py).

    coder-compile build     compile the engine's hot modules with mypyc (bootstrap.py does it when a C compiler is
                            present); a failed build leaves the Python sources in use, with exit status 1
    coder-compile status    which engine imports: exit status 0 if the compiled one is current, 1 if not
    coder-compile remove    delete the build, so the sources are used
"""

from __future__ import annotations

import sys

from coder import compiled
from coder.cli.errors import USER_ERROR_STATUS, entry_point
from coder.cli.help import help_text

DESCRIPTION = """The optional compiled engine: mypyc builds of the engine's hot modules, which code the same events about
1.7 times as fast. bootstrap.py builds it where a C compiler is present; it is used only while it matches the sources
(docs/development.md)."""


@entry_point
def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["build"]:
        return _build()
    if args == ["status"]:
        reason = compiled.stale_reason() if compiled.built_files() else "not built"
        print("compiled: current" if reason is None else f"source ({reason})")
        return 0 if reason is None else 1
    if args == ["remove"]:
        compiled.remove_build()
        return 0
    print(help_text(DESCRIPTION, "coder-compile", "usage: coder-compile build|status|remove"))
    return 0 if args in (["-h"], ["--help"]) else USER_ERROR_STATUS


def _build() -> int:
    try:
        compiled.build()
    except Exception as error:  # no compiler, no mypy, a type error: the sources still work, so it is not fatal
        print(f"coder.compiled: build failed ({type(error).__name__}: {error}); the engine runs from its Python "
              f"sources", file=sys.stderr)
        return 1
    print(f"coder.compiled: built {len(compiled.MODULES)} modules into {compiled.PACKAGE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
