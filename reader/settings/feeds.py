"""Where the bundled sample feeds are, installed or not.

A wheel carries them inside the package (`reader/sample_feeds`); a source checkout or an
editable install has them at the top of the repository. Looking in both keeps
`newsreader` with no argument working from any directory.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader import problems

_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # reader/, beside this package
_CANDIDATES = (_PACKAGE_DIR / "sample_feeds", _PACKAGE_DIR.parent / "sample_feeds")


class FeedsMissingError(RuntimeError):
    """The installation lost its bundled feeds: worth saying plainly rather than loading nothing."""


def bundled_feeds() -> Path:
    """The folder of bundled sample feeds."""
    for candidate in _CANDIDATES:
        if candidate.is_dir():
            return candidate
    looked = ", ".join(str(c) for c in _CANDIDATES)
    raise FeedsMissingError(problems.FEEDS_MISSING.format(places=looked))


def default_paths(paths: Sequence[Path] = ()) -> list[Path]:
    """The paths a command reads: the ones given, or else the bundled feeds."""
    return list(paths) if paths else [bundled_feeds()]
