"""Interface text with pieces to be typed in it (`--tag`, `.jsonl.gz`, `code`), laid out
right to left with each such piece kept as it is typed: left to right, and on one line.

The bidi algorithm puts the dashes of `--tag` after an Arabic word on the far side of
`tag`, as it does a quote or a dot (they are neutral); the engine drops the isolates that
would prevent it, as it must for a dump's text, so each such piece is laid out as a run of
strong left-to-right stand-ins, put back in their place after. The command line's help and
messages use it, and so do the reader's own words (the palette's help lines).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from reader.layout import fit_line, layout_paragraph

# What a line holds to be typed rather than read: an option's name (`--tag`, `-h`, after no
# letter, digit, dot or dash of its own), a file's extension (`.jsonl.gz`), a `code` span
# and a 'quoted' one with no right-to-left letter in it.
_TYPED = re.compile(
    r"(?<![A-Za-z0-9_.-])(?:--?|\.)[A-Za-z][A-Za-z0-9_.-]*"
    r"|`[^`\n\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]*`"
    r"|'[^'\n\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]*'"
)
# Private Use Area characters stand in for option names while a line is laid out: they are
# strong left to right, one cell wide, and left alone by sanitising and shaping. A text with
# such characters of its own (a dump's) is laid out as it is.
_STAND_IN = 0xE000
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _typed_kept(lay_out: Callable[[str], Sequence[str]], text: str) -> tuple[str, ...]:
    """`lay_out(text)`, each typed piece of `text` laid out as one strong run and put back."""
    if _PRIVATE_USE.search(text):
        return tuple(lay_out(text))
    names: list[str] = []

    def stand_in(match: re.Match[str]) -> str:
        names.append(match.group())
        return chr(_STAND_IN + len(names) - 1) * len(match.group())

    lines = tuple(lay_out(_TYPED.sub(stand_in, text)))
    if not names:
        return lines
    runs = re.compile(f"[{chr(_STAND_IN)}-{chr(_STAND_IN + len(names) - 1)}]+")
    used = [0] * len(names)  # of each name, the characters already put back

    def put_back(match: re.Match[str]) -> str:
        index = ord(match.group()[0]) - _STAND_IN
        start, used[index] = used[index], used[index] + len(match.group())
        return names[index][start : used[index]]

    return tuple(runs.sub(put_back, line) for line in lines)


def rtl_lines(text: str, width: int) -> tuple[str, ...]:
    """`text` laid out right to left in lines of at most `width` cells, what is in it to be
    typed kept as it is typed."""
    return _typed_kept(lambda laid: layout_paragraph(laid, width, "rtl").lines, text)


def rtl_fit(text: str, width: int) -> str:
    """`text` right to left on one line of at most `width` cells (cut with "…" when too
    long), what is in it to be typed kept as it is typed."""
    return _typed_kept(lambda laid: (fit_line(laid, width, "rtl"),), text)[0]
