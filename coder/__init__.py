"""coder: CAMEO event coding of news text with spaCy, written as Parquet datasets."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("coder")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
