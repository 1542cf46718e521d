"""What the reader remembers of the user's choices made inside it (the theme picked in the
palette), in the user's data directory beside the library.

The settings file is the user's own and is never written. A choice made in the reader
wins over the file's until the file's own value changes: each remembered choice keeps the
file's value it overrode, so editing the file later takes effect again.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import platformdirs

FILE_NAME = "preferences.json"


def default_path() -> Path:
    return Path(platformdirs.user_data_dir("newsreader", appauthor=False)) / FILE_NAME


def _read(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, unreadable or damaged: nothing remembered
        return {}
    return data if isinstance(data, dict) else {}


def theme(from_settings: str | None, path: Path | None = None) -> str | None:
    """The theme to start with: the one last picked in the reader, unless the settings
    file has named another since; else the file's."""
    remembered = _read(path or default_path())
    picked, overrode = remembered.get("theme"), remembered.get("settings_theme")
    if isinstance(picked, str) and overrode == from_settings:
        return picked
    return from_settings


def remember_theme(picked: str, from_settings: str | None, path: Path | None = None) -> bool:
    """Keep the theme picked in the reader; False when the data directory cannot be written
    (the choice then lasts for this session only)."""
    path = path or default_path()
    data = {**_read(path), "theme": picked, "settings_theme": from_settings}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole beside it, then renamed over it: a kill leaves the old or the new.
        handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=".preferences-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(scratch, path)
    except OSError:
        return False
    return True
