"""The command-line tools, in one place: `coder` and `coder-eval` (Hydra apps), `coder-explain`, `coder-rules`,
`coder-export`, `coder-status`, `coder-compact`, `coder-compile`. A user's mistake is printed as one line with its
error code (coder.errors) and exit status 2."""
