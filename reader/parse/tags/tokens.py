"""The tokens of a Tags line: space-separated, with the separators and script seams that
part them for certain."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from reader.parse.tags.page_text import NON_WORD

# A tags or keywords line with more words than this is not a list of tags: a bound on the
# work a crafted line costs, far above a news page's dozen tags, not a weight.
MAX_TAG_WORDS = 120
# Longest tag, in words: a bound on the spans searched; news tags (names, bodies, events)
# have at most five or six words.
MAX_TAG_LEN = 8
SEPARATORS = re.compile(r"[،,|;؛•·]")


def line_tokens(line: str) -> list[tuple[str, bool]]:
    """Space-separated tokens, and whether an explicit separator comes before each.

    Separators are punctuation between tags (`،`, `,`, `|`, a lone `-`) and the `#` of
    hashtags; a hyphen inside a token (`كوفيد-19`) is part of it.
    """
    tokens: list[tuple[str, bool]] = []
    for segment in SEPARATORS.split(line):
        separated = True
        for token in segment.split():
            if token.startswith("#"):
                token, separated = token.lstrip("#"), True
            if not NON_WORD.sub("", token):
                separated = True  # a lone dash or bullet between tags
                continue
            tokens.append((token, separated))
            separated = False
    return tokens


# Inside a token, Arabic letters never touch Latin ones, nor follow a digit, within one
# word (`كوفيد-19`, `5G` and `G20` keep their digits): such a seam is a glue point.
_SCRIPT_SEAM = re.compile(
    r"(?<=[\u0621-\u065f\u0670-\u06d3])(?=[A-Za-z])|(?<=[A-Za-z0-9\u0660-\u0669])(?=[\u0621-\u064a])"
)


def script_parts(tokens: Sequence[tuple[str, bool]]) -> Iterable[tuple[str, bool | None]]:
    """Tokens cut at script seams; a part after a seam comes with None: glued to the part
    before it, yet starting a tag of its own whose order the seam does not constrain."""
    for token, separated in tokens:
        parts = [token] if token.isascii() else _SCRIPT_SEAM.split(token)
        yield parts[0], separated
        for part in parts[1:]:
            yield part, None
