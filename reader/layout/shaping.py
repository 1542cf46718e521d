"""Arabic shaping: letters → the presentation forms a terminal can draw without a shaper.

The reshaper is configured explicitly, key by key, and never from a file: the module-level
`arabic_reshaper.reshape` reads a file named by an environment variable, and its defaults
delete harakat (losing text) and enable the word ligature for "Allah", which a monospace
font squeezes into one cell. Only the lam-alef ligatures are kept: they fit one cell.

The reshaper drops every ZWJ, also those that tie an emoji sequence together (see
`sanitize`), so they pass through it as a noncharacter, which sanitised text never holds.
"""

from __future__ import annotations

import importlib
import os
from functools import cache
from types import ModuleType
from typing import Any

from reader.layout.sanitize import ZWJ, ZWNJ

_CONFIG_VARIABLE = "PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE"
_HELD_ZWJ = "\ufdd0"  # a noncharacter: the reshaper leaves it as it is

_ONE_CELL_LIGATURES = frozenset(
    {
        "ARABIC LIGATURE LAM WITH ALEF",
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
        "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
    }
)


@cache
def _library() -> ModuleType:
    """arabic_reshaper, imported on first use with its configuration variable hidden.

    Importing it builds a module-level reshaper from the file that variable names, and
    raises if the file is missing: the reader must not fail because of an unrelated setting.
    """
    hidden = os.environ.pop(_CONFIG_VARIABLE, None)
    try:
        return importlib.import_module("arabic_reshaper")
    finally:
        if hidden is not None:
            os.environ[_CONFIG_VARIABLE] = hidden


def reshaper_configuration() -> dict[str, Any]:
    """Every setting the reshaper knows, stated here so no default or file decides for us."""
    _library()
    config_module = importlib.import_module("arabic_reshaper.reshaper_config")
    ligatures = importlib.import_module("arabic_reshaper.ligatures")
    config: dict[str, Any] = {key: False for key in config_module.default_config}
    config.update(
        language="Arabic",
        delete_harakat=False,
        shift_harakat_position=False,
        delete_tatweel=False,
        support_zwj=True,
        use_unshaped_instead_of_isolated=False,
        support_ligatures=True,
    )
    every = (
        *ligatures.SENTENCES_LIGATURES,
        *ligatures.WORDS_LIGATURES,
        *ligatures.LETTERS_LIGATURES,
    )
    for name, _forms in every:
        config[name] = name in _ONE_CELL_LIGATURES
    return config


class _Settings:
    """The reshaper's settings, each read from its configparser section once. The reshaper
    asks for five of them on every call, which cost as much as the shaping itself; the
    flags stated here are known without asking (its first call asks every ligature's, which
    through configparser took longer than the reshaper's whole build)."""

    def __init__(self, section: Any, flags: dict[str, bool]) -> None:
        self._section = section
        self._flags = dict(flags)

    def get(self, name: str) -> Any:
        return self._section.get(name)

    def getboolean(self, name: str) -> bool:
        flag = self._flags.get(name)
        if flag is None:
            flag = self._flags[name] = self._section.getboolean(name)
        return flag


@cache
def _reshaper() -> Any:
    # os.devnull as the configuration file: the environment variable is then never read.
    configuration = reshaper_configuration()
    reshaper = _library().ArabicReshaper(configuration=configuration, configuration_file=os.devnull)
    flags = {name: value for name, value in configuration.items() if isinstance(value, bool)}
    reshaper.configuration = _Settings(reshaper.configuration, flags)
    return reshaper


def shape(text: str) -> str:
    """Presentation forms for Arabic letters, harakat kept after their letter, no ZWNJ left
    and every ZWJ still in place."""
    joined = ZWJ in text
    shaped = _reshaper().reshape(text.replace(ZWJ, _HELD_ZWJ) if joined else text)
    if joined:
        shaped = shaped.replace(_HELD_ZWJ, ZWJ)
    return shaped.replace(ZWNJ, "") if ZWNJ in shaped else shaped
