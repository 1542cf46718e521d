"""The reader's settings: `$XDG_CONFIG_HOME/newsreader/config.toml`, read once at start.

A settings file is written by hand, so a mistake in it must not keep the reader from
starting: every unknown setting, bad value or unknown binding id is one `Problem` that names
the file, the line and the setting, and the setting keeps its default. Flags and environment
variables override the file (the command line decides that; this module only reads).
Nothing here knows Textual: the keymap's binding ids are checked against the ids the caller
passes in, and themes against the names it passes in.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import platformdirs

from reader.language import LANGUAGES, N_, Language, _

FILE_NAME = "config.toml"
LAYOUTS = ("rtl", "ltr")
BIDI_MODES = ("app", "terminal")
MARK_READ_AFTER = 1.5  # seconds an article is shown before it counts as read


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in the settings file, for one line on stderr or in a notice.

    The file is read before the language it may choose is known, so `message` is kept as
    the catalogue's msgid, with the `values` it names, and worded when shown.
    """

    path: str
    line: int | None
    setting: str
    message: str
    values: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        said = _(self.message).format(**dict(self.values))
        return f"{where}: {self.setting}: {said}" if self.setting else f"{where}: {said}"


@dataclass(frozen=True, slots=True)
class Settings:
    """What the file chose; None where it chose nothing (the program's default applies)."""

    language: Language | None = None
    theme: str | None = None
    layout: Literal["rtl", "ltr"] | None = None
    bidi: Literal["app", "terminal"] | None = None
    library: str | None = None
    folders: tuple[Path, ...] = ()
    mark_read_after: float = MARK_READ_AFTER
    hijri: bool = True  # the Hijri date beside the Gregorian one in an article's header
    keymap: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def default_path() -> Path:
    """Where the settings file is looked for (it need not exist)."""
    return Path(platformdirs.user_config_dir("newsreader", appauthor=False)) / FILE_NAME


def _line_of(text: str, table: str | None, key: str) -> int | None:
    """The line where `key` is set (inside `[table]` when given): tomllib keeps no lines."""
    current: str | None = None
    pattern = re.compile(rf"""^\s*(?:"{re.escape(key)}"|'{re.escape(key)}'|{re.escape(key)})\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1).strip("\"' ")
        elif current == table and pattern.match(line):
            return number
    return None


def _choice(value: object, options: tuple[str, ...]) -> str | None:
    return value if isinstance(value, str) and value in options else None


@dataclass(frozen=True, slots=True)
class KnownNames:
    """What the interface can check a keymap and a theme against."""

    binding_ids: Collection[str] | None = None
    themes: Collection[str] | None = None


def load(
    path: Path | None = None, *, known: Callable[[], KnownNames] | None = None
) -> tuple[Settings, list[Problem]]:
    """The settings in `path` (default: `default_path()`), and what was wrong in it.

    A missing file is no problem: every setting keeps its default. `known` is asked only
    when the file names a theme or a keymap: finding the binding ids loads the whole
    interface, which a reader with no keymap need not wait for at start.
    """
    path = default_path() if path is None else path
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        message = N_("cannot be read ({reason})")
        return Settings(), [Problem(shown, None, "", message, (("reason", reason),))]
    import tomllib  # only for a settings file that is there

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        line = int(found.group(1)) if found else None
        message = N_("is not valid TOML ({error})")
        return Settings(), [Problem(shown, line, "", message, (("error", str(error)),))]
    names = known() if known is not None and ("keymap" in data or "theme" in data) else None
    names = names or KnownNames()
    return _read(data, text, shown, names.binding_ids, names.themes)


def _read(
    data: Mapping[str, object],
    text: str,
    shown: str,
    binding_ids: Collection[str] | None,
    themes: Collection[str] | None,
) -> tuple[Settings, list[Problem]]:
    problems: list[Problem] = []
    values: dict[str, object] = {}

    def problem(key: str, message: str, table: str | None = None, **values: object) -> None:
        name = key if table is None else f"{table}.{key}"
        named = tuple((k, str(v)) for k, v in values.items())
        problems.append(Problem(shown, _line_of(text, table, key), name, message, named))

    for key, value in data.items():
        if key in ("layout", "bidi", "language"):
            options = {"layout": LAYOUTS, "bidi": BIDI_MODES, "language": LANGUAGES}[key]
            chosen = _choice(value, options)
            if chosen is None:
                wanted = ", ".join(options)
                problem(
                    key,
                    N_("must be one of {options}, not {value}"),
                    options=wanted,
                    value=repr(value),
                )
            else:
                values[key] = chosen
        elif key == "theme":
            if not isinstance(value, str) or (themes is not None and value not in themes):
                if themes is None:
                    problem(key, N_("{value} is not a theme"), value=repr(value))
                else:
                    names = ", ".join(sorted(themes))
                    message = N_("{value} is not a theme (one of {themes})")
                    problem(key, message, value=repr(value), themes=names)
            else:
                values[key] = value
        elif key == "library":
            if isinstance(value, str) and value.strip():
                values[key] = os.path.expanduser(value)
            else:
                problem(key, N_("must be a file name (a string)"))
        elif key == "folders":
            if isinstance(value, str):
                value = [value]
            if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
                values[key] = tuple(Path(os.path.expanduser(v)) for v in value)
            else:
                problem(key, N_("must be a folder or a list of folders (strings)"))
        elif key == "mark_read_after":
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            if ok and math.isfinite(float(value)) and float(value) >= 0:  # type: ignore[arg-type]
                values[key] = float(value)  # type: ignore[arg-type]
            else:
                message = N_("must be a number of seconds, 0 or more, not {value}")
                problem(key, message, value=repr(value))
        elif key == "hijri":
            if isinstance(value, bool):
                values[key] = value
            else:
                problem(key, N_("must be true or false, not {value}"), value=repr(value))
        elif key == "keymap":
            if isinstance(value, dict):
                values[key], wrong = _keymap(value, binding_ids)
                for binding, message in wrong:
                    problem(binding, message, "keymap")
            else:
                message = N_('must be a table: [keymap] then lines such as "list.down" = "j"')
                problem(key, message)
        else:
            problem(key, N_("is not a setting"))
    return Settings(**values), problems  # type: ignore[arg-type]


def _keymap(
    table: Mapping[str, object], binding_ids: Collection[str] | None
) -> tuple[dict[str, tuple[str, ...]], list[tuple[str, str]]]:
    """The rebound keys, and (binding id, what is wrong) for each entry that cannot be used."""
    keymap: dict[str, tuple[str, ...]] = {}
    wrong: list[tuple[str, str]] = []
    for binding, value in table.items():
        keys = [value] if isinstance(value, str) else value
        if binding_ids is not None and binding not in binding_ids:
            wrong.append((binding, N_("is not a binding id (`newsreader keys` lists them)")))
        elif not (
            isinstance(keys, list)
            and keys
            and all(isinstance(k, str) and k.strip() and "," not in k for k in keys)
        ):
            message = N_('must be a key or a list of keys, such as "j" or ["j", "down"]')
            wrong.append((binding, message))
        else:
            keymap[binding] = tuple(k.strip() for k in keys)
    return keymap, wrong
