"""Every key binding also answers to the key typed with the keyboard in the Arabic layout.

A reader who types Arabic has the keyboard switched to the Arabic (101) layout, where the
key that types `j` on QWERTY types `ت`. Textual names a printable key by its character, so
the Arabic letter arrives as key `ت`. One table maps each QWERTY character to what the same
physical key types in the Arabic layout, and `keys()` adds those names to a binding's list.
"""

from __future__ import annotations

import re

from textual.binding import Binding
from textual.keys import _character_to_key

from reader.language import _

# The standard Arabic (101) layout, unshifted, plus the shifted keys the reader binds.
# Lam-alef keys: xkb sends the presentation-form ligature (one character); layouts that
# send two characters (lam then alef) cannot be told apart from two key presses.
ARABIC_101: dict[str, str] = {
    "q": "ض",
    "w": "ص",
    "e": "ث",
    "r": "ق",
    "t": "ف",
    "y": "غ",
    "u": "ع",
    "i": "ه",
    "o": "خ",
    "p": "ح",
    "[": "ج",
    "]": "د",
    "a": "ش",
    "s": "س",
    "d": "ي",
    "f": "ب",
    "g": "ل",
    "h": "ا",
    "j": "ت",
    "k": "ن",
    "l": "م",
    ";": "ك",
    "'": "ط",
    "z": "ئ",
    "x": "ء",
    "c": "ؤ",
    "v": "ر",
    "b": "\ufefb",  # ﻻ lam-alef
    "n": "ى",
    "m": "ة",
    ",": "و",
    ".": "ز",
    "/": "ظ",
    "G": "\ufef7",  # ﻷ lam-alef with hamza above (shift+g)
    "R": "\u064c",  # dammatan (shift+r)
    "B": "\ufef5",  # ﻵ lam-alef with madda above (shift+b)
    "?": "؟",
}


def key_name(character: str) -> str:
    """The name Textual gives the key event of a printable character (`ت`, `arabic_comma`)."""
    return _character_to_key(character)


def keys(*qwerty: str) -> str:
    """A binding's key list: the given keys, each followed by its Arabic-layout twin if any.

    >>> keys("j", "down")
    'j,ت,down'
    """
    names: list[str] = []
    for key in qwerty:
        names.append(key_name(key) if len(key) == 1 else key)
        twin = ARABIC_101.get(key)
        if twin is not None:
            names.append(key_name(twin))
    return ",".join(dict.fromkeys(names))


def _shown(binding: Binding, text: str) -> str:
    """A binding's text in the interface's language; `{n}` is the number its action takes
    (the digit keys share one wording)."""
    shown = _(text)
    if "{n}" in shown:
        number = re.search(r"\((\d+)\)", binding.action)
        shown = shown.replace("{n}", number.group(1) if number else "")
    return shown


def named(binding: Binding) -> str:
    """The binding's short name, as the key bar shows it."""
    return _shown(binding, binding.description)


def described(binding: Binding) -> str:
    """What the binding does, as the help and `newsreader keys` say it."""
    return _shown(binding, binding.tooltip or binding.description)
