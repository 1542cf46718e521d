"""Every binding the reader has, by id: what `newsreader keys` prints and `[keymap]` rebinds.

The bindings live on the widgets and screens that own them; this module finds them by
walking the reader's own interface modules, so a binding added anywhere is listed without
a second list to keep. A rebound key gets its Arabic-layout twin as the default keys do.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from textual.binding import Binding
from textual.dom import DOMNode

import reader.tui
from reader.tui.keys import described, keys


@dataclass(frozen=True, slots=True)
class KnownBinding:
    """One binding as `newsreader keys` shows it: its id, default keys and what it does (in
    the interface's language)."""

    id: str
    keys: tuple[str, ...]
    description: str


def _owners() -> Iterator[type[DOMNode]]:
    """The reader's widget, screen and app classes, in a stable order."""
    for module_info in sorted(pkgutil.walk_packages(reader.tui.__path__, "reader.tui."), key=str):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, DOMNode)
                and value.__module__ == module.__name__
            ):
                yield value


def known_bindings() -> list[KnownBinding]:
    """Every binding with an id, each id once, sorted by id."""
    found: dict[str, KnownBinding] = {}
    for owner in _owners():
        for binding in owner.__dict__.get("BINDINGS", []):
            if not isinstance(binding, Binding) or binding.id is None:
                continue
            description = described(binding)
            found.setdefault(
                binding.id, KnownBinding(binding.id, tuple(binding.key.split(",")), description)
            )
    return sorted(found.values(), key=lambda known: known.id)


def keymap_keys(keymap: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """The keymap as Textual's `set_keymap` takes it: each id's keys with their twins."""
    return {binding: keys(*chosen) for binding, chosen in keymap.items()}
