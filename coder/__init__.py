"""coder: CAMEO event coding of news text with spaCy, written as Parquet datasets."""

from importlib.metadata import PackageNotFoundError, version

from coder.compiled import use_sources_if_stale

try:
    __version__ = version("coder")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

# Before any engine module is imported: the compiled engine only if it was built from these very sources.
use_sources_if_stale()
