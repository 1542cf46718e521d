"""Reading the interface's strings out of the code: the msgids marked for the catalogue, and
the string literals shown without it."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # a terminal's escape sequence: no words
PACKAGE = Path(__file__).resolve().parent.parent / "reader"
MARKERS = {"_", "N_"}  # one msgid: the first argument
PLURAL_MARKERS = {"N_plural", "ngettext"}  # a singular and a plural msgid


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def msgids_in(source: str) -> Iterator[tuple[str, str | None]]:
    """(msgid, its plural or None) for every string marked in `source`."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = _name(node.func)
        first = _literal(node.args[0])
        if name in MARKERS and first is not None:
            yield first, None
        elif name in PLURAL_MARKERS and first is not None and len(node.args) > 1:
            yield first, _literal(node.args[1])


def click_msgids() -> dict[str, str | None]:
    """Every msgid the installed click marks (it calls gettext's `_` and `ngettext`)."""
    import click

    found: dict[str, str | None] = {}
    for path in sorted(Path(click.__file__).parent.glob("*.py")):
        for msgid, plural in msgids_in(path.read_text(encoding="utf-8")):
            found.setdefault(msgid, plural)
    return found


def package_msgids() -> dict[str, str | None]:
    """Every msgid the package marks, with its plural where it has one."""
    found: dict[str, str | None] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "language" in path.relative_to(PACKAGE).parts:
            continue  # the catalogue and its API, not strings to translate
        for msgid, plural in msgids_in(path.read_text(encoding="utf-8")):
            found.setdefault(msgid, plural)
    return found


@dataclass(frozen=True, slots=True)
class Bypass:
    """A string shown to the user without the catalogue."""

    line: int
    call: str
    text: str


# Calls whose arguments (by position, or by keyword) a person reads.
SHOWN_ARGUMENTS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "Binding": ((2,), ("description", "tooltip")),
    "notify": ((0,), ("message", "title")),
    "tell": ((1,), ("message", "title")),
    "say": ((0,), ()),
    "said": ((0,), ()),
    "Static": ((0,), ()),
    "Label": ((0,), ()),
    "Button": ((0,), ()),
    "RtlInput": ((0,), ("placeholder",)),
    "Input": ((), ("placeholder",)),
    "ConfirmScreen": ((0,), ()),
    "set": ((0, 1), ("description", "notice")),
    "Row": ((0,), ()),
    "Block": ((1,), ("text",)),
    "Failure": ((0,), ()),
    "ClickException": ((0,), ()),
    "UsageError": ((0,), ()),
    "echo": ((0,), ("message",)),
    "print": ((0,), ()),
    "Hit": ((1,), ("help",)),
    "DiscoveryHit": ((0,), ("help",)),
    "_said": ((0,), ()),
    # The command line's help: click shows these (`click.option`, `@cli.command`, …).
    "option": ((), ("help", "metavar")),
    "argument": ((), ("metavar",)),
    "command": ((), ("help", "short_help", "epilog")),
    "group": ((), ("help", "short_help", "epilog")),
}


def _words(node: ast.expr) -> str | None:
    """The text of a literal a person would read (one with letters in it), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(_literal(v) or "" for v in node.values)
    elif isinstance(node, ast.BinOp):
        return _words(node.left) or _words(node.right)
    else:
        return None
    text = CONTROL.sub("", text)
    return text if any(c.isalpha() for c in text) else None


def bypasses(source: str) -> list[Bypass]:
    """String literals with words in them, passed straight to something that shows them."""
    found: list[Bypass] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name not in SHOWN_ARGUMENTS:
            continue
        positions, keywords = SHOWN_ARGUMENTS[name]
        shown = [node.args[i] for i in positions if i < len(node.args)]
        shown += [k.value for k in node.keywords if k.arg in keywords]
        for argument in shown:
            text = _words(argument)
            if text is not None:
                found.append(Bypass(node.lineno, name, text))
    return found
