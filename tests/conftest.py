"""Every test runs with its own data directory: none reads or writes the user's own."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point XDG_DATA_HOME at a fresh folder; commands run as subprocesses inherit it."""
    home = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv("NEWSREADER_LIBRARY", raising=False)
    return Path(home)
